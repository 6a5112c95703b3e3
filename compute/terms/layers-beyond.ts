import type { Term } from './types';

export const LAYER_BEYOND_TERMS: Term[] = [];
