/**
 * The font files of the figures: DejaVu Sans in TrueType from the `dejavu-fonts-ttf` package (the
 * @fontsource package ships WOFF/WOFF2 only, which resvg cannot read).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const FACES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'];

/** Absolute paths of the DejaVu Sans faces the figures use (regular, bold, oblique). */
export function dejaVuFontFiles(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json'));
  return FACES.map((f) => join(root, 'ttf', f));
}
