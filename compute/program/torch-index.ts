/**
 * Indexing a tensor, `x[...]` (see SliceArg in values.ts for the index items). Python's slice
 * rules on known sizes; on a symbolic size a slice assumes it fits (`x[:, :T]` has length T,
 * `x[1:-1]` on H has H-2).
 *
 * Receptive field: slicing a spatial axis start:stop:step keeps it spatial, output o reading
 * input start + o·step, a window of 1 with stride `step` shifted by −start; picking one position
 * (an int or an index tensor) or inserting an axis among the spatial ones ends it (`none`).
 *
 * An index tensor is taken as an integer index (its shape replaces the axis); a boolean mask
 * cannot be told apart by shape alone.
 */
import { ComputeError } from '../errors';
import type { RfRule } from './table-types';
import { addConst } from './torch-dims';
import { ok, tensor, type OpResult } from './torch-op-kit';
import { broadcastAll } from './torch-shape';
import { EllipsisArg, SliceArg, SymDim, TensorV, type Dim, type IndexArg } from './values';

const part = (v: number | SymDim | null): number | string | null => (v instanceof SymDim ? v.expr : v);

/** Length of n[start:stop:step] by Python's rules, symbolic when n or a bound is. */
export function sliceLength(n: Dim, s: SliceArg): Dim {
  const step = part(s.step) ?? 1;
  if (typeof step !== 'number') return `len(${n}[::${step}])`;
  if (step <= 0) throw new ComputeError('step must be greater than zero');
  const start = part(s.start);
  const stop = part(s.stop);
  let len: Dim;
  if (typeof n === 'number' && (start === null || typeof start === 'number') && (stop === null || typeof stop === 'number')) {
    const clamp = (v: number | null, dflt: number) => (v === null ? dflt : v < 0 ? Math.max(0, v + n) : Math.min(v, n));
    const a = clamp(start, 0);
    const b = clamp(stop, n);
    return Math.max(0, Math.ceil((b - a) / step));
  }
  const a = start ?? 0;
  if (typeof a === 'string' || typeof stop === 'string') {
    len = a === 0 ? (stop ?? n) : `${stop ?? n}-${a}`;
  } else if (stop === null) {
    len = a >= 0 ? addConst(n, -a) : -a;
  } else if (stop >= 0) {
    len = a >= 0 ? Math.max(0, stop - a) : `len(${n}[${a}:${stop}])`;
  } else {
    len = a >= 0 ? addConst(n, stop - a) : Math.max(0, stop - a);
  }
  if (step === 1) return len;
  return typeof len === 'number' ? Math.ceil(len / step) : `ceil(${len}/${step})`;
}

export function indexTensor(self: TensorV, index: readonly IndexArg[]): OpResult {
  const shape = self.shape;
  const rank = shape.length;
  const ellipses = index.filter((i) => i instanceof EllipsisArg).length;
  if (ellipses > 1) throw new ComputeError("an index can only have a single ellipsis ('...')");
  const consumes = (i: IndexArg) => (i === null || i === undefined || i instanceof EllipsisArg ? 0 : 1);
  const used = index.reduce<number>((s, i) => s + consumes(i), 0);
  if (used > rank) throw new ComputeError(`too many indices for tensor of dimension ${rank}`);
  const spatialFrom = rank - (self.rf?.length ?? Math.max(0, rank - 2));
  const out: Dim[] = [];
  const advanced: { at: number; shape: Dim[] }[] = [];
  let keepsField = true;
  const window = { kernel: [] as number[], stride: [] as number[], padding: [] as number[] };
  let axis = 0;
  for (const item of index) {
    if (item instanceof EllipsisArg) {
      for (let k = 0; k < rank - used; k++) keep(axis++);
    } else if (item === null || item === undefined) {
      if (axis > spatialFrom && axis < rank) keepsField = false;
      out.push(1);
    } else if (item instanceof SliceArg) {
      const n = shape[axis];
      out.push(sliceLength(n, item));
      if (axis >= spatialFrom) {
        const start = part(item.start) ?? 0;
        const step = part(item.step) ?? 1;
        const from = typeof start === 'number' && start < 0 ? (typeof n === 'number' ? Math.max(0, start + n) : undefined) : start;
        if (typeof from !== 'number' || typeof step !== 'number') keepsField = false;
        else field(from, step);
      }
      axis++;
    } else if (item instanceof TensorV) {
      advanced.push({ at: out.length, shape: item.shape });
      if (axis >= spatialFrom) keepsField = false;
      axis++;
    } else if (typeof item === 'number' || item instanceof SymDim) {
      const n = shape[axis];
      if (typeof item === 'number' && typeof n === 'number' && (item >= n || item < -n)) {
        throw new ComputeError(`index ${item} is out of bounds for dimension ${axis} with size ${n}`);
      }
      if (axis >= spatialFrom) keepsField = false;
      axis++;
    } else {
      throw new ComputeError(`only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${typeof item})`);
    }
  }
  while (axis < rank) keep(axis++);

  function keep(a: number) {
    out.push(shape[a]);
    if (a >= spatialFrom) field(0, 1);
  }
  function field(start: number, step: number) {
    window.kernel.push(1);
    window.stride.push(step);
    window.padding.push(-start);
  }

  if (advanced.length) {
    // Adjacent index tensors broadcast together in place; separated ones move to the front.
    const adjacent = advanced.every((a, i) => i === 0 || a.at === advanced[0].at);
    const joint = broadcastAll(advanced.map((a) => a.shape));
    const at = adjacent ? advanced[0].at : 0;
    out.splice(at, 0, ...joint);
  }
  let rf: RfRule = { kind: 'none' };
  if (keepsField) {
    const trivial = window.stride.every((s) => s === 1) && window.padding.every((p) => p === 0);
    rf = trivial ? { kind: 'same' } : { kind: 'window', kernel: window.kernel, stride: window.stride, padding: window.padding, dilation: window.kernel };
  }
  return ok(tensor(out), 'getitem', rf);
}
