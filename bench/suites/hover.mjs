// Hover latency on a 5,000-line Python file: the lookup the provider runs per hover (termAt) and
// the full Markdown with images (hoverAt), timed per hover; plus the extension bundle's size and
// load time (the part of activation we control).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

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
  const perHover = (fn) => () => {
    const times = [];
    for (const [i, col] of spots) {
      const t = performance.now();
      fn(lines[i], col);
      times.push(performance.now() - t);
    }
    return stats(times);
  };
  const lookup = perHover((line, col) => compute.termAt(line, col, 'python'));
  const full = perHover((line, col) => compute.hoverAt(line, col, 'python', options));
  const bundle = path.join(root, 'dist', 'extension.js');
  return [
    {
      name: 'hover lookup, every word of a 5,000-line .py (per hover)',
      ours: () => lookup(),
      peer: null,
      reps: 3,
      extra: () => lookup(),
      notes: 'target p99 ≤ 1 ms per hover',
    },
    { name: 'hover with rendered Markdown, every word of 5,000 lines (per hover)', ours: () => full(), peer: null, reps: 3, extra: () => full() },
    {
      name: 'extension bundle load (require dist/extension.js)',
      ours: () => {
        // A fresh load each time: drop the cache and give it a stub `vscode` module.
        const req = createRequire(bundle);
        delete req.cache[bundle];
        const load = Module._load;
        Module._load = function (request, ...rest) {
          return request === 'vscode' ? {} : load.call(this, request, ...rest);
        };
        try {
          req(bundle);
        } finally {
          Module._load = load;
        }
      },
      peer: null,
      reps: 9,
      extra: () => ({ bytes: statSync(bundle).size, math_json_bytes: statSync(path.join(root, 'dist', 'math.json')).size }),
    },
  ];
}
