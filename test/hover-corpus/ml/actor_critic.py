"""Advantage actor-critic (A2C) on CartPole.

The policy network (actor) and the value function (critic) share a torso. The
policy gradient uses the advantage A = G_t - V(s_t) as a baseline-corrected
weight, which lowers the variance of the estimator without adding bias. An entropy bonus
keeps the policy from collapsing onto one action too early.
"""
import gymnasium as gym
import torch
import torch.nn as nn
import torch.nn.functional as F


class ActorCritic(nn.Module):
    def __init__(self, obs_dim, n_actions, hidden_size=128):
        super().__init__()
        self.torso = nn.Sequential(nn.Linear(obs_dim, hidden_size), nn.Tanh())
        self.pi = nn.Linear(hidden_size, n_actions)
        self.v = nn.Linear(hidden_size, 1)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.orthogonal_(m.weight, gain=2 ** 0.5)
                nn.init.zeros_(m.bias)

    def forward(self, obs):
        h = self.torso(obs)
        return torch.distributions.Categorical(logits=self.pi(h)), self.v(h).squeeze(-1)


def discounted_returns(rewards, dones, last_value, gamma=0.99):
    """G_t = r_t + γ G_{t+1}, cut at episode ends; γ is the discount factor."""
    returns, g = [], last_value
    for r, d in zip(reversed(rewards), reversed(dones)):
        g = r + gamma * g * (1.0 - d)
        returns.append(g)
    return torch.stack(returns[::-1])


def train(total_updates=2000, n_steps=16, lr=7e-4, gamma=0.99, ent_coef=0.01, vf_coef=0.5):
    env = gym.make("CartPole-v1")
    net = ActorCritic(env.observation_space.shape[0], env.action_space.n)
    # A2C traditionally uses RMSprop; Adam works as well at this scale
    opt = torch.optim.RMSprop(net.parameters(), lr=lr, alpha=0.99, eps=1e-5)
    obs, _ = env.reset(seed=0)
    episode_return, finished = 0.0, []
    for update in range(total_updates):
        logps, values, rewards, dones, entropies = [], [], [], [], []
        for _ in range(n_steps):
            dist, value = net(torch.as_tensor(obs, dtype=torch.float32))
            action = dist.sample()
            obs, reward, term, trunc, _ = env.step(action.item())
            episode_return += reward
            logps.append(dist.log_prob(action))
            values.append(value)
            rewards.append(torch.tensor(float(reward)))
            dones.append(torch.tensor(float(term or trunc)))
            entropies.append(dist.entropy())
            if term or trunc:
                finished.append(episode_return)
                episode_return = 0.0
                obs, _ = env.reset()
        with torch.no_grad():
            _, last_value = net(torch.as_tensor(obs, dtype=torch.float32))
        returns = discounted_returns(rewards, dones, last_value, gamma)
        values = torch.stack(values)
        advantages = (returns - values).detach()
        # policy gradient via the log-derivative trick, critic regressed on the returns
        policy_loss = -(torch.stack(logps) * advantages).mean()
        value_loss = F.mse_loss(values, returns)
        loss = policy_loss + vf_coef * value_loss - ent_coef * torch.stack(entropies).mean()
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), max_norm=0.5)
        opt.step()
        if update % 100 == 0 and finished:
            print(f"update {update}: mean return {sum(finished[-20:]) / len(finished[-20:]):.1f}")
    return net


if __name__ == "__main__":
    train()
