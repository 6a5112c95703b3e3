import type { Term } from './types';

const SECTION = 'Beyond the notes: Losses';

/*
 * Cross-entropy, binary cross-entropy, KL divergence and the negative log-likelihood (NLLLoss)
 * have their own entries elsewhere (information.ts, distributions.ts). Every formula here is checked
 * numerically by test/unit/terms-layers-losses.test.ts against the values of
 * test/fixtures/gen_term_layers_losses.py (PyTorch 1.13, or the definition where it has no API).
 */
export const LOSS_TERMS: Term[] = [
  {
    id: 'mse-loss',
    title: 'Mean squared error (MSE, L2 loss)',
    section: SECTION,
    summary: 'The average of the squared differences between predictions and targets.',
    definition:
      'Mean squared error penalizes large residuals quadratically, so a few outliers can dominate it. ' +
      'Minimizing it gives the conditional mean, and it is the negative log-likelihood of a Gaussian with fixed variance up to constants. ' +
      'Note that optax.l2_loss is half the squared error per element and does not average, while PyTorch’s MSELoss and Keras’s MeanSquaredError take the mean.',
    formulas: [
      String.raw`\operatorname{MSE}(\hat{\mathbf{y}}, \mathbf{y}) = \frac{1}{n}\sum_{i=1}^{n} (\hat{y}_i - y_i)^2`,
      String.raw`\frac{\partial\, \operatorname{MSE}}{\partial \hat{y}_i} = \frac{2}{n}\,(\hat{y}_i - y_i)`,
    ],
    aliases: ['mean squared error', 'mean square error', 'MSE', 'MSE loss', 'squared error loss', 'squared loss', 'quadratic loss', 'L2 loss'],
    code: [
      'torch.nn.MSELoss',
      'torch.nn.functional.mse_loss',
      'keras.losses.MeanSquaredError',
      'tf.keras.losses.MeanSquaredError',
      'keras.losses.mean_squared_error',
      'tf.keras.losses.mean_squared_error',
      'optax.squared_error',
      'optax.l2_loss',
      'sklearn.metrics.mean_squared_error',
    ],
    related: ['l1-loss', 'huber-loss', 'negative-log-likelihood', 'gaussian-mle'],
  },
  {
    id: 'l1-loss',
    title: 'Mean absolute error (MAE, L1 loss)',
    section: SECTION,
    summary: 'The average of the absolute differences between predictions and targets.',
    definition:
      'The L1 loss grows only linearly with the residual, so it is far less sensitive to outliers than the squared error. ' +
      'Its minimizer is the conditional median, and its gradient has constant size (the sign of the residual), which can make training oscillate near the optimum. ' +
      'Huber and smooth L1 losses keep the linear tails but are quadratic near zero.',
    formulas: [
      String.raw`\operatorname{MAE}(\hat{\mathbf{y}}, \mathbf{y}) = \frac{1}{n}\sum_{i=1}^{n} |\hat{y}_i - y_i|,\qquad \frac{\partial\, \operatorname{MAE}}{\partial \hat{y}_i} = \frac{1}{n}\operatorname{sign}(\hat{y}_i - y_i)`,
    ],
    aliases: ['mean absolute error', 'MAE', 'L1 loss', 'absolute error loss', 'least absolute deviations'],
    code: [
      'torch.nn.L1Loss',
      'torch.nn.functional.l1_loss',
      'keras.losses.MeanAbsoluteError',
      'tf.keras.losses.MeanAbsoluteError',
      'keras.losses.mean_absolute_error',
      'tf.keras.losses.mean_absolute_error',
      'sklearn.metrics.mean_absolute_error',
    ],
    related: ['mse-loss', 'huber-loss', 'smooth-l1-loss'],
  },
  {
    id: 'huber-loss',
    title: 'Huber loss',
    section: SECTION,
    summary: 'A regression loss that is quadratic for residuals up to δ and linear beyond, combining MSE near zero with L1 robustness.',
    definition:
      'The Huber loss equals half the squared residual while |r| ≤ δ and continues as a straight line of slope δ beyond, so it is smooth at zero yet bounds the gradient of outliers by δ. ' +
      'The threshold δ sets which residuals count as outliers and is 1 by default in PyTorch, Keras and optax. ' +
      'It comes from robust statistics (Huber, 1964), and scikit-learn’s HuberRegressor fits a linear model with it.',
    formulas: [
      String.raw`L_\delta(r) = \begin{cases} \tfrac{1}{2} r^2 & |r| \le \delta \\ \delta\,\big(|r| - \tfrac{1}{2}\delta\big) & |r| > \delta \end{cases},\qquad r = \hat{y} - y`,
    ],
    aliases: ['Huber loss', 'Huber function', 'Huber penalty'],
    code: [
      'torch.nn.HuberLoss',
      'torch.nn.functional.huber_loss',
      'keras.losses.Huber',
      'tf.keras.losses.Huber',
      'optax.huber_loss',
      'sklearn.linear_model.HuberRegressor',
    ],
    related: ['smooth-l1-loss', 'mse-loss', 'l1-loss', 'huber-contamination'],
  },
  {
    id: 'smooth-l1-loss',
    title: 'Smooth L1 loss',
    section: SECTION,
    summary: 'PyTorch’s variant of the Huber loss, divided by its threshold β so that the linear part has slope 1.',
    definition:
      'Smooth L1 is quadratic for |r| < β and equals |r| − β/2 beyond, so large residuals cost exactly as in the L1 loss. ' +
      'It is the Huber loss with δ = β divided by β, which means the two agree only for β = 1 (the default of both). ' +
      'Fast R-CNN introduced it for bounding-box regression; as β goes to 0 it becomes the L1 loss.',
    formulas: [
      String.raw`\operatorname{SmoothL1}_\beta(r) = \begin{cases} \dfrac{r^2}{2\beta} & |r| < \beta \\ |r| - \dfrac{\beta}{2} & |r| \ge \beta \end{cases}`,
      String.raw`\operatorname{SmoothL1}_\beta(r) = \frac{1}{\beta}\, L_{\delta = \beta}(r)`,
    ],
    aliases: ['smooth L1 loss', 'smooth L1', 'smooth-L1 loss'],
    code: ['torch.nn.SmoothL1Loss', 'torch.nn.functional.smooth_l1_loss'],
    related: ['huber-loss', 'l1-loss'],
  },
  {
    id: 'hinge-loss',
    title: 'Hinge loss (binary and multiclass)',
    section: SECTION,
    summary: 'A margin loss that is zero once the correct score beats the decision threshold or the other classes by a margin, and linear otherwise.',
    definition:
      'The binary hinge loss max(0, 1 − y f(x)) with labels ±1 is the loss of the soft-margin SVM: correctly classified points outside the margin cost nothing. ' +
      'The Weston–Watkins multiclass form sums a hinge over every wrong class (PyTorch’s MultiMarginLoss, which also divides by the number of classes C), while the Crammer–Singer form penalizes only the strongest wrong class (Keras’s CategoricalHinge, optax.losses.multiclass_hinge_loss and sklearn.metrics.hinge_loss for several classes). ' +
      'Squaring the hinge (Keras’s SquaredHinge, MultiMarginLoss with p=2) makes it differentiable, and Keras’s Hinge converts 0/1 labels to ±1 itself.',
    formulas: [
      String.raw`\ell(y, f) = \max\big(0,\ 1 - y\, f(\mathbf{x})\big),\qquad y \in \{-1, +1\}`,
      String.raw`\ell_{\text{WW}}(\mathbf{f}, y) = \frac{1}{C}\sum_{j \ne y} \max\big(0,\ m - f_y + f_j\big)^p\quad (\text{PyTorch MultiMarginLoss})`,
      String.raw`\ell_{\text{CS}}(\mathbf{f}, y) = \max\Big(0,\ 1 + \max_{j \ne y} f_j - f_y\Big)`,
    ],
    aliases: [
      'hinge loss',
      'multiclass hinge loss',
      'multi-class hinge loss',
      'squared hinge loss',
      'categorical hinge loss',
      'multi-margin loss',
      'multiclass SVM loss',
      'SVM loss',
      'Crammer–Singer',
      'Weston–Watkins',
    ],
    code: [
      'torch.nn.MultiMarginLoss',
      'torch.nn.functional.multi_margin_loss',
      'sklearn.metrics.hinge_loss',
      'keras.losses.Hinge',
      'keras.losses.SquaredHinge',
      'keras.losses.CategoricalHinge',
      'tf.keras.losses.Hinge',
      'tf.keras.losses.SquaredHinge',
      'tf.keras.losses.CategoricalHinge',
      'optax.hinge_loss',
      'optax.losses.multiclass_hinge_loss',
    ],
    related: ['margin', 'binary-cross-entropy', 'cross-entropy', 'contrastive-loss'],
  },
  {
    id: 'focal-loss',
    title: 'Focal loss',
    section: SECTION,
    summary: 'Cross-entropy multiplied by (1 − p_t)^γ, which shrinks the loss of examples the model already classifies well.',
    definition:
      'With p_t the probability assigned to the true label, the factor (1 − p_t)^γ is near 0 for easy examples and near 1 for hard ones, so the many easy negatives of dense object detection no longer swamp the gradient. ' +
      'An optional class weight α_t balances positives and negatives, and γ = 0 with no α gives plain binary cross-entropy. ' +
      'torchvision.ops.sigmoid_focal_loss uses α = 0.25 and γ = 2 by default, while Keras’s BinaryFocalCrossentropy applies α only with apply_class_balancing=True.',
    formulas: [
      String.raw`\operatorname{FL}(p_t) = -\alpha_t\, (1 - p_t)^\gamma \log p_t`,
      String.raw`p_t = \begin{cases} p & y = 1 \\ 1 - p & y = 0 \end{cases},\quad \alpha_t = \begin{cases} \alpha & y = 1 \\ 1 - \alpha & y = 0 \end{cases},\quad p = \sigma(z)`,
    ],
    aliases: ['focal loss', 'sigmoid focal loss', 'binary focal loss', 'binary focal cross-entropy', 'focal cross-entropy'],
    code: [
      'torchvision.ops.sigmoid_focal_loss',
      'keras.losses.BinaryFocalCrossentropy',
      'tf.keras.losses.BinaryFocalCrossentropy',
      'keras.losses.CategoricalFocalCrossentropy',
      'tf.keras.losses.CategoricalFocalCrossentropy',
      'optax.sigmoid_focal_loss',
    ],
    related: ['binary-cross-entropy', 'cross-entropy', 'sigmoid'],
  },
  {
    id: 'contrastive-loss',
    title: 'Contrastive (pairwise margin) loss',
    section: SECTION,
    summary: 'A loss on pairs of embeddings that pulls similar pairs together and pushes dissimilar pairs at least a margin m apart.',
    definition:
      'For a similar pair the loss is the squared distance, and for a dissimilar pair it is the squared shortfall of the distance below the margin, so dissimilar pairs that are already far apart cost nothing (Hadsell, Chopra and LeCun, 2006). ' +
      'Siamese networks for verification and metric learning are trained with it. ' +
      'PyTorch has close relatives: HingeEmbeddingLoss applies the same idea to an unsquared distance, and CosineEmbeddingLoss uses cosine similarity with labels ±1.',
    formulas: [
      String.raw`\ell = \tfrac{1}{2}\Big(y\, d^2 + (1 - y)\, \max(0,\ m - d)^2\Big),\qquad d = \big\|f(\mathbf{x}_1) - f(\mathbf{x}_2)\big\|_2,\ y \in \{0, 1\}`,
      String.raw`\ell_{\text{HingeEmbedding}} = \begin{cases} d & y = 1 \\ \max(0,\ m - d) & y = -1 \end{cases},\qquad \ell_{\cos} = \begin{cases} 1 - \cos(\mathbf{x}_1, \mathbf{x}_2) & y = 1 \\ \max\big(0,\ \cos(\mathbf{x}_1, \mathbf{x}_2) - m\big) & y = -1 \end{cases}`,
    ],
    aliases: ['contrastive loss', 'pairwise contrastive loss', 'siamese loss', 'cosine embedding loss', 'hinge embedding loss'],
    code: [
      'torch.nn.CosineEmbeddingLoss',
      'torch.nn.functional.cosine_embedding_loss',
      'torch.nn.HingeEmbeddingLoss',
      'torch.nn.functional.hinge_embedding_loss',
    ],
    related: ['triplet-loss', 'infonce-loss', 'hinge-loss'],
  },
  {
    id: 'infonce-loss',
    title: 'InfoNCE / NT-Xent loss',
    section: SECTION,
    summary: 'A softmax cross-entropy that asks each embedding to pick out its positive partner among all the other embeddings in the batch.',
    definition:
      'Each anchor’s similarity to its positive is the logit of the correct class and its similarities to the other samples are the competing logits, all divided by a temperature τ. ' +
      'SimCLR’s NT-Xent uses cosine similarity between two augmented views of every image, excludes each sample’s similarity to itself, and averages the loss over both directions of every pair; CLIP uses the same idea between images and captions. ' +
      'Minimizing InfoNCE with N candidates maximizes a lower bound log N − L on the mutual information between the two views.',
    formulas: [
      String.raw`\ell_i = -\log \frac{\exp\big(\operatorname{sim}(\mathbf{z}_i, \mathbf{z}_{j(i)}) / \tau\big)}{\sum_{k \ne i} \exp\big(\operatorname{sim}(\mathbf{z}_i, \mathbf{z}_k) / \tau\big)},\qquad \operatorname{sim}(\mathbf{u}, \mathbf{v}) = \frac{\mathbf{u}^\top \mathbf{v}}{\|\mathbf{u}\|\, \|\mathbf{v}\|}`,
      String.raw`I(X; Y) \ge \log N - \mathcal{L}_{\text{InfoNCE}}`,
    ],
    aliases: [
      'InfoNCE',
      'InfoNCE loss',
      'NT-Xent',
      'NT-Xent loss',
      'normalized temperature-scaled cross-entropy',
      'SimCLR loss',
      'CLIP loss',
      'noise contrastive estimation',
    ],
    code: ['optax.ntxent', 'optax.losses.ntxent'],
    related: ['contrastive-loss', 'cross-entropy', 'softmax-temperature', 'mutual-information'],
  },
  {
    id: 'triplet-loss',
    title: 'Triplet margin loss',
    section: SECTION,
    summary: 'A loss on (anchor, positive, negative) triples that wants the anchor closer to the positive than to the negative by at least a margin.',
    definition:
      'The loss is zero once the negative is farther from the anchor than the positive by the margin m, and grows linearly otherwise. ' +
      'Most triples soon satisfy the margin, so training depends on mining hard or semi-hard negatives within the batch, as FaceNet did. ' +
      'PyTorch’s TripletMarginLoss uses the plain (not squared) p-norm distance with a small ε added to the difference, while FaceNet used squared Euclidean distances.',
    formulas: [String.raw`\ell(\mathbf{a}, \mathbf{p}, \mathbf{n}) = \max\big(0,\ \|\mathbf{a} - \mathbf{p}\|_2 - \|\mathbf{a} - \mathbf{n}\|_2 + m\big)`],
    aliases: ['triplet loss', 'triplet margin loss', 'triplet ranking loss'],
    code: [
      'torch.nn.TripletMarginLoss',
      'torch.nn.functional.triplet_margin_loss',
      'torch.nn.TripletMarginWithDistanceLoss',
      'torch.nn.functional.triplet_margin_with_distance_loss',
      'optax.losses.triplet_margin_loss',
    ],
    related: ['contrastive-loss', 'infonce-loss', 'margin'],
  },
  {
    id: 'ctc-loss',
    title: 'CTC loss (connectionist temporal classification)',
    section: SECTION,
    summary: 'The negative log-probability of a label sequence, summed over every frame-level alignment that collapses to it.',
    definition:
      'CTC lets a network emit one symbol or a blank per input frame; an alignment is read by merging repeated symbols and then deleting blanks, so many alignments give the same label sequence. ' +
      'A forward (alpha) recursion over the label with blanks inserted between and around its symbols sums the probabilities of all these alignments in O(T·U) time. ' +
      'PyTorch’s CTCLoss takes log-probabilities of shape (T, N, C) with blank index 0 by default, and its default mean reduction divides each sample’s loss by its target length before averaging.',
    formulas: [
      String.raw`\mathcal{L} = -\log \sum_{\boldsymbol{\pi} \in \mathcal{B}^{-1}(\mathbf{y})} \prod_{t=1}^{T} p_t(\pi_t)`,
      String.raw`\alpha_t(s) = \big(\alpha_{t-1}(s) + \alpha_{t-1}(s-1) + [\ell'_s \ne b \wedge \ell'_s \ne \ell'_{s-2}]\, \alpha_{t-1}(s-2)\big)\, p_t(\ell'_s)`,
      String.raw`p(\mathbf{y} \mid \mathbf{x}) = \alpha_T(S) + \alpha_T(S-1),\qquad \boldsymbol{\ell}' = (b, y_1, b, y_2, \dots, b, y_U, b),\ S = 2U + 1`,
    ],
    aliases: ['CTC loss', 'CTC', 'connectionist temporal classification'],
    code: [
      'torch.nn.CTCLoss',
      'torch.nn.functional.ctc_loss',
      'keras.losses.CTC',
      'tf.keras.losses.CTC',
      'keras.ops.ctc_loss',
      'tf.nn.ctc_loss',
      'optax.ctc_loss',
    ],
    related: ['negative-log-likelihood', 'log-softmax', 'rnn', 'bidirectional-rnn'],
  },
];
