import type { Term } from './types';

const GEN = 'Beyond the notes: Generative models';

/**
 * Generative models beyond the course notes: latent-variable models and VAEs, Bayesian basics,
 * score-based sampling, DDIM and guidance, Wasserstein GANs, and autoregressive and Glow flows.
 * Every formula is checked numerically in test/unit/terms-generative-classical.test.ts.
 */
export const GENERATIVE_BEYOND_TERMS: Term[] = [
  {
    id: 'latent-variable',
    title: 'Latent variable model',
    section: GEN,
    summary: 'A model that explains each observation x through an unobserved variable z, with the data density obtained by integrating z out.',
    definition:
      'The model specifies a prior p(z) over hidden causes and a conditional p(x | z) that turns a latent value into data. ' +
      'The density of an observation is the marginal over all latent values, which is usually an intractable integral for neural decoders. ' +
      'VAEs, mixture models, factor analysis and diffusion models all have this form, and they differ in how they approximate or avoid the integral.',
    formulas: [String.raw`p_\theta(\mathbf{x}) = \int p_\theta(\mathbf{x} \mid \mathbf{z})\, p(\mathbf{z})\, d\mathbf{z}`],
    aliases: [
      'latent variable model',
      'latent variable',
      'latent variables model',
      'latent space',
      'latent code',
      'latent representation',
      'marginal likelihood',
    ],
    code: [],
    related: ['vae', 'elbo', 'prior-posterior', 'gaussian-marginal'],
  },
  {
    id: 'vae',
    title: 'Variational autoencoder (VAE)',
    section: GEN,
    summary: 'A latent variable model trained jointly with an encoder that approximates its posterior, by maximizing the ELBO.',
    definition:
      'An encoder network maps x to the mean and standard deviation of a Gaussian q_φ(z | x), and a decoder network defines p_θ(x | z). ' +
      'Both are fitted together by maximizing the evidence lower bound, using the reparameterization trick to pass gradients through the sampling of z. ' +
      'With a standard normal prior the KL part of the bound has a closed form, while the reconstruction part is estimated from one or a few samples.',
    formulas: [
      String.raw`q_\phi(\mathbf{z} \mid \mathbf{x}) = \mathcal{N}\big(\boldsymbol{\mu}_\phi(\mathbf{x}), \operatorname{diag} \boldsymbol{\sigma}^2_\phi(\mathbf{x})\big),\qquad p(\mathbf{z}) = \mathcal{N}(\mathbf{0}, \mathbf{I})`,
      String.raw`\mathrm{KL}\big(\mathcal{N}(\boldsymbol{\mu}, \operatorname{diag} \boldsymbol{\sigma}^2) \,\|\, \mathcal{N}(\mathbf{0}, \mathbf{I})\big) = \frac{1}{2} \sum_{j=1}^{d} \big(\mu_j^2 + \sigma_j^2 - \log \sigma_j^2 - 1\big)`,
    ],
    aliases: ['variational autoencoder', 'variational auto-encoder', 'VAE', 'beta-VAE', 'conditional VAE'],
    code: ['diffusers.AutoencoderKL'],
    related: ['elbo', 'reparameterization-trick', 'latent-variable', 'kl-divergence'],
  },
  {
    id: 'elbo',
    title: 'Evidence lower bound (ELBO)',
    section: GEN,
    summary: 'A tractable lower bound on log p(x): the expected reconstruction log-likelihood under q minus the KL divergence from q to the prior.',
    definition:
      'For any distribution q(z | x), Jensen’s inequality bounds the log-evidence from below by an expectation under q that can be estimated by sampling. ' +
      'The gap between log p(x) and the bound is exactly the KL divergence from q to the true posterior, so maximizing the bound over q improves the posterior approximation while maximizing it over θ raises the likelihood. ' +
      'Variational inference and VAE training both maximize it, often written as minimizing the negative ELBO.',
    formulas: [
      String.raw`\mathcal{L}(\theta, \phi; \mathbf{x}) = \mathbb{E}_{q_\phi(\mathbf{z} \mid \mathbf{x})}\big[\log p_\theta(\mathbf{x} \mid \mathbf{z})\big] - \mathrm{KL}\big(q_\phi(\mathbf{z} \mid \mathbf{x}) \,\|\, p(\mathbf{z})\big)`,
      String.raw`\log p_\theta(\mathbf{x}) - \mathcal{L}(\theta, \phi; \mathbf{x}) = \mathrm{KL}\big(q_\phi(\mathbf{z} \mid \mathbf{x}) \,\|\, p_\theta(\mathbf{z} \mid \mathbf{x})\big) \ge 0`,
    ],
    aliases: ['evidence lower bound', 'ELBO', 'variational lower bound', 'negative ELBO', 'variational inference', 'variational free energy'],
    code: ['pyro.infer.Trace_ELBO', 'pyro.infer.TraceMeanField_ELBO'],
    related: ['vae', 'kl-divergence', 'jensen-inequality', 'prior-posterior', 'latent-variable'],
  },
  {
    id: 'reparameterization-trick',
    title: 'Reparameterization trick',
    section: GEN,
    summary:
      'Write a random sample as a deterministic, differentiable function of the parameters and parameter-free noise, so gradients flow through the sampling.',
    definition:
      'A Gaussian sample z ~ N(μ, σ²) is produced as μ + σ·ε with ε ~ N(0, 1), which moves the randomness out of the parameters. ' +
      'The gradient of an expectation over z then becomes an expectation of ordinary gradients, estimated by backpropagating through sampled ε. ' +
      'This pathwise estimator usually has much lower variance than the score-function (REINFORCE) estimator; in PyTorch it is what rsample() does.',
    formulas: [
      String.raw`\mathbf{z} = \boldsymbol{\mu}_\phi + \boldsymbol{\sigma}_\phi \odot \boldsymbol{\epsilon},\qquad \boldsymbol{\epsilon} \sim \mathcal{N}(\mathbf{0}, \mathbf{I})`,
      String.raw`\nabla_\phi\, \mathbb{E}_{q_\phi(\mathbf{z})}\big[f(\mathbf{z})\big] = \mathbb{E}_{\boldsymbol{\epsilon}}\big[\nabla_\phi f(\boldsymbol{\mu}_\phi + \boldsymbol{\sigma}_\phi \odot \boldsymbol{\epsilon})\big]`,
    ],
    aliases: [
      'reparameterization trick',
      'reparametrization trick',
      'reparameterisation trick',
      'pathwise gradient',
      'pathwise derivative',
      'pathwise gradient estimator',
    ],
    code: ['torch.distributions.Distribution.rsample'],
    related: ['vae', 'elbo', 'log-derivative-trick'],
  },
  {
    id: 'map-estimation',
    title: 'Maximum a posteriori (MAP) estimation',
    section: GEN,
    summary: 'Choose the parameters that maximize the posterior, i.e. the log-likelihood plus the log-prior.',
    definition:
      'MAP estimation returns the mode of the posterior instead of the whole distribution, so it is maximum likelihood with an extra prior term. ' +
      'A zero-mean Gaussian prior adds an L2 penalty (weight decay) and a Laplace prior an L1 penalty. ' +
      'For a Gaussian mean with a Gaussian prior the estimate is a precision-weighted average of the sample sum and the prior mean, and it tends to the MLE as n grows.',
    formulas: [
      String.raw`\hat{\theta}_{\text{MAP}} = \arg\max_\theta\ \log p(\mathcal{D} \mid \theta) + \log p(\theta)`,
      String.raw`x_i \sim \mathcal{N}(\mu, \sigma^2),\ \mu \sim \mathcal{N}(\mu_0, \tau^2):\qquad \hat{\mu}_{\text{MAP}} = \frac{\tau^2 \sum_{i=1}^{n} x_i + \sigma^2 \mu_0}{n \tau^2 + \sigma^2}`,
    ],
    aliases: ['maximum a posteriori', 'maximum a-posteriori', 'MAP estimate', 'MAP estimation', 'MAP estimator', 'MAP', 'posterior mode'],
    code: [],
    related: ['mle', 'prior-posterior', 'bayes-rule', 'weight-decay'],
  },
  {
    id: 'prior-posterior',
    title: 'Prior, likelihood and posterior',
    section: GEN,
    summary: 'Bayes’ rule turns a prior belief p(θ) and the likelihood p(D | θ) of the data into the posterior p(θ | D).',
    definition:
      'The prior states what is believed about the parameters (or latent variables) before seeing data, and the likelihood states how probable the data are for each value. ' +
      'The posterior is their product normalized by the evidence, the integral of that product over all values. ' +
      'With a conjugate prior, such as a Gaussian prior on a Gaussian mean, the posterior stays in the same family and has closed-form parameters.',
    formulas: [
      String.raw`p(\theta \mid \mathcal{D}) = \frac{p(\mathcal{D} \mid \theta)\, p(\theta)}{\int p(\mathcal{D} \mid \theta')\, p(\theta')\, d\theta'}`,
      String.raw`x_i \sim \mathcal{N}(\mu, \sigma^2),\ \mu \sim \mathcal{N}(\mu_0, \tau^2):\qquad \sigma^2_{\text{post}} = \Big(\frac{n}{\sigma^2} + \frac{1}{\tau^2}\Big)^{-1},\quad \mu_{\text{post}} = \sigma^2_{\text{post}} \Big(\frac{\sum_{i=1}^{n} x_i}{\sigma^2} + \frac{\mu_0}{\tau^2}\Big)`,
    ],
    aliases: [
      'prior distribution',
      'posterior distribution',
      'prior and posterior',
      'conjugate prior',
      'posterior inference',
      'Bayesian inference',
      'Bayesian posterior',
    ],
    generic: ['prior', 'posterior'],
    notWithin: [
      'prior to',
      'prior art',
      'prior notice',
      'prior approval',
      'prior consent',
      'prior version',
      'prior versions',
      'prior release',
      'prior releases',
      'prior commit',
      'prior year',
      'prior years',
      'prior experience',
      'prior work',
      'posterior view',
      'posterior part',
      'posterior segment',
      'posterior cortex',
    ],
    code: [],
    related: ['bayes-rule', 'map-estimation', 'elbo', 'gaussian-conditioning', 'latent-variable'],
  },
  {
    id: 'score-matching',
    title: 'Score function and (denoising) score matching',
    section: GEN,
    summary: 'Fit a network to the score ∇ₓ log p(x), which needs no normalizing constant; denoising score matching does so from noisy copies of the data.',
    definition:
      'The score of a density is the gradient of its log with respect to the input, so the unknown normalizer drops out. ' +
      'The true score of the data is unknown, but for data perturbed with Gaussian noise of scale σ the regression target is the known score of the noising kernel, −(x̃ − x)/σ². ' +
      'A network trained this way at several noise levels powers Langevin sampling and score-based diffusion models; predicting the noise ε in DDPM is the same up to a factor.',
    formulas: [
      String.raw`\mathbf{s}(\mathbf{x}) = \nabla_{\mathbf{x}} \log p(\mathbf{x}),\qquad p = \mathcal{N}(\boldsymbol{\mu}, \boldsymbol{\Sigma}) \Rightarrow \mathbf{s}(\mathbf{x}) = -\boldsymbol{\Sigma}^{-1} (\mathbf{x} - \boldsymbol{\mu})`,
      String.raw`\mathcal{L}_{\text{DSM}}(\theta) = \mathbb{E}_{\mathbf{x} \sim p_{\text{data}},\ \tilde{\mathbf{x}} \sim \mathcal{N}(\mathbf{x}, \sigma^2 \mathbf{I})}\Big[\Big\|\mathbf{s}_\theta(\tilde{\mathbf{x}}) + \frac{\tilde{\mathbf{x}} - \mathbf{x}}{\sigma^2}\Big\|^2\Big]`,
    ],
    aliases: [
      'score matching',
      'denoising score matching',
      'sliced score matching',
      'score function',
      'Stein score',
      'noise conditional score network',
      'NCSN',
    ],
    code: [],
    related: ['langevin-dynamics', 'ddpm-loss', 'ddpm', 'gaussian'],
  },
  {
    id: 'langevin-dynamics',
    title: 'Langevin dynamics (sampling)',
    section: GEN,
    summary: 'Draw samples from p(x) by repeatedly stepping along the score ∇ₓ log p(x) and adding Gaussian noise.',
    definition:
      'The unadjusted Langevin algorithm discretizes a diffusion whose stationary distribution is p, so it only needs the score, not the density itself. ' +
      'For a finite step size the chain is slightly biased, since there is no Metropolis correction, and the bias vanishes as the step goes to zero. ' +
      'Annealed Langevin dynamics runs the chain at a sequence of decreasing noise levels with a learned noise-conditional score, and SGLD uses minibatch gradients of a log-posterior.',
    formulas: [
      String.raw`\mathbf{x}_{k+1} = \mathbf{x}_k + \frac{\eta}{2}\, \nabla_{\mathbf{x}} \log p(\mathbf{x}_k) + \sqrt{\eta}\, \boldsymbol{\xi}_k,\qquad \boldsymbol{\xi}_k \sim \mathcal{N}(\mathbf{0}, \mathbf{I})`,
      String.raw`\text{annealed: } \eta_i = \epsilon\, \frac{\sigma_i^2}{\sigma_L^2},\quad \sigma_1 > \sigma_2 > \dots > \sigma_L,\quad \text{steps use } \mathbf{s}_\theta(\mathbf{x}, \sigma_i)`,
    ],
    aliases: [
      'Langevin dynamics',
      'Langevin sampling',
      'unadjusted Langevin algorithm',
      'annealed Langevin dynamics',
      'annealed Langevin sampling',
      'Langevin Monte Carlo',
      'stochastic gradient Langevin dynamics',
      'SGLD',
    ],
    code: [],
    related: ['score-matching', 'ddpm', 'sgd'],
  },
  {
    id: 'ddim',
    title: 'Denoising diffusion implicit model (DDIM)',
    section: GEN,
    summary: 'A sampler for trained diffusion models that predicts x₀ and jumps to an earlier step, deterministically when η = 0, often in far fewer steps.',
    definition:
      'DDIM keeps the DDPM training objective and marginals q(x_t | x₀) but uses a non-Markovian reverse process. ' +
      'Each step first estimates x₀ from x_t and the predicted noise, then re-noises that estimate to level t − 1 with a mix of the same predicted noise and fresh noise of standard deviation σ_t. ' +
      'With η = 0 sampling is deterministic, which allows skipping steps and inverting images to latents; η = 1 recovers the DDPM posterior variance.',
    formulas: [
      String.raw`\hat{\mathbf{x}}_0 = \frac{\mathbf{x}_t - \sqrt{1 - \bar{\alpha}_t}\, \boldsymbol{\epsilon}_\theta(\mathbf{x}_t, t)}{\sqrt{\bar{\alpha}_t}}`,
      String.raw`\mathbf{x}_{t-1} = \sqrt{\bar{\alpha}_{t-1}}\, \hat{\mathbf{x}}_0 + \sqrt{1 - \bar{\alpha}_{t-1} - \sigma_t^2}\, \boldsymbol{\epsilon}_\theta(\mathbf{x}_t, t) + \sigma_t \mathbf{z},\qquad \mathbf{z} \sim \mathcal{N}(\mathbf{0}, \mathbf{I})`,
      String.raw`\sigma_t = \eta \sqrt{\frac{1 - \bar{\alpha}_{t-1}}{1 - \bar{\alpha}_t}} \sqrt{1 - \frac{\bar{\alpha}_t}{\bar{\alpha}_{t-1}}}`,
    ],
    aliases: ['denoising diffusion implicit model', 'DDIM', 'DDIM sampler', 'DDIM sampling', 'DDIM inversion'],
    code: ['diffusers.DDIMPipeline', 'diffusers.DDIMInverseScheduler'],
    related: ['ddpm', 'diffusion-reverse-process', 'diffusion-forward-process', 'classifier-free-guidance'],
  },
  {
    id: 'classifier-free-guidance',
    title: 'Classifier-free guidance',
    section: GEN,
    summary:
      'Steer a conditional diffusion model by extrapolating from its unconditional noise prediction towards its conditional one with a guidance scale w.',
    definition:
      'One network is trained both with the condition c (a class or a text prompt) and, by randomly dropping c, without it. ' +
      'At sampling time the two noise predictions are combined so that w = 1 gives the plain conditional model and w > 1 pushes samples towards the condition, trading diversity for fidelity. ' +
      'In score terms this adds w times the gradient of an implicit classifier log p(c | x_t); in diffusers the weight is the guidance_scale argument.',
    formulas: [
      String.raw`\tilde{\boldsymbol{\epsilon}}_\theta(\mathbf{x}_t, c) = \boldsymbol{\epsilon}_\theta(\mathbf{x}_t, \varnothing) + w\, \big(\boldsymbol{\epsilon}_\theta(\mathbf{x}_t, c) - \boldsymbol{\epsilon}_\theta(\mathbf{x}_t, \varnothing)\big)`,
      String.raw`\nabla_{\mathbf{x}} \log p(\mathbf{x}_t) + w\, \big(\nabla_{\mathbf{x}} \log p(\mathbf{x}_t \mid c) - \nabla_{\mathbf{x}} \log p(\mathbf{x}_t)\big) = \nabla_{\mathbf{x}} \log p(\mathbf{x}_t) + w\, \nabla_{\mathbf{x}} \log p(c \mid \mathbf{x}_t)`,
    ],
    aliases: ['classifier-free guidance', 'guidance scale', 'guidance weight', 'unconditional guidance'],
    code: ['guidance_scale'],
    related: ['ddpm', 'ddim', 'score-matching'],
  },
  {
    id: 'wgan',
    title: 'Wasserstein GAN (WGAN)',
    section: GEN,
    summary: 'A GAN whose critic estimates the Wasserstein-1 distance between data and generator through its Kantorovich–Rubinstein dual.',
    definition:
      'By Kantorovich–Rubinstein duality, the Wasserstein-1 distance equals the largest gap in expectations that a 1-Lipschitz function can achieve between the two distributions. ' +
      'The critic network plays that function: it outputs an unbounded score rather than a probability, and the generator minimizes the estimated distance, which gives useful gradients even when the supports do not overlap. ' +
      'The original WGAN kept the critic Lipschitz by clipping its weights to [−c, c]; the gradient penalty and spectral normalization are later, better-behaved ways.',
    formulas: [
      String.raw`W_1(p, q) = \sup_{\|f\|_L \le 1}\ \mathbb{E}_{\mathbf{x} \sim p}\big[f(\mathbf{x})\big] - \mathbb{E}_{\mathbf{y} \sim q}\big[f(\mathbf{y})\big]`,
      String.raw`\min_G\ \max_{\|f\|_L \le 1}\ \mathbb{E}_{\mathbf{x} \sim p_{\text{data}}}\big[f(\mathbf{x})\big] - \mathbb{E}_{\mathbf{z} \sim p_z}\big[f(G(\mathbf{z}))\big],\qquad \text{clipping: } w \leftarrow \operatorname{clip}(w, -c, c)`,
    ],
    aliases: ['WGAN', 'Wasserstein GAN', 'critic network', 'Kantorovich-Rubinstein duality', 'Kantorovich-Rubinstein dual', 'weight clipping'],
    code: [],
    related: ['gan', 'wasserstein-distance', 'gradient-penalty', 'spectral-normalization', 'lipschitz-continuity', 'mode-collapse'],
  },
  {
    id: 'gradient-penalty',
    title: 'Gradient penalty (WGAN-GP)',
    section: GEN,
    summary: 'Keep a WGAN critic close to 1-Lipschitz by penalizing deviations of its input-gradient norm from 1 at points between real and generated samples.',
    definition:
      'An optimal 1-Lipschitz critic has gradient norm 1 almost everywhere on lines joining coupled real and generated points. ' +
      'WGAN-GP therefore samples random interpolates of a real and a fake example and adds λ times the squared difference between the critic’s gradient norm there and 1, usually with λ = 10. ' +
      'The gradient is taken with respect to the critic input (torch.autograd.grad with create_graph=True), and batch normalization in the critic is avoided because it couples the samples.',
    formulas: [
      String.raw`\mathcal{L}_{\text{critic}} = \mathbb{E}\big[f(\tilde{\mathbf{x}})\big] - \mathbb{E}\big[f(\mathbf{x})\big] + \lambda\, \mathbb{E}_{\hat{\mathbf{x}}}\Big[\big(\|\nabla_{\hat{\mathbf{x}}} f(\hat{\mathbf{x}})\|_2 - 1\big)^2\Big]`,
      String.raw`\hat{\mathbf{x}} = u\, \mathbf{x} + (1 - u)\, \tilde{\mathbf{x}},\qquad u \sim \mathcal{U}[0, 1],\ \mathbf{x} \sim p_{\text{data}},\ \tilde{\mathbf{x}} = G(\mathbf{z})`,
    ],
    aliases: ['gradient penalty', 'WGAN-GP', 'Lipschitz penalty'],
    code: [],
    related: ['wgan', 'spectral-normalization', 'lipschitz-continuity', 'gradient'],
  },
  {
    id: 'spectral-normalization',
    title: 'Spectral normalization',
    section: GEN,
    summary: 'Divide a weight matrix by its largest singular value, estimated by power iteration, so the layer is 1-Lipschitz in the L2 norm.',
    definition:
      'The spectral norm σ(W) is the largest factor by which W can stretch a vector, so W/σ(W) has Lipschitz constant 1 and a stack of such layers with 1-Lipschitz activations is 1-Lipschitz too. ' +
      'Computing σ exactly needs an SVD, so implementations keep a persistent vector u and run one power-iteration step per training step. ' +
      'It was introduced to stabilize GAN discriminators and is available as a weight parametrization or wrapper layer in the major frameworks.',
    formulas: [
      String.raw`\bar{\mathbf{W}} = \frac{\mathbf{W}}{\sigma(\mathbf{W})},\qquad \sigma(\mathbf{W}) = \max_{\mathbf{h} \ne \mathbf{0}} \frac{\|\mathbf{W}\mathbf{h}\|_2}{\|\mathbf{h}\|_2} = s_{\max}(\mathbf{W})`,
      String.raw`\mathbf{v} \leftarrow \frac{\mathbf{W}^\top \mathbf{u}}{\|\mathbf{W}^\top \mathbf{u}\|_2},\quad \mathbf{u} \leftarrow \frac{\mathbf{W} \mathbf{v}}{\|\mathbf{W} \mathbf{v}\|_2},\quad \sigma(\mathbf{W}) \approx \mathbf{u}^\top \mathbf{W} \mathbf{v}`,
    ],
    aliases: ['spectral normalization', 'spectral normalisation', 'spectrally normalized', 'SN-GAN', 'SNGAN'],
    code: [
      'torch.nn.utils.parametrizations.spectral_norm',
      'torch.nn.utils.spectral_norm',
      'keras.layers.SpectralNormalization',
      'tf.keras.layers.SpectralNormalization',
      'tfa.layers.SpectralNormalization',
      'flax.linen.SpectralNorm',
    ],
    related: ['svd', 'lipschitz-continuity', 'wgan', 'gradient-penalty'],
  },
  {
    id: 'autoregressive-flow',
    title: 'Autoregressive flow',
    section: GEN,
    summary: 'A flow that transforms each coordinate with an invertible map whose parameters depend only on the coordinates before it.',
    definition:
      'Ordering the dimensions makes the Jacobian triangular, so its log-determinant is the sum of the log-derivatives of the per-coordinate maps. ' +
      'The conditioner is usually a masked network (MADE) that outputs all parameters in one pass while respecting the order. ' +
      'Evaluated on data it gives the density in one pass (MAF); read in the other direction it samples in one pass (IAF), and in each case the opposite direction is sequential.',
    formulas: [
      String.raw`y_i = \tau\big(x_i;\ \mathbf{h}_i(\mathbf{x}_{1:i-1})\big),\qquad \log \Big|\det \frac{\partial \mathbf{y}}{\partial \mathbf{x}}\Big| = \sum_{i=1}^{D} \log \Big|\frac{\partial \tau(x_i; \mathbf{h}_i)}{\partial x_i}\Big|`,
      String.raw`\text{affine: } y_i = x_i\, e^{\alpha_i(\mathbf{x}_{1:i-1})} + \mu_i(\mathbf{x}_{1:i-1}),\qquad \log \Big|\det \frac{\partial \mathbf{y}}{\partial \mathbf{x}}\Big| = \sum_{i=1}^{D} \alpha_i`,
    ],
    aliases: ['autoregressive flow', 'affine autoregressive flow', 'masked autoencoder for distribution estimation', 'MADE', 'neural autoregressive flow'],
    code: ['tfp.bijectors.AutoregressiveNetwork'],
    related: ['maf', 'iaf', 'normalizing-flow', 'change-of-variables', 'coupling-layer'],
  },
  {
    id: 'maf',
    title: 'Masked autoregressive flow (MAF)',
    section: GEN,
    summary: 'An affine autoregressive flow whose shifts and log-scales are computed from the data, so the density of x is evaluated in one pass.',
    definition:
      'MAF maps data to noise with z_i = (x_i − μ_i) exp(−α_i), where μ_i and α_i come from a MADE network reading x₁, …, x_{i−1}. ' +
      'All z_i are available in parallel from x, which makes likelihood training fast, but sampling has to invert the coordinates one after another. ' +
      'Stacking several MAF layers with reversed orders gives a flexible density estimator.',
    formulas: [
      String.raw`z_i = \big(x_i - \mu_i(\mathbf{x}_{1:i-1})\big)\, e^{-\alpha_i(\mathbf{x}_{1:i-1})}`,
      String.raw`\log p(\mathbf{x}) = \log \mathcal{N}(\mathbf{z}; \mathbf{0}, \mathbf{I}) + \log \Big|\det \frac{\partial \mathbf{z}}{\partial \mathbf{x}}\Big| = \log \mathcal{N}(\mathbf{z}; \mathbf{0}, \mathbf{I}) - \sum_{i=1}^{D} \alpha_i(\mathbf{x}_{1:i-1})`,
    ],
    aliases: ['masked autoregressive flow', 'MAF'],
    code: ['tfp.bijectors.MaskedAutoregressiveFlow', 'nflows.transforms.MaskedAffineAutoregressiveTransform', 'normflows.flows.MaskedAffineAutoregressive'],
    related: ['autoregressive-flow', 'iaf', 'normalizing-flow', 'change-of-variables'],
  },
  {
    id: 'iaf',
    title: 'Inverse autoregressive flow (IAF)',
    section: GEN,
    summary: 'An affine autoregressive flow whose shifts and log-scales are computed from the noise, so samples are produced in one pass.',
    definition:
      'IAF maps noise to data with x_i = z_i exp(α_i) + μ_i, where μ_i and α_i depend on z₁, …, z_{i−1}, so every x_i is computed in parallel. ' +
      'The log-density of its own samples is therefore cheap, which suits variational posteriors in VAEs, but the density of an arbitrary x needs a sequential inversion. ' +
      'It is the MAF transformation used in the opposite direction.',
    formulas: [
      String.raw`x_i = z_i\, e^{\alpha_i(\mathbf{z}_{1:i-1})} + \mu_i(\mathbf{z}_{1:i-1})`,
      String.raw`\log q(\mathbf{x}) = \log \mathcal{N}(\mathbf{z}; \mathbf{0}, \mathbf{I}) - \log \Big|\det \frac{\partial \mathbf{x}}{\partial \mathbf{z}}\Big| = \log \mathcal{N}(\mathbf{z}; \mathbf{0}, \mathbf{I}) - \sum_{i=1}^{D} \alpha_i(\mathbf{z}_{1:i-1})`,
    ],
    aliases: ['inverse autoregressive flow', 'IAF'],
    code: ['pyro.distributions.transforms.AffineAutoregressive', 'pyro.distributions.transforms.affine_autoregressive'],
    related: ['autoregressive-flow', 'maf', 'vae', 'normalizing-flow'],
  },
  {
    id: 'glow',
    title: 'Glow',
    section: GEN,
    summary: 'A flow for images built from steps of actnorm, an invertible 1×1 convolution and an affine coupling layer, in a multi-scale architecture.',
    definition:
      'Each step of flow normalizes the channels with actnorm, mixes them with a learned invertible 1×1 convolution instead of a fixed permutation, and then applies an affine coupling layer. ' +
      'All three have cheap log-determinants, and the total is their sum over all steps. ' +
      'Squeezing and splitting off half of the channels at each scale keeps the model tractable for high-resolution images.',
    formulas: [
      String.raw`\mathbf{h}_k = \mathrm{coupling}_k\Big(\mathrm{conv}_{1 \times 1, k}\big(\mathrm{actnorm}_k(\mathbf{h}_{k-1})\big)\Big),\qquad \mathbf{h}_0 = \mathbf{x},\ \mathbf{h}_K = \mathbf{z}`,
      String.raw`\log p(\mathbf{x}) = \log p(\mathbf{z}) + \sum_{k=1}^{K} \Big(\log|\det \mathbf{J}_{\text{actnorm}, k}| + \log|\det \mathbf{J}_{1 \times 1, k}| + \log|\det \mathbf{J}_{\text{coupling}, k}|\Big)`,
    ],
    aliases: ['Glow', 'Glow model', 'step of flow', 'multi-scale flow'],
    code: ['normflows.flows.GlowBlock'],
    related: ['actnorm', 'invertible-1x1-convolution', 'coupling-layer', 'normalizing-flow'],
  },
  {
    id: 'invertible-1x1-convolution',
    title: 'Invertible 1×1 convolution',
    section: GEN,
    summary: 'A learned channel-mixing flow layer: the same invertible c×c matrix applied at every pixel, with log-determinant h·w·log|det W|.',
    definition:
      'A 1×1 convolution multiplies the channel vector of each pixel by one matrix W, so the Jacobian of the whole layer is block-diagonal with h·w copies of W. ' +
      'It generalizes the fixed channel permutations between coupling layers and is inverted with W⁻¹. ' +
      'Parameterizing W = P L (U + diag(s)) with a fixed permutation P makes the log-determinant the sum of log|s_i| instead of an O(c³) determinant.',
    formulas: [
      String.raw`\log \Big|\det \frac{\partial\, \mathrm{conv}_{1 \times 1}(\mathbf{h}; \mathbf{W})}{\partial \mathbf{h}}\Big| = h \cdot w \cdot \log |\det \mathbf{W}|`,
      String.raw`\mathbf{W} = \mathbf{P} \mathbf{L} \big(\mathbf{U} + \operatorname{diag}(\mathbf{s})\big),\qquad \log |\det \mathbf{W}| = \sum_{i=1}^{c} \log |s_i|`,
    ],
    aliases: [
      'invertible $1\\times1$ convolution',
      'invertible $1 \\times 1$ convolution',
      'invertible 1x1 convolution',
      'invertible 1×1 convolution',
      'invertible 1x1 conv',
      'invertible 1×1 conv',
      'invertible one-by-one convolution',
      'LU-decomposed 1x1 convolution',
    ],
    code: ['normflows.flows.Invertible1x1Conv'],
    related: ['glow', 'one-by-one-convolution', 'change-of-variables', 'actnorm'],
  },
  {
    id: 'actnorm',
    title: 'Activation normalization (actnorm)',
    section: GEN,
    summary: 'A per-channel affine flow layer y = s ⊙ x + b whose scale and bias are initialized from the first batch so that outputs start standardized.',
    definition:
      'Actnorm replaces batch normalization in flows: after a data-dependent initialization it is an ordinary learned affine map that does not depend on the batch. ' +
      'Initialization sets b and s from the first minibatch so that each channel has zero mean and unit variance. ' +
      'Every pixel shares the channel scales, so the log-determinant is h·w times the sum of log|s_c|.',
    formulas: [
      String.raw`\mathbf{y}_{i,j} = \mathbf{s} \odot \mathbf{x}_{i,j} + \mathbf{b},\qquad \log |\det \mathbf{J}| = h \cdot w \cdot \sum_{c=1}^{C} \log |s_c|`,
      String.raw`\text{init: } s_c = \frac{1}{\operatorname{std}(x_{\cdot, c})},\quad b_c = -\frac{\operatorname{mean}(x_{\cdot, c})}{\operatorname{std}(x_{\cdot, c})}`,
    ],
    aliases: ['actnorm', 'activation normalization', 'activation normalisation', 'act norm'],
    code: ['normflows.flows.ActNorm'],
    related: ['glow', 'invertible-1x1-convolution', 'change-of-variables'],
  },
];
