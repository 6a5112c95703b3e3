"""A ResNeXt-style bottleneck with cardinality 32. Planted: the grouped 3x3 conv was written with
a 48-channel width, which 32 groups do not divide. PyTorch raises in the constructor (the line
`self.conv2 = nn.Conv2d(48, 48, kernel_size=3, padding=1, groups=32, bias=False)`):
ValueError: in_channels must be divisible by groups."""
import torch
import torch.nn as nn

BUILD = "ResNeXtBottleneck()"
INPUT = [2, 64, 16, 16]


class ResNeXtBottleneck(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(64, 48, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(48)
        self.conv2 = nn.Conv2d(48, 48, kernel_size=3, padding=1, groups=32, bias=False)
        self.bn2 = nn.BatchNorm2d(48)
        self.conv3 = nn.Conv2d(48, 64, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        # x: (N, 64, 16, 16)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + x)


if __name__ == "__main__":
    block = ResNeXtBottleneck()
    print(block(torch.randn(INPUT)).shape)
