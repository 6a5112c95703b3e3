# Minimal decoder-only language model in Flax linen with an optax training step.
#
# optimizer: gradient clipping at global norm 1.0 chained with AdamW (beta1=0.9, beta2=0.95,
# weight decay 0.1) on a warmup + cosine learning-rate schedule, i.e. the usual GPT recipe.
import functools
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
import optax
from flax.training import train_state


class MLP(nn.Module):
    d_model: int
    dropout_rate: float = 0.0

    @nn.compact
    def __call__(self, x, deterministic: bool):
        h = nn.Dense(4 * self.d_model)(x)
        h = nn.gelu(h)
        h = nn.Dense(self.d_model)(h)
        return nn.Dropout(rate=self.dropout_rate)(h, deterministic=deterministic)


class Block(nn.Module):
    d_model: int
    num_heads: int
    dropout_rate: float = 0.0

    @nn.compact
    def __call__(self, x, deterministic: bool = True):
        causal = nn.make_causal_mask(jnp.ones(x.shape[:2], dtype=jnp.int32))
        y = nn.LayerNorm()(x)
        y = nn.SelfAttention(num_heads=self.num_heads, dropout_rate=self.dropout_rate, deterministic=deterministic)(y, mask=causal)
        x = x + y  # pre-norm residual connection
        return x + MLP(self.d_model, self.dropout_rate)(nn.LayerNorm()(x), deterministic)


class TinyGPT(nn.Module):
    vocab_size: int
    d_model: int = 384
    num_layers: int = 6
    num_heads: int = 6
    max_len: int = 256

    @nn.compact
    def __call__(self, tokens, deterministic: bool = True):
        tok = nn.Embed(self.vocab_size, self.d_model)
        pos = self.param("pos", nn.initializers.normal(0.02), (self.max_len, self.d_model))
        x = tok(tokens) + pos[: tokens.shape[1]]
        for _ in range(self.num_layers):
            x = Block(self.d_model, self.num_heads)(x, deterministic)
        x = nn.LayerNorm()(x)
        return tok.attend(x)  # weight tying: logits from the embedding matrix


def make_tx(peak_lr: float, warmup_steps: int, total_steps: int) -> optax.GradientTransformation:
    schedule = optax.warmup_cosine_decay_schedule(
        init_value=0.0, peak_value=peak_lr, warmup_steps=warmup_steps, decay_steps=total_steps, end_value=0.1 * peak_lr
    )
    return optax.chain(
        optax.clip_by_global_norm(1.0),
        optax.adamw(learning_rate=schedule, b1=0.9, b2=0.95, weight_decay=0.1),
    )


def create_state(rng, model: TinyGPT, tx) -> train_state.TrainState:
    params = model.init(rng, jnp.zeros((1, model.max_len), jnp.int32))["params"]
    return train_state.TrainState.create(apply_fn=model.apply, params=params, tx=tx)


@functools.partial(jax.jit, donate_argnums=(0,))
def train_step(state: train_state.TrainState, batch: jnp.ndarray, dropout_rng: Any):
    inputs, targets = batch[:, :-1], batch[:, 1:]

    def loss_fn(params):
        logits = state.apply_fn({"params": params}, inputs, deterministic=False, rngs={"dropout": dropout_rng})
        # next-token cross-entropy, averaged over batch and time
        return optax.softmax_cross_entropy_with_integer_labels(logits, targets).mean()

    loss, grads = jax.value_and_grad(loss_fn)(state.params)
    state = state.apply_gradients(grads=grads)
    metrics = {"loss": loss, "grad_norm": optax.global_norm(grads), "perplexity": jnp.exp(loss)}
    return state, metrics


if __name__ == "__main__":
    model = TinyGPT(vocab_size=50_257)
    state = create_state(jax.random.PRNGKey(0), model, make_tx(peak_lr=6e-4, warmup_steps=2_000, total_steps=100_000))
    batch = jax.random.randint(jax.random.PRNGKey(1), (8, 65), 0, 50_257)
    for step in range(3):
        state, metrics = train_step(state, batch, jax.random.fold_in(jax.random.PRNGKey(2), step))
        print(step, {k: float(v) for k, v in metrics.items()})
