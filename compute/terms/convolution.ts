import type { Term } from './types';

const LAYERS = '12.1 Convolutional Layers';
const DISCRETE = '12.2 Discrete Convolution and Cross-Correlation';
const MATRIX = '12.3 Convolution via Matrices';

/** A small conv layer for the lab: 3→16 channels, 3×3 kernel, on a 32×32 RGB image. */
export const CONV_LAB = {
  kind: 'conv',
  params: { layers: [{ op: 'conv2d', in_channels: 3, out_channels: 16, kernel_size: 3, stride: 1, padding: 1 }], inputShape: [1, 3, 32, 32] },
} as const;

export const CONVOLUTION_TERMS: Term[] = [
  {
    id: 'transform',
    title: 'Transform (operator on functions)',
    section: LAYERS,
    summary: 'A mapping that takes a whole function and returns another function.',
    definition:
      'A transform T maps a space of functions ℱ to another space ℱ′, so its input and output are signals rather than numbers. ' +
      'Convolutions, the Fourier transform and differentiation are examples. ' +
      'Viewing layers as transforms on signals is what makes properties such as linearity and shift-equivariance meaningful.',
    formulas: [String.raw`T: \mathcal{F} \to \mathcal{F}',\qquad f \mapsto Tf`],
    aliases: ['function transform', 'operator on functions'],
    code: [],
    related: ['linear-transform', 'integral-transform', 'convolution'],
  },
  {
    id: 'linear-transform',
    title: 'Linear transform',
    section: LAYERS,
    summary: 'A transform that preserves weighted sums of functions: T(αf + βg) = αTf + βTg.',
    definition:
      'Linearity means the response to a superposition of inputs is the superposition of the responses. ' +
      'Every integral transform, and hence every convolution, is linear. ' +
      'Linear transforms that additionally commute with shifts are exactly the convolutions.',
    formulas: [String.raw`T(\alpha f + \beta g) = \alpha\, (Tf) + \beta\, (Tg)\quad \forall f, g,\ \alpha, \beta`],
    aliases: ['linear transform', 'linear operator', 'linear transformation'],
    code: [],
    related: ['transform', 'integral-transform', 'lti-convolution'],
  },
  {
    id: 'integral-transform',
    title: 'Integral transform',
    section: LAYERS,
    summary: 'A transform that integrates the input function against a kernel K(t, u).',
    definition:
      'An integral transform computes each output value as an integral of the input weighted by a kernel that depends on the input and output positions. ' +
      'Linearity of the integral makes every integral transform linear. ' +
      'The Fourier transform uses K(t, u) = e^{−2πiut}, and convolution uses K(t, u) = h(u − t).',
    formulas: [String.raw`(Tf)(u) = \int_{t_1}^{t_2} K(t, u)\, f(t)\, dt`],
    aliases: ['integral transform', 'integral operator'],
    code: [],
    related: ['linear-transform', 'fourier-transform', 'convolution'],
  },
  {
    id: 'convolution',
    title: 'Convolution',
    section: LAYERS,
    summary: 'The integral of one function against a flipped, shifted copy of another: (f ∗ h)(u) = ∫ h(t) f(u − t) dt.',
    definition:
      'Convolution slides a flipped kernel h over a signal f and integrates the product at every shift. ' +
      'It is commutative and associative, and it exists when the integral converges, typically for a signal and a fast-decaying kernel. ' +
      'Deep-learning libraries call their layers convolutions but actually compute cross-correlations, which differ only by flipping the learned kernel.',
    formulas: [
      String.raw`(f * h)(u) = \int_{-\infty}^{\infty} h(t)\, f(u - t)\, dt = \int_{-\infty}^{\infty} f(t)\, h(u - t)\, dt`,
      String.raw`f * h = h * f,\qquad (f * g) * h = f * (g * h)`,
    ],
    aliases: ['convolution', 'convolutions', 'convolution operator', 'continuous convolution'],
    code: [],
    related: ['discrete-convolution', 'cross-correlation', 'lti-convolution', 'conv2d', 'convolution-of-densities'],
    lab: CONV_LAB,
  },
  {
    id: 'lti-convolution',
    title: 'Linear shift-invariant transforms are convolutions',
    section: LAYERS,
    summary: 'Every linear transform that commutes with shifts is a convolution with some kernel h (its impulse response).',
    definition:
      'If T is linear and shifting the input shifts the output by the same amount, then T is fully described by its response h to an impulse, and Tf = f ∗ h. ' +
      'Conversely every convolution is linear and shift-equivariant. ' +
      'This is why convolutional layers are the natural linear layers for signals whose meaning does not depend on position.',
    // The notes call this the "Convolution Theorem"; that name usually refers to F(f ∗ h) = Ff · Fh
    // (see the entry convolution-theorem). This result is the characterization of LTI systems.
    formulas: [String.raw`T \text{ linear},\ T(f_\Delta) = (Tf)_\Delta\ \forall \Delta \;\Longrightarrow\; Tf = f * h,\quad h = T\delta`],
    aliases: ['linear shift-invariant', 'linear translation-invariant', 'LTI system', 'linear time-invariant', 'impulse response', 'LSI transform'],
    code: [],
    related: ['convolution', 'shift-equivariance', 'linear-transform'],
  },
  {
    id: 'shift-equivariance',
    title: 'Shift equivariance of convolution',
    section: LAYERS,
    summary: 'Shifting the input of a convolution shifts its output by the same amount.',
    definition:
      'With f_Δ(t) = f(t + Δ), convolving the shifted signal gives the shifted result: (f_Δ ∗ h) = (f ∗ h)_Δ. ' +
      'The notes call this shift-invariance; strictly it is equivariance, since the output moves with the input rather than staying fixed. ' +
      'Pooling and global averaging turn the equivariance into approximate invariance, which suits classification.',
    formulas: [String.raw`f_\Delta(t) := f(t + \Delta):\qquad (f_\Delta * h)(u) = (f * h)_\Delta(u)`],
    aliases: [
      'shift equivariance',
      'shift-equivariance',
      'translation equivariance',
      'shift invariance',
      'translation invariance',
      'shift-invariant',
      'translation-invariant',
    ],
    code: [],
    related: ['convolution', 'lti-convolution', 'pooling'],
  },
  {
    id: 'fourier-transform',
    title: 'Fourier transform',
    section: LAYERS,
    summary: 'Decomposes a function into complex exponentials: (ℱf)(u) = ∫ f(t) e^{−2πiut} dt.',
    definition:
      'The Fourier transform is the integral transform with kernel e^{−2πiut}; it expresses a signal as a superposition of frequencies. ' +
      'The inverse uses the conjugate kernel e^{+2πiut}. ' +
      'The fast Fourier transform computes its discrete version in O(n log n), which makes large convolutions cheap.',
    formulas: [
      String.raw`(\mathcal{F}f)(u) = \int_{-\infty}^{\infty} f(t)\, e^{-2\pi i u t}\, dt,\qquad (\mathcal{F}^{-1}g)(t) = \int_{-\infty}^{\infty} g(u)\, e^{2\pi i u t}\, du`,
    ],
    aliases: ['Fourier transform', 'fast Fourier transform', 'FFT', 'discrete Fourier transform', 'DFT', 'inverse Fourier transform'],
    code: [
      'np.fft.fft',
      'np.fft.fft2',
      'np.fft.rfft',
      'np.fft.ifft',
      'torch.fft.fft',
      'torch.fft.fft2',
      'torch.fft.rfft',
      'torch.fft.ifft',
      'jnp.fft.fft',
      'scipy.fft.fft',
      'tf.signal.fft',
    ],
    related: ['convolution-theorem', 'integral-transform'],
  },
  {
    id: 'convolution-theorem',
    title: 'Convolution theorem',
    section: LAYERS,
    summary: 'The Fourier transform turns convolution into pointwise multiplication.',
    definition:
      'Transforming a convolution gives the product of the transforms, so f ∗ h can be computed by transforming both, multiplying, and transforming back. ' +
      'With the FFT this costs O(n log n) instead of O(nk), which pays off for large kernels. ' +
      'For finite discrete signals the theorem holds for circular convolution, so inputs are zero-padded to get a linear one.',
    formulas: [String.raw`\mathcal{F}(f * h) = \mathcal{F}f \cdot \mathcal{F}h,\qquad f * h = \mathcal{F}^{-1}\big(\mathcal{F}f \cdot \mathcal{F}h\big)`],
    aliases: ['convolution theorem', 'FFT convolution', 'Fourier convolution'],
    code: ['scipy.signal.fftconvolve', 'scipy.signal.oaconvolve'],
    related: ['fourier-transform', 'convolution'],
  },
  {
    id: 'discrete-convolution',
    title: 'Discrete convolution',
    section: DISCRETE,
    summary: 'Convolution of sequences: (f ∗ h)[u] = Σₜ f[t] h[u − t].',
    definition:
      'For signals on the integers the integral becomes a sum over all shifts. ' +
      'Kernels used in practice have finite support (a window), so each output is a finite weighted sum of neighbouring inputs. ' +
      'Multidimensional convolution sums over every axis, and images use two spatial axes.',
    formulas: [
      String.raw`(f * h)[u] = \sum_{t=-\infty}^{\infty} f[t]\, h[u - t] = \sum_{t=-\infty}^{\infty} f[u - t]\, h[t]`,
      String.raw`(f * h)[u_1, \dots, u_d] = \sum_{t_1} \cdots \sum_{t_d} f[t_1, \dots, t_d]\, h[u_1 - t_1, \dots, u_d - t_d]`,
    ],
    aliases: ['discrete convolution', 'multidimensional convolution', 'multidimensional discrete convolution', '2D convolution', '1D convolution of sequences'],
    code: ['np.convolve', 'jnp.convolve', 'scipy.signal.convolve', 'scipy.signal.convolve2d', 'scipy.ndimage.convolve'],
    related: ['convolution', 'cross-correlation', 'toeplitz-matrix'],
    lab: CONV_LAB,
  },
  {
    id: 'cross-correlation',
    title: 'Cross-correlation (what conv layers compute)',
    section: DISCRETE,
    summary: 'A sliding inner product without kernel flip: (h ⋆ f)[u] = Σₜ h[t] f[u + t].',
    definition:
      'Cross-correlation slides the kernel over the signal and takes the inner product at each offset, without flipping it. ' +
      'It equals convolution with the flipped kernel h̄[t] = h[−t], so the two coincide for symmetric kernels. ' +
      'Unlike convolution it is not commutative; PyTorch, TensorFlow and JAX conv layers compute it, and since the kernel is learned the flip does not matter.',
    formulas: [String.raw`(h \star f)[u] = \sum_{t} h[t]\, f[u + t] = \sum_{t} h[-t]\, f[u - t] = (\bar{h} * f)[u],\quad \bar{h}[t] = h[-t]`],
    aliases: ['cross-correlation', 'cross correlation', 'sliding inner product', 'correlation filter'],
    code: ['np.correlate', 'scipy.signal.correlate', 'scipy.signal.correlate2d', 'scipy.ndimage.correlate'],
    related: ['convolution', 'discrete-convolution', 'kernel-flip', 'conv2d'],
    lab: CONV_LAB,
  },
  {
    id: 'toeplitz-matrix',
    title: 'Convolution as a Toeplitz matrix',
    section: MATRIX,
    summary: 'A 1-D convolution is multiplication by a banded Toeplitz matrix built from shifted copies of the kernel.',
    definition:
      'Writing input and output as vectors, each output is a fixed linear combination of inputs, so the convolution is a matrix-vector product y = Hx. ' +
      'Each row of H holds the (flipped) kernel shifted by one more position, giving a banded matrix that is constant along its diagonals (Toeplitz); circular padding makes it circulant. ' +
      'The matrix view explains backpropagation: the gradient with respect to the input is multiplication by Hᵀ, a convolution with the flipped kernel.',
    formulas: [
      String.raw`\mathbf{y} = \mathbf{H}\mathbf{x},\qquad H_{ij} = h[i - j]`,
      String.raw`\begin{bmatrix} y_1 \\ y_2 \\ y_3 \end{bmatrix} = \begin{bmatrix} h_0 & 0 & 0 \\ h_1 & h_0 & 0 \\ h_2 & h_1 & h_0 \end{bmatrix} \begin{bmatrix} x_1 \\ x_2 \\ x_3 \end{bmatrix}`,
    ],
    aliases: ['Toeplitz matrix', 'circulant matrix', 'convolution matrix', 'convolution via matrices', 'band matrix', 'banded matrix'],
    code: ['scipy.linalg.toeplitz', 'scipy.linalg.circulant', 'scipy.linalg.convolution_matrix'],
    related: ['discrete-convolution', 'im2col', 'conv-backprop', 'receptive-field'],
  },
  {
    id: 'im2col',
    title: 'im2col (unfold)',
    section: MATRIX,
    summary: 'Rearranges every kernel-sized patch of the input into a column so a convolution becomes one matrix multiplication.',
    definition:
      'im2col copies each receptive-field patch, across all input channels, into a column of a large matrix. ' +
      'Multiplying the reshaped kernels (out_channels × c·k·k) by that matrix computes all outputs at once with a fast GEMM routine. ' +
      'It trades memory (every input value is copied up to k² times) for speed.',
    formulas: [
      String.raw`\mathbf{Y} = \mathbf{W}_{\text{flat}}\, \operatorname{im2col}(\mathbf{X}),\quad \mathbf{W}_{\text{flat}} \in \mathbb{R}^{C_{\text{out}} \times C_{\text{in}} k^2}`,
    ],
    aliases: ['im2col', 'patch extraction'],
    generic: ['unfold'],
    code: ['torch.nn.functional.unfold', 'torch.nn.Unfold', 'torch.nn.Fold', 'tf.image.extract_patches'],
    related: ['toeplitz-matrix', 'conv2d'],
    lab: CONV_LAB,
  },
];
