import type { Term } from './types';

const ROB = '20.1 Robustness';

export const ROBUSTNESS_TERMS: Term[] = [
  {
    id: 'adversarial-example',
    title: 'Adversarial example',
    section: ROB,
    summary: 'An input changed by a small, norm-bounded perturbation that makes a model err.',
    definition:
      'Given an input x with label y, a budget ε and an ℓ_p norm (usually p = 2 or ∞), an untargeted attack finds δ with ‖δ‖_p ≤ ε that changes the prediction, and a targeted attack forces a chosen wrong class t. ' +
      'The loss-based formulation maximizes the loss over the threat set instead. ' +
      'For a linear binary classifier the perturbation succeeds when it pushes x across the decision boundary, i.e. y(wᵀ(x + δ) + b) ≤ 0.',
    formulas: [
      String.raw`\text{untargeted: } \|\boldsymbol{\delta}\|_p \le \epsilon,\ \hat{y}(\mathbf{x} + \boldsymbol{\delta}) \ne y;\qquad \text{targeted: } \|\boldsymbol{\delta}\|_p \le \epsilon,\ \hat{y}(\mathbf{x} + \boldsymbol{\delta}) = t \ne y`,
      String.raw`\max_{\|\boldsymbol{\delta}\|_p \le \epsilon} \mathcal{L}\big(f(\mathbf{x} + \boldsymbol{\delta}), y\big)`,
    ],
    aliases: [
      'adversarial example',
      'adversarial examples',
      'adversarial attack',
      'adversarial perturbation',
      'adverserial example',
      'targeted attack',
      'untargeted attack',
    ],
    code: [],
    related: ['fgsm', 'pgd-attack', 'adversarial-training', 'lp-norm', 'linear-adversarial-perturbation'],
  },
  {
    id: 'lp-norm',
    title: 'ℓp norms',
    section: ROB,
    summary: 'The family of vector norms ‖x‖_p = (Σ|xᵢ|ᵖ)^{1/p}, including ℓ₁, ℓ₂ and the max-norm ℓ∞.',
    definition:
      'The ℓ_p norm measures the size of a perturbation; ℓ₂ is Euclidean length and ℓ∞ is the largest absolute coordinate, bounding every pixel change. ' +
      'Norms with 1/p + 1/q = 1 are dual: sup over ‖δ‖_p ≤ ε of wᵀδ equals ε‖w‖_q. ' +
      'This duality gives the worst-case perturbation of linear models, e.g. an ℓ∞ attack costs ε‖w‖₁.',
    formulas: [
      String.raw`\|\mathbf{x}\|_p = \Big(\sum_{i=1}^d |x_i|^p\Big)^{1/p},\qquad \|\mathbf{x}\|_\infty = \max_{i = 1, \dots, d} |x_i|`,
      String.raw`\sup_{\|\boldsymbol{\delta}\|_p \le \epsilon} \mathbf{w}^\top \boldsymbol{\delta} = \epsilon\, \|\mathbf{w}\|_q,\qquad \tfrac{1}{p} + \tfrac{1}{q} = 1`,
    ],
    aliases: ['Lp norm', 'ℓp norm', 'p-norm', 'L2 norm', 'L-infinity norm', 'L∞ norm', 'max norm', 'infinity norm', 'L1 norm', 'dual norm', 'Euclidean norm'],
    code: ['torch.linalg.vector_norm', 'np.linalg.norm', 'jnp.linalg.norm', 'torch.linalg.norm'],
    related: ['adversarial-example', 'linf-attack', 'frobenius-norm'],
  },
  {
    id: 'linear-adversarial-perturbation',
    title: 'Minimal ℓ₂ adversarial perturbation of a linear classifier',
    section: ROB,
    summary: 'The smallest ℓ₂ step that reaches the decision boundary of f(x) = wᵀx + b moves along −w by the signed distance to the hyperplane.',
    definition:
      'The closest point on the hyperplane wᵀx + b = 0 is reached by moving along the normal w. ' +
      'Its length is the geometric margin |wᵀx + b| / ‖w‖₂, so robustness grows with the functional margin and shrinks with the weight norm. ' +
      'Any smaller ℓ₂ perturbation provably cannot change the prediction, a simple robustness certificate.',
    formulas: [
      String.raw`\boldsymbol{\delta}^* = -\frac{\mathbf{w}^\top \mathbf{x} + b}{\|\mathbf{w}\|_2^2}\, \mathbf{w},\qquad \|\boldsymbol{\delta}^*\|_2 = \frac{|\mathbf{w}^\top \mathbf{x} + b|}{\|\mathbf{w}\|_2}`,
    ],
    aliases: [
      'minimal adversarial perturbation',
      'minimum L2 perturbation',
      'min L2 adversarial perturbation',
      'geometric margin',
      'distance to the decision boundary',
    ],
    code: [],
    related: ['adversarial-example', 'margin', 'certified-robustness', 'linf-attack'],
  },
  {
    id: 'linf-attack',
    title: 'ℓ∞ threat model for linear classifiers',
    section: ROB,
    summary: 'Under ‖δ‖∞ ≤ ε the worst perturbation of a linear score is δ = −ε·sign(yw), lowering y·wᵀx by ε‖w‖₁.',
    definition:
      'With an ℓ∞ budget each coordinate can move by ε independently, so the adversary pushes each one against the sign of its weight. ' +
      'The margin y(wᵀx + b) then drops by exactly ε‖w‖₁ (dual norm of ℓ∞). ' +
      'A point is robust iff its margin exceeds ε‖w‖₁; FGSM is this attack applied to a linearized network.',
    // The notes write the condition as ‖w‖₂ ≤ ε; the constraint is on the perturbation, ‖δ‖∞ ≤ ε.
    formulas: [
      String.raw`\min_{\|\boldsymbol{\delta}\|_\infty \le \epsilon} y\, \mathbf{w}^\top \boldsymbol{\delta} = -\epsilon\, \|\mathbf{w}\|_1,\quad \text{attained at } \boldsymbol{\delta} = -\epsilon\, \operatorname{sign}(y\,\mathbf{w})`,
      String.raw`\text{robust at } \mathbf{x} \iff y\,(\mathbf{w}^\top \mathbf{x} + b) > \epsilon\, \|\mathbf{w}\|_1`,
    ],
    aliases: ['L-infinity threat model', 'L∞ threat model', 'Linf attack', 'L-infinity attack', 'sign perturbation'],
    code: [],
    related: ['fgsm', 'lp-norm', 'linear-adversarial-perturbation'],
  },
  {
    id: 'margin',
    title: 'Multiclass margin and nearest competing class',
    section: ROB,
    summary: 'For a linear multiclass model, the margin to class j is the score gap (w_y − w_j)ᵀx + (b_y − b_j).',
    definition:
      'A perturbation is adversarial if it makes some competing score at least as large as the true one, i.e. it violates one of the inequalities m_j(x + δ) > 0. ' +
      'Dividing each margin by ‖w_y − w_j‖₂ gives the ℓ₂ distance to that pairwise boundary. ' +
      'The nearest competing class j* minimizes this distance and determines the smallest ℓ₂ attack.',
    formulas: [
      String.raw`m_j(\mathbf{x}) := (\mathbf{w}_y - \mathbf{w}_j)^\top \mathbf{x} + (b_y - b_j),\qquad \exists\, j \ne y: m_j(\mathbf{x} + \boldsymbol{\delta}) \le 0`,
      String.raw`j^*(\mathbf{x}) = \arg\min_{j \ne y} \frac{m_j(\mathbf{x})}{\|\mathbf{w}_y - \mathbf{w}_j\|_2}`,
    ],
    aliases: ['classification margin', 'multiclass margin', 'margin to class', 'nearest competing class', 'decision margin', 'functional margin'],
    generic: ['margin', 'margins'],
    code: [],
    related: ['linear-adversarial-perturbation', 'adversarial-example'],
  },
  {
    id: 'local-linearization',
    title: 'Local linearization of a network',
    section: ROB,
    summary: 'Near x a network behaves like f(x) + J(x)δ, which turns attacks on networks into attacks on linear models.',
    definition:
      'A first-order Taylor expansion replaces the network by its Jacobian J(x) ∈ ℝ^{K×d}, whose rows are the gradients of the K logits. ' +
      'Margins and worst-case perturbations of linear models then approximate those of the network for small δ. ' +
      'FGSM and the first step of PGD are exactly the optimal attacks on this linearization.',
    formulas: [
      String.raw`f(\mathbf{x} + \boldsymbol{\delta}) \approx f(\mathbf{x}) + \mathbf{J}(\mathbf{x})\, \boldsymbol{\delta},\qquad \mathbf{J}(\mathbf{x}) = \begin{bmatrix} \nabla_x f_1(\mathbf{x})^\top \\ \vdots \\ \nabla_x f_K(\mathbf{x})^\top \end{bmatrix} \in \mathbb{R}^{K \times d}`,
    ],
    aliases: ['local linearization', 'first-order approximation', 'first order approximation', 'linear approximation'],
    code: [],
    related: ['jacobian', 'fgsm', 'taylor-theorem'],
  },
  {
    id: 'fgsm',
    title: 'Fast gradient sign method (FGSM)',
    section: ROB,
    summary: 'A one-step ℓ∞ attack that moves every input coordinate by ε in the direction of the sign of the loss gradient.',
    definition:
      'FGSM linearizes the loss around x and takes the ℓ∞-optimal step for the linear model: ε times the sign of the input gradient. ' +
      'It costs one backward pass, which makes it cheap enough for adversarial training. ' +
      'Because the loss is not linear, single-step attacks underestimate the worst case that PGD finds.',
    formulas: [
      String.raw`\boldsymbol{\delta}_{\text{FGSM}} = \epsilon\, \operatorname{sign}\big(\nabla_{\mathbf{x}} \mathcal{L}(f(\mathbf{x}), y)\big),\qquad \mathbf{x}^{\text{adv}} = \mathbf{x} + \boldsymbol{\delta}_{\text{FGSM}}`,
    ],
    aliases: ['fast gradient sign method', 'fast gradient sign', 'FGSM', 'FGSM attack'],
    code: [
      'torchattacks.FGSM',
      'cleverhans.torch.attacks.fast_gradient_method.fast_gradient_method',
      'cleverhans.tf2.attacks.fast_gradient_method.fast_gradient_method',
      'foolbox.attacks.FGSM',
      'art.attacks.evasion.FastGradientMethod',
    ],
    related: ['pgd-attack', 'linf-attack', 'local-linearization', 'adversarial-training'],
  },
  {
    id: 'pgd-attack',
    title: 'Projected gradient descent (PGD) attack',
    section: ROB,
    summary: 'An iterative attack: repeated gradient (sign) ascent steps on the loss, each projected back onto the ε-ball.',
    definition:
      'PGD refines FGSM by taking several small steps of size α and projecting the perturbation back onto {‖δ‖_p ≤ ε} after each. ' +
      'For p = ∞ the step uses the sign of the gradient and the projection clips each coordinate to [−ε, ε]; random starts make it stronger. ' +
      'It is the standard strong first-order attack and the inner maximization of adversarial training.',
    formulas: [
      String.raw`\boldsymbol{\delta}_{t+1} = \operatorname{Proj}_{\|\boldsymbol{\delta}\|_p \le \epsilon}\big(\boldsymbol{\delta}_t + \alpha\, \mathbf{g}_t\big),\quad \mathbf{g}_t \in \partial_{\boldsymbol{\delta}} \mathcal{L}\big(f(\mathbf{x} + \boldsymbol{\delta}_t), y\big)`,
      String.raw`p = \infty:\ \mathbf{g}_t = \operatorname{sign}\big(\nabla_{\boldsymbol{\delta}} \mathcal{L}(f(\mathbf{x} + \boldsymbol{\delta}_t), y)\big),\quad \operatorname{Proj}(\boldsymbol{\delta}) = \operatorname{clip}(\boldsymbol{\delta}, -\epsilon, \epsilon)`,
    ],
    aliases: ['projected gradient descent attack', 'PGD attack', 'PGD', 'projected gradient descent', 'projected gradient ascent'],
    code: [
      'torchattacks.PGD',
      'cleverhans.torch.attacks.projected_gradient_descent.projected_gradient_descent',
      'foolbox.attacks.LinfPGD',
      'foolbox.attacks.L2PGD',
      'art.attacks.evasion.ProjectedGradientDescent',
    ],
    related: ['fgsm', 'adversarial-training', 'convex-set'],
  },
  {
    id: 'adversarial-training',
    title: 'Adversarially robust training',
    section: ROB,
    summary: 'Train on the worst-case loss within the threat set around each input: a min–max problem.',
    definition:
      'Instead of the loss at X, adversarial training minimizes the expected maximum loss over all perturbations in S = {‖δ‖_p ≤ ε}. ' +
      'In practice the inner maximization is approximated by a PGD attack on each mini-batch and the outer minimization is SGD. ' +
      'It is the most reliable empirical defence, at the price of extra computation and usually lower clean accuracy.',
    // The notes write min_j; the outer minimization is over the model f (its parameters θ).
    formulas: [
      String.raw`\min_{\theta}\ \mathbb{E}\Big[\max_{\boldsymbol{\delta} \in S} \ell\big(Y, f_\theta(X + \boldsymbol{\delta})\big)\Big],\qquad S = \{\boldsymbol{\delta} : \|\boldsymbol{\delta}\|_p \le \epsilon\}`,
    ],
    aliases: ['adversarial training', 'adversarially robust training', 'robust training', 'Madry defence', 'min-max training'],
    notNear: ['generator', 'generators', 'discriminator', 'discriminators', 'critic', 'GAN', 'GANs'],
    code: [],
    related: ['pgd-attack', 'fgsm', 'dro', 'w-infinity-unification'],
  },
  {
    id: 'certified-robustness',
    title: 'Certified robustness',
    section: ROB,
    summary: 'A provable guarantee that no perturbation within a given radius changes the prediction at a point.',
    definition:
      'A certificate lower-bounds the distance from x to the nearest decision boundary. ' +
      'For a linear classifier it is the geometric margin, and for a network whose logit differences are L-Lipschitz a margin of m certifies the radius m/L. ' +
      'Randomized smoothing and interval bound propagation give certificates for deep networks.',
    formulas: [
      String.raw`r(\mathbf{x}) = \frac{|\mathbf{w}^\top \mathbf{x} + b|}{\|\mathbf{w}\|_2}\ \ (\text{linear}),\qquad r(\mathbf{x}) \ge \min_{j \ne y} \frac{f_y(\mathbf{x}) - f_j(\mathbf{x})}{L_{yj}}\ \ (f_y - f_j \text{ is } L_{yj}\text{-Lipschitz})`,
    ],
    aliases: ['certified robustness', 'certified radius', 'robustness certificate', 'provable robustness', 'randomized smoothing'],
    code: [],
    related: ['linear-adversarial-perturbation', 'lipschitz-continuity', 'margin'],
  },
  {
    id: 'distribution-shift',
    title: 'Distribution shift',
    section: ROB,
    summary: 'The deployment distribution Q differs from the training distribution P, so training risk no longer predicts deployed risk.',
    definition:
      'A model fit under P is used on data from Q; covariate shift, label shift and concept drift are special cases. ' +
      'Without assumptions nothing can be guaranteed, so robust approaches bound the worst-case risk over a set 𝒰(P) of plausible deployment distributions. ' +
      'Robust statistics studies the same stability question for estimators.',
    formulas: [String.raw`\text{train: } Z \sim P,\quad \text{deploy: } Z \sim Q,\qquad \sup_{Q \in \mathcal{U}(P)} \mathbb{E}_Q\big[\ell(f(Z))\big]`],
    aliases: ['distribution shift', 'dataset shift', 'covariate shift', 'label shift', 'concept drift', 'domain shift', 'out-of-distribution'],
    code: [],
    related: ['dro', 'huber-contamination', 'wasserstein-ball'],
  },
  {
    id: 'huber-contamination',
    title: 'Huber’s contamination model',
    section: ROB,
    summary: 'Data come from the assumed P with probability 1 − ε and from an arbitrary distribution Q otherwise.',
    definition:
      'The contamination model describes a fraction ε of outliers from an arbitrary, possibly adversarial, distribution. ' +
      'Robust estimators are judged by how much their output can change as ε grows, e.g. the median tolerates contamination up to one half while the mean tolerates none. ' +
      'It is one of the classical neighbourhoods used in robust statistics and distributionally robust optimization.',
    formulas: [String.raw`P_\epsilon = (1 - \epsilon)\, P + \epsilon\, Q,\quad Q \text{ arbitrary}`],
    aliases: [
      'Huber contamination model',
      'Huber’s contamination model',
      "Huber's contamination model",
      'contamination model',
      'robust statistics',
      'epsilon-contamination',
    ],
    code: [],
    related: ['distribution-shift', 'dro'],
  },
  {
    id: 'dro',
    title: 'Distributionally robust optimization (DRO)',
    section: ROB,
    summary: 'Minimize the worst-case expected loss over a neighbourhood 𝒰(P) of the training distribution.',
    definition:
      'DRO replaces the expected loss under P by its supremum over all distributions in an uncertainty set around P, then minimizes over models. ' +
      'The set can be an f-divergence ball, a Huber contamination set or a Wasserstein ball. ' +
      'With a W∞ ball around the empirical distribution, DRO reduces to adversarial training.',
    formulas: [String.raw`\min_f\ \sup_{Q \in \mathcal{U}(P)} \mathbb{E}_{Z \sim Q}\big[\ell(f(Z))\big],\qquad \mathcal{U}(P) = \text{neighbourhood of } P`],
    aliases: ['distributionally robust optimization', 'distributionally robust optimisation', 'DRO', 'worst-case risk', 'uncertainty set', 'ambiguity set'],
    code: [],
    related: ['wasserstein-ball', 'distribution-shift', 'adversarial-training', 'w-infinity-unification'],
  },
  {
    id: 'wasserstein-distance',
    title: 'Wasserstein-p distance',
    section: ROB,
    summary: 'The minimal cost of transporting one distribution onto another, with cost d(z, z′)ᵖ per unit of mass.',
    definition:
      'A coupling π with marginals P and Q describes how much mass moves from z to z′, and W_p takes the cheapest one. ' +
      'Unlike KL it is finite for distributions with disjoint supports and respects the geometry of the space. ' +
      'W₁ is the earth mover’s distance, and W∞ is the largest distance any unit of mass must move.',
    formulas: [
      String.raw`W_p(P, Q) = \Big(\inf_{\pi \in \Pi(P, Q)} \int d(z, z')^p\, d\pi(z, z')\Big)^{1/p}`,
      String.raw`W_\infty(P, Q) = \inf_{\pi \in \Pi(P, Q)}\ \operatorname*{ess\,sup}_{(z, z') \sim \pi} d(z, z')`,
    ],
    aliases: [
      'Wasserstein distance',
      'Wasserstein-p distance',
      'Wasserstein metric',
      'earth mover’s distance',
      "earth mover's distance",
      'earth movers distance',
      'optimal transport',
      'EMD',
      'Kantorovich',
    ],
    code: ['scipy.stats.wasserstein_distance', 'ot.emd2', 'ot.wasserstein_1d', 'ot.sliced_wasserstein_distance'],
    related: ['wasserstein-ball', 'kl-divergence', 'mode-collapse'],
  },
  {
    id: 'wasserstein-ball',
    title: 'Wasserstein ball',
    section: ROB,
    summary: 'All distributions within Wasserstein distance ε of P, used as the uncertainty set in DRO.',
    definition:
      'A Wasserstein ball contains distributions obtained by moving the mass of P by a bounded average (or, for W∞, maximal) distance. ' +
      'It includes distributions with different support from P, unlike divergence balls. ' +
      'For an empirical P_n and p = ∞ the worst case is found by moving each sample point within radius ε; for p < ∞ moving each point is only a lower bound, because the worst case may split a sample’s mass.',
    formulas: [String.raw`\mathcal{U}_\epsilon(P) = \{\, Q : W_p(P, Q) \le \epsilon \,\}`],
    aliases: ['Wasserstein ball', 'Wasserstein balls', 'Wasserstein uncertainty set', 'Wasserstein DRO'],
    code: [],
    related: ['wasserstein-distance', 'dro', 'adversarial-transport'],
  },
  {
    id: 'adversarial-transport',
    title: 'Worst case over a Wasserstein ball around the empirical distribution',
    section: ROB,
    summary:
      'For P_n = (1/n)Σδ_{zᵢ}, moving each sample to one new point with bounded average transport cost gives a lower bound on the worst-case risk over a W_p ball, and the exact value for p = ∞.',
    definition:
      'Distributions reached by moving each sample zᵢ to a single point z′ᵢ, with average p-th power of the displacements at most εᵖ, lie in the W_p ball, so the n-point problem bounds the worst case from below. ' +
      'For p < ∞ the bound can be strict, since the worst case may split one sample’s mass between two points: with n = 1, p = 1, g = 1[z ≥ 1], z₁ = 0 and ε = 1/2, moving the point gains nothing, but moving half of its mass to 1 costs exactly 1/2 and raises E_Q[g] to 1/2. ' +
      'For p = ∞ every unit of mass moves at most ε, so the worst case is exactly the per-sample maximization, which is adversarial training.',
    // The notes present the n-point problem as the worst case over the W_p ball ("often
    // deterministic"); it is that only for p = ∞. For p < ∞ it is a lower bound (example above).
    formulas: [
      String.raw`\sup_{Q: W_p(P_n, Q) \le \varepsilon} \mathbb{E}_Q[g] \ \ge\ \sup_{z'_1, \dots, z'_n} \Big\{ \frac{1}{n}\sum_{i=1}^n g(z'_i)\ \Big|\ \frac{1}{n}\sum_{i=1}^n d(z'_i, z_i)^p \le \varepsilon^p \Big\}`,
      String.raw`p = \infty:\quad \sup_{Q: W_\infty(P_n, Q) \le \varepsilon} \mathbb{E}_Q[g] = \frac{1}{n}\sum_{i=1}^n\ \sup_{d(z'_i, z_i) \le \varepsilon} g(z'_i)`,
    ],
    aliases: ['adversarial transport', 'empirical Wasserstein DRO'],
    code: [],
    related: ['wasserstein-ball', 'w-infinity-unification'],
  },
  {
    id: 'w-infinity-unification',
    title: 'W∞ DRO equals adversarial risk',
    section: ROB,
    summary: 'Maximizing the risk over all distributions within W∞-distance ρ of the data gives the average of each sample’s own worst loss within radius ρ.',
    definition:
      'A W∞ ball lets every unit of mass move by at most ρ, so each sample can be perturbed independently within its own ρ-ball. ' +
      'With a transport cost that forbids changing labels, the supremum decouples into a per-sample maximization. ' +
      'Hence adversarial training is a special case of distributionally robust optimization.',
    formulas: [
      String.raw`\sup_{Q: W_\infty(P_n, Q) \le \rho} \mathbb{E}_Q[\ell] = \frac{1}{n}\sum_{i=1}^n \sup_{\|\mathbf{x} - \mathbf{x}_i\|_2 \le \rho} \ell\big(f(\mathbf{x}), y_i\big)`,
    ],
    aliases: ['W-infinity unification', 'W∞ unification', 'W-infinity ball'],
    code: [],
    related: ['adversarial-training', 'dro', 'adversarial-transport'],
  },
];
