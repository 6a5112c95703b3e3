// Optimizer lab: 10⁶ steps of torch.optim.Adam (float64, PyTorch's FMA rounding) on Rosenbrock
// with the analytic gradient, through runOptimizer (typed arrays, nothing allocated per step,
// the whole trajectory and loss curve stored). A second row times a full JSON request,
// simulateOptimizer, for 10⁵ steps with its plain-array result.
//
// Peer: the same Adam update and Rosenbrock gradient hand-inlined in one plain JS loop (a·b + c
// rounded twice, βᵗ by running products, no divergence checks, no stored trajectory): the floor
// for this arithmetic in V8, not another library. A tensor library (tfjs) on a 2-element variable would time per-call
// dispatch, not the optimizer, so none is used.

/** Adam (PyTorch's update, lr 1e-3, default betas/eps) on Rosenbrock, inlined; returns the last iterate. */
function inlinedAdam(steps) {
  let x = -1.5;
  let y = 2;
  let mx = 0,
    my = 0,
    vx = 0,
    vy = 0;
  const lr = 1e-3,
    b1 = 0.9,
    b2 = 0.999,
    eps = 1e-8;
  let b1t = 1,
    b2t = 1; // βᵗ as running products (cheaper than pow; last-bit differences only)
  for (let t = 1; t <= steps; t++) {
    b1t *= b1;
    b2t *= b2;
    const d = y - x * x;
    const gx = -2 * (1 - x) - 400 * x * d;
    const gy = 200 * d;
    mx = mx * b1 + (1 - b1) * gx;
    my = my * b1 + (1 - b1) * gy;
    vx = vx * b2 + (1 - b2) * gx * gx;
    vy = vy * b2 + (1 - b2) * gy * gy;
    const stepSize = lr / (1 - b1t);
    const c2 = Math.sqrt(1 - b2t);
    x -= (stepSize * mx) / (Math.sqrt(vx) / c2 + eps);
    y -= (stepSize * my) / (Math.sqrt(vy) / c2 + eps);
  }
  return [x, y];
}

export default async function ({ compute }) {
  const optim = compute;
  const steps = 1_000_000;
  const { objective } = optim.resolveObjective({ name: 'rosenbrock' }, 2);
  const adam = optim.buildOptimizer({ name: 'adam', framework: 'pytorch', hyperparameters: { lr: 1e-3 } });
  const lr = new Float64Array(steps).fill(1e-3);
  const ours = (n = steps) => optim.runOptimizer({ objective, stepper: adam.create(2), start: [-1.5, 2], steps: n, lr }).trajectory.subarray(2 * n, 2 * n + 2);
  // Check that the two loops compute the same iterates (to rounding) over the first 2,000 steps.
  // (Over 10⁶ steps Adam's hovering near the minimum amplifies last-bit differences.)
  const a = ours(2000);
  const b = inlinedAdam(2000);
  if (Math.abs(a[0] - b[0]) > 1e-9 || Math.abs(a[1] - b[1]) > 1e-9) throw new Error(`optim bench: loops disagree ${a} vs ${b}`);
  const request = {
    kind: 'optimizer',
    optimizer: { name: 'adam', framework: 'pytorch', hyperparameters: { lr: 1e-3 } },
    objective: { name: 'rosenbrock' },
    start: [-1.5, 2],
    steps: 100_000,
  };
  return [
    {
      name: '10⁶ Adam steps on Rosenbrock',
      ours: () => ours(),
      peer: { name: 'hand-inlined JS Adam loop (no FMA rounding, no trajectory)', run: () => inlinedAdam(steps) },
      reps: 3,
      notes: 'runOptimizer with the torch.optim.Adam stepper (FMA-exact rounding) storing the 16 MB trajectory and 8 MB loss curve; the peer stores nothing',
    },
    {
      name: 'simulateOptimizer JSON request, 10⁵ Adam steps',
      ours: () => optim.simulateOptimizer(request),
      peer: null,
      reps: 3,
      notes: 'includes building number[][] for 100,001 points',
    },
  ];
}
