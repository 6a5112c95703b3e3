"""A U-Net for inputs whose size is not a multiple of 16: the decoder pads the upsampled map to the
skip connection's size with F.pad(x1, [diffX // 2, diffX - diffX // 2, diffY // 2, diffY - diffY // 2])
before concatenating, so odd sizes work. The sizes are read with x.size()[2] and x.size()[3]; the
decoder channels come from a list and are walked with zip(reversed(...))."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class DoubleConv(nn.Module):
    """(convolution => [BN] => ReLU) * 2"""

    def __init__(self, in_channels, out_channels, mid_channels=None):
        super().__init__()
        if not mid_channels:
            mid_channels = out_channels
        self.double_conv = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(mid_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True)
        )

    def forward(self, x):
        return self.double_conv(x)


class UpPad(nn.Module):
    def __init__(self, in_channels, out_channels, bilinear=False):
        super().__init__()
        if bilinear:
            self.up = nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True)
            self.conv = DoubleConv(in_channels, out_channels, in_channels // 2)
        else:
            self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
            self.conv = DoubleConv(in_channels, out_channels)

    def forward(self, x1, x2):
        x1 = self.up(x1)
        # input is CHW
        diffY = x2.size()[2] - x1.size()[2]
        diffX = x2.size()[3] - x1.size()[3]

        x1 = F.pad(x1, [diffX // 2, diffX - diffX // 2,
                        diffY // 2, diffY - diffY // 2])
        x = torch.cat([x2, x1], dim=1)
        return self.conv(x)


class PadUNet(nn.Module):
    def __init__(self, in_channels=3, num_classes=2, features=(16, 32, 64, 128), bilinear=False):
        super().__init__()
        self.inc = DoubleConv(in_channels, features[0])
        self.downs = nn.ModuleList()
        for cin, cout in zip(features[:-1], features[1:]):
            self.downs.append(nn.Sequential(nn.MaxPool2d(2), DoubleConv(cin, cout)))
        factor = 2 if bilinear else 1
        self.bottom = nn.Sequential(nn.MaxPool2d(2), DoubleConv(features[-1], features[-1] * 2 // factor))
        self.ups = nn.ModuleList()
        for i, f in enumerate(reversed(features)):
            last = i == len(features) - 1
            self.ups.append(UpPad(f * 2, f if last else f // factor, bilinear))
        self.outc = nn.Conv2d(features[0], num_classes, kernel_size=1)

    def forward(self, x):
        skips = [self.inc(x)]
        for down in self.downs:
            skips.append(down(skips[-1]))
        x = self.bottom(skips[-1])
        for up, skip in zip(self.ups, reversed(skips)):
            x = up(x, skip)
        return self.outc(x)


if __name__ == '__main__':
    net = PadUNet()
    print(net(torch.randn(1, 3, 100, 75)).shape)
    net_bi = PadUNet(in_channels=1, num_classes=1, bilinear=True)
    print(net_bi(torch.randn(1, 1, 101, 99)).shape)
