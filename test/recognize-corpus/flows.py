# RealNVP-style coupling layers written as expressions.
layer1 = AffineCoupling(mask=[1, 0], s="tanh(x0)", t="x0**2")
layer2 = AffineCoupling(mask=[0, 1], s=lambda x1: 0.5 * x1, t=lambda x1: sin(x1))

mask = [1, 0]
s = lambda x0: tanh(0.5 * x0)
t = lambda x0: x0 / 2
