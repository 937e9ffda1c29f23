/**
 * Runs every benchmark, prints the tables, and writes them into bench/README.md (between the results
 * markers).
 *
 *   npm run bench                  the default sizes (a few minutes)
 *   npm run bench -- --large       adds cv-ls at n = 10 000 and predict at 2^15 (statsmodels takes minutes)
 *   npm run bench -- --only=density,predict   a subset; bench/README.md is left alone then
 *   npm run bench -- --only=approx,approx-peers,approx-targets --smoke   the fast paths at sizes of seconds
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, Section } from './common.js';
import { markdownTable, textTable } from './common.js';
import { benchCvLs } from './cv-ls.js';
import { benchPredict } from './predict.js';
import { benchDensity } from './density.js';
import { benchApprox } from './approx.js';
import { benchApproxPeers } from './approx-peers.js';
import { benchApproxTargets } from './approx-targets.js';
import { benchBackends } from './backends.js';

const BENCHES: Record<string, (ctx: BenchContext) => Section> = {
  'cv-ls': benchCvLs,
  predict: benchPredict,
  density: benchDensity,
  approx: benchApprox,
  'approx-peers': benchApproxPeers,
  'approx-targets': benchApproxTargets,
  backends: benchBackends,
};
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const args = process.argv.slice(2);
const large = args.includes('--large');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',').filter(Boolean) : null;
const unknown = (only ?? []).filter((b) => !(b in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nadaraya-bench-'));
const started = Date.now();
const ctx: BenchContext = {
  large, tmp, versions: new Map(),
  log: (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`),
};

const sections: Section[] = [];
let failed = false;
try {
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (only && !only.includes(name)) continue;
    try {
      sections.push(bench(ctx));
    } catch (e) {
      failed = true;
      ctx.log(`benchmark ${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

const cpus = os.cpus();
const peers = [...ctx.versions].map(([k, v]) => `${k} ${v}`).join(', ') || 'none found';
const header = [
  `Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
  `Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; Node ${process.version}; peers: ${peers}`,
  `Run: \`npm run bench${large ? ' -- --large' : ''}\`, ${((Date.now() - started) / 1000).toFixed(0)} s in all.`,
];

console.log('\n' + header.join('\n'));
for (const s of sections) {
  console.log(`\n${s.title}\n${s.notes.map((n) => `  · ${n}`).join('\n')}\n\n${textTable(s.columns, s.rows)}`);
}

if (!only) {
  const readme = fileURLToPath(new URL('../../bench/README.md', import.meta.url));
  const block = [START, '', ...header.map((l) => `${l}  `), '',
    ...sections.flatMap((s) => [`### ${s.title}`, '', ...s.notes.map((n) => `- ${n}`), '', markdownTable(s.columns, s.rows), '']), END].join('\n');
  const old = fs.existsSync(readme) ? fs.readFileSync(readme, 'utf8') : '# Benchmarks\n';
  const i = old.indexOf(START);
  const j = old.indexOf(END);
  const next = i >= 0 && j > i ? old.slice(0, i) + block + old.slice(j + END.length) : `${old.trimEnd()}\n\n## Results\n\n${block}\n`;
  fs.writeFileSync(readme, next);
  console.log(`\nwrote ${path.relative(process.cwd(), readme)}`);
}
if (failed) process.exitCode = 1;
