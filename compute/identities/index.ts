/**
 * The derivative-identity catalog: one source for the snippets (generated into snippets/*.json by
 * the build), the completion previews and the numerical checks. Every prefix is `deriv-<id>`.
 */
import { createRng } from '../random';
import { ACTIVATION_IDENTITIES } from './activations';
import { DIFFERENTIAL_IDENTITIES } from './differentials';
import { LOSS_IDENTITIES } from './losses';
import { maxRelError } from './numeric';
import { RULE_IDENTITIES } from './rules';
import { SCALAR_BY_MATRIX_IDENTITIES } from './scalar-by-matrix';
import { SCALAR_BY_VECTOR_IDENTITIES } from './scalar-by-vector';
import { plainText, snippetText } from './template';
import { LAYOUTS, type Identity, type Layout } from './types';
import { VECTOR_BY_VECTOR_IDENTITIES } from './vector-by-vector';

export type { Identity, IdentityKind, Layout } from './types';

export const IDENTITIES: readonly Identity[] = [
  ...SCALAR_BY_VECTOR_IDENTITIES,
  ...VECTOR_BY_VECTOR_IDENTITIES,
  ...SCALAR_BY_MATRIX_IDENTITIES,
  ...DIFFERENTIAL_IDENTITIES,
  ...ACTIVATION_IDENTITIES,
  ...LOSS_IDENTITIES,
  ...RULE_IDENTITIES,
];

/** The notes state their results in numerator layout; that is our default too. */
export const DEFAULT_LAYOUT: Layout = 'numerator';

/**
 * Worst relative error of an identity over several sizes and seeds, in both layouts: the claimed
 * right-hand side of each layout against the reference arranged for that layout. A shape mismatch
 * (e.g. a column where the layout gives a row) counts as Infinity.
 */
export function checkIdentity(identity: Identity, sizes = identity.check.sizes ?? [1, 2, 3, 5, 8], seeds = [1, 2, 3]): number {
  let worst = 0;
  for (const seed of seeds) {
    const rng = createRng(seed);
    for (const n of sizes) {
      const { claimed, reference } = identity.check.sample(rng, n);
      for (const layout of LAYOUTS) {
        const [c, r] = [claimed[layout], reference[layout]];
        worst = Math.max(worst, c.rows === r.rows && c.cols === r.cols ? maxRelError(c.data, r.data) : Infinity);
      }
    }
  }
  return worst;
}

export type SnippetLanguage = 'latex' | 'markdown' | 'python';

/** The identity's TeX in a layout, tab stops filled with their defaults. */
export function identityTex(identity: Identity, layout: Layout = DEFAULT_LAYOUT): string {
  return plainText(identity.template[layout]);
}

/** The snippet body of an identity for a language. Markdown wraps the TeX in $$ … $$. */
export function snippetBody(identity: Identity, language: SnippetLanguage, layout: Layout = DEFAULT_LAYOUT, flavour: 'numpy' | 'torch' = 'numpy'): string {
  switch (language) {
    case 'latex':
      return snippetText(identity.template[layout]);
    case 'markdown':
      return `\\$\\$\n${snippetText(identity.template[layout])}\n\\$\\$`;
    case 'python':
      return snippetText(identity.python[flavour]);
  }
}

/** VS Code snippet-file JSON for one language, generated from the catalog. */
export function snippetFile(language: SnippetLanguage): Record<string, { prefix: string; body: string[]; description: string }> {
  const file: Record<string, { prefix: string; body: string[]; description: string }> = {};
  for (const identity of IDENTITIES) {
    file[identity.name] = {
      prefix: identity.prefix,
      body: snippetBody(identity, language).split('\n'),
      description: `${identity.name} (${language === 'python' ? 'NumPy' : `${DEFAULT_LAYOUT} layout`}). ${identity.assumptions.join(' ')}`,
    };
    if (language === 'python') {
      file[`${identity.name} (PyTorch)`] = {
        prefix: `${identity.prefix}-torch`,
        body: snippetBody(identity, 'python', DEFAULT_LAYOUT, 'torch').split('\n'),
        description: `${identity.name} (PyTorch). ${identity.assumptions.join(' ')}`,
      };
    }
  }
  return file;
}
