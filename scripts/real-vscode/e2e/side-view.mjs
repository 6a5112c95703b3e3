// The side view: mlLens.labs.location set to "sideView" while VS Code runs (in the user
// settings JSON, as a person edits it), then Simulate Selection shows the conv lab in the side
// bar and its optimizer tab runs there.
import fs from 'node:fs';
import path from 'node:path';
import { changed, closeAllEditors, expectText, goTo, openFile, runCommand } from '../workbench.mjs';
import { labFrame } from './lab.mjs';

/** The side view: with mlLens.labs.location = sideView (changed while running), Simulate Selection fills it. */
export async function sideViewChecks({ page, check, shot, log, runDir }) {
  await check('with mlLens.labs.location = "sideView" (set live), Simulate Selection shows the conv lab in the side bar', async () => {
    // Change the setting as a person does, in the settings editor's JSON (VS Code reads it on save).
    const settingsFile = path.join(runDir, 'user', 'User', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    await closeAllEditors(page);
    await runCommand(page, 'Preferences: Open User Settings (JSON)');
    await page.locator('.tabs-container .tab.active', { hasText: 'settings.json' }).waitFor();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify({ ...settings, 'mlLens.labs.location': 'sideView' }));
    // Whatever the editor auto-closed after the cursor goes.
    await page.keyboard.press('Control+Shift+End');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+S');
    // The file may be caught mid-write (empty or partial JSON): read it again until it parses.
    const savedLocation = () => {
      try {
        return JSON.parse(fs.readFileSync(settingsFile, 'utf8'))['mlLens.labs.location'];
      } catch {
        return undefined;
      }
    };
    await changed(() => (savedLocation() === 'sideView' ? 'saved' : ''), '', 'the saved setting');
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'resnet_stem.py');
    await goTo(page, 12, 24);
    await runCommand(page, 'ML Lens: Simulate Selection');
    const frame = await labFrame(page, 30_000, 'view');
    await expectText(frame.locator('#output-shape'), '1×64×112×112', 'output shape in the side view');
    await frame.locator('#lab-tab-optimizer').click();
    const side = await labFrame(page, 30_000, 'view');
    await side.locator('#opt-status li').nth(2).waitFor({ timeout: 30_000 });
    log(`    side view: conv shape shown, optimizer lab ran ${await side.locator('#opt-status li').count()} optimizers`);
    await shot(page, 'side-view');
  });
}
