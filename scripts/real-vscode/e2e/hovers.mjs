// Hovers in a Python file: torch.optim.Adam shows its update rule as SVG images; lr=3e-4 in the
// Adam call explains the argument with its default and the value in this call.
import { adamHover, goTo, runCommand } from '../workbench.mjs';

export async function hoverChecks({ page, check, shot }) {
  await check('hover on torch.optim.Adam shows the update rule as SVG images', async () => {
    // Typing went to the webview; give the workbench the keyboard back first.
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'View: Close All Editors');
    const { count, width } = await adamHover(page);
    if (count < 2) throw new Error(`expected 2 formula images, found ${count}`);
    if (!(width > 50)) throw new Error(`the formula image did not load (natural width ${width})`);
    // VS Code fades hovers in: let the animation end so the screenshot shows the hover, not the code under it.
    await page.waitForTimeout(600);
    await shot(page, 'hover-adam');
  });

  await check('hover on lr=3e-4 in the Adam call explains the argument for torch.optim.Adam with its default and value', async () => {
    await page.keyboard.press('Escape');
    await goTo(page, 13, 50);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover').filter({ hasText: 'of torch.optim.Adam (PyTorch)' });
    await hover.waitFor({ timeout: 15_000 });
    const text = (await hover.textContent()) ?? '';
    for (const expected of ['In this call:', '3e-4', '0.0003', 'PyTorch default:', '0.001', 'Learning rate']) {
      if (!text.includes(expected)) throw new Error(`the lr hover lacks "${expected}": ${text.slice(0, 300)}`);
    }
    const image = hover.locator('img[src^="data:image/svg+xml"]').first();
    await image.waitFor();
    const width = await image.evaluate((img) => /** @type {HTMLImageElement} */ (img).naturalWidth);
    if (!(width > 50)) throw new Error(`the update-rule image did not load (natural width ${width})`);
    await page.waitForTimeout(600);
    await shot(page, 'hover-lr');
  });
}
