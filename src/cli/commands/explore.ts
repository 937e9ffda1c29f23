/**
 * `nadaraya explore`: builds the explorer page when its build is missing or older than its sources
 * (Vite, web/ → dist/web/), then serves dist/web on 127.0.0.1 with a small static server and prints the
 * URL. The page works offline: everything it loads comes from this server. `--data FILE` serves a CSV or
 * JSON file beside the page and opens the page on it.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { NadarayaError } from '../../index.js';
import { packageRoot } from '../../package-root.js';

export const DEFAULT_PORT = 5180;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Vega compiles its expressions with Function, hence 'unsafe-eval'; inline scripts and handlers stay blocked.
const CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
  + "worker-src 'self' blob:; connect-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'none'";

export { packageRoot };

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = s.mtimeMs;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/** True when dist/web is missing or older than web/ or src/ (the page bundles the library). */
export function explorerBuildIsStale(root = packageRoot()): boolean {
  const built = join(root, 'dist', 'web', 'index.html');
  if (!existsSync(built)) return true;
  if (!existsSync(join(root, 'web'))) return false; // an installed package: no sources to rebuild from
  return Math.max(newest(join(root, 'web')), newest(join(root, 'src'))) > statSync(built).mtimeMs;
}

/** Runs `vite build` with web/vite.config.ts; `quiet` keeps its output unless it fails. */
export async function buildExplorer(root = packageRoot(), options: { quiet?: boolean } = {}): Promise<void> {
  if (!existsSync(join(root, 'web', 'index.html'))) {
    throw new NadarayaError('E_PARAM', { argument: 'explore' }, 'the explorer page is not built (dist/web) and its sources (web/) are not here; run it from a clone of the repository');
  }
  let vite: string;
  try {
    vite = join(dirname(createRequire(join(root, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    throw new NadarayaError('E_PARAM', { argument: 'explore' }, 'building the page needs Vite (a devDependency): run npm install first');
  }
  const child = spawn(process.execPath, [vite, 'build', '--config', join(root, 'web', 'vite.config.ts')], {
    cwd: root, stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => { output += b.toString(); });
  child.stderr?.on('data', (b: Buffer) => { output += b.toString(); });
  const code = await new Promise<number | null>((done, fail) => { child.on('error', fail); child.on('close', done); });
  if (code !== 0) throw new Error(`building the explorer page failed (vite exit ${code})${output ? `:\n${output}` : ''}`);
}

export interface ExplorerServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves dist/web on 127.0.0.1. Port 0 picks a free one; the default port falls back to a free one when
 * taken; a port given explicitly must be free.
 */
export async function startExplorerServer(options: { port?: number; dataFile?: string; root?: string } = {}): Promise<ExplorerServer> {
  const root = options.root ?? packageRoot();
  const webDir = resolve(root, 'dist', 'web');
  const dataFile = options.dataFile ? resolve(options.dataFile) : null;
  const dataPath = dataFile ? `/data/${encodeURIComponent(basename(dataFile))}` : null;
  const server = createServer((req, res) => {
    const send = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'bad request');
    }
    let file: string;
    if (dataFile && dataPath && path === decodeURIComponent(dataPath)) file = dataFile;
    else {
      file = resolve(webDir, `.${path.endsWith('/') ? `${path}index.html` : path}`);
      if (file !== webDir && !file.startsWith(webDir + sep)) return send(403, 'forbidden');
    }
    let size: number;
    try {
      const s = statSync(file);
      if (!s.isFile()) return send(404, 'not found');
      size = s.size;
    } catch {
      return send(404, 'not found');
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CSP,
      // cross-origin isolation: the page may share memory with its workers (the workers backend)
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
  const listen = (port: number) => new Promise<void>((done, fail) => {
    const onError = (e: Error) => { server.off('listening', onListening); fail(e); };
    const onListening = () => { server.off('error', onError); done(); };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
  const wanted = options.port ?? DEFAULT_PORT;
  try {
    await listen(wanted);
  } catch (e) {
    const inUse = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!inUse || options.port !== undefined) {
      throw new NadarayaError('E_PARAM', { argument: '--port', value: wanted }, inUse ? 'is in use; pick another port (or 0 for any free port)' : `cannot be listened on: ${(e as Error).message}`);
    }
    await listen(0);
  }
  const port = (server.address() as AddressInfo).port;
  const query = dataPath ? `?data=${encodeURIComponent(`data/${basename(dataFile!)}`)}` : '';
  return {
    url: `http://127.0.0.1:${port}/${query}`,
    port,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw new NadarayaError('E_PARAM', { argument: '--port', value: v }, 'must be a whole number from 0 to 65535');
  return n;
}

export function registerExplore(program: Command): void {
  program.command('explore')
    .summary('the interactive explorer page, served on 127.0.0.1')
    .description('Builds the explorer page if needed (dist/web, with Vite), serves it on 127.0.0.1 and prints the URL. '
      + 'The page runs offline: drag the width, hover a query to see its attention weights, load a CSV or JSON file. '
      + 'Ctrl-C stops the server.')
    .option('--port <n>', `port to listen on (default ${DEFAULT_PORT}, or a free one when it is taken; 0: any free port)`, parsePort)
    .option('--data <file>', 'a CSV or JSON file to open the page on (served from this machine only)')
    .addHelpText('after', '\nExamples:\n  nadaraya explore\n  nadaraya explore --port 8080 --data data/chapter.csv')
    .action(async (flags: { port?: number; data?: string }) => {
      if (flags.data !== undefined && !(existsSync(flags.data) && statSync(flags.data).isFile())) {
        throw new NadarayaError('E_PARAM', { argument: '--data', value: flags.data }, 'is not a readable file');
      }
      const root = packageRoot();
      if (explorerBuildIsStale(root)) {
        process.stderr.write('nadaraya: building the explorer page (dist/web)…\n');
        await buildExplorer(root);
      }
      const server = await startExplorerServer({ root, ...(flags.port !== undefined ? { port: flags.port } : {}), ...(flags.data ? { dataFile: flags.data } : {}) });
      process.stdout.write(`nadaraya explorer: ${server.url}\n(serving dist/web on 127.0.0.1; Ctrl-C to stop)\n`);
      const stop = () => { void server.close().then(() => process.exit(0)); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
