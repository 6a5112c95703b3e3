import type { Term } from './types';

const SECTION = 'Beyond the notes: Layers and attention';

/*
 * Every formula here is checked numerically against PyTorch 1.13 (or, where PyTorch has no API,
 * against the definition) by test/unit/terms-layers-losses.test.ts with the values of
 * test/fixtures/gen_term_layers_losses.py.
 */
export const LAYER_BEYOND_TERMS: Term[] = [
  {
    id: 'batch-norm',
    title: 'Batch normalization',
    section: SECTION,
    summary: 'Normalizes every channel with the mean and variance of the current mini-batch, then applies a learned scale and shift.',
    definition:
      'In training, each channel is centred and scaled by statistics pooled over the batch and all spatial positions, so the next layer sees inputs of a stable scale whatever the earlier weights do. ' +
      'A learned γ and β per channel restore the layer’s expressiveness, and running averages of the statistics replace the batch ones at inference time (model.eval() in PyTorch, training=False in Keras). ' +
      'PyTorch’s momentum m = 0.1 weights the new batch, while Keras’s momentum = 0.99 weights the old average, and the running variance uses the unbiased batch estimate. ' +
      'Because samples interact through the statistics, small batches make it noisy, which motivates layer, group and instance normalization.',
    formulas: [
      String.raw`\mu_c = \frac{1}{NHW}\sum_{n,h,w} x_{nchw},\qquad \sigma_c^2 = \frac{1}{NHW}\sum_{n,h,w} \big(x_{nchw} - \mu_c\big)^2`,
      String.raw`y_{nchw} = \gamma_c\, \frac{x_{nchw} - \mu_c}{\sqrt{\sigma_c^2 + \epsilon}} + \beta_c`,
      String.raw`\hat{\mu}_c \leftarrow (1 - m)\,\hat{\mu}_c + m\,\mu_c,\qquad \hat{\sigma}_c^2 \leftarrow (1 - m)\,\hat{\sigma}_c^2 + m\,\frac{NHW}{NHW - 1}\,\sigma_c^2`,
    ],
    aliases: ['batch normalization', 'batch normalisation', 'batch norm', 'batchnorm', 'BN layer', 'BN', 'running statistics'],
    code: [
      'torch.nn.BatchNorm1d',
      'torch.nn.BatchNorm2d',
      'torch.nn.BatchNorm3d',
      'torch.nn.SyncBatchNorm',
      'torch.nn.functional.batch_norm',
      'keras.layers.BatchNormalization',
      'tf.keras.layers.BatchNormalization',
      'tf.nn.batch_normalization',
      'flax.linen.BatchNorm',
      'flax.nnx.BatchNorm',
    ],
    related: ['layer-norm', 'group-norm', 'instance-norm', 'conv2d', 'resnet'],
    lab: {
      kind: 'conv',
      params: {
        layers: [{ op: 'conv2d', in_channels: 3, out_channels: 16, kernel_size: 3, padding: 1 }, { op: 'batch_norm2d', num_features: 16 }, { op: 'relu' }],
        inputShape: [8, 3, 32, 32],
      },
    },
  },
  {
    id: 'layer-norm',
    title: 'Layer normalization',
    section: SECTION,
    summary: 'Normalizes each sample over its own feature dimension, independently of the rest of the batch.',
    definition:
      'Layer normalization computes one mean and one variance per sample (per token in a sequence model) over the last D features, then applies an elementwise learned gain γ and bias β. ' +
      'It behaves identically in training and inference and works for any batch size, which is why Transformers and RNNs use it instead of batch normalization. ' +
      'PyTorch normalizes over the trailing normalized_shape dimensions with ε = 1e-5, Keras over axis=-1 with ε = 1e-3, and Flax with ε = 1e-6.',
    formulas: [
      String.raw`\mu = \frac{1}{D}\sum_{i=1}^{D} x_i,\qquad \sigma^2 = \frac{1}{D}\sum_{i=1}^{D} (x_i - \mu)^2`,
      String.raw`y_i = \gamma_i\, \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta_i`,
    ],
    aliases: ['layer normalization', 'layer normalisation', 'layer norm', 'layernorm'],
    code: [
      'torch.nn.LayerNorm',
      'torch.nn.functional.layer_norm',
      'keras.layers.LayerNormalization',
      'tf.keras.layers.LayerNormalization',
      'flax.linen.LayerNorm',
      'flax.nnx.LayerNorm',
    ],
    related: ['batch-norm', 'rms-norm', 'group-norm', 'transformer', 'residual-connection'],
  },
  {
    id: 'group-norm',
    title: 'Group normalization',
    section: SECTION,
    summary: 'Splits the channels into G groups and normalizes each group of each sample over its channels and positions.',
    definition:
      'Group normalization pools its statistics over the C/G channels of a group and all their spatial positions, separately for every sample, so it does not depend on the batch size. ' +
      'With one group it equals layer normalization over (C, H, W), and with one channel per group it equals instance normalization. ' +
      'The learned scale and shift stay per channel, and it is the usual choice for small-batch detection, segmentation and diffusion U-Nets.',
    formulas: [
      String.raw`\mu_{ng} = \frac{1}{|S_g|}\sum_{(c,h,w) \in S_g} x_{nchw},\qquad \sigma_{ng}^2 = \frac{1}{|S_g|}\sum_{(c,h,w) \in S_g} \big(x_{nchw} - \mu_{ng}\big)^2`,
      String.raw`y_{nchw} = \gamma_c\, \frac{x_{nchw} - \mu_{n g(c)}}{\sqrt{\sigma_{n g(c)}^2 + \epsilon}} + \beta_c,\qquad g(c) = \Big\lfloor \frac{c\,G}{C} \Big\rfloor`,
    ],
    aliases: ['group normalization', 'group normalisation', 'group norm', 'groupnorm'],
    code: [
      'torch.nn.GroupNorm',
      'torch.nn.functional.group_norm',
      'keras.layers.GroupNormalization',
      'tf.keras.layers.GroupNormalization',
      'flax.linen.GroupNorm',
      'flax.nnx.GroupNorm',
    ],
    related: ['batch-norm', 'layer-norm', 'instance-norm', 'unet'],
  },
  {
    id: 'instance-norm',
    title: 'Instance normalization',
    section: SECTION,
    summary: 'Normalizes every channel of every sample separately over its spatial positions.',
    definition:
      'Instance normalization removes the mean and scale of each feature map of each image, discarding per-image contrast and colour statistics. ' +
      'That is what style transfer and many image-generation networks want, since style lives largely in those statistics. ' +
      'In PyTorch the InstanceNorm layers have affine=False and track_running_stats=False by default, so they use the statistics of the input even in eval mode.',
    formulas: [
      String.raw`\mu_{nc} = \frac{1}{HW}\sum_{h,w} x_{nchw},\qquad \sigma_{nc}^2 = \frac{1}{HW}\sum_{h,w} \big(x_{nchw} - \mu_{nc}\big)^2`,
      String.raw`y_{nchw} = \gamma_c\, \frac{x_{nchw} - \mu_{nc}}{\sqrt{\sigma_{nc}^2 + \epsilon}} + \beta_c`,
    ],
    aliases: ['instance normalization', 'instance normalisation', 'instance norm', 'instancenorm'],
    code: [
      'torch.nn.InstanceNorm1d',
      'torch.nn.InstanceNorm2d',
      'torch.nn.InstanceNorm3d',
      'torch.nn.functional.instance_norm',
      'flax.linen.InstanceNorm',
      'flax.nnx.InstanceNorm',
    ],
    related: ['batch-norm', 'group-norm', 'layer-norm'],
  },
  {
    id: 'rms-norm',
    title: 'RMS normalization (RMSNorm)',
    section: SECTION,
    summary: 'Layer normalization without mean subtraction: divides each feature vector by its root mean square and applies a learned gain.',
    definition:
      'RMSNorm keeps only the re-scaling part of layer normalization, which is cheaper and works as well in practice, so LLaMA-style language models use it. ' +
      'It has no bias and does not centre the features, so a constant offset survives while the overall scale is removed. ' +
      'PyTorch added nn.RMSNorm in version 2.4; Keras has RMSNormalization and Flax has RMSNorm.',
    formulas: [
      String.raw`\operatorname{RMS}(\mathbf{x}) = \sqrt{\frac{1}{D}\sum_{j=1}^{D} x_j^2 + \epsilon},\qquad y_i = \frac{x_i}{\operatorname{RMS}(\mathbf{x})}\, \gamma_i`,
    ],
    aliases: ['RMS normalization', 'RMS normalisation', 'RMS norm', 'RMSNorm', 'root mean square layer normalization', 'root mean square normalization'],
    code: [
      'torch.nn.RMSNorm',
      'torch.nn.functional.rms_norm',
      'keras.layers.RMSNormalization',
      'tf.keras.layers.RMSNormalization',
      'keras.ops.rms_normalization',
      'flax.linen.RMSNorm',
      'flax.nnx.RMSNorm',
    ],
    related: ['layer-norm', 'transformer'],
  },
  {
    id: 'residual-connection',
    title: 'Residual connections in Transformers (pre-norm and post-norm)',
    section: SECTION,
    summary:
      'Each Transformer sub-layer adds its output to its input, with the layer normalization placed either after the sum (post-norm) or inside the branch (pre-norm).',
    definition:
      'A residual connection passes x unchanged around a sub-layer and adds the sub-layer’s output, so a deep stack of attention and feed-forward blocks stays trainable; the running sum is often called the residual stream. ' +
      'The original Transformer normalizes after the addition (post-norm, the PyTorch default norm_first=False), which usually needs learning-rate warmup. ' +
      'Most modern models normalize inside the branch (pre-norm, norm_first=True), which leaves an identity path from the output to the input and trains more stably.',
    formulas: [
      String.raw`\text{post-norm: } \mathbf{x}_{l+1} = \operatorname{LN}\big(\mathbf{x}_l + F_l(\mathbf{x}_l)\big)`,
      String.raw`\text{pre-norm: } \mathbf{x}_{l+1} = \mathbf{x}_l + F_l\big(\operatorname{LN}(\mathbf{x}_l)\big)`,
    ],
    aliases: [
      'residual connection',
      'residual branch',
      'residual path',
      'skip connection',
      'skip connections',
      'shortcut connection',
      'residual stream',
      'pre-norm',
      'post-norm',
      'pre-LN',
      'post-LN',
      'pre-layer normalization',
      'add & norm',
      'add and norm',
      'sublayer connection',
      'identity shortcut',
    ],
    code: [],
    related: ['resnet', 'layer-norm', 'transformer', 'warmup'],
  },
  {
    id: 'scaled-dot-product-attention',
    title: 'Scaled dot-product attention',
    section: SECTION,
    summary: 'Each query takes a softmax-weighted average of the values, weighted by how well the query matches each key.',
    definition:
      'Queries and keys are compared by dot products, divided by √d_k so that the scores do not grow with the dimension and saturate the softmax. ' +
      'Each row of the softmax is a probability distribution over the keys, and the output is the matching mix of value vectors; an additive mask of 0 and −∞ removes forbidden pairs. ' +
      'PyTorch 2.0 added F.scaled_dot_product_attention (with fused kernels), while Keras’s Attention layer scores by plain dot products, scaled only by an optional learned factor (use_scale).',
    formulas: [
      String.raw`\operatorname{Attention}(Q, K, V) = \operatorname{softmax}\Big(\frac{Q K^\top}{\sqrt{d_k}} + M\Big)\, V`,
      String.raw`a_{ij} = \frac{\exp\big(\mathbf{q}_i^\top \mathbf{k}_j / \sqrt{d_k}\big)}{\sum_{l} \exp\big(\mathbf{q}_i^\top \mathbf{k}_l / \sqrt{d_k}\big)},\qquad \mathbf{o}_i = \sum_{j} a_{ij}\, \mathbf{v}_j`,
    ],
    aliases: [
      'scaled dot-product attention',
      'scaled dot product attention',
      'dot-product attention',
      'softmax attention',
      'self-attention',
      'attention mechanism',
      'attention weights',
      'attention scores',
      'queries, keys and values',
      'SDPA',
    ],
    generic: ['attention'],
    code: [
      'torch.nn.functional.scaled_dot_product_attention',
      'jax.nn.dot_product_attention',
      'flax.linen.dot_product_attention',
      'flax.linen.dot_product_attention_weights',
      'flax.nnx.dot_product_attention',
      'keras.ops.dot_product_attention',
      'keras.layers.Attention',
      'tf.keras.layers.Attention',
    ],
    related: ['multi-head-attention', 'attention-mask', 'cross-attention', 'softmax', 'softmax-temperature', 'transformer'],
  },
  {
    id: 'multi-head-attention',
    title: 'Multi-head attention',
    section: SECTION,
    summary: 'Runs h scaled dot-product attentions in parallel on learned projections of the inputs and mixes their concatenated outputs.',
    definition:
      'Each head projects queries, keys and values to d_k = d_model/h dimensions, attends there, and the concatenated head outputs go through an output projection. ' +
      'Different heads can attend to different positions and relations at the cost of one full-width attention. ' +
      'PyTorch’s nn.MultiheadAttention packs the three input projections in in_proj_weight, expects (seq, batch, feature) unless batch_first=True, and returns the attention weights averaged over heads by default.',
    formulas: [
      String.raw`\operatorname{MultiHead}(Q, K, V) = \big[\mathrm{head}_1, \dots, \mathrm{head}_h\big]\, W^O + \mathbf{b}^O`,
      String.raw`\mathrm{head}_i = \operatorname{Attention}\big(Q W_i^Q + \mathbf{b}_i^Q,\ K W_i^K + \mathbf{b}_i^K,\ V W_i^V + \mathbf{b}_i^V\big),\qquad W_i^Q, W_i^K, W_i^V \in \mathbb{R}^{d_{\text{model}} \times d_{\text{model}}/h}`,
    ],
    aliases: ['multi-head attention', 'multi-headed attention', 'multihead attention', 'multi-head self-attention', 'MHA', 'attention head', 'attention heads'],
    code: [
      'torch.nn.MultiheadAttention',
      'torch.nn.functional.multi_head_attention_forward',
      'keras.layers.MultiHeadAttention',
      'tf.keras.layers.MultiHeadAttention',
      'flax.linen.MultiHeadDotProductAttention',
      'flax.linen.MultiHeadAttention',
      'flax.linen.SelfAttention',
      'flax.nnx.MultiHeadAttention',
    ],
    related: ['scaled-dot-product-attention', 'cross-attention', 'attention-mask', 'transformer'],
  },
  {
    id: 'attention-mask',
    title: 'Attention masks (causal and padding)',
    section: SECTION,
    summary: 'A mask that forbids some query–key pairs by adding −∞ to their scores before the softmax.',
    definition:
      'A causal (look-ahead) mask stops position i from attending to later positions j > i, which autoregressive decoders need, and a padding mask hides the padded keys of shorter sequences. ' +
      'Boolean masks have opposite meanings across APIs: in nn.MultiheadAttention and nn.Transformer, attn_mask and key_padding_mask mark with True the pairs that are NOT allowed, while in F.scaled_dot_product_attention (PyTorch 2.0 and later), Keras’s attention_mask and Flax’s make_attention_mask, True means may attend. ' +
      'Float masks are added to the scores in all of them, so 0 keeps a pair and −∞ removes it; a row with every key masked produces NaN.',
    formulas: [
      String.raw`\operatorname{softmax}\Big(\frac{Q K^\top}{\sqrt{d_k}} + M\Big),\qquad M_{ij} = \begin{cases} 0 & \text{query } i \text{ may attend to key } j \\ -\infty & \text{otherwise} \end{cases}`,
      String.raw`\text{causal: } M_{ij} = -\infty \iff j > i;\qquad \text{padding: } M_{ij} = -\infty \iff \text{key } j \text{ is padding}`,
    ],
    aliases: [
      'attention mask',
      'causal mask',
      'causal masking',
      'causal attention mask',
      'causal self-attention',
      'masked self-attention',
      'look-ahead mask',
      'padding mask',
      'key padding mask',
      'subsequent mask',
      'square subsequent mask',
    ],
    code: [
      'torch.nn.Transformer.generate_square_subsequent_mask',
      'flax.linen.make_causal_mask',
      'flax.linen.make_attention_mask',
      'flax.nnx.make_causal_mask',
      'flax.nnx.make_attention_mask',
    ],
    related: ['scaled-dot-product-attention', 'multi-head-attention', 'transformer', 'causal-convolution'],
  },
  {
    id: 'cross-attention',
    title: 'Cross-attention',
    section: SECTION,
    summary: 'Attention whose queries come from one sequence and whose keys and values come from another.',
    definition:
      'In an encoder–decoder Transformer each decoder layer takes its queries from the decoder states and its keys and values from the encoder output (the memory), so every target position can look at the whole source. ' +
      'The two sequences may have different lengths: the output has one row per query. ' +
      'The same mechanism conditions text-to-image diffusion models on a text encoding, and in PyTorch it is nn.MultiheadAttention called with a different key and value than the query.',
    formulas: [
      String.raw`\operatorname{CrossAttention}(X, Z) = \operatorname{softmax}\Big(\frac{(X W^Q)(Z W^K)^\top}{\sqrt{d_k}}\Big)\, Z W^V,\qquad X \in \mathbb{R}^{n \times d},\ Z \in \mathbb{R}^{m \times d}`,
    ],
    aliases: ['cross-attention', 'cross attention', 'encoder-decoder attention', 'encoder–decoder attention'],
    code: [],
    related: ['scaled-dot-product-attention', 'multi-head-attention', 'transformer'],
  },
  {
    id: 'transformer',
    title: 'Transformer',
    section: SECTION,
    summary:
      'A sequence model built from multi-head self-attention and position-wise feed-forward blocks, each wrapped in a residual connection and layer normalization.',
    definition:
      'A Transformer layer lets every position attend to every other position and then transforms each position with the same two-layer MLP, so a whole sequence is processed in parallel instead of step by step as in an RNN. ' +
      'Because attention ignores order, position information is added through positional encodings or rotary embeddings. ' +
      'The original model (2017) pairs an encoder stack with a decoder that uses causal self-attention and cross-attention; BERT keeps only the encoder and GPT only the decoder.',
    formulas: [
      String.raw`H = \operatorname{LN}\big(X + \operatorname{MultiHead}(X, X, X)\big),\qquad Y = \operatorname{LN}\big(H + \operatorname{FFN}(H)\big)`,
      String.raw`\operatorname{FFN}(\mathbf{h}) = \max(0,\ \mathbf{h} W_1 + \mathbf{b}_1)\, W_2 + \mathbf{b}_2`,
    ],
    aliases: [
      'Transformer',
      'transformer architecture',
      'transformer block',
      'transformer layer',
      'transformer encoder',
      'transformer decoder',
      'encoder-decoder transformer',
      'decoder-only transformer',
      'encoder-only transformer',
      'Attention Is All You Need',
    ],
    generic: ['transformer'],
    notWithin: ['power transformer', 'scikit-learn transformer', 'sklearn transformer', 'step-down transformer', 'step-up transformer'],
    code: [
      'torch.nn.Transformer',
      'torch.nn.TransformerEncoder',
      'torch.nn.TransformerEncoderLayer',
      'torch.nn.TransformerDecoder',
      'torch.nn.TransformerDecoderLayer',
      'keras_hub.layers.TransformerEncoder',
      'keras_hub.layers.TransformerDecoder',
      'keras_nlp.layers.TransformerEncoder',
      'keras_nlp.layers.TransformerDecoder',
    ],
    related: ['multi-head-attention', 'residual-connection', 'layer-norm', 'positional-encoding', 'cross-attention', 'rnn'],
  },
  {
    id: 'positional-encoding',
    title: 'Positional encoding (sinusoidal and learned)',
    section: SECTION,
    summary: 'A vector added to each token embedding that tells an order-blind attention layer where the token is in the sequence.',
    definition:
      'The original Transformer adds fixed sinusoids whose wavelengths grow geometrically from 2π to 10000·2π across the embedding dimensions, so each position gets a unique pattern and a fixed offset is a linear map of the encoding. ' +
      'BERT and GPT-2 instead learn a table of position embeddings, one row per position, which cannot extrapolate beyond the trained length. ' +
      'Relative schemes such as rotary embeddings or ALiBi encode only distances between positions.',
    formulas: [
      String.raw`PE_{p,\,2i} = \sin\big(p / 10000^{2i/d}\big),\qquad PE_{p,\,2i+1} = \cos\big(p / 10000^{2i/d}\big)`,
      String.raw`\mathbf{x}'_p = \mathbf{x}_p + PE_p\quad (\text{learned: } PE \in \mathbb{R}^{L_{\max} \times d} \text{ is a trained table})`,
    ],
    aliases: [
      'positional encoding',
      'position encoding',
      'sinusoidal positional encoding',
      'sinusoidal position encoding',
      'sinusoidal embedding',
      'position embedding',
      'positional embedding',
      'learned positional embedding',
      'learned position embedding',
      'absolute positional encoding',
    ],
    code: [
      'keras_hub.layers.SinePositionEncoding',
      'keras_hub.layers.PositionEmbedding',
      'keras_nlp.layers.SinePositionEncoding',
      'keras_nlp.layers.PositionEmbedding',
    ],
    related: ['rotary-embedding', 'transformer', 'embedding'],
  },
  {
    id: 'rotary-embedding',
    title: 'Rotary position embedding (RoPE)',
    section: SECTION,
    summary: 'Encodes position by rotating pairs of query and key coordinates through angles proportional to the position.',
    definition:
      'RoPE rotates each 2-D pair of coordinates of a query or key at position p by the angle p·θᵢ, with frequencies θᵢ falling geometrically across the pairs. ' +
      'Since rotations compose, the dot product of a query at m and a key at n depends on the positions only through m − n, giving relative position information without any added parameters. ' +
      'Implementations pair either adjacent coordinates (2i, 2i+1), as in the paper, or coordinate i with i + d/2 (the rotate_half form of GPT-NeoX and LLaMA code), which only permutes the features.',
    formulas: [
      String.raw`\begin{pmatrix} x'_{2i} \\ x'_{2i+1} \end{pmatrix} = \begin{pmatrix} \cos p\theta_i & -\sin p\theta_i \\ \sin p\theta_i & \cos p\theta_i \end{pmatrix} \begin{pmatrix} x_{2i} \\ x_{2i+1} \end{pmatrix},\qquad \theta_i = 10000^{-2i/d}`,
      String.raw`(R_m \mathbf{q})^\top (R_n \mathbf{k}) = \mathbf{q}^\top R_{n-m}\, \mathbf{k}`,
    ],
    aliases: ['rotary position embedding', 'rotary positional embedding', 'rotary embedding', 'rotary position encoding', 'RoPE'],
    code: ['keras_hub.layers.RotaryEmbedding', 'keras_nlp.layers.RotaryEmbedding', 'torchtune.modules.RotaryPositionalEmbeddings'],
    related: ['positional-encoding', 'scaled-dot-product-attention', 'transformer'],
  },
  {
    id: 'embedding',
    title: 'Embedding layer (token and word embeddings)',
    section: SECTION,
    summary: 'A trainable table that maps each integer token id to a dense vector: a lookup of one row.',
    definition:
      'An embedding layer stores a V × d matrix and returns row t for token t, which equals multiplying a one-hot vector by the matrix but without building it. ' +
      'Only the rows of the tokens in a batch get gradients, and PyTorch can keep a padding_idx row fixed at zero. ' +
      'Word2Vec and GloVe learn such vectors from co-occurrence statistics, and language models often tie the input table to the output projection.',
    formulas: [
      String.raw`\mathbf{e}_t = E^\top \mathbf{1}_t = E_{t,:},\qquad E \in \mathbb{R}^{V \times d}`,
      String.raw`\frac{\partial \mathcal{L}}{\partial E_{v,:}} = \sum_{s:\ t_s = v} \frac{\partial \mathcal{L}}{\partial \mathbf{e}_{t_s}}`,
    ],
    aliases: [
      'word embedding',
      'word embeddings',
      'token embedding',
      'embedding layer',
      'embedding table',
      'embedding matrix',
      'embedding lookup',
      'Word2Vec',
      'word2vec',
      'GloVe',
    ],
    // The bare code name `embedding` is too common to index (GENERIC_CODE); the word matches in ML prose.
    generic: ['embedding', 'embeddings'],
    code: [
      'torch.nn.Embedding',
      'torch.nn.functional.embedding',
      'torch.nn.EmbeddingBag',
      'keras.layers.Embedding',
      'tf.keras.layers.Embedding',
      'flax.linen.Embed',
      'flax.nnx.Embed',
    ],
    related: ['positional-encoding', 'fully-connected-layer', 'text-cnn', 'transformer'],
  },
  {
    id: 'logits',
    title: 'Logits',
    section: SECTION,
    summary: 'The unnormalized scores a classifier outputs before a softmax or sigmoid turns them into probabilities.',
    definition:
      'For K classes the logits are any real vector whose softmax gives the class probabilities; adding the same constant to all of them changes nothing, so they are log-probabilities up to a shift. ' +
      'For a binary output the single logit is the log-odds log(p/(1 − p)), the inverse of the sigmoid. ' +
      'Losses such as CrossEntropyLoss and BCEWithLogitsLoss take logits rather than probabilities because they can then use the stable log-sum-exp.',
    formulas: [
      String.raw`p_k = \frac{e^{z_k}}{\sum_{j} e^{z_j}} \iff z_k = \log p_k + c \text{ for some } c \in \mathbb{R}`,
      String.raw`z = \operatorname{logit}(p) = \log \frac{p}{1 - p} = \sigma^{-1}(p)`,
    ],
    aliases: [
      'logit',
      'logits',
      'logit transform',
      'pre-softmax scores',
      'pre-softmax activations',
      'unnormalized log-probabilities',
      'unnormalized log probabilities',
    ],
    code: [],
    related: ['softmax', 'sigmoid', 'log-softmax', 'cross-entropy', 'softmax-temperature'],
  },
  {
    id: 'softmax-temperature',
    title: 'Softmax temperature',
    section: SECTION,
    summary: 'Dividing the logits by a temperature T before the softmax sharpens (T < 1) or flattens (T > 1) the distribution.',
    definition:
      'As T goes to 0 the tempered softmax approaches a one-hot vector at the largest logit, and as T grows it approaches the uniform distribution; T = 1 is the plain softmax. ' +
      'Language models sample with a temperature, knowledge distillation matches teacher and student at a high temperature (scaling that loss by T²), and contrastive losses divide similarities by a small τ. ' +
      'Temperature scaling also calibrates a trained classifier: one T is fitted on held-out data, which leaves the predicted class unchanged.',
    formulas: [
      String.raw`p_i(T) = \frac{\exp(z_i / T)}{\sum_{j} \exp(z_j / T)},\qquad \lim_{T \to 0^+} p(T) = \text{one-hot}(\arg\max_i z_i),\quad \lim_{T \to \infty} p(T) = \tfrac{1}{K}\mathbf{1}`,
    ],
    aliases: ['softmax temperature', 'temperature scaling', 'sampling temperature', 'temperature parameter', 'tempered softmax', 'temperature-scaled softmax'],
    generic: ['temperature'],
    notWithin: ['room temperature', 'temperature sensor', 'body temperature', 'simulated annealing temperature'],
    code: [],
    related: ['softmax', 'logits', 'infonce-loss', 'label-smoothing'],
  },
  {
    id: 'label-smoothing',
    title: 'Label smoothing',
    section: SECTION,
    summary: 'Trains against a mix of the one-hot target and the uniform distribution, so the model is not pushed towards infinitely confident logits.',
    definition:
      'With smoothing ε the target puts 1 − ε + ε/K on the true class and ε/K on every other class, and the loss is the cross-entropy to that target. ' +
      'It keeps the logits bounded, often improves calibration and accuracy, and was popularized by Inception-v3 and the Transformer (ε = 0.1). ' +
      'PyTorch’s CrossEntropyLoss(label_smoothing=ε), Keras’s CategoricalCrossentropy(label_smoothing=ε) and optax.smooth_labels all use this uniform mix.',
    formulas: [
      String.raw`q_k = (1 - \varepsilon)\, y_k + \frac{\varepsilon}{K}`,
      String.raw`\mathcal{L} = -\sum_{k=1}^{K} q_k \log p_k = (1 - \varepsilon)\big(-\log p_y\big) + \frac{\varepsilon}{K}\sum_{k=1}^{K} \big(-\log p_k\big)`,
    ],
    aliases: ['label smoothing', 'label smoothing regularization', 'smoothed labels', 'smoothed targets'],
    code: ['optax.smooth_labels', 'optax.losses.smooth_labels'],
    related: ['cross-entropy', 'softmax', 'softmax-temperature'],
  },
];
