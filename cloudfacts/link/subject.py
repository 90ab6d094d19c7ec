"""Whose figure it is (SPEC §1 `subject`), tried in this order."""
from __future__ import annotations

from typing import Optional

from .context import Ent, Figure
from .lexicon import (ADJACENT, COMPANY_ATTRIBUTES, DANS, DE_BEFORE, EACH, EACH_BEFORE, NOT_OWNER, OBJECT_DE,
                      OWN_CAPITAL, OWNER_DE, POUR_PAR)
from .rules import SUBJECT, ref, rule


def _each(f: Figure) -> bool:
    """`75 millions d'euros chacun`, `chacune des deux parties apporte…`."""
    got = getattr(f, "_each", None)
    if got is None:
        got = f._each = bool(EACH.match(f.after_text(60)) or EACH_BEFORE.search(f.before_text(60, f.sent.start)))
    return got


@rule(SUBJECT, "each")
def each(f: Figure) -> Optional[Ent]:
    """`X et Y apportent 75 millions d'euros chacun`: the first of the coordinated names."""
    if _each(f) and f.free:
        return f.first_of_group(f.free, f.free[0])
    return None


@rule(SUBJECT, "investor_de")
def investor_de(f: Figure) -> Optional[Ent]:
    """`un apport de 800 M€ de Dongfeng`: the name right after an investment is its investor."""
    a = f.after
    if f.attribute in ("investment", "funding") and a and a[0].start - f.m.end < 8 \
            and OBJECT_DE.match(f.text[f.m.end:a[0].start]):
        return a[0]
    return None


@rule(SUBJECT, "pour_par")
def pour_par(f: Figure) -> Optional[Ent]:
    """`33 % pour la Caisse des dépôts`, `détenue à 44 % par Orange`."""
    a = f.after
    if a and POUR_PAR.match(f.text[f.m.end:a[0].start]):
        return a[0]
    return None


@rule(SUBJECT, "adjacent")
def adjacent(f: Figure) -> Optional[Ent]:
    """`Thales 22,2 %`, `Thales (22,2 %)`, `à l'État 1,7 Md€`: a name right before
    the figure (not one held, `dans X`; an amount not after `de X`)."""
    if not f.before:
        return None
    b, text, m = f.before[-1], f.text, f.m
    if b.generic or not ADJACENT.match(text[b.end:m.start]) or DANS.search(text[max(0, b.start - 12):b.start]):
        return None
    if m.kind == "amount" and (DE_BEFORE.search(text[max(0, b.start - 25):b.start]) or text[b.end:m.start].strip()):
        return None
    return b


@rule(SUBJECT, "counted_issuer")
def counted_issuer(f: Figure) -> Optional[Ent]:
    """`10 actions Lafarge`: the name glued after a count."""
    a = f.after
    if f.m.kind == "quantity" and a and a[0].start - f.m.end <= 2:
        return a[0]
    return None


@rule(SUBJECT, "clause_name")
def clause_name(f: Figure) -> Optional[Ent]:
    """No trigger word: the last name of the figure's own clause (`tandis qu'Holcim prend 1,2 %`)."""
    if f.attribute:
        return None
    start = f.clause_start()
    clause = [e for e in f.free if e.end <= f.m.start and e.start >= start]
    return clause[-1] if clause else None


@rule(SUBJECT, "owner_de")
def owner_de(f: Figure) -> Optional[Ent]:
    """`la participation de la famille Peugeot passe de 25 %`, `le bénéfice net de Lafarge`."""
    trig = f.trig
    if trig is None:
        return None
    owner = [e for e in f.ents if trig[1] <= e.start < f.m.start]
    if owner and OWNER_DE.match(f.text[trig[1]:owner[0].start]) and not NOT_OWNER.fullmatch(f.text[trig[0]:trig[1]]):
        return owner[0]
    return None


def _verb_allowed(f: Figure) -> bool:
    # the investors named before a capital increase are not its subject: the company is
    return bool(f.attribute) and f.trig is not None and not (f.attribute in OWN_CAPITAL and f.doc.target)


@rule(SUBJECT, "own_clause")
def own_clause(f: Figure) -> Optional[Ent]:
    """`…, Peugeot a atteint 1,5 milliard`: a clause that starts after the trigger word has its own subject."""
    if not _verb_allowed(f):
        return None
    start = f.clause_start()
    if f.trig[1] > start:
        return None
    own = [e for e in f.free if start <= e.start and e.end <= f.m.start]
    return own[-1] if own else None


@rule(SUBJECT, "verb")
def verb(f: Figure) -> Optional[Ent]:
    """`X détient / possède / rachète … N %`: the last free name before the
    trigger word, or the first of the names coordinated with it."""
    if not _verb_allowed(f):
        return None
    cands = [e for e in f.free if e.end <= f.trig[0]]
    return f.first_of_group(f.free, cands[-1]) if cands else None


@rule(SUBJECT, "amount_nearest")
def amount_nearest(f: Figure) -> Optional[Ent]:
    """An amount with no trigger word near it: the name of its own clause, else the nearest before it."""
    if f.trig is not None or _each(f) or f.m.kind != "amount":
        return None
    start = f.clause_start()
    nearest = [e for e in f.free if e.end <= f.m.start]
    clause = [e for e in nearest if e.start >= start]
    return (clause or nearest or [None])[-1]


@rule(SUBJECT, "own_capital")
def own_capital(f: Figure) -> Optional[Ent]:
    """A capital increase is the company's own: the company the text is about."""
    if f.attribute in OWN_CAPITAL and f.doc.target:
        return ref(f.doc.target)
    return None


@rule(SUBJECT, "each_previous")
def each_previous(f: Figure) -> Optional[Ent]:
    """`Chacune des deux parties investirait …` with nobody named: the previous sentence's subject."""
    if _each(f):
        return ref(f.doc.previous_subject(f.si))
    return None


@rule(SUBJECT, "sentence_first")
def sentence_first(f: Figure) -> Optional[Ent]:
    """The sentence's first free name (before a percentage); never a person for
    what only a company has."""
    cands = [e for e in f.free if e.start < f.m.start or f.m.kind != "percentage"]
    if f.attribute in COMPANY_ATTRIBUTES:
        cands = [e for e in cands if not e.person]
    return cands[0] if cands else None
