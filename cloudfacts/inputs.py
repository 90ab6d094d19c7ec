"""Inputs of the commands that compare facts: text sources and fact tables alike.

A path is a fact table when it ends in .json/.jsonl/.ndjson/.csv, or (for `-`)
when its content starts like one; anything else is text to extract.  So
`cloudfacts conflicts seeds/`, `cloudfacts conflicts facts.json` and
`cloudfacts extract seeds -f jsonl | cloudfacts conflicts -` give the same answer.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Callable, Optional

from .entities import canonicalize_corpus
from .facttable import TABLE_SUFFIXES, FactTableError, looks_like_table, read_table, read_table_file
from .extractors.dates import find_ref_date
from .model import Document, Mention
from .pipeline import extract_document
from .sources import TIMED_OUT, SourceProblem, iter_documents, read_document


def load_mentions(paths: list[str], ref_date: Optional[date] = None, aliases: Optional[dict] = None,
                  on_problem: Optional[Callable[[SourceProblem], None]] = None,
                  texts: Optional[dict] = None) -> list[Mention]:
    """Mentions of every input, canonicalised together.  Unreadable inputs are
    reported to `on_problem`; a malformed fact table raises FactTableError.
    With `texts`, each text read is recorded there: source → (text, its own dateline)."""
    out: list[Mention] = []
    report = on_problem or (lambda p: None)

    def keep(doc: Document) -> Document:
        if texts is not None:
            texts[doc.source] = (doc.text, find_ref_date(doc.text))
        return doc

    for given in paths:
        if given == "-":
            data = sys.stdin.buffer.read()
            if looks_like_table(data):
                out.extend(read_table(data, "<stdin>"))
            elif data.strip():
                try:
                    out.extend(extract_document(keep(read_document(data, "-", "", ref_date)), aliases))
                except ValueError as e:
                    report(SourceProblem("-", str(e)))
                except TimeoutError:
                    report(SourceProblem("-", TIMED_OUT))
            else:
                report(SourceProblem("-", "empty input, nothing to compare", failed=False))
            continue
        if Path(given).is_file() and given.lower().endswith(TABLE_SUFFIXES):
            out.extend(read_table_file(given))
            continue
        for item in iter_documents([given], ref_date):
            if isinstance(item, SourceProblem):
                report(item)
            else:
                try:
                    out.extend(extract_document(keep(item), aliases))
                except TimeoutError:  # a pattern's time bound (rx.py): this text is skipped
                    report(SourceProblem(item.source, TIMED_OUT))
    return canonicalize_corpus(out, aliases)


__all__ = ["load_mentions", "FactTableError"]
