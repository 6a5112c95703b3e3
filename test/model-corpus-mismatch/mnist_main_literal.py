"""The PyTorch MNIST example's first net (two 5x5 convs, 320 flattened features), trained on
digits padded to 32x32. The input is written only where the script uses the model, as the literal
tensor of the __main__ block, not in forward. Planted: on 32x32 the flattened features are
20 * 5 * 5 = 500. PyTorch raises in forward at `x = F.relu(self.fc1(x))`: mat1 and mat2 shapes
cannot be multiplied (64x500 and 320x50). Fix: in_features=500."""
import torch
import torch.nn as nn
import torch.nn.functional as F

BUILD = "Net()"
INPUT = [64, 1, 32, 32]


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.conv2_drop = nn.Dropout2d()
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = x.flatten(1)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, training=self.training)
        x = self.fc2(x)
        return F.log_softmax(x, dim=1)


if __name__ == "__main__":
    model = Net()
    data = torch.randn(64, 1, 32, 32)
    output = model(data)
    print(output.shape)
