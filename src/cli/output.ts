/**
 * Writing results: to stdout, or to a file atomically — a temporary file in the same directory, written,
 * fsynced and renamed over the target. A run that fails or is killed part-way never leaves a half-written
 * file and never destroys the file that was there (rename is atomic within a file system; POSIX rename(2)).
 */
import { closeSync, fsyncSync, openSync, unlinkSync } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileError } from './files.js';

/** Strings are gathered into writes of about 1 MiB. */
const WRITE_SIZE = 1 << 20;

/**
 * Writes the chunks to `target` (a path) or to stdout (undefined or "-").
 * @example await writeOutput('out.csv', ['x\n', '1\n'], '--output');
 */
export async function writeOutput(target: string | undefined, chunks: Iterable<string>, flag: string): Promise<void> {
  if (target === undefined || target === '-') return writeStdout(chunks);
  return writeAtomically(target, chunks, flag);
}

/** A temporary name beside the target, hidden, unique per process and call. */
export function temporaryPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

async function writeAtomically(target: string, chunks: Iterable<string>, flag: string): Promise<void> {
  const path = resolve(target);
  const mode = await stat(path).then((s) => (s.isFile() ? s.mode & 0o777 : undefined), () => undefined);
  const tmp = temporaryPath(path);
  const handle = await open(tmp, 'wx', mode ?? 0o666).catch((e: unknown) => { throw fileError(e, target, flag); });
  // a signal that can be caught (Ctrl-C, kill) removes the temporary file; SIGKILL leaves it, never the target
  const onSignal = (signal: NodeJS.Signals) => {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.once(s, onSignal);
  let done = false;
  try {
    let buf = '';
    for (const chunk of chunks) {
      buf += chunk;
      if (buf.length >= WRITE_SIZE) { await handle.write(buf); buf = ''; }
    }
    if (buf.length > 0) await handle.write(buf);
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    await rename(tmp, path);
    done = true;
    syncDirectory(dirname(path));
  } catch (e) {
    throw fileError(e, target, flag);
  } finally {
    for (const s of signals) process.removeListener(s, onSignal);
    if (!done) {
      await handle.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
    }
  }
}

/** Makes the rename itself durable; not every file system allows it, so failures are ignored. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try { fsyncSync(fd); } finally { closeSync(fd); }
  } catch { /* best effort */ }
}

/**
 * Errors of stdout that a write here has taken on (and will report as its own): the CLI's last-resort
 * stdout handler (main.ts) leaves these alone, so that a full disk is reported once.
 */
export const claimedStdoutErrors = new WeakSet<object>();

/** Writes to stdout with back-pressure; a closed pipe (`| head`) ends the output quietly. */
async function writeStdout(chunks: Iterable<string>): Promise<void> {
  const out = process.stdout;
  let closed = false;
  let failure: unknown = null;
  const onError = (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') { closed = true; return; }
    claimedStdoutErrors.add(e);
    failure = fileError(e, 'standard output', 'stdout');
  };
  out.on('error', onError);
  try {
    for (const chunk of chunks) {
      if (closed) return;
      if (failure) throw failure;
      if (!out.write(chunk)) {
        await new Promise<void>((res) => {
          const done = () => { out.off('drain', done); out.off('error', done); res(); };
          out.on('drain', done);
          out.on('error', done);
        });
      }
    }
  } finally {
    out.off('error', onError);
    if (closed) out.on('error', () => undefined);
  }
  if (failure) throw failure;
}
