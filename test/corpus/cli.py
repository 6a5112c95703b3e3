"""Command-line entry point for the report pipeline."""
import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="report", description="Build the weekly sales report.")
    sub = parser.add_subparsers(dest="command", required=True)

    load = sub.add_parser("load", help="read and clean the CSV exports")
    load.add_argument("pattern", nargs="?", default="exports/*.csv")
    load.add_argument("--out", type=Path, default=Path("clean.parquet"))
    load.add_argument("-v", "--verbose", action="count", default=0)

    plot = sub.add_parser("plot", help="draw the figures")
    plot.add_argument("--bins", type=int, default=40)
    plot.add_argument("--dpi", type=int, default=150)
    plot.add_argument("--style", choices=["light", "dark"], default="light")

    fit = sub.add_parser("fit", help="train the image classifier")
    fit.add_argument("--epochs", type=int, default=20)
    fit.add_argument("--lr", type=float, default=3e-4, help="peak learning rate")  # hover: learning-rate
    fit.add_argument("--batch-size", type=int, default=64)
    fit.add_argument("--seed", type=int, default=0)
    fit.add_argument("--dry-run", action="store_true", help="parse arguments and exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "load":
        from data import clean, read_exports

        frame = clean(read_exports(args.pattern))
        frame.to_parquet(args.out)
        print(f"wrote {len(frame)} rows to {args.out}")
    elif args.command == "plot":
        print(f"plotting with {args.bins} bins at {args.dpi} dpi ({args.style})")
    elif args.command == "fit":
        if args.dry_run:
            print(vars(args))
            return 0
        from train import Config, train

        train(Config(epochs=args.epochs, lr=args.lr, batch_size=args.batch_size, seed=args.seed))
    else:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
