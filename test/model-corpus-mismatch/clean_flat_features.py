"""No mismatch (a false-positive guard). The LeNet of PyTorch's 60-minute blitz: fc1 takes
16 * 5 * 5 features, which is right only for its 32x32 input, and forward flattens with the
tutorial's num_flat_features helper. The input is the literal tensor of the __main__ block.
PyTorch runs it on (1, 1, 32, 32)."""
import torch
import torch.nn as nn
import torch.nn.functional as F

BUILD = "Net()"
INPUT = [1, 1, 32, 32]


class Net(nn.Module):

    def __init__(self):
        super(Net, self).__init__()
        # 1 input image channel, 6 output channels, 5x5 square convolution
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        # an affine operation: y = Wx + b
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        # Max pooling over a (2, 2) window
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        # If the size is a square you can only specify a single number
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, self.num_flat_features(x))
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x

    def num_flat_features(self, x):
        size = x.size()[1:]  # all dimensions except the batch dimension
        num_features = 1
        for s in size:
            num_features *= s
        return num_features


if __name__ == "__main__":
    net = Net()
    input = torch.randn(1, 1, 32, 32)
    out = net(input)
    print(out)
