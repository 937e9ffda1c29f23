/** `nadaraya demo`: the chapter report from the CLI — another seed into another folder, and bad flags. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.js';

const tmp = tempDir('nadaraya-demo-');
after(() => tmp.remove());

test('demo --out DIR --seed 7: the report and its 14 figures in DIR, the summary on stdout naming DIR', async () => {
  const out = join(tmp.dir, 'report');
  const r = await runCli(['demo', '--out', out, '--seed', '7']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Exercise 1 {2}Parzen .*: 0 sign disagreements/);
  // a folder outside the working directory is named by its absolute path, not ../../…
  assert.ok(r.stdout.includes(`14 figures (SVG and PNG) in ${out}/figures/`), r.stdout);
  assert.ok(r.stdout.includes(`Report: ${join(out, 'index.html')}`), r.stdout);
  const figures = readdirSync(join(out, 'figures'));
  assert.equal(figures.filter((f) => f.endsWith('.png')).length, 14);
  assert.equal(figures.filter((f) => f.endsWith('.svg')).length, 14);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assert.match(html, /seed 7/);
  for (const f of figures.filter((g) => g.endsWith('.png'))) assert.ok(html.includes(`figures/${f}`), `the page shows ${f}`);
});

test('demo with a bad seed or an unknown flag exits 2 and writes nothing', async () => {
  const out = join(tmp.dir, 'never');
  const bad = await runCli(['demo', '--out', out, '--seed', 'x']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--seed: must be a whole number ≥ 0; got "x"/);
  const unknown = await runCli(['demo', '--out', out, '--sead', '7']);
  assert.equal(unknown.status, 2);
  assert.ok(!existsSync(out), 'nothing written');
});
