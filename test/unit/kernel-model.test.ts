/**
 * The kernel view's model (webview/labs/conv/kernel-model.ts), in Node: which cells each grid
 * has, what the current window covers, the sum written out, the links between inputs and outputs,
 * and edits of the example's numbers.
 */
import * as assert from 'node:assert/strict';
import { createKernelModel, formatValue, parseValue } from '../../webview/labs/conv/kernel-model';

const conv3 = { op: 'conv2d', in_channels: 1, out_channels: 1, kernel_size: 3, padding: 1 };

describe('kernel view model', () => {
  it('a 3×3 conv with padding 1 on a 5×5 example: a padded 7×7 input, 9 taps, 25 outputs', () => {
    const m = createKernelModel(conv3, [1, 1, 5, 5]);
    const input = m.inputCells();
    assert.equal(input.length, 49);
    assert.equal(m.inputColumns(), 7);
    assert.equal(input.filter((c) => c.kind === 'pad').length, 49 - 25);
    assert.ok(input.filter((c) => c.kind === 'input').every((c) => c.editable && c.label.endsWith('(Enter to edit)')));
    assert.equal(m.kernelCells().length, 9);
    assert.equal(m.outputCells().length, 25);
    assert.match(m.inputTitle(), /^Input, channel 0 \(padded\) 7×7$/);
  });

  it('the window at output (0, 0) covers the top-left 3×3 of the padded input, outlined, and its sum is the output', () => {
    const m = createKernelModel(conv3, [1, 1, 5, 5]);
    const win = m.window();
    assert.deepEqual(
      [...win.input.keys()].sort((a, b) => a - b),
      [0, 1, 2, 7, 8, 9, 14, 15, 16],
    );
    assert.deepEqual(win.input.get(0), ['kv-in-window', 'kv-skipped', 'kv-edge-top', 'kv-edge-left'], 'a padding cell adds nothing to the sum');
    assert.deepEqual(win.input.get(8), ['kv-in-window']);
    assert.deepEqual(win.input.get(16), ['kv-in-window', 'kv-edge-bottom', 'kv-edge-right']);
    assert.deepEqual(win.kernelTaps, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // The equation's terms are input·weight over the window, plus the bias.
    const x = m.inputCells();
    const w = m.kernelCells();
    const b = m.values.bias![0];
    const expected =
      [0, 1, 2, 7, 8, 9, 14, 15, 16].reduce((s, cell, tap) => s + Number(x[cell].text.replace('−', '-')) * Number(w[tap].text.replace('−', '-')), 0) + b;
    assert.equal(win.equation.split(' = ').pop(), formatValue(expected));
    assert.equal(m.outputCells()[0].text, formatValue(expected));
  });

  it('links: an output reads its window; an input cell is read by the outputs around it', () => {
    const m = createKernelModel(conv3, [1, 1, 5, 5]);
    assert.deepEqual(
      m.readBy(6).sort((a, b) => a - b),
      [8, 9, 10, 15, 16, 17, 22, 23, 24],
    );
    // The centre input (padded cell 24 = row 3, column 3) is read by the 3×3 outputs around it.
    assert.deepEqual(
      m.readersOf(24).outputs.sort((a, b) => a - b),
      [6, 7, 8, 11, 12, 13, 16, 17, 18],
    );
  });

  it('an edited number recomputes the output; saved numbers that fit are kept, others regenerated from the seed', () => {
    const m = createKernelModel(conv3, [1, 1, 5, 5]);
    const before = m.outputCells()[0].text;
    const centre = m.valueIndex('kernel', 4);
    m.setValue('kernel', centre, m.values.kernel[centre] + 10);
    const x00 = Number(m.inputCells()[8].text.replace('−', '-'));
    assert.equal(Number(m.outputCells()[0].text.replace('−', '-')), Number(before.replace('−', '-')) + 10 * x00);
    const kept = createKernelModel(conv3, [1, 1, 5, 5], m.snapshot());
    assert.deepEqual(kept.values.kernel, m.values.kernel);
    const regenerated = createKernelModel({ ...conv3, kernel_size: 5, padding: 2 }, [1, 1, 5, 5], m.snapshot());
    assert.equal(regenerated.values.kernel.length, 25);
  });

  it('max pooling writes the max; a transposed conv shows inserted zeros and a flipped kernel', () => {
    const pool = createKernelModel({ op: 'max_pool2d', kernel_size: 2, stride: 2 }, [1, 1, 4, 4]);
    assert.match(pool.window().equation, /^y\[0, 0\] = max\(.*\) = /);
    assert.equal(pool.kernelCells().length, 0);
    assert.match(pool.kernelTitle(), /^Window 2×2, max$/);
    const t = createKernelModel({ op: 'conv_transpose2d', in_channels: 1, out_channels: 1, kernel_size: 3, stride: 2 }, [1, 1, 3, 3]);
    assert.ok(t.inputCells().some((c) => c.kind === 'inserted'));
    assert.match(t.description(), /zeros inserted between input samples/);
    assert.match(t.kernelTitle(), /flipped/);
  });

  it('grouped convolution: each output channel reads its group’s input channels', () => {
    const m = createKernelModel({ op: 'conv2d', in_channels: 4, out_channels: 4, kernel_size: 3, groups: 2 }, [1, 4, 6, 6]);
    m.setOutChannel(3);
    assert.deepEqual(m.inChannelChoices(), [2, 3]);
    assert.equal(m.state.inChannel, 2);
    assert.match(m.channelNote(), /group 1: output channel 3 reads input channels 2, 3/);
  });

  it('parses typed numbers with a real minus sign and rejects the rest', () => {
    assert.equal(parseValue('−2.5'), -2.5);
    assert.equal(parseValue('3e-1'), 0.3);
    assert.equal(parseValue('abc'), undefined);
    assert.equal(formatValue(-0.004), '0');
    assert.equal(formatValue(-1.5), '−1.5');
  });
});
