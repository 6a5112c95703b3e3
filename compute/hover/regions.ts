/**
 * What kind of text a position of a whole document is in, for the term matcher:
 *
 * - Python: triple-quoted strings (docstrings) are prose, like comments.
 * - Markdown: a fenced block is read in its own language (```python as Python code; other
 *   languages — css, bash, json, html … — are not read); `<style>`/`<script>` blocks, HTML tags
 *   and their attributes, link targets and bare URLs are masked out.
 * - LaTeX: verbatim environments are not read (a listing in Python is read as Python), nor
 *   `\url{…}` / `\href{…}` targets.
 * - Plain text: URLs are masked.
 *
 * Masking replaces characters with spaces, so columns stay where they are. Each document's
 * structure is computed once per text and cached (the last few texts).
 */

export type LineKind =
  /** Read with the rules of this text style (`python` code with comments, or prose). */
  | { read: 'python' | 'prose'; docstring?: [number, number][] }
  /** Not read at all (a CSS fence, a verbatim block). */
  | { read: 'none' };

export interface DocumentMap {
  lines: string[];
  kinds: LineKind[];
  /** Python: the file imports an ML framework. */
  mlImports: boolean;
}

/** The last few maps, most recent last; found by the text itself (the same string object is compared by reference). */
const cache: { text: string; languageId: string; map: DocumentMap }[] = [];
const CACHE = 3;

const ML_IMPORT =
  /^[ \t]*(?:from|import)[ \t]+(torch|tensorflow|keras|tf_keras|jax|flax|optax|sklearn|transformers|diffusers|fairlearn|lightning|pytorch_lightning|timm|torchvision|torchaudio|torchtext|gymnasium|gym|captum|shap|xgboost|lightgbm|einops|haiku|equinox)\b/m;

export function documentMap(text: string, languageId: string): DocumentMap {
  const hit = cache.find((e) => e.languageId === languageId && e.text === text);
  if (hit) return hit.map;
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let kinds: LineKind[];
  if (languageId === 'python') kinds = pythonKinds(lines);
  else if (languageId === 'markdown' || languageId === 'quarto' || languageId === 'rmd') kinds = markdownKinds(lines);
  else if (languageId === 'latex' || languageId === 'tex') kinds = latexKinds(lines);
  else kinds = lines.map(() => ({ read: 'prose' }));
  const map = { lines, kinds, mlImports: languageId === 'python' && ML_IMPORT.test(text) };
  cache.push({ text, languageId, map });
  if (cache.length > CACHE) cache.shift();
  return map;
}

/** Python: the column ranges of each line inside a triple-quoted string. */
function pythonKinds(lines: string[]): LineKind[] {
  const kinds: LineKind[] = [];
  let open: string | undefined; // the triple quote a string spanning lines opened with
  for (const line of lines) {
    const ranges: [number, number][] = [];
    let i = 0;
    let from = open ? 0 : -1;
    while (i < line.length) {
      if (open) {
        if (line[i] === '\\') {
          i += 2;
          continue;
        }
        if (line.startsWith(open, i)) {
          ranges.push([from, i]);
          i += 3;
          open = undefined;
          continue;
        }
        i++;
        continue;
      }
      const ch = line[i];
      if (ch === '#') break;
      if (line.startsWith('"""', i) || line.startsWith("'''", i)) {
        open = line.slice(i, i + 3);
        i += 3;
        from = i;
        continue;
      }
      if (ch === '"' || ch === "'") {
        // A one-line string: skip to its end.
        let j = i + 1;
        while (j < line.length && line[j] !== ch) j += line[j] === '\\' ? 2 : 1;
        i = j + 1;
        continue;
      }
      i++;
    }
    if (open) ranges.push([from, line.length]);
    kinds.push(ranges.length ? { read: 'python', docstring: ranges } : { read: 'python' });
  }
  return kinds;
}

/** Fence languages read, and how; any other fence (css, bash, json, a bare ```) is not read. */
const READ_FENCES: Readonly<Record<string, 'python' | 'prose'>> = {
  python: 'python',
  py: 'python',
  python3: 'python',
  ipython: 'python',
  pycon: 'python',
  text: 'prose',
  markdown: 'prose',
  md: 'prose',
  latex: 'prose',
  tex: 'prose',
  math: 'prose',
};

function markdownKinds(lines: string[]): LineKind[] {
  const kinds: LineKind[] = [];
  let fence: { marker: string; read: 'python' | 'prose' | 'none' } | undefined;
  let htmlBlock: RegExp | undefined;
  let frontMatter = lines[0]?.trim() === '---';
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (frontMatter) {
      kinds.push({ read: 'none' });
      if (n > 0 && line.trim() === '---') frontMatter = false;
      continue;
    }
    if (fence) {
      if (line.trimStart().startsWith(fence.marker) && line.trim().replace(/[`~]/g, '') === '') {
        fence = undefined;
        kinds.push({ read: 'none' });
      } else kinds.push(fence.read === 'none' ? { read: 'none' } : { read: fence.read });
      continue;
    }
    if (htmlBlock) {
      kinds.push({ read: 'none' });
      if (htmlBlock.test(line)) htmlBlock = undefined;
      continue;
    }
    const open = /^\s*(`{3,}|~{3,})\s*\{?\.?([\w+-]*)/.exec(line);
    if (open) {
      const lang = open[2].toLowerCase();
      fence = { marker: open[1], read: Object.hasOwn(READ_FENCES, lang) ? READ_FENCES[lang] : 'none' };
      kinds.push({ read: 'none' });
      continue;
    }
    const block = /^\s*<(style|script|svg|pre)\b/i.exec(line);
    if (block) {
      const close = new RegExp(`</${block[1]}\\s*>`, 'i');
      if (!close.test(line)) htmlBlock = close;
      kinds.push({ read: 'none' });
      continue;
    }
    kinds.push({ read: 'prose' });
  }
  return kinds;
}

function latexKinds(lines: string[]): LineKind[] {
  const kinds: LineKind[] = [];
  let env: { end: string; read: 'python' | 'none' } | undefined;
  for (const line of lines) {
    if (env) {
      if (line.includes(env.end)) {
        kinds.push({ read: 'none' });
        env = undefined;
      } else kinds.push({ read: env.read });
      continue;
    }
    const begin = /\\begin\{(verbatim\*?|lstlisting|minted|Verbatim|comment|pythoncode|python)\}(\[[^\]]*\])?(\{(\w+)\})?/.exec(line);
    if (begin) {
      const options = `${begin[2] ?? ''} ${begin[4] ?? ''}`.toLowerCase();
      const python = /python/.test(options) || begin[1].startsWith('python');
      env = { end: `\\end{${begin[1]}}`, read: python ? 'python' : 'none' };
      kinds.push({ read: 'none' });
      continue;
    }
    kinds.push({ read: 'prose' });
  }
  return kinds;
}

const blank = (m: string) => ' '.repeat(m.length);

/** Command-line flags (`--epochs`, `--lr`) blanked out: an option's name is not prose. */
export function maskFlags(text: string): string {
  return text.replace(/(?<![\w-])--[A-Za-z][\w-]*/g, blank);
}

/** A prose line with what is not prose (HTML tags, link targets, URLs, LaTeX URL arguments) blanked out. */
export function maskProse(line: string, languageId: string): string {
  let out = maskFlags(line).replace(/\bhttps?:\/\/[^\s)>\]"'`]+|\bwww\.[^\s)>\]"'`]+/g, blank);
  if (languageId === 'markdown' || languageId === 'quarto' || languageId === 'rmd') {
    out = out
      .replace(/<\/?[A-Za-z][^>]*>?/g, blank) // tags with their attributes (style="margin-right: 2em")
      .replace(/<!--.*?(-->|$)/g, blank)
      .replace(/\]\([^)]*\)/g, (m) => `]${blank(m.slice(1))}`) // link and image targets
      .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/, blank); // reference definitions
  } else if (languageId === 'latex' || languageId === 'tex') {
    out = out.replace(/\\(url|href|includegraphics|label|ref|cite[pt]?|eqref|input|include)(\[[^\]]*\])?\{[^}]*\}/g, blank);
  }
  return out;
}
