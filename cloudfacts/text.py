"""Segmentation of a document's text: lines, sentences, and spans that yield nothing.

All functions return offsets into the text they are given, never a normalised copy.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import compress

import regex
from . import rx

# Abbreviations whose final dot does not end a sentence.
_ABBREV = ("M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "St", "Ste", "p", "cf",
           "av", "bd", "env", "vol", "n°", "no", "art", "J", "fig", "éd", "ed",
           "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "Inc", "Corp", "Cie")
_ABBREV_RE = "|".join(regex.escape(a) for a in sorted(_ABBREV, key=len, reverse=True))

# A sentence ends at . ! ? … followed by space and something that can open a
# sentence, or at a line break.  Initials (`P. Marais`, `J.-P.`) and the
# abbreviations above do not end one.
_SENT_END = rx.compile(
    r"""
    (?:
        (?<!(?<![\p{L}\d])(?:""" + _ABBREV_RE + r"""))   # not after an abbreviation (a word of its own:
                                                    # `Group.`, `part.`, `IBM.` end sentences)
        (?<!\b\p{Lu})                             # not after an initial
        [.!?…]+[»"”’)\]]*                         # the end mark, closing quotes
        (?=[ \t\u00a0\u202f]+[\p{Lu}«"“(\[\d-])   # then space and an opener
    )
    | \n
    """,
    regex.VERBOSE | regex.V1,
)

_LINE_BREAK = rx.compile(r"\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


class TextIndex:
    """Line numbers and sentence boundaries of one text, computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text, timeout=10)]
        bounds: list[Sentence] = []
        pos = 0
        for m in _SENT_END.finditer(text, timeout=10):
            end = m.end()
            if end > pos:
                bounds.append(Sentence(pos, end))
            pos = end
        if pos < len(text):
            bounds.append(Sentence(pos, len(text)))
        self.sentences = bounds
        self._sent_starts = [s.start for s in bounds]
        self._sentence_cache: dict[int, str] = {}
        self._first_letter: dict[int, int] = {}

    def line_of(self, offset: int) -> int:
        """1-based line of an offset."""
        return bisect.bisect_right(self._line_starts, offset)

    def sentence_at(self, offset: int) -> Sentence:
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        return self.sentences[max(i, 0)] if self.sentences else Sentence(0, len(self.text))

    def sentence_index(self, offset: int) -> int:
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        return i if i > 0 else 0

    def sentence_text(self, offset: int) -> str:
        """The sentence holding `offset`, stripped; one string per sentence,
        shared by its mentions.  A "sentence" longer than MAX_SENTENCE (a
        megabyte line without punctuation) is cut to a window around `offset`."""
        i = self.sentence_index(offset)
        s = self.sentences[i] if self.sentences else Sentence(0, len(self.text))
        if s.end - s.start > MAX_SENTENCE:
            a = max(s.start, offset - MAX_SENTENCE // 2)
            return self.text[a:min(s.end, a + MAX_SENTENCE)].strip()
        cached = self._sentence_cache.get(i)
        if cached is None:
            cached = self._sentence_cache[i] = self.text[s.start:s.end].strip()
        return cached

    def sentence_initial(self, offsets: list[int]) -> list[bool]:
        """For each offset, whether only punctuation, quotes or bullets stand between
        its sentence's start (or a colon) and it: a capitalised word there may be
        capitalised for that alone.  One call for the many offsets of a text."""
        text, starts, first_letter = self.text, self._sent_starts, self._first_letter
        sentences = self.sentences or [Sentence(0, len(text))]
        bisect_right = bisect.bisect_right
        out = []
        for offset in offsets:
            i = bisect_right(starts, offset) - 1
            if i < 0:
                i = 0
            s = sentences[i]
            first = first_letter.get(i)
            if first is None:
                m = _HAS_WORD.search(text, s.start, s.end)
                first = first_letter[i] = m.start() if m else s.end
            if first >= offset:
                out.append(True)
                continue
            before = text[max(s.start, offset - 12):offset]
            out.append(not _OPENERS.isdisjoint(before) and _AFTER_COLON.search(before) is not None)
        return out


MAX_SENTENCE = 2000
_HAS_WORD = rx.compile(r"[\p{L}]", regex.V1)
_OPENERS = frozenset(':;«“"')  # what _AFTER_COLON needs one of
_AFTER_COLON = rx.compile(r"(?:[:;]\s*[«\"“]?|[«“]|(?<=\s)\")\s*$")

# (the patterns tried word by word carry their bound from here, not from each call)
# Spans in which nothing is extracted (SPEC §2: URLs, e-mail addresses, file
# names, hex hashes), and words with digits glued inside (`Essentiels2020`, `4G`).
_URL = rx.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"«»]+", regex.V1)
_EMAIL = rx.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", regex.V1)
_EXTENSIONS = r"(?:jpe?g|png|gif|pdf|docx?|xlsx?|pptx?|html?|php|aspx?|txt|csv|zip|mp[34]|svg|webp)"
_DOMAINS = r"(?:com|fr|org|net|io|eu|be|ch|info)"
# anchors: a dot followed by a file extension or a domain; the name is then
# looked for just before it (cheaper than trying every word as a file name)
_DOT_ANCHOR = rx.compile(r"\.(?:" + _EXTENSIONS + "|" + _DOMAINS + r")\b", regex.V1)
_FILE_OR_DOMAIN = rx.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:" + _EXTENSIONS + r"|" + _DOMAINS + r")\b(?:/[^\s]*)?", regex.V1, timeout=5)
# the number of a stock index's name (`CAC 40`, `SBF 120`, `Euro Stoxx 50`) and of a rank
# (`le numéro 2 mondial`, `n° 3`) counts nothing: no figure
_INDEX_WORDS = frozenset({"CAC", "SBF", "Stoxx", "STOXX", "FTSE", "DAX", "Nikkei", "MIB", "IBEX", "Ibex", "AEX", "SMI",
                          "numéro", "Numéro", "n", "N", "n°", "N°"})  # (`n°` may be cut from its sign)
_INDEX_GATE = re.compile(r"CAC|SBF|Stoxx|STOXX|FTSE|DAX|Nikkei|MIB|IBEX|Ibex|AEX|SMI|[nN]uméro|[nN]°")
_INDEX_OR_RANK = rx.compile(r"(?:(?:CAC|SBF|Stoxx|STOXX|FTSE|DAX|Nikkei|MIB|IBEX|Ibex|"
                            r"AEX|SMI)[\s\u00a0-]?\d{2,3}|(?:numéro|Numéro|n°|N°)\s?\d{1,3})(?!\d)", regex.V1)
# a stock ticker after a company's name (`Alpha ALP.PA`, `(AIR.PA)`): no name in it
_TICKER_MARKETS = ("PA", "AS", "BR", "LS", "DE", "MI", "MC", "SW", "VX", "OQ", "TO", "HK", "ST", "CO", "HE", "OL",
                   "AX", "L", "N", "O", "F", "T")
# (one scan in C says whether a text holds any: the `regex` patterns run only then)
_TICKER_GATE = re.compile(r"\.(?:" + "|".join(_TICKER_MARKETS) + r")(?![A-Za-z0-9])")
_TICKER = rx.compile(r"(?<![\p{L}\d.])\p{Lu}[\p{Lu}\d]{0,5}\.(?:" + "|".join(_TICKER_MARKETS) + r")(?![\p{L}\d])",
                     regex.V1)
_HEX = rx.compile(r"\b[0-9a-fA-F]{16,}\b", timeout=5)
_GLUED = rx.compile(
    r"""
      (?<![\p{L}\d])(?![TSQH][1-4]\b)\p{L}+\d+[\p{L}\d]*    # Essentiels2020, MP3 (not T3, S1)
    | (?<![\p{L}\d])\d+\p{L}*\p{Lu}\p{L}*\b(?!\s*[€$£])    # 4G, 5G, 3D (not 3Md€)
    """,
    regex.VERBOSE | regex.V1, timeout=5,
)


def _mixes_letters_and_digits(word: str) -> bool:
    return not word.isalpha() and not word.isdigit() and any(c.isdigit() for c in word) \
        and any(c.isalpha() for c in word)


def protected_spans(text: str, tokens=None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(spans that yield no figure or date, spans that yield no name either):
    URLs, e-mail addresses, file names, domains and hashes block everything;
    words with glued digits block figures and dates only.  With the text's
    `tokens`, glued words are found among them rather than by a scan."""
    spans = []
    if "://" in text or "www." in text:
        spans += [(m.start(), m.end()) for m in _URL.finditer(text, timeout=5)]
    if "@" in text:
        spans += [(m.start(), m.end()) for m in _EMAIL.finditer(text, timeout=5)]
    for a in _DOT_ANCHOR.finditer(text, timeout=5):
        start = max(0, a.start() - 200)
        for m in _FILE_OR_DOMAIN.finditer(text, start, min(len(text), a.end() + 200)):
            if m.start() <= a.start() < m.end():
                spans.append((m.start(), m.end()))
                break
    if tokens is None:
        spans += [(m.start(), m.end()) for m in _HEX.finditer(text, timeout=5)]
    else:  # a hash is one word of 16 characters or more
        for t in compress(tokens, map((15).__lt__, map(len, words_of(tokens)))):
            spans += [(m.start(), m.end()) for m in _HEX.finditer(text, t.start, t.end)]
    if _TICKER_GATE.search(text):
        spans += [(m.start(), m.end()) for m in _TICKER.finditer(text, timeout=5)]
    names_spans = sorted(set(spans))
    if tokens is None:
        glued = [(m.start(), m.end()) for m in _GLUED.finditer(text, timeout=5)]
    else:
        glued = []
        for t in compress(tokens, map(_MIXED.__getitem__, words_of(tokens))):
            glued += [(t.start + m.start(), t.start + m.end()) for m in _GLUED.finditer(t.text)]
    # the pattern is tried only where its words stand: among the tokens, or found by a scan
    starts = ([t.start for t in compress(tokens, map(_INDEX_WORDS.__contains__, words_of(tokens)))]
              if tokens is not None else [g.start() for g in _INDEX_GATE.finditer(text)])
    for a in starts:
        m = _INDEX_OR_RANK.match(text, a, min(len(text), a + 20), timeout=5)
        if m and not (a and text[a - 1].isalpha()):
            glued.append((m.start(), m.end()))
    return sorted(set(spans + glued)), names_spans


class WordMemo(dict):
    """A test of a word cached by spelling, for the hot loops over a text's
    tokens: `map(memo.__getitem__, words)` runs at C speed once the words are
    known.  Cleared when it holds `maxsize` spellings, so memory stays bounded."""

    __slots__ = ("fn", "maxsize")

    def __init__(self, fn, maxsize: int = 100_000) -> None:
        super().__init__()
        self.fn = fn
        self.maxsize = maxsize

    def __missing__(self, word: str):
        if len(self) >= self.maxsize:
            self.clear()
        value = self[word] = self.fn(word)
        return value

    def __call__(self, word: str):
        return self[word]


def words_of(tokens) -> list[str]:
    """The spellings of tokens: the list the tokenizer keeps, else read from them."""
    words = getattr(tokens, "words", None)
    return words if words is not None else [t.text for t in tokens]


class SpanSet:
    """Non-overlapping spans, with an O(log n) overlap test, for arbitration."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    @classmethod
    def of_sorted(cls, starts: list[int], ends: list[int]) -> "SpanSet":
        """The set of spans already sorted and not overlapping (given as their starts and ends)."""
        got = cls()
        got._starts, got._ends = starts, ends
        return got

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, start)
        if i < len(self._starts) and self._starts[i] < end:
            return True
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> bool:
        """Add the span unless it overlaps one already there; True if added."""
        if self.overlaps(start, end):
            return False
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True


_MIXED = WordMemo(_mixes_letters_and_digits)
