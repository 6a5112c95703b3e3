/**
 * What Flax linen and NNX layers share: argument binding (dataclass fields for linen, keyword-only
 * constructor arguments and `rngs` for NNX), and the shape and parameter rules of dense layers,
 * embeddings, normalization, attention and recurrent cells, which are the same maths in both APIs.
 *
 * Parameters:
 * - Dense / Linear (F → f): F·f kernel + f bias;
 * - Embed(num_embeddings, features): num_embeddings·features;
 * - BatchNorm / LayerNorm / GroupNorm / RMSNorm over C features: scale and bias, C each (RMSNorm
 *   scale only); BatchNorm's mean and var are `batch_stats`, not params;
 * - multi-head attention with qkv_features Q, output O: query/key/value DenseGeneral F·Q + Q each
 *   (F the feature size of the input each projects), output Q·O + O; normalize_qk adds a scale-only
 *   LayerNorm per head dimension for queries and keys (2·Q/num_heads);
 * - cells with f hidden features on F inputs: LSTMCell 4·F·f + 4·(f·f + f); linen GRUCell
 *   3·(F·f + f) + 3·f·f + f (its hn transform has a bias); NNX GRUCell 3·(F·f + f) + 3·f·f
 *   (one dense_h without bias); SimpleCell F·f + f + f·f.
 */
import { ComputeError } from '../errors';
import type { BoundArgs, ForwardOut, ForwardResult, LayerRule, RfRule } from './table-types';
import { isLayerInstance } from './table-types';
import { knownChannels } from './nhwc-window';
import { bindSignature, isNone, knownDifferent, macCount, normDim, prodDims, sizeArg, type Bound } from './torch-dims';
import { describeArg, NeedsUnknown, num, TensorV, UnknownV, type Arg, type Dim } from './values';

// ── Binding ─────────────────────────────────────────────────────────────────────────────────────

/** A Flax table entry: a LayerRule plus what the binder needs to read Flax calls. */
export interface FlaxLayerRule extends LayerRule {
  /** Fields / arguments accepted and dropped (dtype, initializers, precision, …), in signature order. */
  ignoredParams: readonly string[];
  /** NNX: arguments after `*` in the constructor, given by keyword only (ignored ones included). */
  kwOnly?: readonly string[];
  /** NNX: keyword-only arguments without a default (`rngs`). */
  requiredKw?: readonly string[];
}

/** The rule's constructor checks; one that needs an unknown value waits until it is known. */
function runCheck(rule: LayerRule, args: BoundArgs): void {
  try {
    rule.check?.(args);
  } catch (e) {
    if (!(e instanceof NeedsUnknown)) throw e;
  }
}

const quote = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(' and ');

/**
 * Bind a Flax constructor call. Linen modules are dataclasses: fields in order, positional or by
 * keyword, plus the keyword-only `name` and `parent`. NNX modules take a few positional arguments,
 * the rest keyword-only, and most require `rngs=`. Python's TypeError wording throughout.
 */
export function bindFlaxArgs(rule: FlaxLayerRule, name: string, positional: readonly Arg[], keywords: Readonly<Record<string, Arg>>): Bound {
  const title = `${name}.__init__`;
  const kwOnly = rule.kwOnly ?? [];
  const own: Record<string, Arg> = {};
  for (const [k, v] of Object.entries(keywords)) if (k !== 'name' && k !== 'parent' && k !== 'rngs') own[k] = v;
  if (kwOnly.length || rule.requiredKw) {
    const byPosition = rule.params.filter((p) => !kwOnly.includes(p));
    if (positional.length > byPosition.length) {
      const required = byPosition.filter((p) => !Object.hasOwn(rule.defaults, p)).length;
      const takes = required === byPosition.length ? `${required + 1}` : `from ${required + 1} to ${byPosition.length + 1}`;
      throw new ComputeError(`${title}() takes ${takes} positional arguments but ${positional.length + 1} were given`);
    }
    const missingKw = (rule.requiredKw ?? []).filter((k) => !Object.hasOwn(keywords, k));
    const bound = bindSignature(title, { params: rule.params, defaults: rule.defaults, ignored: rule.ignoredParams }, positional, own);
    if (missingKw.length)
      throw new ComputeError(
        `${title}() missing ${missingKw.length} required keyword-only argument${missingKw.length > 1 ? 's' : ''}: ${quote(missingKw)}`,
        missingKw[0],
      );
    runCheck(rule, bound.args);
    return bound;
  }
  const bound = bindSignature(title, { params: rule.params, defaults: rule.defaults, ignored: rule.ignoredParams }, positional, own);
  runCheck(rule, bound.args);
  return bound;
}

/** A linen layer has no parameters before its first call (`init`), when the input sizes them. */
export const lazyFlax = (cls: string) => (): number => {
  throw new NeedsUnknown(new UnknownV(`input of ${cls}`, `${cls} creates its params at init, from the input's shape`, 0));
};

const features = (x: TensorV, cls: string): number => knownChannels(x.shape[x.shape.length - 1], cls);

// ── Dense and Embed ─────────────────────────────────────────────────────────────────────────────

/** A dense map of the last axis: (…, F) → (…, f); MACs rows·F·f. NNX checks F against in_features. */
export function denseForward(cls: string, x: TensorV, out: Dim, inFeatures?: Dim): ForwardResult {
  if (x.shape.length === 0) throw new ComputeError(`${cls}: the input is a scalar; a dense layer maps the last axis of an array.`);
  const last = x.shape[x.shape.length - 1];
  if (inFeatures !== undefined && knownDifferent(last, inFeatures)) {
    throw new ComputeError(
      `dot_general requires contracting dimensions to have the same shape, got (${last},) and (${inFeatures},). (${cls} was built with in_features=${inFeatures}.)`,
    );
  }
  const lead = x.shape.slice(0, -1);
  const rf: RfRule = x.shape.length <= 2 ? { kind: 'none' } : { kind: 'same' };
  return { out: new TensorV([...lead, out]), macs: macCount([...lead, last, out]), rf };
}

export const denseParams = (fin: number, fout: number, bias: boolean): number => fin * fout + (bias ? fout : 0);

/** Embed: integer indices of any shape gain a last axis of `features`. */
export const embedForward = (x: TensorV, f: Dim): ForwardResult => ({ out: new TensorV([...x.shape, f]), macs: 0, rf: { kind: 'none' } });

// ── Normalization ───────────────────────────────────────────────────────────────────────────────

const axesList = (v: Arg, rank: number): number[] => (Array.isArray(v) ? v : [v]).map((a) => normDim(num(a, 'axis'), rank));

/** The number of features a norm keeps per-feature scale/bias for: the product of the feature axes. */
export function featureCount(x: TensorV, axes: Arg, cls: string): number {
  return axesList(axes, x.shape.length).reduce((p, a) => p * knownChannels(x.shape[a], cls), 1);
}

export const affine = (a: BoundArgs): number => (a.use_scale === false ? 0 : 1) + (a.use_bias === false ? 0 : 1);

/** Flax GroupNorm's checks (linen at call, NNX at construction), in its words. */
export function checkGroups(numGroups: Arg, groupSize: Arg, channels: Dim): void {
  if (isNone(numGroups) === isNone(groupSize)) {
    throw new ComputeError(
      'Either `num_groups` or `group_size` should be specified. If `group_size` is to be specified, pass `num_groups=None` as argument to override the default `num_groups` value of 32.',
    );
  }
  if (typeof channels !== 'number') return;
  if (!isNone(groupSize)) {
    const g = num(groupSize, 'group_size');
    if (channels % g !== 0) throw new ComputeError(`Number of features (${channels}) is not multiple of the group size (${g}).`);
  } else {
    const g = num(numGroups, 'num_groups');
    if (!Number.isInteger(g) || g <= 0 || channels % g !== 0)
      throw new ComputeError(`Number of groups (${g}) does not divide the number of channels (${channels}).`);
  }
}

/** A norm leaves the shape as it is; a per-feature scale is not counted as MACs. */
export function normForward(x: TensorV, declared?: Dim, axis: Arg = -1, cls = 'norm'): ForwardResult {
  if (declared !== undefined) {
    const c = x.shape[normDim(num(axis, 'axis'), x.shape.length)];
    if (knownDifferent(c, declared))
      throw new ComputeError(
        `${cls} was built with num_features=${declared} but its input has ${c} features on axis ${describeArg(axis)} (shape (${x.shape.join(', ')})).`,
      );
  }
  return { out: new TensorV(x.shape), macs: 0, rf: { kind: 'same' } };
}

// ── Multi-head attention ────────────────────────────────────────────────────────────────────────

export interface AttentionDims {
  heads: number;
  /** qkv_features (defaults to the query's features). */
  qkv: number;
  /** out_features (defaults to the query's features). */
  out: number;
  qIn: number;
  kIn: number;
  vIn: number;
  bias: boolean;
  normalizeQk: boolean;
}

export function attentionParams(d: AttentionDims): number {
  const proj = (fin: number, fout: number) => denseParams(fin, fout, d.bias);
  const qkNorm = d.normalizeQk ? 2 * (d.qkv / d.heads) : 0;
  return proj(d.qIn, d.qkv) + proj(d.kIn, d.qkv) + proj(d.vIn, d.qkv) + proj(d.qkv, d.out) + qkNorm;
}

/** (inputs_q, inputs_k = inputs_q, inputs_v = inputs_k), or the older inputs_kv= keyword. */
export function attentionInputs(inputs: TensorV[], kw: BoundArgs | undefined): { q: TensorV; k: TensorV; v: TensorV } {
  const q = inputs[0] ?? (kw?.inputs_q instanceof TensorV ? kw.inputs_q : undefined);
  if (!q) throw new ComputeError("__call__() missing 1 required positional argument: 'inputs_q'");
  const kv = kw?.inputs_kv instanceof TensorV ? kw.inputs_kv : undefined;
  const k = inputs[1] ?? (kw?.inputs_k instanceof TensorV ? kw.inputs_k : kv) ?? q;
  const v = inputs[2] ?? (kw?.inputs_v instanceof TensorV ? kw.inputs_v : kv) ?? k;
  return { q, k, v };
}

/**
 * Attention output: the query's shape with the last axis out_features. MACs per sample for T
 * query and S key positions: T·Fq·Q + S·Fk·Q + S·Fv·Q (projections) + 2·T·S·Q (scores and the
 * weighted sum over all heads) + T·Q·O (output).
 */
export function attentionForward(
  cls: string,
  inputs: TensorV[],
  kw: BoundArgs | undefined,
  heads: Dim,
  qkvArg: Arg,
  outArg: Arg,
  declaredIn?: { q: Dim; kv: Dim },
): ForwardResult {
  const { q, k, v } = attentionInputs(inputs, kw);
  const last = (t: TensorV) => t.shape[t.shape.length - 1];
  if (declaredIn) {
    if (knownDifferent(last(q), declaredIn.q))
      throw new ComputeError(`${cls} was built with in_features=${declaredIn.q} but inputs_q has ${last(q)} features.`);
    if (knownDifferent(last(k), declaredIn.kv))
      throw new ComputeError(`${cls} was built with in_kv_features=${declaredIn.kv} but inputs_k has ${last(k)} features.`);
  }
  const qkv = isNone(qkvArg) ? last(q) : sizeArg(qkvArg, 'qkv_features');
  const out = isNone(outArg) ? last(q) : sizeArg(outArg, 'out_features');
  if (typeof qkv === 'number' && typeof heads === 'number' && qkv % heads !== 0) {
    throw new ComputeError(`Memory dimension (${qkv}) must be divisible by number of heads (${heads}).`);
  }
  const n = q.shape.slice(0, 1);
  const t = prodDims(q.shape.slice(1, -1));
  const s = prodDims(k.shape.slice(1, -1));
  const terms = [
    macCount([...n, t, last(q), qkv]),
    macCount([...n, s, last(k), qkv]),
    macCount([...n, s, last(v), qkv]),
    macCount([...n, 2, t, s, qkv]),
    macCount([...n, t, qkv, out]),
  ];
  const macs = terms.some((m) => m === null) ? null : terms.reduce<number>((a, m) => a + (m as number), 0);
  return { out: new TensorV([...q.shape.slice(0, -1), out]), macs, rf: { kind: 'global', axes: Array.from({ length: q.shape.length - 2 }, (_, i) => i + 1) } };
}

// ── Recurrent cells and RNN ─────────────────────────────────────────────────────────────────────

export type CellKind = 'LSTMCell' | 'OptimizedLSTMCell' | 'GRUCell' | 'SimpleCell';
export const CELLS: readonly CellKind[] = ['LSTMCell', 'OptimizedLSTMCell', 'GRUCell', 'SimpleCell'];
const GATES: Record<CellKind, number> = { LSTMCell: 4, OptimizedLSTMCell: 4, GRUCell: 3, SimpleCell: 1 };

/** A cell's parameters for F inputs and f hidden features (see the header; `api` picks the GRU variant). */
export function cellParams(kind: CellKind, fin: number, f: number, api: 'linen' | 'nnx'): number {
  if (kind === 'SimpleCell') return fin * f + f + f * f;
  if (kind === 'GRUCell') return 3 * (fin * f + f) + 3 * f * f + (api === 'linen' ? f : 0);
  return 4 * fin * f + 4 * (f * f + f);
}

/** One step: x (*batch, F) → (new carry, y): LSTM's carry is (c, h); the others' is h. */
export function cellForward(kind: CellKind, inputs: TensorV[], f: Dim, fin?: Dim): ForwardResult {
  const x = inputs[inputs.length - 1];
  if (!x) throw new ComputeError(`${kind}.__call__() missing 1 required positional argument: 'inputs'`);
  const last = x.shape[x.shape.length - 1];
  if (fin !== undefined && knownDifferent(last, fin)) throw new ComputeError(`${kind} was built with in_features=${fin} but its input has ${last} features.`);
  const lead = x.shape.slice(0, -1);
  const h = () => new TensorV([...lead, f]);
  const carry: ForwardOut = kind === 'LSTMCell' || kind === 'OptimizedLSTMCell' ? [h(), h()] : h();
  return {
    out: [carry, h()],
    macs: macCount([...lead, GATES[kind], f, typeof last === 'number' && typeof f === 'number' ? last + f : `${last}+${f}`]),
    rf: { kind: 'none' },
  };
}

/** The cell an RNN wraps, read from its constructor argument. */
export function cellOf(v: Arg, what: string): { kind: CellKind; args: BoundArgs } {
  if (!isLayerInstance(v) || !(CELLS as readonly string[]).includes(v.__layer__)) {
    throw new ComputeError(
      `${what} must be a recurrent cell (LSTMCell, OptimizedLSTMCell, GRUCell, SimpleCell) for ML Lens to read it, not ${isLayerInstance(v) ? v.__layer__ : describeArg(v)}.`,
      what,
    );
  }
  return { kind: v.__layer__ as CellKind, args: v.args };
}

/**
 * RNN(cell) over (*batch, T, F) (time_major: (T, *batch, F)): the cell applied at every step,
 * output (*batch, T, f); return_carry gives (carry, outputs). MACs: T steps of the cell's.
 */
export function rnnForward(kind: CellKind, f: Dim, x: TensorV, timeMajor: boolean, returnCarry: boolean): ForwardResult {
  if (x.shape.length < 2) throw new ComputeError(`RNN needs inputs with a time axis and a feature axis, not (${x.shape.join(', ')}).`);
  const t = timeMajor ? 0 : x.shape.length - 2;
  const step = x.shape.filter((_, i) => i !== t);
  const one = cellForward(kind, [new TensorV(step)], f);
  const y = new TensorV([...x.shape.slice(0, -1), f]);
  const carry = (one.out as ForwardOut[])[0];
  const macs = one.macs === null ? null : macCount([x.shape[t], one.macs]);
  return { out: returnCarry ? [carry, y] : y, macs, rf: { kind: 'none' } };
}

/** Parameters of an RNN's cell on F inputs (hidden size from the cell's arguments). */
export function rnnCellParams(cell: { kind: CellKind; args: BoundArgs }, fin: number, api: 'linen' | 'nnx'): number {
  const f = num(api === 'linen' ? cell.args.features : cell.args.hidden_features, api === 'linen' ? 'features' : 'hidden_features');
  return cellParams(cell.kind, fin, f, api);
}

export const inputFeatures = features;
