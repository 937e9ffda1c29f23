/**
 * The explorer without a browser: its TypeScript type-checks (web/tsconfig.json), its static server
 * serves the build and refuses paths outside it, and the figure specs it added to src/plot render.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderSvg } from '../../src/plot/render.js';
import { classMapSpec } from '../../src/plot/class-map.js';
import { densityBumpsSpec } from '../../src/plot/density-bumps.js';
import { selectionCurveSpec } from '../../src/plot/selection-curve.js';
import { packageRoot, startExplorerServer } from '../../src/cli/commands/explore.js';
import { ensureBuilt } from './harness.js';

const root = packageRoot();

test('the page type-checks (tsc -p web/tsconfig.json)', () => {
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'web', 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('the static server: the page, its data file, and nothing outside dist/web', async () => {
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'nadaraya-explore-'));
  const csv = join(dir, 'my data.csv');
  writeFileSync(csv, 'x,y\n1,2\n');
  const server = await startExplorerServer({ port: 0, root, dataFile: csv });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?data=data%2Fmy%20data\.csv$/);
    const base = `http://127.0.0.1:${server.port}`;
    const page = await fetch(`${base}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(await page.text(), /nadaraya explorer/);
    const data = await fetch(`${base}/data/my%20data.csv`);
    assert.equal(await data.text(), 'x,y\n1,2\n');
    for (const bad of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
      const r = await fetch(`${base}${bad}`);
      assert.ok(r.status === 403 || r.status === 404, `${bad}: ${r.status}`);
    }
    assert.equal((await fetch(`${base}/nope.js`)).status, 404);
    assert.equal((await fetch(`${base}/`, { method: 'POST' })).status, 405);
    await assert.rejects(startExplorerServer({ port: server.port, root }), /is in use/);
  } finally {
    await server.close();
  }
});

test('the explorer\'s figure specs render with no Vega warning', async () => {
  const x = [0, 1, 2, 3];
  const specs = [
    densityBumpsSpec({ x, density: [0.1, 0.3, 0.3, 0.1], bumps: [[0.05, 0.15, 0.1, 0], [0, 0.1, 0.15, 0.05]], keys: [1, 2] }),
    classMapSpec({
      classes: ['a', 'b'], cellX: [0.5, 1.5], cellY: [0.5, 0.5], cellWidth: 1, cellHeight: 1,
      probabilities: [0.9, 0.1, 0.2, 0.8], x1: [0.4, 1.6], x2: [0.5, 0.4], labels: ['a', 'b'],
    }),
    selectionCurveSpec({ widths: [0.1, 0.3, 1], values: [2, 1, 1.5], inSample: [0.2, 0.8, 1.4], objective: 'LOO MSE', optimum: { width: 0.3, value: 1, label: 'h* = 0.3' }, current: 0.5 }),
  ];
  for (const spec of specs) {
    const svg = await renderSvg(spec);
    assert.match(svg, /^<svg/);
  }
});
