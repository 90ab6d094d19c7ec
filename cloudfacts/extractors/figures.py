"""Percentages, money amounts and counted quantities (SPEC §2).

Every number in the text (digits or French number words) is an *atom*; the
rules below look at what stands after it (a scale word, `%`, a currency, a
counted noun) and before it (`entre`, `de`, a qualifier) to decide what it is.
Each rule has a name that goes into the mention's `rule` field.
"""
from __future__ import annotations


import bisect
from collections import Counter
from functools import lru_cache
from itertools import compress
from typing import Iterator, Optional

import regex

from ..model import Candidate
from ..numbers import DIGITS_RE, WORDS_RE, clean_number, parse_number, scale_of
from ..vocab import NUMBER_WORDS
from ..text import TextIndex, WordMemo, words_of
from ..vocab import (APOS, COUNT_ADJECTIVES, CURRENCY_CODES, CURRENCY_SYMBOLS, CURRENCY_WORDS, FRACTIONS, MINOR_UNITS,
                     MONEY_NOUNS,
                     NOT_COUNTED, VERB_ENDINGS, QUALIFIERS_AFTER, QUALIFIERS_BEFORE, SCALE_ABBR_RE,
                     SCALE_WORDS_RE, UNITS_WORDS)
from .. import rx

V = regex.V1
TIMEOUT = 2.0  # seconds; every pattern here is linear, the timeout is a safety net

ATOM = rx.compile(
    r"(?<![\p{L}\d]|\d[,.]|[,.]\d)"
    r"(?:(?P<sign>(?<![^\s(\[])[-−+])?(?P<digits>" + DIGITS_RE + r")"
    r"|(?P<words>" + WORDS_RE + r"))",
    V, timeout=TIMEOUT)

# What may follow an atom --------------------------------------------------
_CUR_WORDS = "|".join(f"(?P<cw{i}>{p})" for i, (p, _) in enumerate(CURRENCY_WORDS))
_CUR_CODES = "|".join(CURRENCY_CODES)
_DE = r"(?:de\s+|d" + APOS + r"\s*)"
_SPACE_DE = rx.compile(r"\s*" + _DE, V)  # `12 d'euros` needs a scale word before `de`

# `millions`, `milliards`… possibly followed by `de`/`d'` (`75 millions d'euros`)
SCALE_WORD = rx.compile(r"\s*(?P<scale>" + SCALE_WORDS_RE + r")(?!\p{L})", V | regex.I)
# `M€`, `Md€`, `k€`, `Mds d'euros`: an abbreviation only counts before a currency
SCALE_ABBR = rx.compile(
    r"[ \u00a0\u202f]?(?P<scale>" + SCALE_ABBR_RE + r")(?=[ \u00a0\u202f]?(?:[€$£]|(?:"
    + _CUR_CODES + r")\b|" + _DE + r"?(?:euros?|dollars?|livres?|francs?)\b))",
    V,
)
CURRENCY = rx.compile(
    r"[ \u00a0\u202f]*(?:(?:de[ \u00a0\u202f]+)?(?P<sym>€|US\$|C\$|CA\$|\$[ \u00a0]?CAN?(?!\p{L})|\$[ \u00a0]?US(?!\p{L})|\$|£|¥)|(?:de[ \u00a0\u202f]+)?(?P<code>" + _CUR_CODES + r")(?!\p{L})|"
    + _DE + r"?(?i:" + _CUR_WORDS + r")(?!\p{L}))",
    V,
)
PERCENT = rx.compile(
    r"[ \u00a0\u202f]*(?:%|(?i:pour[ \u00a0-]?cents?|pourcents?)(?!\p{L})|p\.[ \u00a0]?100(?!\d)|p\.[ \u00a0]?c\.(?!\p{L})"
    r"|(?i:pour)[ \u00a0]100(?!\d|[ \u00a0\u202f]+(?!des|du|de|d" + APOS + r")\p{Ll}{3,})"
    r"|(?P<mille>‰|(?i:pour[ \u00a0]mille)(?!\p{L})))",
    V,
)
# a counted noun, possibly after `de` (after a scale word) and an adjective
NOUN = rx.compile(
    r"[ \u00a0\u202f]+(?P<de>" + _DE + r")?(?:(?P<adj>\p{Ll}+)[ \u00a0]+)?(?P<noun>\p{Ll}[\p{Ll}\-]*\p{Ll}{2})(?![\p{L}\d'’])",
    V,
)
ORDINAL_OR_TIME = rx.compile(
    r"(?:er|re|ère|e|ème|è|nd|nde)(?!\p{L})|[ \u00a0]?h[ \u00a0]?\d{0,2}(?!\p{L})|:\d\d|/\d",
    V,
)
GLUED_LETTER = rx.compile(r"\p{L}", V)
# where a number in digits may start (the sign is checked by ATOM itself)
_DIGIT_START = rx.compile(r"(?<![\p{L}\d,.])\d", V)
_AFTER_SMALL_WORD = rx.compile(r"[ \u00a0\u202f]*(?:-|(?i:virgule|milli|billion|pour|p\.|euro|dollar|livre|franc|yen|yuan|mille|pence|penny|centime)|[%€$£¥])", V)

# What may stand before an atom --------------------------------------------
# one pattern for all qualifiers: a named group per qualifier (names may repeat);
# anchored at the end, it searches right to left (`(?r)`), trying the end first
_QUAL_BEFORE = rx.compile(
    r"(?r)(?:^|(?<=[\s(«\"“'’]))(?:" + "|".join(f"(?P<{q}>{p})" for p, q in QUALIFIERS_BEFORE) + r")\s*\Z",
    V | regex.I, timeout=TIMEOUT)
# (one pattern, a named group per qualifier, as before the figure)
_QUAL_AFTER = rx.compile(r"[\s,]*(?:" + "|".join(f"(?P<{q}>{p})" for p, q in QUALIFIERS_AFTER) + r")(?!\p{L})",
                         V | regex.I, timeout=TIMEOUT)
RANGE_ENTRE = rx.compile(r"(?:^|(?<=[\s(]))(?P<w>entre)\s+\Z", V | regex.I)
RANGE_DE = rx.compile(r"(?:^|(?<=[\s(]))(?P<w>de|d" + APOS + r")\s*\Z", V | regex.I)
RANGE_LINK_ET = rx.compile(r"\s+et\s+", V)
RANGE_LINK_A = rx.compile(r"\s+(?:à|a)\s+", V)
RANGE_LINK_DASH = rx.compile(r"[ \u00a0\u202f]?[-–][ \u00a0\u202f]?(?=\d)", V)  # `10 - 20 euros`, `15-25 €`
_LINK_FIRST = frozenset("-–")  # (what may follow a figure directly in a range: `15-25 €`)
_LINK_SECOND = frozenset("eEàÀaA-–")  # (after a blank: `et`, `à`, `a`, a dash; or more blanks)
_ANY_LINK = rx.compile(r"\s+(?:et|à|a)\s+", V)  # what either link starts with

FRACTION = rx.compile(
    r"(?<!\p{L})(?P<det>(?i:la|une?|les|des|deux|trois|quatre|cinq|sept|neuf)(?:\s+(?P<n>deux|trois|quatre|cinq|sept|neuf))?)\s+"
    r"(?P<frac>moitié|tiers|quarts?|cinquièmes?|dixièmes?)(?![\p{L}-])",
    V, timeout=TIMEOUT)


# `un tiers` after these is a third party (`à un tiers`, `d'un tiers`, `par un tiers`)
# unless a `de` follows (`à un tiers du capital` is a third of it)
_THIRD_PARTY_BEFORE = rx.compile(r"(?:(?<!\p{L})d" + APOS + r"|(?<!\p{L})(?:à|par|pour|avec|envers|entre)\s+)\Z", V)
_OF_AFTER = rx.compile(r"\s+(?:de|du|des|d" + APOS + r")(?!\p{L})", V)

# the currency words that name a hundredth of their currency (pence, centimes)
_MINOR = {f"cw{i}" for i, (p, _) in enumerate(CURRENCY_WORDS) if p in MINOR_UNITS.values()}
# what a currency after a number may start with, once blanks and `de` are passed: a symbol, a
# capital (an ISO code, `US$`), or the first letters of a currency's name (`eur`, `dol`, `fra`…)
_CUR_STEMS = frozenset(p[:3].lower() for p, _ in CURRENCY_WORDS)
assert all(stem.isalpha() for stem in _CUR_STEMS), "a currency word pattern must start with three letters"


def _currency_may_follow(text: str, pos: int) -> bool:
    """Cheaper than the currency pattern: False where no currency can follow (most counts)."""
    n = len(text)
    k = pos
    while k < n and text[k].isspace():
        k += 1
    if text.startswith(("de", "De", "DE"), k) and k + 2 < n and text[k + 2].isspace():
        k += 2
        while k < n and text[k].isspace():
            k += 1
    elif text.startswith(("d'", "d’", "D'", "D’"), k):
        k += 2
        while k < n and text[k].isspace():
            k += 1
    c = text[k:k + 1]
    return bool(c) and (c in "€$£¥" or c.isupper() or text[k:k + 3].lower() in _CUR_STEMS)


_ISO_OF_GROUP = {f"cw{i}": iso for i, (_, iso) in enumerate(CURRENCY_WORDS)}
# the hundredths after a whole amount: `15 dollars et 15 cents`, `3 livres et 20 pence`,
# `12 euros 50` (a sentence or clause ends after the two digits)
_MINOR_AFTER = rx.compile(
    r"[ \u00a0\u202f]+et[ \u00a0\u202f]+(?:(?P<n>\d{1,2})[ \u00a0\u202f]*|(?P<w>\p{Ll}+(?:-\p{Ll}+)*)[ \u00a0\u202f]+)"
    r"(?P<u>cents?|centimes?|pence)(?!\p{L})"
    r"|[ \u00a0\u202f]+(?P<n>\d\d)(?![\d\p{L}]|[.,]\d|[ \u00a0\u202f]*[%‰€$£\d\p{L}(])"
    # `trois euros cinquante`
    r"|[ \u00a0\u202f]+(?P<w>(?:dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante"
    r"|quatre-vingt)[\p{L}\-]*)(?=[ \u00a0\u202f]*(?:[.,;:!?)»]|$))", V)
_AND_HALF = rx.compile(r"[ \u00a0\u202f]+et[ \u00a0\u202f]+demie?(?!\p{L})", V)
_MINOR_OF = {"cent": ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "EUR"), "cen": ("EUR", "CHF", "FRF", "BEF", "LUF"),
             "pen": ("GBP",)}


def _add_minor(text: str, r: "_Reading") -> None:
    """`15 dollars et 15 cents` is 15.15 USD: the hundredths join the whole amount."""
    if r.scale != 1.0 or r.number != int(r.number) or r.rule == "amount_minor_unit":
        return
    mm = _MINOR_AFTER.match(text, r.end)
    if mm is None:
        return
    u = (mm.group("u") or "").lower()
    if u and r.unit not in _MINOR_OF["cent" if u.startswith("cent") and not u.startswith("centi") else u[:3]]:
        return
    n = parse_number(mm.group("w")) if mm.group("w") else int(mm.group("n"))
    if n is None or not 0 < n < 100:
        return
    r.number += n / 100
    r.end, r.rule = mm.end(), "amount_with_hundredths"


def _is_minor(m: regex.Match) -> bool:
    return m.lastgroup in _MINOR


def _currency_of(m: regex.Match) -> str:
    if m.group("sym"):
        return CURRENCY_SYMBOLS[m.group("sym").replace("\u00a0", "").replace(" ", "")]
    if m.group("code"):
        return CURRENCY_CODES[m.group("code")]
    return _ISO_OF_GROUP.get(m.lastgroup, "EUR")


# the first letter of every qualifier after a figure (`environ`, `au plus`, `tout au moins`, `maximum`, `min.`)
_QUAL_AFTER_FIRST = frozenset("aemt")


def qualifier_before(text: str, start: int) -> Optional[str]:
    tail = text[max(0, start - 40):start]
    # (every qualifier ends with one of a few words: most figures have none of them before)
    end = len(tail.rstrip())
    at = _word_start(tail, end)
    word = tail[at:end].lower()
    if word in ("de", "du") or not word and tail[:end].endswith(("d'", "d’", "D'", "D’")):
        # `de 20 %` is most often no qualifier: only after `plus`, `près`, `autour`… (`plus de`, `près d'`)
        end = len(tail[:at if word else end - 2].rstrip())
        if tail[_word_start(tail, end):end].lower().rpartition("-")[2] not in _BEFORE_DE:
            return None
    elif word not in _QUAL_LAST_WORDS and not tail[:end].endswith(("'", "’", "~")):
        return None
    m = _QUAL_BEFORE.search(tail)
    return m.lastgroup if m else None


def _word_start(s: str, end: int) -> int:
    """Where the word ending at `end` starts: after a blank, a bracket, a quote or an apostrophe."""
    i = end
    while i and s[i - 1] not in _WORD_BREAKS and not s[i - 1].isspace():
        i -= 1
    return i


_WORD_BREAKS = frozenset("(«\"“'’")
# the word before `de` (`d'`, `du`) in a qualifier (`un peu plus de`, `au-delà de`, `de l'ordre de`, `autour du`)
_BEFORE_DE = frozenset({"plus", "moins", "minimum", "maximum", "partir", "delà", "près", "proche", "proches", "autour",
                        "alentours", "ordre"})
# the last word of each qualifier before a figure (`plus de`, `au moins`, `jusqu'à`, `ne dépasse pas les`)
_QUAL_LAST_WORDS = frozenset({"de", "du", "moins", "minimum", "plus", "maximum", "à", "a", "dès", "près", "presque", "environ", "quelque", "approximativement", "quasiment",
                              "modo", "les", "le", "la", "pas", "guère", "jamais"})


def _qualifier_after(text: str, end: int) -> Optional[str]:
    k, n = end, min(len(text), end + 20)
    while k < n and (text[k].isspace() or text[k] == ","):
        k += 1
    if text[k:k + 1].lower() not in _QUAL_AFTER_FIRST:  # (`environ`, `au plus`, `tout au moins`, `maximum`, `min.`)
        return None
    m = _QUAL_AFTER.match(text, end, n)
    return m.lastgroup if m else None


class _Reading:
    """What one atom turned out to be, with the extent of its suffixes."""

    __slots__ = ("start", "end", "number", "scale", "unit", "kind", "rule", "noun_end",
                 "is_words", "has_scale_word", "money", "franc")

    def __init__(self, start: int, end: int, number: float, is_words: bool) -> None:
        self.start, self.end, self.number, self.is_words = start, end, number, is_words
        self.scale = 1.0
        self.unit: Optional[str] = None
        self.kind: Optional[str] = None
        self.rule = ""
        self.noun_end = end
        self.has_scale_word = False
        self.money = False  # followed by a money noun: an amount whatever the sentences around say
        self.franc = False  # `86 francs`: which franc, the article says


_FOLLOWERS = "%‰€$£¥:/"


def _read_atom(text: str, m: regex.Match) -> Optional[_Reading]:
    raw = m.group("digits") or m.group("words")
    number = parse_number(raw)
    if number is None:
        return None
    if m.group("sign") in ("-", "−"):
        number = -number
    pos = m.end()
    if m.group("words") and number < 10 and not _AFTER_SMALL_WORD.match(text, pos):
        return None  # `un`, `deux`… only count before a scale, a currency or `pour cent`
    r = _Reading(m.start(), pos, number, bool(m.group("words")))
    # a scale, a unit, a currency, a noun, an ordinal or a time all start with a
    # letter or one of these signs: a number followed by anything else stands alone
    k = pos
    while k < len(text) and text[k].isspace():
        k += 1
    if k == len(text) or not (text[k].isalpha() or text[k] in _FOLLOWERS):
        return r
    if m.group("digits"):
        if ORDINAL_OR_TIME.match(text, pos):
            return None
    # scale
    sm = SCALE_WORD.match(text, pos) or SCALE_ABBR.match(text, pos)
    if sm:
        r.scale = scale_of(sm.group("scale"))
        r.has_scale_word = sm.re is SCALE_WORD.compiled
        pos = sm.end()
        hm = _AND_HALF.match(text, pos) if r.has_scale_word else None
        if hm:  # `deux millions et demi d'euros`: 2.5 millions
            r.number += 0.5
            pos = hm.end()
    # a letter glued to the number (4G) that is not a scale abbreviation
    if m.group("digits") and pos == m.end() and GLUED_LETTER.match(text, pos):
        return None
    pm = PERCENT.match(text, pos)
    if pm and r.scale == 1.0:
        r.kind, r.unit, r.end, r.rule = "percentage", "%", pm.end(), "percent_sign" if "%" in pm.group() else "percent_words"
        if pm.group("mille"):  # `7 ‰`, `7 pour mille`: 0.7 %
            r.scale, r.rule = 0.1, "per_mille"
        return r
    cm = CURRENCY.match(text, pos) if _currency_may_follow(text, pos) else None
    if cm and (cm.group("sym") or cm.group("code") or r.scale != 1.0 or not _SPACE_DE.match(text, pos)):
        r.kind, r.unit, r.end = "amount", _currency_of(cm), cm.end()
        r.rule = "amount_symbol" if (cm.group("sym") or cm.group("code")) else "amount_words"
        if _is_minor(cm):  # `170 pence` is 1.70 GBP
            r.scale /= 100
            r.rule = "amount_minor_unit"
        return r
    r.end = pos
    nm = NOUN.match(text, pos)
    if nm:
        noun, adj = nm.group("noun"), nm.group("adj")
        if adj and adj not in COUNT_ADJECTIVES:
            noun, adj = adj, None
            noun_end = nm.start("adj") + len(noun)
        else:
            noun_end = nm.end("noun")
        # after `millions` a counted noun needs `de` (`3 millions d'abonnés`),
        # elsewhere it must not have one (`10 000 de` is not French)
        needs_de = r.has_scale_word and r.scale != 1e3
        de_ok = needs_de == bool(nm.group("de"))
        if de_ok and noun.lower() in ("franc", "francs"):
            # `86 francs`, `9 milliards de francs`: Swiss or CFA francs when the article writes them so, else French
            r.kind, r.rule, r.money, r.franc = "amount?", "amount_franc", True, True
            r.end = noun_end
            return r
        if de_ok and needs_de and noun.lower() in MONEY_NOUNS:  # `1,5 milliard de dividendes`
            r.kind, r.rule, r.money = "amount?", "amount_implied_currency", True
            return r
        if noun in ("point", "points") and text.startswith(" de vente", noun_end):
            noun, noun_end = "points de vente", noun_end + len(" de vente")
        if de_ok and noun.lower() not in NOT_COUNTED and not noun.lower().endswith(VERB_ENDINGS) \
                and not (r.is_words and abs(number * r.scale) < 10) \
                and (abs(number * r.scale) < 2 or _plural(noun)):
            r.kind, r.unit, r.rule = "quantity", singular(noun.lower()), "count_noun"
            r.noun_end = r.end = noun_end
            return r
    if r.has_scale_word:
        r.kind, r.rule = "amount?", "amount_implied_currency"
        return r
    return r


def _plural(noun: str) -> bool:
    """Whether a noun can be the plural a count of two or more takes (`300 salariés`,
    `12 bureaux`, `40 start-up`): not `300 manifestent`, `9 hier`, `16 prévoit`."""
    head = noun.split(" ", 1)[0].lower()
    return head.endswith(("s", "x", "z")) or "-" in head or head in _INVARIABLE


_INVARIABLE = {"mois", "fois", "pays", "prix", "cas", "bras", "corps", "fonds", "souris",
               "processus", "poids", "choix", "voix", "temps", "discours", "concours",
               "parcours", "recours", "secours", "avis", "colis", "succès", "accès", "progrès",
               "procès", "abus", "virus", "campus", "bus", "gaz", "nez", "os", "tiers"}


def singular(noun: str) -> str:
    """Singular of a French plural noun, by the regular rules (`emplois` →
    `emploi`, `journaux` → `journal`, `bureaux` → `bureau`); in a compound
    (`points de vente`) only the head noun changes."""
    if " " in noun:
        head, _, rest = noun.partition(" ")
        return singular(head) + " " + rest
    if noun in _INVARIABLE or len(noun) <= 3:
        return noun
    if noun.endswith(("eaux", "eux", "aux")) and noun.endswith("eaux"):
        return noun[:-1]
    if noun.endswith("aux") and noun not in ("travaux",):
        return noun[:-3] + "al"
    if noun == "travaux":
        return "travail"
    if noun.endswith(("eux", "oux")):
        return noun[:-1]
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


# a figure that changes: `porter sa participation de 12 % à 25 %`, `le taux passe de 3 % à 4 %`
_CHANGE_BEFORE = rx.compile(r"(?<!\p{L})(?:port\w*|pass\w*|relev\w*|augment\w*|rédui\w*|abaiss\w*|mont\w*|grimp\w*|"
                            r"bondi\w*|chut\w*|recul\w*|hausse|baisse|progress\w*|ramen\w*|diminu\w*|accru\w*|"
                            r"accroî\w*|gonfl\w*|croît|cro[iî]tr\w*|évolu\w*)(?!\p{L})", V)


# verbs whose `de … à …` is always a start and an end (`passer de 150 000 à 180 000 euros`), never a range
_FROM_TO_BEFORE = rx.compile(r"(?<!\p{L})(?:pass\w*|port(?:e|é|ée|és|ées|er|ant|era|erait|ait)|ramen\w*|hiss\w*)(?!\p{L})", V)


def _changes_before(text: str, start: int, pattern: regex.Pattern = _CHANGE_BEFORE) -> bool:
    """A verb or noun of change stands before `start` in its sentence (100 characters at most)."""
    a = max(0, start - 100)
    stop = max(text.rfind(". ", a, start), text.rfind("\n", a, start))
    return pattern.search(text, stop + 1 if stop >= 0 else a, start) is not None


def _range_after(text: str, first: _Reading, link: regex.Pattern, pos: Optional[int] = None) -> Optional[_Reading]:
    """The second bound of a range whose first bound is `first` (ending at `pos`)."""
    if pos is None:
        pos = first.end if first.kind in ("percentage", "amount") else _number_end(text, first)
    lm = link.match(text, pos)
    if not lm:
        return None
    am = ATOM.match(text, lm.end())
    if not am:
        return None
    second = _read_atom(text, am)
    if second is None or second.kind not in ("percentage", "amount"):
        return None
    return second


# a currency written before the number (SPEC §2): a symbol glued or spaced, or an ISO code
_CURRENCY_BEFORE = rx.compile(r"(?:(?<![\p{L}\d])(?P<code>" + _CUR_CODES + r")|(?P<sym>US\$|C\$|A\$|CA\$|[€$£¥]))"
                              r"[ \u00a0\u202f]?\Z", V)


def _currency_first(text: str, r: _Reading) -> None:
    """`€15,5`, `$75 millions`, `EUR 20`: an amount in the currency before the number
    (and no count of a noun: `$10 auprès de` is 10 dollars, not ten `auprè`)."""
    cm = _CURRENCY_BEFORE.search(text, max(0, r.start - 4), r.start)
    if cm is None or text[max(0, cm.start() - 3):cm.start()].rstrip()[-1:].isdigit():
        return  # (`12 € 50`: the sign is the number before's)
    sym = cm.group("sym")
    if r.kind == "quantity":
        r.end = _number_end(text, r)  # the word after was no counted noun
    r.unit = CURRENCY_SYMBOLS[sym] if sym else CURRENCY_CODES[cm.group("code")]
    r.kind, r.rule = "amount", "amount_currency_first"
    r.start = cm.start()


def _number_end(text: str, r: _Reading) -> int:
    m = ATOM.match(text, r.start)
    end = m.end() if m else r.start
    sm = SCALE_WORD.match(text, end)
    return sm.end() if sm else end




def _opens_number(word: str) -> bool:
    """`deux`, `Trois`, `quarante-quatre`: a word a number in words starts with."""
    return word.lower().split("-")[0] in NUMBER_WORDS


_OPENS_NUMBER = WordMemo(_opens_number)


@lru_cache(maxsize=65536)
def _small_number_word(word: str) -> bool:
    """`un`, `Une`, `neuf`: a one-word number below ten."""
    value = parse_number(word.lower())
    return value is not None and value < 10


def extract_figures(text: str, index: TextIndex, tokens=None) -> list[Candidate]:
    """All percentage, amount and quantity candidates of a text.  `tokens` (the
    names tokenizer's) lets number words be found without a scan."""
    out: list[Candidate] = []
    implied: list[_Reading] = []
    # candidate starts: digits found by a cheap scan, number words found among
    # the tokens when the caller has them (scanning for ~100 words is costly)
    if tokens is not None:
        opens = list(map(_OPENS_NUMBER.__getitem__, words_of(tokens)))
        n_tok = len(tokens)
        # `un`, `deux`…: a number below ten only counts before another number
        # word, a scale, a currency or `pour cent` (see _read_atom): the many
        # articles `un`, `une` are left out here already
        word_starts = [tokens[i].start for i in compress(range(n_tok), opens)
                       if not _small_number_word(tokens[i].text)
                       or (i + 1 < n_tok and opens[i + 1]) or _AFTER_SMALL_WORD.match(text, tokens[i].end)]
        digit_starts = [m.start() for m in _DIGIT_START.finditer(text, timeout=TIMEOUT)]
        signs = [d - 1 for d in digit_starts if d and text[d - 1] in "-−+"]  # `-76 %`
        starts = sorted(set(word_starts) | set(digit_starts) | set(signs))
    else:
        starts = None
    pos = 0
    k = 0
    while True:
        if starts is None:
            m = ATOM.search(text, pos)
        else:
            m = None
            while k < len(starts) and m is None:
                if starts[k] >= pos:
                    m = ATOM.match(text, starts[k])
                k += 1
        if m is None:
            break
        pos = m.end()
        r = _read_atom(text, m)
        if r is None:
            continue
        if r.kind in (None, "amount?", "quantity") and r.start and not r.is_words:
            _currency_first(text, r)  # `€2,2 milliards`, `$75 millions`, `EUR 20`, `£ 8,10 millions`
        if r.kind == "amount":
            _add_minor(text, r)
        start, end = r.start, r.end
        value, vmax = r.number * r.scale, None
        kind, unit, rule = r.kind, r.unit, r.rule
        before = text[max(0, start - 12):start]
        # ranges: `entre 450 et 500 millions d'euros`, `de 10 à 15 %`, `10 à 15 %`;
        # each needs `et` or `à` right after the first number
        link_pos = _number_end(text, r) if r.kind == "quantity" else r.end  # a count ends at its noun
        # (a link opens with `et`, `à`, `a` after a blank, or a dash: most figures are followed by neither)
        ahead = text[link_pos:link_pos + 3]
        if not ahead or (ahead[0] not in _LINK_FIRST and not (ahead[0].isspace() and (ahead[1:2] in _LINK_SECOND or ahead[1:2].isspace()))):
            links = ()
        else:
            links = ((RANGE_ENTRE, RANGE_LINK_ET, "range_entre"), (RANGE_DE, RANGE_LINK_A, "range_de_a"),
                     (None, RANGE_LINK_A, "range_a")) if _ANY_LINK.match(text, link_pos) else (
                ((None, RANGE_LINK_DASH, "range_dash"),) if RANGE_LINK_DASH.match(text, link_pos) else ())
        for opener, link, name in links:
            om = opener.search(before) if opener else None
            if opener and not om:
                continue
            if name == "range_a" and r.kind in ("percentage", "amount"):
                continue  # `25 % à 14 %` is a change, not a range
            if name == "range_de_a" and r.kind in ("percentage", "amount") and _changes_before(text, start):
                continue  # `porter sa participation dans X de 12 % à 25 %`: a change too
            second = _range_after(text, r, link, link_pos)
            if second is None or (r.kind in ("percentage", "amount") and second.kind != r.kind):
                continue
            # the scale of the second bound applies to a bare first one
            # (`entre 450 et 500 millions`), unless that makes no sense (`entre
            # 500 000 et 1 million`)
            lo_scale = r.scale if r.scale != 1.0 else (second.scale if r.number < second.number else 1.0)
            lo, hi = r.number * lo_scale, second.number * second.scale
            if name == "range_de_a" and r.kind is None and _changes_before(text, start, _FROM_TO_BEFORE):
                # `le prix est passé de 150 000 à 180 000 euros`: the first figure, in the second's unit;
                # the second is read on its own next
                value, kind, unit, rule = lo, second.kind, second.unit, "change_from"
                break
            if not lo < hi:
                continue
            if name == "range_entre":
                start = start - len(before) + om.start("w")
            end, value, vmax = second.end, lo, hi
            kind, unit, rule = second.kind, second.unit, name
            break
        if kind is None:
            continue
        if kind == "amount?":
            implied.append(r)
            continue
        qual = qualifier_before(text, start) or _qualifier_after(text, end)
        out.append(Candidate(kind=kind, start=start, end=end, rule=rule,
                             value=clean_number(value),
                             max=clean_number(vmax) if vmax is not None else None,
                             unit=unit, qualifier=qual, priority=3 if kind != "quantity" else 1))
        pos = max(pos, end)
    out.extend(_resolve_implied(text, index, implied, out))
    out.extend(_fractions(text, tokens))
    out.extend(_article_scales(text))
    out.extend(_collectives(text))
    return _article_dollars(text, out)


_OTHER_DOLLARS = ("CAD", "AUD", "NZD", "HKD", "SGD")
# a dollar written as the United States' (`US$`, `dollars américains`, `USD`): a bare `$` stays USD
_US_DOLLAR = rx.compile(r"US\s?\$|\$\s?US|USD|dollars?\s+(?:américains?|US)(?!\p{L})")


_CANADIAN = rx.compile(r"(?<!\p{L})(?:Montréal|Québec|québécois\w*|Ottawa|Toronto|Vancouver|Calgary|Ontario|ontarien\w*|"
                       r"Alberta|Canada|canadien\w*)(?!\p{L})")


def _article_dollars(text: str, out: list[Candidate]) -> list[Candidate]:
    """A bare `$` or `dollars` in an article whose dollars are another country's
    (`65 milliards $CAN` … `2 milliards de dollars`) is that country's dollar,
    when the article uses one such dollar and never the United States'; a `$`
    written after the number as Québec writes it (`640 millions $`) in an article
    set in Canada is the Canadian dollar."""
    others = {c.unit for c in out if c.kind == "amount" and c.unit in _OTHER_DOLLARS}
    if not others and "$" in text and not _US_DOLLAR.search(text) and _CANADIAN.search(text) \
            and any(c.unit == "USD" and c.kind == "amount" and text[c.end - 1:c.end] == "$" for c in out):
        others = {"CAD"}
    if len(others) != 1 or "$" not in text and "dollar" not in text or _US_DOLLAR.search(text):
        return out
    other = others.pop()
    return [c._replace(unit=other) if c.kind == "amount" and c.unit == "USD" else c for c in out]


# `une centaine de salariés`: a collective numeral, an approximate count
_COLLECTIVE_VALUES = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                      "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000}
_COLLECTIVE = rx.compile(
    r"(?<!\p{L})(?i:une?)[ \u00a0]+(?P<coll>" + "|".join(_COLLECTIVE_VALUES) + r")[ \u00a0]+d(?:e[ \u00a0]+|"
    + APOS + r")(?P<noun>\p{Ll}[\p{Ll}\-]*\p{Ll})(?![\p{L}\d'’])", V)


def _collectives(text: str) -> Iterator[Candidate]:
    for m in _COLLECTIVE.finditer(text, timeout=TIMEOUT + len(text) / 1e6):
        noun = m.group("noun")
        if noun in NOT_COUNTED or scale_of(noun) != 1.0 or CURRENCY.fullmatch(noun) or noun in MONEY_NOUNS:
            continue  # `une centaine de millions d'euros`, `une dizaine d'années`: not a count of things
        yield Candidate(kind="quantity", start=m.start(), end=m.end(), rule="count_collective",
                        value=_COLLECTIVE_VALUES[m.group("coll").lower()], unit=singular(noun),
                        qualifier="approx", priority=1)


# `la barre du milliard d'euros`, `le million de dollars`: the article stands for one
_ARTICLE_SCALE = rx.compile(
    r"(?<=(?<!\p{L})(?i:le|du|au)[ \u00a0])(?P<scale>milliard|million)(?=[ \u00a0]*" + _DE + r"(?i:" + _CUR_WORDS
    + r")(?!\p{L}))", V)


def _article_scales(text: str) -> Iterator[Candidate]:
    for m in _ARTICLE_SCALE.finditer(text, timeout=TIMEOUT + len(text) / 1e6):
        cm = CURRENCY.match(text, m.end())
        if cm is None:
            continue
        yield Candidate(kind="amount", start=m.start(), end=cm.end(), rule="amount_article_scale",
                        value=clean_number(scale_of(m.group("scale"))), unit=_currency_of(cm),
                        qualifier=qualifier_before(text, m.start()), priority=3)


_FRANCS = {"CHF", "XOF", "XAF", "BEF", "LUF", "FRF"}
# an article that writes its francs out once (`francs suisses`, `CHF`, `francs CFA`, `francs belges`)
_FRANC_WORDS = rx.compile(r"francs?\s+(suisses?|CFA|belges?|luxembourgeois)|(?<![A-Z])(CHF)(?![A-Z])")
_FRANCS_BY_WORD = {"suis": "CHF", "cfa": "XOF", "belg": "BEF", "luxe": "LUF"}
# a Swiss article (its wire, its exchange, its cities): its bare francs are Swiss
_SWISS = rx.compile(r"\((?:awp|ats|ATS|AWP)(?:/\w+)?\)|Keystone-ATS|Bourse\s+suisse|SIX\s+Swiss|(?<!\p{L})(?:Zurich|Genève|Bâle|"
                    r"Lausanne|Berne|Lugano|zurichois\w*|genevois\w*|bâlois\w*|vaudois\w*|helvétique\w*|Conseil\s+fédéral)(?!\p{L})")


def _resolve_implied(text: str, index: TextIndex, implied: list[_Reading], found: list[Candidate]) -> Iterator[Candidate]:
    """`une augmentation de capital de 1,5 milliard`: a scaled number with no
    currency takes the currency of an amount in the same or previous sentence."""
    amounts = sorted((c for c in found if c.kind == "amount"), key=lambda c: c.start)
    starts = [c.start for c in amounts]
    units = Counter(c.unit for c in amounts)
    usual = units.most_common(1)[0][0] if units else None  # the article's currency
    francs = sorted(u for u in units if u in _FRANCS)  # (CHF before XOF: one order whatever the counts)
    franc = _FRANC_WORDS.search(text) if not francs and any(r.franc for r in implied) else None
    swiss = franc is None and not francs and any(r.franc for r in implied) and _SWISS.search(text) is not None
    for r in implied:  # in order: a resolved one is the reference of the next
        si = index.sentence_index(r.start)
        k = bisect.bisect_left(starts, r.start)
        unit = None
        if r.franc:
            unit = francs[0] if francs else _FRANCS_BY_WORD.get((franc.group(1) or "suis").lower()[:4], "FRF") \
                if franc else ("CHF" if swiss else "FRF")
        elif k > 0 and si - index.sentence_index(amounts[k - 1].start) <= 1:
            unit = amounts[k - 1].unit
        elif k < len(amounts) and index.sentence_index(amounts[k].start) == si:
            unit = amounts[k].unit
        elif r.money:  # `de dividendes` says money; the article says which
            unit = usual
        if unit is None:
            continue
        c = Candidate(kind="amount", start=r.start, end=r.end, rule=r.rule or "amount_implied_currency",
                      value=clean_number(r.number * r.scale), unit=unit,
                      qualifier=qualifier_before(text, r.start), priority=2)
        amounts.insert(k, c)
        starts.insert(k, c.start)
        yield c


_FRACTION_WORDS = {"moitié", "tiers", "quart", "quarts", "cinquième", "cinquièmes", "dixième", "dixièmes"}


def _is_fraction_word(word: str) -> bool:
    return word.lower() in _FRACTION_WORDS


_IS_FRACTION_WORD = WordMemo(_is_fraction_word)


def _fraction_matches(text: str, tokens) -> Iterator[regex.Match]:
    """FRACTION's matches, left to right: over the whole text, or, with the
    text's tokens, only in a short window before each fraction word."""
    if tokens is None:
        yield from FRACTION.finditer(text, timeout=TIMEOUT)
        return
    end = 0
    for t in compress(tokens, map(_IS_FRACTION_WORD.__getitem__, words_of(tokens))):
        for m in FRACTION.finditer(text, max(end, t.start - 40), t.end + 1):
            if m.end() == t.end:
                yield m
                end = m.end()
                break


def _fractions(text: str, tokens=None) -> Iterator[Candidate]:
    for m in _fraction_matches(text, tokens):
        det, n, frac = m.group("det").lower(), m.group("n"), m.group("frac")
        parts = det.split()
        count_word = n or (parts[0] if parts[0] in UNITS_WORDS and parts[0] not in ("un", "une") else None)
        if frac.startswith("moitié"):
            if parts[0] not in ("la", "une"):
                continue
            value = 50.0
        else:
            if parts[0] in ("la", "le"):
                continue
            count = UNITS_WORDS[count_word] if count_word else 1
            if frac in ("quarts", "cinquièmes", "dixièmes") and count == 1:
                continue
            if frac == "tiers" and parts == ["un"] and _THIRD_PARTY_BEFORE.search(text[max(0, m.start() - 12):m.start()]) \
                    and not _OF_AFTER.match(text, m.end()):
                continue  # `cédé à un tiers`, `au profit d'un tiers`: a third party, not a third
            value = FRACTIONS[frac] * count
        yield Candidate(kind="percentage", start=m.start(), end=m.end(), rule="fraction",
                        value=value, unit="%", qualifier=qualifier_before(text, m.start()), priority=2)
