import type { Term } from './types';

const SIMPLE = '13.1 Simple Recurrent Networks';
const VARIANTS = '13.1.1 Structural Variants';
const GATED = '13.1.2 Gated Memory';

export const RNN_TERMS: Term[] = [
  {
    id: 'rnn',
    title: 'Recurrent neural network (RNN)',
    section: SIMPLE,
    summary: 'A network that reads a sequence step by step, updating a hidden state with the same weights at every step.',
    definition:
      'An RNN keeps a hidden state zₜ that summarizes the inputs seen so far and updates it from the previous state and the current input. ' +
      'The same matrices U, V, W are used at every time step, so sequences of any length share one set of parameters. ' +
      'Unrolled over T steps, the RNN is a T-layer feed-forward network with tied weights.',
    formulas: [String.raw`\mathbf{z}_t = \phi(\mathbf{U}\mathbf{z}_{t-1} + \mathbf{V}\mathbf{x}_t),\qquad \hat{\mathbf{y}}_t = \psi(\mathbf{W}\mathbf{z}_t)`],
    aliases: ['recurrent neural network', 'recurrent network', 'RNN', 'Elman network', 'simple RNN', 'vanilla RNN', 'hidden state', 'unrolled RNN'],
    generic: ['unrolling'],
    code: [
      'torch.nn.RNN',
      'torch.nn.RNNCell',
      'tf.keras.layers.SimpleRNN',
      'keras.layers.SimpleRNN',
      'tf.keras.layers.RNN',
      'flax.linen.SimpleCell',
      'flax.linen.RNN',
      'flax.nnx.SimpleCell',
      'flax.nnx.RNN',
    ],
    related: ['bptt', 'lstm', 'gru', 'exploding-vanishing-gradients', 'weight-sharing'],
  },
  {
    id: 'bptt',
    title: 'Backpropagation through time (BPTT)',
    section: SIMPLE,
    summary: 'Backpropagation on the unrolled RNN, summing the gradient contributions of the shared weights over all time steps.',
    definition:
      'BPTT unrolls the recurrence into a deep graph and applies ordinary backpropagation to it. ' +
      'Because the weights are shared, their gradient is a sum over time steps, and each term contains products of the state Jacobians ∂zⱼ/∂zⱼ₋₁ between the step that produced a loss and earlier steps. ' +
      'Truncated BPTT stops that sum after a fixed number of steps to save memory.',
    // The notes' sum keeps only the direct term ∂z_t/∂w at each step; the full gradient also
    // propagates through earlier states, giving the product of Jacobians below.
    formulas: [
      String.raw`\frac{\partial \mathcal{L}}{\partial \mathbf{w}} = \sum_{t=1}^{T} \frac{\partial \mathcal{L}_t}{\partial \hat{\mathbf{y}}_t}\, \frac{\partial \hat{\mathbf{y}}_t}{\partial \mathbf{z}_t} \sum_{k=1}^{t} \Big(\prod_{j=k+1}^{t} \frac{\partial \mathbf{z}_j}{\partial \mathbf{z}_{j-1}}\Big) \frac{\partial^{+} \mathbf{z}_k}{\partial \mathbf{w}}`,
    ],
    aliases: ['backpropagation through time', 'back-propagation through time', 'BPTT', 'truncated BPTT'],
    code: [],
    related: ['rnn', 'backpropagation', 'exploding-vanishing-gradients', 'weight-sharing'],
  },
  {
    id: 'exploding-vanishing-gradients',
    title: 'Exploding and vanishing gradients',
    section: SIMPLE,
    summary: 'Gradients through many layers or time steps multiply many Jacobians and can grow or shrink exponentially.',
    definition:
      'In an RNN the gradient from step t to step k contains the product of t − k state Jacobians, each of the form diag(φ′)·U. ' +
      'If the largest singular value of U times the bound on φ′ stays below 1 the product shrinks exponentially (vanishing gradient, so long-term dependencies are not learned); large singular values let it grow exponentially (exploding gradient). ' +
      'Gradient clipping tames explosions, while gating (LSTM, GRU), residual connections and careful initialization counter vanishing.',
    // The notes state "exploding if σ_max(U) > 1"; σ_max > 1 is necessary for explosion but not
    // sufficient (with |φ′| ≤ γ, σ_max(U) < 1/γ is a sufficient condition for vanishing).
    formulas: [
      String.raw`\Big\|\prod_{j=k+1}^{t} \frac{\partial \mathbf{z}_j}{\partial \mathbf{z}_{j-1}}\Big\| \le \big(\gamma\, \sigma_{\max}(\mathbf{U})\big)^{t-k},\qquad |\phi'| \le \gamma`,
    ],
    aliases: [
      'vanishing gradient',
      'vanishing gradients',
      'exploding gradient',
      'exploding gradients',
      'vanishing gradient problem',
      'exploding gradient problem',
      'long-term dependencies',
    ],
    code: [],
    related: ['gradient-clipping', 'lstm', 'gru', 'svd', 'bptt', 'resnet'],
  },
  {
    id: 'gradient-clipping',
    title: 'Gradient clipping',
    section: SIMPLE,
    summary: 'Rescales (or truncates) the gradient when its norm exceeds a threshold, preventing exploding updates.',
    definition:
      'Clipping by norm scales the whole gradient down to norm c whenever it is larger, keeping its direction. ' +
      'Clipping by value truncates each component separately, which changes the direction. ' +
      'It is standard when training RNNs and Transformers, where occasional huge gradients would otherwise destroy the parameters.',
    formulas: [String.raw`\mathbf{g} \leftarrow \mathbf{g} \cdot \min\!\Big(1, \frac{c}{\|\mathbf{g}\|}\Big)`],
    aliases: ['gradient clipping', 'gradient norm clipping', 'clip gradients', 'clipping the gradient'],
    code: [
      'torch.nn.utils.clip_grad_norm_',
      'torch.nn.utils.clip_grad_value_',
      'optax.clip_by_global_norm',
      'optax.clip',
      'tf.clip_by_global_norm',
      'tf.clip_by_norm',
    ],
    related: ['exploding-vanishing-gradients', 'rnn'],
  },
  {
    id: 'bidirectional-rnn',
    title: 'Bidirectional RNN',
    section: VARIANTS,
    summary: 'Runs one RNN forward and one backward over the sequence and combines both states for each output.',
    definition:
      'A bidirectional RNN has a forward state z⁺ₜ built from x₁…xₜ and a backward state z⁻ₜ built from x_T…xₜ. ' +
      'Each output sees the whole sequence, past and future, which helps tagging and encoding tasks. ' +
      'It cannot be used for step-by-step generation, where the future is unknown.',
    formulas: [String.raw`\hat{\mathbf{y}}_t = \psi\big(\mathbf{W}\mathbf{z}_t^{+} + \tilde{\mathbf{W}}\mathbf{z}_t^{-}\big)`],
    aliases: ['bidirectional RNN', 'bidirectional RNNs', 'bi-directional RNN', 'BiRNN', 'BiLSTM', 'bidirectional LSTM'],
    code: ['tf.keras.layers.Bidirectional', 'keras.layers.Bidirectional', 'flax.linen.Bidirectional', 'flax.nnx.Bidirectional'],
    related: ['rnn', 'deep-rnn', 'lstm'],
  },
  {
    id: 'deep-rnn',
    title: 'Deep (stacked) RNN',
    section: VARIANTS,
    summary: 'Stacks several recurrent layers so that the state sequence of layer l is the input sequence of layer l + 1.',
    definition:
      'Stacking adds depth per time step in addition to depth over time, increasing representational power. ' +
      'Each layer has its own recurrent weights shared across time. ' +
      'In PyTorch the num_layers argument of nn.RNN, nn.LSTM and nn.GRU builds such a stack.',
    formulas: [
      String.raw`\mathbf{z}_t^{(l)} = \phi\big(\mathbf{U}^{(l)}\mathbf{z}_{t-1}^{(l)} + \mathbf{V}^{(l)}\mathbf{z}_t^{(l-1)}\big),\qquad \mathbf{z}_t^{(0)} = \mathbf{x}_t`,
    ],
    aliases: ['deep RNN', 'deep RNNs', 'stacked RNN', 'stacked LSTM', 'multi-layer RNN'],
    code: [],
    related: ['rnn', 'bidirectional-rnn'],
  },
  {
    id: 'gating',
    title: 'Gating (gated memory)',
    section: GATED,
    summary: 'Sigmoid-valued gates multiply information flows elementwise, deciding what to keep, write and read.',
    definition:
      'A gate is a vector σ(Ax + b) in (0, 1)ⁿ that scales another vector elementwise, acting as a soft, learned switch. ' +
      'Gated RNNs use gates to update a memory additively, so gradients can pass through many steps when the forget gate stays near 1. ' +
      'LSTM, GRU, WaveNet’s gated activations and GLU layers all rely on this mechanism.',
    formulas: [
      String.raw`\mathbf{g} = \sigma(\mathbf{A}\tilde{\mathbf{x}} + \mathbf{b}) \in (0, 1)^n,\qquad \mathbf{h} \leftarrow \mathbf{g} \odot \mathbf{h}`,
    ],
    aliases: ['gating mechanism', 'gated memory', 'gated recurrent networks', 'gated units'],
    generic: ['gating', 'gate', 'gates'],
    code: [],
    related: ['lstm', 'gru', 'sigmoid'],
  },
  {
    id: 'lstm',
    title: 'LSTM (long short-term memory)',
    section: GATED,
    summary: 'A gated RNN with a separate cell state updated additively under forget, input and output gates.',
    definition:
      'An LSTM keeps a cell state Cₜ next to the hidden state zₜ. ' +
      'The forget gate scales the old cell state, the input gate admits a tanh candidate gₜ (computed with its own weights W_g and bias b_g, not with the cell state), and the output gate decides how much of tanh(Cₜ) becomes the hidden state. ' +
      'Because the cell is updated additively, gradients can flow across many time steps, which mitigates vanishing gradients.',
    // The notes write σ(Ĩ^t) for the input gate; like the other gates it is σ(W_i x̃_t + b_i) with a
    // weight matrix applied to x̃_t = [x_t, z_{t−1}]. The notes also name the candidate's matrix C,
    // like the cell state; here it is W_g (PyTorch's g gate). PyTorch splits each W into W_i·,
    // W_h· and adds two biases b_i· + b_h·, which is the same map.
    formulas: [
      String.raw`\mathbf{f}_t = \sigma(\mathbf{W}_f\tilde{\mathbf{x}}_t + \mathbf{b}_f),\ \ \mathbf{i}_t = \sigma(\mathbf{W}_i\tilde{\mathbf{x}}_t + \mathbf{b}_i),\ \ \mathbf{o}_t = \sigma(\mathbf{W}_o\tilde{\mathbf{x}}_t + \mathbf{b}_o),\qquad \tilde{\mathbf{x}}_t = [\mathbf{x}_t, \mathbf{z}_{t-1}]`,
      String.raw`\mathbf{g}_t = \tanh(\mathbf{W}_g\tilde{\mathbf{x}}_t + \mathbf{b}_g),\qquad \mathbf{C}_t = \mathbf{f}_t \odot \mathbf{C}_{t-1} + \mathbf{i}_t \odot \mathbf{g}_t,\qquad \mathbf{z}_t = \mathbf{o}_t \odot \tanh(\mathbf{C}_t)`,
    ],
    aliases: ['LSTM', 'long short-term memory', 'long short term memory', 'forget gate', 'input gate', 'output gate', 'cell state'],
    code: [
      'torch.nn.LSTM',
      'torch.nn.LSTMCell',
      'tf.keras.layers.LSTM',
      'keras.layers.LSTM',
      'tf.keras.layers.LSTMCell',
      'flax.linen.LSTMCell',
      'flax.linen.OptimizedLSTMCell',
      'flax.nnx.LSTMCell',
      'flax.nnx.OptimizedLSTMCell',
    ],
    related: ['gru', 'gating', 'rnn', 'exploding-vanishing-gradients'],
  },
  {
    id: 'gru',
    title: 'GRU (gated recurrent unit)',
    section: GATED,
    summary: 'A simpler gated RNN that merges cell and hidden state and uses an update gate to interpolate between old and new state.',
    definition:
      'A GRU mixes the previous state with a candidate nₜ through an update gate zₜ, and a reset gate rₜ controls how much of the previous state enters the candidate. ' +
      'In PyTorch, Keras and Flax hₜ = (1 − zₜ)⊙nₜ + zₜ⊙hₜ₋₁, so zₜ near 1 keeps the old state, and PyTorch applies rₜ after the hidden matrix product, as Keras does with its default reset_after=True (reset_after=False applies it to hₜ₋₁ before the product). ' +
      'Some texts, the course notes among them, write the update the other way round, zₜ⊙nₜ + (1 − zₜ)⊙hₜ₋₁, which swaps the roles of zₜ and 1 − zₜ; check the convention before reading trained gate values. ' +
      'The GRU merges the LSTM’s cell and hidden states into one and often performs on par with an LSTM with fewer parameters.',
    // torch.nn.GRU's documented equations; Keras (h = z·h_tm1 + (1 − z)·hh) and flax GRUCell
    // (new_h = (1 − z)·n + z·h) use the same gate orientation.
    formulas: [
      String.raw`\mathbf{r}_t = \sigma(\mathbf{W}_{ir}\mathbf{x}_t + \mathbf{b}_{ir} + \mathbf{W}_{hr}\mathbf{h}_{t-1} + \mathbf{b}_{hr}),\qquad \mathbf{z}_t = \sigma(\mathbf{W}_{iz}\mathbf{x}_t + \mathbf{b}_{iz} + \mathbf{W}_{hz}\mathbf{h}_{t-1} + \mathbf{b}_{hz})`,
      String.raw`\mathbf{n}_t = \tanh\big(\mathbf{W}_{in}\mathbf{x}_t + \mathbf{b}_{in} + \mathbf{r}_t \odot (\mathbf{W}_{hn}\mathbf{h}_{t-1} + \mathbf{b}_{hn})\big)`,
      String.raw`\mathbf{h}_t = (1 - \mathbf{z}_t) \odot \mathbf{n}_t + \mathbf{z}_t \odot \mathbf{h}_{t-1}`,
    ],
    aliases: ['GRU', 'gated recurrent unit', 'update gate', 'reset gate'],
    code: ['torch.nn.GRU', 'torch.nn.GRUCell', 'tf.keras.layers.GRU', 'keras.layers.GRU', 'flax.linen.GRUCell', 'flax.nnx.GRUCell'],
    related: ['lstm', 'gating', 'rnn'],
  },
];
