"""A small training loop over mini-batches of 64 examples: the optimizer and scheduler calls are what ML Lens hovers explain."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
features = torch.randn(512, 20)
labels = (features[:, 0] > 0).long()
loader = DataLoader(TensorDataset(features, labels), batch_size=64, shuffle=True)

model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 2))
optimizer = torch.optim.Adam(model.parameters(), lr=3e-4, betas=(0.9, 0.99))
adam_count = 0  # a plain variable: no hover here

for epoch in range(3):
    for x, y in loader:
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()  # one Adam update with bias-corrected moments
        adam_count += 1
    print(f"epoch {epoch}: loss {loss.item():.4f}")
