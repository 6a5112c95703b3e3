import torch
import torch.nn as nn

signal = torch.zeros(4, 1, 16000)

encoder = nn.Sequential(
    nn.Conv1d(1, 32, kernel_size=80, stride=4),
    nn.BatchNorm1d(32),
    nn.GELU(),
    nn.MaxPool1d(4),
    nn.Conv1d(32, 64, 3, padding=1, groups=2),
    nn.LeakyReLU(0.2),
    nn.AvgPool1d(4),
    nn.Flatten(start_dim=1),
    nn.Linear(64 * 248, 35),
)
