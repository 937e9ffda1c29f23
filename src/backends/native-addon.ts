/**
 * Finds and loads the compiled addon (native/, built by the package's install script) and says why not
 * when it cannot: never built (no compiler at install), built for another Node, or a broken build.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageManifest } from '../package-root.js';
import type { PoolJob } from './types.js';
import type { LooScanJob, LooScanOut } from '../bandwidth/compiled-scan.js';

/** The instruction sets the addon was compiled for, best first. */
export type NativeIsa = 'avx512' | 'avx2' | 'sse2' | 'generic';

/** The result arrays the addon fills, m (weighted: m × p) long. */
export interface NativeOut {
  logScale: Float64Array;
  sum: Float64Array;
  sumSq: Float64Array;
  maxTerm: Float64Array;
  weighted: Float64Array;
}

/** The addon's exports (native/src/addon.cc). */
export interface NativeAddon {
  run(job: PoolJob, out: NativeOut, threads: number, isa: NativeIsa | null): void;
  /** The Gaussian leave-one-out scan's sums of a range of queries (src/bandwidth/compiled-scan.ts). */
  looScan(job: LooScanJob, out: LooScanOut, threads: number, isa: NativeIsa | null): void;
  /** The instruction sets that run on this processor, best first. */
  isas(): { name: NativeIsa; label: string; floatLanes: number }[];
  hardwareThreads(): number;
  /** The vector exp (fn 0) or log (fn 1) of one instruction set at every x, for the accuracy tests. */
  probe(isa: NativeIsa, fn: 0 | 1, single: boolean, xs: Float64Array): Float64Array;
}

let loaded: { addon: NativeAddon } | { reason: string } | null = null;

/** The addon, or why it cannot load here (computed once). */
export function loadNativeAddon(): { addon: NativeAddon } | { reason: string } {
  loaded ??= load();
  return loaded;
}

function load(): { addon: NativeAddon } | { reason: string } {
  const root = packageManifest()?.root ?? null;
  if (root === null) return { reason: 'the package root (with native/) was not found' };
  const file = join(root, 'native', 'build', 'Release', 'nadaraya_native.node');
  if (!existsSync(file)) {
    const log = join(root, 'native', 'build', 'install-error.log');
    const why = existsSync(log) ? `compiling it at install failed (${firstLine(log)})` : 'it was not compiled at install';
    return { reason: `the C++ addon is not built: ${why}; run \`npm rebuild nadaraya\` (\`npm run install\` in a checkout) where a C++ compiler, make and python3 are installed` };
  }
  try {
    return { addon: createRequire(import.meta.url)(file) as NativeAddon };
  } catch (e) {
    return { reason: `the C++ addon does not load (${(e as Error).message.split('\n')[0]}); rebuild it with \`npm rebuild nadaraya\`` };
  }
}

function firstLine(file: string): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  return (lines.find((l) => l.startsWith('reason: ')) ?? lines[0] ?? '').replace(/^reason: /, '').trim();
}
