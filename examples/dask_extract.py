#!/usr/bin/env python3
"""Run cloudfacts over a Dask bag of documents and write JSON lines — the same
mentions as `cloudfacts extract PATHS --format jsonl`, computed by Dask workers.

    pip install 'cloudfacts[dask]'
    python examples/dask_extract.py seeds/ facts.jsonl                  # local processes
    python examples/dask_extract.py corpus/ facts.jsonl --scheduler tcp://host:8786

Each file is read and extracted inside a task (`extract_document` is a plain
function: no terminal, no global state), so the bag can run on any Dask
scheduler.  Canonical names need the whole corpus: the name counts are reduced
across the bag first, then every partition applies them, as `extract` does.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

import dask.bag as db

from cloudfacts.entities import Canon, name_stat
from cloudfacts.export import json_line
from cloudfacts.model import NAME_KINDS
from cloudfacts.pipeline import extract_document
from cloudfacts.sources import SourceProblem, decode_input, iter_files, read_input


def extract_file(item: tuple[str, str]) -> list:
    """All mentions of one file (an empty list, and a note on stderr, if unreadable)."""
    from pathlib import Path

    source, path = item
    raw = read_input(source, Path(path))
    if isinstance(raw, SourceProblem):
        print(f"cloudfacts: {raw}", file=sys.stderr)
        return []
    out = []
    for doc in decode_input(raw):
        if isinstance(doc, SourceProblem):
            print(f"cloudfacts: {doc}", file=sys.stderr)
        else:
            out.extend(extract_document(doc))
    return out


def name_counts(mentions: list) -> Counter:
    return Counter(name_stat(m) for m in mentions if m.kind in NAME_KINDS)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", help="files or folders, as for `cloudfacts extract`")
    ap.add_argument("output", help="JSON lines file to write")
    ap.add_argument("--scheduler", default="processes",
                    help="processes (default), threads, sync, or the address of a Dask scheduler")
    ap.add_argument("--partitions", type=int, default=None, help="bag partitions (default: Dask's choice)")
    a = ap.parse_args(argv)

    files = []
    for item in iter_files(a.paths):
        if isinstance(item, SourceProblem):
            print(f"cloudfacts: {item}", file=sys.stderr)
        else:
            files.append((item[0], str(item[1])))
    if not files:
        print("cloudfacts: nothing to extract", file=sys.stderr)
        return 2

    if "://" in a.scheduler:
        from dask.distributed import Client

        Client(a.scheduler)
        scheduler = None
    else:
        scheduler = a.scheduler
    per_file = db.from_sequence(files, npartitions=a.partitions or min(len(files), 64)).map(extract_file)
    per_file = per_file.persist(scheduler=scheduler)  # extract once, use twice
    # one pass for the corpus-wide name counts, one to write the canonical mentions
    counts = per_file.map(name_counts).fold(lambda x, y: x + y, initial=Counter()).compute(scheduler=scheduler)
    canon = Canon(counts.items())
    lines = per_file.map(lambda ms: [json_line(canon.apply(m)) for m in ms]).compute(scheduler=scheduler)
    n = 0
    with open(a.output, "w", encoding="utf-8") as f:
        for doc_lines in lines:  # the bag keeps the order of `files`
            for line in doc_lines:
                f.write(line + "\n")
                n += 1
    print(json.dumps({"files": len(files), "mentions": n, "output": a.output}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
