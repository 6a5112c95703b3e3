// Expression value + exact gradient on a 256×256 grid (the optimizer lab's contour plot), batched.
// Peer: the same work point by point through the single-point API (no batching).
export default async function ({ compute }) {
  const n = 256;
  const xs = new Float64Array(n * n);
  const ys = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      xs[i * n + j] = -2 + (4 * j) / (n - 1);
      ys[i * n + j] = -1 + (4 * i) / (n - 1);
    }
  }
  const values = new Float64Array(n * n);
  const gx = new Float64Array(n * n);
  const gy = new Float64Array(n * n);
  const cases = [];
  for (const [label, source] of [
    ['rosenbrock', '(1 - x)**2 + 100*(y - x**2)**2'],
    ['rastrigin', '20 + x**2 - 10*np.cos(2*np.pi*x) + y**2 - 10*np.cos(2*np.pi*y)'],
  ]) {
    const e = compute.compileExpression(source);
    const point = new Float64Array(2);
    const grad = new Float64Array(2);
    cases.push({
      name: `expr value+grad 256×256 grid (${label})`,
      ours: () => e.evaluateMany([xs, ys], values, [gx, gy]),
      peer: {
        name: 'same expression, point by point',
        run: () => {
          for (let k = 0; k < xs.length; k++) {
            point[0] = xs[k];
            point[1] = ys[k];
            values[k] = e.valueAndGradient(point, grad);
          }
        },
      },
      reps: 15,
      notes: 'target ≤ 5 ms median',
    });
  }
  return cases;
}
