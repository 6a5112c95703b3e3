import torch.nn as nn

channels = get_channels()
k = 3
k = 5

bad_names = nn.Conv2d(3, channels, 3)
ambiguous = nn.Conv2d(3, 8, k)
bad_groups = nn.Conv2d(6, 8, 3, groups=4)
bad_same = nn.Conv2d(3, 8, 3, stride=2, padding='same')
too_small = nn.Sequential(nn.Conv2d(3, 8, 7), nn.MaxPool2d(4), nn.Conv2d(8, 8, 7))
unfinished = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.Conv2d(16,
