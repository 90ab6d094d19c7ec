"""`cloudfacts report`: the articles, their mentions and their conflicts on one
self-contained HTML page (CSS and JavaScript inline, no network).

Three stages, each a plain function:

- `documents_for(mentions, texts)`: each source's text as *segments* — the whole
  text when it is known (the files read, or a source file on disk whose spans
  still match), else the sentences the fact table carries, placed at their offsets;
- `build_report(...)`: the view model — documents with their highlighted pieces,
  conflict cards, the rows of the facts table, the counts;
- `render_report(model)`: the Jinja2 template, autoescaped, so that every text
  taken from a document is escaped, whatever it holds.

Past `inline_limit` characters of text, articles are not written into the page
but kept as embedded data and rendered when scrolled to or opened, so that a
large corpus still paints quickly.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .conflicts import VERDICT_ORDER
from .model import KINDS, Mention

INLINE_LIMIT = 8_000_000  # characters of article text written into the page itself
SENTENCES_PER_VALUE = 3  # sources shown with their sentence in a conflict card; the rest as links

# Okabe–Ito colours (distinguishable with every common colour-vision deficiency),
# each kind also with its own underline style, so that the kinds stay apart in a
# grey-scale print.
KIND_COLOURS = {
    "percentage": ("#E69F00", "solid"),
    "amount": ("#009E73", "double"),
    "quantity": ("#56B4E9", "dashed"),
    "date": ("#CC79A7", "dotted"),
    "person": ("#D55E00", "wavy"),
    "organization": ("#0072B2", "solid"),
    "location": ("#999933", "dashed"),
}


@dataclass
class Segment:
    """A stretch of a document's text starting at `offset` (code points)."""

    offset: int
    text: str
    mentions: list[int] = field(default_factory=list)  # indexes into the report's mention list


@dataclass
class ReportDocument:
    source: str
    segments: list[Segment]
    complete: bool  # the whole text is known (else: only the sentences that hold mentions)
    date: Optional[str] = None  # the article's own dateline, ISO


def _fits(seg_offset: int, sentence: str, m: Mention) -> bool:
    i = m.start - seg_offset
    return 0 <= i and sentence[i:i + len(m.text)] == m.text and i + len(m.text) <= len(sentence)


def _spans_match(text: str, ms: list[Mention]) -> bool:
    return all(0 <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text for m in ms)


def documents_for(mentions: list[Mention], texts: dict[str, tuple[str, Optional[date]]]) -> list[ReportDocument]:
    """One ReportDocument per source, in first-seen order.  `texts` maps a source
    to its decoded text and dateline when known; a text whose spans do not match
    the mentions (the file changed since the fact table was written) is not used."""
    by_source: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        by_source.setdefault(m.source, []).append(i)
    for s in texts:
        by_source.setdefault(s, [])
    docs = []
    for source, idx in by_source.items():
        ms = [mentions[i] for i in idx]
        known = texts.get(source)
        if known is not None and _spans_match(known[0], ms):
            d = known[1].isoformat() if known[1] else None
            docs.append(ReportDocument(source, [Segment(0, known[0], sorted(idx, key=_order(mentions)))], True, d))
            continue
        docs.append(ReportDocument(source, _sentence_segments(mentions, idx), False, _dateline_of(mentions, idx)))
    return docs


def _order(mentions: list[Mention]):
    return lambda i: (mentions[i].start, mentions[i].end)


def _sentence_segments(mentions: list[Mention], idx: list[int]) -> list[Segment]:
    """The sentences of a fact table placed at their offsets: a sentence starts at
    `m.start - i` where `i` is where the mention's text sits in it.  A mention that
    fits no sentence gets a segment of its own text."""
    segs: list[Segment] = []
    by_sentence: dict[str, list[Segment]] = defaultdict(list)
    for i in sorted(idx, key=_order(mentions)):
        m = mentions[i]
        s = m.sentence or ""
        for seg in by_sentence[s]:
            if _fits(seg.offset, s, m):
                seg.mentions.append(i)
                break
        else:
            at = s.find(m.text) if m.text else -1
            if s and at >= 0:
                seg = Segment(m.start - at, s, [i])
                by_sentence[s].append(seg)
            else:
                seg = Segment(m.start, m.text, [i])
            segs.append(seg)
    segs.sort(key=lambda g: g.offset)
    return segs


def _dateline_of(mentions: list[Mention], idx: list[int]) -> Optional[str]:
    from .conflicts import source_dates

    return next(iter(source_dates(mentions[i] for i in idx).values()), None)


def read_texts(mentions: list[Mention]) -> dict[str, tuple[str, Optional[date]]]:
    """The texts of the sources named in a fact table that still exist on disk as
    regular text files (their spans are checked later, by `documents_for`)."""
    from .facttable import TABLE_SUFFIXES
    from .sources import read_input, decode_input, RawInput

    out: dict[str, tuple[str, Optional[date]]] = {}
    for source in dict.fromkeys(m.source for m in mentions):
        p = Path(source)
        if source == "-" or source.lower().endswith(TABLE_SUFFIXES):
            continue
        try:
            if not p.is_file():
                continue
        except (OSError, ValueError):
            continue
        raw = read_input(source, p)
        if not isinstance(raw, RawInput):
            continue
        for item in decode_input(raw):
            if hasattr(item, "text"):
                out[source] = (item.text, _own_date(item.text))
    return out


def _own_date(text: str) -> Optional[date]:
    from .extractors.dates import find_ref_date

    return find_ref_date(text)


# ---- the view model -----------------------------------------------------------------

def _fmt_number(v) -> str:
    """A value as a reader reads it: `44.4`, `1 160 000 000` (thousands grouped by a
    narrow no-break space, the French way), dates and names as they are."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        v = int(v)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}".replace(",", "\u202f") if abs(v) >= 10_000 else str(v)
    return f"{v:.6g}" if abs(v) < 1e15 else repr(v)


def fmt_value(value, mx=None, unit=None, qualifier=None) -> str:
    """`44.4 %`, `450000000 – 500000000 EUR`, `70 personne (approx)`."""
    if value is None:
        s = "—"
    else:
        s = _fmt_number(value)
    if mx is not None:
        s += f" – {_fmt_number(mx)}"
    if unit:
        s += f" {unit}"
    if qualifier:
        s += f" ({qualifier})"
    return s


def _pieces(seg: Segment, mentions: list[Mention]) -> list[tuple[str, int, str]]:
    """The segment as (text, mention index or -1, kind) pieces.  Mentions never overlap
    in what `extract` writes; a fact table edited by hand may hold overlapping
    spans: the later one is clipped so that each mention still gets one mark."""
    out: list[tuple[str, int, str]] = []
    text, base, pos = seg.text, seg.offset, 0
    for i in seg.mentions:
        m = mentions[i]
        a = min(max(m.start - base, pos), len(text))
        b = min(max(m.end - base, a), len(text))
        if a > pos:
            out.append((text[pos:a], -1, ""))
        out.append((text[a:b], i, m.kind))
        pos = b
    if pos < len(text):
        out.append((text[pos:], -1, ""))
    return out


def _in_sentence(ref: dict, doc: Optional[ReportDocument]) -> tuple[str, str, str]:
    """A conflict mention's sentence cut in three around its figure."""
    sentence, t = ref.get("sentence") or ref["text"], ref["text"]
    starts = []
    at = sentence.find(t)
    while at >= 0 and t:
        starts.append(at)
        at = sentence.find(t, at + 1)
    if not starts:
        return sentence, "", ""
    pick = starts[0]
    if doc is not None and doc.complete and len(starts) > 1:
        full = doc.segments[0].text
        for s in starts:
            a = ref["start"] - s
            if full[a:a + len(sentence)] == sentence:
                pick = s
                break
    return sentence[:pick], sentence[pick:pick + len(t)], sentence[pick + len(t):]


def build_report(mentions: list[Mention], docs: list[ReportDocument], conflicts: list[dict], *,
                 title: str = "cloudfacts report", inline_limit: int = INLINE_LIMIT) -> dict:
    """Everything the template needs, as plain values."""
    doc_of = {d.source: n for n, d in enumerate(docs)}
    cited = {(r["source"], r["start"], r["end"]) for c in conflicts for v in c["values"] for r in v["mentions"]}
    where: dict[tuple, int] = {}
    where_loose: dict[tuple, int] = {}
    for i, m in enumerate(mentions):
        if (m.source, m.start, m.end) in cited:
            where[(m.source, m.start, m.end, m.kind)] = i
            where_loose.setdefault((m.source, m.start, m.end), i)
    in_conflict: dict[int, list[int]] = defaultdict(list)

    cards = []
    for c_no, c in enumerate(conflicts):
        k = c["key"]
        if c["verdict"] == "spelling":
            label = " / ".join(str(v["value"]) for v in c["values"])
        else:
            label = " · ".join(str(k[f]) for f in ("subject", "attribute", "object", "period") if k.get(f))
        values = []
        for v in c["values"]:
            refs = []
            for r in v["mentions"]:
                i = where.get((r["source"], r["start"], r["end"], k["kind"]),
                              where_loose.get((r["source"], r["start"], r["end"])))
                d = doc_of.get(r["source"])
                doc = docs[d] if d is not None else None
                if i is not None:
                    in_conflict[i].append(c_no)
                before, fig, after = _in_sentence(r, doc)
                refs.append({"source": r["source"], "line": r["line"], "mention": i, "doc": d,
                             "date": doc.date if doc else None, "before": before, "figure": fig or r["text"],
                             "after": after, "text": r["text"]})
            refs.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["source"], r["line"]))
            values.append({"label": fmt_value(v["value"], v.get("max"), v.get("unit"), v.get("qualifier")),
                           "shown": refs[:SENTENCES_PER_VALUE], "more": refs[SENTENCES_PER_VALUE:],
                           "sources": len({r["source"] for r in refs}),
                           "first_date": next((r["date"] for r in refs if r["date"]), None)})
        values.sort(key=lambda v: (v["first_date"] is None, v["first_date"] or ""))
        cards.append({"no": c_no, "verdict": c["verdict"], "label": label, "kind": k["kind"], "vals": values})

    total_chars = sum(len(s.text) for d in docs for s in d.segments)
    lazy = total_chars > inline_limit
    articles = []
    for n, d in enumerate(docs):
        kinds = Counter(mentions[i].kind for s in d.segments for i in s.mentions)
        articles.append({"no": n, "source": d.source, "date": d.date, "complete": d.complete, "doc": d,
                         "count": sum(kinds.values()),
                         "conflicts": sorted({c for s in d.segments for i in s.mentions for c in in_conflict.get(i, ())})})
    per_kind = Counter(m.kind for m in mentions)
    per_source = Counter(m.source for m in mentions)
    verdicts = Counter(c["verdict"] for c in conflicts)
    return {
        "title": title,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "kinds": [{"kind": k, "colour": KIND_COLOURS[k][0], "line": KIND_COLOURS[k][1], "count": per_kind.get(k, 0)}
                  for k in KINDS],
        "documents": len(docs),
        "mentions": len(mentions),
        "per_source": [{"source": d.source, "doc": n, "count": per_source.get(d.source, 0)} for n, d in enumerate(docs)],
        "verdicts": [{"verdict": v, "count": verdicts[v]} for v in VERDICT_ORDER if verdicts.get(v)],
        "cards": cards,
        "articles": articles,
        "lazy": lazy,
        "in_conflict": {i: cs for i, cs in in_conflict.items()},
        "doc_of": doc_of,
        "all_mentions": mentions,
        "attributes": sorted({m.attribute for m in mentions if m.attribute}),
        "subjects": sorted({m.subject for m in mentions if m.subject}, key=_fold),
        "sources": [d.source for d in docs],
    }


def fact_rows(mentions: list[Mention], doc_of: dict[str, int], in_conflict: dict[int, list[int]]) -> Iterator[list]:
    """The rows of the facts table, one list per mention, made while they are written:
    [kind, text, value, unit, qualifier, subject, attribute, object, period, document,
    line, rule, first conflict or -1, value as a number for sorting]."""
    for i, m in enumerate(mentions):
        figure = m.kind in ("percentage", "amount", "quantity")
        value = "" if m.value is None else _fmt_number(m.value)
        if m.max is not None:
            value += f" – {_fmt_number(m.max)}"
        yield [m.kind, m.text, value, m.unit if figure else None, m.qualifier, m.subject, m.attribute,
               m.object, m.period, doc_of.get(m.source, -1), m.line, m.rule,
               in_conflict[i][0] if i in in_conflict else -1, _sort_number(m.value)]


def _sort_number(v):
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    f = float(v)
    return f if f == f and abs(f) != float("inf") else None


# ---- rendering ------------------------------------------------------------------------

_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(obj) -> str:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` can end the
    element or open a comment, whatever the strings hold."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).translate(_SCRIPT_UNSAFE)


def script_json_array(items: Iterable, batch: int = 2000) -> Iterator[str]:
    """A JSON array written in pieces, each safe inside a <script> element."""
    yield "["
    first, chunk = True, []
    for x in items:
        chunk.append(x)
        if len(chunk) >= batch:
            yield ("" if first else ",") + script_json(chunk)[1:-1]
            first, chunk = False, []
    if chunk:
        yield ("" if first else ",") + script_json(chunk)[1:-1]
    yield "]"


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cloudfacts", "templates"),
        autoescape=True,  # every text from a document is escaped
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.filters["script_json"] = lambda o: __import__("markupsafe").Markup(script_json(o))
    env.filters["fold"] = _fold
    return env


def _fold(s) -> str:
    s = unicodedata.normalize("NFD", str(s or "")).lower()
    return "".join(c for c in s if not unicodedata.combining(c))


COLUMNS = ("kind", "text", "value", "unit", "qualifier", "subject", "attribute", "object", "period",
           "source", "rule")


def render_report(model: dict) -> Iterator[str]:
    """The page, in pieces (a large report is written out as it is made):
    autoescaped templates; our one script allowed by its hash."""
    import base64
    import hashlib

    from markupsafe import Markup

    from . import __version__

    env = _environment()
    page = env.get_template("report.html.j2")
    article = env.get_template("article.html.j2")
    script = env.get_template("report.js").render()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    in_conflict = model["in_conflict"]
    mentions = model["all_mentions"]

    def render_article(a: dict) -> Markup:
        segs = [{"offset": g.offset, "pieces": _pieces(g, mentions)} for g in a["doc"].segments]
        return Markup(article.render(a=a, segments=segs, in_conflict=in_conflict))

    def stream(items: Iterator) -> Iterator[Markup]:
        return (Markup(x) for x in script_json_array(items))

    head = script_json({"sources": model["sources"], "columns": COLUMNS})[:-1] + ',"rows":'
    rows = stream(fact_rows(mentions, model["doc_of"], in_conflict))
    bodies = stream(str(render_article(a)) for a in model["articles"]) if model["lazy"] else None
    return page.generate(m=model, facts_head=Markup(head), rows=rows, bodies=bodies, render_article=render_article,
                         script=Markup(script), script_hash=f"sha256-{digest}", version=__version__,
                         attributes=model["attributes"], subjects=model["subjects"], columns=COLUMNS)


def report_pieces(mentions: list[Mention], texts: dict[str, tuple[str, Optional[date]]], *,
                  title: str = "cloudfacts report", inline_limit: int = INLINE_LIMIT,
                  conflicts: Optional[Iterable[dict]] = None) -> Iterator[str]:
    """The whole page for these mentions (already canonicalised across the
    corpus), in pieces to be written out one after the other."""
    from .conflicts import find_conflicts

    if conflicts is None:
        conflicts = [c.to_dict() for c in find_conflicts(mentions)]
    docs = documents_for(mentions, texts)
    return render_report(build_report(mentions, docs, list(conflicts), title=title, inline_limit=inline_limit))


def report_html(mentions: list[Mention], texts: dict[str, tuple[str, Optional[date]]], **kw) -> str:
    """The whole page as one string (library use; the command writes it in pieces)."""
    return "".join(report_pieces(mentions, texts, **kw))
