/**
 * Where the package lives (Node only): the nearest folder above this module whose package.json is
 * nadaraya's — the same from src/ and dist/src/, from a checkout and from node_modules. Read once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: { root: string; version: string } | null | undefined;

/** The package's folder and version, or null where no package.json above this module is nadaraya's. */
export function packageManifest(): { root: string; version: string } | null {
  if (found !== undefined) return found;
  found = null;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'nadaraya') { found = { root: dir, version: typeof pkg.version === 'string' ? pkg.version : 'unknown' }; break; }
      } catch { /* not ours: keep climbing */ }
    }
    if (dirname(dir) === dir) break;
  }
  return found;
}

/** The package's folder; throws where there is none (a copy of the modules outside the package). */
export function packageRoot(): string {
  const m = packageManifest();
  if (!m) throw new Error(`no package.json named "nadaraya" above ${fileURLToPath(import.meta.url)}`);
  return m.root;
}
