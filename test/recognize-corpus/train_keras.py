"""A small Keras image classifier and a GAN discriminator, compiled with a few optimizer setups.

Runs with Keras 3 (any backend) or tf.keras.
"""
import numpy as np
import tensorflow as tf
import keras
from keras import layers, optimizers

BATCH_SIZE = 128
EPOCHS = 12
STEPS_PER_EPOCH = 60000 // BATCH_SIZE
INITIAL_LR = 1e-3

config = {
    "learning_rate": 2e-4,
    "beta_1": 0.5,
    "optimizer": {"name": "nadam", "epsilon": 1e-7},
}

discriminator = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(64, 4, strides=2, padding="same"),
        layers.LeakyReLU(alpha=0.2),
        layers.Conv2D(128, 4, strides=2, padding="same"),
        layers.LeakyReLU(negative_slope=0.2),
        layers.GlobalMaxPooling2D(),
        layers.Dense(1),
    ],
    name="discriminator",
)

classifier = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ]
)

# Piecewise-constant decay at epochs 6 and 9.
boundaries = [6 * STEPS_PER_EPOCH, 9 * STEPS_PER_EPOCH]
lr_schedule = optimizers.schedules.PiecewiseConstantDecay(boundaries, [INITIAL_LR, INITIAL_LR * 0.1, INITIAL_LR * 0.01])
classifier.compile(
    optimizer=optimizers.Adam(learning_rate=lr_schedule),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)

exp_decay = tf.keras.optimizers.schedules.ExponentialDecay(INITIAL_LR, decay_steps=STEPS_PER_EPOCH, decay_rate=0.9)
cosine = keras.optimizers.schedules.CosineDecay(0.0, decay_steps=EPOCHS * STEPS_PER_EPOCH, warmup_target=INITIAL_LR, warmup_steps=STEPS_PER_EPOCH)
poly = optimizers.schedules.PolynomialDecay(INITIAL_LR, EPOCHS * STEPS_PER_EPOCH, end_learning_rate=1e-5, power=2.0)

d_optimizer = keras.optimizers.Adam(learning_rate=config["learning_rate"], beta_1=config["beta_1"])
g_optimizer = optimizers.Nadam(learning_rate=config["learning_rate"], beta_1=config["beta_1"], epsilon=config["optimizer"]["epsilon"])
sgd = optimizers.SGD(learning_rate=exp_decay, momentum=0.9, nesterov=True, clipnorm=1.0)
adamw = tf.keras.optimizers.AdamW(learning_rate=cosine, weight_decay=0.01)
adadelta = optimizers.Adadelta(learning_rate=1.0, rho=0.95)
adamax = optimizers.Adamax(learning_rate=poly)
legacy = optimizers.RMSprop(lr=0.001, decay=1e-4)


def train(x_train, y_train):
    x_train = x_train.astype(np.float32) / 255.0
    classifier.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, validation_split=0.1)
