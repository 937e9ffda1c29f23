/**
 * Running the built CLI (dist/src/cli/main.js) in a child process, and reading what it prints.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PARITY_DIR, repoRoot } from '../helpers/parity.js';

export const ROOT = repoRoot();
/** The CLI built beside this test (dist/src/cli/main.js for dist/test/cli/helpers.js). */
export const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
export const parity = (name: string) => join(PARITY_DIR, name);

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/src/cli/main.js ...args`, feeding `input` on stdin.
 * @example const r = await runCli(['predict', '--train', f, '--loo', '--y', 'y']);
 */
export function runCli(args: readonly string[], options: { input?: string; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: options.cwd ?? ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** A small CSV reader for the CLI's output (quoted fields allowed). */
export function parseCsv(text: string, delimiter = ','): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) { record.push(field); field = ''; }
    else if (ch === '\n') { record.push(field); records.push(record); record = []; field = ''; }
    else if (ch !== '\r') field += ch;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  const [header = [], ...rows] = records;
  return { header, rows };
}

/** A CSV column as numbers ('' → NaN). */
export function csvColumn(text: string, name: string): number[] {
  const { header, rows } = parseCsv(text);
  const c = header.indexOf(name);
  if (c < 0) throw new Error(`no column ${name} in ${header.join(',')}`);
  return rows.map((r) => (r[c] === '' ? NaN : Number(r[c])));
}

/** JSON numbers with null as NaN. */
export function numbers(values: readonly (number | null)[]): number[] {
  return values.map((v) => (v === null ? NaN : v));
}

/** A fresh temporary directory, and a function that removes it. */
export function tempDir(prefix = 'nadaraya-cli-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Asserts that stderr holds exactly one error line, in the CLI's format. */
export function errorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.length > 0);
  const errors = lines.filter((l) => l.startsWith('nadaraya: error: ') || l.startsWith('nadaraya: error:'));
  if (errors.length !== 1) throw new Error(`expected one "nadaraya: error:" line, got:\n${stderr}`);
  return errors[0]!;
}
