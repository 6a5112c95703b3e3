/**
 * Reusable work buffers for the fast convolution paths (padded input, packed weights, FFT grids
 * and spectra). Fresh large typed arrays are expensive (the allocator maps new pages and the
 * kernel zeroes them on first touch; on a loaded VM this measured 0.2–5 ms per 128 KiB–8 MiB), so
 * each named slot keeps its largest buffer and hands out zeroed views of it.
 *
 * The compute module is single-threaded and these functions are synchronous, so a slot is never
 * in use twice at once as long as each caller uses distinct names. Results handed to callers are
 * never scratch.
 */
import type { Real, RealArrayConstructor } from './geometry';

/** Buffers above this many elements are not kept (64 MiB of float64). */
const MAX_KEPT = 1 << 23;

const slots = new Map<string, Real>();

/** A zero-filled array of `length` elements of `Type`, backed by slot `name`'s buffer. */
export function scratch(name: string, Type: RealArrayConstructor, length: number): Real {
  if (length > MAX_KEPT) return new Type(length);
  const key = `${name}:${Type.name}`;
  let buffer = slots.get(key);
  if (!buffer || buffer.length < length) {
    buffer = new Type(length);
    slots.set(key, buffer);
    return buffer;
  }
  const view = buffer.length === length ? buffer : buffer.subarray(0, length);
  view.fill(0);
  return view;
}

/** Float64 scratch (FFT grids and spectra are always float64). */
export function scratch64(name: string, length: number): Float64Array {
  return scratch(name, Float64Array, length) as Float64Array;
}

/** Drop every kept buffer (e.g. after a very large layer). */
export function releaseScratch(): void {
  slots.clear();
}
