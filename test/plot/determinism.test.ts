/**
 * Reproducibility: the same seed gives byte-identical SVG and PNG; another seed gives other data and other
 * figures; and the PNG renderer really draws text with the shipped font (without a font, resvg drops text
 * silently). Seeds: CHAPTER_SEED (2024) and 7.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHAPTER_SEED } from '../../src/index.js';
import { dejaVuFontFiles, runChapter } from '../../src/report/index.js';
import { renderPixels, renderPng, renderSvg } from '../../src/plot/render.js';
import { chapterDataSpec } from '../../src/plot/data.js';
import { fitPanelsSpec } from '../../src/plot/fits.js';
import { attentionHeatmapsSpec } from '../../src/plot/heatmaps.js';

/** The chapter's own figures (data, fits, attention) for a seed, as SVG. */
async function chapterSvgs(seed: number): Promise<string[]> {
  const r = runChapter(seed);
  const d = r.data;
  const panels = r.kernelFits.map((f) => ({ label: f.label, x: d.xQuery, yHat: f.estimates, truthX: d.xQuery, truthY: d.yTrue, xTrain: d.xTrain, yTrain: d.yTrain }));
  return Promise.all([
    renderSvg(chapterDataSpec({ xTrain: d.xTrain, yTrain: d.yTrain, truthX: d.xQuery, truthY: d.yTrue, xQuery: d.xQuery, seed })),
    renderSvg(fitPanelsSpec(panels, { title: 'fits' })),
    renderSvg(attentionHeatmapsSpec(r.kernelFits.map((f) => ({ label: f.label, queries: d.xQuery, n: d.xTrain.length, weights: f.attention })), { title: 'attention' })),
  ]);
}

test(`same seed (${CHAPTER_SEED}) → byte-identical SVG and PNG`, async () => {
  const a = await chapterSvgs(CHAPTER_SEED);
  const b = await chapterSvgs(CHAPTER_SEED);
  a.forEach((svg, i) => assert.ok(svg === b[i], `figure ${i}: two renderings differ`));
  const fontFiles = dejaVuFontFiles();
  const pngA = renderPng(a[0]!, { fontFiles });
  const pngB = renderPng(b[0]!, { fontFiles });
  assert.ok(Buffer.from(pngA).equals(Buffer.from(pngB)), 'two PNGs of the same SVG differ');
  // no timestamp or other per-run text sneaks in
  assert.ok(!/20\d\d-\d\d-\d\dT/.test(a.join('')), 'an ISO timestamp in the SVG');
});

test('another seed (7) → other data and other figures', async () => {
  const a = runChapter(CHAPTER_SEED).data;
  const b = runChapter(7).data;
  assert.notDeepEqual(Array.from(a.xTrain), Array.from(b.xTrain));
  assert.notDeepEqual(Array.from(a.yTrain), Array.from(b.yTrain));
  const svgA = await chapterSvgs(CHAPTER_SEED);
  const svgB = await chapterSvgs(7);
  svgA.forEach((svg, i) => assert.notEqual(svg, svgB[i], `figure ${i} is the same for seeds ${CHAPTER_SEED} and 7`));
});

test('the PNG renderer draws text with the shipped DejaVu Sans', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="10" y="28" font-family="DejaVu Sans" font-size="20">Hello σ α ŷ</text></svg>';
  const dark = (fontFiles: string[]) => {
    const { pixels } = renderPixels(svg, { fontFiles, scale: 1 });
    let n = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) n++;
    return n;
  };
  const files = dejaVuFontFiles();
  assert.equal(files.length, 3);
  assert.ok(files.every((f) => f.endsWith('.ttf')), 'resvg needs TrueType files');
  assert.ok(dark(files) > 100, 'no text was drawn with the shipped font');
});

test('an SVG does not depend on what was rendered before it', async () => {
  const r = runChapter(CHAPTER_SEED);
  const d = r.data;
  const heat = attentionHeatmapsSpec([{ label: 'Gaussian', queries: d.xQuery, n: d.xTrain.length, weights: r.kernelFits[0]!.attention }], { title: 'attention' });
  const first = await renderSvg(heat);
  await Promise.all([renderSvg(heat), renderSvg(heat)]);
  assert.ok(first === await renderSvg(heat), 'the heatmap (with its colour-bar gradient) changed on a later rendering');
});

test('the figure specs are plain data: JSON round trip gives the same SVG', async () => {
  // the explorer page receives specs as JSON; nothing in them may depend on functions or typed arrays
  const r = runChapter(CHAPTER_SEED);
  const d = r.data;
  const data = chapterDataSpec({ xTrain: d.xTrain, yTrain: d.yTrain, truthX: d.xQuery, truthY: d.yTrue, xQuery: d.xQuery, seed: CHAPTER_SEED });
  assert.ok(await renderSvg(JSON.parse(JSON.stringify(data))) === await renderSvg(data), 'data figure: JSON round trip changed the SVG');
  const heat = attentionHeatmapsSpec([{ label: 'Gaussian', queries: d.xQuery, n: d.xTrain.length, weights: r.kernelFits[0]!.attention }], { title: 'attention' });
  assert.ok(await renderSvg(JSON.parse(JSON.stringify(heat))) === await renderSvg(heat), 'heatmap: JSON round trip changed the SVG');
});
