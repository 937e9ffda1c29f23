import { NadarayaError } from '../errors.js';
import { nearest } from '../options.js';
import { biweight } from './biweight.js';
import { boxcar } from './boxcar.js';
import { constant } from './constant.js';
import { cosine } from './cosine.js';
import { epanechnikov } from './epanechnikov.js';
import { exponential } from './exponential.js';
import { gaussian } from './gaussian.js';
import { logistic } from './logistic.js';
import { sigmoid } from './sigmoid.js';
import { silverman } from './silverman.js';
import { triangular } from './triangular.js';
import { tricube } from './tricube.js';
import { triweight } from './triweight.js';
import type { Kernel, KernelName } from './types.js';

/** Every built-in kernel, the chapter's four first. */
export const kernels: readonly Kernel[] = [
  gaussian, boxcar, constant, triangular, epanechnikov, biweight, triweight, tricube, cosine,
  logistic, sigmoid, exponential, silverman,
];

/** The canonical kernel names, in display order. */
export const kernelNames: readonly KernelName[] = kernels.map((k) => k.name);

const byName = new Map<string, Kernel>();
for (const k of kernels) for (const n of [k.name, ...k.aliases]) byName.set(n, k);

/**
 * Looks a kernel up by name or alias (case-insensitive); a Kernel object is returned as is.
 * @example getKernel('tophat').name // 'boxcar'
 */
export function getKernel(name: string | Kernel, argument = 'kernel'): Kernel {
  if (typeof name === 'object' && name !== null && typeof name.logAbsSq === 'function') return name;
  const found = typeof name === 'string' ? byName.get(name.toLowerCase()) : undefined;
  if (found) return found;
  const near = typeof name === 'string' ? nearest(name, [...byName.keys()]) : undefined;
  throw new NadarayaError('E_PARAM', { argument, value: name },
    `unknown kernel${near ? ` (did you mean "${near}"?)` : ''}; known kernels are ${[...byName.keys()].join(', ')}`);
}
