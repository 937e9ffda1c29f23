/**
 * Shared pieces of the benchmark suite: timing (medians of a few runs), the temp-file hand-over of data to
 * the python peers, the peer runner (`/usr/bin/python3`, never a runtime dependency), and table formatting.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';

export const PYTHON = '/usr/bin/python3';

/** What every benchmark gets from the runner. */
export interface BenchContext {
  /** `--large`: add the sizes that take minutes. */
  readonly large: boolean;
  /** A private temp folder, removed by the runner. */
  readonly tmp: string;
  /** A progress line on stdout. */
  log(line: string): void;
  /** Versions reported by the peers, for the header of the results. */
  readonly versions: Map<string, string>;
}

/** One benchmark's results: a titled table with notes. */
export interface Section {
  readonly title: string;
  readonly notes: string[];
  readonly columns: string[];
  readonly rows: string[][];
}

export interface Timing {
  /** Median of the runs, seconds. */
  readonly median: number;
  readonly runs: number;
  readonly times: number[];
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
}

/**
 * Runs `fn` at least once and at most `maxRuns` times; a further run starts only while the runs so far
 * plus one more of the same length fit in `budgetS` seconds (the python peers use the same rule).
 */
export function timeRuns<T>(fn: () => T, maxRuns = 3, budgetS = Infinity): Timing & { last: T } {
  const times: number[] = [];
  let last!: T;
  let spent = 0;
  while (times.length < maxRuns) {
    const t0 = performance.now();
    last = fn();
    const dt = (performance.now() - t0) / 1000;
    times.push(dt);
    spent += dt;
    if (spent + dt > budgetS) break;
  }
  return { median: median(times), runs: times.length, times, last };
}

/** Writes columns of numbers as a CSV without header; JS prints the shortest round-trip decimal, so python reads the same doubles. */
export function writeCsv(file: string, columns: readonly ArrayLike<number>[]): void {
  const n = columns[0]!.length;
  const lines: string[] = new Array(n);
  for (let i = 0; i < n; i++) lines[i] = columns.map((c) => String(c[i]!)).join(',');
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

/** Reads a CSV of numbers written by `writeCsv` (or numpy) back into columns. */
export function readCsv(file: string): Float64Array[] {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const cols = lines[0]!.split(',').length;
  const out = Array.from({ length: cols }, () => new Float64Array(lines.length));
  for (let i = 0; i < lines.length; i++) {
    const parts = lines[i]!.split(',');
    for (let c = 0; c < cols; c++) out[c]![i] = Number(parts[c]);
  }
  return out;
}

/** The python peer scripts live in bench/peers/ (they are not compiled; resolved from dist/bench/). */
export function peerScript(name: string): string {
  return fileURLToPath(new URL(`../../bench/peers/${name}`, import.meta.url));
}

const announced = new Set<string>();

/** Prints a "peer missing" line once per package. */
export function peerMissing(ctx: BenchContext, pkgs: readonly string[]): void {
  const fresh = pkgs.filter((p) => !announced.has(p));
  for (const p of fresh) announced.add(p);
  if (fresh.length) ctx.log(`peer missing: apt-get install -y ${fresh.join(' ')}`);
}

/**
 * Runs a peer script with `/usr/bin/python3` and parses the JSON object it prints last. Never throws: a
 * missing interpreter or module, a crash or a timeout gives null (with a line saying so), and the
 * benchmark goes on with our side only. The OpenBLAS overrides are removed from the child's environment
 * only.
 */
export function runPython(ctx: BenchContext, script: string, args: readonly (string | number)[], timeoutS = 1800): Record<string, any> | null {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  env.PYTHONDONTWRITEBYTECODE = '1'; // no __pycache__ in bench/peers/
  const r = spawnSync(PYTHON, [peerScript(script), ...args.map(String)], {
    env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: timeoutS * 1000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') {
      peerMissing(ctx, ['python3', 'python3-numpy', 'python3-scipy', 'python3-statsmodels', 'python3-sklearn']);
    } else {
      ctx.log(`peer failed (${script}): ${r.error.message}`);
    }
    return null;
  }
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let out: Record<string, any> | null = null;
  try { out = JSON.parse(last) as Record<string, any>; } catch { /* handled below */ }
  if (r.status !== 0 || out === null) {
    const why = r.signal ? `killed by ${r.signal}` : `exit ${r.status}`;
    ctx.log(`peer failed (${script}, ${why}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    return null;
  }
  if (Array.isArray(out.missing) && out.missing.length) peerMissing(ctx, out.missing as string[]);
  if (out.versions && typeof out.versions === 'object') {
    for (const [k, v] of Object.entries(out.versions as Record<string, string>)) ctx.versions.set(k, v);
  }
  return out;
}

// ---- formatting -------------------------------------------------------------------------------------

/** Seconds with 3 significant digits. */
export const sec = (s: number | undefined): string => (s === undefined || !Number.isFinite(s) ? '—' : s < 0.001 ? s.toExponential(2) : s.toPrecision(3));
/** peer / ours. */
export const ratio = (peer: number | undefined, ours: number): string => (peer === undefined || !Number.isFinite(peer) ? '—' : `${(peer / ours).toPrecision(3)}×`);
export const num = (v: number | undefined, digits = 4): string => (v === undefined || !Number.isFinite(v) ? '—' : v.toPrecision(digits));
export const sci = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '—' : v === 0 ? '0' : v.toExponential(1));

export function markdownTable(columns: readonly string[], rows: readonly string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${columns.map(esc).join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function textTable(columns: readonly string[], rows: readonly string[][]): string {
  const w = columns.map((c, i) => Math.max([...c].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c + ' '.repeat(w[i]! - [...c].length)).join('  ').trimEnd();
  return [line(columns), w.map((k) => '-'.repeat(k)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * This process's own peak resident memory in KiB: VmHWM of /proc/self/status, which starts afresh at exec
 * (ru_maxrss does not: a child spawned by a large parent inherits the parent's size as its "peak").
 */
export function peakRssKiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch { /* not Linux */ }
  return process.resourceUsage().maxRSS;
}
