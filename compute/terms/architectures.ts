import type { Term } from './types';

const CNN = '12 Convolutional Neural Networks';
const VISION = '12.9 CNNs in Computer Vision';
const CLASSIC = '12.9.1 Classic CNN Architectures';
const SEQ = '12.9.2 Convolutions in Sequences, NLP & Audio';
const PARAMS = '12.10 Comparison of #Parameters (CNNs, FC, LC)';

const lab = (layer: Record<string, unknown>, inputShape: number[]): Term['lab'] => ({ kind: 'conv', params: { layers: [layer], inputShape } });

export const ARCHITECTURE_TERMS: Term[] = [
  {
    id: 'cnn',
    title: 'Convolutional neural network (CNN)',
    section: CNN,
    summary: 'A network built mainly from convolutional layers, exploiting locality and weight sharing in grid-structured data.',
    definition:
      'A CNN stacks convolutions, non-linearities and down-sampling (pooling or strides), usually followed by a few fully connected layers. ' +
      'Local kernels and shared weights give far fewer parameters than dense layers and make the features shift-equivariant. ' +
      'Applied to images, audio and text, CNNs learn a hierarchy from local patterns to semantic features.',
    formulas: [String.raw`\mathbf{x}^{(l)} = \operatorname{pool}\big(\phi(\mathbf{W}^{(l)} \star \mathbf{x}^{(l-1)} + \mathbf{b}^{(l)})\big)`],
    aliases: ['convolutional neural network', 'convolutional network', 'CNN', 'ConvNet', 'convnet'],
    code: [],
    related: ['conv2d', 'pooling', 'cnn-vision', 'parameter-count'],
  },
  {
    id: 'cnn-vision',
    title: 'CNN design for vision',
    section: VISION,
    summary: 'Vision CNNs shrink spatial resolution while growing the number of channels, turning spatial detail into semantic features.',
    definition:
      'Typical vision networks alternate convolutions with sub-sampling so that each stage halves the height and width and roughly doubles the channels. ' +
      'Deep layers thus see large receptive fields and encode what is present rather than where. ' +
      'In classic designs most parameters sit in the final fully connected layers, which is why later architectures replaced them with global average pooling.',
    formulas: [String.raw`(H, W, C) \;\to\; \Big(\frac{H}{2}, \frac{W}{2}, 2C\Big) \;\to\; \cdots \;\to\; (1, 1, C_{\text{final}})`],
    aliases: ['feature hierarchy', 'CNNs in computer vision', 'image classification network', 'backbone network'],
    code: [],
    related: ['cnn', 'stride', 'receptive-field', 'vgg'],
  },
  {
    id: 'lenet',
    title: 'LeNet-5 (1998)',
    section: CLASSIC,
    summary: 'LeCun’s early CNN for handwritten digits: two convolution/average-pooling stages followed by three fully connected layers.',
    definition:
      'LeNet-5 read 32×32 digit images with 5×5 convolutions, average-pooling sub-sampling and tanh/sigmoid non-linearities. ' +
      'It combined the ideas that define CNNs: each unit looks at a small neighbourhood, kernels are reused at every position, and resolution is reduced stage by stage. ' +
      'It has about 60 thousand parameters and was used to read cheques.',
    formulas: [
      String.raw`32{\times}32 \xrightarrow{\text{conv }5\times5,\,6} 28{\times}28{\times}6 \xrightarrow{\text{pool}} 14{\times}14{\times}6 \xrightarrow{\text{conv }5\times5,\,16} 10{\times}10{\times}16 \xrightarrow{\text{pool}} 5{\times}5{\times}16 \to 120 \to 84 \to 10`,
    ],
    aliases: ['LeNet', 'LeNet-5', 'LeNet5'],
    code: [],
    related: ['cnn', 'pooling', 'alexnet'],
    lab: lab({ op: 'conv2d', in_channels: 1, out_channels: 6, kernel_size: 5 }, [1, 1, 32, 32]),
  },
  {
    id: 'alexnet',
    title: 'AlexNet (2012)',
    section: CLASSIC,
    summary: 'The GPU-trained CNN that won ImageNet 2012 and started the deep-learning boom.',
    definition:
      'AlexNet has five convolutional and three fully connected layers, starting with large 11×11 kernels at stride 4. ' +
      'It popularized ReLU activations, dropout in the dense layers and heavy data augmentation, and was trained on two GPUs. ' +
      'Its error on ImageNet was about ten points lower than the runner-up.',
    formulas: [String.raw`224{\times}224{\times}3 \xrightarrow{\text{conv }11\times11/4,\,96} 55{\times}55{\times}96 \to \cdots \to 4096 \to 4096 \to 1000`],
    aliases: ['AlexNet'],
    code: ['torchvision.models.alexnet', 'torchvision.models.AlexNet'],
    related: ['relu', 'dropout', 'data-augmentation', 'lenet', 'vgg'],
    lab: lab({ op: 'conv2d', in_channels: 3, out_channels: 96, kernel_size: 11, stride: 4, padding: 2 }, [1, 3, 224, 224]),
  },
  {
    id: 'vgg',
    title: 'VGG network (2014)',
    section: CLASSIC,
    summary: 'A deep, uniform CNN built only from stacks of 3×3 convolutions and 2×2 max pooling.',
    definition:
      'VGG studied depth by replacing large kernels with stacks of small 3×3 ones. ' +
      'Two stacked 3×3 layers see a 5×5 region and three see 7×7, with fewer weights (18C² or 27C² instead of 25C² or 49C²) and extra non-linearities in between. ' +
      'VGG-16 has about 138 million parameters, most of them in the fully connected layers.',
    formulas: [String.raw`\text{two } 3{\times}3: 2 \cdot 9C^2 = 18C^2 < 25C^2 \ (\text{one } 5{\times}5),\qquad r = 1 + 2 \cdot (3 - 1) = 5`],
    aliases: ['VGG', 'VGGNet', 'VGG-16', 'VGG16', 'VGG-19', 'VGG19', 'VGG network'],
    code: ['torchvision.models.vgg16', 'torchvision.models.vgg19', 'tf.keras.applications.VGG16', 'keras.applications.VGG16', 'tf.keras.applications.VGG19'],
    related: ['receptive-field', 'alexnet', 'inception', 'max-pooling'],
    lab: {
      kind: 'conv',
      params: {
        layers: [
          { op: 'conv2d', in_channels: 64, out_channels: 64, kernel_size: 3, padding: 1 },
          { op: 'conv2d', in_channels: 64, out_channels: 64, kernel_size: 3, padding: 1 },
        ],
        inputShape: [1, 64, 56, 56],
      },
    },
  },
  {
    id: 'inception',
    title: 'Inception network (GoogLeNet, 2014)',
    section: CLASSIC,
    summary: 'A CNN whose modules run 1×1, 3×3 and 5×5 convolutions and pooling in parallel and concatenate the results.',
    definition:
      'Instead of choosing one kernel size per layer, an Inception module applies several in parallel branches and stacks their outputs along the channel axis. ' +
      '1×1 convolutions in front of the expensive branches reduce the channel count first, keeping computation low. ' +
      'GoogLeNet, its first version, won ImageNet 2014 with about 12 times fewer parameters than AlexNet.',
    formulas: [
      String.raw`\mathbf{y} = \operatorname{concat}_{\text{channels}}\big(\mathrm{conv}_{1\times1}(\mathbf{x}),\ \mathrm{conv}_{3\times3}(\mathrm{conv}_{1\times1}(\mathbf{x})),\ \mathrm{conv}_{5\times5}(\mathrm{conv}_{1\times1}(\mathbf{x})),\ \mathrm{conv}_{1\times1}(\operatorname{pool}(\mathbf{x}))\big)`,
    ],
    aliases: ['Inception', 'Inception network', 'Inception module', 'GoogLeNet', 'GoogleNet', 'InceptionV3'],
    code: ['torchvision.models.googlenet', 'torchvision.models.inception_v3', 'tf.keras.applications.InceptionV3', 'keras.applications.InceptionV3'],
    related: ['one-by-one-convolution', 'vgg', 'channels'],
  },
  {
    id: 'one-by-one-convolution',
    title: '1×1 convolution (bottleneck layer)',
    section: CLASSIC,
    summary: 'A convolution with a 1×1 kernel: a per-pixel linear map across channels.',
    definition:
      'A 1×1 convolution does not look at neighbours; it mixes the C_in channels of each pixel into C_out new ones with the same weights everywhere. ' +
      'Used with C_out < C_in it is a cheap bottleneck that reduces depth before expensive 3×3 or 5×5 convolutions. ' +
      'It is the pointwise half of a depthwise-separable convolution and the projection in ResNet bottleneck blocks.',
    formulas: [String.raw`y_{k}[i, j] = b_k + \sum_{c=1}^{C_{\text{in}}} w_{k, c}\, x_c[i, j],\qquad \#\text{params} = C_{\text{out}}(C_{\text{in}} + 1)`],
    aliases: ['1×1 convolution', '1x1 convolution', '1x1 conv', '1×1 conv', 'bottleneck layer', 'pointwise conv', 'network in network'],
    code: [],
    related: ['inception', 'channels', 'depthwise-separable-convolution', 'resnet'],
    lab: lab({ op: 'conv2d', in_channels: 256, out_channels: 64, kernel_size: 1 }, [1, 256, 28, 28]),
  },
  {
    id: 'resnet',
    title: 'ResNet and skip (residual) connections',
    section: CLASSIC,
    summary: 'Blocks that add their input to their output, y = x + F(x), so very deep networks remain trainable.',
    definition:
      'A residual block learns only a correction F(x) to the identity, and the skip path gives gradients a direct route to earlier layers. ' +
      'This avoids the degradation of very deep plain networks and made networks with 50 to 150 layers trainable (ResNet, 2015). ' +
      'U-Net concatenates instead of adding, and WaveNet uses both residual and skip connections.',
    formulas: [
      String.raw`\mathbf{y} = \mathbf{x} + \mathcal{F}(\mathbf{x}; \mathbf{W}),\qquad \frac{\partial \mathbf{y}}{\partial \mathbf{x}} = \mathbf{I} + \frac{\partial \mathcal{F}}{\partial \mathbf{x}}`,
    ],
    aliases: ['ResNet', 'residual network', 'residual block', 'ResNet-50', 'bottleneck block', 'residual networks'],
    code: ['torchvision.models.resnet18', 'torchvision.models.resnet50', 'tf.keras.applications.ResNet50', 'keras.applications.ResNet50'],
    related: ['unet', 'wavenet', 'exploding-vanishing-gradients', 'one-by-one-convolution'],
  },
  {
    id: 'unet',
    title: 'U-Net (2015)',
    section: CLASSIC,
    summary: 'A symmetric encoder–decoder CNN with skip connections that concatenate encoder features into the decoder, built for segmentation.',
    definition:
      'The contracting path (convolutions and max pooling) gathers context while the expanding path (up-convolutions) restores resolution for pixel-wise predictions. ' +
      'At every level, the high-resolution encoder features are concatenated onto the decoder features to recover details lost by downsampling. ' +
      'It was designed for biomedical image segmentation and is the standard denoiser in diffusion models.',
    formulas: [String.raw`\mathbf{d}_l = \operatorname{conv}\big(\operatorname{concat}(\operatorname{up}(\mathbf{d}_{l+1}),\ \mathbf{e}_l)\big)`],
    aliases: ['U-Net', 'UNet', 'U-shaped network'],
    code: ['segmentation_models_pytorch.Unet', 'diffusers.UNet2DModel', 'diffusers.UNet2DConditionModel'],
    related: ['transposed-convolution', 'resnet', 'max-pooling', 'ddpm-loss'],
  },
  {
    id: 'transposed-convolution',
    title: 'Transposed convolution (up-convolution)',
    section: CLASSIC,
    summary: 'The adjoint of a strided convolution, used to upsample feature maps with learned kernels.',
    definition:
      'A transposed convolution multiplies by the transpose of a convolution’s matrix, mapping a small feature map to a larger one. ' +
      'It equals inserting s − 1 zeros between inputs and convolving, and it is exactly the operation that propagates gradients back through a strided convolution. ' +
      'Decoders such as U-Net’s use it for up-convolutions; it is sometimes wrongly called deconvolution.',
    formulas: [String.raw`\mathbf{y} = \mathbf{H}^\top \mathbf{x},\qquad n_{\text{out}} = (n - 1)\,s - 2p + d\,(k - 1) + p_{\text{out}} + 1`],
    aliases: ['transposed convolution', 'up-convolution', 'up-conv', 'upconvolution', 'fractionally strided convolution', 'deconvolution', 'ConvTranspose2d'],
    code: [
      'torch.nn.ConvTranspose2d',
      'torch.nn.ConvTranspose1d',
      'torch.nn.functional.conv_transpose2d',
      'tf.keras.layers.Conv2DTranspose',
      'keras.layers.Conv2DTranspose',
      'flax.linen.ConvTranspose',
      'flax.nnx.ConvTranspose',
    ],
    related: ['unet', 'conv-backprop', 'toeplitz-matrix'],
    lab: lab({ op: 'conv_transpose2d', in_channels: 16, out_channels: 8, kernel_size: 2, stride: 2 }, [1, 16, 16, 16]),
  },
  {
    id: 'dropout',
    title: 'Dropout',
    section: CLASSIC,
    summary: 'Randomly zeroes each activation with probability p during training, a regularizer against co-adaptation.',
    definition:
      'During training each unit is kept with probability 1 − p and the kept ones are scaled by 1/(1 − p) (inverted dropout), so the expected activation is unchanged. ' +
      'At test time dropout is switched off. ' +
      'It approximates training an ensemble of thinned networks and was a key regularizer in AlexNet’s fully connected layers.',
    formulas: [String.raw`\tilde{h}_i = \frac{m_i}{1 - p}\, h_i,\quad m_i \sim \operatorname{Bernoulli}(1 - p),\qquad \mathbb{E}[\tilde{h}_i] = h_i`],
    aliases: ['dropout', 'inverted dropout', 'drop-out'],
    code: [
      'torch.nn.Dropout',
      'torch.nn.functional.dropout',
      'torch.nn.Dropout2d',
      'tf.keras.layers.Dropout',
      'keras.layers.Dropout',
      'flax.linen.Dropout',
      'flax.nnx.Dropout',
    ],
    related: ['alexnet', 'bernoulli'],
  },
  {
    id: 'data-augmentation',
    title: 'Data augmentation',
    section: CLASSIC,
    summary: 'Enlarging the training set with label-preserving transformations such as crops, flips and colour changes.',
    definition:
      'Data augmentation trains on randomly transformed copies of the inputs whose labels stay the same. ' +
      'It encodes known invariances (a flipped cat is still a cat) and reduces overfitting. ' +
      'AlexNet used random crops, horizontal flips and PCA colour jitter.',
    formulas: [String.raw`\min_\theta\ \mathbb{E}_{(x, y)}\, \mathbb{E}_{\tau \sim \mathcal{T}}\big[\ell\big(f_\theta(\tau(x)), y\big)\big]`],
    aliases: ['data augmentation', 'data augmentations', 'image augmentation', 'augmentation pipeline'],
    code: [
      'torchvision.transforms.RandomHorizontalFlip',
      'torchvision.transforms.RandomResizedCrop',
      'torchvision.transforms.RandomCrop',
      'torchvision.transforms.ColorJitter',
      'tf.keras.layers.RandomFlip',
      'keras.layers.RandomFlip',
      'keras.layers.RandomTranslation',
      'tf.keras.layers.RandomTranslation',
      'keras.layers.RandomZoom',
      'keras.layers.RandomCrop',
      'tf.keras.layers.RandomRotation',
      'albumentations.HorizontalFlip',
    ],
    related: ['alexnet', 'dropout'],
  },
  {
    id: 'conv1d',
    title: '1-D convolution (temporal convolution)',
    section: SEQ,
    summary: 'A convolution whose kernel slides along a single axis, such as time in audio or token position in text.',
    definition:
      'Temporal ConvNets take a sequence with channels (embedding dimensions in NLP, audio features in speech) and convolve along the length axis only. ' +
      'Each filter detects a local pattern of k consecutive steps, like an n-gram detector. ' +
      'Unlike RNNs all positions are computed in parallel. Note that PyTorch expects (batch, channels, length), while Keras uses (batch, length, channels).',
    formulas: [String.raw`y_k[t] = b_k + \sum_{c=1}^{C_{\text{in}}} \sum_{u=0}^{K-1} w_{k,c}[u]\; x_c[t + u],\qquad L_{\text{out}} = L - K + 1`],
    aliases: ['1D convolution', '1-D convolution', 'temporal convolution', 'temporal ConvNet', 'temporal convolutional network', 'TCN', 'Conv1d', 'Conv1D'],
    code: ['torch.nn.Conv1d', 'torch.nn.functional.conv1d', 'tf.keras.layers.Conv1D', 'keras.layers.Conv1D', 'tf.nn.conv1d'],
    related: ['text-cnn', 'dilated-convolution', 'causal-convolution', 'conv2d'],
    lab: lab({ op: 'conv1d', in_channels: 64, out_channels: 128, kernel_size: 3, padding: 1 }, [1, 64, 100]),
  },
  {
    id: 'text-cnn',
    title: 'CNNs on word embeddings (text CNN)',
    section: SEQ,
    summary: 'Convolutions over a sentence matrix of word embeddings, with filters spanning a few words acting as phrase detectors.',
    definition:
      'A sentence is represented as a length × embedding-dimension matrix of (often pre-trained) word vectors such as Word2Vec or GloVe. ' +
      'Filters covering 2, 3 or 4 consecutive words respond to phrases like “not bad” wherever they occur, and max-over-time pooling keeps the strongest response. ' +
      'This gives fast, position-independent sentence classifiers.',
    formulas: [
      String.raw`\mathbf{X} \in \mathbb{R}^{L \times d},\qquad c_i = \phi\big(\mathbf{w} \cdot \mathbf{X}_{i:i+h-1} + b\big),\qquad \hat{c} = \max_i c_i`,
    ],
    aliases: ['text CNN', 'TextCNN', 'sentence matrix', 'CNN for sentence classification', 'convolutions over word embeddings'],
    code: [],
    related: ['conv1d', 'max-pooling'],
  },
  {
    id: 'dilated-convolution',
    title: 'Dilated (atrous) convolution',
    section: SEQ,
    summary: 'A convolution whose kernel taps are spaced d positions apart, enlarging the receptive field without extra weights.',
    definition:
      'Dilation inserts d − 1 gaps between kernel elements, so a size-k kernel spans d(k − 1) + 1 inputs. ' +
      'Stacking layers with dilations 1, 2, 4, 8, … makes the receptive field grow exponentially with depth while resolution is kept. ' +
      'It is used for long sequences (WaveNet) and dense prediction (DeepLab).',
    formulas: [
      String.raw`y[t] = \sum_{u=0}^{k-1} w[u]\; x[t + d\,u],\qquad k_{\text{eff}} = d\,(k - 1) + 1`,
      String.raw`r = 1 + (k - 1)\sum_{l=0}^{L-1} 2^l = 1 + (k - 1)(2^L - 1)\quad (d_l = 2^l)`,
    ],
    aliases: ['dilated convolution', 'dilated convolutions', 'atrous convolution', 'dilation factor', 'dilation rate', 'à trous'],
    generic: ['dilation'],
    code: [],
    related: ['receptive-field', 'wavenet', 'causal-convolution', 'conv1d'],
    lab: lab({ op: 'conv1d', in_channels: 16, out_channels: 16, kernel_size: 2, dilation: 4 }, [1, 16, 64]),
  },
  {
    id: 'causal-convolution',
    title: 'Causal convolution',
    section: SEQ,
    summary: 'A 1-D convolution whose output at time t depends only on inputs at times ≤ t.',
    definition:
      'Causal convolutions pad only on the left (by d(k − 1)) so the kernel never reaches into the future. ' +
      'This preserves the autoregressive ordering needed to generate sequences one step at a time, while training still runs in parallel over all steps. ' +
      'Stacked with growing dilations they form the core of WaveNet and temporal convolutional networks.',
    formulas: [String.raw`y[t] = \sum_{u=0}^{k-1} w[u]\; x[t - d\,u],\qquad p(\mathbf{x}) = \prod_{t} p(x_t \mid x_{<t})`],
    aliases: ['causal convolution', 'causal convolutions', 'causal padding', 'dilated causal convolution'],
    code: [],
    related: ['dilated-convolution', 'wavenet', 'conv1d'],
    lab: lab({ op: 'conv1d', in_channels: 16, out_channels: 16, kernel_size: 2, dilation: 2, padding: [[2, 0]] }, [1, 16, 64]),
  },
  {
    id: 'wavenet',
    title: 'WaveNet (2016)',
    section: SEQ,
    summary: 'An autoregressive generative model of raw audio built from stacks of dilated causal convolutions.',
    definition:
      'WaveNet predicts each audio sample from all previous ones with a stack of dilated causal convolutions whose dilations double per layer, reaching receptive fields of thousands of samples. ' +
      'Gated activations, residual connections and parameterized skip connections make the deep stack trainable. ' +
      'It produced far more natural text-to-speech than previous systems.',
    formulas: [
      String.raw`p(\mathbf{x}) = \prod_{t=1}^{T} p(x_t \mid x_1, \dots, x_{t-1})`,
      String.raw`\mathbf{z} = \tanh(\mathbf{W}_{f} * \mathbf{x}) \odot \sigma(\mathbf{W}_{g} * \mathbf{x})`,
    ],
    aliases: ['WaveNet'],
    code: [],
    related: ['dilated-convolution', 'causal-convolution', 'resnet'],
  },
  {
    id: 'parameter-count',
    title: 'Parameter counts: CNN vs. fully vs. locally connected',
    section: PARAMS,
    summary:
      'For K kernels of size p×q on an m×n×c input, a convolution needs K(pqc + 1) parameters, far fewer than dense or locally connected layers with the same outputs.',
    definition:
      'With valid padding and stride 1 the output has (m − p + 1)(n − q + 1)K units. ' +
      'A convolution shares one p×q×c kernel and bias per output channel; a locally connected layer has the same sparse connections but separate weights and bias at every position; a fully connected layer connects every input to every output. ' +
      'Each output unit has one bias, which fixes where the “+1” goes.',
    // The notes give mnc((m−p+1)(n−q+1)+1)K for the dense layer and pqc((m−p+1)(n−q+1)+1)K for the
    // locally connected one; one bias per output unit gives (mnc+1)(m−p+1)(n−q+1)K and
    // (pqc+1)(m−p+1)(n−q+1)K.
    formulas: [
      String.raw`\text{output: } (m - p + 1) \times (n - q + 1) \times K,\qquad \#_{\text{CNN}} = K\,(pqc + 1)`,
      String.raw`\#_{\text{FC}} = (mnc + 1)\,(m - p + 1)(n - q + 1)\,K,\qquad \#_{\text{LC}} = (pqc + 1)\,(m - p + 1)(n - q + 1)\,K`,
    ],
    aliases: ['comparison of #parameters', 'parameter comparison', 'CNN parameter count', 'parameters of a convolutional layer'],
    code: [],
    related: ['fully-connected-layer', 'locally-connected-layer', 'conv2d', 'valid-padding'],
    lab: lab({ op: 'conv2d', in_channels: 3, out_channels: 8, kernel_size: 5 }, [1, 3, 32, 32]),
  },
  {
    id: 'fully-connected-layer',
    title: 'Fully connected (dense) layer',
    section: PARAMS,
    summary: 'A layer in which every output is an affine function of every input: y = Wx + b.',
    definition:
      'A fully connected layer has a weight for each input–output pair plus a bias per output, so an n-to-m layer has m(n + 1) parameters. ' +
      'It makes no assumption about the structure of its input, which is why it is expensive on images. ' +
      'Classic CNNs end with one or more dense layers that map features to class scores.',
    formulas: [String.raw`\mathbf{y} = \mathbf{W}\mathbf{x} + \mathbf{b},\quad \mathbf{W} \in \mathbb{R}^{m \times n},\qquad \#\text{params} = m\,(n + 1)`],
    aliases: [
      'fully connected layer',
      'fully-connected layer',
      'fully connected',
      'dense layer',
      'linear layer',
      'affine layer',
      'FC layer',
      'multilayer perceptron',
      'MLP',
    ],
    code: [
      'torch.nn.Linear',
      'torch.nn.functional.linear',
      'tf.keras.layers.Dense',
      'keras.layers.Dense',
      'flax.linen.Dense',
      'flax.nnx.Linear',
      'torch.nn.LazyLinear',
    ],
    related: ['parameter-count', 'locally-connected-layer', 'vector-by-matrix'],
  },
  {
    id: 'locally-connected-layer',
    title: 'Locally connected layer',
    section: PARAMS,
    summary: 'A convolution-shaped layer with local windows but without weight sharing: every position has its own kernel.',
    definition:
      'A locally connected layer keeps the sparse, local connectivity of a convolution but learns a separate kernel and bias at every output position. ' +
      'It therefore loses shift-equivariance and needs as many kernels as there are output positions. ' +
      'It suits aligned inputs such as cropped faces, where different regions need different detectors.',
    formulas: [String.raw`y_{k}[i, j] = b_{k, i, j} + \sum_{c, u, v} w_{k, c, i, j}[u, v]\; x_c[i + u, j + v]`],
    aliases: ['locally connected layer', 'locally-connected layer', 'locally connected network', 'unshared convolution', 'LC layer'],
    code: ['tf.keras.layers.LocallyConnected2D', 'tf.keras.layers.LocallyConnected1D'],
    related: ['parameter-count', 'weight-sharing', 'fully-connected-layer'],
  },
];
