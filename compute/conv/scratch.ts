/**
 * Reusable work buffers for the fast convolution paths (padded input, packed weights, FFT grids
 * and spectra). Fresh large typed arrays are expensive (the allocator maps new pages and the
 * kernel zeroes them on first touch; on the 2-core benchmark VM writing a fresh 1.6 MB output
 * measured ~5 ms against 0.5 ms for a reused one), so each named slot keeps its largest buffer,
 * within a total budget, and hands out zeroed views of it.
 *
 * The compute module is single-threaded and these functions are synchronous, so a slot is never
 * in use twice at once as long as each caller uses distinct names. Results handed to callers are
 * never scratch.
 */
/** The two float types the convolutions run in (float64 by default, float32 on request). */
export type Real = Float64Array | Float32Array;
export type RealArrayConstructor = Float64ArrayConstructor | Float32ArrayConstructor;

/** At most this many bytes stay allocated across all slots (a larger need allocates fresh). */
const MAX_KEPT_BYTES = 96 * 1024 * 1024;

const slots = new Map<string, Real>();
let keptBytes = 0;

/** A zero-filled array of `length` elements of `Type`, backed by slot `name`'s buffer. */
export function scratch(name: string, Type: RealArrayConstructor, length: number): Real {
  const key = `${name}:${Type.name}`;
  let buffer = slots.get(key);
  if (!buffer || buffer.length < length) {
    const old = buffer ? buffer.byteLength : 0;
    buffer = new Type(length);
    if (keptBytes - old + buffer.byteLength <= MAX_KEPT_BYTES) {
      slots.set(key, buffer);
      keptBytes += buffer.byteLength - old;
    }
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
  keptBytes = 0;
}
