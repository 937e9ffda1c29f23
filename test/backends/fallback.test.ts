/**
 * Without the addon the package still works (issue 6): a copy of the built package with no native/build
 * (as after an install where no C++ compiler was found, install-error.log beside it) reports native
 * unavailable with the reason, `auto` runs the next backend and says which, the numbers are the engine's,
 * and asking for native by name is an E_PARAM that quotes the reason.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nadaraya-no-addon-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a package without its addon: native unavailable with the reason, auto falls back and says so, same numbers', () => {
  cpSync(join(root, 'dist', 'src'), join(dir, 'dist', 'src'), { recursive: true });
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'native', 'build'), { recursive: true });
  writeFileSync(join(dir, 'native', 'build', 'install-error.log'), 'reason: no C++ compiler (g++) was found\n\n…\n');
  const script = `
    const m = await import(${JSON.stringify(join(dir, 'dist', 'src', 'node.js'))});
    const status = Object.fromEntries(m.backendStatus().map((b) => [b.name, b.unavailable]));
    const x = Array.from({ length: 3000 }, (_, i) => (i * 7919 % 3001) / 600);
    const y = x.map((v) => Math.sin(v));
    const q = Array.from({ length: 400 }, (_, i) => i / 80);
    const auto = m.regression({ bandwidth: 0.2 }).fit(x, y);
    const got = Array.from(auto.predict(q));
    const want = Array.from(m.regression({ bandwidth: 0.2, backend: 'js' }).fit(x, y).predict(q));
    let named = null;
    try { m.regression({ bandwidth: 0.2, backend: 'native' }).fit(x, y).predict(q); } catch (e) { named = { code: e.code, message: e.message }; }
    console.log(JSON.stringify({ status, ran: auto.lastBackend, maxDiff: Math.max(...got.map((g, i) => Math.abs(g - want[i]))), named }));
  `;
  // a file, not -e: the worker threads inherit the parent's flags, and --input-type is refused there
  writeFileSync(join(dir, 'check.mjs'), script);
  const r = spawnSync(process.execPath, [join(dir, 'check.mjs')], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { status: Record<string, string | null>; ran: string; maxDiff: number; named: { code: string; message: string } | null };
  assert.match(out.status.native ?? '', /the C\+\+ addon is not built: compiling it at install failed \(no C\+\+ compiler \(g\+\+\) was found\)/);
  assert.equal(out.status.workers, null);
  assert.equal(out.status.wasm, null);
  assert.equal(out.ran, 'workers', 'auto takes the next fastest backend');
  assert.ok(out.maxDiff <= 1e-12, `differs from the engine by ${out.maxDiff}`);
  assert.equal(out.named?.code, 'E_PARAM');
  assert.match(out.named?.message ?? '', /^backend: cannot run here: the C\+\+ addon is not built.*use backend: 'auto' to fall back; got "native"\.$/);
});
