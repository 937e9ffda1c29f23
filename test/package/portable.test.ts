/**
 * The core must run in a browser as it is: no module under src/ (but the Node-only demo and CLI) may import a
 * Node built-in or use Node globals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// the Node entry and the backends it registers (worker threads, the native addon) are Node-only by design
const NODE_ONLY = ['src/demo/', 'src/cli/', 'src/report/', 'src/node.ts', 'src/backends/workers.ts', 'src/backends/workers-thread.ts', 'src/backends/native', 'src/package-root.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('core modules import nothing Node-specific', () => {
  const files = sources(join(root, 'src')).filter((f) => !NODE_ONLY.some((d) => f.includes(d)));
  assert.ok(files.length > 20, `found only ${files.length} source files under ${root}src`);
  const offenders: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (/from\s+['"](node:|fs['"]|path['"]|os['"]|worker_threads)/.test(text) || /\bprocess\.|\bBuffer\.|\brequire\(/.test(text)) {
      offenders.push(f.slice(root.length));
    }
  }
  assert.deepEqual(offenders, []);
});

test('package.json: ESM only, engines and subpath exports that exist after the build', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.engines.node, '>=20.19');
  for (const [sub, target] of Object.entries<Record<string, string> | string>(pkg.exports)) {
    if (typeof target === 'string') continue;
    for (const file of [target.types!, target.default!]) {
      assert.ok(statSync(join(root, file)).isFile(), `export ${sub} → ${file} is missing`);
    }
  }
});

test('the package resolves by its own name and subpaths', async () => {
  const main = await import('nadaraya');
  const kernels = await import('nadaraya/kernels');
  assert.equal(typeof main.regression, 'function');
  // under Node the package name resolves to the Node entry, which registers the Node-only backends
  const { backendStatus } = await import('nadaraya/backends');
  assert.ok(backendStatus().some((b: { name: string; unavailable: string | null }) => b.name === 'workers' && b.unavailable === null), 'workers registered');
  assert.equal(kernels.getKernel('tophat').name, 'boxcar');
});

test('the figure specs, their renderer and the chapter report are importable by subpath', async () => {
  const plot = await import('nadaraya/plot');
  const { renderSvg } = await import('nadaraya/plot/render');
  const report = await import('nadaraya/report');
  const x = [0, 1, 2], y = [1, 3, 2];
  const spec = plot.fitPanelsSpec([{ label: 'Gaussian', x, yHat: y, truthX: x, truthY: y, xTrain: x, yTrain: y }], { title: 'Fits' });
  assert.equal(spec.$schema, plot.VEGA_LITE_SCHEMA);
  const svg = await renderSvg(spec);
  assert.match(svg, /^<svg[\s\S]*Gaussian[\s\S]*<\/svg>$/);
  assert.equal(typeof report.runChapterReport, 'function');
  assert.ok(report.FIGURE_NAMES.length >= 10);
});
