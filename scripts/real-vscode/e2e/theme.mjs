// The theme pass (`--pass themes`, run for the light and high-contrast themes): each lab and the
// model view opened once, every text checked for contrast (WCAG AA), a screenshot of each.
import { expectText, goTo, openFile, runCommand } from '../workbench.mjs';
import { checkContrast, labFrame } from './lab.mjs';
import { expandForScreenshot, openModelView, restoreLayout, widenLab } from './model-view.mjs';

/** Each lab once in the current theme: legible text (contrast), and a screenshot. */
export async function themeChecks({ page, check, shot, log, theme }) {
  await check(`conv, optimizer and flow labs are legible in the ${theme} theme`, async () => {
    await openFile(page, 'resnet_stem.py');
    await goTo(page, 12, 24);
    await runCommand(page, 'ML Lens: Simulate Selection');
    let frame = await labFrame(page);
    await expectText(frame.locator('#output-shape'), '1×64×112×112', 'output shape');
    await frame.locator('.katex').first().waitFor();
    await checkContrast(frame, log, 'conv lab');
    await shot(page, 'conv-lab');
    await frame.locator('#lab-tab-optimizer').click();
    frame = await labFrame(page);
    await frame.locator('#opt-status li').nth(2).waitFor({ timeout: 30_000 });
    await checkContrast(frame, log, 'optimizer lab');
    await shot(page, 'optimizer-lab');
    await frame.locator('#lab-tab-flow').click();
    frame = await labFrame(page);
    await expectText(frame.locator('#flow-sample-count'), '1000', 'sample count');
    await checkContrast(frame, log, 'flow lab');
    await frame.locator('#flow-density-plot').scrollIntoViewIfNeeded();
    await shot(page, 'flow-lab');
  });
  await check(`the model view of resnet50() is legible in the ${theme} theme`, async () => {
    const frame = await openModelView(page);
    await checkContrast(frame, log, 'model view');
    await widenLab(page);
    await expandForScreenshot(frame);
    await shot(page, 'model-view');
    await restoreLayout(page);
  });
}
