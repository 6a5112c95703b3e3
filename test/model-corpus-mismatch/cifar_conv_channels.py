"""A small CIFAR-10 classifier written layer by layer. Planted: conv3 was written for 128 input
channels, but conv2 makes 64. PyTorch raises in forward at `x = self.pool(F.relu(self.conv3(x)))`:
expected input[2, 64, 8, 8] to have 128 channels, but got 64 channels instead. Fix: in_channels=64."""
import torch
import torch.nn as nn
import torch.nn.functional as F

BUILD = "CifarNet()"
INPUT = [2, 3, 32, 32]


class CifarNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.conv3 = nn.Conv2d(128, 128, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc = nn.Linear(128 * 4 * 4, num_classes)

    def forward(self, x):
        # x: (N, 3, 32, 32)
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = self.pool(F.relu(self.conv3(x)))
        x = torch.flatten(x, 1)
        return self.fc(x)


if __name__ == "__main__":
    model = CifarNet()
    print(model(torch.randn(INPUT)).shape)
