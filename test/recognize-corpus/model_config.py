"""An MLP whose sizes come from an ml_collections.ConfigDict built by get_config(), as JAX/Flax and
many PyTorch projects write them (the default argument evaluates the config when the def runs)."""
import ml_collections
import torch.nn as nn


def get_config():
    config = ml_collections.ConfigDict()
    config.width = 32
    config.model = ml_collections.ConfigDict({'depth': 2, 'classes': 10})
    return config


class MLP(nn.Module):
    def __init__(self, cfg=get_config()):
        super().__init__()
        layers = [nn.Linear(784, cfg.width), nn.ReLU()]
        for _ in range(cfg.model.depth - 1):
            layers += [nn.Linear(cfg.width, cfg.width), nn.ReLU()]
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(cfg.width, cfg.model.classes)

    def forward(self, x):
        return self.head(self.body(x.flatten(1)))
