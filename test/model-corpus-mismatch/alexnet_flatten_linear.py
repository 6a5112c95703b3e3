"""AlexNet's feature extractor and classifier reused for 64x64 Tiny-ImageNet crops, without the
adaptive average pool that makes torchvision's version size-independent. Planted: on 64x64 the
features end at 256x1x1, so torch.flatten gives 256 features, not 256 * 6 * 6 = 9216. PyTorch
raises in forward at `x = self.classifier(x)`: mat1 and mat2 shapes cannot be multiplied
(2x256 and 9216x4096). Fix: in_features=256."""
import torch
import torch.nn as nn

BUILD = "TinyAlexNet()"
INPUT = [2, 3, 64, 64]


class TinyAlexNet(nn.Module):
    def __init__(self, num_classes: int = 200, dropout: float = 0.5) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(64, 192, kernel_size=5, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(192, 384, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(256 * 6 * 6, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (N, 3, 64, 64)
        x = self.features(x)
        x = torch.flatten(x, 1)
        x = self.classifier(x)
        return x


if __name__ == "__main__":
    model = TinyAlexNet()
    print(model(torch.randn(INPUT)).shape)
