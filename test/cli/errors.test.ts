/**
 * Every error path of the CLI: one line on stderr, `nadaraya: error: …`, naming the file, line, column
 * and value; exit status 2 for usage and parameters, 3 for data, 4 for resources; no stack trace
 * unless --debug.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MAIN, ROOT, errorLine, parity, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
after(() => tmp.remove());
const train = parity('reg1d_train.csv');
const query = parity('reg1d_query.csv');

function file(name: string, text: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs the CLI and checks the status, the one error line and that no stack trace is printed. */
async function expectError(args: string[], status: number, pattern: RegExp, input?: string): Promise<string> {
  const r = await runCli(args, input === undefined ? {} : { input });
  assert.equal(r.status, status, `exit status for ${args.join(' ')}; stderr: ${r.stderr}`);
  const line = errorLine(r.stderr);
  assert.match(line, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace without --debug');
  assert.equal(r.stdout, '', 'nothing on stdout');
  return line;
}

describe('errors: data (exit 3)', { concurrency: 4 }, () => {
  test('a non-numeric cell: the file, its 1-based line, the column and the value', async () => {
    const f = file('bad-cell.csv', 'x,y\n0.1,1\n0.2,2\n0.3,two\n0.4,4\n');
    await expectError(['predict', '--train', f, '--query', query, '--y', 'y'], 3,
      /^nadaraya: error: .*bad-cell\.csv, line 4, column "y": is not a number; got "two"\.$/);
  });

  test('a non-numeric cell after a quoted field with a CRLF inside: the line is still right', async () => {
    const f = file('multiline.csv', 'note,x,y\r\n"two\r\nlines",0.1,1\r\n\r\nplain,0.2,oops\r\n');
    await expectError(['predict', '--train', f, '--query', query, '--x', 'x', '--y', 'y'], 3,
      /multiline\.csv, line 5, column "y": is not a number; got "oops"/);
  });

  test('an empty cell in an x column', async () => {
    const f = file('empty-cell.csv', 'x,y\n0.1,1\n,2\n');
    await expectError(['predict', '--train', f, '--query', query, '--y', 'y'], 3, /empty-cell\.csv, line 3, column "x": the cell is empty/);
  });

  test('a non-numeric cell in a query file', async () => {
    const q = file('bad-query.csv', 'x\n0.5\nNaN\n');
    await expectError(['predict', '--train', train, '--query', q, '--y', 'y'], 3, /bad-query\.csv, line 3, column "x": must be a finite number; got "NaN"/);
  });

  test('a query file without an x column of the training file lists its columns', async () => {
    const q = file('other-columns.csv', 'a,b\n1,2\n');
    await expectError(['predict', '--train', train, '--query', q, '--y', 'y'], 3,
      /other-columns\.csv: has no column "x" \(an x column of the training file\); its columns are "a", "b"\.$/);
  });

  test('a ragged row (malformed CSV) names the line', async () => {
    const f = file('ragged.csv', 'x,y\n0.1,1\n0.2\n');
    await expectError(['predict', '--train', f, '--loo', '--y', 'y'], 3, /ragged\.csv, line 3: has 1 field, the header has 2/);
  });

  test('an unclosed quote', async () => {
    const f = file('unclosed.csv', 'x,y\n0.1,"1\n');
    await expectError(['predict', '--train', f, '--loo', '--y', 'y'], 3, /unclosed\.csv: is not valid CSV: .*quote/i);
  });

  test('a header that names a column twice, an empty file', async () => {
    await expectError(['predict', '--train', file('twice.csv', 'x,x\n1,2\n'), '--loo', '--y', 'x'], 3, /twice\.csv, line 1: the header names a column twice; got "x"/);
    await expectError(['predict', '--train', file('empty.csv', ''), '--loo', '--y', 'y'], 3, /empty\.csv: is empty: a CSV file needs a header row/);
  });

  test('invalid JSON, and JSON that is not an array of records', async () => {
    await expectError(['predict', '--train', file('bad.json', '[{"x": 1,'), '--loo', '--y', 'y'], 3, /bad\.json: is not valid JSON/);
    await expectError(['predict', '--train', file('object.json', '{"x": [1, 2]}'), '--loo', '--y', 'y'], 3, /object\.json: must hold a JSON array of records/);
    await expectError(['predict', '--train', file('nested.json', '[{"x": 1, "y": 2}, {"x": [3], "y": 4}]'), '--loo', '--y', 'y'], 3,
      /nested\.json, record 2, column "x": must be a number, a string or null/);
  });

  test('a negative weight names the line and the weights column', async () => {
    const f = file('weights.csv', 'x,w,y\n0.1,1,1\n0.2,-1,2\n0.3,1,3\n');
    await expectError(['predict', '--train', f, '--loo', '--y', 'y', '--weights-col', 'w'], 3, /weights\.csv, line 3, column "w": must be a finite number ≥ 0; got -1\./);
  });

  test('--empty error names the query line', async () => {
    const q = file('far.csv', 'x\n0.5\n100\n');
    await expectError(['predict', '--train', train, '--query', q, '--y', 'y', '--kernel', 'boxcar', '--bandwidth', '0.1', '--empty', 'error'], 3,
      /far\.csv, line 3: 1 query has no key within reach of the boxcar kernel/);
  });

  test('a missing label', async () => {
    const f = file('labels.csv', 'x,c\n0,a\n1,\n2,b\n');
    await expectError(['classify', '--train', f, '--loo', '--y', 'c'], 3, /labels\.csv, line 3, column "c": the label is missing/);
  });
});

describe('errors: usage and parameters (exit 2)', { concurrency: 4 }, () => {
  test('a missing column named by --x lists the columns that exist', async () => {
    await expectError(['predict', '--train', train, '--query', query, '--x', 'z', '--y', 'y'], 2,
      /reg1d_train\.csv: has no column "z" \(named by --x\); its columns are "x", "y"\.$/);
    await expectError(['classify', '--train', parity('cls2d_train.csv'), '--loo', '--y', 'class'], 2, /has no column "class" \(named by --y\); its columns are "a", "b", "label"/);
  });

  test('an unknown kernel lists the kernels', async () => {
    await expectError(['predict', '--train', train, '--query', query, '--y', 'y', '--kernel', 'gausian'], 2,
      /--kernel: unknown kernel \(did you mean "gaussian"\?\); known kernels are gaussian, normal, boxcar, .*epanechnikov.*; got "gausian"\./);
  });

  test('bad bandwidths: a word, a negative number, a bad list, a list of the wrong length', async () => {
    await expectError(['predict', '--train', train, '--query', query, '--y', 'y', '--bandwidth', 'scot'], 2, /bandwidth: must be .*scott.*; got "scot"/);
    await expectError(['predict', '--train', train, '--query', query, '--y', 'y', '--bandwidth', '-1'], 2, /bandwidth.*: must be a positive finite number; got -1/);
    await expectError(['predict', '--train', train, '--query', query, '--y', 'y', '--bandwidth', '0.3,x'], 2, /--bandwidth: must be a number, a comma list/);
    await expectError(['predict', '--train', parity('reg2d_train.csv'), '--query', parity('reg2d_query.csv'), '--y', 'y', '--bandwidth', '0.1,0.2,0.3'], 2,
      /bandwidth: must have one width per coordinate \(2\)/);
  });

  test('other bad options: --shape, --empty, --top-k, --delimiter, --format', async () => {
    const base = ['predict', '--train', train, '--query', query, '--y', 'y'];
    await expectError([...base, '--shape', 'square'], 2, /shape: must be one of radial, product/);
    await expectError([...base, '--empty', 'zero'], 2, /empty: must be one of nan, nearest, mean, error/);
    await expectError([...base, '--top-k', '3'], 2, /--top-k: needs --attention FILE/);
    await expectError([...base, '--attention', join(tmp.dir, 'a.csv'), '--top-k', '0'], 2, /--top-k: must be a whole number ≥ 1; got "0"/);
    await expectError([...base, '--delimiter', '"'], 2, /--delimiter: must be a character other than a quote/);
    await expectError([...base, '--format', 'xml'], 2, /option '--format <format>' argument 'xml' is invalid\. Allowed choices are csv, json/);
  });

  test('commander usage errors: unknown option, missing required option, unknown command, extra argument', async () => {
    await expectError(['predict', '--train', train, '--loo', '--y', 'y', '--bandwdth', '1'], 2, /^nadaraya: error: unknown option '--bandwdth' \(Did you mean --bandwidth\?\)$/);
    await expectError(['predict', '--train', train, '--loo'], 2, /^nadaraya: error: required option '--y <cols>' not specified$/);
    await expectError(['predikt'], 2, /^nadaraya: error: unknown command 'predikt' \(Did you mean predict\?\)$/);
    await expectError(['density', '--train', train, '--query', query, 'extra'], 2, /too many arguments/);
  });

  test('--query and --loo: exactly one; one stdin', async () => {
    await expectError(['predict', '--train', train, '--y', 'y'], 2, /--query: is needed \(or --loo/);
    await expectError(['predict', '--train', train, '--query', query, '--loo', '--y', 'y'], 2, /--loo: cannot be used with --query/);
    await expectError(['predict', '--train', '-', '--query', '-', '--y', 'y'], 2, /only one input can be read from stdin/);
  });

  test('--attention and --output the same file, or an output over an input: refused before anything is read', async () => {
    const out = join(tmp.dir, 'same.csv');
    await expectError(['predict', '--train', train, '--query', query, '--y', 'y', '--output', out, '--attention', out], 2, /--attention: is the same file as --output/);
    await expectError(['density', '--train', train, '--query', query, '--x', 'x', '--output', train], 2, /--output: is the same file as --train/);
    await expectError(['predict', '--train', train, '--query', query, '--y', 'y', '--attention', query], 2, /--attention: is the same file as --query/);
  });

  test('an empty JSON array, and JSON keys named like inherited properties', async () => {
    const empty = join(tmp.dir, 'empty.json');
    writeFileSync(empty, '[]');
    await expectError(['predict', '--train', empty, '--loo', '--y', 'y'], 3, /empty\.json: holds no records/);
    const proto = join(tmp.dir, 'proto.json');
    writeFileSync(proto, '[{"x":1,"y":2,"__proto__":3},{"x":2,"y":3},{"x":3,"y":1,"constructor":1}]');
    const r = await runCli(['predict', '--train', proto, '--loo', '--x', 'x', '--y', 'y', '--bandwidth', '1']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 4);
  });

  test('a full disk on stdout is reported once, as a resource error', async (t) => {
    if (!existsSync('/dev/full')) { t.skip('no /dev/full here'); return; }
    const fd = openSync('/dev/full', 'w');
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const r = spawnSync(process.execPath, [MAIN, 'predict', '--train', train, '--loo', '--y', 'y'], { cwd: ROOT, env, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    closeSync(fd);
    assert.equal(r.status, 4);
    const lines = r.stderr.trim().split('\n');
    assert.deepEqual(lines, ['nadaraya: error: stdout: cannot write "standard output": no space left on the device.']);
  });

  test('library errors in the CLI\'s terms: the flag, the file and column, the CLI\'s advice', async () => {
    await expectError(['predict', '--train', train, '--loo', '--y', 'y', '--kernel', 'gauss'], 2, /^nadaraya: error: --kernel: unknown kernel; known kernels are gaussian, .*got "gauss"\.$/);
    await expectError(['predict', '--train', train, '--loo', '--y', 'y', '--bandwidth', '-1'], 2, /^nadaraya: error: --bandwidth\[column 0\]: must be a positive finite number; got -1\.$/);
    await expectError(['predict', '--train', train, '--loo', '--y', 'y', '--tolerance', '2'], 2, /^nadaraya: error: --tolerance: must be a number in \[0, 1\)/);
    const constant = join(tmp.dir, 'constant.csv');
    writeFileSync(constant, 'a,x,y\n1,2,3\n1,3,4\n1,4,1\n');
    await expectError(['predict', '--train', constant, '--loo', '--x', 'a', '--y', 'y'], 3, /^nadaraya: error: .*constant\.csv, column "a": is constant/);
    await expectError(['bandwidth', '--train', constant, '--x', 'a', '--method', 'scott'], 3, /constant\.csv, column "a": is constant/);
  });

  test('files that cannot be read or written', async () => {
    await expectError(['predict', '--train', join(tmp.dir, 'nope.csv'), '--loo', '--y', 'y'], 2, /--train: cannot read ".*nope\.csv": no such file or directory/);
    await expectError(['predict', '--train', train, '--loo', '--y', 'y', '--output', join(tmp.dir, 'no-dir', 'out.csv')], 2,
      /--output: cannot write ".*no-dir\/out\.csv": no such file or directory/);
  });

  test('--debug prints the stack trace after the error line', async () => {
    const r = await runCli(['predict', '--train', train, '--query', query, '--y', 'y', '--kernel', 'nope', '--debug']);
    assert.equal(r.status, 2);
    assert.match(r.stderr.split('\n')[0]!, /^nadaraya: error: --kernel: unknown kernel/);
    assert.match(r.stderr, /NadarayaError: --kernel: unknown kernel[\s\S]*\n\s+at .*(options|kernels)/);
  });
});

describe('errors: resources (exit 4)', () => {
  test('a dense attention matrix over the library budget is refused', async () => {
    // 6000 × 6000 weights are 288 MB, over the 256 MiB budget
    const n = 6000;
    const xs = Array.from({ length: n }, (_, i) => (i / n).toString());
    const big = file('big-train.csv', 'x,y\n' + xs.map((x, i) => `${x},${i % 7}`).join('\n') + '\n');
    const bigQuery = file('big-query.csv', 'x\n' + xs.join('\n') + '\n');
    const out = join(tmp.dir, 'attention-too-large.csv');
    await expectError(['predict', '--train', big, '--query', bigQuery, '--y', 'y', '--bandwidth', '0.01', '--attention', out], 4,
      /attention: the dense attention matrix would need [0-9.]+ MiB, over the budget of 256\.0 MiB; use --top-k K instead/);
  });
});
