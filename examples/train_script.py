"""A training script as people write them: the model's sizes come from the command line, and
main() builds it. ML Lens reads it without running it: the totals sit on `model = ...`, a shape
after each layer, and the Analyze model lens above that line traces the model as main() builds
it (argparse defaults filled in)."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)


class SmallCNN(nn.Module):
    def __init__(self, num_classes, width):
        super().__init__()
        self.features = nn.Sequential(ConvBlock(3, width), ConvBlock(width, 2 * width), ConvBlock(2 * width, 4 * width))
        self.head = nn.Linear(4 * width * 4 * 4, num_classes)

    def forward(self, x):
        return self.head(torch.flatten(self.features(x), 1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--num-classes", type=int, default=10)
    parser.add_argument("--width", type=int, default=32)
    parser.add_argument("--lr", type=float, default=0.1)
    args = parser.parse_args()

    model = SmallCNN(num_classes=args.num_classes, width=args.width)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, nesterov=True)
    images, labels = torch.randn(64, 3, 32, 32), torch.randint(0, args.num_classes, (64,))
    for step in range(100):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    main()
