"""WGAN-GP on 64x64 faces.

The critic (the discriminator without a sigmoid) estimates the
Wasserstein distance between real and generated images; the gradient penalty keeps it
1-Lipschitz instead of weight clipping. Compared to the original GAN loss this suffers much less
from mode collapse. The generator and critic are trained with adversarial training in
the usual alternating way: n_critic critic steps per generator step.
"""
import argparse

import torch
import torch.nn as nn
from torch import autograd


def generator_block(cin, cout):
    return nn.Sequential(
        nn.ConvTranspose2d(cin, cout, 4, 2, 1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(True),
    )


class Generator(nn.Module):
    def __init__(self, z_dim=128, width=64):
        super().__init__()
        self.net = nn.Sequential(
            nn.ConvTranspose2d(z_dim, width * 8, 4, 1, 0, bias=False),
            nn.BatchNorm2d(width * 8),
            nn.ReLU(True),
            generator_block(width * 8, width * 4),
            generator_block(width * 4, width * 2),
            generator_block(width * 2, width),
            nn.ConvTranspose2d(width, 3, 4, 2, 1),
            nn.Tanh(),
        )

    def forward(self, z):
        return self.net(z.view(z.size(0), -1, 1, 1))


class Critic(nn.Module):
    """No batch norm in the critic: the penalty is per sample, so we use layer norm style
    instance norm (or spectral normalization, see --sn)."""

    def __init__(self, width=64, sn=False):
        super().__init__()
        wrap = nn.utils.spectral_norm if sn else (lambda m: m)

        def block(cin, cout):
            return [wrap(nn.Conv2d(cin, cout, kernel_size=4, stride=2, padding=1)),
                    nn.InstanceNorm2d(cout, affine=True),
                    nn.LeakyReLU(negative_slope=0.2)]

        self.net = nn.Sequential(
            wrap(nn.Conv2d(3, width, 4, 2, 1)), nn.LeakyReLU(0.2),
            *block(width, width * 2), *block(width * 2, width * 4), *block(width * 4, width * 8),
            wrap(nn.Conv2d(width * 8, 1, 4, 1, 0)),
        )

    def forward(self, x):
        return self.net(x).view(-1)


def gradient_penalty(critic, real, fake, device):
    """(‖∇ D(x̂)‖ - 1)² on random interpolates x̂ between real and fake samples."""
    eps = torch.rand(real.size(0), 1, 1, 1, device=device)
    mixed = (eps * real + (1 - eps) * fake).requires_grad_(True)
    scores = critic(mixed)
    grads = autograd.grad(scores.sum(), mixed, create_graph=True)[0]
    return ((grads.flatten(1).norm(2, dim=1) - 1) ** 2).mean()


def train(args):
    device = "cuda"
    G, D = Generator(args.z_dim).to(device), Critic(sn=args.sn).to(device)
    # Adam with beta1 = 0 as in the WGAN-GP paper; momentum hurts the critic
    opt_g = torch.optim.Adam(G.parameters(), lr=args.lr, betas=(0.0, 0.9))
    opt_d = torch.optim.Adam(D.parameters(), lr=args.lr, betas=(0.0, 0.9))
    loader = torch.utils.data.DataLoader(args.dataset, batch_size=args.batch_size, shuffle=True, drop_last=True)

    for epoch in range(args.epochs):
        for i, (real, _) in enumerate(loader):
            real = real.to(device)
            z = torch.randn(real.size(0), args.z_dim, device=device)
            fake = G(z).detach()
            loss_d = D(fake).mean() - D(real).mean() + args.gp_weight * gradient_penalty(D, real, fake, device)
            opt_d.zero_grad()
            loss_d.backward()
            opt_d.step()

            if i % args.n_critic == 0:
                # generator step: maximise the critic score of the samples
                loss_g = -D(G(torch.randn(real.size(0), args.z_dim, device=device))).mean()
                opt_g.zero_grad()
                loss_g.backward()
                opt_g.step()
        print(f"epoch {epoch}: critic {loss_d.item():.3f} gen {loss_g.item():.3f}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--epochs", type=int, default=50)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--z-dim", type=int, default=128)
    p.add_argument("--n-critic", type=int, default=5)
    p.add_argument("--gp-weight", type=float, default=10.0)
    p.add_argument("--sn", action="store_true", help="spectral norm in the critic")
    train(p.parse_args())
