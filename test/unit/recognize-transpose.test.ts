// Keras Conv{1,2,3}DTranspose (with output_padding) and Flax nn.ConvTranspose, mapped to the
// conv lab's PyTorch-named conv_transpose layers. The expected output sizes are written here
// from the frameworks' sources, independently of compute/recognize/frameworks.ts:
//  - Keras: tf.keras conv_utils.deconv_output_length (keras/utils/conv_utils.py, keras 2.x):
//      k_d = k + (k − 1)(d − 1); output_padding None: 'valid' n·s + max(k_d − s, 0), 'same' n·s;
//      else (n − 1)·s + k_d − 2·pad + output_padding, pad = ⌊k_d/2⌋ ('same') or 0 ('valid').
//  - jax.lax.conv_transpose (jax/_src/lax/convolution.py, _conv_transpose_padding): the stride-
//    dilated input ((n − 1)·s + 1 samples) padded by (a, b), correlated at stride 1:
//      'SAME': pad_len = k_d + s − 2, a = k_d − 1 if s > k_d − 1 else ⌈pad_len/2⌉;
//      'VALID': pad_len = k_d + s − 2 + max(k_d − s, 0), a = k_d − 1; out = (n−1)s + 1 + pad_len − k_d + 1.
import * as assert from 'node:assert/strict';
import { simulateConv } from '../../compute';
import { recognizeRequest } from '../../compute/recognize';

type Layer = { op: string; outShape: number[]; inShape: number[]; padding: unknown; output_padding: unknown };
const layersOf = (r: unknown): Layer[] => {
  assert.ok(r && typeof r === 'object' && !('error' in r), JSON.stringify(r));
  return (r as { layers: Layer[] }).layers;
};

function kerasLength(n: number, k: number, s: number, d: number, mode: string, op: number | null): number {
  const kd = k + (k - 1) * (d - 1);
  if (op === null) return mode === 'valid' ? n * s + Math.max(kd - s, 0) : n * s;
  const pad = mode === 'same' ? Math.floor(kd / 2) : 0;
  return (n - 1) * s + kd - 2 * pad + op;
}

function jaxLength(n: number, k: number, s: number, d: number, mode: string): number {
  const kd = (k - 1) * d + 1;
  const padLen = mode === 'SAME' ? kd + s - 2 : kd + s - 2 + Math.max(kd - s, 0);
  return (n - 1) * s + 1 + padLen - kd + 1;
}

describe('transposed convolutions from Keras and Flax', () => {
  it('Keras Conv2DTranspose: every output size equals conv_utils.deconv_output_length (padding same/valid, output_padding None or < strides, dilation)', () => {
    let count = 0;
    for (const mode of ['same', 'valid'])
      for (const k of [1, 2, 3, 4, 5])
        for (const s of [1, 2, 3])
          for (const d of [1, 2])
            for (const op of [null, 0, 1, 2]) {
              if (op !== null && op >= s) continue;
              if (d > 1 && s > 1) continue; // Keras rejects strides > 1 with dilation > 1
              for (const n of [1, 4, 7]) {
                const code = `import tensorflow as tf\nlayer = tf.keras.layers.Conv2DTranspose(4, ${k}, strides=${s}, padding='${mode}', output_padding=${op === null ? 'None' : op}, dilation_rate=${d}, input_shape=(${n}, ${n + 1}, 3))`;
                if (kerasLength(n, k, s, d, mode, op) <= 0) {
                  // Keras's own formula gives an empty output (e.g. n = 1, k = 2, 'same', output_padding 0).
                  assert.match(String((recognizeRequest(code) as { error: string }).error), /empty output/);
                  continue;
                }
                const [layer] = layersOf(recognizeRequest(code));
                assert.equal(layer.op, 'conv_transpose2d');
                assert.deepEqual(layer.outShape, [1, 4, kerasLength(n, k, s, d, mode, op), kerasLength(n + 1, k, s, d, mode, op)], code);
                count++;
              }
            }
    assert.ok(count > 200);
  });

  it('Keras Conv1DTranspose / Conv3DTranspose with output_padding; strides must exceed output_padding', () => {
    let [l] = layersOf(
      recognizeRequest('import keras\nm = keras.layers.Conv1DTranspose(8, 3, strides=2, padding="same", output_padding=1, input_shape=(10, 2))'),
    );
    assert.deepEqual(l.outShape, [1, 8, kerasLength(10, 3, 2, 1, 'same', 1)]);
    assert.deepEqual([l.padding, l.output_padding], [[[0, 1]], [0]]); // full length 21, Keras 20: TF's SAME crops ⌊1/2⌋ = 0 before, 1 after
    [l] = layersOf(
      recognizeRequest(
        'import keras\nm = keras.layers.Conv3DTranspose(2, (3, 2, 1), strides=(2, 2, 3), padding="valid", output_padding=(1, 0, 2), input_shape=(4, 5, 6, 1))',
      ),
    );
    assert.deepEqual(l.outShape, [1, 2, kerasLength(4, 3, 2, 1, 'valid', 1), kerasLength(5, 2, 2, 1, 'valid', 0), kerasLength(6, 1, 3, 1, 'valid', 2)]);
    const bad = recognizeRequest('import keras\nm = keras.layers.Conv2DTranspose(8, 3, strides=2, output_padding=2, input_shape=(8, 8, 1))');
    assert.match(String((bad as { error: string }).error), /strides greater than output_padding/);
  });

  it('Keras padding="same" crops where TensorFlow does: the odd sample is dropped at the end (values checked on a 1-D example)', () => {
    // n = 2, k = 3, s = 2, ones kernel, x = [1, 10]: the full transposed output is [1, 1, 11, 10, 10];
    // Keras 'same' gives length 4 and TF's SAME forward padding is (0, 1), so the output is [1, 1, 11, 10].
    const r = recognizeRequest('import keras\nm = keras.layers.Conv1DTranspose(1, 3, strides=2, padding="same", use_bias=False, input_shape=(2, 1))') as {
      layers: Layer[];
      notes: string[];
    };
    assert.deepEqual(r.layers[0].padding, [[0, 1]]);
    assert.ok(r.notes.some((n) => /deconv_output_length/.test(n)));
    assert.ok(r.notes.some((n) => /PyTorch's ConvTranspose can only crop symmetrically/.test(n)));
    const out = simulateConv({
      kind: 'conv',
      inputShape: [1, 1, 2],
      input: { shape: [1, 1, 2], data: [1, 10] },
      layers: [{ ...(r.layers[0] as object), weight: { shape: [1, 1, 3], data: [1, 1, 1] } } as never],
    });
    assert.deepEqual(out.output!.data, [1, 1, 11, 10]);
    // With output_padding=1 Keras's length is (n − 1)s + k − 2⌊k/2⌋ + 1 = 4 as well, and TF's padding is the same (0, 1).
    const r2 = recognizeRequest('import keras\nm = keras.layers.Conv1DTranspose(1, 3, strides=2, padding="same", output_padding=1, input_shape=(2, 1))') as {
      layers: Layer[];
    };
    assert.deepEqual([r2.layers[0].outShape, r2.layers[0].padding], [[1, 1, 4], [[0, 1]]]);
  });

  it('Flax nn.ConvTranspose: SAME gives n·s, VALID n·s + max(k_d − s, 0), as jax.lax.conv_transpose pads', () => {
    for (const mode of ['SAME', 'VALID'])
      for (const k of [1, 2, 3, 4, 5])
        for (const s of [1, 2, 3])
          for (const d of [1, 2])
            for (const n of [1, 3, 6]) {
              const code = `import flax.linen as nn\ny = nn.ConvTranspose(5, (${k}, ${k}), strides=(${s}, ${s}), padding='${mode}', kernel_dilation=(${d}, ${d}))(x)\nx = jnp.ones((1, ${n}, ${n + 2}, 3))`;
              const [layer] = layersOf(recognizeRequest(code, { from: code.indexOf('nn.ConvTranspose'), to: code.indexOf('nn.ConvTranspose') }));
              assert.equal(layer.op, 'conv_transpose2d');
              assert.deepEqual(layer.outShape, [1, 5, jaxLength(n, k, s, d, mode), jaxLength(n + 2, k, s, d, mode)], code);
              if (mode === 'SAME') assert.deepEqual(layer.outShape.slice(2), [n * s, (n + 2) * s]);
            }
  });

  it('Flax nn.ConvTranspose: explicit padding pairs, defaults, notes about the kernel flip, and what cannot be expressed', () => {
    const text = 'import flax.linen as nn\nup = nn.ConvTranspose(features=4, kernel_size=(3,), strides=(2,), padding=((1, 2),))';
    const r = recognizeRequest(text, { inputShape: [1, 2, 5] }) as { layers: Layer[]; notes: string[]; framework: string };
    // Dilated input 9 samples + 1 + 2 padding − 3 + 1 = 10; as a crop: before k−1−1 = 1, after k−1−2 = 0.
    assert.equal(r.framework, 'flax');
    assert.deepEqual(r.layers[0].outShape, [1, 4, 10]);
    assert.deepEqual(r.layers[0].padding, [[1, 0]]);
    assert.ok(r.notes.some((n) => /flipped along every spatial axis/.test(n)));
    const t = recognizeRequest('import flax.linen as nn\nup = nn.ConvTranspose(4, (2, 2), transpose_kernel=True)', { inputShape: [1, 3, 8, 8] }) as {
      layers: Layer[];
      notes: string[];
    };
    assert.deepEqual(t.layers[0].outShape, [1, 4, 8, 8]); // strides default 1, padding 'SAME'
    assert.ok(t.notes.some((n) => /transpose_kernel=True/.test(n)));
    const bad = recognizeRequest('import flax.linen as nn\nup = nn.ConvTranspose(4, (3,), padding=((4, 0),))', { inputShape: [1, 3, 8] });
    assert.match(String((bad as { error: string }).error), /pads more than k − 1 = 2 before the input/);
  });
});
