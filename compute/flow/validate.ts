/** Small checks for request fields, each failing with a sentence that names the field. */
import { fail } from '../errors';

/** A value for a message: numbers as JS prints them (NaN, Infinity), the rest as JSON. */
export const show = (value: unknown) => (typeof value === 'number' ? String(value) : JSON.stringify(value));

export function finiteNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${where} must be a finite number, not ${show(value)}.`, where);
  return value;
}

export function positiveInteger(value: unknown, where: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) fail(`${where} must be a positive integer, not ${show(value)}.`, where);
  if (value > max) fail(`${where} may be at most ${max.toLocaleString('en-US')}, not ${value.toLocaleString('en-US')}.`, where);
  return value;
}

/** A list of finite numbers, of length `length` when given. */
export function finiteVector(value: unknown, where: string, length?: number): number[] {
  if (!Array.isArray(value)) fail(`${where} must be a list of numbers.`, where);
  if (length !== undefined && value.length !== length) fail(`${where} must have ${length} entries (the dimension), not ${value.length}.`, where);
  value.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where}[${i}] must be a finite number, not ${show(v)}.`, where);
  });
  return value as number[];
}

/** A row-major matrix given as a list of rows. */
export function finiteMatrix(value: unknown, where: string, rows: number, cols: number): Float64Array {
  if (!Array.isArray(value) || value.length !== rows) fail(`${where} must be a list of ${rows} rows of ${cols} numbers.`, where);
  const out = new Float64Array(rows * cols);
  value.forEach((row, i) => out.set(finiteVector(row, `${where}[${i}]`, cols), i * cols));
  return out;
}

/** A box [xmin, xmax, ymin, ymax] with xmin < xmax and ymin < ymax. */
export function box(value: unknown, where: string): [number, number, number, number] {
  const b = finiteVector(value, where, 4);
  if (!(b[0] < b[1] && b[2] < b[3])) fail(`${where} must be [xmin, xmax, ymin, ymax] with xmin < xmax and ymin < ymax, not [${b.join(', ')}].`, where);
  return [b[0], b[1], b[2], b[3]];
}

/** softplus(a) = log(1 + eᵃ) without overflow. */
export function softplus(a: number): number {
  return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
}

export const formatPoint = (p: ArrayLike<number>) => `(${Array.from(p, (v) => +v.toPrecision(6)).join(', ')})`;
