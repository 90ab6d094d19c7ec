"""Facts across sources: conflicts (SPEC §4) and diffs.

A fact is a figure mention whose subject and attribute are known; its key is
`(subject, attribute, object, period, kind)`.  Facts of different sources with the
same key and different values are a conflict, with a verdict:

- `rounding`: the values agree once the more precise is rounded to the precision
  of the other (44 vs 44,4);
- `approximate`: they agree within a stated qualifier (`quelque 2 milliards` vs
  1,7 milliard; `inférieur à six millions` vs 2 millions);
- `update`: the text says the figure changed (`relève son offre à`, `porte sa
  participation à`, `désormais`; `initialement`, `à l'époque`), and the pair is its
  value before and after in one unit: a sequence, listed former first;
- `contradiction`: anything else;
- `spelling`: one person's name written two ways (`Stark` / `Starck`).

Equal values are never a conflict, whatever their qualifiers.  Figures whose
subject or attribute could not be determined are left out: they cannot be compared.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable, Optional

import regex

from .entities import _edit1
from .extractors.names import fold
from .model import FIGURE_KINDS, Mention
from .numbers import DIGITS_RE, parse_digits
from .vocab import CHANGE_FORMER, CHANGE_NEW
from . import rx

VERDICT_ORDER = {"contradiction": 0, "update": 1, "approximate": 2, "rounding": 3, "spelling": 4}
_FIRST_NUMBER = rx.compile(DIGITS_RE, regex.V1)
_SPACES = rx.compile(r"[ \u00a0\u202f]")
_DOT_DECIMAL = rx.compile(r"\d+\.(?:\d{1,2}|\d{4,})")
_DECIMAL_SEP = rx.compile(r"[,.]")


_CHANGE = rx.compile(r"(?<!\p{L})(?:(?P<new>" + "|".join(CHANGE_NEW) + r")|(?P<former>" + "|".join(CHANGE_FORMER)
                     + r"))(?!\p{L})", regex.V1 | regex.I)
FORMER, UNMARKED, NEW = 0, 1, 2


def change_mark(m: Mention) -> int:
    """Whether the figure's sentence marks its value as the new one (`relève son
    offre à 11 euros`, `détient désormais 55 %`) or the former one (`initialement
    10 euros`): the marker nearest the figure's text decides (ties: the earlier
    marker).  Read from the sentence alone, so a fact table gives the same answer."""
    sent = m.sentence or ""
    at = sent.find(m.text)
    if at < 0 or not m.text:
        return UNMARKED
    best: Optional[tuple[int, int]] = None
    for g in _CHANGE.finditer(sent, max(0, at - 80 - 40), at + len(m.text) + 30 + 40):
        # a marker of this figure's clause: at most 80 characters before it or 30 after it
        # (`… soit 17,93 % du capital, ce qui permet à X de porter sa participation à 45 %`
        # marks 45 %, not 17,93 %)
        before = g.end() <= at
        d = at - g.end() if before else max(0, g.start() - (at + len(m.text)))
        if d > (80 if before else 30):
            continue
        if best is None or d < best[0]:
            best = (d, NEW if g.group("new") else FORMER)
    return UNMARKED if best is None else best[1]


def fact_key(m: Mention) -> tuple:
    return (m.subject, m.attribute, m.object, m.period, m.kind)


def is_fact(m: Mention) -> bool:
    """A figure or a date with a subject and an attribute (SPEC §4)."""
    if not (m.subject and m.attribute):
        return False
    if m.kind == "date":
        return isinstance(m.value, str) and bool(m.value)
    return m.kind in FIGURE_KINDS and isinstance(m.value, (int, float)) and not m.attribute.endswith("_base")


# EDTF level-2 sub-year codes (SPEC §2) → (first month, last month); winter runs into the next year
_SUBYEAR = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14), 33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12),
            37: (1, 4), 38: (5, 8), 39: (9, 12), 40: (1, 6), 41: (7, 12)}


def date_span(value: str) -> Optional[tuple[int, int]]:
    """The days an EDTF value covers, as (first, last) day numbers (a month is
    31 days, enough to compare): `2012` the whole year, `2012-09` the month,
    `2012-23` the autumn, `2016/2017` both years; None when unreadable."""
    def one(v: str, last: bool) -> Optional[int]:
        parts = v.split("-")
        try:
            y = int(parts[0])
            if len(parts) == 1:
                return y * 500 + (14 * 31 if last else 31)
            mm = int(parts[1])
            if mm > 12:
                lo, hi = _SUBYEAR.get(mm, (1, 12))
                return y * 500 + ((hi + 1) * 31 - 1 if last else lo * 31)
            if len(parts) == 2:
                return y * 500 + ((mm + 1) * 31 - 1 if last else mm * 31)
            return y * 500 + mm * 31 + int(parts[2])
        except ValueError:
            return None
    a, _, b = value.partition("/")
    lo, hi = one(a, False), one(b or a, True)
    return (lo, hi) if lo is not None and hi is not None else None


def _dates_agree(a: str, b: str) -> bool:
    """Two dates agree when what they cover overlaps (`2012` and `2012-09`)."""
    sa, sb = date_span(a), date_span(b)
    if sa is None or sb is None:
        return a == b
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def _precision(m: Mention) -> float:
    """Unit of the last digit as written, times the scale: `44,4 %` 0.1;
    `1,2 milliard` 1e8; `750 millions` 1e6; `2 milliards` 1e9."""
    num = _FIRST_NUMBER.search(m.text)
    v = float(m.value)
    if not num or v == 0:
        return 1.0
    written = num.group()
    parsed = parse_digits(written)
    if not parsed:
        return 1.0
    scale = abs(v / parsed)
    digits = _SPACES.sub("", written)
    if "," in digits or _DOT_DECIMAL.fullmatch(digits):
        return scale * 10 ** (-len(_DECIMAL_SEP.split(digits)[-1]))
    return scale


def _round_to(x: float, unit: float) -> float:
    try:
        q = Decimal(repr(x)) / Decimal(repr(unit))
        return float(q.quantize(Decimal(1), rounding="ROUND_HALF_UP") * Decimal(repr(unit)))
    except (InvalidOperation, ValueError):
        return round(x / unit) * unit


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _ratio_value(m: Mention, all_mentions: dict) -> float:
    """`9 actions X pour 10 actions Y` is the ratio 0,9 (compare ratios, not counts)."""
    if m.kind != "quantity" or m.unit != "action":
        return float(m.value)
    for b in all_mentions.get((m.source, m.sentence)) or []:
        if b.attribute == f"{m.attribute}_base" and b.start > m.start and b.value:
            return float(m.value) / float(b.value)
    return float(m.value)


# nouns that count the same thing, as a reader compares them (SPEC §4): a headcount in
# `salariés`, `employés`, `personnes` or `collaborateurs`; shares as `actions` or `titres`
_HEADCOUNT_NOUNS = {"salarié", "employé", "personne", "collaborateur", "agent", "emploi", "effectif"}
_SHARE_NOUNS = {"action": "action", "titre": "action"}


def same_unit(a: Mention, b: Mention) -> bool:
    """The two figures are in one unit: one currency, or nouns counting one thing."""
    if a.unit == b.unit:
        return True
    if a.kind != "quantity" or b.kind != "quantity":
        return False
    if a.attribute == "headcount" and a.unit in _HEADCOUNT_NOUNS and b.unit in _HEADCOUNT_NOUNS:
        return True
    return _SHARE_NOUNS.get(a.unit or "", a.unit) == _SHARE_NOUNS.get(b.unit or "", b.unit)


def pair_verdict(a: Mention, b: Mention, va: float, vb: float) -> Optional[str]:
    """None when the two agree exactly; else the verdict of the pair."""
    if (a.unit or b.unit) and not same_unit(a, b):
        # `3,9 milliards de dollars` vs `3,9 milliards d'euros`: the same number in two
        # currencies is two different values (SPEC §4)
        return "contradiction"
    if _close(va, vb) and (a.max or 0) == (b.max or 0):
        return None
    # rounding is tried first (SPEC §4: `19,74` vs `près de 20` is rounding, before the qualifier)
    pa, pb = _precision(a), _precision(b)
    coarse, fine, vc, vf = (a, b, va, vb) if pa >= pb else (b, a, vb, va)
    if a.max is None and b.max is None and not (a.kind == "quantity" and a.unit == "action") \
            and _close(_round_to(vf, max(pa, pb)), vc):
        return "rounding"
    # a value inside a stated range agrees with it
    for r, o, vo in ((a, b, vb), (b, a, va)):
        if r.max is not None and isinstance(r.max, (int, float)) and float(r.value) <= vo <= float(r.max):
            return "approximate"
    for q, o, vq, vo in ((a, b, va, vb), (b, a, vb, va)):
        if q.qualifier == "approx":
            tol = max(_precision(q) / 2, abs(vq) * 0.05)
            if abs(vo - vq) <= tol + 1e-9:
                return "approximate"
        elif q.qualifier in ("more_than", "at_least") and vo >= vq:
            return "approximate"
        elif q.qualifier in ("less_than", "at_most") and vo <= vq:
            return "approximate"
    return "contradiction"


@dataclass
class Conflict:
    key: dict
    verdict: str
    values: list[dict]

    def to_dict(self) -> dict:
        return {"key": self.key, "verdict": self.verdict, "values": self.values}


def _mention_ref(m: Mention, dates: Optional[dict] = None) -> dict:
    return {"source": m.source, "line": m.line, "start": m.start, "end": m.end, "text": m.text,
            "sentence": m.sentence, "source_date": (dates or {}).get(m.source)}


def source_dates(mentions: Iterable[Mention]) -> dict[str, str]:
    """Each source's own date (its dateline, `[12/01/2015 11:44:50]`, `PARIS, 3
    mars 2023 (Reuters) -`), read from the sentences of its first mentions, so it
    is known from a fact table too; sources without one are left out."""
    from .extractors.dates import find_ref_date

    out: dict[str, str] = {}
    tried: set[tuple[str, str]] = set()
    for m in mentions:
        if m.start >= 200 or not m.sentence or m.source in out or (m.source, m.sentence) in tried:
            continue
        tried.add((m.source, m.sentence))
        d = find_ref_date(m.sentence)
        if d:
            out[m.source] = d.isoformat()
    return out


def find_conflicts(mentions: Iterable[Mention], attribute: Optional[str] = None,
                   subject: Optional[str] = None) -> list[Conflict]:
    """Facts of different sources with one key and different values (SPEC §4).
    Each value lists its mentions with their source's date when known; values
    are ordered by their earliest source date (undated ones last, by value), so
    a reader sees a sequence rather than a puzzle."""
    mentions = list(mentions)
    dates = source_dates(mentions)
    by_sentence: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.kind == "quantity" and m.unit == "action":
            by_sentence[(m.source, m.sentence)].append(m)
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        if is_fact(m):
            groups[fact_key(m)].append(m)
    out: list[Conflict] = []
    for key, ms in groups.items():
        if attribute and key[1] != attribute:
            continue
        if subject and fold(key[0] or "") != fold(subject):
            continue
        if len({m.source for m in ms}) < 2:
            continue
        # compare distinct readings, not every pair of mentions: a key named in
        # hundreds of articles has few distinct values
        reps: dict[tuple, tuple[Mention, float, set, set]] = {}
        for m in ms:
            if m.kind == "date":
                v, r = m.value, (m.value, m.qualifier)
            else:
                v = _ratio_value(m, by_sentence)
                r = (v, m.max, m.unit, m.qualifier, _precision(m))
            if r in reps:
                reps[r][2].add(m.source)
                reps[r][3].add(change_mark(m))
            else:
                reps[r] = (m, v, {m.source}, {change_mark(m)})
        items = list(reps.values())
        verdicts: set[str] = set()
        for i, (a, va, sa, ka) in enumerate(items):
            for b, vb, sb, kb in items[i + 1:]:
                if len(sa | sb) < 2:
                    continue  # one source alone never makes a conflict
                if a.kind == "date":
                    v = None if _dates_agree(str(va), str(vb)) else "contradiction"
                else:
                    v = pair_verdict(a, b, va, vb)
                    if v == "contradiction" and same_unit(a, b) and (ka | kb) - {UNMARKED}:
                        v = "update"  # the text says the figure changed: a sequence, not an error
                if v:
                    verdicts.add(v)
                    if v == "contradiction":
                        break
            if "contradiction" in verdicts:
                break
        if not verdicts:
            continue
        verdict = min(verdicts, key=VERDICT_ORDER.get)
        grouped: dict[tuple, list[Mention]] = defaultdict(list)
        for m in ms:
            grouped[(m.value, m.max, m.unit, m.qualifier)].append(m)
        values = []
        stage: dict[int, int] = {}  # a value's place in a sequence: marked former, unmarked, marked new
        for (v, mx, u, q), g in grouped.items():
            refs = sorted((_mention_ref(m, dates) for m in g),
                          key=lambda r: (r["source_date"] is None, r["source_date"] or "", r["source"], r["start"]))
            first = next((r["source_date"] for r in refs if r["source_date"]), None)
            values.append({"value": v, "max": mx, "unit": u, "qualifier": q, "first_date": first, "mentions": refs})
            marks = {change_mark(m) for m in g} - {UNMARKED}
            stage[id(values[-1])] = min(marks) if marks else UNMARKED
        # by source date (undated last); in an update, the value marked former before the
        # unmarked and the one marked new after them
        values.sort(key=lambda d: (d["first_date"] is None, d["first_date"] or "",
                                   stage[id(d)] if verdict == "update" else 0, _order(d["value"]), str(d["unit"])))
        out.append(Conflict({"subject": key[0], "attribute": key[1], "object": key[2], "period": key[3],
                             "kind": key[4]}, verdict, values))
    if not attribute:
        out.extend(_spelling_conflicts(mentions, subject))
    out.sort(key=lambda c: (VERDICT_ORDER[c.verdict], str(c.key["subject"]), str(c.key["attribute"])))
    return out


def _spelling_conflicts(mentions: list[Mention], subject: Optional[str]) -> list[Conflict]:
    """One person's name written two ways across sources: full names (two words
    or more) whose folded forms are one or two letters apart."""
    by_value: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.kind == "person" and m.value and len(str(m.value).split()) >= 2:
            by_value[str(m.value)].append(m)
    names = sorted(by_value)
    out = []
    seen: set[frozenset] = set()
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            fa, fb = fold(a), fold(b)
            if fa == fb or fa.split()[0] != fb.split()[0] or len(fa) < 6:
                continue
            if not (_edit1(fa, fb) or _edit2(fa, fb)):
                continue
            if len({m.source for m in by_value[a] + by_value[b]}) < 2:
                continue
            if subject and fold(subject) not in (fa, fb):
                continue
            pair = frozenset((a, b))
            if pair in seen:
                continue
            seen.add(pair)
            values = [{"value": v, "max": None, "unit": None, "qualifier": None, "first_date": None,
                       "mentions": [_mention_ref(m) for m in sorted(by_value[v], key=lambda m: (m.source, m.start))]}
                      for v in (a, b)]
            out.append(Conflict({"subject": None, "attribute": None, "object": None, "period": None,
                                 "kind": "person"}, "spelling", values))
    return out


def _order(v) -> tuple:
    """A sort key for a fact's value: numbers by number, dates (EDTF strings) after them, by text."""
    return (0, float(v), "") if isinstance(v, (int, float)) else (1, 0.0, str(v))


def _edit2(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 2:
        return False
    # two edits: try every single edit of a that brings it one edit from b
    for i in range(len(a) + 1):
        for c in set(b):
            for cand in (a[:i] + c + a[i:], a[:i] + c + a[i + 1:]):
                if _edit1(cand, b):
                    return True
        if i < len(a) and _edit1(a[:i] + a[i + 1:], b):
            return True
    return False


# ---- diff -----------------------------------------------------------------------

def _facts_by_key(mentions: Iterable[Mention]) -> dict[tuple, list[Mention]]:
    out: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        if is_fact(m):
            out[fact_key(m)].append(m)
    return out


def diff(a: Iterable[Mention], b: Iterable[Mention]) -> dict:
    """Facts only in A, only in B, and keys whose values changed."""
    fa, fb = _facts_by_key(a), _facts_by_key(b)

    def key_dict(k):
        return {"subject": k[0], "attribute": k[1], "object": k[2], "period": k[3], "kind": k[4]}

    def vals(ms):
        seen = {}
        for m in ms:
            seen.setdefault((m.value, m.max, m.unit, m.qualifier), m)
        return [{"value": v, "max": mx, "unit": u, "qualifier": q, "source": m.source, "line": m.line,
                 "text": m.text} for (v, mx, u, q), m in sorted(seen.items(), key=lambda kv: _order(kv[0][0]))]

    def numbers(ms):
        return sorted({(_order(m.value), m.unit) for m in ms})

    order = sorted(set(fa) | set(fb), key=lambda k: tuple(str(x) for x in k))
    return {
        "only_in_a": [{"key": key_dict(k), "values": vals(fa[k])} for k in order if k in fa and k not in fb],
        "only_in_b": [{"key": key_dict(k), "values": vals(fb[k])} for k in order if k in fb and k not in fa],
        "changed": [{"key": key_dict(k), "a": vals(fa[k]), "b": vals(fb[k])} for k in order
                    if k in fa and k in fb and numbers(fa[k]) != numbers(fb[k])],
    }
