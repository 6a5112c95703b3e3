"""A convolutional VAE for 28x28 digits.

The encoder outputs the mean and log-variance of a diagonal Gaussian q(z|x) over the
latent variable z; the decoder outputs Bernoulli logits per pixel. Training maximises the
ELBO = E_q[log p(x|z)] - KL(q(z|x) || p(z)), with the reparameterization trick
z = mu + sigma * eps so that gradients flow through the sampling step.

Notes:
  * the KL divergence between two Gaussians has a closed form, so only the reconstruction
    term is estimated with a single Monte Carlo sample;
  * KL annealing (beta from 0 to 1 over the first epochs) avoids posterior collapse;
  * with a standard normal prior the KL term is also a regularization of the code.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Encoder(nn.Module):
    def __init__(self, z_dim=16):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1), nn.SiLU(),
            nn.Flatten(),
        )
        self.mu = nn.Linear(64 * 7 * 7, z_dim)
        self.logvar = nn.Linear(64 * 7 * 7, z_dim)

    def forward(self, x):
        h = self.conv(x)
        return self.mu(h), self.logvar(h)


class Decoder(nn.Module):
    def __init__(self, z_dim=16):
        super().__init__()
        self.fc = nn.Linear(z_dim, 64 * 7 * 7)
        self.deconv = nn.Sequential(
            nn.ConvTranspose2d(64, 32, kernel_size=4, stride=2, padding=1), nn.SiLU(),
            nn.ConvTranspose2d(32, 1, kernel_size=4, stride=2, padding=1),
        )

    def forward(self, z):
        return self.deconv(self.fc(z).view(-1, 64, 7, 7))  # Bernoulli logits


def reparameterize(mu, logvar):
    # the reparameterization trick: sample eps, not z, so mu and logvar get gradients
    std = torch.exp(0.5 * logvar)
    return mu + std * torch.randn_like(std)


def negative_elbo(x, logits, mu, logvar, beta=1.0):
    """Per-example negative ELBO (in nats).

    The reconstruction term is the binary cross-entropy of the logits, i.e. the
    negative log-likelihood under the Bernoulli decoder.
    """
    rec = F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1)
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)
    return (rec + beta * kl).mean()


def train(epochs=30, lr=1e-3, batch_size=128, device="cpu"):
    from torchvision import datasets, transforms

    data = datasets.MNIST("data", download=True, transform=transforms.ToTensor())
    loader = torch.utils.data.DataLoader(data, batch_size=batch_size, shuffle=True)
    enc, dec = Encoder().to(device), Decoder().to(device)
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=lr)
    for epoch in range(epochs):
        beta = min(1.0, epoch / 10)  # KL warm-up
        total = 0.0
        for x, _ in loader:
            x = x.to(device)
            mu, logvar = enc(x)
            z = reparameterize(mu, logvar)
            loss = negative_elbo(x, dec(z), mu, logvar, beta)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * x.size(0)
        print(f"epoch {epoch:2d}  -ELBO {total / len(data):.2f}")
    return enc, dec


if __name__ == "__main__":
    train(epochs=1)
