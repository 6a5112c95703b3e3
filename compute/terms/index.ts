import { OPTIMIZER_TERMS } from './optimizers';
import type { Term } from './types';

export type { Term } from './types';

/** The whole catalog, in display order. */
export const TERMS: readonly Term[] = [...OPTIMIZER_TERMS];

const BY_ID = new Map(TERMS.map((t) => [t.id, t]));

export function termById(id: string): Term | undefined {
  return BY_ID.get(id);
}
