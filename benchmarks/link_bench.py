#!/usr/bin/env python3
"""Linking's own time, in process (figures printed, never asserted in tests).

    python benchmarks/link_bench.py --mb 2                                  # a built corpus
    python benchmarks/link_bench.py --mb 2 ../shared/dev/docs ../shared/dev2/docs   # and real articles

Extracts each document once, keeping what linking is given (text, mentions,
sentences, tokens), then times `link_document` alone over all of them, --passes
times (the first pass warms the word caches, as a long run has them), and prints
the fastest and the median pass, per document and per figure.  The command line's
settings apply (the documents' watchdog rather than a timeout per pattern call).
Run it on two checkouts in turn (PYTHONPATH=<checkout>) to compare them.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help="more files or directories of articles to link")
    ap.add_argument("--mb", type=float, default=2, help="size of the built corpus in MB (default 2; 0: none)")
    ap.add_argument("--passes", type=int, default=10, help="timed passes (default 10)")
    a = ap.parse_args()

    from cloudfacts import pipeline, rx, sources
    from cloudfacts.model import FIGURE_KINDS, Document

    rx.use_watchdog()
    paths = [str(p) for p in a.paths]
    work = tempfile.TemporaryDirectory(prefix="cloudfacts-linkbench-")
    if a.mb > 0:
        build(Path(work.name) / "corpus", a.mb)
        paths.insert(0, str(Path(work.name) / "corpus"))
    if not paths:
        sys.exit("link_bench: nothing to link (--mb 0 and no paths)")
    docs = [d for d in sources.iter_documents(paths) if isinstance(d, Document)]

    link = pipeline.link_document
    given = []

    def keep(text, mentions, index=None, toks=None):
        given.append((text, mentions, index, toks))
        return link(text, mentions, index, toks)

    pipeline.link_document = keep
    try:
        for d in docs:
            pipeline.extract_document(d)
    finally:
        pipeline.link_document = link
    figures = sum(1 for _, ms, _, _ in given for m in ms if m.kind in FIGURE_KINDS)
    chars = sum(len(t) for t, _, _, _ in given)

    for args in given:  # warm the caches
        link(*args)
    times = []
    for _ in range(a.passes):
        t0 = time.process_time()
        for args in given:
            link(*args)
        times.append(time.process_time() - t0)
    best, median = min(times), statistics.median(times)
    print(f"{len(given)} documents, {chars:,} characters, {figures:,} figures; {a.passes} passes")
    print(f"linking: fastest pass {best:.3f} s, median {median:.3f} s "
          f"({best / len(given) * 1e6:.0f} µs a document, {best / max(1, figures) * 1e6:.1f} µs a figure)")
    work.cleanup()


if __name__ == "__main__":
    main()
