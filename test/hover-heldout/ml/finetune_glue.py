#!/usr/bin/env python
# Fine-tune a pretrained encoder on a sentence-pair task (MRPC-sized data).
#
# A hand-written loop instead of transformers.Trainer, so every knob is in plain sight:
# gradient accumulation, fp16 autocast with a GradScaler, gradient clipping, and the
# linear warmup-then-decay schedule from get_linear_schedule_with_warmup.
import math
import os
from dataclasses import dataclass

import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from tqdm.auto import tqdm
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    get_linear_schedule_with_warmup,
    set_seed,
)


@dataclass
class Config:
    model_name: str = "bert-base-uncased"
    learning_rate: float = 2e-5
    weight_decay: float = 0.01
    batch_size: int = 16
    gradient_accumulation_steps: int = 4
    num_train_epochs: int = 3
    warmup_ratio: float = 0.06
    max_grad_norm: float = 1.0
    max_length: int = 128
    fp16: bool = True
    seed: int = 42


def main(cfg: Config) -> None:
    set_seed(cfg.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    tokenizer = AutoTokenizer.from_pretrained(cfg.model_name)
    model = AutoModelForSequenceClassification.from_pretrained(cfg.model_name, num_labels=2)
    model.to(device)

    raw = load_dataset("glue", "mrpc")

    def encode(ex):
        return tokenizer(ex["sentence1"], ex["sentence2"], truncation=True, max_length=cfg.max_length)

    data = raw.map(encode, batched=True).remove_columns(["sentence1", "sentence2", "idx"])
    data = data.rename_column("label", "labels")
    collate = DataCollatorWithPadding(tokenizer)
    train_dl = DataLoader(data["train"], batch_size=cfg.batch_size, shuffle=True, collate_fn=collate)
    eval_dl = DataLoader(data["validation"], batch_size=2 * cfg.batch_size, collate_fn=collate)

    # weight decay skips every bias and the LayerNorm weights
    no_decay = ("bias", "LayerNorm.weight")
    grouped = [
        {"params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)], "weight_decay": cfg.weight_decay},
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(grouped, lr=cfg.learning_rate, eps=1e-8)

    steps_per_epoch = math.ceil(len(train_dl) / cfg.gradient_accumulation_steps)
    num_training_steps = steps_per_epoch * cfg.num_train_epochs
    scheduler = get_linear_schedule_with_warmup(
        optimizer,
        num_warmup_steps=int(cfg.warmup_ratio * num_training_steps),
        num_training_steps=num_training_steps,
    )
    scaler = torch.cuda.amp.GradScaler(enabled=cfg.fp16)

    progress = tqdm(range(num_training_steps))
    for epoch in range(cfg.num_train_epochs):
        model.train()
        for step, batch in enumerate(train_dl):
            batch = {k: v.to(device) for k, v in batch.items()}
            with torch.autocast(device_type="cuda", dtype=torch.float16, enabled=cfg.fp16):
                out = model(**batch)
                # the model returns the mean cross-entropy; dividing makes the accumulated
                # gradient equal to that of one large batch
                loss = out.loss / cfg.gradient_accumulation_steps
            scaler.scale(loss).backward()
            if (step + 1) % cfg.gradient_accumulation_steps == 0:
                scaler.unscale_(optimizer)  # clip the true gradients, not the scaled ones
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=cfg.max_grad_norm)
                scaler.step(optimizer)
                scaler.update()
                scheduler.step()
                optimizer.zero_grad(set_to_none=True)
                progress.update(1)

        model.eval()
        correct = total = 0
        with torch.no_grad():
            for batch in eval_dl:
                batch = {k: v.to(device) for k, v in batch.items()}
                preds = model(**batch).logits.argmax(dim=-1)
                correct += (preds == batch["labels"]).sum().item()
                total += batch["labels"].numel()
        print(f"epoch {epoch}: dev accuracy {correct / total:.4f}, lr {scheduler.get_last_lr()[0]:.2e}")

    os.makedirs("out", exist_ok=True)
    model.save_pretrained("out")
    tokenizer.save_pretrained("out")


if __name__ == "__main__":
    main(Config())
