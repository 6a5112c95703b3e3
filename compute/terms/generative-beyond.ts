import type { Term } from './types';

export const GENERATIVE_BEYOND_TERMS: Term[] = [];
