/** A dense row-major matrix of float64: the one shape every input is converted to. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

export function matrix(data: Float64Array, rows: number, cols: number): Matrix {
  return { data, rows, cols };
}

/** Keeps the listed rows. */
export function takeRows(m: Matrix, rows: readonly number[]): Matrix {
  const out = new Float64Array(rows.length * m.cols);
  rows.forEach((r, i) => out.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
  return { data: out, rows: rows.length, cols: m.cols };
}

/** One column as a new array. */
export function column(m: Matrix, c: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + c]!;
  return out;
}
