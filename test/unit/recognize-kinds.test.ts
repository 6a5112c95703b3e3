import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { simulateFlow, simulateOptimizer, type FlowRequest, type OptimizerRequest } from '../../compute';
import { recognizeRequest, NOTHING_RECOGNIZED, type AnyRecognition } from '../../compute/recognize';

/** The hyperparameters written in the code (the rest are framework defaults, listed in defaultsUsed). */
function given(all: Record<string, unknown>, written: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(written)) assert.deepEqual(all[k], v, k);
}

type Ok = Exclude<AnyRecognition, { error: string }> & Record<string, unknown>;
function ok(text: string, options = {}): Ok {
  const r = recognizeRequest(text, options);
  if ('error' in r) assert.fail(String(r.error));
  return r as Ok;
}
const opt = (r: Ok) =>
  r.optimizer as { name: string; framework: string; hyperparameters: Record<string, unknown>; defaultsUsed: string[]; schedule?: Record<string, unknown> };

describe('recognizeRequest: optimizers, schedules, objectives, flows', () => {
  it('reads optimizers with positional and keyword arguments, framework defaults listed', () => {
    let r = ok('opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)');
    assert.equal(r.kind, 'optimizer');
    assert.deepEqual(opt(r), {
      name: 'sgd',
      framework: 'pytorch',
      hyperparameters: { lr: 0.1, momentum: 0.9, dampening: 0, weight_decay: 0, nesterov: false, maximize: false },
      defaultsUsed: ['dampening', 'weight_decay', 'nesterov', 'maximize'],
    });
    assert.deepEqual(r.objective, { name: 'rosenbrock' });
    assert.deepEqual(r.start, [-1.5, 2]);
    assert.equal(r.steps, 200);
    r = ok('optimizer = optim.Adam(params, 3e-4, betas=(0.9, 0.99))');
    given(opt(r).hyperparameters, { lr: 3e-4, betas: [0.9, 0.99] });
    r = ok('opt = keras.optimizers.Adam(learning_rate=1e-3)');
    assert.equal(opt(r).framework, 'keras');
    assert.ok(opt(r).defaultsUsed.includes('epsilon'));
    r = ok('opt = tf.keras.optimizers.SGD(0.01, momentum=0.9)');
    given(opt(r).hyperparameters, { learning_rate: 0.01, momentum: 0.9 });
    r = ok('tx = optax.adamw(1e-3, weight_decay=1e-4)');
    given(opt(r).hyperparameters, { learning_rate: 1e-3, weight_decay: 1e-4 });
    r = ok('tx = optax.sgd(0.1, momentum=0.9)');
    given(opt(r).hyperparameters, { learning_rate: 0.1, momentum: 0.9 });
    for (const code of [
      'keras.optimizers.Adam(learning_rate=1e-3)',
      'tf.keras.optimizers.SGD(0.01, momentum=0.9)',
      'optax.adamw(1e-3)',
      'optax.sgd(0.1)',
      'keras.optimizers.RMSprop()',
      'torch.optim.Adagrad(p, lr=0.1)',
    ]) {
      const run = simulateOptimizer(ok(code) as unknown as OptimizerRequest);
      assert.ok(run.trajectory.length === 201 || run.diverged, code);
    }
    assert.ok(opt(ok('optax.adamw(1e-3)')).defaultsUsed.includes('weight_decay'));
    assert.equal(opt(ok('optax.adamw(1e-3)')).hyperparameters.weight_decay, 1e-4);
    assert.equal(opt(ok('keras.optimizers.Adam()')).hyperparameters.epsilon, 1e-7);
    r = ok('lr = 3e-4\nopt = torch.optim.AdamW(model.parameters(), lr=lr)');
    assert.deepEqual(r.resolved, { lr: 3e-4 });
    const sim = simulateOptimizer(r as unknown as OptimizerRequest);
    assert.equal(sim.trajectory.length, 201);
  });

  it('attaches a scheduler selected with its optimizer, or found through the optimizer variable', () => {
    const text = 'opt = torch.optim.SGD(model.parameters(), lr=0.1)\nsched = torch.optim.lr_scheduler.StepLR(opt, step_size=30, gamma=0.1)';
    assert.deepEqual(opt(ok(text)).schedule, { name: 'StepLR', step_size: 30, gamma: 0.1 });
    const cursor = text.indexOf('StepLR') + 2;
    const r = ok(text, { from: cursor, to: cursor });
    given(opt(r).hyperparameters, { lr: 0.1 });
    assert.deepEqual(r.schedule, { name: 'StepLR', step_size: 30, gamma: 0.1 });
    for (const s of [
      'CosineAnnealingLR(opt, T_max=100)',
      'ExponentialLR(opt, 0.99)',
      'MultiStepLR(opt, milestones=[30, 80], gamma=0.1)',
      'OneCycleLR(opt, max_lr=0.1, total_steps=200)',
      'LinearLR(opt, start_factor=0.5, total_iters=10)',
    ]) {
      const rr = ok(`opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\ns = torch.optim.lr_scheduler.${s}`);
      assert.equal(opt(rr).schedule?.name, s.slice(0, s.indexOf('(')));
      simulateOptimizer(rr as unknown as OptimizerRequest);
    }
    assert.match(
      String((recognizeRequest('s = torch.optim.lr_scheduler.StepLR(opt, 30)') as { error: string }).error),
      /`opt` is not assigned an optimizer call/,
    );
  });

  it('maps optax and Keras schedules (also given as the learning rate, or a name bound to one)', () => {
    let r = ok('sched = optax.exponential_decay(1e-3, 1000, 0.5)\ntx = optax.sgd(learning_rate=sched, momentum=0.9)');
    assert.equal(opt(r).hyperparameters.learning_rate, 1e-3);
    assert.equal(opt(r).schedule?.name, 'ExponentialLR');
    r = ok('tx = optax.adam(optax.cosine_decay_schedule(0.01, decay_steps=500))');
    assert.deepEqual(opt(r).schedule, { name: 'CosineAnnealingLR', T_max: 500, eta_min: 0 });
    r = ok(
      'lr = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=100, decay_rate=0.96, staircase=True)\nopt = keras.optimizers.SGD(learning_rate=lr)',
    );
    assert.deepEqual(opt(r).schedule, { name: 'StepLR', step_size: 100, gamma: 0.96 });
    // optax schedules with no PyTorch twin run with optax's own formula (compute/optim/schedules.ts).
    r = ok('tx = optax.adam(optax.warmup_cosine_decay_schedule(0.0, 1e-3, 100, 1000))');
    assert.deepEqual(opt(r).schedule, { name: 'optax.warmup_cosine_decay_schedule', init_value: 0, peak_value: 1e-3, warmup_steps: 100, decay_steps: 1000 });
    assert.equal(opt(r).hyperparameters.learning_rate, 0);
    let run = simulateOptimizer(r as unknown as OptimizerRequest);
    assert.ok(Math.abs(run.runs[0].lr[50] - 0.5e-3) < 1e-18 && run.runs[0].lr[100] === 1e-3);
    r = ok(
      'warm = optax.linear_schedule(0.0, 1e-2, 10)\ncos = optax.cosine_decay_schedule(1e-2, 90)\nlr = optax.join_schedules([warm, cos], boundaries=[10])\ntx = optax.sgd(lr)',
    );
    assert.deepEqual(opt(r).schedule, {
      name: 'optax.join_schedules',
      schedules: [
        { name: 'optax.linear_schedule', init_value: 0, end_value: 1e-2, transition_steps: 10 },
        { name: 'optax.cosine_decay_schedule', init_value: 1e-2, decay_steps: 90 },
      ],
      boundaries: [10],
    });
    run = simulateOptimizer({ ...(r as unknown as OptimizerRequest), steps: 12, objective: { name: 'quadratic' } });
    assert.ok(Math.abs(run.runs[0].lr[5] - 5e-3) < 1e-18 && run.runs[0].lr[10] === 1e-2, `${run.runs[0].lr}`);
    r = ok('tx = optax.sgd(optax.piecewise_constant_schedule(0.1, {100: 0.1, 150: 0.1}))');
    assert.deepEqual(opt(r).schedule, {
      name: 'optax.piecewise_constant_schedule',
      init_value: 0.1,
      boundaries_and_scales: [
        [100, 0.1],
        [150, 0.1],
      ],
    });
    r = ok('tx = optax.sgd(optax.exponential_decay(0.1, 100, 0.5, transition_begin=50, end_value=1e-3))');
    assert.equal(opt(r).schedule?.name, 'optax.exponential_decay');
    r = ok('tx = optax.adam(optax.cosine_onecycle_schedule(1000, 1e-2))');
    assert.deepEqual(opt(r).schedule, { name: 'optax.cosine_onecycle_schedule', transition_steps: 1000, peak_value: 1e-2 });
    assert.ok(Math.abs((opt(r).hyperparameters.learning_rate as number) - 1e-2 / 25) < 1e-17);
    r = ok('tx = optax.sgd(optax.linear_schedule(init_value=1e-3, end_value=0.0, transition_steps=500))');
    assert.equal(opt(r).schedule?.name, 'optax.linear_schedule');
    assert.match(
      String((recognizeRequest('tx = optax.sgd(optax.join_schedules([make_warmup(), 0.1], [10]))') as { error: string }).error),
      /is not an optax schedule call/,
    );
    assert.match(
      String((recognizeRequest('tx = optax.sgd(optax.sgdr_schedule([]))') as { error: string }).error),
      /optax.sgdr_schedule is not supported; optax schedules that can be simulated/,
    );
  });

  it('reads objectives (expression, def, lambda) with a default optimizer listed', () => {
    const r = ok('(1 - x)**2 + 100*(y - x**2)**2');
    assert.deepEqual(r.objective, { expr: '(1 - x)**2 + 100*(y - x**2)**2' });
    assert.deepEqual(opt(r).defaultsUsed, ['name', 'framework', 'lr']);
    simulateOptimizer(r as unknown as OptimizerRequest);
    const def = 'import numpy as np\ndef f(x, y):\n    return np.sin(x) * torch.exp(-y)\n';
    assert.match(String((ok(def, { from: def.indexOf('return'), to: def.indexOf('return') }).objective as { expr: string }).expr), /^def f/);
    assert.equal((ok('f = lambda x, y: x**2 + 3*y**2').objective as { expr: string }).expr, 'lambda x, y: x**2 + 3*y**2');
    const withNames = 'a = 1\nb = 100\nloss = (a - x)**2 + b*(y - x**2)**2';
    const named = ok(withNames, { from: withNames.indexOf('(a'), to: withNames.length });
    assert.deepEqual(named.objective, { expr: '((1) - x)**2 + (100)*(y - x**2)**2' });
    assert.deepEqual(named.resolved, { a: 1, b: 100 });
    assert.deepEqual(named.start, [-1.5, 2]);
    const twice = 'b = 1\nb = 2\nloss = b*x**2 + y**2';
    assert.match(
      String((recognizeRequest(twice, { from: twice.indexOf('b*'), to: twice.length }) as { error: string }).error),
      /`b` is assigned different values/,
    );
  });

  it('reads coupling layers as calls or as s/t assignments, and the flow simulates', () => {
    let r = ok('AffineCoupling(mask=[1, 0], s="tanh(x0)", t=lambda x0: x0**2)');
    assert.deepEqual(r.layers, [{ type: 'affine_coupling', mask: [1, 0], s: 'tanh(x0)', t: 'x0**2' }]);
    assert.equal((r.points as number[][]).length, 25);
    simulateFlow(r as unknown as FlowRequest);
    r = ok('mask = [0, 1]\ns = lambda x1: 0.5 * x1\nt = "x1**2"');
    assert.deepEqual(r.layers, [{ type: 'affine_coupling', mask: [0, 1], s: '0.5 * x1', t: 'x1**2' }]);
    assert.match(String((recognizeRequest('AffineCoupling(mask=[1, 0], s=lambda z: z)') as { error: string }).error), /named x0, x1/);
  });

  it('says what it expected, with an example per kind, when nothing is recognized', () => {
    assert.equal((recognizeRequest('print("hello")') as { error: string }).error, NOTHING_RECOGNIZED);
    for (const example of ['nn.Conv2d(', 'torch.optim.SGD(', '100*(y - x**2)**2', 'AffineCoupling(']) assert.ok(NOTHING_RECOGNIZED.includes(example));
  });

  it('never throws and ends quickly on arbitrary and mutated real code', () => {
    const real = [
      'self.features = nn.Sequential(nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(kernel_size=3, stride=2))',
      'model = keras.Sequential([layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)), layers.Flatten(), layers.Dense(10)])',
      'opt = torch.optim.SGD(model.parameters(), lr=0.1)\nsched = torch.optim.lr_scheduler.StepLR(opt, step_size=30)',
      'x = nn.Conv(features=32, kernel_size=(3, 3))(x)',
      'AffineCoupling(mask=[1, 0], s="tanh(x0)", t="x0**2")',
      'def f(x, y):\n    return (1 - x)**2 + 100*(y - x**2)**2',
    ];
    const mutated = fc.tuple(fc.constantFrom(...real), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), fc.nat(), fc.nat()).map(([t, a, b, ins, f, g]) => {
      const i = a % (t.length + 1);
      const j = Math.min(t.length, i + (b % 6));
      const text = t.slice(0, i) + ins + t.slice(j);
      return { text, from: Math.min(f % (text.length + 1), g % (text.length + 1)), to: Math.max(f % (text.length + 1), g % (text.length + 1)) };
    });
    const arbitrary = fc
      .string({ maxLength: 200 })
      .chain((text) =>
        fc.tuple(fc.constant(text), fc.nat(text.length), fc.nat(text.length)).map(([t, a, b]) => ({ text: t, from: Math.min(a, b), to: Math.max(a, b) })),
      );
    fc.assert(
      fc.property(fc.oneof(mutated, arbitrary), ({ text, from, to }) => {
        const t0 = performance.now();
        const r = recognizeRequest(text, { from, to });
        assert.ok(r && typeof r === 'object');
        assert.ok(performance.now() - t0 < 2000);
      }),
      { numRuns: 300 },
    );
  });
});
