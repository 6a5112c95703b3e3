import type { Term } from './types';

const EVAL = 'Beyond the notes: Classical ML and evaluation';
const RL = 'Beyond the notes: Reinforcement learning';

/**
 * Classical models, evaluation and group-fairness metrics, and reinforcement-learning basics
 * beyond the course notes. Every formula is checked numerically in
 * test/unit/terms-generative-classical.test.ts.
 */
export const CLASSICAL_TERMS: Term[] = [
  {
    id: 'logistic-regression',
    title: 'Logistic regression',
    section: EVAL,
    summary: 'A linear classifier that models the probability of the positive class as the sigmoid of a linear score and is fitted by minimizing the log-loss.',
    definition:
      'The score wᵀx + b is read as the log-odds of the positive class, and the sigmoid turns it into a probability. ' +
      'Training minimizes the average binary cross-entropy, a convex problem whose gradient is simply the feature-weighted prediction error. ' +
      'The multiclass version replaces the sigmoid by a softmax; sklearn’s LogisticRegression adds an L2 penalty by default, weighted through the inverse strength C.',
    formulas: [
      String.raw`p(y = 1 \mid \mathbf{x}) = \sigma(\mathbf{w}^\top \mathbf{x} + b),\qquad \sigma(s) = \frac{1}{1 + e^{-s}}`,
      String.raw`\mathcal{L}(\mathbf{w}, b) = -\frac{1}{n} \sum_{i=1}^{n} \big[y_i \log p_i + (1 - y_i) \log(1 - p_i)\big],\qquad \nabla_{\mathbf{w}} \mathcal{L} = \frac{1}{n} \sum_{i=1}^{n} (p_i - y_i)\, \mathbf{x}_i`,
    ],
    aliases: ['logistic regression', 'logit regression', 'logit model', 'multinomial logistic regression', 'softmax regression'],
    code: ['sklearn.linear_model.LogisticRegression', 'sklearn.linear_model.LogisticRegressionCV'],
    related: ['sigmoid', 'binary-cross-entropy', 'softmax', 'svm', 'convex-function'],
  },
  {
    id: 'svm',
    title: 'Support vector machine (SVM)',
    section: EVAL,
    summary: 'A linear classifier that maximizes the margin between the classes, with a hinge penalty for points inside the margin or misclassified.',
    definition:
      'A hard-margin SVM looks for the separating hyperplane with the largest distance 2/‖w‖ between the two margin hyperplanes wᵀx + b = ±1. ' +
      'The soft-margin version allows violations and trades margin width against the summed hinge losses with the constant C. ' +
      'Only the points on or inside the margin (the support vectors) determine the solution, and in the dual problem the data enter through inner products, which kernels replace to obtain non-linear boundaries.',
    formulas: [
      String.raw`\min_{\mathbf{w}, b}\ \frac{1}{2}\|\mathbf{w}\|^2 + C \sum_{i=1}^{n} \max\big(0,\ 1 - y_i(\mathbf{w}^\top \mathbf{x}_i + b)\big),\qquad y_i \in \{-1, +1\}`,
      String.raw`\hat{y}(\mathbf{x}) = \operatorname{sign}\Big(\sum_{i=1}^{n} \alpha_i y_i\, k(\mathbf{x}_i, \mathbf{x}) + b\Big),\qquad 0 \le \alpha_i \le C`,
    ],
    aliases: [
      'support vector machine',
      'SVM',
      'SVMs',
      'soft-margin SVM',
      'hard-margin SVM',
      'max-margin classifier',
      'maximum margin classifier',
      'support vector classifier',
      'kernel SVM',
      'support vectors',
    ],
    code: ['sklearn.svm.SVC', 'sklearn.svm.LinearSVC', 'sklearn.svm.NuSVC'],
    related: ['hinge-loss', 'margin', 'logistic-regression', 'lagrangian', 'convex-function'],
  },
  {
    id: 'accuracy',
    title: 'Accuracy',
    section: EVAL,
    summary: 'The fraction of predictions that equal the true label.',
    definition:
      'Accuracy counts correct predictions over all predictions, so for a binary task it is (TP + TN) divided by the total of the confusion matrix. ' +
      'It is easy to read but misleading on imbalanced data, where always predicting the majority class already scores high. ' +
      'Top-k accuracy counts a prediction as correct when the true class is among the k highest-scored classes.',
    formulas: [String.raw`\mathrm{Acc} = \frac{1}{n} \sum_{i=1}^{n} \mathbb{1}[\hat{y}_i = y_i] = \frac{TP + TN}{TP + TN + FP + FN}`],
    aliases: ['classification accuracy', 'top-1 accuracy', 'top-5 accuracy', 'top-k accuracy', 'accuracy score', 'test accuracy', 'validation accuracy'],
    generic: ['accuracy'],
    notWithin: [
      'numerical accuracy',
      'floating point accuracy',
      'floating-point accuracy',
      'machine accuracy',
      'approximation accuracy',
      'accuracy of the approximation',
      'positional accuracy',
      'GPS accuracy',
      'measurement accuracy',
      'timing accuracy',
      'clock accuracy',
    ],
    code: [
      'sklearn.metrics.accuracy_score',
      'torchmetrics.Accuracy',
      'keras.metrics.Accuracy',
      'tf.keras.metrics.Accuracy',
      'keras.metrics.BinaryAccuracy',
      'keras.metrics.CategoricalAccuracy',
      'keras.metrics.SparseCategoricalAccuracy',
    ],
    related: ['confusion-matrix', 'precision', 'recall', 'f1-score'],
  },
  {
    id: 'precision',
    title: 'Precision (positive predictive value)',
    section: EVAL,
    summary: 'Of the examples predicted positive, the fraction that really are positive: TP / (TP + FP).',
    definition:
      'Precision measures how trustworthy a positive prediction is, so it drops with every false alarm. ' +
      'Raising the decision threshold usually increases precision and lowers recall, and the precision-recall curve traces this trade-off. ' +
      'For several classes it is computed per class and then averaged (macro, micro or weighted), as the average argument of sklearn’s precision_score selects.',
    formulas: [String.raw`\mathrm{Precision} = \frac{TP}{TP + FP} = \mathbb{P}(Y = 1 \mid \hat{Y} = 1)`],
    aliases: ['positive predictive value', 'PPV', 'precision score', 'precision-recall curve', 'precision-recall trade-off'],
    generic: ['precision'],
    notWithin: [
      'floating point precision',
      'floating-point precision',
      'double precision',
      'single precision',
      'half precision',
      'mixed precision',
      'numerical precision',
      'precision matrix',
      'arbitrary precision',
      'machine precision',
      'full precision',
      'reduced precision',
      'bfloat16 precision',
      'float precision',
    ],
    code: [
      'sklearn.metrics.precision_score',
      'sklearn.metrics.precision_recall_curve',
      'torchmetrics.Precision',
      'keras.metrics.Precision',
      'tf.keras.metrics.Precision',
    ],
    related: ['recall', 'f1-score', 'confusion-matrix', 'accuracy'],
  },
  {
    id: 'recall',
    title: 'Recall (true positive rate, sensitivity)',
    section: EVAL,
    summary: 'Of the examples that really are positive, the fraction predicted positive: TP / (TP + FN).',
    definition:
      'Recall measures how many of the positives a classifier finds, so it drops with every missed positive. ' +
      'It is the same quantity as the true positive rate on the y-axis of the ROC curve and as sensitivity in medical testing. ' +
      'A classifier that predicts positive for everything has recall 1, which is why recall is reported together with precision.',
    formulas: [String.raw`\mathrm{Recall} = \mathrm{TPR} = \frac{TP}{TP + FN} = \mathbb{P}(\hat{Y} = 1 \mid Y = 1)`],
    aliases: ['true positive rate', 'TPR', 'hit rate', 'recall score', 'recall rate'],
    generic: ['recall'],
    notWithin: [
      'recall that',
      'recall the',
      'recall from',
      'recall how',
      'recall what',
      'recall why',
      'recall a',
      'recall an',
      'recall this',
      'recall these',
      'we recall',
      'let us recall',
      "let's recall",
      'to recall',
      'as we recall',
      'total recall',
      'product recall',
      'recall election',
      'memory recall',
      'free recall',
    ],
    code: ['sklearn.metrics.recall_score', 'torchmetrics.Recall', 'keras.metrics.Recall', 'tf.keras.metrics.Recall'],
    related: ['precision', 'f1-score', 'roc-auc', 'confusion-matrix', 'equal-opportunity'],
  },
  {
    id: 'f1-score',
    title: 'F1 score',
    section: EVAL,
    summary: 'The harmonic mean of precision and recall, which is high only when both are high.',
    definition:
      'Taking the harmonic rather than the arithmetic mean lets the smaller of the two dominate, so a classifier cannot score well by sacrificing one of them. ' +
      'In counts it equals 2TP / (2TP + FP + FN), which ignores true negatives and suits rare positive classes. ' +
      'The F-beta score weights recall β times as much as precision, and for multiple classes the per-class scores are averaged.',
    formulas: [
      String.raw`F_1 = \frac{2 \cdot \mathrm{Precision} \cdot \mathrm{Recall}}{\mathrm{Precision} + \mathrm{Recall}} = \frac{2\, TP}{2\, TP + FP + FN}`,
      String.raw`F_\beta = (1 + \beta^2)\, \frac{\mathrm{Precision} \cdot \mathrm{Recall}}{\beta^2 \cdot \mathrm{Precision} + \mathrm{Recall}}`,
    ],
    aliases: ['F1 score', 'F1-score', 'F1', 'F-score', 'F-measure', 'F-beta score', 'F1 measure', 'macro F1', 'micro F1'],
    code: ['sklearn.metrics.f1_score', 'sklearn.metrics.fbeta_score', 'torchmetrics.F1Score', 'keras.metrics.F1Score', 'tf.keras.metrics.F1Score'],
    related: ['precision', 'recall', 'confusion-matrix'],
  },
  {
    id: 'roc-auc',
    title: 'ROC curve and AUC',
    section: EVAL,
    summary:
      'The ROC curve plots true against false positive rate over all thresholds, and the area under it is the probability that a random positive is scored above a random negative.',
    definition:
      'Sweeping the decision threshold over the classifier’s scores traces the ROC curve from (0, 0) to (1, 1). ' +
      'The area under it does not depend on any threshold and equals the Mann–Whitney U statistic divided by the number of positive-negative pairs, with ties counted as one half. ' +
      'An AUC of 0.5 is chance level and 1 is a perfect ranking; on heavily imbalanced data the precision-recall curve is often more informative.',
    formulas: [
      String.raw`\mathrm{TPR}(t) = \frac{TP(t)}{TP(t) + FN(t)},\qquad \mathrm{FPR}(t) = \frac{FP(t)}{FP(t) + TN(t)},\qquad \hat{y} = \mathbb{1}[s \ge t]`,
      String.raw`\mathrm{AUC} = \frac{1}{n_+ n_-} \sum_{i: y_i = 1}\ \sum_{j: y_j = 0} \Big(\mathbb{1}[s_i > s_j] + \tfrac{1}{2}\, \mathbb{1}[s_i = s_j]\Big)`,
    ],
    aliases: [
      'ROC AUC',
      'ROC-AUC',
      'AUROC',
      'AUC-ROC',
      'area under the ROC curve',
      'ROC curve',
      'receiver operating characteristic',
      'AUC',
      'area under the curve',
    ],
    code: [
      'sklearn.metrics.roc_auc_score',
      'sklearn.metrics.roc_curve',
      'sklearn.metrics.RocCurveDisplay',
      'torchmetrics.AUROC',
      'keras.metrics.AUC',
      'tf.keras.metrics.AUC',
    ],
    related: ['recall', 'confusion-matrix', 'precision'],
  },
  {
    id: 'confusion-matrix',
    title: 'Confusion matrix',
    section: EVAL,
    summary: 'A table counting, for each true class, how often each class was predicted.',
    definition:
      'Entry (i, j) counts the examples whose true label is i and whose predicted label is j, so correct predictions lie on the diagonal (the convention of sklearn.metrics.confusion_matrix). ' +
      'For two classes its four cells are the true negatives, false positives, false negatives and true positives, from which accuracy, precision, recall, the false positive rate and F1 are computed. ' +
      'Normalizing each row shows the per-class recall and the kinds of errors the classifier makes.',
    formulas: [
      String.raw`C_{ij} = \big|\{k : y_k = i,\ \hat{y}_k = j\}\big|,\qquad \text{binary: } \mathbf{C} = \begin{pmatrix} TN & FP \\ FN & TP \end{pmatrix}`,
      String.raw`\mathrm{FPR} = \frac{FP}{FP + TN},\qquad \mathrm{TNR} = \frac{TN}{TN + FP} = 1 - \mathrm{FPR}`,
    ],
    aliases: [
      'confusion matrix',
      'error matrix',
      'false positive rate',
      'FPR',
      'false negative rate',
      'FNR',
      'true negative rate',
      'type I error',
      'type II error',
    ],
    code: [
      'sklearn.metrics.confusion_matrix',
      'sklearn.metrics.ConfusionMatrixDisplay',
      'sklearn.metrics.multilabel_confusion_matrix',
      'sklearn.metrics.classification_report',
      'torchmetrics.ConfusionMatrix',
      'tf.math.confusion_matrix',
    ],
    related: ['accuracy', 'precision', 'recall', 'f1-score', 'roc-auc'],
  },
  {
    id: 'selection-rate',
    title: 'Selection rate',
    section: EVAL,
    summary: 'The fraction of a group that the classifier predicts positive (selects).',
    definition:
      'The selection rate of group a is the mean of the binary predictions over the members of that group, regardless of their true labels. ' +
      'Demographic parity asks for equal selection rates across the groups of a sensitive feature, and its violation is measured as their largest difference or smallest ratio. ' +
      'fairlearn.metrics.selection_rate computes it (the label argument is accepted but unused), typically per group inside a MetricFrame.',
    formulas: [String.raw`\mathrm{SR}_a = \mathbb{P}(\hat{Y} = 1 \mid A = a) = \frac{1}{n_a} \sum_{i: A_i = a} \hat{y}_i`],
    aliases: ['selection rate', 'selection rates', 'positive prediction rate', 'acceptance rate'],
    code: ['fairlearn.metrics.selection_rate'],
    related: ['demographic-parity', 'group-metrics', 'protected-attribute'],
  },
  {
    id: 'fpr-parity',
    title: 'False-positive-rate parity',
    section: EVAL,
    summary: 'Equal false positive rates in every group of a sensitive feature, measured by the gap between the largest and smallest group FPR.',
    definition:
      'Among the true negatives of each group, the classifier should wrongly flag the same fraction, so no group bears more false alarms than another. ' +
      'It is the Y = 0 half of equalized odds and is also called predictive equality. ' +
      'With fairlearn the per-group rates come from false_positive_rate in a MetricFrame, and the reported gap is the max-minus-min difference over groups.',
    formulas: [
      String.raw`\mathrm{FPR}_a = \mathbb{P}(\hat{Y} = 1 \mid Y = 0, A = a) = \frac{FP_a}{FP_a + TN_a}`,
      String.raw`\Delta_{\mathrm{FPR}} = \max_{a} \mathrm{FPR}_a - \min_{a} \mathrm{FPR}_a`,
    ],
    aliases: [
      'false positive rate parity',
      'FPR parity',
      'false positive rate difference',
      'FPR difference',
      'predictive equality',
      'false positive rate balance',
    ],
    code: [
      'fairlearn.metrics.false_positive_rate',
      'fairlearn.metrics.false_positive_rate_difference',
      'aif360.metrics.ClassificationMetric.false_positive_rate_difference',
    ],
    related: ['equalized-odds', 'equal-opportunity', 'group-metrics', 'confusion-matrix', 'protected-attribute'],
  },
  {
    id: 'group-metrics',
    title: 'Disaggregated (per-group) metrics',
    section: EVAL,
    summary: 'Evaluate a metric separately on each group defined by a sensitive feature, then summarize the disparity as a difference or ratio between groups.',
    definition:
      'An overall score can hide that a model works much worse for one group, so fairness assessment computes every metric once per group. ' +
      'fairlearn.metrics.MetricFrame does this: by_group holds the per-group values, and difference() and ratio() give the max-minus-min gap and the min-over-max ratio (or the comparison to the overall value). ' +
      'Demographic parity and equalized-odds differences are such summaries of selection rates and error rates.',
    formulas: [
      String.raw`M_a = m\big(\{(y_i, \hat{y}_i) : A_i = a\}\big),\qquad \text{difference} = \max_a M_a - \min_a M_a,\qquad \text{ratio} = \frac{\min_a M_a}{\max_a M_a}`,
    ],
    aliases: ['disaggregated metrics', 'disaggregated evaluation', 'per-group metrics', 'group metrics', 'group-wise metrics', 'metric disaggregation'],
    code: ['fairlearn.metrics.MetricFrame', 'fairlearn.metrics.make_derived_metric'],
    related: ['selection-rate', 'fpr-parity', 'demographic-parity', 'equalized-odds', 'protected-attribute'],
  },
  {
    id: 'reward',
    title: 'Reward',
    section: RL,
    summary: 'The scalar feedback an environment returns after each action, whose discounted sum the agent tries to maximize.',
    definition:
      'At each step the agent observes a state, acts, and receives a number r_{t+1} from the reward function of the environment. ' +
      'Rewards specify the task only through the objective, the expected discounted return, so sparse or badly designed rewards make learning hard or lead to unintended behaviour. ' +
      'In Gymnasium, env.step returns the reward together with the next observation and the termination flags.',
    formulas: [String.raw`r_{t+1} = R(s_t, a_t, s_{t+1}),\qquad J(\pi) = \mathbb{E}_{\pi}\Big[\sum_{t=0}^{T-1} \gamma^t\, r_{t+1}\Big]`],
    aliases: ['reward function', 'reward signal', 'immediate reward', 'cumulative reward', 'sparse reward', 'reward model'],
    generic: ['reward'],
    notWithin: [
      'reward points',
      'rewards program',
      'reward program',
      'loyalty reward',
      'risk and reward',
      'risk-reward',
      'cash reward',
      'reward card',
      'bounty reward',
    ],
    code: [],
    related: ['policy', 'discount-factor', 'value-function'],
  },
  {
    id: 'policy',
    title: 'Policy',
    section: RL,
    summary: 'The agent’s rule for choosing actions: a distribution π(a | s) over actions given the state, or a deterministic map a = π(s).',
    definition:
      'A stochastic policy assigns each action a probability in each state; for discrete actions a network usually outputs logits that a softmax turns into these probabilities. ' +
      'A greedy policy picks the action with the highest estimated action value, and ε-greedy mixes that with uniform random actions to keep exploring. ' +
      'Reinforcement learning searches for the policy with the largest expected discounted return.',
    formulas: [
      String.raw`\pi_\theta(a \mid s) = \mathbb{P}(A_t = a \mid S_t = s) = \frac{\exp h_\theta(s, a)}{\sum_{a'} \exp h_\theta(s, a')}`,
      String.raw`\pi_{\text{greedy}}(s) = \arg\max_a Q(s, a)`,
    ],
    aliases: [
      'stochastic policy',
      'deterministic policy',
      'policy network',
      'greedy policy',
      'epsilon-greedy',
      'epsilon-greedy policy',
      'softmax policy',
      'behaviour policy',
      'behavior policy',
      'target policy',
    ],
    generic: ['policy', 'policies'],
    notWithin: [
      'privacy policy',
      'retry policy',
      'security policy',
      'cache policy',
      'eviction policy',
      'mixed precision policy',
      'dtype policy',
      'retention policy',
      'restart policy',
      'password policy',
      'access policy',
      'IAM policy',
      'content security policy',
      'same-origin policy',
      'scheduling policy',
      'replacement policy',
      'backoff policy',
      'privacy policies',
      'security policies',
      'cookie policy',
      'public policy',
      'policy holder',
    ],
    code: [],
    related: ['policy-gradient', 'actor-critic', 'value-function', 'softmax', 'reward'],
  },
  {
    id: 'policy-gradient',
    title: 'Policy gradient (REINFORCE)',
    section: RL,
    summary:
      'Improve a parameterized policy by gradient ascent on its expected return, estimating the gradient from sampled actions weighted by their returns.',
    definition:
      'The log-derivative trick writes the gradient of the expected return as an expectation of ∇ log π(a | s) times the return that followed, which needs no model of the environment. ' +
      'REINFORCE estimates this expectation from complete episodes, which is unbiased but noisy. ' +
      'Subtracting a baseline that depends only on the state, such as a value estimate, keeps it unbiased and reduces its variance, which leads to actor-critic methods.',
    formulas: [
      String.raw`\nabla_\theta J(\theta) = \mathbb{E}_{\pi_\theta}\Big[\sum_{t=0}^{T-1} \nabla_\theta \log \pi_\theta(a_t \mid s_t)\, \big(G_t - b(s_t)\big)\Big]`,
      String.raw`\text{softmax logits } \theta:\quad \nabla_\theta \log \pi_\theta(a) = \mathbf{e}_a - \boldsymbol{\pi}_\theta`,
    ],
    aliases: [
      'policy gradient',
      'policy gradient theorem',
      'policy gradient method',
      'REINFORCE algorithm',
      'vanilla policy gradient',
      'Monte Carlo policy gradient',
    ],
    code: [],
    related: ['log-derivative-trick', 'policy', 'actor-critic', 'advantage', 'discount-factor'],
  },
  {
    id: 'actor-critic',
    title: 'Actor-critic',
    section: RL,
    summary: 'A policy-gradient method in which a learned value function (the critic) supplies the baseline or advantage for updating the policy (the actor).',
    definition:
      'The critic learns V(s) by temporal-difference updates, and its TD error δ_t serves as a low-variance estimate of the advantage of the action taken. ' +
      'The actor then follows the policy gradient with δ_t (or a multi-step or GAE advantage) in place of the full Monte Carlo return. ' +
      'A2C, A3C, PPO and SAC are all of this type; the bootstrapped critic adds bias but learns online, without waiting for episodes to end.',
    formulas: [
      String.raw`\delta_t = r_{t+1} + \gamma V_w(s_{t+1}) - V_w(s_t)`,
      String.raw`\mathbf{w} \leftarrow \mathbf{w} + \beta\, \delta_t\, \nabla_{\mathbf{w}} V_w(s_t),\qquad \theta \leftarrow \theta + \alpha\, \delta_t\, \nabla_\theta \log \pi_\theta(a_t \mid s_t)`,
    ],
    aliases: ['actor-critic', 'actor-critic method', 'advantage actor-critic', 'A2C', 'A3C', 'asynchronous advantage actor-critic'],
    code: ['stable_baselines3.A2C'],
    related: ['policy-gradient', 'value-function', 'advantage', 'policy'],
  },
  {
    id: 'value-function',
    title: 'Value function (V and Q)',
    section: RL,
    summary: 'The expected discounted return from a state, V^π(s), or from a state and a first action, Q^π(s, a), when following policy π afterwards.',
    definition:
      'Value functions summarize how good it is to be somewhere under a given policy, and they satisfy the recursive Bellman expectation equations. ' +
      'For a finite Markov decision process the Bellman equation for V^π is a linear system that can be solved directly or by repeated application. ' +
      'Their difference Q − V is the advantage, and the optimal value functions satisfy the Bellman optimality equation with a max over actions.',
    formulas: [
      String.raw`V^\pi(s) = \mathbb{E}_\pi\big[G_t \mid S_t = s\big],\qquad Q^\pi(s, a) = \mathbb{E}_\pi\big[G_t \mid S_t = s, A_t = a\big]`,
      String.raw`V^\pi(s) = \sum_{a} \pi(a \mid s) \sum_{s'} P(s' \mid s, a)\, \big[R(s, a, s') + \gamma V^\pi(s')\big]`,
    ],
    aliases: [
      'value function',
      'state-value function',
      'action-value function',
      'Q-function',
      'Q-value',
      'Q-values',
      'Bellman equation',
      'Bellman expectation equation',
      'Bellman optimality equation',
    ],
    code: [],
    related: ['advantage', 'discount-factor', 'actor-critic', 'policy'],
  },
  {
    id: 'discount-factor',
    title: 'Discount factor and discounted return',
    section: RL,
    summary: 'A number γ in [0, 1] that weights a reward k steps ahead by γ^k, defining the discounted return G_t.',
    definition:
      'Discounting keeps the return finite over infinite horizons and expresses a preference for earlier rewards; 1/(1 − γ) is roughly the effective horizon. ' +
      'The return obeys the recursion G_t = r_{t+1} + γ G_{t+1}, which is computed backwards over an episode and underlies every Bellman equation. ' +
      'Values near 1 (0.99 is common) make credit assignment harder and estimates noisier, while small values make the agent short-sighted.',
    formulas: [String.raw`G_t = \sum_{k=0}^{T-t-1} \gamma^k\, r_{t+k+1} = r_{t+1} + \gamma\, G_{t+1},\qquad G_T = 0,\quad 0 \le \gamma \le 1`],
    aliases: ['discount factor', 'discounted return', 'discount rate', 'reward-to-go', 'return-to-go', 'discounted reward'],
    code: ['tf_agents.utils.value_ops.discounted_return'],
    related: ['reward', 'value-function', 'advantage', 'policy-gradient'],
  },
  {
    id: 'advantage',
    title: 'Advantage function and GAE',
    section: RL,
    summary: 'How much better an action is than the policy’s average in that state, A(s, a) = Q(s, a) − V(s), usually estimated from TD errors with GAE(λ).',
    definition:
      'The advantage centres action values around the state value, so weighting policy-gradient terms by it reduces variance without introducing bias. ' +
      'The one-step TD error is a cheap but biased estimate, and the Monte Carlo return minus V is unbiased but noisy. ' +
      'Generalized advantage estimation interpolates between them with an exponentially weighted sum of TD errors, λ = 0 giving the TD error and λ = 1 the Monte Carlo advantage.',
    formulas: [
      String.raw`A^\pi(s, a) = Q^\pi(s, a) - V^\pi(s),\qquad \delta_t = r_{t+1} + \gamma V(s_{t+1}) - V(s_t)`,
      String.raw`\hat{A}_t^{\mathrm{GAE}(\gamma, \lambda)} = \sum_{l=0}^{T-t-1} (\gamma \lambda)^l\, \delta_{t+l} = \delta_t + \gamma \lambda\, \hat{A}_{t+1}`,
    ],
    aliases: [
      'advantage function',
      'advantage estimate',
      'advantage estimation',
      'generalized advantage estimation',
      'generalized advantage estimate',
      'generalised advantage estimation',
      'TD error',
      'temporal-difference error',
    ],
    code: [
      'tf_agents.utils.value_ops.generalized_advantage_estimation',
      'torchrl.objectives.value.functional.generalized_advantage_estimate',
      'torchrl.objectives.value.GAE',
    ],
    related: ['value-function', 'actor-critic', 'policy-gradient', 'discount-factor'],
  },
];
