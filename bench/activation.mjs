/**
 * Activation cost of ML Lens in plain Node, without VS Code: the time to `require` the bundle
 * dist/extension.js (what the extension host does on the first onLanguage:… event) and to run
 * `activate(context)` with a stub `vscode` module that records the registrations.
 * Each measurement is a fresh Node process (a cold module cache); the median of the runs is
 * printed. Run `npm run build` first.
 *
 *   node bench/activation.mjs [--runs 15] [--json]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stub, vscodeStandIn } from './vscode-stub.mjs';

const root = path.resolve(import.meta.dirname, '..');
const bundle = path.join(root, 'dist', 'extension.js');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, json: { type: 'boolean', default: false }, once: { type: 'boolean', default: false } },
});

if (values.once) {
  process.stdout.write(`${JSON.stringify(measureOnce())}\n`);
} else {
  // The stand-in `vscode` module is read off the development bundle's `vscode.x` names; a
  // production bundle (npm run package: minified, no source map) renames them, so build first.
  const development = existsSync(bundle) && readFileSync(bundle, 'utf8').trimEnd().endsWith('//# sourceMappingURL=extension.js.map');
  if (!development) {
    console.error(
      `${path.relative(root, bundle)} is ${existsSync(bundle) ? 'a production build' : 'missing'}: building the development bundle to time activation.`,
    );
    const build = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(1);
  }
  const runs = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const child = spawnSync(process.execPath, [import.meta.filename, '--once'], { encoding: 'utf8' });
    if (child.status !== 0) {
      console.error(child.stderr || child.stdout);
      process.exit(1);
    }
    runs.push(JSON.parse(child.stdout.trim().split('\n').pop()));
  }
  const median = (key) => {
    const v = runs.map((r) => r[key]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  const summary = {
    runs: runs.length,
    require_ms: median('require_ms'),
    activate_ms: median('activate_ms'),
    total_ms: median('total_ms'),
    registrations: runs[0].registrations,
  };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    console.log(`ML Lens activation in plain Node (median of ${summary.runs} cold processes):`);
    console.log(`  require dist/extension.js  ${summary.require_ms.toFixed(1)} ms`);
    console.log(`  activate(context)          ${summary.activate_ms.toFixed(1)} ms`);
    console.log(`  total                      ${summary.total_ms.toFixed(1)} ms`);
    console.log(
      `  registrations: ${Object.entries(summary.registrations)
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ')}`,
    );
  }
}

/** One cold require + activate, in this process. */
function measureOnce() {
  const require = createRequire(import.meta.url);
  const Module = require('node:module');
  /** @type {Record<string, number>} */
  const registrations = {};
  const vscode = vscodeStandIn(readFileSync(bundle, 'utf8'), registrations);
  const load = /** @type {any} */ (Module)._load;
  /** @type {any} */ (Module)._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  const t0 = performance.now();
  const extension = require(bundle);
  const t1 = performance.now();
  const subscriptions = [];
  const uri = { fsPath: root, path: root, scheme: 'file', toString: () => `file://${root}` };
  extension.activate({
    subscriptions,
    extensionUri: uri,
    extensionPath: root,
    globalState: stub('globalState', {}),
    workspaceState: stub('workspaceState', {}),
  });
  const t2 = performance.now();
  return { require_ms: t1 - t0, activate_ms: t2 - t1, total_ms: t2 - t0, registrations, subscriptions: subscriptions.length };
}
