// End-to-end checks as a person would do them, in a real VS Code (code-server) driven through a
// real browser: open a file, select code, run a command from the palette, read what the lab
// webview shows, change a control, hover a term; screenshots of each step.
//
//   node scripts/real-vscode/e2e.mjs [--screenshots <dir>] [--theme dark|light|hc|hc-light] [--pass full|themes|side|model|optimizer-code]
//
// Exit code 0 only when every check passed. This file launches VS Code and the browser and runs
// the groups of checks in order; each group is a module in e2e/: conv-lab, model-view, hovers,
// optimizer-lab, (../optimizer-code-e2e.mjs), flow-lab, side-view; theme for `--pass themes`;
// lab.mjs holds what they share about the lab webview.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, workbenchUrl } from './browser.mjs';
import { ensureCodeServer } from './install.mjs';
import { startCodeServer } from './server.mjs';
import { optimizerFromCodeChecks } from './optimizer-code-e2e.mjs';
import { changed, checkRunner, expectText, goTo, openFile, runCommand } from './workbench.mjs';
import { convLabChecks } from './e2e/conv-lab.mjs';
import { flowLabChecks } from './e2e/flow-lab.mjs';
import { hoverChecks } from './e2e/hovers.mjs';
import { checkContrast, labFrame, pick } from './e2e/lab.mjs';
import { modelViewChecks } from './e2e/model-view.mjs';
import { optimizerLabChecks } from './e2e/optimizer-lab.mjs';
import { sideViewChecks } from './e2e/side-view.mjs';
import { themeChecks } from './e2e/theme.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');

const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern', hc: 'Default High Contrast', 'hc-light': 'Default High Contrast Light' };

/** What optimizer-code-e2e.mjs is given to drive the workbench and read the lab. */
const optimizerCodeHelpers = { runCommand, openFile, goTo, labFrame, checkContrast, changed, expectText, pick };

/**
 * `pass: 'full'` runs every check; `pass: 'themes'` opens each lab once in the theme, checks
 * contrast and saves screenshots (for light and high-contrast themes).
 */
export async function runE2E({ screenshotDir = path.join(root, 'test-results'), theme = 'dark', pass = 'full', log = console.log } = {}) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-e2e-'));
  const workspace = path.join(root, 'examples');
  const shot = (page, name) => page.screenshot({ path: path.join(screenshotDir, `${name}-${theme}.png`) });
  let server;
  let browser;
  let pageRef;
  const { checks, check } = checkRunner({ log, screenshotDir, root, page: () => pageRef, failedFile: (n) => `failed-${n}-${theme}.png` });
  try {
    const { entry } = await ensureCodeServer({ log });
    server = await startCodeServer({
      entry,
      workspace,
      userDataDir: path.join(runDir, 'user'),
      extensionsDir: path.join(runDir, 'ext'),
      settings: {
        'workbench.colorTheme': THEMES[theme],
        'security.workspace.trust.enabled': false,
        'editor.fontSize': 14,
        'git.openRepositoryInParentFolders': 'never',
      },
      log,
    });
    browser = await launchBrowser();
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    pageRef = page;
    page.on('pageerror', (e) => log(`[page error] ${e.message}`));
    await page.goto(workbenchUrl({ url: server.url, port: server.port, workspace, extensionPath: root }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });

    log(`e2e (${theme} theme${pass === 'themes' ? ', labs and contrast only' : ''}):`);
    const run = { page, check, shot, log, theme, runDir, screenshotDir };
    if (pass === 'themes') {
      await themeChecks(run);
    } else if (pass === 'side') {
      await sideViewChecks(run);
    } else if (pass === 'model') {
      await modelViewChecks(run);
    } else if (pass === 'optimizer-code') {
      await optimizerFromCodeChecks({ page, check, shot, log, helpers: optimizerCodeHelpers });
    } else {
      await convLabChecks(run);
      await modelViewChecks(run);
      await hoverChecks(run);
      await optimizerLabChecks(run);
      await optimizerFromCodeChecks({ page, check, shot, log, helpers: optimizerCodeHelpers });
      await flowLabChecks(run);
      await sideViewChecks(run);
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  const failed = checks.filter((c) => !c.ok).length;
  log(`e2e: ${checks.length - failed} passed, ${failed} failed`);
  return failed === 0 && checks.length > 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { screenshots: { type: 'string' }, theme: { type: 'string', default: 'dark' }, pass: { type: 'string', default: 'full' } },
  });
  process.exitCode = await runE2E({ screenshotDir: values.screenshots, theme: values.theme, pass: values.pass });
}
