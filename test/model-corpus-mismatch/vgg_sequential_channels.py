"""A VGG-style feature stack written out as one nn.Sequential. Planted: the fourth conv takes 256
channels, but the conv before it makes 128. PyTorch raises inside the Sequential, so the last line
of this file in the traceback is `x = self.features(x)` in forward: expected input[2, 128, 8, 8]
to have 256 channels, but got 128 channels instead. Fix: in_channels=128."""
import torch
import torch.nn as nn

BUILD = "VGGSmall()"
INPUT = [2, 3, 32, 32]


class VGGSmall(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(64, 128, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(128, 128, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=2, stride=2),
        )
        self.classifier = nn.Sequential(
            nn.Dropout(),
            nn.Linear(256 * 4 * 4, 512),
            nn.ReLU(inplace=True),
            nn.Linear(512, num_classes),
        )

    def forward(self, x):
        # x: (N, 3, 32, 32)
        x = self.features(x)
        x = x.view(x.size(0), -1)
        return self.classifier(x)


if __name__ == "__main__":
    model = VGGSmall()
    print(model(torch.randn(INPUT)).shape)
