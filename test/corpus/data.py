"""Load, clean and summarise the sales export before modelling."""
import csv
import glob
import re
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

COLUMNS = ["order_id", "store", "date", "price", "quantity", "channel", "promo"]
DATE_FORMAT = "%Y-%m-%d"


def read_exports(pattern: str = "exports/*.csv") -> pd.DataFrame:
    frames = []
    for path in sorted(glob.glob(pattern)):
        frame = pd.read_csv(path, usecols=COLUMNS, parse_dates=["date"])
        frame["source"] = path.rsplit("/", 1)[-1]
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(frames, ignore_index=True)


def clean(df: pd.DataFrame) -> pd.DataFrame:
    df = df.drop_duplicates(subset="order_id")
    df = df[df["quantity"] > 0].copy()
    df["price"] = pd.to_numeric(df["price"], errors="coerce")
    df["store"] = df["store"].str.strip().str.lower()
    df["channel"] = df["channel"].fillna("web").astype("category")
    df["revenue"] = df["price"] * df["quantity"]
    df = df.dropna(subset=["price"])
    return df


def weekly(df: pd.DataFrame) -> pd.DataFrame:
    out = df.set_index("date").groupby("store").resample("W")["revenue"].sum().reset_index()
    out["rolling"] = out.groupby("store")["revenue"].transform(lambda s: s.rolling(4, min_periods=1).mean())
    return out


def summarise(df: pd.DataFrame) -> pd.DataFrame:
    stats = df.groupby("store")["revenue"].agg(["count", "mean", "median", "max", "min"])
    stats["share"] = stats["count"] / stats["count"].sum()
    return stats.sort_values("share", ascending=False)


def zscores(values: pd.Series) -> pd.Series:
    mean, std = values.mean(), values.std(ddof=0)
    return (values - mean) / (std if std > 0 else 1.0)


def spread(values: np.ndarray) -> float:
    # standard deviation of the daily totals  # hover: variance
    return float(np.std(values))


def smooth(values: np.ndarray, width: int = 7) -> np.ndarray:
    window = np.ones(width) / width
    return np.convolve(values, window, mode="same")  # hover: discrete-convolution


def correlation_table(df: pd.DataFrame) -> np.ndarray:
    numeric = df[["price", "quantity", "revenue"]].to_numpy()
    return np.cov(numeric, rowvar=False)  # hover: covariance


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b))  # hover: lp-norm


def parse_promo(code: str) -> tuple[str, int] | None:
    m = re.match(r"([A-Z]+)-(\d+)", code or "")
    return (m.group(1), int(m.group(2))) if m else None


def date_range(start: str, days: int) -> list[str]:
    first = datetime.strptime(start, DATE_FORMAT)
    return [(first + timedelta(days=i)).strftime(DATE_FORMAT) for i in range(days)]


def write_report(stats: pd.DataFrame, path: str) -> None:
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["store", "orders", "mean", "share"])
        for store, row in stats.iterrows():
            writer.writerow([store, int(row["count"]), round(row["mean"], 2), f"{row['share']:.1%}"])


def pad_id(order_id: int) -> str:
    # zero padding for the legacy system, 8 digits
    return str(order_id).zfill(8)


def sample_rows(df: pd.DataFrame, n: int = 5, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    idx = rng.choice(len(df), size=min(n, len(df)), replace=False)
    return df.iloc[idx]


if __name__ == "__main__":
    frame = clean(read_exports())
    table = summarise(frame)
    write_report(table, "report.csv")
    print(table.head(10).to_string())
