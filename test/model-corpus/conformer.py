"""Speech encoders: a Conformer (a Conv2d subsampling front end on (B, T, F) features reshaped to
(B, T', C * F'), macaron feed-forward modules with half-step residuals, multi-head self-attention
with batch_first=True, and a convolution module that transposes (B, T, C) to (B, C, T) for
pointwise Conv1d -> GLU(dim=1) -> depthwise Conv1d -> BatchNorm1d -> SiLU -> pointwise Conv1d),
and a BiLSTM encoder over padded batches that packs them with pack_padded_sequence (the lengths
are a second input) and unpacks with pad_packed_sequence."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


class Conv2dSubsampling(nn.Module):
    """(B, T, F) -> (B, ~T/4, d_model)."""

    def __init__(self, in_feats, d_model):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, d_model, kernel_size=3, stride=2),
            nn.ReLU(),
            nn.Conv2d(d_model, d_model, kernel_size=3, stride=2),
            nn.ReLU(),
        )
        self.out = nn.Linear(d_model * (((in_feats - 1) // 2 - 1) // 2), d_model)

    def forward(self, x):
        x = x.unsqueeze(1)  # (B, 1, T, F)
        x = self.conv(x)
        b, c, t, f = x.size()
        x = self.out(x.transpose(1, 2).contiguous().view(b, t, c * f))
        return x


class FeedForwardModule(nn.Module):
    def __init__(self, d_model, expansion=4, dropout=0.1):
        super().__init__()
        self.net = nn.Sequential(
            nn.LayerNorm(d_model),
            nn.Linear(d_model, d_model * expansion),
            nn.SiLU(),
            nn.Dropout(dropout),
            nn.Linear(d_model * expansion, d_model),
            nn.Dropout(dropout),
        )

    def forward(self, x):
        return self.net(x)


class ConvModule(nn.Module):
    def __init__(self, d_model, kernel_size=31, dropout=0.1):
        super().__init__()
        assert (kernel_size - 1) % 2 == 0, 'kernel_size should be odd for same padding'
        self.layer_norm = nn.LayerNorm(d_model)
        self.pointwise_conv1 = nn.Conv1d(d_model, 2 * d_model, kernel_size=1)
        self.glu = nn.GLU(dim=1)
        self.depthwise_conv = nn.Conv1d(d_model, d_model, kernel_size, padding=(kernel_size - 1) // 2,
                                        groups=d_model)
        self.batch_norm = nn.BatchNorm1d(d_model)
        self.activation = nn.SiLU()
        self.pointwise_conv2 = nn.Conv1d(d_model, d_model, kernel_size=1)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        x = self.layer_norm(x)
        x = x.transpose(1, 2)  # (B, C, T)
        x = self.pointwise_conv1(x)
        x = self.glu(x)
        x = self.depthwise_conv(x)
        x = self.batch_norm(x)
        x = self.activation(x)
        x = self.pointwise_conv2(x)
        x = self.dropout(x)
        return x.transpose(1, 2)


class ConformerBlock(nn.Module):
    def __init__(self, d_model=144, num_heads=4, kernel_size=31, dropout=0.1):
        super().__init__()
        self.ff1 = FeedForwardModule(d_model, dropout=dropout)
        self.attn_norm = nn.LayerNorm(d_model)
        self.attn = nn.MultiheadAttention(d_model, num_heads, dropout=dropout, batch_first=True)
        self.attn_dropout = nn.Dropout(dropout)
        self.conv = ConvModule(d_model, kernel_size, dropout)
        self.ff2 = FeedForwardModule(d_model, dropout=dropout)
        self.final_norm = nn.LayerNorm(d_model)

    def forward(self, x, key_padding_mask=None):
        x = x + 0.5 * self.ff1(x)
        y = self.attn_norm(x)
        y, _ = self.attn(y, y, y, key_padding_mask=key_padding_mask, need_weights=False)
        x = x + self.attn_dropout(y)
        x = x + self.conv(x)
        x = x + 0.5 * self.ff2(x)
        return self.final_norm(x)


class Conformer(nn.Module):
    def __init__(self, in_feats=80, d_model=144, num_layers=2, num_heads=4, kernel_size=31,
                 vocab_size=128, dropout=0.1):
        super().__init__()
        self.subsample = Conv2dSubsampling(in_feats, d_model)
        self.dropout = nn.Dropout(dropout)
        self.layers = nn.ModuleList([ConformerBlock(d_model, num_heads, kernel_size, dropout)
                                     for _ in range(num_layers)])
        self.ctc_head = nn.Linear(d_model, vocab_size)

    def forward(self, feats):
        x = self.dropout(self.subsample(feats))
        for layer in self.layers:
            x = layer(x)
        return F.log_softmax(self.ctc_head(x), dim=-1)


class BiLSTMEncoder(nn.Module):
    """Padded (B, T, F) features and their lengths -> per-frame logits."""

    def __init__(self, in_feats=40, hidden=128, num_layers=2, num_classes=30, dropout=0.2):
        super().__init__()
        self.proj = nn.Linear(in_feats, hidden)
        self.lstm = nn.LSTM(hidden, hidden, num_layers=num_layers, batch_first=True,
                            bidirectional=True, dropout=dropout)
        self.fc = nn.Linear(2 * hidden, num_classes)

    def forward(self, x, lengths):
        x = torch.relu(self.proj(x))
        packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        packed_out, (h_n, c_n) = self.lstm(packed)
        out, _ = pad_packed_sequence(packed_out, batch_first=True)
        return self.fc(out)


if __name__ == '__main__':
    model = Conformer()
    print(model(torch.randn(2, 100, 80)).shape)
    block = ConformerBlock(d_model=144)
    print(block(torch.randn(2, 25, 144)).shape)
    enc = BiLSTMEncoder()
    print(enc(torch.randn(3, 50, 40), torch.tensor([50, 42, 17])).shape)
