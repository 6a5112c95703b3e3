// The model view: Analyze model on the ResNet-50 factory in examples/resnet.py (totals, rows,
// receptive fields, contrast), depth and keyboard use with the open/fold → frame times, a conv
// row in the kernel view, Copy as Markdown, an input-shape edit, a typed value for an unknown
// in a file outside the workspace, and the screenshot with the lab widened. Also the helpers
// the theme pass uses to open and widen it.
import fs from 'node:fs';
import path from 'node:path';
import { changed, closeAllEditors, expectText, frameStats, goTo, openFile, openPalette, runCommand } from '../workbench.mjs';
import { checkContrast, controlToFrame } from './lab.mjs';

/**
 * The first frame of the page holding `selector` (with `hasText` when given), looked for every
 * 250 ms until `timeoutMs` has passed (once when 0); then an error saying `error`.
 * @param {any} page
 * @param {string} selector
 * @param {{ hasText?: string, timeoutMs?: number, error: string }} options
 */
async function frameWith(page, selector, { hasText, timeoutMs = 0, error }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (
        await frame
          .locator(selector, hasText ? { hasText } : undefined)
          .count()
          .catch(() => 0)
      )
        return frame;
    }
    if (Date.now() >= deadline) throw new Error(error);
    await page.waitForTimeout(250);
  }
}

/** Open examples/resnet.py and click the Analyze model CodeLens above `def resnet50`; the lab's frame once its table is drawn. */
export async function openModelView(page) {
  await closeAllEditors(page);
  await openFile(page, 'resnet.py');
  await goTo(page, 117, 5);
  // The lens's tooltip names what it analyzes (lenses of lines out of view stay in the DOM, hidden).
  const target = page.locator('.monaco-editor .codelens-decoration a[title^="Trace resnet50()"]').filter({ visible: true });
  await target.waitFor({ timeout: 15_000 });
  await target.click();
  return frameWith(page, '#model-table tbody tr[data-path=""]', {
    hasText: 'resnet50()',
    timeoutMs: 30_000,
    error: 'the model view of resnet50() did not appear',
  });
}

/** The frame of the model view already open. */
function openModelViewFrame(page) {
  return frameWith(page, '#model-table', { error: 'the model view is not open' });
}

/** Room for the whole table: the side bar closed and the sash between the code and the lab dragged left. */
export async function widenLab(page) {
  // (The palette lists these without their "View:" category.)
  await runCommand(page, 'Close Primary Side Bar');
  await runCommand(page, 'Clear All Notifications');
  await page.waitForTimeout(300);
  const tab = await page.locator('.tabs-container .tab', { hasText: 'ML Lens Lab' }).boundingBox();
  let sash;
  let distance = Infinity;
  for (const candidate of await page.locator('.part.editor .monaco-sash.vertical').all()) {
    const box = await candidate.boundingBox();
    const d = box ? Math.abs(box.x + box.width / 2 - tab.x) : Infinity;
    if (d < distance) [distance, sash] = [d, box];
  }
  if (!sash || distance > 40) throw new Error('no sash at the left edge of the lab');
  const y = sash.y + sash.height / 2;
  await page.mouse.move(sash.x + sash.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(250, y, { steps: 12 });
  await page.mouse.up();
  // Off the sash, so its hover highlight is gone from the screenshot. The workbench covers
  // webviews with an overlay while a sash is dragged; wait until it is gone so later clicks land.
  await page.mouse.move(700, 890);
  await page
    .locator('.part.editor .monaco-sash.active')
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => {});
  await page.waitForTimeout(400);
}

/** The side bar back and the editor groups at equal sizes (undoes widenLab). */
export async function restoreLayout(page) {
  await runCommand(page, 'Toggle Primary Side Bar Visibility');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await runCommand(page, 'Reset Editor Group Sizes');
}

/** One block opened to its layers, and that row focused, as the screenshots show it. */
export async function expandForScreenshot(frame) {
  const row = frame.locator('#model-table tbody tr[data-path="layer2.0"]');
  // By keyboard (→ opens a closed row): a click could land mid-layout while the group resizes.
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.press('ArrowRight');
  await frame.locator('#model-table tbody tr[data-path="layer2.0.conv1"]').waitFor({ timeout: 10_000 });
  await frame.locator('#model-table tbody tr[data-path="layer2.0"]').focus();
}

/** The model view: Analyze model on a ResNet-50 factory, read the table, use it by keyboard and mouse. */
export async function modelViewChecks({ page, check, shot, log, theme, runDir }) {
  await check('Analyze model above def resnet50 shows the ResNet-50 tree: 25,557,032 parameters, 4.1 G MACs', async () => {
    const started = Date.now();
    const frame = await openModelView(page);
    log(`    CodeLens click → model table in ${Date.now() - started} ms`);
    await expectText(frame.locator('#model-total-params'), '25.6 M', 'total parameters');
    const exact = await frame.locator('#model-totals td.num').first().textContent();
    if (exact !== '25,557,032') throw new Error(`totals row says ${exact} parameters`);
    await expectText(frame.locator('#model-total-macs'), '4.1 G', 'total MACs');
    await expectText(frame.locator('#model-output-shape'), 'N×1000', 'output shape');
    if (await frame.locator('#model-partial').count())
      throw new Error(`a complete model is marked partial: ${await frame.locator('#model-partial').textContent()}`);
    const cells = await frame.locator('#model-table tbody tr[data-path="layer2.0.conv2"]').count();
    if (cells) throw new Error('depth 2 shows the layers inside the blocks');
    const row = (path) => frame.locator(`#model-table tbody tr[data-path="${path}"]`);
    const text = async (path, col) => (await row(path).locator('td').nth(col).textContent())?.trim();
    for (const [path, input, output, params] of [
      ['conv1', 'N×3×224×224', 'N×64×112×112', '9,408'],
      ['layer1', 'N×64×56×56', 'N×256×56×56', '215,808'],
      ['layer4.2', 'N×2048×7×7', 'N×2048×7×7', '4,462,592'],
      ['fc', 'N×2048', 'N×1000', '2,049,000'],
    ]) {
      const got = [await text(path, 2), await text(path, 3), await text(path, 4)];
      if (JSON.stringify(got) !== JSON.stringify([input, output, params])) throw new Error(`${path}: ${got.join(', ')}`);
    }
    log(
      `    rows at depth 2: ${await frame.locator('#model-table tbody tr').count()}; maxpool RF ${await text('maxpool', 7)} jump ${await text('maxpool', 8)}; layer4 RF ${await text('layer4', 7)}`,
    );
    await checkContrast(frame, log, 'model view');
  });

  await check('model view: depth 1, arrow keys fold and open rows, Enter shows the module’s line in the editor', async () => {
    const frame = await openModelViewFrame(page);
    await frame.locator('#model-depth-1').click();
    await changed(async () => String(await frame.locator('#model-table tbody tr').count()), '27', 'rows at depth 1');
    const count = await frame.locator('#model-table tbody tr').count();
    if (count !== 11) throw new Error(`depth 1 shows ${count} rows, expected 11`);
    // Open/fold → next drawn frame on the ResNet-50 tree (8 clicks on layer3's toggle: its 6 blocks appear and go).
    const times = await controlToFrame({
      timing: frame.locator('#model-table tbody'),
      values: Array.from({ length: 8 }, (_, i) => String(i)),
      apply: () => frame.locator('#model-table tbody tr[data-path="layer3"] .model-toggle').click(),
      counter: 'data-toggles',
      ms: 'data-toggle-frame-ms',
      what: 'next drawn frame after a toggle',
    });
    log(`    model view open/fold → frame: ${frameStats(times)} (ResNet-50, layer3's 6 blocks)`);
    if ((await frame.locator('#model-table tbody tr').count()) !== 11) throw new Error('after 8 toggles the tree should be back at 11 rows');
    await frame.locator('#model-table tbody tr[data-path="layer3"]').focus();
    await page.keyboard.press('ArrowRight');
    await frame.locator('#model-table tbody tr[data-path="layer3.5"]').waitFor({ timeout: 5_000 });
    await page.keyboard.press('ArrowRight');
    const focused = await frame.evaluate(() => document.activeElement?.getAttribute('data-path'));
    if (focused !== 'layer3.0') throw new Error(`→ on an open row should move to its first child, focus is on ${focused}`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await frame.locator('#model-table tbody tr[data-path="layer3.0"]').waitFor({ state: 'detached', timeout: 5_000 });
    // The row names the line that builds layer3 (its title); Enter selects that line in the editor beside.
    const line = /line (\d+)/.exec((await frame.locator('#model-table tbody tr[data-path="layer3"]').getAttribute('title')) ?? '')?.[1];
    if (!line) throw new Error('the layer3 row names no line');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    await runCommand(page, 'View: Focus First Editor Group');
    const status = await page.locator('#status\\.editor\\.selection').textContent();
    if (!new RegExp(`Ln ${line}\\b`).test(status ?? '')) throw new Error(`the editor is at "${status}", expected line ${line}`);
    log(`    keys: depth 1 → ${count} rows; → opens layer3, → moves to layer3.0, ← ← folds it; Enter → editor at ${status}`);
  });

  await check('model view: a conv row opens in the kernel view with its real input; Copy as Markdown table; input shape edit re-analyzes', async () => {
    let frame = await openModelViewFrame(page);
    await frame.locator('#model-table tbody tr[data-path="conv1"] .model-kernel-button').click();
    await frame.locator('#model-kernel #kv-output .kv-out').first().waitFor({ timeout: 10_000 });
    const heading = (await frame.locator('#model-kernel h2').first().textContent()) ?? '';
    if (!heading.includes('conv1') || !heading.includes('N×3×224×224')) throw new Error(`kernel view heading: ${heading}`);
    await frame.locator('#model-copy-md').click();
    await page.locator('.notifications-toasts', { hasText: 'copied the model table as Markdown' }).waitFor({ timeout: 15_000 });
    await frame.locator('#model-input-shape input').fill('N, 3, 160, 160');
    // The extension analyzes again and the lab redraws: 4.1 G × (160/224)² ≈ 2.1 G.
    const deadline = Date.now() + 20_000;
    let macs = '';
    while (Date.now() < deadline) {
      frame = await openModelViewFrame(page);
      macs =
        (await frame
          .locator('#model-total-macs')
          .textContent()
          .catch(() => '')) ?? '';
      if (macs === '2.1 G') break;
      await page.waitForTimeout(200);
    }
    if (macs !== '2.1 G') throw new Error(`MACs after input 160×160: ${macs}`);
    log(`    kernel view: ${heading.trim()}; input 160×160 → ${macs} MACs, output ${await frame.locator('#model-output-shape').textContent()}`);
    await frame.locator('#model-input-shape input').fill('N, 3, 224, 224');
    await changed(
      async () => ((await (await openModelViewFrame(page)).locator('#model-total-macs').textContent()) === '4.1 G' ? 'back' : ''),
      '',
      'MACs back at 224×224',
      20_000,
    );
  });

  await check('model view: an unknown shown at the top takes a typed value; the trace re-runs and the answer is no longer partial', async () => {
    // A file outside the workspace (nothing is written into examples/), opened as a person would.
    const file = path.join(runDir, 'head.py');
    fs.writeFileSync(
      file,
      [
        'import torch.nn as nn',
        '',
        '',
        'class Head(nn.Module):',
        '    def __init__(self, num_classes, width=32):',
        '        super().__init__()',
        '        self.conv = nn.Conv2d(3, width, 3, padding=1)',
        '        self.pool = nn.AdaptiveAvgPool2d(1)',
        '        self.fc = nn.Linear(width, num_classes)',
        '',
        '    def forward(self, x):',
        '        return self.fc(self.pool(self.conv(x)).flatten(1))',
        '',
      ].join('\n'),
    );
    await closeAllEditors(page);
    // Clicked by its label: Enter could run a command ranked above it ("File: Open Active File in …").
    await (await openPalette(page)).fill('>File: Open File...');
    await page.locator('.quick-input-list .monaco-list-row[aria-label^="File: Open File..."]').first().click();
    // VS Code's simple file dialog fills in the folder asynchronously: wait for it, then type the path.
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ timeout: 15_000 });
    await changed(async () => ((await input.inputValue()).endsWith('/') ? 'ready' : ''), '', 'the dialog’s folder');
    // …and then lists it; typing before that can be overwritten.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'resnet.py' }).first().waitFor({ timeout: 15_000 });
    await input.fill(file);
    await page.waitForTimeout(500);
    await changed(async () => ((await input.inputValue()) === file ? 'typed' : ''), '', 'the typed path');
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'head.py' }).waitFor();
    await goTo(page, 4, 8);
    await runCommand(page, 'ML Lens: Analyze Model');
    const frame = await frameWith(page, '#model-unknowns', { timeoutMs: 30_000, error: 'no unknowns section for Head(num_classes)' });
    await frame.locator('#model-partial').waitFor();
    await expectText(frame.locator('#model-total-params'), '?', 'parameters while num_classes is unknown');
    const where = (await frame.locator('#model-unknowns .model-unknown-where').first().textContent())?.trim();
    await runCommand(page, 'Clear All Notifications');
    await shot(page, 'model-view-unknowns');
    await frame.locator('#model-unknown-num_classes input').fill('10');
    await expectText(frame.locator('#model-total-params'), '1.2 k', 'parameters with num_classes = 10');
    if (await frame.locator('#model-partial').count()) throw new Error('still marked partial after the value was given');
    const focused = await frame.evaluate(() => document.activeElement?.id);
    if (focused !== 'model-unknown-num_classes') throw new Error(`the field lost the focus after the redraw (focus on "${focused}")`);
    log(
      `    num_classes (${where}) → 10: ${await frame.locator('#model-total-params').textContent()} parameters, output ${await frame.locator('#model-output-shape').textContent()}; the field keeps the focus`,
    );
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'View: Close All Editors');
  });

  await check('model view screenshot (ResNet-50, one block open)', async () => {
    const frame = await openModelView(page);
    await frame.locator('#model-depth-2').click();
    await widenLab(page);
    await expandForScreenshot(frame);
    await shot(page, 'model-view');
    await restoreLayout(page);
    log(`    theme ${theme}: test-results/model-view-${theme}.png`);
  });
}
