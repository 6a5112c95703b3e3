import type { Term } from './types';

const INTERP = '20.2 Interpretability';
const FAIR = '20.3 Fairness';

export const CAUSAL_TERMS: Term[] = [
  {
    id: 'causal-factorization',
    title: 'Causal ordering and Markov factorization',
    section: INTERP,
    summary: 'A causal order lets the joint distribution factor into each variable given its direct causes (parents).',
    definition:
      'If the variables can be ordered so that each is generated from its parents Pa(X_j) in a directed acyclic graph, the joint distribution is the product of these conditionals. ' +
      'Sampling variables one by one in that order reproduces the joint distribution, which is the generative view of the model. ' +
      'The factorization reflects causal mechanisms rather than just statistical association, so it also predicts the effect of interventions.',
    formulas: [String.raw`P(X_1, \dots, X_p) = \prod_{j=1}^{p} P\big(X_j \mid \operatorname{Pa}(X_j)\big)`],
    aliases: ['causal ordering', 'causal factorization', 'Markov factorization', 'causal graph', 'causal DAG', 'Bayesian network'],
    code: ['networkx.DiGraph', 'pgmpy.models.BayesianNetwork', 'dowhy.CausalModel'],
    related: ['sem', 'intervention', 'conditional-independence', 'product-rule'],
  },
  {
    id: 'sem',
    title: 'Structural equation model (SEM)',
    section: INTERP,
    summary: 'Each variable is a deterministic function of its parents and its own exogenous noise: X_j = f_j(Pa(X_j), U_j).',
    definition:
      'A structural equation model assigns every variable an equation with independent exogenous noise variables U_j. ' +
      'It implies the causal Markov factorization and additionally specifies how individual units respond, which is what counterfactuals need. ' +
      'Interventions are modelled by replacing equations, leaving all others unchanged.',
    formulas: [String.raw`X_j = f_j\big(\operatorname{Pa}(X_j), U_j\big),\qquad U_1, \dots, U_p \text{ mutually independent}`],
    aliases: ['structural equation model', 'structural equation models', 'structural causal model', 'SCM', 'exogenous noise'],
    code: ['dowhy.gcm.StructuralCausalModel'],
    related: ['causal-factorization', 'intervention', 'counterfactual'],
  },
  {
    id: 'intervention',
    title: 'Intervention (do-operator)',
    section: INTERP,
    summary: 'Setting X_j to a value x_j by force, do(X_j = x_j), which replaces its structural equation and cuts its incoming causes.',
    definition:
      'In the generative view an intervention replaces the sampling step of X_j by the constant x_j; in the SEM view it replaces the equation of X_j by X_j = x_j. ' +
      'The resulting interventional distribution P(Y | do(X_j = x_j)) generally differs from the observational P(Y | X_j = x_j), because confounders no longer co-vary with X_j. ' +
      'Comparing outcomes under two such interventions defines the causal effect of X_j on Y.',
    formulas: [
      String.raw`P\big(X_1, \dots, X_p \mid do(X_j = x_j)\big) = \prod_{k \ne j} P\big(X_k \mid \operatorname{Pa}(X_k)\big)\Big|_{X_j = x_j}`,
      String.raw`\text{causal effect: } \mathbb{E}[Y \mid do(X_j = x'_j)] - \mathbb{E}[Y \mid do(X_j = x_j)]`,
    ],
    aliases: ['do-operator', 'do operator', 'do-calculus', 'do calculus', 'interventional distribution', 'causal effect', 'average treatment effect'],
    generic: ['intervention', 'interventions'],
    code: ['dowhy.gcm.interventional_samples'],
    related: ['sem', 'counterfactual', 'causal-factorization', 'sensitivity'],
  },
  {
    id: 'counterfactual',
    title: 'Counterfactual',
    section: INTERP,
    summary: 'What the outcome for the same unit would have been under a different intervention, holding its exogenous noise fixed.',
    definition:
      'A counterfactual compares Y under the actual inputs with Y(do(X_j = x′_j)) for the very same unit, within one causal model. ' +
      'It is computed by inferring the unit’s exogenous noise from what was observed, intervening, and recomputing the structural equations. ' +
      'Counterfactual explanations describe the smallest feature change that would have altered a decision.',
    formulas: [String.raw`Y(\mathbf{x}) \ \text{ vs. }\ Y\big(do(X_j = x'_j)\big)\ \text{ with the same } U = \mathbf{u}`],
    aliases: ['counterfactual', 'counterfactuals', 'counterfactual explanation', 'counterfactual reasoning'],
    code: ['dowhy.gcm.counterfactual_samples'],
    related: ['intervention', 'sem'],
  },
];

export const FAIRNESS_TERMS: Term[] = [
  {
    id: 'protected-attribute',
    title: 'Protected attribute',
    section: FAIR,
    summary: 'An attribute such as sex, gender, race or ethnicity on which unequal treatment is legally, ethically or socially unacceptable.',
    definition:
      'Group fairness criteria are stated with respect to a protected (sensitive) attribute A that partitions the population into groups. ' +
      'Simply dropping A from the inputs does not make a model fair, because other features can act as proxies for it. ' +
      'Fairness definitions differ in which conditional (in)dependence between A, the prediction Ŷ and the label Y they require.',
    formulas: [String.raw`A \in \mathcal{A}\ \text{(e.g. groups } a, a'),\qquad \text{criteria constrain the joint law of } (A, \hat{Y}, Y)`],
    aliases: ['protected attribute', 'sensitive attribute', 'sensitive feature', 'protected group', 'algorithmic fairness', 'group fairness'],
    code: [],
    related: ['demographic-parity', 'equalized-odds', 'equal-opportunity'],
  },
  {
    id: 'demographic-parity',
    title: 'Demographic parity',
    section: FAIR,
    summary: 'The rate of positive predictions is the same in every group: Ŷ ⊥ A.',
    definition:
      'Demographic (statistical) parity requires the prediction to be independent of the protected attribute, so every group is selected at the same rate. ' +
      'It ignores the true labels, so when base rates differ between groups it rules out the perfect classifier. ' +
      'Its violation is usually reported as the largest difference (or smallest ratio) of selection rates.',
    formulas: [
      String.raw`\hat{Y} \perp\!\!\!\perp A \iff \mathbb{P}(\hat{Y} = 1 \mid A = a) = \mathbb{P}(\hat{Y} = 1 \mid A = a')\quad \forall a, a' \in \mathcal{A}`,
    ],
    aliases: ['demographic parity', 'statistical parity', 'group parity', 'disparate impact', 'selection rate parity'],
    code: ['fairlearn.metrics.demographic_parity_difference', 'fairlearn.metrics.demographic_parity_ratio', 'fairlearn.reductions.DemographicParity'],
    related: ['equalized-odds', 'equal-opportunity', 'independence', 'protected-attribute'],
  },
  {
    id: 'equalized-odds',
    title: 'Equalized odds',
    section: FAIR,
    summary: 'True-positive and false-positive rates are equal across groups: Ŷ ⊥ A | Y.',
    definition:
      'Equalized odds requires the prediction to be conditionally independent of the protected attribute given the true label. ' +
      'For a binary task this means equal true-positive rates and equal false-positive rates in every group. ' +
      'Unlike demographic parity it allows selection rates to differ when base rates differ, and a perfect classifier satisfies it.',
    formulas: [
      String.raw`\hat{Y} \perp\!\!\!\perp A \mid Y \iff \mathbb{P}(\hat{Y} = 1 \mid A = a, Y = y) = \mathbb{P}(\hat{Y} = 1 \mid A = a', Y = y)\quad \forall a, a',\ y \in \{0, 1\}`,
    ],
    aliases: ['equalized odds', 'equalised odds', 'separation criterion', 'error rate balance'],
    code: [
      'fairlearn.metrics.equalized_odds_difference',
      'fairlearn.metrics.equalized_odds_ratio',
      'fairlearn.reductions.EqualizedOdds',
      'fairlearn.postprocessing.ThresholdOptimizer',
    ],
    related: ['equal-opportunity', 'demographic-parity', 'conditional-independence', 'fair-representation'],
  },
  {
    id: 'equal-opportunity',
    title: 'Equality of opportunity',
    section: FAIR,
    summary: 'Qualified individuals (Y = 1) receive positive predictions at the same rate in every group: Ŷ ⊥ A | Y = 1.',
    definition:
      'Equality of opportunity relaxes equalized odds to the positive class only, i.e. it equalizes true-positive rates. ' +
      'It fits settings where a false negative (a qualified applicant rejected) is the harm to be distributed fairly. ' +
      'False-positive rates may still differ between groups.',
    formulas: [String.raw`\mathbb{P}(\hat{Y} = 1 \mid A = a, Y = 1) = \mathbb{P}(\hat{Y} = 1 \mid A = a', Y = 1)\quad \forall a, a' \in \mathcal{A}`],
    aliases: ['equality of opportunity', 'equal opportunity', 'true positive rate parity', 'TPR parity'],
    code: ['fairlearn.reductions.TruePositiveRateParity', 'aif360.metrics.ClassificationMetric.equal_opportunity_difference'],
    related: ['equalized-odds', 'demographic-parity'],
  },
  {
    id: 'fair-representation',
    title: 'Fairness via adversarial latent representation learning',
    section: FAIR,
    summary: 'Learn a representation Z = f(X) that predicts Y while an adversary fails to recover the protected attribute A from it.',
    definition:
      'An encoder f, a task head h and an adversary g are trained in a minimax game: f and h minimize the task loss while making the adversary’s loss large. ' +
      'For equalized odds the adversary sees (Z, Y), so Z should carry no information about A beyond what Y explains; for demographic parity it sees Z alone. ' +
      'The trade-off weight λ balances accuracy against the fairness constraint.',
    formulas: [
      String.raw`X \xrightarrow{f} Z \xrightarrow{h} \hat{Y},\qquad (Z, Y) \xrightarrow{g} \hat{A}`,
      String.raw`\min_{f, h}\ \max_{g}\ \ \mathbb{E}\big[\ell_{\text{task}}(h(f(X)), Y)\big] - \lambda\, \mathbb{E}\big[\ell_{\text{adv}}(g(f(X), Y), A)\big]`,
    ],
    aliases: [
      'adversarial fair representation',
      'adversarial debiasing',
      'fair representation learning',
      'fairness via latent representation learning',
      'FALR',
      'attribute-invariant representation',
    ],
    code: ['fairlearn.adversarial.AdversarialFairnessClassifier', 'aif360.algorithms.inprocessing.AdversarialDebiasing'],
    related: ['equalized-odds', 'gan-minimax', 'protected-attribute'],
  },
];
