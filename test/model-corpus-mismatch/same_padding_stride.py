"""A Keras-port downsampling block that asks for padding='same' on a strided convolution (Keras
allows it, PyTorch does not). Planted: PyTorch raises in the constructor, on the line
`self.down = nn.Conv2d(32, 64, kernel_size=3, stride=2, padding='same')`: ValueError:
padding='same' is not supported for strided convolutions."""
import torch
import torch.nn as nn

BUILD = "DownBlock()"
INPUT = [2, 32, 64, 64]


class DownBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(32, 32, kernel_size=3, padding='same')
        self.down = nn.Conv2d(32, 64, kernel_size=3, stride=2, padding='same')
        self.act = nn.ReLU()

    def forward(self, x):
        # x: (N, 32, 64, 64)
        x = self.act(self.conv(x))
        return self.act(self.down(x))


if __name__ == "__main__":
    block = DownBlock()
    print(block(torch.randn(INPUT)).shape)
