"""Small branched nets whose receptive fields are not a plain chain: parallel kernels and
dilations added together, a strided path concatenated with a pooled one, a stride-2 residual
block with a 1x1 downsample, and a two-level U-Net with a skip connection."""
import torch
from torch import nn
import torch.nn.functional as F


class DilatedBranches(nn.Module):
    """3x3 stem, then a 5x5 branch and a dilated 3x3 branch summed, then a 1x1 projection."""

    def __init__(self, in_ch=3, width=8, dilation=3):
        super().__init__()
        self.stem = nn.Conv2d(in_ch, width, kernel_size=3, padding=1)
        self.branch_a = nn.Conv2d(width, width, kernel_size=5, padding=2)
        self.branch_b = nn.Conv2d(width, width, kernel_size=3, padding=dilation, dilation=dilation)
        self.bn = nn.BatchNorm2d(width)
        self.proj = nn.Conv2d(width, 4, kernel_size=1)

    def forward(self, x):
        x = F.relu(self.stem(x))
        x = self.branch_a(x) + self.branch_b(x)
        x = F.relu(self.bn(x))
        return self.proj(x)


class StridedConcat(nn.Module):
    """A stride-2 conv path and a conv + 2x2 max-pool path, concatenated, then a 3x3 conv."""

    def __init__(self, in_ch=3, width=8):
        super().__init__()
        self.strided = nn.Conv2d(in_ch, width, kernel_size=3, stride=2, padding=1)
        self.conv = nn.Conv2d(in_ch, width, kernel_size=5, padding=2)
        self.pool = nn.MaxPool2d(kernel_size=2, stride=2)
        self.fuse = nn.Conv2d(2 * width, width, kernel_size=3, padding=1)

    def forward(self, x):
        a = self.strided(x)
        b = self.pool(F.relu(self.conv(x)))
        x = torch.cat([a, b], dim=1)
        return self.fuse(F.relu(x))


class ResidualDown(nn.Module):
    """Stem conv, then a basic residual block with stride 2 and a 1x1 stride-2 downsample."""

    def __init__(self, in_ch=3, planes=16):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(in_ch, planes, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(planes),
            nn.ReLU(inplace=True),
        )
        self.conv1 = nn.Conv2d(planes, 2 * planes, kernel_size=3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(2 * planes)
        self.conv2 = nn.Conv2d(2 * planes, 2 * planes, kernel_size=3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(2 * planes)
        self.downsample = nn.Sequential(
            nn.Conv2d(planes, 2 * planes, kernel_size=1, stride=2, bias=False),
            nn.BatchNorm2d(2 * planes),
        )
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        x = self.stem(x)
        identity = self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += identity
        return self.relu(out)


class AsymmetricStem(nn.Module):
    """Rectangular kernels, strides and pooling windows: the field differs along H and W."""

    def __init__(self, in_ch=3, width=8):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, width, kernel_size=(3, 7), stride=(1, 2), padding=(1, 3))
        self.conv2 = nn.Conv2d(width, width, kernel_size=(5, 1), padding=(2, 0))
        self.pool = nn.MaxPool2d(kernel_size=(2, 3), stride=(2, 1), padding=(0, 1))
        self.head = nn.Conv2d(width, 2, kernel_size=3, padding=1)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = self.pool(F.relu(self.conv2(x)))
        return self.head(x)


class TinyUNet(nn.Module):
    """Encoder conv, 2x2 max-pool, bottleneck conv, upsampling, skip concatenation, conv."""

    def __init__(self, in_ch=1, width=8, bilinear=False):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(in_ch, width, 3, padding=1), nn.ReLU(inplace=True))
        self.down = nn.MaxPool2d(2)
        self.mid = nn.Sequential(
            nn.Conv2d(width, 2 * width, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(2 * width, 2 * width, 3, padding=1), nn.ReLU(inplace=True),
        )
        if bilinear:
            self.up = nn.Sequential(
                nn.Upsample(scale_factor=2, mode='bilinear', align_corners=False),
                nn.Conv2d(2 * width, width, kernel_size=1),
            )
        else:
            self.up = nn.ConvTranspose2d(2 * width, width, kernel_size=2, stride=2)
        self.dec = nn.Conv2d(2 * width, width, 3, padding=1)
        self.out = nn.Conv2d(width, 1, kernel_size=1)

    def forward(self, x):
        skip = self.enc(x)
        x = self.mid(self.down(skip))
        x = self.up(x)
        x = torch.cat([skip, x], dim=1)
        return self.out(F.relu(self.dec(x)))


if __name__ == '__main__':
    for net in (DilatedBranches(), StridedConcat(), ResidualDown(), AsymmetricStem()):
        print(type(net).__name__, net(torch.randn(1, 3, 64, 64)).shape)
    wide = DilatedBranches(dilation=5)
    print(wide(torch.randn(1, 3, 64, 64)).shape)
    print(TinyUNet(bilinear=True)(torch.randn(1, 1, 64, 64)).shape)
