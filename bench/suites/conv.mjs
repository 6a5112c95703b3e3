// Convolution values: our fast paths (compute/conv/fast.ts, method chosen automatically) against
// TensorFlow.js 4.22 on its two Node-capable backends without native code:
//   tfjs-cpu   plain JavaScript kernels (Float32Array, NHWC);
//   tfjs-wasm  XNNPACK compiled to WebAssembly with SIMD (single-threaded: the wasm backend
//              disables threads in Node), loaded offline from the npm package's dist folder.
// Each workload appears once per peer and per precision: ours float32 (the fair comparison, tfjs
// is float32) and ours float64 (the lab's default). Inputs are the same seeded values for all;
// tfjs gets them transposed to NHWC / HWIO once, outside the timed region, and its timed region
// ends with dataSync() (the values on the CPU, as ours are). Before timing, every workload checks
// once that ours and both tfjs backends agree within 1e-3 relative.
import { loadTf } from '../tfjs.mjs';

function seeded(api, n, seed) {
  const rng = api.createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** (N, C, ...spatial) → (N, ...spatial, C). */
function toChannelsLast(data, shape) {
  const [n, c] = shape;
  const plane = shape.slice(2).reduce((a, b) => a * b, 1);
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++) for (let ch = 0; ch < c; ch++) for (let i = 0; i < plane; i++) out[(b * plane + i) * c + ch] = data[(b * c + ch) * plane + i];
  return out;
}

/** PyTorch weight (O, I, ...k) → TF filter (...k, I, O); depthwise (C, 1, ...k) → (...k, C, 1). */
function toFilter(data, shape, depthwise) {
  const [o, i] = shape;
  const taps = shape.slice(2).reduce((a, b) => a * b, 1);
  const out = new Float32Array(data.length);
  for (let a = 0; a < o; a++) {
    for (let b = 0; b < i; b++) {
      for (let t = 0; t < taps; t++) {
        const v = data[(a * i + b) * taps + t];
        if (depthwise)
          out[t * o + a] = v; // (kh, kw, C, 1)
        else out[(t * i + b) * o + a] = v;
      }
    }
  }
  return out;
}

function maxRelDiff(ours, theirs) {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < ours.length; i++) {
    err = Math.max(err, Math.abs(ours[i] - theirs[i]));
    scale = Math.max(scale, Math.abs(ours[i]));
  }
  return err / scale;
}

const WORKLOADS = [
  {
    label: 'conv2d 1×3×224×224 * 64×3×7×7 s2 p3',
    layer: { op: 'conv2d', in_channels: 3, out_channels: 64, kernel_size: 7, stride: 2, padding: 3, bias: false },
    input: [1, 3, 224, 224],
    tf: (tf, x, w) =>
      tf.conv2d(x, w, 2, [
        [0, 0],
        [3, 3],
        [3, 3],
        [0, 0],
      ]),
  },
  {
    label: 'conv2d 1×64×56×56 * 64×64×3×3 p1',
    layer: { op: 'conv2d', in_channels: 64, out_channels: 64, kernel_size: 3, padding: 1, bias: false },
    input: [1, 64, 56, 56],
    tf: (tf, x, w) =>
      tf.conv2d(x, w, 1, [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ]),
    reps: 9,
  },
  {
    label: 'conv2d depthwise 1×128×56×56 * 3×3 g128 p1',
    layer: { op: 'conv2d', in_channels: 128, out_channels: 128, kernel_size: 3, padding: 1, groups: 128, bias: false },
    input: [1, 128, 56, 56],
    depthwise: true,
    reps: 21,
    tf: (tf, x, w) =>
      tf.depthwiseConv2d(x, w, 1, [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ]),
  },
  {
    label: 'conv1d 16,384 samples * 1,025 taps',
    layer: { op: 'conv1d', in_channels: 1, out_channels: 1, kernel_size: 1025, bias: false },
    input: [1, 1, 16384],
    tf: (tf, x, w) => tf.conv1d(x, w, 1, 'valid'),
    reps: 21,
  },
];

export default async function ({ compute, root }) {
  const api = compute;
  const tf = await loadTf(root);
  /** @type {any[]} */
  const cases = [];
  for (const [index, wl] of WORKLOADS.entries()) {
    const layer = api.normalizeLayer(wl.layer);
    const wShape = api.weightShape(layer);
    const x32 = seeded(
      api,
      wl.input.reduce((a, b) => a * b, 1),
      100 + index,
    );
    const w32 = seeded(
      api,
      wShape.reduce((a, b) => a * b, 1),
      200 + index,
    );
    const input = { f32: { shape: wl.input, data: x32 }, f64: { shape: wl.input, data: Float64Array.from(x32) } };
    const weight = { f32: { shape: wShape, data: w32 }, f64: { shape: wShape, data: Float64Array.from(w32) } };
    const method = api.chooseConvMethod(layer, wl.input);
    const ours = (precision, forced) => () =>
      api.convForward(layer, input[precision], weight[precision], undefined, { precision: precision === 'f32' ? 'float32' : 'float64', method: forced });

    // tfjs tensors in NHWC / HWIO, one set per backend, made while that backend is active.
    const xLast = toChannelsLast(x32, wl.input);
    const wFilter = toFilter(w32, wShape, wl.depthwise);
    const tfShape = [wl.input[0], ...wl.input.slice(2), wl.input[1]];
    const filterShape = wl.depthwise ? [...wShape.slice(2), wShape[0], 1] : [...wShape.slice(2), wShape[1], wShape[0]];
    const reference = ours('f32')();
    const referenceLast = toChannelsLast(reference.data, reference.shape);
    const peers = {};
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const x = tf.tensor(xLast, tfShape);
      const w = tf.tensor(wFilter, filterShape);
      const run = () => {
        const y = wl.tf(tf, x, w);
        const data = y.dataSync();
        y.dispose();
        return data;
      };
      // Same values? tfjs answers in NHWC; bring ours to that layout to compare.
      const diff = maxRelDiff(referenceLast, run());
      if (!(diff <= 1e-3)) throw new Error(`${wl.label}: ours and tfjs-${backend} differ by ${diff} (relative); the benchmark would compare different work.`);
      peers[backend] = {
        name: `tfjs-${backend}`,
        run: async () => {
          if (tf.getBackend() !== backend) await tf.setBackend(backend); // only in the warm-up run
          run();
        },
      };
    }
    for (const [precision, tag] of [
      ['f32', 'float32'],
      ['f64', 'float64'],
    ]) {
      for (const backend of ['cpu', 'wasm']) {
        cases.push({
          name: `${wl.label} (${method}, ${tag}) vs tfjs-${backend}`,
          ours: ours(precision),
          peer: peers[backend],
          reps: wl.reps ?? 7,
        });
      }
    }
    // Our own methods against each other: FFT vs direct (the lab's check) and vs GEMM for the
    // long 1-D kernel, Winograd vs plain GEMM for the dense 3×3 layer.
    const rivals = method === 'fft' ? ['direct', 'gemm'] : method === 'winograd' ? ['gemm'] : [];
    for (const forced of rivals) {
      cases.push({
        name: `${wl.label} (${method}, float64) vs ours ${forced}`,
        ours: ours('f64'),
        peer: { name: `ours ${forced}`, run: ours('f64', forced) },
        reps: wl.reps ?? 7,
      });
    }
  }
  cases[0].notes =
    'target: ratio > 1 against tfjs-cpu on every workload. tfjs-wasm runs XNNPACK with WASM SIMD (one thread in Node); ours is scalar JavaScript.';
  return cases;
}
