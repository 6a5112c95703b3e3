import { CONV_LAB } from './convolution';
import type { Term } from './types';

const LAYERS = '12.1 Convolutional Layers';
const BORDER = '12.4 Border Handling';
const BACKPROP = '12.5 Backpropagation for Convolutions';
const POOL = '12.6 Pooling';
const STRIDE = '12.7 Sub-Sampling (Strides)';
const CHANNELS = '12.8 Channels';

function convLab(layer: Record<string, unknown>, inputShape = [1, 3, 32, 32]): Term['lab'] {
  return { kind: 'conv', params: { layers: [layer], inputShape } };
}

export const CONV_LAYER_TERMS: Term[] = [
  {
    id: 'conv2d',
    title: 'Convolutional layer (Conv2d)',
    section: LAYERS,
    summary: 'A layer that cross-correlates a learned kernel bank with its input, producing one output channel per kernel.',
    definition:
      'A 2-D convolutional layer holds C_out kernels of size C_in × k × k plus biases and slides each over the input, summing over all input channels. ' +
      'Local connectivity and weight sharing make it far cheaper than a dense layer and equivariant to shifts. ' +
      'The output size per spatial axis follows from the input size n, kernel k, padding p, stride s and dilation d.',
    formulas: [
      String.raw`y_{k}[i, j] = b_k + \sum_{c=1}^{C_{\text{in}}} \sum_{u, v} w_{k, c}[u, v]\; x_c[s\,i + d\,u - p,\ s\,j + d\,v - p]`,
      String.raw`n_{\text{out}} = \Big\lfloor \frac{n + 2p - d\,(k - 1) - 1}{s} \Big\rfloor + 1`,
    ],
    aliases: ['convolutional layer', 'convolution layer', 'conv layer', 'Conv2d', 'Conv2D', 'conv2d'],
    code: [
      'torch.nn.Conv2d',
      'torch.nn.functional.conv2d',
      'tf.keras.layers.Conv2D',
      'keras.layers.Conv2D',
      'tf.nn.conv2d',
      'flax.linen.Conv',
      'flax.nnx.Conv',
      'jax.lax.conv_general_dilated',
      'jax.lax.conv',
      'torch.nn.Conv3d',
      'torch.nn.functional.conv3d',
      'tf.keras.layers.Conv3D',
      'keras.layers.Conv3D',
      'torch.nn.LazyConv2d',
    ],
    related: ['cross-correlation', 'channels', 'padding', 'stride', 'receptive-field', 'weight-sharing'],
    lab: CONV_LAB,
  },
  {
    id: 'padding',
    title: 'Padding',
    section: BORDER,
    summary: 'Extends the input by p values on each side of every spatial axis so kernels can be centred on border pixels.',
    definition:
      'Without padding each convolution shrinks the signal by k − 1 along every axis and border values take part in fewer outputs. ' +
      'Padding by p adds p entries before and after (2p per axis), usually filled with a constant such as zero. ' +
      'With stride 1 the output length is n + 2p − k + 1.',
    formulas: [String.raw`n_{\text{out}} = \Big\lfloor \frac{n + 2p - k}{s} \Big\rfloor + 1`],
    aliases: ['border handling', 'padding of p', 'padded convolution'],
    generic: ['padding', 'zero padding', 'zero-padding', 'constant padding'],
    // Padding token sequences to one length is not a convolution's border.
    notNear: ['token', 'tokens', 'tokenizer', 'tokenized', 'sequence', 'sequences', 'pad_sequence'],
    notWithin: [
      'padding positions',
      'padding position',
      'padding tokens',
      'padding token',
      'padding mask',
      'padding masks',
      'padding index',
      'padding side',
      'padding_idx',
      'padded sequences',
      'sequence padding',
    ],
    code: [
      'torch.nn.functional.pad',
      'torch.nn.ZeroPad2d',
      'torch.nn.ConstantPad2d',
      'tf.keras.layers.ZeroPadding2D',
      'keras.layers.ZeroPadding2D',
      'np.pad',
      'jnp.pad',
      'tf.pad',
    ],
    related: ['same-padding', 'valid-padding', 'padding-modes', 'conv2d'],
    lab: convLab({ op: 'conv2d', in_channels: 3, out_channels: 8, kernel_size: 5, padding: 2 }),
  },
  {
    id: 'same-padding',
    title: 'Same padding',
    section: BORDER,
    summary: 'Zero padding chosen so that a stride-1 convolution returns an output of the same size as its input.',
    definition:
      'For an odd kernel size k and stride 1, padding (k − 1)/2 zeros on each side keeps the spatial size unchanged. ' +
      'For even k the padding is split unevenly between the two sides. ' +
      'Frameworks accept padding="same"; with stride s > 1 TensorFlow’s "same" gives an output of size ⌈n/s⌉.',
    formulas: [String.raw`p = \frac{k - 1}{2}\ (k \text{ odd},\ s = 1) \;\Rightarrow\; n_{\text{out}} = n`],
    aliases: ['same padding', 'half padding', 'SAME padding'],
    code: [],
    related: ['padding', 'valid-padding'],
    lab: convLab({ op: 'conv2d', in_channels: 3, out_channels: 8, kernel_size: 3, padding: 'same' }),
  },
  {
    id: 'valid-padding',
    title: 'Valid padding (no padding)',
    section: BORDER,
    summary: 'Keep only outputs whose window lies entirely inside the input, so no padding is added.',
    definition:
      'Valid convolution evaluates the kernel only at positions where it is fully supported by the signal. ' +
      'Each layer therefore shrinks the size by k − 1 per axis (with stride 1). ' +
      'It is PyTorch’s default (padding=0) and Keras’ padding="valid".',
    formulas: [String.raw`n_{\text{out}} = n - k + 1\quad (p = 0,\ s = 1)`],
    aliases: ['valid padding', 'valid convolution', 'VALID padding'],
    code: [],
    related: ['padding', 'same-padding', 'parameter-count'],
    lab: convLab({ op: 'conv2d', in_channels: 3, out_channels: 8, kernel_size: 3, padding: 'valid' }),
  },
  {
    id: 'padding-modes',
    title: 'Padding modes (zero, reflect, replicate, circular)',
    section: BORDER,
    summary: 'What values fill the border: zeros, a mirror image, the edge value repeated, or the opposite side wrapped around.',
    definition:
      'Zero padding is simplest but introduces artificial edges; reflect padding mirrors the signal without repeating the edge value, replicate repeats the edge value, and circular padding wraps around. ' +
      'Circular padding makes the convolution exactly circular, matching the FFT. ' +
      'Image-generation models often prefer reflect padding to avoid border artefacts.',
    formulas: [String.raw`\text{reflect: } x_{-i} = x_{i},\quad \text{replicate: } x_{-i} = x_0,\quad \text{circular: } x_{-i} = x_{n-i}`],
    aliases: ['reflect padding', 'reflection padding', 'replicate padding', 'replication padding', 'circular padding', 'padding mode'],
    code: ['torch.nn.ReflectionPad2d', 'torch.nn.ReplicationPad2d', 'torch.nn.CircularPad2d', 'torch.nn.ReflectionPad1d'],
    related: ['padding', 'convolution-theorem'],
    lab: convLab({ op: 'conv2d', in_channels: 3, out_channels: 8, kernel_size: 3, padding: 1, padding_mode: 'reflect' }),
  },
  {
    id: 'receptive-field',
    title: 'Receptive field',
    section: BACKPROP,
    summary: 'The set of input positions that can influence a given unit.',
    definition:
      'For one layer, the receptive field of output i is the set of inputs j with a non-zero weight in row i of the layer’s (Toeplitz) matrix. ' +
      'Stacking layers composes these sets, so the field grows with depth: each layer adds (k − 1) times the product of earlier strides. ' +
      'Small kernels stacked deep, strides, pooling and dilation are the ways to grow it cheaply.',
    formulas: [String.raw`\mathcal{I}_i^{l} = \{\, j \mid W^{l}_{ij} \ne 0 \,\}`, String.raw`r_l = r_{l-1} + (k_l - 1)\prod_{i<l} s_i,\qquad r_0 = 1`],
    aliases: ['receptive field', 'receptive fields', 'local receptive field'],
    code: [],
    related: ['toeplitz-matrix', 'dilated-convolution', 'vgg', 'stride'],
    lab: {
      kind: 'conv',
      params: {
        layers: [
          { op: 'conv2d', in_channels: 3, out_channels: 16, kernel_size: 3, padding: 1 },
          { op: 'conv2d', in_channels: 16, out_channels: 16, kernel_size: 3, padding: 1 },
        ],
        inputShape: [1, 3, 32, 32],
      },
    },
  },
  {
    id: 'weight-sharing',
    title: 'Weight sharing',
    section: BACKPROP,
    summary: 'The same kernel weights are used at every position, so their gradient is the sum of the gradients from all positions.',
    definition:
      'A convolution applies one kernel across the whole input instead of learning separate weights per location. ' +
      'This cuts the parameter count from one weight set per output to one per kernel and builds in shift-equivariance. ' +
      'Because each weight is reused, backpropagation adds up its contributions over all output positions; RNNs share weights over time in the same way.',
    formulas: [String.raw`\frac{\partial \mathcal{R}}{\partial w_o} = \sum_{k} \frac{\partial \mathcal{R}}{\partial y_k}\, \frac{\partial y_k}{\partial w_o}`],
    aliases: ['weight sharing', 'weight-sharing', 'shared weights', 'parameter sharing', 'tied weights'],
    code: [],
    related: ['conv-backprop', 'conv2d', 'bptt'],
  },
  {
    id: 'conv-backprop',
    title: 'Backpropagation through a convolution',
    section: BACKPROP,
    summary: 'The gradients of a convolution with respect to its kernel and its input are themselves convolutions.',
    definition:
      'For y = x ∗ w, the gradient for the kernel is the upstream gradient convolved with the input flipped by 180°, and the gradient for the input is the upstream gradient convolved with the flipped kernel (a full convolution, i.e. a transposed convolution). ' +
      'Both follow from the chain rule summed over all output positions that used a weight. ' +
      'The indices may be multi-dimensional, and activations and biases are added with the chain rule.',
    formulas: [
      String.raw`\mathbf{y} = \mathbf{x} * \mathbf{w}:\quad \frac{\partial \mathcal{R}}{\partial w_i} = \sum_k \frac{\partial \mathcal{R}}{\partial y_k}\, x_{k-i} = \Big(\frac{\partial \mathcal{R}}{\partial \mathbf{y}} * \operatorname{rot180}(\mathbf{x})\Big)_i`,
      String.raw`\frac{\partial \mathcal{R}}{\partial x_j} = \sum_k \frac{\partial \mathcal{R}}{\partial y_k}\, w_{k-j} = \Big(\frac{\partial \mathcal{R}}{\partial \mathbf{y}} * \operatorname{rot180}(\mathbf{w})\Big)_j`,
    ],
    aliases: ['backpropagation for convolutions', 'convolution backpropagation', 'conv backprop', 'gradient of a convolution'],
    code: ['torch.nn.grad.conv2d_weight', 'torch.nn.grad.conv2d_input'],
    related: ['kernel-flip', 'weight-sharing', 'backpropagation', 'transposed-convolution', 'toeplitz-matrix'],
    lab: CONV_LAB,
  },
  {
    id: 'kernel-flip',
    title: 'Rotation by 180° (kernel flip)',
    section: BACKPROP,
    summary: 'Reverses a signal in every axis: rot180(x)ᵢ = x₋ᵢ.',
    definition:
      'rot180 reflects the index of a signal through the origin, which for a 2-D kernel is a rotation by 180°. ' +
      'It converts between convolution and cross-correlation and appears in the backward pass of a convolution. ' +
      'Applying it twice gives back the original signal.',
    formulas: [String.raw`\operatorname{rot180}(\mathbf{x})_i = \mathbf{x}_{-i},\qquad h * f = \operatorname{rot180}(h) \star f`],
    aliases: ['rot180', 'Rotation180', 'rotation by 180 degrees', 'kernel flip', 'flipped kernel'],
    // Not torch.rot90/np.rot90: they rotate by 90° per call (rot180 would be rot90(x, 2)).
    code: ['torch.flip', 'np.flip'],
    related: ['cross-correlation', 'conv-backprop'],
  },
  {
    id: 'pooling',
    title: 'Pooling',
    section: POOL,
    summary: 'Summarizes each window of a feature map by one number (max, min, average or softmax), shrinking it and adding local invariance.',
    definition:
      'A pooling layer slides a window, usually with stride equal to its size, and replaces each window by a summary statistic. ' +
      'It has no parameters, acts on each channel separately, and makes the output insensitive to small shifts inside a window. ' +
      'Max pooling is the most common; average pooling and global average pooling are used before classifiers.',
    formulas: [
      String.raw`x^{\text{avg}}_{ij} = \frac{1}{r^2}\sum_{0 \le k, l < r} x_{ri + k,\, rj + l},\qquad n_{\text{out}} = \Big\lfloor \frac{n + 2p - r}{s} \Big\rfloor + 1`,
    ],
    aliases: ['pooling layer', 'average pooling', 'avg pooling', 'mean pooling', 'min pooling', 'global average pooling', 'sub-sampling layer'],
    generic: ['pooling'],
    code: [
      'torch.nn.AvgPool2d',
      'torch.nn.AvgPool1d',
      'torch.nn.functional.avg_pool2d',
      'torch.nn.AdaptiveAvgPool2d',
      'torch.nn.functional.adaptive_avg_pool2d',
      'tf.keras.layers.AveragePooling2D',
      'keras.layers.AveragePooling2D',
      'tf.keras.layers.GlobalAveragePooling2D',
      'keras.layers.GlobalAveragePooling2D',
      'flax.linen.avg_pool',
      'tf.nn.avg_pool2d',
    ],
    related: ['max-pooling', 'stride', 'shift-equivariance'],
    lab: convLab({ op: 'avg_pool2d', kernel_size: 2, stride: 2 }),
  },
  {
    id: 'max-pooling',
    title: 'Max pooling',
    section: POOL,
    summary: 'Keeps the largest value in each k×k window of a feature map, the windows placed s positions apart.',
    definition:
      'Max pooling reports whether a feature was detected anywhere in the window, discarding its exact position. ' +
      'In the backward pass the gradient flows only to the position that attained the maximum. ' +
      'PyTorch’s MaxPool2d and Keras’ MaxPooling2D default to stride s = k (non-overlapping windows), so a 2×2 window halves each spatial dimension, while flax.linen.max_pool defaults to stride 1.',
    formulas: [
      String.raw`\text{1-D: } x^{\max}_{i} = \max\{\, x_{s i + u} \mid 0 \le u < k \,\},\qquad \text{2-D: } x^{\max}_{ij} = \max\{\, x_{s i + u,\, s j + v} \mid 0 \le u, v < k \,\}`,
      String.raw`n_{\text{out}} = \Big\lfloor \frac{n + 2p - k}{s} \Big\rfloor + 1,\qquad s = k \text{ by default in PyTorch}`,
    ],
    aliases: ['max pooling', 'max-pooling', 'maxpool', 'MaxPool', 'max pool'],
    code: [
      'torch.nn.MaxPool2d',
      'torch.nn.MaxPool1d',
      'torch.nn.MaxPool3d',
      'torch.nn.functional.max_pool2d',
      'torch.nn.functional.max_pool1d',
      'torch.nn.AdaptiveMaxPool2d',
      'tf.keras.layers.MaxPooling2D',
      'keras.layers.MaxPooling2D',
      'tf.keras.layers.MaxPool2D',
      'keras.layers.MaxPool2D',
      'tf.keras.layers.MaxPooling1D',
      'flax.linen.max_pool',
      'tf.nn.max_pool2d',
    ],
    related: ['pooling', 'stride', 'unet'],
    lab: convLab({ op: 'max_pool2d', kernel_size: 2, stride: 2 }),
  },
  {
    id: 'stride',
    title: 'Stride (sub-sampling)',
    section: STRIDE,
    summary: 'The number of positions the kernel moves between outputs; a stride s keeps every s-th output.',
    definition:
      'A strided convolution evaluates the kernel only at every s-th position along each axis, which equals computing the full convolution and sub-sampling it. ' +
      'It divides the spatial size by roughly s and cuts computation accordingly. ' +
      'Strided convolutions are a learnable alternative to pooling for downsampling.',
    formulas: [String.raw`y[i] = \sum_{u} w[u]\, x[s\,i + u],\qquad n_{\text{out}} = \Big\lfloor \frac{n + 2p - k}{s} \Big\rfloor + 1`],
    aliases: ['strided convolution', 'strided convolutions', 'convolution stride'],
    generic: ['stride', 'strides', 'sub-sampling', 'subsampling', 'downsampling', 'down-sampling'],
    code: [],
    related: ['conv2d', 'pooling', 'receptive-field'],
    lab: convLab({ op: 'conv2d', in_channels: 3, out_channels: 16, kernel_size: 3, stride: 2, padding: 1 }),
  },
  {
    id: 'channels',
    title: 'Channels (multi-channel convolution)',
    section: CHANNELS,
    summary: 'Each output channel sums the convolutions of every input channel with its own slice of a kernel.',
    definition:
      'An image has several channels (e.g. RGB) and a convolutional layer learns C_out kernels of depth C_in. ' +
      'Each kernel is convolved with all input channels and the results are summed, so every output feature map sees all input channels and their order does not matter to the architecture. ' +
      'A layer with k×k kernels therefore has C_out(C_in k² + 1) parameters; e.g. two 3×3×3 filters on a (zero-padded) 7×7×3 input with stride 2 give a 3×3×2 output.',
    formulas: [
      String.raw`y_{k} = b_k + \sum_{c=1}^{C_{\text{in}}} w_{k, c} \star x_{c},\qquad k = 1, \dots, C_{\text{out}}`,
      String.raw`\#\text{params} = C_{\text{out}}\,(C_{\text{in}}\, k^2 + 1)`,
    ],
    aliases: [
      'input channels',
      'output channels',
      'feature map',
      'feature maps',
      'multi-channel convolution',
      'number of channels',
      'channel dimension',
      'in_channels',
      'out_channels',
    ],
    generic: ['channel', 'channels'],
    code: [],
    related: ['conv2d', 'one-by-one-convolution', 'depthwise-separable-convolution', 'parameter-count'],
    lab: convLab({ op: 'conv2d', in_channels: 3, out_channels: 2, kernel_size: 3, stride: 2, padding: 0 }, [1, 3, 7, 7]),
  },
  {
    id: 'depthwise-separable-convolution',
    title: 'Depthwise-separable convolution',
    section: CHANNELS,
    summary: 'A per-channel (depthwise) k×k convolution followed by a 1×1 (pointwise) convolution that mixes channels.',
    definition:
      'A depthwise convolution filters each input channel separately (groups = C_in), and a pointwise 1×1 convolution then combines channels. ' +
      'Together they approximate a full convolution with C_in k² + C_in C_out weights instead of C_in C_out k². ' +
      'MobileNet and Xception are built from them; grouped convolutions interpolate between the two extremes.',
    formulas: [
      String.raw`\#\text{params} = \underbrace{C_{\text{in}}\, k^2}_{\text{depthwise}} + \underbrace{C_{\text{in}}\, C_{\text{out}}}_{\text{pointwise}}\ \ \text{vs.}\ \ C_{\text{in}}\, C_{\text{out}}\, k^2`,
    ],
    aliases: [
      'depthwise separable convolution',
      'depthwise-separable convolution',
      'depthwise convolution',
      'separable convolution',
      'grouped convolution',
      'group convolution',
      'pointwise convolution',
    ],
    code: ['tf.keras.layers.SeparableConv2D', 'keras.layers.SeparableConv2D', 'tf.keras.layers.DepthwiseConv2D', 'keras.layers.DepthwiseConv2D'],
    related: ['channels', 'one-by-one-convolution', 'conv2d'],
    lab: convLab({ op: 'conv2d', in_channels: 16, out_channels: 16, kernel_size: 3, padding: 1, groups: 16 }, [1, 16, 32, 32]),
  },
];
