import type { Term } from './types';

const TRAIN = 'Beyond the notes: Training practice';

/**
 * Training practice beyond the notes: data passes and batches, mixed precision, weight
 * averaging, initialization, regularization and model selection. The formulas are checked in
 * test/unit/terms-training-optim.test.ts against torch 1.13 (test/fixtures/gen_term_training_optim.py).
 */
export const TRAINING_TERMS: Term[] = [
  {
    id: 'epoch',
    title: 'Epoch',
    section: TRAIN,
    summary: 'One full pass of the training loop over every example of the training set.',
    definition:
      'Training is usually organized in epochs: the data are shuffled, cut into mini-batches, and each batch drives one optimizer step. ' +
      'With N examples and batch size B an epoch has ⌈N/B⌉ steps, or ⌊N/B⌋ when the last incomplete batch is dropped (drop_last=True in PyTorch’s DataLoader). ' +
      'Schedules, validation runs and checkpoints are often counted in epochs, while the optimizer itself only ever sees steps.',
    formulas: [
      String.raw`S_{\text{epoch}} = \left\lceil \frac{N}{B} \right\rceil\ \ \Big(\text{or } \left\lfloor \frac{N}{B} \right\rfloor \text{ without the last partial batch}\Big),\qquad S_{\text{total}} = E \cdot S_{\text{epoch}}`,
    ],
    aliases: ['epoch', 'training epoch', 'number of epochs'],
    notWithin: ['Unix epoch', 'epoch time', 'since the epoch', 'epoch seconds', 'epoch milliseconds', 'epoch timestamp'],
    code: [],
    related: ['batch-size', 'sgd', 'early-stopping', 'lr-schedule'],
  },
  {
    id: 'batch-size',
    title: 'Batch size (mini-batch)',
    section: TRAIN,
    summary: 'The number of examples whose gradients are averaged for one optimizer step.',
    definition:
      'A mini-batch gradient is an unbiased estimate of the full gradient whose variance falls as 1/B, so larger batches give smoother steps but cost more per step and allow fewer steps per epoch. ' +
      'Up to a problem-dependent critical batch size, scaling the learning rate with B (the linear scaling rule, usually combined with warm-up) keeps progress per epoch roughly unchanged; beyond it the returns diminish. ' +
      'Device memory bounds the batch that fits at once, and gradient accumulation emulates larger ones.',
    formulas: [
      String.raw`\hat{g}_B = \frac{1}{B}\sum_{i \in \mathcal{B}} \nabla_\theta \ell_i(\theta),\qquad \operatorname{Var}[\hat{g}_B] = \frac{\sigma^2}{B}\ \ (\text{examples drawn independently})`,
    ],
    aliases: ['batch size', 'mini-batch', 'minibatch', 'mini-batches', 'mini-batch size', 'minibatch size'],
    code: [],
    related: ['sgd', 'epoch', 'gradient-accumulation', 'learning-rate', 'warmup'],
  },
  {
    id: 'gradient-accumulation',
    title: 'Gradient accumulation',
    section: TRAIN,
    summary: 'Adding up the gradients of several micro-batches before a single optimizer step, to emulate a batch too large for memory.',
    definition:
      'With K micro-batches of size b, dividing each micro-batch loss by K and letting backward() add the gradients gives exactly the gradient of one mean-reduced batch of size Kb, and the optimizer steps once per K micro-batches. ' +
      'The equality breaks for layers that use batch statistics, such as batch normalization, which still see only b examples at a time. ' +
      'PyTorch Lightning exposes it as Trainer(accumulate_grad_batches=K), Keras 3 optimizers as gradient_accumulation_steps, and optax as optax.MultiSteps.',
    formulas: [
      String.raw`g = \frac{1}{K}\sum_{k=1}^{K} \nabla_\theta \frac{1}{b}\sum_{i \in \mathcal{B}_k} \ell_i(\theta) = \nabla_\theta\, \frac{1}{Kb}\sum_{i \in \mathcal{B}_1 \cup \dots \cup \mathcal{B}_K} \ell_i(\theta)`,
    ],
    aliases: ['gradient accumulation', 'accumulated gradients', 'gradient accumulation steps', 'accumulate gradients'],
    code: ['optax.MultiSteps'],
    related: ['batch-size', 'sgd', 'mixed-precision'],
  },
  {
    id: 'mixed-precision',
    title: 'Mixed-precision training',
    section: TRAIN,
    summary: 'Training with most arithmetic in 16-bit floats (float16 or bfloat16) while a float32 copy of the weights receives the updates.',
    definition:
      'Matrix products and convolutions run in half precision, which roughly halves memory traffic and uses tensor cores, while reductions, softmax and losses that need range stay in float32. ' +
      'The master weights stay in float32 because updates much smaller than a weight would vanish below float16’s relative precision of 2⁻¹⁰. ' +
      'float16 has only 5 exponent bits and needs loss scaling to keep small gradients from underflowing, whereas bfloat16 has float32’s 8 exponent bits and usually needs none. ' +
      'PyTorch provides torch.autocast, Keras keras.mixed_precision.set_global_policy("mixed_float16"), and JAX the jmp library.',
    formulas: [
      String.raw`\epsilon_{\text{fp16}} = 2^{-10},\quad \max_{\text{fp16}} = (2 - 2^{-10})\cdot 2^{15} = 65504,\quad \epsilon_{\text{bf16}} = 2^{-7},\quad \max_{\text{bf16}} = (2 - 2^{-7})\cdot 2^{127}`,
      String.raw`W_{32} \leftarrow W_{32} - \eta\; \mathrm{float32}\Big(\nabla_W L\big(\mathrm{half}(W_{32})\big)\Big)`,
    ],
    aliases: [
      'mixed precision',
      'mixed-precision training',
      'automatic mixed precision',
      'AMP',
      'half-precision training',
      'float16 training',
      'bfloat16 training',
    ],
    code: [
      'torch.autocast',
      'torch.cuda.amp.autocast',
      'torch.cpu.amp.autocast',
      'keras.mixed_precision.set_global_policy',
      'tf.keras.mixed_precision.set_global_policy',
      'jmp.get_policy',
    ],
    related: ['loss-scaling', 'gradient-accumulation'],
  },
  {
    id: 'loss-scaling',
    title: 'Loss scaling',
    section: TRAIN,
    summary:
      'Multiplying the loss by a large factor before backpropagation so that small float16 gradients do not flush to zero, and dividing the gradients by it before the update.',
    definition:
      'In float16, gradients smaller than about 3e-8 round to zero and those below 6e-5 lose precision as subnormals; scaling the loss by S scales every gradient by S and lifts them into range, and unscaling in float32 restores their values. ' +
      'Dynamic loss scaling chooses S automatically: when the scaled gradients contain inf or NaN the step is skipped and S is multiplied by a backoff factor, and after a run of finite steps S is multiplied by a growth factor. ' +
      'torch.cuda.amp.GradScaler starts at 2¹⁶ with growth factor 2, backoff factor 0.5 and a growth interval of 2000 steps; keras.mixed_precision.LossScaleOptimizer and jmp.DynamicLossScale follow the same scheme.',
    formulas: [
      String.raw`\tilde g = \nabla_\theta (S\,L) = S\,\nabla_\theta L,\qquad g = \tilde g / S\ \ (\text{in float32})`,
      String.raw`S \leftarrow \begin{cases} b\,S \text{ and skip the step} & \text{if } \tilde g \text{ has an inf or NaN} \\ \gamma\,S & \text{after } N \text{ finite steps in a row} \\ S & \text{otherwise} \end{cases}`,
    ],
    aliases: ['loss scaling', 'dynamic loss scaling', 'static loss scaling', 'loss scaler', 'loss scale'],
    code: [
      'torch.cuda.amp.GradScaler',
      'torch.amp.GradScaler',
      'keras.mixed_precision.LossScaleOptimizer',
      'tf.keras.mixed_precision.LossScaleOptimizer',
      'jmp.DynamicLossScale',
      'jmp.StaticLossScale',
    ],
    related: ['mixed-precision', 'exploding-vanishing-gradients'],
  },
  {
    id: 'weight-ema',
    title: 'Exponential moving average of the weights (EMA)',
    section: TRAIN,
    summary: 'Keeping an exponential moving average of the weights during training and evaluating or shipping the averaged copy.',
    definition:
      'After every optimizer step the shadow weights move a fraction 1 − β towards the current weights, which averages out the noise of roughly the last 1/(1 − β) steps. ' +
      'The averaged model usually generalizes better and is standard in diffusion models, GANs and semi-supervised learning, with β between 0.99 and 0.9999. ' +
      'PyTorch builds it with torch.optim.swa_utils.AveragedModel and an EMA avg_fn, Keras with use_ema=True and ema_momentum (default 0.99) on any optimizer, and optax with optax.ema; the first two start from the current weights, while optax.ema starts from zero and divides by 1 − βᵗ.',
    formulas: [
      String.raw`\bar\theta_t = \beta\,\bar\theta_{t-1} + (1-\beta)\,\theta_t,\qquad \bar\theta_1 = \theta_1\ \ (\text{AveragedModel, Keras use\_ema})`,
      String.raw`\bar\theta_0 = 0:\quad \bar\theta_t = (1-\beta)\sum_{i=1}^{t} \beta^{\,t-i}\theta_i,\qquad \hat\theta_t = \frac{\bar\theta_t}{1-\beta^t}\ \ (\text{optax.ema})`,
    ],
    aliases: ['exponential moving average', 'exponential moving average of the weights', 'EMA weights', 'weight EMA', 'model EMA', 'EMA model'],
    // Adam's and RMSprop's moment estimates are exponential moving averages of the gradients.
    notNear: ['Adam', 'AdamW', 'RMSprop', 'Adagrad', 'moment', 'moments', 'gradient', 'gradients'],
    code: ['optax.ema', 'torch.optim.swa_utils.get_ema_multi_avg_fn', 'torch.optim.swa_utils.get_ema_avg_fn', 'timm.utils.ModelEmaV2'],
    related: ['polyak-averaging', 'bias-correction', 'moment-estimates'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.05, ema: 0.9 } },
  },
  {
    id: 'weight-initialization',
    title: 'Weight initialization',
    section: TRAIN,
    summary: 'Choosing the random starting weights so that activations and gradients keep a stable scale through the layers.',
    definition:
      'If weights start too large, activations and gradients grow geometrically with depth, and if too small they vanish, so the initial scale has to fit the layer widths and the nonlinearity. ' +
      'For y = Wx with independent zero-mean weights, each output’s second moment is fan_in · Var[w] · E[x²], which leads to Var[w] ∝ 1/fan_in (LeCun, He) or to 2/(fan_in + fan_out) (Glorot). ' +
      'Biases usually start at zero, and fixing the random seed makes the draw reproducible.',
    formulas: [
      String.raw`\mathbb{E}[y_i^2] = n_{\text{in}}\, \operatorname{Var}[w]\; \mathbb{E}[x^2],\qquad y = W x,\ \ w_{ij} \text{ independent with mean } 0`,
      String.raw`\operatorname{Var}[w] = \frac{g^2}{n_{\text{in}}}\ \ (\text{LeCun } g = 1,\ \text{He } g = \sqrt{2}),\qquad \operatorname{Var}[w] = \frac{2 g^2}{n_{\text{in}} + n_{\text{out}}}\ \ (\text{Glorot})`,
    ],
    aliases: ['weight initialization', 'weight initialisation', 'parameter initialization', 'initialization scheme', 'LeCun initialization', 'LeCun normal'],
    code: [
      'torch.nn.init.calculate_gain',
      'keras.initializers.VarianceScaling',
      'tf.keras.initializers.VarianceScaling',
      'jax.nn.initializers.variance_scaling',
      'keras.initializers.LecunNormal',
      'jax.nn.initializers.lecun_normal',
    ],
    related: ['xavier-init', 'kaiming-init', 'orthogonal-init', 'exploding-vanishing-gradients', 'variance'],
  },
  {
    id: 'xavier-init',
    title: 'Xavier (Glorot) initialization',
    section: TRAIN,
    summary: 'Weights with variance 2g²/(fan_in + fan_out), a compromise between preserving the forward signal and the backward gradient.',
    definition:
      'Glorot and Bengio wanted the variance preserved both forwards, which needs Var[w] = 1/fan_in, and backwards, which needs 1/fan_out, and settled on the harmonic mean 2/(fan_in + fan_out). ' +
      'The uniform version draws from U(−a, a) with a = g·√(6/(fan_in + fan_out)) and the normal one has standard deviation g·√(2/(fan_in + fan_out)), where g is the gain of the nonlinearity (1 for linear and sigmoid, 5/3 for tanh in PyTorch). ' +
      'It suits tanh and sigmoid networks and is the default kernel initializer (glorot_uniform) of Keras’ Dense and convolution layers; Keras’ GlorotNormal draws from a truncated normal with the same standard deviation.',
    formulas: [
      String.raw`W_{ij} \sim \mathcal{U}(-a, a),\qquad a = g\sqrt{\frac{6}{n_{\text{in}} + n_{\text{out}}}}`,
      String.raw`W_{ij} \sim \mathcal{N}(0, \sigma^2),\qquad \sigma = g\sqrt{\frac{2}{n_{\text{in}} + n_{\text{out}}}}`,
    ],
    aliases: [
      'Xavier initialization',
      'Xavier initialisation',
      'Glorot initialization',
      'Glorot initialisation',
      'Xavier init',
      'Glorot uniform',
      'Glorot normal',
      'Xavier uniform',
      'Xavier normal',
    ],
    code: [
      'torch.nn.init.xavier_uniform_',
      'torch.nn.init.xavier_normal_',
      'keras.initializers.GlorotUniform',
      'keras.initializers.GlorotNormal',
      'tf.keras.initializers.GlorotUniform',
      'tf.keras.initializers.GlorotNormal',
      'jax.nn.initializers.glorot_uniform',
      'jax.nn.initializers.glorot_normal',
      'jax.nn.initializers.xavier_uniform',
      'flax.linen.initializers.xavier_uniform',
      'flax.linen.initializers.glorot_uniform',
    ],
    related: ['weight-initialization', 'kaiming-init', 'tanh', 'sigmoid'],
  },
  {
    id: 'kaiming-init',
    title: 'Kaiming (He) initialization',
    section: TRAIN,
    summary: 'Weights with variance g²/fan_in, which is 2/fan_in for ReLU, so that the activation scale stays constant through ReLU layers.',
    definition:
      'A ReLU zeroes half of its input and halves the second moment, so He et al. doubled LeCun’s variance to 2/fan_in; PyTorch uses the gain g = √(2/(1 + a²)) for a leaky ReLU of negative slope a, and a = 0 gives √2. ' +
      'kaiming_uniform_ draws from U(−b, b) with b = g·√(3/fan_in), kaiming_normal_ uses standard deviation g/√fan_in, and mode="fan_out" preserves the backward pass instead. ' +
      'PyTorch’s nn.Linear and convolution layers call kaiming_uniform_ with a = √5 by default, which gives g = √(1/3) and the bound b = 1/√fan_in, the same range their bias is drawn from.',
    formulas: [
      String.raw`W_{ij} \sim \mathcal{U}(-b, b),\qquad b = g\sqrt{\frac{3}{n_{\text{in}}}},\qquad g = \sqrt{\frac{2}{1 + a^2}}`,
      String.raw`W_{ij} \sim \mathcal{N}\Big(0, \frac{g^2}{n_{\text{in}}}\Big),\qquad a = \sqrt{5}\ \Rightarrow\ b = \frac{1}{\sqrt{n_{\text{in}}}}\ \ (\text{PyTorch's default for Linear and Conv})`,
    ],
    aliases: [
      'Kaiming initialization',
      'Kaiming initialisation',
      'He initialization',
      'He initialisation',
      'Kaiming init',
      'He init',
      'Kaiming normal',
      'Kaiming uniform',
      'He normal',
      'He uniform',
    ],
    code: [
      'torch.nn.init.kaiming_uniform_',
      'torch.nn.init.kaiming_normal_',
      'keras.initializers.HeNormal',
      'keras.initializers.HeUniform',
      'tf.keras.initializers.HeNormal',
      'tf.keras.initializers.HeUniform',
      'jax.nn.initializers.he_normal',
      'jax.nn.initializers.he_uniform',
      'jax.nn.initializers.kaiming_normal',
      'flax.linen.initializers.kaiming_normal',
      'flax.linen.initializers.he_normal',
    ],
    related: ['weight-initialization', 'xavier-init', 'relu', 'leaky-relu'],
  },
  {
    id: 'orthogonal-init',
    title: 'Orthogonal initialization',
    section: TRAIN,
    summary: 'Initializing a weight matrix with orthonormal rows or columns, so that it preserves the norm of the vectors it multiplies.',
    definition:
      'An orthogonal matrix has all singular values equal to one, so products of many such layers neither blow up nor shrink signals, which helps deep linear networks and recurrent weight matrices. ' +
      'torch.nn.init.orthogonal_ takes the QR decomposition of a Gaussian matrix, fixes the signs with the diagonal of R, and multiplies by a gain. ' +
      'A tall matrix gets orthonormal columns and a wide one orthonormal rows, and tensors with more than two dimensions are flattened to (rows, everything else) first.',
    formulas: [
      String.raw`W = g\,Q,\qquad Q^\top Q = I\ \ (\text{rows} \ge \text{cols}),\qquad Q Q^\top = I\ \ (\text{rows} < \text{cols})`,
      String.raw`\|W x\|_2 = g\,\|x\|_2\ \ \text{for every } x\ \ (\text{tall or square } W)`,
    ],
    aliases: ['orthogonal initialization', 'orthogonal initialisation', 'orthogonal init', 'orthogonal weight initialization'],
    code: [
      'torch.nn.init.orthogonal_',
      'keras.initializers.Orthogonal',
      'tf.keras.initializers.Orthogonal',
      'jax.nn.initializers.orthogonal',
      'flax.linen.initializers.orthogonal',
    ],
    related: ['weight-initialization', 'svd', 'rnn'],
  },
  {
    id: 'regularization',
    title: 'Regularization',
    section: TRAIN,
    summary: 'Any change to the training objective or procedure that aims to lower the test error rather than the training error.',
    definition:
      'The commonest form adds a penalty λΩ(θ) to the loss that prefers simple parameters, such as an L1 or L2 norm, with the strength λ chosen on validation data. ' +
      'Other regularizers act on the procedure instead: dropout, data augmentation, early stopping, weight averaging and noise on inputs or labels. ' +
      'All of them trade a little bias for lower variance, which pays off when the model could otherwise fit the noise in its training set.',
    formulas: [
      String.raw`\tilde J(\theta) = J(\theta) + \lambda\, \Omega(\theta),\qquad \nabla \tilde J(\theta) = \nabla J(\theta) + \lambda\, \nabla \Omega(\theta),\qquad \lambda \ge 0`,
    ],
    aliases: ['regularization', 'regularisation', 'regularizer', 'regulariser', 'regularization term', 'penalty term'],
    code: ['keras.regularizers.L1L2', 'tf.keras.regularizers.L1L2'],
    related: ['l1-regularization', 'l2-regularization', 'weight-decay', 'overfitting', 'dropout', 'data-augmentation', 'early-stopping'],
  },
  {
    id: 'l1-regularization',
    title: 'L1 regularization',
    section: TRAIN,
    summary: 'Adding λ times the sum of absolute parameter values to the loss, which drives many parameters exactly to zero.',
    definition:
      'The L1 penalty pulls every nonzero weight towards zero with the same force λ whatever its size, so weights whose gradient cannot overcome that force settle at exactly zero and the solution is sparse, as in the lasso. ' +
      'Its subgradient λ·sign(θ) makes plain SGD push weights back and forth across zero, whereas proximal methods soft-threshold and set every weight within ηλ of zero to exactly zero. ' +
      'Keras’ L1 regularizer adds l1·Σ|w| to the loss.',
    formulas: [
      String.raw`\tilde J(\theta) = J(\theta) + \lambda\,\|\theta\|_1,\qquad \frac{\partial}{\partial \theta_i}\, \lambda\|\theta\|_1 = \lambda\,\operatorname{sign}(\theta_i)\ \ (\theta_i \ne 0)`,
      String.raw`\operatorname{prox}_{\eta\lambda\|\cdot\|_1}(z)_i = \operatorname{sign}(z_i)\, \max\big(|z_i| - \eta\lambda,\ 0\big)`,
    ],
    aliases: ['L1 regularization', 'L1 regularisation', 'L1 penalty', 'lasso penalty', 'soft thresholding'],
    code: ['keras.regularizers.L1', 'tf.keras.regularizers.L1'],
    related: ['regularization', 'l2-regularization', 'lp-norm'],
  },
  {
    id: 'l2-regularization',
    title: 'L2 regularization in the loss',
    section: TRAIN,
    summary: 'Adding (λ/2)‖θ‖² to the loss, which equals weight decay for plain SGD but not for Adam.',
    definition:
      'The penalty adds λθ to every gradient, so an SGD step becomes θ ← (1 − ηλ)θ − η∇J, the same as multiplicative weight decay at rate ηλ. ' +
      'Adaptive optimizers divide the whole gradient, penalty included, by √v̂, so with torch.optim.Adam(weight_decay=λ) weights with a large gradient history are barely decayed; AdamW applies the decay outside the adaptive scaling and restores the intended effect. ' +
      'Keras’ L2 regularizer adds l2·Σw² without the ½, so its gradient is 2·l2·θ.',
    formulas: [
      String.raw`\tilde J(\theta) = J(\theta) + \frac{\lambda}{2}\|\theta\|_2^2\ \Rightarrow\ \theta_{t+1} = \theta_t - \eta\,\big(\nabla J(\theta_t) + \lambda\theta_t\big) = (1-\eta\lambda)\,\theta_t - \eta\,\nabla J(\theta_t)`,
      String.raw`\text{Adam + L2: } \theta_t = \theta_{t-1} - \gamma\,\frac{\hat m_t}{\sqrt{\hat v_t}+\epsilon},\ \ g_t = \nabla J(\theta_{t-1}) + \lambda\theta_{t-1}`,
      String.raw`\text{AdamW: } \theta_t = (1-\gamma\lambda)\,\theta_{t-1} - \gamma\,\frac{\hat m_t}{\sqrt{\hat v_t}+\epsilon},\ \ g_t = \nabla J(\theta_{t-1})`,
    ],
    aliases: [
      'L2 regularization',
      'L2 regularisation',
      'L2-regularized',
      'L2-regularized loss',
      'L2 regularizer',
      'L2 penalty',
      'squared L2 penalty',
      'ridge penalty',
      'ridge regularization',
      'Tikhonov regularization',
      'L2 loss penalty',
    ],
    code: ['tf.keras.regularizers.L2', 'keras.regularizers.L2', 'tf.keras.regularizers.l2', 'keras.regularizers.l2'],
    related: ['weight-decay', 'adamw', 'adam', 'regularization', 'l1-regularization'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.05, weight_decay: 0.1 } },
  },
  {
    id: 'overfitting',
    title: 'Overfitting',
    section: TRAIN,
    summary: 'Fitting the training data, noise included, so closely that the error on new data goes up.',
    definition:
      'An overfitted model has a small training loss but a much larger validation loss, and the difference is the generalization gap. ' +
      'It appears when the model has enough capacity to memorize a training set of its size, and learning curves show it as a validation loss that turns upwards while the training loss keeps falling. ' +
      'Remedies are more data, augmentation, regularization, smaller models and early stopping; the opposite failure, underfitting, leaves both losses high.',
    formulas: [
      String.raw`\text{gap}(f) = R(f) - \hat R_n(f),\qquad R(f) = \mathbb{E}_{(x,y)}\big[\ell(f(x), y)\big],\quad \hat R_n(f) = \frac{1}{n}\sum_{i=1}^{n} \ell(f(x_i), y_i)`,
    ],
    aliases: ['overfitting', 'over-fitting', 'overfit', 'overfitted', 'generalization gap'],
    code: [],
    related: ['regularization', 'early-stopping', 'train-val-test-split', 'dropout'],
  },
  {
    id: 'early-stopping',
    title: 'Early stopping',
    section: TRAIN,
    summary: 'Ending training once the validation metric has not improved for a set number of epochs, and keeping the best weights seen.',
    definition:
      'Early stopping treats the number of training steps as a hyperparameter chosen on validation data: it checks a validation metric after every epoch and stops after patience epochs without an improvement larger than min_delta. ' +
      'keras.callbacks.EarlyStopping and Lightning’s EarlyStopping callback implement this rule, and Keras’ restore_best_weights=True rolls the model back to the best epoch. ' +
      'For gradient descent on a quadratic loss it acts much like an L2 penalty whose strength shrinks as training goes on.',
    formulas: [
      String.raw`t_{\text{best}} \leftarrow t\ \ \text{if } L_{\text{val}}(t) < L_{\text{val}}(t_{\text{best}}) - \delta,\qquad \text{stop at the first } t \text{ with } t - t_{\text{best}} \ge p`,
    ],
    aliases: ['early stopping', 'early-stopping callback'],
    code: [
      'keras.callbacks.EarlyStopping',
      'tf.keras.callbacks.EarlyStopping',
      'lightning.pytorch.callbacks.EarlyStopping',
      'pytorch_lightning.callbacks.EarlyStopping',
    ],
    related: ['overfitting', 'regularization', 'train-val-test-split', 'epoch'],
  },
  {
    id: 'hyperparameter',
    title: 'Hyperparameter',
    section: TRAIN,
    summary: 'A setting chosen before training rather than learned by the optimizer, such as the learning rate, batch size or regularization strength.',
    definition:
      'Parameters are fitted to the training data by the optimizer, while hyperparameters control that fitting and are chosen by comparing validation performance across runs. ' +
      'Search strategies range from grid and random search to Bayesian optimization and schedulers such as Hyperband that stop poor runs early. ' +
      'Choosing them on the test set would make the reported test error optimistically biased.',
    formulas: [
      String.raw`\lambda^\star = \arg\min_{\lambda}\, L_{\text{val}}\big(\theta^\star(\lambda)\big),\qquad \theta^\star(\lambda) = \arg\min_{\theta}\, L_{\text{train}}(\theta; \lambda)`,
    ],
    aliases: ['hyperparameter', 'hyper-parameter', 'hyperparameter tuning', 'hyperparameter search', 'hyperparameter optimization'],
    code: [],
    related: ['learning-rate', 'batch-size', 'train-val-test-split', 'regularization'],
    lab: { kind: 'optimizer', params: { optimizer: 'sgd', lr: 0.05 } },
  },
  {
    id: 'train-val-test-split',
    title: 'Train/validation/test split',
    section: TRAIN,
    summary:
      'Dividing the data into a training set that fits the parameters, a validation set that chooses hyperparameters, and a test set used once for the final estimate.',
    definition:
      'Each part must serve one purpose only, because any decision made by looking at a set makes the error measured on it optimistic. ' +
      'sklearn.model_selection.train_test_split with a float test_size p puts ⌈pN⌉ samples in the test set, and calling it twice gives three parts; torch.utils.data.random_split takes lengths or, since PyTorch 1.13, fractions, flooring each size and handing the leftover samples out one at a time from the first subset. ' +
      'Splits should be stratified for imbalanced classes, and grouped or cut by time when samples are correlated.',
    formulas: [
      String.raw`n_{\text{test}} = \lceil pN \rceil,\qquad n_{\text{train}} = N - n_{\text{test}}\ \ (\text{scikit-learn})`,
      String.raw`n_i = \lfloor f_i N \rfloor + [\, i < r \,],\qquad r = N - \sum_j \lfloor f_j N \rfloor,\quad i = 0, 1, \dots\ \ (\text{PyTorch})`,
    ],
    aliases: [
      'train-test split',
      'train-validation-test split',
      'train/validation/test split',
      'validation set',
      'test set',
      'held-out set',
      'hold-out set',
      'holdout set',
      'validation split',
    ],
    code: ['sklearn.model_selection.train_test_split', 'torch.utils.data.random_split', 'keras.utils.split_dataset'],
    related: ['hyperparameter', 'overfitting', 'early-stopping'],
  },
];
