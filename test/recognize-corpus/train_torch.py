import torch
from torch import optim

lr = 0.1
epochs = 90

model = torchvision.models.resnet18()
optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)

opt2 = optim.Adam(model.parameters(), 3e-4, betas=(0.9, 0.99))
cosine = optim.lr_scheduler.CosineAnnealingLR(opt2, T_max=epochs)

for epoch in range(epochs):
    train(model, optimizer)
    scheduler.step()
