import type { Term } from './types';

const FLOWS = '19.2 Normalizing Flows';
const GANS = '19.3 Generative Adversarial Networks (GANs)';
const DDPM = '19.4 Denoising Diffusion Models (DDPM)';

export const GENERATIVE_TERMS: Term[] = [
  {
    id: 'normalizing-flow',
    title: 'Normalizing flow',
    section: FLOWS,
    summary: 'A generative model that maps a simple base distribution to the data through an invertible, differentiable function, giving exact likelihoods.',
    definition:
      'A flow composes invertible layers f = f_K ∘ … ∘ f₁ that turn a base sample z ~ p_z (often a standard Gaussian) into a data sample x. ' +
      'The change-of-variables formula gives the exact density of x, so the model is trained by maximum likelihood. ' +
      'Layers are designed so that the Jacobian determinant is cheap; coupling layers also invert in closed form, whereas a planar layer has no closed-form inverse (it needs a one-dimensional root find) and a radial layer is inverted through a quadratic equation for the radius.',
    formulas: [
      String.raw`\mathbf{x} = f_K \circ \cdots \circ f_1(\mathbf{z}),\qquad \log p_x(\mathbf{x}) = \log p_z(\mathbf{z}) - \sum_{k=1}^{K} \log \Big|\det \frac{\partial f_k}{\partial \mathbf{z}_{k-1}}\Big|`,
    ],
    aliases: ['normalizing flow', 'normalizing flows', 'normalising flow', 'flow-based model', 'flow model'],
    code: ['torch.distributions.TransformedDistribution', 'tfp.distributions.TransformedDistribution', 'distrax.Transformed'],
    related: ['change-of-variables', 'coupling-layer', 'planar-flow', 'radial-flow', 'mle'],
    lab: { kind: 'flow', params: { flow: 'realnvp', layers: 4 } },
  },
  {
    id: 'change-of-variables',
    title: 'Change-of-variables formula',
    section: FLOWS,
    summary: 'The density of x = f(z) is the density of z times the absolute Jacobian determinant of the inverse map.',
    definition:
      'An invertible map stretches or compresses volume, and the density must change inversely so that probability is conserved. ' +
      'The local volume factor is the absolute value of the Jacobian determinant. ' +
      'In log form the density of x is the base log-density minus the log-absolute-determinant of the forward map.',
    // The notes drop the absolute value in the first line (…det J_{f⁻¹}(x)); a determinant can be
    // negative, and the formula needs |det|.
    formulas: [
      String.raw`p_x(\mathbf{x}) = p_z\big(f^{-1}(\mathbf{x})\big)\, \Big|\det \frac{\partial f^{-1}(\mathbf{x})}{\partial \mathbf{x}}\Big|`,
      String.raw`\log p_x(\mathbf{x}) = \log p_z(\mathbf{z}) - \log \Big|\det \frac{\partial f(\mathbf{z})}{\partial \mathbf{z}}\Big|,\qquad \mathbf{z} = f^{-1}(\mathbf{x})`,
    ],
    aliases: [
      'change of variables',
      'change-of-variables formula',
      'change of variables formula',
      'log-determinant of the Jacobian',
      'log-det-Jacobian',
      'log det Jacobian',
    ],
    code: ['torch.distributions.transforms.Transform.log_abs_det_jacobian', 'tfp.bijectors.Bijector.forward_log_det_jacobian'],
    related: ['normalizing-flow', 'jacobian', 'density-scaling'],
    lab: { kind: 'flow', params: { flow: 'affine' } },
  },
  {
    id: 'coupling-layer',
    title: 'Affine coupling layer (RealNVP)',
    section: FLOWS,
    summary: 'Leaves half of the variables unchanged and scales and shifts the other half by functions of the first half.',
    definition:
      'A coupling layer splits x into x₁:d and x_{d+1:D}; the first part is copied and the second is transformed elementwise with a scale exp(s(·)) and a shift t(·) computed from the first. ' +
      'The Jacobian is triangular, so its determinant is the product of the scales, and the inverse only needs s and t evaluated forward. ' +
      'The networks s and t can be arbitrary; alternating which half is copied lets all variables be transformed.',
    formulas: [
      String.raw`\mathbf{y}_{1:d} = \mathbf{x}_{1:d},\qquad \mathbf{y}_{d+1:D} = \mathbf{x}_{d+1:D} \odot \exp\big(s(\mathbf{x}_{1:d})\big) + t(\mathbf{x}_{1:d})`,
      String.raw`\log |\det \mathbf{J}| = \sum_{j} s(\mathbf{x}_{1:d})_j,\qquad \mathbf{x}_{d+1:D} = \big(\mathbf{y}_{d+1:D} - t(\mathbf{y}_{1:d})\big) \odot \exp\big(-s(\mathbf{y}_{1:d})\big)`,
    ],
    aliases: ['coupling layer', 'coupling layers', 'affine coupling layer', 'affine coupling', 'RealNVP', 'Real NVP', 'NICE'],
    code: ['tfp.bijectors.RealNVP', 'nflows.transforms.AffineCouplingTransform', 'normflows.flows.AffineCouplingBlock', 'distrax.SplitCoupling'],
    related: ['normalizing-flow', 'change-of-variables'],
    lab: { kind: 'flow', params: { flow: 'realnvp', layers: 4 } },
  },
  {
    id: 'planar-flow',
    title: 'Planar flow',
    section: FLOWS,
    summary: 'An invertible layer f(z) = z + u·h(wᵀz + b) that bends the density along one hyperplane direction.',
    definition:
      'A planar flow adds a non-linear function of a single projection wᵀz to z along the direction u. ' +
      'By the matrix determinant lemma its Jacobian determinant is the scalar 1 + uᵀψ(z), computed in O(D). ' +
      'With h = tanh the map is invertible when wᵀu ≥ −1, which implementations enforce by reparameterizing u. ' +
      'The inverse has no closed form: one solves the monotone scalar equation a + wᵀu·h(a + b) = wᵀy for a = wᵀz numerically and then sets z = y − u·h(a + b), so every inverse costs an iterative solve.',
    formulas: [
      String.raw`f(\mathbf{z}) = \mathbf{z} + \mathbf{u}\, h(\mathbf{w}^\top \mathbf{z} + b);\qquad f^{-1}(\mathbf{y}) = \mathbf{y} - \mathbf{u}\, h(a + b),\ \ a + \mathbf{w}^\top \mathbf{u}\, h(a + b) = \mathbf{w}^\top \mathbf{y} \text{ solved numerically}`,
      String.raw`\det \frac{\partial f}{\partial \mathbf{z}} = 1 + \mathbf{u}^\top \psi(\mathbf{z}),\quad \psi(\mathbf{z}) = h'(\mathbf{w}^\top \mathbf{z} + b)\, \mathbf{w},\qquad \mathbf{w}^\top \mathbf{u} \ge -1`,
    ],
    aliases: ['planar flow', 'planar flows', 'planar transformation'],
    code: ['normflows.flows.Planar', 'pyro.distributions.transforms.Planar'],
    related: ['normalizing-flow', 'radial-flow'],
    lab: { kind: 'flow', params: { flow: 'planar', layers: 8 } },
  },
  {
    id: 'radial-flow',
    title: 'Radial flow',
    section: FLOWS,
    summary: 'An invertible layer that contracts or expands the density radially around a reference point z₀.',
    definition:
      'A radial flow moves each point towards or away from z₀ by an amount that decays with the distance r = ‖z − z₀‖. ' +
      'Its Jacobian determinant has a closed form, so the density is cheap to evaluate. ' +
      'It is invertible when β ≥ −α, again enforced by reparameterization. ' +
      'Since f only rescales z − z₀, the inverse reduces to the radius: ρ = ‖y − z₀‖ = r(1 + β/(α + r)) is a quadratic equation with exactly one non-negative root r, and then z = z₀ + (y − z₀)·r/ρ.',
    formulas: [
      String.raw`f(\mathbf{z}) = \mathbf{z} + \beta\, h(\alpha, r)(\mathbf{z} - \mathbf{z}_0),\quad r = \|\mathbf{z} - \mathbf{z}_0\|,\ h(\alpha, r) = \frac{1}{\alpha + r}`,
      String.raw`\det \frac{\partial f}{\partial \mathbf{z}} = \big(1 + \beta h\big)^{D-1} \big(1 + \beta h + \beta h'(\alpha, r)\, r\big),\qquad \beta \ge -\alpha`,
    ],
    aliases: ['radial flow', 'radial flows', 'radial transformation'],
    code: ['normflows.flows.Radial', 'pyro.distributions.transforms.Radial'],
    related: ['normalizing-flow', 'planar-flow'],
    lab: { kind: 'flow', params: { flow: 'radial', layers: 8 } },
  },
  {
    id: 'gan',
    title: 'Generative adversarial network (GAN)',
    section: GANS,
    summary: 'A generator and a discriminator trained against each other until generated samples cannot be told apart from real ones.',
    definition:
      'The generator G maps noise z to samples, and the discriminator D outputs the probability that its input is real. ' +
      'D is trained to classify real versus generated data, and G is trained to fool D. ' +
      'GANs give sharp samples but no likelihood, and their training can be unstable (vanishing gradients, mode collapse).',
    formulas: [String.raw`G: \mathbf{z} \sim p_z \mapsto G(\mathbf{z}) \sim p_g,\qquad D: \mathcal{X} \to [0, 1]`],
    aliases: ['generative adversarial network', 'generative adversarial networks', 'GAN', 'adversarial training of generators', 'generator and discriminator'],
    generic: ['discriminator', 'discriminators'],
    code: [],
    related: ['gan-minimax', 'optimal-discriminator', 'non-saturating-loss', 'mode-collapse'],
  },
  {
    id: 'gan-minimax',
    title: 'GAN minimax objective',
    section: GANS,
    summary: 'The value function V(D, G) that the discriminator maximizes and the generator minimizes.',
    definition:
      'The discriminator maximizes the log-likelihood of labelling real data as real and generated data as fake, a binary cross-entropy. ' +
      'The generator minimizes the same value, so training is a two-player zero-sum game solved by alternating gradient steps. ' +
      'With the optimal discriminator plugged in, the generator minimizes 2·JSD(p_data‖p_g) − log 4, whose minimum −log 4 is reached at p_g = p_data.',
    formulas: [
      String.raw`\min_G \max_D V(D, G) = \mathbb{E}_{\mathbf{x} \sim p_{\text{data}}}\big[\log D(\mathbf{x})\big] + \mathbb{E}_{\mathbf{z} \sim p_z}\big[\log\big(1 - D(G(\mathbf{z}))\big)\big]`,
      String.raw`\max_D V(D, G) = -\log 4 + 2\, \mathrm{JSD}(p_{\text{data}} \,\|\, p_g)`,
    ],
    aliases: ['minimax objective', 'minimax game', 'GAN objective', 'GAN loss', 'minimax'],
    code: [],
    related: ['gan', 'optimal-discriminator', 'js-divergence', 'binary-cross-entropy'],
  },
  {
    id: 'optimal-discriminator',
    title: 'Optimal discriminator',
    section: GANS,
    summary: 'For a fixed generator the best discriminator is D*(x) = p_data(x) / (p_data(x) + p_g(x)).',
    definition:
      'Maximizing V pointwise in D(x) is a one-dimensional problem a·log y + b·log(1 − y), solved by y = a/(a + b). ' +
      'Here a is the data density and b the density p_g of generated samples (not the noise density p_z). ' +
      'At the global optimum p_g = p_data the discriminator outputs 1/2 everywhere.',
    // The notes put p_z(x) in the denominator; it is the generator's distribution p_g(x).
    formulas: [
      String.raw`D^*_G(\mathbf{x}) = \frac{p_{\text{data}}(\mathbf{x})}{p_{\text{data}}(\mathbf{x}) + p_g(\mathbf{x})},\qquad p_g = p_{\text{data}} \Rightarrow D^* \equiv \tfrac{1}{2}`,
    ],
    aliases: ['optimal discriminator', 'Bayes-optimal discriminator'],
    code: [],
    related: ['gan-minimax', 'js-divergence'],
  },
  {
    id: 'non-saturating-loss',
    title: 'Non-saturating generator loss',
    section: GANS,
    summary: 'Train the generator to maximize log D(G(z)) instead of minimizing log(1 − D(G(z))), which keeps gradients alive early in training.',
    definition:
      'Early on the discriminator easily rejects generated samples, so D(G(z)) ≈ 0 and log(1 − D(G(z))) is flat: the generator gets almost no gradient. ' +
      'Maximizing log D(G(z)) has the same fixed point but strong gradients exactly when the generator is bad. ' +
      'It is the loss used in practice, implemented as binary cross-entropy with “real” labels for generated samples.',
    formulas: [
      String.raw`\mathcal{L}_G^{\text{NS}} = -\mathbb{E}_{\mathbf{z} \sim p_z}\big[\log D(G(\mathbf{z}))\big]\quad \text{instead of}\quad \mathbb{E}_{\mathbf{z}}\big[\log(1 - D(G(\mathbf{z})))\big]`,
    ],
    aliases: ['non-saturating loss', 'non-saturating GAN loss', 'non-saturating generator loss', 'saturating loss'],
    code: [],
    related: ['gan-minimax', 'binary-cross-entropy', 'exploding-vanishing-gradients'],
  },
  {
    id: 'mode-collapse',
    title: 'Mode collapse',
    section: GANS,
    summary: 'The generator produces only a few kinds of samples, covering a small part of the data distribution.',
    definition:
      'Because the generator is only rewarded for fooling the current discriminator, it can map many noise vectors to the same plausible output. ' +
      'The discriminator then learns to reject that output and the generator jumps to another mode, instead of covering all of them. ' +
      'Remedies include minibatch discrimination, unrolled GANs and Wasserstein losses.',
    formulas: [
      String.raw`G(\mathbf{z}_1) \approx G(\mathbf{z}_2)\ \text{ for most } \mathbf{z}_1, \mathbf{z}_2 \sim p_z,\qquad p_g \text{ covers few modes of } p_{\text{data}}`,
    ],
    aliases: ['mode collapse', 'mode dropping', 'Helvetica scenario'],
    code: [],
    related: ['gan', 'wasserstein-distance'],
  },
  {
    id: 'ddpm',
    title: 'Denoising diffusion probabilistic model (DDPM)',
    section: DDPM,
    summary: 'A generative model that learns to reverse a fixed process which gradually turns data into Gaussian noise.',
    definition:
      'A diffusion model fixes a forward Markov chain that adds a little Gaussian noise at each of T steps until the data is almost pure noise. ' +
      'A network learns the reverse steps, and sampling starts from noise and denoises step by step. ' +
      'Training reduces to predicting the added noise, a simple regression loss derived from a variational bound on the likelihood.',
    formulas: [
      String.raw`p_\theta(\mathbf{x}_{0:T}) = p(\mathbf{x}_T) \prod_{t=1}^{T} p_\theta(\mathbf{x}_{t-1} \mid \mathbf{x}_t),\qquad p(\mathbf{x}_T) = \mathcal{N}(\mathbf{0}, \mathbf{I})`,
    ],
    aliases: [
      'denoising diffusion probabilistic model',
      'denoising diffusion model',
      'diffusion model',
      'diffusion models',
      'DDPM',
      'score-based generative model',
    ],
    code: ['diffusers.DDPMPipeline', 'diffusers.DDPMScheduler', 'diffusers.DDIMScheduler'],
    related: ['diffusion-forward-process', 'diffusion-reverse-process', 'ddpm-loss', 'unet'],
  },
  {
    id: 'diffusion-forward-process',
    title: 'Forward (noising) process',
    section: DDPM,
    summary: 'A fixed Markov chain q(x_t | x_{t−1}) = N(√(1 − β_t) x_{t−1}, β_t I) that gradually destroys the data.',
    definition:
      'Each step shrinks the previous sample by √(1 − β_t) and adds Gaussian noise of variance β_t, following a variance schedule β₁, …, β_T. ' +
      'Because Gaussians compose, x_t can be sampled directly from x₀ with ᾱ_t = Π αᵢ, where αᵢ = 1 − βᵢ. ' +
      'The shrinking keeps the total variance bounded, so x_T is close to a standard normal.',
    formulas: [
      String.raw`q(\mathbf{x}_t \mid \mathbf{x}_{t-1}) = \mathcal{N}\big(\mathbf{x}_t;\ \sqrt{1 - \beta_t}\, \mathbf{x}_{t-1},\ \beta_t \mathbf{I}\big)`,
      String.raw`\mathbf{x}_t = \sqrt{\bar{\alpha}_t}\, \mathbf{x}_0 + \sqrt{1 - \bar{\alpha}_t}\, \boldsymbol{\epsilon},\quad \boldsymbol{\epsilon} \sim \mathcal{N}(\mathbf{0}, \mathbf{I}),\quad \bar{\alpha}_t = \prod_{i=1}^{t} (1 - \beta_i)`,
    ],
    aliases: ['diffusion forward process', 'forward diffusion process', 'noising process', 'noise schedule', 'variance schedule', 'beta schedule'],
    generic: ['forward process'],
    code: [],
    related: ['ddpm', 'diffusion-reverse-process', 'gaussian'],
  },
  {
    id: 'diffusion-reverse-process',
    title: 'Reverse (denoising) process',
    section: DDPM,
    summary: 'The learned Markov chain p_θ(x_{t−1} | x_t) = N(μ_θ(x_t, t), Σ_θ(x_t, t)) that turns noise back into data.',
    definition:
      'For small β_t the true reverse steps are close to Gaussian, so each is modelled by a Gaussian whose mean is predicted by a network. ' +
      'With the noise-prediction parameterization the mean is computed from x_t and the predicted noise ε_θ, and the variance is often fixed to β_t. ' +
      'Sampling runs the chain from x_T ~ N(0, I) down to x₀.',
    formulas: [
      String.raw`p_\theta(\mathbf{x}_{t-1} \mid \mathbf{x}_t) = \mathcal{N}\big(\mathbf{x}_{t-1};\ \boldsymbol{\mu}_\theta(\mathbf{x}_t, t),\ \boldsymbol{\Sigma}_\theta(\mathbf{x}_t, t)\big)`,
      String.raw`\boldsymbol{\mu}_\theta(\mathbf{x}_t, t) = \frac{1}{\sqrt{\alpha_t}}\Big(\mathbf{x}_t - \frac{\beta_t}{\sqrt{1 - \bar{\alpha}_t}}\, \boldsymbol{\epsilon}_\theta(\mathbf{x}_t, t)\Big)`,
    ],
    aliases: ['diffusion reverse process', 'reverse diffusion process', 'denoising process', 'ancestral sampling'],
    code: [],
    related: ['ddpm', 'diffusion-forward-process', 'ddpm-loss'],
  },
  {
    id: 'ddpm-loss',
    title: 'Simplified DDPM objective (noise prediction)',
    section: DDPM,
    summary: 'Train a network to predict the noise that was added to x₀, with a plain squared error.',
    definition:
      'Sample a time step t, a data point x₀ and noise ε, form x_t in closed form, and regress ε_θ(x_t, t) onto ε. ' +
      'This is a reweighted version of the variational bound on the negative log-likelihood that works better in practice. ' +
      'Predicting noise is equivalent, up to scaling, to estimating the score ∇ log q(x_t).',
    formulas: [
      String.raw`\mathcal{L}_{\text{simple}} = \mathbb{E}_{t, \mathbf{x}_0, \boldsymbol{\epsilon}}\Big[\big\|\boldsymbol{\epsilon} - \boldsymbol{\epsilon}_\theta\big(\sqrt{\bar{\alpha}_t}\, \mathbf{x}_0 + \sqrt{1 - \bar{\alpha}_t}\, \boldsymbol{\epsilon},\ t\big)\big\|^2\Big]`,
    ],
    aliases: ['simplified DDPM objective', 'noise prediction loss', 'noise-prediction objective', 'epsilon prediction', 'L_simple', 'denoising objective'],
    code: [],
    related: ['ddpm', 'diffusion-reverse-process', 'unet'],
  },
];
