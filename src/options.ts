/**
 * Option objects are checked key by key: an unknown key is an error that suggests the nearest known
 * one (fast-kde's test passes an option that does not exist and still passes; we do not let that happen).
 */
import { NadarayaError } from './errors.js';

/** Throws E_PARAM when `options` has a key that is not in `known`, naming the closest known key. */
export function checkOptionKeys(options: object | undefined, known: readonly string[], argument = 'options'): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new NadarayaError('E_PARAM', { argument, value: options }, 'must be an object');
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = nearest(key, known);
    const hint = near ? ` (did you mean "${near}"?)` : '';
    throw new NadarayaError('E_PARAM', { argument: `${argument}.${key}` }, `unknown option${hint}; known options are ${known.join(', ')}`);
  }
}

/** The candidate with the smallest edit distance, if it is close enough to be a plausible typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) { bestDistance = dist; best = c; }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Checks that `value` is one of `choices`, with a suggestion when it is not. */
export function checkChoice<T extends string>(argument: string, value: unknown, choices: readonly T[]): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  const near = typeof value === 'string' ? nearest(value, choices) : undefined;
  const hint = near ? ` (did you mean "${near}"?)` : '';
  throw new NadarayaError('E_PARAM', { argument, value }, `must be one of ${choices.join(', ')}${hint}`);
}
