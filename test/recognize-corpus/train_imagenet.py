"""ImageNet-style training entry point: argparse options, a choice of optimizers and
learning-rate schedules, one process per GPU.

    python train_imagenet.py /data/imagenet --arch resnet50 --lr 0.2 --sched cosine
"""
import argparse
import math
import os
import time

import torch
import torch.multiprocessing as mp
import torch.nn as nn
import torch.optim as optim
from torch.optim import lr_scheduler
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR, StepLR

parser = argparse.ArgumentParser(description="ImageNet training")
parser.add_argument("data", metavar="DIR", help="path to the dataset")
parser.add_argument("-a", "--arch", default="resnet18", help="model architecture")
parser.add_argument("-j", "--workers", default=8, type=int, help="data loading workers")
parser.add_argument("--epochs", default=90, type=int, help="total epochs")
parser.add_argument("-b", "--batch-size", default=256, type=int, help="total batch size")
parser.add_argument("--lr", "--learning-rate", default=0.1, type=float, dest="lr", help="initial learning rate")
parser.add_argument("--momentum", default=0.9, type=float, help="SGD momentum")
parser.add_argument("--wd", "--weight-decay", default="1e-4", type=float, dest="weight_decay", help="weight decay")
parser.add_argument("--nesterov", action="store_true", help="use Nesterov momentum")
parser.add_argument("--optimizer", default="sgd", choices=["sgd", "adamw", "nadam", "radam"])
parser.add_argument("--sched", default="step", choices=["step", "multistep", "cosine", "onecycle", "plateau", "poly"])
parser.add_argument("--lr-step", default=30, type=int, help="epochs between lr decays")
parser.add_argument("--lr-gamma", type=float, help="lr decay factor")
parser.add_argument("--warmup-epochs", default=5, type=int)
parser.add_argument("--warmup-factor", default=0.1, type=float)
parser.add_argument("--label-smoothing", default=0.1, type=float)
parser.add_argument("--seed", type=int, help="seed for initializing training")
parser.add_argument("--world-size", default=1, type=int)
parser.set_defaults(lr_gamma=0.1)

opt_group = parser.add_argument_group("AdamW")
opt_group.add_argument("--adam-beta2", default=0.999, type=float)
opt_group.add_argument("--adam-eps", default=1e-8, type=float)


def build_optimizer(args, model):
    # No weight decay on biases and norm parameters.
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (no_decay if p.ndim <= 1 else decay).append(p)
    groups = [{"params": decay}, {"params": no_decay, "weight_decay": 0.0}]
    if args.optimizer == "adamw":
        return optim.AdamW(groups, lr=args.lr, betas=(args.momentum, args.adam_beta2), eps=args.adam_eps, weight_decay=args.weight_decay)
    if args.optimizer == "nadam":
        return torch.optim.NAdam(groups, lr=args.lr, betas=(args.momentum, args.adam_beta2), weight_decay=args.weight_decay)
    if args.optimizer == "radam":
        return optim.RAdam(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    return torch.optim.SGD(groups, args.lr, momentum=args.momentum, weight_decay=args.weight_decay, nesterov=args.nesterov)


def build_scheduler(args, optimizer, steps_per_epoch):
    if args.sched == "step":
        return StepLR(optimizer, step_size=args.lr_step, gamma=args.lr_gamma)
    if args.sched == "multistep":
        return lr_scheduler.MultiStepLR(optimizer, milestones=[30, 60, 80], gamma=args.lr_gamma)
    if args.sched == "onecycle":
        return lr_scheduler.OneCycleLR(optimizer, max_lr=args.lr, epochs=args.epochs, steps_per_epoch=steps_per_epoch, pct_start=0.25)
    if args.sched == "plateau":
        return lr_scheduler.ReduceLROnPlateau(optimizer, mode="max", factor=0.5, patience=3)
    if args.sched == "poly":
        return lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda epoch: (1 - epoch / args.epochs) ** 0.9)
    warmup = LinearLR(optimizer, start_factor=args.warmup_factor, total_iters=args.warmup_epochs)
    cosine = CosineAnnealingLR(optimizer, T_max=args.epochs - args.warmup_epochs, eta_min=1e-5)
    return SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[args.warmup_epochs])


def main():
    args = parser.parse_args()
    ngpus_per_node = torch.cuda.device_count()
    if ngpus_per_node > 1:
        mp.spawn(main_worker, nprocs=ngpus_per_node, args=(ngpus_per_node, args))
    else:
        main_worker(0, ngpus_per_node, args)


def main_worker(gpu, ngpus_per_node, args):
    import torchvision.models as models

    model = models.__dict__[args.arch]()
    criterion = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing)
    optimizer = build_optimizer(args, model)
    steps_per_epoch = math.ceil(1281167 / args.batch_size)
    scheduler = build_scheduler(args, optimizer, steps_per_epoch)
    for epoch in range(args.epochs):
        start = time.time()
        loss = train_one_epoch(model, criterion, optimizer, epoch, args)
        if isinstance(scheduler, lr_scheduler.ReduceLROnPlateau):
            scheduler.step(validate(model, args))
        else:
            scheduler.step()
        print(f"epoch {epoch}: loss {loss:.3f} in {time.time() - start:.0f} s, lr {optimizer.param_groups[0]['lr']:.2e}")


def train_one_epoch(model, criterion, optimizer, epoch, args):
    raise NotImplementedError


def validate(model, args):
    raise NotImplementedError


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
