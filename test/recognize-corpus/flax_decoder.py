import jax.numpy as jnp
from flax import linen as nn


class Decoder(nn.Module):
    @nn.compact
    def __call__(self, z):
        x = nn.Dense(features=7 * 7 * 32)(z)
        x = x.reshape((x.shape[0], 7, 7, 32))
        x = nn.ConvTranspose(features=32, kernel_size=(3, 3), strides=(2, 2), padding="SAME")(x)
        x = nn.relu(x)
        x = nn.ConvTranspose(features=1, kernel_size=(3, 3), strides=(2, 2), padding="VALID")(x)
        return x


latent = jnp.zeros((1, 7, 7, 32))
