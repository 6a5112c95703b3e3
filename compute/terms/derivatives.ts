import type { Term } from './types';

const DER = '4 Derivatives';

export const DERIVATIVE_TERMS: Term[] = [
  {
    id: 'jacobian',
    title: 'Jacobian matrix',
    section: DER,
    summary: 'The matrix of all first partial derivatives of a vector-valued function.',
    definition:
      'For f: ℝⁿ → ℝᵐ the Jacobian collects ∂fᵢ/∂xⱼ; in numerator layout it is m×n with one row per output. ' +
      'It is the best linear approximation of f near x, f(x + δ) ≈ f(x) + J(x)δ, which is also how adversarial attacks linearize a network. ' +
      'Its determinant measures local volume change, the quantity normalizing flows must track.',
    formulas: [
      String.raw`\mathbf{J}_f(\mathbf{x}) = \frac{\partial \mathbf{f}}{\partial \mathbf{x}} = \begin{bmatrix} \frac{\partial f_1}{\partial x_1} & \cdots & \frac{\partial f_1}{\partial x_n} \\ \vdots & \ddots & \vdots \\ \frac{\partial f_m}{\partial x_1} & \cdots & \frac{\partial f_m}{\partial x_n} \end{bmatrix} \in \mathbb{R}^{m \times n}`,
    ],
    aliases: ['Jacobian', 'Jacobian matrix', 'Jacobian determinant'],
    code: ['torch.autograd.functional.jacobian', 'torch.func.jacrev', 'torch.func.jacfwd', 'jax.jacobian', 'jax.jacrev', 'jax.jacfwd'],
    related: ['numerator-layout', 'denominator-layout', 'chain-rule', 'change-of-variables'],
  },
  {
    id: 'numerator-layout',
    title: 'Numerator layout (Jacobian convention)',
    section: DER,
    summary: 'The convention in which ∂f/∂x has one row per component of f, so it is the m×n Jacobian.',
    definition:
      'In numerator layout the derivative of f: ℝⁿ → ℝᵐ has entries (∂f/∂x)ᵢⱼ = ∂fᵢ/∂xⱼ and shape m×n, laid out like the numerator. ' +
      'Consequently the gradient of a scalar function is a 1×n row vector, and the chain rule multiplies Jacobians in the order of composition. ' +
      'The denominator layout is its transpose.',
    // The notes define (∂f/∂x)_ij = ∂f_i/∂x_j but give the shape as n×m; with that definition the
    // matrix has m rows (outputs) and n columns (inputs): m×n.
    formulas: [
      String.raw`\Big(\frac{\partial \mathbf{f}}{\partial \mathbf{x}}\Big)_{ij} = \frac{\partial f_i}{\partial x_j},\qquad \frac{\partial \mathbf{f}}{\partial \mathbf{x}} \in \mathbb{R}^{m \times n}`,
      String.raw`\frac{\partial}{\partial \mathbf{x}} \mathbf{f}(\mathbf{g}(\mathbf{x})) = \frac{\partial \mathbf{f}}{\partial \mathbf{g}}\, \frac{\partial \mathbf{g}}{\partial \mathbf{x}}`,
    ],
    aliases: ['numerator layout', 'numerator-layout', 'Jacobian formulation', 'Jacobian layout'],
    code: [],
    related: ['denominator-layout', 'jacobian', 'chain-rule'],
  },
  {
    id: 'denominator-layout',
    title: 'Denominator layout (gradient convention)',
    section: DER,
    summary: 'The convention in which ∂f/∂x has one row per component of x: the transpose of the Jacobian.',
    definition:
      'In denominator layout (∂f/∂x)ᵢⱼ = ∂fⱼ/∂xᵢ, giving an n×m matrix laid out like the denominator. ' +
      'The gradient of a scalar function is then a column vector of the same shape as x, which is the convention of most ML code and of matrix derivative tables. ' +
      'The chain rule multiplies the factors in reverse order compared with numerator layout.',
    // The notes write (J_f)_ij = ∂f_i/∂x_i for this layout; the entry is ∂f_j/∂x_i.
    formulas: [
      String.raw`\Big(\frac{\partial \mathbf{f}}{\partial \mathbf{x}}\Big)_{ij} = \frac{\partial f_j}{\partial x_i},\qquad \frac{\partial \mathbf{f}}{\partial \mathbf{x}} = \mathbf{J}_f^\top \in \mathbb{R}^{n \times m}`,
      String.raw`\frac{\partial}{\partial \mathbf{x}} \mathbf{f}(\mathbf{g}(\mathbf{x})) = \frac{\partial \mathbf{g}}{\partial \mathbf{x}}\, \frac{\partial \mathbf{f}}{\partial \mathbf{g}}`,
    ],
    aliases: ['denominator layout', 'denominator-layout', 'Hessian formulation', 'gradient layout'],
    code: [],
    related: ['numerator-layout', 'gradient', 'scalar-by-vector'],
  },
  {
    id: 'chain-rule',
    title: 'Multivariate chain rule',
    section: DER,
    summary: 'The Jacobian of a composition is the product of the Jacobians of its parts.',
    definition:
      'For a composition f∘g the derivative at x is the Jacobian of f at g(x) times the Jacobian of g at x (numerator layout). ' +
      'Longer chains multiply more Jacobians, and the order of evaluating that product is a choice: right to left is forward-mode, left to right is reverse-mode differentiation. ' +
      'Reverse mode applied to a scalar loss is backpropagation.',
    // The notes' three-factor chain rule has f(g(x)) on the left; three factors need f(g(h(x))).
    formulas: [
      String.raw`\mathbf{J}_{\mathbf{f} \circ \mathbf{g}}(\mathbf{x}) = \mathbf{J}_{\mathbf{f}}(\mathbf{g}(\mathbf{x}))\, \mathbf{J}_{\mathbf{g}}(\mathbf{x})`,
      String.raw`\frac{\partial}{\partial \mathbf{x}} \mathbf{f}(\mathbf{g}(\mathbf{h}(\mathbf{x}))) = \frac{\partial \mathbf{f}}{\partial \mathbf{g}}\, \frac{\partial \mathbf{g}}{\partial \mathbf{h}}\, \frac{\partial \mathbf{h}}{\partial \mathbf{x}}`,
    ],
    aliases: [
      'chain rule',
      'multivariate chain rule',
      'chain rule of calculus',
      'forward-mode differentiation',
      'reverse-mode differentiation',
      'automatic differentiation',
      'autodiff',
    ],
    code: ['torch.func.vjp', 'torch.func.jvp', 'jax.vjp', 'jax.jvp'],
    related: ['jacobian', 'backpropagation', 'numerator-layout'],
  },
  {
    id: 'backpropagation',
    title: 'Backpropagation',
    section: DER,
    summary: 'Reverse-mode differentiation of a network: one backward sweep of the chain rule gives the gradient of the loss for all parameters.',
    definition:
      'The forward pass stores intermediate activations; the backward pass starts from ∂L/∂L = 1 and multiplies by each layer’s transposed Jacobian, from the output to the input. ' +
      'Each parameter’s gradient is read off when the sweep passes its layer, so the whole gradient costs a small constant times one forward pass. ' +
      'Backpropagation through time and through convolutions are the same procedure on unrolled or weight-shared graphs.',
    formulas: [
      String.raw`\boldsymbol{\delta}^{(l-1)} = \Big(\frac{\partial \mathbf{y}^{(l)}}{\partial \mathbf{y}^{(l-1)}}\Big)^{\!\top} \boldsymbol{\delta}^{(l)},\qquad \boldsymbol{\delta}^{(l)} := \frac{\partial \mathcal{L}}{\partial \mathbf{y}^{(l)}}`,
    ],
    aliases: ['backpropagation', 'back-propagation', 'backprop', 'backward pass', 'error backpropagation'],
    code: ['torch.Tensor.backward', 'torch.autograd.backward', 'tf.GradientTape'],
    related: ['chain-rule', 'bptt', 'conv-backprop', 'gradient'],
  },
  {
    id: 'gradient',
    title: 'Gradient',
    section: DER,
    summary: 'The vector of partial derivatives of a scalar function, pointing in the direction of steepest increase.',
    definition:
      'The gradient of f: ℝⁿ → ℝ collects the n partial derivatives; with the denominator layout it is a column vector shaped like x. ' +
      'Its direction is the steepest ascent direction and its norm the rate of increase along it, so −∇f is the steepest descent direction used by gradient descent. ' +
      'At a local minimum of a differentiable function the gradient vanishes.',
    formulas: [
      String.raw`\nabla f(\mathbf{x}) = \Big(\frac{\partial f}{\partial x_1}, \dots, \frac{\partial f}{\partial x_n}\Big)^{\!\top},\qquad f(\mathbf{x} + \boldsymbol{\delta}) = f(\mathbf{x}) + \nabla f(\mathbf{x})^\top \boldsymbol{\delta} + o(\|\boldsymbol{\delta}\|)`,
    ],
    aliases: ['gradient vector', 'partial derivative', 'partial derivatives', 'steepest descent direction'],
    generic: ['gradient'],
    code: ['jax.grad', 'jax.value_and_grad', 'torch.autograd.grad', 'torch.func.grad'],
    related: ['gradient-descent', 'denominator-layout', 'hessian', 'backpropagation'],
  },
  {
    id: 'hessian',
    title: 'Hessian matrix',
    section: DER,
    summary: 'The symmetric matrix of second partial derivatives of a scalar function.',
    definition:
      'The Hessian collects ∂²f/∂xᵢ∂xⱼ and is symmetric when the second derivatives are continuous. ' +
      'It is the Jacobian of the gradient and gives the quadratic term of the Taylor expansion, so its eigenvalues are the curvatures along its eigenvectors. ' +
      'Its definiteness classifies stationary points and its eigenvalue ratio is the condition number of the local problem.',
    formulas: [
      String.raw`\big(\nabla^2 f(\mathbf{x})\big)_{ij} = \frac{\partial^2 f}{\partial x_i\, \partial x_j},\qquad f(\mathbf{x} + \boldsymbol{\delta}) \approx f(\mathbf{x}) + \nabla f^\top \boldsymbol{\delta} + \tfrac{1}{2}\boldsymbol{\delta}^\top \nabla^2 f\, \boldsymbol{\delta}`,
    ],
    aliases: ['Hessian', 'Hessian matrix', 'second derivative matrix', 'curvature matrix'],
    code: ['torch.autograd.functional.hessian', 'torch.func.hessian', 'jax.hessian'],
    related: ['gradient', 'condition-number', 'convexity-conditions', 'psd-matrix'],
  },
  {
    id: 'scalar-by-vector',
    title: 'Scalar-by-vector derivative identities',
    section: '4.2 Scalar-by-Vector',
    summary: 'Gradients of common scalar expressions in x, written in denominator layout (results shaped like x).',
    definition:
      'With the denominator layout the derivative of a scalar by a vector is a column vector, and products obey a product rule with both factors differentiated. ' +
      'Linear forms give constant gradients, quadratic forms give (A + Aᵀ)x, and squared norms of vector functions give twice the transposed Jacobian applied to the function. ' +
      'Here J_f denotes the m×n Jacobian (numerator layout), so the denominator-layout derivative of f is J_fᵀ.',
    // The notes write ∂‖f‖²/∂x = 2 J_f f and ∂(fᵀg)/∂x = J_f g + J_g f in the denominator section;
    // with J_f the m×n Jacobian the shapes only work with transposes: 2 J_fᵀ f and J_fᵀ g + J_gᵀ f.
    formulas: [
      String.raw`\frac{\partial\, \mathbf{a}^\top \mathbf{x}}{\partial \mathbf{x}} = \mathbf{a},\quad \frac{\partial\, \mathbf{b}^\top \mathbf{A}\mathbf{x}}{\partial \mathbf{x}} = \mathbf{A}^\top \mathbf{b},\quad \frac{\partial\, \mathbf{x}^\top \mathbf{A}\mathbf{x}}{\partial \mathbf{x}} = (\mathbf{A} + \mathbf{A}^\top)\mathbf{x}`,
      String.raw`\frac{\partial\, \mathbf{f}^\top \mathbf{g}}{\partial \mathbf{x}} = \mathbf{J}_f^\top \mathbf{g} + \mathbf{J}_g^\top \mathbf{f},\qquad \frac{\partial\, \|\mathbf{f}(\mathbf{x})\|_2^2}{\partial \mathbf{x}} = 2\, \mathbf{J}_f^\top \mathbf{f}(\mathbf{x})`,
      String.raw`\frac{\partial}{\partial \mathbf{x}} (\mathbf{A}\mathbf{x} + \mathbf{b})^\top \mathbf{C} (\mathbf{D}\mathbf{x} + \mathbf{e}) = \mathbf{A}^\top \mathbf{C}(\mathbf{D}\mathbf{x} + \mathbf{e}) + \mathbf{D}^\top \mathbf{C}^\top (\mathbf{A}\mathbf{x} + \mathbf{b})`,
    ],
    aliases: ['scalar-by-vector derivative', 'scalar by vector derivative', 'derivative of a quadratic form', 'gradient of a quadratic form'],
    code: [],
    related: ['denominator-layout', 'gradient', 'vector-by-vector'],
  },
  {
    id: 'vector-by-vector',
    title: 'Vector-by-vector derivative identities',
    section: '4.3 Vector-by-Vector',
    summary: 'Jacobians of common vector expressions in x, written in numerator layout.',
    definition:
      'The derivative of a vector by a vector is a Jacobian matrix; constants give the zero matrix and the identity map gives I. ' +
      'A linear map Ax has Jacobian A, elementwise scaling x ⊙ a has the diagonal Jacobian diag(a), and a scalar-times-vector product obeys a product rule with an outer-product term. ' +
      'Elementwise activations likewise have diagonal Jacobians, which keeps backpropagation through them cheap.',
    formulas: [
      String.raw`\frac{\partial \mathbf{A}\mathbf{x}}{\partial \mathbf{x}} = \mathbf{A},\quad \frac{\partial \mathbf{x}}{\partial \mathbf{x}} = \mathbf{I},\quad \frac{\partial \mathbf{a}}{\partial \mathbf{x}} = \mathbf{0},\quad \frac{\partial (\mathbf{x} \odot \mathbf{a})}{\partial \mathbf{x}} = \operatorname{diag}(\mathbf{a})`,
      String.raw`\frac{\partial\, u(\mathbf{x})\mathbf{f}(\mathbf{x})}{\partial \mathbf{x}} = u(\mathbf{x})\, \mathbf{J}_f + \mathbf{f}(\mathbf{x})\, \nabla u(\mathbf{x})^\top,\qquad \frac{\partial \mathbf{A}\mathbf{f}(\mathbf{x})}{\partial \mathbf{x}} = \mathbf{A}\, \mathbf{J}_f`,
    ],
    aliases: ['vector-by-vector derivative', 'vector by vector derivative'],
    code: [],
    related: ['jacobian', 'numerator-layout', 'scalar-by-vector'],
  },
  {
    id: 'scalar-by-matrix',
    title: 'Scalar-by-matrix derivative identities',
    section: '4.4 Scalar-by-Matrix',
    summary: 'Gradients of scalar functions of a matrix X, laid out with the shape of X.',
    definition:
      'The derivative of a scalar by an m×n matrix collects ∂f/∂Xᵢⱼ in an m×n matrix (denominator layout). ' +
      'Bilinear forms give outer products, and traces are handled with the cyclic property: ∂Tr(XMᵀ)/∂X = M after rotating the product. ' +
      'These identities give the weight gradients of linear layers.',
    // The notes give ∂(aᵀXb)/∂X = aᵀ and ∂(aᵀXᵀb)/∂X = aᵀ; the gradients are the outer products
    // abᵀ and baᵀ. They give ∂Tr(AXᵀB)/∂X = BAᵀ; it is BA (checked numerically).
    formulas: [
      String.raw`\frac{\partial\, \mathbf{a}^\top \mathbf{X}\mathbf{b}}{\partial \mathbf{X}} = \mathbf{a}\mathbf{b}^\top,\quad \frac{\partial\, \mathbf{a}^\top \mathbf{X}^\top \mathbf{b}}{\partial \mathbf{X}} = \mathbf{b}\mathbf{a}^\top,\quad \frac{\partial\, \mathbf{a}^\top \mathbf{X}^\top \mathbf{X}\mathbf{b}}{\partial \mathbf{X}} = \mathbf{X}(\mathbf{a}\mathbf{b}^\top + \mathbf{b}\mathbf{a}^\top)`,
      String.raw`\frac{\partial \operatorname{Tr}(\mathbf{X})}{\partial \mathbf{X}} = \mathbf{I},\quad \frac{\partial \operatorname{Tr}(\mathbf{A}\mathbf{X}\mathbf{B})}{\partial \mathbf{X}} = \mathbf{A}^\top \mathbf{B}^\top,\quad \frac{\partial \operatorname{Tr}(\mathbf{A}\mathbf{X}^\top \mathbf{B})}{\partial \mathbf{X}} = \mathbf{B}\mathbf{A}`,
    ],
    aliases: ['scalar-by-matrix derivative', 'scalar by matrix derivative', 'matrix derivative', 'matrix calculus', 'matrix cookbook'],
    code: [],
    related: ['trace', 'vector-by-matrix', 'denominator-layout'],
  },
  {
    id: 'vector-by-matrix',
    title: 'Vector-by-matrix derivative (generalized gradient)',
    section: '4.5 Vector-by-Matrix (Generalized Gradient)',
    summary: 'The derivative of a vector by a matrix is a third-order tensor; for y = Xa it is ∂yᵢ/∂Xⱼₖ = δᵢⱼaₖ.',
    definition:
      'Differentiating an m-vector by an m×n matrix yields m·m·n partial derivatives, a three-index tensor rather than a matrix. ' +
      'For the linear map y = Xa each output yᵢ depends only on row i of X, with coefficient a. ' +
      'Contracting that tensor with an upstream gradient ∂L/∂y gives the familiar weight gradient (∂L/∂y)aᵀ of a linear layer.',
    // The notes give ∂(Xa)/∂X = Xᵀ, which has the wrong shape and does not involve a at all.
    formulas: [
      String.raw`\mathbf{y} = \mathbf{X}\mathbf{a}:\quad \frac{\partial y_i}{\partial X_{jk}} = \delta_{ij}\, a_k`,
      String.raw`\frac{\partial \mathcal{L}}{\partial \mathbf{X}} = \frac{\partial \mathcal{L}}{\partial \mathbf{y}}\, \mathbf{a}^\top\quad (\mathcal{L} \text{ scalar})`,
    ],
    aliases: ['vector-by-matrix derivative', 'vector by matrix derivative', 'generalized gradient', 'generalized Jacobian'],
    code: [],
    related: ['scalar-by-matrix', 'backpropagation', 'fully-connected-layer'],
  },
];
