/** Library calls by dotted path: torch.nn layers and functions, Keras, Flax, jax.numpy, math, functools, argparse, re, config objects. */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../../errors';
import { BuiltinV, DictV, InstanceV, isModule, LayerV, OpaqueV, PartialV } from '../objects';
import type { Value } from '../objects';
import { kerasLayerRule } from '../keras-table';
import { flaxFunction, flaxLinenRule, flaxNnxRule } from '../flax-table';
import { NotUnderstood, SymDim, TensorV, UnknownV } from '../values';
import type { Scope } from './scope';
import { kwArgs, numArg, opaqueIn, tensorsIn, toArg } from './convert';
import { ParameterV, ValuesV, weightShape } from './values';
import { callLayer, finishOp, runOp } from './forward';
import { buildFrameworkLayer, buildLayer, kerasInputTensor, tensorFactory } from './layers';
import { range } from './builtins';
import { argParser } from './argparse';
import { functionalModel, namedTuple } from './instances';
import { pythonRe } from './python-methods';

/** Libraries read by name: their calls go to callLib, never to a workspace file. */
export const KNOWN_LIBRARIES =
  /^(torch|keras|tensorflow|flax|jax|optax|ml_collections|easydict|omegaconf|math|functools|collections|typing|numpy|np|itertools|operator|copy|warnings|logging|os|sys|abc|dataclasses|enum|argparse|types|re|json|time|random|torchvision|einops|timm|tqdm|PIL|pathlib|__future__)(\.|$)/;

const mathFns: Record<string, (x: number[]) => number> = {
  ceil: ([x]) => Math.ceil(x),
  floor: ([x]) => Math.floor(x),
  sqrt: ([x]) => Math.sqrt(x),
  log: ([x, b]) => (b === undefined ? Math.log(x) : Math.log(x) / Math.log(b)),
  log2: ([x]) => Math.log2(x),
  log10: ([x]) => Math.log10(x),
  exp: ([x]) => Math.exp(x),
  pow: ([x, y]) => x ** y,
  gcd: ([a, b]) => {
    let [x, y] = [Math.abs(a), Math.abs(b)];
    while (y) [x, y] = [y, x % y];
    return x;
  },
  prod: (xs) => xs.reduce((p, x) => p * x, 1),
  isclose: ([a, b]) => Number(Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))),
  cos: ([x]) => Math.cos(x),
  sin: ([x]) => Math.sin(x),
  trunc: ([x]) => Math.trunc(x),
  fabs: ([x]) => Math.abs(x),
};
export const mathConsts: Record<string, number> = { pi: Math.PI, e: Math.E, inf: Infinity, tau: 2 * Math.PI };
export const tensorFactories = /^(torch\.(randn|rand|zeros|ones|empty|full|randint|normal)|(numpy|np)\.(zeros|ones|empty)|(numpy|np)\.random\.(randn|rand))$/;

export const callLib = (s: Scope, path: string, args: Value[], kw: Map<string, Value>, line: number, node?: SyntaxNode): Value | undefined => {
  const name = path.slice(path.lastIndexOf('.') + 1);
  if (path.startsWith('torch.nn.') && /^torch\.nn\.(modules\.\w+\.)?[A-Z]\w*$/.test(path)) {
    const built = buildLayer(s, name, args, kw, line, node);
    if (built) return built;
    if (name === 'Parameter') {
      const t = args[0] ?? kw.get('data');
      return t instanceof TensorV ? new ParameterV(t.shape, kw.get('requires_grad') !== false && args[1] !== false) : (t ?? null);
    }
  }
  // keras.layers.add([a, b]) and friends: the merge layer, built and called on the list.
  const merge = /^keras\.layers\.(add|concatenate|multiply|average|maximum|minimum|subtract|dot)$/.exec(path);
  if (merge) {
    const cls = merge[1] === 'dot' ? 'Dot' : merge[1][0].toUpperCase() + merge[1].slice(1);
    const rule = kerasLayerRule(cls);
    const inputsArg = args[0] ?? kw.get('inputs');
    if (rule && inputsArg !== undefined) {
      const rest = new Map([...kw].filter(([k]) => k !== 'inputs'));
      const layer = buildFrameworkLayer(s, 'keras', 'keras', rule, cls, args.slice(1), rest, line, node);
      return callLayer(s, layer, [inputsArg], new Map(), line);
    }
  }
  const keras = /^keras\.(?:layers\.(?:experimental\.preprocessing\.)?)?([A-Z]\w*)$/.exec(path);
  if (keras) {
    if (keras[1] === 'Input') return kerasInputTensor(args, kw, line);
    const rule = kerasLayerRule(keras[1]);
    if (rule) return buildFrameworkLayer(s, 'keras', 'keras', rule, keras[1], args, kw, line, node);
    if (keras[1] === 'Model' && (kw.has('outputs') || args.length >= 2)) return functionalModel(s, args, kw, line, node);
  }
  const linen = /^flax\.linen\.([A-Za-z]\w*)$/.exec(path);
  if (linen && /^[A-Z]/.test(linen[1])) {
    const rule = flaxLinenRule(linen[1]);
    if (rule) return buildFrameworkLayer(s, 'flax', 'linen', rule, linen[1], args, kw, line, node);
  }
  const nnx = /^flax\.nnx\.([A-Za-z]\w*)$/.exec(path);
  if (nnx && nnx[1] === 'Rngs') return null; // random keys: no shape or parameter depends on them
  if (nnx && /^[A-Z]/.test(nnx[1])) {
    const rule = flaxNnxRule(nnx[1]);
    if (rule) return buildFrameworkLayer(s, 'flax', 'nnx', rule, nnx[1], args, kw, line, node);
  }
  if (/^(jax\.numpy|numpy)\.(ones|zeros|empty)$/.test(path) && args[0] !== undefined) {
    const dims = typeof args[0] === 'number' ? [args[0]] : s.interp().iterate(args[0], line);
    return new TensorV(dims.map((d) => (d instanceof SymDim ? d.expr : numArg(d, `${path}()`, line))));
  }
  if (/^jax\.random\./.test(path)) return new OpaqueV(`${path}(…) (random keys and values)`, line);
  if (/^(flax\.linen|flax\.nnx|jax\.nn|jax\.numpy)\.[a-z_]\w*$/.test(path)) {
    const inputs = tensorsIn(args);
    const blocked = opaqueIn([...args, ...kw.values()]);
    if (blocked instanceof OpaqueV) return blocked;
    const r = flaxFunction(
      path,
      args.map((a) => toArg(a, line)),
      kwArgs(kw, line),
    );
    if (!r) throw new NotUnderstood(`\`${path}\` is not read`, line);
    return finishOp(s, r, path.replace(/^flax\.linen\./, 'nn.').replace(/^jax\.numpy\./, 'jnp.'), inputs, line, node);
  }
  if (/^torch\.nn\.utils\.(parametrizations\.)?spectral_norm$/.test(path) && isModule(args[0])) return args[0]; // weight_orig replaces weight: same count
  if (/^torch\.nn\.utils\.(parametrizations\.)?weight_norm$/.test(path) && args[0] instanceof LayerV && args[0].params !== null) {
    // weight becomes weight_g (one magnitude per output slice, dim=0) and weight_v (the weight's shape).
    const shape = weightShape(args[0]);
    if (shape && typeof shape[0] === 'number') args[0].params += shape[0];
    return args[0];
  }
  // Activation checkpointing recomputes in backward; forward is fn(*args).
  if (path === 'torch.utils.checkpoint.checkpoint' && args[0] !== undefined) {
    const rest = new Map([...kw].filter(([k]) => !['use_reentrant', 'preserve_rng_state', 'context_fn', 'determinism_check', 'debug'].includes(k)));
    return s.interp().call(args[0], args.slice(1), rest, line, node);
  }
  if (/^torch\.nn\.init\./.test(path) || /^torch\.nn\.utils\.(clip_grad|parametrize)/.test(path)) return null;
  if (
    path === 'torch.nn.functional.' + name ||
    path === 'torch.' + name ||
    path === 'torch.Tensor.' + name ||
    path === 'torch.fft.' + name ||
    path === 'torch.linalg.' + name
  ) {
    if (tensorFactories.test(path)) return tensorFactory(s, path, args, kw, line);
    if (name === 'tensor' || name === 'as_tensor') return new OpaqueV(`${path}(…) of data values`, line);
    if (name === 'arange' && args.length && args.every((a) => typeof a === 'number')) {
      const r = range(s, args, line) as number[];
      return new ValuesV(r);
    }
    if (name === 'linspace' && [args[0], args[1], args[2] ?? kw.get('steps')].every((a) => typeof a === 'number')) {
      // timm's stochastic-depth rates: [x.item() for x in torch.linspace(0, rate, depth)].
      const [a, b] = args as number[];
      const n = (args[2] ?? kw.get('steps')) as number;
      if (n > s.interp().budget.maxLoop)
        throw new ComputeError(`line ${line}: torch.linspace of ${n} steps is more than the ${s.interp().budget.maxLoop} followed.`);
      return new ValuesV(Array.from({ length: n }, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1))));
    }
    if (name === 'no_grad' || name === 'enable_grad' || name === 'inference_mode' || name === 'manual_seed' || name === 'set_grad_enabled') return null;
    const canonical = path.startsWith('torch.nn.functional.') ? `F.${name}` : `torch.${name}`;
    return runOp(s, canonical, args, kw, line, node);
  }
  if (path.startsWith('math.') && name in mathFns) {
    const xs = args.map((a) => a);
    const blocked = xs.find((x) => x instanceof UnknownV || x instanceof OpaqueV || x instanceof SymDim);
    if (blocked) return blocked;
    const nums =
      name === 'prod'
        ? s
            .interp()
            .iterate(xs[0], line)
            .map((x) => numArg(x, `math.${name}()`, line))
        : xs.map((x) => numArg(x, `math.${name}()`, line));
    return mathFns[name](nums);
  }
  if ((path === 'numpy.prod' || path === 'np.prod') && args[0] !== undefined)
    return s
      .interp()
      .iterate(args[0], line)
      .reduce<number>((p, x) => p * numArg(x, 'prod()', line), 1);
  if (path === 'functools.partial') return new PartialV(args[0], args.slice(1), kw);
  if (path === 'functools.reduce') {
    const items = s.interp().iterate(args[1], line);
    let acc = args.length > 2 ? args[2] : items.shift()!;
    for (const it of items) acc = s.interp().call(args[0], [acc, it], new Map(), line);
    return acc;
  }
  if (path === 'collections.OrderedDict') {
    return s.builtins.dict instanceof BuiltinV ? s.builtins.dict.call(args, kw, line) : null;
  }
  if (path === 'copy.deepcopy' || path === 'copy.copy') return args[0];
  if (path === 'argparse.ArgumentParser') return argParser(s, line);
  const re = /^re\.(split|sub|findall|fullmatch|match|search)$/.exec(path);
  if (re && typeof args[0] === 'string' && typeof args[re[1] === 'sub' ? 2 : 1] === 'string') return pythonRe(re[1], args, line);
  if (path === 'collections.namedtuple' || path === 'typing.NamedTuple') return namedTuple(s, args, kw, line);
  // Config objects: attribute access over a dict (ml_collections.ConfigDict, EasyDict, OmegaConf.create).
  if (/^(ml_collections\.(config_dict\.)?ConfigDict|ml_collections\.FrozenConfigDict|easydict\.EasyDict|omegaconf\.OmegaConf\.create)$/.test(path)) {
    const toNs = (d: DictV): InstanceV => {
      const ns = new InstanceV(s.namespaceClass);
      for (const e of d.entries.values()) ns.attrs.set(String(e.key), e.value instanceof DictV ? toNs(e.value) : e.value);
      return ns;
    };
    const init = args[0] ?? kw.get('initial_dictionary');
    const ns = init instanceof DictV ? toNs(init) : new InstanceV(s.namespaceClass);
    for (const [k, v] of kw) if (k !== 'initial_dictionary') ns.attrs.set(k, v instanceof DictV ? toNs(v) : v);
    return ns;
  }
  if (path === 'types.SimpleNamespace' || path === 'argparse.Namespace') {
    const ns = new InstanceV(s.namespaceClass);
    for (const [k, v] of kw) ns.attrs.set(k, v);
    return ns;
  }
  if (path === 'dataclasses.field') {
    if (kw.has('default')) return kw.get('default')!;
    const factory = kw.get('default_factory');
    if (factory !== undefined) return s.interp().call(factory, [], new Map(), line);
    return new OpaqueV('a dataclass field without a default', line);
  }
  if (/^(warnings\.warn|logging\.\w+|typing\.\w+|os\.environ\.get|sys\.exit)$/.test(path)) return null;
  return undefined;
};

/** `torch.nn.functional` written as `F`, `nn.functional`, or imported whole. */
export function canonicalLib(dotted: string): string {
  if (dotted === 'np') return 'numpy';
  return dotted;
}
