import type { Term } from './types';

export const TRAINING_TERMS: Term[] = [];
