"""Recurrent models: a word-level LSTM language model (sequence-first, as in the classic
word_language_model example) and a bidirectional GRU text classifier (batch-first)."""
import torch
from torch import nn
import torch.nn.functional as F


class LSTMLanguageModel(nn.Module):
    """Encoder (embedding), a stacked LSTM, and a linear decoder over the vocabulary."""

    def __init__(self, ntoken=10000, ninp=200, nhid=200, nlayers=2, dropout=0.2, tie_weights=False):
        super(LSTMLanguageModel, self).__init__()
        self.ntoken = ntoken
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid, nlayers, dropout=dropout, batch_first=False)
        self.decoder = nn.Linear(nhid, ntoken)

        if tie_weights:
            if nhid != ninp:
                raise ValueError('When using the tied flag, nhid must be equal to emsize')
            self.decoder.weight = self.encoder.weight

        self.init_weights()

        self.nhid = nhid
        self.nlayers = nlayers

    def init_weights(self):
        initrange = 0.1
        nn.init.uniform_(self.encoder.weight, -initrange, initrange)
        nn.init.zeros_(self.decoder.bias)
        nn.init.uniform_(self.decoder.weight, -initrange, initrange)

    def forward(self, input, hidden=None):
        emb = self.drop(self.encoder(input))
        output, hidden = self.rnn(emb, hidden)
        output = self.drop(output)
        decoded = self.decoder(output)
        decoded = decoded.view(-1, self.ntoken)
        return F.log_softmax(decoded, dim=1), hidden

    def init_hidden(self, bsz):
        weight = next(self.parameters())
        return (weight.new_zeros(self.nlayers, bsz, self.nhid),
                weight.new_zeros(self.nlayers, bsz, self.nhid))


class GRUClassifier(nn.Module):
    def __init__(self, vocab_size=5000, embed_dim=100, hidden_dim=128, num_layers=1,
                 num_classes=2, bidirectional=True, dropout=0.3):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.gru = nn.GRU(embed_dim, hidden_dim, num_layers=num_layers, batch_first=True,
                          bidirectional=bidirectional)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(hidden_dim * 2 if bidirectional else hidden_dim, num_classes)

    def forward(self, text):
        embedded = self.dropout(self.embedding(text))
        output, hidden = self.gru(embedded)
        # last layer's forward and backward final states
        hidden = self.dropout(torch.cat((hidden[-2, :, :], hidden[-1, :, :]), dim=1))
        return self.fc(hidden)


if __name__ == '__main__':
    lm = LSTMLanguageModel(tie_weights=True)
    log_probs, hidden = lm(torch.zeros(35, 4, dtype=torch.long))
    print(log_probs.shape)
    clf = GRUClassifier(num_layers=2, num_classes=3)
    print(clf(torch.zeros(4, 20, dtype=torch.long)).shape)
