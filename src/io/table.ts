/**
 * A table of columns read from a file: every column as a Float64Array of numbers (NaN where a cell is
 * empty or not a number), the raw cells only for the columns asked for as text (class labels), and
 * where in the file each row starts, so that a message can name the line. Keeping numbers, not the text
 * or one object per record, is what lets a million-row CSV load in memory close to the size of its numbers.
 */

/** Which columns keep their raw cells (a set of names, or any test of a name). */
export interface TextColumns { has(name: string): boolean }

/** One column of a table. */
export interface TableColumn {
  readonly name: string;
  /** 'number' when the first non-empty cell is a number, 'text' when it is not, 'empty' when every cell is empty. */
  readonly kind: 'number' | 'text' | 'empty';
  /** The cells as numbers: NaN where a cell is empty or not a number (±Infinity are kept). */
  readonly values: Float64Array;
  /** The raw cells (strings from CSV, any JSON value), kept only for columns asked for as text. */
  readonly text: readonly unknown[] | null;
  /** The first cell that is not a finite number (empty cells included): its row and raw value. */
  readonly firstInvalid: { readonly row: number; readonly value: unknown } | null;
  /** The first empty cell (an empty CSV field, a JSON null or an absent key). */
  readonly firstEmpty: number | null;
}

/** Columns of equal length read from one source. */
export interface ColumnTable {
  /** The file name as given on the command line ("stdin" for `-`), for messages. */
  readonly source: string;
  readonly rows: number;
  readonly columns: readonly TableColumn[];
  /** Where row r is in the source, for a message: "line 12" (CSV, from 1) or "record 12" (JSON, from 1). */
  locate(row: number): string;
}

/**
 * A cell as a number: a JS number as is, a string through Number() (surrounding spaces allowed; not the
 * 0x/0b/0o literals), NaN for anything else and for an empty cell (an empty or blank string, null, undefined).
 * @example cellNumber(' 2.5 ') // 2.5
 */
export function cellNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return NaN;
  // JavaScript reads "0x10" as 16 (and 0b…, 0o…): a data file's "0x10" is more likely an id, so it is no number
  if (RADIX_PREFIX.test(v)) return NaN;
  const x = Number(v); // Number('') and Number('  ') are 0: tell them apart
  return x === 0 && isEmptyCell(v) ? NaN : x;
}

const RADIX_PREFIX = /^\s*[+-]?0[xXbBoO]/;

/** An empty CSV field, a blank string, a JSON null or an absent key. */
export function isEmptyCell(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** A string or JSON value that reads as a number (finite or not): "NaN" and "Infinity" count. */
function looksNumeric(v: unknown, x: number): boolean {
  return typeof v === 'number' || !Number.isNaN(x) || (typeof v === 'string' && v.trim() === 'NaN');
}

class ColumnBuilder {
  kind: TableColumn['kind'] = 'empty';
  values = new Float64Array(1024);
  text: unknown[] | null;
  firstInvalid: { row: number; value: unknown } | null = null;
  firstEmpty: number | null = null;
  constructor(readonly name: string, keepText: boolean) {
    this.text = keepText ? [] : null;
  }

  add(row: number, cell: unknown): void {
    if (row === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    const value = cellNumber(cell);
    this.values[row] = value;
    if (this.text) this.text.push(cell ?? null);
    if (Number.isNaN(value) && isEmptyCell(cell)) {
      if (this.firstEmpty === null) this.firstEmpty = row;
    } else if (this.kind === 'empty') {
      this.kind = looksNumeric(cell, value) ? 'number' : 'text';
    }
    if (this.firstInvalid === null && !Number.isFinite(value)) this.firstInvalid = { row, value: cell ?? null };
  }

  /** The column; the builder lets go of its growing buffer, so that only the exact-size copy stays. */
  finish(rows: number): TableColumn {
    const values = this.values.length === rows ? this.values : this.values.slice(0, rows);
    this.values = new Float64Array(0);
    return { name: this.name, kind: this.kind, values, text: this.text, firstInvalid: this.firstInvalid, firstEmpty: this.firstEmpty };
  }
}

/**
 * Collects rows cell by cell into columns.
 * @example
 * const b = new TableBuilder('data.csv', ['x', 'label'], new Set(['label']), 'line');
 * b.add(['1.5', 'red'], 2);
 * b.finish().columns[0].values; // Float64Array [1.5]
 */
export class TableBuilder {
  private readonly builders: ColumnBuilder[];
  private positions = new Uint32Array(1024);
  private rows = 0;

  constructor(readonly source: string, names: readonly string[], keepText: TextColumns,
    private readonly unit: 'line' | 'record') {
    this.builders = names.map((n) => new ColumnBuilder(n, keepText.has(n)));
  }

  /** Number of columns. */
  get width(): number { return this.builders.length; }

  /** Adds one row; `position` is its line (CSV) or record number (JSON), from 1. */
  add(cells: ArrayLike<unknown>, position: number): void {
    const r = this.rows++;
    if (r === this.positions.length) {
      const grown = new Uint32Array(this.positions.length * 2);
      grown.set(this.positions);
      this.positions = grown;
    }
    this.positions[r] = position;
    const b = this.builders;
    for (let c = 0; c < b.length; c++) b[c]!.add(r, cells[c]);
  }

  /** The table (call once: the builder lets go of its buffers). */
  finish(): ColumnTable {
    const positions = this.positions.slice(0, this.rows);
    this.positions = new Uint32Array(0);
    const unit = this.unit;
    return {
      source: this.source,
      rows: this.rows,
      columns: this.builders.map((b) => b.finish(this.rows)),
      locate: (row: number) => `${unit} ${positions[row] ?? '?'}`,
    };
  }
}
