"""Date facts (SPEC §4): a date with a subject and an attribute — when a company
was created, when it was bought, the year an objective is set for — so that
`conflicts` finds two sources dating the same event differently.  Each is one
small rule; a date none of them reads stays a plain date (no subject, no attribute)."""
from __future__ import annotations

from typing import Optional

from .. import rx
from .context import Ent, Figure
from .lexicon import DATE_FACT_WORDS, V, has_any
from .rules import Rule, first, ref

DATE_RULES: list[Rule] = []


def date_rule(name: str):
    def add(fn):
        DATE_RULES.append(Rule(name, fn))
        return fn
    return add


_PARTICIPLE_END = r"(?:\s+(?:en|le|au|à|dès|début|fin|courant|mi-?))?\s*\Z"
# `Numergy, créée en septembre 2012`, `fondée le 3 mars 1998 par`, `la création de X en 2012`
CREATED = rx.compile(r"(?r)(?<!\p{L})(?:fondée?s?|créée?s?|née?s?|lancée?s?|constituée?s?|immatriculée?s?|"
                     r"(?:a|ont|avait|avaient)\s+été\s+(?:fondée?s?|créée?s?|lancée?s?))(?:\s+\p{L}+){0,1}"
                     + _PARTICIPLE_END, V)
CREATION_NOUN = rx.compile(r"(?r)(?<!\p{L})(?:création|fondation|naissance)(?:\s+(?:de|du|d['’])\s*(?:la\s+|l['’])?"
                           r"\S+(?:\s+(?-i:\p{Lu})\S*)*)?" + _PARTICIPLE_END, V)
# `rachetée en 2006 par X`, `X a racheté Y en 2006`, `l'acquisition de Y en 2006`
ACQUIRED = rx.compile(r"(?r)(?<!\p{L})(?:rachetée?s?|acquise?s?|reprise?s?|absorbée?s?|"
                      r"(?:a|ont|avait|avaient)\s+(?:racheté|acquis|repris|absorbé|pris\s+le\s+contrôle\s+(?:de|du|d['’])))"
                      r"(?:\s+(?:la\s+|le\s+|l['’]|les\s+)?[^\s,;.]+(?:\s+(?-i:\p{Lu})\S*)*)?" + _PARTICIPLE_END, V)
BY_AFTER = rx.compile(r"\A\s*,?\s*par\s+(?:la\s+|le\s+|l['’]|les\s+)?(?:(?:société|groupe|fonds|banque)\s+)?\Z", V)
TARGET_DATE_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?:d['’]ici|à\s+l['’]horizon|à\s+horizon|en|pour)\s*(?:à\s+)?\Z", V)


def may_be_date_fact(before: str) -> bool:
    """The text before a date may make it a creation or a purchase date (cheap
    tests first: most dates are neither)."""
    return has_any(before, DATE_FACT_WORDS) and bool(
        CREATED.search(before) or CREATION_NOUN.search(before) or ACQUIRED.search(before))


def _creature(f: Figure, anchor: int) -> Optional[Ent]:
    """The company a participle at `anchor` is about: the name in apposition right
    before it (`Numergy, créée en 2012`), else the clause's subject before it."""
    before = [e for e in f.ents if e.end <= anchor]
    if before and f.text[before[-1].end:anchor].strip(" ,\u00a0") in ("", "qui", "qui a été", "qui avait été"):
        return before[-1]
    start = f.clause_start(anchor)
    free = [e for e in f.free if start <= e.start and e.end <= anchor] or [e for e in f.free if e.end <= anchor]
    return free[0] if free else None


@date_rule("created")
def created(f: Figure) -> Optional[tuple]:
    """`Numergy, créée en septembre 2012`, `la société, fondée en 1998 par…`: a creation date."""
    got = CREATED.search(f.before_text(60, f.sent.start))
    if got:
        who = _creature(f, f.m.start - (len(f.before_text(60, f.sent.start)) - got.start()))
        return "creation", who, None
    got = CREATION_NOUN.search(f.before_text(80, f.sent.start))
    if got:
        owner = [e for e in f.ents if f.m.start - 80 <= e.start < f.m.start]
        return "creation", owner[-1] if owner else None, None
    return None


@date_rule("acquired")
def acquired(f: Figure) -> Optional[tuple]:
    """`Y, rachetée en 2006 par X`; `X a racheté Y en 2006`: when a company was bought (subject
    the buyer, object the company)."""
    window = f.before_text(80, f.sent.start)
    got = ACQUIRED.search(window)
    if not got:
        return None
    anchor = f.m.start - (len(window) - got.start())
    after = [e for e in f.after if e.start - f.m.end <= 40]
    if after and BY_AFTER.match(f.text[f.m.end:after[0].start]):
        return "acquisition", after[0], _creature(f, anchor)  # passive: `… par X`
    start = f.clause_start(anchor)
    buyer = [e for e in f.free if start <= e.start and e.end <= anchor] or [e for e in f.free if e.end <= anchor]
    bought = [e for e in f.ents if anchor <= e.start < f.m.start]
    if buyer:
        return "acquisition", buyer[-1], bought[0] if bought else None
    return "acquisition", None, _creature(f, anchor)


@date_rule("target_year")
def target_year(f: Figure) -> Optional[tuple]:
    """`vise 500 M€ de chiffre d'affaires en 2027`, `un objectif de 2 Md€ d'ici 2025`:
    the year of an objective, whoever set it."""
    p = f.previous
    if p is None or p.attribute != "target" or f.doc.index.sentence_index(p.start) != f.si \
            or not 0 <= f.m.start - p.end <= 30 or not TARGET_DATE_BEFORE.search(f.before_text(15)):
        return None
    return "target", ref(p.subject), None


def link_date(f: Figure) -> tuple[Optional[str], Optional[str], Optional[str], tuple]:
    """(attribute, subject, object, links) of a date; all None when no rule reads it."""
    got, name = first(DATE_RULES, f)
    if got is None:
        return None, None, None, ()
    attribute, who, what = got
    subject = f.resolve(who) if who is not None else None
    obj = f.resolve(what, as_object=True) if what is not None else None
    if obj == subject:
        obj = None
    links = (("attribute", name),) + ((("subject", name),) if subject else ()) + ((("object", name),) if obj else ())
    return attribute, subject, obj, links
