// Runs an extension's test module inside a real VS Code (code-server + headless chromium) and
// returns the exit code the workbench reports. See shared/notes/real-vscode-offline.md.
//
// The test module has the same contract as with @vscode/test-electron: it exports
// `run(): Promise<void>`; a rejected promise (or a throw) is a failure.
//
//   node scripts/real-vscode/run-extension-tests.mjs --extension <dir> --tests <index.js> \
//     --workspace <dir> [--screenshots <dir>] [--timeout <seconds>]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util, { parseArgs } from 'node:util';
import { launchBrowser, workbenchUrl } from './browser.mjs';
import { ensureCodeServer } from './install.mjs';
import { startCodeServer } from './server.mjs';

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/**
 * Resolves with the test run's exit code: 0 only when the workbench reported 0 through
 * `codeAutomationExit`, i.e. the test module ran and its `run()` resolved. Any other outcome
 * (timeout, server or browser failure, a thrown error) gives a non-zero code.
 */
/** @param {{ extensionPath: string, testsPath: string, workspace: string, timeoutMs?: number, screenshotDir?: string, settings?: Record<string, unknown>, log?: (msg: string) => void }} options */
export async function runExtensionTests({
  extensionPath,
  testsPath,
  workspace,
  timeoutMs = 10 * 60 * 1000,
  screenshotDir,
  settings, // extra user settings, merged over server.mjs's DEFAULT_SETTINGS
  log = (msg) => console.log(msg),
}) {
  const t0 = Date.now();
  extensionPath = path.resolve(extensionPath);
  testsPath = path.resolve(testsPath);
  workspace = path.resolve(workspace);
  // A wrong extension path is not an error to the workbench (the tests would just run without
  // the extension), so check the paths here.
  for (const [what, file] of [
    ['extension manifest', path.join(extensionPath, 'package.json')],
    ['test module', testsPath],
    ['workspace folder', workspace],
  ]) {
    if (!fs.existsSync(file)) {
      log(`[real-vscode] FAILED: ${what} not found: ${file}`);
      return 1;
    }
  }

  // A fresh user-data / extensions folder per run, so no state leaks between runs.
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-vscode-'));
  const removeRunDir = () => fs.rmSync(runDir, { recursive: true, force: true });
  process.on('exit', removeRunDir); // also on Ctrl-C, which skips the finally below
  let server;
  let browser;
  let page;
  let timer;
  try {
    const { entry } = await ensureCodeServer({ log });
    server = await startCodeServer({
      entry,
      workspace,
      userDataDir: path.join(runDir, 'user'),
      extensionsDir: path.join(runDir, 'ext'),
      settings,
      log,
    });
    log(`[real-vscode] server up after ${seconds(Date.now() - t0)}`);

    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    page = await context.newPage();

    // Everything that can end the run settles this one promise with an exit code.
    let settled = false;
    let resolveResult;
    const result = new Promise((resolve) => (resolveResult = resolve));
    const finish = (code) => {
      if (settled) return; // the first outcome wins
      settled = true;
      resolveResult(code);
    };

    // Both hooks must exist before the workbench loads: it looks them up on `window`.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // `args` is console.log's argument list from the extension host (format string first).
      const text = Array.isArray(args) ? util.format(...args) : String(args);
      log(`[vscode ${type}] ${text}`);
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      // `logs`: the workbench's log files ({ relativePath, contents }), kept for diagnosis.
      if (screenshotDir && Array.isArray(logs)) saveLogs(screenshotDir, logs);
      log(`[real-vscode] workbench reported exit code ${code}`);
      finish(typeof code === 'number' ? code : 1);
    });

    page.on('console', (msg) => {
      // '%c'-styled lines are the workbench's own log, already printed via codeAutomationLog.
      if (msg.type() !== 'error' || msg.text().startsWith('%c')) return;
      const where = msg.text().startsWith('Failed to load resource') ? ` (${msg.location().url})` : '';
      log(`[browser console error] ${msg.text()}${where}`);
    });
    page.on('pageerror', (err) => log(`[browser page error] ${err.message}`));
    page.on('crash', () => {
      log('[real-vscode] FAILED: the browser page crashed');
      finish(1);
    });
    server.exited.then(({ code, signal }) => {
      if (settled) return; // stopped by us at the end
      log(`[real-vscode] FAILED: code-server exited during the run (${signal || `exit ${code}`})`);
      finish(1);
    });
    timer = setTimeout(() => {
      log(
        `[real-vscode] FAILED: no exit code from the workbench within ${seconds(timeoutMs)}; ` +
          'the tests did not finish (or never started: check that the extension and test paths exist ' +
          'and that the test module exports run())',
      );
      finish(1);
    }, timeoutMs);

    const url = workbenchUrl({ url: server.url, port: server.port, workspace, extensionPath, testsPath });
    log(`[real-vscode] opening ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });

    const code = await result;
    log(`[real-vscode] tests finished with exit code ${code} after ${seconds(Date.now() - t0)}`);
    return code;
  } catch (err) {
    log(`[real-vscode] FAILED: ${err.stack || err.message}`);
    return 1;
  } finally {
    clearTimeout(timer);
    if (page && screenshotDir) {
      try {
        fs.mkdirSync(screenshotDir, { recursive: true });
        const file = path.join(screenshotDir, 'workbench.png');
        await page.screenshot({ path: file, timeout: 10_000 });
        log(`[real-vscode] screenshot: ${file}`);
      } catch (err) {
        log(`[real-vscode] could not take a screenshot: ${err.message}`);
      }
    }
    await browser?.close().catch(() => {});
    await server?.stop();
    removeRunDir();
    process.off('exit', removeRunDir);
  }
}

function saveLogs(dir, logs) {
  try {
    for (const { relativePath, contents } of logs) {
      const file = path.join(dir, 'logs', relativePath);
      if (!file.startsWith(path.join(dir, 'logs') + path.sep)) continue; // stay inside dir
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, contents);
    }
  } catch {
    // logs are a diagnostic extra; never fail the run over them
  }
}

// Runnable directly (see the usage at the top).
if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      screenshots: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  if (!values.extension || !values.tests || !values.workspace) {
    console.error('usage: run-extension-tests.mjs --extension <dir> --tests <index.js> --workspace <dir> [--screenshots <dir>] [--timeout <s>]');
    process.exit(2);
  }
  const code = await runExtensionTests({
    extensionPath: values.extension,
    testsPath: values.tests,
    workspace: values.workspace,
    screenshotDir: values.screenshots,
    timeoutMs: values.timeout ? Number(values.timeout) * 1000 : undefined,
  });
  process.exit(code);
}
