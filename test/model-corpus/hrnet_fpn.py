"""Multi-resolution fusion: an FPN over a small backbone (lateral 1x1 convs, top-down pathway that
upsamples with F.interpolate(size=lateral.shape[-2:], mode='nearest') and adds, 3x3 output convs,
an extra P6 by max pooling, a dict of outputs) and an HRNet-style fuse layer (a ModuleList of
ModuleLists holding None on the diagonal, upsampling by size=[h, w] with bilinear interpolation,
and a list of tensors in and out)."""
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv3x3(in_planes, out_planes, stride=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=1, bias=False)


class TinyBackbone(nn.Module):
    """Four stages at strides 4, 8, 16, 32; returns the last three feature maps."""

    def __init__(self, channels=(32, 64, 128, 256)):
        super().__init__()
        c1, c2, c3, c4 = channels
        self.stem = nn.Sequential(conv3x3(3, c1, 2), nn.BatchNorm2d(c1), nn.ReLU(inplace=True),
                                  conv3x3(c1, c1, 2), nn.BatchNorm2d(c1), nn.ReLU(inplace=True))
        self.layer2 = nn.Sequential(conv3x3(c1, c2, 2), nn.BatchNorm2d(c2), nn.ReLU(inplace=True))
        self.layer3 = nn.Sequential(conv3x3(c2, c3, 2), nn.BatchNorm2d(c3), nn.ReLU(inplace=True))
        self.layer4 = nn.Sequential(conv3x3(c3, c4, 2), nn.BatchNorm2d(c4), nn.ReLU(inplace=True))

    def forward(self, x):
        x = self.stem(x)
        c3 = self.layer2(x)
        c4 = self.layer3(c3)
        c5 = self.layer4(c4)
        return [c3, c4, c5]


class FPN(nn.Module):
    def __init__(self, in_channels_list, out_channels):
        super().__init__()
        self.inner_blocks = nn.ModuleList()
        self.layer_blocks = nn.ModuleList()
        for in_channels in in_channels_list:
            if in_channels == 0:
                raise ValueError("in_channels=0 is currently not supported")
            self.inner_blocks.append(nn.Conv2d(in_channels, out_channels, 1))
            self.layer_blocks.append(nn.Conv2d(out_channels, out_channels, 3, padding=1))

    def forward(self, x):
        names = ['p3', 'p4', 'p5']
        last_inner = self.inner_blocks[-1](x[-1])
        results = [self.layer_blocks[-1](last_inner)]
        for idx in range(len(x) - 2, -1, -1):
            inner_lateral = self.inner_blocks[idx](x[idx])
            feat_shape = inner_lateral.shape[-2:]
            inner_top_down = F.interpolate(last_inner, size=feat_shape, mode="nearest")
            last_inner = inner_lateral + inner_top_down
            results.insert(0, self.layer_blocks[idx](last_inner))
        # extra level: P6 by a stride-2 max pool of P5
        names.append('pool')
        results.append(F.max_pool2d(results[-1], 1, 2, 0))
        return OrderedDict([(k, v) for k, v in zip(names, results)])


class Detector(nn.Module):
    """Backbone + FPN + a shared head over every level (outputs: one tensor per level)."""

    def __init__(self, num_anchors=3, num_classes=5, fpn_channels=64):
        super().__init__()
        self.backbone = TinyBackbone()
        self.fpn = FPN([64, 128, 256], fpn_channels)
        self.cls_head = nn.Conv2d(fpn_channels, num_anchors * num_classes, 3, padding=1)
        self.box_head = nn.Conv2d(fpn_channels, num_anchors * 4, 3, padding=1)

    def forward(self, images):
        features = self.fpn(self.backbone(images))
        logits, boxes = [], []
        for name, feature in features.items():
            logits.append(self.cls_head(feature).flatten(2))
            boxes.append(self.box_head(feature).flatten(2))
        return torch.cat(logits, dim=2), torch.cat(boxes, dim=2)


class HighResolutionFuse(nn.Module):
    """Exchanges information between branches of different resolutions (stride doubles per branch)."""

    def __init__(self, num_channels=(18, 36, 72)):
        super().__init__()
        self.num_branches = len(num_channels)
        self.branches = nn.ModuleList([
            nn.Sequential(conv3x3(c, c), nn.BatchNorm2d(c, momentum=0.1), nn.ReLU(inplace=True))
            for c in num_channels
        ])
        fuse_layers = []
        for i in range(self.num_branches):
            fuse_layer = []
            for j in range(self.num_branches):
                if j > i:
                    fuse_layer.append(nn.Sequential(
                        nn.Conv2d(num_channels[j], num_channels[i], 1, 1, 0, bias=False),
                        nn.BatchNorm2d(num_channels[i], momentum=0.1)))
                elif j == i:
                    fuse_layer.append(None)
                else:
                    conv3x3s = []
                    for k in range(i - j):
                        if k == i - j - 1:
                            num_outchannels_conv3x3 = num_channels[i]
                            conv3x3s.append(nn.Sequential(
                                nn.Conv2d(num_channels[j], num_outchannels_conv3x3, 3, 2, 1, bias=False),
                                nn.BatchNorm2d(num_outchannels_conv3x3, momentum=0.1)))
                        else:
                            num_outchannels_conv3x3 = num_channels[j]
                            conv3x3s.append(nn.Sequential(
                                nn.Conv2d(num_channels[j], num_outchannels_conv3x3, 3, 2, 1, bias=False),
                                nn.BatchNorm2d(num_outchannels_conv3x3, momentum=0.1),
                                nn.ReLU(False)))
                    fuse_layer.append(nn.Sequential(*conv3x3s))
            fuse_layers.append(nn.ModuleList(fuse_layer))
        self.fuse_layers = nn.ModuleList(fuse_layers)
        self.relu = nn.ReLU(False)

    def forward(self, x):
        for i in range(self.num_branches):
            x[i] = self.branches[i](x[i])

        x_fuse = []
        for i in range(len(self.fuse_layers)):
            y = x[0] if i == 0 else self.fuse_layers[i][0](x[0])
            for j in range(1, self.num_branches):
                if i == j:
                    y = y + x[j]
                elif j > i:
                    width_output = x[i].shape[-1]
                    height_output = x[i].shape[-2]
                    y = y + F.interpolate(
                        self.fuse_layers[i][j](x[j]),
                        size=[height_output, width_output],
                        mode='bilinear', align_corners=False)
                else:
                    y = y + self.fuse_layers[i][j](x[j])
            x_fuse.append(self.relu(y))
        return x_fuse


class HRHead(nn.Module):
    """Splits a stem into three resolutions, fuses them, upsamples all to the finest and concatenates."""

    def __init__(self, channels=(18, 36, 72), num_classes=4):
        super().__init__()
        self.stem = nn.Sequential(conv3x3(3, channels[0], 2), nn.BatchNorm2d(channels[0]), nn.ReLU(inplace=True))
        self.transition = nn.ModuleList([
            nn.Identity() if i == 0 else nn.Sequential(
                *[conv3x3(channels[0] if k == 0 else channels[i], channels[i], 2) for k in range(i)])
            for i in range(len(channels))
        ])
        self.fuse = HighResolutionFuse(channels)
        last = sum(channels)
        self.last_layer = nn.Sequential(
            nn.Conv2d(last, last, 1), nn.BatchNorm2d(last), nn.ReLU(inplace=True),
            nn.Conv2d(last, num_classes, 1))

    def forward(self, x):
        x = self.stem(x)
        xs = [t(x) for t in self.transition]
        xs = self.fuse(xs)
        x0_h, x0_w = xs[0].size(2), xs[0].size(3)
        x1 = F.interpolate(xs[1], size=(x0_h, x0_w), mode='bilinear', align_corners=False)
        x2 = F.interpolate(xs[2], size=(x0_h, x0_w), mode='bilinear', align_corners=False)
        x = torch.cat([xs[0], x1, x2], 1)
        return self.last_layer(x)


if __name__ == '__main__':
    det = Detector()
    cls, box = det(torch.randn(2, 3, 128, 96))
    print(cls.shape, box.shape)
    head = HRHead()
    print(head(torch.randn(1, 3, 64, 80)).shape)
    fuse = HighResolutionFuse()
    print([t.shape for t in fuse([torch.randn(1, 18, 32, 32), torch.randn(1, 36, 16, 16), torch.randn(1, 72, 8, 8)])])
