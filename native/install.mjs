/**
 * The package's install step: compiles the native backend (node-gyp rebuild in native/). Quiet when it
 * works; when it cannot (no C++ compiler, make or python3, no Node headers), prints one line, keeps the
 * compiler's output in native/build/install-error.log for `backendStatus()` to quote, and exits 0 — the
 * package works without the addon (the other backends take its jobs).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const log = join(here, 'build', 'install-error.log');

// npm hands install scripts its own node-gyp (npm_config_node_gyp) and puts it on PATH too
const gyp = process.env.npm_config_node_gyp;
const [command, args] = gyp ? [process.execPath, [gyp, 'rebuild', '-j', 'max']] : ['node-gyp', ['rebuild', '-j', 'max']];
const r = spawnSync(command, args, { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });

if (r.status === 0) {
  rmSync(log, { force: true });
  process.exit(0);
}

const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
const reason = r.error ? `${command} could not run (${r.error.message})` : firstProblem(output);
mkdirSync(dirname(log), { recursive: true });
writeFileSync(log, `reason: ${reason}\n\n${output}`);
console.log(`nadaraya: the native backend is unavailable (${reason}); everything else works. Details: ${log}`);
process.exit(0);

/** What went wrong, in one line: a compiler error, a missing tool, a failed compile, else node-gyp's verdict. */
function firstProblem(text) {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const find = (re) => lines.find((l) => re.test(l));
  const line = find(/error:|not found|No such file|command not found/);
  const what = line ? line
    : find(/make: \*\*\*/) ? `the C++ compile failed: ${find(/make: \*\*\*/)}`
    : find(/gyp ERR! stack Error/) ?? lines.at(-1) ?? 'node-gyp failed';
  return what.length > 200 ? `${what.slice(0, 197)}…` : what;
}
