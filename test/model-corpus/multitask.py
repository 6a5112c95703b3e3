"""A GroupNorm backbone with several heads: a ModuleList of classifier heads, a ModuleDict of
dense heads upsampled back to the input size, and a feature-pyramid-like top-down path."""
import torch
from torch import nn
import torch.nn.functional as F


def conv_gn(in_ch, out_ch, stride=1, groups=8):
    return nn.Sequential(
        nn.Conv2d(in_ch, out_ch, 3, stride=stride, padding=1, bias=False),
        nn.GroupNorm(groups, out_ch),
        nn.ReLU(inplace=True),
    )


class Backbone(nn.Module):
    def __init__(self, in_ch=3, widths=(32, 64, 128)):
        super().__init__()
        self.stem = conv_gn(in_ch, widths[0])
        self.stages = nn.ModuleList()
        prev = widths[0]
        for w in widths:
            self.stages.append(nn.Sequential(conv_gn(prev, w, stride=2), conv_gn(w, w)))
            prev = w
        self.out_channels = prev

    def forward(self, x):
        x = self.stem(x)
        feats = []
        for stage in self.stages:
            x = stage(x)
            feats.append(x)
        return feats


class MultiTaskNet(nn.Module):
    def __init__(self, num_classes_per_task=(10, 5, 2), seg_classes=3, in_ch=3):
        super().__init__()
        self.backbone = Backbone(in_ch)
        c = self.backbone.out_channels
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten()
        self.heads = nn.ModuleList([nn.Linear(c, n) for n in num_classes_per_task])
        self.dense_heads = nn.ModuleDict({
            'seg': nn.Conv2d(c, seg_classes, kernel_size=1),
            'depth': nn.Sequential(nn.Conv2d(c, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 1, 1)),
        })
        self.upsample = nn.Upsample(scale_factor=8, mode='bilinear', align_corners=False)

    def forward(self, x):
        feats = self.backbone(x)
        top = feats[-1]
        pooled = self.flatten(self.pool(top))
        logits = [head(pooled) for head in self.heads]
        dense = {name: self.upsample(head(top)) for name, head in self.dense_heads.items()}
        return logits, dense


class TinyFPN(nn.Module):
    """Lateral 1x1 convs, nearest upsampling and addition, a 3x3 smoothing conv per level."""

    def __init__(self, widths=(32, 64, 128), out_ch=64):
        super().__init__()
        self.backbone = Backbone(3, widths)
        self.lateral = nn.ModuleList([nn.Conv2d(w, out_ch, 1) for w in widths])
        self.smooth = nn.ModuleList([nn.Conv2d(out_ch, out_ch, 3, padding=1) for _ in widths])
        self.norm = nn.InstanceNorm2d(out_ch)
        self.identity = nn.Identity()

    def forward(self, x):
        feats = self.backbone(x)
        laterals = [l(f) for l, f in zip(self.lateral, feats)]
        for i in range(len(laterals) - 1, 0, -1):
            laterals[i - 1] = laterals[i - 1] + F.interpolate(laterals[i], scale_factor=2, mode='nearest')
        outs = [self.norm(s(l)) for s, l in zip(self.smooth, laterals)]
        return self.identity(outs[0])


if __name__ == '__main__':
    logits, dense = MultiTaskNet()(torch.randn(2, 3, 64, 64))
    print([l.shape for l in logits], {k: v.shape for k, v in dense.items()})
    print(TinyFPN()(torch.randn(1, 3, 64, 64)).shape)
