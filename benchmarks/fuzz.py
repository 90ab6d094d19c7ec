#!/usr/bin/env python3
"""Fuzz the extraction library with generated French-like text, and report what
went wrong: hangs, exceptions, offset violations, non-finite values.

    python benchmarks/fuzz.py                    # 100,000 inputs, 2 worker processes
    python benchmarks/fuzz.py -n 5000 --seed 7   # a quick run

Each input is made from the rule words themselves (months, scale words,
currencies, qualifiers, trigger verbs and nouns of linking), numbers written
every French way, the characters whose case folding changes length (`ß`, `ﬁ`,
`İ`…), no-break spaces, apostrophes, brackets, control and bidirectional
characters, lone surrogates and very long runs — the inputs that broke
cloudfacts before.  Input i is a pure function of (seed, i), so a finding is
reproduced with `--only i`.

A worker that makes no progress for --hang seconds is a hang: its input is
recorded, the worker is killed and a new one goes on after it.  Exit status 1
when anything was found.
"""
from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SPECIAL = "ßẞﬀﬁﬂﬃﬄﬅﬆİıŉǰΐΰևẖẗẘẙẚᾀᾳῼKſÅΩŀ"
SPACES = [" ", " ", " ", "\u00a0", "\u202f", "\t", "\n", "\n\n", "  "]
PUNCT = list(".,;:!?()[]«»\"'’-–—/%€$£¥+=*&@#") + ["...", " %", "\u00a0%", " €", "M€", "Md€", "k€", " p. 100"]
ODD = ["\x00", "\x1b[31m", "\u202e", "\u2028", "\ufeff", "\ud800", "\udfff", "\u0301", "é", "٣", "𝟘", "Ⅻ", "½"]
NAMES = ["Orange", "Cloudwatt", "Thales", "Caisse des Dépôts", "SFR", "Bull", "Safran", "Zodiac Aerospace",
         "M. Dupont", "Mme Weiß", "Strauß", "İstanbul", "Paris", "l'État", "la société", "le groupe", "il"]


def vocabulary() -> list[str]:
    """Words the rules are written with, from the vocabularies and the patterns."""
    import re

    from cloudfacts import rx
    from cloudfacts import vocab

    import cloudfacts.pipeline  # noqa: F401  (compiles every rule)

    words: set[str] = set()
    for name in dir(vocab):
        v = getattr(vocab, name)
        if isinstance(v, dict):
            words |= {k for k in v if isinstance(k, str)}
        elif isinstance(v, (list, tuple, set, frozenset)):
            words |= {k for k in v if isinstance(k, str)}
    for p in rx.ALL:
        words |= set(re.findall(r"[^\W\d_]{2,}", p.pattern))
    return sorted(w for w in words if 1 < len(w) < 30)


def number(rng: random.Random) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return str(rng.randrange(0, 100))
    if kind == 1:
        return f"{rng.randrange(0, 100)},{rng.randrange(0, 100)}"
    if kind == 2:
        return rng.choice([" ", "\u00a0", "\u202f", "."]).join(str(rng.randrange(100, 999)) for _ in range(rng.randrange(2, 5)))
    if kind == 3:
        return rng.choice(["un", "deux", "trois", "dix", "vingt et un", "quatre-vingt-dix", "cent", "mille",
                           "soixante-dix", "la moitié", "un tiers", "les deux tiers"])
    if kind == 4:
        return "9" * rng.randrange(20, 420)  # beyond a float
    if kind == 5:
        return "1" * rng.randrange(1, 200) + rng.choice(ODD) + "1" * rng.randrange(1, 200)
    if kind == 6:
        return str(rng.randrange(1900, 2100))
    if kind == 7:
        return f"{rng.randrange(1, 32)}/{rng.randrange(1, 13)}/{rng.randrange(1990, 2030)}"
    return f"{rng.random() * 10 ** rng.randrange(0, 12):.{rng.randrange(0, 4)}f}"


VERBS = ["détient", "possède", "a racheté", "rachète", "passe de", "réduit", "porte", "cède", "vend", "reçoit",
         "investit", "engrange", "vise", "table sur", "emploie", "lève", "valorise"]
UNITS = [" %", "\u00a0%", " millions d'euros", " M€", " Md€", " salariés", " actions", " euros", " pence", ""]
QUALS = ["", "", "près de ", "plus de ", "environ ", "quelque ", "moins de "]


def sentence(rng: random.Random, words: list[str]) -> str:
    """A French-like sentence around a figure, a special character next to the
    words the linking rules read before and after it."""
    c = rng.choice(SPECIAL)
    w = rng.choice(words)
    subject = rng.choice(NAMES + [w + c, "La part de la rue Wei" + c, "Stra" + c + "e"])
    fig = rng.choice(QUALS) + number(rng) + rng.choice(UNITS)
    obj = rng.choice(["de " + rng.choice(NAMES), "dans " + rng.choice(NAMES), "à " + rng.choice(NAMES), ""])
    shapes = [f"{subject} {rng.choice(VERBS)} {fig} {obj}.",
              f"{rng.choice(words)} {w}{c} de {fig} {rng.choice(words)}",
              f"{subject} de {fig}, {rng.choice(VERBS)} {obj} en {rng.randrange(1990, 2030)}.",
              f"Selon {subject}, {rng.choice(NAMES)} {rng.choice(VERBS)} respectivement {fig} et {fig} {obj}."]
    return rng.choice(shapes)


def make_input(seed: int, i: int, words: list[str]) -> str:
    rng = random.Random(seed * 1_000_003 + i)
    if rng.random() < 0.4:
        return " ".join(sentence(rng, words) for _ in range(rng.choice([1, 2, 5])))
    n = rng.choice([1, 3, 8, 20, 60, 200])
    parts = []
    for _ in range(n):
        r = rng.random()
        if r < 0.30:
            w = rng.choice(words)
            parts.append(rng.choice([w, w.capitalize(), w.upper()]))
        elif r < 0.50:
            parts.append(number(rng))
        elif r < 0.60:
            parts.append(rng.choice(NAMES))
        elif r < 0.72:
            parts.append(rng.choice(PUNCT))
        elif r < 0.84:
            c = rng.choice(SPECIAL)
            w = rng.choice(words)
            parts.append(rng.choice([w + c, c + w, c, c * 3, "Wei" + c + " de"]))
        elif r < 0.90:
            parts.append(rng.choice(ODD))
        else:
            parts.append(rng.choice(["l'", "d'", "qu'", "l’", "d’"]) + rng.choice(words))
        parts.append(rng.choice(SPACES))
    text = "".join(parts)
    if rng.random() < 0.02:  # a long run of one piece: linear time or not
        text = (rng.choice(["1 € ", "l'", "44 % ", "Weiß de ", "de ", "(", "["]) * rng.randrange(500, 5000)) + text
    return text


def check(text: str) -> list[str]:
    """What is wrong with the mentions of one input (empty: nothing)."""
    from cloudfacts.pipeline import extract_text

    found = []
    try:
        mentions = extract_text(text, source="fuzz")
    except TimeoutError:
        return ["timeout: a rule's time bound ran out"]
    except Exception as e:  # noqa: BLE001 - any exception is a finding
        return [f"exception: {type(e).__name__}: {e}"[:300]]
    body = text[1:] if text.startswith("\ufeff") else text
    for m in mentions:
        if not (0 <= m.start < m.end <= len(body)) or body[m.start:m.end] != m.text:
            found.append(f"offsets: {m.kind} {m.text!r} [{m.start}:{m.end}]")
        for field in ("value", "max"):
            v = getattr(m, field)
            if isinstance(v, float) and not math.isfinite(v):
                found.append(f"non-finite {field}: {m.kind} {m.text[:40]!r} = {v}")
    return found


def worker(seed: int, indices: list[int], progress, results) -> None:
    words = vocabulary()
    for i in indices:
        for f in check(make_input(seed, i, words)):
            results.put((i, f))
        progress.value = i


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=100_000, help="inputs (default 100,000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-j", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--hang", type=float, default=60.0, help="seconds without progress that make a hang")
    ap.add_argument("--only", type=int, help="check input i alone, and print it")
    args = ap.parse_args()

    if args.only is not None:
        text = make_input(args.seed, args.only, vocabulary())
        print(repr(text[:2000]))
        print(check(text) or "nothing wrong")
        return

    ctx = mp.get_context("fork")
    results = ctx.Queue()
    todo = [list(range(k, args.n, args.j)) for k in range(args.j)]
    findings: list[tuple[int, str]] = []
    t0 = time.perf_counter()
    running = []
    for chunk in todo:
        progress = ctx.Value("q", -1)
        p = ctx.Process(target=worker, args=(args.seed, chunk, progress, results), daemon=True)
        p.start()
        running.append([p, chunk, progress, progress.value, time.monotonic()])
    while running:
        time.sleep(0.2)
        while not results.empty():
            findings.append(results.get())
        for slot in list(running):
            p, chunk, progress, last, since = slot
            now = progress.value
            if not p.is_alive():
                running.remove(slot)
                continue
            if now != last:
                slot[3], slot[4] = now, time.monotonic()
                continue
            if time.monotonic() - since > args.hang:  # no progress: the next input hangs
                pos = chunk.index(now) + 1 if now in chunk else 0
                findings.append((chunk[pos], f"hang: no progress for {args.hang:.0f} s"))
                p.kill()
                running.remove(slot)
                rest = chunk[pos + 1:]
                if rest:
                    progress = ctx.Value("q", -1)
                    q = ctx.Process(target=worker, args=(args.seed, rest, progress, results), daemon=True)
                    q.start()
                    running.append([q, rest, progress, -1, time.monotonic()])
    while not results.empty():
        findings.append(results.get())
    dt = time.perf_counter() - t0

    kinds = {"hang": 0, "timeout": 0, "exception": 0, "offsets": 0, "non-finite": 0}
    for _, f in findings:
        for k in kinds:
            if f.startswith(k):
                kinds[k] += 1
    print(f"fuzz: {args.n} inputs (seed {args.seed}) in {dt:.1f} s, {args.n / dt:.0f} inputs/s, {args.j} workers")
    for k, v in kinds.items():
        print(f"  {k:<11} {v}")
    for i, f in sorted(findings)[:40]:
        print(f"  input {i}: {f}   (python benchmarks/fuzz.py --seed {args.seed} --only {i})")
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
