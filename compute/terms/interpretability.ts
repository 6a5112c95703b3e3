import type { Term } from './types';

const INTERP = '20.2 Interpretability';

export const INTERPRETABILITY_TERMS: Term[] = [
  {
    id: 'interpretability',
    title: 'Interpretability (local and global questions)',
    section: INTERP,
    summary: 'Explaining how a fixed model f, or the learned f_S, depends on its input variables.',
    definition:
      'Local questions concern one prediction f(x): what happens if a feature changes (ceteris paribus), is missing (marginalization) or is intervened on (sensitivity, causal effect). ' +
      'Global questions concern the whole population: how much information or predictive utility a feature carries about the target. ' +
      'Different questions lead to different, sometimes conflicting, importance measures.',
    formulas: [
      String.raw`f_S(\mathbf{x}_S) \text{ uses only } X_S,\ S \subseteq \{1, \dots, p\};\qquad \text{local: } f(\mathbf{x}),\quad \text{global: } \mathcal{R}(f) = \mathbb{E}[\ell(Y, f(X))]`,
    ],
    aliases: ['interpretability', 'explainability', 'explainable AI', 'XAI', 'feature importance', 'feature attribution', 'model explanation'],
    code: [],
    related: ['ceteris-paribus', 'marginalization', 'sensitivity', 'shapley-values'],
  },
  {
    id: 'ceteris-paribus',
    title: 'Ceteris paribus profile',
    section: INTERP,
    summary: 'How the prediction changes when one feature x_j is varied while all other features stay fixed.',
    definition:
      'A ceteris paribus (“all else equal”) profile traces f(x′_j, x₋ⱼ) as a function of x′_j for one instance, also called an individual conditional expectation curve. ' +
      'Averaging such curves over the data gives a partial dependence plot. ' +
      'Because it varies one feature independently of the others, it can evaluate the model on unrealistic feature combinations when features are correlated.',
    formulas: [
      String.raw`x'_j \mapsto f(x'_j, \mathbf{x}_{-j}),\quad \mathbf{x} = (x_j, \mathbf{x}_{-j});\qquad \mathrm{PD}_j(x'_j) = \mathbb{E}_{X_{-j}}\big[f(x'_j, X_{-j})\big]`,
    ],
    aliases: [
      'ceteris paribus',
      'ceteris-paribus profile',
      'individual conditional expectation',
      'ICE curve',
      'ICE plot',
      'partial dependence',
      'partial dependence plot',
      'PDP',
    ],
    code: ['sklearn.inspection.partial_dependence', 'sklearn.inspection.PartialDependenceDisplay', 'shap.plots.partial_dependence'],
    related: ['interpretability', 'sensitivity', 'marginalization'],
  },
  {
    id: 'marginalization',
    title: 'Marginalization (missing feature)',
    section: INTERP,
    summary: 'When x_j is not observed, replace f(X) by its conditional expectation given the observed features.',
    definition:
      'The best prediction without x_j, in squared error, averages the model over the conditional distribution of X_j given the other features. ' +
      'The difference between f(x) and that average measures the contribution of x_j at this point. ' +
      'Estimating the conditional distribution is the hard part; replacing it by the marginal of X_j gives interventional or permutation-based approximations.',
    formulas: [
      String.raw`\mathbb{E}\big[f(X) \mid X_{-j} = \mathbf{x}_{-j}\big]`,
      String.raw`\text{contribution of } x_j:\quad f(X) - \mathbb{E}\big[f(X) \mid X_{-j}\big]`,
    ],
    aliases: ['marginalization theorem', 'marginalisation theorem', 'marginalizing out a feature', 'conditional expectation'],
    generic: ['marginalization'],
    code: [],
    related: ['sum-rule', 'lofo-marginalization', 'shap', 'interpretability'],
  },
  {
    id: 'sensitivity',
    title: 'Sensitivity (gradient saliency)',
    section: INTERP,
    summary: 'The partial derivative ∂f(x)/∂x_j: how strongly the prediction responds to a small change of feature j.',
    definition:
      'Sensitivity measures the local rate of change of the output with respect to one input, keeping the others fixed. ' +
      'For images, the absolute input gradient of a class score is displayed as a saliency map. ' +
      'It answers an interventional question only locally and is noisy for deep networks, which motivates smoothed and integrated variants.',
    formulas: [
      String.raw`s_j(\mathbf{x}) = \frac{\partial f(\mathbf{x})}{\partial x_j},\qquad \text{saliency map: } \big|\nabla_{\mathbf{x}} f_c(\mathbf{x})\big|`,
    ],
    aliases: ['sensitivity analysis', 'saliency map', 'saliency maps', 'gradient saliency', 'input gradient', 'vanilla gradients'],
    generic: ['sensitivity', 'saliency'],
    code: ['captum.attr.Saliency', 'captum.attr.InputXGradient'],
    related: ['gradient', 'ceteris-paribus', 'intervention', 'integrated-gradients'],
  },
  {
    id: 'integrated-gradients',
    title: 'Integrated gradients',
    section: INTERP,
    summary: 'Attributes f(x) − f(x′) to the features by integrating the gradient along the straight path from a baseline x′ to the input x.',
    definition:
      'Integrated gradients multiplies each feature’s displacement x_j − x′_j from a baseline (often zeros or a black image) by the average of ∂f/∂x_j along the straight line from x′ to x. ' +
      'By the fundamental theorem of calculus for line integrals the attributions add up exactly to f(x) − f(x′) (completeness), a property plain gradient saliency lacks. ' +
      'In practice the integral is approximated with m points, e.g. a Riemann sum or Gauss–Legendre quadrature (Captum’s n_steps, default 50), and the gap between the summed attributions and f(x) − f(x′) measures the approximation error.',
    formulas: [
      String.raw`\mathrm{IG}_j(\mathbf{x}) = (x_j - x'_j) \int_0^1 \frac{\partial f\big(\mathbf{x}' + \alpha\,(\mathbf{x} - \mathbf{x}')\big)}{\partial x_j}\, d\alpha`,
      String.raw`\sum_{j=1}^{p} \mathrm{IG}_j(\mathbf{x}) = f(\mathbf{x}) - f(\mathbf{x}')\quad (\text{completeness})`,
      String.raw`\mathrm{IG}_j(\mathbf{x}) \approx (x_j - x'_j)\, \frac{1}{m}\sum_{k=1}^{m} \frac{\partial f}{\partial x_j}\Big(\mathbf{x}' + \tfrac{k}{m}(\mathbf{x} - \mathbf{x}')\Big)`,
    ],
    aliases: ['integrated gradients', 'integrated gradient attribution', 'path-integrated gradients'],
    code: ['captum.attr.IntegratedGradients'],
    related: ['sensitivity', 'shapley-values', 'interpretability', 'gradient'],
  },
  {
    id: 'mutual-information',
    title: 'Mutual information',
    section: INTERP,
    summary: 'The expected log-ratio between a joint distribution and the product of its marginals: how much knowing X tells about Y.',
    definition:
      'Mutual information is the KL divergence between the joint distribution of (X, Y) and the product of the marginals. ' +
      'It is symmetric, non-negative, and zero exactly when X and Y are independent, and it equals H(Y) − H(Y | X). ' +
      'As a global importance measure, I(X_j; Y) quantifies how much information feature j carries about the target on its own.',
    formulas: [
      String.raw`I(X_j; Y) = \mathbb{E}\Big[\log \frac{p(X_j, Y)}{p(X_j)\, p(Y)}\Big] = \mathrm{KL}\big(p(X_j, Y) \,\|\, p(X_j)\, p(Y)\big)`,
      String.raw`I(X; Y) = H(Y) - H(Y \mid X) = H(X) + H(Y) - H(X, Y) \ge 0`,
    ],
    aliases: ['mutual information', 'MI', 'information gain'],
    code: [
      'sklearn.metrics.mutual_info_score',
      'sklearn.metrics.normalized_mutual_info_score',
      'sklearn.metrics.adjusted_mutual_info_score',
      'sklearn.feature_selection.mutual_info_classif',
      'sklearn.feature_selection.mutual_info_regression',
    ],
    related: ['conditional-mutual-information', 'kl-divergence', 'entropy', 'independence'],
  },
  {
    id: 'conditional-mutual-information',
    title: 'Conditional mutual information',
    section: INTERP,
    summary: 'The information X_j carries about Y beyond what the other features X₋ⱼ already provide.',
    definition:
      'Conditional mutual information measures the dependence between X_j and Y that remains after conditioning on X₋ⱼ. ' +
      'It is zero exactly when X_j and Y are conditionally independent given the other features, so a feature that is informative alone can have zero conditional information when it is redundant. ' +
      'The predictive utility measured by LOFO approximates it for rich model classes and the log-loss.',
    formulas: [String.raw`I(X_j; Y \mid X_{-j}) = \mathbb{E}\Big[\log \frac{p(X_j, Y \mid X_{-j})}{p(X_j \mid X_{-j})\, p(Y \mid X_{-j})}\Big]`],
    aliases: ['conditional mutual information', 'CMI'],
    code: [],
    related: ['mutual-information', 'lofo', 'conditional-independence'],
  },
  {
    id: 'lofo',
    title: 'Leave one feature out (LOFO) / predictive utility',
    section: INTERP,
    summary: 'The increase in risk when a model is retrained without feature j: R(f₋ⱼ) − R(f).',
    definition:
      'LOFO compares the risk of a model trained on all features with the risk of one trained without X_j. ' +
      'The difference is the predictive utility of X_j in combination with the other features, so redundant features get little credit. ' +
      'With the log-loss and sufficiently rich model classes it approximates the conditional mutual information I(X_j; Y | X₋ⱼ).',
    formulas: [String.raw`\Delta_j = \mathcal{R}(f_{-j}) - \mathcal{R}(f),\qquad \mathcal{R}(f_{-j}) = \mathbb{E}\big[\ell(Y, f_{-j}(X_{-j}))\big]`],
    aliases: ['leave one feature out', 'leave-one-feature-out', 'LOFO', 'LOFO importance', 'predictive utility', 'drop-column importance'],
    code: ['lofo.LOFOImportance'],
    related: ['conditional-mutual-information', 'lofo-marginalization', 'permutation-importance', 'sage'],
  },
  {
    id: 'lofo-marginalization',
    title: 'LOFO via marginalization (conditional resampling)',
    section: INTERP,
    summary: 'Approximates the retrained model f₋ⱼ with the single model f by resampling X_j from its conditional distribution given X₋ⱼ.',
    definition:
      'Instead of retraining, the risk without X_j is estimated by feeding f a value X̃_j drawn from P(X_j | X₋ⱼ), which removes the information specific to X_j. ' +
      'This approximates the marginalization E[f(X) | X₋ⱼ] used by the idealized predictive utility. ' +
      'Conditional permutation schemes and knockoffs implement the resampling; plain permutation is the special case that ignores the dependence on X₋ⱼ.',
    formulas: [String.raw`\mathcal{R}(f_{-j}) \approx \mathbb{E}\big[\ell\big(Y, f(X_{-j}, \tilde{X}_j)\big)\big],\qquad \tilde{X}_j \sim P(X_j \mid X_{-j})`],
    aliases: ['LOFO via marginalization', 'conditional resampling', 'conditional permutation importance', 'model-X knockoffs'],
    code: [],
    related: ['lofo', 'marginalization', 'permutation-importance'],
  },
  {
    id: 'permutation-importance',
    title: 'Permutation importance',
    section: INTERP,
    summary: 'The increase in loss when the values of feature j are randomly shuffled across the dataset.',
    definition:
      'Shuffling column j breaks its relation to the target while keeping its marginal distribution, and the loss increase measures how much the model relied on it. ' +
      'It needs no retraining, only predictions on permuted data. ' +
      'Because shuffling also breaks dependence on the other features, correlated features can be evaluated on unrealistic inputs and importance can be misattributed.',
    formulas: [
      String.raw`\mathrm{PI}_j = \frac{1}{n}\sum_{i=1}^n \ell\big(y^{(i)}, f(\mathbf{x}_{-j}^{(i)}, x_j^{(\sigma(i))})\big) - \frac{1}{n}\sum_{i=1}^n \ell\big(y^{(i)}, f(\mathbf{x}^{(i)})\big)`,
    ],
    aliases: ['permutation importance', 'permutation feature importance', 'LOFO via permutation importance', 'feature permutation'],
    code: ['sklearn.inspection.permutation_importance', 'eli5.sklearn.PermutationImportance', 'eli5.permutation_importance.get_score_importances'],
    related: ['lofo', 'lofo-marginalization', 'sage'],
  },
  {
    id: 'marginal-contribution',
    title: 'Quantity of interest and marginal contribution',
    section: INTERP,
    summary: 'The change Δ_j(S) = Q(S ∪ {j}) − Q(S) in a quantity of interest when feature j is added to the subset S.',
    definition:
      'A quantity of interest Q(S) is computed using only the features in S, for example a prediction (SHAP) or a negative risk (SAGE). ' +
      'The marginal contribution of X_j depends on the context S, since features can be redundant or interact. ' +
      'Shapley values average the marginal contributions over all contexts with specific weights.',
    formulas: [String.raw`\Delta_j(S) = \mathcal{Q}(S \cup \{j\}) - \mathcal{Q}(S),\qquad S \subseteq \{1, \dots, p\} \setminus \{j\}`],
    aliases: ['quantity of interest', 'marginal contribution', 'marginal contributions', 'context-dependent contribution'],
    code: [],
    related: ['shapley-values', 'shap', 'sage'],
  },
  {
    id: 'shapley-values',
    title: 'Shapley values',
    section: INTERP,
    summary: 'The unique fair attribution of a total effect to players: each feature’s marginal contributions averaged over all orderings.',
    definition:
      'The Shapley value weights the marginal contribution Δ_j(S) by |S|!(p − |S| − 1)!/p!, the probability that exactly the features in S precede j in a random ordering. ' +
      'It is the only attribution satisfying efficiency, symmetry, the dummy property and additivity. ' +
      'Exact computation needs 2^{p−1} subsets per feature, so SHAP and SAGE use sampling or model-specific shortcuts.',
    // The notes put the marginal contribution in the denominator of the weight; it multiplies the
    // weight |S|!(p−|S|−1)!/p!. They also write the subsets as excluding {i} instead of {j}.
    formulas: [
      String.raw`\phi_j = \sum_{S \subseteq \{1, \dots, p\} \setminus \{j\}} \frac{|S|!\,(p - |S| - 1)!}{p!}\, \big(\mathcal{Q}(S \cup \{j\}) - \mathcal{Q}(S)\big)`,
    ],
    aliases: ['Shapley value', 'Shapley values', 'Shapley', 'Shapley weights', 'cooperative game theory'],
    code: ['shap.explainers.Exact', 'shap.explainers.Permutation', 'shap.PermutationExplainer', 'shap.SamplingExplainer'],
    related: ['shapley-efficiency', 'shap', 'sage', 'marginal-contribution'],
  },
  {
    id: 'shapley-efficiency',
    title: 'Efficiency (additivity) of Shapley values',
    section: INTERP,
    summary: 'Shapley values sum to the total effect Q(all features) − Q(no features).',
    definition:
      'Efficiency guarantees that an explanation accounts for the whole change between the empty and the full feature set. ' +
      'For SHAP this means the attributions add up to the prediction minus the average prediction, and for SAGE to the total risk reduction. ' +
      'Explanations with this property are called additive.',
    formulas: [String.raw`\sum_{j=1}^{p} \phi_j = \mathcal{Q}(\{1, \dots, p\}) - \mathcal{Q}(\emptyset)`],
    aliases: ['efficiency property', 'additivity property', 'additive explanation', 'additive explanations', 'local accuracy'],
    code: [],
    related: ['shapley-values', 'shap', 'sage'],
  },
  {
    id: 'shap',
    title: 'SHAP (SHapley Additive exPlanations)',
    section: INTERP,
    summary: 'Shapley values of the prediction-level game Q(S) = E[f(X) | X_S = x_S] for one instance x.',
    definition:
      'SHAP explains a single prediction by treating features as players whose coalition S fixes X_S to the observed values and averages out the rest. ' +
      'Attributions sum to f(x) − E[f(X)], so they are a local, additive explanation. ' +
      'KernelSHAP estimates them model-agnostically by weighted regression, TreeSHAP computes them exactly for tree ensembles, and DeepSHAP approximates them for networks; most implementations use interventional (marginal) instead of conditional expectations.',
    formulas: [
      String.raw`\mathcal{Q}_{\text{SHAP}}(S) = \mathbb{E}\big[f(X) \mid X_S = \mathbf{x}_S\big]`,
      String.raw`f(\mathbf{x}) = \mathbb{E}[f(X)] + \sum_{j=1}^{p} \phi_j(\mathbf{x})`,
    ],
    aliases: ['SHAP', 'SHapley Additive exPlanations', 'Shapley additive explanations', 'KernelSHAP', 'TreeSHAP', 'DeepSHAP', 'SHAP values'],
    code: [
      'shap.Explainer',
      'shap.TreeExplainer',
      'shap.KernelExplainer',
      'shap.DeepExplainer',
      'shap.GradientExplainer',
      'shap.LinearExplainer',
      'shap.summary_plot',
      'shap.plots.waterfall',
      'shap.plots.beeswarm',
      'shap.force_plot',
    ],
    related: ['shapley-values', 'sage', 'marginalization', 'shapley-efficiency'],
  },
  {
    id: 'sage',
    title: 'SAGE (Shapley Additive Global importancE)',
    section: INTERP,
    summary: 'Shapley values of the performance-level game Q(S) = −R(f_S): a global attribution of risk reduction to features.',
    definition:
      'SAGE uses the negative risk of the model restricted to X_S as the quantity of interest, so features are credited for the loss reduction they bring across the population. ' +
      'By efficiency, the SAGE values sum to the risk of predicting without features minus the risk with all of them. ' +
      'In practice f_S is approximated by marginalizing the missing features of the full model, and the values are estimated by sampling permutations.',
    formulas: [String.raw`\mathcal{Q}_{\text{SAGE}}(S) = -\mathcal{R}(f_S),\qquad \mathcal{R}(f_S) = \mathbb{E}\big[\ell\big(Y, f_S(X_S)\big)\big]`],
    aliases: ['SAGE', 'Shapley additive global importance', 'SAGE values'],
    code: ['sage.MarginalImputer', 'sage.PermutationEstimator', 'sage.KernelEstimator'],
    related: ['shapley-values', 'shap', 'lofo', 'permutation-importance'],
  },
];
