/**
 * Every optimizer and scheduler of the training scripts in test/recognize-corpus/train_*.py,
 * selected through the CLI (`node dist/cli.js recognize FILE --range L1:C1-L2:C2`, the built
 * bundle, as cli.test.ts uses it) and simulated (`simulate -`).
 *
 * - PyTorch scripts (train_imagenet.py, train_dataclass.py): the hyperparameters read and the
 *   learning rate (and cycled momentum) at every step are compared with what PyTorch builds from
 *   the same code (test/fixtures/train_corpus.json, gen_train_corpus.py).
 * - Keras and optax scripts (train_keras.py, train_flax_optax.py): no TensorFlow or JAX here, so
 *   the values are checked against Keras' and optax's documented rules, written next to each case.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const CORPUS = join('test', 'recognize-corpus');

function cli(args: string[], input?: string): { status: number | null; json: Record<string, unknown>; stderr: string } {
  const run = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', input, maxBuffer: 1 << 28 });
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(run.stdout) as Record<string, unknown>;
  } catch {
    /* reported by the assertion on status */
  }
  return { status: run.status, json, stderr: run.stderr };
}

/** 1-based L:C of an offset. */
function lc(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/** The CLI's answer for the first occurrence of `select` in the corpus file, selected as a range. */
function recognize(file: string, select: string, occurrence = 0): Record<string, unknown> {
  const text = readFileSync(join(CORPUS, file), 'utf8');
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(select, at + 1);
  assert.ok(at >= 0, `${select} not found in ${file}`);
  const r = cli(['recognize', join(CORPUS, file), '--range', `${lc(text, at)}-${lc(text, at + select.length)}`]);
  assert.equal(r.status, 0, `${file} ${select}: ${r.stderr}`);
  if ('error' in r.json) assert.fail(`${file} ${select}: ${String(r.json.error)}`);
  assert.equal(r.json.kind, 'optimizer', JSON.stringify(r.json).slice(0, 300));
  return r.json;
}

/**
 * The request run as the lab runs it, on a gentle bowl so that no learning rate of these scripts
 * diverges (the run, and its lr list, would stop there): the schedule is what is compared.
 */
function simulate(request: Record<string, unknown>, steps?: number): { lr: number[]; momentum?: number[]; trajectory: number[][]; diverged?: unknown } {
  const r = cli(['simulate', '-'], JSON.stringify({ ...request, objective: { expr: '1e-4 * (x**2 + y**2)' }, start: [1, 1], ...(steps ? { steps } : {}) }));
  assert.equal(r.status, 0, r.stderr);
  const result = r.json as unknown as { lr: number[]; momentum?: number[]; trajectory: number[][]; diverged?: unknown };
  assert.equal(result.diverged, undefined);
  return result;
}

const close = (got: number[], want: number[], tol = 1e-13) => {
  assert.equal(got.length, want.length);
  want.forEach((w, k) => assert.ok(Math.abs(got[k] - w) <= tol * Math.abs(w) || got[k] === w, `step ${k}: ${got[k]} vs ${w}`));
};

type Optimizer = { name: string; framework: string; hyperparameters: Record<string, unknown>; schedule?: Record<string, unknown> };
const optimizerOf = (r: Record<string, unknown>) => r.optimizer as Optimizer;

interface TorchCase {
  file: string;
  select: string;
  optimizer: { class: string; defaults: Record<string, unknown> };
  scheduler?: string;
  steps?: number;
  lr?: number[];
  momentum?: number[];
}

const fixture = JSON.parse(readFileSync(join('test', 'fixtures', 'train_corpus.json'), 'utf8')) as { torch: string; cases: TorchCase[] };
const TORCH_NAMES: Record<string, string> = {
  SGD: 'sgd',
  Adam: 'adam',
  AdamW: 'adamw',
  NAdam: 'nadam',
  RAdam: 'radam',
  Adamax: 'adamax',
  Adadelta: 'adadelta',
  Rprop: 'rprop',
  ASGD: 'asgd',
};

describe(`training scripts through the CLI: PyTorch ${fixture.torch} builds the same optimizers and schedules`, function () {
  this.timeout(120_000); // each case runs the CLI (a node process) once or twice
  for (const c of fixture.cases) {
    it(`${c.file}: ${c.select}… → ${c.optimizer.class}${c.scheduler ? ` + ${c.scheduler}` : ''}`, () => {
      const r = recognize(c.file, c.select);
      const o = optimizerOf(r);
      assert.equal(o.name, TORCH_NAMES[c.optimizer.class]);
      assert.equal(o.framework, 'pytorch');
      for (const [k, v] of Object.entries(c.optimizer.defaults)) assert.deepEqual(o.hyperparameters[k], v, `${k}: ${JSON.stringify(o.hyperparameters)}`);
      if (!c.scheduler) {
        assert.equal(r.schedule, undefined);
        return;
      }
      assert.equal((r.schedule as { name: string }).name, c.scheduler);
      const run = simulate(r, c.steps);
      close(run.lr, c.lr!);
      if (c.momentum) close(run.momentum!, c.momentum);
      else assert.equal(run.momentum, undefined);
    });
  }

  it('train_imagenet.py: where each value came from (argparse defaults, set_defaults, a string default through type=float)', () => {
    const r = recognize('train_imagenet.py', 'StepLR(optimizer');
    const from = r.resolvedFrom as Record<string, string>;
    assert.equal(from['args.lr'], 'the argparse default of --lr/--learning-rate (line 24)');
    assert.equal(from['args.lr_gamma'], 'parser.set_defaults(lr_gamma=…) (line 37)');
    assert.equal(from['args.weight_decay'], 'the argparse default of --wd/--weight-decay (line 26), converted by type=float');
    assert.equal(from['args.nesterov'], '--nesterov is a store_true flag, False unless given (line 27)');
    const notes = (r.notes as string[]).join('\n');
    assert.match(notes, /build_optimizer\(args, model\) \(line 89\) returns torch\.optim\.SGD\(\.\.\.\) \(line 56\): `args\.optimizer == "adamw"` is False/);
    assert.match(notes, /args\.lr = 0\.1: the argparse default of --lr\/--learning-rate \(line 24\)\./);
  });

  it('train_imagenet.py: ReduceLROnPlateau says what depends on the validation metric', () => {
    const r = recognize('train_imagenet.py', 'lr_scheduler.ReduceLROnPlateau(optimizer');
    assert.match(
      (r.notes as string[]).join('\n'),
      /metric \(mode='max'\).*patience=3.*cannot be read from the code: the lr is shown at its starting value, constant/s,
    );
  });

  it('train_dataclass.py: dataclass defaults, constructor arguments, a later attribute assignment and a SimpleNamespace', () => {
    const r = recognize('train_dataclass.py', 'LambdaLR(optimizer');
    const from = r.resolvedFrom as Record<string, string>;
    assert.equal(from['cfg.optim.lr'], 'the default of OptimConfig.lr (line 17)');
    assert.equal(from['cfg.optim.weight_decay'], 'the default of OptimConfig.weight_decay, field(default=…) (line 20)');
    assert.equal(from['cfg.epochs'], 'TrainConfig(epochs=…) (line 33)');
    assert.equal(from['cfg.warmup_steps'], 'cfg.warmup_steps = … (line 34)');
    // The closure's free names (num_warmup_steps, num_training_steps) are the helper's arguments.
    assert.match(String((r.schedule as { lr_lambda: string }).lr_lambda), /if current_step < 800:\n {8}return float\(current_step\) \/ float\(max\(1, 800\)\)/);
    assert.match(
      (r.notes as string[])[0],
      /get_linear_schedule_with_warmup\(\)'s parameters are bound by its call get_linear_schedule_with_warmup\(optimizer, cfg\.warmup_steps, total\) \(line 71\)/,
    );
    const adam = recognize('train_dataclass.py', 'Adam(model.parameters(), lr=baseline');
    assert.deepEqual(adam.resolvedFrom, { 'baseline.lr': 'SimpleNamespace(lr=…) (line 37)' });
  });

  it('a scheduler inside a ChainedScheduler or SequentialLR, selected alone, is shown alone and points to the composite', () => {
    const r = recognize('train_dataclass.py', 'ExponentialLR(adamax');
    assert.deepEqual(r.schedule, { name: 'ExponentialLR', gamma: 0.99 });
    assert.ok(
      (r.notes as string[]).includes('ExponentialLR is one of the schedulers of ChainedScheduler (line 98); select that call to see the whole schedule.'),
      JSON.stringify(r.notes),
    );
    const cos = recognize('train_imagenet.py', 'CosineAnnealingLR(optimizer');
    assert.ok(
      (cos.notes as string[]).includes('CosineAnnealingLR is one of the schedulers of SequentialLR (line 72); select that call to see the whole schedule.'),
      JSON.stringify(cos.notes),
    );
  });

  it('helpers selected where they are called: the branch the defaults take, a closure lr_lambda, an optax schedule factory', () => {
    assert.deepEqual(recognize('train_imagenet.py', 'build_scheduler(args, optimizer, steps_per_epoch)', 1).schedule, {
      name: 'StepLR',
      step_size: 30,
      gamma: 0.1,
    });
    const warmup = recognize('train_dataclass.py', 'get_linear_schedule_with_warmup(optimizer, cfg.warmup_steps, total)');
    assert.equal((warmup.schedule as { name: string }).name, 'LambdaLR');
    assert.equal(optimizerOf(warmup).name, 'adamw');
    assert.equal((recognize('train_flax_optax.py', 'create_learning_rate_fn(config)', 1).schedule as { warmup_steps: number }).warmup_steps, 780);
  });

  it('train_dataclass.py: a scheduler built by a helper, selected where the helper is called', () => {
    const r = recognize('train_dataclass.py', 'make_scheduler(optimizer, total_steps=cfg.epochs * cfg.steps_per_epoch)');
    assert.deepEqual(r.schedule, { name: 'OneCycleLR', max_lr: 3e-4 * 10, total_steps: 10000, anneal_strategy: 'linear' });
    assert.deepEqual(r.boundBy, { call: 'make_scheduler(optimizer, total_steps=cfg.epochs * cfg.steps_per_epoch)', line: 85 });
  });
});

describe('training scripts through the CLI: Keras (train_keras.py), by Keras’ documented rules', function () {
  this.timeout(120_000); // each case runs the CLI (a node process) once or twice
  it('from keras import optimizers: optimizers.Adam with a PiecewiseConstantDecay learning rate', () => {
    const r = recognize('train_keras.py', 'optimizers.Adam(learning_rate=lr_schedule)');
    const o = optimizerOf(r);
    assert.equal(o.framework, 'keras');
    // Keras: values[0] while step ≤ boundaries[0], values[1] after it (2808 = 6 · (60000 // 128)).
    assert.deepEqual(o.schedule, { name: 'keras.PiecewiseConstantDecay', boundaries: [2808, 4212], values: [1e-3, 1e-3 * 0.1, 1e-3 * 0.01] });
    const run = simulate(r, 4300);
    assert.deepEqual([run.lr[0], run.lr[2808], run.lr[2809], run.lr[4212], run.lr[4213]], [1e-3, 1e-3, 1e-4, 1e-4, 1e-3 * 0.01]);
  });

  it('tf.keras.optimizers.schedules.ExponentialDecay (import tensorflow as tf) and an SGD with clipnorm, which is named as not simulated', () => {
    const r = recognize('train_keras.py', 'optimizers.SGD(learning_rate=exp_decay');
    // init · rate^(k/decay_steps), the same per-step values as ExponentialLR(gamma = rate^(1/decay_steps)).
    assert.deepEqual(r.schedule, { name: 'ExponentialLR', gamma: 0.9 ** (1 / 468) });
    assert.deepEqual(optimizerOf(r).hyperparameters, { learning_rate: 1e-3, momentum: 0.9, nesterov: true, weight_decay: null });
    assert.deepEqual(r.warnings, ['optimizers.SGD: clipnorm=1.0 (gradient clipping by norm) is not simulated.']);
    const run = simulate(r);
    assert.ok(Math.abs(run.lr[100] - 1e-3 * 0.9 ** (100 / 468)) < 1e-17);
  });

  it('CosineDecay with warm-up: linear from initial_learning_rate to warmup_target over warmup_steps, then cosine over decay_steps', () => {
    const r = recognize('train_keras.py', 'tf.keras.optimizers.AdamW(learning_rate=cosine');
    assert.deepEqual(r.schedule, { name: 'keras.CosineDecay', initial_learning_rate: 0, decay_steps: 5616, warmup_target: 1e-3, warmup_steps: 468 });
    const run = simulate(r, 468 + 5616 + 2);
    assert.ok(Math.abs(run.lr[234] - 0.5e-3) < 1e-18);
    assert.equal(run.lr[468], 1e-3);
    assert.ok(Math.abs(run.lr[468 + 2808] - 0.5e-3) < 1e-15);
    assert.equal(run.lr[468 + 5616 + 1], run.lr[468 + 5616]);
  });

  it('PolynomialDecay: (init − end)(1 − k/D)^power + end, then end', () => {
    const r = recognize('train_keras.py', 'optimizers.Adamax(learning_rate=poly)');
    assert.equal(optimizerOf(r).name, 'adamax');
    const run = simulate(r, 5620);
    assert.ok(Math.abs(run.lr[2808] - ((1e-3 - 1e-5) * 0.25 + 1e-5)) < 1e-18);
    assert.equal(run.lr[5619], 1e-5);
  });

  it('Keras Nadam and Adam from a config dict, Adadelta, and Keras 2’s lr=/decay= read as Keras 2 ran them (with a warning)', () => {
    const g = recognize('train_keras.py', 'optimizers.Nadam(');
    assert.deepEqual(optimizerOf(g), {
      name: 'nadam',
      framework: 'keras',
      hyperparameters: { learning_rate: 2e-4, beta_1: 0.5, beta_2: 0.999, epsilon: 1e-7, weight_decay: null },
      defaultsUsed: ['beta_2', 'weight_decay'],
    } as unknown as Optimizer);
    assert.equal((g.resolvedFrom as Record<string, string>)['config["optimizer"]["epsilon"]'], '"epsilon" in the dict at line 18');
    assert.equal(optimizerOf(recognize('train_keras.py', 'keras.optimizers.Adam(learning_rate=config')).hyperparameters.beta_1, 0.5);
    assert.deepEqual(optimizerOf(recognize('train_keras.py', 'optimizers.Adadelta(')).hyperparameters, {
      learning_rate: 1,
      rho: 0.95,
      epsilon: 1e-7,
      weight_decay: null,
    });
    const legacy = recognize('train_keras.py', 'optimizers.RMSprop(lr=');
    // Keras 2: lr_t = lr / (1 + decay · t), i.e. InverseTimeDecay(lr, decay_steps=1, decay_rate=decay).
    assert.deepEqual(legacy.schedule, { name: 'keras.InverseTimeDecay', initial_learning_rate: 1e-3, decay_steps: 1, decay_rate: 1e-4 });
    assert.match((legacy.warnings as string[])[0], /lr= and decay= are Keras 2 \(≤ 2\.10\) arguments: tf\.keras 2\.11\+ raises ValueError/);
    assert.ok(Math.abs(simulate(legacy).lr[100] - 1e-3 / 1.01) < 1e-18);
  });

  it('each schedule alone runs on Keras SGD', () => {
    for (const s of [
      'optimizers.schedules.PiecewiseConstantDecay',
      'tf.keras.optimizers.schedules.ExponentialDecay',
      'keras.optimizers.schedules.CosineDecay',
      'optimizers.schedules.PolynomialDecay',
    ]) {
      const r = recognize('train_keras.py', s);
      assert.equal(optimizerOf(r).framework, 'keras', s);
      assert.equal(optimizerOf(r).name, 'sgd', s);
      assert.equal(simulate(r).lr.length, 200, s);
    }
  });
});

describe('training scripts through the CLI: optax (train_flax_optax.py), by optax’s documented rules', function () {
  this.timeout(120_000); // each case runs the CLI (a node process) once or twice
  it('from optax import adamw, inside optax.chain, with warmup_cosine_decay_schedule from an ml_collections ConfigDict', () => {
    for (const select of ['adamw(learning_rate=schedule', 'optax.chain(', 'optax.warmup_cosine_decay_schedule(']) {
      const r = recognize('train_flax_optax.py', select);
      assert.deepEqual(
        r.schedule,
        { name: 'optax.warmup_cosine_decay_schedule', init_value: 0, peak_value: 1e-3, warmup_steps: 780, decay_steps: 11700, end_value: 1e-5 },
        select,
      );
    }
    const r = recognize('train_flax_optax.py', 'adamw(learning_rate=schedule');
    assert.deepEqual(optimizerOf(r).hyperparameters, { learning_rate: 0, b1: 0.9, b2: 0.98, eps: 1e-8, eps_root: 0, nesterov: false, weight_decay: 5e-4 });
    assert.deepEqual(r.warnings, ['optax.chain: optax.clip_by_global_norm is not simulated; the lab runs adamw alone.']);
    assert.equal((r.resolvedFrom as Record<string, string>)['config.optim.b2'], 'config.optim.b2 = … (line 25)');
    // optax: linear 0 → peak over warmup_steps, then cosine from peak to end over decay_steps − warmup_steps.
    const run = simulate(r);
    assert.ok(Math.abs(run.lr[78] - 1e-4) < 1e-18);
  });

  it('piecewise_constant_schedule with boundaries computed from the config, optax.nadam, join_schedules', () => {
    const sgd = recognize('train_flax_optax.py', 'optax.sgd(learning_rate=lr');
    assert.deepEqual(sgd.schedule, {
      name: 'optax.piecewise_constant_schedule',
      init_value: 0.1,
      boundaries_and_scales: [
        [58500, 0.1],
        [87750, 0.1],
      ],
    });
    assert.deepEqual(optimizerOf(sgd).hyperparameters, { learning_rate: 0.1, momentum: 0.9, nesterov: true });
    const nadam = recognize('train_flax_optax.py', 'optax.nadam(');
    assert.deepEqual(optimizerOf(nadam), {
      name: 'adam',
      framework: 'optax',
      hyperparameters: { learning_rate: 3e-4, b1: 0.9, b2: 0.999, eps: 1e-8, eps_root: 0, nesterov: true },
      defaultsUsed: ['eps', 'eps_root'],
    } as unknown as Optimizer);
    const join = recognize('train_flax_optax.py', 'optax.join_schedules(');
    const run = simulate(join);
    assert.ok(Math.abs(run.lr[100] - 1e-4) < 1e-18);
    // The schedules inside the join, each selected alone: linear 0 → 1e-3 over 1000 steps; constant.
    const linear = simulate(recognize('train_flax_optax.py', 'optax.linear_schedule(0.0'));
    assert.ok(Math.abs(linear.lr[150] - 1.5e-4) < 1e-18);
    const constant = simulate(recognize('train_flax_optax.py', 'optax.constant_schedule('));
    assert.ok(constant.lr.every((v) => v === 1e-3));
  });
});
