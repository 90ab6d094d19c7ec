"""The second entity of a figure (SPEC §1 `object`: the company a stake is held in,
the company bought), tried in this order."""
from __future__ import annotations

from typing import Optional

import regex

from .. import rx

from .context import Ent, Figure
from .lexicon import DANS, DATIVE_BEFORE, ISSUER_BEFORE, OBJECT_DE, OFFER_ON, SHAREHOLDER_OF
from .rules import OBJECT, ref, rule

_HELD = ("stake", "previous_stake", "acquisition", "investment", "total_investment", "reinvestment")
# what has a company as object when the sentence names none: the company the text is about
_OF_COMPANY = _HELD + ("sale", "price", "threshold", "premium", "voting_rights", "previous_voting_rights", "stake_value", "shares",
                       "dividend_per_share", "special_dividend_per_share", "control_premium_per_share")


@rule(OBJECT, "dans", names=True)
def dans(f: Figure) -> Optional[Ent]:
    """`30 % dans Nuvia`, `sa participation de 20 % dans le capital d'Alpha`."""
    if "dans" not in f.text[f.m.end:f.m.end + 150]:
        return None
    for e in f.after:
        if e.start - f.m.end > 120:
            break
        if DANS.search(f.text[max(f.m.end, e.start - 30):e.start]):
            if f.doc.figures_in(f.m.end, e.start):
                return None  # `… à hauteur de 30 %, X s'engage à investir 2 Md€ dans Y`: Y is the other figure's
            return _resolved(f, e)
    return None


@rule(OBJECT, "object_de", names=True)
def object_de(f: Figure) -> Optional[Ent]:
    """`44 % de Cloudwatt`, `20 % du capital de X`: the name right after the figure."""
    a = f.after
    if f.attribute in ("funding", "investment", "total_investment", "reinvestment") and f.rules.get("subject") != "investor_de":
        return None  # `recevoir 50 M€ de l'État`: who gives is no object
    if a and a[0].start - f.m.end <= 80 and a[0].value != f.subject and (
            OBJECT_DE.match(f.text[f.m.end:a[0].start]) or OBJECT_DE_DESCRIBED.match(f.text, f.m.end, a[0].start)):
        return _resolved(f, a[0])
    return None


# `X, détenue à 60 % par Y`, `X est contrôlé à 51 % par Y`: a participle of holding and its figure
HELD_PARTICIPLE = rx.compile(r"\s*,?\s*(?:qui\s+)?(?:(?:est|sont|était|étaient|sera|seront|serait|reste|restera|"
                             r"demeure)\s+)?(?:(?:encore|déjà|toujours|désormais|aujourd['’]hui|actuellement)\s+)?"
                             r"(?:détenue?s?|contrôlée?s?|possédée?s?)\s+(?:(?:encore|déjà|toujours|désormais)\s+)?"
                             r"(?:à\s+(?:hauteur\s+de\s+)?|pour\s+)(?:(?:plus|près|moins)\s+de\s+|environ\s+|quelque\s+)?\Z",
                             regex.V1 | regex.I)


@rule(OBJECT, "held_participle", names=True, attributes=("stake", "previous_stake", "voting_rights"))
def held_participle(f: Figure) -> Optional[Ent]:
    """`Nuvia, détenue à 60 % par Kappa`, `Nuvia est contrôlée à 51 % par l'État`: the company
    the participle of holding speaks of, named right before it."""
    before = f.before
    if not before or f.m.start - before[-1].end > 70:
        return None
    e = before[-1]
    if e.value == f.subject or e.person or not HELD_PARTICIPLE.match(f.text, e.end, f.m.start):
        return None
    return _resolved(f, e)


@rule(OBJECT, "dont_antecedent", names=True, attributes=("stake", "voting_rights", "previous_stake"))
def dont_antecedent(f: Figure) -> Optional[Ent]:
    """`Stellar, dont l'État détient 6,2 % du capital`: the capital of the name `dont` follows."""
    if "dont" not in f.text[max(f.sent.start, f.m.start - 80):f.m.start]:
        return None
    g = DONT_BEFORE.search(f.text, max(f.sent.start, f.m.start - 80), f.m.start)
    if g is None:
        return None
    before = [e for e in f.ents if e.end <= g.start() and g.start() - e.end <= 3]
    if not before or before[-1].value == f.subject or before[-1].person:
        return None
    return _resolved(f, before[-1])


def _ellipsis(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return ("cel" in gap or "ceux" in gap) and ELLIPSIS_GAP.match(text, a, b) is not None


@rule(OBJECT, "restated")
def restated_object(f: Figure) -> Optional[Ent]:
    """A restated figure (`670 millions de livres (858 millions d'euros)`) or one
    coordinated with the figure before it has that figure's object."""
    from .subject import restated
    p = f.previous
    if p is not None and p.object and (restated(f) or f.links_of("subject") in ("figure_and", "contre_earlier")
                                       or _ellipsis(f.text, p.end, f.m.start)):
        # (`55 % du nouvel ensemble, ceux de Pelvic 45 %`: the same holding, another holder)
        return ref(p.object)
    return None


@rule(OBJECT, "verb_object", names=True, attributes=_HELD + ("voting_rights",))
def verb_object(f: Figure) -> Optional[Ent]:
    """`Kappa contrôle Lumio avec 51 % des droits de vote`: the company a holding
    verb governs, named right after it, before the figure."""
    if f.attribute not in _HELD + ("voting_rights",):
        return None
    start = f.clause_start()
    for t in f.triggers_before:
        if t[0] < start or t[2] not in ("stake", "acquisition"):
            continue
        nxt = [e for e in f.before if e.start >= t[1]]
        if nxt and nxt[0].start - t[1] <= 2 and nxt[0].value != f.subject and not nxt[0].person:
            return _resolved(f, nxt[0])
    return None


@rule(OBJECT, "passive_patient", names=True)
def passive_patient(f: Figure) -> Optional[Ent]:
    """`Lumio a accepté d'être rachetée par Brakel au prix de 14 euros`: what the passive verb is about."""
    if f.rules.get("subject") != "passive_agent":
        return None
    start = f.clause_start()
    before = [e for e in f.free if e.end <= f.m.start and e.value != f.subject]
    own = [e for e in before if e.start >= start] or before
    return _resolved(f, own[0]) if own else None


@rule(OBJECT, "recipient", names=True, attributes=("investment",))
def recipient(f: Figure) -> Optional[Ent]:
    """`Corvex a bénéficié d'un apport de 80 M€ de Kappa`: an investment named by
    its investor after it goes to the sentence's subject."""
    if f.attribute != "investment" or f.rules.get("subject") != "investor_de":
        return None
    for e in f.free:
        if e.end <= f.m.start and e.value != f.subject:
            return _resolved(f, e)
    for e in f.free:  # `Avec un apport de 80 M€ de Kappa, Corvex se renforce`: the main clause's subject
        if e.start >= f.m.end and e.value != f.subject and not f.doc.is_complement(e) and not f.in_aside(e):
            return _resolved(f, e)
    return None


@rule(OBJECT, "issuer", names=True,
      unless=("exchange_ratio", "exchange_ratio_base", "stock_dividend", "stock_dividend_base"))
def issuer(f: Figure) -> Optional[Ent]:
    """The company whose shares are counted or priced: `25 millions d'actions
    Lagardère`, `160 pence pour chaque action Darty`, `racheter les titres Alstom
    au prix de 35 euros`."""
    if f.attribute in ("exchange_ratio", "exchange_ratio_base", "stock_dividend", "stock_dividend_base"):
        return None
    text = f.text
    window = text[f.sent.start:min(f.sent.end, f.m.end + 60)]
    if "action" not in window and "titre" not in window and "certificat" not in window and "obligation" not in window:
        return None
    for e in f.after:
        if e.start - f.m.end > 50:
            break
        if ISSUER_BEFORE.search(text[max(0, e.start - 12):e.start]):
            return _resolved(f, e)
    start = f.clause_start()
    for e in reversed(f.before):
        if e.start < start:
            break
        if ISSUER_BEFORE.search(text[max(0, e.start - 12):e.start]) and e.value != f.subject:
            return _resolved(f, e)
    return None


@rule(OBJECT, "offer_on", names=True, attributes=("acquisition", "price", "sale", "premium"))
def offer_on(f: Figure) -> Optional[Ent]:
    """`Conforama a relevé son OPA sur Darty à 1,02 milliard`: the company an offer is for."""
    if f.attribute not in ("acquisition", "price", "sale", "premium"):
        return None
    for e in f.ents:
        if e.value != f.subject and OFFER_ON.search(f.text[max(f.sent.start, e.start - 60):e.start]):
            return _resolved(f, e)
    return None


@rule(OBJECT, "shareholder_of", names=True, attributes=("stake", "previous_stake", "voting_rights"))
def shareholder_of(f: Figure) -> Optional[Ent]:
    """`X devient l'actionnaire majoritaire de la nouvelle entité avec 30 %`, `X sera
    l'actionnaire de contrôle du nouvel ensemble, avec 30 % du capital`: the company X
    holds is the one X is a shareholder of."""
    a = max(f.sent.start, f.m.start - 120)
    if f.attribute not in ("stake", "previous_stake", "voting_rights") or f.text.find("actionnaire", a, f.m.start) < 0:
        return None
    for e in reversed(f.before):
        if e.start >= a and SHAREHOLDER_OF.search(f.text, max(a, e.start - 50), e.start):
            return _resolved(f, e)
    return None


@rule(OBJECT, "held_before", names=True, attributes=("stake", "stake_value", "previous_stake", "voting_rights"))
def held_before(f: Figure) -> Optional[Ent]:
    """`la participation de Bouygues dans Alstom s'élève à 2,2 milliards`: the company held, named before."""
    if f.attribute not in ("stake", "stake_value", "previous_stake", "voting_rights") or f.trig is None:
        return None
    start = f.clause_start()
    if "dans" not in f.text[start:f.m.start]:
        return None
    first = next((t for t in f.triggers_before if t[0] >= start), f.trig)
    for e in f.before:
        if e.start >= first[0] and DANS.search(f.text[max(0, e.start - 45):e.start]):
            return _resolved(f, e)
    return None


# `X, dont Y détient N %`: the relative's verb of holding, up to the figure
DONT_BEFORE = rx.compile(r"(?r),\s*dont\s+[^,;.()]{1,50}?(?<!\p{L})(?:détien\w+|détenai\w+|possèd\w+|possédai\w+|contrôl\w+)"
                         r"(?:\s+\p{L}+){0,2}?\s+(?:(?:plus|près|moins)\s+de\s+|environ\s+)?\Z", regex.V1 | regex.I)
# `… 55 % de Y, ceux de X 45 %`, `… et celle de X, 20 %`: a figure given again for another holder
ELLIPSIS_GAP = rx.compile(r"[^,;.]{0,40},\s*(?:et\s+)?(?:ceux|celles|celui|celle)\s+(?:de|d['’]|du|des)\s*[^,;.()]{1,40}?"
                          r"\s*,?\s*(?:avec\s+|à\s+)?(?:(?:environ|près\s+de|plus\s+de|moins\s+de)\s+)?\Z", regex.V1 | regex.I)
# `100 % de l'italien Cartaro`, `20 % du fabricant de pneus X`: a description in small letters after an article
OBJECT_DE_DESCRIBED = rx.compile(r"\s*(?:(?:de|d['’])\s*(?:la\s+|l['’]\s*|le\s+)|du\s+)(?:capital\s+(?:de|du|d['’])\s*(?:la\s+|l['’]\s*|le\s+)?)?"
                                 r"(?!(?:notre|nos|votre|vos|son|sa|ses|leur|leurs|ce|cet|cette|mon|ma|mes)\s)"
                                 r"(?-i:\p{Ll})[\p{Ll}\-]*(?:\s+(?:de\s+|d['’])?(?-i:\p{Ll})[\p{Ll}\-]*)?\s+\Z", regex.V1 | regex.I)
# a purchase or a sale and what it is of: `le rachat de X`, `l'acquisition du groupe X`, `racheter X`, `céder la société X`
PURCHASE_OF = rx.compile(r"(?r)(?<!\p{L})(?:(?:rachat|acquisition|reprise|achat|cession|vente)\s+(?:de\s+|d['’]\s*|du\s+)|"
                         r"(?:racheter|acquérir|reprendre|acheter|céder|vendre|s['’]offrir|racheté|acquis|repris|cédé|vendu|"
                         r"rachète|acquiert|reprend|cède|vend)\s+(?:(?:en|début|fin|mi)[\s-]+\d{4}\s+|l['’]an\s+dernier\s+)?)"
                         r"(?:(?:la|le|l['’])\s*)?(?:(?:société|groupe|entreprise|constructeur|filiale|fabricant|"
                         r"firme|chaîne|banque|holding)\s+(?:(?:de\s+|d['’])?\p{Ll}+\s+){0,2})?\Z", regex.V1 | regex.I)


_DEAL_PARTS = ("acquisition", "price", "premium", "sale", "cash_component", "warrants", "share_component")


@rule(OBJECT, "purchase_of", names=True, attributes=_DEAL_PARTS)
def purchase_of(f: Figure) -> Optional[Ent]:
    """A purchase's price or share whose sentence says what is bought, before or after
    the figure: `Pour le rachat d'Opel, PSA versera 670 M€`, `X paiera 2 Md€ pour
    acquérir Y` (the nearest such name; never the buyer)."""
    if f.attribute not in _DEAL_PARTS:
        return None
    text = f.text
    found = []
    for e in f.ents:
        if e.value is None or e.value == f.subject or e.person or e.value == "État":
            continue
        if PURCHASE_OF.search(text, max(f.sent.start, e.start - 50), e.start):
            found.append(e)
    if not found:
        return None
    return _resolved(f, min(found, key=lambda e: (abs(e.start - f.m.start), e.start)))


# `Son actionnaire de référence, le fonds X, qui détient 62 %`: a shareholder of the company spoken of
HIS_SHAREHOLDER = rx.compile(r"(?<!\p{L})(?:son|sa|ses|leur|leurs)\s+(?:(?:premier|principal|nouvel|nouveau|grand|"
                             r"deuxième|second)\s+)?actionnaires?(?!\p{L})", regex.V1 | regex.I)


@rule(OBJECT, "his_shareholder", attributes=("stake", "voting_rights", "previous_stake"))
def his_shareholder(f: Figure) -> Optional[Ent]:
    """`Son actionnaire de référence, le fonds X, qui détient 62 % du capital`: the capital of
    the company the possessive refers to (the previous sentence's subject)."""
    if "actionnaire" not in f.text[f.sent.start:f.m.start]:
        return None
    if not HIS_SHAREHOLDER.search(f.text, f.sent.start, f.m.start):
        return None
    prev = f.doc.previous_subject(f.si)
    return ref(prev) if prev and prev != f.subject else None


@rule(OBJECT, "bullet_head", names=True, attributes=("acquisition", "sale"))
def bullet_head(f: Figure) -> Optional[Ent]:
    """`- d'Opel/Vauxhall, pour 1 320 M€,` after `le rachat par X :`: what the item names first."""
    if f.rules.get("attribute") != "bullet_of_intro":
        return None
    first = next((e for e in f.ents if e.end <= f.m.start and not e.generic and e.value != f.subject), None)
    return _resolved(f, first) if first else None


@rule(OBJECT, "sentence_object", attributes=_HELD)
def sentence_object(f: Figure) -> Optional[Ent]:
    """A holding or a purchase of a sentence that named the company held for an earlier figure."""
    if f.attribute in _HELD and f.clauses.object:
        return ref(f.clauses.object)
    return None


@rule(OBJECT, "sole_other", kinds=("amount",), names=True, attributes=_HELD)
def sole_other(f: Figure) -> Optional[Ent]:
    """`X et Y renflouent Z en apportant N`: the one name that is neither the
    subject, a co-subject, the State, nor whom it is bought from (`racheter à X`)."""
    if f.attribute not in _HELD or f.m.kind != "amount":
        return None
    if f.attribute == "acquisition" and f.doc.target and f.doc.target != f.subject:
        return None  # a bid: for the company the text is about (`suivi par la Fnac, qui a mis 987 millions`)
    text = f.text
    others = {e.value for e in f.ents if e.value and not e.generic and e.value != f.subject and not f.in_aside(e)
              and e.value != "État" and not DATIVE_BEFORE.search(text[max(0, e.start - 25):e.start])}
    if f.subject_ent is not None and f.subject_ent in f.ents:
        others -= {e.value for e in f.group(f.ents, f.subject_ent)}
    return ref(others.pop()) if len(others) == 1 else None


@rule(OBJECT, "document_target", attributes=_OF_COMPANY)
def document_target(f: Figure) -> Optional[Ent]:
    """A holding or a purchase with no company named: the company the text is about."""
    if f.clauses.object == "":
        return None  # the sentence's figures are about two companies: no one of them for this figure
    if f.attribute in _OF_COMPANY and (f.m.kind != "amount" or f.attribute != "stake"):
        t = f.doc.target  # (found when first asked: only figures that can take it ask)
        if t and t != f.subject:
            return ref(t)
    return None


@rule(OBJECT, "deal_role/target", attributes=_DEAL_PARTS)
def deal_target(f: Figure) -> Optional[Ent]:
    """What is bought or sold, with no company named for it: the company the lead says is bought."""
    t = f.doc.roles.target
    if t and t != f.subject and f.doc.target is None and f.attribute in _DEAL_PARTS:
        return ref(t)
    return None


def _resolved(f: Figure, e: Ent) -> Optional[Ent]:
    """A name, or a generic one (`la société`) resolved to the company the text is about."""
    v = f.resolve(e, as_object=True)
    return ref(v) if v is not None else None
