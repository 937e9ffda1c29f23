/**
 * Rendering without a browser: Vega-Lite → Vega → SVG with Vega's headless view (renderer 'none'), and
 * SVG → PNG with resvg, given the font files to use (no system fonts, so the pixels are the same on every
 * machine). Without a canvas package Vega sizes text by a fixed estimate, which is deterministic too.
 * Every SVG numbers its gradients and clip paths from 0, so two SVGs inlined in one HTML page would share
 * ids: show them as <img>, as the report does.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';
import { FONT_FAMILY } from './theme.js';
import type { Spec } from './theme.js';

export interface SvgOptions {
  /** Where Vega-Lite's and Vega's warnings go (default: they are thrown, so a broken spec never passes). */
  readonly onWarning?: (message: string) => void;
}

/**
 * A Vega-Lite spec as an SVG document.
 * @example const svg = await renderSvg(chapterDataSpec(data));
 */
export function renderSvg(spec: Spec, options: SvgOptions = {}): Promise<string> {
  // one rendering at a time: Vega numbers gradients and clip paths with process-wide counters, reset here,
  // so that a figure's SVG does not depend on what was rendered before it (or alongside it)
  const result = queue.then(() => renderNow(spec, options));
  queue = result.then(() => undefined, () => undefined);
  return result;
}

let queue: Promise<void> = Promise.resolve();

async function renderNow(spec: Spec, options: SvgOptions): Promise<string> {
  const warn = options.onWarning ?? ((m: string) => { throw new Error(`vega: ${m}`); });
  const logger = collectingLogger(warn);
  const compiled = compile(spec, { logger }).spec;
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger, logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface PngOptions {
  /** TTF/OTF files of the font family the figures use ('DejaVu Sans'); resvg cannot read WOFF/WOFF2. */
  readonly fontFiles: readonly string[];
  /** Pixels per SVG unit (default 2). */
  readonly scale?: number;
}

/**
 * An SVG document as PNG bytes.
 * @example writeFileSync('fig.png', renderPng(svg, { fontFiles: dejaVuFontFiles() }));
 */
export function renderPng(svg: string, options: PngOptions): Uint8Array {
  return rasterise(svg, options).asPng();
}

/**
 * An SVG document as raw RGBA pixels (row-major, 4 bytes a pixel): for checks such as "the text was drawn".
 * @example const { width, height, pixels } = renderPixels(svg, { fontFiles });
 */
export function renderPixels(svg: string, options: PngOptions): { width: number; height: number; pixels: Uint8Array } {
  const image = rasterise(svg, options);
  return { width: image.width, height: image.height, pixels: image.pixels };
}

function rasterise(svg: string, options: PngOptions) {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: { fontFiles: [...options.fontFiles], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return resvg.render();
}

function collectingLogger(warn: (m: string) => void): vega.LoggerInterface {
  let level = vega.Warn;
  const say = (...args: readonly unknown[]) => warn(args.map(String).join(' '));
  const logger: vega.LoggerInterface = {
    level(l?: number) {
      if (l === undefined) return level as never;
      level = l;
      return logger as never;
    },
    error: (...args: readonly unknown[]) => { say(...args); return logger; },
    warn: (...args: readonly unknown[]) => { say(...args); return logger; },
    info: () => logger,
    debug: () => logger,
  } as vega.LoggerInterface;
  return logger;
}
