"""CIFAR-10 baseline in Keras.

A VGG-style stack of 3x3 convolutions with 'same' padding, max pooling after every
second conv, batch normalization and dropout. Trained with Adam and an
exponential decay learning rate schedule; early stopping watches the validation loss.
"""
import argparse

import keras
from keras import layers, optimizers, regularizers


def conv_block(x, filters, dropout_rate):
    x = layers.Conv2D(filters, kernel_size=3, strides=1, padding="same", use_bias=False,
                      kernel_regularizer=regularizers.l2(5e-4))(x)
    x = layers.BatchNormalization(momentum=0.99, epsilon=1e-3)(x)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    x = layers.MaxPooling2D(pool_size=2, strides=2)(x)
    return layers.Dropout(rate=dropout_rate)(x)


def build_model(num_classes=10, width=64):
    inputs = keras.Input(shape=(32, 32, 3))
    x = layers.RandomFlip("horizontal")(inputs)  # light data augmentation inside the graph
    x = layers.RandomTranslation(0.1, 0.1)(x)
    for i, rate in enumerate([0.2, 0.3, 0.4]):
        x = conv_block(x, width * 2 ** i, rate)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(units=256, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(num_classes)(x)  # raw logits
    return keras.Model(inputs, outputs, name="cifar_vgg")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    args = parser.parse_args()

    (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
    x_train, x_test = x_train.astype("float32") / 255.0, x_test.astype("float32") / 255.0
    steps_per_epoch = len(x_train) // args.batch_size

    schedule = optimizers.schedules.ExponentialDecay(
        initial_learning_rate=args.lr, decay_steps=10 * steps_per_epoch, decay_rate=0.5, staircase=True
    )
    # beta_2 a bit lower than the default: the second moment estimate adapts faster
    opt = optimizers.Adam(learning_rate=schedule, beta_1=0.9, beta_2=0.99, epsilon=1e-7, clipnorm=1.0)

    model = build_model()
    model.compile(
        optimizer=opt,
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    model.summary()
    callbacks = [
        keras.callbacks.EarlyStopping(monitor="val_loss", patience=8, restore_best_weights=True),
        keras.callbacks.ModelCheckpoint("cifar_vgg.keras", save_best_only=True),
    ]
    history = model.fit(
        x_train,
        y_train,
        epochs=args.epochs,
        batch_size=args.batch_size,
        validation_split=0.1,
        callbacks=callbacks,
    )
    test_loss, test_acc = model.evaluate(x_test, y_test, verbose=0)
    print(f"test accuracy {test_acc:.4f} after {len(history.history['loss'])} epochs")

    # Quick check that a plain SGD run is worse here (same number of epochs)
    sgd = optimizers.SGD(learning_rate=0.05, momentum=0.9, nesterov=True)
    baseline = build_model()
    baseline.compile(optimizer=sgd, loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    baseline.fit(x_train, y_train, epochs=10, batch_size=args.batch_size, verbose=2)


if __name__ == "__main__":
    main()
