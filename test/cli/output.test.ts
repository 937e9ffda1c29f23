/**
 * --output is atomic: the result goes to a temporary file beside the target, is fsynced and renamed over
 * it. A failing run leaves an existing file as it was; so does a run killed with SIGKILL mid-write.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN, parity, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
after(() => tmp.remove());
const train = parity('reg1d_train.csv');
const query = parity('reg1d_query.csv');

describe('--output', () => {
  test('writes the same bytes as stdout, leaves no temporary file, keeps the mode of the file it replaces', async () => {
    const out = join(tmp.dir, 'out.csv');
    writeFileSync(out, 'old\n', { mode: 0o640 });
    const args = ['predict', '--train', train, '--query', query, '--y', 'y', '--bandwidth', '0.3'];
    const [toFile, toStdout] = await Promise.all([runCli([...args, '--output', out]), runCli(args)]);
    assert.equal(toFile.status, 0, toFile.stderr);
    assert.equal(toFile.stdout, '');
    assert.equal(readFileSync(out, 'utf8'), toStdout.stdout);
    assert.equal(statSync(out).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp')), []);
  });

  test('a failing run leaves the existing file intact', async () => {
    const out = join(tmp.dir, 'keep.csv');
    writeFileSync(out, 'precious\n');
    const r = await runCli(['predict', '--train', train, '--query', query, '--y', 'y', '--kernel', 'nope', '--output', out]);
    assert.equal(r.status, 2);
    const bad = await runCli(['predict', '--train', train, '--query', query, '--y', 'y', '--bandwidth', '0.1', '--output', out,
      '--attention', join(tmp.dir, 'no-such-dir', 'a.csv')]);
    assert.equal(bad.status, 2, bad.stderr);
    assert.equal(readFileSync(out, 'utf8'), 'precious\n');
    assert.deepEqual(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp')), []);
  });

  test('a run killed with SIGKILL while it writes leaves the old file intact', async () => {
    // 150 000 queries with diagnostics: about 15 MB of CSV, long enough to be caught writing
    const dir = join(tmp.dir, 'kill');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    const q = join(dir, 'queries.csv');
    writeFileSync(q, 'x\n' + Array.from({ length: 150_000 }, (_, i) => String((i * 0.618033988749895) % 1)).join('\n') + '\n');
    const out = join(dir, 'out.csv');
    writeFileSync(out, 'old contents\n');
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, [MAIN, 'predict', '--train', train, '--query', q, '--y', 'y', '--bandwidth', '0.3',
      '--diagnostics', '--output', out], { env, stdio: 'ignore' });
    const exited = new Promise<{ code: number | null; signal: string | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
    let caught = -1;
    let finished = false;
    void exited.then(() => { finished = true; });
    // poll until the temporary file holds some bytes, then kill
    while (!finished) {
      const tmpFile = readdirSync(dir).find((f) => f.endsWith('.tmp'));
      if (tmpFile) {
        let size = 0;
        try { size = statSync(join(dir, tmpFile)).size; } catch { /* renamed meanwhile */ }
        if (size > 0) {
          caught = size;
          child.kill('SIGKILL');
          break;
        }
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    const { signal } = await exited;
    assert.ok(caught > 0 && signal === 'SIGKILL', `the run was not caught mid-write (it finished first); rerun on a slower machine`);
    assert.equal(readFileSync(out, 'utf8'), 'old contents\n', 'the old file is intact');
    const left = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    assert.equal(left.length, 1, 'SIGKILL leaves its temporary file (hidden, beside the target), never a half-written target');
    assert.match(left[0]!, /^\.out\.csv\.\d+-[0-9a-f]{8}\.tmp$/);
  });
});
