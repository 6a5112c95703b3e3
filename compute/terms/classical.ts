import type { Term } from './types';

export const CLASSICAL_TERMS: Term[] = [];
