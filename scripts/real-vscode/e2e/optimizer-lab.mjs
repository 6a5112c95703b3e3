// The optimizer lab opened with the lab switcher: SGD, momentum and Adam on Rosenbrock, Copy as
// code, Save PNG / Save JSON through VS Code's save dialog, SGD diverging (with the control →
// frame times), the quadratic's convergence bound and dragging the start, a custom objective
// and its inline error, and a long run's progress, Cancel and supersession by a newer edit.
import fs from 'node:fs';
import path from 'node:path';
import { changed, frameStats, runCommand } from '../workbench.mjs';
import { controlToFrame, labFrame, pick, workerAndDraw } from './lab.mjs';

/** Click something that asks the extension to save a file; answer VS Code's save dialog with `target`; return the bytes. */
async function saveThroughDialog(page, click, target) {
  await click();
  // code-server shows VS Code's own (simple) save dialog: a quick input holding the path. Wait
  // until it shows the suggested name (it fills itself in asynchronously), then replace it.
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ timeout: 15_000 });
  await changed(
    async () => ((await input.inputValue()).endsWith('.png') || (await input.inputValue()).endsWith('.json') ? 'ready' : ''),
    '',
    'the suggested file name',
  );
  await input.fill(target);
  await changed(async () => ((await input.inputValue()) === target ? 'typed' : ''), '', 'the typed path');
  await page.waitForTimeout(300);
  // The OK button, not Enter: Enter may pick the dialog's highlighted folder entry instead.
  await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).click();
  const deadline = Date.now() + 15_000;
  while (!fs.existsSync(target) || fs.statSync(target).size === 0) {
    if (Date.now() > deadline) throw new Error(`${path.basename(target)} was not written`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.locator('.notifications-toasts', { hasText: `saved` }).first().waitFor({ timeout: 15_000 });
  return fs.readFileSync(target);
}

/** The optimizer lab: open it with the lab switcher, read the runs, make SGD diverge, time an update. */
export async function optimizerLabChecks({ page, check, shot, log, screenshotDir, theme, runDir }) {
  await check('the optimizer lab (switcher tab) shows SGD, momentum and Adam on Rosenbrock', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'ML Lens: Open Lab');
    let frame = await labFrame(page);
    await frame.locator('#lab-tab-optimizer').click();
    frame = await labFrame(page);
    const runs = frame.locator('#opt-status li');
    await runs.nth(2).waitFor({ timeout: 30_000 });
    const count = await runs.count();
    if (count !== 3) throw new Error(`expected 3 runs, found ${count}`);
    const paths = await frame.locator('path.trajectory').count();
    if (paths !== 3) throw new Error(`expected 3 trajectories on the contour plot, found ${paths}`);
    const text = (await frame.locator('#opt-status').textContent()) ?? '';
    if (text.includes('diverged')) throw new Error(`a default run diverged: ${text}`);
    const contours = await frame.locator('.contour-lines path').count();
    if (contours < 5) throw new Error(`expected contour lines, found ${contours}`);
    await frame.locator('#opt-rule .katex').first().waitFor();
    log(`    runs: ${(await runs.allTextContents()).join(' | ')}`);
    await shot(page, 'optimizer-lab');
  });

  await check('Copy as code puts the optimizers on the clipboard (VS Code confirms)', async () => {
    const frame = await labFrame(page);
    await frame.locator('#opt-copy').click();
    await page.locator('.notifications-toasts', { hasText: 'copied the optimizers as code to the clipboard' }).waitFor({ timeout: 15_000 });
  });

  await check('Save PNG and Save JSON write the plot and the parameters through the save dialog', async () => {
    const frame = await labFrame(page);
    const png = await saveThroughDialog(page, () => frame.locator('#optimizer-save-png').click(), path.join(runDir, 'optimizer.png'));
    if (png.subarray(1, 4).toString() !== 'PNG') throw new Error('not a PNG file');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    // A blank image of this size compresses to a few kB; plots with lines and text do not.
    if (width < 600 || height < 300 || png.length < 20_000) throw new Error(`suspicious PNG: ${width}×${height}, ${png.length} bytes`);
    fs.copyFileSync(path.join(runDir, 'optimizer.png'), path.join(screenshotDir, `optimizer-export-${theme}.png`));
    const json = JSON.parse(
      (await saveThroughDialog(page, () => frame.locator('#optimizer-save-json').click(), path.join(runDir, 'optimizer.json'))).toString(),
    );
    if (json.lab !== 'optimizer' || json.request?.kind !== 'optimizer') throw new Error(`unexpected JSON: ${JSON.stringify(json).slice(0, 200)}`);
    log(`    PNG ${width}×${height}, ${(png.length / 1024).toFixed(0)} KiB; JSON with ${json.request.optimizers?.length ?? 1} optimizers`);
  });

  await check('SGD with lr 1.5 diverges, shown on the plot; control → frame time', async () => {
    const frame = await labFrame(page);
    const before = await frame.locator('#opt-status li[data-run="0"]').textContent();
    await frame.locator('#opt-0-lr input').fill('1.5');
    const diverged = frame.locator('#opt-status li[data-run="0"][data-diverged]');
    await diverged.waitFor({ timeout: 15_000 });
    const text = (await diverged.textContent()) ?? '';
    if (!/diverged at step \d+/.test(text)) throw new Error(`status says "${text}"`);
    const label = (await frame.locator('text.diverged-label').first().textContent()) ?? '';
    if (!label.startsWith('diverged at step')) throw new Error(`no divergence label on the plot ("${label}")`);
    log(`    before: ${before}; after: ${text}; plot label: ${label}`);
    await shot(page, 'optimizer-lab-diverged');
    // Control change → next drawn frame, measured in the webview (performance.now + rAF).
    const timing = frame.locator('#opt-timing');
    const times = await controlToFrame({
      timing,
      values: ['0.04', '0.045', '0.05', '0.055', '0.06', '0.05', '0.045', '0.05'],
      apply: (lr) => frame.locator('#opt-2-lr input').fill(lr),
      log,
      line: async (lr, ms) => `    lr ${lr}: ${ms} ms (${await workerAndDraw(timing)})`,
    });
    log(`    optimizer lab control → frame: ${frameStats(times)} (${times.length} edits, 3 runs × 300 steps, 128² grid)`);
    await frame.locator('#opt-0-lr input').fill('0.001');
    await frame.locator('#opt-status li[data-run="0"]:not([data-diverged])').waitFor();
  });

  await check('optimizer lab: quadratic with κ = 25 shows the (1 − μ/L)^k bound; dragging the start re-runs', async () => {
    const frame = await labFrame(page);
    await pick(frame, '#objective', 'quadratic');
    await frame.locator('#kappa input').fill('25');
    await changed(async () => ((await frame.locator('#opt-theory').getAttribute('data-kappa')) === '25' ? 'ok' : ''), '', 'κ in the theory overlay');
    await frame.locator('#opt-theory .katex').nth(1).waitFor();
    const bound = await frame.locator('path.series.reference').count();
    if (bound !== 1) throw new Error(`expected the dashed bound on the loss plot, found ${bound}`);
    const startText = await frame.locator('.start-point').getAttribute('aria-valuetext');
    const before = await frame.locator('#opt-status').textContent();
    await frame.locator('.start-point').scrollIntoViewIfNeeded();
    const box = await frame.locator('.start-point').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x - 120, box.y + 60, { steps: 8 });
    await page.mouse.up();
    const after = await changed(() => frame.locator('#opt-status').textContent(), before, 'runs after dragging the start');
    const moved = await frame.locator('.start-point').getAttribute('aria-valuetext');
    if (moved === startText) throw new Error('the start point did not move');
    log(`    start ${startText} → ${moved}; ${after}`);
    await shot(page, 'optimizer-lab-quadratic');
    await frame.locator('.opt-side').screenshot({ path: path.join(screenshotDir, `optimizer-lab-plots-${theme}.png`) });
  });

  await check('optimizer lab: a custom expression runs; a bad one shows an inline error and the lab keeps working', async () => {
    const frame = await labFrame(page);
    await pick(frame, '#objective', 'custom');
    await frame.locator('#expr input').fill('x +');
    const error = await changed(() => frame.locator('#expr-error').textContent(), '', 'inline error for "x +"');
    const before = await frame.locator('#opt-status').textContent();
    await frame.locator('#expr input').fill('(x - 1)**2 + 4*(y + 0.5)**2 + x*y');
    await frame.locator('#expr-error:empty').waitFor({ state: 'attached' });
    const after = await changed(() => frame.locator('#opt-status').textContent(), before, 'runs on the custom objective');
    if (await frame.locator('#opt-theory .katex').count()) throw new Error('the quadratic theory stayed on a custom objective');
    log(`    inline error: ${error}; then ${after}`);
    await shot(page, 'optimizer-lab-custom');
  });

  await check('optimizer lab: a long run shows progress; Cancel and a newer edit stop it, the lab keeps working', async () => {
    const frame = await labFrame(page);
    const progress = frame.locator('#lab-progress');
    const status = frame.locator('#opt-status');
    const restarts = async () => Number((await progress.getAttribute('data-restarts')) ?? 0);
    // 40 sine terms, 3 optimizers × 100,000 steps: a few seconds of work in the worker.
    const slow = Array.from({ length: 40 }, (_, i) => `sin(${i + 1}*x + y)**2`).join(' + ');
    const initial = await status.textContent();
    await frame.locator('#expr input').fill(slow);
    const before = await changed(() => status.textContent(), initial, 'runs on the slow objective (300 steps)');
    await frame.locator('#steps input').fill('100000');
    await progress.waitFor({ state: 'visible', timeout: 20_000 });
    // The worker reports the fraction done: the line shows a percentage and the bar a value.
    const shown = await changed(
      async () => (((await frame.locator('#lab-progress-time').textContent()) ?? '').includes('%') ? frame.locator('#lab-progress-time').textContent() : ''),
      '',
      'a percentage in the progress line',
    );
    await shot(page, 'optimizer-lab-progress');
    const cancelled = Date.now();
    await frame.locator('#lab-progress-cancel').click();
    await progress.waitFor({ state: 'hidden', timeout: 5_000 });
    const cancelMs = Date.now() - cancelled;
    if ((await status.textContent()) !== before) throw new Error('a cancelled run changed the results');
    // Start the long run again, then make a newer edit: the old run is stopped, not waited for.
    const restartsBefore = await restarts();
    await frame.locator('#expr input').fill(`${slow} + 0.1*x**2`);
    await progress.waitFor({ state: 'visible', timeout: 20_000 });
    const edited = Date.now();
    await frame.locator('#steps input').fill('300');
    const after = await changed(() => status.textContent(), before, 'runs after the newer edit', 15_000);
    const newerMs = Date.now() - edited;
    if ((await restarts()) <= restartsBefore) throw new Error('the long run was not stopped when a newer edit came');
    log(
      `    progress shown ("Computing… ${shown}"); Cancel hid it in ${cancelMs} ms; a newer edit (300 steps) drew in ${newerMs} ms; worker restarts ${await restarts()}; ${after.slice(0, 80)}`,
    );
    await frame.locator('#expr input').fill('(x - 1)**2 + 4*(y + 0.5)**2 + x*y');
  });
}
