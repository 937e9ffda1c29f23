/** --version and --help on the program and every command (each with an example). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from './helpers.js';

test('nadaraya --version prints the version of package.json', async () => {
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const [long, short] = await Promise.all([runCli(['--version']), runCli(['-V'])]);
  assert.equal(long.status, 0);
  assert.equal(long.stdout, `${version}\n`);
  assert.equal(short.stdout, `${version}\n`);
});

test('nadaraya --help lists the commands and the exit statuses', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.status, 0);
  for (const c of ['predict', 'classify', 'density', 'bandwidth']) assert.match(r.stdout, new RegExp(`^\\s+${c}\\b`, 'm'));
  assert.match(r.stdout.replace(/\s+/g, ' '), /2 usage or parameter error, 3 data error, 4 resource limit/);
});

for (const command of ['predict', 'classify', 'density', 'bandwidth']) {
  test(`nadaraya ${command} --help has its flags and an example`, async () => {
    const r = await runCli([command, '--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Usage: nadaraya ${command} \\[options\\]`, 'm'));
    assert.match(r.stdout, /--train <file>/);
    assert.match(r.stdout, /--format <format>/);
    assert.match(r.stdout, new RegExp(`Examples:\\n  \\$ nadaraya ${command} --train `));
    if (command !== 'bandwidth') assert.match(r.stdout, /--bandwidth <b>/);
  });
}
