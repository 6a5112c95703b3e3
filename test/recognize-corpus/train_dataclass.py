"""Fine-tuning loop configured by dataclasses, with a warm-up schedule built by a helper.

The defaults below are the experiment; a sweep script overrides fields with dataclasses.replace.
"""
import math
from dataclasses import dataclass, field
from types import SimpleNamespace

import torch
from torch import nn, optim
from torch.optim import Adam, Adamax
from torch.optim.lr_scheduler import LambdaLR, CyclicLR, CosineAnnealingWarmRestarts, ChainedScheduler, ExponentialLR, ConstantLR


@dataclass
class OptimConfig:
    lr: float = 3e-4
    beta1: float = 0.9
    beta2: float = 0.95
    weight_decay: float = field(default=0.05)
    eps: float = 1e-8


@dataclass
class TrainConfig:
    epochs: int = 30
    steps_per_epoch: int = 500
    warmup_steps: int = 1000
    grad_clip: float = 1.0
    optim: OptimConfig = field(default_factory=OptimConfig)


cfg = TrainConfig(epochs=20)
cfg.warmup_steps = 800

# A quick baseline, kept for comparison runs.
baseline = SimpleNamespace(lr=1e-3, momentum=0.9, rho=0.9)


class Classifier(nn.Module):
    def __init__(self, in_features=784, hidden=256, classes=10):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_features, hidden), nn.GELU(), nn.Linear(hidden, classes))

    def forward(self, x):
        return self.net(x.flatten(1))


def get_linear_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps, last_epoch=-1):
    def lr_lambda(current_step):
        if current_step < num_warmup_steps:
            return float(current_step) / float(max(1, num_warmup_steps))
        return max(0.0, float(num_training_steps - current_step) / float(max(1, num_training_steps - num_warmup_steps)))

    return LambdaLR(optimizer, lr_lambda, last_epoch)


def make_scheduler(opt, total_steps):
    return torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.optim.lr * 10, total_steps=total_steps, anneal_strategy="linear")


def train(model, loader):
    optimizer = optim.AdamW(
        model.parameters(),
        lr=cfg.optim.lr,
        betas=(cfg.optim.beta1, cfg.optim.beta2),
        eps=cfg.optim.eps,
        weight_decay=cfg.optim.weight_decay,
    )
    total = cfg.epochs * cfg.steps_per_epoch
    scheduler = get_linear_schedule_with_warmup(optimizer, cfg.warmup_steps, total)
    for step, (x, y) in enumerate(loader):
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        if step >= total:
            break


def train_one_cycle(model, loader):
    optimizer = optim.SGD(model.parameters(), lr=cfg.optim.lr, momentum=0.9, nesterov=True)
    scheduler = make_scheduler(optimizer, total_steps=cfg.epochs * cfg.steps_per_epoch)
    return optimizer, scheduler


def baselines(model):
    adam = Adam(model.parameters(), lr=baseline.lr)
    adamax = Adamax(model.parameters())
    adadelta = optim.Adadelta(model.parameters(), rho=baseline.rho)
    rprop = optim.Rprop(model.parameters(), lr=0.01, etas=(0.5, 1.2))
    asgd = optim.ASGD(model.parameters(), lr=baseline.lr, t0=200)
    sgd = torch.optim.SGD(model.parameters(), lr=0.05, momentum=baseline.momentum)
    cyclic = CyclicLR(sgd, base_lr=0.001, max_lr=0.05, step_size_up=20, mode="triangular2")
    restarts = CosineAnnealingWarmRestarts(adam, T_0=50, T_mult=2, eta_min=1e-6)
    decay = ChainedScheduler([ConstantLR(adamax, factor=0.5, total_iters=10), ExponentialLR(adamax, gamma=0.99)])
    return [adam, adamax, adadelta, rprop, asgd, sgd], [cyclic, restarts, decay]
