"""Sequence encoders for the tagging experiments.

Two backbones share the same embedding and output head:

* ``LSTMTagger``: a two-layer bidirectional LSTM. The gating keeps the
  vanishing gradients in check for sentences of a few hundred tokens.
* ``TransformerTagger``: a pre-norm Transformer encoder with sinusoidal
  positional encoding and multi-head attention.

Both return per-token logits; the loss is cross-entropy with padding positions masked out.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class SinusoidalPositions(nn.Module):
    """Fixed sin/cos position embeddings from "Attention Is All You Need"."""

    def __init__(self, d_model, max_len=4096):
        super().__init__()
        pos = torch.arange(max_len).unsqueeze(1)
        div = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, d_model)
        pe[:, 0::2] = torch.sin(pos * div)
        pe[:, 1::2] = torch.cos(pos * div)
        self.register_buffer("pe", pe)

    def forward(self, x):
        return x + self.pe[: x.size(1)]


class LSTMTagger(nn.Module):
    def __init__(self, vocab_size, num_tags, embed_dim=128, hidden_size=256, num_layers=2, dropout=0.3):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.rnn = nn.LSTM(
            input_size=embed_dim,
            hidden_size=hidden_size,
            num_layers=num_layers,
            batch_first=True,
            bidirectional=True,
            dropout=dropout,
        )
        self.head = nn.Linear(2 * hidden_size, num_tags)

    def forward(self, tokens, lengths):
        x = self.embed(tokens)
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, _ = self.rnn(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True)
        return self.head(out)


class TransformerTagger(nn.Module):
    """Encoder-only tagger.

    Each layer is self-attention followed by a position-wise feed-forward block,
    with a residual connection and LayerNorm around both (pre-norm, which tolerates a
    larger learning rate and a shorter warmup than post-norm).
    """

    def __init__(self, vocab_size, num_tags, d_model=256, nhead=8, num_layers=4, dim_feedforward=1024, dropout=0.1):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=0)
        self.pos = SinusoidalPositions(d_model)
        layer = nn.TransformerEncoderLayer(
            d_model=d_model, nhead=nhead, dim_feedforward=dim_feedforward,
            dropout=dropout, activation="gelu", batch_first=True, norm_first=True,
        )
        self.encoder = nn.TransformerEncoder(layer, num_layers=num_layers)
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, num_tags)

    def forward(self, tokens):
        pad = tokens.eq(0)  # True where the attention mask should block a key
        x = self.pos(self.embed(tokens) * math.sqrt(self.embed.embedding_dim))
        x = self.encoder(x, src_key_padding_mask=pad)
        return self.head(self.norm(x))


class CrossAttentionPool(nn.Module):
    """Pools a sequence into a few learned query vectors with cross-attention."""

    def __init__(self, embed_dim, num_heads=4, num_queries=8):
        super().__init__()
        self.queries = nn.Parameter(torch.randn(num_queries, embed_dim) / math.sqrt(embed_dim))
        self.attn = nn.MultiheadAttention(embed_dim=embed_dim, num_heads=num_heads, batch_first=True)

    def forward(self, x, pad_mask=None):
        q = self.queries.unsqueeze(0).expand(x.size(0), -1, -1)
        pooled, weights = self.attn(q, x, x, key_padding_mask=pad_mask)
        return pooled, weights


def tagging_loss(logits, tags, ignore_index=-100):
    """Token-level cross-entropy; label smoothing hurt tagging accuracy here."""
    return F.cross_entropy(logits.flatten(0, 1), tags.flatten(), ignore_index=ignore_index)


def attention_weights(q, k, temperature=1.0):
    # scaled dot-product attention by hand, for the visualisation notebook;
    # a higher temperature flattens the softmax
    scores = q @ k.transpose(-2, -1) / (math.sqrt(q.size(-1)) * temperature)
    return F.softmax(scores, dim=-1)


if __name__ == "__main__":
    toks = torch.randint(1, 1000, (4, 37))
    model = TransformerTagger(vocab_size=1000, num_tags=17)
    print(model(toks).shape)
    lstm = LSTMTagger(vocab_size=1000, num_tags=17)
    print(lstm(toks, torch.full((4,), 37)).shape)
