"""A LightningModule that classifies short texts with a small Transformer encoder.

Everything passed to ``__init__`` is recorded by ``save_hyperparameters`` so a checkpoint
can rebuild the module on its own. The optimizer is AdamW; the learning rate ramps up
linearly during warmup (a LambdaLR) and then decays linearly to zero.
"""
from typing import Any

import lightning as L
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR
from torchmetrics.classification import MulticlassAccuracy, MulticlassF1Score


class TextClassifier(L.LightningModule):
    def __init__(
        self,
        vocab_size: int = 30_000,
        hidden_size: int = 256,
        num_layers: int = 4,
        num_heads: int = 4,
        num_classes: int = 5,
        dropout: float = 0.1,
        lr: float = 5e-4,
        weight_decay: float = 0.01,
        warmup_steps: int = 1_000,
        label_smoothing: float = 0.05,
    ):
        super().__init__()
        self.save_hyperparameters()
        self.embed = nn.Embedding(vocab_size, hidden_size, padding_idx=0)
        layer = nn.TransformerEncoderLayer(
            d_model=hidden_size,
            nhead=num_heads,
            dim_feedforward=4 * hidden_size,
            dropout=dropout,
            activation="gelu",
            batch_first=True,
            norm_first=True,
        )
        self.encoder = nn.TransformerEncoder(layer, num_layers=num_layers)
        self.norm = nn.LayerNorm(hidden_size)
        self.head = nn.Linear(hidden_size, num_classes)
        self.train_acc = MulticlassAccuracy(num_classes=num_classes)
        self.val_f1 = MulticlassF1Score(num_classes=num_classes, average="macro")

    def forward(self, input_ids, attention_mask):
        x = self.embed(input_ids)
        # True marks the padding positions that attention has to ignore
        x = self.encoder(x, src_key_padding_mask=~attention_mask.bool())
        # average pooling over the real (non-padding) tokens
        m = attention_mask.unsqueeze(-1).float()
        pooled = (self.norm(x) * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.head(pooled)

    def training_step(self, batch, batch_idx):
        logits = self(batch["input_ids"], batch["attention_mask"])
        loss = F.cross_entropy(logits, batch["labels"], label_smoothing=self.hparams.label_smoothing)
        self.train_acc(logits.argmax(-1), batch["labels"])
        self.log("train/loss", loss, prog_bar=True)
        self.log("train/acc", self.train_acc, on_step=False, on_epoch=True)
        return loss

    def validation_step(self, batch, batch_idx):
        logits = self(batch["input_ids"], batch["attention_mask"])
        loss = F.cross_entropy(logits, batch["labels"])
        self.val_f1(logits, batch["labels"])
        self.log_dict({"val/loss": loss, "val/f1": self.val_f1}, on_epoch=True, sync_dist=True)

    def configure_optimizers(self) -> dict[str, Any]:
        # biases and LayerNorm gains get no weight decay
        decay, no_decay = [], []
        for name, p in self.named_parameters():
            (no_decay if p.ndim < 2 or "norm" in name else decay).append(p)
        optimizer = torch.optim.AdamW(
            [
                {"params": decay, "weight_decay": self.hparams.weight_decay},
                {"params": no_decay, "weight_decay": 0.0},
            ],
            lr=self.hparams.lr,
            betas=(0.9, 0.98),
            eps=1e-6,
        )
        total = self.trainer.estimated_stepping_batches
        warmup = self.hparams.warmup_steps

        def lr_lambda(step: int) -> float:
            if step < warmup:
                return (step + 1) / warmup
            return max(0.0, (total - step) / max(1, total - warmup))

        scheduler = LambdaLR(optimizer, lr_lambda=lr_lambda)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}


if __name__ == "__main__":
    from lightning.pytorch.callbacks import EarlyStopping, LearningRateMonitor, ModelCheckpoint

    model = TextClassifier(lr=3e-4, warmup_steps=500)
    trainer = L.Trainer(
        max_epochs=10,
        accelerator="auto",
        precision="16-mixed",
        gradient_clip_val=1.0,
        accumulate_grad_batches=2,
        callbacks=[
            EarlyStopping(monitor="val/loss", patience=3, mode="min"),
            LearningRateMonitor(logging_interval="step"),
            ModelCheckpoint(monitor="val/f1", mode="max", save_top_k=1),
        ],
    )
    # trainer.fit(model, datamodule=...) -- the data module lives in data.py
