/**
 * Statements of the hover catalog that were wrong and are now pinned: each test checks that the
 * right statement is in the entry (text or TeX) and that the wrong one is gone. The framework facts
 * come from the frameworks' sources and docs (PyTorch, Keras 3, optax, Flax, SciPy, Captum).
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { IDENTITIES, termAt, termById, TERMS } from '../../compute';
import type { Term } from '../../compute/terms/types';

function entry(id: string): Term {
  const t = termById(id);
  assert.ok(t, `missing entry ${id}`);
  return t;
}

const tex = (t: Term) => t.formulas.join('\n');

/** The entry whose code names include `name`, if any. */
const codeOwner = (name: string) => TERMS.find((t) => t.code.includes(name))?.id;

/** The entry hovered over `needle` in `line`. */
function hovered(line: string, needle: string, languageId: string): string | undefined {
  const at = line.indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${line}`);
  return termAt(line, at + needle.length - 1, languageId)?.term.id;
}

describe('term catalog corrections', () => {
  it('RMSprop: ε inside the root in Keras 3 and optax, outside in PyTorch, and the placement changes the steps; η is the learning rate', () => {
    const t = entry('rmsprop');
    assert.match(t.definition, /PyTorch adds ε outside the square root/);
    assert.match(t.definition, /Keras 3 and optax \(eps_in_sqrt=True by default\) add it inside/);
    assert.match(t.definition, /never fall below √ε/);
    assert.match(t.definition, /ηg\/ε with ε outside but ηg\/√ε with ε inside/);
    assert.doesNotMatch(t.definition, /outside the square root \(PyTorch, Keras\)/);
    assert.doesNotMatch(t.definition, /both only guard against division by zero/);
    // Both denominators, with η (not α) as the learning rate and α as the decay constant.
    assert.ok(tex(t).includes(String.raw`\frac{\eta\, g_t}{\sqrt{v_t} + \epsilon}`));
    assert.ok(tex(t).includes(String.raw`\frac{\eta\, g_t}{\sqrt{v_t + \epsilon}}`));
    assert.ok(tex(t).includes(String.raw`v_t = \alpha\, v_{t-1} + (1 - \alpha)\, g_t^2`));
    assert.match(tex(t), /\\alpha = \\text\{PyTorch alpha\} = \\text\{Keras rho\} = \\text\{optax decay\}/);
    assert.doesNotMatch(tex(t), /\\frac\{\\alpha\}/);
  });

  it('polynomial decay is base·(1 − t/T)^power and ends in finite time; η₀/(1 + kt) stays with inverse-time decay', () => {
    const poly = entry('polynomial-decay');
    const inv = entry('inverse-time-decay');
    assert.ok(tex(poly).includes(String.raw`\eta_t = \eta_0 \Big(1 - \frac{\min(t, T)}{T}\Big)^{p}`));
    assert.ok(tex(poly).includes(String.raw`(\eta_0 - \eta_{\text{end}}) \Big(1 - \frac{\min(t, T)}{T}\Big)^{p} + \eta_{\text{end}}`));
    assert.match(poly.definition, /not Robbins–Monro schedules/);
    assert.match(poly.definition, /end value 0 the steps have a finite sum/);
    assert.doesNotMatch(tex(poly), /\\frac\{\\eta_0\}\{1 \+ k t\}/);
    for (const name of ['torch.optim.lr_scheduler.PolynomialLR', 'optax.polynomial_schedule', 'keras.optimizers.schedules.PolynomialDecay']) {
      assert.equal(codeOwner(name), 'polynomial-decay', name);
    }
    assert.equal(codeOwner('keras.optimizers.schedules.InverseTimeDecay'), 'inverse-time-decay');
    assert.ok(!inv.aliases.includes('polynomial decay'));
    assert.ok(tex(inv).includes(String.raw`\frac{\eta_0}{1 + k t}`));
    assert.equal(hovered('sched = torch.optim.lr_scheduler.PolynomialLR(opt, total_iters=100)', 'PolynomialLR', 'python'), 'polynomial-decay');
    assert.equal(hovered('We use polynomial decay of the learning rate.', 'polynomial decay', 'markdown'), 'polynomial-decay');
  });

  it('GRU: h_t = (1 − z_t)⊙n_t + z_t⊙h_{t−1} with the reset gate after the hidden product (PyTorch, Keras, Flax)', () => {
    const t = entry('gru');
    assert.ok(tex(t).includes(String.raw`\mathbf{h}_t = (1 - \mathbf{z}_t) \odot \mathbf{n}_t + \mathbf{z}_t \odot \mathbf{h}_{t-1}`));
    assert.ok(tex(t).includes(String.raw`\mathbf{r}_t \odot (\mathbf{W}_{hn}\mathbf{h}_{t-1} + \mathbf{b}_{hn})`));
    assert.doesNotMatch(tex(t), /\(1 - \\boldsymbol\{\\Gamma\}_u\) \\odot \\mathbf\{z\}_\{t-1\} \+ \\boldsymbol\{\\Gamma\}_u \\odot \\tilde/);
    assert.match(t.definition, /zₜ near 1 keeps the old state/);
    assert.match(t.definition, /default reset_after=True/);
    assert.match(t.definition, /the other way round/);
  });

  it('momentum: PyTorch SGD is heavy ball only with a constant lr and no dampening; Nesterov’s O(1/t²) needs a growing β_t', () => {
    const m = entry('momentum');
    assert.ok(tex(m).includes(String.raw`\mathbf{b}_t = \mu\, \mathbf{b}_{t-1} + (1 - \tau)\, \mathbf{g}_t`));
    assert.ok(tex(m).includes(String.raw`\theta_{t+1} = \theta_t - \eta_t\, \mathbf{b}_t`));
    assert.match(m.definition, /only when τ = 0 and the learning rate stays constant/);
    assert.doesNotMatch(m.definition, /is the same method with the velocity scaled by the learning rate/);
    const n = entry('nesterov');
    assert.ok(tex(n).includes(String.raw`\beta_t = \frac{t - 1}{t + 2}`));
    assert.ok(tex(n).includes(String.raw`\mathbf{y}_t = \theta_t + \beta_t\,(\theta_t - \theta_{t-1})`));
    assert.match(n.definition, /only with a growing momentum/);
    assert.match(n.definition, /a constant β, as in PyTorch’s SGD\(nesterov=True\), carries a guarantee only under strong convexity/);
    assert.doesNotMatch(n.definition, /For smooth convex functions it attains the optimal O\(1\/t²\)/);
  });

  it('differential entropy has its own entry and can be negative; scipy’s jensenshannon is the JS distance √JSD', () => {
    const h = entry('entropy');
    assert.ok(!h.aliases.includes('differential entropy'));
    const d = entry('differential-entropy');
    assert.match(d.definition, /so can the differential entropy: the uniform distribution on \[0, 1\/2\] has −log 2/);
    assert.ok(tex(d).includes(String.raw`h(X) = -\int f(x) \log f(x)\, dx`));
    assert.doesNotMatch(tex(d), /\\ge 0/);
    assert.equal(hovered('The differential entropy of a Gaussian grows with its variance.', 'differential entropy', 'markdown'), 'differential-entropy');
    const js = entry('js-divergence');
    assert.match(js.definition, /jensenshannon returns the square root, the Jensen–Shannon distance, not the divergence/);
    assert.ok(tex(js).includes(String.raw`d_{\mathrm{JS}}(P, Q) = \sqrt{\mathrm{JSD}(P \,\|\, Q)}`));
  });

  it('planar flows have no closed-form inverse (a scalar root find); radial flows invert through a quadratic', () => {
    const nf = entry('normalizing-flow');
    assert.doesNotMatch(nf.definition, /both the inverse and the Jacobian determinant are cheap, e\.g\. coupling, planar and radial/);
    assert.match(nf.definition, /a planar layer has no closed-form inverse/);
    const planar = entry('planar-flow');
    assert.match(planar.definition, /The inverse has no closed form/);
    assert.match(tex(planar), /solved numerically/);
    assert.match(entry('radial-flow').definition, /quadratic equation with exactly one non-negative root/);
  });

  it('Wasserstein DRO: the n-point problem equals the worst case only for p = ∞ and is a lower bound for p < ∞', () => {
    const t = entry('adversarial-transport');
    assert.match(tex(t), /\\mathbb\{E\}_Q\[g\] \\ \\ge\\ \\sup_\{z'_1, \\dots, z'_n\}/);
    assert.doesNotMatch(tex(t), /\\mathbb\{E\}_Q\[g\] = \\sup_\{z'_1/);
    assert.match(tex(t), /p = \\infty:/);
    assert.match(t.summary, /lower bound/);
    assert.match(t.definition, /For p < ∞ the bound can be strict/);
    const ball = entry('wasserstein-ball');
    assert.doesNotMatch(ball.definition, /the worst case over the ball is attained by moving each sample point/);
    assert.match(ball.definition, /for p < ∞ moving each point is only a lower bound/);
  });

  it('max pooling with a general stride s; PyTorch’s default is s = k', () => {
    const t = entry('max-pooling');
    assert.ok(tex(t).includes(String.raw`x^{\max}_{i} = \max\{\, x_{s i + u} \mid 0 \le u < k \,\}`));
    assert.ok(tex(t).includes(String.raw`x_{s i + u,\, s j + v}`));
    assert.match(tex(t), /s = k \\text\{ by default in PyTorch\}/);
    assert.doesNotMatch(tex(t), /x_\{i\+k\}/);
    assert.match(t.definition, /default to stride s = k/);
  });

  it('mislinked code names: pack_padded_sequence and rot90 dropped, integrated gradients and the pmf get their own entries, NAdam shows μ_t', () => {
    assert.equal(codeOwner('torch.nn.utils.rnn.pack_padded_sequence'), undefined);
    assert.ok(!entry('kernel-flip').code.some((c) => c.endsWith('rot90')));

    const ig = entry('integrated-gradients');
    assert.equal(ig.section, '20.2 Interpretability');
    assert.ok(
      tex(ig).includes(
        String.raw`\mathrm{IG}_j(\mathbf{x}) = (x_j - x'_j) \int_0^1 \frac{\partial f\big(\mathbf{x}' + \alpha\,(\mathbf{x} - \mathbf{x}')\big)}{\partial x_j}\, d\alpha`,
      ),
    );
    assert.ok(tex(ig).includes(String.raw`\sum_{j=1}^{p} \mathrm{IG}_j(\mathbf{x}) = f(\mathbf{x}) - f(\mathbf{x}')`));
    assert.match(ig.definition, /completeness/);
    assert.equal(codeOwner('captum.attr.IntegratedGradients'), 'integrated-gradients');
    assert.equal(hovered('ig = captum.attr.IntegratedGradients(model)', 'IntegratedGradients', 'python'), 'integrated-gradients');
    assert.equal(hovered('Integrated gradients satisfy completeness.', 'Integrated gradients', 'markdown'), 'integrated-gradients');
    assert.ok(!entry('sensitivity').aliases.includes('integrated gradients'));

    const pmf = entry('pmf');
    assert.ok(tex(pmf).includes(String.raw`p_X(x) = P(X = x)`));
    assert.ok(!entry('pdf-cdf').aliases.includes('probability mass function'));
    assert.equal(hovered('The probability mass function of a Poisson variable.', 'probability mass function', 'markdown'), 'pmf');

    const nadam = entry('nadam');
    assert.ok(tex(nadam).includes(String.raw`\mu_t = \beta_1\Big(1 - \tfrac{1}{2}\, 0.96^{\,t \psi}\Big)`));
    assert.match(tex(nadam), /\\psi = 0\.004/);
    assert.ok(tex(nadam).includes(String.raw`\frac{\mu_{t+1}\, m_t}{1 - \prod_{i \le t+1} \mu_i}`));
    assert.match(nadam.definition, /ψ = momentum_decay = 0\.004/);
  });

  it('LSTM: the candidate has its own weights W_g (not the cell state’s letter C) and every gate has a bias', () => {
    const t = entry('lstm');
    for (const g of ['f', 'i', 'o', 'g']) {
      assert.ok(tex(t).includes(String.raw`\mathbf{W}_${g}\tilde{\mathbf{x}}_t + \mathbf{b}_${g}`), `gate ${g}`);
    }
    assert.ok(tex(t).includes(String.raw`\mathbf{C}_t = \mathbf{f}_t \odot \mathbf{C}_{t-1} + \mathbf{i}_t \odot \mathbf{g}_t`));
    assert.doesNotMatch(tex(t), /\\mathbf\{C\}\\tilde\{\\mathbf\{x\}\}/);
  });

  it('∂(aᵀx)/∂x: the notes’ a is right, since their §4.2 table is in the denominator layout', () => {
    const id = IDENTITIES.find((i) => i.id === 'linear-aTx');
    assert.ok(id?.correction);
    assert.match(id.correction, /Not an error in the notes/);
    assert.match(id.correction, /"Denominator Convention", where a is right/);
    assert.doesNotMatch(id.correction, /under the numerator layout they declare for section 4; that is the denominator-layout result/);
    const notes = '../shared/seeds/000_822544ab04fbfb5b.txt';
    if (existsSync(notes)) {
      const text = readFileSync(notes, 'utf8');
      const section = text.slice(text.indexOf('Scalar-by-Vector'), text.indexOf('Vector-by-Vector'));
      assert.match(section, /Denominator Convention/);
      assert.ok(
        section.includes(
          String.raw`\frac{\partial}{\partial \mathbf{x}} [\mathbf{a}^T \mathbf{x}] = \frac{\partial}{\partial \mathbf{x}} [\mathbf{x}^T \mathbf{a}] = \mathbf{a}`,
        ),
      );
    }
  });

  it('Flax NNX layers and activations resolve to the existing entries', () => {
    const cases: [string, string][] = [
      ['flax.nnx.Conv', 'conv2d'],
      ['flax.nnx.ConvTranspose', 'transposed-convolution'],
      ['flax.nnx.Linear', 'fully-connected-layer'],
      ['flax.nnx.Dropout', 'dropout'],
      ['flax.nnx.LSTMCell', 'lstm'],
      ['flax.nnx.GRUCell', 'gru'],
      ['flax.nnx.SimpleCell', 'rnn'],
      ['flax.nnx.relu', 'relu'],
      ['flax.nnx.gelu', 'gelu'],
      ['flax.nnx.softmax', 'softmax'],
    ];
    for (const [name, id] of cases) {
      assert.equal(codeOwner(name), id, name);
      const last = name.split('.').pop()!;
      assert.equal(hovered(`y = ${name}(x)`, last, 'python'), id, name);
      assert.equal(hovered(`y = nnx.${last}(x)`, last, 'python'), id, `nnx.${last}`);
    }
  });
});
