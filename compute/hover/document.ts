/**
 * The term at a position of a whole document: the line matcher (find.ts) told what kind of text
 * the position is in (regions.ts: a docstring, a Markdown fence, an HTML tag, a URL) and whether
 * the text around it is about ML.
 *
 * ML context: a generic word ("pooling", "margin", "momentum") or a one-word lower-case alias
 * ("entropy", "epoch") hovers only when the text near it is about ML — a Python file importing an
 * ML framework, or, within WINDOW lines, a line with a match that is ML on its own (a phrase such
 * as "batch normalization", an exact-case name such as "Adam", a dotted code name such as
 * `nn.Conv2d`). A web framework's docs that mention "connection pooling" or an OS manual's
 * "entropy pool" stay quiet; an ML chapter's "pooling" hovers.
 */
import { findTermAt, strongMatchOn, textStyle, type MlContext, type TermMatch } from './find';
import { documentMap, maskFlags, maskProse, type DocumentMap } from './regions';

/** Lines above and below the cursor searched for ML context. */
export const WINDOW = 25;

const strongLines = new WeakMap<DocumentMap, (boolean | undefined)[]>();

function strongAt(map: DocumentMap, n: number, languageId: string): boolean {
  let memo = strongLines.get(map);
  if (!memo) strongLines.set(map, (memo = []));
  const known = memo[n];
  if (known !== undefined) return known;
  const kind = map.kinds[n];
  const value =
    kind.read === 'none' ? false : kind.read === 'python' ? strongMatchOn(map.lines[n], 'python') : strongMatchOn(maskProse(map.lines[n], languageId), 'prose');
  memo[n] = value;
  return value;
}

function mlContext(map: DocumentMap, line: number, languageId: string): MlContext {
  let answer: boolean | undefined;
  return () => {
    if (answer !== undefined) return answer;
    answer = map.mlImports;
    for (let d = 0; !answer && d <= WINDOW; d++) {
      if (line - d >= 0 && strongAt(map, line - d, languageId)) answer = true;
      else if (d > 0 && line + d < map.lines.length && strongAt(map, line + d, languageId)) answer = true;
    }
    return answer;
  };
}

/** The term at a 0-based line and column of a document in the given language, or undefined. */
export function termInDocument(text: string, line: number, column: number, languageId: string): TermMatch | undefined {
  const style = textStyle(languageId);
  if (style === 'none') return undefined;
  if (style === 'js') {
    const lineText = text.split('\n')[line]?.replace(/\r$/, '') ?? '';
    return findTermAt(lineText, column, 'js');
  }
  const map = documentMap(text, languageId);
  const lineText = map.lines[line];
  const kind = map.kinds[line];
  if (lineText === undefined || kind.read === 'none') return undefined;
  const ml = mlContext(map, line, languageId);
  if (kind.read === 'python') {
    const docstring = kind.docstring?.find(([from, to]) => column >= from && column < to);
    const imports = () => map.mlImports;
    if (!docstring) return findTermAt(lineText, column, 'python', ml, imports);
    // A docstring is prose: read only its own text, without command-line flags (`--epochs 20`).
    const inside = ' '.repeat(docstring[0]) + maskFlags(lineText.slice(docstring[0], docstring[1])) + ' '.repeat(lineText.length - docstring[1]);
    return findTermAt(inside, column, 'prose', ml, imports);
  }
  const masked = maskProse(lineText, languageId);
  if (masked[column] !== lineText[column]) return undefined;
  return findTermAt(masked, column, 'prose', ml);
}
