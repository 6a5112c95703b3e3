// Optimizers and schedules however the file imports them, and values from outside the call
// (argparse defaults, config objects, parameters bound where a function is called).
import * as assert from 'node:assert/strict';
import { simulateOptimizer, type OptimizerRequest } from '../../compute';
import { NOTHING_RECOGNIZED, recognizeRequest } from '../../compute/recognize';
import { simulatableSpans } from '../../compute/recognize/spans';

type Rec = Record<string, unknown> & {
  optimizer: { name: string; framework: string; hyperparameters: Record<string, unknown> };
  schedule?: Record<string, unknown>;
};

/** The recognition with the cursor on (or the selection over) `at` in `text`. */
function at(text: string, select: string, cursor = false): Rec | { error: string } {
  const from = text.indexOf(select);
  assert.ok(from >= 0, `${select} not in the text`);
  return recognizeRequest(text, cursor ? { from: from + 1, to: from + 1 } : { from, to: from + select.length }) as Rec | { error: string };
}
function ok(text: string, select: string, cursor = false): Rec {
  const r = at(text, select, cursor);
  if ('error' in r) assert.fail(String(r.error));
  assert.equal(r.kind, 'optimizer');
  return r as Rec;
}
function err(text: string, select: string): string {
  const r = at(text, select);
  assert.ok('error' in r, `expected an error, got ${JSON.stringify(r).slice(0, 200)}`);
  return String(r.error);
}

describe('optimizers and schedules in every import form', () => {
  const OPT = 'opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\n';
  const cases: [string, string, string, string][] = [
    // [imports, call, expected optimizer/schedule name, framework]
    ['from torch.optim.lr_scheduler import StepLR\n', 'StepLR(opt, 30)', 'StepLR', 'pytorch'],
    ['from torch.optim.lr_scheduler import StepLR as Step\n', 'Step(opt, 30)', 'StepLR', 'pytorch'],
    ['from torch.optim.lr_scheduler import *\n', 'CosineAnnealingLR(opt, T_max=10)', 'CosineAnnealingLR', 'pytorch'],
    ['from torch.optim import lr_scheduler\n', 'lr_scheduler.CosineAnnealingLR(opt, T_max=100)', 'CosineAnnealingLR', 'pytorch'],
    ['import torch.optim.lr_scheduler as sched\n', 'sched.ExponentialLR(opt, 0.9)', 'ExponentialLR', 'pytorch'],
    ['import torch.optim as optim\n', 'optim.lr_scheduler.MultiStepLR(opt, [10, 20])', 'MultiStepLR', 'pytorch'],
    ['from torch import optim\n', 'optim.lr_scheduler.LinearLR(opt)', 'LinearLR', 'pytorch'],
  ];
  for (const [imports, call, name, framework] of cases) {
    it(`${imports.trim()} → ${call}`, () => {
      const text = `import torch\n${imports}${OPT}s = ${call}\n`;
      const r = ok(text, call);
      assert.equal(r.schedule?.name, name);
      assert.equal(r.optimizer.framework, framework);
      assert.equal(r.optimizer.hyperparameters.lr, 0.1);
    });
  }

  const optimizers: [string, string, string, string][] = [
    ['import torch.optim as optim', 'optim.Adadelta(model.parameters())', 'adadelta', 'pytorch'],
    ['from torch import optim', 'optim.NAdam(model.parameters(), lr=1e-3)', 'nadam', 'pytorch'],
    ['from torch.optim import Adam', 'Adam(model.parameters(), lr=3e-4)', 'adam', 'pytorch'],
    ['from torch.optim import RAdam as R', 'R(params)', 'radam', 'pytorch'],
    ['import torch', 'torch.optim.Rprop(params, lr=0.01)', 'rprop', 'pytorch'],
    ['import torch', 'torch.optim.ASGD(params)', 'asgd', 'pytorch'],
    ['import torch', 'torch.optim.Adamax(params)', 'adamax', 'pytorch'],
    ['from keras import optimizers', 'optimizers.Adam(1e-3)', 'adam', 'keras'],
    ['from keras import optimizers', 'optimizers.Nadam()', 'nadam', 'keras'],
    ['from keras.optimizers import Adam', 'Adam(learning_rate=1e-3)', 'adam', 'keras'],
    ['from tensorflow import keras', 'keras.optimizers.Adamax()', 'adamax', 'keras'],
    ['from tensorflow.keras import optimizers', 'optimizers.Adadelta(1.0)', 'adadelta', 'keras'],
    ['import tensorflow as tf', 'tf.keras.optimizers.legacy.SGD(0.1)', 'sgd', 'keras'],
    ['import optax', 'optax.adamw(1e-3)', 'adamw', 'optax'],
    ['from optax import adamw', 'adamw(learning_rate=1e-3)', 'adamw', 'optax'],
    ['from optax import sgd as plain_sgd', 'plain_sgd(0.1, momentum=0.9)', 'sgd', 'optax'],
  ];
  for (const [imports, call, name, framework] of optimizers) {
    it(`${imports} → ${call}`, () => {
      const r = ok(`${imports}\nopt = ${call}\n`, call, true);
      assert.equal(r.optimizer.name, name);
      assert.equal(r.optimizer.framework, framework);
      const run = simulateOptimizer({ ...(r as unknown as OptimizerRequest), objective: { name: 'quadratic' }, steps: 20 });
      assert.ok(run.trajectory.length === 21 || run.diverged);
    });
  }

  it('Keras schedules: tf.keras.optimizers.schedules.ExponentialDecay with import tensorflow as tf, optimizers.schedules.* with from keras import optimizers', () => {
    let r = ok(
      'import tensorflow as tf\nlr = tf.keras.optimizers.schedules.ExponentialDecay(0.1, 100, 0.5, staircase=True)\nopt = tf.keras.optimizers.SGD(lr)\n',
      'tf.keras.optimizers.SGD(lr)',
    );
    assert.deepEqual(r.schedule, { name: 'StepLR', step_size: 100, gamma: 0.5 });
    r = ok('from keras import optimizers\nlr = optimizers.schedules.InverseTimeDecay(0.1, 10, 0.5)\nopt = optimizers.SGD(lr)\n', 'optimizers.SGD(lr)');
    assert.deepEqual(r.schedule, { name: 'keras.InverseTimeDecay', initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5 });
    assert.equal(r.optimizer.hyperparameters.learning_rate, 0.1);
  });

  it('a bare StepLR(opt, step_size=30), as the no-recognition message suggests, is read when opt is an optimizer of the file', () => {
    assert.match(NOTHING_RECOGNIZED, /StepLR\(opt, step_size=30\)/);
    const r = ok(`${OPT}StepLR(opt, step_size=30)\n`, 'StepLR(opt, step_size=30)');
    assert.deepEqual(r.schedule, { name: 'StepLR', step_size: 30 });
    // Without an optimizer for opt, the message says what to select (not "No layer found here").
    assert.match(
      err('StepLR(opt, step_size=30)\n', 'StepLR(opt, step_size=30)'),
      /^StepLR: its optimizer `opt` is not assigned an optimizer call in this file \(such as opt = torch\.optim\.SGD/,
    );
  });

  it('never says working code is not read: LBFGS, SparseAdam and Keras Ftrl are named as not simulated, with why', () => {
    assert.match(err('opt = torch.optim.LBFGS(model.parameters())\n', 'torch.optim.LBFGS'), /L-BFGS needs a closure/);
    assert.match(err('from torch import optim\nopt = optim.SparseAdam(p)\n', 'optim.SparseAdam'), /SparseAdam updates only the rows/);
    assert.match(
      err('from keras import optimizers\nopt = optimizers.Ftrl()\n', 'optimizers.Ftrl'),
      /keras\.optimizers\.Ftrl is a Keras optimizer the optimizer lab does not simulate/,
    );
    assert.doesNotMatch(err('opt = torch.optim.LBFGS(model.parameters())\n', 'torch.optim.LBFGS'), /not one ML Lens reads/);
  });

  it('the Simulate CodeLens finds them in every import form too (a bare name only when it is imported)', () => {
    const text =
      'from torch.optim.lr_scheduler import StepLR\nfrom keras import optimizers\nimport torch.optim as optim\nopt = optim.NAdam(p)\ns = StepLR(opt, 30)\nk = optimizers.Adam(1e-3)\nclass Adam:\n    pass\na = Adam()\n';
    assert.deepEqual(
      simulatableSpans(text).map((s) => [s.callee, s.kind]),
      [
        ['optim.NAdam', 'optimizer'],
        ['StepLR', 'optimizer'],
        ['optimizers.Adam', 'optimizer'],
      ],
    );
  });

  it('NAdam with decoupled weight decay (PyTorch ≥ 2.0), optax.nadam, parameter groups', () => {
    assert.equal(
      ok('opt = torch.optim.NAdam(p, lr=1e-3, weight_decay=0.01, decoupled_weight_decay=True)', 'torch.optim.NAdam').optimizer.hyperparameters
        .decoupled_weight_decay,
      true,
    );
    const groups = ok('opt = torch.optim.SGD([{"params": a, "lr": 0.01}, {"params": b}], lr=0.1, momentum=0.9)', 'torch.optim.SGD');
    assert.equal(groups.optimizer.hyperparameters.lr, 0.01);
    assert.match((groups.warnings as string[])[0], /2 parameter groups; the lab simulates group 0 \(with its lr\)/);
  });
});

describe('values from outside the call', () => {
  const ARGS = [
    'import argparse',
    'parser = argparse.ArgumentParser()',
    "parser.add_argument('--lr', type=float, default=0.01)",
    "parser.add_argument('--learning-rate', type=float, default=3e-4)",
    "parser.add_argument('--mom', dest='momentum', type=float, default=0.8)",
    "parser.add_argument('--wd', type=float, required=True)",
    "parser.add_argument('--eps', type=float)",
    "parser.add_argument('--gamma', type=float)",
    'parser.set_defaults(gamma=0.5)',
    "parser.add_argument('--beta2', type=float, default=0.9)",
    'parser.set_defaults(beta2=0.99)',
    'args = parser.parse_args()',
  ].join('\n');

  it('args.lr: the argparse default, with where it came from', () => {
    const r = ok(`${ARGS}\nopt = torch.optim.SGD(p, lr=args.lr, momentum=args.momentum)\n`, 'torch.optim.SGD');
    assert.deepEqual(r.resolved, { 'args.lr': 0.01, 'args.momentum': 0.8 });
    assert.deepEqual(r.resolvedFrom, { 'args.lr': 'the argparse default of --lr (line 3)', 'args.momentum': 'the argparse default of --mom (line 5)' });
    assert.ok((r.notes as string[]).includes('args.lr = 0.01: the argparse default of --lr (line 3).'));
  });

  it('--learning-rate → args.learning_rate; set_defaults before and after add_argument, in statement order', () => {
    assert.equal(ok(`${ARGS}\nopt = torch.optim.Adam(p, lr=args.learning_rate)\n`, 'torch.optim.Adam').optimizer.hyperparameters.lr, 3e-4);
    const r = ok(
      `${ARGS}\nopt = torch.optim.Adam(p, betas=(0.9, args.beta2))\ns = torch.optim.lr_scheduler.ExponentialLR(opt, args.gamma)\n`,
      'opt = torch.optim.Adam(p, betas=(0.9, args.beta2))\ns = torch.optim.lr_scheduler.ExponentialLR(opt, args.gamma)',
    );
    assert.deepEqual(r.optimizer.hyperparameters.betas, [0.9, 0.99]);
    assert.deepEqual(r.schedule, { name: 'ExponentialLR', gamma: 0.5 });
    assert.equal((r.resolvedFrom as Record<string, string>)['args.gamma'], 'parser.set_defaults(gamma=…) (line 9)');
  });

  it('required=True or no default: the error names the option and its line (never a guess)', () => {
    assert.match(
      err(`${ARGS}\nopt = torch.optim.SGD(p, lr=0.1, weight_decay=args.wd)\n`, 'torch.optim.SGD'),
      /`args\.wd` comes from the command line: --wd is required \(line 6\) and has no default/,
    );
    assert.match(
      err(`${ARGS}\nopt = torch.optim.Adam(p, eps=args.eps)\n`, 'torch.optim.Adam'),
      /`args\.eps` comes from the command line: --eps \(line 7\) has no default \(it is None unless given\)/,
    );
    assert.match(
      err(`${ARGS}\nopt = torch.optim.Adam(p, eps=args.nothing)\n`, 'torch.optim.Adam'),
      /the parser `parser` \(line 2\) has no argument whose dest is `nothing`/,
    );
  });

  it('a parser built in get_args(), argument groups, parse_known_args, and a literal parse_args list', () => {
    const text = [
      'import argparse',
      'def get_args(argv=None):',
      '    p = argparse.ArgumentParser()',
      "    g = p.add_argument_group('optim')",
      "    g.add_argument('--lr', default='0.05', type=float)",
      "    p.add_argument('--steps', type=int, default=10)",
      '    return p.parse_args(argv)',
      'args = get_args()',
      'opt = torch.optim.SGD(p, lr=args.lr)',
      'parser = argparse.ArgumentParser()',
      "parser.add_argument('--lr', type=float, default=0.1)",
      "parser.add_argument('--nesterov', action='store_true')",
      'known, unknown = parser.parse_known_args()',
      'opt2 = torch.optim.SGD(p, lr=known.lr, momentum=0.9, nesterov=known.nesterov)',
      "cli = parser.parse_args(['--lr', '0.3', '--nesterov'])",
      'opt3 = torch.optim.SGD(p, lr=cli.lr, momentum=0.9, nesterov=cli.nesterov)',
    ].join('\n');
    const r = ok(text, 'torch.optim.SGD(p, lr=args.lr)');
    assert.equal(r.optimizer.hyperparameters.lr, 0.05);
    assert.equal((r.resolvedFrom as Record<string, string>)['args.lr'], 'the argparse default of --lr (line 5), converted by type=float');
    assert.deepEqual(ok(text, 'opt2 = torch.optim.SGD').resolved, { 'known.lr': 0.1, 'known.nesterov': false });
    const three = ok(text, 'opt3 = torch.optim.SGD');
    assert.deepEqual(three.resolved, { 'cli.lr': 0.3, 'cli.nesterov': true });
    assert.match((three.resolvedFrom as Record<string, string>)['cli.lr'], /^parser\.parse_args\(\['--lr', '0\.3', '--nesterov'\]\) \(line 15\)$/);
  });

  it('config objects: a dict, a SimpleNamespace, a ConfigDict with attribute assignments, a dataclass, a plain class, a class with __init__', () => {
    const text = [
      'from dataclasses import dataclass, field',
      'import ml_collections',
      "cfg_dict = {'lr': 0.02, 'optim': {'momentum': 0.95}}",
      'ns = SimpleNamespace(lr=0.03, optim=SimpleNamespace(beta2=0.98))',
      'c = ml_collections.ConfigDict()',
      'c.lr = 0.04',
      'c.optim = ml_collections.ConfigDict()',
      'c.optim.eps = 1e-6',
      'c.lr = 0.045',
      '@dataclass',
      'class Opt:',
      '    lr: float = 0.05',
      '    betas: tuple = (0.8, 0.9)',
      '@dataclass',
      'class Train:',
      '    epochs: int',
      '    opt: Opt = field(default_factory=Opt)',
      'train = Train(12)',
      'class Plain:',
      '    lr = 0.06',
      'class Init:',
      '    def __init__(self, lr=0.07, wd=0.0):',
      '        self.lr = lr',
      '        self.weight_decay = wd * 2',
      'init = Init(wd=0.01)',
      "a = torch.optim.SGD(p, lr=cfg_dict['lr'], momentum=cfg_dict['optim']['momentum'])",
      'b = torch.optim.Adam(p, lr=ns.lr, betas=(0.9, ns.optim.beta2))',
      'd = torch.optim.Adam(p, lr=c.lr, eps=c.optim.eps)',
      'e = torch.optim.Adam(p, lr=train.opt.lr, betas=train.opt.betas)',
      's = torch.optim.lr_scheduler.CosineAnnealingLR(e, T_max=train.epochs)',
      'f = torch.optim.SGD(p, lr=Plain.lr)',
      'g = torch.optim.AdamW(p, lr=init.lr, weight_decay=init.weight_decay)',
    ].join('\n');
    assert.deepEqual(ok(text, 'a = torch.optim.SGD').resolved, { "cfg_dict['lr']": 0.02, "cfg_dict['optim']['momentum']": 0.95 });
    assert.deepEqual(ok(text, 'b = torch.optim.Adam').resolved, { 'ns.lr': 0.03, 'ns.optim.beta2': 0.98 });
    const d = ok(text, 'd = torch.optim.Adam');
    assert.deepEqual(d.resolved, { 'c.lr': 0.045, 'c.optim.eps': 1e-6 });
    assert.equal((d.resolvedFrom as Record<string, string>)['c.lr'], 'c.lr = … (line 9)');
    const e = ok(text, 's = torch.optim.lr_scheduler.CosineAnnealingLR');
    assert.deepEqual(e.resolved, { 'train.epochs': 12, 'train.opt.lr': 0.05, 'train.opt.betas': [0.8, 0.9] });
    assert.equal((e.resolvedFrom as Record<string, string>)['train.epochs'], 'Train(...) argument 1 (line 18)');
    assert.equal(ok(text, 'f = torch.optim.SGD').optimizer.hyperparameters.lr, 0.06);
    const g = ok(text, 'g = torch.optim.AdamW');
    assert.deepEqual(g.resolved, { 'init.lr': 0.07, 'init.weight_decay': 0.02 });
  });

  it('what is not in the code is named, never guessed', () => {
    const text = [
      'import yaml, json',
      "cfg = yaml.safe_load(open('config.yaml'))",
      "d = {'lr': 0.1}",
      'opt = torch.optim.SGD(p, lr=cfg["lr"])',
      'opt2 = torch.optim.SGD(p, lr=d.lr)',
      'def train(model, lr):',
      '    return torch.optim.SGD(model.parameters(), lr=lr)',
      'def run(hp):',
      '    opt3 = torch.optim.SGD(p, lr=hp.lr)',
    ].join('\n');
    assert.match(
      err(text, 'opt = torch.optim.SGD'),
      /`cfg` \(line 2\) is `yaml\.safe_load\(open\('config\.yaml'\)\)`: values read from a file when the script runs cannot be known from the code/,
    );
    assert.match(err(text, 'opt2 = torch.optim.SGD'), /`d\.lr`: the dict at line 3 is a dict, so `\.lr` raises AttributeError in Python; use \['lr'\]/);
    assert.match(err(text, 'return torch.optim.SGD'), /`lr` is a parameter of train\(\) without a default/);
    assert.match(err(text, 'opt3 = torch.optim.SGD'), /`hp` is a parameter of run\(\) and no call of run\(\) in this file passes it/);
  });

  it('a selection inside a helper is bound where the helper is called; calls that disagree are named', () => {
    const one =
      'def make(opt, total):\n    return torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=total)\nopt = torch.optim.SGD(p, lr=0.1, momentum=0.9)\nsched = make(opt, 500)\n';
    const r = ok(one, 'torch.optim.lr_scheduler.OneCycleLR');
    assert.deepEqual(r.schedule, { name: 'OneCycleLR', max_lr: 0.1, total_steps: 500 });
    assert.deepEqual(r.boundBy, { call: 'make(opt, 500)', line: 4 });
    assert.match(
      err(`${one}other = make(opt, 800)\n`, 'torch.optim.lr_scheduler.OneCycleLR'),
      /called 2 times in this file with different values \(lines 4, 5\); select one of those calls/,
    );
    // Selected where it is called.
    assert.deepEqual(ok(`${one}other = make(opt, 800)\n`, 'make(opt, 800)').schedule, { name: 'OneCycleLR', max_lr: 0.1, total_steps: 800 });
  });

  it('LambdaLR with a lambda (parsed, never executed): names from the code are substituted', () => {
    const text =
      'warmup = 5\nepochs = 50\nopt = torch.optim.SGD(p, lr=0.1)\ns = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda=lambda e: min(1.0, (e + 1) / warmup) * (1 - e / epochs))\n';
    const r = ok(text, 's = torch.optim.lr_scheduler.LambdaLR');
    assert.deepEqual(r.schedule, { name: 'LambdaLR', lr_lambda: 'lambda e: min(1.0, (e + 1) / 5) * (1 - e / 50)' });
    const run = simulateOptimizer({ ...(r as unknown as OptimizerRequest), objective: { expr: '1e-3 * (x**2 + y**2)' }, steps: 10 });
    assert.ok(Math.abs(run.lr[2] - 0.1 * (3 / 5) * (1 - 2 / 50)) < 1e-17);
    assert.match(
      err('opt = torch.optim.SGD(p, lr=0.1)\ns = torch.optim.lr_scheduler.LambdaLR(opt, schedule_fn)\n', 'torch.optim.lr_scheduler.LambdaLR'),
      /`schedule_fn` is not a lambda or a def of this file/,
    );
  });
});

describe('Keras LeakyReLU', () => {
  for (const [call, slope] of [
    ['layers.LeakyReLU(alpha=0.2)', 0.2],
    ['layers.LeakyReLU(negative_slope=0.1)', 0.1],
    ['layers.LeakyReLU(0.05)', 0.05],
    ['layers.LeakyReLU()', 0.3],
  ] as [string, number][]) {
    it(`${call}: slope ${slope} (Keras' default is 0.3)`, () => {
      const text = `from keras import layers\nmodel = keras.Sequential([keras.Input(shape=(8, 8, 3)), layers.Conv2D(4, 3), ${call}])\n`;
      const r = recognizeRequest(text, { from: text.indexOf(call) + 1, to: text.indexOf(call) + 1 }) as {
        error?: string;
        layers?: { op: string; negative_slope?: number }[];
      };
      assert.equal(r.error, undefined);
      const leaky = r.layers!.find((l) => l.op === 'leaky_relu')!;
      assert.equal(leaky.negative_slope, slope);
    });
  }
});
