"""The PyTorch MNIST example's net with fc1 sized by hand, one off: the flattened 64×12×12 = 9216
features meet nn.Linear(9200, 128). PyTorch raises in forward, at self.fc1(x)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9200, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        # x: (N, 1, 28, 28)
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return F.log_softmax(self.fc2(x), dim=1)
