"""Flax training state for a small CNN on CIFAR-10, with an ml_collections config.

The config lives next to the training code so that sweeps can import get_config().
"""
import functools

import jax
import jax.numpy as jnp
import ml_collections
import optax
from flax import linen as nn
from flax.training import train_state
from optax import adamw


def get_config():
    config = ml_collections.ConfigDict()
    config.learning_rate = 1e-3
    config.warmup_epochs = 2
    config.num_epochs = 30
    config.steps_per_epoch = 390
    config.weight_decay = 5e-4
    config.momentum = 0.9
    config.optim = ml_collections.ConfigDict()
    config.optim.b2 = 0.98
    config.optim.clip = 1.0
    return config


config = get_config()


class CNN(nn.Module):
    num_classes: int = 10

    @nn.compact
    def __call__(self, x, train: bool = True):
        x = nn.Conv(features=32, kernel_size=(3, 3))(x)
        x = nn.relu(x)
        x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
        x = nn.Conv(features=64, kernel_size=(3, 3))(x)
        x = nn.relu(x)
        x = x.mean(axis=(1, 2))
        return nn.Dense(self.num_classes)(x)


def create_learning_rate_fn(config):
    return optax.warmup_cosine_decay_schedule(
        init_value=0.0,
        peak_value=config.learning_rate,
        warmup_steps=config.warmup_epochs * config.steps_per_epoch,
        decay_steps=config.num_epochs * config.steps_per_epoch,
        end_value=1e-5,
    )


def create_train_state(rng, config):
    model = CNN()
    params = model.init(rng, jnp.ones((1, 32, 32, 3)))["params"]
    schedule = create_learning_rate_fn(config)
    tx = optax.chain(
        optax.clip_by_global_norm(config.optim.clip),
        adamw(learning_rate=schedule, b2=config.optim.b2, weight_decay=config.weight_decay),
    )
    return train_state.TrainState.create(apply_fn=model.apply, params=params, tx=tx)


def sgd_state(rng):
    boundaries = {150 * config.steps_per_epoch: 0.1, 225 * config.steps_per_epoch: 0.1}
    lr = optax.piecewise_constant_schedule(0.1, boundaries)
    return optax.sgd(learning_rate=lr, momentum=config.momentum, nesterov=True)


nadam = optax.nadam(3e-4, b1=0.9, b2=0.999)
warmup_linear = optax.join_schedules(
    [optax.linear_schedule(0.0, config.learning_rate, 1000), optax.constant_schedule(config.learning_rate)],
    boundaries=[1000],
)


@functools.partial(jax.jit, static_argnums=2)
def train_step(state, batch, num_classes=10):
    def loss_fn(params):
        logits = state.apply_fn({"params": params}, batch["image"])
        return optax.softmax_cross_entropy(logits, jax.nn.one_hot(batch["label"], num_classes)).mean()

    grads = jax.grad(loss_fn)(state.params)
    return state.apply_gradients(grads=grads)


if __name__ == "__main__":
    state = create_train_state(jax.random.PRNGKey(0), config)
