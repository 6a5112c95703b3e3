import type { Term } from './types';

const LA = '3 Linear Algebra';

export const LINALG_TERMS: Term[] = [
  {
    id: 'psd-matrix',
    title: 'Positive semi-definite (PSD) matrix',
    section: LA,
    summary: 'A symmetric matrix whose quadratic form xᵀAx is never negative.',
    definition:
      'A symmetric matrix is positive semi-definite when xᵀAx ≥ 0 for every vector x, which holds exactly when all of its eigenvalues are non-negative. ' +
      'Every PSD matrix can be written as BᵀB (for instance through a Cholesky or eigen decomposition), and its trace and determinant are non-negative. ' +
      'Covariance matrices, Gram matrices of kernels, and Hessians of convex functions are PSD.',
    formulas: [
      String.raw`\mathbf{A} = \mathbf{A}^\top \succeq 0 \iff \mathbf{x}^\top \mathbf{A}\mathbf{x} \ge 0\ \ \forall \mathbf{x} \in \mathbb{R}^n \iff \lambda_i(\mathbf{A}) \ge 0\ \ \forall i`,
      String.raw`\mathbf{A} \succeq 0 \;\Rightarrow\; \operatorname{Tr}(\mathbf{A}) \ge 0,\ \det(\mathbf{A}) \ge 0,\ \mathbf{A} = \mathbf{L}\mathbf{L}^\top`,
    ],
    aliases: ['positive semi-definite', 'positive semidefinite', 'PSD matrix', 'PSD', 'p.s.d.', 'positive semi-definite matrix'],
    code: [],
    related: ['positive-definite', 'sylvester-criterion', 'cholesky', 'gram-matrix', 'covariance'],
  },
  {
    id: 'positive-definite',
    title: 'Positive definite matrix',
    section: LA,
    summary: 'A symmetric matrix whose quadratic form is strictly positive for every non-zero vector.',
    definition:
      'Positive definiteness strengthens PSD to xᵀAx > 0 for all x ≠ 0, equivalently all eigenvalues strictly positive. ' +
      'Such a matrix is invertible, its inverse is positive definite, and it has a unique Cholesky factor with a positive diagonal. ' +
      'A positive definite Hessian at a stationary point certifies a strict local minimum.',
    formulas: [
      String.raw`\mathbf{A} \succ 0 \iff \mathbf{x}^\top \mathbf{A}\mathbf{x} > 0\ \ \forall \mathbf{x} \ne \mathbf{0} \iff \lambda_{\min}(\mathbf{A}) > 0`,
    ],
    aliases: ['positive definite', 'positive definite matrix', 'positive-definite', 'negative definite', 'indefinite matrix'],
    code: [],
    related: ['psd-matrix', 'sylvester-criterion', 'hessian'],
  },
  {
    id: 'sylvester-criterion',
    title: 'Sylvester’s criterion',
    section: LA,
    summary: 'A symmetric matrix is positive definite exactly when all its leading principal minors are positive.',
    definition:
      'Sylvester’s criterion checks definiteness with determinants: the upper-left k×k minors for k = 1, …, d must all be positive for positive definiteness. ' +
      'For positive semi-definiteness it is not enough that the leading minors are non-negative; all principal minors (any equal subset of rows and columns) must be non-negative. ' +
      'A matrix is negative definite when the leading minors alternate in sign starting negative.',
    // The notes claim the criterion characterizes positive SEMI-definite matrices; positive leading
    // minors characterize positive DEFINITE ones. Counterexample for the PSD version with "≥ 0":
    // diag(0, −1) has leading minors 0, 0 but is not PSD.
    formulas: [
      String.raw`\mathbf{A} \succ 0 \iff \Delta_k = \det(\mathbf{A}_{1:k,\,1:k}) > 0,\quad k = 1, \dots, d`,
      String.raw`\mathbf{A} \prec 0 \iff (-1)^k \Delta_k > 0\ \ \forall k;\qquad \mathbf{A} \succeq 0 \iff \text{every principal minor} \ge 0`,
    ],
    aliases: ['Sylvester’s criterion', "Sylvester's criterion", 'Sylvester criterion', 'leading principal minors', 'principal minors'],
    code: [],
    related: ['positive-definite', 'psd-matrix'],
  },
  {
    id: 'trace',
    title: 'Trace of a matrix',
    section: LA,
    summary: 'The sum of a square matrix’s diagonal entries, which equals the sum of its eigenvalues.',
    definition:
      'The trace adds the diagonal entries of a square matrix and is linear and invariant under transposition. ' +
      'It is invariant under cyclic permutations of a product, Tr(ABC) = Tr(BCA) = Tr(CAB), but not under arbitrary reorderings. ' +
      'That cyclic property is the main tool for deriving matrix gradients, e.g. ‖A‖²_F = Tr(AᵀA).',
    formulas: [
      String.raw`\operatorname{Tr}(\mathbf{A}) = \sum_{i=1}^n a_{ii} = \sum_{i=1}^n \lambda_i`,
      String.raw`\operatorname{Tr}(\mathbf{A}\mathbf{B}\mathbf{C}) = \operatorname{Tr}(\mathbf{B}\mathbf{C}\mathbf{A}) = \operatorname{Tr}(\mathbf{C}\mathbf{A}\mathbf{B}),\quad \operatorname{Tr}(\mathbf{A}) = \operatorname{Tr}(\mathbf{A}^\top)`,
    ],
    aliases: ['trace of a matrix', 'matrix trace', 'trace operator', 'cyclic property of the trace', 'trace trick'],
    code: ['torch.trace', 'np.trace', 'jnp.trace'],
    related: ['frobenius-norm', 'eigendecomposition', 'scalar-by-matrix'],
  },
  {
    id: 'frobenius-norm',
    title: 'Frobenius norm',
    section: LA,
    summary: 'The Euclidean length of a matrix viewed as one long vector of its entries.',
    definition:
      'The Frobenius norm treats a matrix as one long vector and takes its Euclidean length. ' +
      'It equals the square root of Tr(AᵀA) and of the sum of squared singular values, and it is unchanged by multiplication with orthogonal matrices. ' +
      'Weight decay on a layer penalizes the squared Frobenius norm of its weight matrix.',
    formulas: [
      String.raw`\|\mathbf{A}\|_F = \sqrt{\sum_{i,j} |a_{ij}|^2} = \sqrt{\operatorname{Tr}(\mathbf{A}^\top \mathbf{A})} = \sqrt{\sum_i \sigma_i^2}`,
      String.raw`\|\mathbf{Q}\mathbf{A}\|_F = \|\mathbf{A}\|_F\ \ \text{for orthogonal } \mathbf{Q}`,
    ],
    aliases: ['Frobenius norm', 'Frobenius', 'Hilbert–Schmidt norm'],
    code: [],
    related: ['trace', 'svd', 'weight-decay'],
  },
  {
    id: 'eigendecomposition',
    title: 'Eigendecomposition (spectral theorem)',
    section: LA,
    summary: 'A symmetric matrix factors as QΛQᵀ with orthonormal eigenvectors and real eigenvalues.',
    definition:
      'An eigenvector v of A is only scaled by it, Av = λv, and λ is the eigenvalue. ' +
      'By the spectral theorem every real symmetric matrix has an orthonormal basis of eigenvectors, so A = QΛQᵀ. ' +
      'Eigenvalues of a Hessian describe the curvature along its eigenvectors and define definiteness and the condition number.',
    formulas: [
      String.raw`\mathbf{A}\mathbf{v} = \lambda \mathbf{v},\qquad \mathbf{A} = \mathbf{A}^\top \Rightarrow \mathbf{A} = \mathbf{Q}\boldsymbol{\Lambda}\mathbf{Q}^\top,\ \mathbf{Q}^\top\mathbf{Q} = \mathbf{I}`,
    ],
    aliases: [
      'eigendecomposition',
      'eigen decomposition',
      'eigenvalue decomposition',
      'spectral decomposition',
      'spectral theorem',
      'eigenvalue',
      'eigenvector',
    ],
    code: [
      'torch.linalg.eigh',
      'torch.linalg.eig',
      'np.linalg.eigh',
      'np.linalg.eig',
      'jnp.linalg.eigh',
      'scipy.linalg.eigh',
      'torch.linalg.eigvalsh',
      'np.linalg.eigvalsh',
    ],
    related: ['svd', 'psd-matrix', 'condition-number', 'trace'],
  },
  {
    id: 'svd',
    title: 'Singular value decomposition (SVD)',
    section: LA,
    summary: 'Any matrix factors as UΣVᵀ with orthonormal U, V and non-negative singular values on Σ’s diagonal.',
    definition:
      'The SVD writes a rectangular matrix as a rotation, an axis-aligned scaling by the singular values, and another rotation. ' +
      'The singular values are the square roots of the eigenvalues of AᵀA, and the largest one is the operator (spectral) norm. ' +
      'Truncating to the top k singular values gives the best rank-k approximation (Eckart–Young), and the largest singular value of a recurrent weight matrix governs exploding and vanishing gradients.',
    formulas: [
      String.raw`\mathbf{A} = \mathbf{U}\boldsymbol{\Sigma}\mathbf{V}^\top,\quad \mathbf{U}^\top\mathbf{U} = \mathbf{I},\ \mathbf{V}^\top\mathbf{V} = \mathbf{I},\ \sigma_1 \ge \dots \ge \sigma_r > 0`,
      String.raw`\|\mathbf{A}\|_2 = \sigma_{\max}(\mathbf{A}),\qquad \|\mathbf{A}\|_F^2 = \sum_i \sigma_i^2`,
    ],
    aliases: ['singular value decomposition', 'SVD', 'singular value', 'singular vector', 'spectral norm', 'truncated SVD'],
    code: [
      'torch.linalg.svd',
      'torch.svd',
      'np.linalg.svd',
      'jnp.linalg.svd',
      'scipy.linalg.svd',
      'sklearn.decomposition.TruncatedSVD',
      'torch.linalg.svdvals',
    ],
    related: ['eigendecomposition', 'frobenius-norm', 'exploding-vanishing-gradients', 'condition-number'],
  },
  {
    id: 'cholesky',
    title: 'Cholesky decomposition',
    section: LA,
    summary: 'A positive definite matrix factors as LLᵀ with L lower triangular.',
    definition:
      'The Cholesky factor is a lower-triangular matrix L with A = LLᵀ; it is unique with a positive diagonal when A is positive definite and exists (not uniquely) for PSD A. ' +
      'It is about twice as fast as LU and is the standard way to solve linear systems with covariance matrices and to sample from N(μ, Σ) as μ + Lz. ' +
      'A failing Cholesky factorization is a practical test that a matrix is not positive definite.',
    formulas: [
      String.raw`\mathbf{A} = \mathbf{L}\mathbf{L}^\top,\qquad \mathbf{x} = \boldsymbol{\mu} + \mathbf{L}\mathbf{z},\ \mathbf{z} \sim \mathcal{N}(\mathbf{0}, \mathbf{I}) \Rightarrow \mathbf{x} \sim \mathcal{N}(\boldsymbol{\mu}, \mathbf{A})`,
    ],
    aliases: ['Cholesky decomposition', 'Cholesky factorization', 'Cholesky factor', 'Cholesky'],
    code: ['torch.linalg.cholesky', 'np.linalg.cholesky', 'jnp.linalg.cholesky', 'scipy.linalg.cholesky', 'torch.cholesky'],
    related: ['psd-matrix', 'positive-definite', 'gaussian'],
  },
  {
    id: 'gram-matrix',
    title: 'Kernel (Gram) matrix',
    section: LA,
    summary: 'The matrix of pairwise kernel values k(xᵢ, xⱼ), which is PSD for a valid kernel.',
    definition:
      'A kernel computes inner products of implicit feature maps, k(x, x′) = ⟨φ(x), φ(x′)⟩. ' +
      'Evaluated on n points it gives an n×n Gram matrix, and a function is a valid (Mercer) kernel exactly when every such matrix is symmetric PSD. ' +
      'Kernel methods such as SVMs and Gaussian processes work with this matrix instead of the features.',
    formulas: [
      String.raw`\mathbf{K}_{ij} = k(\mathbf{x}_i, \mathbf{x}_j) = \langle \varphi(\mathbf{x}_i), \varphi(\mathbf{x}_j) \rangle,\qquad \mathbf{c}^\top \mathbf{K}\mathbf{c} = \Big\|\sum_i c_i \varphi(\mathbf{x}_i)\Big\|^2 \ge 0`,
    ],
    aliases: ['Gram matrix', 'kernel matrix', 'Mercer kernel', 'positive semi-definite kernel', 'kernel trick', 'RBF kernel'],
    code: ['sklearn.metrics.pairwise.rbf_kernel', 'sklearn.metrics.pairwise.pairwise_kernels', 'sklearn.gaussian_process.kernels.RBF'],
    related: ['psd-matrix'],
  },
];
