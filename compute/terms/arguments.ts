/**
 * What the hyperparameter arguments practitioners write mean, per API: `lr` of `torch.optim.Adam`,
 * `momentum` of `nn.BatchNorm2d` (PyTorch's convention) versus `keras.layers.BatchNormalization`
 * (the opposite one), `eps` inside or outside the square root. Pure data, read by the argument
 * hover (compute/hover/args.ts). Defaults are NOT written here: they come from the framework tables
 * (compute/program/*-table.ts for layers, compute/optim/* for optimizers and schedules), so each
 * fact lives in one place; `defaults` below only covers APIs no table describes (losses,
 * training-loop helpers).
 *
 * Callees are matched on their qualified name (`torch.optim.Adam`, `torch.nn.Conv2d`,
 * `keras.layers.Conv2D`, `flax.linen.Conv`, `flax.nnx.Conv`, `optax.adamw`,
 * `torch.optim.lr_scheduler.StepLR`, `keras.optimizers.schedules.ExponentialDecay`). The first
 * entry whose names and callee pattern fit wins, so specific entries come before general ones.
 */

export interface ArgumentDoc {
  /** The argument's spellings this explains (one idea: `betas`, `beta_1`, `b1`). */
  names: readonly string[];
  /** Callees (qualified names) it explains. Absent: any call, and the name used on its own in code. */
  callees?: RegExp;
  /** What the argument means for those callees: one or two sentences. */
  meaning: string;
  /** Where it enters the maths (TeX, ASCII only), rendered at build time. */
  tex?: string;
  /** The catalog entry about the idea. */
  term?: string;
  /** Defaults for callees no framework table describes, by qualified name. */
  defaults?: Readonly<Record<string, unknown>>;
}

const TORCH_OPT = String.raw`^torch\.optim\.`;
const KERAS_OPT = String.raw`^keras\.optimizers\.(?!schedules\.)`;
const OPTAX = String.raw`^optax\.`;
const TORCH_SCHED = String.raw`^torch\.optim\.lr_scheduler\.`;
const KERAS_SCHED = String.raw`^keras\.optimizers\.schedules\.`;
const TORCH_CONV = String.raw`^torch\.nn\.(Conv|ConvTranspose|LazyConv|LazyConvTranspose)[123]d$`;
const TORCH_POOL = String.raw`^torch\.nn\.(Max|Avg|LP)Pool[123]d$`;
const KERAS_CONV = String.raw`^keras\.layers\.(Conv[123]D|Conv[123]DTranspose|DepthwiseConv[12]D|SeparableConv[12]D|Convolution[123]D)$`;
const KERAS_POOL = String.raw`^keras\.layers\.(Max|Average)Pooling[123]D$`;
const FLAX_CONV = String.raw`^flax\.(linen|nnx)\.(Conv|ConvTranspose|ConvLocal)$`;
const TORCH_NORM = String.raw`^torch\.nn\.(BatchNorm[123]d|SyncBatchNorm|InstanceNorm[123]d|LayerNorm|GroupNorm|LazyBatchNorm[123]d)$`;
const TORCH_RNN = String.raw`^torch\.nn\.(RNN|LSTM|GRU)$`;
const re = (...parts: string[]) => new RegExp(parts.join('|'));

const OUT_SIZE = String.raw`L_{out} = \left\lfloor \frac{L_{in} + 2p - d\,(k-1) - 1}{s} \right\rfloor + 1`;
const KERAS_OUT_SIZE = String.raw`\text{same: } L_{out} = \left\lceil \frac{L_{in}}{s} \right\rceil,\qquad \text{valid: } L_{out} = \left\lceil \frac{L_{in} - d\,(k-1)}{s} \right\rceil`;
const CONV_PARAMS = String.raw`\#\text{weights} = C_{out} \cdot \frac{C_{in}}{g} \cdot k_h k_w \;(+\, C_{out} \text{ biases})`;
const STEP = String.raw`\theta_{t+1} = \theta_t - \eta\, u_t`;
const ADAM_STEP = String.raw`\theta_t = \theta_{t-1} - \eta\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon},\quad \hat m_t = \frac{m_t}{1-\beta_1^t},\ \hat v_t = \frac{v_t}{1-\beta_2^t}`;
const MOMENTS = String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\qquad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2`;
const NORM = String.raw`y = \gamma\, \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta`;
const DROPOUT = String.raw`y = \frac{m \odot x}{1 - p},\quad m_i \sim \mathrm{Bernoulli}(1 - p)\ \text{(training)},\qquad y = x\ \text{(eval)}`;
const COSINE = String.raw`\eta_t = \eta_{min} + \tfrac{1}{2}(\eta_0 - \eta_{min})\left(1 + \cos\frac{\pi t}{T_{max}}\right)`;

export const ARGUMENT_DOCS: readonly ArgumentDoc[] = [
  // ── Learning rate ─────────────────────────────────────────────────────────────────────────────
  {
    names: ['lr', 'learning_rate'],
    callees: re(`${KERAS_OPT}SGD$`),
    meaning:
      'The learning rate η. Keras puts it inside the momentum buffer (v ← μv − η·g, θ ← θ + v), so with momentum a change of η mid-training acts gradually, unlike PyTorch. It may be a number or a schedule of the step.',
    tex: String.raw`v_t = \mu\, v_{t-1} - \eta\, g_t,\qquad \theta_t = \theta_{t-1} + v_t`,
    term: 'learning-rate',
  },
  {
    names: ['lr', 'learning_rate'],
    callees: re(
      `${TORCH_OPT}(Adam|AdamW|NAdam|RAdam|Adamax)$`,
      `${KERAS_OPT}(Adam|AdamW|Nadam|Adamax)$`,
      `${OPTAX}(adam|adamw|nadam|nadamw|adamax|radam|amsgrad)$`,
    ),
    meaning:
      'The learning rate η: the scale of each Adam-style step. Because the step divides by √v̂, its size per coordinate is about η at most, whatever the gradient scale. In Keras and optax it may also be a schedule of the step.',
    tex: ADAM_STEP,
    term: 'learning-rate',
  },
  {
    names: ['lr', 'learning_rate'],
    callees: re(TORCH_OPT, KERAS_OPT, OPTAX),
    meaning:
      'The learning rate η: the factor on each update direction u_t this optimizer computes. Too large diverges, too small crawls; a scheduler usually changes it during training.',
    tex: STEP,
    term: 'learning-rate',
  },
  {
    names: ['lr', 'learning_rate', 'peak_lr', 'base_lr', 'init_lr', 'peak_learning_rate'],
    meaning: 'A learning rate (step size) η, by its name: the factor on each optimizer step (peak_lr: the top of the schedule).',
    tex: STEP,
    term: 'learning-rate',
  },
  // ── Weight decay ──────────────────────────────────────────────────────────────────────────────
  {
    names: ['weight_decay'],
    callees: re(`${TORCH_OPT}AdamW$`, `${OPTAX}(adamw|nadamw|lamb|lion|adafactor)$`),
    meaning:
      'Decoupled weight decay λ: the parameters shrink by η·λ·θ each step, outside the adaptive scaling (AdamW). It is not the same as an L2 term in the loss for Adam-style optimizers.',
    tex: String.raw`\theta_t = \theta_{t-1} - \eta\left(\frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon} + \lambda\, \theta_{t-1}\right)`,
    term: 'adamw',
  },
  {
    names: ['weight_decay'],
    callees: re(TORCH_OPT),
    meaning:
      'L2 weight decay λ, PyTorch style: λθ is added to the gradient before the update, so for adaptive optimizers it is scaled by the moment estimates too (use AdamW, or decoupled_weight_decay=True where offered, for decoupled decay).',
    tex: String.raw`g_t \leftarrow \nabla_\theta L(\theta_{t-1}) + \lambda\, \theta_{t-1}`,
    term: 'weight-decay',
  },
  {
    names: ['weight_decay'],
    callees: re(KERAS_OPT),
    meaning:
      'Decoupled weight decay λ: Keras 3 shrinks every variable by η·λ·θ before the optimizer step, for every optimizer (not an L2 term added to the gradient).',
    tex: String.raw`\theta \leftarrow \theta - \eta\, \lambda\, \theta`,
    term: 'weight-decay',
  },
  {
    names: ['weight_decay'],
    meaning: 'The weight-decay coefficient λ, by its name: how strongly parameters are pulled towards zero each step.',
    tex: String.raw`\theta \leftarrow (1 - \eta\lambda)\, \theta - \eta\, g`,
    term: 'weight-decay',
  },
  // ── Momentum (optimizers and normalization layers use opposite conventions) ───────────────────
  {
    names: ['momentum'],
    callees: re(String.raw`^torch\.nn\.(BatchNorm[123]d|SyncBatchNorm|InstanceNorm[123]d|LazyBatchNorm[123]d)$`),
    meaning:
      'PyTorch’s running-statistics update weight m: the running mean and variance move by m towards each batch’s statistics (momentum=None keeps a cumulative average). Keras and Flax use the opposite convention, where 0.99 means “keep 99 %”.',
    tex: String.raw`\hat\mu \leftarrow (1 - m)\, \hat\mu + m\, \mu_{batch}`,
    term: 'batch-norm',
  },
  {
    names: ['momentum'],
    callees: re(String.raw`^keras\.layers\.BatchNormalization$`, String.raw`^flax\.(linen|nnx)\.BatchNorm$`),
    meaning:
      'The decay of the running statistics: each batch moves them by only (1 − momentum). This is the opposite of PyTorch’s BatchNorm momentum (Keras 0.99 ≈ PyTorch 0.01).',
    tex: String.raw`\hat\mu \leftarrow m\, \hat\mu + (1 - m)\, \mu_{batch}`,
    term: 'batch-norm',
  },
  {
    names: ['momentum'],
    callees: re(`${TORCH_OPT}RMSprop$`),
    meaning: 'Momentum μ on the scaled gradient: a buffer b accumulates g/(√v + ε) and the step is η·b.',
    tex: String.raw`b_t = \mu\, b_{t-1} + \frac{g_t}{\sqrt{v_t} + \epsilon},\qquad \theta_t = \theta_{t-1} - \eta\, b_t`,
    term: 'momentum',
  },
  {
    names: ['momentum'],
    callees: re(`${KERAS_OPT}SGD$`),
    meaning: 'Momentum μ, Keras form: the velocity keeps μ of itself and adds −η·g; the parameters move by the velocity.',
    tex: String.raw`v_t = \mu\, v_{t-1} - \eta\, g_t,\qquad \theta_t = \theta_{t-1} + v_t`,
    term: 'momentum',
  },
  {
    names: ['momentum'],
    callees: re(`${TORCH_OPT}SGD$`),
    meaning:
      'Momentum μ, PyTorch form: a buffer b keeps μ of itself plus (1 − dampening) of the new gradient, and the step is η·b. With a constant η and dampening 0 this is Polyak’s heavy ball.',
    tex: String.raw`b_t = \mu\, b_{t-1} + (1 - \tau)\, g_t\ (b_1 = g_1),\qquad \theta_t = \theta_{t-1} - \eta\, b_t`,
    term: 'momentum',
  },
  {
    names: ['momentum'],
    callees: re(`${OPTAX}sgd$`),
    meaning: 'Momentum μ (None turns it off): a trace t ← g + μ·t, and the step is η·t.',
    tex: String.raw`t_k = g_k + \mu\, t_{k-1},\qquad \theta_k = \theta_{k-1} - \eta\, t_k`,
    term: 'momentum',
  },
  {
    names: ['momentum'],
    meaning: 'A momentum coefficient μ, by its name: the fraction of the previous update direction kept at each step.',
    tex: String.raw`b_t = \mu\, b_{t-1} + g_t,\qquad \theta_t = \theta_{t-1} - \eta\, b_t`,
    term: 'momentum',
  },
  {
    names: ['dampening'],
    callees: re(`${TORCH_OPT}SGD$`),
    meaning: 'Dampening τ: only (1 − τ) of each new gradient enters the momentum buffer (the first step takes the gradient whole). Nesterov requires τ = 0.',
    tex: String.raw`b_t = \mu\, b_{t-1} + (1 - \tau)\, g_t`,
    term: 'momentum',
  },
  {
    names: ['nesterov'],
    callees: re(`${TORCH_OPT}SGD$`, `${OPTAX}sgd$`),
    meaning:
      'Nesterov momentum: the step uses the gradient plus μ times the updated buffer, a look-ahead along the momentum direction. It needs momentum > 0 (and dampening 0 in PyTorch).',
    tex: String.raw`b_t = \mu\, b_{t-1} + g_t,\qquad \theta_t = \theta_{t-1} - \eta\,(g_t + \mu\, b_t)`,
    term: 'nesterov',
  },
  {
    names: ['nesterov'],
    callees: re(`${KERAS_OPT}SGD$`),
    meaning: 'Nesterov momentum in Keras’ form: the parameters move by μ·v − η·g with the new velocity v.',
    tex: String.raw`v_t = \mu\, v_{t-1} - \eta\, g_t,\qquad \theta_t = \theta_{t-1} + \mu\, v_t - \eta\, g_t`,
    term: 'nesterov',
  },
  {
    names: ['nesterov'],
    meaning: 'Whether momentum is Nesterov’s (gradient at the look-ahead point), by its name.',
    tex: String.raw`\theta_t = \theta_{t-1} - \eta\,(g_t + \mu\, b_t)`,
    term: 'nesterov',
  },
  // ── Adam family ───────────────────────────────────────────────────────────────────────────────
  {
    names: ['betas', 'beta_1', 'beta_2', 'b1', 'b2'],
    callees: re(`${TORCH_OPT}Adamax$`, `${KERAS_OPT}Adamax$`, `${OPTAX}adamax$`),
    meaning: 'The decay rates (β₁, β₂): β₁ averages the gradient; β₂ decays the running maximum of |g| that replaces Adam’s second moment.',
    tex: String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\qquad u_t = \max(\beta_2\, u_{t-1}, |g_t|)`,
    term: 'adamax',
  },
  {
    names: ['betas', 'beta_1', 'beta_2', 'b1', 'b2'],
    meaning:
      'The exponential decay rates of the moment estimates: β₁ for the mean of the gradient, β₂ for the mean of its square (β close to 1 averages over about 1/(1 − β) steps).',
    tex: MOMENTS,
    term: 'moment-estimates',
  },
  {
    names: ['amsgrad'],
    callees: re(TORCH_OPT, KERAS_OPT),
    meaning: 'AMSGrad: divide by the largest second-moment estimate seen so far instead of the current one, so the effective step size never grows.',
    tex: String.raw`v^{max}_t = \max(v^{max}_{t-1}, v_t),\qquad \theta_t = \theta_{t-1} - \eta\, \frac{\hat m_t}{\sqrt{v^{max}_t/(1-\beta_2^t)} + \epsilon}`,
    term: 'amsgrad',
  },
  {
    names: ['momentum_decay'],
    callees: re(`${TORCH_OPT}NAdam$`),
    meaning: 'ψ of NAdam’s momentum schedule: the momentum coefficient μ_t rises from β₁/2 towards β₁ at this rate.',
    tex: String.raw`\mu_t = \beta_1\left(1 - \tfrac{1}{2}\, 0.96^{\,t\psi}\right)`,
    term: 'nadam',
  },
  // ── ε: where it sits differs by framework and changes the steps ───────────────────────────────
  {
    names: ['eps', 'epsilon'],
    callees: re(
      TORCH_NORM,
      String.raw`^keras\.layers\.(BatchNormalization|LayerNormalization|GroupNormalization)$`,
      String.raw`^flax\.(linen|nnx)\.(BatchNorm|LayerNorm|GroupNorm|RMSNorm)$`,
    ),
    meaning: 'ε added to the variance inside the square root, so a channel with (almost) constant values is not divided by zero.',
    tex: NORM,
    term: 'batch-norm',
  },
  {
    names: ['eps', 'epsilon'],
    callees: re(`${KERAS_OPT}(RMSprop|Adagrad)$`, `${OPTAX}(rmsprop|adagrad)$`),
    meaning:
      'ε inside the square root (Keras; optax’s eps_in_sqrt default): the denominator never falls below √ε, which caps the step at η·|g|/√ε where PyTorch’s ε outside would allow η·|g|/ε.',
    tex: String.raw`\theta_t = \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{v_t + \epsilon}}`,
    term: 'rmsprop',
  },
  {
    names: ['eps'],
    callees: re(`${TORCH_OPT}(RMSprop|Adagrad)$`),
    meaning: 'ε added outside the square root (PyTorch): it only matters where √v is tiny, and there it caps the step at η·|g|/ε.',
    tex: String.raw`\theta_t = \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{v_t} + \epsilon}`,
    term: 'rmsprop',
  },
  {
    names: ['eps'],
    callees: re(`${TORCH_OPT}Adadelta$`),
    meaning: 'ε inside both square roots of Adadelta’s ratio of RMS values; it also sets the size of the very first steps, when both averages are zero.',
    tex: String.raw`\Delta\theta_t = -\frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}}\, g_t`,
    term: 'adadelta',
  },
  {
    names: ['epsilon'],
    callees: re(KERAS_OPT),
    meaning:
      'Keras’ “epsilon hat”: added to √v without bias correction, with the bias corrections folded into the step size. It equals PyTorch’s ε scaled by 1/√(1 − β₂ᵗ), larger in the first steps.',
    tex: String.raw`\alpha_t = \eta\, \frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t},\qquad \theta_t = \theta_{t-1} - \alpha_t\, \frac{m_t}{\sqrt{v_t} + \hat\epsilon}`,
    term: 'adam',
  },
  {
    names: ['eps', 'epsilon'],
    callees: re(TORCH_OPT, OPTAX),
    meaning: 'ε added to √v̂ after the bias correction, outside the square root; it keeps the division finite where the second moment is near zero.',
    tex: ADAM_STEP,
    term: 'adam',
  },
  // ── RMSprop / Adadelta / Adagrad specifics ────────────────────────────────────────────────────
  {
    names: ['alpha'],
    callees: re(`${TORCH_OPT}RMSprop$`),
    meaning: 'PyTorch’s α is the smoothing constant of the squared-gradient average (Keras calls it rho, optax decay), not the learning rate.',
    tex: String.raw`v_t = \alpha\, v_{t-1} + (1 - \alpha)\, g_t^2`,
    term: 'rmsprop',
  },
  {
    names: ['rho', 'decay'],
    callees: re(`${KERAS_OPT}RMSprop$`, `${OPTAX}rmsprop$`),
    meaning: 'The decay of the running average of squared gradients (PyTorch’s alpha).',
    tex: String.raw`v_t = \rho\, v_{t-1} + (1 - \rho)\, g_t^2`,
    term: 'rmsprop',
  },
  {
    names: ['rho'],
    callees: re(`${TORCH_OPT}Adadelta$`, `${KERAS_OPT}Adadelta$`),
    meaning: 'The decay ρ of both running averages Adadelta keeps: of squared gradients and of squared updates.',
    tex: String.raw`v_t = \rho\, v_{t-1} + (1-\rho)\, g_t^2,\qquad u_t = \rho\, u_{t-1} + (1-\rho)\, \Delta\theta_t^2`,
    term: 'adadelta',
  },
  {
    names: ['centered'],
    callees: re(`${TORCH_OPT}RMSprop$`, `${KERAS_OPT}RMSprop$`),
    meaning:
      'Centered RMSprop: divide by an estimate of the gradient’s variance (mean of g² minus the square of the mean of g) instead of its raw second moment.',
    tex: String.raw`\tilde v_t = v_t - \bar g_t^{\,2},\qquad \bar g_t = \alpha\, \bar g_{t-1} + (1-\alpha)\, g_t`,
    term: 'rmsprop',
  },
  {
    names: ['lr_decay'],
    callees: re(`${TORCH_OPT}Adagrad$`),
    meaning: 'Adagrad’s built-in inverse-time decay of the learning rate.',
    tex: String.raw`\eta_t = \frac{\eta}{1 + (t - 1)\, \delta}`,
    term: 'adagrad',
  },
  {
    names: ['initial_accumulator_value'],
    callees: re(`${TORCH_OPT}Adagrad$`, `${KERAS_OPT}Adagrad$`, `${OPTAX}adagrad$`),
    meaning: 'The starting value of Adagrad’s sum of squared gradients; larger values damp the first steps.',
    tex: String.raw`s_0 = s_{init},\qquad s_t = s_{t-1} + g_t^2`,
    term: 'adagrad',
  },
  // ── Convolution and pooling ───────────────────────────────────────────────────────────────────
  {
    names: ['in_channels'],
    meaning: 'The number of channels C_in of the input (dimension 1 in PyTorch’s N×C×H×W). It must equal what arrives, or PyTorch raises at the first forward.',
    tex: CONV_PARAMS,
    term: 'channels',
  },
  {
    names: ['out_channels', 'filters'],
    meaning: 'The number of output channels C_out: how many kernels the layer learns, each spanning all (grouped) input channels.',
    tex: CONV_PARAMS,
    term: 'channels',
  },
  {
    names: ['in_features', 'out_features'],
    callees: re(String.raw`^flax\.nnx\.(Conv|ConvTranspose)$`),
    meaning: 'Flax NNX’s input and output channel counts of the convolution (NNX creates the kernel at construction, so both are given).',
    tex: CONV_PARAMS,
    term: 'channels',
  },
  {
    names: ['features'],
    callees: re(FLAX_CONV),
    meaning: 'Flax’s number of output channels (filters); the input channel count is read from the input at the first call.',
    tex: CONV_PARAMS,
    term: 'channels',
  },
  {
    names: ['kernel_size', 'pool_size', 'window_shape'],
    callees: re(TORCH_POOL, KERAS_POOL, String.raw`^flax\.(linen|nnx)\.(max_pool|avg_pool|pool)$`),
    meaning:
      'The pooling window k: each output summarizes a k×k patch (the maximum or the mean). The stride defaults to the window size, so windows do not overlap.',
    tex: OUT_SIZE,
    term: 'pooling',
  },
  {
    names: ['kernel_size'],
    meaning:
      'The size k of the convolution kernel (an int means k×k): each output reads a k-wide window of the input, and the output shrinks by d·(k − 1) before striding unless padded.',
    tex: OUT_SIZE,
    term: 'conv2d',
  },
  {
    names: ['stride', 'strides'],
    callees: re(TORCH_POOL, KERAS_POOL),
    meaning: 'The step between pooling windows; None (the default) means the window size.',
    tex: OUT_SIZE,
    term: 'stride',
  },
  {
    names: ['strides'],
    callees: re(KERAS_CONV),
    meaning: 'The step s between kernel positions; s > 1 downsamples. Keras does not allow strides > 1 together with dilation_rate > 1.',
    tex: KERAS_OUT_SIZE,
    term: 'stride',
  },
  {
    names: ['stride', 'strides'],
    meaning: 'The step s between kernel positions: s > 1 downsamples by about s along each axis.',
    tex: OUT_SIZE,
    term: 'stride',
  },
  {
    names: ['padding'],
    callees: re(KERAS_CONV, KERAS_POOL),
    meaning: '“valid” (no padding: the output shrinks) or “same” (zero padding so that the output is ⌈L/s⌉ long, extra padding at the end).',
    tex: KERAS_OUT_SIZE,
    term: 'padding',
  },
  {
    names: ['padding'],
    callees: re(FLAX_CONV),
    meaning: 'Flax’s padding: "SAME" (the default: output ⌈L/s⌉), "VALID", "CIRCULAR", an int, or explicit (low, high) pairs per spatial axis.',
    tex: KERAS_OUT_SIZE,
    term: 'padding',
  },
  {
    names: ['padding'],
    meaning: 'Zeros (or the padding_mode) added p samples on both sides of each spatial axis; "same" keeps the length at stride 1 and "valid" means none.',
    tex: OUT_SIZE,
    term: 'padding',
  },
  {
    names: ['padding_mode'],
    meaning: 'What the padding is filled with: zeros, a reflection of the border, a replicate of the edge value, or a circular wrap-around.',
    tex: String.raw`\text{reflect: } x_{-i} = x_i,\quad \text{replicate: } x_{-i} = x_0,\quad \text{circular: } x_{-i} = x_{L-i}`,
    term: 'padding-modes',
  },
  {
    names: ['dilation', 'dilation_rate', 'kernel_dilation'],
    meaning: 'The spacing d between kernel taps: a k-tap kernel spans d·(k − 1) + 1 samples, widening the receptive field without more weights.',
    tex: OUT_SIZE,
    term: 'dilated-convolution',
  },
  {
    names: ['groups', 'feature_group_count'],
    meaning:
      'Grouped convolution: the channels are split into g groups convolved separately; g = in_channels (with out_channels a multiple) is a depthwise convolution. Both channel counts must divide by g.',
    tex: CONV_PARAMS,
    term: 'depthwise-separable-convolution',
  },
  {
    names: ['bias', 'use_bias'],
    callees: re(
      TORCH_CONV,
      KERAS_CONV,
      FLAX_CONV,
      String.raw`^torch\.nn\.(Linear|Bilinear|LazyLinear)$`,
      String.raw`^keras\.layers\.Dense$`,
      String.raw`^flax\.(linen|nnx)\.(Dense|Linear|DenseGeneral|LinearGeneral)$`,
    ),
    meaning:
      'Whether the layer adds a learned bias per output (channel). A layer followed by batch normalization usually sets it off: the norm’s shift β replaces it.',
    tex: String.raw`y = W x + b`,
    term: 'parameter-count',
  },
  // ── Linear / embedding / dropout ──────────────────────────────────────────────────────────────
  {
    names: ['in_features', 'out_features', 'units'],
    callees: re(String.raw`^torch\.nn\.(Linear|Bilinear|LazyLinear)$`, String.raw`^keras\.layers\.Dense$`, String.raw`^flax\.nnx\.(Linear|LinearGeneral)$`),
    meaning:
      'The sizes of the input and output feature vectors of the affine map (Keras units = outputs; the inputs are read from the data). in_features must equal the last dimension that arrives.',
    tex: String.raw`y = x W^\top + b,\qquad W \in \mathbb{R}^{d_{out} \times d_{in}}`,
    term: 'fully-connected-layer',
  },
  {
    names: ['features'],
    callees: re(String.raw`^flax\.linen\.(Dense|DenseGeneral)$`),
    meaning: 'Flax’s number of output features; the kernel’s input size is read from the input at the first call.',
    tex: String.raw`y = x W + b,\qquad W \in \mathbb{R}^{d_{in} \times d_{out}}`,
    term: 'fully-connected-layer',
  },
  {
    names: ['num_embeddings', 'embedding_dim', 'input_dim', 'output_dim'],
    callees: re(String.raw`^torch\.nn\.Embedding(Bag)?$`, String.raw`^keras\.layers\.Embedding$`, String.raw`^flax\.(linen|nnx)\.Embed$`),
    meaning: 'The vocabulary size V (rows of the table) and the vector size d of each token’s embedding; the layer holds V·d parameters.',
    tex: String.raw`E \in \mathbb{R}^{V \times d},\qquad \mathrm{embed}(i) = E_{i,:}`,
    term: 'embedding',
  },
  {
    names: ['p', 'rate'],
    callees: re(
      String.raw`^torch\.nn\.(Dropout[123]?d?|AlphaDropout|FeatureAlphaDropout)$`,
      String.raw`^torch\.nn\.functional\.dropout[123]?d?$`,
      String.raw`^keras\.layers\.(Dropout|SpatialDropout[123]D)$`,
      String.raw`^flax\.(linen|nnx)\.Dropout$`,
    ),
    meaning:
      'The probability of zeroing each element during training; survivors are scaled by 1/(1 − p) so the expectation is unchanged, and evaluation passes the input through.',
    tex: DROPOUT,
    term: 'dropout',
  },
  {
    names: ['dropout'],
    callees: re(TORCH_RNN),
    meaning: 'Dropout probability on the outputs of every recurrent layer except the last (so it does nothing with num_layers=1, and PyTorch warns).',
    tex: DROPOUT,
    term: 'dropout',
  },
  {
    names: ['dropout'],
    callees: re(String.raw`^torch\.nn\.MultiheadAttention$`),
    meaning: 'Dropout probability on the attention weights (after the softmax), in training only.',
    tex: String.raw`\mathrm{softmax}\!\left(\frac{Q K^\top}{\sqrt{d_k}}\right) \to \mathrm{dropout}_p`,
    term: 'dropout',
  },
  {
    names: ['dropout', 'dropout_rate', 'attn_dropout', 'hidden_dropout_prob', 'attention_probs_dropout_prob'],
    meaning: 'A dropout probability, by its name: the fraction of activations zeroed at random during training.',
    tex: DROPOUT,
    term: 'dropout',
  },
  {
    names: ['negative_slope', 'alpha'],
    callees: re(String.raw`^torch\.nn\.LeakyReLU$`, String.raw`^torch\.nn\.functional\.leaky_relu$`, String.raw`^keras\.layers\.LeakyReLU$`),
    meaning: 'The slope of the activation for negative inputs (Keras 2 called it alpha).',
    tex: String.raw`f(x) = \max(0, x) + a\, \min(0, x)`,
    term: 'leaky-relu',
  },
  // ── Normalization ─────────────────────────────────────────────────────────────────────────────
  {
    names: ['num_features'],
    callees: re(TORCH_NORM, String.raw`^flax\.nnx\.BatchNorm$`),
    meaning: 'The number of channels C normalized separately; γ and β hold C values each.',
    tex: NORM,
    term: 'batch-norm',
  },
  {
    names: ['affine', 'elementwise_affine'],
    callees: re(TORCH_NORM),
    meaning: 'Whether the layer learns the scale γ and shift β after normalizing (off: plain standardization).',
    tex: NORM,
    term: 'batch-norm',
  },
  {
    names: ['track_running_stats'],
    callees: re(TORCH_NORM),
    meaning: 'Whether running estimates of the mean and variance are kept for evaluation; off, eval mode normalizes with each batch’s own statistics.',
    tex: String.raw`\hat\mu \leftarrow (1 - m)\, \hat\mu + m\, \mu_{batch}`,
    term: 'batch-norm',
  },
  // ── Recurrent layers ──────────────────────────────────────────────────────────────────────────
  {
    names: ['input_size', 'hidden_size'],
    callees: re(TORCH_RNN, String.raw`^torch\.nn\.(RNN|LSTM|GRU)Cell$`),
    meaning: 'The size of each input vector x_t and of the hidden state h_t. An LSTM layer holds 4·(H·I + H·H + 2H) parameters (a GRU 3·(…)).',
    tex: String.raw`\#\theta_{LSTM} = 4\,(H\, I + H^2 + 2H)`,
    term: 'lstm',
  },
  {
    names: ['num_layers'],
    callees: re(TORCH_RNN, String.raw`^torch\.nn\.Transformer(Encoder|Decoder)?$`),
    meaning: 'The number of stacked layers: each layer’s output sequence is the next layer’s input.',
    tex: String.raw`h^{(l)}_t = f\big(h^{(l-1)}_t,\ h^{(l)}_{t-1}\big)`,
    term: 'deep-rnn',
  },
  {
    names: ['batch_first'],
    meaning:
      'Whether tensors are (batch, seq, feature) instead of PyTorch’s default (seq, batch, feature) for recurrent and attention layers. The hidden state h_n stays (layers, batch, hidden) either way.',
    tex: String.raw`\text{False: } (L, N, H_{in}),\qquad \text{True: } (N, L, H_{in})`,
    term: 'rnn',
  },
  {
    names: ['hidden_size', 'num_layers'],
    meaning: 'A recurrent (or Transformer) network’s width or depth, by its name: the size of the hidden state h_t, or how many layers are stacked.',
    tex: String.raw`h^{(l)}_t = f\big(h^{(l-1)}_t,\ h^{(l)}_{t-1}\big),\quad h^{(l)}_t \in \mathbb{R}^{H}`,
    term: 'deep-rnn',
  },
  {
    names: ['bidirectional'],
    meaning: 'Run a second recurrent layer backwards over the sequence and concatenate both states: the output feature size doubles.',
    tex: String.raw`h_t = [\overrightarrow{h}_t;\ \overleftarrow{h}_t] \in \mathbb{R}^{2H}`,
    term: 'bidirectional-rnn',
  },
  // ── Attention and Transformers ────────────────────────────────────────────────────────────────
  {
    names: ['embed_dim', 'd_model'],
    meaning:
      'The model width d: the size of each token’s vector entering and leaving the attention (and Transformer) layer; it is split evenly across the heads.',
    tex: String.raw`d_{head} = \frac{d_{model}}{h}`,
    term: 'multi-head-attention',
  },
  {
    names: ['num_heads', 'nhead'],
    meaning: 'The number h of attention heads, each attending in its own d/h-dimensional subspace; d must divide by h.',
    tex: String.raw`\mathrm{MHA}(Q,K,V) = [\mathrm{head}_1; \dots; \mathrm{head}_h]\, W^O,\quad \mathrm{head}_i = \mathrm{softmax}\!\left(\frac{Q W^Q_i (K W^K_i)^\top}{\sqrt{d/h}}\right) V W^V_i`,
    term: 'multi-head-attention',
  },
  {
    names: ['dim_feedforward'],
    meaning: 'The hidden width of the position-wise feed-forward block of each Transformer layer (typically 4·d_model).',
    tex: String.raw`\mathrm{FFN}(x) = W_2\, \phi(W_1 x + b_1) + b_2,\qquad W_1 \in \mathbb{R}^{d_{ff} \times d_{model}}`,
    term: 'transformer',
  },
  // ── Losses ────────────────────────────────────────────────────────────────────────────────────
  {
    names: ['label_smoothing'],
    callees: re(
      String.raw`^torch\.nn\.CrossEntropyLoss$`,
      String.raw`^torch\.nn\.functional\.cross_entropy$`,
      String.raw`^keras\.losses\.(CategoricalCrossentropy|BinaryCrossentropy|categorical_crossentropy|binary_crossentropy)$`,
    ),
    meaning: 'Label smoothing ε: the target puts 1 − ε on the true class and spreads ε uniformly over all K classes.',
    tex: String.raw`y^{LS}_k = (1 - \varepsilon)\, y_k + \frac{\varepsilon}{K}`,
    term: 'label-smoothing',
    defaults: {
      'torch.nn.CrossEntropyLoss': 0,
      'torch.nn.functional.cross_entropy': 0,
      'keras.losses.CategoricalCrossentropy': 0,
      'keras.losses.BinaryCrossentropy': 0,
    },
  },
  {
    names: ['label_smoothing'],
    meaning: 'A label-smoothing amount ε, by its name: how much target probability is moved from the true class to a uniform spread.',
    tex: String.raw`y^{LS}_k = (1 - \varepsilon)\, y_k + \frac{\varepsilon}{K}`,
    term: 'label-smoothing',
  },
  // ── Schedules ─────────────────────────────────────────────────────────────────────────────────
  {
    names: ['step_size', 'gamma'],
    callees: re(`${TORCH_SCHED}StepLR$`),
    meaning: 'StepLR multiplies the learning rate by γ every step_size scheduler steps (epochs, if stepped once per epoch).',
    tex: String.raw`\eta_t = \eta_0\, \gamma^{\lfloor t / s \rfloor}`,
    term: 'step-decay',
  },
  {
    names: ['milestones', 'gamma'],
    callees: re(`${TORCH_SCHED}MultiStepLR$`),
    meaning: 'MultiStepLR multiplies the learning rate by γ at each milestone step.',
    tex: String.raw`\eta_t = \eta_0\, \gamma^{\,|\{m \in \text{milestones} : m \le t\}|}`,
    term: 'step-decay',
  },
  {
    names: ['gamma'],
    callees: re(`${TORCH_SCHED}ExponentialLR$`),
    meaning: 'ExponentialLR multiplies the learning rate by γ at every scheduler step.',
    tex: String.raw`\eta_t = \eta_0\, \gamma^t`,
    term: 'exponential-decay',
  },
  {
    names: ['T_max', 'eta_min'],
    callees: re(`${TORCH_SCHED}CosineAnnealingLR$`),
    meaning:
      'Cosine annealing from the optimizer’s learning rate down to eta_min over T_max scheduler steps (a half cosine period; past T_max it rises again).',
    tex: COSINE,
    term: 'cosine-annealing',
  },
  {
    names: ['T_0', 'T_mult', 'eta_min'],
    callees: re(`${TORCH_SCHED}CosineAnnealingWarmRestarts$`),
    meaning: 'Cosine annealing restarted every T_i steps: the first period is T_0, each next one T_mult times longer; eta_min is the floor.',
    tex: String.raw`\eta_t = \eta_{min} + \tfrac{1}{2}(\eta_0 - \eta_{min})\left(1 + \cos\frac{\pi\, T_{cur}}{T_i}\right)`,
    term: 'cosine-annealing',
  },
  {
    names: ['max_lr', 'total_steps', 'epochs', 'steps_per_epoch', 'pct_start', 'div_factor', 'final_div_factor'],
    callees: re(`${TORCH_SCHED}OneCycleLR$`),
    meaning:
      'The one-cycle policy: warm up from max_lr/div_factor to max_lr over pct_start of total_steps (or epochs·steps_per_epoch), then anneal to the initial rate / final_div_factor.',
    tex: String.raw`\eta: \frac{\eta_{max}}{\mathit{div}} \nearrow \eta_{max} \searrow \frac{\eta_{max}}{\mathit{div}\cdot \mathit{final\_div}}`,
    term: 'warmup',
  },
  {
    names: ['milestones'],
    callees: re(`${TORCH_SCHED}SequentialLR$`),
    meaning: 'The scheduler steps at which SequentialLR hands over to the next scheduler in its list (one milestone fewer than schedulers).',
    tex: String.raw`\eta_t = \text{scheduler}_i(t - m_{i-1}),\quad m_{i-1} \le t < m_i`,
    term: 'warmup',
  },
  {
    names: ['max_lr'],
    meaning: 'The peak learning rate of a cyclic or one-cycle schedule, by its name.',
    tex: String.raw`\eta: \frac{\eta_{max}}{\mathit{div}} \nearrow \eta_{max} \searrow \eta_{min}`,
    term: 'warmup',
  },
  {
    names: ['total_iters', 'power'],
    callees: re(`${TORCH_SCHED}PolynomialLR$`),
    meaning: 'Polynomial decay: the learning rate falls as (1 − t/T)^power and is zero from total_iters on.',
    tex: String.raw`\eta_t = \eta_0 \left(1 - \frac{\min(t, T)}{T}\right)^{p}`,
    term: 'lr-schedule',
  },
  {
    names: ['start_factor', 'end_factor', 'total_iters'],
    callees: re(`${TORCH_SCHED}LinearLR$`),
    meaning: 'A linear ramp of the factor on the learning rate from start_factor to end_factor over total_iters steps (a common warmup).',
    tex: String.raw`\eta_t = \eta_0 \left(f_s + (f_e - f_s)\, \frac{\min(t, T)}{T}\right)`,
    term: 'warmup',
  },
  {
    names: ['initial_learning_rate', 'decay_steps', 'decay_rate', 'staircase'],
    callees: re(`${KERAS_SCHED}ExponentialDecay$`),
    meaning: 'Keras exponential decay: the rate is multiplied by decay_rate every decay_steps steps, continuously (or in jumps with staircase=True).',
    tex: String.raw`\eta_t = \eta_0\, r^{\,t / T}\quad (\text{staircase: } \lfloor t/T \rfloor)`,
    term: 'exponential-decay',
  },
  {
    names: ['initial_learning_rate', 'decay_steps', 'alpha', 'warmup_steps', 'warmup_target'],
    callees: re(`${KERAS_SCHED}CosineDecay$`),
    meaning:
      'Keras cosine decay over decay_steps to the fraction alpha of the initial rate (alpha is a minimum fraction here, not a learning rate); Keras 3 adds an optional linear warmup to warmup_target first.',
    tex: String.raw`\eta_t = \eta_0\left((1 - \alpha)\, \tfrac{1}{2}\left(1 + \cos\frac{\pi \min(t, T)}{T}\right) + \alpha\right)`,
    term: 'cosine-annealing',
  },
  {
    names: ['init_value', 'peak_value', 'warmup_steps', 'decay_steps', 'end_value'],
    callees: re(`${OPTAX}warmup_cosine_decay_schedule$`),
    meaning:
      'optax’s warmup + cosine: linear from init_value to peak_value over warmup_steps, then a cosine down to end_value, reached at decay_steps (which counts the warmup).',
    tex: String.raw`\eta_t = \eta_{end} + \tfrac{1}{2}(\eta_{peak} - \eta_{end})\left(1 + \cos\frac{\pi (t - w)}{D - w}\right),\quad w \le t \le D`,
    term: 'warmup',
  },
  {
    names: ['init_value', 'transition_steps', 'decay_rate', 'transition_begin', 'staircase', 'end_value'],
    callees: re(`${OPTAX}exponential_decay$`),
    meaning:
      'optax exponential decay: the value is multiplied by decay_rate every transition_steps steps after transition_begin, optionally clipped at end_value.',
    tex: String.raw`\eta_t = \eta_0\, r^{\,(t - t_0)/T}`,
    term: 'exponential-decay',
  },
  {
    names: ['warmup_steps', 'num_warmup_steps', 'warmup_epochs'],
    meaning: 'The length of the learning-rate warmup, by its name: the rate ramps up from (near) zero over these steps before the main schedule.',
    tex: String.raw`\eta_t = \eta_{peak}\, \frac{t}{T_w}\quad (t \le T_w)`,
    term: 'warmup',
  },
  {
    names: ['T_max', 'eta_min'],
    meaning: 'A cosine-annealing horizon or floor, by its name (PyTorch’s CosineAnnealingLR arguments).',
    tex: COSINE,
    term: 'cosine-annealing',
  },
  // ── Training loop ─────────────────────────────────────────────────────────────────────────────
  {
    names: ['batch_size'],
    meaning:
      'The number of examples per mini-batch: each gradient step averages the loss over this many samples, so it trades gradient noise against cost per step.',
    tex: String.raw`\hat g = \frac{1}{B} \sum_{i \in \mathcal{B}} \nabla_\theta \ell_i(\theta)`,
    term: 'batch-size',
  },
  {
    names: ['epochs', 'num_epochs', 'n_epochs', 'max_epochs', 'num_train_epochs'],
    meaning: 'The number of full passes over the training data.',
    tex: String.raw`\text{steps} = \text{epochs} \cdot \left\lceil \frac{n}{B} \right\rceil`,
    term: 'epoch',
  },
  {
    names: ['max_grad_norm', 'gradient_clip_val', 'clip_grad_norm', 'grad_clip'],
    meaning:
      'The gradient-clipping threshold c, by its name: gradients whose global norm exceeds c are scaled down to it (Lightning’s gradient_clip_val clips by norm unless gradient_clip_algorithm="value").',
    tex: String.raw`g \leftarrow g \cdot \min\!\left(1, \frac{c}{\|g\|}\right)`,
    term: 'gradient-clipping',
  },
  {
    names: ['gradient_accumulation_steps', 'accumulate_grad_batches', 'grad_accum_steps', 'accum_steps'],
    meaning:
      'Gradient accumulation, by its name: gradients of this many mini-batches are summed (averaged) before one optimizer step, so the effective batch is this many times larger.',
    tex: String.raw`\theta \leftarrow \theta - \eta\, \frac{1}{K} \sum_{k=1}^{K} \hat g_k,\qquad B_{eff} = K B`,
    term: 'gradient-accumulation',
  },
  {
    names: ['fp16', 'bf16', 'use_amp', 'amp', 'mixed_precision'],
    meaning:
      'Mixed-precision training, by its name: matrix products run in 16-bit floats (float16 with loss scaling, or bfloat16) while the weights are kept in float32.',
    tex: String.raw`\hat L = s\, L,\qquad g = \frac{1}{s} \nabla_\theta \hat L \ \text{(float16 with loss scale } s)`,
    term: 'mixed-precision',
  },
  {
    names: ['precision'],
    callees: re(String.raw`^(lightning|pytorch_lightning|lightning\.pytorch)\.Trainer$`),
    meaning: 'Lightning’s numeric precision: "32-true", "16-mixed" (float16 autocast with loss scaling), "bf16-mixed", or a pure 16/64-bit run.',
    tex: String.raw`\hat L = s\, L,\qquad g = \frac{1}{s} \nabla_\theta \hat L \ \text{(float16 with loss scale } s)`,
    term: 'mixed-precision',
  },
  {
    names: ['warmup_ratio'],
    meaning: 'The fraction of all training steps spent warming the learning rate up, by its name.',
    tex: String.raw`T_w = \lceil r \cdot T \rceil,\qquad \eta_t = \eta_{peak}\, \frac{t}{T_w}\quad (t \le T_w)`,
    term: 'warmup',
  },
  {
    names: ['num_training_steps', 'total_steps', 'max_steps'],
    meaning: 'The total number of optimizer steps a schedule runs over, by its name (the horizon the decay reaches its end at).',
    tex: String.raw`\text{steps} = \text{epochs} \cdot \left\lceil \frac{n}{B} \right\rceil`,
    term: 'lr-schedule',
  },
  {
    names: ['patience'],
    meaning: 'How many evaluations without improvement are tolerated before training stops (early stopping) or the learning rate is cut (ReduceLROnPlateau).',
    tex: String.raw`\text{stop at } t \text{ if } \min_{s \le t} L^{val}_s = \min_{s \le t - p} L^{val}_s`,
    term: 'early-stopping',
  },
  {
    names: ['temperature', 'tau'],
    callees: re(String.raw`^optax\.ntxent$`),
    meaning: 'The temperature τ dividing the similarities before the softmax of the contrastive loss: smaller τ sharpens it towards the hardest negatives.',
    tex: String.raw`\ell_i = -\log \frac{\exp(s_{i,i^+}/\tau)}{\sum_{k \ne i} \exp(s_{i,k}/\tau)}`,
    term: 'infonce-loss',
  },
  {
    names: ['temperature'],
    meaning: 'A softmax temperature T, by its name: logits are divided by T before the softmax, so T < 1 sharpens the distribution and T > 1 flattens it.',
    tex: String.raw`p_k = \frac{\exp(z_k / T)}{\sum_j \exp(z_j / T)}`,
    term: 'softmax-temperature',
  },
  // ── scikit-learn ──────────────────────────────────────────────────────────────────────────────
  {
    names: ['C'],
    callees: re(String.raw`^sklearn\.(linear_model\.LogisticRegression|svm\.(SVC|LinearSVC|SVR|LinearSVR|NuSVC))$`),
    meaning: 'The inverse regularization strength: the data term is weighted by C against the penalty, so a smaller C regularizes more.',
    tex: String.raw`\min_{w,b}\ \tfrac{1}{2}\|w\|^2 + C \sum_i \ell\big(y_i, w^\top x_i + b\big)`,
    term: 'l2-regularization',
    defaults: { 'sklearn.linear_model.LogisticRegression': 1.0, 'sklearn.svm.SVC': 1.0, 'sklearn.svm.LinearSVC': 1.0, 'sklearn.svm.SVR': 1.0 },
  },
  {
    names: ['penalty'],
    callees: re(String.raw`^sklearn\.(linear_model\.(LogisticRegression|SGDClassifier|SGDRegressor)|svm\.LinearSVC)$`),
    meaning: 'Which norm of the weights is penalized: "l2" (ridge), "l1" (lasso, sparse weights), "elasticnet" (both) or None.',
    tex: String.raw`\text{l2: } \tfrac{1}{2}\|w\|_2^2,\qquad \text{l1: } \|w\|_1`,
    term: 'regularization',
    defaults: { 'sklearn.linear_model.LogisticRegression': 'l2', 'sklearn.svm.LinearSVC': 'l2', 'sklearn.linear_model.SGDClassifier': 'l2' },
  },
  {
    names: ['kernel', 'gamma'],
    callees: re(String.raw`^sklearn\.svm\.(SVC|SVR|NuSVC)$`),
    meaning: 'The SVM’s kernel ("rbf", "linear", "poly", "sigmoid") and, for the RBF kernel, its width γ ("scale" = 1/(n_features·Var X)).',
    tex: String.raw`k(x, x') = \exp\!\big(-\gamma\, \|x - x'\|^2\big)`,
    term: 'svm',
    defaults: { 'sklearn.svm.SVC': 'rbf / scale' },
  },
  {
    names: ['max_iter'],
    callees: re(String.raw`^sklearn\.`),
    meaning: 'The iteration cap of the solver; a fit that reaches it stops unconverged (scikit-learn warns with ConvergenceWarning).',
    tex: String.raw`k \le k_{max}`,
    term: 'logistic-regression',
  },
  {
    names: ['max_norm'],
    callees: re(String.raw`^torch\.nn\.utils\.clip_grad_norm_$`),
    meaning: 'Gradient clipping by the global norm: when the norm of all gradients together exceeds max_norm, they are scaled down to it.',
    tex: String.raw`g \leftarrow g \cdot \min\!\left(1, \frac{c}{\|g\|}\right)`,
    term: 'gradient-clipping',
  },
];

/**
 * Names that mean the hyperparameter wherever they appear in code (a variable, `args.lr`, a
 * parameter of the user's own function). Other names (`p`, `alpha`, `eps`, `bias`…) are too common
 * and are read only as keywords of a framework call.
 */
export const SPECIFIC_ARGUMENT_NAMES: ReadonlySet<string> = new Set([
  'lr',
  'learning_rate',
  'weight_decay',
  'momentum',
  'nesterov',
  'betas',
  'kernel_size',
  'in_channels',
  'out_channels',
  'num_heads',
  'hidden_size',
  'num_layers',
  'batch_size',
  'epochs',
  'num_epochs',
  'warmup_steps',
  'num_warmup_steps',
  'T_max',
  'eta_min',
  'label_smoothing',
  'embed_dim',
  'd_model',
  'dim_feedforward',
  'max_lr',
  'dropout',
  'dropout_rate',
  'peak_lr',
  'base_lr',
  'init_lr',
  'peak_learning_rate',
  'num_train_epochs',
  'max_epochs',
  'n_epochs',
  'max_grad_norm',
  'gradient_clip_val',
  'clip_grad_norm',
  'grad_clip',
  'gradient_accumulation_steps',
  'accumulate_grad_batches',
  'grad_accum_steps',
  'fp16',
  'bf16',
  'use_amp',
  'mixed_precision',
  'warmup_ratio',
  'num_training_steps',
  'patience',
  'temperature',
  'hidden_dropout_prob',
  'attention_probs_dropout_prob',
  'attn_dropout',
  'warmup_epochs',
]);

/** Qualified names of the frameworks' own APIs. */
export const FRAMEWORK_CALLEE = /^(torch|keras|flax|optax|tensorflow|jax|sklearn|lightning|pytorch_lightning|transformers)\./;

/** Every argument name some entry explains. */
export const ARGUMENT_NAMES: ReadonlySet<string> = new Set(ARGUMENT_DOCS.flatMap((d) => d.names));

/** The entry explaining `name` for a callee (qualified name), or for the bare name when `callee` is undefined. */
export function argumentDoc(name: string, callee?: string): ArgumentDoc | undefined {
  for (const doc of ARGUMENT_DOCS) {
    if (!doc.names.includes(name)) continue;
    if (doc.callees && (callee === undefined || !doc.callees.test(callee))) continue;
    // A common name (`padding`, `p`, `alpha`) is read only as a keyword of a framework's own call.
    if (!doc.callees && !SPECIFIC_ARGUMENT_NAMES.has(name) && !(callee && FRAMEWORK_CALLEE.test(callee))) continue;
    return doc;
  }
  return undefined;
}
