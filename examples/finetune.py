"""Fine-tuning with NAdam and a warm-up: put the cursor in the SequentialLR call and run
"ML Lens: Simulate Selection" to see the learning rate the two schedulers give and NAdam's update rule."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(32, 128), nn.GELU(), nn.Linear(128, 10))
features = torch.randn(1024, 32)
labels = torch.randint(0, 10, (1024,))

warmup_steps = 50
total_steps = 300
optimizer = torch.optim.NAdam(model.parameters(), lr=2e-3, weight_decay=1e-4, decoupled_weight_decay=True)
warmup = LinearLR(optimizer, start_factor=0.1, total_iters=warmup_steps)
decay = CosineAnnealingLR(optimizer, T_max=total_steps - warmup_steps, eta_min=1e-5)
scheduler = SequentialLR(optimizer, schedulers=[warmup, decay], milestones=[warmup_steps])

for step in range(total_steps):
    batch = torch.randint(0, len(features), (64,))
    optimizer.zero_grad()
    loss = F.cross_entropy(model(features[batch]), labels[batch])
    loss.backward()
    optimizer.step()
    scheduler.step()  # after optimizer.step(): warm-up for 50 steps, then cosine decay
