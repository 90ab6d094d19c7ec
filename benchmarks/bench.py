#!/usr/bin/env python3
"""Speed and memory of cloudfacts, printed as figures (never asserted in tests).

    python benchmarks/bench.py --mb 20            # the figures quoted in the README
    python benchmarks/bench.py --mb 2 --repeat 1  # a quick look
    python benchmarks/bench.py --mb 5 --quick --from ../shared/dev2/docs  # text as dense as real news

Builds a corpus of N MB from the seeds (paragraphs shuffled, digits varied, so
that files differ), then measures, each as the median of --repeat runs of the
command line in a subprocess:

- end-to-end throughput, `extract --no-store -j 1 -f jsonl > /dev/null`, and with -j 2;
- peak RSS of the single-core run;
- a first run into a fact store, then the re-run on the unchanged corpus;
- `conflicts` answered from the store;
- `dateparser.search.search_dates` over a sample of the same text, as the reference
  (it is far too slow to run over the whole corpus: its rate is measured on the sample).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build  # noqa: E402

PY = sys.executable


def timed(args: list[str], env: dict | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS of the process in KB, exit status), output discarded."""
    t = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        p = subprocess.Popen(args, stdout=devnull, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(args)} failed with status {p.returncode}: {p.stderr.read().decode()[-500:]}")
    return dt, usage.ru_maxrss, p.returncode


def median_run(args: list[str], repeat: int, env: dict | None = None) -> tuple[float, int]:
    runs = [timed(args, env) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def search_dates_rate(files: list[Path], sample_bytes: int, languages=("fr",)) -> tuple[float, int]:
    """Bytes per second of dateparser.search.search_dates over a sample of the corpus,
    told the language (the fair reference) or left to detect it (its default)."""
    from dateparser.search import search_dates

    kw = {"languages": list(languages)} if languages else {}
    texts, size = [], 0
    for f in files:
        t = f.read_text(encoding="utf-8")
        texts.append(t)
        size += len(t.encode("utf-8"))
        if size >= sample_bytes:
            break
    search_dates("warm up le 12 janvier 2015", **kw)
    t0 = time.perf_counter()
    for t in texts:
        search_dates(t, **kw)
    return size / (time.perf_counter() - t0), size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20, help="corpus size in MB (default 20)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measure; the median is quoted (default 3)")
    ap.add_argument("--jobs", type=int, default=2, help="workers of the parallel run (default 2)")
    ap.add_argument("--sample-kb", type=int, default=300, help="sample for search_dates, KB (default 300)")
    ap.add_argument("--keep", action="store_true", help="keep the corpus and the store")
    ap.add_argument("--from", dest="folders", action="append", type=Path, metavar="DIR",
                    help="build the corpus from the paragraphs of DIR's .txt files instead of the seeds "
                         "(repeatable): real articles are denser in figures than the seeds")
    ap.add_argument("--quick", action="store_true",
                    help="only the single-core run (to compare two checkouts: PYTHONPATH=CHECKOUT)")
    a = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="cloudfacts-bench-"))
    corpus = work / "corpus"
    files = build(corpus, a.mb, folders=a.folders)
    size = sum(f.stat().st_size for f in files)
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    mb = size / 1e6
    cf = [PY, "-m", "cloudfacts"]
    print(f"corpus: {len(files)} files, {mb:.1f} MB, {chars:,} characters ({work})")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of {a.repeat} runs")
    figs = subprocess.run(cf + ["extract", str(corpus), "--no-store", "-j", str(a.jobs), "-f", "jsonl",
                                "-k", "percentage", "-k", "amount", "-k", "quantity"],
                          capture_output=True, check=True).stdout.count(b"\n")
    print(f"density: {figs:,} figures, {figs / chars * 1000:.2f} per 1,000 characters\n")

    t1, rss1 = median_run(cf + ["extract", str(corpus), "--no-store", "-j", "1", "-f", "jsonl"], a.repeat)
    if a.quick:
        print(f"extract -j 1 → jsonl, no store  {t1:.2f} s  {mb / t1:.2f} MB/s ({chars / t1:,.0f} chars/s); "
              f"peak RSS {rss1 / 1024:.0f} MB")
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
        return
    tj, _ = median_run(cf + ["extract", str(corpus), "--no-store", "-j", str(a.jobs), "-f", "jsonl"], a.repeat)

    db = work / "store.db"
    env = dict(os.environ, CLOUDFACTS_DB=str(db))
    first, _ = timed(cf + ["extract", str(corpus), "-j", str(a.jobs), "-f", "jsonl"], env)[:2]
    rerun, _ = median_run(cf + ["extract", str(corpus), "-j", str(a.jobs), "-f", "jsonl"], a.repeat, env)
    conf, _ = median_run(cf + ["conflicts", "-f", "json"], a.repeat, env)

    sd_rate, sd_size = search_dates_rate(files, a.sample_kb * 1000)
    sd_any_rate, _ = search_dates_rate(files, a.sample_kb * 1000, languages=None)
    rate1 = size / t1
    rows = [
        ("extract -j 1 → jsonl, no store", f"{t1:.2f} s", f"{mb / t1:.2f} MB/s ({chars / t1:,.0f} chars/s)"),
        (f"extract -j {a.jobs} → jsonl, no store", f"{tj:.2f} s", f"{mb / tj:.2f} MB/s, {t1 / tj:.2f}× -j 1"),
        ("peak RSS, -j 1", f"{rss1 / 1024:.0f} MB", ""),
        (f"first run into the store (-j {a.jobs})", f"{first:.2f} s", ""),
        ("re-run, corpus unchanged", f"{rerun:.2f} s", f"{first / rerun:.1f}× faster than the first run"),
        ("conflicts from the store", f"{conf:.2f} s", ""),
        (f"search_dates(languages=['fr']) over {sd_size / 1e3:.0f} KB of it", f"{sd_size / sd_rate:.2f} s",
         f"{sd_rate / 1e6:.3f} MB/s; extract -j 1 is {rate1 / sd_rate:.1f}× faster"),
        (f"search_dates() (language detected) over the same", f"{sd_size / sd_any_rate:.2f} s",
         f"{sd_any_rate / 1e6:.3f} MB/s; extract -j 1 is {rate1 / sd_any_rate:.1f}× faster"),
    ]
    w = max(len(r[0]) for r in rows)
    for name, t, extra in rows:
        print(f"{name:<{w}}  {t:>10}  {extra}")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
