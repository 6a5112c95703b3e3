import optax

schedule = optax.exponential_decay(init_value=1e-3, transition_steps=1000, decay_rate=0.9, staircase=True)
tx = optax.adamw(learning_rate=schedule, weight_decay=1e-4)

momentum_sgd = optax.sgd(0.1, momentum=0.9)
