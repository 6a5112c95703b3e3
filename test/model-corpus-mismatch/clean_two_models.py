"""No mismatch (a false-positive guard). Two models in one file: an ImageNet encoder whose forward
says `# x: (N, 3, 224, 224)`, and a small CIFAR classifier (also 3 input channels) whose Linear
is sized for 32x32 and whose input is not written. The comment is the encoder's input, not the
classifier's. PyTorch runs the encoder on (2, 3, 224, 224) and the classifier on (2, 3, 32, 32)."""
import torch
import torch.nn as nn

BUILD = ["Encoder()", "TinyClassifier()"]
INPUT = [[2, 3, 224, 224], [2, 3, 32, 32]]


class Encoder(nn.Module):
    def __init__(self, width=64):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, width, kernel_size=7, stride=2, padding=3, bias=False),
            nn.BatchNorm2d(width),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2, padding=1),
        )
        self.body = nn.Sequential(
            nn.Conv2d(width, 2 * width, 3, stride=2, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(2 * width, 4 * width, 3, stride=2, padding=1), nn.ReLU(inplace=True),
        )
        self.pool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x):
        # x: (N, 3, 224, 224)
        x = self.stem(x)
        x = self.body(x)
        return self.pool(x).flatten(1)


class TinyClassifier(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.fc = nn.Linear(64 * 8 * 8, num_classes)

    def forward(self, x):
        x = self.features(x)
        x = x.reshape(x.shape[0], -1)
        return self.fc(x)


if __name__ == "__main__":
    print(Encoder()(torch.randn(INPUT[0])).shape)
    print(TinyClassifier()(torch.randn(INPUT[1])).shape)
