"""What a figure measures (SPEC §1 `attribute`), tried in this order."""
from __future__ import annotations

from typing import Optional

from .context import Figure
from .lexicon import (PEOPLE_NOUNS, LIST_ITEM, HOLDER_AFTER, HOLDER_WORDS, REMAINDER_HELD, RECEIVE_WORDS, BEFORE_WORDS, MOVE_WORDS, PASSE_WORDS, has_any, ALREADY_BEFORE, FROM_AFTER, HOLDING_NOUN, MARKET_CAP_AFTER, RECEIVE_BEFORE, SHARE_OF_COMPANY, DANS_AFTER, CONTRE, DIVIDEND, NOUN_AFTER, OBJECT_DE, PASSE_A, PASSE_DE, PER_SHARE_AFTER,
                      PREVIOUS, PRICE_AFTER_MOVE, RAISED_AFTER, RATIO_AFTER, SHARE_MOVE_BEFORE, SHARE_NOUN, STOCK_CONTEXT, THRESHOLD_GAP,
                      UNIT_ATTRIBUTES)
from .rules import ATTRIBUTE, rule
import regex

from .. import rx

# what a trigger word cannot mean for a figure of this kind
_NOT_FOR = {
    "amount": ("market_share", "headcount", "subscribers", "voting_rights"),
    "percentage": ("funding", "investment", "price", "headcount", "subscribers", "valuation", "market_cap",
                   "share_price", "dividend", "special_dividend", "control_premium"),
}
# what a figure per share of these is called
_PER_SHARE = {"dividend": "dividend_per_share", "special_dividend": "special_dividend_per_share",
              "control_premium": "control_premium_per_share", "share_price": "share_price"}
_HOLDING = ("stake", "previous_stake", "acquisition", "sale", "voting_rights")


def _fits(f: Figure, attribute: Optional[str]) -> Optional[str]:
    """The attribute a trigger gives this figure: a holding's worth in money is
    `stake_value`; a price of a whole company (no `par action`, ten thousand or
    more) is an acquisition; a trigger that cannot measure this kind gives none."""
    if attribute is None:
        return None
    kind = f.m.kind
    if kind == "amount" and attribute == "stake":
        return "stake_value"
    if kind == "amount" and attribute == "price" and not _per_share(f) and isinstance(f.m.value, (int, float)) \
            and f.m.value >= 10_000:
        return "acquisition"
    if attribute in _NOT_FOR.get(kind, ()):
        return None
    if kind == "quantity" and attribute == "headcount" and f.m.unit and f.m.unit.split()[0] not in PEOPLE_NOUNS:
        return None  # `exploite 2,5 millions de prises et emploie 410 salariés`: the prises are nobody
    if kind == "amount" and attribute in _PER_SHARE and attribute != "share_price" \
            and isinstance(f.m.value, (int, float)) and f.m.value < 1_000:
        return _PER_SHARE[attribute]  # `une prime de contrôle de 4 euros`: no company pays a 4-euro dividend in all
    return attribute


def _per_share(f: Figure) -> bool:
    got = getattr(f, "_per", None)
    if got is None:
        got = f._per = bool(PER_SHARE_AFTER.match(f.after_text(30)))
    return got


@rule(ATTRIBUTE, "exchange_ratio_base", kinds=('quantity',))
def exchange_ratio_base(f: Figure) -> Optional[str]:
    """`9 actions X pour 10 actions Y`: the 10 is the base of the ratio before it."""
    m, prev = f.m, f.previous
    if m.kind == "quantity" and m.unit == "action" and prev is not None and prev.unit == "action" \
            and f.doc.index.sentence_index(prev.start) == f.si and f.before_text(6).rstrip().endswith("pour") \
            and prev.attribute in ("exchange_ratio", "stock_dividend"):
        return prev.attribute + "_base"
    return None


@rule(ATTRIBUTE, "exchange_ratio", kinds=('quantity',))
def exchange_ratio(f: Figure) -> Optional[str]:
    """`9 actions Holcim pour 10 actions Lafarge`; with `dividende` before it, a dividend paid in shares."""
    m = f.m
    if m.kind == "quantity" and m.unit == "action" and RATIO_AFTER.match(f.after_text(80)):
        return "stock_dividend" if DIVIDEND.search(f.text, f.sent.start, m.start) else "exchange_ratio"
    return None


@rule(ATTRIBUTE, "shares_held", kinds=('quantity',))
def shares_held(f: Figure) -> Optional[str]:
    """`X détient 25 millions d'actions Y`: a number of shares held or bought is a holding."""
    if f.m.kind == "quantity" and f.m.unit in ("action", "titre") and f.nearest_trigger in _HOLDING:
        return f.nearest_trigger
    return None


# jobs that go: `110 postes seront supprimés`, `300 emplois menacés`
JOBS_CUT_AFTER = rx.compile(r"\A\s*(?:(?:seront|sont|vont\s+être|devraient\s+être|pourraient\s+être|seraient|ont\s+été|"
                            r"doivent\s+être|vont|devraient)\s+)?(?:supprimés|menacés|détruits|disparaître|disparaîtront|"
                            r"supprimées|menacées|en\s+danger|sur\s+la\s+sellette)(?!\p{L})", regex.V1 | regex.I)


JOBS_CUT_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?:suppr\w+|suppression\s+de|licenci\w+|destruction\s+de|détrui\w+|"
                             r"réduction\s+de|réduire\s+de|sacrifi\w+)\s+(?:(?:près\s+de|plus\s+de|environ|quelque|jusqu['’]à)\s+)?\Z",
                             regex.V1 | regex.I)


@rule(ATTRIBUTE, "jobs_cut", kinds=('quantity',))
def jobs_cut(f: Figure) -> Optional[str]:
    """`110 postes seront supprimés`, `la suppression de 640 postes`: jobs said to go are job cuts, not jobs."""
    if f.m.kind == "quantity" and f.m.unit in ("poste", "emploi") and (
            JOBS_CUT_AFTER.match(f.after_text(40)) or JOBS_CUT_BEFORE.search(f.before_text(40, f.sent.start))):
        return "job_cuts"
    return None


@rule(ATTRIBUTE, "counted_noun", kinds=('quantity',))
def counted_noun(f: Figure) -> Optional[str]:
    """`10 000 salariés` is a headcount, `2 millions d'abonnés` subscribers."""
    if f.m.kind == "quantity":
        return UNIT_ATTRIBUTES.get(f.m.unit)
    return None


def _stock_sentence(f: Figure) -> bool:
    """The sentence speaks of shares or the market, or a price follows (`bondit de 12 % à 114 euros`)."""
    return bool(STOCK_CONTEXT.search(f.text, f.sent.start, f.sent.end)) or f.after_text(12).lstrip(" ,").startswith("à ")


# a result that moves: `son bénéfice net a chuté de 35 %`, `le chiffre d'affaires progresse de 12 %`
RESULT_MOVE = rx.compile(r"(?<!\p{L})(?:chut\w*|recul\w*|progress\w*|bondi\w*|hausse|baisse|augment\w*|diminu\w*|grimp\w*|"
                         r"plong\w*|fondu|fond|croît|cr[uû]|gagn\w*|perd\w*|rebond\w*|baiss\w*|s['’]envol\w*|"
                         r"s['’]effondr\w*|déviss\w*|décroch\w*|en\s+repli|repli\w*)(?!\p{L})", regex.V1 | regex.I)
_RESULTS = ("net_income", "revenue", "ebitda", "operating_profit", "loss")
MOVE_AFTER_RESULT = rx.compile(r"\s*[,(]?\s*(?:soit\s+)?(?:en|une)\s+(?:hausse|baisse|progression|recul|repli|croissance|"
                               r"augmentation|diminution|chute)\s+de\s+(?:(?:plus|près|moins)\s+de\s+|environ\s+)?\Z",
                               regex.V1 | regex.I)


@rule(ATTRIBUTE, "result_change", kinds=('percentage',))
def result_change(f: Figure) -> Optional[str]:
    """`son bénéfice net a chuté de 35 %`: a percentage a result moved by is its change
    (`net_income_change`), not the result."""
    if f.m.kind != "percentage":
        return None
    p = f.previous
    if p is not None and p.attribute in _RESULTS and p.end <= f.m.start and f.m.start - p.end <= 40 \
            and MOVE_AFTER_RESULT.match(f.text, p.end, f.m.start):
        return p.attribute + "_change"  # `812 M€, en progression de 4,1 %`: the result's move
    t = f.trigger_before
    if t is None or t[2] not in _RESULTS or f.m.start - t[1] > 60:
        return None
    if RESULT_MOVE.search(f.text, t[1], f.m.start) or RESULT_MOVE.search(f.text, max(f.sent.start, t[0] - 25), t[0]):
        return t[2] + "_change"
    return None


@rule(ATTRIBUTE, "share_move", kinds=('percentage',))
def share_move(f: Figure) -> Optional[str]:
    """`le titre bondit de 12 %`, `Darty prenait plus de 15 % en Bourse`: a share price moving."""
    if f.m.kind != "percentage":
        return None
    before = f.before_text(50, f.sent.start)
    if has_any(before, MOVE_WORDS) and SHARE_MOVE_BEFORE.search(before) and (_stock_sentence(f) or _after_stock_move(f)):
        return "share_change"
    return None


def _after_stock_move(f: Figure) -> bool:
    """`L'action X s'envolait de 24 %. Y reculait de 2 %.`: a move right after a share move goes on about shares."""
    p = f.previous
    return p is not None and p.attribute in ("share_change", "share_price") \
        and f.si - f.doc.index.sentence_index(p.start) <= 1


@rule(ATTRIBUTE, "price_after_move", kinds=('amount',))
def price_after_move(f: Figure) -> Optional[str]:
    """`bondit de 12 % à 114,30 euros`: the share price the move reached."""
    p = f.previous
    if f.m.kind == "amount" and p is not None and p.attribute == "share_change" and 0 <= f.m.start - p.end <= 12 \
            and isinstance(f.m.value, (int, float)) and f.m.value < 10_000 \
            and PRICE_AFTER_MOVE.search(f.before_text(12)):
        return "share_price"
    return None


@rule(ATTRIBUTE, "passe_de_a", kinds=('percentage',))
def passe_de_a(f: Figure) -> Optional[str]:
    """`sa part passe de 25 % à 14 %`: the first figure is the holding before."""
    if f.m.kind != "percentage" or not has_any(f.before_text(90, f.sent.start), PASSE_WORDS):
        return None
    if f.nearest_trigger in ("stake", None) and PASSE_DE.search(f.before_text(90, f.sent.start)) \
            and PASSE_A.match(f.after_text(100)):
        return "previous_stake"
    return None


@rule(ATTRIBUTE, "stake_before", kinds=('percentage', 'quantity'))
def stake_before(f: Figure) -> Optional[str]:
    """`détenait 30 % auparavant`, `initialement`, `avant l'opération`; `détient déjà 27 %`."""
    if f.m.kind in ("percentage", "quantity") and f.nearest_trigger == "stake":
        if has_any(f.after_text(100), BEFORE_WORDS) and PREVIOUS.match(f.after_text(100)):
            t = f.trigger_after  # `(25,4 % du capital et 38 % des droits de vote auparavant)`
            if t is not None and t[2] == "voting_rights" and NOUN_AFTER.match(f.text[f.m.end:t[0]]):
                return "previous_voting_rights"
            return "previous_stake"
        # `Avant l'offre, X possédait 29,8 %`: a holding the sentence opens as before the deal
        if FRONTED_BEFORE.match(f.text, f.sent.start, f.m.start):
            return "previous_stake"
        # `détenait jusqu'ici 25 %`, `possédait auparavant 18 %`: a holding the text says held until now
        before = f.before_text(45)
        if has_any(before, ("jusqu", "auparavant", "précédemment")) and HELD_UNTIL_THEN.search(before):
            return "previous_stake"
        # `qui détient déjà 27 % …, ce qui portera sa participation à 45 %`: the holding the operation raises
        if ("déjà" in before or has_any(before, ("jusqu", "auparavant", "précédemment")) and HELD_UNTIL_NOW.search(before)) \
                and ALREADY_BEFORE.search(f.before_text(30)) \
                and RAISED_AFTER.search(f.text, f.m.end, f.sent.end):
            return "previous_stake"
    return None


@rule(ATTRIBUTE, "contre_earlier", kinds=('percentage',))
def contre_earlier(f: Figure) -> Optional[str]:
    """`porté à 20 %, contre 14,9 % en juin dernier`: the figure of an earlier time."""
    if f.m.kind == "percentage" and f.nearest_trigger == "stake" and CONTRE.search(f.before_text(12)) \
            and (f.date_follows or EARLIER_AFTER.match(f.after_text(40))
                 or STAKE_CHANGED.search(f.text, f.sent.start, f.m.start)):
        # (`contre 8 % en début d'année`, `contre 8 % auparavant`, `a porté sa participation à 12 %, contre 8 %`)
        return "previous_stake"
    return None


@rule(ATTRIBUTE, "contre_former", kinds=("amount",))
def contre_former(f: Figure) -> Optional[str]:
    """`relève son offre à 31 euros par action, contre 27 euros initialement`: the former value of
    the figure before it in the sentence measures what that one does."""
    p = f.previous
    if f.m.kind != "amount" or p is None or p.start < f.sent.start or not p.attribute or p.kind != "amount" \
            or not CONTRE.search(f.before_text(12)) or not (EARLIER_AFTER.match(f.after_text(40)) or FORMER_AFTER.match(f.after_text(40))):
        return None
    return p.attribute


# `contre 27 euros initialement`, `au départ`, `dans sa première offre`
FORMER_AFTER = rx.compile(r"\A\s*(?:\)\s*)?,?\s*(?:par\s+action\s+)?(?:initialement|au\s+départ|à\s+l['’]origine|"
                          r"dans\s+(?:sa|leur|la)\s+(?:première|précédente|offre\s+initiale)|lors\s+de\s+(?:sa|leur|la)\s+première)"
                          r"(?!\p{L})", regex.V1 | regex.I)


# the time of an earlier figure: `contre 8 % en début d'année`, `un an plus tôt`, `auparavant`
EARLIER_AFTER = rx.compile(r"\A\s*(?:\)\s*)?,?\s*(?:auparavant|précédemment|jusqu['’](?:ici|alors)|avant\s+l['’]opération|"
                           r"(?:en|au)\s+(?:début|fin)\s+d['’]année|un\s+an\s+plus\s+tôt|l['’]an\s+dernier|"
                           r"l['’]année\s+dernière|il\s+y\s+a\s+\p{L}+)(?!\p{L})", regex.V1 | regex.I)
# a holding that changed: `a porté sa participation à`, `est monté à`, `a relevé`, `désormais`
STAKE_CHANGED = rx.compile(r"(?<!\p{L})(?:port[ée]\w*|mont[ée]\w*|relev[ée]\w*|augment[ée]\w*|renforc[ée]\w*|"
                           r"pass[ée]\w*|désormais|réduit\w*|abaiss[ée]\w*)(?!\p{L})", regex.V1 | regex.I)


@rule(ATTRIBUTE, "market_value", kinds=('amount',))
def market_value(f: Figure) -> Optional[str]:
    """`un groupe pesant 50 milliards d'euros en Bourse`: a market value."""
    if f.m.kind == "amount" and MARKET_CAP_AFTER.match(f.after_text(30)):
        return "market_cap"
    return None


@rule(ATTRIBUTE, "target_word")
def target_word(f: Figure) -> Optional[str]:
    """`vise un chiffre d'affaires de 500 M€`, `un objectif de 2 Md€ de ventes`, `table sur 150 M€`:
    an objective, whatever it measures."""
    for t in reversed(f.triggers_before):
        if t[2] == "target" and t[0] >= f.clause_start():
            return "target"
    return None


@rule(ATTRIBUTE, "received", kinds=('amount',))
def received(f: Figure) -> Optional[str]:
    """`Nuvia devait recevoir 50 M€ de l'État`, `a obtenu 12 M€ auprès de Bpifrance`: money received from someone."""
    if f.m.kind != "amount":
        return None
    before = f.before_text(60, f.sent.start)
    if not has_any(before, RECEIVE_WORDS) or not RECEIVE_BEFORE.search(before):
        return None
    a = [e for e in f.after if e.start - f.m.end <= 30]
    if a and FROM_AFTER.match(f.text[f.m.end:a[0].start]):
        return "funding"
    return None


@rule(ATTRIBUTE, "threshold_word")
def threshold_word(f: Figure) -> Optional[str]:
    """`franchir le seuil de 30 % du capital`: the figure a threshold word governs is the threshold;
    so is a limit a holding would cross (`ne pourra pas monter au-delà de 50 %`)."""
    b = f.trigger_before
    if b is not None and b[2] == "threshold" and THRESHOLD_GAP.match(f.text[b[1]:f.m.start]):
        return "threshold"
    if f.m.kind == "percentage" and "-d" in f.before_text(30) and BEYOND_BEFORE.search(f.before_text(60)):
        return "threshold"
    return None


# a limit a holding would cross: `monter au-delà de 50 %`, `passer au-dessus de 30 %`
BEYOND_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?:mont\w*|pass\w*|descend\w*|aller|ira|irait|dépass\w*|rester|restera|resterait)\s+"
                           r"(?:\p{Ll}+\s+)?(?:au-delà|au-dessus|au-dessous|en-deçà|en-dessous)\s+(?:de|des|du|d['’])\s*"
                           r"(?:la\s+barre\s+des?\s+|du\s+seuil\s+des?\s+)?\Z", regex.V1 | regex.I)
# a holding held until then: `détenait jusqu'ici 25 %`, `possédait auparavant 18 %`
HELD_UNTIL_THEN = rx.compile(r"(?r)(?<!\p{L})(?:détenai\w*|possédai\w*|contrôlai\w*)\s+(?:jusqu['’](?:ici|alors|à\s+présent|"
                             r"à\s+maintenant)|jusque-là|auparavant|précédemment)\s+(?:(?:environ|quelque)\s+|(?:près|plus|moins)\s+de\s+)?\Z",
                             regex.V1 | regex.I)


# a condition on a holding, fronted: `Au-delà de 50 % du capital, X devra lancer une offre`
FRONTED_LIMIT = rx.compile(r"\A\s*(?:(?:Mais|Or|Et|Car)\s+)?(?:au-delà|au-dessus|en\s+deçà|en\s+dessous|à\s+partir|"
                           r"au\s+delà)\s+(?:de|des|du|d['’])\s*(?:la\s+barre\s+des?\s+|du\s+seuil\s+des?\s+)?"
                           r"(?:plus\s+de\s+)?\Z", regex.V1 | regex.I)
FRONTED_LIMIT_AFTER = rx.compile(r"\A\s*(?:(?:du|de\s+la|des)\s+(?:capital|droits\s+de\s+vote|actions|titres)"
                                 r"(?:\s+\S+){0,3})?\s*,", regex.V1)


@rule(ATTRIBUTE, "fronted_limit", kinds=("percentage",))
def fronted_limit(f: Figure) -> Optional[str]:
    """`Au-delà de 50 % du capital, X devra lancer une offre`, `À partir de 30 %, …`:
    a limit a sentence opens with is a threshold (nobody's), not a holding."""
    if f.m.kind != "percentage" or f.m.start - f.sent.start > 40:
        return None
    if FRONTED_LIMIT.match(f.text[f.sent.start:f.m.start]) and FRONTED_LIMIT_AFTER.match(f.after_text(60)):
        return "threshold"
    return None


# the deal itself, named by a generic noun: `l'opération porte sur 100 % du capital`,
# `le montant de la transaction atteint 1,2 milliard`, `l'opération est évaluée à 3 milliards`
DEAL_OPERATION = rx.compile(
    r"(?:l['’]|cette\s+|la\s+)(?:opération|transaction)(?:\s*,[^,.;]{0,60},)?\s+(?:porte|portera|porterait|portait)"
    r"\s+sur\s+(?:\p{L}+\s+){0,2}\Z|"
    # `l'opération « mobiliserait environ 670 millions »`, `la transaction coûtera 2 Md€`, `s'élève à`
    r"(?:l['’]|cette\s+|la\s+)(?:opération|transaction)(?:\s*,[^,.;]{0,60},)?\s*[«“\"]?\s*(?:mobilis\w+|co[ûu]t\w+|"
    r"représent\w+|s['’]él[eè]v\w+\s+à|atteint|atteindr\w+)\s+(?:\p{L}+\s+){0,2}\Z|"
    # `une opération de plus de 12 milliards`, `une transaction d'un montant de 2 Md€`
    r"(?:une|l['’]|cette)\s*(?:opération|transaction)\s+(?:\p{Ll}+\s+)?(?:de|d['’]\s*un\s+montant\s+de|"
    r"évaluée\s+à|estimée\s+à|chiffrée\s+à)\s+(?:(?:plus|près|moins)\s+de\s+|environ\s+|quelque\s+)?\Z|"
    # `la transaction, d'un montant de 2,1 milliards, …`
    r"(?:l['’]|cette\s+|la\s+)(?:opération|transaction)\s*,\s*d['’]\s*un\s+(?:montant|coût|prix)\s+(?:total\s+|global\s+)?(?:de|d['’])\s*"
    r"(?:(?:plus|près|moins)\s+de\s+|environ\s+|quelque\s+)?\Z|"
    # `le montant de la transaction n'a pas été dévoilé, mais des sources l'estiment à 45 M€`
    r"(?:montant|prix|coût|valeur)\s+(?:total\s+|global\s+)?(?:de\s+l['’]opération|de\s+la\s+transaction)"
    r"[^.;]{0,90}?(?<!\p{L})l['’](?:estim\w+|évalu\w+|chiffr\w+)\s+à\s+(?:\p{L}+\s+){0,2}\Z|"
    r"(?:montant|prix|coût|valeur)\s+(?:total\s+|global\s+)?(?:de\s+l['’]opération|de\s+la\s+transaction)"
    r"[^.;,]{0,40}\Z|"
    r"(?:l['’]opération|la\s+transaction)(?:\s*,[^,.;]{0,60},)?\s+(?:est|sera|serait|a\s+été)\s+(?:évaluée|estimée|"
    r"chiffrée)\s+à\s+(?:\p{L}+\s+){0,2}\Z", regex.V1 | regex.I)


@rule(ATTRIBUTE, "remainder_held", kinds=("percentage",))
def remainder_held(f: Figure) -> Optional[str]:
    """`X cède 60 %, les 40 % restants étant conservés par Y`: the rest is a holding,
    whatever the verb of the clause before."""
    if f.m.kind == "percentage" and "rest" in f.text[f.m.end:f.m.end + 12] and REMAINDER_HELD.match(f.after_text(80)):
        return "stake"
    return None


# the part of a price paid in cash or in warrants: `670 M€ en numéraire`, `650 M€ sous forme de warrants`,
# `financé en numéraire, pour 670 M€`, `par l'émission de bons de souscription (BSA), pour 650 M€`
_CASH = r"(?:numéraire|cash|espèces|liquide|liquidités)"  # (the words of a payment in cash, shared below)
CASH_AFTER = rx.compile(r"\A\s*,?\s*(?:payés?\s+|versés?\s+|réglés?\s+)?(?:en\s+" + _CASH + r"|"
                        r"sous\s+forme\s+de\s+(?:numéraire|cash|liquidités))(?!\p{L})", regex.V1 | regex.I)
WARRANTS_AFTER = rx.compile(r"\A\s*,?\s*(?:en\s+(?:warrants|BSA|bons\s+de\s+souscription)|sous\s+formes?\s+de\s+(?:warrants|BSA|"
                            r"bons\s+de\s+souscription))(?!\p{L})", regex.V1 | regex.I)
SHARES_AFTER = rx.compile(r"\A\s*,?\s*(?:payés?\s+|versés?\s+|réglés?\s+)?(?:en\s+(?:actions|titres|papier)|"
                          r"sous\s+forme\s+d['’]actions(?:\s+nouvelles)?)(?!\p{L})", regex.V1 | regex.I)
CASH_BEFORE = rx.compile(r"(?<!\p{L})en\s+" + _CASH + r"\s*,?\s*(?:pour|soit|à\s+hauteur\s+de)\s*\Z",
                         regex.V1 | regex.I)
WARRANTS_BEFORE = rx.compile(r"(?<!\p{L})(?:warrants|BSA|bons\s+de\s+souscription)(?:[^.;]{0,60}?)[,)]\s*(?:pour|soit|à\s+hauteur\s+de)\s*\Z",
                             regex.V1 | regex.I)

# (what the patterns below cannot match without)
COMPONENT_WORDS = ("numéraire", "cash", "espèces", "liquid", "warrant", "BSA", "bons de", "actions", "titres", "papier")
CASH_PART = rx.compile(r"(?<!\p{L})en\s+" + _CASH + r"(?!\p{L})", regex.V1 | regex.I)
SHARE_PART = rx.compile(r"(?<!\p{L})(?:en\s+(?:actions|titres|papier)|sous\s+forme\s+d['’]actions|warrants|BSA|"
                        r"bons\s+de\s+souscription)(?!\p{L})", regex.V1 | regex.I)


# the whole of an investment made in parts, and the part that puts back money received:
# `le montant total de l'investissement atteint 2,7 Md€`, `réinvestira environ 2 Md€`
TOTAL_INVESTMENT = rx.compile(r"(?<!\p{L})(?:(?:montant|coût|total)\s+(?:total\s+|global\s+)?de\s+(?:l['’]|son\s+|leur\s+)"
                              r"investissement|investissements?\s+(?:total|totaux|global|globaux|cumulés?))(?!\p{L})",
                              regex.V1 | regex.I)
REINVESTMENT = rx.compile(r"(?<!\p{L})réinvesti\w*(?!\p{L})", regex.V1 | regex.I)


@rule(ATTRIBUTE, "investment_part", kinds=("amount",))
def investment_part(f: Figure) -> Optional[str]:
    """Parts and total of one investment are not investments that disagree: the whole
    (`le montant total de l'investissement`) is `total_investment`, money received and put
    back (`réinvestira 2 Md€`) `reinvestment`."""
    before = f.before_text(100, f.clause_start())
    if "investi" not in before:
        return None
    if TOTAL_INVESTMENT.search(before):
        return "total_investment"
    if REINVESTMENT.search(before[-60:]):
        return "reinvestment"
    return None


@rule(ATTRIBUTE, "price_component", kinds=("amount",))
def price_component(f: Figure) -> Optional[str]:
    """The part of a price paid in cash, in warrants or in shares is no price of its own
    (two parts and their total are not three prices that disagree): `670 M€ en numéraire
    et 650 M€ sous forme de warrants`, `… et 300 M€ en actions`."""
    if f.m.kind != "amount" or not has_any(f.text[max(f.sent.start, f.m.start - 100):f.m.end + 40], COMPONENT_WORDS):
        return None
    # (parts come two together: `paiera 2 Md€ en numéraire`, `propose 863 M€ en numéraire, contre 859 M€
    # pour Y` are whole prices paid in cash)
    if sum(1 for m in f.doc.figures_in(f.sent.start, f.sent.end) if m.kind == "amount") < 2:
        return None
    after, before = f.after_text(40), f.before_text(100, f.sent.start)
    if CASH_AFTER.match(after) or CASH_BEFORE.search(before):
        return "cash_component" if SHARE_PART.search(f.text, f.sent.start, f.sent.end) else None
    if WARRANTS_AFTER.match(after) or WARRANTS_BEFORE.search(before):
        return "warrants" if CASH_PART.search(f.text, f.sent.start, f.sent.end) else None
    if SHARES_AFTER.match(after):
        return "share_component" if CASH_PART.search(f.text, f.sent.start, f.sent.end) else None
    return None


# the price of the deal the clause reports: `pour un montant (compris entre|de) …`, `pour un prix de …`
DEAL_AMOUNT_GAP = rx.compile(r"(?:pour|moyennant|contre)\s+(?:un|une)\s+(?:montant|prix|somme|valeur|enveloppe)"
                             r"(?:\s+(?:total|totale|global|globale))?\s+(?:compris\w*(?:\s+entre)?|situé\w*\s+entre|de|d['’]environ|"
                             r"d['’]un\s+peu\s+plus\s+de|d['’]au\s+moins|évalué\w*\s+à|estimé\w*\s+à)\s*\Z",
                             regex.V1 | regex.I)
DEAL_VERB = rx.compile(r"(?r)(?<!\p{L})(?:(?P<buy>rach[eè]t\w*|rachat\w*|acqu[ié]\w*|acquisition\w*|repren\w*|reprise|"
                       r"repris|OPA|offre\w*|port\w+\s+(?:sa|leur|la)\s+participation|mont\w+\s+au\s+capital|"
                       r"renforc\w+\s+(?:sa\s+participation|au\s+capital))|(?P<sell>c[éè]d[aeéè]\w*|cession\w*|vend(?!redi)\w*|vente))(?!\p{L})",
                       regex.V1 | regex.I)


# an offer priced per share by a valuation verb: `l'offre valorise chaque action à 18 euros`
VALUED_PER_SHARE = rx.compile(r"(?<!\p{L})valoris\w*\s+(?:chaque|l['’]|les|ses|une|chacune\s+des)\s*(?:actions?|titres?)"
                              r"(?:\s+\p{L}+){0,2}?\s+à\s+(?:environ\s+|près\s+de\s+)?\Z", regex.V1 | regex.I)


BULLET = rx.compile(r"\s*[-–•*]\s+", regex.V1)


def bullet_intro(f: Figure) -> Optional[tuple[int, int]]:
    """The span of the sentence introducing the list item the figure stands in (`le rachat
    par X :` … `- d'Opel, pour 1 320 M€,`), else None."""
    if f.si == 0 or not BULLET.match(f.text, f.sent.start, f.m.start):
        return None
    s = f.doc.index.sentences[f.si - 1]
    k = f.si - 1
    while k > 0 and BULLET.match(f.text, s.start, s.end) and not f.text[s.start:s.end].rstrip().endswith(":"):
        k -= 1  # (the items before this one)
        s = f.doc.index.sentences[k]
    return (s.start, s.end) if f.text[s.start:s.end].rstrip().endswith(":") else None


@rule(ATTRIBUTE, "bullet_of_intro", kinds=("amount",))
def bullet_of_intro(f: Figure) -> Optional[str]:
    """`PSA a officialisé le rachat par notre groupe :` / `- d'Opel, pour 1 320 M€,`: an
    amount of a list item is what the line introducing the list speaks of."""
    intro = bullet_intro(f) if f.m.kind == "amount" else None
    if intro is None:
        return None
    verb = DEAL_VERB.search(f.text, *intro)
    return None if verb is None else "acquisition" if verb.group("buy") else "sale"


@rule(ATTRIBUTE, "valued_per_share", kinds=("amount",))
def valued_per_share(f: Figure) -> Optional[str]:
    """`L'offre valorise chaque action à 18 euros`: a price per share, not a company's valuation."""
    if f.m.kind == "amount" and f.text.find("valoris", max(f.sent.start, f.m.start - 60), f.m.start) >= 0 \
            and VALUED_PER_SHARE.search(f.text, max(f.sent.start, f.m.start - 60), f.m.start):
        return "price"
    return None


@rule(ATTRIBUTE, "deal_amount", kinds=("amount",))
def deal_amount(f: Figure) -> Optional[str]:
    """`X rachète 100 % de Y pour un montant compris entre 5,8 et 6,2 milliards`:
    the amount a purchase or a sale is made for is its price, however far its verb."""
    a = max(f.sent.start, f.m.start - 60)
    if f.m.kind != "amount" or f.text.find("pour", a, f.m.start) < 0 and f.text.find("moyennant", a, f.m.start) < 0:
        return None
    if not DEAL_AMOUNT_GAP.search(f.text, max(f.sent.start, f.m.start - 60), f.m.start):
        return None
    verb = DEAL_VERB.search(f.text, f.sent.start, f.m.start)
    if verb is None:
        return None
    return "acquisition" if verb.group("buy") else "sale"


PAID_WORDS = ("vers", "débours", "pai", "pay", "dépens", "consacr", "table", "Vers", "Pai", "Pay")
# money handed over (`versera`, `débourse`, `paie`, `met sur la table`) …
PAID = rx.compile(r"(?<!\p{L})(?:vers(?:e|é|ée|és|ées|er|era|eront|erait|eraient|ent|ait|ant)|débours\w*|pai(?:e|era|eront|erait|ent)|"
                  r"pay(?:é|ée|és|ées|er|ait|ant)|dépens\w*|consacr\w*|m(?:et|ettra|ettrait|ettent|is)\s+sur\s+la\s+table)(?!\p{L})",
                  regex.V1 | regex.I)
# … for a purchase the sentence names: `pour racheter X`, `pour le rachat de X`, `dans le cadre de l'acquisition de X`
PURCHASE_FRAME = rx.compile(r"(?<!\p{L})(?:pour|afin\s+de|afin\s+d['’]|dans\s+le\s+cadre\s+(?:de\s+|d['’]|du)|en\s+vue\s+(?:de\s+|d['’]|du)|"
                            r"au\s+titre\s+(?:de\s+|d['’]|du))\s*(?:la\s+|le\s+|l['’]\s*|les\s+|ses\s+|sa\s+)?(?:rachat|acquisition|reprise|achat|"
                            r"racheter|acquérir|reprendre|acheter|s['’]offrir|actifs|titres|parts|participation)(?!\p{L})", regex.V1 | regex.I)


@rule(ATTRIBUTE, "paid_for_purchase", kinds=("amount",))
def paid_for_purchase(f: Figure) -> Optional[str]:
    """`X a déboursé 2 Md€ pour racheter Y`, `Pour le rachat de Y, X versera 670 M€ en
    numéraire`: money paid in a sentence that says what it buys is the purchase's
    price (not an investment, not a funding)."""
    if f.m.kind != "amount" or not has_any(f.text[max(f.sent.start, f.m.start - 80):f.m.start], PAID_WORDS):
        return None
    a = max(f.clause_start(), f.m.start - 80)
    if not PAID.search(f.text, a, f.m.start):
        return None
    if not PURCHASE_FRAME.search(f.text, f.sent.start, f.sent.end):
        return None
    if PER_SHARE_AFTER.match(f.after_text(20)):
        return None  # `versera 14 euros par action`: the per-share rule says it
    return "acquisition"


@rule(ATTRIBUTE, "deal_operation", kinds=("amount", "percentage"))
def deal_operation(f: Figure) -> Optional[str]:
    """In an article reporting a purchase (its lead names a buyer, or it speaks
    of a `rachat`, an `acquisition`, an `OPA`), `l'opération` and `la transaction`
    are that purchase: what they cost or cover is the acquisition (an article
    about a merger alone: nothing said)."""
    text, a = f.text, max(f.sent.start, f.m.start - 120)
    if f.m.kind not in ("amount", "percentage") or (text.find("opération", a, f.m.start) < 0
                                                    and text.find("transaction", a, f.m.start) < 0):
        return None
    if DEAL_OPERATION.search(f.text, max(f.sent.start, f.m.start - 120), f.m.start) and (
            f.doc.roles.buyer or f.doc.speaks_of_purchase):
        return "acquisition"
    return None



@rule(ATTRIBUTE, "noun_after")
def noun_after(f: Figure) -> Optional[str]:
    """A noun right after the figure names what it measures, whatever comes
    before it: `1,5 milliard de dividendes`, `15 % des droits de vote`, `2 M€ de chiffre d'affaires`."""
    t = f.trigger_after
    if t is not None and f.text[t[0]:t[1]].lower().startswith("par "):
        return None  # `1,20 euro par action`: the per-share rule reads it
    if t is not None and NOUN_AFTER.match(f.text[f.m.end:t[0]]):
        word = f.text[t[0]:t[1]].lower()
        if word.startswith("actionnaire"):
            return None  # `les deux tiers des actionnaires`: a share of people, not of a company
        if t[2] in ("stake", "acquisition") and not word.startswith("d"):
            return None  # `les deux tiers de la participation`: what is divided, not what is measured
        b = f.trigger_before
        if t[2] == "stake" and b is not None and b[2] in ("acquisition", "sale", "investment"):
            return None  # `la reprise de 100 % du capital`: the verb says what happens to the share
        got = _fits(f, t[2])
        if got in _PER_SHARE and _per_share(f):
            return _PER_SHARE[got]
        return got
    return None


@rule(ATTRIBUTE, "per_share", kinds=('amount',))
def per_share(f: Figure) -> Optional[str]:
    """`4 euros par action`, `160 pence pour chaque action Darty`: a price per
    share, or a dividend or premium per share when that is what the sentence pays."""
    if f.m.kind != "amount" or not _per_share(f):
        return None
    near = f.nearest_trigger
    return _PER_SHARE.get(near, "price")


HOLDERS_WORDS = ("actionnaire", "capital", "participation", "détient", "détiennent", "possède", "possèdent", "tour de table")
# a holding in the past up to the deal: `qui détenait jusqu'ici 9,9 %` (not `qui détient jusqu'ici`, still held)
HELD_UNTIL_NOW = rx.compile(r"(?<!\p{L})(?:détenai|possédai|contrôlai)\w*\s+(?:jusqu|auparavant|précédemment)", regex.V1 | regex.I)
# a sentence opening on the time before the deal: `Avant l'offre,`, `Avant l'opération,`, `Jusqu'ici,`
FRONTED_BEFORE = rx.compile(r"\s*(?:(?:Avant|Jusqu['’]à)\s+(?:l['’]|la\s+|le\s+|cette\s+|son\s+|sa\s+)?(?:offre|opération|OPA|"
                            r"fusion|rachat|transaction|acquisition|augmentation\s+de\s+capital|cession|introduction\s+en\s+Bourse)|"
                            r"Jusqu['’](?:ici|alors)|Auparavant|Initialement)\s*,", regex.V1)
NEGATION = rx.compile(r"(?<!\p{L})(?:pas|plus|jamais)(?!\p{L})", regex.V1)
# a purchase or a sale denied: `X ne rachète pas les 46 %`, `n'a pas cédé`, `ne va pas racheter`
NEGATED_DEAL = rx.compile(r"(?<!\p{L})(?:ne|n['’])\s*(?:(?:va|vont|a|ont|avait|avaient|compte|veut|peut|doit|souhaite)\s+)?"
                          r"(?:pas|plus|jamais)?\s*(?:rach[eè]t\w*|acqu[ié]\w*|achèt\w*|achet\w*|repren\w*|repris|c[éè]d\w*|"
                          r"vend\w*)\s*(?:pas|plus|jamais)?\s+(?:les|la|le|l['’]|ses|sa|son|leurs?)\s*(?:\p{L}+\s+){0,2}?\Z",
                          regex.V1 | regex.I)


@rule(ATTRIBUTE, "negated_deal", kinds=("percentage",))
def negated_deal(f: Figure) -> Optional[str]:
    """`X ne rachète pas les 46 % en possession de Y`: a share the text says is not
    bought is still held by whom it names (the holder's stake, no purchase)."""
    if f.m.kind != "percentage" or not has_any(f.text[f.m.end:f.m.end + 90], HOLDER_WORDS):
        return None
    m = NEGATED_DEAL.search(f.text, max(f.clause_start(), f.m.start - 70), f.m.start)
    if m is None or not NEGATION.search(m.group()):
        return None
    return "stake" if f.name_after(90, HOLDER_AFTER) else None


@rule(ATTRIBUTE, "holders_list", kinds=("percentage",))
def holders_list(f: Figure) -> Optional[str]:
    """`… premier actionnaire : le fonds X était à 20 %, le Qatar à 13 %`: a list of
    holders each with a share, in a sentence about shareholders, lists holdings."""
    b = f.before[-1] if f.before else None
    if f.m.kind != "percentage" or b is None or f.m.start - b.end > 40 or not LIST_ITEM.match(f.text[b.end:f.m.start]):
        return None
    if not has_any(f.text[f.sent.start:f.m.start], HOLDERS_WORDS):
        return None
    return "stake"


@rule(ATTRIBUTE, "trigger")
def trigger(f: Figure) -> Optional[str]:
    """The nearest trigger word before the figure (within 90 characters of its
    sentence), else right after it in the sentence; a threshold word only for
    the figure right after it (`le seuil des 30 %`)."""
    near = [t for t in f.triggers_before if not f.aside_of(t[0], t[1])]  # not `(avant cessions d'actifs)`
    for k in range(len(near) - 1, -1, -1):
        t = near[k]
        if t[2] == "threshold" and not THRESHOLD_GAP.match(f.text[t[1]:f.m.start]):
            continue
        if t[2] == "stake" and k > 0 and near[k - 1][2] in ("acquisition", "sale") and t[0] - near[k - 1][1] <= 25 \
                and HOLDING_NOUN.search(f.text, t[0], t[1]):
            return _fits(f, near[k - 1][2])  # `vendre sa part de 7 %`: the verb says what happens to it
        if t[2] == "valuation" and f.m.kind == "amount" and any(
                u[2] == "stake" and HOLDING_NOUN.search(f.text, u[0], u[1]) for u in near[:k] if u[0] >= f.clause_start()):
            return "stake_value"  # `la participation de X dans Y vaut 240 M€`
        return _fits(f, t[2])
    t = f.trigger_after
    if t is not None and t[2] != "threshold":
        return _fits(f, t[2])
    return None


@rule(ATTRIBUTE, "share_noun", kinds=('amount',))
def share_noun(f: Figure) -> Optional[str]:
    """`le titre évoluait autour de 26 euros`: a price per share in a clause about
    the shares themselves is the share price."""
    if f.m.kind == "amount" and isinstance(f.m.value, (int, float)) and f.m.value < 10_000 \
            and SHARE_NOUN.search(f.text, f.clause_start(), f.m.start):
        return "share_price"
    return None


@rule(ATTRIBUTE, "held_percentage", kinds=('percentage',))
def held_percentage(f: Figure) -> Optional[str]:
    """`se positionner à 27 % de Lagardère`: a share of a named company is a holding."""
    if f.m.kind != "percentage":
        return None
    if f.after and OBJECT_DE.match(f.text[f.m.end:f.after[0].start]) and not f.after[0].person:
        return "stake"
    if SHARE_OF_COMPANY.match(f.after_text(40)):
        return "stake"  # `10 % du groupe fusionné pour Kappa`
    if f.after and DANS_AFTER.match(f.after_text(40)) and not f.after[0].person:
        return "stake"  # `fort de ses 35 % dans Lumio`
    return None


@rule(ATTRIBUTE, "same_sentence")
def same_sentence(f: Figure) -> Optional[str]:
    """`33 % pour X et 33 % pour Y`: a figure with no trigger of its own
    measures what the sentence's previous figure of its kind measured (a
    threshold is never passed on)."""
    got = f.clauses.last_attribute.get(f.m.kind)
    return None if got == "threshold" else got
