/**
 * Activations: scalar derivatives of σ, tanh, ReLU, softplus; their elementwise Jacobians
 * (diagonal, so the same in both layouts); softmax, log-softmax and log-sum-exp.
 */
import { defineIdentity, scalarSym, vector } from './define';
import { diagOf, exp, had, log, lse, mul, num, relu, sigma, softmax, step, sub, sym, T, tanh, tanh2, add } from './formula';
import type { Identity } from './types';

const [t, x, z, s, I, one] = ['t', 'x', 'z', 's', 'I', 'one'].map(sym);
const ELEMENTWISE = 'Applied elementwise, so the Jacobian is diagonal and the same in both layouts.';
const identitySym = { tex: 'I', shape: ['n', 'n'] as ['n', 'n'], gen: 'identity' as const };
const softmaxSym = { tex: String.raw`\mathbf{s}`, def: softmax(z) };

export const ACTIVATION_IDENTITIES: Identity[] = [
  defineIdentity({
    id: 'sigmoid',
    name: 'Derivative of the logistic sigmoid σ(t)',
    kind: 'ml',
    symbols: { t: scalarSym(1, 't') },
    f: sigma(t),
    wrt: 't',
    numerator: mul(sigma(t), sub(num(1), sigma(t))),
    assumptions: ['σ(t) = 1/(1 + e^{−t}); scalar t.'],
    python: {
      numpy: '# dσ(«1:t»)/d«1:t»\ns = 1 / (1 + np.exp(-«1:t»))\nds = s * (1 - s)«0»',
      torch: '# dσ(«1:t»)/d«1:t»\ns = torch.sigmoid(«1:t»)\nds = s * (1 - s)«0»',
    },
  }),
  defineIdentity({
    id: 'tanh',
    name: 'Derivative of tanh(t)',
    kind: 'ml',
    symbols: { t: scalarSym(1, 't') },
    f: tanh(t),
    wrt: 't',
    numerator: sub(num(1), tanh2(t)),
    assumptions: ['Scalar t; tanh(t) = 2σ(2t) − 1.'],
    python: {
      numpy: '# d tanh(«1:t»)/d«1:t»\ndtanh = 1 - np.tanh(«1:t») ** 2«0»',
      torch: '# d tanh(«1:t»)/d«1:t»\ndtanh = 1 - torch.tanh(«1:t») ** 2«0»',
    },
  }),
  defineIdentity({
    id: 'relu',
    name: 'Derivative of ReLU(t)',
    kind: 'ml',
    symbols: { t: scalarSym(1, 't', 'away-from-zero') },
    f: relu(t),
    wrt: 't',
    numerator: step(t),
    assumptions: ['t ≠ 0 (at 0 ReLU has no derivative; frameworks use 0 there).'],
    python: {
      numpy: '# d ReLU(«1:t»)/d«1:t» (t != 0)\ndrelu = («1:t» > 0).astype(float)«0»',
      torch: '# d ReLU(«1:t»)/d«1:t» (t != 0)\ndrelu = («1:t» > 0).to(«1:t».dtype)«0»',
    },
  }),
  defineIdentity({
    id: 'softplus',
    name: 'Derivative of softplus log(1 + eᵗ)',
    kind: 'ml',
    symbols: { t: scalarSym(1, 't') },
    f: log(add(num(1), exp(t))),
    wrt: 't',
    numerator: sigma(t),
    assumptions: ['Scalar t; the derivative of softplus is the sigmoid.'],
    python: {
      numpy: '# d log(1 + exp(«1:t»))/d«1:t»\ndsoftplus = 1 / (1 + np.exp(-«1:t»))«0»',
      torch: '# d softplus(«1:t»)/d«1:t»\ndsoftplus = torch.sigmoid(«1:t»)«0»',
    },
  }),
  defineIdentity({
    id: 'sigmoid-jacobian',
    name: 'Jacobian of the elementwise sigmoid σ(x)',
    kind: 'ml',
    symbols: { x: vector(1, 'x') },
    f: sigma(x),
    wrt: 'x',
    numerator: diagOf(had(sigma(x), sub(num(1), sigma(x)))),
    assumptions: [ELEMENTWISE],
    python: {
      numpy: '# Jacobian of σ(«1:x») (elementwise)\ns = 1 / (1 + np.exp(-«1:x»))\njac = np.diag(s * (1 - s))«0»',
      torch: '# Jacobian of torch.sigmoid(«1:x»)\ns = torch.sigmoid(«1:x»)\njac = torch.diag(s * (1 - s))«0»',
    },
  }),
  defineIdentity({
    id: 'tanh-jacobian',
    name: 'Jacobian of the elementwise tanh(x)',
    kind: 'ml',
    symbols: { x: vector(1, 'x') },
    f: tanh(x),
    wrt: 'x',
    numerator: diagOf(sub(num(1), tanh2(x))),
    assumptions: [ELEMENTWISE],
    python: {
      numpy: '# Jacobian of np.tanh(«1:x»)\njac = np.diag(1 - np.tanh(«1:x») ** 2)«0»',
      torch: '# Jacobian of torch.tanh(«1:x»)\njac = torch.diag(1 - torch.tanh(«1:x») ** 2)«0»',
    },
  }),
  defineIdentity({
    id: 'relu-jacobian',
    name: 'Jacobian of the elementwise ReLU(x)',
    kind: 'ml',
    symbols: { x: vector(1, 'x', 'n', 'away-from-zero') },
    f: relu(x),
    wrt: 'x',
    numerator: diagOf(step(x)),
    assumptions: ['No entry of x is 0.', ELEMENTWISE],
    python: {
      numpy: '# Jacobian of np.maximum(«1:x», 0) (no zero entries)\njac = np.diag((«1:x» > 0).astype(float))«0»',
      torch: '# Jacobian of torch.relu(«1:x») (no zero entries)\njac = torch.diag((«1:x» > 0).to(«1:x».dtype))«0»',
    },
  }),
  defineIdentity({
    id: 'softmax-jacobian',
    name: 'Jacobian of softmax',
    kind: 'ml',
    symbols: { z: vector(1, 'z'), s: softmaxSym },
    f: softmax(z),
    wrt: 'z',
    numerator: sub(diagOf(s), mul(s, T(s))),
    where: ['s'],
    assumptions: ['softmax(z)ᵢ = exp(zᵢ)/Σⱼ exp(zⱼ). Symmetric, so the same in both layouts; singular (rows sum to 0).'],
    python: {
      numpy: '# Jacobian of softmax(«1:z»)\ne = np.exp(«1:z» - «1:z».max())\ns = e / e.sum()\njac = np.diag(s) - np.outer(s, s)«0»',
      torch: '# Jacobian of torch.softmax(«1:z», 0)\ns = torch.softmax(«1:z», dim=0)\njac = torch.diag(s) - torch.outer(s, s)«0»',
    },
  }),
  defineIdentity({
    id: 'log-softmax-jacobian',
    name: 'Jacobian of log-softmax',
    kind: 'ml',
    symbols: { z: vector(1, 'z'), s: softmaxSym, I: identitySym, one: { tex: String.raw`\mathbf{1}`, shape: ['n', 1], gen: 'ones' } },
    f: log(softmax(z)),
    wrt: 'z',
    numerator: sub(I, mul(one, T(s))),
    denominator: sub(I, mul(s, T(one))),
    where: ['s'],
    assumptions: ['log softmax(z) = z − logsumexp(z)·1; row i of the numerator form is eᵢᵀ − sᵀ.'],
    python: {
      numpy: '# Jacobian of log_softmax(«1:z»), shape (n, n)\ne = np.exp(«1:z» - «1:z».max())\ns = e / e.sum()\njac = np.eye(«1:z».shape[0]) - s[None, :]«0»',
      torch:
        '# Jacobian of torch.log_softmax(«1:z», 0), shape (n, n)\ns = torch.softmax(«1:z», dim=0)\njac = torch.eye(«1:z».shape[0], dtype=«1:z».dtype) - s[None, :]«0»',
    },
  }),
  defineIdentity({
    id: 'logsumexp',
    name: 'Gradient of log-sum-exp (= softmax)',
    kind: 'ml',
    symbols: { z: vector(1, 'z') },
    f: lse(z),
    wrt: 'z',
    numerator: T(softmax(z)),
    denominator: softmax(z),
    assumptions: ['logsumexp(z) = log Σᵢ exp(zᵢ).'],
    python: {
      numpy: '# d logsumexp(«1:z»)/d«1:z»\ne = np.exp(«1:z» - «1:z».max())\ngrad_«1:z» = e / e.sum()«0»',
      torch: '# d torch.logsumexp(«1:z», 0)/d«1:z»\ngrad_«1:z» = torch.softmax(«1:z», dim=0)«0»',
    },
  }),
  defineIdentity({
    id: 'logsumexp-hessian',
    name: 'Hessian of log-sum-exp',
    kind: 'ml',
    mode: 'hessian',
    symbols: { z: vector(1, 'z'), s: softmaxSym },
    f: lse(z),
    wrt: 'z',
    numerator: sub(diagOf(s), mul(s, T(s))),
    where: ['s'],
    assumptions: ['The Jacobian of softmax; positive semi-definite (log-sum-exp is convex). Same in both layouts.'],
    python: {
      numpy: '# Hessian of logsumexp(«1:z»)\ne = np.exp(«1:z» - «1:z».max())\ns = e / e.sum()\nhess = np.diag(s) - np.outer(s, s)«0»',
      torch: '# Hessian of torch.logsumexp(«1:z», 0)\ns = torch.softmax(«1:z», dim=0)\nhess = torch.diag(s) - torch.outer(s, s)«0»',
    },
  }),
];
