"""nn.Module classes whose forward applies the layers one after another, as torchvision writes
them: a ResNet stem (nested calls), a block written statement by statement with a branch, and a
BasicBlock whose convolutions come from torchvision's conv3x3/conv1x1 helpers."""
import torch
import torch.nn as nn


class Stem(nn.Module):
    def __init__(self, in_channels: int = 3, width: int = 64) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, width, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.maxpool(self.relu(self.bn1(self.conv1(x))))


class Block(nn.Module):
    def __init__(self, channels=64, hidden=128):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, hidden, 3, stride=2, padding=1)
        self.act = nn.GELU()
        self.conv2 = nn.Conv2d(hidden, hidden, 3, padding=2, dilation=2, groups=4)
        self.skip = nn.Conv2d(channels, hidden, 1, stride=2)
        self.pool = nn.AvgPool2d(2, ceil_mode=True)

    def forward(self, x):
        # x: (N, 64, 55, 55)
        h = self.conv1(x)
        h = self.act(h)
        h = self.conv2(h)
        return self.pool(h + self.skip(x))


def conv3x3(in_planes: int, out_planes: int, stride: int = 1, groups: int = 1, dilation: int = 1) -> nn.Conv2d:
    """3x3 convolution with padding"""
    return nn.Conv2d(
        in_planes,
        out_planes,
        kernel_size=3,
        stride=stride,
        padding=dilation,
        groups=groups,
        bias=False,
        dilation=dilation,
    )


def conv1x1(in_planes: int, out_planes: int, stride: int = 1) -> nn.Conv2d:
    """1x1 convolution"""
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride, bias=False)


class BasicBlock(nn.Module):
    def __init__(self, inplanes: int = 64, planes: int = 128, stride: int = 2) -> None:
        super().__init__()
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes, dilation=2)
        self.bn2 = nn.BatchNorm2d(planes)
        self.proj = conv1x1(planes, 32)

    def forward(self, x):
        out = self.conv1(x)
        out = self.bn1(out)
        out = self.relu(out)
        out = self.conv2(out)
        out = self.bn2(out)
        return self.proj(out)


if __name__ == "__main__":
    print(Stem()(torch.randn(2, 3, 224, 224)).shape)
    print(Block()(torch.zeros(1, 64, 55, 55)).shape)
    print(BasicBlock()(torch.zeros(1, 64, 55, 55)).shape)
