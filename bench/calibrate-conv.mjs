// Calibration of the conv cost model in compute/conv/fast.ts: times every method on layers that
// stress one term of the model each, prints the measured nanoseconds per unit of work, and checks
// where the automatic choice lands against the fastest measured method.
//
//   npm run build && node bench/calibrate-conv.mjs
//
// Times are the minimum over repetitions of process CPU time (robust on a shared machine).
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');

// The same modules the extension ships, from the build (run `npm run build` first).
const api = require(path.join(root, 'dist', 'compute.js'));

function cpuMs(fn, budgetMs = 400) {
  fn();
  let best = Infinity;
  const start = Date.now();
  for (let i = 0; i < 15 && (i < 3 || Date.now() - start < budgetMs); i++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

function random(n, seed) {
  const rng = api.createRng(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
}

const size = (s) => s.reduce((a, b) => a * b, 1);
const configs = [];
// 1-D, one channel, signal 16,384: kernel sizes across the GEMM/FFT crossover.
for (const k of [3, 9, 17, 33, 65, 129, 257, 1025])
  configs.push({ layer: { op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: k, bias: false }, input: [1, 1, 16384] });
// 1-D, 8 → 8 channels, signal 4,096.
for (const k of [5, 17, 33, 65, 129])
  configs.push({ layer: { op: 'conv1d', in_channels: 8, out_channels: 8, kernel_size: k, bias: false }, input: [1, 8, 4096] });
// 2-D, one channel, 128×128 image.
for (const k of [3, 5, 7, 11, 15, 21, 31])
  configs.push({ layer: { op: 'conv2d', in_channels: 1, out_channels: 1, kernel_size: k, padding: 'same', bias: false }, input: [1, 1, 128, 128] });
// 2-D, 16 → 16 channels, 64×64.
for (const k of [3, 5, 9, 15])
  configs.push({ layer: { op: 'conv2d', in_channels: 16, out_channels: 16, kernel_size: k, padding: 'same', bias: false }, input: [1, 16, 64, 64] });
// Dense 3×3 (Winograd's domain) at a few channel counts.
for (const [c, n] of [
  [8, 32],
  [32, 32],
  [64, 56],
])
  configs.push({ layer: { op: 'conv2d', in_channels: c, out_channels: c, kernel_size: 3, padding: 1, bias: false }, input: [1, c, n, n] });
// Transposed: decoder-style upsampling layers and a long 1-D one.
configs.push({
  layer: { op: 'conv_transpose2d', in_channels: 64, out_channels: 32, kernel_size: 4, stride: 2, padding: 1, bias: false },
  input: [1, 64, 32, 32],
});
configs.push({
  layer: { op: 'conv_transpose2d', in_channels: 32, out_channels: 16, kernel_size: 3, stride: 2, padding: 1, output_padding: 1, bias: false },
  input: [1, 32, 32, 32],
});
configs.push({ layer: { op: 'conv_transpose1d', in_channels: 1, out_channels: 1, kernel_size: 511, bias: false }, input: [1, 1, 8192] });
// Depthwise and strided 2-D, a 3-D layer, and tiny layers where set-up dominates.
configs.push({ layer: { op: 'conv2d', in_channels: 32, out_channels: 32, kernel_size: 5, padding: 2, groups: 32, bias: false }, input: [1, 32, 64, 64] });
configs.push({ layer: { op: 'conv2d', in_channels: 3, out_channels: 16, kernel_size: 7, stride: 2, padding: 3, bias: false }, input: [1, 3, 128, 128] });
configs.push({ layer: { op: 'conv3d', in_channels: 4, out_channels: 8, kernel_size: 3, padding: 1, bias: false }, input: [1, 4, 16, 16, 16] });
configs.push({ layer: { op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 3, bias: false }, input: [1, 1, 16] });
configs.push({ layer: { op: 'conv2d', in_channels: 2, out_channels: 2, kernel_size: 3, bias: false }, input: [1, 2, 6, 6] });

const METHODS = ['direct', 'gemm', 'winograd', 'fft'];
const rows = [];
for (const c of configs) {
  const layer = api.normalizeLayer(c.layer);
  const x = { shape: c.input, data: random(size(c.input), 1) };
  const wShape = api.weightShape(layer);
  const w = { shape: wShape, data: random(size(wShape), 2) };
  const model = api.estimateCosts(layer, c.input);
  const measured = {};
  for (const method of METHODS) measured[method] = model[method] === Infinity ? Infinity : cpuMs(() => api.convForward(layer, x, w, undefined, { method }));
  const best = Object.entries(measured).sort((a, b) => a[1] - b[1])[0][0];
  const chosen = api.chooseConvMethod(layer, c.input);
  const k = layer.kernel_size.join('×');
  rows.push({
    layer: `${layer.op.replace('conv_transpose', 'convT')} ${c.input.join('×')} k${k}${layer.groups > 1 ? ` g${layer.groups}` : ''}${layer.stride.some((s) => s > 1) ? ` s${layer.stride.join('×')}` : ''}`,
    ...Object.fromEntries(METHODS.map((m) => [m, measured[m] === Infinity ? '—' : measured[m].toFixed(2)])),
    'model d/g/w/f': METHODS.map((m) => (model[m] === Infinity ? '—' : model[m].toFixed(2))).join(' / '),
    'measured/model': METHODS.map((m) => (model[m] === Infinity ? '—' : (measured[m] / model[m]).toFixed(2))).join(' / '),
    best,
    chosen,
    'lost ×': (measured[chosen] / measured[best]).toFixed(2),
  });
}
console.table(rows);
