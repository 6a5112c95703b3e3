// End-to-end checks of the shape surfaces as a person sees them, in a real VS Code (code-server)
// through a real browser: inlay hints in examples/mnist_mismatch.py, a shape hover, the planted
// mismatch's squiggle, its hover and quick fix (applied with Enter, then undone), the notebook
// examples/shapes_notebook.ipynb with hints and the warning in its cells, and Simulate Selection
// from a cell (the lab names the cell), and the totals of a Keras model built at module level
// (keras_mnist.py) and of a training script's model built in main() with its Analyze model lens
// (train_script.py). Screenshots: inlay-hints, shape-hover, diagnostic-quickfix, notebook-shapes,
// module-level-keras, module-level-lens (-dark.png). Nothing is saved into examples/.
//
//   node scripts/real-vscode/shapes-e2e.mjs [--screenshots <dir>]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { launchBrowser, workbenchUrl } from './browser.mjs';
import { ensureCodeServer } from './install.mjs';
import { startCodeServer } from './server.mjs';
import { checkRunner, expectText, goTo, labFrame, openFile, runCommand } from './workbench.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The editor line (a .view-line) whose text contains `text`, in the active editor or a notebook cell. */
const lineWith = (scope, text) => scope.locator('.view-line', { hasText: text }).first();
/** A line's text as shown (inlay hints included), with the editor's non-breaking spaces as spaces. */
const shownText = async (locator) => ((await locator.textContent()) ?? '').replace(/\u00a0/g, ' ');

/**
 * A line's box once it is on screen: notebook cells redraw their lines (inlay hints arriving, the
 * list scrolling), so a line found a moment ago may be detached now; ask again for up to 10 s.
 */
async function boxOf(locator) {
  for (const deadline = Date.now() + 10_000; ;) {
    await locator.waitFor({ state: 'visible', timeout: 10_000 });
    const box = await locator.boundingBox();
    if (box) return box;
    if (Date.now() > deadline) throw new Error('the line has no box on screen');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The hover at the cursor (Ctrl+K Ctrl+I), as a keyboard user opens it. */
async function hoverAtCursor(page, hasText) {
  await runCommand(page, 'Show or Focus Hover');
  const hover = page.locator('.monaco-hover:visible', { hasText });
  await hover.waitFor({ timeout: 15_000 });
  await page.waitForTimeout(600); // the hover fades in
  return hover;
}

/**
 * Bring a notebook's cell into view as a keyboard user does: click a line of a cell on screen,
 * Escape to the cell list, then Down / Up from cell to cell (the list is virtualized: cells below
 * the fold are not in the DOM until revealed).
 */
async function revealCell(page, notebook, fromLine, moves, text) {
  const box = await boxOf(lineWith(notebook, fromLine));
  await page.mouse.click(box.x + box.width - 5, box.y + box.height / 2);
  await page.keyboard.press('Escape');
  for (let i = 0; i < Math.abs(moves); i++) await page.keyboard.press(moves > 0 ? 'ArrowDown' : 'ArrowUp');
  await page.keyboard.press('Enter'); // edit the cell: its editor has the keyboard
  await lineWith(notebook, text).waitFor({ timeout: 10_000 });
}

export async function runShapesE2E({ screenshotDir = path.join(root, 'test-results'), theme = 'dark', log = console.log } = {}) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lens-shapes-e2e-'));
  const workspace = path.join(root, 'examples');
  const shot = (page, name) => page.screenshot({ path: path.join(screenshotDir, `${name}-${theme}.png`) });
  let server;
  let browser;
  let pageRef;
  const { checks, check } = checkRunner({ log, screenshotDir, root, page: () => pageRef, failedFile: (n) => `failed-shapes-${n}-${theme}.png` });
  try {
    const { entry } = await ensureCodeServer({ log });
    server = await startCodeServer({
      entry,
      workspace,
      userDataDir: path.join(runDir, 'user'),
      extensionsDir: path.join(runDir, 'ext'),
      settings: {
        'workbench.colorTheme': theme === 'light' ? 'Default Light Modern' : 'Default Dark Modern',
        'security.workspace.trust.enabled': false,
        'editor.fontSize': 14,
        'git.openRepositoryInParentFolders': 'never',
        'editor.minimap.enabled': false,
        'workbench.editor.enablePreview': false,
        'notebook.lineNumbers': 'on',
      },
      log,
    });
    browser = await launchBrowser();
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    pageRef = page;
    page.on('pageerror', (e) => log(`[page error] ${e.message}`));
    // As `npm start` opens it: the workspace with examples/mnist_mismatch.py in the editor.
    await page.goto(workbenchUrl({ url: server.url, port: server.port, workspace, extensionPath: root, openFile: path.join(workspace, 'mnist_mismatch.py') }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
    log(`shapes e2e (${theme} theme):`);

    await check(
      'opened as npm start does, mnist_mismatch.py shows its shapes as inlay hints: after each layer and forward statement, the totals at the class',
      async () => {
        const started = Date.now();
        await page.locator('.tabs-container .tab.active', { hasText: 'mnist_mismatch.py' }).waitFor({ timeout: 30_000 });
        const editor = page.locator('.editor-instance .monaco-editor').first();
        await lineWith(editor, 'nn.Conv2d(32, 64, kernel_size=3)').filter({ hasText: '→ N×64×24×24' }).waitFor({ timeout: 30_000 });
        log(`    workbench up → hints drawn in ${Date.now() - started} ms (extension activation included)`);
        for (const [code, hint] of [
          ['class MnistNet(nn.Module):', '1.2 M params · 10.8 M MACs · partial'],
          ['nn.Conv2d(1, 32, kernel_size=3)', '→ N×32×26×26'],
          ['nn.MaxPool2d(2)', '→ N×64×12×12'],
          ['x = torch.flatten(x, 1)', '→ N×9216'],
        ]) {
          const text = await shownText(lineWith(editor, code));
          if (!text.includes(hint)) throw new Error(`the line "${code}" shows "${text.trim()}", without "${hint}"`);
        }
        await page.mouse.move(0, 0);
        await shot(page, 'inlay-hints');
      },
    );

    await check('shape hover on nn.Conv2d(32, 64, …): its shapes, parameters and MACs above the term definition', async () => {
      await goTo(page, 16, 26); // in nn.Conv2d(32, 64, kernel_size=3)
      const hover = await hoverAtCursor(page, 'Shapes');
      const text = (await hover.textContent()).replace(/\u00a0/g, ' ');
      for (const expected of ['[N, 32, 26, 26] → [N, 64, 24, 24]', '18,496 parameters', 'Convolutional layer'])
        if (!text.includes(expected)) throw new Error(`the hover lacks "${expected}": ${text.slice(0, 300)}`);
      await shot(page, 'shape-hover');
      await page.keyboard.press('Escape');
    });

    await check(
      'the planted mismatch is squiggled at 9200; its hover gives PyTorch’s error; Ctrl+. offers “Set in_features to 9216”, Enter applies it and the squiggle goes',
      async () => {
        const editor = page.locator('.editor-instance .monaco-editor').first();
        await editor.locator('.squiggly-warning').first().waitFor({ timeout: 15_000 });
        await goTo(page, 19, 32); // in 9200
        const hover = await hoverAtCursor(page, 'mat1 and mat2 shapes cannot be multiplied');
        log(`    hover: ${(await hover.textContent()).replace(/\s+/g, ' ').slice(0, 160)}…`);
        await page.keyboard.press('Escape');
        // The Problems panel under the editor shows the warning's full message beside the quick-fix menu.
        await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'mat1 and mat2' }).first().waitFor({ timeout: 15_000 });
        // Without the side bar the panel is wide enough for the whole message.
        await runCommand(page, 'View: Close Primary Side Bar');
        await goTo(page, 19, 32);
        await page.keyboard.press('Control+.');
        const menu = page.locator('.action-widget', { hasText: 'Set in_features to 9216' });
        await menu.waitFor({ timeout: 15_000 });
        await shot(page, 'diagnostic-quickfix');
        await page.keyboard.press('Enter');
        await lineWith(editor, 'nn.Linear(9216, 128)').waitFor({ timeout: 10_000 });
        const started = Date.now();
        await editor.locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: 15_000 });
        log(
          `    fix applied → squiggle gone in ${Date.now() - started} ms; fc2 now shows ${(await lineWith(editor, 'nn.Linear(128, num_classes)').textContent()).split(')').pop().trim()}`,
        );
        await page.keyboard.press('Control+Z');
        await lineWith(editor, 'nn.Linear(9200, 128)').waitFor({ timeout: 10_000 });
        await editor.locator('.squiggly-warning').first().waitFor({ timeout: 15_000 });
        await runCommand(page, 'File: Revert File');
        await runCommand(page, 'View: Hide Panel');
        await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
      },
    );

    await check('notebook: shapes and the warning in the cells of shapes_notebook.ipynb (C and ConvBlock from earlier cells)', async () => {
      await openFile(page, 'shapes_notebook.ipynb');
      const notebook = page.locator('.notebook-editor:visible').first();
      await lineWith(notebook, 'C = 32').waitFor({ timeout: 30_000 });
      await revealCell(page, notebook, 'C = 32', 3, 'x = x.flatten(1)');
      await lineWith(notebook, 'x = x.flatten(1)').filter({ hasText: '→ N×4096' }).waitFor({ timeout: 30_000 });
      for (const [code, hint] of [
        ['x = self.block1(x)', '→ N×32×16×16'],
        ['x = self.block2(x)', '→ N×64×8×8'],
        ['class Classifier(nn.Module):', 'params ·'],
      ]) {
        const text = await shownText(lineWith(notebook, code));
        if (!text.includes(hint)) throw new Error(`the cell line "${code}" shows "${text.trim()}", without "${hint}"`);
      }
      await notebook.locator('.squiggly-warning').first().waitFor({ timeout: 15_000 });
      // The class cell with its warning's message: the cursor in 3136, then the hover.
      const line = lineWith(notebook, 'nn.Linear(3136, NUM_CLASSES)');
      const box = await boxOf(line);
      await page.mouse.click(box.x + 2, box.y + box.height / 2);
      await page.keyboard.press('Home');
      for (let i = 0; i < 'self.head = nn.Linear(31'.length; i++) await page.keyboard.press('ArrowRight');
      await hoverAtCursor(page, 'mat1 and mat2 shapes cannot be multiplied');
      await shot(page, 'notebook-shapes');
      await page.keyboard.press('Escape');
    });

    await check('Simulate Selection in the last cell reads C = 32 from the first; the lab says which cell', async () => {
      const notebook = page.locator('.notebook-editor:visible').first();
      await revealCell(page, notebook, 'x = x.flatten(1)', 1, 'stem = nn.Conv2d(3, C');
      const stem = lineWith(notebook, 'stem = nn.Conv2d(3, C');
      const box = await boxOf(stem);
      await page.mouse.click(box.x + 2, box.y + box.height / 2);
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await runCommand(page, 'ML Lens: Simulate Selection');
      let frame;
      for (const deadline = Date.now() + 30_000; !frame && Date.now() < deadline; await page.waitForTimeout(250)) {
        for (const f of page.frames())
          if (
            await f
              .locator('body.host-panel #ml-lens-lab #output-shape')
              .count()
              .catch(() => 0)
          )
            frame = f;
      }
      if (!frame) throw new Error('the conv lab did not open');
      const deadline = Date.now() + 15_000;
      let shape = '';
      // C = 32 output channels (the input's H and W come from the notebook's `# x: (N, 3, 32, 32)`).
      while (Date.now() < deadline && !shape.startsWith('1×32×')) shape = (await frame.locator('#output-shape').textContent())?.trim() ?? '';
      if (!shape.startsWith('1×32×')) throw new Error(`output shape ${shape}`);
      const source = (await frame.locator('header .source').first().textContent())?.trim();
      if (!/^from shapes_notebook\.ipynb, cell 6, line 2$/.test(source ?? '')) throw new Error(`the lab's source reads "${source}"`);
      log(`    lab: ${shape}, "${source}"`);
      await shot(page, 'notebook-lab');
    });

    await check('a Keras Sequential built at module level (keras_mnist.py) gets its totals on the statement and a shape after each layer', async () => {
      await openFile(page, 'keras_mnist.py');
      const editor = page.locator('.editor-instance .monaco-editor:visible').first();
      await lineWith(editor, 'model = keras.Sequential([').filter({ hasText: 'params' }).waitFor({ timeout: 30_000 });
      // The classic Keras MNIST convnet: 34,826 parameters; per sample 2.4 M MACs.
      for (const [code, hint] of [
        ['model = keras.Sequential([', '34.8 k params · 2.4 M MACs'],
        ['layers.Conv2D(32, kernel_size=(3, 3)', '→ N×26×26×32'],
        ['layers.Dense(10, activation="softmax")', '→ N×10'],
      ]) {
        const text = await shownText(lineWith(editor, code));
        if (!text.includes(hint)) throw new Error(`the line "${code}" shows "${text.trim()}", without "${hint}"`);
      }
      await page.mouse.move(0, 0);
      await shot(page, 'module-level-keras');
    });

    await check(
      'a training script (train_script.py) builds its model in main() from argparse: totals on that line, and its Analyze model lens traces it',
      async () => {
        await openFile(page, 'train_script.py');
        const editor = page.locator('.editor-instance .monaco-editor:visible').first();
        await goTo(page, 39, 5);
        // 113,962 parameters; 64 × 10.3 M MACs for the batch main() feeds it.
        const line = lineWith(editor, 'model = SmallCNN(');
        await line.filter({ hasText: '114 k params · 662 M MACs (batch of 64)' }).waitFor({ timeout: 30_000 });
        const lens = page.locator('.monaco-editor .codelens-decoration a[title^="Trace SmallCNN(num_classes"]').filter({ visible: true });
        await lens.waitFor({ timeout: 15_000 });
        await lens.click();
        const frame = await labFrame(page);
        const top = frame.locator('#model-table tbody tr[data-path=""]', { hasText: 'SmallCNN' });
        await top.waitFor({ timeout: 30_000 });
        await expectText(frame.locator('#model-total-params'), '114 k', 'the model view total');
        log(`    model view: ${(await frame.locator('header .source').first().textContent())?.trim()}`);
        await shot(page, 'module-level-lens');
      },
    );
  } catch (e) {
    log(`  ✖ shapes e2e could not run: ${e.stack || e.message}`);
    checks.push({ name: 'setup', ok: false });
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  const failed = checks.filter((c) => !c.ok).length;
  log(`shapes e2e: ${checks.length - failed} of ${checks.length} checks passed`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const { values } = parseArgs({ options: { screenshots: { type: 'string' }, theme: { type: 'string' } } });
  process.exit(await runShapesE2E({ screenshotDir: values.screenshots ? path.resolve(values.screenshots) : undefined, theme: values.theme ?? 'dark' }));
}
