"""A training script with its model built inside main(), sized by argparse defaults."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F


class WideNet(nn.Module):
    def __init__(self, num_classes, width, dropout=0.2):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, width, 5, padding=2),
            nn.BatchNorm2d(width),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(width, 2 * width, 3, padding=1),
            nn.BatchNorm2d(2 * width),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d(4),
        )
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(2 * width * 4 * 4, num_classes)

    def forward(self, x):
        x = self.features(x)
        return self.classifier(self.dropout(torch.flatten(x, 1)))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Train WideNet on random data")
    parser.add_argument("--num-classes", type=int, default=100)
    parser.add_argument("--width", type=int, default=48)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--steps", type=int, default=2)
    return parser.parse_args(argv)


def main():
    args = parse_args([])
    torch.manual_seed(0)
    model = WideNet(num_classes=args.num_classes, width=args.width)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    images = torch.randn(16, 3, 32, 32)
    targets = torch.randint(0, args.num_classes, (16,))
    for _ in range(args.steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), targets)
        loss.backward()
        optimizer.step()
    return model


if __name__ == "__main__":
    trained = main()
