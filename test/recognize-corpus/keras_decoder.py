import tensorflow as tf
from tensorflow import keras

# A small convolutional decoder: 7x7 latent maps up to 28x28 images.
decoder = keras.Sequential([
    keras.layers.Conv2D(64, 3, padding="same", activation="relu", input_shape=(7, 7, 16)),
    keras.layers.Conv2DTranspose(32, 3, strides=2, padding="same", output_padding=1, activation="relu"),
    keras.layers.Conv2DTranspose(16, 4, strides=2, padding="valid", output_padding=1),
    keras.layers.Conv2D(1, 5, padding="valid", activation="sigmoid"),
])
