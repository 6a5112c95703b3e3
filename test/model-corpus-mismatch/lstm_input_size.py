"""A word-level LSTM classifier. Planted: the embedding makes 300-dimensional vectors (GloVe
size), but the LSTM was written for input_size 256. PyTorch raises in forward at
`output, (h, c) = self.lstm(emb)`: input.size(-1) must be equal to input_size. Expected 256,
got 300. Fix: input_size=300."""
import torch
import torch.nn as nn

BUILD = "TextLSTM()"
INPUT = [2, 35]
INPUT_DTYPE = "long"


class TextLSTM(nn.Module):
    def __init__(self, vocab_size=10000, num_classes=4):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, 300, padding_idx=0)
        self.lstm = nn.LSTM(256, 512, num_layers=1, batch_first=True)
        self.dropout = nn.Dropout(0.5)
        self.fc = nn.Linear(512, num_classes)

    def forward(self, tokens):
        # tokens: (N, T) token ids
        emb = self.embedding(tokens)
        output, (h, c) = self.lstm(emb)
        return self.fc(self.dropout(h[-1]))


if __name__ == "__main__":
    model = TextLSTM()
    print(model(torch.randint(0, 10000, INPUT)).shape)
