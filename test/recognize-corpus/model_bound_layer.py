"""A block whose stride its parent sets: Net builds Block(8, stride=1), while Block's own default is 2,
and a helper elsewhere has a parameter of the same name (stride=4)."""
import torch.nn as nn


def make_stem(stride=4):
    return nn.Conv2d(3, 8, 3, stride=stride)


class Block(nn.Module):
    def __init__(self, cin=8, stride=2):
        super().__init__()
        self.conv = nn.Conv2d(cin, 16, 3, stride=stride, padding=1)

    def forward(self, x):
        return self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = make_stem()
        self.block = Block(8, stride=1)

    def forward(self, x):
        return self.block(self.stem(x))
