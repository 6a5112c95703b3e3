"""No mismatch (a false-positive guard). Correct versions of what the planted files get wrong:
depthwise convs with groups equal to the (variable) channels, padding='same' with stride 1 and
dilation, a strided conv with explicit padding, GroupNorm(8, 48), LayerNorm over [C, H, W], a
torch.cat of equal-sized maps and a residual add with a projection. PyTorch runs it on the
(2, 24, 32, 32) written in forward."""
import torch
import torch.nn as nn

BUILD = "MobileStage()"
INPUT = [2, 24, 32, 32]


class DepthwiseSeparable(nn.Module):
    def __init__(self, channels, out_channels, dilation=1):
        super().__init__()
        self.dw = nn.Conv2d(channels, channels, 3, padding='same', dilation=dilation, groups=channels, bias=False)
        self.pw = nn.Conv2d(channels, out_channels, 1, bias=False)
        self.norm = nn.GroupNorm(8, out_channels)
        self.act = nn.ReLU6(inplace=True)

    def forward(self, x):
        return self.act(self.norm(self.pw(self.dw(x))))


class MobileStage(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = DepthwiseSeparable(24, 48)
        self.b = DepthwiseSeparable(24, 48, dilation=2)
        self.proj = nn.Conv2d(24, 96, kernel_size=1, bias=False)
        self.down = nn.Conv2d(96, 96, kernel_size=3, stride=2, padding=1, bias=False)
        self.norm = nn.LayerNorm([96, 16, 16])

    def forward(self, x):
        # x: (N, 24, 32, 32)
        y = torch.cat([self.a(x), self.b(x)], dim=1)
        y = y + self.proj(x)
        return self.norm(self.down(y))


if __name__ == "__main__":
    print(MobileStage()(torch.randn(INPUT)).shape)
