"""No mismatch (a false-positive guard). A CIFAR-10 net whose classifier is sized for 32x32
inputs (64 * 8 * 8 after two pools), with the input written nowhere in the file: the training
script that feeds it lives elsewhere. PyTorch runs it on (2, 3, 32, 32); for an assumed 224x224
input the Linear would not fit, so nothing may be flagged."""
import torch
import torch.nn as nn
import torch.nn.functional as F

BUILD = "Net()"
INPUT = [2, 3, 32, 32]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(64 * 8 * 8, 256)
        self.fc2 = nn.Linear(256, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 64 * 8 * 8)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


if __name__ == "__main__":
    net = Net()
    print(sum(p.numel() for p in net.parameters()))
