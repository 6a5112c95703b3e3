// The conv lab from code: Simulate Selection on nn.Conv2d (shape, formula, first paint, the FFT
// check), input-shape edits and their errors, the kernel view and the layer editor (with the
// control → frame times), Copy as PyTorch, and a Keras layer's notes.
import { changed, commandRunAt, expectText, frameStats, goTo, openFile, runCommand } from '../workbench.mjs';
import { controlToFrame, labFrame } from './lab.mjs';

export async function convLabChecks({ page, check, shot, log }) {
  await check('Simulate Selection on nn.Conv2d shows 1×64×112×112 in the lab', async () => {
    await openFile(page, 'resnet_stem.py');
    await goTo(page, 12, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    const started = Date.now();
    await runCommand(page, 'ML Lens: Simulate Selection');
    const frame = await labFrame(page);
    await expectText(frame.locator('#output-shape'), '1×64×112×112', 'output shape');
    log(`    command → computed shape shown in ${Date.now() - started} ms`);
    // The webview stamps its document start and its first drawn lab (epoch ms, same clock as here).
    const body = frame.locator('body');
    await frame.locator('body[data-first-paint]').waitFor({ timeout: 10_000 });
    const paint = Number(await body.getAttribute('data-first-paint'));
    const origin = Number(await body.getAttribute('data-time-origin'));
    const attr = (name) => body.getAttribute(`data-${name}`);
    log(
      `    command → first paint of a fresh lab: ${paint - commandRunAt()} ms (webview document started after ${origin - commandRunAt()} ms; bundle loaded and run at +${await attr('script-ready-ms')} ms; first lab rendered in ${await attr('first-render-ms')} ms; painted at +${paint - origin} ms; target ≤ 800 ms)`,
    );
    await frame.locator('.katex').first().waitFor();
    const formula = await frame.locator('.formulas').textContent();
    if (!formula.includes('112')) throw new Error('the substituted formula does not show 112');
    // The convolution theorem, checked on demand in the worker: direct and FFT agree.
    await frame.locator('#fft-check-run').click();
    await frame.locator('#fft-check-result').filter({ hasText: '✓' }).waitFor({ timeout: 30_000 });
    log(`    ${await frame.locator('#fft-check-result').textContent()}`);
    await shot(page, 'conv-lab');
  });

  await check('editing the input shape recomputes in the worker', async () => {
    const frame = await labFrame(page);
    await frame.locator('#input-shape input').fill('1, 3, 32, 32');
    await expectText(frame.locator('#output-shape'), '1×64×16×16', 'output shape after edit');
    await frame.locator('#input-shape input').fill('1, 3, 2');
    await expectText(frame.locator('#lab-error'), 'Enter 4 positive integers (N, C, H, W), for example 1, 3, 224, 224.', 'error for a malformed shape');
    await frame.locator('#input-shape input').fill('1, 4, 32, 32');
    await expectText(frame.locator('#lab-error'), 'conv2d expects 3 input channels but the input has 4.', 'error from compute');
    await shot(page, 'conv-lab-error');
  });

  await check('conv lab: kernel view steps with linked highlighting; the layer editor re-runs; Copy as PyTorch', async () => {
    const frame = await labFrame(page);
    await frame.locator('#input-shape input').fill('1, 3, 224, 224');
    await expectText(frame.locator('#output-shape'), '1×64×112×112', 'output shape');
    const outputs = await frame.locator('#kv-output .kv-out').count();
    if (outputs < 4) throw new Error(`expected a grid of outputs in the kernel view, found ${outputs}`);
    const equation = await frame.locator('#kv-equation').textContent();
    await frame.locator('#kv-step-forward').click();
    const next = await changed(() => frame.locator('#kv-equation').textContent(), equation, 'equation after a step');
    const window = await frame
      .locator('#kv-input .kv-in-window')
      .count()
      .catch(() => 0);
    log(`    kernel view: ${outputs} outputs; step → "${next.slice(0, 80)}…"; ${window} input cells highlighted`);
    await frame.locator('#kv-output').scrollIntoViewIfNeeded();
    await shot(page, 'conv-lab-kernel');
    // stride 2 → 1 in the layer editor: 224 / 1 instead of / 2.
    await frame.locator('.conv-layer-editor [id$="-stride"] input').fill('1');
    await expectText(frame.locator('#output-shape'), '1×64×224×224', 'output shape after stride 1');
    await frame.locator('.conv-layer-editor [id$="-stride"] input').fill('0');
    await frame.locator('.conv-layer-editor .field-error:not(:empty)').first().waitFor();
    log(`    editor error for stride 0: ${await frame.locator('.conv-layer-editor .field-error:not(:empty)').first().textContent()}`);
    await frame.locator('.conv-layer-editor [id$="-stride"] input').fill('2');
    await expectText(frame.locator('#output-shape'), '1×64×112×112', 'output shape back at stride 2');
    // Control change → next drawn frame (results, kernel view and table redrawn), in the webview.
    const timing = frame.locator('#conv-timing');
    const part = (name) => timing.getAttribute(`data-${name}-ms`);
    const times = await controlToFrame({
      timing,
      values: ['5', '3', '7', '5', '3', '7', '5', '7'],
      apply: (k) => frame.locator('.conv-layer-editor [id$="-kernel_size"] input').fill(k),
      log,
      line: async (k, ms) =>
        `    kernel ${k}: ${ms} ms (handler ${await part('handler')} ms: analysis ${await part('analysis')} ms, results ${await part('results')} ms, kernel view ${await part('kernel')} ms)`,
    });
    log(`    conv lab control → frame: ${frameStats(times)} (${times.length} kernel-size edits; shapes, kernel view and table updated in place)`);
    await frame.locator('#conv-copy-pytorch').click();
    await page.locator('.notifications-toasts', { hasText: 'copied the layers as PyTorch code' }).waitFor({ timeout: 15_000 });
  });

  await check('a Keras functional layer: the lab shows the warning, the resolved name and the input from keras.Input', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'keras_mnist.py');
    await goTo(page, 26, 20);
    await runCommand(page, 'ML Lens: Simulate Selection');
    const frame = await labFrame(page);
    await expectText(frame.locator('#output-shape'), '1×32×14×14', 'output shape of the strided same-padded layer');
    const notes = frame.locator('#conv-code-notes');
    const text = (await notes.textContent()) ?? '';
    for (const expected of ['Keras rejects strides > 1 together with dilation_rate > 1', 'num_filters = 32', 'Framework defaults filled in']) {
      if (!text.includes(expected)) throw new Error(`the notes lack "${expected}": ${text.slice(0, 300)}`);
    }
    if (text.includes('before your edits')) throw new Error('fresh notes are marked as edited');
    await notes.scrollIntoViewIfNeeded();
    await shot(page, 'conv-lab-notes');
    await frame.locator('.conv-layer-editor [id$="-dilation"] input').fill('1');
    // The padding stays the explicit pair TF's 'same' gave for dilation 2, so the output grows by one.
    await expectText(frame.locator('#output-shape'), '1×32×15×15', 'output shape after dilation 1');
    await frame.locator('#conv-code-notes .code-notes-edited').waitFor({ timeout: 10_000 });
    log(
      `    ${(await frame.locator('#conv-code-notes .code-warning').first().textContent())?.slice(0, 90)}…; after an edit: "${await frame.locator('#conv-code-notes h2').textContent()}"`,
    );
  });
}
