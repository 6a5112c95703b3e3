"""Model surgery as pruning and fine-tuning scripts write it: layers rebuilt from the attributes of
existing ones (conv.in_channels, conv.kernel_size, conv.stride, conv.padding, conv.groups,
bias=conv.bias is not None), a slimmed copy of a reference network made by walking its
nn.Sequential with isinstance, and low-rank adapters wrapped around frozen Linear layers
(base.in_features, base.out_features, bias=base.bias is not None, requires_grad_(False))."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyVGG(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.Conv2d(64, 64, 3, padding=1, groups=4, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.Conv2d(64, 128, 1), nn.ReLU(inplace=True),
        )
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(128, num_classes)

    def forward(self, x):
        return self.classifier(torch.flatten(self.pool(self.features(x)), 1))


def clone_conv(conv, in_channels=None, out_channels=None):
    """A conv with the settings of `conv` and, optionally, other channel counts."""
    return nn.Conv2d(
        in_channels or conv.in_channels,
        out_channels or conv.out_channels,
        conv.kernel_size,
        stride=conv.stride,
        padding=conv.padding,
        dilation=conv.dilation,
        groups=conv.groups,
        bias=conv.bias is not None,
    )


class SlimNet(nn.Module):
    """Keeps a fraction of every conv's output channels of a reference TinyVGG."""

    def __init__(self, keep=0.5, num_classes=10):
        super().__init__()
        ref = TinyVGG(num_classes)
        layers = []
        in_ch = 3
        for m in ref.features:
            if isinstance(m, nn.Conv2d):
                out_ch = int(m.out_channels * keep)
                layers.append(clone_conv(m, in_ch, out_ch))
                in_ch = out_ch
            elif isinstance(m, nn.BatchNorm2d):
                layers.append(nn.BatchNorm2d(in_ch))
            else:
                layers.append(m)
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(in_ch, num_classes)

    def forward(self, x):
        return self.classifier(torch.flatten(self.pool(self.features(x)), 1))


class LoRALinear(nn.Module):
    """y = base(x) + B(A(dropout(x))) * alpha / r, with the base layer frozen."""

    def __init__(self, base: nn.Linear, r: int = 4, alpha: float = 8.0, dropout: float = 0.0):
        super().__init__()
        self.base = base
        self.base.requires_grad_(False)
        self.lora_A = nn.Linear(base.in_features, r, bias=False)
        self.lora_B = nn.Linear(r, base.out_features, bias=False)
        self.dropout = nn.Dropout(dropout)
        self.scaling = alpha / r
        nn.init.zeros_(self.lora_B.weight)

    def forward(self, x):
        return self.base(x) + self.lora_B(self.lora_A(self.dropout(x))) * self.scaling


class AdapterMLP(nn.Module):
    """An MLP whose Linear layers get adapters; the merged layer keeps the base layer's bias setting."""

    def __init__(self, dim=64, hidden=256, r=4):
        super().__init__()
        self.fc1 = LoRALinear(nn.Linear(dim, hidden), r=r)
        self.fc2 = LoRALinear(nn.Linear(hidden, dim, bias=False), r=r)
        base = self.fc2.base
        self.merged = nn.Linear(base.in_features, base.out_features, bias=base.bias is not None)

    def forward(self, x):
        h = self.fc2(F.gelu(self.fc1(x)))
        return h + self.merged(F.gelu(self.fc1(x)))


if __name__ == '__main__':
    slim = SlimNet(keep=0.5)
    print(slim(torch.randn(2, 3, 32, 32)).shape, sum(p.numel() for p in slim.parameters()))
    mlp = AdapterMLP()
    print(mlp(torch.randn(2, 10, 64)).shape, sum(p.numel() for p in mlp.parameters() if p.requires_grad))
