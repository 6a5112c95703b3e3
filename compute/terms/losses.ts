import type { Term } from './types';

export const LOSS_TERMS: Term[] = [];
