"""DDIM sampling with classifier-free guidance for a pretrained noise-prediction UNet.

The model was trained with the DDPM objective (predict the noise added by the
forward process) with the class label dropped 10% of the time, so one network gives
both the conditional and the unconditional prediction. At sampling time:

* DDIM takes a deterministic (eta = 0) subsequence of the training timesteps, so 50 steps
  are enough instead of 1000 ancestral sampling steps;
* classifier-free guidance mixes the two predictions with ``guidance_scale``;
  larger scales trade diversity for fidelity.
"""
import math

import torch


def cosine_alpha_bar(T, s=0.008):
    """Cumulative signal level ᾱ_t of the cosine noise schedule (Nichol & Dhariwal)."""
    t = torch.linspace(0, T, T + 1) / T
    f = torch.cos((t + s) / (1 + s) * math.pi / 2) ** 2
    return (f / f[0]).clamp(1e-5, 1.0)


class DDIMSampler:
    def __init__(self, model, num_train_steps=1000, num_steps=50, eta=0.0):
        self.model = model
        self.alpha_bar = cosine_alpha_bar(num_train_steps)[1:]
        self.timesteps = torch.linspace(num_train_steps - 1, 0, num_steps).long()
        self.eta = eta

    def predict_eps(self, x, t, cond, guidance_scale):
        # one batched forward pass for the conditional and unconditional branch
        x_in = torch.cat([x, x])
        t_in = torch.full((x_in.size(0),), int(t), device=x.device)
        c_in = torch.cat([cond, torch.full_like(cond, -1)])  # -1 is the "null" label
        eps_cond, eps_uncond = self.model(x_in, t_in, c_in).chunk(2)
        # guidance: move away from the unconditional prediction
        return eps_uncond + guidance_scale * (eps_cond - eps_uncond)

    @torch.no_grad()
    def sample(self, shape, cond, guidance_scale=4.0, generator=None):
        x = torch.randn(shape, generator=generator, device=cond.device)
        for i, t in enumerate(self.timesteps):
            a_t = self.alpha_bar[t]
            a_prev = self.alpha_bar[self.timesteps[i + 1]] if i + 1 < len(self.timesteps) else torch.tensor(1.0)
            eps = self.predict_eps(x, t, cond, guidance_scale)
            x0 = (x - (1 - a_t).sqrt() * eps) / a_t.sqrt()
            x0 = x0.clamp(-1, 1)  # dynamic thresholding is better at high guidance, clamp is enough here
            sigma = self.eta * ((1 - a_prev) / (1 - a_t) * (1 - a_t / a_prev)).sqrt()
            direction = (1 - a_prev - sigma ** 2).sqrt() * eps
            noise = sigma * torch.randn(shape, generator=generator, device=x.device)
            x = a_prev.sqrt() * x0 + direction + noise
        return x


def ddpm_training_loss(model, x0, labels, alpha_bar, p_uncond=0.1):
    """Simple DDPM loss: mean squared error between the true and the predicted noise."""
    t = torch.randint(0, len(alpha_bar), (x0.size(0),), device=x0.device)
    noise = torch.randn_like(x0)
    a = alpha_bar[t].view(-1, 1, 1, 1)
    x_t = a.sqrt() * x0 + (1 - a).sqrt() * noise
    drop = torch.rand(labels.shape, device=labels.device) < p_uncond
    labels = torch.where(drop, torch.full_like(labels, -1), labels)
    return torch.nn.functional.mse_loss(model(x_t, t, labels), noise)


if __name__ == "__main__":
    class Dummy(torch.nn.Module):
        def forward(self, x, t, c):
            return 0.1 * x

    sampler = DDIMSampler(Dummy(), num_steps=20)
    imgs = sampler.sample((4, 3, 32, 32), cond=torch.tensor([1, 2, 3, 4]), guidance_scale=7.5)
    print(imgs.shape, imgs.std().item())
