/**
 * The documentation shown beside a derivative identity in the completion list: the identity
 * rendered as an image in the chosen layout, its assumptions, and how to insert it.
 */
import { identityTex, type Identity, type Layout } from '../identities';
import { formulaImage, type HoverOptions } from './markdown';

export function identityMarkdown(identity: Identity, layout: Layout, options: HoverOptions): string {
  const parts = [`**${identity.name}** (${layout} layout)`, formulaImage(identityTex(identity, layout), options)];
  if (identity.assumptions.length) parts.push(identity.assumptions.join(' '));
  parts.push(`Prefix \`${identity.prefix}\``);
  return parts.join('\n\n');
}
