/** The readers and writers of src/io, without a process: CSV and JSON into columns, text out. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NadarayaError } from '../../src/index.js';
import { CsvTableReader } from '../../src/io/csv.js';
import { parseJsonTable } from '../../src/io/json.js';
import { columnList, numericColumnNames, typedLabels } from '../../src/io/select.js';
import { RowMajor, csvChunks, csvField, formatNumber, jsonChunks } from '../../src/io/write.js';

async function readCsvText(text: string | Buffer, keepText: string[] = [], chunk = 7): Promise<ReturnType<CsvTableReader['table']>> {
  const reader = new CsvTableReader('t.csv', { keepText: new Set(keepText) });
  const bytes = Buffer.from(text);
  // small chunks: records and quoted fields cross chunk boundaries
  const parts = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk));
  try {
    await pipeline(Readable.from(parts), reader);
  } catch (e) {
    throw reader.formatError(e);
  }
  return reader.table();
}

describe('io/csv', () => {
  test('numbers into Float64Array columns; kinds; text kept only where asked', async () => {
    const t = await readCsvText('a, b ,label\n1,2.5,red\n-0,1e3,"blue, dark"\n', ['label']);
    assert.equal(t.rows, 2);
    assert.deepEqual(t.columns.map((c) => [c.name, c.kind]), [['a', 'number'], ['b', 'number'], ['label', 'text']]);
    assert.ok(t.columns[0]!.values instanceof Float64Array);
    assert.deepEqual(Array.from(t.columns[1]!.values), [2.5, 1000]);
    assert.ok(Object.is(t.columns[0]!.values[1], -0));
    assert.deepEqual(t.columns[2]!.text, ['red', 'blue, dark']);
    assert.equal(t.columns[0]!.text, null);
    assert.deepEqual(numericColumnNames(t, []), ['a', 'b']);
  });

  test('CRLF, a BOM, blank lines and multi-line quoted fields: each row knows its line', async () => {
    const text = '\ufeffx,note\r\n1,a\r\n\r\n2,"two\r\nlines"\r\n3,"x ""y"""\r\n\r\n4,z';
    const t = await readCsvText(text, ['note']);
    assert.deepEqual(t.columns[0]!.name, 'x');
    assert.deepEqual(Array.from(t.columns[0]!.values), [1, 2, 3, 4]);
    assert.deepEqual(t.columns[1]!.text, ['a', 'two\r\nlines', 'x "y"', 'z']);
    assert.deepEqual([0, 1, 2, 3].map((r) => t.locate(r)), ['line 2', 'line 4', 'line 6', 'line 8']);
  });

  test('the first invalid and the first empty cell of a column', async () => {
    const t = await readCsvText('x,y\n1,2\n,3\n4,five\n');
    assert.deepEqual(t.columns[0]!.firstEmpty, 1);
    assert.deepEqual(t.columns[0]!.firstInvalid, { row: 1, value: '' });
    assert.equal(t.columns[1]!.kind, 'number');
    assert.deepEqual(t.columns[1]!.firstInvalid, { row: 2, value: 'five' });
  });

  test('0x/0b/0o literals are not numbers (JavaScript would read "0x10" as 16); padded numbers and exponents are', async () => {
    const t = await readCsvText('x,y\n 2 ,1e-3\n0x10,-0b1\n+0o7,2E2\n');
    assert.deepEqual(Array.from(t.columns[0]!.values), [2, NaN, NaN]);
    assert.deepEqual(t.columns[0]!.firstInvalid, { row: 1, value: '0x10' });
    assert.deepEqual(Array.from(t.columns[1]!.values), [1e-3, NaN, 200]);
    assert.deepEqual(t.columns[1]!.firstInvalid, { row: 1, value: '-0b1' });
  });

  test('malformed files are NadarayaError E_FORMAT', async () => {
    for (const [text, pattern] of [
      ['x,y\n1,2\n3\n', /t\.csv, line 3: has 1 field, the header has 2/],
      ['x,\n1,2\n', /column 2 has no name/],
      ['', /is empty/],
      ['x\n"1\n', /is not valid CSV/],
    ] as const) {
      await assert.rejects(readCsvText(text), (e: unknown) => e instanceof NadarayaError && e.code === 'E_FORMAT' && pattern.test(e.message));
    }
  });

  test('a header alone gives 0 rows', async () => {
    const t = await readCsvText('x,y\n');
    assert.equal(t.rows, 0);
    assert.deepEqual(t.columns.map((c) => c.kind), ['empty', 'empty']);
  });
});

describe('io/json and io/select', () => {
  test('records: keys in order of appearance, absent keys and null are empty', () => {
    const t = parseJsonTable('[{"x": 1, "c": "a"}, {"x": 2.5, "extra": null}, {"c": "b", "x": "3"}]', 'd.json', new Set(['c']));
    assert.deepEqual(t.columns.map((c) => c.name), ['x', 'c', 'extra']);
    assert.deepEqual(Array.from(t.columns[0]!.values), [1, 2.5, 3]);
    assert.deepEqual(t.columns[1]!.text, ['a', null, 'b']);
    assert.equal(t.columns[1]!.firstEmpty, 1);
    assert.equal(t.locate(2), 'record 3');
    assert.equal(t.columns[2]!.kind, 'empty');
  });

  test('malformed JSON is E_FORMAT', () => {
    assert.throws(() => parseJsonTable('[1, 2]', 'd.json'), /d\.json, record 1: must be an object; got 1/);
    assert.throws(() => parseJsonTable('nope', 'd.json'), /d\.json: is not valid JSON/);
  });

  test('column lists and labels', () => {
    assert.deepEqual(columnList(' a, b ', '--x'), ['a', 'b']);
    assert.throws(() => columnList('a,,b', '--x'), /--x: must be a comma-separated list/);
    assert.deepEqual(typedLabels(['10', '2', ' 1']), [10, 2, 1]);
    assert.deepEqual(typedLabels(['a', '2']), ['a', '2']);
    assert.deepEqual(typedLabels([1, 'b']), [1, 'b']);
  });
});

describe('io/write', () => {
  test('numbers in full precision, NaN empty, −0 kept; fields quoted when needed', () => {
    assert.equal(formatNumber(0.1 + 0.2), '0.30000000000000004');
    assert.equal(formatNumber(NaN), '');
    assert.equal(formatNumber(-0), '-0');
    assert.equal(formatNumber(-Infinity), '-Infinity');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('a;b', ';'), '"a;b"');
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField(null), '');
  });

  test('CSV in chunks, and the same text whatever the chunking', () => {
    const m = 50_000;
    const text = [...csvChunks([{ name: 'i', cell: (i) => i }, { name: 'half', cell: (i) => i / 2 }], m)].join('');
    const lines = text.split('\n');
    assert.equal(lines[0], 'i,half');
    assert.equal(lines[3], '2,1');
    assert.equal(lines.length, m + 2);
    assert.ok([...csvChunks([{ name: 'i', cell: (i) => i }], m)].length > 1, 'more than one chunk');
  });

  test('JSON: a key per line, typed arrays, rows, null for non-finite numbers', () => {
    const text = [...jsonChunks([
      ['kernel', 'gaussian'], ['bandwidth', Float64Array.of(0.5)], ['predictions', Float64Array.of(1, NaN, -Infinity, -0)],
      ['rows', new RowMajor(Float64Array.of(1, 2, 3, 4), 2)], ['objective', null], ['nested', { a: [1, 'x'] }],
    ])].join('');
    assert.equal(text, '{\n  "kernel": "gaussian",\n  "bandwidth": [0.5],\n  "predictions": [1, null, null, -0],\n'
      + '  "rows": [[1, 2], [3, 4]],\n  "objective": null,\n  "nested": {"a": [1, "x"]}\n}\n');
    const parsed = JSON.parse(text);
    assert.deepEqual(parsed.rows, [[1, 2], [3, 4]]);
  });
});
