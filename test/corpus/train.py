"""Train a small image classifier on a folder of labelled PNG files.

Usage: python train.py --data ./images --epochs 20
"""
from __future__ import annotations

import json
import logging
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset

log = logging.getLogger(__name__)


@dataclass
class Config:
    data: Path = Path("images")
    epochs: int = 20
    batch_size: int = 64
    lr: float = 3e-4
    weight_decay: float = 0.05
    seed: int = 0
    workers: int = 4
    out: Path = Path("runs/latest")
    tags: list[str] = field(default_factory=list)


class FolderDataset(Dataset):
    def __init__(self, root: Path, size: int = 32):
        self.files = sorted(root.glob("*/*.png"))
        self.classes = sorted({f.parent.name for f in self.files})
        self.index = {name: i for i, name in enumerate(self.classes)}
        self.size = size

    def __len__(self) -> int:
        return len(self.files)

    def __getitem__(self, i: int):
        path = self.files[i]
        pixels = np.load(path.with_suffix(".npy")) if path.with_suffix(".npy").exists() else np.zeros((3, self.size, self.size))
        x = torch.as_tensor(pixels, dtype=torch.float32) / 255.0
        y = self.index[path.parent.name]
        return x, y


class SmallNet(nn.Module):
    def __init__(self, classes: int):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)  # hover: conv2d
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)  # hover: conv2d
        self.pool = nn.MaxPool2d(2)  # hover: max-pooling
        self.drop = nn.Dropout(0.25)  # hover: dropout
        self.head = nn.Linear(64 * 8 * 8, classes)  # hover: fully-connected-layer

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))  # hover: relu
        x = self.pool(F.relu(self.conv2(x)))  # hover: relu
        x = self.drop(torch.flatten(x, 1))
        return self.head(x)


def accuracy(logits: torch.Tensor, y: torch.Tensor) -> float:
    return (logits.argmax(dim=1) == y).float().mean().item()


def save_checkpoint(model: nn.Module, optimizer, epoch: int, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"epoch_{epoch:03d}.pt"
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, path)
    return path


def train(cfg: Config) -> dict:
    torch.manual_seed(cfg.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    data = FolderDataset(cfg.data)
    n_val = max(1, len(data) // 10)
    train_set, val_set = torch.utils.data.random_split(data, [len(data) - n_val, n_val])  # hover: train-val-test-split
    loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True, num_workers=cfg.workers)
    val_loader = DataLoader(val_set, batch_size=cfg.batch_size)

    model = SmallNet(len(data.classes)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)  # hover: adamw
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=cfg.epochs)  # hover: cosine-annealing, lr-schedule
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)  # hover: cross-entropy

    history = {"loss": [], "val_acc": [], "lr": []}
    best, adam_count, relu_count = 0.0, 0, 0
    start = time.perf_counter()
    for epoch in range(cfg.epochs):
        model.train()
        total, seen = 0.0, 0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad(set_to_none=True)
            loss = criterion(model(x), y)
            loss.backward()  # hover: backpropagation
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)  # hover: gradient-clipping
            optimizer.step()
            total += loss.item() * len(y)
            seen += len(y)
        scheduler.step()

        model.eval()
        with torch.no_grad():
            scores = [accuracy(model(x.to(device)), y.to(device)) for x, y in val_loader]
        mean = sum(scores) / max(1, len(scores))
        history["loss"].append(total / max(1, seen))
        history["val_acc"].append(mean)
        history["lr"].append(scheduler.get_last_lr()[0])
        log.info("epoch %d loss %.4f acc %.3f", epoch, total / max(1, seen), mean)
        if mean > best:
            best = mean
            save_checkpoint(model, optimizer, epoch, cfg.out)

    elapsed = time.perf_counter() - start
    summary = {"best_acc": best, "seconds": round(elapsed, 1), "epochs": cfg.epochs, "counts": [adam_count, relu_count]}
    (cfg.out / "summary.json").write_text(json.dumps(summary, indent=2))
    return history


def cosine_lr(step: int, total: int, base: float) -> float:
    # Same shape as the scheduler above, for plotting without a model.
    return 0.5 * base * (1 + math.cos(math.pi * step / total))


def sigma_from_iqr(values: np.ndarray) -> float:
    q1, q3 = np.percentile(values, [25, 75])
    sigma = (q3 - q1) / 1.349
    return float(sigma)


def pick(a: int, b: int) -> int:
    return max(a, b)


if __name__ == "__main__":
    logging.basicConfig(level=os.environ.get("LOGLEVEL", "INFO"))
    train(Config())
