"""A diffusion-style residual block with GroupNorm(32, C) normalisations, built with literal
widths. Planted: the second norm says 128 channels, but conv1 widens to 256. PyTorch raises in
ResBlock.forward at `h = self.act(self.norm2(h))` (torch.group_norm: weight of shape [128] for an
input of 256 channels). Fix: num_channels=256."""
import torch
import torch.nn as nn

BUILD = "ResBlock()"
INPUT = [2, 128, 16, 16]


class ResBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1 = nn.GroupNorm(32, 128)
        self.conv1 = nn.Conv2d(128, 256, kernel_size=3, padding=1)
        self.norm2 = nn.GroupNorm(32, 128)
        self.conv2 = nn.Conv2d(256, 256, kernel_size=3, padding=1)
        self.skip = nn.Conv2d(128, 256, kernel_size=1)
        self.act = nn.SiLU()

    def forward(self, x):
        # x: (N, 128, 16, 16)
        h = self.conv1(self.act(self.norm1(x)))
        h = self.act(self.norm2(h))
        h = self.conv2(h)
        return self.skip(x) + h


if __name__ == "__main__":
    block = ResBlock()
    print(block(torch.randn(INPUT)).shape)
