/**
 * Child process of bench/predict.ts (not a benchmark itself): times ours on data read from the CSVs and
 * reports its own peak RSS, so that the memory figure is this fit's alone.
 *
 *   node dist/bench/predict-child.js DATA.csv QUERIES.csv OUT.csv H MAX_RUNS BUDGET_S
 */
import fs from 'node:fs';
import { regression } from '../src/node.js'; // the Node entry: native and worker backends too, as users of the package get
import { peakRssKiB, readCsv, timeRuns } from './common.js';

const [dataPath, queryPath, outPath, h, maxRuns, budget] = process.argv.slice(2);
if (outPath !== undefined) {
  const [x, y] = readCsv(dataPath!);
  const [q] = readCsv(queryPath!);
  const baselineKiB = peakRssKiB();
  const width = Number(h);
  // untimed warm-up on a small slice, so that the timed runs see optimised code (V8 tiers up over a few
  // calls; the peers' code is compiled ahead of time)
  const k = Math.min(1024, x!.length);
  for (let r = 0; r < 4; r++) regression({ bandwidth: width }).fit(x!.subarray(0, k), y!.subarray(0, k)).predict(q!.subarray(0, k));
  const timing = timeRuns(() => regression({ bandwidth: width }).fit(x!, y!).predict(q!), Number(maxRuns), Number(budget));
  const maxRSSKiB = peakRssKiB();
  fs.writeFileSync(outPath, Array.from(timing.last, String).join('\n') + '\n');
  process.stdout.write(JSON.stringify({ times: timing.times, median: timing.median, maxRSSKiB, baselineKiB }) + '\n');
}
