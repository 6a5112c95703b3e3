// What every real-VS-Code browser run (e2e.mjs, shapes-e2e.mjs, web-e2e.mjs) does with the
// workbench, in one place: run a palette command, open a file, close all editors, move the cursor, find the lab's
// webview frame, wait for a text or a change, summarize frame times, and run named checks.
import path from 'node:path';

let lastCommandAt = 0;

/** When the last palette command was run (Enter pressed), in epoch ms: for command → first paint. */
export const commandRunAt = () => lastCommandAt;

/** Open the command palette (F1), retrying when focus was in a webview that kept the key. */
export async function openPalette(page) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      return input;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
      // Focus the first editor group (a text editor), where F1 is the workbench's.
      await page.keyboard.press('Control+1');
    }
  }
}

/**
 * Run a palette command by its title, as a user would (F1, type, Enter). The palette can close
 * again before the text is typed (a webview taking focus on a loaded machine): then start over.
 */
export async function runCommand(page, title) {
  for (let attempt = 0; ; attempt++) {
    try {
      const input = await openPalette(page);
      await input.fill(`>${title}`, { timeout: 5_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
      lastCommandAt = Date.now();
      await page.keyboard.press('Enter');
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+1');
    }
  }
}

/** Open a workspace file through Quick Open and wait for its editor. */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // Wait for the filtered list: until then the focused row may still be a recent file.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Move the cursor with Quick Open's ":line:column" (Ctrl+G is the browser's in some hosts). */
export async function goTo(page, line, column) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: `line ${line}` })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/**
 * Close every editor. A click in the editor first gives the workbench the keyboard back when a
 * webview took it (skipped when no editor is open).
 */
export async function closeAllEditors(page) {
  await page
    .locator('.monaco-editor .view-lines')
    .first()
    .click({ timeout: 2000 })
    .catch(() => {});
  await runCommand(page, 'View: Close All Editors');
}

/** The lab webview's inner document: the frame that holds #ml-lens-lab (in the panel or the side view when `host` says). */
export async function labFrame(page, timeoutMs = 30_000, host) {
  const selector = host ? `body.host-${host} #ml-lens-lab` : '#ml-lens-lab';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (
        await frame
          .locator(selector)
          .count()
          .catch(() => 0)
      )
        return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('The lab webview did not appear.');
}

/** Wait until the locator's trimmed text is `expected`. */
export async function expectText(locator, expected, what) {
  await locator.waitFor({ timeout: 30_000 });
  const deadline = Date.now() + 15_000;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.textContent())?.trim() ?? '';
    if (text === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: expected "${expected}", saw "${text}"`);
}

/** Wait until `read()` returns something other than `previous` (and not empty). */
export async function changed(read, previous, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let value;
  while (Date.now() < deadline) {
    value = await read();
    if (value && value !== previous) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: still ${JSON.stringify(value)}`);
}

/**
 * Control → frame times as the frame-time report prints them: median, p95 (nearest rank) and max,
 * against the budget (16 ms median, 33 ms max).
 */
export function frameStats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

/**
 * Named checks for a run: `check(name, fn)` logs ✔ with its time, or ✖ with the error's first
 * line, what `onFailure` adds, and a screenshot of the page (`failedFile(n)` names it); `checks`
 * lists the outcomes. `page()` gives the page once the browser is up.
 * @param {{ log: (line: string) => void, screenshotDir: string, root: string, page: () => any, failedFile: (n: number) => string, onFailure?: () => void }} options
 */
export function checkRunner({ log, screenshotDir, root, page, failedFile, onFailure }) {
  /** @type {{ name: string, ok: boolean }[]} */
  const checks = [];
  const check = async (name, fn) => {
    const t = Date.now();
    try {
      await fn();
      checks.push({ name, ok: true });
      log(`  ✔ ${name} (${Date.now() - t} ms)`);
    } catch (e) {
      checks.push({ name, ok: false });
      log(`  ✖ ${name}: ${e.message.split('\n')[0]}`);
      onFailure?.();
      const file = failedFile(checks.length);
      await page()
        ?.screenshot({ path: path.join(screenshotDir, file) })
        .catch(() => {});
      log(`    screenshot: ${path.join(path.relative(root, screenshotDir), file)}`);
    }
  };
  return { checks, check };
}

/**
 * The hover on torch.optim.Adam in examples/training.py (line 13), opened with Ctrl+K Ctrl+I, with
 * its formula images loaded: how many, and the first one's natural width (0 when it did not load).
 * @param {import('playwright-core').Page} page
 */
export async function adamHover(page) {
  await openFile(page, 'training.py');
  await goTo(page, 13, 25);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover').filter({ hasText: 'Adam (adaptive moment estimation)' });
  await hover.waitFor({ timeout: 15_000 });
  const images = hover.locator('img[src^="data:image/svg+xml"]');
  await images.first().waitFor();
  const count = await images.count();
  const width = await images.first().evaluate((img) => /** @type {HTMLImageElement} */ (img).naturalWidth);
  return { count, width };
}
