"""Keras models in the three styles people write: Sequential, functional, subclassed.

Expected numbers follow Keras' documented rules (no TensorFlow on the test machines):
Conv2D params = kh·kw·C_in·filters + filters; Dense = in·units + units; BatchNormalization =
4·C (gamma, beta trainable; moving mean and variance non-trainable); 'valid' padding shrinks
by k − 1; MaxPooling2D(2) floors the size by 2.
"""
import keras
from keras import layers

num_classes = 10
input_shape = (28, 28, 1)

# The keras.io MNIST convnet: model.summary() reports 34,826 parameters.
mnist = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(num_classes, activation="softmax"),
    ]
)


def build_functional(width=32):
    inputs = keras.Input(shape=(32, 32, 3))
    x = layers.Conv2D(width, 3, padding="same")(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    skip = x
    x = layers.Conv2D(width, 3, padding="same")(x)
    x = layers.add([x, skip])
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Dense(10)(x)
    return keras.Model(inputs=inputs, outputs=outputs, name="tiny_resnet")


class Classifier(keras.Model):
    def __init__(self, hidden=64, classes=10, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(16, 3, strides=2, padding="same")
        self.pool = layers.GlobalMaxPooling2D()
        self.hidden = layers.Dense(hidden, activation="relu")
        self.out = layers.Dense(classes)

    def call(self, x):
        x = self.conv(x)
        x = self.pool(x)
        return self.out(self.hidden(x))


if __name__ == "__main__":
    model = build_functional()
    model.summary()
