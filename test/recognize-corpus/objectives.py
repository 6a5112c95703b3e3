import numpy as np
import torch


def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


saddle = lambda x, y: x ** 2 - y ** 2

loss = np.sin(x) * torch.exp(-y)
