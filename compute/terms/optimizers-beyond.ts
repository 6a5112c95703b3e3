import type { Term } from './types';

export const OPTIMIZER_BEYOND_TERMS: Term[] = [];
