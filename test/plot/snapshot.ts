/**
 * SVG snapshots (after Observable Plot's tests): numbers are normalised to 3 significant digits, so a
 * last-digit change in the library does not churn the goldens; on a mismatch the new SVG is written
 * beside the golden as NAME-changed.svg; a missing golden is created only outside CI (CI=true fails).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/snapshots/ in the repository (this file runs from dist/test/plot/). */
export const SNAPSHOT_DIR = fileURLToPath(new URL('../../../test/snapshots/', import.meta.url));

/** Every number rounded to 3 significant digits ("12.3456" → "12.3", "0.000123456" → "0.000123"). */
export function normaliseNumbers(svg: string): string {
  return svg.replace(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi, (s) => {
    const v = Number(s);
    return Number.isFinite(v) ? String(Number(v.toPrecision(3))) : s;
  });
}

/**
 * Compares the normalised SVG with test/snapshots/NAME.svg.
 * @returns 'match' | 'created'
 */
export function assertSnapshot(name: string, svg: string): 'match' | 'created' {
  const actual = normaliseNumbers(svg);
  const golden = join(SNAPSHOT_DIR, `${name}.svg`);
  const changed = join(SNAPSHOT_DIR, `${name}-changed.svg`);
  if (!existsSync(golden)) {
    if (process.env.CI) {
      assert.fail(`snapshot ${name}: golden ${golden} is missing (goldens are never created under CI=${process.env.CI}; run npm test locally and commit it)`);
    }
    mkdirSync(SNAPSHOT_DIR, { recursive: true });
    writeFileSync(golden, actual);
    return 'created';
  }
  const expected = readFileSync(golden, 'utf8');
  if (actual === expected) {
    rmSync(changed, { force: true });
    return 'match';
  }
  writeFileSync(changed, actual);
  assert.fail(`snapshot ${name} differs from ${golden}; the new rendering is in ${changed} (if the change is intended, move it over the golden)`);
}


/** The strings of every <text> element (tspans joined), for checking titles and labels. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

/** How many items each kind of data mark draws (lines, symbols, rects, rules, texts), over all panels. */
export function markItems(svg: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of svg.matchAll(/<g class="mark-(\w+) role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/g)) {
    const n = (m[2]!.match(/<(path|text|line|rect|circle)\b/g) ?? []).length;
    counts[m[1]!] = (counts[m[1]!] ?? 0) + n;
  }
  return counts;
}
