/**
 * The catalog against the course notes (../shared/seeds/000_822544ab04fbfb5b.txt): every heading
 * covered, entries well-formed, and every alias and code name found by the hover matcher.
 */
import * as assert from 'node:assert/strict';
import { termAt, TERMS, termById } from '../../compute';
import { BEYOND_SECTIONS } from '../../compute/terms/sections';
import katex from 'katex';
import { GENERIC_CODE } from '../../compute/hover/word-lists';

/**
 * The notes' headings in order. The notes open without headings (probability, identities,
 * convexity) and number some parts inconsistently ("2- Trick Identity", "1- Condition Number",
 * no 12.2); those parts get the descriptive headings used as `Term.section` below.
 */
export const NOTE_HEADINGS = [
  '1 Probability',
  '2 Trick Identities',
  '2.1 Convexity',
  '2.2 Condition Number',
  '2.3 Lipschitz Continuity and the PL Condition',
  '3 Linear Algebra',
  '4 Derivatives',
  '4.2 Scalar-by-Vector',
  '4.3 Vector-by-Vector',
  '4.4 Scalar-by-Matrix',
  '4.5 Vector-by-Matrix (Generalized Gradient)',
  '5 Information Theory',
  '6 Activation Functions',
  '11.3 Gradient Descent',
  '12 Convolutional Neural Networks',
  '12.1 Convolutional Layers',
  '12.2 Discrete Convolution and Cross-Correlation',
  '12.3 Convolution via Matrices',
  '12.4 Border Handling',
  '12.5 Backpropagation for Convolutions',
  '12.6 Pooling',
  '12.7 Sub-Sampling (Strides)',
  '12.8 Channels',
  '12.9 CNNs in Computer Vision',
  '12.9.1 Classic CNN Architectures',
  '12.9.2 Convolutions in Sequences, NLP & Audio',
  '12.10 Comparison of #Parameters (CNNs, FC, LC)',
  '13 Recurrent Neural Networks',
  '13.1 Simple Recurrent Networks',
  '13.1.1 Structural Variants',
  '13.1.2 Gated Memory',
  '19.2 Normalizing Flows',
  '19.3 Generative Adversarial Networks (GANs)',
  '19.4 Denoising Diffusion Models (DDPM)',
  '20 Ethics',
  '20.1 Robustness',
  '20.2 Interpretability',
  '20.3 Fairness',
];

/** Named definitions and methods of the notes that must each have their own entry. */
const REQUIRED_IDS = [
  'sum-rule',
  'product-rule',
  'independence',
  'conditional-independence',
  'bayes-rule',
  'expectation',
  'covariance',
  'variance',
  'variance-of-sums',
  'pdf-cdf',
  'density-scaling',
  'mgf',
  'bernoulli',
  'gaussian',
  'binomial',
  'gamma-distribution',
  'poisson',
  'mgf-of-sums',
  'convolution-of-densities',
  'gaussian-mle',
  'gaussian-conditioning',
  'gaussian-marginal',
  'mle',
  'chebyshev-inequality',
  'log-derivative-trick',
  'cauchy-schwarz',
  'convex-set',
  'convex-function',
  'strict-convexity',
  'convexity-conditions',
  'strong-convexity',
  'condition-number',
  'taylor-theorem',
  'jensen-inequality',
  'lipschitz-continuity',
  'l-smoothness',
  'lagrangian',
  'pl-condition',
  'psd-matrix',
  'sylvester-criterion',
  'trace',
  'frobenius-norm',
  'eigendecomposition',
  'svd',
  'cholesky',
  'numerator-layout',
  'denominator-layout',
  'jacobian',
  'chain-rule',
  'entropy',
  'cross-entropy',
  'kl-divergence',
  'js-divergence',
  'tanh',
  'relu',
  'leaky-relu',
  'sigmoid',
  'softmax',
  'gelu',
  'gradient-descent',
  'sgd',
  'gradient-flow',
  'polyak-averaging',
  'robbins-monro',
  'momentum',
  'nesterov',
  'adaptive-learning-rate',
  'adagrad',
  'rmsprop',
  'adam',
  'adamw',
  'lr-schedule',
  'transform',
  'linear-transform',
  'integral-transform',
  'convolution',
  'lti-convolution',
  'shift-equivariance',
  'fourier-transform',
  'convolution-theorem',
  'discrete-convolution',
  'cross-correlation',
  'toeplitz-matrix',
  'padding',
  'same-padding',
  'valid-padding',
  'receptive-field',
  'weight-sharing',
  'conv-backprop',
  'kernel-flip',
  'pooling',
  'max-pooling',
  'stride',
  'channels',
  'one-by-one-convolution',
  'depthwise-separable-convolution',
  'cnn-vision',
  'lenet',
  'alexnet',
  'vgg',
  'inception',
  'unet',
  'resnet',
  'conv1d',
  'text-cnn',
  'dilated-convolution',
  'causal-convolution',
  'wavenet',
  'parameter-count',
  'fully-connected-layer',
  'locally-connected-layer',
  'rnn',
  'bptt',
  'exploding-vanishing-gradients',
  'bidirectional-rnn',
  'deep-rnn',
  'lstm',
  'gru',
  'normalizing-flow',
  'change-of-variables',
  'coupling-layer',
  'planar-flow',
  'radial-flow',
  'gan',
  'gan-minimax',
  'optimal-discriminator',
  'non-saturating-loss',
  'mode-collapse',
  'ddpm',
  'diffusion-forward-process',
  'diffusion-reverse-process',
  'ddpm-loss',
  'adversarial-example',
  'lp-norm',
  'linear-adversarial-perturbation',
  'linf-attack',
  'margin',
  'local-linearization',
  'fgsm',
  'pgd-attack',
  'adversarial-training',
  'distribution-shift',
  'huber-contamination',
  'dro',
  'wasserstein-ball',
  'wasserstein-distance',
  'adversarial-transport',
  'w-infinity-unification',
  'ceteris-paribus',
  'marginalization',
  'sensitivity',
  'mutual-information',
  'conditional-mutual-information',
  'lofo',
  'lofo-marginalization',
  'permutation-importance',
  'marginal-contribution',
  'shapley-values',
  'shapley-efficiency',
  'shap',
  'sage',
  'causal-factorization',
  'sem',
  'intervention',
  'counterfactual',
  'protected-attribute',
  'demographic-parity',
  'equalized-odds',
  'equal-opportunity',
  'fair-representation',
];

/** Sentences of a text: terminal punctuation followed by a space or the end, ignoring abbreviations. */
function sentences(text: string): number {
  const cleaned = text.replace(/\b(e\.g|i\.e|vs|cf|etc)\./g, '$1').replace(/\d\.\d/g, '0');
  return (cleaned.match(/[.!?](\s|$)/g) ?? []).length;
}

/** Ids hovered over the whole of `needle` in `line` (one per column), and whether each range covers it. */
function hoversOver(line: string, needle: string, languageId: string): { ids: Set<string | undefined>; covering: boolean } {
  const at = line.indexOf(needle);
  assert.ok(at >= 0);
  const ids = new Set<string | undefined>();
  let covering = true;
  for (let c = at; c < at + needle.length; c++) {
    const m = termAt(line, c, languageId);
    ids.add(m?.term.id);
    if (m && (m.start > at || m.end < at + needle.length)) covering = false;
  }
  return { ids, covering };
}

describe('term catalog', () => {
  it('renders every formula with KaTeX, as the Full entry panel does', () => {
    for (const t of TERMS)
      for (const tex of t.formulas) assert.doesNotThrow(() => katex.renderToString(tex, { displayMode: true, throwOnError: true }), `${t.id}: ${tex}`);
  });

  it('has 170+ entries with unique ids, known sections, and resolvable related ids', () => {
    assert.ok(TERMS.length >= 170, `${TERMS.length} entries`);
    const ids = new Set<string>();
    for (const t of TERMS) {
      assert.ok(/^[a-z0-9-]+$/.test(t.id), t.id);
      assert.ok(!ids.has(t.id), `duplicate id ${t.id}`);
      ids.add(t.id);
      assert.ok(NOTE_HEADINGS.includes(t.section) || (BEYOND_SECTIONS as readonly string[]).includes(t.section), `${t.id}: unknown section "${t.section}"`);
      for (const r of t.related) {
        assert.ok(termById(r), `${t.id} relates to unknown ${r}`);
        assert.notEqual(r, t.id, `${t.id} relates to itself`);
      }
      assert.equal(new Set(t.related).size, t.related.length, `${t.id}: duplicate related`);
    }
  });

  it('covers every heading of the notes and every named definition', () => {
    for (const heading of NOTE_HEADINGS) {
      const number = heading.split(' ')[0];
      const covered = TERMS.some((t) => t.section === heading || t.section.startsWith(`${number}.`));
      assert.ok(covered, `no entry for "${heading}"`);
    }
    for (const id of REQUIRED_IDS) assert.ok(termById(id), `missing entry ${id}`);
  });

  it('has a one-sentence summary, a 2–4 sentence definition and 1–3 formulas per entry', () => {
    for (const t of TERMS) {
      assert.equal(sentences(t.summary), 1, `${t.id}: summary must be one sentence: ${t.summary}`);
      const n = sentences(t.definition);
      assert.ok(n >= 2 && n <= 4, `${t.id}: definition has ${n} sentences`);
      assert.ok(t.formulas.length >= 1 && t.formulas.length <= 3, `${t.id}: ${t.formulas.length} formulas`);
      assert.ok(t.title.length > 0 && t.aliases.length > 0, `${t.id}: title and aliases`);
      for (const tex of t.formulas) assert.doesNotMatch(tex, /[^\x20-\x7e]/, `${t.id}: keep TeX ASCII: ${tex}`);
    }
  });

  it('gives conv, optimizer and flow entries a lab with parameters', () => {
    for (const t of TERMS) {
      if (!t.lab) continue;
      assert.ok(t.lab.params && Object.keys(t.lab.params).length > 0, `${t.id}: lab parameters`);
      if (t.lab.kind === 'conv') {
        const layers = t.lab.params.layers as { op: string }[];
        assert.ok(Array.isArray(layers) && layers.length > 0 && Array.isArray(t.lab.params.inputShape), `${t.id}: conv lab request`);
      }
      if (t.lab.kind === 'optimizer') assert.equal(typeof t.lab.params.optimizer, 'string', t.id);
      if (t.lab.kind === 'flow') assert.equal(typeof t.lab.params.flow, 'string', t.id);
    }
    for (const id of ['conv2d', 'padding', 'stride', 'dilated-convolution', 'max-pooling']) assert.equal(termById(id)?.lab?.kind, 'conv', id);
    for (const id of ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw']) assert.equal(termById(id)?.lab?.kind, 'optimizer', id);
    for (const id of ['normalizing-flow', 'coupling-layer', 'planar-flow', 'radial-flow']) assert.equal(termById(id)?.lab?.kind, 'flow', id);
  });

  it('has no prose alias or code name claimed by two entries', () => {
    const norm = (s: string) =>
      s
        .toLowerCase()
        .replace(/[\s\-‐‑‒–—~'’]+/g, ' ')
        .trim();
    const aliasOwner = new Map<string, string>();
    const codeOwner = new Map<string, string>();
    for (const t of TERMS) {
      for (const a of [...t.aliases, ...(t.generic ?? [])]) {
        const key = /\s/.test(a) || !/[A-Z]/.test(a) ? norm(a) : a;
        const owner = aliasOwner.get(key);
        assert.ok(!owner || owner === t.id, `alias "${a}" in ${t.id} and ${owner}`);
        aliasOwner.set(key, t.id);
      }
      for (const c of t.code) {
        assert.ok(!codeOwner.has(c), `code name ${c} in ${t.id} and ${codeOwner.get(c)}`);
        codeOwner.set(c, t.id);
      }
    }
  });

  it('resolves every prose alias to its own entry in Markdown, LaTeX and Python comments', () => {
    for (const t of TERMS) {
      for (const alias of t.aliases) {
        for (const [line, lang] of [
          [`We then discuss ${alias} in detail.`, 'markdown'],
          [`\\paragraph{Note} see ${alias} here`, 'latex'],
          [`loss = step(batch)  # uses ${alias} here`, 'python'],
        ] as const) {
          const { ids, covering } = hoversOver(line, alias, lang);
          assert.deepEqual([...ids], [t.id], `${lang} "${alias}" → ${[...ids].join(',')} (want ${t.id})`);
          assert.ok(covering, `${lang}: the hover range covers the whole alias "${alias}"`);
        }
      }
    }
  });

  it('matches generic words only in prose documents, never in comments or code', () => {
    for (const t of TERMS) {
      for (const word of t.generic ?? []) {
        assert.deepEqual([...hoversOver(`The ${word} matters here.`, word, 'markdown').ids], [t.id], `markdown "${word}"`);
        assert.deepEqual([...hoversOver(`x = f(y)  # the ${word} here`, word, 'python').ids], [undefined], `comment "${word}"`);
        assert.deepEqual([...hoversOver(`${word} = 3`, word, 'python').ids], [undefined], `code "${word}"`);
      }
    }
  });

  it('resolves every code name to its own entry, in code and in Markdown backticks', () => {
    for (const t of TERMS) {
      for (const name of t.code) {
        const last = name.split('.').pop()!;
        const line = `result = ${name}(x, dim=1)`;
        const at = line.indexOf(name);
        for (let c = line.indexOf(last, at + name.length - last.length); c < at + name.length; c++) {
          const m = termAt(line, c, 'python');
          assert.equal(m?.term.id, t.id, `python ${name} at ${c}`);
          assert.deepEqual([m.start, m.end], [at, at + name.length], `range of ${name}`);
        }
        const md = `Call \`${name}\` on the batch.`;
        assert.equal(termAt(md, md.indexOf(name) + name.length - 1, 'markdown')?.term.id, t.id, `markdown ${name}`);
      }
    }
  });

  it('resolves import-alias forms and the most specific dotted name', () => {
    const cases: [string, string, string][] = [
      ['y = F.relu(x)', 'relu', 'relu'],
      ['y = nn.functional.relu(x)', 'relu', 'relu'],
      ['self.act = nn.ReLU()', 'ReLU', 'relu'],
      ['y = F.leaky_relu(x, 0.2)', 'leaky_relu', 'leaky-relu'],
      ['loss = F.kl_div(logq, p, reduction="batchmean")', 'kl_div', 'kl-divergence'],
      ['crit = nn.KLDivLoss()', 'KLDivLoss', 'kl-divergence'],
      ['y = F.conv2d(x, w, padding=1)', 'conv2d', 'conv2d'],
      ['layer = tf.keras.layers.Conv2D(32, 3)', 'Conv2D', 'conv2d'],
      ['layer = layers.Conv2D(32, 3)', 'Conv2D', 'conv2d'],
      ['x = nn.Conv(features=32, kernel_size=(3, 3))(x)', 'Conv', 'conv2d'],
      ['opt = keras.optimizers.RMSprop(1e-3)', 'RMSprop', 'rmsprop'],
      ['tx = optax.adamw(1e-3)', 'adamw', 'adamw'],
      ['y = jax.nn.relu(x)', 'relu', 'relu'],
      ['rnn = nn.LSTM(128, 256, num_layers=2)', 'LSTM', 'lstm'],
      ['sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, 100)', 'CosineAnnealingLR', 'cosine-annealing'],
      ['d = torch.distributions.MultivariateNormal(mu, cov)', 'MultivariateNormal', 'gaussian'],
      ['mi = mutual_info_score(a, b)', 'mutual_info_score', 'mutual-information'],
      ['r = permutation_importance(model, X, y)', 'permutation_importance', 'permutation-importance'],
      ['explainer = shap.TreeExplainer(model)', 'TreeExplainer', 'shap'],
      ['gap = demographic_parity_difference(y, p, sensitive_features=s)', 'demographic_parity_difference', 'demographic-parity'],
      ['gap = equalized_odds_difference(y, p, sensitive_features=s)', 'equalized_odds_difference', 'equalized-odds'],
      ['p = torch.nn.functional.softmax(z, dim=-1)', 'softmax', 'softmax'],
      ['S = jnp.linalg.svd(A)', 'svd', 'svd'],
    ];
    for (const [line, needle, id] of cases) {
      assert.equal(termAt(line, line.indexOf(needle) + 1, 'python')?.term.id, id, line);
    }
  });

  it('keeps generic last parts of code names out of the bare-name index', () => {
    for (const [line, needle] of [
      ['m = x.mean()', 'mean'],
      ['t = np.trace', 'trace'],
      ['n = v.norm()', 'norm'],
      ['y = layer(x)', 'layer'],
      ['z = np.random.normal(0, 1)', 'random'],
      ['v = df.var()', 'var'],
      ['activations = model(x)', 'activations'],
    ] as const) {
      const m = termAt(line, line.indexOf(needle) + 1, 'python');
      assert.ok(!m || m.start < line.indexOf(needle) - 1, `${line}: ${m?.term.id}`);
    }
    assert.ok(GENERIC_CODE.has('mean') && GENERIC_CODE.has('trace'));
  });
});
