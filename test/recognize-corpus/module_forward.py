"""nn.Module classes whose forward applies the layers one after another, as torchvision writes
them: a ResNet stem (nested calls) and a block written statement by statement, with a branch."""
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


if __name__ == "__main__":
    print(Stem()(torch.randn(2, 3, 224, 224)).shape)
    print(Block()(torch.zeros(1, 64, 55, 55)).shape)
