import { strict as assert } from 'node:assert';
import { applyEdits, labEdits, recognizeRequest, type ConvLayerJson, type ConvRecognition, type FlowRequest } from '../../compute';

/** Offsets of `needle` … end of `until` in `text`. */
const span = (text: string, needle: string, until: string) => [text.indexOf(needle), text.indexOf(until) + until.length] as const;

describe('Apply to code for every lab (labEdits)', () => {
  it('conv: rewrites the changed layer of a Sequential; names bound in the file stay names', () => {
    const doc =
      'import torch.nn as nn\nC = 64\nnet = nn.Sequential(\n    nn.Conv2d(3, C, 7, stride=2, padding=3),  # stem\n    nn.ReLU(),\n    nn.MaxPool2d(3, 2, 1),\n)\n';
    const [from, to] = span(doc, 'nn.Sequential', '1),\n)');
    const recognized = recognizeRequest(doc, { from, to }) as ConvRecognition;
    const layers = recognized.layers.map((l, i) =>
      i === 0 ? { op: 'conv2d', in_channels: 3, out_channels: 64, kernel_size: 7, stride: 1, padding: 'same' as const } : l,
    );
    const edited = applyEdits(doc, labEdits({ lab: 'conv', request: { ...recognized, layers } }, doc, from, to));
    assert.equal(edited.split('\n')[3], "    nn.Conv2d(3, C, 7, padding='same'),  # stem");
    assert.equal(edited.split('\n')[5], '    nn.MaxPool2d(3, 2, 1),');
    // Round trip: the edited code reads back as the lab's layers.
    const again = recognizeRequest(edited, { from, to: edited.indexOf('1),\n)') + 4 }) as ConvRecognition;
    assert.deepEqual(
      again.layers.map((l) => l.outShape),
      [
        [1, 64, 224, 224],
        [1, 64, 224, 224],
        [1, 64, 112, 112],
      ],
    );
  });

  it('conv: a changed value replaces the name', () => {
    const doc = 'C = 64\nconv = nn.Conv2d(3, C, 3)\n';
    const [from, to] = span(doc, 'nn.Conv2d', '3)');
    const recognized = recognizeRequest(doc, { from, to }) as ConvRecognition;
    const layers = [{ op: 'conv2d', in_channels: 3, out_channels: 32, kernel_size: 3 }];
    assert.equal(applyEdits(doc, labEdits({ lab: 'conv', request: { ...recognized, layers } }, doc, from, to)), 'C = 64\nconv = nn.Conv2d(3, 32, 3)\n');
  });

  it('flow: s and t keep their forms (string, lambda)', () => {
    const doc = 'layer = AffineCoupling(mask=[1, 0], s="tanh(x0)", t=lambda x0: 0.5 * x0)\n';
    const [from, to] = span(doc, 'AffineCoupling', '* x0)');
    const recognized = recognizeRequest(doc, { from, to }) as unknown as FlowRequest & { layers: Record<string, unknown>[] };
    const layers = [{ ...recognized.layers[0], s: '0.5 * tanh(x0)', t: 'x0 ** 2' }] as FlowRequest['layers'];
    assert.equal(
      applyEdits(doc, labEdits({ lab: 'flow', request: { layers } }, doc, from, to)),
      'layer = AffineCoupling(mask=[1, 0], s="0.5 * tanh(x0)", t=lambda x0: x0 ** 2)\n',
    );
  });

  it('optimizer: offsets are into the whole document', () => {
    const doc = 'import torch\nopt = torch.optim.SGD(params, lr=0.1)\n';
    const [from, to] = span(doc, 'torch.optim.SGD', '0.1)');
    const edits = labEdits(
      {
        lab: 'optimizer',
        request: {
          kind: 'optimizer',
          optimizer: { name: 'sgd', framework: 'pytorch', hyperparameters: { lr: 0.01, momentum: 0.9 } },
          objective: { name: 'rosenbrock' },
        } as never,
      },
      doc,
      from,
      to,
    );
    assert.equal(applyEdits(doc, edits), 'import torch\nopt = torch.optim.SGD(params, lr=0.01, momentum=0.9)\n');
  });

  it('says clearly when the code no longer matches', () => {
    const doc = 'x = 1\n';
    assert.throws(
      () =>
        labEdits(
          { lab: 'conv', request: { layers: [{ op: 'conv2d', in_channels: 3, out_channels: 8, kernel_size: 3 }], inputShape: [1, 3, 8, 8] } },
          doc,
          0,
          5,
        ),
      /no longer a layer/,
    );
  });
});

describe('labEdits: layers made by a helper of the file', () => {
  it('refuses to write through conv3x3(...) and says what to do instead', () => {
    const doc =
      'import torch.nn as nn\n\ndef conv3x3(i, o, stride=1):\n    return nn.Conv2d(i, o, 3, stride, padding=1, bias=False)\n\nlayer = conv3x3(64, 128, 2)\n';
    const from = doc.indexOf('conv3x3(64');
    const to = doc.indexOf(')', from) + 1;
    const r = recognizeRequest(doc, { from, to, inputShape: [1, 64, 56, 56] });
    assert.ok(!('error' in r) && r.kind === 'conv', JSON.stringify(r).slice(0, 200));
    assert.deepEqual((r as { layers: { outShape: number[] }[] }).layers[0].outShape, [1, 128, 28, 28]);
    const layers = (r as { layers: ConvLayerJson[] }).layers.map((l) => ({ ...l, stride: [1, 1] }));
    assert.throws(
      () => labEdits({ lab: 'conv', request: { layers, inputShape: [1, 64, 56, 56] } }, doc, from, to),
      /conv3x3\(\.\.\.\) is a helper defined in this file/,
    );
  });
});
