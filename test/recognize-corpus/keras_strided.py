import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(16, 3, strides=2, padding='same', input_shape=(32, 32, 3)),
    tf.keras.layers.Conv2D(32, 3, strides=2, padding='same', dilation_rate=2),
    tf.keras.layers.Conv2DTranspose(16, 3, strides=2, padding='same'),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(10),
])
