// ML Lens as a web extension, in a real VS Code: code-server with the user setting
// `"remote.extensionKind": { "ml-lens.ml-lens": ["web"] }` (the setting code-server 4.100.3
// reads in ExtensionManifestPropertiesService.getUserConfiguredExtensionKind) runs the extension
// from its `browser` entry (dist/web/extension.js) in the browser's web-worker extension host
// instead of the server's Node host. Checks, through chromium:
//   - the Running Extensions view lists ML Lens as running in the "web worker", and its output
//     channel logs the activation;
//   - a hover on `Adam` in examples/training.py shows the formulas as SVG images (dist/math.json
//     read through vscode.workspace.fs from the web worker);
//   - "ML Lens: Open Lab" opens the lab webview, and the optimizer tab runs its optimizers.
//
//   node scripts/real-vscode/web-e2e.mjs [--screenshots <dir>]      (after npm run build)
//   node scripts/real-vscode/web-e2e.mjs --vsix ml-lens-0.1.0.vsix  (after npm run package)
//
// With --vsix the packaged extension is installed into the server (code-server
// --install-extension) and checked instead of the development folder: that shows the .vsix
// holds everything the web extension needs (.vscodeignore).
//
// Exit code 0 only when every check passed. The server gets its own free port (server.mjs asks
// the OS for one), so this can run beside the other real-VS-Code tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { launchBrowser, workbenchUrl } from './browser.mjs';
import { ensureCodeServer } from './install.mjs';
import { startCodeServer } from './server.mjs';
import { adamHover, checkRunner, labFrame, openFile, runCommand } from './workbench.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const EXTENSION_ID = 'ml-lens.ml-lens';

/**
 * The lab frame once its script has rendered the lab tabs. Sometimes (more often under load) the
 * webview's service worker is not yet serving when the lab's HTML loads, and VS Code lets the
 * requests for main.js/main.css fall through to the network (https://…vscode-resource.vscode-cdn.net,
 * unresolvable here): the panel stays blank. Only then, once, "Developer: Reload Webviews".
 */
async function renderedLab(page, log, resourceFailures) {
  for (let attempt = 0; ; attempt++) {
    const frame = await labFrame(page);
    try {
      await frame.locator('[role="tab"][id^="lab-tab-"]').first().waitFor({ timeout: 15_000 });
      return frame;
    } catch (e) {
      if (attempt > 0 || !resourceFailures.length) throw e;
      log(`    the lab stayed blank: ${resourceFailures[0]} (not served by VS Code's webview service worker); reloading webviews once`);
      resourceFailures.length = 0;
      await runCommand(page, 'Developer: Reload Webviews');
      await page.waitForTimeout(1000);
    }
  }
}

/** @param {{ screenshotDir?: string, vsix?: string, log?: (...args: unknown[]) => void }} [options] */
export async function runWebE2E({ screenshotDir = path.join(root, 'test-results'), vsix, log = console.log } = {}) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-web-e2e-'));
  const workspace = path.join(root, 'examples');
  const shot = (page, name) => page.screenshot({ path: path.join(screenshotDir, `web-${name}.png`) });
  // Errors the web worker extension host reports about ML Lens (shown if a check fails).
  const hostErrors = [];
  const consoleErrors = [];
  const resourceFailures = []; // webview resources that went to the network instead of the service worker
  let server;
  let browser;
  let pageRef;
  const { checks, check } = checkRunner({
    log,
    screenshotDir,
    root,
    page: () => pageRef,
    failedFile: (n) => `web-failed-${n}.png`,
    onFailure: () => {
      for (const err of hostErrors.slice(0, 5)) log(`    host: ${err}`);
      for (const err of consoleErrors.splice(0).slice(-6)) log(`    console: ${err}`);
    },
  });
  try {
    if (vsix && !fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
    if (!vsix && !fs.existsSync(path.join(root, 'dist', 'web', 'extension.js'))) throw new Error('dist/web/extension.js is missing: run npm run build first');
    const { entry } = await ensureCodeServer({ log });
    if (vsix) {
      // Installed like a user would, into this run's extensions folder (no gallery: no network).
      fs.mkdirSync(path.join(runDir, 'ext'), { recursive: true });
      const out = execFileSync(
        process.execPath,
        [entry, '--user-data-dir', path.join(runDir, 'user'), '--extensions-dir', path.join(runDir, 'ext'), '--install-extension', path.resolve(vsix)],
        {
          encoding: 'utf8',
          env: { ...process.env, EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }) },
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 120_000,
        },
      );
      log(`[web-e2e] ${out.trim().split('\n').pop()}`);
    }
    server = await startCodeServer({
      entry,
      workspace,
      userDataDir: path.join(runDir, 'user'),
      extensionsDir: path.join(runDir, 'ext'),
      settings: {
        'remote.extensionKind': { [EXTENSION_ID]: ['web'] },
        'workbench.colorTheme': 'Default Dark Modern',
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
    page.on('response', (r) => r.status() >= 400 && consoleErrors.push(`HTTP ${r.status()} ${r.url().slice(0, 200)}`));
    page.on('requestfailed', (r) => {
      consoleErrors.push(`request failed: ${r.url().slice(0, 200)} (${r.failure()?.errorText})`);
      if (r.url().includes('.vscode-resource.vscode-cdn.net/') && r.url().includes('/dist/webview/'))
        resourceFailures.push(`${path.basename(new URL(r.url()).pathname)} ${r.failure()?.errorText}`);
    });
    page.on('console', (msg) => {
      const text = msg.text();
      if (msg.type() === 'error') consoleErrors.push(text.slice(0, 300));
      if (msg.type() === 'error' && /ml-lens|mlLens|ML Lens/.test(text)) hostErrors.push(text.slice(0, 300));
    });
    await page.goto(
      vsix ? `${server.url}/?folder=${encodeURIComponent(workspace)}` : workbenchUrl({ url: server.url, port: server.port, workspace, extensionPath: root }),
    );
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });

    log(`web e2e (remote.extensionKind = web, ${vsix ? `installed from ${path.basename(vsix)}` : 'development folder'}):`);
    await check('ML Lens runs in the web worker extension host and logs its activation', async () => {
      await openFile(page, 'training.py'); // onLanguage:python activates it
      await runCommand(page, 'Developer: Show Running Extensions');
      // The row is titled with the marketplace display name when the workbench knows the
      // extension as installed, else with its id (the case for a development extension that
      // runs in the web worker).
      const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: /ML Lens|ml-lens\.ml-lens/ }).first();
      await row.waitFor({ timeout: 30_000 });
      const deadline = Date.now() + 30_000;
      let text = '';
      while (Date.now() < deadline) {
        text = ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
        if (/web worker/.test(text) && /\d+\s*ms/.test(text)) break; // activated, with its activation time
        await page.waitForTimeout(250);
      }
      if (!/web worker/.test(text)) throw new Error(`the Running Extensions row does not say "web worker": "${text.trim()}"`);
      if (!/\d+\s*ms/.test(text)) throw new Error(`ML Lens has not activated: "${text.trim()}"`);
      log(`    Running Extensions: ${text.trim()}`);
      // The web worker host is an iframe that starts a Worker; it must exist in this page.
      const hostFrame = page.frames().find((f) => f.url().includes('webWorkerExtensionHostIframe'));
      if (!hostFrame) throw new Error('no web worker extension host iframe in the page');
      await shot(page, 'running-extensions');

      await runCommand(page, 'Output: Show Output Channels...');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'ML Lens' }).first().waitFor();
      await page.locator('.quick-input-widget input').fill('ML Lens');
      await page.keyboard.press('Enter');
      await page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'ML Lens activated' }).first().waitFor({ timeout: 15_000 });
      const line = await page.locator('.part.panel .monaco-editor .view-line', { hasText: 'ML Lens activated' }).first().textContent();
      log(`    output channel: ${line?.trim()}`);
      await shot(page, 'output');
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'View: Hide Panel');
    });

    await check('hover on Adam in training.py shows the formulas as SVG images', async () => {
      const { count, width } = await adamHover(page);
      if (count < 2) throw new Error(`expected at least 2 formula images, found ${count}`);
      if (!(width > 50)) throw new Error(`the formula image did not load (natural width ${width})`);
      log(`    ${count} formula images, the first ${width} px wide`);
      await shot(page, 'hover-adam');
      await page.keyboard.press('Escape');
    });

    await check('the Getting Started walkthrough: five steps with media; its buttons insert an identity and open the optimizer lab', async () => {
      await runCommand(page, 'Welcome: Open Walkthrough...');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with ML Lens' }).first().waitFor();
      await page.locator('.quick-input-widget input').fill('Get Started with ML Lens');
      await page.keyboard.press('Enter');
      for (const title of ['Hover a term', 'Insert a derivative identity', 'Simulate a selection', 'See shapes as you type', 'Open a lab']) {
        await page.locator('.getting-started-step', { hasText: title }).first().waitFor({ timeout: 15_000 });
      }
      // "Insert a derivative identity": New LaTeX File opens an untitled LaTeX editor beside the
      // walkthrough, and the Insert button (command:toSide:) inserts into it.
      const identityStep = page.locator('.getting-started-step', { hasText: 'Insert a derivative identity' }).first();
      await identityStep.click();
      await page.locator('.getting-started-step.expanded .monaco-button', { hasText: 'New LaTeX File' }).first().click();
      await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).first().waitFor();
      await page.locator('.getting-started-step.expanded .monaco-button', { hasText: 'Insert Derivative Identity' }).first().click();
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('deriv-quadratic-form');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'quadratic form' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'partial' }).first().waitFor({ timeout: 15_000 });
      await identityStep.locator('.codicon-getting-started-step-checked').waitFor({ state: 'attached', timeout: 15_000 });
      log(
        `    walkthrough: inserted ${(await page.locator('.editor-group-container.active .monaco-editor .view-line').first().textContent())?.trim().slice(0, 60)}…`,
      );
      await runCommand(page, 'View: Revert and Close Editor');

      const step = page.locator('.getting-started-step', { hasText: 'Open a lab' }).first();
      await step.locator('.codicon-getting-started-step-unchecked').waitFor({ state: 'attached' });
      await step.click();
      // The step's media markdown renders in a webview.
      const deadline = Date.now() + 15_000;
      let media;
      while (!media && Date.now() < deadline) {
        for (const frame of page.frames()) {
          if (
            await frame
              .locator('text=You can also start a lab without any code')
              .count()
              .catch(() => 0)
          )
            media = frame;
        }
        if (!media) await page.waitForTimeout(250);
      }
      if (!media) throw new Error('the step media (media/walkthrough/lab.md) did not render');
      await shot(page, 'walkthrough');
      await page.locator('.getting-started-step.expanded .monaco-button', { hasText: 'Open the Optimizer Lab' }).first().click();
      const frame = await renderedLab(page, log, resourceFailures);
      await frame.locator('#lab-tab-optimizer[aria-selected="true"]').waitFor({ timeout: 15_000 });
      await frame.locator('#opt-status li').nth(2).waitFor({ timeout: 30_000 });
      // onCommand:mlLens.openLab completes the step.
      await step.locator('.codicon-getting-started-step-checked').waitFor({ state: 'attached', timeout: 15_000 });
      await shot(page, 'walkthrough-done');
      await runCommand(page, 'View: Close All Editors');
      log('    walkthrough: lab.md rendered; the Open Lab button opened the optimizer lab; both steps checked');
    });

    await check('ML Lens: Open Lab opens the lab webview, and the optimizer tab runs its optimizers', async () => {
      await runCommand(page, 'ML Lens: Open Lab');
      let frame = await renderedLab(page, log, resourceFailures);
      // Without an argument the command opens the convolution lab.
      await frame.locator('#lab-tab-conv[aria-selected="true"]').waitFor({ timeout: 15_000 });
      await frame.locator('#lab-tab-optimizer').click();
      frame = await labFrame(page);
      await frame.locator('#opt-status li').nth(2).waitFor({ timeout: 30_000 });
      const runs = await frame.locator('#opt-status li').allTextContents();
      // The math is typeset with KaTeX's fonts (the .vsix ships only the woff2 files).
      const fonts = await frame.evaluate(async () => {
        await document.fonts.ready;
        const katex = [...document.fonts].filter((f) => f.family.replace(/"/g, '').startsWith('KaTeX'));
        return {
          loaded: katex.filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')),
          failed: katex.filter((f) => f.status === 'error').map((f) => f.family),
        };
      });
      if (fonts.failed.length) throw new Error(`KaTeX fonts failed to load: ${fonts.failed.join(', ')}`);
      if (!fonts.loaded.length) throw new Error('no KaTeX font loaded');
      log(`    KaTeX fonts loaded: ${[...new Set(fonts.loaded)].join(', ')}`);
      log(
        `    optimizer lab: ${runs.length} runs (${runs
          .map((r) => r.replace(/\s+/g, ' ').trim())
          .slice(0, 3)
          .join('; ')}${runs.length > 3 ? '; …' : ''})`,
      );
      await shot(page, 'optimizer-lab');
    });
  } catch (e) {
    checks.push({ name: 'set-up', ok: false });
    log(`  ✖ web e2e set-up: ${e.message}`);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  if (process.env.ML_LENS_WEB_E2E_DEBUG) for (const err of consoleErrors) log(`    console: ${err}`);
  if (hostErrors.length) log(`web e2e: ${hostErrors.length} console errors mentioning ML Lens, e.g. ${hostErrors[0]}`);
  const failed = checks.filter((c) => !c.ok).length;
  log(`web e2e: ${checks.length - failed} passed, ${failed} failed`);
  return failed === 0 && checks.length > 0 ? 0 : 1;
}

// Runnable directly: `node scripts/real-vscode/web-e2e.mjs [--screenshots <dir>]`.
if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const { values } = parseArgs({ options: { screenshots: { type: 'string' }, vsix: { type: 'string' } } });
  const code = await runWebE2E({ ...(values.screenshots ? { screenshotDir: path.resolve(values.screenshots) } : {}), vsix: values.vsix });
  process.exit(code);
}
