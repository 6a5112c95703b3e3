"""A Fashion-MNIST CNN whose images were padded to 32x32, with the classifier head copied from
the 28x28 version. Planted: after two 2x2 pools the features are 64x8x8 = 4096, but the head's
Linear, behind an nn.Flatten() in the same Sequential, takes 64 * 7 * 7 = 3136. PyTorch raises in
forward at `return self.classifier(x)`: mat1 and mat2 shapes cannot be multiplied (2x4096 and
3136x128). Fix: in_features=4096."""
import torch
from torch import nn

BUILD = "FashionCNN()"
INPUT = [2, 1, 32, 32]


class FashionCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(64 * 7 * 7, 128),
            nn.ReLU(),
            nn.Dropout(0.3),
            nn.Linear(128, 10),
        )

    def forward(self, x):
        # x: (N, 1, 32, 32)
        x = self.features(x)
        return self.classifier(x)


if __name__ == "__main__":
    model = FashionCNN()
    print(model(torch.randn(INPUT)).shape)
