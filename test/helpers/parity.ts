/**
 * Loading and comparing the parity cases in `<repo>/../shared/parity` (answers of statsmodels, SciPy,
 * scikit-learn and R on seeded data; see the README and make_parity.py there).
 *
 * The comparison rule is the README's: |got − want| ≤ tol · max(|want|, 1e-5 · max|want| of the case),
 * and a `null` in want means the estimate must be NaN.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../src/package-root.js';

/** The repository root (the package's own folder). */
export const repoRoot = packageRoot;

/** The folder of parity cases. */
export const PARITY_DIR = resolve(repoRoot(), '..', 'shared', 'parity');

/** Names of the JSON case files, sorted. */
export function parityFiles(): string[] {
  return readdirSync(PARITY_DIR).filter((f) => f.endsWith('.json')).sort();
}

export function loadJson<T = any>(name: string): T {
  return JSON.parse(readFileSync(join(PARITY_DIR, name), 'utf8')) as T;
}

export type CsvRecord = Record<string, number | string>;

/** A tiny CSV reader: a header line, comma separated, no quoting; numeric fields become numbers. */
export function readCsv(name: string): CsvRecord[] {
  const lines = readFileSync(join(PARITY_DIR, name), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line, r) => {
    const fields = line.split(',');
    if (fields.length !== header.length) throw new Error(`${name} line ${r + 2}: ${fields.length} fields, expected ${header.length}`);
    const rec: CsvRecord = {};
    header.forEach((h, c) => {
      const s = fields[c]!;
      const v = s.trim() === '' ? NaN : Number(s);
      rec[h] = Number.isNaN(v) && s.trim() !== 'NaN' ? s : v;
    });
    return rec;
  });
}

/** The listed numeric columns of records, as an array of rows. */
export function rows(records: readonly CsvRecord[], columns: readonly string[]): number[][] {
  return records.map((r) => columns.map((c) => {
    const v = r[c];
    if (typeof v !== 'number') throw new Error(`column ${c} is not numeric: ${String(v)}`);
    return v;
  }));
}

/** Largest relative error seen per parity file, with where it was seen. */
const worst = new Map<string, { error: number; label: string }>();

export function recordError(file: string, error: number, label: string): void {
  const w = worst.get(file);
  if (!w || error > w.error) worst.set(file, { error, label });
}

/** One line per parity file: its largest relative error. */
export function paritySummary(): string[] {
  return [...worst.keys()].sort().map((f) => {
    const w = worst.get(f)!;
    return `parity ${f}: max rel error ${w.error.toExponential(1)} (${w.label})`;
  });
}

export interface CloseOptions {
  /** Parity file to charge the error to (for the summary). */
  file?: string;
  /** max|want| of the case, when `want` is only part of it (default: from `want`). */
  caseMax?: number;
  /** An absolute allowance added to the bound (e.g. for values rounded to 15 decimals). */
  absTol?: number;
}

/**
 * Asserts the README rule element-wise and returns the largest relative error
 * (|got − want| − absTol)⁺ / max(|want|, 1e-5 · max|want|). `null` (or NaN) in want: got must be NaN.
 */
export function assertClose(got: ArrayLike<number> | number, want: ArrayLike<number | null> | number | null,
  tol: number, label: string, options: CloseOptions = {}): number {
  const g = typeof got === 'number' ? [got] : Array.from(got);
  const w = want === null || typeof want === 'number' ? [want] : Array.from(want);
  if (g.length !== w.length) throw new Error(`${label}: got ${g.length} values, want ${w.length}`);
  let caseMax = options.caseMax ?? 0;
  if (options.caseMax === undefined) for (const v of w) if (v !== null && Number.isFinite(v)) caseMax = Math.max(caseMax, Math.abs(v));
  const floor = 1e-5 * caseMax;
  let largest = 0;
  const failures: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const x = g[i]!;
    const y = w[i];
    if (y === null || y === undefined || Number.isNaN(y)) {
      if (!Number.isNaN(x)) failures.push(`[${i}] got ${x}, want NaN`);
      continue;
    }
    const scale = Math.max(Math.abs(y), floor);
    const diff = Math.abs(x - y);
    // relative error beyond the absolute allowance, if any
    const rel = Math.max(0, diff - (options.absTol ?? 0)) / (scale > 0 ? scale : 1);
    if (!(diff <= tol * scale + (options.absTol ?? 0))) failures.push(`[${i}] got ${x}, want ${y} (rel error ${rel.toExponential(2)})`);
    else if (rel > largest) largest = rel;
  }
  if (failures.length > 0) {
    throw new Error(`${label}: ${failures.length} of ${w.length} values outside tol ${tol}: ${failures.slice(0, 5).join('; ')}`);
  }
  if (options.file) recordError(options.file, largest, label);
  return largest;
}
