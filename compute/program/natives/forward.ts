/** Running a forward: a module's (user, container or layer), a layer's from its table, an op's; each recorded. */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../../errors';
import type { InterpCore } from '../interp-core';
import { FuncV, LayerV, OpaqueV } from '../objects';
import type { ModuleValue, Value } from '../objects';
import type { ForwardResult } from '../table-types';
import { torchFunction } from '../torch-ops';
import { NeedsUnknown, NotUnderstood, TensorV, UnknownV } from '../values';
import type { Scope } from './scope';
import { fromArg, kwArgs, opaqueIn, tensorsIn, toArg } from './convert';
import { childrenOf, adoptIntoLinen } from './modules';

/** Run a module's forward (a user module, a container, or a built-in layer). */
export const callModule = (s: Scope, interp: InterpCore, m: ModuleValue, args: Value[], kw: Map<string, Value>, line: number): Value => {
  adoptIntoLinen(s, m);
  if (m instanceof LayerV) return callLayer(s, m, args, kw, line);
  if (m.cls === s.functionalClass) {
    const out = m.attrs.get('outputs');
    return out ?? new OpaqueV('a Keras functional model without outputs', line);
  }
  if (m.cls === s.notReadClass) {
    const reason = String(m.attrs.get('reason'));
    interp.warn(`a module that is not read is called here (${reason}); its output and what follows are not traced`, line);
    return new OpaqueV(`the output of a module that is not read (${reason})`, line);
  }
  const forward = m.cls.lookup('forward') ?? m.cls.lookup('call') ?? m.cls.lookup('__call__');
  const linen = s.flavorOf(m.cls) === 'linen';
  s.recorder.moduleEnter(m, args);
  if (linen) s.linenStack.push({ module: m, counters: new Map() });
  let out: Value;
  try {
    const layer = m.attrs.get('__layer__');
    if (forward instanceof FuncV) out = interp.callFunction(forward, [m, ...args], kw, line, m);
    else if (layer instanceof LayerV) out = callLayer(s, layer, args, kw, line);
    else if (m.cls.nativeBase() === 'Sequential') {
      out = args[0];
      for (const child of childrenOf(m)) out = callModule(s, interp, child, [out], new Map(), line);
    } else throw new NotUnderstood(`${m.cls.name} has no forward`, line);
  } finally {
    if (linen) s.linenStack.pop();
  }
  s.recorder.moduleExit(m, out);
  return out;
};

export const callLayer = (s: Scope, layer: LayerV, args: Value[], kw: Map<string, Value>, line: number): Value => {
  const blocked = opaqueIn(args);
  if (blocked) {
    s.interp().warn(
      `the input of ${layer.className} (built on line ${layer.line}) is not known, so it and what follows are not traced: ${blocked instanceof UnknownV ? `it depends on ${blocked.name}` : blocked.reason.replace(/^line \d+: /, '')}`,
      line,
    );
    return blocked instanceof OpaqueV ? blocked : new OpaqueV(`the output of ${layer.className} on line ${line}`, line);
  }
  // Keras merge layers take a list of tensors; torch layers take tensors as positionals.
  const inputs = layer.framework === 'pytorch' ? args.filter((a): a is TensorV => a instanceof TensorV) : tensorsIn(args);
  if (inputs.length === 0) throw new NotUnderstood(`${layer.className} is called without a tensor`, line);
  let result: ForwardResult;
  try {
    result = layer.rule.forward(layer.args, inputs, kwArgs(kw, line));
  } catch (e) {
    if (e instanceof NeedsUnknown) return new OpaqueV(`${layer.className} needs ${e.unknown.name}`, line);
    if (e instanceof ComputeError && !(e instanceof NotUnderstood)) {
      s.recorder.shapeError?.({ layer, message: e.message, line, inputs });
      throw new ComputeError(`line ${line}: ${layer.className} (built on line ${layer.line}): ${e.message}`);
    }
    throw e;
  }
  const withRf = (o: ForwardResult['out']): Value => (o instanceof TensorV ? s.recorder.applyRf(inputs, result.rf, o) : o.map(withRf));
  const out = withRf(result.out);
  if (layer.lazy && layer.params === null) lazyCounts(layer, inputs);
  for (const note of result.notes ?? []) s.interp().warn(`${layer.className}: ${note}`, line);
  if (layer.framework === 'keras' && !s.kerasCalled.includes(layer)) s.kerasCalled.push(layer);
  s.recorder.layerCall(layer, inputs, result, out, line);
  return out;
};

/** A Keras or linen layer's weights, created at its first call from the input it gets. */
export const lazyCounts = (layer: LayerV, inputs: TensorV[]) => {
  try {
    layer.params = layer.rule.paramCountFor ? layer.rule.paramCountFor(layer.args, inputs) : layer.rule.paramCount(layer.args);
    layer.nonTrainable = layer.rule.nonTrainableFor?.(layer.args, inputs) ?? 0;
    layer.params += layer.nonTrainable;
    layer.buffers = layer.rule.bufferCountFor?.(layer.args, inputs) ?? layer.buffers;
  } catch (e) {
    if (!(e instanceof NeedsUnknown)) throw e;
  }
};

export const runOp = (s: Scope, canonical: string, args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): Value => {
  const blocked = opaqueIn([...args, ...kw.values()]);
  const inputs = tensorsIn(args);
  if (blocked && (blocked instanceof OpaqueV || inputs.length === 0))
    return blocked instanceof OpaqueV ? blocked : new OpaqueV(`${canonical} of ${blocked.name}`, line);
  let r: ReturnType<typeof torchFunction>;
  try {
    r = torchFunction(
      canonical,
      args.map((a) => toArg(a, line)),
      kwArgs(kw, line),
    );
  } catch (e) {
    if (e instanceof NeedsUnknown) return new OpaqueV(`${canonical} needs ${e.unknown.name}`, line);
    if (e instanceof ComputeError && !(e instanceof NotUnderstood)) {
      s.recorder.shapeError?.({ message: `${canonical}: ${e.message}`, line, inputs, from: node?.from, to: node?.to, file: s.interp().file.path });
      throw new ComputeError(`line ${line}: ${canonical}: ${e.message}`);
    }
    throw e;
  }
  if (!r) throw new NotUnderstood(`${canonical} is not read`, line);
  return finishOp(s, r, canonical, inputs, line, node);
};

export const finishOp = (
  s: Scope,
  r: NonNullable<ReturnType<typeof torchFunction>>,
  type: string,
  inputs: TensorV[],
  line: number,
  node?: SyntaxNode,
): Value => {
  const value = fromArg(r.value);
  const withRf = (v: Value): Value => (v instanceof TensorV ? s.recorder.applyRf(inputs, r.rf, v) : Array.isArray(v) ? v.map(withRf) : v);
  const out = withRf(value);
  if (tensorsIn([out]).length) s.recorder.opCall(r.op, type, inputs, out, r.macs, line, node?.from ?? 0, node?.to ?? 0);
  return out;
};
