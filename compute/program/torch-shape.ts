/**
 * PyTorch's shape rules for tensor manipulation (broadcasting, reshape, permute, cat, split,
 * reductions, matmul), on shapes whose dims may be symbols. Errors use PyTorch's own wording.
 */
import { ComputeError } from '../errors';
import { addDims, divDim, divDimExact, knownDifferent, macCount, mulDim, normDim, prodDims, sameDim, showShape } from './torch-dims';
import type { Dim } from './values';

/** PyTorch's broadcasting: align on the right; a size-1 axis stretches to the other's size. */
export function broadcastShapes(a: readonly Dim[], b: readonly Dim[]): Dim[] {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = new Array(n);
  // PyTorch compares from the last axis, so it reports the last mismatch.
  for (let i = n - 1; i >= 0; i--) {
    const da = a[i - (n - a.length)] ?? 1;
    const db = b[i - (n - b.length)] ?? 1;
    if (da === 1) out[i] = db;
    else if (db === 1 || sameDim(da, db)) out[i] = da;
    else if (knownDifferent(da, db))
      throw new ComputeError(`The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`);
    // One side symbolic: a number other than 1 is what the symbol must be.
    else out[i] = typeof db === 'number' ? db : da;
  }
  return out;
}

export const broadcastAll = (shapes: readonly (readonly Dim[])[]): Dim[] => shapes.reduce<Dim[]>((acc, s) => broadcastShapes(acc, s), []);

/** view/reshape: at most one −1, inferred as numel / (product of the others); symbols cancel (N·9216 / N). */
export function reshapeShape(shape: readonly Dim[], target: readonly Dim[]): Dim[] {
  const holes = target.filter((d) => d === -1).length;
  if (holes > 1) throw new ComputeError('only one dimension can be inferred');
  const bad = target.find((d) => typeof d === 'number' && d < -1);
  if (bad !== undefined) throw new ComputeError(`invalid shape dimension ${bad}`);
  const total = prodDims(shape);
  const known = prodDims(target.filter((d) => d !== -1));
  const invalid = () => new ComputeError(`shape '${showShape(target)}' is invalid for input of size ${total}`);
  if (holes === 0) {
    if (knownDifferent(total, known)) throw invalid();
    return [...target];
  }
  if (known === 0) {
    throw new ComputeError(
      `cannot reshape tensor of ${total} elements into shape ${showShape(target)} because the unspecified dimension size -1 can be any value and is ambiguous`,
    );
  }
  if (typeof total === 'number' && typeof known === 'number' && total % known !== 0) throw invalid();
  const inferred = divDimExact(total, known) ?? divDim(total, known);
  return target.map((d) => (d === -1 ? inferred : d));
}

export function flattenShape(shape: readonly Dim[], startDim: number, endDim: number): Dim[] {
  if (shape.length === 0) return [1];
  const start = normDim(startDim, shape.length);
  const end = normDim(endDim, shape.length);
  if (start > end) throw new ComputeError('flatten() has invalid args: start_dim cannot come after end_dim');
  return [...shape.slice(0, start), prodDims(shape.slice(start, end + 1)), ...shape.slice(end + 1)];
}

export function unflattenShape(shape: readonly Dim[], dim: number, sizes: readonly Dim[]): Dim[] {
  const d = normDim(dim, shape.length);
  const n = shape[d];
  const holes = sizes.filter((s) => s === -1).length;
  if (holes > 1) throw new ComputeError('only one dimension can be inferred');
  const known = prodDims(sizes.filter((s) => s !== -1));
  const mismatch = () =>
    new ComputeError(`unflatten: Provided sizes ${showShape(sizes)} don't multiply up to the size of dim ${dim} (${n}) in the input tensor`);
  let filled = [...sizes];
  if (holes) {
    if (typeof n === 'number' && typeof known === 'number' && (known === 0 || n % known !== 0)) throw mismatch();
    filled = sizes.map((s) => (s === -1 ? (divDimExact(n, known) ?? divDim(n, known)) : s));
  } else if (knownDifferent(n, known)) throw mismatch();
  return [...shape.slice(0, d), ...filled, ...shape.slice(d + 1)];
}

export function permuteShape(shape: readonly Dim[], dims: readonly number[]): Dim[] {
  if (dims.length !== shape.length) {
    throw new ComputeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${shape.length} is not equal to len(dims) = ${dims.length}`,
    );
  }
  const order = dims.map((d) => normDim(d, shape.length));
  if (new Set(order).size !== order.length) throw new ComputeError('permute(): duplicate dims are not allowed.');
  return order.map((d) => shape[d]);
}

export function transposeShape(shape: readonly Dim[], dim0: number, dim1: number): Dim[] {
  const a = normDim(dim0, shape.length);
  const b = normDim(dim1, shape.length);
  const out = [...shape];
  [out[a], out[b]] = [out[b], out[a]];
  return out;
}

/** squeeze(): drop every axis known to be 1; squeeze(dim): drop those of `dims` that are 1. */
export function squeezeShape(shape: readonly Dim[], dims?: readonly number[]): Dim[] {
  const drop = dims ? new Set(dims.map((d) => normDim(d, shape.length))) : undefined;
  return shape.filter((s, i) => !(s === 1 && (!drop || drop.has(i))));
}

export function unsqueezeShape(shape: readonly Dim[], dim: number): Dim[] {
  const d = normDim(dim, shape.length + 1);
  return [...shape.slice(0, d), 1, ...shape.slice(d)];
}

/** Reduce over sorted, normalised axes: drop them, or keep them as 1. */
export function reduceShape(shape: readonly Dim[], axes: readonly number[], keepdim: boolean): Dim[] {
  const set = new Set(axes);
  return keepdim ? shape.map((s, i) => (set.has(i) ? 1 : s)) : shape.filter((_, i) => !set.has(i));
}

export function catShape(shapes: readonly (readonly Dim[])[], dim: number): Dim[] {
  // Legacy: 1-D empty tensors are skipped by torch.cat.
  const parts = shapes.filter((s) => !(s.length === 1 && s[0] === 0));
  if (shapes.length === 0) throw new ComputeError('torch.cat(): expected a non-empty list of Tensors');
  if (parts.length === 0) return [0];
  const first = parts[0];
  const d = normDim(dim, first.length);
  const out = [...first];
  parts.slice(1).forEach((s) => {
    if (s.length !== first.length) throw new ComputeError(`Tensors must have same number of dimensions: got ${first.length} and ${s.length}`);
  });
  parts.forEach((s, j) => {
    if (j === 0) return;
    s.forEach((size, i) => {
      if (i !== d && knownDifferent(first[i], size)) {
        throw new ComputeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${first[i]} but got size ${size} for tensor number ${shapes.indexOf(s)} in the list.`,
        );
      }
    });
    out[d] = addDims(out[d], s[d]);
  });
  return out;
}

export function stackShape(shapes: readonly (readonly Dim[])[], dim: number): Dim[] {
  if (shapes.length === 0) throw new ComputeError('stack expects a non-empty TensorList');
  const first = shapes[0];
  shapes.forEach((s, j) => {
    if (s.length !== first.length || s.some((size, i) => knownDifferent(size, first[i]))) {
      throw new ComputeError(`stack expects each tensor to be equal size, but got ${showShape(first)} at entry 0 and ${showShape(s)} at entry ${j}`);
    }
  });
  const d = normDim(dim, first.length + 1);
  return [...first.slice(0, d), shapes.length, ...first.slice(d)];
}

/** torch.split: pieces of `size` (the last one smaller), or the given section sizes. */
export function splitShapes(shape: readonly Dim[], sizes: number | readonly number[], dim: number): Dim[][] {
  const d = normDim(dim, shape.length);
  const n = shape[d];
  const piece = (len: Dim) => shape.map((s, i) => (i === d ? len : s));
  if (Array.isArray(sizes)) {
    const sum = sizes.reduce((a, b) => a + b, 0);
    if (knownDifferent(n, sum)) {
      throw new ComputeError(
        `split_with_sizes expects split_sizes to sum exactly to ${n} (input tensor's size at dimension ${d}), but got split_sizes=${showShape(sizes)}`,
      );
    }
    return sizes.map(piece);
  }
  const size = sizes as number;
  if (typeof n !== 'number') throw new ComputeError(`split: the size ${n} of dimension ${d} is symbolic, so the number of pieces of ${size} is not known`);
  if (size === 0) {
    if (n !== 0) throw new ComputeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${n}`);
    return [piece(0)];
  }
  const count = Math.max(1, Math.ceil(n / size));
  return Array.from({ length: count }, (_, i) => piece(Math.min(size, n - i * size)));
}

/** torch.chunk: ⌈n/chunks⌉ per piece, so there may be fewer pieces than asked. */
export function chunkShapes(shape: readonly Dim[], chunks: number, dim: number): Dim[][] {
  if (chunks <= 0) throw new ComputeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normDim(dim, shape.length);
  const n = shape[d];
  if (typeof n !== 'number') return Array.from({ length: chunks }, () => shape.map((s, i) => (i === d ? divDim(n, chunks) : s)));
  return splitShapes(shape, Math.ceil(n / chunks), d);
}

export function expandShape(shape: readonly Dim[], sizes: readonly Dim[]): Dim[] {
  if (sizes.length < shape.length) {
    throw new ComputeError(
      `expand(torch.FloatTensor{${showShape(shape)}}, size=${showShape(sizes)}): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${shape.length})`,
    );
  }
  const lead = sizes.length - shape.length;
  return sizes.map((t, i) => {
    if (i < lead) {
      if (t === -1) throw new ComputeError(`The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
      return t;
    }
    const s = shape[i - lead];
    if (t === -1) return s;
    if (s === 1 || sameDim(s, t)) return t;
    if (knownDifferent(s, t)) {
      throw new ComputeError(
        `The expanded size of the tensor (${t}) must match the existing size (${s}) at non-singleton dimension ${i}.  Target sizes: ${showShape(sizes)}.  Tensor sizes: ${showShape(shape)}`,
      );
    }
    return t;
  });
}

export function repeatShape(shape: readonly Dim[], repeats: readonly Dim[]): Dim[] {
  if (repeats.length < shape.length) throw new ComputeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  const padded = [...Array.from({ length: repeats.length - shape.length }, () => 1), ...shape];
  return padded.map((s, i) => mulDim(s, repeats[i]));
}

const mat = (rows: Dim, cols: Dim) => `${rows}x${cols}`;

/** F.linear / nn.Linear: (*, in) → (*, out); MACs = rows · in · out. */
export function linearShape(x: readonly Dim[], inF: Dim, outF: Dim): { shape: Dim[]; macs: number | null } {
  if (x.length === 0) throw new ComputeError('both arguments to linear need to be at least 1D, but they are 0D and 2D');
  const last = x[x.length - 1];
  const lead = x.slice(0, -1);
  if (knownDifferent(last, inF)) throw new ComputeError(`mat1 and mat2 shapes cannot be multiplied (${mat(prodDims(lead), last)} and ${mat(inF, outF)})`);
  return { shape: [...lead, outF], macs: macCount([...lead, inF, outF]) };
}

/**
 * torch.matmul: vector·vector (dot), matrix·matrix, and batched products with broadcast batch
 * axes; a 1-D operand gets a temporary axis that is removed again. MACs = batch · n · m · p.
 */
export function matmulShape(a: readonly Dim[], b: readonly Dim[]): { shape: Dim[]; macs: number | null } {
  if (a.length === 0 || b.length === 0) throw new ComputeError(`both arguments to matmul need to be at least 1D, but they are ${a.length}D and ${b.length}D`);
  if (a.length === 1 && b.length === 1) {
    if (knownDifferent(a[0], b[0])) {
      throw new ComputeError(
        `inconsistent tensor size, expected tensor [${a[0]}] and src [${b[0]}] to have the same number of elements, but got ${a[0]} and ${b[0]} elements respectively`,
      );
    }
    return { shape: [], macs: macCount([a[0]]) };
  }
  if (b.length === 1) {
    // (…, n, m) · (m): rows of a times the vector.
    const m = a[a.length - 1];
    const rows = prodDims(a.slice(0, -1));
    if (knownDifferent(m, b[0])) throw new ComputeError(`size mismatch, got ${rows}, ${mat(rows, m)},${b[0]}`);
    return { shape: a.slice(0, -1), macs: macCount([...a.slice(0, -1), m]) };
  }
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const [n, m] = a2.slice(-2);
  const [k, p] = b.slice(-2);
  if (b.length === 2) {
    // (…, n, m) · (m, p): PyTorch folds a's batch into rows.
    const rows = prodDims(a2.slice(0, -1));
    if (knownDifferent(m, k)) throw new ComputeError(`mat1 and mat2 shapes cannot be multiplied (${mat(rows, m)} and ${mat(k, p)})`);
    const shape = a.length === 1 ? [p] : [...a.slice(0, -1), p];
    return { shape, macs: macCount([...a2.slice(0, -1), m, p]) };
  }
  const batch = broadcastShapes(a2.slice(0, -2), b.slice(0, -2));
  if (knownDifferent(m, k)) {
    const size = prodDims(batch);
    throw new ComputeError(`Expected size for first two dimensions of batch2 tensor to be: [${size}, ${m}] but got: [${size}, ${k}].`);
  }
  const shape = a.length === 1 ? [...batch, p] : [...batch, n, p];
  return { shape, macs: macCount([...batch, n, m, p]) };
}

export function bmmShape(a: readonly Dim[], b: readonly Dim[]): { shape: Dim[]; macs: number | null } {
  if (a.length !== 3) throw new ComputeError('batch1 must be a 3D tensor');
  if (b.length !== 3) throw new ComputeError('batch2 must be a 3D tensor');
  if (knownDifferent(a[0], b[0])) throw new ComputeError(`batch1 and batch2 must have same number of batches, got ${a[0]} and ${b[0]}`);
  if (knownDifferent(a[2], b[1]))
    throw new ComputeError(`Expected size for first two dimensions of batch2 tensor to be: [${a[0]}, ${a[2]}] but got: [${b[0]}, ${b[1]}].`);
  return { shape: [a[0], a[1], b[2]], macs: macCount([a[0], a[1], a[2], b[2]]) };
}

export function mmShape(a: readonly Dim[], b: readonly Dim[]): { shape: Dim[]; macs: number | null } {
  if (a.length !== 2) throw new ComputeError('self must be a matrix');
  if (b.length !== 2) throw new ComputeError('mat2 must be a matrix');
  if (knownDifferent(a[1], b[0])) throw new ComputeError(`mat1 and mat2 shapes cannot be multiplied (${mat(a[0], a[1])} and ${mat(b[0], b[1])})`);
  return { shape: [a[0], b[1]], macs: macCount([a[0], a[1], b[1]]) };
}

/**
 * torch.einsum ('bhqd,bhkd->bhqk'): each letter names one size, `...` the broadcast leading axes.
 * MACs of a contraction of two or more operands: the product of every letter's size (the naive
 * loop nest), once per pairwise product; a single operand (a transpose, a trace, a sum) has none.
 */
export function einsumShape(equation: string, shapes: readonly (readonly Dim[])[]): { shape: Dim[]; macs: number | null } {
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.split('->');
  const terms = lhs.split(',');
  if (terms.length !== shapes.length) throw new ComputeError(`einsum(): more operands were provided than specified in the equation`);
  const sizes = new Map<string, Dim>();
  let ellipsis: Dim[] = [];
  terms.forEach((term, t) => {
    const shape = shapes[t];
    const letters = term.replace('...', '');
    const dots = term.includes('...') ? shape.length - letters.length : 0;
    if (dots < 0 || (!term.includes('...') && letters.length !== shape.length)) {
      throw new ComputeError(
        `einsum(): the number of subscripts in the equation (${letters.length}) does not match the number of dimensions (${shape.length}) for operand ${t}${term.includes('...') ? '' : ' and no ellipsis was given'}`,
      );
    }
    const before = term.indexOf('...') < 0 ? letters.length : term.indexOf('...');
    ellipsis = broadcastShapes(ellipsis, shape.slice(before, before + dots));
    [...letters].forEach((ch, i) => {
      const d = shape[i < before ? i : i + dots];
      const seen = sizes.get(ch);
      if (seen === undefined || seen === 1) sizes.set(ch, d);
      else if (d !== 1 && knownDifferent(seen, d))
        throw new ComputeError(`einsum(): subscript ${ch} has size ${d} for operand ${t} which does not broadcast with previously seen size ${seen}`);
    });
  });
  const outTerm =
    rhs ??
    `...${[...sizes.keys()]
      .filter((ch) => lhs.split(ch).length === 2)
      .sort()
      .join('')}`;
  const shape: Dim[] = [];
  const dotsAt = outTerm.indexOf('...');
  [...outTerm.replace('...', '')].forEach((ch, i) => {
    if (i === dotsAt) shape.push(...ellipsis);
    shape.push(sizes.get(ch) ?? 1);
  });
  if (dotsAt >= 0 && dotsAt >= outTerm.replace('...', '').length) shape.push(...ellipsis);
  const all = macCount([...ellipsis, ...sizes.values()]);
  return { shape, macs: shapes.length < 2 || all === null ? (shapes.length < 2 ? 0 : null) : all * (shapes.length - 1) };
}
