// End-to-end checks of the optimizer lab opened from code (called by e2e.mjs, which passes its
// helpers): NAdam + SequentialLR from examples/finetune.py selects NAdam and SequentialLR, shows
// the framework defaults as defaults, SequentialLR's children with their milestones (edited live),
// NAdam's update rule in KaTeX; then LambdaLR's lr_lambda with an inline error from the
// simulator's own reader, and ReduceLROnPlateau's note. Screenshot:
// optimizer-lab-nadam-<theme>.png.

/** Wait until an element's text is empty (an inline error cleared; an empty element is not "visible"). */
async function cleared(locator, what) {
  const deadline = Date.now() + 15_000;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.textContent())?.trim() ?? '';
    if (text === '') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: still "${text}"`);
}

/** The value a vscode-single-select shows, and whether that option is really one of its options. */
async function selected(frame, selector) {
  return frame.locator(selector).evaluate((el) => {
    const option = [...el.querySelectorAll('vscode-option')].find((o) => o.getAttribute('value') === el.value);
    return { value: el.value, label: option?.textContent?.trim() ?? '' };
  });
}

export async function optimizerFromCodeChecks({ page, check, shot, log, helpers }) {
  const { runCommand: paletteCommand, openFile, goTo, labFrame, checkContrast, changed, expectText, pick } = helpers;
  /** A palette command, once more after Escape if the palette was slow to take the keyboard (after clicks in the webview, during a relayout). */
  const runCommand = async (p, title) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await page.waitForTimeout(200);
        await paletteCommand(p, title);
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });
        return;
      } catch (e) {
        if (attempt === 3) throw new Error(`palette command "${title}": ${e.message.split('\n')[0]}`);
        await page.keyboard.press('Escape');
      }
    }
  };

  await check(
    'optimizer lab from code: NAdam + SequentialLR (examples/finetune.py) opens with NAdam, SequentialLR, its children and milestones, defaults marked, NAdam’s rule',
    async () => {
      await page
        .locator('.monaco-editor .view-lines')
        .first()
        .click({ timeout: 2000 })
        .catch(() => {});
      await runCommand(page, 'View: Close All Editors');
      await openFile(page, 'finetune.py');
      await goTo(page, 18, 20); // inside SequentialLR(...)
      await runCommand(page, 'ML Lens: Simulate Selection');
      const frame = await labFrame(page);
      await frame.locator('#opt-status li[data-run="0"]').waitFor({ timeout: 30_000 });
      const runs = await frame.locator('#opt-status li').count();
      if (runs !== 1) throw new Error(`expected the one optimizer of the code, found ${runs} runs`);
      const optimizer = await selected(frame, '#opt-0-name');
      if (optimizer.value !== 'nadam' || optimizer.label !== 'NAdam') throw new Error(`the optimizer picker shows ${JSON.stringify(optimizer)}`);
      const framework = await selected(frame, '#opt-0-framework');
      if (framework.value !== 'pytorch') throw new Error(`framework ${JSON.stringify(framework)}`);
      const schedule = await selected(frame, '#schedule');
      if (schedule.value !== 'SequentialLR') throw new Error(`the schedule picker shows ${JSON.stringify(schedule)}`);
      const children = [await selected(frame, '#schedule-0-name'), await selected(frame, '#schedule-1-name')].map((c) => c.value);
      if (children.join() !== 'LinearLR,CosineAnnealingLR') throw new Error(`children ${children}`);
      await expectText(frame.locator('#schedule-0-when'), '1 · steps 0 to 49', 'when the warm-up runs');
      await expectText(frame.locator('#schedule-1-when'), '2 · from step 50', 'when the cosine runs');
      const milestones = await frame.locator('#schedule-milestones').evaluate((el) => el.value);
      if (milestones !== '50') throw new Error(`milestones field: ${milestones}`);
      const tmax = await frame.locator('#schedule-1-T_max').evaluate((el) => el.value);
      if (tmax !== '250') throw new Error(`T_max of the cosine: ${tmax} (total_steps - warmup_steps = 250)`);
      // Written in the code: lr, weight_decay, decoupled_weight_decay. Filled in: betas, eps, momentum_decay, maximize.
      for (const [name, isDefault] of [
        ['lr', false],
        ['weight_decay', false],
        ['decoupled_weight_decay', false],
        ['betas', true],
        ['eps', true],
        ['momentum_decay', true],
        ['maximize', true],
      ]) {
        const cls = (await frame.locator(`#opt-0-${name}`).getAttribute('class')) ?? '';
        if (cls.includes('default') !== isDefault) throw new Error(`${name}: class "${cls}", expected ${isDefault ? '' : 'not '}a default`);
      }
      const label = await frame.locator('label[for="opt-0-betas"]').textContent();
      if (label !== 'betas (default)') throw new Error(`betas label: ${label}`);
      await frame.locator('#opt-rule .katex').first().waitFor();
      const rule = (await frame.locator('#opt-rule .katex-mathml annotation').first().textContent()) ?? '';
      for (const part of ['0.96^{0.004\\,t}', '\\prod_{i=1}^{t+1}', "\\theta' &= \\theta_{t-1}\\,(1 - 0.002\\cdot 10^{-4})"]) {
        if (!rule.includes(part)) throw new Error(`NAdam's rule lacks ${part}: ${rule.slice(0, 300)}`);
      }
      const note = (await frame.locator('#opt-rule-note').textContent()) ?? '';
      if (!note.startsWith('NAdam is Adam with a Nesterov look-ahead')) throw new Error(`rule note: ${note}`);
      if (await frame.locator('#opt-error').textContent()) throw new Error(`lab error: ${await frame.locator('#opt-error').textContent()}`);
      log(`    NAdam + SequentialLR: ${await frame.locator('#opt-status').textContent()}; children ${children.join(' → ')} at milestone ${milestones}`);
      await checkContrast(frame, log, 'optimizer lab (NAdam + SequentialLR)');
    },
  );

  await check('optimizer lab from code: milestones and a child’s argument edit live; bad values show the simulator’s words inline', async () => {
    const frame = await labFrame(page);
    const status = frame.locator('#opt-status');
    let before = await status.textContent();
    await frame.locator('#schedule-milestones input').fill('100');
    await expectText(frame.locator('#schedule-1-when'), '2 · from step 100', 'when the cosine runs after the edit');
    before = await changed(() => status.textContent(), before, 'runs after the milestone edit');
    await frame.locator('#schedule-milestones input').fill('100, 200');
    const mismatch = await changed(() => frame.locator('#opt-schedule-error').textContent(), '', 'an inline error for two milestones and two children');
    if (!mismatch.includes('number of milestones')) throw new Error(`error: ${mismatch}`);
    await frame.locator('#schedule-1-T_max input').fill('2.5');
    const whole = await changed(() => frame.locator('#schedule-1-T_max-error').textContent(), '', 'an inline error for T_max = 2.5');
    await frame.locator('#schedule-1-T_max input').fill('250');
    await frame.locator('#schedule-milestones input').fill('50');
    await cleared(frame.locator('#opt-schedule-error'), 'the schedule error once the milestones fit');
    await changed(() => status.textContent(), before, 'runs back at milestone 50');
    log(`    milestones 100 → cosine "from step 100"; "100, 200" → ${mismatch.slice(0, 90)}…; T_max 2.5 → ${whole}`);
  });

  await check('optimizer lab: the NAdam + SequentialLR screenshot (the lab’s editor group maximized)', async () => {
    let frame = await labFrame(page);
    await runCommand(page, 'Close Primary Side Bar');
    await runCommand(page, 'Clear All Notifications'); // earlier checks' toasts would cover the plots
    // A click in the lab makes its editor group the active one, the one the command maximizes.
    await frame.locator('#ml-lens-lab h1').click();
    await runCommand(page, 'Toggle Maximize Editor Group');
    await page.waitForTimeout(600);
    frame = await labFrame(page);
    await frame.locator('#ml-lens-lab h1').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shot(page, 'optimizer-lab-nadam');
    await frame.locator('#opt-schedule').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shot(page, 'optimizer-lab-nadam-schedule');
    await runCommand(page, 'Toggle Maximize Editor Group');
    await runCommand(page, 'Toggle Primary Side Bar Visibility');
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 10_000 });
  });

  await check('optimizer lab: LambdaLR’s lr_lambda is edited as Python source, errors inline; ReduceLROnPlateau shows its note', async () => {
    const frame = await labFrame(page);
    const status = frame.locator('#opt-status');
    let before = await status.textContent();
    await pick(frame, '#schedule', 'LambdaLR');
    await frame.locator('#schedule-lr_lambda').waitFor();
    const source = await frame.locator('#schedule-lr_lambda').evaluate((el) => el.value);
    if (source !== 'lambda epoch: 0.99 ** epoch') throw new Error(`lr_lambda field: ${source}`);
    before = await changed(() => status.textContent(), before, 'runs with LambdaLR');
    await frame.locator('#schedule-lr_lambda input').fill('lambda epoch: warmup / epoch');
    const error = await changed(() => frame.locator('#schedule-lr_lambda-error').textContent(), '', 'an inline error for a free name');
    if (!error.includes('`warmup` is not known here')) throw new Error(`lr_lambda error: ${error}`);
    await frame.locator('#schedule-lr_lambda input').fill('lambda epoch: 0.5 ** (epoch // 100)');
    await cleared(frame.locator('#schedule-lr_lambda-error'), 'the lr_lambda error');
    const after = await changed(() => status.textContent(), before, 'runs with the edited lr_lambda');
    await pick(frame, '#schedule', 'ReduceLROnPlateau');
    const note = await changed(
      async () =>
        ((await frame.locator('#opt-schedule-notes').textContent()) ?? '').includes('ReduceLROnPlateau')
          ? frame.locator('#opt-schedule-notes').textContent()
          : '',
      '',
      'ReduceLROnPlateau’s note',
    );
    if (!note.includes('cannot be read from the code')) throw new Error(`note: ${note}`);
    log(`    lr_lambda error: ${error}; then ${after.slice(0, 70)}…; ReduceLROnPlateau: ${note.slice(0, 110)}…`);
    await frame.locator('#opt-schedule').scrollIntoViewIfNeeded();
    await shot(page, 'optimizer-lab-plateau');
  });
}
