/** data/chapter.csv, the file the README's examples use, is the chapter's data: chapterData() at its seed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHAPTER_SEED, chapterData } from '../../src/index.js';
import { ROOT } from './helpers.js';

test(`data/chapter.csv holds chapterData() (seed ${CHAPTER_SEED}, 40 points) in full precision`, () => {
  const { xTrain, yTrain } = chapterData();
  const want = 'x,y\n' + Array.from(xTrain, (x, i) => `${x},${yTrain[i]}\n`).join('');
  assert.equal(readFileSync(join(ROOT, 'data', 'chapter.csv'), 'utf8'), want);
});
