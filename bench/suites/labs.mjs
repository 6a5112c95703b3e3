// Each lab's compute part of one control edit, as the lab sends it (the frame-time report's
// compute share; the e2e run in a real VS Code times the whole control → frame):
// - conv: the layer analysis on the UI thread plus the kernel view's model (webview/labs/conv/
//   kernel-model.ts: the example, every cell, the window and its equation) for the ResNet stem;
// - optimizer: the lab's default request, 3 optimizers × 300 steps on Rosenbrock with the 128²
//   objective grid (worker);
// - flow: the planar × 4 preset, the coarse pass drawn right after an edit and the full pass
//   that follows when the controls rest (worker);
// - gradient flow: the default quadratic, coarse and full (worker).
// The webview helpers are bundled here with esbuild so the rows use the lab's own request builders.
import * as esbuild from 'esbuild';
import path from 'node:path';

async function load(root, file) {
  const r = await esbuild.build({ entryPoints: [path.join(root, file)], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString('base64')}`);
}

export default async function ({ compute, root }) {
  const kernel = await load(root, 'webview/labs/conv/kernel-model.ts');
  const flow = await load(root, 'shared/flow-state.ts');
  const optimizer = await load(root, 'webview/labs/optimizer/form.ts');
  const stem = { op: 'conv2d', in_channels: 3, out_channels: 64, kernel_size: 7, stride: 2, padding: 3, bias: false };
  const convEdit = () => {
    const result = compute.analyzeConvRequest({ kind: 'conv', layers: [stem], inputShape: [1, 3, 224, 224] });
    const m = kernel.createKernelModel(stem, result.layers[0].inShape);
    return [m.inputCells().length, m.kernelCells().length, m.outputCells().length, m.window().equation.length];
  };
  const optRequest = optimizer.runRequest(optimizer.defaultRequest());
  const planar = flow.applyPreset(flow.defaultRequest(), 'planar');
  const flowCoarse = flow.normalizingRequest(planar, planar.layers.length, true);
  const flowFull = flow.normalizingRequest(planar);
  const gfCoarse = flow.gradientRequest(flow.defaultRequest(), true);
  const gfFull = flow.gradientRequest(flow.defaultRequest());
  const row = (name, run, notes) => ({ name, ours: run, peer: null, reps: 15, notes });
  return [
    row('conv lab edit: analysis + kernel-view model (ResNet stem 7×7 s2)', convEdit, 'UI thread; the frame budget is 16 ms for all of it, DOM included'),
    row('optimizer lab edit: 3 × 300 steps + 128² grid (default request)', () => compute.simulate(optRequest), 'worker'),
    row('flow lab edit, coarse pass (planar × 4: 32² density, no check)', () => compute.simulate(flowCoarse), 'worker; drawn right after the edit'),
    row('flow lab full pass (planar × 4: 96² density, check)', () => compute.simulate(flowFull), 'worker; runs when the controls rest 300 ms'),
    row('gradient flow edit, coarse pass (3 methods, 32² grid)', () => compute.simulate(gfCoarse), 'worker'),
    row('gradient flow full pass (3 methods, 96² grid)', () => compute.simulate(gfFull), 'worker'),
  ];
}
