"""The network: a stem from the layers module, stages of Bottlenecks, a pooled head.

Run as `python -m pkg.net` from test/model-corpus/ (relative imports need the package)."""
import torch
import torch.nn as nn

from . import layers
from .blocks import Bottleneck


class PkgNet(nn.Module):
    def __init__(self, widths=(32, 64, 128), depths=(1, 2, 1), num_classes=10, act='relu'):
        super().__init__()
        self.stem = layers.conv_bn_act(3, widths[0], 3, stride=2, act=act)
        in_ch = widths[0]
        stages = []
        for i, (w, d) in enumerate(zip(widths, depths)):
            blocks = []
            for j in range(d):
                blocks.append(Bottleneck(in_ch, w // Bottleneck.expansion, stride=2 if j == 0 and i > 0 else 1, act=act))
                in_ch = w
            stages.append(nn.Sequential(*blocks))
        self.stages = nn.Sequential(*stages)
        self.head = layers.GlobalPoolHead(in_ch, num_classes, dropout=0.1)

    def forward(self, x):
        return self.head(self.stages(self.stem(x)))


def pkgnet_small(**kwargs):
    return PkgNet(widths=(16, 32), depths=(1, 1), act='silu', **kwargs)


if __name__ == '__main__':
    print(PkgNet()(torch.randn(2, 3, 64, 64)).shape)
    print(pkgnet_small(num_classes=3)(torch.randn(1, 3, 32, 32)).shape)
