import torch
from torch import nn

C = 64
WIDTH = 128

features = nn.Sequential(
    nn.Conv2d(3, C, kernel_size=3, padding=1),
    nn.ReLU(inplace=True),
    nn.Conv2d(C, C, kernel_size=3, padding=1),
    nn.ReLU(inplace=True),
    nn.MaxPool2d(kernel_size=2, stride=2),
    nn.Conv2d(C, WIDTH, kernel_size=3, padding=1),
    nn.ReLU(inplace=True),
    nn.Conv2d(WIDTH, WIDTH, kernel_size=3, padding=1),
    nn.ReLU(inplace=True),
    nn.MaxPool2d(kernel_size=2, stride=2),
)

classifier = nn.Sequential(
    nn.Flatten(),
    nn.Linear(WIDTH * 8 * 8, 256),
    nn.ReLU(True),
    nn.Dropout(p=0.5),
    nn.Linear(256, 10),
)

x = torch.randn(16, 3, 32, 32)
out = classifier(features(x))
