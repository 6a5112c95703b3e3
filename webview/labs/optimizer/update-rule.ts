/**
 * An optimizer's update rule in TeX with its hyperparameters substituted, in the framework's own
 * form (where ε sits, where lr enters a momentum buffer, how weight decay applies). Pure.
 */
import { formatNumber } from '../../../shared/number-format';

type Values = Record<string, unknown>;

/** A number as TeX: 1e-8 → 10^{-8}, 0.001 → 0.001, 5e-4 → 5\cdot10^{-4}. */
export function texNumber(v: unknown): string {
  if (typeof v !== 'number') return String(v);
  const s = formatNumber(v);
  const m = /^(-?[\d.]+)e(-?\d+)$/.exec(s);
  if (!m) return s;
  return m[1] === '1' ? `10^{${m[2]}}` : `${m[1]}\\cdot 10^{${m[2]}}`;
}

const n = (values: Values, ...names: string[]): number | undefined => {
  for (const name of names) if (typeof values[name] === 'number') return values[name] as number;
  return undefined;
};

const pairOf = (values: Values, pair: string, first: string[], second: string[], d1: number, d2: number): [number, number] =>
  Array.isArray(values[pair]) ? (values[pair] as [number, number]) : [n(values, ...first) ?? d1, n(values, ...second) ?? d2];

/** 1 − β as TeX, rounded as the form rounds (0.09999999999999998 → 0.1). */
const oneMinus = (b: number) => texNumber(1 - b);

/**
 * The first step t at which RAdam's ρ_t = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ) exceeds 5 (the simulator's test),
 * or undefined if it does not within 10⁶ steps (β₂ so small that ρ∞ ≤ 5).
 */
export function radamFirstAdaptiveStep(beta2: number): number | undefined {
  const rhoInf = 2 / (1 - beta2) - 1;
  for (let t = 1; t <= 1_000_000; t++) {
    const bt = beta2 ** t;
    if (rhoInf - (2 * t * bt) / (1 - bt) > 5) return t;
  }
  return undefined;
}

/** The rule as lines of TeX (joined with \\ in an aligned block by `updateRuleTex`). */
export function updateRuleLines(name: string, framework: string | undefined, values: Values): string[] {
  const fw = framework === 'keras' || framework === 'optax' ? framework : 'pytorch';
  const lr = texNumber(n(values, 'lr', 'learning_rate'));
  const wd = n(values, 'weight_decay') ?? 0;
  // Decoupled weight decay (θ shrinks before the update): AdamW everywhere, every Keras optimizer,
  // PyTorch's NAdam/RAdam with decoupled_weight_decay; otherwise PyTorch adds λθ to the gradient.
  const decoupled = wd > 0 && (name === 'adamw' || fw === 'keras' || values.decoupled_weight_decay === true);
  const l2 = wd > 0 && !decoupled && fw === 'pytorch' ? ` + ${texNumber(wd)}\\,\\theta_{t-1}` : '';
  const lines: string[] = [];
  lines.push(`g_t &= ${values.maximize === true ? '-' : ''}\\nabla f(\\theta_{t-1})${l2}`);
  if (decoupled) lines.push(`\\theta' &= \\theta_{t-1}\\,(1 - ${lr}\\cdot ${texNumber(wd)})`);
  const prev = decoupled ? "\\theta'" : '\\theta_{t-1}';
  const eps = texNumber(n(values, 'eps', 'epsilon'));
  switch (name) {
    case 'gd':
      lines.push(`\\theta_t &= ${prev} - ${lr}\\, g_t`);
      break;
    case 'sgd': {
      const mu = n(values, 'momentum') ?? 0;
      const nesterov = values.nesterov === true;
      if (mu === 0) {
        lines.push(`\\theta_t &= ${prev} - ${lr}\\, g_t`);
      } else if (fw === 'keras') {
        lines.push(`v_t &= ${texNumber(mu)}\\, v_{t-1} - ${lr}\\, g_t`);
        lines.push(nesterov ? `\\theta_t &= ${prev} + ${texNumber(mu)}\\, v_t - ${lr}\\, g_t` : `\\theta_t &= ${prev} + v_t`);
      } else {
        const tau = n(values, 'dampening') ?? 0;
        const damp = tau === 0 ? 'g_t' : `${texNumber(1 - tau)}\\, g_t`;
        lines.push(`b_t &= ${texNumber(mu)}\\, b_{t-1} + ${damp}`);
        lines.push(nesterov ? `\\theta_t &= ${prev} - ${lr}\\,(g_t + ${texNumber(mu)}\\, b_t)` : `\\theta_t &= ${prev} - ${lr}\\, b_t`);
      }
      break;
    }
    case 'adagrad': {
      lines.push('s_t &= s_{t-1} + g_t^2');
      lines.push(
        fw === 'pytorch'
          ? `\\theta_t &= ${prev} - ${lr}\\,\\frac{g_t}{\\sqrt{s_t} + ${eps}}`
          : `\\theta_t &= ${prev} - ${lr}\\,\\frac{g_t}{\\sqrt{s_t + ${eps}}}`,
      );
      break;
    }
    case 'rmsprop': {
      const rho = n(values, 'alpha', 'rho', 'decay') ?? 0;
      lines.push(`v_t &= ${texNumber(rho)}\\, v_{t-1} + ${oneMinus(rho)}\\, g_t^2`);
      lines.push(
        fw === 'pytorch'
          ? `\\theta_t &= ${prev} - ${lr}\\,\\frac{g_t}{\\sqrt{v_t} + ${eps}}`
          : `\\theta_t &= ${prev} - ${lr}\\,\\frac{g_t}{\\sqrt{v_t + ${eps}}}`,
      );
      break;
    }
    case 'adam':
    case 'adamw': {
      const [b1, b2] = pairOf(values, 'betas', ['beta_1', 'b1'], ['beta_2', 'b2'], 0.9, 0.999);
      lines.push(`m_t &= ${texNumber(b1)}\\, m_{t-1} + ${oneMinus(b1)}\\, g_t`);
      lines.push(`v_t &= ${texNumber(b2)}\\, v_{t-1} + ${oneMinus(b2)}\\, g_t^2`);
      if (fw === 'keras') {
        lines.push(`\\alpha_t &= ${lr}\\,\\frac{\\sqrt{1 - ${texNumber(b2)}^t}}{1 - ${texNumber(b1)}^t}`);
        lines.push(`\\theta_t &= ${prev} - \\alpha_t\\,\\frac{m_t}{\\sqrt{v_t} + ${eps}}`);
      } else {
        lines.push(`\\hat m_t &= \\frac{m_t}{1 - ${texNumber(b1)}^t},\\quad \\hat v_t = \\frac{v_t}{1 - ${texNumber(b2)}^t}`);
        lines.push(`\\theta_t &= ${prev} - ${lr}\\,\\frac{\\hat m_t}{\\sqrt{\\hat v_t} + ${eps}}`);
      }
      break;
    }
    case 'adadelta': {
      // PyTorch and Keras alike: ε inside both roots; lr scales the ratio-of-RMS step.
      const rho = n(values, 'rho') ?? 0.9;
      lines.push(`v_t &= ${texNumber(rho)}\\, v_{t-1} + ${oneMinus(rho)}\\, g_t^2`);
      lines.push(`\\Delta_t &= \\frac{\\sqrt{u_{t-1} + ${eps}}}{\\sqrt{v_t + ${eps}}}\\, g_t`);
      lines.push(`u_t &= ${texNumber(rho)}\\, u_{t-1} + ${oneMinus(rho)}\\, \\Delta_t^2`);
      lines.push(`\\theta_t &= ${prev} - ${lr}\\, \\Delta_t`);
      break;
    }
    case 'adamax': {
      const [b1, b2] = pairOf(values, 'betas', ['beta_1'], ['beta_2'], 0.9, 0.999);
      lines.push(`m_t &= ${texNumber(b1)}\\, m_{t-1} + ${oneMinus(b1)}\\, g_t`);
      if (fw === 'keras') {
        lines.push(`u_t &= \\max\\big(${texNumber(b2)}\\, u_{t-1},\\ |g_t|\\big)`);
        lines.push(`\\theta_t &= ${prev} - \\frac{${lr}}{1 - ${texNumber(b1)}^t}\\,\\frac{m_t}{u_t + ${eps}}`);
      } else {
        lines.push(`u_t &= \\max\\big(${texNumber(b2)}\\, u_{t-1},\\ |g_t| + ${eps}\\big)`);
        lines.push(`\\theta_t &= ${prev} - \\frac{${lr}}{1 - ${texNumber(b1)}^t}\\,\\frac{m_t}{u_t}`);
      }
      break;
    }
    case 'nadam': {
      const [b1, b2] = pairOf(values, 'betas', ['beta_1'], ['beta_2'], 0.9, 0.999);
      // PyTorch ≥ 2.0: 0.96^(ψt) with ψ = momentum_decay; Keras: 0.96^t (ψ = 1).
      const psi = fw === 'keras' ? 1 : (n(values, 'momentum_decay') ?? 0.004);
      const power = (t: string) => (psi === 1 ? `0.96^{${t}}` : `0.96^{${texNumber(psi)}\\,${t === 't' ? 't' : `(${t})`}}`);
      lines.push(
        `\\mu_t &= ${texNumber(b1)}\\,\\big(1 - \\tfrac12\\, ${power('t')}\\big),\\quad \\mu_{t+1} = ${texNumber(b1)}\\,\\big(1 - \\tfrac12\\, ${power('t+1')}\\big)`,
      );
      lines.push(`m_t &= ${texNumber(b1)}\\, m_{t-1} + ${oneMinus(b1)}\\, g_t`);
      lines.push(`v_t &= ${texNumber(b2)}\\, v_{t-1} + ${oneMinus(b2)}\\, g_t^2,\\quad \\hat v_t = \\frac{v_t}{1 - ${texNumber(b2)}^t}`);
      lines.push(`\\bar m_t &= \\frac{1 - \\mu_t}{1 - \\prod_{i=1}^{t} \\mu_i}\\, g_t + \\frac{\\mu_{t+1}}{1 - \\prod_{i=1}^{t+1} \\mu_i}\\, m_t`);
      lines.push(`\\theta_t &= ${prev} - ${lr}\\,\\frac{\\bar m_t}{\\sqrt{\\hat v_t} + ${eps}}`);
      break;
    }
    case 'radam': {
      const [b1, b2] = pairOf(values, 'betas', [], [], 0.9, 0.999);
      const rhoInf = 2 / (1 - b2) - 1;
      lines.push(`m_t &= ${texNumber(b1)}\\, m_{t-1} + ${oneMinus(b1)}\\, g_t,\\quad \\hat m_t = \\frac{m_t}{1 - ${texNumber(b1)}^t}`);
      lines.push(`v_t &= ${texNumber(b2)}\\, v_{t-1} + ${oneMinus(b2)}\\, g_t^2`);
      lines.push(
        `\\rho_t &= \\rho_\\infty - \\frac{2t\\cdot ${texNumber(b2)}^t}{1 - ${texNumber(b2)}^t},\\quad \\rho_\\infty = \\frac{2}{1 - ${texNumber(b2)}} - 1 = ${texNumber(rhoInf)}`,
      );
      lines.push(`r_t &= \\sqrt{\\frac{(\\rho_t - 4)(\\rho_t - 2)\\,\\rho_\\infty}{(\\rho_\\infty - 4)(\\rho_\\infty - 2)\\,\\rho_t}}`);
      lines.push(
        `\\theta_t &= \\begin{cases} ${prev} - ${lr}\\, r_t\\, \\hat m_t\\, \\dfrac{\\sqrt{1 - ${texNumber(b2)}^t}}{\\sqrt{v_t} + ${eps}} & \\rho_t > 5 \\\\ ${prev} - ${lr}\\, \\hat m_t & \\rho_t \\le 5 \\end{cases}`,
      );
      break;
    }
    case 'rprop': {
      const [etaMinus, etaPlus] = pairOf(values, 'etas', [], [], 0.5, 1.2);
      const [minStep, maxStep] = pairOf(values, 'step_sizes', [], [], 1e-6, 50);
      // Per coordinate; g̃ is the gradient remembered for the next sign test (0 after a flip).
      lines.push(
        `\\eta_t &= \\begin{cases} \\eta_+ = ${texNumber(etaPlus)} & g_t\\,\\tilde g_{t-1} > 0 \\\\ \\eta_- = ${texNumber(etaMinus)} & g_t\\,\\tilde g_{t-1} < 0 \\\\ 1 & \\text{otherwise} \\end{cases}`,
      );
      lines.push(`\\Delta_t &= \\min\\big(\\max(\\eta_t\\, \\Delta_{t-1},\\ ${texNumber(minStep)}),\\ ${texNumber(maxStep)}\\big),\\quad \\Delta_0 = ${lr}`);
      lines.push(`\\tilde g_t &= \\begin{cases} 0 & g_t\\,\\tilde g_{t-1} < 0 \\\\ g_t & \\text{otherwise} \\end{cases}`);
      lines.push(`\\theta_t &= \\theta_{t-1} - \\operatorname{sign}(\\tilde g_t)\\, \\Delta_t`);
      break;
    }
    case 'asgd': {
      const lambd = texNumber(n(values, 'lambd') ?? 1e-4);
      const alpha = texNumber(n(values, 'alpha') ?? 0.75);
      const t0 = texNumber(n(values, 't0') ?? 1e6);
      lines.push(`\\eta_t &= \\frac{${lr}}{\\big(1 + ${lambd}\\cdot ${lr}\\,(t - 1)\\big)^{${alpha}}}`);
      lines.push(`\\theta_t &= \\theta_{t-1}\\,(1 - ${lambd}\\, \\eta_t) - \\eta_t\\, g_t`);
      lines.push(`\\mu_t &= \\frac{1}{\\max(1,\\ t - 1 - ${t0})}`);
      lines.push(`\\bar\\theta_t &= \\bar\\theta_{t-1} + \\mu_t\\,(\\theta_t - \\bar\\theta_{t-1})`);
      break;
    }
    default:
      lines.push(`\\theta_t &= \\text{${name.replace(/[^\w-]/g, '')}}(\\theta_{t-1}, g_t)`);
  }
  return lines;
}

/** One sentence on what the rule does and where this framework's form differs, in our words ('' when the formula says it all). */
export function updateRuleNote(name: string, framework: string | undefined, values: Values): string {
  const fw = framework === 'keras' || framework === 'optax' ? framework : 'pytorch';
  switch (name) {
    case 'adadelta':
      return `Adadelta rescales each coordinate's gradient by the ratio of two running RMS values, of past steps Δ (u) over past gradients (v), with ε inside both roots, so the step has the units of θ; lr only multiplies it${fw === 'pytorch' ? ' (PyTorch’s default 1.0 leaves it as is)' : ''}.`;
    case 'adamax':
      return fw === 'keras'
        ? 'Adamax replaces Adam’s root mean square by an infinity norm: u is a decaying maximum of |g|, which needs no bias correction; only m is corrected. Keras adds ε to u in the denominator (PyTorch adds it inside the max).'
        : 'Adamax replaces Adam’s root mean square by an infinity norm: u is a decaying maximum of |g|, which needs no bias correction; only m is corrected. PyTorch adds ε inside the max (Keras adds it to u in the denominator).';
    case 'nadam':
      return `NAdam is Adam with a Nesterov look-ahead: the step mixes the current gradient and the updated momentum, weighted by a momentum schedule μ that rises from about β₁/2 towards β₁ (${fw === 'keras' ? 'Keras: 0.96ᵗ' : `PyTorch ≥ 2.0: 0.96^(ψt), ψ = momentum_decay = ${formatNumber(n(values, 'momentum_decay') ?? 0.004)}`}); products of μ replace Adam’s 1 − β₁ᵗ.`;
    case 'radam': {
      const b2 = Array.isArray(values.betas) ? (values.betas as number[])[1] : 0.999;
      const first = radamFirstAdaptiveStep(b2);
      return `RAdam uses Adam’s adaptive denominator only once the variance of 1/√v̂ can be estimated (ρ_t > 5${first ? `: from step ${first} with β₂ = ${formatNumber(b2)}` : ': never, with this β₂'}); before that it takes bias-corrected momentum steps, after it Adam’s step shrunk by r_t ≤ 1 (ε is added to √v, not √v̂).`;
    }
    case 'rprop':
      return 'Rprop uses only the sign of each coordinate’s gradient: that coordinate’s own step size grows by η₊ while the sign repeats and shrinks by η₋ when it flips (the coordinate then stays put and forgets its gradient). lr is only the first step size, so a schedule has no effect after step 1.';
    case 'asgd':
      return `ASGD is SGD whose step η shrinks like (1 + λ·lr·t)^(−α), with θ shrunk by λη each step; its average θ̄ moves only after t0 = ${formatNumber(n(values, 't0') ?? 1e6)} steps (before that θ̄ = θ). The trajectory drawn is θ.`;
    default:
      return '';
  }
}

export function updateRuleTex(name: string, framework: string | undefined, values: Values): string {
  return `\\begin{aligned}${updateRuleLines(name, framework, values).join(' \\\\ ')}\\end{aligned}`;
}
