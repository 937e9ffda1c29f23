/** The progress bar: drawn only when allowed and only once the work has run for the delay. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { Progress } from '../../src/cli/progress.js';

/** A stream that says it is a terminal and records what is drawn. */
function fakeTerminal(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, cb) { text += String(chunk); cb(); } }) as Writable & Record<string, unknown>;
  Object.assign(stream, { isTTY: true, columns: 80, cursorTo: (_x: number, cb?: () => void) => { cb?.(); return true; },
    clearLine: (_d: number, cb?: () => void) => { cb?.(); return true; }, moveCursor: (_x: number, _y: number, cb?: () => void) => { cb?.(); return true; } });
  return { stream, text: () => text };
}

test('a long run on a terminal draws the bar; a short one, or one not allowed, draws nothing', async () => {
  const term = fakeTerminal();
  const long = new Progress('work', 100, { enabled: true, stream: term.stream, delayMs: 0 });
  await new Promise((r) => setTimeout(r, 5));
  long.update(10);
  assert.ok(long.visible);
  long.update(50);
  long.stop();
  assert.match(term.text(), /work \[/);

  const quiet = fakeTerminal();
  const off = new Progress('work', 100, { enabled: false, stream: quiet.stream, delayMs: 0 });
  off.update(10);
  off.stop();
  const short = new Progress('work', 100, { enabled: true, stream: quiet.stream, delayMs: 60_000 });
  short.update(10);
  short.update(100);
  short.stop();
  assert.equal(short.visible, false);
  assert.equal(quiet.text(), '');
});
