"""Train a small image classifier on an ImageFolder dataset.

The recipe follows the usual torchvision reference scripts: SGD with Nesterov momentum
(or AdamW for the transformer-ish variants), a linear warmup followed by
cosine annealing, label smoothing on the targets and mixed precision on GPU.
We tried RMSProp as in the EfficientNet paper but it was less stable at this batch size.

Example:
    python train_classifier.py --data ./imagenette --lr 0.1 --epochs 90 --batch-size 256
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def get_args():
    parser = argparse.ArgumentParser(description="ImageFolder classification training")
    parser.add_argument("--data", default="./data", help="dataset root")
    parser.add_argument("--epochs", type=int, default=90)
    parser.add_argument("--batch-size", type=int, default=256, help="images per GPU")
    parser.add_argument("--lr", type=float, default=0.1, help="peak learning rate")
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--weight-decay", type=float, default=1e-4)
    parser.add_argument("--opt", default="sgd", choices=["sgd", "adamw"])
    parser.add_argument("--lr-scheduler", default="cosine", choices=["cosine", "step", "onecycle"])
    parser.add_argument("--warmup-epochs", type=int, default=5)
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--accum-steps", type=int, default=1, help="micro-batches per optimizer step")
    parser.add_argument("--amp", action="store_true", help="use automatic mixed precision")
    return parser.parse_args()


class ConvBlock(nn.Module):
    """Conv -> BN -> ReLU. The convolution has no bias because batch norm adds one."""

    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels, momentum=0.1)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class SmallNet(nn.Module):
    """Four stages, each halving the resolution with a stride-2 conv.

    A residual connection would help for deeper stacks; at this depth the plain
    stack trains fine. Dropout before the classifier reduces overfitting on small datasets.
    """

    def __init__(self, num_classes=10, width=32, dropout=0.1):
        super().__init__()
        chans = [3, width, width * 2, width * 4, width * 8]
        self.stages = nn.Sequential(*[ConvBlock(chans[i], chans[i + 1], stride=2) for i in range(4)])
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.drop = nn.Dropout(p=dropout)
        self.fc = nn.Linear(chans[-1], num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        x = self.pool(self.stages(x)).flatten(1)
        return self.fc(self.drop(x))  # logits, no softmax here


def build_optimizer(model, args):
    # no weight decay on BN and bias parameters
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (no_decay if p.ndim <= 1 else decay).append(p)
    groups = [{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    if args.opt == "sgd":
        return torch.optim.SGD(groups, lr=args.lr, momentum=args.momentum, nesterov=True)
    return torch.optim.AdamW(groups, lr=args.lr, betas=(0.9, 0.999), eps=1e-8)


def build_scheduler(optimizer, args, steps_per_epoch):
    if args.lr_scheduler == "step":
        # decay by 10x every 30 epochs, the classic ResNet recipe
        return torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)
    if args.lr_scheduler == "onecycle":
        return torch.optim.lr_scheduler.OneCycleLR(
            optimizer, max_lr=args.lr, total_steps=args.epochs * steps_per_epoch, pct_start=0.3
        )
    main = torch.optim.lr_scheduler.CosineAnnealingLR(
        optimizer, T_max=args.epochs - args.warmup_epochs, eta_min=1e-5
    )
    warm = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.01, total_iters=args.warmup_epochs)
    return torch.optim.lr_scheduler.SequentialLR(optimizer, [warm, main], milestones=[args.warmup_epochs])


def train_one_epoch(model, loader, optimizer, scaler, args, device):
    model.train()
    criterion = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing)
    optimizer.zero_grad(set_to_none=True)
    for step, (images, targets) in enumerate(loader):
        images, targets = images.to(device), targets.to(device)
        with torch.autocast(device_type="cuda", dtype=torch.float16, enabled=args.amp):
            loss = criterion(model(images), targets) / args.accum_steps
        # the loss scaling keeps small float16 gradients from underflowing
        scaler.scale(loss).backward()
        if (step + 1) % args.accum_steps == 0:  # gradient accumulation
            scaler.unscale_(optimizer)
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            scaler.step(optimizer)
            scaler.update()
            optimizer.zero_grad(set_to_none=True)


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    correct = total = 0
    for images, targets in loader:
        logits = model(images.to(device))
        correct += (logits.argmax(1).cpu() == targets).sum().item()
        total += targets.numel()
    return correct / total


def main():
    args = get_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(), transforms.ToTensor()])
    train_set = datasets.ImageFolder(f"{args.data}/train", tf)
    val_set = datasets.ImageFolder(f"{args.data}/val", transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor()]))
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=8, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=args.batch_size, num_workers=8)

    model = SmallNet(num_classes=len(train_set.classes)).to(device)
    optimizer = build_optimizer(model, args)
    scheduler = build_scheduler(optimizer, args, len(train_loader))
    scaler = torch.cuda.amp.GradScaler(enabled=args.amp)

    best = 0.0
    for epoch in range(args.epochs):
        t0 = time.time()
        train_one_epoch(model, train_loader, optimizer, scaler, args, device)
        scheduler.step()
        acc = evaluate(model, val_loader, device)
        # keep the best checkpoint on the validation set (a cheap form of early stopping)
        if acc > best:
            best = acc
            torch.save(model.state_dict(), "best.pt")
        print(f"epoch {epoch} acc {acc:.3f} lr {scheduler.get_last_lr()[0]:.4f} ({time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
