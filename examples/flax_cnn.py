"""A Flax CNN trained with optax. nn.Conv pads 'SAME' by default, unlike PyTorch."""
import jax
import jax.numpy as jnp
import optax
from flax import linen as nn


class CNN(nn.Module):
    @nn.compact
    def __call__(self, x):  # x: (N, 28, 28, 1)
        x = nn.Conv(features=32, kernel_size=(3, 3))(x)
        x = nn.relu(x)
        x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
        x = nn.Conv(features=64, kernel_size=(3, 3))(x)
        x = nn.relu(x)
        x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=10)(x)


params = CNN().init(jax.random.PRNGKey(0), jnp.ones((1, 28, 28, 1)))
# optax's adamw decays weights by 1e-4 by default (PyTorch's AdamW: 1e-2).
tx = optax.adamw(learning_rate=1e-3)
schedule = optax.cosine_decay_schedule(init_value=1e-3, decay_steps=1000)
