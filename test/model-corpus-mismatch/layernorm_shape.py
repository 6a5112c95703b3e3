"""A ViT-style patch embedding followed by a pre-norm MLP block. Planted: the LayerNorm was
written for 256 features, but the patch embedding makes 192-dimensional tokens. PyTorch raises in
forward at `x = x + self.mlp(self.norm(x))`: Given normalized_shape=[256], expected input with
shape [*, 256], but got input of size[2, 64, 192]. Fix: normalized_shape=192."""
import torch
import torch.nn as nn

BUILD = "PatchMixer()"
INPUT = [2, 3, 32, 32]


class PatchMixer(nn.Module):
    def __init__(self, patch=4, dim=192, num_classes=10):
        super().__init__()
        self.embed = nn.Conv2d(3, dim, kernel_size=patch, stride=patch)
        self.norm = nn.LayerNorm(256)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x):
        # x: (N, 3, 32, 32)
        x = self.embed(x).flatten(2).transpose(1, 2)
        x = x + self.mlp(self.norm(x))
        return self.head(x.mean(dim=1))


if __name__ == "__main__":
    model = PatchMixer()
    print(model(torch.randn(INPUT)).shape)
