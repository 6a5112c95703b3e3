"""MNIST-scale CNN in Flax, once with ``linen`` and once with ``nnx``, trained with optax.

The optimizer is AdamW (decoupled weight decay) under a warmup + cosine decay
schedule. Gradient clipping by global norm is chained in front of it.
"""
from functools import partial

import jax
import jax.numpy as jnp
import optax
from flax import linen as nn
from flax import nnx


class LinenCNN(nn.Module):
    num_classes: int = 10
    dropout: float = 0.1

    @nn.compact
    def __call__(self, x, train: bool = False):
        x = nn.Conv(features=32, kernel_size=(3, 3), strides=(1, 1), padding="SAME")(x)
        x = nn.BatchNorm(use_running_average=not train, momentum=0.9)(x)
        x = nn.relu(x)
        x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
        x = nn.Conv(features=64, kernel_size=(3, 3))(x)
        x = nn.relu(x)
        x = x.reshape((x.shape[0], -1))
        x = nn.Dense(features=128)(x)
        x = nn.Dropout(rate=self.dropout, deterministic=not train)(x)
        return nn.Dense(self.num_classes)(x)


class NNXCNN(nnx.Module):
    def __init__(self, num_classes: int, *, rngs: nnx.Rngs):
        self.conv1 = nnx.Conv(1, 32, kernel_size=(3, 3), rngs=rngs)
        self.conv2 = nnx.Conv(32, 64, kernel_size=(3, 3), strides=2, rngs=rngs)
        self.norm = nnx.LayerNorm(64, rngs=rngs)
        self.drop = nnx.Dropout(rate=0.1, rngs=rngs)
        self.fc1 = nnx.Linear(in_features=64 * 14 * 14, out_features=256, rngs=rngs)
        self.fc2 = nnx.Linear(256, num_classes, use_bias=True, rngs=rngs)

    def __call__(self, x):
        x = nnx.gelu(self.conv1(x))
        x = nnx.gelu(self.norm(self.conv2(x)))
        x = x.reshape(x.shape[0], -1)
        return self.fc2(self.drop(nnx.relu(self.fc1(x))))


def make_optimizer(learning_rate=3e-3, warmup_steps=500, total_steps=10_000, weight_decay=1e-4):
    schedule = optax.warmup_cosine_decay_schedule(
        init_value=0.0,
        peak_value=learning_rate,
        warmup_steps=warmup_steps,
        decay_steps=total_steps,
        end_value=learning_rate * 0.01,
    )
    return optax.chain(
        optax.clip_by_global_norm(1.0),
        optax.adamw(learning_rate=schedule, b1=0.9, b2=0.95, weight_decay=weight_decay),
    )


def cross_entropy_loss(logits, labels):
    # mean cross-entropy over the batch; optax applies log-softmax internally
    return optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean()


@partial(jax.jit, static_argnums=(0,))
def linen_step(model, params, batch_stats, opt_state, batch, rng, tx):
    def loss_fn(p):
        logits, updates = model.apply(
            {"params": p, "batch_stats": batch_stats}, batch["image"], train=True,
            rngs={"dropout": rng}, mutable=["batch_stats"],
        )
        return cross_entropy_loss(logits, batch["label"]), updates
    (loss, updates), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
    upd, opt_state = tx.update(grads, opt_state, params)
    return optax.apply_updates(params, upd), updates["batch_stats"], opt_state, loss


@nnx.jit
def nnx_step(model, optimizer, batch):
    def loss_fn(m):
        return cross_entropy_loss(m(batch["image"]), batch["label"])
    loss, grads = nnx.value_and_grad(loss_fn)(model)
    optimizer.update(grads)
    return loss


if __name__ == "__main__":
    tx = make_optimizer()
    model = NNXCNN(10, rngs=nnx.Rngs(0))
    optimizer = nnx.Optimizer(model, tx)
    # a one-step smoke test; the real loop streams tf.data batches of batch size 128
    batch = {"image": jnp.ones((8, 28, 28, 1)), "label": jnp.zeros((8,), jnp.int32)}
    print("loss", nnx_step(model, optimizer, batch))
    lin = LinenCNN()
    variables = lin.init(jax.random.PRNGKey(0), batch["image"])
    print(jax.tree_util.tree_map(jnp.shape, variables["params"]))
