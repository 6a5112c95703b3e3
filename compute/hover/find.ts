/**
 * Where a term sits on a line. Code is matched on whole dotted identifiers (`torch.optim.Adam`),
 * prose on whole words and phrases ("KL divergence"); never inside a longer identifier or word.
 */
import { TERMS, type Term } from '../terms';

export interface TermMatch {
  term: Term;
  /** 0-based columns of the matched text on its line, end exclusive. */
  start: number;
  end: number;
}

/** How a language's text is read: as code with comments, or as prose throughout. */
export type TextStyle = 'python' | 'prose';

export function textStyle(languageId: string): TextStyle {
  return languageId === 'python' ? 'python' : 'prose';
}

interface Indexes {
  /** Full dotted code name and every dotted suffix that ends in the class/function name. */
  code: Map<string, Term>;
  /** Lower-cased prose phrase → term, longest phrases first when scanning. */
  prose: { phrase: string; caseSensitive: boolean; term: Term }[];
}

let indexes: Indexes | undefined;

function buildIndexes(): Indexes {
  const code = new Map<string, Term>();
  const prose: Indexes['prose'] = [];
  for (const term of TERMS) {
    for (const name of term.code) {
      const parts = name.split('.');
      for (let i = 0; i < parts.length; i++) {
        const suffix = parts.slice(i).join('.');
        // The full name wins over a shorter suffix claimed by another entry.
        if (i === 0 || !code.has(suffix)) code.set(suffix, term);
      }
    }
    for (const alias of term.aliases) {
      // A single capitalised token ("Adam", "GAN") must match its case; phrases need not.
      const caseSensitive = !/\s/.test(alias) && /[A-Z]/.test(alias);
      prose.push({ phrase: caseSensitive ? alias : alias.toLowerCase(), caseSensitive, term });
    }
  }
  prose.sort((a, b) => b.phrase.length - a.phrase.length);
  return { code, prose };
}

function getIndexes(): Indexes {
  return (indexes ??= buildIndexes());
}

const IDENT = /[A-Za-z0-9_]/;

/** The dotted name around `column`, cut after the identifier under the cursor. */
function dottedNameAt(line: string, column: number): { name: string; start: number; end: number } | undefined {
  if (!IDENT.test(line[column] ?? '')) return undefined;
  let end = column;
  while (end < line.length && IDENT.test(line[end])) end++;
  let start = column;
  while (start > 0 && (IDENT.test(line[start - 1]) || (line[start - 1] === '.' && IDENT.test(line[start - 2] ?? '')))) start--;
  if (/[0-9]/.test(line[start])) return undefined;
  return { name: line.slice(start, end), start, end };
}

function matchCode(line: string, column: number): TermMatch | undefined {
  const found = dottedNameAt(line, column);
  if (!found) return undefined;
  const { code } = getIndexes();
  // Most specific first: `torch.optim.Adam`, then `optim.Adam`, then `Adam`.
  const parts = found.name.split('.');
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join('.');
    const term = code.get(candidate);
    if (term) {
      const start = found.end - candidate.length;
      return { term, start, end: found.end };
    }
  }
  return undefined;
}

const WORD = /[\p{L}\p{N}_]/u;

function matchProse(line: string, column: number, from = 0): TermMatch | undefined {
  const lower = line.toLowerCase();
  for (const { phrase, caseSensitive, term } of getIndexes().prose) {
    const haystack = caseSensitive ? line : lower;
    // Any occurrence that covers the column, with word boundaries on both sides.
    let at = haystack.lastIndexOf(phrase, column);
    while (at >= from && at + phrase.length > column) {
      const before = line[at - 1] ?? ' ';
      const after = line[at + phrase.length] ?? ' ';
      if (!WORD.test(before) && !WORD.test(after)) return { term, start: at, end: at + phrase.length };
      at = haystack.lastIndexOf(phrase, at - 1);
    }
  }
  return undefined;
}

/** Start of a `#` comment on a Python line, ignoring `#` inside string literals; −1 if none. */
export function pythonCommentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return i;
  }
  return -1;
}

/** The term at a 0-based column of a line, or undefined. */
export function findTermAt(line: string, column: number, style: TextStyle): TermMatch | undefined {
  if (column < 0 || column >= line.length) return undefined;
  if (style === 'prose') return matchProse(line, column);
  const comment = pythonCommentStart(line);
  if (comment >= 0 && column > comment) return matchProse(line, column, comment + 1);
  return matchCode(line, column);
}
