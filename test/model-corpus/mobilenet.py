"""MobileNetV2 (inverted residuals, width multiplier), a MobileNetV3-small-like network with
squeeze-excitation and Hardswish, and an EfficientNet-like MBConv stack with SiLU."""
import math
from functools import partial

import torch
from torch import nn
import torch.nn.functional as F


def _make_divisible(v, divisor, min_value=None):
    """Round the channel count to the nearest multiple of `divisor`, never going down by more
    than 10%."""
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    # Make sure that round down does not go down by more than 10%.
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


class ConvBNReLU(nn.Sequential):
    def __init__(self, in_planes, out_planes, kernel_size=3, stride=1, groups=1, norm_layer=None):
        padding = (kernel_size - 1) // 2
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        super(ConvBNReLU, self).__init__(
            nn.Conv2d(in_planes, out_planes, kernel_size, stride, padding, groups=groups, bias=False),
            norm_layer(out_planes),
            nn.ReLU6(inplace=True)
        )


class InvertedResidual(nn.Module):
    def __init__(self, inp, oup, stride, expand_ratio, norm_layer=None):
        super(InvertedResidual, self).__init__()
        self.stride = stride
        assert stride in [1, 2]

        if norm_layer is None:
            norm_layer = nn.BatchNorm2d

        hidden_dim = int(round(inp * expand_ratio))
        self.use_res_connect = self.stride == 1 and inp == oup

        layers = []
        if expand_ratio != 1:
            # pw
            layers.append(ConvBNReLU(inp, hidden_dim, kernel_size=1, norm_layer=norm_layer))
        layers.extend([
            # dw
            ConvBNReLU(hidden_dim, hidden_dim, stride=stride, groups=hidden_dim, norm_layer=norm_layer),
            # pw-linear
            nn.Conv2d(hidden_dim, oup, 1, 1, 0, bias=False),
            norm_layer(oup),
        ])
        self.conv = nn.Sequential(*layers)

    def forward(self, x):
        if self.use_res_connect:
            return x + self.conv(x)
        else:
            return self.conv(x)


class MobileNetV2(nn.Module):
    def __init__(self, num_classes=1000, width_mult=1.0, inverted_residual_setting=None,
                 round_nearest=8, block=None, norm_layer=None):
        super(MobileNetV2, self).__init__()

        if block is None:
            block = InvertedResidual
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d

        input_channel = 32
        last_channel = 1280

        if inverted_residual_setting is None:
            inverted_residual_setting = [
                # t, c, n, s
                [1, 16, 1, 1],
                [6, 24, 2, 2],
                [6, 32, 3, 2],
                [6, 64, 4, 2],
                [6, 96, 3, 1],
                [6, 160, 3, 2],
                [6, 320, 1, 1],
            ]

        if len(inverted_residual_setting) == 0 or len(inverted_residual_setting[0]) != 4:
            raise ValueError("inverted_residual_setting should be non-empty "
                             "or a 4-element list, got {}".format(inverted_residual_setting))

        # building first layer
        input_channel = _make_divisible(input_channel * width_mult, round_nearest)
        self.last_channel = _make_divisible(last_channel * max(1.0, width_mult), round_nearest)
        features = [ConvBNReLU(3, input_channel, stride=2, norm_layer=norm_layer)]
        # building inverted residual blocks
        for t, c, n, s in inverted_residual_setting:
            output_channel = _make_divisible(c * width_mult, round_nearest)
            for i in range(n):
                stride = s if i == 0 else 1
                features.append(block(input_channel, output_channel, stride, expand_ratio=t,
                                      norm_layer=norm_layer))
                input_channel = output_channel
        # building last several layers
        features.append(ConvBNReLU(input_channel, self.last_channel, kernel_size=1, norm_layer=norm_layer))
        self.features = nn.Sequential(*features)

        self.classifier = nn.Sequential(
            nn.Dropout(0.2),
            nn.Linear(self.last_channel, num_classes),
        )

        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode='fan_out')
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0, 0.01)
                nn.init.zeros_(m.bias)

    def _forward_impl(self, x):
        x = self.features(x)
        # Cannot use "squeeze" as batch-size can be 1
        x = nn.functional.adaptive_avg_pool2d(x, (1, 1))
        x = torch.flatten(x, 1)
        x = self.classifier(x)
        return x

    def forward(self, x):
        return self._forward_impl(x)


# ---------------------------------------------------------------------------
# MobileNetV3-small-like: squeeze-excitation with Hardsigmoid, Hardswish activations

class SqueezeExcitation(nn.Module):
    def __init__(self, input_channels, squeeze_channels, activation=nn.ReLU,
                 scale_activation=nn.Sigmoid):
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(input_channels, squeeze_channels, 1)
        self.fc2 = nn.Conv2d(squeeze_channels, input_channels, 1)
        self.activation = activation()
        self.scale_activation = scale_activation()

    def _scale(self, input):
        scale = self.avgpool(input)
        scale = self.fc1(scale)
        scale = self.activation(scale)
        scale = self.fc2(scale)
        return self.scale_activation(scale)

    def forward(self, input):
        scale = self._scale(input)
        return scale * input


class ConvNormActivation(nn.Sequential):
    def __init__(self, in_channels, out_channels, kernel_size=3, stride=1, groups=1,
                 norm_layer=nn.BatchNorm2d, activation_layer=nn.ReLU):
        padding = (kernel_size - 1) // 2
        layers = [nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding,
                            groups=groups, bias=norm_layer is None)]
        if norm_layer is not None:
            layers.append(norm_layer(out_channels))
        if activation_layer is not None:
            layers.append(activation_layer(inplace=True))
        super().__init__(*layers)
        self.out_channels = out_channels


class V3Block(nn.Module):
    def __init__(self, in_ch, kernel, exp_ch, out_ch, use_se, activation, stride, norm_layer):
        super().__init__()
        self.use_res_connect = stride == 1 and in_ch == out_ch
        act = nn.Hardswish if activation == 'HS' else nn.ReLU
        layers = []
        if exp_ch != in_ch:
            layers.append(ConvNormActivation(in_ch, exp_ch, kernel_size=1,
                                             norm_layer=norm_layer, activation_layer=act))
        layers.append(ConvNormActivation(exp_ch, exp_ch, kernel_size=kernel, stride=stride,
                                         groups=exp_ch, norm_layer=norm_layer, activation_layer=act))
        if use_se:
            squeeze_channels = _make_divisible(exp_ch // 4, 8)
            layers.append(SqueezeExcitation(exp_ch, squeeze_channels, scale_activation=nn.Hardsigmoid))
        layers.append(ConvNormActivation(exp_ch, out_ch, kernel_size=1, norm_layer=norm_layer,
                                         activation_layer=None))
        self.block = nn.Sequential(*layers)

    def forward(self, x):
        result = self.block(x)
        if self.use_res_connect:
            result += x
        return result


class MobileNetV3Small(nn.Module):
    def __init__(self, num_classes=1000, width_mult=1.0, dropout=0.2):
        super().__init__()
        norm_layer = partial(nn.BatchNorm2d, eps=0.001, momentum=0.01)
        # kernel, expanded, out, SE, activation, stride
        setting = [
            (3, 16, 16, True, 'RE', 2),
            (3, 72, 24, False, 'RE', 2),
            (3, 88, 24, False, 'RE', 1),
            (5, 96, 40, True, 'HS', 2),
            (5, 240, 40, True, 'HS', 1),
            (5, 240, 40, True, 'HS', 1),
            (5, 120, 48, True, 'HS', 1),
            (5, 144, 48, True, 'HS', 1),
            (5, 288, 96, True, 'HS', 2),
            (5, 576, 96, True, 'HS', 1),
            (5, 576, 96, True, 'HS', 1),
        ]
        first = _make_divisible(16 * width_mult, 8)
        layers = [ConvNormActivation(3, first, kernel_size=3, stride=2, norm_layer=norm_layer,
                                     activation_layer=nn.Hardswish)]
        in_ch = first
        for k, exp, out, se, act, s in setting:
            exp = _make_divisible(exp * width_mult, 8)
            out = _make_divisible(out * width_mult, 8)
            layers.append(V3Block(in_ch, k, exp, out, se, act, s, norm_layer))
            in_ch = out
        last_conv = 6 * in_ch
        layers.append(ConvNormActivation(in_ch, last_conv, kernel_size=1, norm_layer=norm_layer,
                                         activation_layer=nn.Hardswish))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(
            nn.Linear(last_conv, 1024),
            nn.Hardswish(inplace=True),
            nn.Dropout(p=dropout, inplace=True),
            nn.Linear(1024, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        x = self.classifier(x)
        return x


def mobilenet_v3_small(num_classes=1000):
    return MobileNetV3Small(num_classes=num_classes)


# ---------------------------------------------------------------------------
# EfficientNet-like: MBConv with SiLU and SE, depth and width multipliers

class MBConv(nn.Module):
    def __init__(self, in_ch, out_ch, expand_ratio, kernel_size, stride, se_ratio=0.25,
                 norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = partial(nn.BatchNorm2d, eps=0.001, momentum=0.01)
        self.use_res_connect = stride == 1 and in_ch == out_ch
        hidden = in_ch * expand_ratio
        layers = []
        if expand_ratio != 1:
            layers.append(ConvNormActivation(in_ch, hidden, kernel_size=1, norm_layer=norm_layer,
                                             activation_layer=nn.SiLU))
        layers.append(ConvNormActivation(hidden, hidden, kernel_size=kernel_size, stride=stride,
                                         groups=hidden, norm_layer=norm_layer,
                                         activation_layer=nn.SiLU))
        squeeze = max(1, int(in_ch * se_ratio))
        layers.append(SqueezeExcitation(hidden, squeeze, activation=partial(nn.SiLU, inplace=True)))
        layers.append(ConvNormActivation(hidden, out_ch, kernel_size=1, norm_layer=norm_layer,
                                         activation_layer=None))
        self.block = nn.Sequential(*layers)

    def forward(self, x):
        result = self.block(x)
        if self.use_res_connect:
            result = result + x
        return result


class TinyEfficientNet(nn.Module):
    def __init__(self, width_mult=1.0, depth_mult=1.0, num_classes=1000, dropout=0.2):
        super().__init__()
        norm_layer = partial(nn.BatchNorm2d, eps=0.001, momentum=0.01)
        # expand_ratio, kernel, stride, in, out, repeats
        stages = [
            [1, 3, 1, 32, 16, 1],
            [6, 3, 2, 16, 24, 2],
            [6, 5, 2, 24, 40, 2],
            [6, 3, 2, 40, 80, 3],
        ]

        def ch(c):
            return _make_divisible(c * width_mult, 8)

        stem = ch(32)
        layers = [ConvNormActivation(3, stem, kernel_size=3, stride=2, norm_layer=norm_layer,
                                     activation_layer=nn.SiLU)]
        for expand, k, s, cin, cout, repeats in stages:
            stage = []
            for i in range(int(math.ceil(depth_mult * repeats))):
                stage.append(MBConv(ch(cin) if i == 0 else ch(cout), ch(cout), expand, k,
                                    s if i == 0 else 1, norm_layer=norm_layer))
            layers.append(nn.Sequential(*stage))
        head = 4 * ch(80)
        layers.append(ConvNormActivation(ch(80), head, kernel_size=1, norm_layer=norm_layer,
                                         activation_layer=nn.SiLU))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout, inplace=True),
            nn.Linear(head, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


if __name__ == '__main__':
    small = MobileNetV2(width_mult=0.5, num_classes=10)
    print(small(torch.randn(2, 3, 96, 96)).shape)
    block = InvertedResidual(24, 24, 1, 6)
    print(block(torch.randn(1, 24, 56, 56)).shape)
    down_block = InvertedResidual(24, 32, 2, 6)
    print(down_block(torch.randn(1, 24, 56, 56)).shape)
    se = SqueezeExcitation(96, 24)
    print(se(torch.randn(1, 96, 14, 14)).shape)
    print(mobilenet_v3_small()(torch.randn(1, 3, 224, 224)).shape)
    effnet = TinyEfficientNet(width_mult=1.25, depth_mult=1.5, num_classes=100)
    print(effnet(torch.randn(1, 3, 128, 128)).shape)
