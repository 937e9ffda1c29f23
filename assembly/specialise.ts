/**
 * Compile-time specialisation. A loop that exists in variants (which kernel, where its terms come from)
 * takes the variant as a marker class type argument and tests it with `is<K, Marker>()`, which the
 * compiler decides: each instantiation holds one variant's code and nothing else. A constant value
 * argument would not do: binaryen folds the inlined copies back into one loop that tests the value at
 * run time, and the extra live values spill the loop's registers.
 */

// @ts-ignore: decorator
@inline export function is<A, B>(): bool {
  return idof<A>() == idof<B>();
}
