import torch.nn as nn

up = nn.Sequential(
    nn.ConvTranspose2d(128, 64, kernel_size=2, stride=2),
    nn.Conv2d(64, 64, 3, padding=1),
    nn.Sigmoid(),
)
