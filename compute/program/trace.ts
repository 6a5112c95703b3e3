/**
 * Whole-model analysis: from a selection in a Python file (a model class, a factory, an
 * instantiation, a Sequential, or a layer inside a model) to the module tree and every built-in
 * layer call of its forward pass, with shapes, parameters, MACs and receptive fields. The code is
 * interpreted statically (interp.ts), never executed.
 */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../errors';
import { nodeText } from '../python/syntax';
import { CaptureSignal, DEFAULT_BUDGET, Interp, parseTree, type Budget } from './interp';
import type { ModelLayer, ModelRecognition, ModelTreeNode, ModelUnknown } from './model-types';
import { makeNatives, numelOf, type ModuleLoader } from './natives';
import { ClassV, FuncV, InstanceV, isModule, LayerV, ListV, OpaqueV, Scope, type FileNS, type ModuleValue, type Value } from './objects';
import { firstTensor, rfOf, TraceRecorder } from './trace-recorder';
import {
  directCallSite,
  enclosingClass,
  enclosingTopDef,
  findTarget,
  initRequired,
  isModuleClass,
  mayBeModel,
  requiredParams,
  returnsModuleLike,
  type Target,
} from './trace-targets';
import { BudgetExceeded, NotUnderstood, TensorV, UnknownV, type Dim, type RfAxis } from './values';

export { rfOf, unionRf } from './trace-recorder';

export interface ModelOptions {
  from: number;
  to: number;
  /** Path of the file (for workspace imports and boundBy). */
  path?: string;
  /** The model input the user gave, (N, C, *spatial). */
  inputShape?: Dim[];
  /** More inputs of the forward, in order after the first (`forward(self, z, labels)`). */
  extraInputs?: Dim[][];
  /** Values the user gave for named unknowns. */
  set?: Record<string, number | string | boolean | number[]>;
  loader?: ModuleLoader;
  budget?: Partial<Budget>;
  /**
   * Leave a module-level nn.Sequential of literal layer calls to the conv lab's own recognizer
   * (which can write edits back): analyzeModel returns undefined for it.
   */
  literalSequentialToLab?: boolean;
  /** Leave a layer call inside a model class to the conv lab's recognizer (the kernel view). */
  layersToLab?: boolean;
}

/**
 * The whole-model answer for the selection, or undefined when the selection is not a model, a
 * factory, a module instantiation, a Sequential, or a layer inside a model class.
 */
export function analyzeModel(text: string, options: ModelOptions): ModelRecognition | undefined {
  const path = options.path ?? 'model.py';
  if (!mayBeModel(text, options.from, options.to)) return undefined;
  const session = new Session(text, path, options);
  const target = findTarget(session.main, options, options.from, options.to);
  if (!target) return undefined;
  return session.analyze(target);
}

export class Session {
  readonly files = new Map<string, FileNS>();
  readonly recorder = new TraceRecorder();
  readonly natives: ReturnType<typeof makeNatives>;
  interp: Interp;
  readonly main: FileNS;
  private loading = new Set<string>();

  constructor(
    text: string,
    path: string,
    readonly options: ModelOptions,
  ) {
    this.natives = makeNatives({ recorder: this.recorder, loader: options.loader, loadFile: (p, t, m) => this.loadFile(p, t, m) });
    this.interp = new Interp(this.natives, { ...DEFAULT_BUDGET, ...options.budget });
    this.natives.setInterp(this.interp);
    for (const [k, v] of Object.entries(options.set ?? {})) this.interp.given.set(k, Array.isArray(v) ? new ListV(v) : v);
    this.main = this.newFile(path, text, '__main__');
    this.files.set(path, this.main);
    this.interp.file = this.main;
    this.interp.runFile(this.main, new Scope(this.main));
  }

  private newFile(path: string, text: string, module: string): FileNS {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    return { path, text, module, globals: new Map(), lineStarts };
  }

  loadFile(path: string, text: string, module: string): FileNS {
    const known = this.files.get(path);
    if (known) return known;
    if (this.loading.has(path)) throw new NotUnderstood(`${path} imports itself in a cycle`);
    const file = this.newFile(path, text, module);
    this.files.set(path, file);
    this.loading.add(path);
    try {
      this.interp.runFile(file, new Scope(file));
    } finally {
      this.loading.delete(path);
    }
    return file;
  }

  private rootScope(file: FileNS): Scope {
    const s = new Scope(file);
    return s;
  }

  // ---- building ----------------------------------------------------------------------------

  /** Whether the last traced model's input is its own: given, passed to it in the file, or written in its class. */
  inputOwn = false;
  /** The factory a root was built by (`resnet50`), to find the tensor the file passes to its model. */
  factoryName?: string;

  moduleClassCount(): number {
    let n = 0;
    for (const v of this.main.globals.values()) if (v instanceof ClassV && v.file === this.main && isModuleClass(v)) n++;
    return n;
  }
  /** A model input to use instead of the one the code gives or the assumed one (the file analysis checks that a mismatch does not depend on an assumed size). */
  inputOverride?: Dim[];

  /** Fresh interpreter state for one build (the files stay evaluated). */
  fresh(): void {
    this.interp = new Interp(this.natives, this.interp.budget);
    Object.assign(this.interp, { steps: 0 });
    this.natives.setInterp(this.interp);
    for (const [k, v] of Object.entries(this.options.set ?? {})) this.interp.given.set(k, Array.isArray(v) ? new ListV(v) : v);
    this.interp.file = this.main;
  }

  /** Build the module a top-level call node creates, in its context; undefined when the context cannot be evaluated. */
  private buildAtCall(call: SyntaxNode): { value: Value; boundBy: ModelRecognition['boundBy'] } | undefined {
    const text = this.main.text;
    const enclosing = enclosingTopDef(call);
    this.fresh();
    this.interp.capture = { file: this.main.path, from: call.from, to: call.to };
    try {
      if (!enclosing) this.runTo(parseTree(this.main), call, this.rootScope(this.main));
      else {
        const name = enclosing.getChild('VariableName');
        const fn = name && this.main.globals.get(nodeText(text, name));
        if (fn instanceof FuncV) this.interp.callFunction(fn, [], new Map(), this.interp.lineOf(this.main, call.from));
        else if (fn instanceof ClassV) return undefined;
      }
    } catch (e) {
      if (e instanceof CaptureSignal)
        return { value: e.value, boundBy: { call: nodeText(text, call), file: this.main.path, line: this.interp.lineOf(this.main, call.from) } };
      throw e;
    } finally {
      this.interp.capture = undefined;
    }
    return undefined;
  }

  /**
   * Run the statements of `body` up to the one holding `call` (quietly: their warnings are not the
   * model's), then that one, descending into `if` blocks (such as `if __name__ == "__main__":`).
   */
  private runTo(body: SyntaxNode, call: SyntaxNode, scope: Scope): void {
    const top = body.name === 'Script';
    for (let st = body.firstChild; st; st = st.nextSibling) {
      // At the top level, definitions, imports and single assignments are already bound (lazily).
      if (top && st.to < call.from && /^(FunctionDefinition|ClassDefinition|DecoratedStatement|ImportStatement|AssignStatement|Comment)$/.test(st.name))
        continue;
      if (st.to < call.from) {
        const before = this.interp.warnings.length;
        try {
          this.interp.exec(st, scope);
        } catch (e) {
          if (e instanceof BudgetExceeded || e instanceof CaptureSignal) throw e;
        }
        this.interp.warnings.length = before;
        continue;
      }
      if (st.from > call.from) return;
      if (st.name === 'IfStatement' || st.name === 'WithStatement' || st.name === 'TryStatement') {
        const inner = st.getChildren('Body').find((b) => b.from <= call.from && call.to <= b.to);
        if (inner) return this.runTo(inner, call, scope);
      }
      try {
        this.interp.exec(st, scope);
      } catch (e) {
        // The statement holding the call is not understood before the call runs: no capture.
        if (!(e instanceof NotUnderstood) || e instanceof BudgetExceeded) throw e;
      }
      return;
    }
  }

  private instantiate(cls: ClassV, line: number): Value {
    return this.interp.call(cls, [], new Map(), line);
  }

  /** Candidate whole models of the file: factories and classes that build without arguments. */
  roots(): { build: () => Value; label: string; node?: SyntaxNode }[] {
    const out: { build: () => Value; label: string; node?: SyntaxNode }[] = [];
    const text = this.main.text;
    for (const [name, v] of this.main.globals) {
      if (v instanceof FuncV && v.closure.file === this.main && returnsModuleLike(v, text) && requiredParams(v, text) === 0)
        out.push({ build: () => this.interp.callFunction(v, [], new Map(), 0), label: `${name}()`, node: v.node });
    }
    for (const [name, v] of this.main.globals) {
      if (v instanceof ClassV && v.file === this.main && isModuleClass(v) && initRequired(v, text) === 0)
        out.push({ build: () => this.instantiate(v, 0), label: `${name}()`, node: v.node });
    }
    return out;
  }

  analyze(target: Target): ModelRecognition | undefined {
    const text = this.main.text;
    let root: Value | undefined;
    let boundBy: ModelRecognition['boundBy'];
    let zoom: ((m: ModuleValue) => boolean) | undefined;
    let focusNode: SyntaxNode | undefined;
    const notes: string[] = [];
    const line = (n: SyntaxNode) => this.interp.lineOf(this.main, n.from);
    const contains = (pred: (m: ModuleValue) => boolean) => (r: Value) => isModule(r) && this.natives.modulesOf(r).some(pred);

    // The outermost model holding the target: of the file's models that build it, the largest
    // (a block is also a model of the file, but the network that uses it says what it is fed).
    const tryRoots = (pred: (m: ModuleValue) => boolean): boolean => {
      let best: { label: string; size: number } | undefined;
      for (const cand of this.roots().slice(0, MAX_ROOTS)) {
        this.fresh();
        let built: Value;
        try {
          built = cand.build();
        } catch (e) {
          if (e instanceof BudgetExceeded) throw e;
          continue;
        }
        if (!contains(pred)(built)) continue;
        const size = this.natives.modulesOf(built as ModuleValue).length;
        if (!best || size > best.size) best = { label: cand.label, size };
      }
      if (!best) return false;
      // Build the chosen one again, so the interpreter state is its own.
      this.fresh();
      root = this.roots()
        .find((r) => r.label === best!.label)!
        .build();
      boundBy = { call: best.label, file: this.main.path, line: 0 };
      return true;
    };

    if (target.kind === 'factory') {
      this.factoryName = target.name;
      const fn = this.main.globals.get(target.name) as FuncV;
      this.fresh();
      root = this.interp.callFunction(fn, [], new Map(), line(target.node));
      boundBy = { call: `${target.name}()`, file: this.main.path, line: line(target.node) };
    } else if (target.kind === 'call') {
      const built = this.buildAtCall(target.node);
      if (built) ({ value: root, boundBy } = built);
      else {
        // The module that call built: its own node, or what a helper such as conv3x3(...) returned there.
        const at = (m: ModuleValue) =>
          (nodeOf(m)?.from === target.node.from && nodeOf(m)?.to === target.node.to) ||
          this.interp.callResults.get(`${this.main.path}:${target.node.from}:${target.node.to}`) === m;
        if (tryRoots(at)) zoom = at;
      }
    } else if (target.kind === 'class') {
      const cls = this.main.globals.get(target.name) as ClassV;
      const isIt = (m: ModuleValue) => m instanceof InstanceV && m.cls === cls;
      if (initRequired(cls, text) === 0) {
        this.fresh();
        root = this.instantiate(cls, line(target.node));
      } else {
        const site = directCallSite(parseTree(this.main), text, target.name);
        const built = site && this.buildAtCall(site);
        if (built && isModule(built.value)) ({ value: root, boundBy } = built);
        else if (tryRoots(isIt)) zoom = isIt;
        else {
          this.fresh();
          root = this.instantiate(cls, line(target.node));
          notes.push(`No call in this file builds ${target.name} with its arguments; they are shown as unknowns to fill in.`);
        }
      }
    } else {
      focusNode = target.node;
      const at = (m: ModuleValue) => m instanceof LayerV && m.from === target.node.from && m.to === target.node.to;
      const cls = enclosingClass(target.node);
      const clsV = cls && this.main.globals.get(nodeText(text, cls.getChild('VariableName')!));
      if (!tryRoots(at) && clsV instanceof ClassV) {
        this.fresh();
        root = this.instantiate(clsV, line(cls!));
        if (initRequired(clsV, text) > 0) notes.push(`No model in this file builds ${clsV.name} without arguments; its parameters are unknowns.`);
      }
    }
    if (root instanceof OpaqueV) throw new NotUnderstood(`The selection builds something ML Lens could not read: ${root.reason}`);
    if (!isModule(root)) return undefined;
    return this.trace(root, { boundBy, zoom, focusNode, notes });
  }

  // ---- the forward pass --------------------------------------------------------------------

  trace(
    root: ModuleValue,
    ctx: { boundBy?: ModelRecognition['boundBy']; zoom?: (m: ModuleValue) => boolean; focusNode?: SyntaxNode; notes: string[] },
  ): ModelRecognition {
    const interp = this.interp;
    const flavor = root instanceof InstanceV ? this.natives.flavorOf(root.cls) : undefined;
    const framework: ModelRecognition['framework'] =
      root instanceof LayerV ? root.framework : flavor === 'keras' ? 'keras' : flavor === 'linen' || flavor === 'nnx' ? 'flax' : 'pytorch';
    this.natives.state.framework = framework;
    const functional = root instanceof InstanceV && root.cls === this.natives.functionalClass;
    // A Keras functional graph was traced while it was built; anything else is traced now.
    if (!functional) {
      this.recorder.entries = [];
      this.recorder.spans = [];
    }
    const input = this.chooseInput(root, framework);
    const warningsBefore = interp.warnings.length;
    const x = new TensorV(input.shape, input.rf);
    this.recorder.inputExtent = input.shape.slice(2).map((d) => (typeof d === 'number' ? d : 1));
    let traceError: string | undefined;
    let result: Value | undefined;
    this.recorder.tracing = true;
    try {
      const extra = (this.options.extraInputs ?? []).map((shape) => new TensorV(shape));
      result = this.natives.call(interp, root, [x, ...extra], new Map(), root instanceof LayerV ? root.line : root.module!.line, undefined);
    } catch (e) {
      if (e instanceof BudgetExceeded) traceError = e.message;
      else if (e instanceof ComputeError) traceError = e.message;
      else throw e;
    } finally {
      this.recorder.tracing = false;
    }
    void warningsBefore;
    if (!traceError && result !== undefined && !firstTensor(result) && !(result instanceof UnknownV) && result !== null) {
      interp.warn(
        `the output of ${root instanceof LayerV ? root.className : root.cls.name}.forward is not known: ${result instanceof OpaqueV ? result.reason.replace(/^line \d+: /, '') : 'it is not a tensor'}`,
        root instanceof LayerV ? root.line : root.module!.line,
      );
    }
    // Zoom to the first instance of the selected module in execution order.
    let top: ModuleValue = root;
    let entries = this.recorder.entries;
    let inputShape = input.shape;
    let inputSource = input.source;
    let outTensor = result !== undefined ? firstTensor(result) : undefined;
    if (ctx.zoom) {
      const span = this.recorder.spans.find((s) => ctx.zoom!(s.module));
      const inst = span?.module ?? this.natives.modulesOf(root).find(ctx.zoom);
      if (inst) {
        const parentPaths = pathsOf(root, this.natives.childrenOf);
        const at = parentPaths.get(inst) ?? '';
        ctx.notes.push(`Shown as built inside ${ctx.boundBy?.call ?? 'the model'}${at ? ` (module ${at})` : ''}, with the input that reaches it there.`);
        const instances = this.natives.modulesOf(root).filter(ctx.zoom).length;
        if (instances > 1) ctx.notes.push(`The model builds ${instances} instances of it; this is the first in execution order.`);
        top = inst;
        if (span) {
          entries = this.recorder.entries.slice(span.start, span.end);
          const t = span.inputs.find((v) => v instanceof TensorV) as TensorV | undefined;
          if (t) inputShape = t.shape;
          inputSource = 'code';
          outTensor = span.out !== undefined ? firstTensor(span.out) : undefined;
        } else entries = [];
      }
    }
    const paths = pathsOf(top, this.natives.childrenOf);
    // A torch layer subclass without its own forward runs its layer: that call has its path.
    for (const [m, p] of [...paths]) if (m instanceof InstanceV && this.natives.layerOf(m)) paths.set(this.natives.layerOf(m)!, p);
    const layers: ModelLayer[] = entries.map((e) => ({
      ...(e.layer?.file ? { file: e.layer.file } : {}),
      path: e.layer ? (paths.get(e.layer) ?? null) : null,
      op: e.op,
      type: e.type,
      inShape: e.inShape,
      outShape: e.outShape,
      params: e.layer ? e.layer.params : 0,
      macs: e.macs,
      receptiveField: e.rf ? { size: e.rf.map((r) => r.size), jump: e.rf.map((r) => r.jump) } : null,
      line: e.line,
      from: e.from,
      to: e.to,
      ...(e.layer ? { args: { ...plainArgs(e.layer.args) } } : {}),
    }));
    // Modules built but never called, and layers whose input was not traced.
    const called = new Set(this.recorder.spans.map((s) => s.module));
    const tree = this.treeOf(top, '', '', paths, called);
    const warnings = interp.warnings.map((w) => `line ${w.line}: ${w.message}`);
    if (traceError) warnings.push(traceError);
    const uncalled = this.natives.modulesOf(top).filter((m) => m instanceof LayerV && !called.has(m));
    for (const m of uncalled.slice(0, 20)) {
      const p = paths.get(m);
      warnings.push(
        `line ${(m as LayerV).line}: ${p ?? (m as LayerV).className} (${(m as LayerV).className}) is built but its forward pass was not traced; its parameters count, its MACs do not.`,
      );
    }
    const totals = { params: tree.params, trainableParams: tree.trainableParams, macs: sumMacs(layers) };
    // A value given for a name that is not an unknown (it has a value in the code) is not used: say so.
    for (const name of interp.given.keys())
      if (!interp.usedGiven.has(name))
        ctx.notes.push(
          `${name} was given a value, but it is not an unknown of this model (the code gives it one, or nothing reads it); the value was not used.`,
        );
    const unknowns: ModelUnknown[] = [...interp.unknowns.values()].map((u) => ({ name: u.name, where: u.where, line: u.line }));
    let focus: ModelRecognition['focus'];
    if (ctx.focusNode) {
      const idx = entries.findIndex((e) => e.layer && e.layer.from === ctx.focusNode!.from && e.layer.to === ctx.focusNode!.to);
      const instances = this.natives.modulesOf(top).filter((m) => m instanceof LayerV && m.from === ctx.focusNode!.from && m.to === ctx.focusNode!.to).length;
      if (idx >= 0) focus = { layer: idx, instances };
      if (instances > 1) ctx.notes.push(`The selected layer is built ${instances} times; the first instance in execution order is highlighted.`);
    }
    const name = top instanceof LayerV ? top.className : top.cls.name;
    const node = nodeOf(top);
    const partial = warnings.length > 0 || unknowns.length > 0 || totals.params === null || totals.macs === null;
    return {
      kind: 'conv',
      framework,
      inputShape,
      inputShapeSource: inputSource,
      inputShapeAssumed: inputSource === 'assumed',
      model: { name, line: node ? this.interp.lineOf(this.main, node.from) : 0 },
      ...(ctx.boundBy ? { boundBy: ctx.boundBy } : {}),
      layers,
      tree,
      totals,
      unknowns,
      warnings,
      notes: [
        ...ctx.notes,
        ...input.notes,
        'Traced in eval mode (dropout off); the batch N stays symbolic unless the input fixes it, and MACs are then per sample.',
      ],
      ...(traceError ? { traceError } : {}),
      ...(outTensor
        ? {
            output: {
              shape: outTensor.shape,
              receptiveField: outTensor.rf
                ? { size: outTensor.rf.map((r) => r.size), jump: outTensor.rf.map((r) => r.jump), left: outTensor.rf.map((r) => r.left) }
                : null,
            },
          }
        : {}),
      partial,
      ...(focus ? { focus } : {}),
      source: { from: node?.from ?? 0, to: node?.to ?? 0 },
    };
  }

  /**
   * The input of a Keras or Flax model (channels-last): the user's; keras.Input or input_shape= in
   * the code; a `jnp.ones((1, 28, 28, 1))`-style array in the file; else assumed and said so.
   */
  private channelsLastInput(root: ModuleValue): { shape: Dim[]; rf?: RfAxis[]; source: ModelRecognition['inputShapeSource']; notes: string[] } {
    const withRf = (shape: Dim[]) => (shape.length >= 3 && shape.length <= 5 ? shape.slice(1, -1).map(() => ({ size: 1, jump: 1, left: 0 })) : undefined);
    if (this.options.inputShape) return { shape: this.options.inputShape, rf: withRf(this.options.inputShape), source: 'option', notes: [] };
    if (root instanceof InstanceV) {
      const declared = root.attrs.get('declaredInput') ?? root.attrs.get('inputs');
      if (declared instanceof TensorV) return { shape: declared.shape, rf: withRf(declared.shape), source: 'code', notes: [] };
    }
    const layers = this.natives.modulesOf(root).filter((m): m is LayerV => m instanceof LayerV);
    const declared = layers.find((l) => l.declaredInput)?.declaredInput;
    if (declared) return { shape: declared, rf: withRf(declared), source: 'code', notes: [] };
    const written = /(?:jnp|np|numpy|jax\.numpy|tf)\.(?:ones|zeros)\(\s*[([]\s*(\d+(?:\s*,\s*\d+){1,4})\s*[)\]]/.exec(this.main.text);
    if (written) {
      const shape = written[1].split(',').map((d) => Number(d.trim()));
      return {
        shape,
        rf: withRf(shape),
        source: 'code',
        notes: [`The input [${shape.join(', ')}] is the array written in the file (line ${this.interp.lineOf(this.main, written.index)}).`],
      };
    }
    const first = layers[0];
    const cin = first && typeof first.args.in_features === 'number' ? first.args.in_features : 3;
    const shape: Dim[] = first && /dense|linear/i.test(first.className) ? ['N', cin] : ['N', 224, 224, cin];
    return {
      shape,
      rf: withRf(shape),
      source: 'assumed',
      notes: [`The input [${shape.join(', ')}] (channels-last) is assumed; enter the real one in the lab or with --input.`],
    };
  }

  private treeOf(m: ModuleValue, name: string, path: string, paths: Map<ModuleValue, string>, called: Set<ModuleValue>): ModelTreeNode {
    const spans = this.recorder.spans.filter((s) => s.module === m);
    const first = spans[0];
    const inT = first?.inputs.find((v) => v instanceof TensorV) as TensorV | undefined;
    const outT = first?.out !== undefined ? firstTensor(first.out) : undefined;
    if (m instanceof LayerV) {
      const trainable = m.params === null ? null : m.frozen ? 0 : m.params - m.nonTrainable;
      const macs = spans.reduce<number | null>(
        (acc, s) =>
          acc === null || this.recorder.entries[s.start]?.macs === null || this.recorder.entries[s.start]?.macs === undefined
            ? null
            : acc + this.recorder.entries[s.start].macs!,
        0,
      );
      return {
        name,
        path,
        type: m.className,
        line: m.line,
        ...(m.file && m.file !== this.main.path ? { file: m.file } : {}),
        params: m.params,
        trainableParams: trainable,
        macs: spans.length ? macs : 0,
        ...(inT ? { inShape: inT.shape } : {}),
        ...(outT ? { outShape: outT.shape } : {}),
        ...rfOf(outT),
        calls: spans.length,
        children: [],
      };
    }
    const children = [...m.module!.children].map(([k, c]) => this.treeOf(c, k, path ? `${path}.${k}` : k, paths, called));
    // Shared submodules count once (parameters() deduplicates).
    const seen = new Set<ModuleValue>();
    let params: number | null = m.module!.ownParams;
    let frozen = m.module!.frozenParams ?? 0;
    for (const sub of this.natives.modulesOf(m)) {
      if (sub === m || seen.has(sub)) continue;
      seen.add(sub);
      const own = sub instanceof LayerV ? (sub.params === null ? null : sub.params - sub.tiedParams) : sub.module!.ownParams;
      if (sub instanceof LayerV) frozen += sub.frozen ? (sub.params ?? 0) - sub.tiedParams : sub.nonTrainable;
      else frozen += sub.module!.frozenParams ?? 0;
      params = params === null || own === null ? null : params + own;
    }
    const macs = spans.reduce<number | null>((acc, s) => {
      for (const e of this.recorder.entries.slice(s.start, s.end)) acc = acc === null || e.macs === null ? null : acc + e.macs;
      return acc;
    }, 0);
    void paths;
    void called;
    return {
      name,
      path,
      type: m.cls.name,
      line: m.module!.line,
      ...(m.module!.file && m.module!.file !== this.main.path ? { file: m.module!.file } : {}),
      params,
      trainableParams: params === null ? null : params - frozen,
      macs,
      ...(inT ? { inShape: inT.shape } : {}),
      ...(outT ? { outShape: outT.shape } : {}),
      ...rfOf(outT),
      calls: spans.length,
      children,
    };
  }

  /** The model input: the user's, one written in the file, or assumed from the first layer. */
  private chooseInput(
    root: ModuleValue,
    framework: ModelRecognition['framework'],
  ): { shape: Dim[]; rf?: RfAxis[]; source: ModelRecognition['inputShapeSource']; notes: string[] } {
    if (framework !== 'pytorch') return this.channelsLastInput(root);
    // The first layer that says what it takes (channels, features, tokens), in registration order.
    const layersOf = this.natives.modulesOf(root).filter((m): m is LayerV => m instanceof LayerV);
    const first =
      layersOf.find((l) => ['in_channels', 'num_features', 'in_features', 'num_embeddings', 'input_size', 'd_model', 'embed_dim'].some((k) => k in l.args)) ??
      layersOf[0];
    const op = first?.rule.op ?? '';
    const convNet = layersOf.some((l) => /conv|pool/.test(l.rule.op));
    const spatialOf = (shape: Dim[]) =>
      convNet && shape.length >= 3 && shape.length <= 5 ? shape.slice(2).map(() => ({ size: 1, jump: 1, left: 0 })) : undefined;
    if (this.options.inputShape) return { shape: this.options.inputShape, rf: spatialOf(this.options.inputShape), source: 'option', notes: [] };
    if (this.inputOverride) return { shape: this.inputOverride, rf: spatialOf(this.inputOverride), source: 'assumed', notes: [] };
    const own = root instanceof InstanceV && root.cls.node && root.cls.file === this.main ? root.cls.node : undefined;
    this.inputOwn = false;
    // A tensor the file feeds this model: `model = Net(); model(torch.randn(64, 1, 28, 28))`.
    const tied = root instanceof InstanceV ? tiedTensorShape(this.main.text, parseTree(this.main), root.cls.name, this.factoryName) : undefined;
    if (tied && fits(tied.shape, first)) {
      this.inputOwn = true;
      return {
        shape: tied.shape,
        rf: spatialOf(tied.shape),
        source: 'code',
        notes: [`The input [${tied.shape.join(', ')}] is the tensor the file passes to the model on line ${this.interp.lineOf(this.main, tied.at)}.`],
      };
    }
    // A comment in the model's own class (`# x: (N, 1, 28, 28)` in forward); one elsewhere only when the file has no other model.
    const fromComment = commentShape(this.main.text, first, own);
    if (fromComment && (fromComment.inside || this.moduleClassCount() === 1)) {
      this.inputOwn = fromComment.inside;
      return {
        shape: fromComment.shape,
        rf: spatialOf(fromComment.shape),
        source: 'comment',
        notes: fromComment.inside
          ? []
          : [`The input [${fromComment.shape.join(', ')}] is the comment on line ${this.interp.lineOf(this.main, fromComment.at)}.`],
      };
    }
    const fromCode = codeTensorShape(this.main.text, first);
    if (fromCode)
      return {
        shape: fromCode.shape,
        rf: spatialOf(fromCode.shape),
        source: 'code',
        notes: [
          `The input [${fromCode.shape.join(', ')}] is the tensor built on line ${this.interp.lineOf(this.main, fromCode.at)}, which fits the first layer (the file does not say it is this model's).`,
        ],
      };
    const a = first?.args ?? {};
    const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
    let shape: Dim[];
    const dims = /([123])d$/.exec(op)?.[1];
    if (/^conv_transpose/.test(op)) shape = ['N', num(a.in_channels) ?? 'C', ...Array.from({ length: Number(dims) }, () => 1)];
    else if (/conv|pool|batch_norm|instance_norm/.test(op) && dims)
      shape = ['N', num(a.in_channels) ?? num(a.num_features) ?? 3, ...(dims === '1' ? [1024] : dims === '2' ? [224, 224] : [16, 112, 112])];
    else if (op === 'embedding') shape = ['N', 32];
    else if (op === 'linear') shape = ['N', num(a.in_features) ?? 'D'];
    else if (/lstm|gru|rnn/.test(op)) shape = a.batch_first === true ? ['N', 32, num(a.input_size) ?? 'D'] : [32, 'N', num(a.input_size) ?? 'D'];
    else if (/transformer|multihead/.test(op))
      shape = a.batch_first === true ? ['N', 32, num(a.d_model) ?? num(a.embed_dim) ?? 'D'] : [32, 'N', num(a.d_model) ?? num(a.embed_dim) ?? 'D'];
    else shape = ['N', 3, 224, 224];
    return {
      shape,
      rf: spatialOf(shape),
      source: 'assumed',
      notes: [
        `The input [${shape.join(', ')}] is assumed from the first layer (${first?.className ?? 'none'}); enter the real one in the lab or with --input.`,
      ],
    };
  }
}

// ---- small helpers ---------------------------------------------------------------------------

/** Models of a file built to find the one that holds a selected block or layer. */
const MAX_ROOTS = 12;

function nodeOf(m: ModuleValue): { from: number; to: number } | undefined {
  if (m instanceof LayerV) return { from: m.from, to: m.to };
  if (m.module && m.module.to > m.module.from) return { from: m.module.from, to: m.module.to };
  return m.cls.node ? { from: m.cls.node.from, to: m.cls.node.to } : undefined;
}

/** named_modules() paths: the first path that reaches each module. */
function pathsOf(root: ModuleValue, childrenOf: (m: InstanceV) => ModuleValue[]): Map<ModuleValue, string> {
  const out = new Map<ModuleValue, string>();
  const walk = (m: ModuleValue, path: string) => {
    if (out.has(m)) return;
    out.set(m, path);
    if (m instanceof InstanceV && m.module) for (const [k, c] of m.module.children) walk(c, path ? `${path}.${k}` : k);
    void childrenOf;
  };
  walk(root, '');
  return out;
}

function sumMacs(layers: ModelLayer[]): number | null {
  let total = 0;
  for (const l of layers) {
    if (l.macs === null) return null;
    total += l.macs;
  }
  return total;
}

function plainArgs(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (v instanceof UnknownV) out[k] = { unknown: v.name };
    else if (v instanceof TensorV) continue;
    else if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Whether a written input shape can be the first layer's input at all (its rank). */
function fits(shape: Dim[], first: LayerV | undefined): boolean {
  if (!first) return true;
  const op = first.rule.op;
  const rank = /([123])d$/.exec(op)?.[1];
  if (rank && /conv|pool|norm/.test(op)) return shape.length === Number(rank) + 2;
  if (op === 'embedding') return shape.length <= 2;
  if (/lstm|gru|rnn/.test(op)) return shape.length === 3 || shape.length === 2;
  if (op === 'linear') return shape.length >= 2 && shape.length <= 3;
  return true;
}

/**
 * The tensor the file passes to this model: `Net()(x)`, or `m(x)` / `m.forward(x)` with
 * `m = Net(...)` or `m = factory(...)`, where `x` is a tensor factory call with literal sizes or a
 * name bound to one.
 */
function tiedTensorShape(text: string, top: SyntaxNode, className: string, factory?: string): { shape: Dim[]; at: number } | undefined {
  const builders = new Set([className, ...(factory ? [factory] : [])]);
  const models = new Set<string>();
  const tensors = new Map<string, string>();
  const factoryCall = /^torch\.(?:randn|rand|zeros|ones|empty)\(\s*[([]?\s*(\d+(?:\s*,\s*\d+)*)\s*[)\]]?\s*[,)]/;
  const builtAsTraced = (call: SyntaxNode): boolean => {
    const callee = call.firstChild;
    const args = call.getChild('ArgList');
    return !!callee && !!args && builders.has(nodeText(text, callee).replace(/^.*\./, '')) && nodeText(text, args).replace(/\s/g, '') === '()';
  };
  top.cursor().iterate((ref) => {
    if (ref.name !== 'AssignStatement') return undefined;
    const target = ref.node.firstChild;
    const value = ref.node.lastChild;
    if (target?.name !== 'VariableName' || !value) return undefined;
    const name = nodeText(text, target);
    const v = nodeText(text, value);
    // Only a model built as the traced one is (`Net()`, `resnet50()`): other arguments build another model.
    if (value.name === 'CallExpression' && builtAsTraced(value)) models.add(name);
    if (factoryCall.test(v)) tensors.set(name, v);
    return undefined;
  });
  let found: { shape: Dim[]; at: number } | undefined;
  top.cursor().iterate((ref) => {
    if (found || ref.name !== 'CallExpression') return found ? false : undefined;
    const callee = ref.node.firstChild;
    const args = ref.node.getChild('ArgList');
    if (!callee || !args) return undefined;
    const c = nodeText(text, callee).replace(/\.forward$/, '');
    const isModel = (callee.name === 'VariableName' && models.has(c)) || (callee.name === 'CallExpression' && builtAsTraced(callee));
    if (!isModel) return undefined;
    const arg = args.firstChild?.nextSibling;
    if (!arg || arg.name === ')') return undefined;
    const source = arg.name === 'VariableName' ? tensors.get(nodeText(text, arg)) : nodeText(text, arg);
    const m = source ? factoryCall.exec(source) : null;
    if (m) found = { shape: m[1].split(',').map((d) => Number(d.trim())), at: ref.node.from };
    return undefined;
  });
  return found;
}

/** A tensor built in the file with literal sizes (`torch.randn(8, 3, 32, 32)`) whose rank and channels fit the first layer. */
function codeTensorShape(text: string, first: LayerV | undefined): { shape: Dim[]; at: number } | undefined {
  const want = first ? (first.args.in_channels ?? first.args.num_features ?? first.args.in_features) : undefined;
  const rank = first ? /([123])d$/.exec(first.rule.op)?.[1] : undefined;
  const re = /torch\.(?:randn|rand|zeros|ones|empty)\(\s*[([]?\s*(\d+(?:\s*,\s*\d+)+)\s*[)\]]?\s*[,)]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const shape = m[1].split(',').map((d) => Number(d.trim()));
    if (typeof want === 'number' && shape[1] !== want && !(first?.rule.op === 'linear' && shape[shape.length - 1] === want)) continue;
    if (rank && shape.length !== Number(rank) + 2) continue;
    if (!rank && first?.rule.op !== 'linear') continue;
    return { shape, at: m.index };
  }
  return undefined;
}

/** `# x: (N, 3, 224, 224)` or a docstring `Input: (N, 3, 32, 32)` whose channels fit the first layer. */
function commentShape(text: string, first: LayerV | undefined, own?: { from: number; to: number }): { shape: Dim[]; at: number; inside: boolean } | undefined {
  let outside: { shape: Dim[]; at: number; inside: boolean } | undefined;
  const re = /(?:#|Input:|input:|Shape:)[^\n]*?[([]\s*((?:[A-Za-z_]\w*|\d+)(?:\s*[,x×]\s*(?:[A-Za-z_]\w*|\d+))+)\s*[)\]]/g;
  const want = first ? (first.args.in_channels ?? first.args.num_features) : undefined;
  const rank = first ? /([123])d$/.exec(first.rule.op)?.[1] : undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const parts = m[1].split(/\s*[,x×]\s*/);
    if (parts.length < 3) continue;
    const [head, ...rest] = parts;
    if (!rest.every((p) => /^\d+$/.test(p))) continue;
    if (!/^(\d+|N|B|n|b|batch|bs|batch_size)$/.test(head)) continue;
    const shape: Dim[] = [/^\d+$/.test(head) ? Number(head) : 'N', ...rest.map(Number)];
    if (typeof want === 'number' && shape[1] !== want) continue;
    if (rank && shape.length !== Number(rank) + 2) continue;
    if (!fits(shape, first)) continue;
    const inside = !!own && own.from <= m.index && m.index < own.to;
    if (inside) return { shape, at: m.index, inside };
    outside ??= { shape, at: m.index, inside };
  }
  return outside;
  return undefined;
}

void numelOf;
