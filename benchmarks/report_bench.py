#!/usr/bin/env python3
"""Time to write a report and time for a browser to show it, printed as figures.

    python benchmarks/report_bench.py --mb 20          # the figures quoted in the README
    python benchmarks/report_bench.py --mb 2 --repeat 1

Builds a corpus of N MB from the seeds (benchmarks/corpus.py), then measures:

- `cloudfacts report CORPUS -o r.html` (median of --repeat runs, peak RSS), against
  `cloudfacts conflicts CORPUS -f json` in the same run: the same reading and
  extraction without the page, so the ratio is what the page costs;
- the page in headless Chromium (Debian's, driven by Playwright; median of --loads
  loads in fresh contexts): first paint, first contentful paint, DOMContentLoaded,
  the script ready, against the seeds' report loaded the same way;
- two interactions on the big page: a conflict card's first source clicked (its
  article rendered on demand and scrolled to), and the facts table filtered by kind.
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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import build  # noqa: E402

PY = sys.executable
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def timed(args: list[str]) -> tuple[float, int]:
    """(seconds, peak RSS in KB) of a command whose output is discarded."""
    t = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        p = subprocess.Popen(args, stdout=devnull, stderr=subprocess.PIPE, cwd=ROOT)
        _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"report_bench: {' '.join(args)} failed with status {code}: {p.stderr.read().decode()[-500:]}")
    return dt, usage.ru_maxrss


def median_of(args: list[str], repeat: int) -> tuple[float, int]:
    runs = [timed(args) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


PAINT = """() => { const o = {}; performance.getEntriesByType('paint').forEach(e => o[e.name] = e.startTime);
  const n = performance.getEntriesByType('navigation')[0]; o.dcl = n.domContentLoadedEventEnd; return o; }"""


def page_timings(browser, path: Path, loads: int) -> dict[str, float]:
    """Medians, in ms from navigation start, over `loads` loads in fresh contexts."""
    seen: dict[str, list[float]] = {}
    for _ in range(loads):
        ctx = browser.new_context(viewport={"width": 1200, "height": 900})
        page = ctx.new_page()
        page.goto(path.as_uri(), wait_until="commit", timeout=300_000)
        page.wait_for_selector("html[data-ready]", timeout=300_000)
        t = page.evaluate(PAINT)
        t["ready"] = page.evaluate("() => performance.now()")
        for k, v in t.items():
            seen.setdefault(k, []).append(v)
        ctx.close()
    return {k: statistics.median(v) for k, v in seen.items()}


def interactions(browser, path: Path) -> dict[str, float]:
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    page = ctx.new_page()
    page.goto(path.as_uri(), timeout=300_000)
    page.wait_for_selector("html[data-ready]", timeout=300_000)
    out = {}
    if page.locator(".card a.goto").count():
        out["card click → figure shown (ms)"] = page.evaluate("""() => {
            const a = document.querySelector('.card a.goto'); const t = performance.now(); a.click();
            const m = document.getElementById('m' + a.dataset.m); m.getBoundingClientRect();
            return performance.now() - t; }""")
    out["filter by kind (ms)"] = page.evaluate("""() => {
        const s = document.getElementById('f-kind'); s.value = 'percentage'; const t = performance.now();
        s.dispatchEvent(new Event('change')); document.getElementById('facts-table').getBoundingClientRect();
        return performance.now() - t; }""")
    ctx.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each command (median; default 3)")
    ap.add_argument("--loads", type=int, default=5, help="page loads in the browser (median; default 5)")
    ap.add_argument("--chromium", default=os.environ.get("CLOUDFACTS_CHROMIUM") or shutil.which("chromium"),
                    help="Chromium executable (default: chromium on the PATH)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cloudfacts-report-bench-"))
    try:
        corpus = tmp / "corpus"
        files = build(corpus, args.mb)
        size = sum(f.stat().st_size for f in files)
        print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB (median of {args.repeat} runs per command)")
        big, small = tmp / "big.html", tmp / "seeds.html"
        ref_s, ref_rss = median_of([PY, "-m", "cloudfacts", "conflicts", str(corpus), "-f", "json"], args.repeat)
        rep_s, rep_rss = median_of([PY, "-m", "cloudfacts", "report", str(corpus), "-o", str(big)], args.repeat)
        timed([PY, "-m", "cloudfacts", "report", "seeds", "-o", str(small)])
        print(f"  conflicts -f json (reference)   {ref_s:7.2f} s   peak RSS {ref_rss / 1024:6.0f} MB")
        print(f"  report -o r.html                {rep_s:7.2f} s   peak RSS {rep_rss / 1024:6.0f} MB   "
              f"{rep_s / ref_s:.2f}x the reference; page {big.stat().st_size / 1e6:.1f} MB")
        if not args.chromium:
            print("no Chromium found (apt-get install chromium): page timings skipped")
            return
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            ref = page_timings(browser, small, args.loads)
            got = page_timings(browser, big, args.loads)
            acts = interactions(browser, big)
            browser.close()
        print(f"page in headless Chromium (median of {args.loads} loads, ms from navigation start):")
        print(f"  {'':26}{'seeds report':>14}{'this corpus':>14}")
        for k in ("first-paint", "first-contentful-paint", "dcl", "ready"):
            label = {"dcl": "DOMContentLoaded", "ready": "script ready"}.get(k, k)
            print(f"  {label:26}{ref.get(k, float('nan')):14.0f}{got.get(k, float('nan')):14.0f}")
        for k, v in acts.items():
            print(f"  {k:40}{v:8.0f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
