// `npm run test:vscode`: the integration suite inside a real VS Code (code-server, Restricted
// Mode: the folder is untrusted, which ML Lens supports), then the end-to-end checks through
// the browser. Installs code-server into a cache on first use; fails loudly if it cannot run.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runE2E } from './e2e.mjs';
import { runExtensionTests } from './run-extension-tests.mjs';
import { runShapesE2E } from './shapes-e2e.mjs';
import { runWebE2E } from './web-e2e.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
// `--only integration` or `--only e2e` runs one tier (for development; npm test runs both);
// `--only shapes` runs only the shape surfaces' end-to-end checks.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const screenshots = path.join(root, 'test-results');
const started = Date.now();

/** A digest of examples/, so a test that writes into the user's files is caught. */
function examplesDigest() {
  const dir = path.join(root, 'examples');
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).sort()) hash.update(f).update(readFileSync(path.join(dir, f)));
  return hash.digest('hex');
}
const examplesBefore = examplesDigest();

const integration =
  only === 'e2e' || only === 'shapes'
    ? 0
    : await runExtensionTests({
        extensionPath: root,
        testsPath: path.join(root, 'dist', 'test', 'integration.js'),
        workspace: path.join(root, 'examples'),
        screenshotDir: screenshots,
      });
console.log(`[real-vscode] integration suite exit code ${integration} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

const e2eStarted = Date.now();
let e2e = only === 'integration' || only === 'shapes' ? 0 : await runE2E({ screenshotDir: screenshots });
// Light and high-contrast themes: each lab once, text contrast checked, screenshots saved.
for (const theme of only === 'integration' || only === 'shapes' ? [] : ['light', 'hc'])
  e2e |= await runE2E({ screenshotDir: screenshots, theme, pass: 'themes' });
// Inlay hints, the mismatch warning and its quick fix, shape hovers, a notebook (shapes-e2e.mjs).
if (only !== 'integration') e2e |= await runShapesE2E({ screenshotDir: screenshots });
console.log(`[real-vscode] e2e exit code ${e2e} after ${((Date.now() - e2eStarted) / 1000).toFixed(1)} s; screenshots in ${path.relative(root, screenshots)}/`);

// ML Lens from its browser entry, in the web worker extension host (remote.extensionKind = web).
const web = only === 'integration' || only === 'shapes' ? 0 : await runWebE2E({ screenshotDir: screenshots });
console.log(`[real-vscode] web extension e2e exit code ${web}`);

const examplesUntouched = examplesDigest() === examplesBefore;
if (!examplesUntouched) console.error('[real-vscode] FAILED: the tests modified files in examples/ (see git diff examples).');
process.exitCode = integration === 0 && e2e === 0 && web === 0 && examplesUntouched ? 0 : 1;
