/**
 * An optimizer's update rule in TeX with its hyperparameters substituted, in the framework's own
 * form (where ε sits, where lr enters a momentum buffer, how weight decay applies). Pure.
 */
import { formatNumber } from './form';

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

/** The rule as lines of TeX (joined with \\ in an aligned block by `updateRuleTex`). */
export function updateRuleLines(name: string, framework: string | undefined, values: Values): string[] {
  const fw = framework === 'keras' || framework === 'optax' ? framework : 'pytorch';
  const lr = texNumber(n(values, 'lr', 'learning_rate'));
  const wd = n(values, 'weight_decay') ?? 0;
  const lines: string[] = [];
  const grad = 'g_t &= \\nabla f(\\theta_{t-1})';
  const l2 = wd > 0 && name !== 'adamw' && fw === 'pytorch' ? ` + ${texNumber(wd)}\\,\\theta_{t-1}` : '';
  lines.push(grad + l2);
  switch (name) {
    case 'gd':
      lines.push(`\\theta_t &= \\theta_{t-1} - ${lr}\\, g_t`);
      break;
    case 'sgd': {
      const mu = n(values, 'momentum') ?? 0;
      const nesterov = values.nesterov === true;
      if (mu === 0) {
        lines.push(`\\theta_t &= \\theta_{t-1} - ${lr}\\, g_t`);
      } else if (fw === 'keras') {
        lines.push(`v_t &= ${texNumber(mu)}\\, v_{t-1} - ${lr}\\, g_t`);
        lines.push(nesterov ? `\\theta_t &= \\theta_{t-1} + ${texNumber(mu)}\\, v_t - ${lr}\\, g_t` : `\\theta_t &= \\theta_{t-1} + v_t`);
      } else {
        const tau = n(values, 'dampening') ?? 0;
        const damp = tau === 0 ? 'g_t' : `${texNumber(1 - tau)}\\, g_t`;
        lines.push(`b_t &= ${texNumber(mu)}\\, b_{t-1} + ${damp}`);
        lines.push(nesterov ? `\\theta_t &= \\theta_{t-1} - ${lr}\\,(g_t + ${texNumber(mu)}\\, b_t)` : `\\theta_t &= \\theta_{t-1} - ${lr}\\, b_t`);
      }
      break;
    }
    case 'adagrad': {
      const eps = texNumber(n(values, 'eps', 'epsilon'));
      lines.push('s_t &= s_{t-1} + g_t^2');
      lines.push(fw === 'pytorch' ? `\\theta_t &= \\theta_{t-1} - ${lr}\\,\\frac{g_t}{\\sqrt{s_t} + ${eps}}` : `\\theta_t &= \\theta_{t-1} - ${lr}\\,\\frac{g_t}{\\sqrt{s_t + ${eps}}}`);
      break;
    }
    case 'rmsprop': {
      const rho = texNumber(n(values, 'alpha', 'rho', 'decay'));
      const rho1 = texNumber(1 - (n(values, 'alpha', 'rho', 'decay') ?? 0));
      const eps = texNumber(n(values, 'eps', 'epsilon'));
      lines.push(`v_t &= ${rho}\\, v_{t-1} + ${rho1}\\, g_t^2`);
      lines.push(fw === 'pytorch' ? `\\theta_t &= \\theta_{t-1} - ${lr}\\,\\frac{g_t}{\\sqrt{v_t} + ${eps}}` : `\\theta_t &= \\theta_{t-1} - ${lr}\\,\\frac{g_t}{\\sqrt{v_t + ${eps}}}`);
      break;
    }
    case 'adam':
    case 'adamw': {
      const betas = Array.isArray(values.betas) ? (values.betas as number[]) : [n(values, 'beta_1', 'b1') ?? 0.9, n(values, 'beta_2', 'b2') ?? 0.999];
      const [b1, b2] = betas;
      const eps = texNumber(n(values, 'eps', 'epsilon'));
      if (name === 'adamw' && wd > 0) lines.push(`\\theta' &= \\theta_{t-1}\\,(1 - ${lr}\\cdot ${texNumber(wd)})`);
      lines.push(`m_t &= ${texNumber(b1)}\\, m_{t-1} + ${texNumber(1 - b1)}\\, g_t`);
      lines.push(`v_t &= ${texNumber(b2)}\\, v_{t-1} + ${texNumber(1 - b2)}\\, g_t^2`);
      const prev = name === 'adamw' && wd > 0 ? "\\theta'" : '\\theta_{t-1}';
      if (fw === 'keras') {
        lines.push(`\\alpha_t &= ${lr}\\,\\frac{\\sqrt{1 - ${texNumber(b2)}^t}}{1 - ${texNumber(b1)}^t}`);
        lines.push(`\\theta_t &= ${prev} - \\alpha_t\\,\\frac{m_t}{\\sqrt{v_t} + ${eps}}`);
      } else {
        lines.push(`\\hat m_t &= \\frac{m_t}{1 - ${texNumber(b1)}^t},\\quad \\hat v_t = \\frac{v_t}{1 - ${texNumber(b2)}^t}`);
        lines.push(`\\theta_t &= ${prev} - ${lr}\\,\\frac{\\hat m_t}{\\sqrt{\\hat v_t} + ${eps}}`);
      }
      break;
    }
    default:
      lines.push(`\\theta_t &= \\text{${name}}(\\theta_{t-1}, g_t)`);
  }
  return lines;
}

export function updateRuleTex(name: string, framework: string | undefined, values: Values): string {
  return `\\begin{aligned}${updateRuleLines(name, framework, values).join(' \\\\ ')}\\end{aligned}`;
}
