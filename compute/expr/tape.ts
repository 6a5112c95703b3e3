/**
 * An expression compiled to a flat instruction tape (no eval, no new Function). One forward
 * sweep gives values; one reverse sweep gives the exact gradient (reverse-mode autodiff); a
 * second-order forward sweep gives the exact Hessian. Batched sweeps run each instruction over
 * many points at once, which is what makes whole-grid evaluation fast.
 */
import type { BinaryOp, Expr } from './ast';
import { UNARY_BY_NAME, type UnaryFunction } from './functions';

const enum Op {
  Const,
  Var,
  Neg,
  Add,
  Sub,
  Mul,
  Div,
  /** u ** c with a constant exponent c. */
  PowConst,
  /** a ** b with a variable exponent. */
  Pow,
  Max,
  Min,
  Atan2,
  Unary,
}

export interface Tape {
  readonly length: number;
  readonly variables: number;
  readonly op: Uint8Array;
  /** Operand slots (earlier instructions), or the variable index for Var. */
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** Constant value (Const), exponent (PowConst). */
  readonly c: Float64Array;
  /** The unary function of each Unary instruction. */
  readonly fn: (UnaryFunction | undefined)[];
}

const BINARY: Record<BinaryOp, Op> = { '+': Op.Add, '-': Op.Sub, '*': Op.Mul, '/': Op.Div, '**': Op.Pow, max: Op.Max, min: Op.Min, atan2: Op.Atan2 };

/** Evaluate constant sub-expressions once at compile time (2*np.pi*x → 6.283…*x). */
export function foldConstants(e: Expr): Expr {
  switch (e.kind) {
    case 'neg': {
      const arg = foldConstants(e.arg);
      return arg.kind === 'num' ? { kind: 'num', value: -arg.value } : { kind: 'neg', arg };
    }
    case 'call': {
      const args = e.args.map(foldConstants);
      const fn = UNARY_BY_NAME.get(e.fn);
      return fn && args[0].kind === 'num' ? { kind: 'num', value: fn.f(args[0].value) } : { ...e, args };
    }
    case 'binary': {
      const left = foldConstants(e.left);
      const right = foldConstants(e.right);
      if (left.kind === 'num' && right.kind === 'num') {
        return { kind: 'num', value: binaryPartials(BINARY[e.op], left.value, right.value)[0] };
      }
      return { ...e, left, right };
    }
    default:
      return e;
  }
}

export function compileTape(body: Expr, variables: number): Tape {
  const op: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  const fn: (UnaryFunction | undefined)[] = [];
  const emit = (o: Op, x = 0, y = 0, k = 0, f?: UnaryFunction) => {
    op.push(o);
    a.push(x);
    b.push(y);
    c.push(k);
    fn.push(f);
    return op.length - 1;
  };
  // One slot per distinct constant and per variable, however often they appear.
  const constSlots = new Map<number, number>();
  const varSlots = new Map<number, number>();
  const visit = (e: Expr): number => {
    switch (e.kind) {
      case 'num': {
        let slot = constSlots.get(e.value);
        if (slot === undefined) constSlots.set(e.value, (slot = emit(Op.Const, 0, 0, e.value)));
        return slot;
      }
      case 'var': {
        let slot = varSlots.get(e.index);
        if (slot === undefined) varSlots.set(e.index, (slot = emit(Op.Var, e.index)));
        return slot;
      }
      case 'neg':
        return emit(Op.Neg, visit(e.arg));
      case 'call':
        return emit(Op.Unary, visit(e.args[0]), 0, 0, UNARY_BY_NAME.get(e.fn));
      case 'binary': {
        if (e.op === '**' && e.right.kind === 'num') return emit(Op.PowConst, visit(e.left), 0, e.right.value);
        if (e.op === '**' && e.right.kind === 'neg' && e.right.arg.kind === 'num') return emit(Op.PowConst, visit(e.left), 0, -e.right.arg.value);
        return emit(BINARY[e.op], visit(e.left), visit(e.right));
      }
    }
  };
  const root = visit(foldConstants(body));
  if (root !== op.length - 1) emit(Op.Add, root, visit({ kind: 'num', value: 0 })); // the result must be the last slot
  return {
    length: op.length,
    variables,
    op: Uint8Array.from(op),
    a: Int32Array.from(a),
    b: Int32Array.from(b),
    c: Float64Array.from(c),
    fn,
  };
}

/**
 * f(a, b) and its partial derivatives up to second order, for the binary operations that are
 * not plain arithmetic: [f, ∂f/∂a, ∂f/∂b, ∂²f/∂a², ∂²f/∂a∂b, ∂²f/∂b²].
 */
function binaryPartials(o: Op, x: number, y: number): [number, number, number, number, number, number] {
  switch (o) {
    case Op.Add:
      return [x + y, 1, 1, 0, 0, 0];
    case Op.Sub:
      return [x - y, 1, -1, 0, 0, 0];
    case Op.Mul:
      return [x * y, y, x, 0, 1, 0];
    case Op.Div:
      return [x / y, 1 / y, -x / (y * y), 0, -1 / (y * y), (2 * x) / (y * y * y)];
    case Op.Pow: {
      // xʸ = e^{y ln x}: ∂/∂x = y xʸ⁻¹, ∂/∂y = xʸ ln x.
      const f = x ** y;
      const ln = Math.log(x);
      return [f, y * x ** (y - 1), f * ln, y * (y - 1) * x ** (y - 2), x ** (y - 1) * (1 + y * ln), f * ln * ln];
    }
    case Op.Max:
      return x >= y ? [x, 1, 0, 0, 0, 0] : [y, 0, 1, 0, 0, 0];
    case Op.Min:
      return x <= y ? [x, 1, 0, 0, 0, 0] : [y, 0, 1, 0, 0, 0];
    case Op.Atan2: {
      // atan2(y=x, x=y) here: the first argument is the numerator.
      const r2 = x * x + y * y;
      return [Math.atan2(x, y), y / r2, -x / r2, (-2 * x * y) / (r2 * r2), (x * x - y * y) / (r2 * r2), (2 * x * y) / (r2 * r2)];
    }
    default:
      throw new Error(`not a binary op: ${o}`);
  }
}

/** f(u), f′(u), f″(u) for one-argument instructions. */
function unaryPartials(tape: Tape, i: number, u: number): [number, number, number] {
  switch (tape.op[i]) {
    case Op.Neg:
      return [-u, -1, 0];
    case Op.PowConst: {
      const k = tape.c[i];
      if (k === 2) return [u * u, 2 * u, 2];
      return [u ** k, k * u ** (k - 1), k * (k - 1) * u ** (k - 2)];
    }
    default: {
      const f = tape.fn[i]!;
      return [f.f(u), f.df(u), f.d2f(u)];
    }
  }
}

const isUnary = (o: number) => o === Op.Neg || o === Op.PowConst || o === Op.Unary;

/** Forward sweep at one point; `slots` (length tape.length) receives every intermediate value. */
export function forward(tape: Tape, x: ArrayLike<number>, slots: Float64Array): number {
  const { op, a, b, c, length } = tape;
  for (let i = 0; i < length; i++) {
    switch (op[i]) {
      case Op.Const:
        slots[i] = c[i];
        break;
      case Op.Var:
        slots[i] = x[a[i]];
        break;
      case Op.Add:
        slots[i] = slots[a[i]] + slots[b[i]];
        break;
      case Op.Sub:
        slots[i] = slots[a[i]] - slots[b[i]];
        break;
      case Op.Mul:
        slots[i] = slots[a[i]] * slots[b[i]];
        break;
      case Op.Div:
        slots[i] = slots[a[i]] / slots[b[i]];
        break;
      default:
        slots[i] = isUnary(op[i]) ? unaryPartials(tape, i, slots[a[i]])[0] : binaryPartials(op[i], slots[a[i]], slots[b[i]])[0];
    }
  }
  return slots[length - 1];
}

/** Reverse sweep after `forward`: accumulates ∂f/∂x into `grad` (overwritten). */
export function reverse(tape: Tape, slots: Float64Array, adjoint: Float64Array, grad: Float64Array): void {
  const { op, a, b, length } = tape;
  adjoint.fill(0, 0, length);
  grad.fill(0, 0, tape.variables);
  adjoint[length - 1] = 1;
  for (let i = length - 1; i >= 0; i--) {
    const g = adjoint[i];
    if (g === 0) continue;
    const o = op[i];
    switch (o) {
      case Op.Const:
        break;
      case Op.Var:
        grad[a[i]] += g;
        break;
      case Op.Add:
        adjoint[a[i]] += g;
        adjoint[b[i]] += g;
        break;
      case Op.Sub:
        adjoint[a[i]] += g;
        adjoint[b[i]] -= g;
        break;
      case Op.Mul:
        adjoint[a[i]] += g * slots[b[i]];
        adjoint[b[i]] += g * slots[a[i]];
        break;
      default:
        if (isUnary(o)) {
          adjoint[a[i]] += g * unaryPartials(tape, i, slots[a[i]])[1];
        } else {
          const p = binaryPartials(o, slots[a[i]], slots[b[i]]);
          adjoint[a[i]] += g * p[1];
          adjoint[b[i]] += g * p[2];
        }
    }
  }
}

/**
 * Exact Hessian (n×n, row-major, into `out`) by a second-order forward sweep: every slot carries
 * its value, gradient and Hessian; unary rule H = f′H_u + f″ g_u g_uᵀ, binary rule
 * H = f_a H_a + f_b H_b + f_aa g_a g_aᵀ + f_bb g_b g_bᵀ + f_ab (g_a g_bᵀ + g_b g_aᵀ).
 */
export function hessian(tape: Tape, x: ArrayLike<number>, out: Float64Array): number {
  const n = tape.variables;
  const len = tape.length;
  const v = new Float64Array(len);
  const g = new Float64Array(len * n);
  const h = new Float64Array(len * n * n);
  for (let i = 0; i < len; i++) {
    const o = tape.op[i];
    const gi = i * n;
    const hi = i * n * n;
    if (o === Op.Const) {
      v[i] = tape.c[i];
    } else if (o === Op.Var) {
      v[i] = x[tape.a[i]];
      g[gi + tape.a[i]] = 1;
    } else if (isUnary(o)) {
      const u = tape.a[i];
      const [f, df, d2f] = unaryPartials(tape, i, v[u]);
      v[i] = f;
      for (let p = 0; p < n; p++) {
        g[gi + p] = df * g[u * n + p];
        for (let q = 0; q < n; q++) h[hi + p * n + q] = df * h[u * n * n + p * n + q] + d2f * g[u * n + p] * g[u * n + q];
      }
    } else {
      const ia = tape.a[i];
      const ib = tape.b[i];
      const [f, fa, fb, faa, fab, fbb] = binaryPartials(o, v[ia], v[ib]);
      v[i] = f;
      for (let p = 0; p < n; p++) {
        const gap = g[ia * n + p];
        const gbp = g[ib * n + p];
        g[gi + p] = (fa === 0 ? 0 : fa * gap) + (fb === 0 ? 0 : fb * gbp);
        for (let q = 0; q < n; q++) {
          const gaq = g[ia * n + q];
          const gbq = g[ib * n + q];
          let s = 0;
          if (fa !== 0) s += fa * h[ia * n * n + p * n + q];
          if (fb !== 0) s += fb * h[ib * n * n + p * n + q];
          if (faa !== 0) s += faa * gap * gaq;
          if (fbb !== 0) s += fbb * gbp * gbq;
          if (fab !== 0) s += fab * (gap * gbq + gbp * gaq);
          h[hi + p * n + q] = s;
        }
      }
    }
  }
  out.set(h.subarray((len - 1) * n * n, len * n * n));
  return v[len - 1];
}

/**
 * Values and gradients at `count` points at once. `inputs[k]` holds variable k at every point;
 * `values` receives f, and `grads[k]` (if given) ∂f/∂x_k. Each instruction runs as one tight
 * loop over the points (chunked so the working set stays in cache).
 */
/** Scratch for batched sweeps, kept per tape so repeated calls (animation frames) allocate nothing. */
const scratch = new WeakMap<Tape, { slots: Float64Array; adj?: Float64Array }>();

export function evaluateBatch(tape: Tape, inputs: readonly Float64Array[], values: Float64Array, grads?: readonly Float64Array[], chunk = 2048): void {
  const count = values.length;
  const len = tape.length;
  let buffers = scratch.get(tape);
  if (!buffers || buffers.slots.length !== len * chunk) scratch.set(tape, (buffers = { slots: new Float64Array(len * chunk) }));
  if (grads && !buffers.adj) buffers.adj = new Float64Array(len * chunk);
  const { slots } = buffers;
  const adj = grads ? buffers.adj : undefined;
  const { op, a, b, c } = tape;
  for (let start = 0; start < count; start += chunk) {
    const m = Math.min(chunk, count - start);
    for (let i = 0; i < len; i++) {
      const o = op[i];
      const si = i * chunk;
      const sa = a[i] * chunk;
      const sb = b[i] * chunk;
      switch (o) {
        case Op.Const:
          slots.fill(c[i], si, si + m);
          break;
        case Op.Var: {
          const src = inputs[a[i]];
          for (let k = 0; k < m; k++) slots[si + k] = src[start + k];
          break;
        }
        case Op.Add:
          for (let k = 0; k < m; k++) slots[si + k] = slots[sa + k] + slots[sb + k];
          break;
        case Op.Sub:
          for (let k = 0; k < m; k++) slots[si + k] = slots[sa + k] - slots[sb + k];
          break;
        case Op.Mul:
          for (let k = 0; k < m; k++) slots[si + k] = slots[sa + k] * slots[sb + k];
          break;
        case Op.Div:
          for (let k = 0; k < m; k++) slots[si + k] = slots[sa + k] / slots[sb + k];
          break;
        case Op.Neg:
          for (let k = 0; k < m; k++) slots[si + k] = -slots[sa + k];
          break;
        case Op.PowConst: {
          const e = c[i];
          if (e === 2) for (let k = 0; k < m; k++) slots[si + k] = slots[sa + k] * slots[sa + k];
          else for (let k = 0; k < m; k++) slots[si + k] = slots[sa + k] ** e;
          break;
        }
        case Op.Unary: {
          // The commonest functions inline (a call through `f` cannot be inlined by V8 here).
          switch (tape.fn[i]!.name) {
            case 'sin':
              for (let k = 0; k < m; k++) slots[si + k] = Math.sin(slots[sa + k]);
              break;
            case 'cos':
              for (let k = 0; k < m; k++) slots[si + k] = Math.cos(slots[sa + k]);
              break;
            case 'exp':
              for (let k = 0; k < m; k++) slots[si + k] = Math.exp(slots[sa + k]);
              break;
            case 'tanh':
              for (let k = 0; k < m; k++) slots[si + k] = Math.tanh(slots[sa + k]);
              break;
            case 'log':
              for (let k = 0; k < m; k++) slots[si + k] = Math.log(slots[sa + k]);
              break;
            case 'sqrt':
              for (let k = 0; k < m; k++) slots[si + k] = Math.sqrt(slots[sa + k]);
              break;
            default: {
              const f = tape.fn[i]!.f;
              for (let k = 0; k < m; k++) slots[si + k] = f(slots[sa + k]);
            }
          }
          break;
        }
        default:
          for (let k = 0; k < m; k++) slots[si + k] = binaryPartials(o, slots[sa + k], slots[sb + k])[0];
      }
    }
    const last = (len - 1) * chunk;
    for (let k = 0; k < m; k++) values[start + k] = slots[last + k];
    if (!grads || !adj) continue;
    adj.fill(0);
    adj.fill(1, last, last + m);
    for (let k = 0; k < tape.variables; k++) grads[k].fill(0, start, start + m);
    for (let i = len - 1; i >= 0; i--) {
      const o = op[i];
      const si = i * chunk;
      const sa = a[i] * chunk;
      const sb = b[i] * chunk;
      switch (o) {
        case Op.Const:
          break;
        case Op.Var: {
          const dst = grads[a[i]];
          for (let k = 0; k < m; k++) dst[start + k] += adj[si + k];
          break;
        }
        case Op.Add:
          for (let k = 0; k < m; k++) {
            adj[sa + k] += adj[si + k];
            adj[sb + k] += adj[si + k];
          }
          break;
        case Op.Sub:
          for (let k = 0; k < m; k++) {
            adj[sa + k] += adj[si + k];
            adj[sb + k] -= adj[si + k];
          }
          break;
        case Op.Mul:
          for (let k = 0; k < m; k++) {
            adj[sa + k] += adj[si + k] * slots[sb + k];
            adj[sb + k] += adj[si + k] * slots[sa + k];
          }
          break;
        case Op.Neg:
          for (let k = 0; k < m; k++) adj[sa + k] -= adj[si + k];
          break;
        case Op.PowConst: {
          const e = c[i];
          if (e === 2) for (let k = 0; k < m; k++) adj[sa + k] += adj[si + k] * (2 * slots[sa + k]);
          else for (let k = 0; k < m; k++) adj[sa + k] += adj[si + k] * (e * slots[sa + k] ** (e - 1));
          break;
        }
        case Op.Unary: {
          switch (tape.fn[i]!.name) {
            case 'sin':
              for (let k = 0; k < m; k++) adj[sa + k] += adj[si + k] * Math.cos(slots[sa + k]);
              break;
            case 'cos':
              for (let k = 0; k < m; k++) adj[sa + k] += adj[si + k] * -Math.sin(slots[sa + k]);
              break;
            case 'exp': // d/du eᵘ = eᵘ, already in this slot
              for (let k = 0; k < m; k++) adj[sa + k] += adj[si + k] * slots[si + k];
              break;
            case 'tanh': // 1 − tanh²u, from this slot
              for (let k = 0; k < m; k++) adj[sa + k] += adj[si + k] * (1 - slots[si + k] * slots[si + k]);
              break;
            case 'log':
              for (let k = 0; k < m; k++) adj[sa + k] += adj[si + k] * (1 / slots[sa + k]);
              break;
            case 'sqrt':
              for (let k = 0; k < m; k++) adj[sa + k] += adj[si + k] * (0.5 / slots[si + k]);
              break;
            default: {
              const df = tape.fn[i]!.df;
              for (let k = 0; k < m; k++) adj[sa + k] += adj[si + k] * df(slots[sa + k]);
            }
          }
          break;
        }
        default:
          for (let k = 0; k < m; k++) {
            const p = binaryPartials(o, slots[sa + k], slots[sb + k]);
            adj[sa + k] += adj[si + k] * p[1];
            adj[sb + k] += adj[si + k] * p[2];
          }
      }
    }
  }
}
