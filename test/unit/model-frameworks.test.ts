/**
 * Whole models in Keras and Flax, traced statically. No TensorFlow or JAX runs here: each
 * expectation follows the framework's documented rule, written next to it (and in the corpus
 * files' docstrings), or a figure the framework's own docs publish.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeModel } from '../../compute/program/trace';

const dir = join(__dirname, '..', 'model-corpus-jax');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const at = (text: string, needle: string) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return { from: i + 1, to: i + 1 };
};
const rows = (r: NonNullable<ReturnType<typeof analyzeModel>>) => r.layers.filter((l) => l.path !== null).map((l) => [l.path, l.outShape.join('×'), l.params]);

describe('Keras models (documented rules)', () => {
  const text = read('keras_models.py');

  it('the keras.io MNIST convnet: 34,826 parameters, its summary shapes', () => {
    const r = analyzeModel(text, { ...at(text, 'keras.Sequential('), path: 'keras_models.py' });
    assert.ok(r);
    assert.equal(r.framework, 'keras');
    assert.deepEqual(r.inputShape, ['N', 28, 28, 1]);
    assert.deepEqual(rows(r), [
      ['conv2d', 'N×26×26×32', 320], // 3·3·1·32 + 32
      ['max_pooling2d', 'N×13×13×32', 0],
      ['conv2d_1', 'N×11×11×64', 18496], // 3·3·32·64 + 64
      ['max_pooling2d_1', 'N×5×5×64', 0],
      ['flatten', 'N×1600', 0],
      ['dropout', 'N×1600', 0],
      ['dense', 'N×10', 16010], // 1600·10 + 10
    ]);
    assert.equal(r.totals.params, 34826);
    assert.deepEqual(r.warnings, []);
  });

  it('a functional model with a residual add: BatchNormalization has 2·C non-trainable parameters', () => {
    const r = analyzeModel(text, { ...at(text, 'keras.Model(inputs=inputs'), path: 'keras_models.py' });
    assert.ok(r);
    assert.deepEqual(r.inputShape, ['N', 32, 32, 3]);
    const bn = r.layers.find((l) => l.type === 'BatchNormalization');
    assert.equal(bn?.params, 4 * 32);
    // conv 3·3·3·32+32 = 896; bn 128 (64 trainable); conv 3·3·32·32+32 = 9,248; dense 32·10+10 = 330.
    assert.equal(r.totals.params, 896 + 128 + 9248 + 330);
    assert.equal(r.totals.trainableParams, 896 + 64 + 9248 + 330);
    assert.deepEqual(r.output?.shape, ['N', 10]);
    assert.deepEqual(r.warnings, []);
  });

  it('a subclassed keras.Model: its layers by attribute, traced through call()', () => {
    const r = analyzeModel(text, { ...at(text, 'class Classifier'), path: 'keras_models.py', inputShape: ['N', 32, 32, 3] });
    assert.ok(r);
    assert.deepEqual(rows(r), [
      ['conv', 'N×16×16×16', 448], // 'same' with stride 2: ⌈32/2⌉; 3·3·3·16 + 16
      ['pool', 'N×16', 0],
      ['hidden', 'N×64', 1088], // 16·64 + 64
      ['out', 'N×10', 650], // 64·10 + 10
    ]);
  });
});

describe('Flax models (documented rules)', () => {
  const text = read('flax_models.py');
  const expected = [824458, 320 + 18496 + 803072 + 2570];

  it('linen @nn.compact: auto-named Conv_0, Dense_1…, SAME padding, 824,458 parameters', () => {
    const r = analyzeModel(text, { ...at(text, 'class CNN'), path: 'flax_models.py' });
    assert.ok(r);
    assert.equal(r.framework, 'flax');
    assert.deepEqual(r.inputShape, [1, 28, 28, 1], 'the jnp.ones array written in the file');
    assert.deepEqual(rows(r), [
      ['Conv_0', '1×28×28×32', 320],
      ['Conv_1', '1×14×14×64', 18496],
      ['Dense_0', '1×256', 803072],
      ['Dense_1', '1×10', 2570],
    ]);
    assert.equal(r.totals.params, expected[0]);
    assert.equal(expected[0], expected[1]);
  });

  it('NNX: eager layers by attribute path, the same network and total', () => {
    const r = analyzeModel(text, { ...at(text, 'class NnxCNN'), path: 'flax_models.py' });
    assert.ok(r);
    assert.deepEqual(
      rows(r).map((row) => row[0]),
      ['conv1', 'conv2', 'linear1', 'linear2'],
    );
    assert.equal(r.totals.params, expected[0]);
    assert.deepEqual(r.output?.shape, [1, 10]);
  });
});
