import argparse

import torch
import torch.nn as nn


def make_mlp(in_dim, hidden, out_dim, depth=2, dropout=0.1):
    layers = [nn.Linear(in_dim, hidden), nn.GELU(), nn.Dropout(dropout)]
    for _ in range(depth - 1):
        layers += [nn.Linear(hidden, hidden), nn.GELU(), nn.Dropout(dropout)]
    layers.append(nn.Linear(hidden, out_dim))
    return nn.Sequential(*layers)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--depth", type=int, default=3)
    args = parser.parse_args([])

    net = make_mlp(784, args.hidden, 10, depth=args.depth)
    x = torch.randn(32, 784)
    print(net(x).shape)
