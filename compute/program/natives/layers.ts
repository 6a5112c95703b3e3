/** Building layers from the framework tables (torch.nn, Keras, Flax linen and NNX), Keras inputs and tensor factories. */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../../errors';
import { LayerV, OpaqueV } from '../objects';
import type { Value } from '../objects';
import type { LayerRule } from '../table-types';
import { bindTorchArgs, torchLayerRule } from '../torch-table';
import { bindKerasArgs, kerasAutoName, kerasInput } from '../keras-table';
import { bindLinenArgs, bindNnxArgs } from '../flax-table';
import { NeedsUnknown, NotUnderstood, SymDim, TensorV, UnknownV } from '../values';
import type { Dim } from '../values';
import type { Scope } from './scope';
import { kwArgs, numArg, toArg } from './convert';

/** A Keras, Flax linen or NNX layer from its table; lazy ones count parameters at their first call. */
export const buildFrameworkLayer = (
  s: Scope,
  framework: 'keras' | 'flax',
  flavor: 'keras' | 'linen' | 'nnx',
  rule: LayerRule,
  name: string,
  args: Value[],
  kw: Map<string, Value>,
  line: number,
  node?: SyntaxNode,
): LayerV => {
  // NNX layers take random keys (`rngs=`); no shape or parameter count depends on them.
  if (kw.has('rngs')) kw = new Map([...kw].map(([k, v]) => [k, k === 'rngs' ? null : v]));
  const blocked = [...args, ...kw.values()].find((v) => v instanceof OpaqueV) as OpaqueV | undefined;
  if (blocked) throw new NotUnderstood(`${name}'s arguments are not known: ${blocked.reason.replace(/^line \d+: /, '')} (line ${blocked.line})`, line);
  const positional = args.map((a) => toArg(a, line));
  const keywords = kwArgs(kw, line);
  const bound =
    flavor === 'keras'
      ? bindKerasArgs(rule as Parameters<typeof bindKerasArgs>[0], name, positional, keywords)
      : flavor === 'linen'
        ? bindLinenArgs(rule as Parameters<typeof bindLinenArgs>[0], name, positional, keywords)
        : bindNnxArgs(rule as Parameters<typeof bindNnxArgs>[0], name, positional, keywords);
  const layer = new LayerV(name, rule, bound.args, bound.defaultsUsed, line, node?.from ?? 0, node?.to ?? 0, null, 0);
  layer.file = s.interp().file?.path;
  layer.framework = framework;
  layer.lazy = flavor !== 'nnx';
  if (!layer.lazy) {
    try {
      layer.params = rule.paramCount(bound.args);
      layer.buffers = rule.bufferCount?.(bound.args) ?? 0;
    } catch (e) {
      if (!(e instanceof NeedsUnknown)) throw e;
    }
  }
  if (flavor === 'keras') {
    const given = kw.get('name');
    layer.autoName = typeof given === 'string' ? given : kerasAutoName(name, s.kerasCounters);
    const declared = (bound as { inputShape?: Dim[] }).inputShape;
    if (declared) layer.declaredInput = declared;
  }
  return layer;
};

/** keras.Input(shape=...): the symbolic input tensor, with a receptive field on its spatial axes. */
export const kerasInputTensor = (args: Value[], kw: Map<string, Value>, line: number): TensorV => {
  const t = kerasInput(
    args.map((a) => toArg(a, line)),
    kwArgs(kw, line),
  );
  const rank = t.shape.length;
  return rank >= 3 && rank <= 5
    ? new TensorV(
        t.shape,
        t.shape.slice(1, -1).map(() => ({ size: 1, jump: 1, left: 0 })),
      )
    : t;
};

export const buildLayer = (s: Scope, name: string, args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): Value | undefined => {
  const rule = torchLayerRule(name);
  if (!rule) return undefined;
  const blocked = [...args, ...kw.values()].find((v) => v instanceof OpaqueV) as OpaqueV | undefined;
  if (blocked) throw new NotUnderstood(`nn.${name}'s arguments are not known: ${blocked.reason.replace(/^line \d+: /, '')} (line ${blocked.line})`, line);
  let bound: ReturnType<typeof bindTorchArgs>;
  try {
    bound = bindTorchArgs(
      rule,
      name,
      args.map((a) => toArg(a, line)),
      kwArgs(kw, line),
    );
  } catch (e) {
    if (e instanceof ComputeError && !(e instanceof NotUnderstood))
      s.recorder.shapeError?.({ message: `nn.${name}: ${e.message}`, line, inputs: [], from: node?.from, to: node?.to, file: s.interp().file.path });
    throw e;
  }
  let params: number | null;
  let buffers = 0;
  try {
    params = rule.paramCount(bound.args);
    buffers = rule.bufferCount?.(bound.args) ?? 0;
  } catch (e) {
    if (!(e instanceof NeedsUnknown)) throw e;
    params = null;
  }
  const inner = [...args, ...kw.values()].filter((v): v is LayerV => v instanceof LayerV);
  const layer = new LayerV(name, rule, bound.args, bound.defaultsUsed, line, node?.from ?? 0, node?.to ?? 0, params, buffers, inner);
  layer.file = s.interp().file?.path;
  return layer;
};

export const tensorFactory = (s: Scope, path: string, args: Value[], kw: Map<string, Value>, line: number): Value => {
  const name = path.slice(path.lastIndexOf('.') + 1);
  let dims: Value[] = args;
  if (name === 'full') dims = [args[0]];
  if (name === 'randint') dims = [args[args.length - 1]];
  if (name === 'normal') return new OpaqueV('torch.normal(…)', line);
  const size = kw.get('size');
  if (size !== undefined) dims = [size];
  if (dims.length === 1 && !(typeof dims[0] === 'number' || dims[0] instanceof SymDim)) dims = s.interp().iterate(dims[0], line);
  const shape: Dim[] = dims.map((d) => (d instanceof SymDim ? d.expr : d instanceof UnknownV ? d.name : numArg(d, `${path}()`, line)));
  return new TensorV(shape);
};
