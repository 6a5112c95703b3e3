"""Objectives and a coupling layer for the optimizer and flow labs. Select an expression, a def
or a lambda and run "ML Lens: Simulate Selection"; select the AffineCoupling call for the flow lab."""
import numpy as np
import torch


def rosenbrock(x, y):
    return (1 - x)**2 + 100*(y - x**2)**2


himmelblau = lambda x, y: (x**2 + y - 11)**2 + (x + y**2 - 7)**2

# A bumpy one: select just the expression on the right.
bumpy = np.sin(3 * x) * torch.exp(-y**2) + 0.1 * (x**2 + y**2)

# One RealNVP coupling layer: x1 is scaled and shifted by functions of x0 (mask keeps x0).
layer = AffineCoupling(mask=[1, 0], s="0.5*tanh(x0)", t="x0**2 - 1")

# Plain SGD with momentum and a step schedule, as in most training scripts.
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=30, gamma=0.1)
