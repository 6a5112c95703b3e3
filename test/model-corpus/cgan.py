"""GANs as the popular collections of GAN scripts write them: options from argparse at module level
(opt.latent_dim, opt.n_classes, an img_shape tuple and int(np.prod(img_shape))), a conditional
generator whose label embedding is concatenated to the noise (two inputs: noise and labels), an
MLP built by a block() helper that returns lists spread into nn.Sequential with *, the image
shaped back with img.view(img.size(0), *img_shape); a conditional discriminator; and a WGAN-GP
style critic whose convolutions are wrapped in nn.utils.spectral_norm, with the gradient penalty
helper beside it."""
import argparse

import numpy as np
import torch
import torch.autograd as autograd
import torch.nn as nn
from torch.nn.utils import spectral_norm

parser = argparse.ArgumentParser()
parser.add_argument("--n_epochs", type=int, default=200, help="number of epochs of training")
parser.add_argument("--batch_size", type=int, default=64, help="size of the batches")
parser.add_argument("--lr", type=float, default=0.0002, help="adam: learning rate")
parser.add_argument("--latent_dim", type=int, default=100, help="dimensionality of the latent space")
parser.add_argument("--n_classes", type=int, default=10, help="number of classes for dataset")
parser.add_argument("--img_size", type=int, default=32, help="size of each image dimension")
parser.add_argument("--channels", type=int, default=1, help="number of image channels")
opt = parser.parse_args()
print(opt)

img_shape = (opt.channels, opt.img_size, opt.img_size)


class Generator(nn.Module):
    def __init__(self):
        super(Generator, self).__init__()

        self.label_emb = nn.Embedding(opt.n_classes, opt.n_classes)

        def block(in_feat, out_feat, normalize=True):
            layers = [nn.Linear(in_feat, out_feat)]
            if normalize:
                layers.append(nn.BatchNorm1d(out_feat, 0.8))
            layers.append(nn.LeakyReLU(0.2, inplace=True))
            return layers

        self.model = nn.Sequential(
            *block(opt.latent_dim + opt.n_classes, 128, normalize=False),
            *block(128, 256),
            *block(256, 512),
            *block(512, 1024),
            nn.Linear(1024, int(np.prod(img_shape))),
            nn.Tanh()
        )

    def forward(self, noise, labels):
        # concatenate label embedding and noise to produce the generator input
        gen_input = torch.cat((self.label_emb(labels), noise), -1)
        img = self.model(gen_input)
        img = img.view(img.size(0), *img_shape)
        return img


class Discriminator(nn.Module):
    def __init__(self):
        super(Discriminator, self).__init__()

        self.label_embedding = nn.Embedding(opt.n_classes, opt.n_classes)

        self.model = nn.Sequential(
            nn.Linear(opt.n_classes + int(np.prod(img_shape)), 512),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(512, 512),
            nn.Dropout(0.4),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(512, 512),
            nn.Dropout(0.4),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(512, 1),
        )

    def forward(self, img, labels):
        d_in = torch.cat((img.view(img.size(0), -1), self.label_embedding(labels)), -1)
        validity = self.model(d_in)
        return validity


class ConvCondGenerator(nn.Module):
    """A DCGAN-like conditional generator: noise and label embedding concatenated on dim 1, then
    reshaped to (N, C, 1, 1) and upsampled with transposed convolutions."""

    def __init__(self, nz=64, n_classes=10, emb_dim=16, ngf=32, nc=3):
        super().__init__()
        self.label_emb = nn.Embedding(n_classes, emb_dim)
        self.net = nn.Sequential(
            nn.ConvTranspose2d(nz + emb_dim, ngf * 4, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False),
            nn.Tanh(),
        )

    def forward(self, z, labels):
        x = torch.cat([z, self.label_emb(labels)], 1)
        return self.net(x[:, :, None, None])


class SNCritic(nn.Module):
    """A critic for WGAN-GP / SNGAN: spectral-normalised convolutions, no batch norm."""

    def __init__(self, in_channels=3, ndf=64):
        super().__init__()
        self.main = nn.Sequential(
            spectral_norm(nn.Conv2d(in_channels, ndf, 4, 2, 1)),
            nn.LeakyReLU(0.2, inplace=True),
            nn.utils.spectral_norm(nn.Conv2d(ndf, ndf * 2, 4, 2, 1)),
            nn.LeakyReLU(0.2, inplace=True),
            nn.utils.spectral_norm(nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1)),
            nn.LeakyReLU(0.2, inplace=True),
        )
        self.fc = spectral_norm(nn.Linear(ndf * 4 * 4 * 4, 1))

    def forward(self, x):
        x = self.main(x)
        x = torch.flatten(x, 1)
        return self.fc(x)


def compute_gradient_penalty(D, real_samples, fake_samples):
    """The WGAN-GP penalty on interpolates between real and fake samples."""
    alpha = torch.rand((real_samples.size(0), 1, 1, 1))
    interpolates = (alpha * real_samples + ((1 - alpha) * fake_samples)).requires_grad_(True)
    d_interpolates = D(interpolates)
    fake = torch.ones(real_samples.shape[0], 1)
    gradients = autograd.grad(
        outputs=d_interpolates, inputs=interpolates, grad_outputs=fake,
        create_graph=True, retain_graph=True, only_inputs=True,
    )[0]
    gradients = gradients.view(gradients.size(0), -1)
    gradient_penalty = ((gradients.norm(2, dim=1) - 1) ** 2).mean()
    return gradient_penalty


if __name__ == '__main__':
    generator = Generator()
    z = torch.randn(4, opt.latent_dim)
    labels = torch.randint(0, opt.n_classes, (4,))
    gen_imgs = generator(z, labels)
    print(gen_imgs.shape)
    discriminator = Discriminator()
    print(discriminator(gen_imgs, labels).shape)
    cg = ConvCondGenerator()
    print(cg(torch.randn(2, 64), torch.tensor([1, 7])).shape)
    critic = SNCritic()
    real = torch.randn(2, 3, 32, 32)
    print(critic(real).shape, compute_gradient_penalty(critic, real, torch.randn(2, 3, 32, 32)).item())
