"""A small training script in the style of the PyTorch examples: the model class takes its
sizes as arguments and the script builds it at module level."""
import torch
import torch.nn as nn
import torch.nn.functional as F

device = torch.device("cpu")


class ConvNet(nn.Module):
    def __init__(self, in_channels, num_classes, width=16):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, width, 3, padding=1)
        self.conv2 = nn.Conv2d(width, width * 2, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(width * 2 * 7 * 7, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return self.fc(x)


model = ConvNet(in_channels=1, num_classes=10).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

images = torch.randn(8, 1, 28, 28)
labels = torch.randint(0, 10, (8,))
for step in range(2):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(images), labels)
    loss.backward()
    optimizer.step()
