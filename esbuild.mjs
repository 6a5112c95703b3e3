/**
 * Every bundle ML Lens ships or tests with, plus the build-time assets:
 *   dist/extension.js          extension, Node extension host
 *   dist/web/extension.js      extension, browser extension host (vscode.dev-style)
 *   dist/webview/main.{js,css} lab UI (with KaTeX's stylesheet and fonts)
 *   dist/webview/worker.js     compute in a Web Worker
 *   dist/cli.js, dist/compute.js   headless CLI and the compute API as CommonJS (not shipped)
 *   dist/test/{integration,suite}.js   the suite that runs inside VS Code (run() entry + tests)
 *   dist/math.json             hover formulas rendered to SVG by MathJax
 *   snippets/*.json            derivative-identity snippets generated from the catalog
 *
 * node esbuild.mjs [--watch] [--production]
 */
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { renderAll } from './scripts/render-math.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const require = createRequire(import.meta.url);

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  target: 'es2022',
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
};

/** After the compute bundle is (re)built: render hover math and regenerate the snippet files. */
const catalogAssets = {
  name: 'catalog-assets',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      const started = Date.now();
      const path = require.resolve('./dist/compute.js');
      delete require.cache[path];
      const compute = require(path);
      const formulas = [
        ...compute.TERMS.flatMap((t) => t.formulas),
        ...compute.ARGUMENT_DOCS.flatMap((d) => (d.tex ? [d.tex] : [])),
        ...compute.IDENTITIES.flatMap((i) => ['numerator', 'denominator'].map((l) => compute.identityTex(i, l))),
      ];
      writeFileSync('dist/math.json', JSON.stringify(renderAll(formulas)));
      for (const language of ['latex', 'markdown', 'python']) {
        writeIfChanged(`snippets/${language}.json`, `${JSON.stringify(compute.snippetFile(language), null, 2)}\n`);
      }
      console.log(`[build] math.json (${formulas.length} formulas) and snippets in ${Date.now() - started} ms`);
    });
  },
};

function writeIfChanged(file, text) {
  let old;
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    old = undefined;
  }
  if (old !== text) writeFileSync(file, text);
}

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  { ...common, entryPoints: ['compute/index.ts'], outfile: 'dist/compute.js', platform: 'node', format: 'cjs', plugins: [catalogAssets] },
  { ...common, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs' },
  { ...common, entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['extension/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  },
  {
    ...common,
    entryPoints: { main: 'webview/main.ts', worker: 'webview/worker.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    // Minified in every build (source maps still linked in development): a fresh lab's first paint
    // waits for this bundle to load and run, and the e2e frame-time report should time what ships.
    minify: true,
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
  },
  { ...common, entryPoints: ['webview/main.css'], outfile: 'dist/webview/main.css', loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' } },
  {
    ...common,
    entryPoints: { integration: 'test/integration/index.ts', suite: 'test/integration/extension.test.ts' },
    outdir: 'dist/test',
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha'],
  },
];

mkdirSync('dist', { recursive: true });
const started = Date.now();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('[watch] watching for changes');
} else {
  // The compute bundle first: its onEnd hook produces assets the other bundles do not need.
  await esbuild.build(builds[0]);
  await Promise.all(builds.slice(1).map((options) => esbuild.build(options)));
  console.log(`[build] ${builds.length} bundles${production ? ' (production)' : ''} in ${Date.now() - started} ms`);
}
