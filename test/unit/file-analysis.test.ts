/**
 * The whole-file analysis the editor reads: shape hints at layer constructions and forward
 * statements, model totals, and mismatches where PyTorch would raise, with quick fixes. Planted
 * mismatches in test/model-corpus-mismatch/ (PyTorch's error for each is in its docstring).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile } from '../../compute/program/file-analysis';

const dir = join(__dirname, '..', 'model-corpus-mismatch');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('analyzeFile: hints, totals and mismatches', () => {
  it('the MNIST net: shapes at each layer and statement, fc1 flagged with the fix PyTorch needs', () => {
    const text = read('mnist_linear.py');
    const a = analyzeFile(text);
    assert.deepEqual(
      a.models.map((m) => [m.name, m.inputShape, m.inputAssumed]),
      [['Net', ['N', 1, 28, 28], false]],
    );
    const at = (line: number) => a.hints.filter((h) => lineOf(text, h.at) === line).map((h) => h.shape.join('×'));
    assert.deepEqual(at(11), ['N×32×26×26']);
    assert.deepEqual(at(23), ['N×9216']);
    assert.equal(a.diagnostics.length, 1);
    const [d] = a.diagnostics;
    assert.equal(text.slice(d.from, d.to), '9200');
    assert.match(d.message, /mat1 and mat2 shapes cannot be multiplied \(Nx9216 and 9200x128\)/);
    assert.equal(d.raisedAt, 24);
    assert.deepEqual(d.fix && { title: d.fix.title, text: text.slice(d.fix.from, d.fix.to), newText: d.fix.newText }, {
      title: 'Set in_features to 9216',
      text: '9200',
      newText: '9216',
    });
    // The fix applied: the file analyses clean.
    const fixed = text.slice(0, d.fix!.from) + d.fix!.newText + text.slice(d.fix!.to);
    assert.deepEqual(analyzeFile(fixed).diagnostics, []);
  });

  it('a channel mismatch is flagged even when the input is assumed; a size-dependent one is not', () => {
    const text = read('channels.py');
    const a = analyzeFile(text);
    assert.equal(a.models[0].inputAssumed, true);
    assert.equal(a.diagnostics.length, 1);
    assert.equal(text.slice(a.diagnostics[0].from, a.diagnostics[0].to), '32');
    assert.equal(a.diagnostics[0].fix?.title, 'Set in_channels to 16');
    // Without the input comment, the MNIST net's Linear cannot be judged: its size depends on the input.
    const noComment = read('mnist_linear.py').replace('# x: (N, 1, 28, 28)', '#');
    assert.deepEqual(analyzeFile(noComment).diagnostics, []);
  });

  it('a Keras model mismatch names Keras as the framework that raises, not PyTorch', () => {
    const text = [
      'import keras',
      'from keras import layers',
      '',
      'def build():',
      '    inputs = keras.Input(shape=(28, 28, 1))',
      '    x = layers.Conv2D(8, 3)(inputs)',
      '    x = layers.Flatten()(x)',
      '    y = layers.Reshape((99,))(x)',
      '    return keras.Model(inputs, y)',
      '',
    ].join('\n');
    const a = analyzeFile(text, { path: 'keras_reshape.py' });
    assert.equal(a.diagnostics.length, 1, JSON.stringify(a.diagnostics));
    assert.match(a.diagnostics[0].message, /^Reshape receives \[N, 5408\] \(line 8\); Keras would raise: /);
  });

  it('an input the Keras model declares (input_shape=) is its own: the mismatch is not called size-independent', () => {
    // Before, the session kept the previous trace's answer for channels-last inputs, and this
    // message said "for the input [N, 28, 28, 1] (assumed …; the mismatch is the same for any
    // input size)" although a larger input would not raise.
    const text = [
      'import keras',
      'from keras import layers',
      '',
      'def build():',
      '    return keras.Sequential([',
      '        layers.Conv2D(8, 30, input_shape=(28, 28, 1)),',
      '        layers.Flatten(),',
      '        layers.Dense(10),',
      '    ])',
      '',
    ].join('\n');
    const a = analyzeFile(text, { path: 'keras_declared.py' });
    assert.equal(a.diagnostics.length, 1, JSON.stringify(a.diagnostics));
    assert.match(a.diagnostics[0].message, /^Conv2D receives \[N, 28, 28, 1\] \(line 5\); Keras would raise: Computed output size would be zero or negative/);
  });

  it('every corpus model analyses without a false mismatch', () => {
    const corpus = join(__dirname, '..', 'model-corpus');
    for (const f of [
      'resnet.py',
      'vgg.py',
      'densenet.py',
      'inception.py',
      'squeezenet.py',
      'mobilenet.py',
      'unet.py',
      'simple_cnn.py',
      'dcgan.py',
      'transformer.py',
      'lstm_lm.py',
    ]) {
      const a = analyzeFile(readFileSync(join(corpus, f), 'utf8'), { path: f });
      assert.deepEqual(a.diagnostics, [], `${f}: ${JSON.stringify(a.diagnostics)}`);
      assert.ok(a.models.length > 0 && a.hints.length > 0, f);
    }
  });
});
