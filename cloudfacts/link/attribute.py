"""What a figure measures (SPEC §1 `attribute`), tried in this order."""
from __future__ import annotations

from typing import Optional

from .context import Figure
from .lexicon import CONTRE, DIVIDEND, PASSE_A, PASSE_DE, PREVIOUS, RATIO_AFTER, UNIT_ATTRIBUTES
from .rules import ATTRIBUTE, rule

# what a trigger word cannot mean for a figure of this kind
_NOT_FOR = {
    "amount": ("stake", "market_share", "headcount", "subscribers"),
    "percentage": ("funding", "investment", "price", "headcount", "subscribers"),
}


@rule(ATTRIBUTE, "exchange_ratio_base")
def exchange_ratio_base(f: Figure) -> Optional[str]:
    """`9 actions X pour 10 actions Y`: the 10 is the base of the ratio before it."""
    m, prev = f.m, f.previous
    if m.kind == "quantity" and m.unit == "action" and prev is not None and prev.unit == "action" \
            and f.doc.index.sentence_index(prev.start) == f.si and f.before_text(6).rstrip().endswith("pour") \
            and prev.attribute in ("exchange_ratio", "stock_dividend"):
        return prev.attribute + "_base"
    return None


@rule(ATTRIBUTE, "exchange_ratio")
def exchange_ratio(f: Figure) -> Optional[str]:
    """`9 actions Holcim pour 10 actions Lafarge`; with `dividende` before it, a dividend paid in shares."""
    m = f.m
    if m.kind == "quantity" and m.unit == "action" and RATIO_AFTER.match(f.after_text(80)):
        return "stock_dividend" if DIVIDEND.search(f.text, f.sent.start, m.start) else "exchange_ratio"
    return None


@rule(ATTRIBUTE, "counted_noun")
def counted_noun(f: Figure) -> Optional[str]:
    """`10 000 salariés` is a headcount, `2 millions d'abonnés` subscribers."""
    if f.m.kind == "quantity":
        return UNIT_ATTRIBUTES.get(f.m.unit)
    return None


@rule(ATTRIBUTE, "passe_de_a")
def passe_de_a(f: Figure) -> Optional[str]:
    """`sa part passe de 25 % à 14 %`: the first figure is the holding before."""
    if f.m.kind == "percentage" and f.nearest_trigger in ("stake", None) \
            and PASSE_DE.search(f.before_text(40)) and PASSE_A.match(f.after_text(100)):
        return "previous_stake"
    return None


@rule(ATTRIBUTE, "stake_before")
def stake_before(f: Figure) -> Optional[str]:
    """`détenait 30 % auparavant`, `initialement`, `avant l'opération`."""
    if f.m.kind == "percentage" and f.nearest_trigger == "stake" and PREVIOUS.match(f.after_text(100)):
        return "previous_stake"
    return None


@rule(ATTRIBUTE, "contre_earlier")
def contre_earlier(f: Figure) -> Optional[str]:
    """`porté à 20 %, contre 14,9 % en juin dernier`: the figure of an earlier time."""
    if f.m.kind == "percentage" and f.nearest_trigger == "stake" and f.date_follows \
            and CONTRE.search(f.before_text(12)):
        return "previous_stake"
    return None


@rule(ATTRIBUTE, "trigger")
def trigger(f: Figure) -> Optional[str]:
    """The nearest trigger word before the figure (within 90 characters of its
    sentence), else right after it (`2 M€ de chiffre d'affaires`)."""
    best = f.nearest_trigger
    if best is not None and best in _NOT_FOR.get(f.m.kind, ()):
        return None
    return best


@rule(ATTRIBUTE, "same_sentence")
def same_sentence(f: Figure) -> Optional[str]:
    """`33 % pour X et 33 % pour Y`: a figure with no trigger of its own
    measures what the sentence's previous figure of its kind measured."""
    return f.clauses.last_attribute.get(f.m.kind)
