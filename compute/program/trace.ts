/**
 * Whole-model analysis: from a selection in a Python file (a model class, a factory, an
 * instantiation, a Sequential, or a layer inside a model) to the module tree and every built-in
 * layer call of its forward pass, with shapes, parameters, MACs and receptive fields. The code is
 * interpreted statically (interp.ts), never executed.
 */
import type { SyntaxNode } from '@lezer/common';
import { ComputeError } from '../errors';
import { nodeText } from '../python/syntax';
import { lineStartsOf } from '../text';
import { CaptureSignal, DEFAULT_BUDGET, Interp, parseTree, type Budget } from './interp';
import type { ModelRecognition, ModelUnknown } from './model-types';
import { makeNatives, type ModuleLoader } from './natives';
import { ClassV, FuncV, InstanceV, isModule, LayerV, ListV, OpaqueV, Scope, type FileNS, type ModuleValue, type Value } from './objects';
import { chooseInput } from './trace-input';
import { firstTensor, TraceRecorder } from './trace-recorder';
import {
  directCallSite,
  enclosingClass,
  enclosingTopDef,
  findTarget,
  initRequired,
  isModuleClass,
  assignedName,
  mayBeModel,
  moduleLevelBuilds,
  requiredParams,
  returnsModuleLike,
  type Target,
} from './trace-targets';
import { layersOf, nodeOf, pathsOf, sumMacs, treeOf } from './trace-tree';
import { BudgetExceeded, NotUnderstood, TensorV, UnknownV, type Dim } from './values';

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

/**
 * One static evaluation of a file (and the workspace files it imports): builds the selected model
 * or the file's candidate models (roots) with a fresh interpreter each, and traces a model's
 * forward pass into the answer.
 */
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
    return { path, text, module, globals: new Map(), lineStarts: lineStartsOf(text) };
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
  /** The module-level variable a root was assigned to (`model = Net(10)`), for the same. */
  modelVariable?: string;
  /** Why the last buildAtCall built nothing: the statement holding the call was not understood. */
  private buildFailure?: string;
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
    this.buildFailure = undefined;
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
        this.buildFailure = e.message;
      }
      return;
    }
  }

  /** A module-level build's model; when its statement cannot be evaluated, why (a root that says what it did not read). */
  private buildModuleLevel(call: SyntaxNode): Value {
    const built = this.buildAtCall(call);
    if (built) return built.value;
    const reason = this.buildFailure?.replace(/^line \d+: /, '') ?? 'the statement that builds it is not read';
    throw new NotUnderstood(`the model built here is not analysed: ${reason}`, this.interp.lineOf(this.main, call.from));
  }

  private instantiate(cls: ClassV, line: number): Value {
    return this.interp.call(cls, [], new Map(), line);
  }

  /** Candidate whole models of the file: factories and classes that build without arguments. */
  roots(): { build: () => Value; label: string; node?: SyntaxNode; variable?: string }[] {
    const out: { build: () => Value; label: string; node?: SyntaxNode; variable?: string }[] = [];
    const text = this.main.text;
    for (const [name, v] of this.main.globals) {
      if (v instanceof FuncV && v.closure.file === this.main && returnsModuleLike(v, text) && requiredParams(v, text) === 0)
        out.push({ build: () => this.interp.callFunction(v, [], new Map(), 0), label: `${name}()`, node: v.node });
    }
    for (const [name, v] of this.main.globals) {
      if (v instanceof ClassV && v.file === this.main && isModuleClass(v) && initRequired(v, text) === 0)
        out.push({ build: () => this.instantiate(v, 0), label: `${name}()`, node: v.node });
    }
    // Models built at module level with arguments (`model = Net(num_classes=10)`, `nn.Sequential(…)`).
    for (const b of moduleLevelBuilds(this.main))
      if (!out.some((r) => r.label === b.label))
        out.push({ build: () => this.buildModuleLevel(b.call), label: b.label, node: b.statement, variable: b.variable });
    return out;
  }

  analyze(target: Target): ModelRecognition | undefined {
    const text = this.main.text;
    // `small = CifarResNet(...)`: what the file then calls `small(...)` with is this model's input.
    this.modelVariable = target.kind === 'call' ? assignedName(text, target.node) : undefined;
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
    const input = chooseInput(root, framework, {
      main: this.main,
      given: this.options.inputShape,
      override: this.inputOverride,
      factoryName: this.factoryName,
      variable: this.modelVariable,
      modulesOf: this.natives.modulesOf,
      lineOf: (offset) => this.interp.lineOf(this.main, offset),
    });
    this.inputOwn = input.own;
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
        const parentPaths = pathsOf(root);
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
    const paths = pathsOf(top);
    // A torch layer subclass without its own forward runs its layer: that call has its path.
    for (const [m, p] of [...paths]) if (m instanceof InstanceV && this.natives.layerOf(m)) paths.set(this.natives.layerOf(m)!, p);
    const layers = layersOf(entries, paths);
    // Modules built but never called, and layers whose input was not traced.
    const called = new Set(this.recorder.spans.map((s) => s.module));
    const tree = treeOf(top, '', '', { recorder: this.recorder, modulesOf: this.natives.modulesOf, mainPath: this.main.path });
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
}

// ---- small helpers ---------------------------------------------------------------------------

/** Models of a file built to find the one that holds a selected block or layer. */
const MAX_ROOTS = 12;
