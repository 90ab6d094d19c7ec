"""French numbers: digits with French typography, number words, scale words.

`44,4` is 44.4 (comma decimal); thousands are grouped by a space, a no-break
space, a narrow no-break space or a dot (`100 000`, `100.000`, `1.200.000`);
`44.4` written the English way is still 44.4 (a dot followed by exactly three
digits is a thousands separator, anything else a decimal point).
"""
from __future__ import annotations

import math
from typing import Optional


from .vocab import HUNDRED_WORDS, NUMBER_WORDS, SCALES, SP, THOUSAND_WORDS, UNITS_WORDS, alternation
from . import rx

# A number in digits.  Order matters: grouped forms before plain ones.
DIGITS_RE = (
    r"(?:"
    r"\d{1,3}(?:" + SP + r"\d{3})+(?:,\d+)?(?!\d)"   # 100 000 / 1 200 000,5
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.]\d)"        # 100.000 / 1.200.000
    r"|\d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?(?!\d)"         # 1'500'000 / 1'500.50 (Swiss)
    r"|\d+(?:[,.]\d+)?"                                # 44,4 / 44.4 / 2014
    r")"
)

_NUMWORD = alternation(NUMBER_WORDS)
NUMWORD_RE = _NUMWORD
# the first word may open a sentence (`Deux millions…`); listing the capitalised
# forms is much cheaper to scan for than a case-insensitive pattern
_FIRST_NUMWORD = alternation(set(NUMBER_WORDS) | {w.capitalize() for w in NUMBER_WORDS} | {w.upper() for w in NUMBER_WORDS})
# A run of number words joined by hyphens, spaces or `et` (`vingt et un`,
# `quatre-vingt-dix`, `deux cent cinquante mille`).
WORDS_RE = (
    r"(?:" + _FIRST_NUMWORD + r"(?:(?:-|\s+|\s+et\s+|-et-)" + _NUMWORD + r")*"
    # `dix-sept virgule cinq`: decimals said in words
    r"(?:\s+virgule\s+" + _NUMWORD + r"(?:(?:-|\s+|\s+et\s+|-et-)" + _NUMWORD + r")*)?)(?![\p{L}-])"
)

_GROUP_SEP = rx.compile(SP)
_ONE_DOT_GROUP = rx.compile(r"\d{1,3}\.\d{3}")


def parse_digits(s: str) -> Optional[float]:
    """Value of a digit string written the French (or English) way."""
    s = _GROUP_SEP.sub("", s)
    if "'" in s or "’" in s:                 # 1'500.50: the Swiss group with apostrophes
        s = s.replace("'", "").replace("’", "").replace(",", ".")
    if "." in s and "," in s:                # 1.200.000,5
        s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", ".")
    elif s.count(".") > 1 or _ONE_DOT_GROUP.fullmatch(s):
        s = s.replace(".", "")               # dot as thousands separator
    try:
        x = float(s)
    except ValueError:
        return None
    # 400 digits overflow a float: such a "number" has no value to give
    return x if math.isfinite(x) else None


_SPLIT_WORDS = rx.compile(r"-et-|\s+et\s+|-|\s+")


def parse_words(s: str) -> Optional[float]:
    """Value of French number words: `soixante-dix` 70, `quatre-vingt-dix` 90,
    `deux cent cinquante mille` 250000, `trois virgule zéro cinq` 3.05."""
    whole, sep, decimals = s.lower().partition("virgule")
    if sep:
        a, b = parse_words(whole), parse_words(decimals)
        if a is None or b is None:
            return None
        words = decimals.split()
        zeros = next((i for i, w in enumerate(words) if w != "zéro"), len(words))  # `virgule zéro cinq`: 0.05
        return float(f"{int(a)}.{'0' * zeros}{int(b)}")
    tokens = [t for t in _SPLIT_WORDS.split(s.lower()) if t]
    if not tokens or any(t not in NUMBER_WORDS for t in tokens):
        return None
    total, current = 0, 0
    for i, t in enumerate(tokens):
        if t in UNITS_WORDS:
            v = UNITS_WORDS[t]
            # `quatre-vingt(s)`: four times twenty
            if v == 20 and i > 0 and tokens[i - 1] == "quatre":
                current += 80 - 4
            else:
                current += v
        elif t in HUNDRED_WORDS:
            current = (current or 1) * 100
        elif t in THOUSAND_WORDS:
            total += (current or 1) * 1000
            current = 0
    return float(total + current)


def parse_number(s: str) -> Optional[float]:
    s = s.strip()
    if not s:
        return None
    if s[0].isdigit():
        return parse_digits(s)
    return parse_words(s)


def scale_of(word: Optional[str]) -> float:
    """Multiplier of a scale word or abbreviation; 1 when there is none."""
    if not word:
        return 1.0
    w = word.strip().lower()
    return SCALES.get(w, 1.0)


def clean_number(x: float) -> float | int:
    """Integral floats become ints in the output (`75000000`, not `75000000.0`),
    and float noise from scaling (1.2 * 1e9) is rounded away."""
    if x != x or x in (float("inf"), float("-inf")):
        return x
    r = round(x, 6)
    if r == int(r) and abs(r) < 2**63:
        return int(r)
    return r
