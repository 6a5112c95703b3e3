/**
 * "Copy as code" for the flow lab: a layer stack as self-contained PyTorch code. Each layer type
 * is a small nn.Module whose forward returns (y, log|det J|) per point, with the same maths as
 * compute/flow (coupling.ts, planar.ts, radial.ts, mlp.ts); the stack is `flow = Flow([...])`, an
 * nn.Module over an nn.ModuleList that sums the log-determinants. Coupling s and t expressions are
 * translated from our expression language's AST (compute/expr) to torch calls, so whatever the lab
 * accepts has a torch form. Everything is float64. Checked by test/fixtures/check_flow_codegen.py
 * (executes the code with python3-torch and compares with compute/flow on fixed points).
 */
import { fail } from '../errors';
import { parseExpression, type Expr } from '../expr';
import { mlpFromJson, mlpToJson } from './mlp';
import type { CouplingNetJson, FlowLayerJson, MlpJson } from './types';

/** Our function names → torch (arguments are tensors; `_c` makes numbers tensors). */
const TORCH_FUNCTIONS: Record<string, string> = {
  sin: 'torch.sin',
  cos: 'torch.cos',
  tan: 'torch.tan',
  exp: 'torch.exp',
  expm1: 'torch.expm1',
  log: 'torch.log',
  log1p: 'torch.log1p',
  log2: 'torch.log2',
  log10: 'torch.log10',
  sqrt: 'torch.sqrt',
  square: 'torch.square',
  abs: 'torch.abs',
  sign: 'torch.sign',
  tanh: 'torch.tanh',
  sinh: 'torch.sinh',
  cosh: 'torch.cosh',
  arctan: 'torch.atan',
  arcsin: 'torch.asin',
  arccos: 'torch.acos',
  sigmoid: 'torch.sigmoid',
  relu: 'torch.relu',
  // softplus(x) = log(1 + eˣ) exactly (F.softplus switches to x above its threshold of 20).
  softplus: '_softplus',
};

/** A float literal Python reads back to the same double. */
export function pythonNumber(v: number): string {
  if (!Number.isFinite(v)) fail(`Cannot write ${v} as a Python number.`);
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

const hasVariable = (e: Expr): boolean =>
  e.kind === 'var'
    ? true
    : e.kind === 'num'
      ? false
      : e.kind === 'neg'
        ? hasVariable(e.arg)
        : e.kind === 'binary'
          ? hasVariable(e.left) || hasVariable(e.right)
          : e.args.some(hasVariable);

/** One expression as torch code over the tensors x0, x1, … (one value per point). */
export function torchExpression(e: Expr, top = false): string {
  const tensor = (a: Expr) => (hasVariable(a) ? torchExpression(a) : `_c(${torchExpression(a)})`);
  switch (e.kind) {
    case 'num':
      return e.value < 0 ? `(${pythonNumber(e.value)})` : pythonNumber(e.value);
    case 'var':
      return `x${e.index}`;
    case 'neg':
      return `(-${torchExpression(e.arg)})`;
    case 'binary':
      switch (e.op) {
        case 'max':
          return `torch.maximum(${tensor(e.left)}, ${tensor(e.right)})`;
        case 'min':
          return `torch.minimum(${tensor(e.left)}, ${tensor(e.right)})`;
        case 'atan2':
          return `torch.atan2(${tensor(e.left)}, ${tensor(e.right)})`;
        default: {
          const inner = `${torchExpression(e.left)} ${e.op} ${torchExpression(e.right)}`;
          return top ? inner : `(${inner})`;
        }
      }
    case 'call': {
      const fn = TORCH_FUNCTIONS[e.fn];
      if (!fn) fail(`The function ${e.fn} has no PyTorch translation.`);
      return `${fn}(${e.args.map(tensor).join(', ')})`;
    }
  }
}

const PREAMBLE = `import torch
from torch import nn

DTYPE = torch.float64


def _c(v):
    """A number as a float64 tensor (so torch functions accept it)."""
    return torch.as_tensor(v, dtype=DTYPE)


def _col(v, x):
    """One value per point: broadcasts a constant to x's batch shape."""
    return torch.as_tensor(v, dtype=x.dtype).expand(x.shape[:-1])


def _softplus(v):
    return torch.logaddexp(v, torch.zeros_like(v))
`;

const COUPLING = `

class AffineCoupling(nn.Module):
    """RealNVP affine coupling: y = m*x + (1 - m)*(x*exp(s(m*x)) + t(m*x)).

    s and t map x (N, D) to one column per transformed coordinate (mask 0) and read only the
    kept coordinates (mask 1), so log|det J| = the sum of s over the transformed coordinates.
    """

    def __init__(self, mask, s, t):
        super().__init__()
        self.register_buffer("mask", torch.tensor(mask, dtype=DTYPE))
        self.register_buffer("transformed", torch.tensor([i for i, m in enumerate(mask) if m == 0]))
        self.s = s
        self.t = t

    def forward(self, x):
        kept = x * self.mask
        s, t = self.s(kept), self.t(kept)
        y = x.clone()
        y[..., self.transformed] = x[..., self.transformed] * torch.exp(s) + t
        return y, s.sum(-1)
`;

const MLP = `

class MLP(nn.Module):
    """s or t as a one-hidden-layer tanh MLP on the kept coordinates: W2 tanh(W1 x_kept + b1) + b2."""

    def __init__(self, kept, W1, b1, W2, b2):
        super().__init__()
        self.register_buffer("kept", torch.tensor(kept))
        self.hidden = nn.Linear(len(kept), len(b1)).to(DTYPE)
        self.out = nn.Linear(len(b1), len(b2)).to(DTYPE)
        with torch.no_grad():
            self.hidden.weight.copy_(torch.tensor(W1, dtype=DTYPE))
            self.hidden.bias.copy_(torch.tensor(b1, dtype=DTYPE))
            self.out.weight.copy_(torch.tensor(W2, dtype=DTYPE))
            self.out.bias.copy_(torch.tensor(b2, dtype=DTYPE))

    def forward(self, x):
        return self.out(torch.tanh(self.hidden(x[..., self.kept])))
`;

const PLANAR = `

class Planar(nn.Module):
    """Planar flow (Rezende & Mohamed 2015): f(z) = z + u*tanh(w.z + b),
    log|det J| = log|1 + (1 - tanh^2(w.z + b)) (w.u)|. With reparametrize, u is replaced by
    u + (-1 + softplus(w.u) - w.u) w/|w|^2, which makes the layer invertible (w.u > -1)."""

    def __init__(self, u, w, b, reparametrize=False):
        super().__init__()
        self.u = nn.Parameter(torch.tensor(u, dtype=DTYPE))
        self.w = nn.Parameter(torch.tensor(w, dtype=DTYPE))
        self.b = nn.Parameter(torch.tensor(b, dtype=DTYPE))
        self.reparametrize = reparametrize

    def u_hat(self):
        wu, ww = self.w @ self.u, self.w @ self.w
        if not self.reparametrize or ww == 0:
            return self.u
        return self.u + (-1 + _softplus(wu) - wu) * self.w / ww

    def forward(self, z):
        u = self.u_hat()
        h = torch.tanh(z @ self.w + self.b)
        return z + h[..., None] * u, torch.log(torch.abs(1 + (1 - h**2) * (self.w @ u)))
`;

const RADIAL = `

class Radial(nn.Module):
    """Radial flow (Rezende & Mohamed 2015): f(z) = z + beta (z - z0)/(alpha + r), r = |z - z0|,
    log|det J| = (d - 1) log|1 + beta h| + log|1 + beta alpha h^2|, h = 1/(alpha + r). With
    reparametrize, beta is replaced by -alpha + softplus(beta) (always invertible)."""

    def __init__(self, z0, alpha, beta, reparametrize=False):
        super().__init__()
        self.z0 = nn.Parameter(torch.tensor(z0, dtype=DTYPE))
        self.alpha = nn.Parameter(torch.tensor(alpha, dtype=DTYPE))
        self.beta = nn.Parameter(torch.tensor(beta, dtype=DTYPE))
        self.reparametrize = reparametrize

    def forward(self, z):
        beta = -self.alpha + _softplus(self.beta) if self.reparametrize else self.beta
        diff = z - self.z0
        r = torch.linalg.norm(diff, dim=-1)
        h = 1 / (self.alpha + r)
        d = z.shape[-1]
        log_det = (d - 1) * torch.log(torch.abs(1 + beta * h)) + torch.log(torch.abs(1 + beta * self.alpha * h**2))
        return z + (beta * h)[..., None] * diff, log_det
`;

const STACK = `

class Flow(nn.Module):
    """The layers in order; forward returns (y, log|det J| of the whole stack) per point."""

    def __init__(self, layers):
        super().__init__()
        self.layers = nn.ModuleList(layers)

    def forward(self, x):
        log_det = torch.zeros(x.shape[:-1], dtype=x.dtype, device=x.device)
        for layer in self.layers:
            x, ld = layer(x)
            log_det = log_det + ld
        return x, log_det
`;

const pyInts = (v: readonly number[]): string => `[${v.join(', ')}]`;
const pyList = (v: readonly number[]): string => `[${v.map(pythonNumber).join(', ')}]`;
const pyMatrix = (m: readonly (readonly number[])[]): string => `[${m.map(pyList).join(', ')}]`;

/** s or t of one coupling layer as a Python function of x (N, D), or an MLP(...) constructor. */
function netCode(net: CouplingNetJson | undefined, mask: readonly number[], name: string, where: string): { def?: string; ref: string; mlp?: boolean } {
  const dim = mask.length;
  const kept = mask.flatMap((m, i) => (m === 1 ? [i] : []));
  const transformed = dim - kept.length;
  if (net !== null && typeof net === 'object' && !Array.isArray(net)) {
    if (!('mlp' in net)) fail(`${where} must be an expression, a list of them, or {"mlp": {…}}.`, where);
    const w = mlpToJson(mlpFromJson(net.mlp as MlpJson, kept.length, transformed, where));
    return { ref: `MLP(${pyInts(kept)}, ${pyMatrix(w.W1)}, ${pyList(w.b1)}, ${pyMatrix(w.W2)}, ${pyList(w.b2)})`, mlp: true };
  }
  const sources = Array.isArray(net) ? net : new Array(transformed).fill(net ?? 0);
  if (sources.length !== transformed) fail(`${where} lists ${sources.length} expressions, but the mask transforms ${transformed} coordinates.`, where);
  const variables = mask.map((_, i) => `x${i}`);
  const columns = sources.map((src, p) => {
    const text = typeof src === 'number' ? String(src) : src;
    if (typeof text !== 'string') fail(`${where}[${p}] must be an expression string or a number.`, where);
    const parsed = parseExpression(text, variables);
    return `_col(${torchExpression(parsed.body, true)}, x)`;
  });
  const unpack = dim === 1 ? 'x0 = x[..., 0]' : `${variables.join(', ')} = x.unbind(-1)`;
  const def = [
    `def ${name}(x):`,
    `    ${unpack}  # noqa: F841 (only the kept coordinates are read)`,
    `    return torch.stack([${columns.join(', ')}], dim=-1)`,
  ].join('\n');
  return { def, ref: name };
}

/** Self-contained PyTorch code for the stack: `flow = Flow([...])`; `y, log_det = flow(x)`. */
export function flowCode(layers: readonly FlowLayerJson[]): string {
  if (!Array.isArray(layers) || layers.length === 0) fail('The flow has no layers to write as code.');
  const defs: string[] = [];
  const ctors: string[] = [];
  const used = new Set<string>();
  layers.forEach((layer, i) => {
    const where = `layers[${i}]`;
    switch (layer.type) {
      case 'affine_coupling': {
        used.add('coupling');
        const s = netCode(layer.s, layer.mask, `s${i}`, `${where}.s`);
        const t = netCode(layer.t, layer.mask, `t${i}`, `${where}.t`);
        for (const n of [s, t]) {
          if (n.def) defs.push(n.def);
          if (n.mlp) used.add('mlp');
        }
        ctors.push(`AffineCoupling(mask=${pyInts(layer.mask)}, s=${s.ref}, t=${t.ref})`);
        break;
      }
      case 'planar':
        used.add('planar');
        ctors.push(`Planar(u=${pyList(layer.u)}, w=${pyList(layer.w)}, b=${pythonNumber(layer.b)}${layer.reparametrize ? ', reparametrize=True' : ''})`);
        break;
      case 'radial':
        used.add('radial');
        ctors.push(
          `Radial(z0=${pyList(layer.z0)}, alpha=${pythonNumber(layer.alpha)}, beta=${pythonNumber(layer.beta)}${layer.reparametrize ? ', reparametrize=True' : ''})`,
        );
        break;
      default:
        fail(`${where}: unknown layer type ${JSON.stringify((layer as { type?: unknown }).type)}.`, where);
    }
  });
  const classes = [
    used.has('coupling') ? COUPLING : '',
    used.has('mlp') ? MLP : '',
    used.has('planar') ? PLANAR : '',
    used.has('radial') ? RADIAL : '',
    STACK,
  ].join('');
  const nets = defs.length ? `\n\n${defs.join('\n\n\n')}\n` : '';
  return `${PREAMBLE}${classes}${nets}\n\nflow = Flow([\n${ctors.map((c) => `    ${c},`).join('\n')}\n])\n\n# y, log_det = flow(torch.randn(1000, ${flowDim(layers)}, dtype=DTYPE))\n`;
}

function flowDim(layers: readonly FlowLayerJson[]): number {
  const l = layers[0];
  return l.type === 'affine_coupling' ? l.mask.length : l.type === 'planar' ? l.u.length : l.z0.length;
}
