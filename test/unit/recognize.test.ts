import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { recognize, recognizeRequest, type ConvRecognition } from '../../compute';

function ok(text: string, options = {}): ConvRecognition {
  const result = recognize(text, options);
  if ('error' in result) assert.fail(result.error);
  return result;
}

describe('recognize', () => {
  it('reads nn.Conv2d with keyword arguments and lists the defaults it filled', () => {
    const r = ok('nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3)');
    assert.deepEqual(r.inputShape, [1, 3, 224, 224]);
    assert.equal(r.inputShapeAssumed, true);
    const [layer] = r.layers;
    assert.equal(layer.op, 'conv2d');
    assert.deepEqual(layer.outShape, [1, 64, 112, 112]);
    assert.deepEqual(layer.defaultsUsed, ['dilation', 'groups', 'bias', 'padding_mode']);
  });

  it('binds positional arguments in PyTorch order and honours an explicit input shape', () => {
    const r = ok('torch.nn.Conv1d(16, 33, 3, 2)', { inputShape: [20, 16, 50] });
    assert.deepEqual(r.layers[0].outShape, [20, 33, 24]);
    assert.equal(r.inputShapeAssumed, false);
  });

  it('with only a cursor, takes the innermost layer call around it', () => {
    const text = 'self.pool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)\nself.conv = nn.Conv2d(64, 64, 3, padding=1)';
    const cursor = text.indexOf('stride');
    const r = ok(text, { from: cursor, to: cursor });
    assert.equal(r.layers.length, 1);
    assert.equal(r.layers[0].op, 'max_pool2d');
  });

  it('reads every layer of a selection, in order, through the shapes', () => {
    const text = 'nn.Conv2d(3, 64, 7, 2, 3, bias=False)\nnn.MaxPool2d(3, 2, 1)';
    const r = ok(text);
    assert.deepEqual(
      r.layers.map((l) => l.outShape),
      [
        [1, 64, 112, 112],
        [1, 64, 56, 56],
      ],
    );
  });

  it('explains what it expected when nothing is there, and never guesses names', () => {
    assert.match((recognize('x = foo(1)') as { error: string }).error, /No layer found here.*nn\.Conv2d\(3, 64/s);
    assert.match((recognize('nn.Conv2d(3, c, 3)') as { error: string }).error, /argument 2: `c` is not assigned a literal value/);
    assert.match((recognize('nn.Conv2d(3, 8, 3, foo=1)') as { error: string }).error, /no argument "foo"/);
    assert.match((recognize('nn.Conv2d(3, 8)') as { error: string }).error, /missing the required argument "kernel_size"/);
    assert.match((recognize('nn.Conv2d(3, 8, 3, stride=2, padding="same")') as { error: string }).error, /padding='same' needs stride 1/);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(), fc.nat(), (text, a, b) => {
        const result = recognize(`nn.Conv2d(${text}`, { from: Math.min(a, b), to: Math.max(a, b) });
        assert.ok('error' in result || result.kind === 'conv');
      }),
      { numRuns: 300 },
    );
  });
});

describe('recognize: the cursor anywhere on a statement', () => {
  const text =
    'import torch.nn as nn\nclass S(nn.Module):\n    def __init__(self):\n        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)\n        x = 1\n';
  it('on `self` of `self.conv1 = nn.Conv2d(...)` means the call on that line', () => {
    const at = text.indexOf('self.conv1') + 1;
    const r = recognizeRequest(text, { from: at, to: at });
    assert.ok(!('error' in r) && r.kind === 'conv');
    assert.deepEqual(
      (r as { layers: { outShape: number[] }[] }).layers.map((l) => l.outShape),
      [[1, 64, 112, 112]],
    );
  });
  it('on a statement with nothing to simulate still says what it expects', () => {
    const at = text.indexOf('x = 1') + 1;
    const r = recognizeRequest(text, { from: at, to: at });
    assert.ok('error' in r && /No layer found here/.test(String(r.error)));
  });
});

describe('recognize: pathological nesting is refused before any recursive walk', () => {
  it('5,000 nested lists: a clear message, no stack overflow', () => {
    const text = `nn.Conv2d(3, 8, kernel_size=${'['.repeat(5000)}3${']'.repeat(5000)})\n`;
    const r = recognizeRequest(text, { from: 0, to: text.length });
    assert.ok('error' in r && /nests brackets more than 500 levels/.test(String(r.error)));
  });
});

describe('recognize: lab defaults from the settings (mlLens.optimizer.objective / .steps)', () => {
  const code = 'import torch\nopt = torch.optim.Adam(params, lr=3e-4)\nf = lambda x, y: (x - 1)**2 + y**2\n';
  const at = (needle: string) => ({ from: code.indexOf(needle), to: code.indexOf(needle) + needle.length });

  it('a selected optimizer runs on the chosen objective from its usual start, for the chosen steps', () => {
    const r = recognizeRequest(code, { ...at('torch.optim.Adam(params, lr=3e-4)'), optimizerObjective: 'himmelblau', optimizerSteps: 75 });
    assert.ok(!('error' in r) && r.kind === 'optimizer');
    assert.deepEqual(r.objective, { name: 'himmelblau' });
    assert.equal(r.steps, 75);
    assert.ok(Array.isArray(r.start) && r.start.length === 2);
    const plain = recognizeRequest(code, at('torch.optim.Adam(params, lr=3e-4)'));
    assert.ok(!('error' in plain) && plain.kind === 'optimizer');
    assert.deepEqual(plain.objective, { name: 'rosenbrock' });
    assert.notDeepEqual(plain.start, r.start);
  });

  it('an objective the code wrote wins over the setting; steps still apply', () => {
    const r = recognizeRequest(code, { ...at('lambda x, y: (x - 1)**2 + y**2'), optimizerObjective: 'beale', optimizerSteps: 20 });
    assert.ok(!('error' in r) && r.kind === 'optimizer');
    assert.ok('expr' in (r.objective as object));
    assert.equal(r.steps, 20);
  });

  it('layers ignore the optimizer defaults; bad values get a clear message', () => {
    const conv = recognizeRequest('nn.Conv2d(3, 8, 3)\n', { from: 0, to: 18, optimizerObjective: 'beale', optimizerSteps: 20 });
    assert.ok(!('error' in conv) && conv.kind === 'conv');
    const zero = recognizeRequest(code, { ...at('torch.optim.Adam(params, lr=3e-4)'), optimizerSteps: 0 });
    assert.ok('error' in zero && /whole number from 1 to 100,000/.test(String(zero.error)));
    const unknown = recognizeRequest(code, { ...at('torch.optim.Adam(params, lr=3e-4)'), optimizerObjective: 'banana' });
    assert.ok('error' in unknown && /Unknown objective "banana"/.test(String(unknown.error)));
  });
});

describe('recognize: Keras functional API and repeated layers', () => {
  it('a Keras layer applied to a keras.Input takes its shape (channels-last, batch_size read)', () => {
    const text =
      'from tensorflow import keras\nfrom tensorflow.keras import layers\ninputs = keras.Input(shape=(28, 28, 1), batch_size=16)\nx = layers.Conv2D(32, 3, strides=2)(inputs)\n';
    const from = text.indexOf('layers.Conv2D');
    const r = ok(text, { from, to: text.indexOf('(inputs)') });
    assert.deepEqual(r.inputShape, [16, 1, 28, 28]);
    assert.deepEqual(r.layers[0].outShape, [16, 32, 13, 13]);
    assert.equal(r.inputShapeAssumed, false);
  });

  it('a Sequential built from a comprehension is traced once per element (the whole-model reader)', () => {
    const text = 'import torch.nn as nn\nblocks = nn.Sequential(*[nn.Conv2d(8, 8, 3, padding=1) for _ in range(4)])\n';
    const r = ok(text, { from: text.indexOf('nn.Sequential'), to: text.length - 1 });
    assert.deepEqual(
      r.layers.map((l) => (l as { path?: string }).path),
      ['0', '1', '2', '3'],
    );
    assert.deepEqual(r.warnings, []);
  });
});

describe('recognize: frameworks it does not read, optax chains, objectives on assignments', () => {
  const at = (text: string, needle: string) => ({ from: text.indexOf(needle), to: text.indexOf(needle) + needle.length });

  for (const call of [
    'mx.gluon.nn.Conv2D(64, kernel_size=3)',
    'tf.nn.conv2d(x, w, strides=2, padding="SAME")',
    'paddle.optimizer.Adam(learning_rate=0.1)',
    'jax.lax.conv_general_dilated(x, w, (1, 1), "SAME")',
  ]) {
    it(`names ${call.slice(0, call.indexOf('('))} as a framework it does not read`, () => {
      const text = `layer = ${call}\n`;
      const r = recognizeRequest(text, { from: 0, to: text.length - 1 });
      assert.ok('error' in r, JSON.stringify(r).slice(0, 200));
      assert.match(
        String(r.error),
        new RegExp(`^\`${call.slice(0, call.indexOf('(')).replace(/\./g, '\\.')}\` looks like a layer or optimizer, but not one ML Lens reads`),
      );
      assert.match(String(r.error), /No layer found here/);
    });
  }

  it('optax.chain: the optimizer runs alone and the other transforms are named in a warning', () => {
    const text = 'import optax\ntx = optax.chain(optax.clip_by_global_norm(1.0), optax.add_decayed_weights(1e-4), optax.adam(3e-4))\n';
    const r = recognizeRequest(text, at(text, 'optax.chain(optax.clip_by_global_norm(1.0), optax.add_decayed_weights(1e-4), optax.adam(3e-4))'));
    assert.ok(!('error' in r) && r.kind === 'optimizer', JSON.stringify(r).slice(0, 300));
    assert.equal((r as { optimizer: { name: string } }).optimizer.name, 'adam');
    assert.deepEqual(r.warnings, ['optax.chain: optax.clip_by_global_norm, optax.add_decayed_weights are not simulated; the lab runs optax.adam alone.']);
  });

  it('an assignment `loss = <expression in x, y>` is an objective; `x = 1` is not', () => {
    const text = 'loss = (1 - x)**2 + 100*(y - x**2)**2\nx = 1\n';
    const r = recognizeRequest(text, at(text, 'loss = (1 - x)**2 + 100*(y - x**2)**2'));
    assert.ok(!('error' in r) && r.kind === 'optimizer');
    assert.deepEqual((r as { objective: unknown }).objective, { expr: '(1 - x)**2 + 100*(y - x**2)**2' });
    const constant = recognizeRequest(text, at(text, 'x = 1'));
    assert.ok('error' in constant);
  });
});
