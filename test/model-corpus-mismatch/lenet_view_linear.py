"""LeNet-5 with its classic fully connected sizes (16 * 5 * 5, for 32x32 inputs) fed MNIST's
28x28 digits, as the comment in forward says. Planted: the flattened features are 16 * 4 * 4 = 256,
not 400. PyTorch raises in forward at `x = F.relu(self.fc1(x))`: mat1 and mat2 shapes cannot be
multiplied (2x256 and 400x120). Fix: in_features=256."""
import torch
import torch.nn as nn
import torch.nn.functional as F

BUILD = "LeNet()"
INPUT = [2, 1, 28, 28]


class LeNet(nn.Module):
    def __init__(self):
        super(LeNet, self).__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        # x: (N, 1, 28, 28)
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(x.size(0), -1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


if __name__ == "__main__":
    net = LeNet()
    print(net(torch.randn(INPUT)).shape)
