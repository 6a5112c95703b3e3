/** Identities for quadratic and linear forms in a vector x. */
import { dot, matVec, numericGradient, randomMatrix, randomVector, transpose } from './numeric';
import type { Identity } from './types';

export const QUADRATIC_IDENTITIES: Identity[] = [
  {
    id: 'quadratic-form',
    name: 'Gradient of a quadratic form xᵀAx',
    prefix: 'deriv-quadratic-form',
    // ∂(xᵀAx)/∂x_k = Σ_j A_kj x_j + Σ_i x_i A_ik = ((A + Aᵀ)x)_k.
    template: {
      numerator: String.raw`\frac{\partial\, \mathbf{«1:x»}^\top «2:A» \mathbf{«1:x»}}{\partial \mathbf{«1:x»}} = \mathbf{«1:x»}^\top \left(«2:A» + «2:A»^\top\right)«0»`,
      denominator: String.raw`\frac{\partial\, \mathbf{«1:x»}^\top «2:A» \mathbf{«1:x»}}{\partial \mathbf{«1:x»}} = \left(«2:A» + «2:A»^\top\right) \mathbf{«1:x»}«0»`,
    },
    assumptions: ['A is any square matrix; for symmetric A the result is 2Ax.'],
    python: {
      numpy: '# d(«1:x».T @ «2:A» @ «1:x»)/d«1:x» as a 1-D array\ngrad_«1:x» = («2:A» + «2:A».T) @ «1:x»«0»',
      torch: '# d(«1:x» @ «2:A» @ «1:x»)/d«1:x» for a 1-D tensor\ngrad_«1:x» = («2:A» + «2:A».T) @ «1:x»«0»',
    },
    check: {
      sample(rng, n) {
        const a = randomMatrix(rng, n, n);
        const x = randomVector(rng, n);
        const ax = matVec(a, x, n, n);
        const atx = matVec(transpose(a, n, n), x, n, n);
        const claimed = ax.map((v, i) => v + atx[i]);
        const reference = numericGradient((z) => dot(z, matVec(a, z, n, n)), x);
        return { claimed, reference };
      },
    },
  },
];
