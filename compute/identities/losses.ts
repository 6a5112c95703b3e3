/**
 * Losses and likelihoods: softmax cross-entropy, binary cross-entropy, logistic regression, MSE,
 * the Gaussian log-likelihood, a linear layer's weight gradient, L1 and entropy.
 */
import { defineIdentity, greekVector, matrix, scalarSym, vector } from './define';
import { add, diagOf, div, group, had, inv, l1, log, logdetOf, mul, neg, num, sigma, sign, softmax, sqnorm, sub, sym, T } from './formula';
import type { Identity } from './types';

const [X, w, y, z, s, p, N, one, x, mu, Sigma, W, b, t, yhat] = ['X', 'w', 'y', 'z', 's', 'p', 'N', 'one', 'x', 'mu', 'Sigma', 'W', 'b', 't', 'yhat'].map(sym);
const [half, two] = [num(0.5), num(2)];
const softmaxSym = { tex: String.raw`\mathbf{s}`, def: softmax(z) };
const logit = mul(X, w);
/** Σᵢ yᵢ log σ(xᵢᵀw) + (1 − yᵢ) log(1 − σ(xᵢᵀw)): the log-likelihood of logistic regression. */
const bernoulliLogLik = add(mul(T(y), log(sigma(logit))), mul(T(sub(num(1), y)), log(sub(num(1), sigma(logit)))));
const LOGISTIC = { X: matrix(1, 'X', 'm', 'n'), w: vector(2, 'w'), y: vector(3, 'y', 'm', 'labels' as const) };
const d = sub(x, mu);
const gaussianLogLik = sub(
  sub(neg(mul(half, T(d), inv(Sigma), d)), mul(half, logdetOf(Sigma))),
  mul(div(sym('n'), two), num(Math.log(2 * Math.PI), String.raw`\log 2\pi`)),
);
const GAUSSIAN = { x: vector(1, 'x'), mu: greekVector(2, String.raw`\mu`), Sigma: matrix(3, String.raw`\Sigma`, 'n', 'n', 'spd'), n: { tex: 'n', dim: 'n' } };
const GAUSSIAN_LHS = (wrt: string) =>
  String.raw`\frac{\partial}{\partial ${wrt}} \log \mathcal{N}\left(\mathbf{«1:x»}; \boldsymbol{«2:\mu»}, «3:\Sigma»\right)`;
const GAUSSIAN_DENSITY = 'log N(x; μ, Σ) = −½(x − μ)ᵀΣ⁻¹(x − μ) − ½ log det Σ − (n/2) log 2π, Σ symmetric positive definite.';

export const LOSS_IDENTITIES: Identity[] = [
  defineIdentity({
    id: 'softmax-cross-entropy',
    name: 'Gradient of softmax cross-entropy w.r.t. the logits',
    kind: 'ml',
    symbols: { y: vector(1, 'y', 'n', 'one-hot-or-distribution'), z: vector(2, 'z'), s: softmaxSym },
    f: neg(mul(T(y), log(softmax(z)))),
    wrt: 'z',
    numerator: T(sub(s, y)),
    denominator: sub(s, y),
    where: ['s'],
    assumptions: ['y is one-hot or any distribution (yᵢ ≥ 0, Σᵢ yᵢ = 1; e.g. label smoothing); otherwise see deriv-softmax-cross-entropy-unnormalised.'],
    python: {
      numpy: '# d(-«1:y» @ log_softmax(«2:z»))/d«2:z»\ne = np.exp(«2:z» - «2:z».max())\ngrad_«2:z» = e / e.sum() - «1:y»«0»',
      torch: '# d F.cross_entropy(«2:z»[None], «1:y»[None], reduction="sum")/d«2:z»\ngrad_«2:z» = torch.softmax(«2:z», dim=0) - «1:y»«0»',
    },
  }),
  defineIdentity({
    id: 'softmax-cross-entropy-unnormalised',
    name: 'Gradient of −yᵀ log softmax(z) for weights y not summing to 1',
    kind: 'ml',
    symbols: { y: vector(1, 'y', 'n', 'positive'), z: vector(2, 'z'), s: softmaxSym, one: { tex: String.raw`\mathbf{1}`, shape: ['n', 1], gen: 'ones' } },
    f: neg(mul(T(y), log(softmax(z)))),
    wrt: 'z',
    numerator: sub(mul(group(mul(T(one), y)), T(s)), T(y)),
    denominator: sub(mul(group(mul(T(one), y)), s), y),
    where: ['s'],
    assumptions: ['Any y; the total weight 1ᵀy multiplies s. With 1ᵀy = 1 this is s − y.'],
    python: {
      numpy: '# d(-«1:y» @ log_softmax(«2:z»))/d«2:z», any weights «1:y»\ne = np.exp(«2:z» - «2:z».max())\ngrad_«2:z» = «1:y».sum() * e / e.sum() - «1:y»«0»',
      torch: '# d(-«1:y» @ torch.log_softmax(«2:z», 0))/d«2:z», any weights «1:y»\ngrad_«2:z» = «1:y».sum() * torch.softmax(«2:z», dim=0) - «1:y»«0»',
    },
  }),
  defineIdentity({
    id: 'binary-cross-entropy',
    name: 'Gradient of binary cross-entropy w.r.t. the logit',
    kind: 'ml',
    symbols: { y: scalarSym(1, 'y', 'labels'), z: scalarSym(2, 'z') },
    f: neg(add(mul(y, log(sigma(z))), mul(sub(num(1), y), log(sub(num(1), sigma(z)))))),
    wrt: 'z',
    numerator: sub(sigma(z), y),
    assumptions: ['Scalar logit z; label y ∈ {0, 1} (or a probability). BCEWithLogitsLoss.'],
    python: {
      numpy: '# d BCE(σ(«2:z»), «1:y»)/d«2:z»\ngrad_«2:z» = 1 / (1 + np.exp(-«2:z»)) - «1:y»«0»',
      torch: '# d F.binary_cross_entropy_with_logits(«2:z», «1:y»)/d«2:z»\ngrad_«2:z» = torch.sigmoid(«2:z») - «1:y»«0»',
    },
  }),
  defineIdentity({
    id: 'logistic-regression',
    name: 'Gradient of the logistic-regression loss (sum over samples)',
    kind: 'ml',
    symbols: LOGISTIC,
    f: neg(bernoulliLogLik),
    wrt: 'w',
    numerator: mul(T(sub(sigma(logit), y)), X),
    denominator: mul(T(X), sub(sigma(logit), y)),
    assumptions: [
      'X ∈ ℝ^{N×d} (rows are samples), labels y ∈ {0,1}ᴺ; the SUM of per-sample cross-entropies (for the mean see deriv-logistic-regression-mean).',
    ],
    python: {
      numpy: '# d(sum BCE)/d«2:w», rows of «1:X» are samples\np = 1 / (1 + np.exp(-(«1:X» @ «2:w»)))\ngrad_«2:w» = «1:X».T @ (p - «3:y»)«0»',
      torch: '# d(BCE summed)/d«2:w», rows of «1:X» are samples\np = torch.sigmoid(«1:X» @ «2:w»)\ngrad_«2:w» = «1:X».T @ (p - «3:y»)«0»',
    },
  }),
  defineIdentity({
    id: 'logistic-regression-mean',
    name: 'Gradient of the logistic-regression loss (mean over samples)',
    kind: 'ml',
    symbols: { ...LOGISTIC, N: { tex: 'N', dim: 'm' } },
    f: neg(mul(div(num(1), N), bernoulliLogLik)),
    wrt: 'w',
    numerator: mul(div(num(1), N), T(sub(sigma(logit), y)), X),
    denominator: mul(div(num(1), N), T(X), sub(sigma(logit), y)),
    assumptions: ['X ∈ ℝ^{N×d}, y ∈ {0,1}ᴺ; the MEAN cross-entropy (PyTorch’s default reduction).'],
    python: {
      numpy: '# d(mean BCE)/d«2:w»\np = 1 / (1 + np.exp(-(«1:X» @ «2:w»)))\ngrad_«2:w» = «1:X».T @ (p - «3:y») / «1:X».shape[0]«0»',
      torch:
        '# d F.binary_cross_entropy_with_logits(«1:X» @ «2:w», «3:y»)/d«2:w» (mean)\np = torch.sigmoid(«1:X» @ «2:w»)\ngrad_«2:w» = «1:X».T @ (p - «3:y») / «1:X».shape[0]«0»',
    },
  }),
  defineIdentity({
    id: 'logistic-regression-hessian',
    name: 'Hessian of the logistic-regression loss (sum)',
    kind: 'ml',
    mode: 'hessian',
    symbols: { ...LOGISTIC, p: { tex: String.raw`\mathbf{p}`, def: sigma(logit) } },
    f: neg(bernoulliLogLik),
    wrt: 'w',
    numerator: mul(T(X), diagOf(had(p, sub(num(1), p))), X),
    where: ['p'],
    assumptions: ['As deriv-logistic-regression (sum). Positive semi-definite; the same in both layouts.'],
    python: {
      numpy: '# Hessian of the summed BCE w.r.t. w\np = 1 / (1 + np.exp(-(«1:X» @ «2:w»)))\nhess = «1:X».T @ ((p * (1 - p))[:, None] * «1:X»)«0»',
      torch: '# Hessian of the summed BCE w.r.t. w\np = torch.sigmoid(«1:X» @ «2:w»)\nhess = «1:X».T @ ((p * (1 - p))[:, None] * «1:X»)«0»',
    },
  }),
  defineIdentity({
    id: 'mse',
    name: 'Gradient of the mean squared error of a linear model',
    kind: 'ml',
    symbols: { X: matrix(1, 'X', 'm', 'n'), w: vector(2, 'w'), y: vector(3, 'y', 'm'), N: { tex: 'N', dim: 'm' } },
    f: mul(div(num(1), N), sqnorm(sub(logit, y))),
    wrt: 'w',
    numerator: mul(div(two, N), T(sub(logit, y)), X),
    denominator: mul(div(two, N), T(X), sub(logit, y)),
    assumptions: ['X ∈ ℝ^{N×d} (rows are samples), the MEAN over the N samples (no ½).'],
    python: {
      numpy: '# d mean((«1:X» @ «2:w» - «3:y»)**2)/d«2:w»\ngrad_«2:w» = 2 * «1:X».T @ («1:X» @ «2:w» - «3:y») / «1:X».shape[0]«0»',
      torch: '# d F.mse_loss(«1:X» @ «2:w», «3:y»)/d«2:w»\ngrad_«2:w» = 2 * «1:X».T @ («1:X» @ «2:w» - «3:y») / «1:X».shape[0]«0»',
    },
  }),
  defineIdentity({
    id: 'mse-predictions',
    name: 'Gradient of the mean squared error w.r.t. the predictions',
    kind: 'ml',
    symbols: { yhat: { tex: String.raw`\hat{\mathbf{«1:y»}}`, shape: ['n', 1], gen: 'normal' }, y: vector(2, 'y'), N: { tex: 'N', dim: 'n' } },
    f: mul(div(num(1), N), sqnorm(sub(yhat, y))),
    wrt: 'yhat',
    numerator: mul(div(two, N), T(sub(yhat, y))),
    denominator: mul(div(two, N), sub(yhat, y)),
    assumptions: ['N predictions; the MEAN (F.mse_loss default).'],
    python: {
      numpy: '# d mean((«1:y_hat» - «2:y»)**2)/d«1:y_hat»\ngrad = 2 * («1:y_hat» - «2:y») / «1:y_hat».size«0»',
      torch: '# d F.mse_loss(«1:y_hat», «2:y»)/d«1:y_hat»\ngrad = 2 * («1:y_hat» - «2:y») / «1:y_hat».numel()«0»',
    },
  }),
  defineIdentity({
    id: 'gaussian-mu',
    name: 'Gradient of the Gaussian log-likelihood w.r.t. the mean μ',
    kind: 'ml',
    symbols: GAUSSIAN,
    f: gaussianLogLik,
    wrt: 'mu',
    lhs: GAUSSIAN_LHS(String.raw`\boldsymbol{«2:\mu»}`),
    numerator: mul(T(d), inv(Sigma)),
    denominator: mul(inv(Sigma), d),
    assumptions: [GAUSSIAN_DENSITY],
    python: {
      numpy: '# d log N(«1:x»; «2:mu», «3:Sigma»)/d«2:mu»\ngrad_«2:mu» = np.linalg.solve(«3:Sigma», «1:x» - «2:mu»)«0»',
      torch: '# d MultivariateNormal(«2:mu», «3:Sigma»).log_prob(«1:x»)/d«2:mu»\ngrad_«2:mu» = torch.linalg.solve(«3:Sigma», «1:x» - «2:mu»)«0»',
    },
  }),
  defineIdentity({
    id: 'gaussian-x',
    name: 'Gradient of the Gaussian log-density w.r.t. x (the score)',
    kind: 'ml',
    symbols: GAUSSIAN,
    f: gaussianLogLik,
    wrt: 'x',
    lhs: GAUSSIAN_LHS(String.raw`\mathbf{«1:x»}`),
    numerator: neg(mul(T(d), inv(Sigma))),
    denominator: neg(mul(inv(Sigma), d)),
    assumptions: [GAUSSIAN_DENSITY, 'The score function used in score matching and Langevin sampling.'],
    python: {
      numpy: '# d log N(«1:x»; «2:mu», «3:Sigma»)/d«1:x»\ngrad_«1:x» = -np.linalg.solve(«3:Sigma», «1:x» - «2:mu»)«0»',
      torch: '# d MultivariateNormal(«2:mu», «3:Sigma»).log_prob(«1:x»)/d«1:x»\ngrad_«1:x» = -torch.linalg.solve(«3:Sigma», «1:x» - «2:mu»)«0»',
    },
  }),
  defineIdentity({
    id: 'gaussian-sigma',
    name: 'Gradient of the Gaussian log-likelihood w.r.t. the covariance Σ',
    kind: 'ml',
    symbols: GAUSSIAN,
    f: gaussianLogLik,
    wrt: 'Sigma',
    lhs: GAUSSIAN_LHS(String.raw`«3:\Sigma»`),
    numerator: mul(half, sub(mul(inv(Sigma), d, T(d), inv(Sigma)), inv(Sigma))),
    assumptions: [
      GAUSSIAN_DENSITY,
      'Convention: the entries of Σ are treated as independent and the derivative taken at a symmetric Σ (the result is symmetric, so both layouts agree). If Σ is parametrised by its distinct entries only, an off-diagonal entry’s derivative is twice the (i, j) entry here (2G − diag G).',
    ],
    python: {
      numpy:
        '# d log N(«1:x»; «2:mu», «3:Sigma»)/d«3:Sigma» (entries independent, Σ symmetric)\nSi = np.linalg.inv(«3:Sigma»)\nv = Si @ («1:x» - «2:mu»)\ngrad_«3:Sigma» = 0.5 * (np.outer(v, v) - Si)«0»',
      torch:
        '# d MultivariateNormal(«2:mu», «3:Sigma»).log_prob(«1:x»)/d«3:Sigma» (entries independent)\nSi = torch.linalg.inv(«3:Sigma»)\nv = Si @ («1:x» - «2:mu»)\ngrad_«3:Sigma» = 0.5 * (torch.outer(v, v) - Si)«0»',
    },
  }),
  defineIdentity({
    id: 'linear-layer-weight',
    name: 'Weight gradient of a linear layer under squared error',
    kind: 'ml',
    symbols: { W: matrix(1, 'W', 'm', 'n'), x: vector(2, 'x'), b: vector(3, 'b', 'm'), t: vector(4, 't', 'm') },
    f: mul(half, sqnorm(sub(add(mul(W, x), b), t))),
    wrt: 'W',
    numerator: mul(x, T(sub(add(mul(W, x), b), t))),
    denominator: mul(sub(add(mul(W, x), b), t), T(x)),
    assumptions: ['W ∈ ℝ^{m×n}: the upstream error δ = Wx + b − t times the input, δxᵀ (denominator, shaped like W).'],
    python: {
      numpy: '# d 0.5‖«1:W» @ «2:x» + «3:b» - «4:t»‖²/d«1:W»\ndelta = «1:W» @ «2:x» + «3:b» - «4:t»\ngrad_«1:W» = np.outer(delta, «2:x»)«0»',
      torch: '# d 0.5‖«1:W» @ «2:x» + «3:b» - «4:t»‖²/d«1:W»\ndelta = «1:W» @ «2:x» + «3:b» - «4:t»\ngrad_«1:W» = torch.outer(delta, «2:x»)«0»',
    },
  }),
  defineIdentity({
    id: 'l1-norm',
    name: 'Gradient of the L1 norm ‖x‖₁',
    kind: 'ml',
    symbols: { x: vector(1, 'x', 'n', 'away-from-zero') },
    f: l1(x),
    wrt: 'x',
    numerator: T(sign(x)),
    denominator: sign(x),
    assumptions: ['No entry of x is 0 (there ‖x‖₁ has only a subgradient, any value in [−1, 1]).'],
    python: {
      numpy: '# d‖«1:x»‖₁/d«1:x» (no zero entries)\ngrad_«1:x» = np.sign(«1:x»)«0»',
      torch: '# d‖«1:x»‖₁/d«1:x» (no zero entries)\ngrad_«1:x» = torch.sign(«1:x»)«0»',
    },
  }),
  defineIdentity({
    id: 'entropy',
    name: 'Gradient of the entropy −pᵀ log p',
    kind: 'ml',
    symbols: { p: vector(1, 'p', 'n', 'positive') },
    f: neg(mul(T(p), log(p))),
    wrt: 'p',
    numerator: neg(T(add(log(p), num(1)))),
    denominator: neg(add(log(p), num(1))),
    assumptions: ['p > 0 elementwise; the gradient in ℝⁿ, before any constraint Σp = 1 (on the simplex only differences matter).'],
    python: {
      numpy: '# d(-«1:p» @ np.log(«1:p»))/d«1:p»\ngrad_«1:p» = -(np.log(«1:p») + 1)«0»',
      torch: '# d(-«1:p» @ torch.log(«1:p»))/d«1:p»\ngrad_«1:p» = -(torch.log(«1:p») + 1)«0»',
    },
  }),
];
