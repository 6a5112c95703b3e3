"""Residual blocks built from the conv_bn_act helper."""
import torch.nn as nn

from .layers import conv_bn_act, get_act


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, in_ch, mid_ch, stride=1, act='relu'):
        super().__init__()
        out_ch = mid_ch * self.expansion
        self.reduce = conv_bn_act(in_ch, mid_ch, 1, act=act)
        self.conv = conv_bn_act(mid_ch, mid_ch, 3, stride=stride, act=act)
        self.expand = conv_bn_act(mid_ch, out_ch, 1, act=None)
        if stride != 1 or in_ch != out_ch:
            self.shortcut = conv_bn_act(in_ch, out_ch, 1, stride=stride, act=None)
        else:
            self.shortcut = nn.Identity()
        self.act = get_act(act)

    def forward(self, x):
        return self.act(self.expand(self.conv(self.reduce(x))) + self.shortcut(x))
