"""The extraction pipeline: Document → candidates → arbitrated spans → Mentions.

Each stage is a plain function, so the same pipeline runs in one process, a
process pool or a Dask task.  Nothing here knows about the terminal or files.
"""
from __future__ import annotations

import bisect
import math
from functools import partial
from datetime import date
from typing import Callable, Iterable, Optional

from . import rx
from .entities import canonicalize_corpus, canonicalize_document
from .extractors.dates import extract_dates, find_ref_date
from .extractors.figures import extract_figures
from .extractors.names import extract_names, tokenize
from .link import link_document
from .model import Candidate, Document, Mention, mention_id
from .sources import TIMED_OUT, SourceProblem, iter_documents
from .text import SpanSet, TextIndex, protected_spans


_new_mention = partial(tuple.__new__, Mention)
assert Mention._fields == ("source", "kind", "text", "start", "end", "line", "value", "max", "unit", "qualifier",
                           "subject", "object", "attribute", "period", "sentence", "rule", "id", "links")


def _outside(cands: Iterable[Candidate], spans: list[tuple[int, int]]) -> list[Candidate]:
    starts = [s for s, _ in spans]
    out = []
    for c in cands:
        k = bisect.bisect_right(starts, c.start) - 1
        bad = False
        for kk in (k, k + 1):
            if 0 <= kk < len(spans) and spans[kk][0] < c.end and c.start < spans[kk][1]:
                bad = True
        if not bad:
            out.append(c)
    return out


def _arbitrate(cands: list[Candidate]) -> list[Candidate]:
    """No two mentions overlap: higher priority first, then the longer span."""
    occupied = SpanSet()
    chosen = [c for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
              if occupied.add(c.start, c.end)]
    return sorted(chosen, key=lambda c: (c.start, c.end))


def extract_document(doc: Document, aliases: Optional[dict[str, str]] = None) -> list[Mention]:
    """Every mention of one document, in source order, names canonicalised
    within the document (the corpus pass comes after)."""
    with rx.deadline(len(doc.text)):
        return _extract(doc, aliases)


def _extract(doc: Document, aliases: Optional[dict[str, str]]) -> list[Mention]:
    text = doc.text
    index = TextIndex(text)
    ref = doc.ref_date
    toks = tokenize(text)  # shared: glued words, date trigger words, names
    guarded, guarded_names = protected_spans(text, toks)
    figures_dates = _outside(extract_figures(text, index, toks) + extract_dates(text, ref, toks), guarded)
    chosen = _arbitrate(figures_dates)
    blocked = sorted(guarded_names + [(c.start, c.end) for c in chosen])
    names = extract_names(text, index, blocked, toks)
    chosen = sorted(chosen + names, key=lambda c: (c.start, c.end))
    digest, source = doc.digest, doc.source
    mentions = []
    line_of, sentence_text = index.line_of, index.sentence_text
    for c in chosen:
        v, mx, start, end, kind = c.value, c.max, c.start, c.end, c.kind
        if (isinstance(v, float) and not math.isfinite(v)) or (isinstance(mx, float) and not math.isfinite(mx)):
            continue  # a figure beyond a float's range (1e308 € and more): no value to give, no mention
        # (the fields in their order, without the keywords: tens of thousands a megabyte)
        mentions.append(_new_mention((
            source, kind, text[start:end], start, end, line_of(start), v, mx, c.unit, c.qualifier,
            None, None, None, None, sentence_text(start), c.rule, mention_id(digest, start, end, kind), ())))
    return link_document(text, canonicalize_document(text, mentions, aliases), index, toks)


def extract_text(text: str, source: str = "-", ref_date: Optional[date] = None,
                 aliases: Optional[dict[str, str]] = None) -> list[Mention]:
    """Mentions of one text (library API).  `ref_date` resolves relative dates
    when the text carries no dateline of its own."""
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = Document(source=source, text=text, ref_date=find_ref_date(text) or ref_date)
    return canonicalize_corpus(extract_document(doc, aliases), aliases)


def extract_paths(paths: list[str], ref_date: Optional[date] = None, aliases: Optional[dict[str, str]] = None,
                  on_problem: Optional[Callable[[SourceProblem], None]] = None) -> list[Mention]:
    """Mentions of files, folders (recursive) or `-` (library API).  Inputs that
    cannot be read are reported to `on_problem` and skipped."""
    out: list[Mention] = []
    for item in iter_documents(list(paths), ref_date):
        if isinstance(item, SourceProblem):
            if on_problem:
                on_problem(item)
            continue
        try:
            out.extend(extract_document(item, aliases))
        except TimeoutError:  # a pattern's time bound (rx.py): this text is skipped, the others go on
            if on_problem:
                on_problem(SourceProblem(item.source, TIMED_OUT))
    return canonicalize_corpus(out, aliases)
