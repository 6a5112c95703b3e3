"""A VGG-style net built from a configuration list, with ImageNet's five pooling stages plus one
more, fed the 32x32 CIFAR images written in forward. Planted: 32 -> 16 -> 8 -> 4 -> 2 -> 1, and the
sixth 2x2 max pool has nothing left to pool. PyTorch raises in forward at
`x = self.features(x)`: Given input size: (512x1x1). Calculated output size: (512x0x0). Output
size is too small. No literal fixes it."""
import torch
import torch.nn as nn

BUILD = "DeepVGG()"
INPUT = [2, 3, 32, 32]

CFG = [64, "M", 128, "M", 256, "M", 512, "M", 512, "M", 512, "M"]


def make_layers(cfg, in_channels=3):
    layers = []
    for v in cfg:
        if v == "M":
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        else:
            layers += [nn.Conv2d(in_channels, v, kernel_size=3, padding=1), nn.ReLU(inplace=True)]
            in_channels = v
    return nn.Sequential(*layers)


class DeepVGG(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = make_layers(CFG)
        self.classifier = nn.Linear(512, num_classes)

    def forward(self, x):
        # x: (N, 3, 32, 32)
        x = self.features(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


if __name__ == "__main__":
    model = DeepVGG()
    print(model(torch.randn(INPUT)).shape)
