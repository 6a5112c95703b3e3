"""A conv-BN-ReLU classifier. Planted: bn2 was left at 32 features when conv2 was widened to 64
channels. PyTorch raises in forward at `x = F.relu(self.bn2(self.conv2(x)))`: running_mean should
contain 64 elements not 32. Fix: num_features=64."""
import torch
import torch.nn as nn
import torch.nn.functional as F

BUILD = "ConvBNNet()"
INPUT = [2, 3, 32, 32]


class ConvBNNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, kernel_size=3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(32)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, stride=2, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(32)
        self.head = nn.Linear(64, num_classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.head(x)


if __name__ == "__main__":
    model = ConvBNNet()
    print(model(torch.randn(INPUT)).shape)
