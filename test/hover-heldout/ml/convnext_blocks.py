"""Building blocks for ConvNeXt- and ResNet-style image backbones.

Written in the layout of timm's model files: small ``nn.Module`` classes with Google-style
docstrings, no registry and no pretrained weights.
"""
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F


class LayerNorm2d(nn.LayerNorm):
    """Layer normalization over the channel dimension of an NCHW tensor.

    Args:
        num_channels: Number of channels C; mean and variance are taken over C only.
        eps: Small constant added to the variance for numerical stability.
    """

    def __init__(self, num_channels: int, eps: float = 1e-6):
        super().__init__(num_channels, eps=eps)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.permute(0, 2, 3, 1)
        x = F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
        return x.permute(0, 3, 1, 2)


def drop_path(x: torch.Tensor, drop_prob: float = 0.0, training: bool = False) -> torch.Tensor:
    """Stochastic depth: zero the whole residual branch for a random subset of samples.

    Args:
        x: Output of the residual branch, shape (N, C, H, W).
        drop_prob: Probability of dropping the branch for a given sample.
        training: The branch is only dropped in training mode, like dropout.

    Returns:
        The tensor, rescaled by 1 / (1 - drop_prob) where it was kept.
    """
    if drop_prob == 0.0 or not training:
        return x
    keep = 1.0 - drop_prob
    mask = x.new_empty((x.shape[0],) + (1,) * (x.ndim - 1)).bernoulli_(keep)
    return x * mask / keep


class ConvNeXtBlock(nn.Module):
    """Depthwise 7x7 conv, LayerNorm, an inverted-bottleneck MLP with GELU, layer scale.

    Args:
        dim: Number of input and output channels.
        kernel_size: Size of the depthwise kernel; 7 in the paper.
        mlp_ratio: Hidden width of the MLP as a multiple of ``dim``.
        drop_path: Stochastic depth rate for this block.
        ls_init: Initial value of the per-channel layer-scale parameters.
    """

    def __init__(self, dim: int, kernel_size: int = 7, mlp_ratio: float = 4.0, drop_path: float = 0.0, ls_init: float = 1e-6):
        super().__init__()
        self.dwconv = nn.Conv2d(dim, dim, kernel_size=kernel_size, padding=kernel_size // 2, groups=dim)
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.pwconv1 = nn.Linear(dim, int(mlp_ratio * dim))
        self.act = nn.GELU()
        self.pwconv2 = nn.Linear(int(mlp_ratio * dim), dim)
        self.gamma = nn.Parameter(ls_init * torch.ones(dim))
        self.drop_path = drop_path

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x
        x = self.dwconv(x).permute(0, 2, 3, 1)  # NCHW -> NHWC so LayerNorm and Linear act on C
        x = self.pwconv2(self.act(self.pwconv1(self.norm(x))))
        x = (self.gamma * x).permute(0, 3, 1, 2)
        return shortcut + drop_path(x, self.drop_path, self.training)


class Bottleneck(nn.Module):
    """ResNet bottleneck: 1x1 reduce, 3x3, 1x1 expand, each followed by batch norm.

    Args:
        in_chs: Input channels.
        mid_chs: Channels of the 3x3 convolution.
        stride: Stride of the 3x3 convolution; 2 halves the resolution.
        downsample: Optional projection applied to the shortcut when shapes differ.
    """

    expansion = 4

    def __init__(self, in_chs: int, mid_chs: int, stride: int = 1, downsample: Optional[nn.Module] = None):
        super().__init__()
        out_chs = mid_chs * self.expansion
        self.conv1 = nn.Conv2d(in_chs, mid_chs, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(mid_chs)
        self.conv2 = nn.Conv2d(mid_chs, mid_chs, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(mid_chs)
        self.conv3 = nn.Conv2d(mid_chs, out_chs, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(out_chs)
        nn.init.zeros_(self.bn3.weight)  # zero-init the last BN so each block starts as identity
        self.act = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x if self.downsample is None else self.downsample(x)
        x = self.act(self.bn1(self.conv1(x)))
        x = self.act(self.bn2(self.conv2(x)))
        x = self.bn3(self.conv3(x))
        return self.act(x + shortcut)


def stem(in_chans: int = 3, width: int = 64, patchify: bool = True) -> nn.Sequential:
    """Network stem.

    Args:
        in_chans: Channels of the input image (3 for RGB).
        width: Output channels of the stem.
        patchify: If True use a ConvNeXt 4x4 stride-4 patch embedding, else the ResNet 7x7 conv plus max pooling.
    """
    if patchify:
        return nn.Sequential(nn.Conv2d(in_chans, width, kernel_size=4, stride=4), LayerNorm2d(width))
    return nn.Sequential(
        nn.Conv2d(in_chans, width, kernel_size=7, stride=2, padding=3, bias=False),
        nn.BatchNorm2d(width),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2, padding=1),
    )
