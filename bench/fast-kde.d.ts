/** The part of fast-kde (uwdata, Heer 2021; plain JavaScript, no types of its own) that the benchmarks use. */
declare module 'fast-kde' {
  interface Options1d { bandwidth?: number; extent?: [number, number]; bins?: number }
  interface Options2d { bandwidth?: number | [number, number]; extent?: [[number, number], [number, number]]; bins?: number | [number, number] }
  interface Estimator {
    /** Per bin, the probability mass (x index fastest in 2-D); divided by the bin area it is the density. */
    grid(): Float64Array;
    extent(): [number, number] | [[number, number], [number, number]];
  }
  export function density1d(data: ArrayLike<number>, options?: Options1d): Estimator;
  export function density2d(data: ArrayLike<ArrayLike<number>>, options?: Options2d): Estimator;
}
