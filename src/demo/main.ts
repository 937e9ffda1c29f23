/**
 * `npm start`: reproduces the chapter — every figure and exercise — into out/ (or $NADARAYA_OUT), prints
 * a short summary table and the path of the report. NADARAYA_SEED picks another seed.
 */
import { runDemo } from './run.js';

const seedText = process.env.NADARAYA_SEED;
const seed = seedText === undefined || seedText === '' ? undefined : Number(seedText);
if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) {
  console.error(`NADARAYA_SEED must be a whole number ≥ 0; got ${seedText}`);
  process.exit(2);
}
await runDemo({ outDir: process.env.NADARAYA_OUT ?? 'out', seed });
