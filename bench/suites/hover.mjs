// Hover latency, timed per hover at every word: the whole-document hover the provider runs
// (hoverInDocument: argument hovers, docstrings, ML context, Markdown masking, rendered Markdown
// with formula images) on a 5,000-line Python file and a 5,000-line Markdown note; the first hover
// on a changed text (which builds the document map) separately; plus the extension bundle's size
// and load time (the part of activation we control).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { vscodeStandIn } from '../vscode-stub.mjs';

function fiveThousandLines(root) {
  const sources = [path.join(root, 'examples')];
  const corpus = path.join(root, 'test', 'corpus');
  try {
    if (statSync(corpus).isDirectory()) sources.push(corpus);
  } catch {
    // no corpus yet
  }
  const lines = [];
  for (const dir of sources) {
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.py'))) lines.push(...readFileSync(path.join(dir, f), 'utf8').split('\n'));
  }
  const out = [];
  while (out.length < 5000) out.push(...lines);
  return out.slice(0, 5000);
}

/** A 5,000-line Markdown note: the corpus notes (HTML, images, fences, formulas) repeated. */
function fiveThousandMarkdownLines(root) {
  const lines = [];
  for (const dir of [path.join(root, 'examples'), path.join(root, 'test', 'hover-corpus', 'ml'), path.join(root, 'test', 'hover-corpus', 'non-ml')]) {
    try {
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.md'))) lines.push(...readFileSync(path.join(dir, f), 'utf8').split('\n'));
    } catch {
      // folder missing in an old checkout
    }
  }
  const out = [];
  while (out.length < 5000) out.push(...lines);
  return out.slice(0, 5000);
}

/** Every position that starts a word: where people hover. */
function positions(lines) {
  const at = [];
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/[A-Za-z_][\w.]*/g)) at.push([i, m.index + 1]);
  });
  return at;
}

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { per_hover_median_ms: +q(0.5).toFixed(4), per_hover_p99_ms: +q(0.99).toFixed(4), hovers: times.length };
}

export default async function ({ compute, root }) {
  const lines = fiveThousandLines(root);
  const spots = positions(lines);
  const math = JSON.parse(readFileSync(path.join(root, 'dist', 'math.json'), 'utf8'));
  const options = { math, theme: 'dark', fontSize: 14 };
  const pyText = lines.join('\n');
  const md = fiveThousandMarkdownLines(root);
  const mdText = md.join('\n');
  const mdSpots = positions(md);
  const inDocument = (text, spotsOf, languageId) => () => {
    const times = [];
    for (const [i, col] of spotsOf) {
      const t = performance.now();
      compute.hoverInDocument(text, 'file:///bench', i, col, languageId, options, () => []);
      times.push(performance.now() - t);
    }
    return stats(times);
  };
  const python = inDocument(pyText, spots, 'python');
  const markdown = inDocument(mdText, mdSpots, 'markdown');
  /** The first hover after an edit: a new text, so the document map is built again. */
  const firstAfterEdit =
    (text, languageId, [line, col]) =>
    () => {
      const times = [];
      for (let k = 0; k < 20; k++) {
        const edited = `${text}\n# edit ${k} ${performance.now()}`;
        const t = performance.now();
        compute.hoverInDocument(edited, 'file:///bench', line, col, languageId, options, () => []);
        times.push(performance.now() - t);
      }
      return stats(times);
    };
  const bundle = path.join(root, 'dist', 'extension.js');
  return [
    {
      name: 'full hover, every word of a 5,000-line .py (per hover)',
      ours: () => python(),
      peer: null,
      reps: 3,
      extra: () => ({ ...python(), first_hover_after_edit_p99_ms: firstAfterEdit(pyText, 'python', spots[Math.floor(spots.length / 2)])().per_hover_p99_ms }),
      notes: 'argument hovers, docstrings and ML context included; target p99 ≤ 2 ms',
    },
    {
      name: 'full hover with rendered Markdown, every word of a 5,000-line Markdown note with images (per hover)',
      ours: () => markdown(),
      peer: null,
      reps: 3,
      extra: () => ({
        ...markdown(),
        first_hover_after_edit_p99_ms: firstAfterEdit(mdText, 'markdown', mdSpots[Math.floor(mdSpots.length / 2)])().per_hover_p99_ms,
      }),
      notes: 'target p99 ≤ 2 ms',
    },
    {
      name: 'extension bundle load (require dist/extension.js)',
      ours: () => {
        // A fresh load each time: drop the cache and give it a stub `vscode` module.
        const req = createRequire(bundle);
        delete req.cache[bundle];
        const load = /** @type {any} */ (Module)._load;
        // The same stand-in as the activation bench: static initializers read `vscode.CodeActionKind.QuickFix`.
        const vscode = vscodeStandIn(readFileSync(bundle, 'utf8'));
        /** @type {any} */ (Module)._load = function (request, ...rest) {
          return request === 'vscode' ? vscode : load.call(this, request, ...rest);
        };
        try {
          req(bundle);
        } finally {
          /** @type {any} */ (Module)._load = load;
        }
      },
      peer: null,
      reps: 9,
      extra: () => ({ bytes: statSync(bundle).size, math_json_bytes: statSync(path.join(root, 'dist', 'math.json')).size }),
    },
  ];
}
