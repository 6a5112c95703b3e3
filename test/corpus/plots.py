"""Figures for the weekly report."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

STYLE = {"figure.figsize": (8, 4.5), "axes.grid": True, "grid.alpha": 0.3, "font.size": 11}


def revenue_lines(weekly: pd.DataFrame, path: str = "revenue.png") -> None:
    plt.rcParams.update(STYLE)
    fig, ax = plt.subplots()
    for store, group in weekly.groupby("store"):
        ax.plot(group["date"], group["rolling"], label=store, linewidth=1.5)
    ax.set_xlabel("Week")
    ax.set_ylabel("Revenue (4-week mean)")
    ax.legend(loc="upper left", ncol=2, frameon=False)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=150)
    plt.close(fig)


def histogram(values: np.ndarray, bins: int = 40, path: str = "hist.png") -> None:
    fig, ax = plt.subplots()
    ax.hist(values, bins=bins, color="#4477aa", alpha=0.8)
    mean, sigma = values.mean(), values.std()
    ax.axvline(mean, color="k", linestyle="--", label=f"mean {mean:.1f}")
    ax.axvspan(mean - sigma, mean + sigma, color="grey", alpha=0.2, label="±1 sigma")
    ax.legend()
    fig.savefig(path)
    plt.close(fig)


def heatmap(table: pd.DataFrame, path: str = "heatmap.png") -> None:
    fig, ax = plt.subplots(figsize=(6, 6))
    image = ax.imshow(table.to_numpy(), cmap="viridis", aspect="auto")
    ax.set_xticks(range(len(table.columns)), table.columns, rotation=45, ha="right")
    ax.set_yticks(range(len(table.index)), table.index)
    fig.colorbar(image, ax=ax, shrink=0.8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def training_curves(history: dict, path: str = "curves.png") -> None:
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(history["loss"], marker="o")
    left.set_title("Training loss")
    right.plot(history["lr"])
    right.set_title("Learning rate")  # hover: learning-rate
    right.set_yscale("log")
    fig.savefig(path)
    plt.close(fig)


def scatter(df: pd.DataFrame, x: str = "price", y: str = "quantity") -> None:
    fig, ax = plt.subplots()
    ax.scatter(df[x], df[y], s=6, alpha=0.4)
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.set_title(f"{y} vs {x}")
    fig.savefig("scatter.png", bbox_inches="tight", pad_inches=0.1)
    plt.close(fig)


if __name__ == "__main__":
    demo = np.random.default_rng(1).normal(100, 15, size=500)
    histogram(demo)
