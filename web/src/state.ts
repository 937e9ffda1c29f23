/**
 * The view's state and its URL form: `?mode=regression&kernel=gaussian&h=0.5&seed=2024&n=40` (`h=0.5,0.7`
 * for the two widths of classification, `adaptive=1` for local widths). Bad or unknown values fall back
 * to the defaults and are reported, never thrown.
 */
import { CHAPTER_SEED, kernelNames } from '../../src/index.js';
import type { Mode } from './protocol.js';

export interface ViewState {
  mode: Mode;
  kernel: string;
  /** Raw widths; null until the data give a default (the normal-reference rule). */
  width: number[] | null;
  seed: number;
  n: number;
  adaptive: boolean;
}

export const MODES: readonly Mode[] = ['regression', 'density', 'classification'];
export const N_MIN = 10;
export const N_MAX = 100_000;

export function defaultState(): ViewState {
  return { mode: 'regression', kernel: 'gaussian', width: null, seed: CHAPTER_SEED, n: 40, adaptive: false };
}

/** Reads the state from a query string; returns the state and what was ignored. */
export function parseState(search: string): { state: ViewState; ignored: string[] } {
  const p = new URLSearchParams(search);
  const s = defaultState();
  const ignored: string[] = [];
  const mode = p.get('mode');
  if (mode !== null) {
    if ((MODES as readonly string[]).includes(mode)) s.mode = mode as Mode;
    else ignored.push('mode');
  }
  const kernel = p.get('kernel');
  if (kernel !== null) {
    if ((kernelNames as readonly string[]).includes(kernel)) s.kernel = kernel;
    else ignored.push('kernel');
  }
  const seed = p.get('seed');
  if (seed !== null) {
    const v = Number(seed);
    if (Number.isInteger(v) && v >= 0 && v <= 0xffffffff) s.seed = v;
    else ignored.push('seed');
  }
  const n = p.get('n');
  if (n !== null) {
    const v = Number(n);
    if (Number.isInteger(v) && v >= N_MIN && v <= N_MAX) s.n = v;
    else ignored.push('n');
  }
  const h = p.get('h');
  if (h !== null) {
    const v = h.split(',').map(Number);
    if (v.length >= 1 && v.length <= 2 && v.every((x) => x > 0 && Number.isFinite(x))) s.width = v;
    else ignored.push('h');
  }
  const adaptive = p.get('adaptive');
  if (adaptive !== null) {
    if (adaptive === '1' || adaptive === '0') s.adaptive = adaptive === '1';
    else ignored.push('adaptive');
  }
  if (s.width && s.width.length !== (s.mode === 'classification' ? 2 : 1)) {
    // one width given for two axes (or the reverse): use it for each axis
    s.width = s.mode === 'classification' ? [s.width[0]!, s.width[0]!] : [s.width[0]!];
  }
  return { state: s, ignored };
}

/** The query string of a state (widths in full precision, so they read back to the same numbers). */
export function formatState(s: ViewState, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  p.set('mode', s.mode);
  p.set('kernel', s.kernel);
  if (s.width) p.set('h', s.width.map((w) => String(w)).join(','));
  p.set('seed', String(s.seed));
  p.set('n', String(s.n));
  if (s.adaptive) p.set('adaptive', '1');
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return `?${p.toString()}`;
}
