/**
 * Sections of the entries that go beyond the course notes: the terms real ML code and text use
 * that the notes do not cover. Entries of the notes use the notes' own headings instead.
 */
export const BEYOND_SECTIONS = [
  'Beyond the notes: Layers and attention',
  'Beyond the notes: Losses',
  'Beyond the notes: Training practice',
  'Beyond the notes: Optimizers',
  'Beyond the notes: Generative models',
  'Beyond the notes: Classical ML and evaluation',
  'Beyond the notes: Reinforcement learning',
] as const;

export type BeyondSection = (typeof BEYOND_SECTIONS)[number];
