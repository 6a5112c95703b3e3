/**
 * Where a term sits on a line. Two matchers share the work:
 *
 * CODE NAMES (`Term.code`, e.g. `torch.optim.Adam`) are matched on whole dotted identifiers,
 * never inside a longer identifier (`adam_count`, `adamant`, `relu_count` do not match).
 *  - The dotted name under the cursor is cut after the identifier the cursor is on; the most
 *    specific name wins: `torch.nn.functional.relu`, then `nn.functional.relu`, then
 *    `functional.relu`, then `relu`. The hover range is the matched name.
 *  - Every full name and every dotted suffix of it with two or more parts is indexed
 *    (`optim.Adam`, `layers.Conv2D`). Usual import aliases are indexed too: `F.` for
 *    `torch.nn.functional.`, `tf.`/`tensorflow.`, `np.`/`numpy.`, `jnp.`/`jax.numpy.`, and
 *    `nn.` for `flax.linen.`. A suffix claimed by two different entries is dropped as ambiguous.
 *  - The bare last part (`Adam`, `Conv2d`, `kl_div`, `relu`) is indexed unless it is a common
 *    programming or English word (`mean`, `trace`, `norm`, `loss`, `Normal`, `Linear`, …, the
 *    GENERIC_CODE list in word-lists.ts), so `x.mean()` or `np.trace` stay quiet while `torch.trace` hovers.
 *  - Matching is case-sensitive, as identifiers are.
 *
 * PROSE ALIASES (`Term.aliases`, `Term.generic`) are matched on whole words and phrases:
 *  - Text is split into tokens: runs of letters, digits and `_`, and single punctuation
 *    characters. Spaces, hyphens and dashes (- ‐ – —), `~` and apostrophes separate words and are
 *    interchangeable, so "Kullback–Leibler", "Kullback-Leibler", "Kullback--Leibler" and
 *    "Kullback Leibler" are one phrase; "Bayes' rule" equals "Bayes rule".
 *  - A one-word alias with a capital letter ("Adam", "ReLU", "GAN") matches its exact case only;
 *    every other alias matches in any case. The last word may carry a plural "s"/"es" ("GANs",
 *    "LSTMs", "Shapley values").
 *  - The longest phrase covering the cursor wins ("conditional mutual information" over
 *    "mutual information").
 *  - Where they apply:
 *      prose (Markdown, LaTeX, plain text, and in code files comments and docstrings — the
 *      document layer, compute/hover/document.ts, says which lines are docstrings): every alias
 *      and `Term.generic` word;
 *      code outside comments (one-line strings): only phrases of two or more words whose words
 *      are separated by whitespace (a log message saying "KL divergence"), never one word.
 *  - ML context: a generic word ("padding", "pooling", "momentum") or a one-word lower-case alias
 *    ("entropy", "epoch") matches only when the caller's `ml()` says the text around is about ML
 *    (document.ts: an ML import, or a phrase / exact-case name / dotted code name nearby). A
 *    caller with only the line takes prose to be about ML and comments not sure enough for
 *    generic words.
 *  - Stop phrases (`Term.notWithin`, STOP_PHRASES in word-lists.ts: "connection pooling", "flip a coin",
 *    "backward compatibility") cover the text they span: nothing matches inside them, unless an
 *    entry's alias spans the same text. `Term.notNear` words on the line ("generator" next to
 *    "adversarial training") turn the entry's aliases off there.
 *  - In prose and comments a code name is tried too (a Markdown `nn.LSTM`); the longer match wins.
 *    A bare lower-case code word (`flip`, `backward`, `relu`) counts as code there only in
 *    backticks, and inside a string literal in code it is text ("relu", {"dropout": rng}).
 *
 * SPEED: both indexes are built once. A hover does O(parts) map look-ups for code and, for
 * prose, tokenizes a window of the line around the cursor and looks up candidate phrases by
 * their first word (Map: lower-cased first word → phrases), so no hover scans the alias list.
 */
import { TERMS, type Term } from '../terms';
import { GENERIC_CODE, MODULE_ALIASES, STOP_PHRASES } from './word-lists';

export interface TermMatch {
  term: Term;
  /** 0-based columns of the matched text on its line, end exclusive. */
  start: number;
  end: number;
}

/**
 * How a language's text is read: code with `#` comments (Python, Jupyter cells, Julia, R), code
 * with `//` and block comments (TypeScript/JavaScript), or prose throughout.
 */
export type TextStyle = 'python' | 'js' | 'prose' | 'none';

/** Languages read as prose documents (any other language that is not code ML Lens reads gets no term hovers: CSS, JSON, shell…). */
const PROSE: ReadonlySet<string> = new Set(['markdown', 'latex', 'tex', 'plaintext', 'restructuredtext', 'quarto', 'rmd', 'asciidoc', 'jupyter']);

export function textStyle(languageId: string): TextStyle {
  switch (languageId) {
    case 'python':
    case 'julia':
    case 'r':
      return 'python';
    case 'typescript':
    case 'javascript':
    case 'typescriptreact':
    case 'javascriptreact':
      return 'js';
    default:
      return PROSE.has(languageId) ? 'prose' : 'none';
  }
}

/**
 * Where the text is: a prose document or a docstring ('prose'), a comment in code ('comment'),
 * or code outside comments ('code'). Comments and docstrings follow the prose rules.
 */
type Where = 'prose' | 'comment' | 'code';

/** Whether the text around the cursor is about ML (see compute/hover/document.ts); computed only when needed. */
export type MlContext = () => boolean;

interface Phrase {
  /** Tokens of the alias: lower-cased unless `exact`. */
  tokens: string[];
  exact: boolean;
  generic: boolean;
  /** Number of word tokens (not punctuation). */
  words: number;
  /** null for a stop phrase: text that contains an alias but is not about the entry. */
  term: Term | null;
}

interface Indexes {
  code: Map<string, Term>;
  /** Lower-cased first token → phrases starting with it. */
  prose: Map<string, Phrase[]>;
  /** Longest alias in characters: bounds the window tokenized around the cursor. */
  maxChars: number;
}

let indexes: Indexes | undefined;

const WORD = /[\p{L}\p{N}_]/u;
const SEPARATOR = /[\s\-‐‑‒–—~'’]/u;

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  word: boolean;
}

/** Tokens of `text[from, to)`: word runs and single punctuation characters; separators dropped. */
function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (WORD.test(ch)) {
      let j = i + 1;
      while (j < to && WORD.test(text[j])) j++;
      const t = text.slice(i, j);
      tokens.push({ text: t, lower: t.toLowerCase(), start: i, end: j, word: true });
      i = j;
    } else if (SEPARATOR.test(ch)) {
      i++;
    } else {
      // Keep surrogate pairs together (mathematical letters outside the BMP).
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      tokens.push({ text: text.slice(i, i + len), lower: text.slice(i, i + len).toLowerCase(), start: i, end: i + len, word: false });
      i += len;
    }
  }
  return tokens;
}

function codeVariants(name: string): string[] {
  const out: string[] = [];
  for (const [from, to] of MODULE_ALIASES) if (name.startsWith(from)) out.push(to + name.slice(from.length));
  return out;
}

function buildIndexes(): Indexes {
  // Full names first: they always win over a suffix or alias form of another name.
  const full = new Map<string, Term>();
  for (const term of TERMS) for (const name of term.code) if (!full.has(name)) full.set(name, term);
  const suffixes = new Map<string, Term | null>();
  const claim = (name: string, term: Term) => {
    if (full.has(name)) return;
    const previous = suffixes.get(name);
    if (previous === undefined) suffixes.set(name, term);
    else if (previous !== term) suffixes.set(name, null);
  };
  for (const [name, term] of full) {
    for (const form of [name, ...codeVariants(name)]) {
      if (form !== name) claim(form, term);
      const parts = form.split('.');
      for (let i = 1; i < parts.length; i++) {
        const suffix = parts.slice(i).join('.');
        if (i === parts.length - 1 && GENERIC_CODE.has(suffix.toLowerCase())) continue;
        claim(suffix, term);
      }
    }
  }
  const code = new Map(full);
  for (const [name, term] of suffixes) if (term) code.set(name, term);

  const prose = new Map<string, Phrase[]>();
  let maxChars = 0;
  const add = (alias: string, term: Term | null, generic: boolean) => {
    const raw = tokenize(alias);
    if (!raw.length) return;
    const words = raw.filter((t) => t.word).length;
    const exact = words === 1 && raw.length === 1 && /\p{Lu}/u.test(alias);
    const tokens = raw.map((t) => (exact ? t.text : t.lower));
    const key = raw[0].lower;
    const list = prose.get(key) ?? [];
    list.push({ tokens, exact, generic, words, term });
    prose.set(key, list);
    maxChars = Math.max(maxChars, alias.length);
  };
  for (const term of TERMS) {
    for (const alias of term.aliases) add(alias, term, false);
    for (const word of term.generic ?? []) add(word, term, true);
    for (const phrase of term.notWithin ?? []) add(phrase, null, false);
  }
  for (const phrase of STOP_PHRASES) add(phrase, null, false);
  return { code, prose, maxChars };
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
  // Part of a longer word in prose ("naïve", "Łojasiewicz") or an identifier with `$`.
  if (/[\p{L}$]/u.test(line[start - 1] ?? '') || /[\p{L}$]/u.test(line[end] ?? '')) return undefined;
  return { name: line.slice(start, end), start, end };
}

function matchCode(line: string, column: number, from: number, where: Where = 'code'): TermMatch | undefined {
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
      if (start < from) return undefined;
      // In prose a bare lower-case word (`flip`, `backward`, `pool`) is code only in backticks.
      if (where !== 'code' && /^[a-z][a-z0-9]*$/.test(candidate) && line[start - 1] !== '`') return undefined;
      return { term, start, end: found.end };
    }
  }
  return undefined;
}

function sameToken(token: Token, want: string, exact: boolean, last: boolean): boolean {
  const text = exact ? token.text : token.lower;
  if (text === want) return true;
  return last && token.word && (text === `${want}s` || text === `${want}es`);
}

/** End column of `phrase` matched from token `i`, or −1. */
function phraseEnd(line: string, tokens: Token[], i: number, phrase: Phrase, where: Where): number {
  const n = phrase.tokens.length;
  if (i + n > tokens.length) return -1;
  for (let k = 0; k < n; k++) {
    const token = tokens[i + k];
    if (!sameToken(token, phrase.tokens[k], phrase.exact, k === n - 1)) return -1;
    // In code, the words of a phrase must be separated by whitespace (`leaky-relu` is a subtraction).
    if (k > 0 && where === 'code') {
      const gap = line.slice(tokens[i + k - 1].end, token.start);
      if (/[^\s]/.test(gap)) return -1;
    }
  }
  return tokens[i + n - 1].end;
}

/** Whether a word on the line gives the phrase another sense (`Term.notNear`). */
function otherSense(phrase: Phrase, tokens: Token[]): boolean {
  const near = phrase.term?.notNear;
  if (!near) return false;
  return tokens.some((t) => near.some((w) => (/\p{Lu}/u.test(w) ? t.text === w : t.lower === w)));
}

/** A match that needs ML context around it: a generic word, or a one-word lower-case alias. */
function weak(phrase: Phrase): boolean {
  return phrase.term !== null && (phrase.generic || (phrase.words === 1 && !phrase.exact));
}

/**
 * Whether a phrase may match here. Without a known context (a caller with only the line), a prose
 * document is taken to be about ML and a comment is not sure enough for generic words.
 */
function allowed(phrase: Phrase, where: Where, ml: MlContext | undefined, genericMl: MlContext | undefined): boolean {
  if (where === 'code' && (phrase.generic || phrase.words < 2)) return false;
  if (!weak(phrase)) return true;
  if (phrase.generic && genericMl) return genericMl();
  if (ml) return ml();
  return !phrase.generic || where === 'prose';
}

function matchProse(line: string, column: number, from: number, to: number, where: Where, ml?: MlContext, genericMl?: MlContext): TermMatch | undefined {
  const { prose, maxChars } = getIndexes();
  let lo = Math.max(from, column - 2 * maxChars - 4);
  let hi = Math.min(to, column + 2 * maxChars + 4);
  while (lo > from && WORD.test(line[lo - 1])) lo--;
  while (hi < to && WORD.test(line[hi])) hi++;
  const tokens = tokenize(line, lo, hi);
  let best: { term: Term | null; start: number; end: number } | undefined;
  for (let i = 0; i < tokens.length && tokens[i].start <= column; i++) {
    const lower = tokens[i].lower;
    const keys = [lower];
    if (lower.length > 3 && lower.endsWith('s')) keys.push(lower.slice(0, -1));
    if (lower.length > 4 && lower.endsWith('es')) keys.push(lower.slice(0, -2));
    for (const key of keys) {
      for (const phrase of prose.get(key) ?? []) {
        const end = phraseEnd(line, tokens, i, phrase, where);
        if (end <= column) continue;
        const start = tokens[i].start;
        // Longest wins; on a tie an entry's alias beats a stop phrase of the same text ("mixed precision").
        const longer = !best || end - start > best.end - best.start || (end - start === best.end - best.start && best.term === null && phrase.term !== null);
        if (longer && allowed(phrase, where, ml, genericMl) && !otherSense(phrase, tokens)) best = { term: phrase.term, start, end };
      }
    }
  }
  // A stop phrase ("connection pooling") covers the cursor: no entry here.
  return best?.term ? { term: best.term, start: best.start, end: best.end } : undefined;
}

/** Whether a line holds a match that marks the text as ML on its own: a phrase, an exact-case name, a dotted code name. */
export function strongMatchOn(line: string, style: TextStyle): boolean {
  const { prose, code } = getIndexes();
  // In code, prose in comments is no evidence (a data script's "# zero padding"): only code names and imports are.
  const tokens = style === 'python' ? [] : tokenize(line);
  for (let i = 0; i < tokens.length; i++) {
    for (const phrase of prose.get(tokens[i].lower) ?? []) {
      if (phrase.term === null || weak(phrase)) continue;
      const end = phraseEnd(line, tokens, i, phrase, 'prose');
      if (end < 0) continue;
      // Not inside a stop phrase starting at the same token.
      if ((prose.get(tokens[i].lower) ?? []).some((p) => p.term === null && phraseEnd(line, tokens, i, p, 'prose') >= end)) continue;
      return true;
    }
  }
  for (const m of line.matchAll(/[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+/g)) {
    const parts = m[0].split('.');
    for (let i = 0; i < parts.length - 1; i++) if (code.has(parts.slice(i).join('.'))) return true;
  }
  return style === 'python' && /^\s*(?:from|import)\s+(torch|tensorflow|keras|jax|flax|optax|sklearn)\b/.test(line);
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

/** Whether a column of a Python line is inside a one-line string literal. */
function insideString(line: string, column: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < column; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return false;
  }
  return quote !== undefined;
}

/** Comment ranges [start, end) of a TypeScript/JavaScript line: `//`, `/* … *\/`, JSDoc `*` lines. */
export function jsCommentRanges(line: string): [number, number][] {
  if (/^\s*\*/.test(line)) return [[0, line.length]];
  const ranges: [number, number][] = [];
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '/' && line[i + 1] === '/') {
      ranges.push([i, line.length]);
      break;
    } else if (ch === '/' && line[i + 1] === '*') {
      const close = line.indexOf('*/', i + 2);
      const end = close < 0 ? line.length : close + 2;
      ranges.push([i, end]);
      i = end - 1;
    }
  }
  return ranges;
}

function longer(a: TermMatch | undefined, b: TermMatch | undefined): TermMatch | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.end - b.start > a.end - a.start ? b : a;
}

/**
 * The term at a 0-based column of a line, or undefined. `ml` says whether the surrounding text is
 * about ML (generic words and one-word lower-case aliases need it); a caller with only the line
 * assumes it is. `genericMl`, when given, decides for generic words instead (in code files: only
 * an ML import is enough evidence for "padding" in a comment).
 */
export function findTermAt(line: string, column: number, style: TextStyle, ml?: MlContext, genericMl?: MlContext): TermMatch | undefined {
  if (column < 0 || column >= line.length || style === 'none') return undefined;
  if (style === 'prose') return longer(matchProse(line, column, 0, line.length, 'prose', ml, genericMl), matchCode(line, column, 0, 'prose'));
  let comment: [number, number] | undefined;
  if (style === 'python') {
    const at = pythonCommentStart(line);
    if (at >= 0) comment = [at, line.length];
  } else {
    comment = jsCommentRanges(line).find(([s, e]) => column >= s && column < e);
  }
  if (comment && column >= comment[0] && column < comment[1]) {
    const [from, to] = [comment[0] + 1, comment[1]];
    return longer(matchProse(line, column, from, to, 'comment', ml, genericMl), matchCode(line, column, from, 'comment'));
  }
  const codeTo = comment && comment[0] > column ? comment[0] : line.length;
  // Inside a string literal a bare lower-case word ("relu", "sgd", {"dropout": rng}) is text, not a name.
  const inString = style === 'python' && insideString(line, column);
  return matchCode(line, column, 0, inString ? 'comment' : 'code') ?? matchProse(line, column, 0, codeTo, 'code', ml, genericMl);
}
