#!/usr/bin/env python3
"""Hostile inputs take time linear in their size: prints the extraction time of
1 MB lines of `1 1 1 …`, `1,1,1,…`, `%%%…`, capitalised words, digits glued to
letters and a megabyte of one number, against a plain 1 MB article measured in
the same run (the issue asks for at most 5× the plain article).

    python benchmarks/pathological.py            # 1 MB each
    python benchmarks/pathological.py --mb 0.25  # a quick look
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import paragraphs  # noqa: E402

from cloudfacts import extract_text  # noqa: E402


def hostile(size: int) -> dict[str, str]:
    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "1 1 1 …": fill("1 "),
        "1,1,1,…": fill("1,"),
        "%%%…": fill("%"),
        "Capitalised Words …": fill("Orange Thales Cloudwatt Didier Renard "),
        "12 000 000 … (one long grouped number)": fill("000 "),
        "digits glued to letters a1b2c3…": fill("a1b2c3 "),
        "€€€ 1 € 1 € …": fill("1 € "),
        "le 1er janvier … (dates back to back)": fill("le 1er janvier 2016 "),
        "one line of 1 MB of quotes and dashes": fill("« — » - "),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    size = int(a.mb * 1_000_000)
    paras = paragraphs()
    article = ""
    i = 0
    while len(article) < size:
        article += paras[i % len(paras)] + "\n\n"
        i += 1
    article = article[:size]

    def timed(text: str) -> tuple[float, int]:
        runs = []
        n = 0
        for _ in range(a.repeat):
            t = time.perf_counter()
            n = len(extract_text(text))
            runs.append(time.perf_counter() - t)
        return statistics.median(runs), n

    base, nbase = timed(article)
    print(f"plain article, {size / 1e6:.2f} MB: {base:.2f} s ({nbase} mentions); medians of {a.repeat} runs")
    for name, text in hostile(size).items():
        t, n = timed(text)
        print(f"  {name:<42} {t:6.2f} s  {t / base:5.2f}× the article  ({n} mentions)")


if __name__ == "__main__":
    main()
