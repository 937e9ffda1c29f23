/**
 * The README's CLI examples are what the commands print: each `$ …` command of the block after "Every
 * output below is what the command printed." runs (npx nadaraya → this build's CLI) in a scratch folder
 * that sees data/, and its stderr and stdout together must equal the lines under it ("…" stands for the
 * rest of a line that the README shortens).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN, ROOT, tempDir } from './helpers.js';

const tmp = tempDir('nadaraya-readme-');
after(() => tmp.remove());

interface Example { command: string; output: string[] }

function examples(): Example[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('Every output below is what the command printed.');
  assert.ok(start > 0, 'the README still introduces its CLI examples');
  const open = readme.indexOf('```sh\n', start) + '```sh\n'.length;
  const block = readme.slice(open, readme.indexOf('\n```', open)).split('\n');
  const out: Example[] = [];
  for (let i = 0; i < block.length; i++) {
    if (!block[i]!.startsWith('$ ')) continue;
    let command = block[i]!.slice(2);
    while (command.endsWith('\\')) command = `${command.slice(0, -1)} ${block[++i]!.trim()}`;
    const output: string[] = [];
    while (i + 1 < block.length && block[i + 1] !== '' && !block[i + 1]!.startsWith('$ ')) output.push(block[++i]!);
    out.push({ command, output });
  }
  return out;
}

test("the README's CLI examples print what the README says", () => {
  symlinkSync(join(ROOT, 'data'), join(tmp.dir, 'data'));
  const list = examples();
  assert.ok(list.length >= 10, `found ${list.length} examples`);
  const env: NodeJS.ProcessEnv = { ...process.env, NADARAYA_CLI: MAIN };
  delete env.NODE_TEST_CONTEXT;
  for (const { command, output } of list) {
    const script = `npx() { shift; node "$NADARAYA_CLI" "$@"; }\n${command}`;
    const r = spawnSync('bash', ['-c', script], { cwd: tmp.dir, env, encoding: 'utf8' });
    const got = `${r.stderr}${r.stdout}`.split('\n');
    if (got.at(-1) === '') got.pop();
    assert.equal(got.length, output.length, `${command}\n--- got\n${got.join('\n')}`);
    output.forEach((want, k) => {
      const cut = want.indexOf('…');
      if (cut < 0) assert.equal(got[k], want, `${command}: line ${k + 1}`);
      else assert.equal(got[k]!.slice(0, cut), want.slice(0, cut), `${command}: line ${k + 1} (up to the …)`);
    });
  }
});
