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
