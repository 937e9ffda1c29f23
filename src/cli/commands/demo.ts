/**
 * `nadaraya demo`: the chapter reproduced (the same job as `npm start`) into --out, with --seed.
 */
import type { Command } from 'commander';
import { NadarayaError } from '../../index.js';
import { runDemo } from '../../demo/run.js';

export function registerDemo(program: Command): void {
  program.command('demo')
    .summary("reproduce the chapter: every figure and exercise, as SVG, PNG and an HTML report")
    .description('Runs the d2l chapter "Attention Pooling by Similarity" on its seeded data — kernels, fits, attention '
      + 'heatmaps, the width sweep, chosen and local widths, and the four exercises — and writes DIR/index.html '
      + 'with the figures in DIR/figures/.')
    .option('--out <dir>', 'output folder', 'out')
    .option('--seed <n>', 'seed of the chapter data (default: the chapter seed)')
    .option('--quiet', 'no progress line')
    .addHelpText('after', '\nExample:\n  nadaraya demo --out report --seed 7')
    .action(async (flags: { out: string; seed?: string; quiet?: boolean }) => {
      const seed = flags.seed === undefined ? undefined : Number(flags.seed);
      if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) {
        throw new NadarayaError('E_PARAM', { argument: '--seed', value: flags.seed }, 'must be a whole number ≥ 0');
      }
      await runDemo({ outDir: flags.out, seed, quiet: flags.quiet === true });
    });
}
