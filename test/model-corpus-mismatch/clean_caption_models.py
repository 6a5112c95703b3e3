"""No mismatch (a false-positive guard). An image-captioning file: a CNN encoder whose forward
says `# images: (N, 3, 64, 64)`, and an LSTM decoder over word embeddings whose input_size is
the embedding's width and whose input (token ids) is not written. The comment is the encoder's
input, not the decoder's. PyTorch runs the encoder on (2, 3, 64, 64) and the decoder on (2, 20)
token ids."""
import torch
import torch.nn as nn

BUILD = ["EncoderCNN()", "DecoderRNN()"]
INPUT = [[2, 3, 64, 64], [2, 20]]
INPUT_DTYPE = [None, "long"]


class EncoderCNN(nn.Module):
    def __init__(self, embed_size=256):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.AdaptiveAvgPool2d(1),
        )
        self.linear = nn.Linear(64, embed_size)

    def forward(self, images):
        # images: (N, 3, 64, 64)
        features = self.conv(images).flatten(1)
        return self.linear(features)


class DecoderRNN(nn.Module):
    def __init__(self, embed_size=256, hidden_size=512, vocab_size=5000, num_layers=1):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_size)
        self.lstm = nn.LSTM(embed_size, hidden_size, num_layers, batch_first=True)
        self.linear = nn.Linear(hidden_size, vocab_size)

    def forward(self, captions):
        embeddings = self.embed(captions)
        hiddens, _ = self.lstm(embeddings)
        return self.linear(hiddens)


if __name__ == "__main__":
    print(EncoderCNN()(torch.randn(INPUT[0])).shape)
    print(DecoderRNN()(torch.randint(0, 5000, INPUT[1])).shape)
