"""Loss functions used across the retrieval and detection projects.

Most of these exist in torch already; the versions here add the options we kept re-implementing
(per-class weights, a margin schedule, masking). Summary:

* focal loss for the dense detector, where easy negatives dominate plain cross-entropy;
* InfoNCE for the image-text model (a contrastive loss over the batch);
* triplet loss with a margin, for the older face-embedding baseline;
* Huber loss for box regression, which is less sensitive to outliers than MSE.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def focal_loss(logits, targets, alpha=0.25, gamma=2.0):
    """Binary focal loss on logits: down-weights well-classified examples by (1 - p_t)^gamma."""
    ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    p = torch.sigmoid(logits)
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce * (1 - p_t) ** gamma
    if alpha >= 0:
        loss = loss * (alpha * targets + (1 - alpha) * (1 - targets))
    return loss.mean()


def info_nce(image_emb, text_emb, temperature=0.07):
    """Symmetric InfoNCE: matching pairs are positives, every other pair in the batch a negative.

    The temperature is learnable in CLIP; here it is fixed.
    """
    image_emb = F.normalize(image_emb, dim=-1)
    text_emb = F.normalize(text_emb, dim=-1)
    logits = image_emb @ text_emb.t() / temperature
    labels = torch.arange(logits.size(0), device=logits.device)
    return 0.5 * (F.cross_entropy(logits, labels) + F.cross_entropy(logits.t(), labels))


class TripletLoss(nn.Module):
    """max(0, d(a, p) - d(a, n) + margin), averaged over the semi-hard triplets only."""

    def __init__(self, margin=0.2):
        super().__init__()
        self.margin = margin
        self.base = nn.TripletMarginLoss(margin=margin, p=2, reduction="none")

    def forward(self, anchor, positive, negative):
        losses = self.base(anchor, positive, negative)
        mask = losses > 0
        return losses[mask].mean() if mask.any() else losses.sum() * 0.0


def box_regression_loss(pred, target, beta=1.0 / 9):
    # smooth L1 as in Faster R-CNN, i.e. a rescaled Huber loss with threshold beta
    return F.smooth_l1_loss(pred, target, beta=beta, reduction="sum") / max(1, pred.size(0))


def ctc_head_loss(log_probs, targets, input_lengths, target_lengths):
    """CTC for the OCR head; log_probs are log-softmax outputs of shape (T, N, C)."""
    return F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, zero_infinity=True)


class MultiTaskLoss(nn.Module):
    """Weighted sum of the task losses; the weights are hyperparameters tuned on the val split."""

    def __init__(self, weights):
        super().__init__()
        self.weights = weights
        self.cls = nn.CrossEntropyLoss(label_smoothing=0.05)
        self.reg = nn.HuberLoss(delta=1.0)
        self.aux = nn.L1Loss()

    def forward(self, out, batch):
        parts = {
            "cls": self.cls(out["logits"], batch["label"]),
            "reg": self.reg(out["box"], batch["box"]),
            "aux": self.aux(out["depth"], batch["depth"]),
        }
        total = sum(self.weights[k] * v for k, v in parts.items())
        return total, {k: v.detach() for k, v in parts.items()}


if __name__ == "__main__":
    x = torch.randn(8, 5)
    print(focal_loss(x, (x > 0).float()).item(), info_nce(torch.randn(4, 16), torch.randn(4, 16)).item())
