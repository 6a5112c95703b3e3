"""Layer helpers shared by the blocks and the network."""
import torch.nn as nn

_ACTIVATIONS = {
    'relu': nn.ReLU,
    'silu': nn.SiLU,
    'hardswish': nn.Hardswish,
}


def get_act(name='relu', inplace=True):
    if name is None:
        return nn.Identity()
    return _ACTIVATIONS[name](inplace=inplace)


def conv_bn_act(in_ch, out_ch, kernel_size=3, stride=1, groups=1, act='relu'):
    """Conv (no bias) -> BatchNorm -> activation, 'same' padding for odd kernels."""
    padding = (kernel_size - 1) // 2
    return nn.Sequential(
        nn.Conv2d(in_ch, out_ch, kernel_size, stride=stride, padding=padding, groups=groups, bias=False),
        nn.BatchNorm2d(out_ch),
        get_act(act),
    )


class GlobalPoolHead(nn.Module):
    def __init__(self, in_ch, num_classes, dropout=0.0):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Linear(in_ch, num_classes)

    def forward(self, x):
        return self.fc(self.drop(self.pool(x).flatten(1)))
