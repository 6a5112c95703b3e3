"""A small Keras CNN for MNIST. Put the cursor in the Sequential block and run
"ML Lens: Simulate Selection": the lab shows every layer's shape and parameter count
(input_shape is channels-last here; ML Lens converts it to N, C, H, W and says so)."""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Conv2D(32, kernel_size=(3, 3), activation="relu", input_shape=(28, 28, 1)),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Flatten(),
    layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),
])

# Keras' Adam uses epsilon = 1e-7 (PyTorch: 1e-8); the lab lists it among the defaults.
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
model.compile(loss="categorical_crossentropy", optimizer=optimizer, metrics=["accuracy"])

# The functional API: the layer takes its input shape from keras.Input, and names bound to
# numbers are resolved. ML Lens also warns here: Keras rejects strides > 1 together with
# dilation_rate > 1 (try it: put the cursor on the Conv2D line and simulate).
num_filters = 32
inputs = keras.Input(shape=(28, 28, 1))
features = layers.Conv2D(num_filters, 3, strides=2, dilation_rate=2, padding="same")(inputs)
