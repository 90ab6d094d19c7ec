"""Dates to EDTF strings (SPEC §2).

Candidates are found with the patterns below (never by scanning the whole text
with `dateparser.search`); each rule turns its match into an EDTF value with a
precision and a qualifier.  Relative expressions (`lundi`, `en mars`, `le 13
octobre dernier`, `avril de la même année`) resolve against the document's
reference date, or the year last mentioned; when nothing resolves them the value
is null rather than a guess.
"""
from __future__ import annotations

import bisect
import re
import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache, partial
from itertools import compress
from typing import Callable, Optional

import regex
from dateutil.easter import easter

from ..model import Candidate
from ..text import SpanSet, WordMemo, words_of
from ..vocab import APOS, HOLIDAYS, MONTHS, MONTHS_SHORT, ORDINALS, SEASONS, WEEKDAYS, alternation
from .. import rx
from ..numbers import NUMWORD_RE, WORDS_RE, parse_number

V = regex.V1 | regex.I
TIMEOUT = 2.0

_MONTH = alternation([m for m in MONTHS if not m.endswith(".")]) + r"(?!\p{L})"
_MONTH_ABBR = alternation([m for m in MONTHS if m.endswith(".")])
_MONTH_ANY = f"(?:{_MONTH}|{_MONTH_ABBR})"
# after a day number, a month may also be short and without its dot (`15 fév 2013`)
_MONTH_DAY = f"(?:{_MONTH}|{_MONTH_ABBR}|" + alternation(MONTHS_SHORT) + r"(?:\.|(?!\p{L})))"
_WD = alternation(WEEKDAYS) + r"(?!\p{L})"
_WD_NAMES = alternation(WEEKDAYS)
# a day in figures or in words (`le vingt-deux avril`, `le trente et un mai`)
_DAY_WORDS_ = ["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze",
               "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt", "trente"] + [
    f"{t}{j}{u}" for t in ("vingt", "trente") for j, u in ([(" et ", "un"), ("-et-", "un")] if t == "trente" else
                                                           [(" et ", "un"), ("-et-", "un")] + [("-", w) for w in (
                                                               "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")])]
_DAY = r"(?:1er|1re|premier|[12]\d|3[01]|0?[1-9](?!\d)|" + alternation(_DAY_WORDS_) + r"(?![\p{L}\-]))(?!\d)"
_DAY_NUM = r"(?:1er|1re|premier|[12]\d|3[01]|0?[1-9](?!\d))(?!\d)"
# a day in words only after a word that announces one (`le deux mars`, not `les deux mai`): checked after the match
_DAY_WORD_BEFORE = rx.compile(r"(?<!\p{L})(?:le|du|au|dès|depuis|" + _WD_NAMES + r")[ \u00a0\u202f]+\Z", V)
_WORD_DAY_RULES = ("date_month_range", "date_day_range")  # (the rules whose days may be words: `du trois au cinq juin`)
_SPAN_BEFORE = rx.compile(r"(?:(?<!\p{L})(?:de|entre)[ \u00a0\u202f]+|(?<!\p{L})d" + APOS + r")\Z", V)
# (not the number of a law or a file: `loi n° 2015-990`, `2016-1088`)
_YEAR = (r"(?<![\d\p{L},._\\]|(?<=\p{L})/|n°[ \u00a0]?|nº[ \u00a0]?|N°[ \u00a0]?)(?:1[89]\d\d|20\d\d)(?![\d\p{L}_]|[,.]\d|\.\p{L}|/\p{L}|[ \u00a0\u202f]\d{3}(?!\d)"
         r"|-\d{3}(?!\d)|-(?!(?:1[89]|20)\d\d)\d{4})")
_SP = r"[ \u00a0\u202f]+"


def _feast_pattern(name: str) -> str:
    """`fête du travail` → `[Ff]ête[ ]+du[ ]+[Tt]ravail`: a word in lower case may open with a capital."""
    def word(w):
        w = regex.escape(w).replace("'", APOS)
        return f"[{w[0].upper()}{w[0]}]{w[1:]}" if w[:1].islower() else w
    return _SP.join("-".join(word(p) for p in piece.split("-")) for piece in name.split(" "))


_HOLIDAY = "(?-i:" + "|".join(_feast_pattern(h) for h in sorted(HOLIDAYS, key=len, reverse=True)) + ")"
_HOLIDAY_CONTEXT = (r"(?<!\p{L})(?:à|au|pour|avant|après|depuis|dès|d" + APOS + r"ici|jusqu" + APOS + r"(?:à|au)|vers|du|de"
                    r"|fêtes?" + _SP + r"de|veille" + _SP + r"de|lendemain" + _SP + r"de|jour" + _SP + r"de|soir" + _SP + r"de)"
                    + _SP + r"(?:la" + _SP + r"|l" + APOS + r")?")
_HOLIDAY_BEFORE = rx.compile(_HOLIDAY_CONTEXT + r"\Z", V)
_AFTER_PERE = rx.compile(r"Père" + _SP + r"\Z", V)
# a year after a day and a month may be any the text writes (`5 décembre 1391`), or two
# digits (`1er avril 78`), but not the number of a count that follows (`le 5 mars 300 salariés`)
_NO_NOUN_AFTER = (r"(?![ \u00a0\u202f]+(?!(?:près|après|dès|sous|vers|lors|puis|depuis|alors|mais|dans|sans|plus|moins|très"
                  r"|jamais|toujours|pas|nous|vous|leurs|ses|ces|des|les|mes|tes|aux|nos|vos)(?!\p{L}))\p{Ll}{2,}[sx](?!\p{L}))")
# a year in words (`deux mille quinze`, `mille neuf cent quatre-vingt-dix-huit`, `dix-neuf cent quatre-vingt`)
_YEAR_WORDS = (r"(?:deux[ -]mille|mill?e?[ -]neuf[ -]cents?|dix-neuf[ -]cents?)(?:(?:[ -]|[ -]et[ -])" + NUMWORD_RE
               + r"(?:(?:-|-et-)" + NUMWORD_RE + r")*)?(?![\p{L}\-])" + _NO_NOUN_AFTER)
_YEAR_WRITTEN = (r"(?<![\d\p{L},.])(?:1\d{3}|2[01]\d\d)(?![\d\p{L}]|[,.]\d|[ \u00a0\u202f]\d{3}(?!\d))" + _NO_NOUN_AFTER)
_YEAR_2 = (r"(?<![\d\p{L},.])\d\d(?![\d\p{L}]|[,.:]\d|[ \u00a0\u202f]*(?:[%‰€$£]|h(?!\p{L})|heures?(?!\p{L}))"
           r"|[ \u00a0\u202f]\d)" + _NO_NOUN_AFTER)
_Q = r"(?P<q>début|fin|mi|milieu|courant)(?:" + _SP + r"|-)(?:d(?:e|" + APOS + r")" + _SP + r"?|du" + _SP + r")?"
_REL = r"(?:" + _SP + r"(?P<rel>dernier|dernière|prochain|prochaine|passé|passée))?"
# words that license a month standing alone (`en mars`, `début juillet`)
_MONTH_CONTEXT = r"(?<=(?:\b(?:en|de|dès|depuis|pour|avant|après|jusqu" + APOS + r"en|au mois de|le mois de|courant|vers|fin|début|ce|cet|mi)[ \u00a0\u202f-]+|d" + APOS + r"))"

# what may follow a day and a month: a year (written, two digits, in words), `dernier`, `prochain`
_DAY_MONTH_TAIL = (r"(?:,?" + _SP + r"(?P<y>" + _YEAR_WRITTEN + r")|" + _SP + r"(?P<yy>" + _YEAR_2 + r")|" + _SP + r"(?P<yw>"
                   + _YEAR_WORDS + r"))?" + _REL)
# `fin du mois de mars`: the month after a qualifier may be named as such
_OF_MONTH = r"(?:mois" + _SP + r"(?:de" + _SP + r"|d" + APOS + r"))?"

_SPACES = rx.compile(r"\s+", V)
_MIL = rx.compile(r"(?<!\p{L})mil(?!\p{L})", V)

QUALIFIER_OF = {"début": "start", "fin": "end", "mi": "mid", "milieu": "mid", "courant": None}


@dataclass
class _Ctx:
    ref: Optional[date]
    last_year: Optional[int] = None
    last_day: Optional[date] = None  # the last date mentioned to the day (`la veille`, `le lendemain`)


def _iso(y: int, m: Optional[int] = None, d: Optional[int] = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _month(s: str) -> int:
    low = s.lower()
    return MONTHS.get(low) or MONTHS_SHORT[low.rstrip(".")]


def _day(s: str) -> int:
    low = s.lower()
    if low in ("1er", "1re", "premier"):
        return 1
    return int(low) if low.isdigit() else int(parse_number(_SPACES.sub(" ", low)) or 0)


def _year_of_words(words: str) -> int:
    """`deux mille quinze` 2015, `mil neuf cent quatre-vingt-dix` 1990, `dix-neuf cent quatre-vingt` 1980."""
    return int(parse_number(_MIL.sub("mille", words.lower())) or 0)


def _full_year(yy: str, ctx: _Ctx) -> int:
    """A two-digit year (`78`, `16`): in the century that puts it at most ten years
    after the reference date (1950–2049 without one)."""
    n = int(yy)
    limit = ctx.ref.year + 10 if ctx.ref else 2049
    return 2000 + n if 2000 + n <= limit else 1900 + n


def _year_for_month(ctx: _Ctx, month: int, rel: Optional[str]) -> Optional[int]:
    """The year of a month named without one, from the reference date."""
    if ctx.ref is None:
        return None
    y = ctx.ref.year
    if rel and rel.lower().startswith(("dernier", "dernière", "pass")):
        return y if month < ctx.ref.month else y - 1
    if rel and rel.lower().startswith("prochain"):
        return y if month > ctx.ref.month else y + 1
    return y


def _qual(m: regex.Match) -> Optional[str]:
    q = m.groupdict().get("q")
    return QUALIFIER_OF.get(q.lower()) if q else None


# ---- builders: match, context -> (value, qualifier) -------------------------

def _b_day_month_year(m, ctx):
    d, mo = _day(m["d"]), _month(m["m"])
    if m["y"]:
        y = int(m["y"])
    elif m["yw"]:
        y = _year_of_words(m["yw"])
    elif m["yy"]:
        y = _full_year(m["yy"], ctx)
    else:
        if ctx.ref is None:
            return None, None
        y = ctx.ref.year
        rel = (m["rel"] or "").lower()
        if rel.startswith(("dernier", "pass")) and (mo, d) >= (ctx.ref.month, ctx.ref.day):
            y -= 1
        elif rel.startswith("prochain") and (mo, d) <= (ctx.ref.month, ctx.ref.day):
            y += 1
    if not _valid_day(y, mo, d):
        return None, None
    return _iso(y, mo, d), None


def _b_numeric_dmy(m, ctx):
    d, mo = int(m["d"]), int(m["m"])
    if m["y"]:
        y = int(m["y"])
    elif m["yy"]:
        y = _full_year(m["yy"], ctx)
    elif ctx.ref is not None:  # `le 22/04`: in the reference year
        y = ctx.ref.year
    else:
        return None, None
    return (_iso(y, mo, d), None) if _valid_day(y, mo, d) else (None, None)


def _b_iso(m, ctx):
    y, mo = int(m["y"]), int(m["m"])
    if m["d"]:
        d = int(m["d"])
        return (_iso(y, mo, d), None) if _valid_day(y, mo, d) else (None, None)
    return (_iso(y, mo), None) if 1 <= mo <= 12 else (None, None)


def _b_month_year(m, ctx):
    y = int(m["y"]) if m["y"] else _year_of_words(m["yw"]) if m["yw"] else _full_year(m["yy"], ctx)
    return _iso(y, _month(m["m"])), _qual(m)


def _b_month_same_year(m, ctx):
    return (_iso(ctx.last_year, _month(m["m"])) if ctx.last_year else None), _qual(m)


def _b_month_alone(m, ctx):
    mo = _month(m["m"])
    y = _year_for_month(ctx, mo, m["rel"])
    return (_iso(y, mo) if y else None), _qual(m)


def _b_season(m, ctx):
    code = SEASONS[m["s"].lower()]
    year = m.groupdict().get("y")  # `cet hiver` has none
    y = int(year) if year else (ctx.ref.year if ctx.ref else None)
    return (f"{y:04d}-{code}" if y else None), _qual(m)


def _b_part_of_year(m, ctx):
    n = ORDINALS.get((m["o"] or "").lower()) or int(m["n"] or 0)
    kind = (m["p"] or "").lower()
    if kind.startswith(("s", "h")):   # semestre / S1 / H1
        code = 39 + n if n in (1, 2) else None
    else:                      # trimestre / T1 / Q1
        code = 32 + n if 1 <= n <= 4 else None
    y = int(m["y"]) if m["y"] else (ctx.ref.year if ctx.ref else None)
    return (f"{y:04d}-{code}" if (y and code) else None), _qual(m)


def _b_year_range(m, ctx):
    a = int(m["y1"])
    b = int(m["y2"]) if m["y2"] else a // 100 * 100 + int(m["y2s"])
    return (f"{a:04d}/{b:04d}" if a < b else None), None


def _b_day_range(m, ctx):
    mo, y = _month(m["m"]), int(m["y"]) if m["y"] else (ctx.ref.year if ctx.ref else None)
    d1, d2 = _day(m["d1"]), _day(m["d2"])
    if y is None or not (_valid_day(y, mo, d1) and _valid_day(y, mo, d2)) or d1 >= d2:
        return None, None
    return f"{_iso(y, mo, d1)}/{_iso(y, mo, d2)}", None


def _b_month_range(m, ctx):
    """`du 14 avril au 20 mai 2022`: an interval across months (the first year, when
    unwritten, is the second's, or the one before across a new year)."""
    mo1, mo2 = _month(m["m1"]), _month(m["m2"])
    y2 = int(m["y2"]) if m["y2"] else (ctx.ref.year if ctx.ref else None)
    if y2 is None:
        return None, None
    y1 = int(m["y1"]) if m["y1"] else (y2 if mo1 <= mo2 else y2 - 1)
    d1, d2 = _day(m["d1"]), _day(m["d2"])
    if not (_valid_day(y1, mo1, d1) and _valid_day(y2, mo2, d2)) or (y1, mo1, d1) >= (y2, mo2, d2):
        return None, None
    return f"{_iso(y1, mo1, d1)}/{_iso(y2, mo2, d2)}", None


def _b_year_words(m, ctx):
    y = _year_of_words(m["yw"])
    return (_iso(y) if 1000 <= y <= 2199 else None), None


def _b_year(m, ctx):
    return m["y"], _qual(m)


def _after(day: date, wd: int) -> date:
    """The first weekday `wd` strictly after `day`."""
    return day + timedelta(days=(wd - day.weekday()) % 7 or 7)


def _before(day: date, wd: int) -> date:
    """The last weekday `wd` strictly before `day`."""
    return day - timedelta(days=(day.weekday() - wd) % 7 or 7)


def _b_weekday(m, ctx):
    """`lundi` (the last one, today included: press reports the past), `vendredi
    prochain`, `jeudi en huit` (a week after the next), `ce vendredi` (this week's),
    `vendredi de la semaine prochaine`; `mardi suivant`, `le lundi précédent` count
    from the date last mentioned to the day, else from the reference date."""
    if ctx.ref is None:
        return None, None
    ref, wd = ctx.ref, WEEKDAYS[m["w"].lower()]
    rel = (m["rel"] or "").lower()
    monday = ref - timedelta(days=ref.weekday())
    if m["wk"]:
        step = 1 if m["wk"].lower().startswith(("prochain", "suivant")) else -1
        d = monday + timedelta(weeks=step, days=wd)
    elif m["ce"]:
        d = monday + timedelta(days=wd)
    elif m["huit"]:
        d = _after(ref, wd) + timedelta(weeks=1)
    elif rel.startswith("prochain"):
        d = _after(ref, wd)
    elif rel.startswith("suivant"):
        d = _after(ctx.last_day or ref, wd)
    elif rel.startswith("précédent"):
        d = _before(ctx.last_day or ref, wd)
    elif rel:  # dernier, passé
        d = _before(ref, wd)
    else:
        d = ref - timedelta(days=(ref.weekday() - wd) % 7)
    return d.isoformat(), None


def _b_holiday(m, ctx):
    """`Noël 2015`, `à la Toussaint`, `avant Pâques`: the feast's day, in the year written
    or the reference year."""
    y = int(m["y"]) if m["y"] else (ctx.ref.year if ctx.ref else None)
    if y is None:
        return None, None
    if m["rel"] and not m["y"]:  # `Noël dernier`: the last one before the reference date; `prochain`: the next
        for cand in ((y - 1, y) if m["rel"].lower() == "dernier" else (y, y + 1)):
            day = _holiday_day(cand, m)
            if (day < ctx.ref) if m["rel"].lower() == "dernier" else (day > ctx.ref):
                best = day
                if m["rel"].lower() == "prochain":
                    break
        return best.isoformat(), None
    return _holiday_day(y, m).isoformat(), None


_HOLIDAY_KEY = {k.lower(): k for k in HOLIDAYS}


def _sunday(y: int, mo: int, nth: int) -> date:
    """The `nth` Sunday of a month (-1: the last)."""
    days = [date(y, mo, d) for d in range(1, calendar.monthrange(y, mo)[1] + 1) if date(y, mo, d).weekday() == 6]
    return days[nth - 1 if nth > 0 else nth]


def _holiday_day(y: int, m) -> date:
    name = _SPACES.sub(" ", m["h"].lower()).replace("’", "'")
    rule = HOLIDAYS[_HOLIDAY_KEY[name]]
    if isinstance(rule, tuple):
        day = date(y, *rule)
    elif rule == "fathers":  # the third Sunday of June
        day = _sunday(y, 6, 3)
    elif rule == "mothers":  # the last Sunday of May, a week later when Whit Sunday falls on it
        day = _sunday(y, 5, -1)
        if day == easter(y) + timedelta(days=49):
            day += timedelta(weeks=1)
    else:
        day = easter(y) + timedelta(days=rule)
    if m["e"]:
        day += timedelta(days=-1 if m["e"].lower() == "veille" else 1)
    return day


def _step(rel: Optional[str]) -> int:
    rel = (rel or "").lower()
    return -1 if rel.startswith(("dernier", "dernière", "pass", "précédent")) else (
        1 if rel.startswith(("prochain", "suivant")) else 0)


def _b_relative(m, ctx):
    if ctx.ref is None:
        return None, _qual(m)
    unit = m["u"].lower()
    step = _step(m["rel"])
    ref = ctx.ref
    if unit in ("trimestre", "semestre"):  # `ce trimestre`, `le semestre dernier`
        per = 3 if unit == "trimestre" else 6
        k = ref.year * (12 // per) + (ref.month - 1) // per + step
        y, i = divmod(k, 12 // per)
        return f"{y:04d}-{(33 if per == 3 else 40) + i}", _qual(m)
    if unit in ("année", "an"):
        return _iso(ref.year + step), _qual(m)
    if unit == "mois":
        y, mo = ref.year, ref.month + step
        if mo == 0:
            y, mo = y - 1, 12
        elif mo == 13:
            y, mo = y + 1, 1
        return _iso(y, mo), _qual(m)
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", _qual(m)


# days named by their distance to the reference date (SPEC §2).  `aujourd'hui` says
# "nowadays" more often than "today" (`le groupe possède aujourd'hui 28 %`, `en tant
# qu'entrepreneurs aujourd'hui`, `le gouvernement s'interroge aujourd'hui`): it is the
# reference date only where the text ties it to one day — after an event in the past
# tense (`a annoncé aujourd'hui`, `ont été signés aujourd'hui`), as `d'aujourd'hui`
# (`la signature d'aujourd'hui`), `dès aujourd'hui`, `aujourd'hui même`.
_DAY_WORDS = {"avant-hier": -2, "hier": -1, "demain": 1, "après-demain": 2, "aujourd'hui": 0,
              # parts of today (the time of day is no part of a date): `ce matin`, `ce soir`, `ce jour`
              "cematin": 0, "cesoir": 0, "cetaprès-midi": 0, "cemidi": 0, "cejour": 0}
_TODAY_BEFORE = (r"(?<=(?:(?<!\p{L})(?:a|ont|avons|avez|ai|est|sont|a\s+été|ont\s+été)\s+\p{Ll}+(?:é|ée|és|ées|i|is|it|ert|u|us)"
                 r"|(?<!\p{L})d" + APOS + r"|(?<!\p{L})dès|(?<!\p{L})à\s+partir\s+d" + APOS + r")\s{0,3})")
_TODAY_AFTER = r"(?=[ \u00a0]+même(?!\p{L})|[ \u00a0]*[.!?](?!\d)|[ \u00a0]*$)"
_TODAY_TIED = rx.compile(_TODAY_BEFORE + r"\Z", V)
_OPENS_SENTENCE = rx.compile(r"(?:^|[.!?»][ \u00a0]+|\n[ \u00a0]*)\Z", V)


def _b_weekday_day(m, ctx):
    """`jeudi 15`: the 15th of the reference month, or of the month before or after,
    whichever falls on a Thursday."""
    if ctx.ref is None:
        return None, None
    wd, d, ref = WEEKDAYS[m["w"].lower()], _day(m["d"]), ctx.ref
    for dy, dm in ((0, 0), (0, -1), (0, 1)):
        y, mo = ref.year, ref.month + dm
        if mo == 0:
            y, mo = y - 1, 12
        elif mo == 13:
            y, mo = y + 1, 1
        if _valid_day(y, mo, d) and date(y, mo, d).weekday() == wd:
            return _iso(y, mo, d), None
    return None, None


def _b_month_span(m, ctx):
    """`de janvier à mars 2015`, `entre avril et juin`, `janvier-mars 2015`."""
    mo1, mo2 = _month(m["m1"]), _month(m["m2"])
    y2 = int(m["y2"]) if m["y2"] else (int(m["y1"]) if m["y1"] and mo1 < mo2 else (ctx.ref.year if ctx.ref else None))
    if y2 is None:
        return None, None
    y1 = int(m["y1"]) if m["y1"] else (y2 if mo1 <= mo2 else y2 - 1)
    if (y1, mo1) >= (y2, mo2):
        return None, None
    return f"{_iso(y1, mo1)}/{_iso(y2, mo2)}", None


_SEASON_START = {21: 3, 22: 6, 23: 9, 24: 12}


def _b_season_rel(m, ctx):
    """`au printemps` (the reference year's), `l'été dernier`, `à l'automne prochain`."""
    if ctx.ref is None:
        return None, None
    code, ref = SEASONS[m["s"].lower()], ctx.ref
    step, start = _step(m["rel"]), _SEASON_START[SEASONS[m["s"].lower()]]
    if step < 0:
        y = ref.year if start + 3 <= ref.month else ref.year - 1
    elif step > 0:
        y = ref.year if start > ref.month else ref.year + 1
    else:
        y = ref.year
    return f"{y:04d}-{code}", None


def _b_offset(m, ctx):
    """`il y a trois jours`, `dans deux semaines`, `d'ici 2 ans`: the day, month or year
    that far from the reference date."""
    n = parse_number(m["n"].lower())
    if ctx.ref is None or n is None or n != int(n) or n > 400:
        return None, None
    n, unit, ref = int(n) * (-1 if m["ago"] else 1), m["u"].lower(), ctx.ref
    if unit.startswith("jour"):
        return (ref + timedelta(days=n)).isoformat(), None
    if unit.startswith("semaine"):
        return (ref + timedelta(weeks=n)).isoformat(), None
    if unit == "mois":
        y, mo = divmod(ref.year * 12 + ref.month - 1 + n, 12)
        return _iso(y, mo + 1), None
    return _iso(ref.year + n), None


def _b_weekend(m, ctx):
    """`ce week-end` (this week's Saturday and Sunday), `le week-end dernier`, `le week-end prochain`."""
    if ctx.ref is None:
        return None, None
    ref, step = ctx.ref, _step(m["rel"])
    if step < 0:
        sat = _before(ref, 6) - timedelta(days=1)
    elif step > 0:
        sat = _after(ref, 5)
    else:
        sat = ref - timedelta(days=ref.weekday()) + timedelta(days=5)
    return f"{sat.isoformat()}/{(sat + timedelta(days=1)).isoformat()}", None


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _b_decade(m, ctx):
    """`les années 1990`, `les années 80` (199X, 198X); `le XIXe siècle`, `le 21e siècle` (18XX, 20XX)."""
    if m["dec"]:
        dec = m["dec"]
        y = int(dec) if len(dec) == 4 else 1900 + int(dec)
        return f"{y // 10:03d}X", None
    c = m["c"]
    if c.isdigit():
        n = int(c)
    else:
        vals = [_ROMAN[ch] for ch in c.upper()]
        n = sum(-v if i + 1 < len(vals) and v < vals[i + 1] else v for i, v in enumerate(vals))
    return (f"{n - 1:02d}XX" if 1 <= n <= 21 else None), None


_NTH = {"premier": 1, "1er": 1, "deuxième": 2, "second": 2, "2e": 2, "2ème": 2, "troisième": 3, "3e": 3, "3ème": 3,
        "quatrième": 4, "4e": 4, "4ème": 4, "cinquième": 5, "5e": 5, "dernier": -1}


def _b_nth_day(m, ctx):
    """`le premier mardi d'octobre`, `le dernier jour de février 2016`, `le troisième jeudi de mars`."""
    mo = _month(m["m"])
    y = int(m["y"]) if m["y"] else (ctx.ref.year if ctx.ref else None)
    if y is None:
        return None, None
    nth, what = _NTH[m["nth"].lower()], m["w"].lower()
    days = [date(y, mo, d) for d in range(1, calendar.monthrange(y, mo)[1] + 1)]
    if what != "jour":
        days = [d for d in days if d.weekday() == WEEKDAYS[what]]
    if not -len(days) <= (nth - 1 if nth > 0 else nth) < len(days):
        return None, None
    return days[nth - 1 if nth > 0 else nth].isoformat(), None


def _b_day_alone(m, ctx):
    """`le 15` (with nothing after that makes it a count): the 15th of the reference month;
    `le 20 prochain`, `le 3 dernier`: the next, the last such day."""
    if ctx.ref is None:
        return None, None
    d, ref = _day(m["d"]), ctx.ref
    step = _step(m["rel"])
    if step and (d - ref.day) * step > 0:  # `le 20 prochain` on the 12th: this month's
        step = 0
    y, mo = divmod(ref.year * 12 + ref.month - 1 + step, 12)
    return (_iso(y, mo + 1, d) if _valid_day(y, mo + 1, d) else None), None


def _b_eve(m, ctx):
    """`la veille`, `le lendemain`: the day before or after the date last mentioned to the day;
    `la veille de l'assemblée` (an event, not a date): null."""
    if ctx.last_day is None or m["of"]:
        return None, None
    return (ctx.last_day + timedelta(days=-1 if m["e"].lower() == "veille" else 1)).isoformat(), None


def _b_day_word(m, ctx):
    if ctx.ref is None:
        return None, None
    word = _SPACES.sub("", m["dw"].lower()).replace("’", "'")
    return (ctx.ref + timedelta(days=_DAY_WORDS[word])).isoformat(), None


# (compiled with this module's bound: the calls, one per window, carry none of their own)
_rule_pattern = partial(rx.compile, timeout=TIMEOUT)

_RULES: list[tuple[str, regex.Pattern, Callable]] = [
    # the span leaves out `du`, as it leaves out `le` and `en` (SPEC §1)
    ("date_month_range", _rule_pattern(
        r"(?<=(?<!\p{L})du" + _SP + r")(?P<d1>" + _DAY + r")" + _SP + r"(?P<m1>" + _MONTH_DAY + r")(?:" + _SP
        + r"(?P<y1>" + _YEAR + r"))?" + _SP + r"au" + _SP + r"(?P<d2>" + _DAY + r")" + _SP + r"(?P<m2>" + _MONTH_DAY
        + r")(?:" + _SP + r"(?P<y2>" + _YEAR + r"))?", V),
     _b_month_range),
    # `du 13 au 15 juillet`, `entre le 3 et le 7 mars`, `13-15 juillet`, `14 - 20 sept. 2014`
    ("date_day_range", _rule_pattern(
        r"(?=[\ddDeE])(?:(?:du|entre" + _SP + r"le)" + _SP + r"(?:" + _WD + _SP + r")?(?P<d1>" + _DAY + r")" + _SP + r"(?:au|et" + _SP + r"le)"
        + _SP + r"(?:" + _WD + _SP + r")?"
        + r"|(?=\d)(?<![\d\p{L},./\-])(?P<d1>1er|[12]\d|3[01]|0?[1-9])[ \u00a0\u202f]?[-–][ \u00a0\u202f]?)"
        r"(?P<d2>" + _DAY + r")" + _SP + r"(?P<m>" + _MONTH_DAY + r")(?:" + _SP + r"(?P<y>" + _YEAR + r"))?", V),
     _b_day_range),
    # `les 3 et 4 mars`: two days in a row are the interval they make (other pairs are left to the day rule)
    ("date_day_pair", _rule_pattern(
        r"(?=\d)(?<=(?<!\p{L})les" + _SP + r")(?P<d1>1er|[12]\d|3[01]|0?[1-9])" + _SP + r"et" + _SP + r"(?P<d2>[12]\d|3[01]|0?[1-9])"
        + _SP + r"(?P<m>" + _MONTH_DAY + r")(?:" + _SP + r"(?P<y>" + _YEAR + r"))?", V),
     _b_day_range),
    ("date_day_month_year", _rule_pattern(
        # (the class of its first characters, a day or a weekday, spares the engine most positions)
        r"(?=[\dpPlLmMjJvVsSdD])(?<![\d\p{L}])(?:" + _WD + _SP + r")?(?P<d>" + _DAY_NUM + r")" + _SP + r"(?P<m>" + _MONTH_DAY + r")" + _DAY_MONTH_TAIL, V),
     _b_day_month_year),
    # a day in words, after a word that announces one (`le vingt-deux avril`; the span leaves the word out)
    ("date_day_words_month", _rule_pattern(
        r"(?<!\p{L})(?:le|du|au|dès|depuis|" + _WD_NAMES + r")" + _SP + r"\K(?P<d>" + alternation(_DAY_WORDS_) + r")(?![\p{L}\-])"
        + _SP + r"(?P<m>" + _MONTH_DAY + r")" + _DAY_MONTH_TAIL, V),
     _b_day_month_year),
    # day first, as French writes them: `21/04/2016`, `21-04-2016`, `21.04.2016`, `21/04/16`
    # (two-digit years after dots or dashes only with two-digit days and months: not `1.2.16`)
    ("date_numeric", _rule_pattern(
        r"(?<![\d/.,\-])(?:(?P<d>0?[1-9]|[12]\d|3[01])(?P<sep>[/.\-])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?P<y>(?:1[89]|20)\d\d)"
        r"|(?P<d>0?[1-9]|[12]\d|3[01])/(?P<m>0?[1-9]|1[0-2])/(?P<yy>\d\d)"
        r"|(?P<d>0[1-9]|[12]\d|3[01])(?P<sep>[.\-])(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<yy>\d\d))(?![\d/]|[.,\-]\d)", V),
     _b_numeric_dmy),
    # `le 22/04`: a day and a month after a word that announces a date (`24/7`, `1/3` are no dates)
    ("date_numeric_day_month", _rule_pattern(
        r"(?:(?<=(?<!\p{L})(?:le|du|au|dès|depuis|avant|après|jusqu" + APOS + r"au|ce)" + _SP + r")|(?<![\p{L}])" + _WD + _SP + r")"
        r"(?P<d>0?[1-9]|[12]\d|3[01])(?:/(?P<m>0?[1-9]|1[0-2])|-(?P<m>0[1-9]|1[0-2]))(?P<y>)(?P<yy>)(?![\d/\-]|[.,]\d)"
        # alone, only written with two digits each (`22/04`; not `3/4`, `24/7`, `10/12 ans`)
        r"|(?<![\d\p{L}/.,\-])(?P<d>0[1-9]|[12]\d|3[01])/(?P<m>0[1-9]|1[0-2])(?P<y>)(?P<yy>)(?![\d/\-]|[.,]\d|"
        + _SP + r"(?:ans|%))" + _NO_NOUN_AFTER, V),
     _b_numeric_dmy),
    ("date_iso", _rule_pattern(
        r"(?<![\d\p{L}-])(?:(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>[0-3]\d))?(?![\d-])"
        r"|(?<![\d/.])(?P<y>(?:19|20)\d\d)(?P<sep>[/.])(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>[0-3]\d)(?![\d/]|[.,]\d))", V),
     _b_iso),
    ("date_month_year", _rule_pattern(
        r"(?<![\p{L}])(?:" + _Q + _OF_MONTH + r")?(?P<m>" + _MONTH_ANY + r")" + _SP + r"(?:(?:d(?:e|" + APOS + r")" + _SP + r"?)?(?P<y>"
        + _YEAR_WRITTEN + r")|(?P<yy>" + _YEAR_2 + r")|(?P<yw>" + _YEAR_WORDS + r"))", V),
     _b_month_year),
    ("date_month_same_year", _rule_pattern(
        r"(?<![\p{L}])(?:" + _Q + r")?(?P<m>" + _MONTH + r")" + _SP + r"de" + _SP + r"la" + _SP + r"même" + _SP + r"année", V),
     _b_month_same_year),
    ("date_month_alone", _rule_pattern(
        r"(?<![\p{L}])(?:" + _Q + _OF_MONTH + r"(?P<m>" + _MONTH + r")|" + _MONTH_CONTEXT + r"(?P<m>(?-i:" + _MONTH + r")))" + _REL, V),
     _b_month_alone),
    ("date_season", _rule_pattern(
        r"(?<![\p{L}])(?:(?:l" + APOS + r"|le" + _SP + r"|cet" + _SP + r"|ce" + _SP + r"))?(?:" + _Q + r"(?:l" + APOS + r")?)?"
        r"(?P<s>printemps|été|automne|hiver)(?:" + _SP + r"(?:d(?:e|" + APOS + r")" + _SP + r"?)?(?P<y>" + _YEAR + r"))", V),
     _b_season),
    ("date_season_this", _rule_pattern(
        r"(?<![\p{L}])(?:cet|ce)" + _SP + r"(?P<s>printemps|été|automne|hiver)(?!\p{L})", V),
     _b_season),
    ("date_part_of_year", _rule_pattern(
        r"(?<![\p{L}\d])(?:" + _Q + r")?(?:(?P<o>premier|1er|deuxième|second|2e|2ème|2nd|troisième|3e|3ème|quatrième|4e|4ème)"
        + _SP + r"(?P<p>trimestre|semestre)|(?-i:(?P<p>[TSQH])(?P<n>[1-4])))"
        r"(?:" + _SP + r"(?:de" + _SP + r"l" + APOS + r"année" + _SP + r"|de" + _SP + r")?(?P<y>" + _YEAR + r"))?(?!\p{L})", V),
     _b_part_of_year),
    ("date_year_range", _rule_pattern(
        r"(?:(?<![\p{L}])(?:entre" + _SP + r"(?P<y1>" + _YEAR + r")" + _SP + r"et" + _SP
        + r"|(?:de|depuis)" + _SP + r"(?P<y1>" + _YEAR + r")" + _SP + r"(?:à|jusqu" + APOS + r"(?:à|en))" + _SP
        + r")(?P<y2>" + _YEAR + r"))|(?P<y1>" + _YEAR + r")(?:[ \u00a0]?[-–/][ \u00a0]?|" + _SP + r"à" + _SP + r")(?P<y2>" + _YEAR + r")"
        # `l'exercice 2015-16`, `la saison 2013/14`
        r"|(?P<y1>(?<![\d\p{L},.])(?:19|20)\d\d)[-–/](?P<y2s>\d\d)(?![\d\p{L}]|[,.]\d|[-/]\d)", V),
     _b_year_range),
    # `2014`, `fin 2015`, `au début de l'année 2015`
    ("date_year", _rule_pattern(r"(?:" + _Q + r"(?:l" + APOS + r"(?:année|exercice)" + _SP + r")?)?(?P<y>" + _YEAR + r")", V), _b_year),
    # `en deux mille quatorze`, `l'an deux mille`
    ("date_year_words", _rule_pattern(
        r"(?<=(?<!\p{L})(?:en|depuis|dès|l" + APOS + r"an|d" + APOS + r"ici|avant|après|fin|début)" + _SP + r")(?P<yw>"
        + _YEAR_WORDS + r")", V | regex.I),
     _b_year_words),
    ("date_nth_day", _rule_pattern(
        r"(?<![\p{L}])(?P<nth>premier|1er|deuxième|second|2e|2ème|troisième|3e|3ème|quatrième|4e|4ème|cinquième|5e|dernier)"
        + _SP + r"(?P<w>" + _WD + r"|jour)" + _SP + r"(?:du" + _SP + r"mois" + _SP + r")?(?:de" + _SP + r"|d" + APOS + r")(?P<m>(?-i:"
        + _MONTH + r"))(?:" + _SP + r"(?P<y>" + _YEAR + r"))?", V),
     _b_nth_day),
    # `il partira le 15.`, `le 3 au soir`, `le 20 prochain`
    ("date_day_alone", _rule_pattern(
        r"(?=\d)(?<=(?<!\p{L})le" + _SP + r")(?<!(?<!\p{L})(?:devant|derrière|contre|avec|sur|sous|chez|que|par|entre|dont|battu|bat)"
        + _SP + r"le" + _SP + r")(?P<d>1er|[12]\d|3[01]|0?[1-9])(?![\d\p{L}])"
        r"(?=[ \u00a0]*(?:[.;!?](?!\d)|$)|" + _SP + r"(?:à" + _SP + r"\d|au" + _SP + r"(?:soir|matin)|dans" + _SP + r"la" + _SP
        + r"(?:journée|matinée|soirée)|prochain|dernier|de" + _SP + r"ce" + _SP + r"mois|du" + _SP + r"mois)(?!\p{L}))"
        r"(?:" + _SP + r"(?P<rel>prochain|dernier)|" + _SP + r"(?:de" + _SP + r"ce|du)" + _SP + r"mois)?", V),
     _b_day_alone),
    ("date_day_word", _rule_pattern(
        r"(?<![\p{L}\-])(?P<dw>avant-hier|après-demain|hier|demain|" + _TODAY_BEFORE + r"aujourd" + APOS + r"[ \u00a0]?hui"
        r"|aujourd" + APOS + r"[ \u00a0]?hui" + _TODAY_AFTER
        # parts of today, tied to a day as `aujourd'hui` is (`a annoncé ce soir`; not the attribution of
        # `indique ce matin Les Echos`), or opening a sentence (`Ce matin, …`); not `ce matin-là`
        + r")(?![\p{L}\-])", V),
     _b_day_word),
    # parts of today, tied to a day as `aujourd'hui` is (`a annoncé ce soir`; not the attribution of
    # `indique ce matin Les Echos`), or opening a sentence (`Ce matin, …`); not `ce matin-là` (checked after)
    ("date_today_part", _rule_pattern(
        r"(?<![\p{L}\-])(?P<dw>(?:(?P<cap>(?-i:C))|(?-i:c))(?:e" + _SP + r"(?:matin|soir|midi|jour)|et" + _SP + r"après-midi))"
        r"(?(cap)(?=,)|(?![\p{L}\-]))", V),
     _b_day_word),
    ("date_eve", _rule_pattern(
        r"(?<![\p{L}])(?:la" + _SP + r"(?P<e>veille)|le" + _SP + r"(?P<e>lendemain))(?![\p{L}])"
        r"(?P<of>(?=" + _SP + r"(?:de|du|des|d" + APOS + r")(?!\p{L})))?", V),
     _b_eve),
    ("date_weekday", _rule_pattern(
        r"(?<![\p{L}])(?:(?P<ce>ce)" + _SP + r")?(?P<w>" + _WD + r")(?:" + _SP
        + r"(?:(?P<rel>dernier|prochain|passé|suivant|précédent)|(?P<huit>en" + _SP + r"huit)"
        r"|(?:de" + _SP + r")?la" + _SP + r"semaine" + _SP + r"(?P<wk>prochaine|dernière|passée|suivante|précédente)))?(?!\p{L})", V),
     _b_weekday),
    # `Noël 2015`, `à la Toussaint`: a feast names its day; alone, only after a word that
    # makes it a date (`avant Noël`, not `Noël Mamère` nor `le Père Noël`)
    ("date_holiday", _rule_pattern(
        # `la veille de Noël`, `le lendemain de la Toussaint`: the day before, after; alone, a feast needs
        # a year, `dernier`/`prochain`, or a word before that makes it a date (checked after the match)
        r"(?:(?:la" + _SP + r"(?P<e>veille)|le" + _SP + r"(?P<e>lendemain))" + _SP + r"(?:de" + _SP + r"(?:la" + _SP + r"|l"
        + APOS + r")?|du" + _SP + r"|d" + APOS + r"))?(?P<h>" + _HOLIDAY + r")(?:" + _SP + r"(?P<y>" + _YEAR + r"))?"
        r"(?:" + _SP + r"(?P<rel>dernier|prochain))?"
        r"(?![\p{L}\-]|" + _SP + r"(?-i:\p{Lu})|" + _SP + r"chinois)", V),
     _b_holiday),
    ("date_relative", _rule_pattern(
        r"(?<![\p{L}])(?:cette" + _SP + r"(?P<u>année)"
        # `l'année` alone is any year: only with a word that says which
        r"|l" + APOS + r"(?P<u>année)(?=" + _SP + r"(?:dernière|prochaine|passée|précédente|suivante))"
        r"|(?P<q>fin|début|milieu)" + _SP + r"(?:de" + _SP + r"l" + APOS + r"|de" + _SP + r"cette" + _SP + r")(?P<u>année)"
        r"|l" + APOS + r"(?P<u>an)(?=" + _SP + r"(?:dernier|prochain|passé))"
        r"|(?:la|cette)" + _SP + r"(?P<u>semaine)|(?:le|ce)" + _SP + r"(?P<u>mois)(?=" + _SP + r"(?:dernier|prochain|passé|précédent|suivant))"
        r"|ce" + _SP + r"(?P<u>mois)(?:-ci)?"
        r"|(?P<q>fin|début|milieu)" + _SP + r"d" + APOS + r"(?P<u>année)"
        r"|(?P<q>fin|début|mi)" + _SP + r"(?:du|de" + _SP + r"ce|de)" + _SP + r"(?P<u>mois)"
        r"|(?P<q>fin|début|milieu)" + _SP + r"de" + _SP + r"(?:la" + _SP + r"|cette" + _SP + r")?(?P<u>semaine))"
        r"(?:" + _SP + r"(?P<rel>dernière|dernier|prochaine|prochain|passée|passé|précédente|précédent|suivante|suivant))?(?!\p{L})", V),
     _b_relative),
    # `ce trimestre`, `le semestre dernier`
    ("date_relative_part", _rule_pattern(
        r"(?<![\p{L}])(?:ce" + _SP + r"|le" + _SP + r"(?=(?:trimestre|semestre)" + _SP + r"(?:dernier|prochain|passé|précédent|suivant)))"
        r"(?P<u>trimestre|semestre)(?:" + _SP + r"(?P<rel>dernier|prochain|passé|précédent|suivant))?(?P<q>)(?!\p{L})", V),
     _b_relative),
    ("date_weekday_day", _rule_pattern(
        r"(?<![\p{L}])(?P<w>" + _WD + r")" + _SP + r"(?P<d>1er|premier|[12]\d|3[01]|0?[1-9])"
        r"(?![\d\p{L}]|[,.:/]\d|[ \u00a0\u202f]*(?:[%‰€$£]|h(?!\p{L})|heures?(?!\p{L}))|[ \u00a0\u202f]\d)" + _NO_NOUN_AFTER, V),
     _b_weekday_day),
    # (`de`, `entre` or `d'` before a span with a link word is checked after the match)
    ("date_month_span", _rule_pattern(
        r"(?=[jfmasond])(?<![\p{L}])(?P<m1>(?-i:" + _MONTH + r"))(?:" + _SP + r"(?P<y1>" + _YEAR + r"))?"
        r"(?:(?P<link>" + _SP + r"(?:à|au|et|jusqu" + APOS + r"(?:à|au|en))" + _SP + r"(?:mois" + _SP + r"d" + APOS + r")?)|[-–/])"
        r"(?P<m2>(?-i:" + _MONTH + r"))(?:" + _SP + r"(?P<y2>" + _YEAR + r"))?", V),
     _b_month_span),
    ("date_season_rel", _rule_pattern(
        r"(?:(?<=(?<!\p{L})(?:au|à|en|d" + APOS + r"ici|depuis|dès|avant|après|pendant|durant|cet)" + _SP + r"(?:l" + APOS + r")?)"
        r"(?P<s>(?-i:printemps|été|automne|hiver))(?:" + _SP + r"(?P<rel>dernier|prochain|passé))?"
        r"|(?<=(?<!\p{L})(?:l" + APOS + r"|le" + _SP + r"))(?P<s>(?-i:printemps|été|automne|hiver))" + _SP
        + r"(?P<rel>dernier|prochain|passé))(?![\p{L}\d]|" + _SP + r"\d)", V),
     _b_season_rel),
    ("date_offset", _rule_pattern(
        r"(?=[idID])(?<![\p{L}])(?:(?P<ago>il" + _SP + r"y" + _SP + r"a)|dans|d" + APOS + r"ici)" + _SP
        + r"(?P<n>\d{1,3}|" + WORDS_RE + r")" + _SP + r"(?P<u>jours?|semaines?|mois|ans|années?)(?!\p{L})", V),
     _b_offset),
    ("date_weekend", _rule_pattern(
        r"(?<![\p{L}])(?:ce" + _SP + r"(?:week-end|weekend|week" + _SP + r"end)(?:" + _SP + r"(?P<rel>dernier|prochain|passé))?"
        r"|le" + _SP + r"(?:week-end|weekend|week" + _SP + r"end)" + _SP + r"(?P<rel>dernier|prochain|passé|précédent|suivant))(?!\p{L})", V),
     _b_weekend),
    ("date_decade", _rule_pattern(
        r"(?<![\p{L}])(?:(?:les" + _SP + r")?années" + _SP + r"(?P<dec>(?:19|20)[0-9]0|[2-9]0)(?![\d\p{L}])"
        r"|(?P<c>(?-i:[IVX]{1,5})|[12]?\d)(?:e|ème|è)" + _SP + r"siècle)(?!\p{L})", V),
     _b_decade),
]

# A counted noun after a year-like number makes it a quantity (`2000 salariés`).
_AFTER_YEAR_NOUN = rx.compile(r"[ \u00a0]+(?:\p{Ll}{3,}s|\p{Ll}+x)(?!\p{L})|[ \u00a0]*(?:%|€|\$)|[ \u00a0]+(?:euros?|dollars?|millions?|milliards?)\b", V)
_BEFORE_YEAR_OK = rx.compile(r"(?:\b(?:en|de|depuis|dès|pour|avant|après|vers|jusqu" + APOS + r"en|fin|début|mi|courant|d" + APOS + r"ici|l" + APOS + r"an|année|exercice|horizon)[ \u00a0-]*|d" + APOS + r")\Z", V)


def _cased(words) -> str:
    """An alternation of words in lower, Capitalised and UPPER case: scanning
    for it is much cheaper than a case-insensitive pattern."""
    forms = set()
    for w in words:
        forms.update((w, w[:1].upper() + w[1:], w.upper()))
    return "(?<!\\w)(?:" + "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")(?!\\w)"


# Each rule runs only in windows around its cheap trigger, not over the whole text.
_MONTH_T = rx.compile(_cased([m.rstrip(".") for m in MONTHS] + list(MONTHS_SHORT)))
_RELATIVE_WORDS = ["année", "semaine", "mois", "an"]
_OFFSET_WORDS = ["y", "dans", "ici", "d'ici", "d’ici"]  # (`il y a`, `dans`, `d'ici` + a number of days…)
_DECADE_WORDS = ["années", "siècle"]
_NTH_WORDS = ["premier", "1er", "deuxième", "second", "2e", "2ème", "troisième", "3e", "3ème", "quatrième", "4e", "4ème",
              "cinquième", "5e", "dernier"]
_HOLIDAY_WORDS = ["noël", "toussaint", "saint", "pâques", "pentecôte", "ascension", "nouvel", "fête", "chandeleur",
                  "halloween", "épiphanie", "assomption", "armistice", "gras", "saint-sylvestre", "saint-valentin"]
_TRIGGERS = {
    "month": _MONTH_T,
    "numeric": rx.compile(r"\d[/.]\d|\d-[01]\d(?!\d)"),  # (`21/04`, `21.04.2016`, `21-04-2016`, `le 13-02`)
    "iso": rx.compile(r"\d{4}[-/.][01]\d"),
    "same_year": rx.compile(r"même" + _SP + r"année"),
    "season": rx.compile(_cased(SEASONS)),
    "part": rx.compile(_cased(["trimestre", "semestre"]) + r"|(?<![\p{L}\d])[TSQH][1-4](?!\d)", regex.V1),
    "year": rx.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)"),
    "weekday": rx.compile(_cased(WEEKDAYS)),
    "holiday": rx.compile(_cased(_HOLIDAY_WORDS)),
    "relative": rx.compile(_cased(_RELATIVE_WORDS)),
    "weekend": rx.compile(_cased(["week-end", "weekend", "week"])),
    "offset": rx.compile(_cased(["y", "dans", "ici"])),
    "year_words": rx.compile(_cased(["mille", "mil", "dix-neuf"])),
    "nth": rx.compile(_cased(_NTH_WORDS)),
    "day_alone": rx.compile(r"[Ll]e[ \u00a0]\d\d?(?!\d)"),  # (a cheap scan: the rule reads the word before)
    "decade": rx.compile(_cased(_DECADE_WORDS)),
    "day_word": rx.compile(_cased(["hier", "demain", "aujourd", "veille", "lendemain"])),
    "today_part": rx.compile(_cased(["matin", "soir", "midi", "jour", "après-midi"])),
}
_RULE_TRIGGER = {
    "date_month_range": "month", "date_day_range": "month", "date_day_pair": "month", "date_day_month_year": "month", "date_day_words_month": "month", "date_numeric": "numeric", "date_numeric_day_month": "numeric", "date_iso": "iso",
    "date_month_year": "month", "date_month_same_year": "same_year", "date_month_alone": "month",
    "date_season": "season", "date_season_this": "season", "date_part_of_year": "part",
    "date_year_range": "year", "date_year": "year", "date_weekday": "weekday", "date_relative": "relative",
    "date_day_word": "day_word", "date_eve": "day_word", "date_today_part": "today_part", "date_year_words": "year_words", "date_nth_day": "nth",
    "date_day_alone": "day_alone", "date_holiday": "holiday",
    "date_weekday_day": "weekday", "date_relative_part": "part", "date_month_span": "month", "date_season_rel": "season", "date_offset": "offset",
    "date_weekend": "weekend", "date_decade": "decade",
}
# How far a rule's match can reach before and after its trigger word: each rule
# is scanned only in those windows (merged where they meet).  Lookbehinds see
# past a window's start; a window ends a few characters past anything a match
# can hold, so lookaheads read real text.
_MARGINS = {
    "date_month_range": (24, 44), "date_day_range": (32, 16), "date_day_pair": (16, 16), "date_day_month_year": (24, 24), "date_day_words_month": (36, 24), "date_numeric": (12, 16), "date_numeric_day_month": (16, 14), "date_iso": (8, 12),
    "date_month_year": (20, 20), "date_month_same_year": (40, 12), "date_month_alone": (20, 16),
    "date_season": (24, 20), "date_season_this": (12, 10), "date_part_of_year": (36, 30),
    "date_year_range": (28, 28), "date_year": (28, 10), "date_weekday": (6, 44), "date_relative": (30, 20),
    "date_day_word": (8, 40), "date_today_part": (6, 6), "date_year_words": (8, 60), "date_nth_day": (4, 44), "date_day_alone": (2, 36), "date_eve": (8, 16), "date_holiday": (36, 24),
    "date_weekday_day": (4, 16), "date_relative_part": (4, 20), "date_month_span": (2, 44), "date_season_rel": (4, 20), "date_offset": (8, 36),
    "date_weekend": (4, 24), "date_decade": (12, 12),
}


# rules whose match holds two month words, and words a window must hold for a rule to be tried there
_TWO_MONTHS = {"date_month_range", "date_month_span"}
_NEEDS = {"date_day_pair": (" et ",), "date_day_range": ("du", "Du", "entre", "Entre", "-", "–")}
_YEAR_IN_WORDS_AFTER = {"date_day_month_year", "date_day_words_month", "date_month_year"}
# what a window must hold for a rule to match there, tested before the rule is run (each
# much cheaper than the rule's scan): a day or year in figures, or a word that stands for one
_DIGIT_OR = {
    "date_day_month_year": re.compile(r"\d|premier", re.I),
    "date_weekday_day": re.compile(r"\d|premier", re.I),
    "date_month_year": re.compile(r"\d|mil|dix-neuf", re.I),  # (`mai 2015`, `mai 68`, `mai deux mille quinze`)
    "date_season": re.compile(r"\d"),  # (its season has a year)
    "date_year_range": re.compile(r"(?:19|20)\d\d\D{1,20}(?:19|20)\d\d|\d[-–/]\d\d"),  # (two years, or `2015-16`)
    "date_nth_day": re.compile(r"jour|" + "|".join(w.lower() for w in WEEKDAYS), re.I),
}


def _triggers_in(spans: list[tuple[int, int]], a: int, b: int) -> int:
    return bisect.bisect_left(spans, (b, b)) - bisect.bisect_left(spans, (a, a))


def _trigger_spans(text: str, trigger: regex.Pattern) -> list[tuple[int, int]]:
    return [m.span() for m in trigger.finditer(text, timeout=TIMEOUT + len(text) / 1e6)]


def _merge(spans: list[tuple[int, int]], before: int, after: int, n: int) -> list[tuple[int, int]]:
    """Merged windows reaching `before` characters before and `after` after each span."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        a, b = max(0, s - before), min(n, e + after)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


# trigger words, when the caller gives the text's tokens (one pass, no regex scan)
_WORD_TRIGGERS: dict[str, str] = {}
for _w in list(MONTHS) + list(MONTHS_SHORT):
    _WORD_TRIGGERS[_w.rstrip(".")] = "month"
for _w in _HOLIDAY_WORDS:
    _WORD_TRIGGERS[_w] = "holiday"
for _w in SEASONS:
    _WORD_TRIGGERS[_w] = "season"
for _w in WEEKDAYS:
    _WORD_TRIGGERS[_w] = "weekday"
for _w in _RELATIVE_WORDS:
    _WORD_TRIGGERS[_w] = "relative"
for _w in ("week-end", "weekend", "week"):
    _WORD_TRIGGERS[_w] = "weekend"
for _w in _NTH_WORDS:
    _WORD_TRIGGERS[_w] = "nth"
for _w in ("mille", "mil", "dix-neuf"):
    _WORD_TRIGGERS[_w] = "year_words"
for _w in _OFFSET_WORDS:
    _WORD_TRIGGERS[_w] = "offset"
for _w in _DECADE_WORDS:
    _WORD_TRIGGERS[_w] = "decade"
for _w in ("trimestre", "semestre", "t1", "t2", "t3", "t4", "s1", "s2", "q1", "q2", "q3", "q4", "h1", "h2"):
    _WORD_TRIGGERS[_w] = "part"
for _w in ("hier", "demain", "aujourd", "aujourd'hui", "aujourd’hui", "veille", "lendemain"):
    _WORD_TRIGGERS[_w] = "day_word"
for _w in ("matin", "soir", "midi", "jour", "après-midi"):
    _WORD_TRIGGERS[_w] = "today_part"
_DIGIT_TRIGGERS = ("numeric", "same_year", "year")
_WORD_TRIGGERS["le"] = "le"  # (`le 15`: found from the article and the digit after it, not by a scan)


def _word_family(word: str) -> Optional[str]:
    """The trigger family of a word (`mars` → month, `mi-octobre` → month), or None."""
    low = word.lower()
    fam = _WORD_TRIGGERS.get(low)
    if fam is None and "-" in low:
        fam = next((_WORD_TRIGGERS[p] for p in low.split("-") if p in _WORD_TRIGGERS), None)
    return fam


_FAMILY = WordMemo(_word_family)


def _token_triggers(text: str, tokens) -> dict[str, list[tuple[int, int]]]:
    """Spans of the trigger words of each family, in order: words from the
    tokens, digit patterns from a scan."""
    out: dict[str, list[tuple[int, int]]] = {k: [] for k in _TRIGGERS}
    out["le"] = []
    fams = list(map(_FAMILY.__getitem__, words_of(tokens)))
    for t, fam in zip(compress(tokens, fams), filter(None, fams)):
        out[fam].append((t.start, t.end))
    for k in _DIGIT_TRIGGERS:
        out[k] = _trigger_spans(text, _TRIGGERS[k])
    # a year-first date opens with a year: `2015-08-12`, `2015/08/12` (no scan of its own)
    out["iso"] = [(a, b + 2) for a, b in out["year"] if text[b:b + 1] in ("-", "/", ".") and text[b + 1:b + 2] in ("0", "1")
                  and text[b + 2:b + 3].isdigit()]
    # `dans` opens an offset only before a number (`dans deux semaines`, not `dans le capital`)
    out["offset"] = [(a, b) for a, b in out["offset"] if text[a] not in "dD" or _COUNT_AFTER.match(text, b)]
    out["day_alone"] = [(b + 1, b + 2) for a, b in out.pop("le") if text[b + 1:b + 2].isdigit()]
    return out


_COUNT_AFTER = rx.compile(r"[ \u00a0]+(?:\d|" + WORDS_RE + r")", V)


# what a rule's match must also satisfy, read in the text around it (each checked after the match)
def _days_announced(text: str, m) -> bool:
    """A day in words is a day after a word that announces one (`le vingt-deux avril`)."""
    return not any(m[g] and m[g][0].isalpha() and m[g].lower() != "premier"
                   and not _DAY_WORD_BEFORE.search(text, max(0, m.start(g) - 12), m.start(g)) for g in ("d1", "d2"))


def _days_in_a_row(text: str, m) -> bool:
    return _day(m["d2"]) == _day(m["d1"]) + 1


def _feast_is_a_date(text: str, m) -> bool:
    return bool(m["e"] or m["rel"] or (m["y"] and not _AFTER_PERE.search(text, max(0, m.start() - 8), m.start()))
                or _HOLIDAY_BEFORE.search(text, max(0, m.start() - 30), m.start()))


def _today_tied(text: str, m) -> bool:
    return bool(_TODAY_TIED.search(text, max(0, m.start() - 40), m.start())
                or m["cap"] and _OPENS_SENTENCE.search(text, max(0, m.start() - 4), m.start()))


def _span_opened(text: str, m) -> bool:
    return not m["link"] or bool(_SPAN_BEFORE.search(text, max(0, m.start() - 8), m.start()))


def _no_count_after_year(text: str, m) -> bool:
    return bool(m["q"]) or not _AFTER_YEAR_NOUN.match(text, m.end()) \
        or bool(_BEFORE_YEAR_OK.search(text[max(0, m.start() - 20):m.start()]))


# what a rule needs next to its trigger word, tested on each word before the windows are made:
# a day in figures just before the month (`12 mars`), a year just after it (`mars 2015`, `mars de
# l'an`…), no day just before it for a month alone
_BLANKS = " \u00a0\u202f"


def _day_before(text: str, a: int, b: int) -> bool:
    before = text[max(0, a - 12):a]
    cut = before.rstrip(_BLANKS)
    return len(cut) < len(before) and cut[-1:] in _DAY_ENDS


def _no_day_before(text: str, a: int, b: int) -> bool:
    return not text[max(0, a - 12):a].rstrip(_BLANKS)[-1:].isdigit()


def _year_after(text: str, a: int, b: int) -> bool:
    after = text[b:b + 16].lstrip(".").lstrip(_BLANKS)
    return after[:1].isdigit() or after[:3].lower() in _YEAR_OPENS


def _day_word_before(text: str, a: int, b: int) -> bool:
    """A day in words just before the month (`vingt-deux avril`, `trois juin`)."""
    word = text[max(0, a - 20):a].rstrip(_BLANKS).rpartition(" ")[2].rpartition("\u00a0")[2].lower()
    return word in _DAY_WORD_SET or word.rpartition("-")[2] in _DAY_WORD_SET


def _range_before(text: str, a: int, b: int) -> bool:
    """A second day just before the month, after `au`, `et le` or a dash (`du 3 au 5 mars`, `13-15 juillet`)."""
    if not (_day_before(text, a, b) or _day_word_before(text, a, b)):
        return False
    before = text[max(0, a - 24):a]
    return "au" in before or "et le" in before or "-" in before or "–" in before


_DAY_WORD_SET = frozenset(_DAY_WORDS_) | {"premier", "un", "et-un"}
_DAY_ENDS = frozenset("0123456789rReE")  # (`12`, `1er`, `premier`, `1re`)
_YEAR_OPENS = frozenset(("de ", "de\u00a0", "d'", "d’", "deu", "mil", "dix"))  # (`de 2015`, `d'ici`, `deux mille`…)
_SPAN_OK = {"date_day_month_year": _day_before, "date_month_alone": _no_day_before, "date_month_year": _year_after,
            "date_day_words_month": _day_word_before, "date_day_pair": _day_before, "date_day_range": _range_before}

_CHECKS = {"date_month_range": _days_announced, "date_day_range": _days_announced, "date_day_pair": _days_in_a_row,
           "date_holiday": _feast_is_a_date, "date_today_part": _today_tied, "date_month_span": _span_opened,
           "date_year": _no_count_after_year}
# each rule as one record: its order, name, pattern, builder, trigger family, window margins,
# words its window must hold, what its window must match, and its check after the match
_PLAN = [(order, name, pat, build, _RULE_TRIGGER[name], _MARGINS[name], _NEEDS.get(name), _DIGIT_OR.get(name),
          _CHECKS.get(name), _SPAN_OK.get(name)) for order, (name, pat, build) in enumerate(_RULES)]


def extract_dates(text: str, ref: Optional[date], tokens=None) -> list[Candidate]:
    """Date candidates of a text, resolved in order of appearance.  `tokens` (the
    names tokenizer's) lets the rules find their trigger words without a scan."""
    found: list[tuple[int, int, int, str, regex.Match, Callable]] = []
    if tokens is not None:
        triggers = _token_triggers(text, tokens)
    else:
        triggers = {k: _trigger_spans(text, t) for k, t in _TRIGGERS.items()}
    n = len(text)
    for order, name, pat, build, trigger, (before, after), needs, test, check, span_ok in _PLAN:
        spans = triggers[trigger]
        if span_ok is not None:
            spans = [(a, b) for a, b in spans if span_ok(text, a, b)]
        if not spans:
            continue
        windows = _merge(spans, before, after, n)
        if name in _TWO_MONTHS:  # (a window with one month word holds no span of two)
            windows = [(a, b) for a, b in windows if _triggers_in(spans, a, b) >= 2]
        if needs:
            windows = [(a, b) for a, b in windows for seg in (text[a:b],) if any(w in seg for w in needs)]
        if test is not None:
            windows = [(a, b) for a, b in windows if test.search(text, a, b)]
        matches = (m for a, b in windows for m in pat.finditer(text, a, b))
        if name in _YEAR_IN_WORDS_AFTER:  # (a year in words is long: `mille neuf cent quatre-vingt-dix-huit`)
            windows = [(a, min(n, b + 32) if "mil" in text[b - 16:b + 8] else b) for a, b in windows]
            # (windows so widened may meet: a match found twice counts once)
            matches = dict(((m.span(), m) for a, b in windows for m in pat.finditer(text, a, b))).values()
        for m in matches:
            s, e = m.span()
            if e == s or (check is not None and not check(text, m)):
                continue
            found.append((s, e, order, name, m, build))
    # longest match first, then rule order; no overlaps
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken = SpanSet()
    chosen = [f for f in found if taken.add(f[0], f[1])]
    chosen.sort(key=lambda f: f[0])
    ctx = _Ctx(ref=ref)
    out = []
    for start, end, _, name, m, build in chosen:
        value, qual = build(m, ctx)
        groups = m.groupdict()
        y = groups.get("y") or groups.get("y2")
        if y and not name.startswith(("date_numeric", "date_holiday")):
            ctx.last_year = int(y)
        elif (y or groups.get("yy") or groups.get("yw")) and value:  # (a year the text writes, as the value reads it)
            ctx.last_year = int(value[:4])
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and "/" not in value:
            ctx.last_day = date.fromisoformat(value)
        out.append(Candidate(kind="date", start=start, end=end, rule=name, value=value,
                             qualifier=qual, priority=2))
    return out


# ---- reference date of a document --------------------------------------------

_DATELINE_PATTERNS = [
    # [12/01/2015 11:44:50]
    _rule_pattern(r"\[(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d\d)(?:[ T][\d:]+)?\]"),
    # 04/07/2014 à 17:10
    _rule_pattern(r"(?<![\d/])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d\d)(?:\s+(?:à\s+)?\d{1,2}[:h]\d\d)"),
]
_DIGIT = _rule_pattern(r"\d")
# tried at the start of each of the first lines (leading blanks stripped)
_DATELINE_LINE_PATTERNS = [
    # Paris, le 12 janvier 2015
    _rule_pattern(r"(?-i:\p{Lu})[\p{L}\- ]{1,40}(?:\s*\([^)]{1,20}\))?,\s+(?:le\s+)?(?:" + _WD + r"\s+)?(?P<d>" + _DAY + r")\s+(?P<mn>" + _MONTH + r")\s+(?P<y>" + _YEAR + r")", V),
    # a web page's: `publié le 27 septembre 2017 à 17h14`, `Publié le mardi 3 mars 2015`
    _rule_pattern(r"(?:publié|paru|posté)e?\s+le\s+(?:" + _WD + r"\s+)?(?P<d>" + _DAY + r")\s+(?P<mn>" + _MONTH + r")\s+(?P<y>" + _YEAR + r")", V),
    # `le 28/09/2017 L'AGEFI Quotidien`, `Publié le 28/09/2017`
    _rule_pattern(r"(?:(?:publié|paru|posté)e?\s+)?le\s+(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d\d)(?!\d)", V),
    # a line that is only a date: "20 juin 2014"
    _rule_pattern(r"(?:le\s+)?(?:" + _WD + r"\s+)?(?P<d>" + _DAY + r")\s+(?P<mn>" + _MONTH + r")\s+(?P<y>" + _YEAR + r")\s*$", V),
]


# a wire's dateline closing the article: `(©AFP / 28 mars 2018 06h38)`, `(AFP, 3 mars 2023)`
_CLOSING_DATELINE = _rule_pattern(
    r"\(\s*(?:©|\(c\)|copyright)?\s*(?:AFP|Reuters|AP|Belga|ATS|Keystone-ATS|Bloomberg|Agefi-Dow\s+Jones|Dow\s+Jones|"
    r"Agence\s+France-Presse)\s*[/,\-–—]\s*(?:le\s+)?(?:" + _WD + r"\s+)?(?P<d>" + _DAY + r")\s+(?P<mn>" + _MONTH
    + r")\s+(?P<y>" + _YEAR + r")(?:\s*(?:à\s+)?\d{1,2}\s*[h:]\s*\d\d)?\s*\)", V)


def find_ref_date(text: str) -> Optional[date]:
    """The document's own dateline, looked for in its first lines."""
    found = find_dateline(text)
    return found[0] if found else None


def find_dateline(text: str) -> Optional[tuple[date, int, int]]:
    """The document's dateline — its date and the span of the match in `text` —
    looked for in its first lines: `[12/01/2015 11:44:50]`, `04/07/2014 à 17:10`,
    `Paris, le 12 janvier 2015`, `PARIS, 3 mars 2023 (Reuters) -`, a line that is
    only a date; else a wire's closing one (`(©AFP / 28 mars 2018 06h38)`).  It dates
    the article, never a figure (SPEC §1: no period from it)."""
    head = text[:1500]
    # the lines a dateline can open: a letter or digit first, a digit in their first 80 characters
    lines, at = [], 0
    for line in head.split("\n"):
        stripped = line.lstrip()
        if stripped[:1].isalnum() and _DIGIT.search(stripped, 0, 80):
            lines.append((at + len(line) - len(stripped), stripped))
        at += len(line) + 1
    tries = [(pat, None) for pat in _DATELINE_PATTERNS] + [(None, pat) for pat in _DATELINE_LINE_PATTERNS]
    for anywhere, at_line in tries:
        if anywhere is not None:
            found, base = anywhere.search(head), 0
        else:
            found, base = next(((m, off) for off, line in lines for m in [at_line.match(line)] if m), (None, 0))
        if not found:
            continue
        try:
            mo = MONTHS[found["mn"].lower()] if "mn" in found.groupdict() and found["mn"] else int(found["m"])
            return date(int(found["y"]), mo, _day(found["d"])), base + found.start(), base + found.end()
        except (ValueError, KeyError):
            continue
    base = max(0, len(text) - 400)
    closing = list(_CLOSING_DATELINE.finditer(text, base)) if "(" in text[base:] else []
    if closing:
        found = closing[-1]  # the last one: the wire's own
        try:
            return date(int(found["y"]), MONTHS[found["mn"].lower()], _day(found["d"])), found.start(), found.end()
        except (ValueError, KeyError):
            return None
    return None


@lru_cache(maxsize=4096)
def parse_date_string(s: str) -> Optional[date]:
    """Parse one candidate date string with dateparser (French), cached.  Used for
    `--ref-date` style inputs; the extractors above never scan text with it."""
    import dateparser

    d = dateparser.parse(s, languages=["fr", "en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    return d.date() if d else None
