/**
 * The browser tests' fixture: Debian's Chromium (/usr/bin/chromium) driven by playwright-core, with a
 * fresh profile, against the explorer's static build served by `nadaraya explore`'s own server on a free
 * 127.0.0.1 port. The page is built first when dist/web is missing or older than its sources.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { buildExplorer, explorerBuildIsStale, packageRoot, startExplorerServer } from '../../src/cli/commands/explore.js';
import type { ExplorerServer } from '../../src/cli/commands/explore.js';

export const CHROMIUM = '/usr/bin/chromium';
/** A reason to skip, or false: the tests need Debian's chromium (`.ci/run` installs it). */
export const skipReason: string | false = existsSync(CHROMIUM) ? false
  : `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;

export const ROOT = packageRoot();
export const OUTPUT = join(ROOT, 'test-output');

export interface Browser {
  readonly server: ExplorerServer;
  readonly context: BrowserContext;
  readonly profile: string;
  /** Console errors and uncaught exceptions of every page, as they came. */
  readonly errors: string[];
  open(query?: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Builds dist/web when it is missing or stale. Test files may run in parallel: a lock folder (mkdir is
 * atomic) lets one build while the others wait, then re-check.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = join(ROOT, 'dist', '.web-build.lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (let waited = 0; explorerBuildIsStale(ROOT); waited += 200) {
    try {
      mkdirSync(lock);
    } catch {
      if (waited > 180_000) throw new Error(`waited 3 minutes for another build of dist/web (remove ${lock} if none is running)`);
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      if (explorerBuildIsStale(ROOT)) await buildExplorer(ROOT, { quiet: true });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export async function startBrowser(): Promise<Browser> {
  await ensureBuilt();
  mkdirSync(OUTPUT, { recursive: true });
  const server = await startExplorerServer({ port: 0, root: ROOT });
  const profile = mkdtempSync(join(tmpdir(), 'nadaraya-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  };
  for (const p of context.pages()) await p.close();
  return {
    server, context, profile, errors,
    async open(query = '', viewport = { width: 1280, height: 800 }) {
      const page = await context.newPage();
      watch(page);
      await page.setViewportSize(viewport);
      await page.goto(`${server.url.replace(/\?.*$/, '')}${query}`);
      await settled(page);
      return page;
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the page has every answer for its current state. */
export async function settled(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => (globalThis as unknown as { __nadaraya?: { idle: boolean } }).__nadaraya?.idle === true, null, { timeout, polling: 20 });
}

/** The page's exposed state (see web/src/main.ts). */
export interface PageState {
  mode: string;
  kernel: string;
  width: number[];
  seed: number;
  n: number;
  adaptive: boolean;
  source: string;
  queries: number[];
  yHat: number[];
  fitWidth: number[];
  classes: number[];
  hover: { q: number[]; estimate: number[]; nEff: number; maxWeight: number; weights: number[]; top: { index: number[]; weight: number[] } } | null;
  hoverCell: { row: number; col: number } | null;
  heat: { rows: number; cols: number; keys: number } | null;
  selection: { optimum: number[]; jumpTo: number[]; method: string; nUsed: number } | null;
  errors: string[];
  stepTimes: number[];
  upload: { state: string; fraction: number; message: string };
  lastSpec: unknown;
}

export async function state(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as { __nadaraya: Record<string, unknown> }).__nadaraya;
    const keys = ['mode', 'kernel', 'width', 'seed', 'n', 'adaptive', 'source', 'queries', 'yHat', 'fitWidth', 'classes', 'hover',
      'hoverCell', 'heat', 'selection', 'errors', 'stepTimes', 'upload', 'lastSpec'];
    return Object.fromEntries(keys.map((k) => [k, s[k]])) as unknown as PageState;
  });
}

export async function pageData(page: Page): Promise<{ x: number[]; y: number[] | null; labels: number[] | null; classNames: string[] }> {
  return page.evaluate(() => (globalThis as unknown as { __nadaraya: { data(): never } }).__nadaraya.data());
}

/** Largest |a − b| (NaN equal to NaN). */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    const d = Math.abs(x - y);
    if (!(d <= m)) m = d;
  }
  return m;
}
