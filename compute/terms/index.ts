import { ACTIVATION_TERMS } from './activations';
import { ARCHITECTURE_TERMS } from './architectures';
import { CONV_LAYER_TERMS } from './conv-layers';
import { CONVEXITY_TERMS } from './convexity';
import { CONVOLUTION_TERMS } from './convolution';
import { DERIVATIVE_TERMS } from './derivatives';
import { DISTRIBUTION_TERMS } from './distributions';
import { CAUSAL_TERMS, FAIRNESS_TERMS } from './fairness';
import { GENERATIVE_TERMS } from './generative';
import { IDENTITY_TERMS } from './identities';
import { INFORMATION_TERMS } from './information';
import { INTERPRETABILITY_TERMS } from './interpretability';
import { LINALG_TERMS } from './linalg';
import { OPTIMIZER_TERMS } from './optimizers';
import { PROBABILITY_TERMS } from './probability';
import { RNN_TERMS } from './rnn';
import { ROBUSTNESS_TERMS } from './robustness';
import { SCHEDULE_TERMS } from './schedules';
import { LAYER_BEYOND_TERMS } from './layers-beyond';
import { LOSS_TERMS } from './losses';
import { TRAINING_TERMS } from './training';
import { OPTIMIZER_BEYOND_TERMS } from './optimizers-beyond';
import { GENERATIVE_BEYOND_TERMS } from './generative-beyond';
import { CLASSICAL_TERMS } from './classical';
import type { Term } from './types';

export type { Term } from './types';
export { BEYOND_SECTIONS } from './sections';

/** The whole catalog, in the order of the course notes, then the entries beyond them. */
export const TERMS: readonly Term[] = [
  ...PROBABILITY_TERMS,
  ...DISTRIBUTION_TERMS,
  ...IDENTITY_TERMS,
  ...CONVEXITY_TERMS,
  ...LINALG_TERMS,
  ...DERIVATIVE_TERMS,
  ...INFORMATION_TERMS,
  ...ACTIVATION_TERMS,
  ...OPTIMIZER_TERMS,
  ...SCHEDULE_TERMS,
  ...CONVOLUTION_TERMS,
  ...CONV_LAYER_TERMS,
  ...ARCHITECTURE_TERMS,
  ...RNN_TERMS,
  ...GENERATIVE_TERMS,
  ...ROBUSTNESS_TERMS,
  ...INTERPRETABILITY_TERMS,
  ...CAUSAL_TERMS,
  ...FAIRNESS_TERMS,
  ...LAYER_BEYOND_TERMS,
  ...LOSS_TERMS,
  ...TRAINING_TERMS,
  ...OPTIMIZER_BEYOND_TERMS,
  ...GENERATIVE_BEYOND_TERMS,
  ...CLASSICAL_TERMS,
];

const BY_ID = new Map(TERMS.map((t) => [t.id, t]));

export function termById(id: string): Term | undefined {
  return BY_ID.get(id);
}
