"""The roles of the deal an article reports: who buys, what is bought, who sells.

An article about a deal states them in its title and lead (`Alpha rachète
Nuvia`, `OPA d'Alpha sur Nuvia`, `Nuvia passe sous le contrôle d'Alpha`,
`Sopratec cède sa participation dans Nuvia à Alpha`); a figure further on whose
sentence names no holder (`le prix de 12 euros par action`, `l'opération, d'un
montant de 2 milliards`) takes the role its attribute gives it (SPEC §1 table:
an acquisition or a price is the buyer's, a sale the seller's, the company
bought their object).  Only the lead is read, and only the first sentence that
names both sides of a construction: when the roles are not clear they stay
unknown, since a null costs a missed fact and a wrong subject an invented conflict.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Optional, Sequence

import regex

from ..model import Mention
from ..text import TextIndex
from ..vocab import APOS
from .lexicon import GENERIC_RE
from .. import rx

V = regex.V1 | regex.I

# the lead: the title and the first sentences, as far as this many characters
LEAD = 700
_A = APOS
_DE = r"d[eu" + _A[1:-1] + r"]"
# `X rachète Y`: the buyer before the verb, the company bought after it.  A finite
# verb (or one after a modal: `X va racheter Y`) has its subject in its clause; an
# infinitive or a gerund after `pour`, `de`, `en` (`X a signé un accord avec Z pour
# racheter Y`) has the subject of the sentence, so its buyer is the name opening it.
BUY_VERB = rx.compile(
    r"(?<!\p{L})(?:(?P<modal>va|vont|veut|veulent|souhaite|compte|doit|pourrait|devrait|s" + _A + r"apprête\s+à|"
    r"a\s+décidé\s+de|propose\s+de|vient\s+d" + _A + r"|vient\s+de|est\s+en\s+passe\s+de|envisag\w+\s+de|"
    r"projet\w*\s+de|prévoi\w*\s+de|voulait|souhaitait|comptait|entend|entendait)\s+)?(?:"
    r"(?P<finite>rachète|rachètent|a\s+racheté|ont\s+racheté|rachèterait|rachètera|acquiert|a\s+acquis|acquerra|"
    r"achète|achètent|a\s+acheté|ont\s+acheté|achètera|achèterait|avale|a\s+avalé|"
    r"se\s+paie|se\s+paye|s" + _A + r"est\s+payée?|jette\s+son\s+dévolu\s+sur|a\s+jeté\s+son\s+dévolu\s+sur|"
    # `prend 60 % de Y`, `a pris une participation de 20 % dans Y`
    r"(?:prend|a\s+pris|prendra|prendrait)(?=\s+(?:\d|une\s+participation|la\s+majorité))|"
    r"reprend|a\s+repris|absorbe|a\s+absorbé|s" + _A + r"offre|s" + _A + r"est\s+offert|met\s+la\s+main\s+sur|"
    r"a\s+mis\s+la\s+main\s+sur|prend\s+le\s+contrôle\s+" + _DE + r"|a\s+pris\s+le\s+contrôle\s+" + _DE + r"|"
    r"s" + _A + r"empare\s+" + _DE + r"|s" + _A + r"est\s+emparée?\s+" + _DE + r"|(?:entre|entrera|est\s+entrée?)\s+au\s+capital\s+" + _DE + r"|"
    r"(?:lance|lancer|lancera|a\s+lancé|dépose|déposer|déposera|a\s+déposé|initie|a\s+initié)\s+une\s+(?:OPA|OPE|offre)\s+"
    r"(?:[\p{L}" + _A[1:-1] + r"]+\s+){0,3}?sur|"
    r"(?:a\s+)?(?:finalise|finalisé|boucle|bouclé|conclut|conclu|officialise|officialisé|acte|annonce|annoncé|"
    r"a\s+donné\s+son\s+feu\s+vert|donne\s+son\s+feu\s+vert)\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|hier|ce\s+matin|ce\s+soir|officiellement|aujourd" + _A + r"hui)\s+)?(?:le\s+rachat|l" + _A + r"acquisition|"
    r"la\s+reprise|l" + _A + r"achat|au\s+rachat|à\s+l" + _A + r"acquisition|à\s+la\s+reprise|à\s+l" + _A + r"achat)\s+" + _DE + r")|"
    r"(?P<infinitive>(?:financer|finaliser|boucler|conclure)\s+(?:le\s+rachat|l" + _A + r"acquisition|la\s+reprise|l" + _A
    + r"achat)\s+" + _DE + r"|"
    # `a conclu un accord pour le rachat de Y`, `en vue de l'acquisition de Y`: the deal of the sentence's subject
    r"(?P<deal_noun>(?:pour|en\s+vue\s+(?:de|du|d" + _A + r"))\s*(?:le\s+rachat|l" + _A + r"acquisition|la\s+reprise|l" + _A
    + r"achat|rachat)\s+" + _DE + r")|racheter|acquérir|reprendre|absorber|s" + _A + r"offrir|mettre\s+la\s+main\s+sur|"
    r"prendre\s+le\s+contrôle\s+" + _DE + r"|s" + _A + r"emparer\s+" + _DE + r"|entrer\s+au\s+capital\s+" + _DE + r"|rachetant|acquérant|reprenant|absorbant|s" + _A + r"offrant))(?!\p{L})", V)
# what is bought may be a holder's stake in the company: `reprendre la participation
# d'Amber dans Lagardère` (Amber sells, Lagardère is the company)
STAKE_OF = rx.compile(r"\A\s*(?:la|sa|les|ses|leur|leurs)?\s*(?:participation|part|parts|actions|titres|"
                      r"\d+(?:[,.]\d+)?\s*%)\s+(?:de|du|d" + _A + r")", V)
_DANS = rx.compile(r"(?<!\p{L})(?:dans|du\s+capital\s+" + _DE + r"|au\s+capital\s+" + _DE + r")\s*", V)
# `le rachat de Y par X`, `l'acquisition de Y par X`
DEAL_NOUN_PAR = rx.compile(
    r"(?<!\p{L})(?:rachat|acquisition|reprise|absorption)\s+(?:de|du|des|d" + _A + r")\s*(?P<target>[^,;:.()]{1,80}?)"
    r"\s+par\s+(?P<buyer>[^,;:.()]{1,60})", V)
# `l'OPA d'X sur Y`, `l'offre de X sur Y`
OFFER_OF_ON = rx.compile(
    r"(?<!\p{L})(?:OPA|OPE|offre(?:\s+publique\s+d" + _A + r"(?:achat|échange))?)\s+(?:de|du|d" + _A + r")\s*"
    r"(?P<buyer>[^,;:.()]{1,60}?)\s+(?:sur|pour)\s+(?P<target>[^,;:.()]{1,60})", V)
# `Y passe sous le contrôle de X`, `Y, racheté par X`, `Y tombe dans l'escarcelle de X`
PASSIVE_BUY = rx.compile(
    r"(?<!\p{L})(?:passe|passera|est\s+passé|est\s+passée|tombe|tombera)\s+(?:sous\s+le\s+contrôle|dans\s+"
    r"l" + _A + r"escarcelle|dans\s+le\s+giron)\s+(?:de|du|d" + _A + r")|"
    r"(?<!\p{L})(?:son|sa)\s+(?:rachat|acquisition|reprise|absorption)\s+par(?!\p{L})|"
    r"(?<!\p{L})(?:est\s+|sera\s+|a\s+été\s+|va\s+être\s+)?(?:racheté|rachetée|acquis|acquise|repris|reprise|"
    r"absorbé|absorbée|avalé|avalée)\s+par(?!\p{L})", V)
# `X cède Y à Z`, `X vend sa participation dans Y à Z`
SELL_VERB = rx.compile(
    r"(?<!\p{L})(?:va\s+|veut\s+|a\s+)?(?:cède|céder|cédé|vend|vendre|vendu)(?!\p{L})", V)
_TO = rx.compile(r"(?<!\p{L})(?:à|au|aux)\s+(?:l" + _A + r"|la\s+|le\s+|les\s+)?", V)
_OWNER_BEFORE = rx.compile(r"(?<!\p{L})(?:de|du|d" + _A + r")\s*(?:la\s+|l" + _A + r"|le\s+)?(?:(?:groupe|société|fonds|banque|"
                           r"constructeur|distributeur|opérateur|holding)\s+)?\Z", V)
CLAUSE_BREAK = rx.compile(r"[;:?!]|,\s+(?:mais|alors|tandis|et\s+que)|\s[–—]\s", V)


@dataclass(frozen=True)
class Roles:
    buyer: Optional[str] = None
    target: Optional[str] = None
    seller: Optional[str] = None
    rule: Optional[str] = None  # the construction that stated them (explain)


NO_ROLES = Roles()


def _orgs(names: list[Mention], a: int, b: int) -> list[Mention]:
    return [m for m in names if a <= m.start and m.end <= b and m.kind == "organization" and m.value]


# what a sentence stating roles holds, in lower case (a sentence without any is not read)
_DEAL_WORDS = ("rach", "acqu", "repr", "absorb", "offr", "main sur", "contrôle", "opa", "ope", "offre", "cède", "céd",
               "vend", "escarcelle", "giron", "empar", "au capital", "achèt", "achet", "achat", "aval", "se pai", "se pay",
               "s'est pay", "s’est pay", "dévolu", "prend", "pris")


def deal_roles(text: str, names: list[Mention], index: TextIndex) -> Roles:
    """The roles stated by the first sentence of the lead that states them; NO_ROLES when none does."""
    starts = [m.start for m in names]
    before = None  # the sentence before and its companies
    earlier: list[Mention] = []  # the companies the lead named before the sentence
    for s in index.sentences:
        if s.start >= LEAD:
            break
        lo, hi = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
        orgs = _orgs(names[lo:hi], s.start, s.end)
        low = text[s.start:s.end].lower()
        if any(w in low for w in _DEAL_WORDS):
            # `Alpha veut grandir. Le constructeur a annoncé … pour racheter Nuvia`: a sentence
            # opened by a generic noun goes on about the name opening the one before
            stand_in = _opener(text, before[0].start, before[1], before[0].end) \
                if before is not None and _generic_opener(text, s.start) else None
            if len(orgs) + (stand_in is not None) + bool(earlier) >= 2:
                got = _sentence_roles(text, s.start, s.end, orgs, stand_in, earlier)
                if got is not None:
                    return got
        before = (s, orgs)
        earlier.extend(orgs)
    return NO_ROLES


_GENERIC_AT = rx.compile(r"\s*(?:" + GENERIC_RE.pattern + r")", V)


def _generic_opener(text: str, a: int) -> bool:
    """The sentence opens with a generic noun (`Le constructeur ferroviaire français a…`)."""
    d = _DATELINE.match(text, a, min(len(text), a + 100))
    a = d.end() if d else a
    while a < len(text) and text[a] in " \t\n\u00a0":
        a += 1
    return GENERIC_RE.match(text, a) is not None


def _clause_start(text: str, a: int, pos: int) -> int:
    last = a
    for g in CLAUSE_BREAK.finditer(text, a, pos):
        last = g.end()
    return last


# a wire's dateline before the sentence proper: `PARIS, 15 septembre (Reuters) - `
_DATELINE = rx.compile(r"[^.()]{0,60}\([^()]{1,30}\)\s*[-–—]\s*|\(\p{Lu}[^()]{0,30}\)\s*"
                       # `Montréal - `, `PARIS, 3 mars 2023 - `: a place, maybe a date, and a dash
                       r"|(?-i:\p{Lu})[\p{L}'’\-]+(?:\s+(?-i:\p{Lu})[\p{L}'’\-]+){0,2}(?:,[^.()\n]{0,30})?\s+[-–—]\s+", V)
# the words a sentence may open with before its subject's name: an article and a
# description in small letters (`Le constructeur ferroviaire français Alstom`)
_DESCRIPTION = rx.compile(r"\s*(?:(?:le|la|les|l['’])\s*)?(?:\p{Ll}[\p{Ll}\-]*\s+){0,5}", V)


def _opener(text: str, a: int, orgs: list[Mention], before: int) -> Optional[Mention]:
    """The name that opens the sentence (`Le groupe Alpha a signé…`), past a dateline."""
    d = _DATELINE.match(text, a, min(len(text), a + 100))
    a = d.end() if d else a
    first = next((m for m in orgs if m.start >= a), None)
    if first is None or first.start >= before:
        return None
    d = _DESCRIPTION.match(text, a, first.start)
    return first if first.start - a <= 25 or (d and d.end() == first.start and first.start - a <= 70) else None


def _first_in(orgs: list[Mention], a: int, b: int) -> Optional[Mention]:
    return next((m for m in orgs if a <= m.start < b), None)


def _last_in(orgs: list[Mention], a: int, b: int) -> Optional[Mention]:
    got = [m for m in orgs if a <= m.start and m.end <= b]
    return got[-1] if got else None


def _pair(buyer: Optional[Mention], target: Optional[Mention], rule: str, seller: Optional[Mention] = None):
    if buyer is None or target is None or buyer.value == target.value:
        return None
    return Roles(str(buyer.value), str(target.value), str(seller.value) if seller else None, rule)


def _sentence_roles(text: str, a: int, b: int, orgs: list[Mention],
                    stand_in: Optional[Mention] = None, earlier: Sequence[Mention] = ()) -> Optional[Roles]:
    low = text[a:b].lower()
    # (each pattern is tried only when its words are in the sentence)
    noun_par = " par " in low and ("rachat" in low or "acquisition" in low or "reprise" in low or "absorption" in low)
    for g in (DEAL_NOUN_PAR.finditer(text, a, b) if noun_par else ()):
        got = _pair(_first_in(orgs, g.start("buyer"), g.end("buyer")),
                    _first_in(orgs, g.start("target"), g.end("target")), "deal_noun_par")
        if got:
            return got
    offer = ("opa" in low or "ope" in low or "offre" in low) and (" sur " in low or " pour " in low)
    for g in (OFFER_OF_ON.finditer(text, a, b) if offer else ()):
        got = _pair(_first_in(orgs, g.start("buyer"), g.end("buyer")),
                    _first_in(orgs, g.start("target"), g.end("target")), "offer_of_on")
        if got:
            return got
    for g in BUY_VERB.finditer(text, a, b):
        if g.group("infinitive") and not g.group("modal"):
            buyer = _opener(text, a, orgs, g.start()) or stand_in  # the subject of the sentence: the name opening it
            if g.group("deal_noun") and buyer is not None and any(
                    _OWNER_BEFORE.search(text, max(a, m.start - 30), m.start) for m in orgs if buyer.end <= m.start < g.start()):
                continue  # `l'offre de la Fnac déposée en vue de l'acquisition de Y`: the deal of that offer's owner
        else:
            c = _clause_start(text, a, g.start())
            buyer = _last_in(orgs, c, g.start()) or (stand_in if c == a else None)
        seller = None
        target = _first_in(orgs, g.end(), min(b, g.end() + 60))
        if target is None and buyer is not None and _GENERIC_AT.match(text, g.end(), b):
            # `X envisage une OPA sur le distributeur français`: the company named last before, not the buyer
            target = next((m for m in reversed(earlier) if m.value != buyer.value), None)
        if target is not None and STAKE_OF.match(text[g.end():target.start]):
            dans = _DANS.search(text, target.end, min(b, target.end + 30))
            held = _first_in(orgs, dans.end(), dans.end() + 25) if dans else None  # (`dans la société X`)
            if held is not None:
                seller, target = target, held
            elif "%" not in text[g.end():target.start]:
                continue  # `les titres d'Amber`: the holder's shares, in a company not named here
            # (`racheter 100 % de Nuvia`: the company itself)
        got = _pair(buyer, target, "buy_verb", seller)
        if got:
            return got
    passive = " par" in low or "contrôle" in low or "escarcelle" in low or "giron" in low
    for g in (PASSIVE_BUY.finditer(text, a, b) if passive else ()):
        target = _last_in(orgs, _clause_start(text, a, g.start()), g.start())
        buyer = _first_in(orgs, g.end(), min(b, g.end() + 40))
        got = _pair(buyer, target, "passive_buy")
        if got:
            return got
    for g in (SELL_VERB.finditer(text, a, b) if "cède" in low or "céd" in low or "vend" in low else ()):
        seller = _last_in(orgs, _clause_start(text, a, g.start()), g.start())
        target = _first_in(orgs, g.end(), min(b, g.end() + 60))
        if seller is None or target is None:
            continue
        to = _TO.search(text, target.end, min(b, target.end + 40))
        buyer = _first_in(orgs, to.end(), min(b, to.end() + 30)) if to else None
        if buyer is not None and seller.value not in (buyer.value, target.value):
            got = _pair(buyer, target, "sell_verb", seller)
            if got:
                return got
    return None
