/**
 * A term's "Open in lab" parameters (compute/terms: `lab.params`) as a request for that lab.
 * Parameters use PyTorch's keyword names; anything this cannot express leaves the lab on its
 * own defaults rather than guessing.
 */
import { OPTIMIZER_NAMES } from '../compute/optim/frameworks';
import type { FlowRequest, OptimizerRequest, ScheduleSpec } from '../compute';
import { applyPreset, defaultRequest } from './flow-state';
import { scheduleFor, scheduleId } from './schedule-form';

type Params = Record<string, unknown>;

/** Every optimizer the compute module simulates. */
const OPTIMIZERS: ReadonlySet<string> = new Set(OPTIMIZER_NAMES);
/** Keys of the params that are not optimizer hyperparameters. */
const NOT_HYPER = new Set(['optimizer', 'schedule', 'averaging', 'ema', 'gamma', 'step_size', 'T_max', 'warmup_steps', 'objective', 'steps']);

function schedule(p: Params): ScheduleSpec | undefined {
  const lr = typeof p.lr === 'number' ? p.lr : 0.01;
  switch (p.schedule) {
    case 'step':
      return { name: 'StepLR', step_size: p.step_size ?? 30, gamma: p.gamma ?? 0.1 };
    case 'exponential':
      return { name: 'ExponentialLR', gamma: p.gamma ?? 0.99 };
    case 'cosine':
      return { name: 'CosineAnnealingLR', T_max: p.T_max ?? 100 };
    case 'warmup':
      // Linear warm-up from a tenth of the rate over warmup_steps (torch's LinearLR).
      return { name: 'LinearLR', start_factor: 0.1, end_factor: 1, total_iters: p.warmup_steps ?? 100 };
    case 'inverse-time':
      // α_k = lr/(1 + k/10): Σα = ∞ and Σα² < ∞ (Keras' InverseTimeDecay, which gives the lr itself).
      return { name: 'keras.InverseTimeDecay', initial_learning_rate: lr, decay_steps: 10, decay_rate: 1 };
    default: {
      // Any schedule the simulator runs, by name (StepLR, keras.CosineDecay, optax.linear_schedule…), with the lab's starting arguments.
      if (typeof p.schedule !== 'string') return undefined;
      const id = scheduleId({ name: p.schedule });
      return scheduleFor(id, lr);
    }
  }
}

export function optimizerRequestFromParams(params: unknown): OptimizerRequest | undefined {
  const p = (params ?? {}) as Params;
  const name = typeof p.optimizer === 'string' ? p.optimizer : undefined;
  if (!name || !OPTIMIZERS.has(name)) return undefined;
  const hyperparameters = Object.fromEntries(Object.entries(p).filter(([k]) => !NOT_HYPER.has(k)));
  const request: OptimizerRequest = {
    kind: 'optimizer',
    optimizers: [{ name, framework: 'pytorch', hyperparameters }],
    objective: { name: 'rosenbrock' },
    steps: 300,
  };
  const s = schedule(p);
  if (s) request.schedule = s;
  if (p.averaging === true) request.averaging = { polyak: true };
  if (typeof p.ema === 'number') request.averaging = { ...request.averaging, ema: p.ema };
  return request;
}

/** Flow terms name a preset of the flow lab (shared/flow-state.ts). */
const FLOW_PRESETS: Record<string, string> = { realnvp: 'realnvp', affine: 'realnvp', planar: 'planar', radial: 'radial' };

export function flowRequestFromParams(params: unknown): FlowRequest | undefined {
  const p = (params ?? {}) as Params;
  const preset = typeof p.flow === 'string' ? FLOW_PRESETS[p.flow] : undefined;
  return preset ? applyPreset(defaultRequest(), preset) : undefined;
}
