"""A pre-activation residual network whose widening blocks have no projection shortcut. Planted:
the second stage widens 64 -> 128 channels with stride 1, and the block only adds a 1x1 shortcut
when the stride changes, so the identity keeps 64 channels. PyTorch raises in
PreActBlock.forward at `return out + shortcut`: The size of tensor a (128) must match the size of
tensor b (64) at non-singleton dimension 1. No literal fixes it."""
import torch
import torch.nn as nn
import torch.nn.functional as F

BUILD = "PreActNet()"
INPUT = [2, 3, 32, 32]


class PreActBlock(nn.Module):
    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=1, padding=1, bias=False)
        if stride != 1:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, kernel_size=1, stride=stride, bias=False))

    def forward(self, x):
        out = F.relu(self.bn1(x))
        shortcut = self.shortcut(out) if hasattr(self, 'shortcut') else x
        out = self.conv1(out)
        out = self.conv2(F.relu(self.bn2(out)))
        return out + shortcut


class PreActNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
        self.stage1 = PreActBlock(64, 64)
        self.stage2 = PreActBlock(64, 128)
        self.stage3 = PreActBlock(128, 256, stride=2)
        self.bn = nn.BatchNorm2d(256)
        self.linear = nn.Linear(256, num_classes)

    def forward(self, x):
        out = self.conv1(x)
        out = self.stage3(self.stage2(self.stage1(out)))
        out = F.relu(self.bn(out))
        out = F.adaptive_avg_pool2d(out, 1).flatten(1)
        return self.linear(out)


if __name__ == "__main__":
    model = PreActNet()
    print(model(torch.randn(INPUT)).shape)
