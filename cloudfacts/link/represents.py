"""Whom a person speaks for: the organisation the text gives as theirs.

A chief executive quoted about the company's stake, a minister announcing the
State's purchase: the figure belongs to the organisation or the State, not to
the person (SPEC §1: the subject is the entity the figure is about).  The text
says whom a person represents by an apposition, before or after the name:

- `Jean Dupont, PDG du groupe Alpha, …`, `Jean Dupont, le patron d'Alpha`;
- `le directeur général d'Alpha, Jean Dupont, …`, `le patron d'Alpha Jean Dupont`;
- `le ministre de l'Économie, Jean Dupont`, `Jean Dupont, ministre des Finances`:
  the State (`l'État`; `État portugais` for `le ministre portugais`).

A person the text gives no such role keeps the figure only when a person can
have it (`Jean Dupont détient 60 %`); what only a company has (a revenue, a
headcount) then goes to nobody.
"""
from __future__ import annotations

import bisect
from typing import Optional

import regex

from ..model import Mention
from ..vocab import APOS, DEMONYM_FORMS
from .. import rx

V = regex.V1 | regex.I

ROLE = (r"(?:président[e]?-directeur\s+général[e]?|p\.?-?d\.?g\.?|pdg|directeur\s+général|directrice\s+générale|"
        r"directeur\s+financier|directrice\s+financière|dg|ceo|patron|patronne|président|présidente|"
        r"président\s+du\s+directoire|président\s+du\s+conseil\s+d" + APOS + r"administration|dirigeant|"
        r"dirigeante|fondateur|fondatrice|cofondateur|co-fondateur|porte-parole|administrateur\s+délégué|"
        r"numéro\s+un|directeur\s+de\s+la\s+stratégie|secrétaire\s+général)")
_OF = r"(?:\s+(?:\p{Ll}+\s+){0,2}?)?\s*(?:du\s+(?:groupe|fonds|holding|constructeur|laboratoire)\s+|de\s+la\s+(?:société|banque|compagnie|firme)\s+|du\s+|de\s+l" + APOS + r"|de\s+la\s+|de\s+|d" + APOS + r")\s*"
# after the name: `, (le) PDG d'Alpha`
ROLE_AFTER = rx.compile(r"\A\s*,\s*(?:(?:le|la|l" + APOS + r")\s*)?(?:nouveau\s+|nouvelle\s+|actuel\s+|ancien\s+)?"
                        + ROLE + _OF + r"\Z", V)
# before the name: `le PDG d'Alpha, ` / `le patron d'Alpha `
ROLE_BEFORE = rx.compile(r"(?:(?:le|la|l" + APOS + r")\s*)?" + ROLE + _OF + r"\Z", V)
# a member of a government: the State speaks through them
MINISTER = rx.compile(r"(?<!\p{L})(?:ministre|secrétaire\s+d" + APOS + r"[ÉE]tat|chef\s+du\s+gouvernement|"
                      r"président\s+de\s+la\s+République)(?!\p{L})", V)
# what may stand between the title and the name: a nationality, a portfolio (`de l'Économie et des Finances`)
MINISTER_TAIL = rx.compile(r"\A(?:\s+(?P<nat>\p{Ll}+))??(?:\s+(?:de|des|du|d" + APOS + r"|chargé|chargée|délégué|"
                           r"déléguée)[\s\p{L}" + APOS[1:-1] + r"-]{0,45}?)?\s*,?\s*\Z", V)
_CLAUSE_END = rx.compile(r"[,.;:()]")
_MIN_AFTER = rx.compile(r"\A\s*,\s*(?:(?:le|la|l" + APOS + r")\s*)?(?:actuel\s+|ancien\s+|nouveau\s+|nouvelle\s+)?", V)


def _state(nat: Optional[str]) -> str:
    """`État` (the French State, SPEC §3) or `État portugais` for a foreign minister."""
    demonym = DEMONYM_FORMS.get((nat or "").lower())
    return f"État {demonym}" if demonym and demonym != "français" else "État"


def represented(text: str, names: list[Mention]) -> dict[str, str]:
    """Person value → the organisation (or State) the text gives as theirs; a
    person given two different ones is left out (the text is not clear)."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    orgs = [m for m in names if m.kind == "organization" and m.value]
    people = [m for m in names if m.kind == "person" and m.value]
    if not people:
        return out

    def add(person: str, org: str) -> None:
        if out.get(person, org) != org:
            clash.add(person)
        out[person] = org

    starts = [o.start for o in orgs]
    for p in people:
        # after the name: the organisation is the first one after the role words
        k = bisect.bisect_right(starts, p.end)
        after = orgs[k:k + 1] if k < len(orgs) and orgs[k].start <= p.end + 70 else []
        for o in after:
            if ROLE_AFTER.match(text[p.end:o.start]):
                add(str(p.value), str(o.value))
        # before the name: `le PDG d'Alpha, Jean Dupont`
        k = bisect.bisect_left(starts, p.start)
        before = orgs[k - 1:k] if k > 0 and orgs[k - 1].end <= p.start and p.start - orgs[k - 1].end <= 4 else []
        for o in before:
            if text[o.end:p.start].strip() in ("", ",") and ROLE_BEFORE.search(text, max(0, o.start - 70), o.start):
                add(str(p.value), str(o.value))
        # a minister: `le ministre de l'Économie, Jean Dupont` / `Jean Dupont, ministre des Finances`
        if p.value in out:
            continue
        a = max(0, p.start - 70)
        titles = list(MINISTER.finditer(text, a, p.start))
        tail = MINISTER_TAIL.match(text[titles[-1].end():p.start]) if titles else None
        if tail is None:
            g = _MIN_AFTER.match(text[p.end:p.end + 20])
            title = MINISTER.match(text, p.end + g.end(), p.end + g.end() + 40) if g else None
            if title is not None:  # the portfolio runs to the apposition's end
                tail = MINISTER_TAIL.match(_CLAUSE_END.split(text[title.end():title.end() + 60], 1)[0])
        if tail is not None:
            add(str(p.value), _state(tail.group("nat")))
    return {k: v for k, v in out.items() if k not in clash}
