/**
 * Identities are written once, as TeX or code with «n:default» marking tab stop n. From that one
 * template come both the display form (the defaults filled in) and the VS Code snippet body.
 */
const STOP = /«(\d+)(?::([^»]*))?»/g;

/** The text with every tab stop replaced by its default. */
export function plainText(template: string): string {
  return template.replace(STOP, (_, _n: string, text?: string) => text ?? '');
}

/** VS Code snippet syntax: `${n:default}`, with `$`, `}` and `\` in defaults escaped. */
export function snippetText(template: string): string {
  const escapeOutside = (s: string) => s.replace(/\$/g, '\\$');
  let out = '';
  let last = 0;
  for (const m of template.matchAll(STOP)) {
    out += escapeOutside(template.slice(last, m.index));
    const [, n, text] = m;
    out += text === undefined ? `$${n}` : `\${${n}:${text.replace(/[$}\\]/g, (c) => `\\${c}`)}}`;
    last = m.index! + m[0].length;
  }
  return out + escapeOutside(template.slice(last));
}
