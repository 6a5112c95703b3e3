/**
 * Progress of a long simulation: the fraction done, from 0 to 1. Loops call it every few
 * thousand iterations (cheap enough to leave in); the lab's worker forwards it, throttled, to
 * the progress line.
 */
export type Progress = (fraction: number) => void;

/** Iterations between two reports (a power of two, tested with a mask). */
export const PROGRESS_EVERY = 4096;

/** A reporter for part `index` of `count` equal parts of a job. */
export function part(progress: Progress | undefined, index: number, count: number): Progress | undefined {
  return progress && ((f) => progress((index + f) / count));
}
