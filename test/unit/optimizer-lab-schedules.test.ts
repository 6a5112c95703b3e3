/**
 * The optimizer lab's controls for every optimizer and schedule the compute module simulates
 * (webview/labs/optimizer/form.ts, shared/schedule-form.ts): each is selectable with its starting
 * arguments and runs; a request recognized from code opens with its own optimizer and schedule
 * selected (never the first option), the recognizer's filled-in defaults marked as defaults,
 * composites as their children with milestones, lr_lambda as its source, and the same numbers as
 * the request as recognized; the protocol's shape check lets every recognized request through
 * and stops malformed ones.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FRAMEWORKS,
  OPTIMIZER_NAMES,
  recognizeRequest,
  simulate,
  simulateOptimizer,
  type OptimizerRequest,
  type OptimizerResult,
  type ScheduleSpec,
} from '../../compute';
import { compilePyFunction, optimizerNamesFor, scheduleSignatures } from '../../compute/optim';
import { simulatableSpans } from '../../compute/recognize/spans';
import { optimizerRequestFromParams } from '../../shared/lab-params';
import { isRequestFor, parseLabState, parseToWebview } from '../../shared/protocol';
import {
  defaultRequest,
  frameworkChoices,
  hyperFields,
  normalizeRequest,
  optimizerChoices,
  optimizerId,
  OPTIMIZERS,
  retarget,
  specsOf,
  withHyper,
  withSharedSchedule,
} from '../../webview/labs/optimizer/form';
import {
  addChild,
  childChoices,
  fieldText,
  functionProblem,
  parseField,
  removeChild,
  SCHEDULE_CHOICES,
  scheduleChoicesFor,
  scheduleFor,
  scheduleId,
  scheduleProblem,
  SCHEDULES,
  scheduleView,
  withChild,
  withScheduleArg,
} from '../../shared/schedule-form';

const run = (r: OptimizerRequest) => simulateOptimizer({ ...r, objective: { expr: '(x - 1)**2 + 3*(y + x**2/2)**2' }, start: [-1, 1] });
const lrOf = (r: OptimizerRequest) => run(r).runs.map((x) => x.lr);

/** Recognize the call at `select` (its first occurrence) in `text`, as Simulate Selection does. */
function recognizeAt(text: string, select: string): OptimizerRequest {
  const from = text.indexOf(select);
  assert.ok(from >= 0, select);
  const r = recognizeRequest(text, { from, to: from + select.length });
  assert.ok(!('error' in r), JSON.stringify(r));
  assert.equal((r as { kind: string }).kind, 'optimizer');
  return r as unknown as OptimizerRequest;
}

describe('optimizer lab: every simulated optimizer is selectable', () => {
  it('lists OPTIMIZER_NAMES, per framework only what that framework has', () => {
    assert.deepEqual(
      OPTIMIZERS.map((o) => o.id),
      [...OPTIMIZER_NAMES],
    );
    for (const framework of FRAMEWORKS) {
      const ids = optimizerChoices({ name: 'gd', framework }).map((c) => c.id);
      assert.deepEqual(ids, optimizerNamesFor(framework), framework);
      for (const id of ids) {
        const spec = retarget({ name: 'sgd', framework, hyperparameters: { [framework === 'pytorch' ? 'lr' : 'learning_rate']: 0.01 } }, id, framework);
        const { fields, error } = hyperFields(spec);
        assert.equal(error, undefined, `${framework} ${id}`);
        assert.ok(
          fields.length >= 1 && fields.every((f) => f.isDefault || f.name === (framework === 'pytorch' ? 'lr' : 'learning_rate')),
          `${framework} ${id}: defaults marked`,
        );
        assert.doesNotThrow(() => run({ ...defaultRequest(), optimizers: [spec], steps: 20 }), `${framework} ${id} runs`);
      }
    }
    assert.deepEqual(optimizerNamesFor('keras'), ['gd', 'sgd', 'adagrad', 'rmsprop', 'adam', 'adamw', 'adadelta', 'adamax', 'nadam']);
  });

  it('a name the framework lacks stays selected, marked, and the framework picker says which frameworks have it', () => {
    const choices = optimizerChoices({ name: 'radam', framework: 'keras' });
    assert.equal(choices.at(-1)!.id, 'radam');
    assert.match(choices.at(-1)!.label, /RAdam \(not simulated for keras\)/);
    assert.equal(optimizerChoices({ name: 'LBFGS', framework: 'pytorch' }).at(-1)!.id, 'lbfgs');
    assert.equal(optimizerId('torch.optim.NAdam'), 'nadam');
    const frameworks = frameworkChoices({ name: 'rprop', framework: 'pytorch' });
    assert.deepEqual(
      frameworks.map((f) => [f.id, f.disabled ?? false]),
      [
        ['pytorch', false],
        ['keras', true],
        ['optax', true],
      ],
    );
    assert.equal(frameworks[1].label, 'keras (no Rprop)');
    assert.equal(frameworkChoices({ name: 'nadam', framework: 'tf.keras' }).find((f) => f.id === 'keras')?.disabled, undefined);
  });

  it('retarget keeps the lr, the row’s own schedule and noise, and drops the recognizer’s defaultsUsed', () => {
    const spec = {
      name: 'nadam',
      framework: 'pytorch',
      hyperparameters: { lr: 0.002, betas: [0.8, 0.9] },
      defaultsUsed: ['eps'],
      schedule: { name: 'StepLR', step_size: 10 },
      noise: { std: 0.1 },
    };
    assert.deepEqual(retarget(spec, 'radam', 'pytorch'), {
      name: 'radam',
      framework: 'pytorch',
      hyperparameters: { lr: 0.002 },
      schedule: { name: 'StepLR', step_size: 10 },
      noise: { std: 0.1 },
    });
  });
});

describe('optimizer lab: every simulated schedule is selectable', () => {
  it('lists every PyTorch scheduler, Keras and optax schedule, each with starting arguments that run for 300 steps', () => {
    const names = scheduleSignatures().map((s) => s.name);
    assert.equal(names.length, 15 + 6 + 12);
    assert.deepEqual(
      SCHEDULE_CHOICES.map((c) => c.id),
      ['none', ...names],
    );
    assert.deepEqual(Object.keys(SCHEDULES).sort(), ['none', ...names].sort());
    for (const id of names) {
      const spec = scheduleFor(id, 0.05)!;
      assert.equal(scheduleId(spec), id);
      // Every optimizer family: with a momentum (SGD), with β₁ (Adam), with neither (GD, whose runs may need cycle_momentum off).
      for (const optimizer of [
        { name: 'sgd', hyperparameters: { lr: 0.01, momentum: 0.9 } },
        { name: 'adam', hyperparameters: { lr: 0.05 } },
      ]) {
        const r = run({ ...defaultRequest(), optimizers: [{ framework: 'pytorch', ...optimizer }], schedule: spec });
        assert.equal(r.runs[0].lr.length, 300, id);
        assert.equal(scheduleProblem(spec, 0.05, 300, true), undefined, id);
      }
      const view = scheduleView(spec);
      assert.ok(
        view.fields.every((f) => f.value !== undefined || !f.required),
        `${id}: every required argument has a starting value`,
      );
      assert.equal(view.extra.length, 0, id);
    }
    assert.match(scheduleProblem(scheduleFor('OneCycleLR', 0.1), 0.1, 300, false)!, /cycle_momentum/, 'GD has no momentum to cycle: the simulator says so');
  });

  it('shows each argument with the library default marked, and parses field text back by kind', () => {
    const view = scheduleView({ name: 'LinearLR', start_factor: 0.1, total_iters: 20 });
    assert.deepEqual(
      view.fields.map((f) => [f.name, f.text, f.isDefault]),
      [
        ['start_factor', '0.1', false],
        ['end_factor', '1', true],
        ['total_iters', '20', false],
      ],
    );
    const cyclic = scheduleView(scheduleFor('CyclicLR', 0.01)!);
    const byName = Object.fromEntries(cyclic.fields.map((f) => [f.name, f]));
    assert.equal(byName.step_size_down.text, 'None');
    assert.equal(byName.scale_fn.kind, 'function');
    assert.equal(byName.cycle_momentum.text, 'True');
    assert.deepEqual(parseField('', byName.step_size_down), { reset: true });
    assert.deepEqual(parseField('None', byName.step_size_down), { value: null });
    assert.deepEqual(parseField('False', byName.cycle_momentum), { value: false });
    assert.deepEqual(parseField("'exp_range'", byName.mode), { value: 'exp_range' });
    assert.deepEqual(parseField('', byName.base_lr), { error: 'base_lr has no default: enter a value.' });
    assert.deepEqual(parseField('[30, 80]', { name: 'milestones', kind: 'numbers', integer: false, required: true }), { value: [30, 80] });
    assert.deepEqual(parseField('0.5 1.5', { name: 'etas', kind: 'pair', integer: false, required: false }), { value: [0.5, 1.5] });
    assert.deepEqual(parseField('2.5', { name: 'T_0', kind: 'number', integer: true, required: true }), { error: 'T_0 must be a whole number, not 2.5.' });
    const scales = scheduleView(scheduleFor('optax.piecewise_constant_schedule', 0.1)!).fields.find((f) => f.name === 'boundaries_and_scales')!;
    assert.equal(scales.text, '100: 0.5, 200: 0.5');
    assert.deepEqual(parseField('{50: 0.1, 150: 0.5}', scales), {
      value: [
        [50, 0.1],
        [150, 0.5],
      ],
    });
    assert.match((parseField('50 0.1', scales) as { error: string }).error, /step: scale/);
  });

  it('lr_lambda shows as its source, editable, parsed and run by the simulator’s own reader, errors as it reports them', () => {
    const view = scheduleView({ name: 'LambdaLR', lr_lambda: 'lambda epoch: 0.95 ** epoch' });
    const f = view.fields[0];
    assert.deepEqual([f.name, f.kind, f.text, f.isDefault], ['lr_lambda', 'function', 'lambda epoch: 0.95 ** epoch', false]);
    assert.deepEqual(parseField('lambda e: 1 / (1 + e)', f, 'LambdaLR'), { value: 'lambda e: 1 / (1 + e)' });
    const def = 'def warm(step):\n    if step < 10:\n        return (step + 1) / 10\n    return 0.5 ** ((step - 10) // 50)';
    assert.deepEqual(parseField(def, f, 'LambdaLR'), { value: def });
    for (const [bad, message] of [
      ['lambda epoch: 0.95 **', /syntax error/],
      ['lambda epoch: warmup / epoch', /`warmup` is not known here/],
      ['lambda epoch: 1 / epoch', /epoch = 0/],
      ['0.95', /must be a lambda/],
    ] as const) {
      const parsed = parseField(bad, f, 'LambdaLR') as { error: string };
      assert.match(parsed.error, message, bad);
      // The same words a run gives.
      let runError = '';
      try {
        simulateOptimizer({ ...defaultRequest(), schedule: { name: 'LambdaLR', lr_lambda: bad }, steps: 5 });
      } catch (e) {
        runError = (e as Error).message;
      }
      assert.ok(runError.includes(parsed.error.replace(/, at epoch = \d\.$/, '').slice(0, 40)), `${bad}: "${parsed.error}" vs run "${runError}"`);
    }
    assert.equal(functionProblem('lambda t: 0.9 ** t', 'LambdaLR lr_lambda'), undefined);
    assert.equal(compilePyFunction('lambda t: 0.9 ** t', 'x')(2), 0.81);
    // Edited in the request, the run follows it.
    const edited = withScheduleArg({ name: 'LambdaLR', lr_lambda: 'lambda epoch: 0.95 ** epoch' }, [], 'lr_lambda', 'lambda e: 0.5 if e >= 3 else 1.0');
    const lr = lrOf({ ...defaultRequest(), optimizers: [{ name: 'sgd', framework: 'pytorch', hyperparameters: { lr: 0.01 } }], schedule: edited, steps: 5 })[0];
    assert.deepEqual(lr, [0.01, 0.01, 0.01, 0.005, 0.005]);
    assert.equal(fieldText('function', ''), 'None', 'CyclicLR without scale_fn');
  });

  it('composites show their children with when each runs; children, milestones and boundaries are editable', () => {
    const seq: ScheduleSpec = {
      name: 'SequentialLR',
      milestones: [20],
      schedulers: [
        { name: 'LinearLR', start_factor: 0.1, total_iters: 20 },
        { name: 'CosineAnnealingLR', T_max: 280, eta_min: 1e-5 },
      ],
    };
    const view = scheduleView(seq);
    assert.deepEqual(
      view.fields.map((f) => [f.name, f.text]),
      [['milestones', '20']],
    );
    const c = view.composite!;
    assert.equal(c.key, 'schedulers');
    assert.deepEqual(
      c.children.map((k) => [k.view?.id, k.when]),
      [
        ['LinearLR', 'steps 0 to 19'],
        ['CosineAnnealingLR', 'from step 20'],
      ],
    );
    assert.deepEqual(
      c.children[1].view!.fields.map((f) => [f.name, f.text, f.isDefault]),
      [
        ['T_max', '280', false],
        ['eta_min', '1e-5', false],
      ],
    );
    assert.ok(!c.choices.some((x) => ['SequentialLR', 'ChainedScheduler', 'ReduceLROnPlateau'].includes(x.id) || x.library !== 'pytorch'));
    assert.ok(childChoices('optax.join_schedules').every((x) => x.library === 'optax' && x.id !== 'optax.join_schedules'));
    // A child's argument, a child replaced, one added (a milestone 50 steps later), one removed.
    const edited = withScheduleArg(seq, [1], 'eta_min', 0);
    assert.deepEqual((edited.schedulers as ScheduleSpec[])[1], { name: 'CosineAnnealingLR', T_max: 280, eta_min: 0 });
    const swapped = withChild(seq, 0, 'ConstantLR');
    assert.deepEqual((swapped.schedulers as ScheduleSpec[])[0], { name: 'ConstantLR', factor: 0.5, total_iters: 100 });
    const added = addChild(seq);
    assert.deepEqual(added.milestones, [20, 70]);
    assert.equal((added.schedulers as unknown[]).length, 3);
    assert.deepEqual(
      scheduleView(added).composite!.children.map((k) => k.when),
      ['steps 0 to 19', 'steps 20 to 69', 'from step 70'],
    );
    const removed = removeChild(added, 0);
    assert.deepEqual(removed.milestones, [70]);
    assert.deepEqual(
      (removed.schedulers as ScheduleSpec[]).map((s) => s.name),
      ['CosineAnnealingLR', 'ExponentialLR'],
    );
    for (const s of [edited, swapped, added, removed]) assert.equal(scheduleProblem(s, 0.01, 300, true), undefined, JSON.stringify(s));
    // Milestones that do not fit the children: the simulator's words, inline.
    assert.match(scheduleProblem(withScheduleArg(seq, [], 'milestones', [20, 40]), 0.01, 300, true)!, /number of milestones/);
    // The edited composite runs as the same schedule written by hand.
    const opt = [{ name: 'sgd', framework: 'pytorch', hyperparameters: { lr: 0.1 } }];
    assert.deepEqual(
      lrOf({ ...defaultRequest(), optimizers: opt, schedule: edited }),
      lrOf({
        ...defaultRequest(),
        optimizers: opt,
        schedule: { ...seq, schedulers: [seq.schedulers![0 as never], { name: 'CosineAnnealingLR', T_max: 280 }] } as ScheduleSpec,
      }),
    );
    // A child the simulator cannot run there is shown read-only, summarized.
    const nested = scheduleView({ name: 'ChainedScheduler', schedulers: [{ name: 'ReduceLROnPlateau' }, { name: 'StepLR', step_size: 5 }] });
    assert.equal(nested.composite!.children[0].view, undefined);
    assert.equal(nested.composite!.children[0].summary, 'ReduceLROnPlateau()');
    assert.equal(nested.composite!.children[1].when, 'every step');
  });

  it('a schedule nothing simulates stays selected (marked), with its arguments read-only', () => {
    const id = scheduleId({ name: 'WarmupCosineLR', warmup: 5 });
    assert.equal(id, 'WarmupCosineLR');
    assert.equal(scheduleChoicesFor(id).at(-1)!.label, 'WarmupCosineLR (not simulated)');
    assert.deepEqual(scheduleView({ name: 'WarmupCosineLR', warmup: 5 }).extra, [['warmup', 5]]);
    assert.equal(scheduleId({ name: 'torch.optim.lr_scheduler.StepLR', step_size: 3 }), 'StepLR');
    assert.equal(scheduleId({ name: 'keras.optimizers.schedules.CosineDecay' }), 'keras.CosineDecay');
    assert.equal(scheduleId({ name: 'optax.schedules.linear_schedule' }), 'optax.linear_schedule');
    assert.equal(scheduleId(null), 'none');
  });
});

describe('optimizer lab: a request from code opens as written', () => {
  const finetune = readFileSync(join('examples', 'finetune.py'), 'utf8');

  it('NAdam + SequentialLR (examples/finetune.py): NAdam and SequentialLR selected, defaults marked, children and milestones shown, same numbers', () => {
    const recognized = recognizeAt(finetune, 'SequentialLR(optimizer, schedulers=[warmup, decay], milestones=[warmup_steps])');
    assert.ok(isRequestFor('optimizer', recognized));
    const lab = normalizeRequest(recognized);
    const [spec] = specsOf(lab);
    assert.equal(optimizerId(spec.name), 'nadam');
    assert.ok(optimizerChoices(spec).some((c) => c.id === 'nadam' && !/not simulated/.test(c.label)));
    assert.deepEqual(spec.hyperparameters, { lr: 0.002, weight_decay: 1e-4, decoupled_weight_decay: true }, 'only what the code wrote');
    assert.equal(spec.schedule, undefined, 'the schedule is kept once, where the schedule controls edit it');
    const fields = Object.fromEntries(hyperFields(spec).fields.map((f) => [f.name, f]));
    assert.deepEqual(
      [fields.betas.isDefault, fields.eps.isDefault, fields.momentum_decay.isDefault, fields.lr.isDefault, fields.decoupled_weight_decay.isDefault],
      [true, true, true, false, false],
    );
    assert.equal(scheduleId(lab.schedule), 'SequentialLR');
    const children = scheduleView(lab.schedule!).composite!.children;
    assert.deepEqual(
      children.map((k) => [k.view?.id, k.when]),
      [
        ['LinearLR', 'steps 0 to 49'],
        ['CosineAnnealingLR', 'from step 50'],
      ],
    );
    // The lab's form of the request runs exactly as the request the recognizer gave.
    const a = simulate(recognized) as OptimizerResult;
    const b = simulate(lab) as OptimizerResult;
    assert.deepEqual(b.trajectory, a.trajectory);
    assert.deepEqual(b.lr, a.lr);
    assert.deepEqual(b.optimizer.hyperparameters, a.optimizer.hyperparameters);
    assert.deepEqual(b.optimizer.defaultsUsed, ['betas', 'eps', 'momentum_decay', 'maximize'], 'the run reports them as defaults again');
    assert.ok(Math.abs(a.lr[49] - 0.002 * (0.1 + (0.9 * 49) / 50)) < 1e-15, 'the last warm-up step');
    // Editing a field marked default makes it written.
    const edited = withHyper(lab, 0, 'betas', [0.8, 0.99]);
    assert.equal(hyperFields(specsOf(edited)[0]).fields.find((f) => f.name === 'betas')!.isDefault, false);
  });

  it('Keras Nadam + CosineDecay, optax adamw + warm-up cosine, optax join_schedules, LambdaLR, ReduceLROnPlateau: each opens with its own choice and runs the same', () => {
    const code = [
      'import keras, optax, torch',
      'from torch.optim.lr_scheduler import LambdaLR, ReduceLROnPlateau',
      'model = torch.nn.Linear(2, 2)',
      'sched = keras.optimizers.schedules.CosineDecay(1e-3, decay_steps=1000, warmup_target=1e-2, warmup_steps=100)',
      'opt = keras.optimizers.Nadam(learning_rate=sched)',
      'tx = optax.adamw(optax.warmup_cosine_decay_schedule(0.0, 1e-3, 100, 1000))',
      'tx2 = optax.sgd(optax.join_schedules([optax.linear_schedule(0., 0.1, 50), optax.constant_schedule(0.1)], [50]))',
      'o = torch.optim.Rprop(model.parameters(), lr=0.01)',
      'lam = LambdaLR(o, lr_lambda=lambda epoch: 0.95 ** epoch)',
      'plateau = ReduceLROnPlateau(o, factor=0.5, patience=3)',
    ].join('\n');
    const cases: [string, string, string, string][] = [
      ['keras.optimizers.Nadam(learning_rate=sched)', 'keras', 'nadam', 'keras.CosineDecay'],
      ['optax.adamw(optax.warmup_cosine_decay_schedule(0.0, 1e-3, 100, 1000))', 'optax', 'adamw', 'optax.warmup_cosine_decay_schedule'],
      ['optax.sgd(optax.join_schedules([optax.linear_schedule(0., 0.1, 50), optax.constant_schedule(0.1)], [50]))', 'optax', 'sgd', 'optax.join_schedules'],
      ['LambdaLR(o, lr_lambda=lambda epoch: 0.95 ** epoch)', 'pytorch', 'rprop', 'LambdaLR'],
      ['ReduceLROnPlateau(o, factor=0.5, patience=3)', 'pytorch', 'rprop', 'ReduceLROnPlateau'],
    ];
    for (const [select, framework, name, schedule] of cases) {
      const recognized = recognizeAt(code, select);
      assert.ok(isRequestFor('optimizer', recognized), select);
      const lab = normalizeRequest(recognized);
      const [spec] = specsOf(lab);
      assert.deepEqual([spec.framework, optimizerId(spec.name), scheduleId(lab.schedule)], [framework, name, schedule], select);
      assert.ok(
        optimizerChoices(spec).some((c) => c.id === name && !/not simulated/.test(c.label)),
        select,
      );
      assert.ok(
        SCHEDULE_CHOICES.some((c) => c.id === schedule),
        select,
      );
      const a = simulate(recognized) as OptimizerResult;
      const b = simulate(lab) as OptimizerResult;
      assert.deepEqual([b.lr, b.trajectory], [a.lr, a.trajectory], select);
      if (schedule === 'ReduceLROnPlateau') {
        assert.match(b.schedule!.notes!.join(' '), /metric .* cannot be read from the code/, 'the note the lab shows under the schedule');
        assert.deepEqual(
          scheduleView(lab.schedule!)
            .fields.filter((f) => !f.isDefault)
            .map((f) => [f.name, f.text]),
          [
            ['factor', '0.5'],
            ['patience', '3'],
          ],
        );
      }
      if (schedule === 'LambdaLR') assert.equal(scheduleView(lab.schedule!).fields[0].text, 'lambda epoch: 0.95 ** epoch');
      if (schedule === 'optax.join_schedules') {
        const c = scheduleView(lab.schedule!).composite!;
        assert.deepEqual(
          c.children.map((k) => [k.view?.id, k.when]),
          [
            ['optax.linear_schedule', 'steps 0 to 49'],
            ['optax.constant_schedule', 'from step 50'],
          ],
        );
      }
    }
  });

  it('every optimizer call of the training corpus and examples: the protocol lets it through, the lab selects its optimizer and schedule, and runs the same numbers', () => {
    const files = [
      ...readdirSync(join('test', 'recognize-corpus'))
        .filter((f) => f.startsWith('train_'))
        .map((f) => join('test', 'recognize-corpus', f)),
      ...readdirSync('examples')
        .filter((f) => f.endsWith('.py'))
        .map((f) => join('examples', f)),
    ];
    let checked = 0;
    const schedules = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const span of simulatableSpans(text)) {
        if (span.kind !== 'optimizer') continue;
        const r = recognizeRequest(text, { from: span.from, to: span.to });
        if ('error' in r || (r as { kind: string }).kind !== 'optimizer') continue;
        const recognized = r as unknown as OptimizerRequest;
        const where = `${file}:${text.slice(0, span.from).split('\n').length}`;
        assert.ok(isRequestFor('optimizer', recognized), `${where}: dropped by the protocol`);
        assert.ok(parseToWebview({ type: 'showLab', lab: 'optimizer', request: recognized }), where);
        const lab = normalizeRequest(recognized);
        assert.ok(parseLabState({ lab: 'optimizer', requests: { optimizer: lab } })?.requests.optimizer, `${where}: the lab's saved form restores`);
        for (const spec of specsOf(lab))
          assert.ok(!/not simulated/.test(optimizerChoices(spec).find((c) => c.id === optimizerId(spec.name))!.label), `${where}: ${spec.name}`);
        const sid = scheduleId(lab.schedule);
        assert.ok(
          SCHEDULE_CHOICES.some((c) => c.id === sid),
          `${where}: schedule ${sid}`,
        );
        if (lab.schedule) {
          schedules.add(sid);
          const view = scheduleView(lab.schedule);
          assert.deepEqual(view.extra, [], `${where}: every argument has a field`);
          for (const k of view.composite?.children ?? []) assert.ok(k.view, `${where}: child ${k.summary}`);
        }
        let a: OptimizerResult | undefined;
        try {
          a = simulate({ ...recognized, steps: 50 }) as OptimizerResult;
        } catch {
          a = undefined; // a request the simulator rejects (e.g. an unknown); the lab shows the same error
        }
        if (a) {
          const b = simulate({ ...lab, steps: 50 }) as OptimizerResult;
          assert.deepEqual([b.lr, b.trajectory], [a.lr, a.trajectory], where);
        }
        checked++;
      }
    }
    assert.ok(checked >= 30, `${checked} optimizer and schedule calls`);
    assert.ok(schedules.size >= 10, [...schedules].join(', '));
  });
});

describe('optimizer lab: the protocol checks an optimizer request’s shape on receipt', () => {
  const base = (): OptimizerRequest => ({
    kind: 'optimizer',
    optimizer: { name: 'nadam', framework: 'pytorch', hyperparameters: { lr: 0.002 } },
    objective: { name: 'rosenbrock' },
    steps: 10,
  });

  it('accepts schedules with children, lr_lambda sources and optax boundaries_and_scales', () => {
    for (const schedule of [
      scheduleFor('SequentialLR'),
      scheduleFor('LambdaLR'),
      scheduleFor('optax.piecewise_constant_schedule'),
      { name: 'optax.piecewise_constant_schedule', init_value: 1, boundaries_and_scales: { 100: 0.5 } },
      null,
    ]) {
      assert.ok(isRequestFor('optimizer', { ...base(), schedule }), JSON.stringify(schedule));
    }
  });

  it('drops malformed schedules and optimizers', () => {
    const bad: unknown[] = [
      { ...base(), schedule: { name: 'SequentialLR', schedulers: 'warmup' } },
      { ...base(), schedule: { name: 'SequentialLR', schedulers: [{ name: 'SequentialLR', schedulers: [{ name: 'StepLR' }] }] } },
      { ...base(), schedule: { name: 'SequentialLR', schedulers: Array.from({ length: 17 }, () => ({ name: 'StepLR', step_size: 1 })) } },
      { ...base(), schedule: { step_size: 3 } },
      { ...base(), schedule: { name: 'LambdaLR', lr_lambda: 'x'.repeat(20_001) } },
      { ...base(), schedule: { name: 'StepLR', step_size: { value: 3 } } },
      { ...base(), schedule: { name: 'optax.piecewise_constant_schedule', boundaries_and_scales: [[1, 2, 3]] } },
      { ...base(), optimizer: { name: 'adam', hyperparameters: { lr: 'fast' as unknown as number, betas: [0.9, {}] } } },
      { ...base(), optimizer: { name: 'adam', schedule: { name: 3 } } },
      { ...base(), optimizer: undefined, optimizers: Array.from({ length: 17 }, () => ({ name: 'sgd' })) },
      { ...base(), optimizer: { name: '' } },
      { ...base(), steps: -1 },
    ];
    for (const request of bad) {
      assert.equal(isRequestFor('optimizer', request), false, JSON.stringify(request).slice(0, 120));
      assert.equal(parseToWebview({ type: 'showLab', lab: 'optimizer', request }), undefined);
    }
  });
});

describe('optimizer lab: terms open the lab with their optimizer', () => {
  it('the NAdam term opens NAdam; “inverse-time” is a schedule that meets Robbins–Monro', () => {
    const nadam = optimizerRequestFromParams({ optimizer: 'nadam', lr: 0.002 })!;
    assert.equal(nadam.optimizers![0].name, 'nadam');
    const inverse = optimizerRequestFromParams({ optimizer: 'sgd', lr: 0.5, schedule: 'inverse-time' })!;
    assert.equal(inverse.schedule!.name, 'keras.InverseTimeDecay');
    assert.equal(simulateOptimizer({ ...inverse, steps: 10 }).robbinsMonro?.satisfied, true);
    assert.equal(optimizerRequestFromParams({ optimizer: 'sgd', lr: 0.1, schedule: 'OneCycleLR' })!.schedule!.name, 'OneCycleLR');
  });

  it('withSharedSchedule drops a row’s own schedule', () => {
    const r = normalizeRequest({
      kind: 'optimizer',
      optimizers: [{ name: 'sgd', hyperparameters: { lr: 0.1 }, schedule: { name: 'StepLR', step_size: 5 } }, { name: 'adam' }],
      objective: { name: 'rosenbrock' },
      steps: 10,
    });
    assert.deepEqual(specsOf(r)[0].schedule, { name: 'StepLR', step_size: 5 }, 'not shared by every optimizer: it stays the row’s own');
    assert.equal(specsOf(withSharedSchedule(r, 0))[0].schedule, undefined);
  });
});
