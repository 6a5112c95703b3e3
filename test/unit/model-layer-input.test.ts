/**
 * A single layer selected inside a model: its input is what the model's forward feeds it, and
 * when the conv lab's reader of the call alone would take a value from elsewhere (a parameter's
 * own default, another function's parameter of the same name), the layer is shown as the model
 * builds it, with a warning, and Apply to code refuses to write those values over the names.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recognizeRequest, labEdits, type ConvRecognition } from '../../compute';

const text = readFileSync(join(__dirname, '..', 'recognize-corpus', 'model_bound_layer.py'), 'utf8');
const at = text.indexOf('nn.Conv2d(cin');

describe('a layer inside a model, read through the model', () => {
  it('gets the input Net feeds it and the stride Net builds it with', () => {
    const r = recognizeRequest(text, { from: at + 3, to: at + 3 }) as ConvRecognition;
    assert.equal(r.kind, 'conv');
    assert.deepEqual(r.inputShape, [1, 8, 56, 56]); // Net's assumed 224×224 input through stem (k3, s4): ⌊221/4⌋+1 = 56
    assert.deepEqual(r.layers[0].stride, [1, 1]);
    assert.deepEqual(r.layers[0].outShape, [1, 16, 56, 56]);
    assert.ok(
      r.warnings?.some((w) => /stride=\[2,2\].*Net\(\) builds it with stride=\[1,1\]/.test(w)),
      JSON.stringify(r.warnings),
    );
    assert.ok(
      r.notes?.some((n) => /what Net\(\) feeds this layer \(block\.conv\)/.test(n)),
      JSON.stringify(r.notes),
    );
  });

  it('Apply to code says where the values come from instead of writing over the names', () => {
    const r = recognizeRequest(text, { from: at + 3, to: at + 3 }) as ConvRecognition;
    const end = text.indexOf(')', at) + 1;
    assert.throws(() => labEdits({ lab: 'conv', request: { ...r } }, text, at, end), /come from Net\(\)/);
  });
});
