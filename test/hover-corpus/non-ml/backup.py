#!/usr/bin/env python3
"""Incremental backups of a directory tree to a local or mounted target.

Each run copies files whose size or modification time changed since the previous snapshot into a new
timestamped folder and hard-links everything else, so every snapshot looks complete but only changed
files use space. Old snapshots are pruned with a retention policy (keep daily for a week, weekly for
a month, monthly for a year).
"""
import argparse
import hashlib
import json
import os
import shutil
import sys
from datetime import datetime, timedelta
from pathlib import Path

MANIFEST = "manifest.json"


def scan(root: Path, exclude: list[str]) -> dict[str, tuple[int, float]]:
    """Size and mtime of every regular file under root, keyed by relative path."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in exclude]
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file():
                continue
            st = path.stat()
            found[str(path.relative_to(root))] = (st.st_size, st.st_mtime)
    return found


def checksum(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def latest_snapshot(target: Path) -> Path | None:
    snaps = sorted(p for p in target.iterdir() if p.is_dir() and (p / MANIFEST).exists())
    return snaps[-1] if snaps else None


def backup(source: Path, target: Path, exclude: list[str], verify: bool, dry_run: bool) -> Path:
    now = datetime.now().strftime("%Y-%m-%dT%H%M%S")
    dest = target / now
    previous = latest_snapshot(target)
    old = json.loads((previous / MANIFEST).read_text()) if previous else {}
    files = scan(source, exclude)
    copied = linked = 0
    for rel, (size, mtime) in files.items():
        out = dest / rel
        if dry_run:
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        if previous and rel in old and old[rel] == [size, mtime]:
            os.link(previous / rel, out)
            linked += 1
        else:
            shutil.copy2(source / rel, out)
            if verify and checksum(source / rel) != checksum(out):
                sys.exit(f"verification failed for {rel}")
            copied += 1
    if not dry_run:
        (dest / MANIFEST).write_text(json.dumps(files))
    print(f"{now}: {copied} copied, {linked} hard-linked, {len(files)} files")
    return dest


def prune(target: Path, keep_daily=7, keep_weekly=4, keep_monthly=12, dry_run=False) -> None:
    """Keep the newest snapshot of each of the last N days, weeks and months; delete the rest."""
    snaps = sorted((datetime.strptime(p.name, "%Y-%m-%dT%H%M%S"), p) for p in target.iterdir() if (p / MANIFEST).exists())
    keep = set()
    for count, key in ((keep_daily, "%Y-%m-%d"), (keep_weekly, "%G-%V"), (keep_monthly, "%Y-%m")):
        seen = []
        for when, path in reversed(snaps):
            k = when.strftime(key)
            if k not in seen:
                seen.append(k)
                keep.add(path)
            if len(seen) >= count:
                break
    for when, path in snaps:
        if path not in keep and datetime.now() - when > timedelta(days=1):
            print(("would remove " if dry_run else "removing ") + path.name)
            if not dry_run:
                shutil.rmtree(path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--exclude", action="append", default=[".git", "node_modules", "__pycache__"])
    parser.add_argument("--verify", action="store_true", help="compare checksums after copying")
    parser.add_argument("--prune", action="store_true", help="apply the retention policy afterwards")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    args.target.mkdir(parents=True, exist_ok=True)
    backup(args.source, args.target, args.exclude, args.verify, args.dry_run)
    if args.prune:
        prune(args.target, dry_run=args.dry_run)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
