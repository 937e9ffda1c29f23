/**
 * The look every figure shares: one font (DejaVu Sans, shipped with the package so that SVG and PNG agree
 * on every machine), one set of sizes, and the colours that name the same thing in every figure.
 */
import type { Config, TopLevelSpec } from 'vega-lite';

/** The one font family of every figure; the PNG renderer loads the same family from `dejavu-fonts-ttf`. */
export const FONT_FAMILY = 'DejaVu Sans';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Colours that mean the same in every figure. */
export const COLORS = {
  estimate: '#1f77b4',
  truth: '#c2185b',
  data: '#ff7f0e',
  positive: '#1b9e77',
  negative: '#d95f02',
  loo: '#1f77b4',
  inSample: '#d62728',
  schedule: '#1f77b4',
  fixed: '#7f7f7f',
  reference: '#555555',
} as const;

/** The shared Vega-Lite config: fonts, sizes, no aria attributes (smaller, deterministic SVG). */
export const chartConfig: Config = {
  font: FONT_FAMILY,
  background: 'white',
  aria: false,
  padding: 10,
  title: { fontSize: 15, subtitleFontSize: 12, subtitleColor: '#444', anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e8e8e8', labelOverlap: true },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 0, titleLimit: 0 },
  header: { labelFontSize: 13, titleFontSize: 13, labelPadding: 6 },
  view: { stroke: '#bbb' },
  line: { strokeWidth: 2 },
};

/** A Vega-Lite specification (what every figure function returns). */
export type Spec = TopLevelSpec;

/** Adds the schema, the title and the shared config to a chart body. */
export function figure(title: string, subtitle: string | string[] | undefined, body: Record<string, unknown>): Spec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle === undefined ? { text: title } : { text: title, subtitle },
    config: chartConfig,
    ...body,
  } as Spec;
}

/**
 * Facet headers: a "\n" in a label breaks the line. Vega sizes text by an estimate (0.8 em a character)
 * that is wider than DejaVu Sans, so keep each line of a header within about panelWidth / 10 characters.
 */
export const multilineHeader = { labelLimit: 0, labelExpr: "split(datum.label, '\\n')" } as const;
