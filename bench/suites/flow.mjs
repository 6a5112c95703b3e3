// Flow lab: the density of an 8-layer coupling flow on a 256×256 grid (change of variables, one
// batched inverse pass: per layer, s and t as one tape sweep over all 65,536 points), and the
// gradient flow of Rosenbrock's function by RK4 over 10⁵ steps (4·10⁵ exact gradients).
//
// Density rows: "ours" is what the lab does on every edit: build the stack (parse and compile
// the 16 s/t expressions) and compute the density grid (typed arrays). A third row times the
// whole JSON request, simulateFlow({layers, density}), with its plain-array result. The peer is the same
// arithmetic as TensorFlow.js tensor ops (float32; ours is float64) on tfjs-cpu and tfjs-wasm,
// checked to agree with ours (1e-4 relative on the log-density) before timing; its timed region
// ends with dataSync(). The gradient flow has no fair peer (a per-step tensor library call would
// measure dispatch overhead, not integration), so its peer is null.
import { loadTf } from '../tfjs.mjs';

/** The stack of test/fixtures/flow.json "deep-coupling-2d": alternating masks, smooth s and t. */
const LAYERS = Array.from({ length: 8 }, (_, i) => {
  const k = i % 2 === 0 ? 0 : 1;
  const a = +(0.3 + 0.05 * i).toFixed(2);
  return { type: 'affine_coupling', mask: k === 0 ? [1, 0] : [0, 1], s: `${a}*np.tanh(x${k})`, t: `0.5*np.sin(x${k}) + 0.1*x${k}`, a, k };
});
const BOX = [-4, 4, -4, 4];
const N = 256;

/** The same density computation as tfjs tensor ops: inverse layers in reverse order, then log N. */
function tfDensity(tf, xs, ys) {
  return tf.tidy(() => {
    const cols = [xs, ys];
    let logDet = tf.zerosLike(xs);
    for (let i = LAYERS.length - 1; i >= 0; i--) {
      const { a, k } = LAYERS[i];
      const kept = cols[k];
      const s = tf.mul(a, tf.tanh(kept));
      const t = tf.add(tf.mul(0.5, tf.sin(kept)), tf.mul(0.1, kept));
      cols[1 - k] = tf.mul(tf.sub(cols[1 - k], t), tf.exp(tf.neg(s)));
      logDet = tf.sub(logDet, s);
    }
    const logDensity = tf.sub(tf.sub(logDet, Math.log(2 * Math.PI)), tf.mul(0.5, tf.add(tf.square(cols[0]), tf.square(cols[1]))));
    return [logDensity, tf.exp(logDensity)];
  });
}

export default async function ({ compute, root }) {
  const api = compute.flow;
  const tf = await loadTf(root);
  const layers = LAYERS.map(({ type, mask, s, t }) => ({ type, mask, s, t }));
  const request = { kind: 'flow', layers, density: { box: BOX, n: N } };
  const stack = api.buildStack(layers);
  const reference = api.densityGrid(stack, BOX, N);

  const { xs, ys } = api.gridAxes(BOX, N);
  const gx = new Float32Array(N * N);
  const gy = new Float32Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) [gx[i * N + j], gy[i * N + j]] = [xs[j], ys[i]];
  const peers = {};
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    const x = tf.tensor1d(gx);
    const y = tf.tensor1d(gy);
    const run = () => {
      const [logDensity, density] = tfDensity(tf, x, y);
      const out = logDensity.dataSync();
      density.dataSync();
      tf.dispose([logDensity, density]);
      return out;
    };
    const out = run();
    let diff = 0;
    for (let k = 0; k < out.length; k++) diff = Math.max(diff, Math.abs(out[k] - reference.logDensity[k]) / Math.max(1, Math.abs(reference.logDensity[k])));
    if (!(diff <= 1e-4)) throw new Error(`flow density: ours and tfjs-${backend} differ by ${diff}; the benchmark would compare different work.`);
    peers[backend] = {
      name: `tfjs-${backend} (float32)`,
      run: async () => {
        if (tf.getBackend() !== backend) await tf.setBackend(backend);
        run();
      },
    };
  }

  // Gradient flow: Rosenbrock from (−1.2, 1), h = 10⁻⁴, T = 10, every state recorded.
  const objective = api.expressionObjective('(1 - x)**2 + 100*(y - x**2)**2', 2);
  const rk4 = () => api.integrateGradientFlow(objective, [-1.2, 1], { method: 'rk4', h: 1e-4, steps: 100_000 });

  // The lab's path: compile the stack (as on every edit), then one inverse pass, typed arrays.
  const labDensity = () => api.densityGrid(api.buildStack(layers), BOX, N);
  return [
    {
      name: 'flow density 256×256 grid through 8 coupling layers',
      ours: labDensity,
      peer: peers.cpu,
      reps: 21,
      notes:
        'target ≤ 16 ms median. Ours: buildStack (parse + compile 16 expressions) + densityGrid, float64, typed arrays; the peer: the same arithmetic as tfjs tensor ops, float32. Per grid point the inverse needs 8 × (tanh, sin, exp): the floor is those 1.6 M Math calls.',
    },
    { name: 'flow density 256×256 grid through 8 coupling layers vs tfjs-wasm', ours: labDensity, peer: peers.wasm, reps: 21 },
    { name: 'flow density 256×256 grid, whole JSON request (simulateFlow, plain arrays)', ours: () => api.simulateFlow(request), peer: null, reps: 21 },
    { name: 'gradient flow RK4 10⁵ steps (Rosenbrock, exact gradients)', ours: rk4, peer: null, reps: 7 },
  ];
}
