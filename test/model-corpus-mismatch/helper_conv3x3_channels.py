"""Convolutions built through torchvision-style helpers conv3x3/conv1x1. Planted: the stem makes
32 channels, but the second stage is written as conv3x3(48, 64). PyTorch raises in forward at
`x = self.relu(self.bn2(self.conv2(x)))`: expected input[2, 32, 32, 32] to have 48 channels, but
got 32 channels instead. The literal to change is the caller's 48 (the helper passes it on as
in_planes)."""
import torch
import torch.nn as nn


BUILD = "StemNet()"
INPUT = [2, 3, 32, 32]


def conv3x3(in_planes, out_planes, stride=1, groups=1, dilation=1):
    """3x3 convolution with padding"""
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride,
                     padding=dilation, groups=groups, bias=False, dilation=dilation)


def conv1x1(in_planes, out_planes, stride=1):
    """1x1 convolution"""
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride, bias=False)


class StemNet(nn.Module):
    def __init__(self, num_classes=100):
        super().__init__()
        self.conv1 = conv3x3(3, 32)
        self.bn1 = nn.BatchNorm2d(32)
        self.conv2 = conv3x3(48, 64)
        self.bn2 = nn.BatchNorm2d(64)
        self.proj = conv1x1(64, 128, stride=2)
        self.relu = nn.ReLU(inplace=True)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(128, num_classes)

    def forward(self, x):
        # x: (N, 3, 32, 32)
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.relu(self.bn2(self.conv2(x)))
        x = self.relu(self.proj(x))
        x = self.pool(x).flatten(1)
        return self.fc(x)


if __name__ == "__main__":
    model = StemNet()
    print(model(torch.randn(INPUT)).shape)
