/**
 * One error class for every bad input, with a code a program can branch on and a message that names
 * the argument, the row/column and the value (the scikit-learn style of one template for everything).
 */

/** What kind of problem: a bad option, bad data, a malformed file, or a resource limit. */
export type ErrorCode = 'E_PARAM' | 'E_DATA' | 'E_FORMAT' | 'E_RESOURCE';

/** Where in the input the problem is. */
export interface ErrorDetail {
  /** The argument or option name, e.g. `bandwidth` or `x`. */
  argument: string;
  /** 0-based row, when the problem is in one row of data. */
  row?: number;
  /** 0-based column (or a column name), when the problem is in one column. */
  column?: number | string;
  /** The offending value, shown in the message. */
  value?: unknown;
}

/** The plain-object form that survives `postMessage` and JSON. */
export interface SerializedNadarayaError extends ErrorDetail {
  name: 'NadarayaError';
  code: ErrorCode;
  message: string;
  problem?: string;
}

/**
 * The error every validated entry point throws.
 * @example
 * try { regression({ bandwidth: -1 }) } catch (e) { if (e instanceof NadarayaError) console.log(e.code) }
 */
export class NadarayaError extends Error {
  override readonly name = 'NadarayaError';
  readonly code: ErrorCode;
  readonly argument: string;
  readonly row?: number;
  readonly column?: number | string;
  readonly value?: unknown;
  /** The message without its location prefix: what is wrong, e.g. "must be a finite number". */
  readonly problem: string;
  /** The value as the message shows it (kept as sent when rebuilt from JSON). */
  private valueText?: string;

  constructor(code: ErrorCode, detail: ErrorDetail, problem: string) {
    super(formatMessage(detail, problem));
    this.problem = problem;
    if ('value' in detail) this.valueText = describeValue(detail.value);
    this.code = code;
    this.argument = detail.argument;
    if (detail.row !== undefined) this.row = detail.row;
    if (detail.column !== undefined) this.column = detail.column;
    if ('value' in detail) this.value = detail.value;
  }

  /** A plain object for `postMessage` / JSON; `NadarayaError.fromJSON` rebuilds the error. */
  toJSON(): SerializedNadarayaError {
    const out: SerializedNadarayaError = { name: 'NadarayaError', code: this.code, message: this.message, problem: this.problem, argument: this.argument };
    if (this.row !== undefined) out.row = this.row;
    if (this.column !== undefined) out.column = this.column;
    if (this.valueText !== undefined) out.value = this.valueText;
    return out;
  }

  /** Rebuilds an error sent through `postMessage` or JSON. */
  static fromJSON(obj: SerializedNadarayaError): NadarayaError {
    const e = new NadarayaError(obj.code, obj, obj.problem ?? obj.message);
    Object.defineProperty(e, 'message', { value: obj.message });
    if (obj.value !== undefined) e.valueText = String(obj.value);
    return e;
  }
}

/** "x[row 3, column 1]: must be a finite number; got NaN." */
function formatMessage(detail: ErrorDetail, problem: string): string {
  const where: string[] = [];
  if (detail.row !== undefined) where.push(`row ${detail.row}`);
  if (detail.column !== undefined) where.push(`column ${typeof detail.column === 'string' ? JSON.stringify(detail.column) : detail.column}`);
  const loc = where.length ? `[${where.join(', ')}]` : '';
  const got = 'value' in detail ? `; got ${describeValue(detail.value)}` : '';
  return `${detail.argument}${loc}: ${problem}${got}.`;
}

/** A short, safe rendering of any value for a message. */
export function describeValue(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'function') return 'a function';
  if (ArrayBuffer.isView(v)) return `${v.constructor.name} of length ${(v as unknown as ArrayLike<number>).length}`;
  if (Array.isArray(v)) return v.length <= 6 ? `[${v.map(describeValue).join(', ')}]` : `an array of length ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/** Shorthand for a parameter error. */
export function paramError(argument: string, problem: string, value?: unknown): NadarayaError {
  return arguments.length > 2
    ? new NadarayaError('E_PARAM', { argument, value }, problem)
    : new NadarayaError('E_PARAM', { argument }, problem);
}
