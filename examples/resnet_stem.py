"""The stem of a ResNet-50 and a bottleneck block, written the way torchvision does it.

Select a layer (or put the cursor on it) and run "ML Lens: Simulate Selection" (Ctrl+Alt+L).
"""
import torch
import torch.nn as nn


class Stem(nn.Module):
    def __init__(self, in_channels: int = 3, width: int = 64) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (N, 3, 224, 224) -> (N, 64, 56, 56)
        return self.maxpool(self.relu(self.bn1(self.conv1(x))))


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(256, 64, kernel_size=1, bias=False)
        self.conv2 = nn.Conv2d(64, 64, kernel_size=3, stride=1, padding=1, bias=False)
        self.conv3 = nn.Conv2d(64, 256, kernel_size=1, bias=False)
        self.depthwise = nn.Conv2d(64, 64, 3, padding=1, groups=64)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv3(self.conv2(self.conv1(x))) + x


if __name__ == "__main__":
    stem = Stem()
    print(stem(torch.randn(1, 3, 224, 224)).shape)
