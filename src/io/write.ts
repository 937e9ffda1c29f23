/**
 * Output as text chunks, so that a million rows never become one giant string: CSV with a header, and
 * one JSON object with a key per line. Numbers are printed in full precision (the shortest string that
 * reads back to the same double, as String(x) does, and "-0" for −0); an undefined estimate (NaN) is an empty CSV cell and
 * null in JSON, ±Infinity is "Infinity"/"-Infinity" in CSV and null in JSON (JSON has no infinities).
 */

/** A cell: a number, a label, or nothing. */
export type Cell = number | string | boolean | null | undefined;

/** A CSV column: its header and a reader of row i. */
export interface OutputColumn {
  readonly name: string;
  readonly cell: (row: number) => Cell;
}

/** A row-major m × cols block of numbers, written to JSON as an array of rows. */
export class RowMajor {
  constructor(readonly data: ArrayLike<number>, readonly cols: number) {}
  get rows(): number { return this.cols === 0 ? 0 : this.data.length / this.cols; }
}

/** A JSON value as this writer takes it: typed arrays and RowMajor blocks included. */
export type JsonValue = Cell | ArrayLike<unknown> | RowMajor | { readonly [key: string]: JsonValue };

const CHUNK = 1 << 16;

/** A number in full precision (−0 keeps its sign, as it reads back); '' for NaN. */
export function formatNumber(x: number): string {
  return Number.isNaN(x) ? '' : x === 0 && 1 / x < 0 ? '-0' : String(x);
}

/** A CSV field, quoted when it holds the delimiter, a quote or a line break. */
export function csvField(value: Cell, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  const s = String(value);
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV text in chunks of about 64 KiB: the header, then one line per row.
 * @example [...csvChunks([{ name: 'x', cell: (i) => i / 2 }], 3)].join('') // 'x\n0\n0.5\n1\n'
 */
export function* csvChunks(columns: readonly OutputColumn[], rows: number, delimiter = ','): Generator<string> {
  let buf = columns.map((c) => csvField(c.name, delimiter)).join(delimiter) + '\n';
  const width = columns.length;
  for (let i = 0; i < rows; i++) {
    let line = '';
    for (let c = 0; c < width; c++) {
      if (c > 0) line += delimiter;
      line += csvField(columns[c]!.cell(i), delimiter);
    }
    buf += line + '\n';
    if (buf.length >= CHUNK) { yield buf; buf = ''; }
  }
  if (buf.length > 0) yield buf;
}

/**
 * One JSON object, a key per line, values on one line each (arrays written in chunks).
 * @example [...jsonChunks([['kernel', 'gaussian'], ['bandwidth', [0.5]]])].join('')
 * // '{\n  "kernel": "gaussian",\n  "bandwidth": [0.5]\n}\n'
 */
export function* jsonChunks(entries: readonly (readonly [string, JsonValue])[]): Generator<string> {
  yield '{\n';
  for (let e = 0; e < entries.length; e++) {
    const [key, value] = entries[e]!;
    yield `  ${JSON.stringify(key)}: `;
    yield* jsonValue(value);
    yield e < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}\n';
}

/** A value on one line; long arrays come in chunks. */
export function* jsonValue(value: JsonValue): Generator<string> {
  if (value instanceof RowMajor) {
    const { data, cols } = value;
    yield* jsonArray(value.rows, (i) => {
      let s = '[';
      for (let c = 0; c < cols; c++) s += (c > 0 ? ', ' : '') + jsonScalar(data[i * cols + c]!);
      return s + ']';
    });
  } else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const arr = value as ArrayLike<JsonValue>;
    yield* jsonArray(arr.length, (i) => {
      const v = arr[i];
      return v !== null && typeof v === 'object' ? [...jsonValue(v)].join('') : jsonScalar(v as Cell);
    });
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    yield '{';
    for (let k = 0; k < keys.length; k++) {
      yield `${k > 0 ? ', ' : ''}${JSON.stringify(keys[k])}: `;
      yield* jsonValue((value as { [key: string]: JsonValue })[keys[k]!]!);
    }
    yield '}';
  } else {
    yield jsonScalar(value as Cell);
  }
}

function* jsonArray(length: number, item: (i: number) => string): Generator<string> {
  let buf = '[';
  for (let i = 0; i < length; i++) {
    buf += (i > 0 ? ', ' : '') + item(i);
    if (buf.length >= CHUNK) { yield buf; buf = ''; }
  }
  yield buf + ']';
}

/** A scalar: non-finite numbers and undefined are null. */
function jsonScalar(v: Cell): string {
  if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v) : 'null';
  return v === undefined ? 'null' : JSON.stringify(v);
}
