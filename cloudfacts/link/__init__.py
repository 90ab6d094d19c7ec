"""Linking figures to what they are about (SPEC §1 `subject`, `object`,
`attribute`, `period`) with named rules over French sentence structure.

- `context`: what is computed once — the document (names, dates, the company it
  is about, trigger words), each sentence (names, clause breaks, asides) and
  each figure (names before and after it, its nearest trigger word);
- `attribute`, `subject`, `objects`, `period`: the rules, one small function
  each, tried in the order they are registered (`rules`);
- `lexicon`: the French words and constructions they read.

The attribute is decided first (subject rules read it: a capital increase is
the company's own, a headcount never a person's), then the subject, the object
and the period.  Each mention records which rule set each of its links
(`Mention.links`), which `cloudfacts explain` shows.
"""
from __future__ import annotations

from typing import Optional

import regex

from .. import rx
from ..model import FIGURE_KINDS, Mention
from ..text import TextIndex, WordMemo
from . import attribute, objects, period, subject
from .context import Doc, Figure
from .dates import DATE_RULES, link_date, may_be_date_fact
from .lexicon import FUTURE_HOLDING, MARKET_INDEX
from .rules import ATTRIBUTE, OBJECT, PERIOD, SUBJECT, Rule, applicable, first, ref
from .subject import BUYER_ATTRIBUTES

_MODULES = (attribute, subject, objects, period)  # importing them registers their rules, in this order

__all__ = ["link_document", "rules_of", "ATTRIBUTE", "OBJECT", "PERIOD", "SUBJECT", "DATE_RULES", "Rule"]


def rules_of(field: str) -> list[Rule]:
    """The rules of one link field, in the order they are tried."""
    return {"subject": SUBJECT, "object": OBJECT, "attribute": ATTRIBUTE, "period": PERIOD, "date": DATE_RULES}[field]


_IS_MARKET = WordMemo(lambda name: bool(MARKET_INDEX.match(name)))  # a stock index's name, once per name
OWN_HOLDINGS = ("stake", "previous_stake", "voting_rights", "previous_voting_rights")


def link_figure(doc: Doc, m: Mention, previous: Optional[Mention]) -> tuple[Mention, Figure]:
    f = Figure(doc, m, previous)
    links = []
    f.attribute, name = first(ATTRIBUTE, f)
    f.trig = f.trigger_before if f.attribute else None
    if name:
        links.append(("attribute", name))
        f.rules["attribute"] = name
        f.clauses.last_attribute[m.kind] = f.attribute
    e, name = first(SUBJECT, f)
    roles = f.doc.roles if f.attribute in BUYER_ATTRIBUTES and name and e.value in f.doc.lead_orgs else None
    if roles and roles.buyer and e.value == roles.target and e.value is not None:
        # the company bought is not the buyer of its own purchase: the lead's buyer
        e, name = ref(roles.buyer), "deal_role/buyer"
    if name:
        f.subject_ent = e if e.start >= 0 else None
        f.subject = f.resolve(e)
        if f.subject is not None and f.subject in f.doc.person_values \
                and (f.attribute not in OWN_HOLDINGS or _we_quoted(f)) and f.subject in f.doc.represents:
            # a chief executive or a minister speaking for the company or the State: theirs (but a
            # holding a person's verb gives them is their own: `le fondateur, qui détient 62 %`)
            f.subject = f.doc.represents[f.subject]
            name += "/represents"
        if f.subject is not None and _IS_MARKET[f.subject]:
            f.subject = None  # the market's own move (`le CAC 40 gagne 1,2 %`): nobody's
            name += "/market"
        if f.subject == "État":
            named = f.doc.state_before(m.start)  # `l'État portugais … l'État`: that State
            if named:
                f.subject = named
        f.rules["subject"] = name
        # (recorded even when it decided nobody: `threshold_nobody`, an unresolved `il`)
        links.append(("subject", name + ("/refers_back" if e.generic else "")))
    for r in applicable(OBJECT, m.kind, bool(f.ents), f.attribute):  # the first rule naming someone else than the subject
        e = r.fn(f)
        if e is not None and e.value != f.subject:
            f.object = e.value
            links.append(("object", r.name))
            f.rules["object"] = r.name
            break
    if f.object is not None and m.kind == "percentage" and f.rules.get("object") != "sentence_object":
        c = f.clauses
        c.object = f.object if c.object in (None, f.object) else ""  # two companies held: none for the others
    period, name = first(PERIOD, f)
    if name:
        links.append(("period", name))
    return m.with_(subject=f.subject, object=f.object, attribute=f.attribute, period=period,
                   links=tuple(links)), f


# a holding the text gives as to come: `en conservera`, `détiendra`, `ne gardera que`
_HOLDS_LATER = rx.compile(r"(?r)(?<!\p{L})(?:conservera|conserveront|gardera|garderont|détiendra|détiendront|possédera|"
                          r"posséderont|contrôlera|contrôleront)(?:\s+(?:plus|que|environ|encore|alors|désormais|"
                          r"seulement|toujours|près\s+de|moins\s+de|plus\s+de))*\s+\Z", regex.V1 | regex.I)
_WE = rx.compile(r"(?<!\p{L})(?:nous|notre|nos)(?!\p{L})", regex.V1 | regex.I)


def _we_quoted(f: Figure) -> bool:
    """`« Nous détenons 30 % », a déclaré X, PDG d'Alpha`: a figure the speaker gives in
    the first person plural, inside the quotation, is their organisation's."""
    text, start = f.text, f.m.start
    opened = max(text.rfind("«", f.sent.start, start), text.rfind("“", f.sent.start, start))
    if opened < 0 or text.find("»", opened, start) >= 0 or text.find("”", opened, start) >= 0:
        return False
    return bool(_WE.search(text, opened, start))


def _relinked(links: tuple, field: str, rule: str) -> tuple:
    return tuple((k, v) for k, v in links if k != field) + ((field, rule),)


def link_document(text: str, mentions: list[Mention], index: Optional[TextIndex] = None,
                  toks=None) -> list[Mention]:
    """Fill subject, object, attribute and period of the figures of one document
    (`toks`: the text's tokens, when the caller has them)."""
    doc = Doc(text, mentions, index or TextIndex(text), toks)
    try:
        return _link(doc, text, mentions)
    finally:
        doc.close()  # its sentences point back to it: freed now, not at the next garbage collection


def _link(doc: Doc, text: str, mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    figures: list[tuple[int, Figure]] = []
    previous: Optional[Mention] = None
    for m in mentions:
        if m.kind == "date" and m.value is not None and doc.is_dated(m) and (
                may_be_date_fact(text[max(0, m.start - 80):m.start])
                or (previous is not None and previous.attribute == "target" and 0 <= m.start - previous.end <= 30)):
            f = Figure(doc, m, previous)
            attribute, subject, obj, links = link_date(f)
            out.append(m.with_(attribute=attribute, subject=subject, object=obj, links=links) if attribute else m)
            continue
        if m.kind not in FIGURE_KINDS:
            out.append(m)
            continue
        linked, f = link_figure(doc, m, previous)
        doc.subjects[m.start] = linked.subject
        out.append(linked)
        figures.append((len(out) - 1, f))
        previous = linked
    # an article telling that holdings will fall or be diluted (`sa part tombera à 14 %`, `leur
    # participation va fondre`): the holdings it gives as they are now are the holdings before
    held = [i for i, _ in figures if out[i].attribute == "stake" and out[i].subject
            and out[i].kind in ("percentage", "quantity")]
    if held and doc.diluted():
        for i in held:
            m = out[i]
            if not FUTURE_HOLDING.search(text, max(0, m.start - 40), m.start) and m.object != doc.merged():
                out[i] = m.with_(attribute="previous_stake", links=_relinked(m.links, "attribute", "diluted_later"))
    # `X, premier actionnaire avec 15 % du capital, en conservera environ 10 %`: in a sentence
    # giving one holder's holding now and what it will hold, the first is the holding before
    for (i, f), (j, g) in zip(figures, figures[1:]):
        a, b = out[i], out[j]
        if a.attribute == "stake" and b.attribute == "stake" and a.subject and a.subject == b.subject \
                and f.si == g.si and a.kind == b.kind == "percentage" \
                and _HOLDS_LATER.search(text, max(a.end, b.start - 40), b.start) \
                and not _HOLDS_LATER.search(text, max(f.sent.start, a.start - 40), a.start):
            out[i] = a.with_(attribute="previous_stake", links=_relinked(a.links, "attribute", "held_until_later"))
    # a stake figure of a sentence takes the object named for another figure of it
    for i, f in figures:
        m = out[i]
        if m.object is None and m.kind == "percentage" and m.attribute in ("stake", "previous_stake"):
            obj = f.clauses.object
            if obj and obj != m.subject:
                out[i] = m.with_(object=obj, links=m.links + (("object", "sentence_object"),))
    return out
