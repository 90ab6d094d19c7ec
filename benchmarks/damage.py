#!/usr/bin/env python3
"""Damage a fact store on purpose and see what the commands make of it.

    python benchmarks/damage.py              # 50 single-bit flips and 50 zeroed pages
    python benchmarks/damage.py -n 200 --seed 3

Builds a store of the seeds, then for each trial flips one random bit (or zeroes
one random 4 KB page) of a copy and runs `extract seeds -f jsonl`, `facts -f jsonl`
and `conflicts -f json` on it.  Each run is either the same output as from the
intact store (the damage touched nothing that is read), caught (exit 2, one line
saying the store is damaged), or — what must never happen — a different output
with exit 0, or a crash.  Exit status 1 when any of the last two happened.
"""
from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {"extract": ["extract", str(ROOT / "seeds"), "-f", "jsonl"], "facts": ["facts", "-f", "jsonl"],
            "conflicts": ["conflicts", "-f", "json"]}


def run(args: list[str], db: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, CLOUDFACTS_DB=str(db))
    return subprocess.run([sys.executable, "-m", "cloudfacts", *args], capture_output=True, env=env, cwd=ROOT)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=100, help="trials, half bit flips, half zeroed pages (default 100)")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="cloudfacts-damage-") as tmp:
        base = Path(tmp) / "base.db"
        expected = {"extract": run(COMMANDS["extract"], base).stdout}
        db = sqlite3.connect(base)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        for cmd in ("facts", "conflicts"):
            expected[cmd] = run(COMMANDS[cmd], base).stdout
        intact = base.read_bytes()
        seen: Counter = Counter()
        bad = []
        for trial in range(args.n):
            data = bytearray(intact)
            mode = "bit" if trial % 2 else "page"
            if mode == "bit":
                i = rng.randrange(len(data))
                data[i] ^= 1 << rng.randrange(8)
            else:
                page = rng.randrange(1, len(data) // 4096)
                data[page * 4096:(page + 1) * 4096] = bytes(4096)
            for cmd, cmd_args in COMMANDS.items():
                copy = Path(tmp) / "damaged.db"
                copy.write_bytes(bytes(data))
                for extra in (Path(tmp) / "damaged.db-wal", Path(tmp) / "damaged.db-shm"):
                    extra.unlink(missing_ok=True)
                r = run(cmd_args, copy)
                if r.returncode == 0 and r.stdout == expected[cmd]:
                    verdict = "same output"
                elif r.returncode == 2 and r.stderr.decode().count("\n") == 1 and b"damaged" in r.stderr:
                    verdict = "caught"
                else:
                    verdict = "WRONG" if r.returncode == 0 else f"exit {r.returncode}"
                    bad.append((trial, mode, cmd, verdict, r.stderr.decode()[-300:]))
                seen[(cmd, mode, verdict)] += 1
    print(f"damage: {args.n} trials (seed {args.seed}), 3 commands each")
    for (cmd, mode, verdict), n in sorted(seen.items()):
        print(f"  {cmd:<10} {mode:<5} {verdict:<12} {n}")
    for b in bad[:20]:
        print("  ", b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
