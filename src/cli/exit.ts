/**
 * Error → exit status, in one place: 2 for usage and parameters, 3 for data, 4 for resources, 1 for
 * anything unexpected. The message is one line on stderr, `nadaraya: error: …`; the stack only with --debug.
 */
import { NadarayaError } from '../index.js';
import type { ErrorCode } from '../index.js';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_USAGE = 2;
export const EXIT_DATA = 3;
export const EXIT_RESOURCE = 4;

const STATUS_OF_CODE: Record<ErrorCode, number> = {
  E_PARAM: EXIT_USAGE,
  E_DATA: EXIT_DATA,
  E_FORMAT: EXIT_DATA,
  E_RESOURCE: EXIT_RESOURCE,
};

/** Node's error codes for a full disk or exhausted memory/handles: resources, like E_RESOURCE. */
const RESOURCE_ERRNO = new Set(['ENOSPC', 'EDQUOT', 'ENOMEM', 'EMFILE', 'ENFILE', 'ERR_STRING_TOO_LONG']);

/** A commander error (usage), recognised without importing commander here. */
function isCommanderError(e: unknown): e is Error & { code: string; exitCode: number } {
  const fields = e as { code?: unknown; exitCode?: unknown } | null;
  return e instanceof Error && typeof fields?.code === 'string' && fields.code.startsWith('commander.') && typeof fields.exitCode === 'number';
}

/**
 * The exit status for an error.
 * @example exitStatus(new NadarayaError('E_DATA', { argument: 'x' }, 'bad')) // 3
 */
export function exitStatus(e: unknown): number {
  if (e instanceof NadarayaError) return STATUS_OF_CODE[e.code] ?? EXIT_INTERNAL;
  if (isCommanderError(e)) return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (e instanceof RangeError && /allocation|Array buffer|Invalid typed array length|Invalid string length/i.test(e.message)) return EXIT_RESOURCE;
  const errno = (e as { code?: unknown } | null)?.code;
  if (typeof errno === 'string' && RESOURCE_ERRNO.has(errno)) return EXIT_RESOURCE;
  return EXIT_INTERNAL;
}

/** One line: newlines folded, so that scripts can read stderr line by line. */
export function oneLine(message: string): string {
  return message.trim().replace(/\s*\n+\s*/g, ' ');
}

/** Library options and the CLI flags that set them. */
const FLAG_OF_OPTION: Record<string, string> = {
  kernel: '--kernel', bandwidth: '--bandwidth', shape: '--shape', empty: '--empty', standardize: '--standardize',
  backend: '--backend', precision: '--precision', threads: '--threads', method: '--method', tolerance: '--tolerance',
  errorScale: '--error-scale', topK: '--top-k',
};
/** Library advice reworded for the CLI. */
const ADVICE: [RegExp, string][] = [
  [/ask for topK instead, or raise the budget \(the estimators' maxAttentionBytes option\)/, 'use --top-k K instead'],
];

/**
 * A library error about an option, in the CLI's terms: the flag instead of the option's name, the CLI's
 * advice instead of the library's. Other errors are returned as they are.
 * @example asFlagError(new NadarayaError('E_PARAM', { argument: 'kernel', value: 'gauss' }, 'unknown kernel')).message // "--kernel: unknown kernel; got \"gauss\"."
 */
export function asFlagError(e: unknown): unknown {
  if (!(e instanceof NadarayaError)) return e;
  const flag = FLAG_OF_OPTION[e.argument];
  let problem = e.problem;
  for (const [pattern, advice] of ADVICE) problem = problem.replace(pattern, advice);
  if (flag === undefined && problem === e.problem) return e;
  const detail = { argument: flag ?? e.argument, ...(e.row === undefined ? {} : { row: e.row }), ...(e.column === undefined ? {} : { column: e.column }),
    ...('value' in e ? { value: e.value } : {}) };
  const out = new NadarayaError(e.code, detail, problem);
  // --debug shows where the library threw, not this copy
  if (e.stack) out.stack = `${out.name}: ${out.message}\n${e.stack.split('\n').slice(1).join('\n')}`;
  return out;
}

/**
 * Prints the error (commander already printed its own) and returns the exit status.
 * @example process.exitCode = reportError(e, { debug: false, write: (s) => process.stderr.write(s) });
 */
export function reportError(e: unknown, options: { debug: boolean; write: (text: string) => void }): number {
  e = asFlagError(e);
  const status = exitStatus(e);
  if (isCommanderError(e)) return status;
  const message = e instanceof Error ? e.message : String(e);
  const hint = status === EXIT_INTERNAL && !options.debug ? ' (run with --debug for the stack trace)' : '';
  options.write(`nadaraya: error: ${oneLine(message)}${hint}\n`);
  if (options.debug && e instanceof Error && e.stack) options.write(`${e.stack}\n`);
  return status;
}
