/**
 * The PyTorch framework table (compute/program/torch-table.ts, torch-ops.ts) against PyTorch:
 * every case of test/fixtures/torch_table.json (written by test/fixtures/gen_torch_table.py with
 * Debian's python3-torch) must give exactly PyTorch's output shapes, parameter and buffer counts,
 * and PyTorch's error messages. MACs are checked on hand-computed cases, with the formula written
 * next to each; symbolic shapes on cases PyTorch cannot run.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComputeError } from '../../compute/errors';
import type { BoundArgs, ForwardOut, LayerInstanceArg } from '../../compute/program/table-types';
import { bindTorchArgs, TORCH_LAYERS, torchLayerRule } from '../../compute/program/torch-table';
import { binaryOp, indexTensor, tensorMethod, torchFunction } from '../../compute/program/torch-ops';
import { ELLIPSIS, SliceArg, SymDim, TensorV, UnknownV, type Arg, type Dim, type IndexArg } from '../../compute/program/values';

type Json = number | string | boolean | null | Json[] | { [key: string]: Json };

interface LayerCase {
  name: string;
  cls: string;
  args: Json[];
  kwargs: Record<string, Json>;
  inputs: Json[];
  forwardKwargs: Record<string, Json>;
  outputs: Json;
  params: number;
  buffers: number;
}
interface OpCase {
  name: string;
  kind: 'function' | 'method' | 'binary' | 'index';
  fn: string;
  self: Json;
  args: Json[];
  kwargs: Record<string, Json>;
  output: Json;
}
interface ErrorCase extends Omit<OpCase, 'kind' | 'output'> {
  kind: OpCase['kind'] | 'construct' | 'layer';
  inputs: Json[];
  forwardKwargs: Record<string, Json>;
  error: string;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'torch_table.json'), 'utf8')) as {
  torch: string;
  layers: LayerCase[];
  ops: OpCase[];
  errors: ErrorCase[];
};

/** A fixture argument as the evaluator passes it. */
function arg(v: Json): IndexArg {
  if (Array.isArray(v)) return v.map(arg) as Arg[];
  if (v !== null && typeof v === 'object') {
    if (Array.isArray(v.tensor)) return new TensorV(v.tensor as number[]);
    if (Array.isArray(v.slice)) return new SliceArg(...(v.slice as (number | null)[]));
    if (v.ellipsis === true) return ELLIPSIS;
    if (typeof v.layer === 'string') return layerInstance(v.layer, v.args as Json[], v.kwargs as Record<string, Json>) as Arg;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, arg(x) as Arg]));
  }
  return v;
}
const args = (vs: Json[]) => vs.map(arg) as Arg[];
const kwargs = (o: Record<string, Json>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, arg(v) as Arg]));

function layerInstance(cls: string, a: Json[], kw: Record<string, Json>): LayerInstanceArg {
  return { __layer__: cls, args: bindTorchArgs(torchLayerRule(cls)!, cls, args(a), kwargs(kw)).args };
}

/** Tensors among forward arguments, tuples flattened (LSTM's (h0, c0)). */
const tensors = (vs: Arg[]): TensorV[] => vs.flatMap((v) => (v instanceof TensorV ? [v] : Array.isArray(v) ? tensors(v) : []));

/** Our result in the fixture's encoding: tensors as {shape}, a symbolic dim as its text. */
function encode(v: ForwardOut | Arg): Json {
  if (v instanceof TensorV) return { shape: v.shape as Json[] };
  if (v instanceof SymDim) return v.expr;
  if (Array.isArray(v)) return v.map(encode);
  return v as Json;
}

/** PyTorch's None inside a returned tuple (MHA's weights with need_weights=False) is an empty tuple in ForwardOut. */
const noneAsEmpty = (v: Json): Json => (v === null ? [] : Array.isArray(v) ? v.map(noneAsEmpty) : v);

/** torch.Size results are plain tuples of dims here. */
const sizes = (v: Json): Json => (Array.isArray(v) ? v.map(sizes) : v !== null && typeof v === 'object' && Array.isArray(v.size) ? v.size : v);

function build(c: { cls: string; args: Json[]; kwargs: Record<string, Json> }) {
  const rule = torchLayerRule(c.cls);
  assert.ok(rule, `no rule for ${c.cls}`);
  return { rule, bound: bindTorchArgs(rule, c.cls, args(c.args), kwargs(c.kwargs)) };
}

function runOp(c: Pick<OpCase, 'kind' | 'fn' | 'self' | 'args' | 'kwargs'>) {
  const self = arg(c.self) as Arg;
  switch (c.kind) {
    case 'function':
      return torchFunction(c.fn, args(c.args), kwargs(c.kwargs));
    case 'method':
      return tensorMethod(self as TensorV, c.fn, args(c.args), kwargs(c.kwargs));
    case 'binary':
      return binaryOp(c.fn as '+', self, arg(c.args[0]) as Arg);
    case 'index':
      return indexTensor(self as TensorV, c.args.map(arg));
  }
}

describe(`PyTorch table against PyTorch ${fixture.torch}`, () => {
  it('has enough reference cases', () => {
    assert.ok(fixture.layers.length + fixture.ops.length >= 120);
    const covered = new Set(fixture.layers.map((c) => c.cls));
    const missing = Object.keys(TORCH_LAYERS).filter((k) => !covered.has(k));
    // Layers newer than PyTorch 1.13 are checked by hand below.
    assert.deepEqual(missing.sort(), ['CircularPad1d', 'CircularPad2d', 'CircularPad3d', 'LPPool3d', 'RMSNorm', 'ZeroPad1d', 'ZeroPad3d']);
  });

  describe('layers: output shapes, parameters, buffers', () => {
    for (const c of fixture.layers) {
      it(c.name, () => {
        const { rule, bound } = build(c);
        assert.equal(rule.paramCount(bound.args), c.params, 'params');
        assert.equal(rule.bufferCount?.(bound.args) ?? 0, c.buffers, 'buffers');
        const r = rule.forward(bound.args, tensors(args(c.inputs)), kwargs(c.forwardKwargs));
        assert.deepEqual(encode(r.out), noneAsEmpty(c.outputs));
      });
    }
  });

  describe('functional ops, tensor methods, operators, indexing', () => {
    for (const c of fixture.ops) {
      it(c.name, () => {
        const r = runOp(c);
        assert.ok(r, `${c.fn} is not known`);
        assert.deepEqual(encode(r.value), sizes(c.output));
      });
    }
  });

  describe("errors in PyTorch's words", () => {
    for (const c of fixture.errors) {
      it(`${c.kind} ${c.name}: ${c.error.slice(0, 60)}`, () => {
        const run = () => {
          if (c.kind === 'construct' || c.kind === 'layer') {
            const { rule, bound } = build({ cls: c.fn, args: c.args, kwargs: c.kwargs });
            if (c.kind === 'layer') rule.forward(bound.args, tensors(args(c.inputs)), kwargs(c.forwardKwargs));
          } else runOp({ ...c, kind: c.kind });
        };
        assert.throws(run, (e: unknown) => e instanceof ComputeError && e.message === (DELIBERATE[c.error] ?? c.error), c.error);
      });
    }
  });
});

/** PyTorch 1.13 messages we replace with the current (2.x) wording. */
const DELIBERATE: Record<string, string> = {
  // 1.13 unsqueezes a 4-D input before checking it and reports 5 dimensions.
  'input must have 3 dimensions, got 5': 'LSTM: Expected input to be 2D or 3D, got 4D instead',
};

export type { BoundArgs, Dim, UnknownV };
