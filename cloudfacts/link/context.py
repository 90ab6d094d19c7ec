"""What linking reads, computed once: the document (names, dates, the company it is
about, trigger words), each sentence (its names, clause breaks, asides) and each
figure (the names before and after it, its nearest trigger word)."""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from functools import reduce
from itertools import compress
from operator import attrgetter, itemgetter, or_
from typing import Callable, Optional

import regex

from .. import rx

from ..model import FIGURE_KINDS, Mention
from ..text import Sentence, SpanSet, TextIndex, WordMemo, words_of
from ..vocab import CAPITALS, DEMONYM_FORMS, PLACE_NATIONALITY, state_of
from ..extractors.dates import find_dateline
from .lexicon import (AFTER_DEAL, ANALYST_AFTER, ROLE_NOUN_RE, ROLE_NOUN_WORDS, COORDINATED_AFTER, ENLARGED_RE, ENLARGED_WORDS, ANAPHOR_RE, ANAPHOR_WORDS, ASIDE, ASIDE_OPENERS, CELUI_BEFORE, DILUTION,
                      DILUTION_WORDS, HOLDER_TOPIC_WORDS, BREAK_WORDS, clause_breaks, positions, CLAUSE_BREAK, COMPANY_ATTRIBUTES,
                      COORD, DANS, GENERIC_RE, HELD_RE, INTRO_AFTER, INTRO_BEFORE, MERGED_RE, MERGER_WORD,
                      IN_BOURSE, PURCHASE_WORD, QUANT_A_BEFORE, SHARES_OF, SOURCE_BEFORE, STATE_RE, STATE_VERB_AFTER, TARGET_RE, TRIGGER_BODY, TRIGGER_RE,
                      MERGED_WORDS, MERGER_WORDS, CREATED_RE, CREATED_WORDS, PERSON_INTRO_AFTER, PERSON_INTRO_BEFORE, has_any)
from ..extractors.names import fold

@dataclass(slots=True)
class Ent:
    start: int
    end: int
    value: Optional[str]   # canonical name, or None when a generic reference is unresolved
    generic: bool = False
    person: bool = False
    created: bool = False  # `(donner naissance à) un géant`: the merged company, subject of what follows


# linking looks this far around a figure, however long its "sentence" is
REACH = 400

def introductions(text: str, names: list[Mention]) -> dict[str, tuple[list[int], list[str]]]:
    """Where each nationality and `famille` was attached to a name, in order:
    key → (positions, names)."""
    out: dict[str, tuple[list[int], list[str]]] = {}

    def add(key: str, pos: int, value: str) -> None:
        starts, values = out.setdefault(key, ([], []))
        starts.append(pos)
        values.append(value)

    by_place: list[tuple[str, int, str]] = []
    for m in names:
        if m.value is None:
            continue
        if m.kind == "person" and m.rule == "famille_x":
            add("famille", m.start, str(m.value))
        elif m.kind == "organization":
            got = INTRO_BEFORE.search(text[max(0, m.start - 30):m.start]) or \
                (text[m.end:m.end + 3].lstrip().startswith(",") and INTRO_AFTER.match(text[m.end:m.end + 50]))
            if got:
                add(DEMONYM_FORMS[got["dem"].lower()], m.start, str(m.value))
            else:  # `Caisse de dépôt et placement du Québec`: the place its name holds (below)
                for word in dict.fromkeys(fold(str(m.value)).split()):
                    for dem in PLACE_NATIONALITY.get(word, ()):
                        by_place.append((dem, m.start, str(m.value)))
        elif m.kind == "person":
            # `son vis-à-vis italien, Leonardo Del Vecchio` … `l'Italien détiendra un tiers`
            got = PERSON_INTRO_BEFORE.search(text[max(0, m.start - 30):m.start]) or \
                (text[m.end:m.end + 3].lstrip().startswith(",") and PERSON_INTRO_AFTER.match(text[m.end:m.end + 60]))
            if got:
                add(DEMONYM_FORMS[got["dem"].lower()], m.start, str(m.value))
    # a nationality its name tells counts only where no name was introduced with that nationality
    explicit = set(out)
    for dem, pos, value in by_place:
        if dem not in explicit:
            add(dem, pos, value)
    return out


def _holder_place(text: str, start: int) -> bool:
    """A place named as a holder: `celui du Qatar`, `le fonds souverain du Qatar`."""
    window = text[max(0, start - 40):start]
    return ("celui" in window or "celle" in window or "fonds" in window or "émirat" in window
            or "royaume" in window) and bool(CELUI_BEFORE.search(window))


def _acting_capital(text: str, m: Mention) -> bool:
    """`Lisbonne détient 18 %`, `Rome a acquis…`: a capital acting is its State."""
    return m.text in CAPITALS and bool(STATE_VERB_AFTER.match(text, m.end, m.end + 40))


def span_entities(text: str, s_start: int, s_end: int, names: list[Mention], name_starts: list[int],
                  intros: Optional[Callable[[], dict]] = None,
                  merged: Optional[Callable[[], Optional[str]]] = None, listed: int = -1,
                  enlarged: Optional[Callable[[], Optional[str]]] = None,
                  roles: Optional[Callable[[], object]] = None) -> list[Ent]:
    """Names, `l'État`, references to a name introduced before (`le chinois`,
    `la famille`; `intros()` gives the introductions) and generic references of
    the span [s_start, s_end).  `listed`: the word lists (`WORD_LISTS`) whose
    words the span holds, when the caller knows; the patterns they gate are
    tried only then."""
    lo, hi = bisect.bisect_left(name_starts, s_start), bisect.bisect_left(name_starts, s_end)
    # names of companies and people; a place only as a holder (`celui du Qatar`, `le fonds souverain du Qatar`)
    ents = [Ent(m.start, m.end, str(m.value), False, m.kind == "person") if m.kind != "location" or
            _holder_place(text, m.start) else Ent(m.start, m.end, state_of(CAPITALS[m.text]))
            for m in names[lo:hi] if m.kind != "location" or _holder_place(text, m.start) or _acting_capital(text, m)]
    taken = SpanSet.of_sorted([e.start for e in ents], [e.end for e in ents])  # (names never overlap)
    found = len(ents)
    body = text[s_start:s_end]
    if "tat" in body or "gouvernement" in body:  # `l'État`, `l'Etat`, `l'État portugais`, `le gouvernement`
        for m in STATE_RE.finditer(text, s_start, s_end):
            if taken.add(m.start(), m.end()):
                ents.append(Ent(m.start(), m.end(), state_of(m["nat"])))
    if intros is not None and (listed & ANAPHOR if listed != -1 else has_any(body.lower(), ANAPHOR_WORDS)):
        for m in ANAPHOR_RE.finditer(text, s_start, s_end):
            key = "famille" if m["fam"] else DEMONYM_FORMS[m["dem"].lower()]
            starts, values = intros().get(key, ((), ()))
            k = bisect.bisect_left(starts, m.start()) - 1  # the last one named before
            a = m.start() if m.start("g") < 0 else m.start("g")
            if k >= 0 and taken.add(a, m.end()):
                ents.append(Ent(a, m.end(), values[k], person=key == "famille"))
    if merged is not None and listed & MERGED_GATE and has_any(body, MERGED_WORDS):
        for m in MERGED_RE.finditer(text, s_start, s_end):
            if taken.add(m.start(), m.end()):
                # (a purchase, no merger: `le nouvel ensemble` is the buyer grown by it)
                name = merged() or (enlarged() if enlarged is not None else None)
                ents.append(Ent(m.start(), m.end(), name, generic=name is None))
    if merged is not None and listed & CREATING and has_any(body, CREATED_WORDS):
        for m in CREATED_RE.finditer(text, s_start, s_end):
            a, b = m.span("g")
            if taken.add(a, b):
                name = merged()
                ents.append(Ent(a, b, name, generic=name is None, created=True))
    if enlarged is not None and has_any(body, ENLARGED_WORDS):
        # `le groupe ainsi élargi`: the buyer grown by its purchase
        for m in ENLARGED_RE.finditer(text, s_start, s_end):
            if taken.add(m.start(), m.end()):
                name = enlarged()
                ents.append(Ent(m.start(), m.end(), name, generic=name is None))
    if roles is not None and has_any(body, ROLE_NOUN_WORDS):
        # `le repreneur`, `l'acquéreur`, `la cible`: the party the lead names in that role
        for m in ROLE_NOUN_RE.finditer(text, s_start, s_end):
            if taken.add(m.start(), m.end()):
                name = getattr(roles(), m.lastgroup)
                ents.append(Ent(m.start(), m.end(), name, generic=name is None))
    for m in GENERIC_RE.finditer(text, s_start, s_end):
        if taken.add(m.start(), m.end()):
            ents.append(Ent(m.start(), m.end(), None, generic=True))
    return ents if len(ents) == found else sorted(ents, key=_ENT_START)


_ENT_START = attrgetter("start")


def _NO_MERGER() -> None:
    return None


# a name right after a merged-company phrase: `l'entité fusionnée X`, `le nouvel ensemble X`
_MERGED_BEFORE = rx.compile(r"(?:" + MERGED_RE.pattern + r")\s*,?\s*\Z", regex.V1 | regex.I)
_INTRO_HEAD: dict = {}  # head noun → its introduction pattern (built once)
# what an operating company is called, never a fund or a bank that invests in it
_OPERATING_NOUNS = {"société", "entreprise", "start-up", "jeune pousse", "jeune entreprise", "firme", "industriel",
                    "constructeur", "équipementier", "éditeur", "laboratoire", "enseigne"}
# a name introduced as an investor: `le fonds britannique X`, `l'investisseur X`
_INVESTOR_INTRO = rx.compile(r"(?r)(?<!\p{L})(?:le\s+fonds|l['’]investisseur|la\s+banque|le\s+family\s+office|"
                             r"la\s+société\s+de\s+gestion|le\s+capital-investisseur)(?:\s+\p{Ll}+){0,3}\s+\Z",
                             regex.V1 | regex.I)
_DEMONSTRATIVE_BEFORE = rx.compile(r"(?<!\p{L})(?:cette|ce|cet)\s+\Z", regex.V1 | regex.I)


def _in_brackets(text: str, floor: int, pos: int) -> bool:
    """`pos` lies inside a bracket opened after `floor` and not closed before it."""
    return text.rfind("(", floor, pos) > text.rfind(")", floor, pos)


# the prepositions that make a name after them a complement (`de X`, `dans la société X`),
# the articles that may stand between, the nouns of shares that name their issuer
# (`actions X`), and the head nouns that may come before the name (`de la société X`)
_PREPOSITIONS = {"de", "du", "des", "dans", "sur", "chez", "avec", "contre", "à", "au", "aux", "via", "derrière",
                 "devant"}
_ARTICLES = {"la", "le", "les"}
_SHARE_NOUNS = {"actions", "action", "titres", "titre", "certificats", "certificat", "obligations", "obligation"}
_SHARE_NOUN_ENDS = tuple(_SHARE_NOUNS)
# infinitives whose object is a company (`pour racheter X`, `afin de reprendre la société X`)
_OBJECT_INFINITIVES = {"racheter", "acquérir", "reprendre", "acheter", "céder", "vendre", "absorber", "contrôler",
                       "détenir", "financer", "soutenir", "sauver", "renflouer", "concurrencer", "rejoindre",
                       "intégrer", "s'offrir", "valoriser", "dépasser", "devancer"}
_HEADS = {"société", "groupe", "fonds", "banque", "famille", "entreprise", "holding", "firme", "start-up"}


def is_complement_at(text: str, e: Ent) -> bool:
    """`de X`, `dans la société X`, `à l'État`, `d'Alstom`, `actions X`: a name
    governed by a preposition or naming the issuer of shares; `celui de X`,
    `quant à X` name a holder, a topic, not a complement.  Read from the words
    before the name (the patterns only confirm the rare exceptions)."""
    words = text[max(0, e.start - 40):e.start].rsplit(None, 3)  # (the last three words are all it reads)
    if not words:
        return False
    k = len(words) - 1
    w = words[k].lower()
    if w in _HEADS and k > 0 and not text[e.start - 1:e.start].strip():
        k -= 1
        w = words[k].lower()
    w = w.replace("’", "'")
    if w in _SHARE_NOUNS or w.rpartition("'")[2] in _SHARE_NOUNS and w.endswith(_SHARE_NOUN_ENDS):
        governed = True
    elif w.endswith("d'") or w in _PREPOSITIONS:
        governed = True
    elif (w in _ARTICLES or w.endswith("l'")) and (w.endswith("l'") and w[:-2].rpartition("'")[2] in _PREPOSITIONS
                                                  or k > 0 and words[k - 1].lower() in _PREPOSITIONS):
        governed = True
    elif w in _OBJECT_INFINITIVES or (w in _ARTICLES or w == "l'") and k > 0 \
            and words[k - 1].lower() in _OBJECT_INFINITIVES:
        governed = True  # `pour racheter (la société) X, Alpha…`: the infinitive's object, no verb's subject
    else:
        governed = False
    if not governed:
        return False
    before = text[max(0, e.start - 25):e.start]
    return not (has_any(before.lower(), HOLDER_TOPIC_WORDS)
                and (CELUI_BEFORE.search(before) or QUANT_A_BEFORE.search(before)))


def merged_name(names: list[Mention], text: Optional[str] = None) -> Optional[str]:
    """The merged company of a merger when the text names it: an organisation
    whose name is two others' put together (`EssilorLuxottica`, `Siemens Alstom`);
    with the `text`, one the text calls merged (`l'entité fusionnée TF1-M6`) before
    another (`le groupe Bouygues-TF1`, a parent and its subsidiary)."""
    # in text order (a dict, not a set: the answer must not depend on the hash seed)
    values = dict.fromkeys(str(m.value) for m in names if m.kind == "organization" and m.value)
    if len(values) < 3:
        return None  # a merged name and its two parts
    squeezed = {v: fold(v).replace(" ", "") for v in values}
    parts = set(squeezed.values())  # (only looked up)
    by_first: dict[str, list[str]] = {}  # the parts by their first letter: a name is tried against its own
    for a in parts:
        if a:
            by_first.setdefault(a[0], []).append(a)
    found = [v for v, f in squeezed.items()
             if any(len(a) < len(f) and f.startswith(a) and f[len(a):] in parts for a in by_first.get(f[:1], ()))]
    if text is not None and len(found) > 1:
        called = [v for v in found if any(m.value == v and _MERGED_BEFORE.search(text, max(0, m.start - 40), m.start)
                                          for m in names)]
        found = called or found
    # the one named most often; on a tie the one named first (max keeps the first of equals)
    return max(found, key=lambda v: sum(1 for m in names if m.value == v)) if found else None


# The word right before a name says which of the two patterns can end there (all
# their alternatives end with one of these words): `TARGET_RE` after `de`, `sur`,
# `actions`, `société`…, `DANS` after `dans`, `le`, `sa`…; `la` and `l'` end
# `TARGET_RE` only as `N % de la X`.
_TARGET_ONLY = {"sur", "pour", "actions", "titres", "action", "titre", "entreprise"}
_BOTH = {"groupe", "société"}  # (and any word ending in `d'`, `de`… being read first, below)
_DANS_ONLY = {"dans", "le"}
_ARTICLE_TAILS = {"la", "l'", "l’"}
# and the word before that one: `TARGET_RE` ends `<noun> de X` (`rachat de`, `51 % de`,
# `des actions de`) and `<offer> sur X` (`OPA sur`, `offre publique d'achat pour`)
_DE_TAILS = {"de", "du", "d'", "d’"}
_TARGET_NOUNS = ("titres", "capital", "actionnaire", "actionnaires", "actionnariat", "rachat", "reprise", "racheter",
                 "reprendre", "acquérir", "acquisition", "intégration", "filialisant", "filialiser", "fusion",
                 "contrôle", "%", "actions")
_OFFER_TAILS = {"sur", "pour"}
_OFFER_WORDS = {"opa", "ope", "offre", "offres", "publique", "publiques", "raid"}


def _tail_kind(tail: str) -> Optional[tuple[str, str]]:
    """Which pattern may end with the word `tail` (as it stands before a name):
    (kind, the word in lower case), or None when neither can."""
    t = tail.strip().lower()
    if t in _DE_TAILS:
        return "de", t
    if t in _OFFER_TAILS:
        return "offer", t
    if t in _BOTH or t.endswith(("d'", "d’")):
        return "both", t
    if t in _TARGET_ONLY:
        return "target", t
    if t in _ARTICLE_TAILS or t.endswith(("l'", "l’")):
        return "article", t
    if t in _DANS_ONLY:
        return "dans", t
    return None


_TAIL_KIND = WordMemo(_tail_kind)


# `sous le contrôle de X`: X is who controls
UNDER_CONTROL = rx.compile(r"(?<!\p{L})sous\s+(?:le\s+)?contrôle\s+(?:de|du|d['’])\s*(?:la\s+société\s+|l['’]entreprise\s+|"
                           r"(?:du\s+)?groupe\s+|la\s+banque\s+|du\s+fonds\s+|fonds\s+)?\Z", regex.V1 | regex.I)


def document_target(text: str, names: list[Mention]) -> Optional[str]:
    """The company the document is about: the one named most often after
    `titres de`, `capital de`, `rachat de`, `parts … dans`; else None."""
    counts: Counter = Counter()
    for m in names:
        if m.kind != "organization" or not m.start:
            continue
        s = m.start
        j = text.rfind(" ", max(0, s - 30), s - 1)
        got = _TAIL_KIND[text[j + 1:s]]
        if got is None:
            continue  # no alternative of either pattern ends with this word
        kind, tail = got
        before = text[max(0, s - 60):s]
        if kind == "de" or kind == "offer":
            ws = before.split()
            if ws and ws[-1].lower() == tail:
                prev = ws[-2].lower() if len(ws) > 1 else ""
                target = prev.endswith(_TARGET_NOUNS) if kind == "de" else (
                    prev.replace("’", "'").rpartition("'")[2] in _OFFER_WORDS or prev.endswith(("achat", "échange")))
            else:
                target = True
            dans = kind == "de"
        elif kind == "both":
            target = dans = True
        elif kind == "target":
            target, dans = True, False
        elif kind == "article":
            target, dans = "%" in before, True
        else:
            target, dans = False, True
        got = TARGET_RE.search(before) if target else None
        if got and "sous" in before and UNDER_CONTROL.search(before):
            continue  # `passe sous le contrôle du groupe X`: X controls, it is not the company held
        if got and got.group("issuer") is None or (dans and "dans" in before.lower() and DANS.search(before)
                                                    and HELD_RE.search(before)):
            counts[str(m.value)] += 2
        elif got:
            counts[str(m.value)] += 1  # `les actions Bouygues` may be the buyer's own shares: a weaker sign
    return counts.most_common(1)[0][0] if counts else None


_SEPARATORS = "-'’"


def trigger_offsets(word: str) -> tuple[int, ...]:
    """Where in a word a trigger may begin: at its start or after an inner
    hyphen or apostrophe (`ex-actionnaire`), when from there a trigger ends at
    the word's end or at an inner separator (`rachat-vente`), or goes on past a
    blank (`du` of `du capital`), or past an elision (`s'` of `s'emparer`)."""
    out = []
    for o in [0] + [k + 1 for k, c in enumerate(word) if c in _SEPARATORS and k + 1 < len(word)]:
        rest = word[o:]
        ends = [k for k, c in enumerate(rest) if c in _SEPARATORS] + [len(rest)]
        if any(k > 0 and TRIGGER_BODY.fullmatch(rest[:k]) for k in ends) \
                or TRIGGER_BODY.fullmatch(rest + " ", partial=True) \
                or (rest[-1] in "'’" and TRIGGER_BODY.fullmatch(rest, partial=True)):
            out.append(o)
    return tuple(out)


TRIGGER_OFFSETS = WordMemo(trigger_offsets)

# Word lists that gate patterns, looked for among a document's words rather than
# in its text (a scan of the text per word of a list, and its lower-casing, cost
# more than the patterns they spare): one test per distinct spelling, cached, one
# pass over the words per document.  Each list is a bit: (its words, whether
# they are read in lower case or as written).  A list's words hold only letters,
# so each occurrence in the text lies inside one word.
_WORD_LISTS = (
    (MERGER_WORDS + ("entité", "ensemble", "combin", "cumul"), False),  # the text may speak of a merger
    (DILUTION_WORDS, True), (MERGER_WORDS, True), (ANAPHOR_WORDS, True), (BREAK_WORDS, True),
    (CREATED_WORDS, False),
    # (what `MERGED_WORDS` needs: its words, `deux` for its `deux groupes`…)
    (tuple(w for w in MERGED_WORDS if " " not in w) + tuple({w.split()[0] for w in MERGED_WORDS if " " in w}), False),
)
MAY_MERGE, DILUTING, MERGING, ANAPHOR, BREAKING, CREATING, MERGED_GATE = (1 << k for k in range(len(_WORD_LISTS)))
_WORDS_OF_BIT = {1 << k: words for k, (words, _) in enumerate(_WORD_LISTS)}
assert all(w.isalpha() for words, _ in _WORD_LISTS for w in words)


def word_lists(word: str) -> int:
    """The bits of the lists one of whose words `word` holds."""
    low = word.lower()
    bits = 0
    for k, (words, lower) in enumerate(_WORD_LISTS):
        if has_any(low if lower else word, words):
            bits |= 1 << k
    return bits


WORD_LISTS = WordMemo(word_lists)
_START = itemgetter(0)  # a token's start


class Triggers:
    """Trigger words of a text, found once per sentence that asks (a sentence
    without figures is never looked at): the words that may open a trigger (a
    cached test per distinct spelling) are matched where they stand, so the work
    is linear in the text and no window is scanned twice."""

    def __init__(self, text: str, toks=None, index: Optional[TextIndex] = None,
                 names: Optional[list[Mention]] = None) -> None:
        if toks is None:
            from ..extractors.names import tokenize
            toks = tokenize(text)
        self.text = text
        # a word of a name is no trigger (`Verlys Finance`, `Amber Capital`, `Peugeot Invest Participations`)
        inside = [m for m in names or () if m.start < m.end and " " in m.text]
        self._name_starts = [m.start for m in inside]
        self._name_ends = [m.end for m in inside]
        self.toks = toks
        self.words = words_of(toks)
        self.tok_starts = list(map(_START, toks))
        self.index = index or TextIndex(text)
        self._by_sentence: dict[int, tuple[list, list]] = {}

    def _sentence(self, si: int) -> tuple[list, list]:
        got = self._by_sentence.get(si)
        if got is None:
            span = self.index.sentences[si] if self.index.sentences else Sentence(0, len(self.text))
            lo = bisect.bisect_left(self.tok_starts, span.start)
            hi = bisect.bisect_left(self.tok_starts, span.end)
            text, hits, end = self.text, [], 0
            match = TRIGGER_RE.match
            offsets = list(map(TRIGGER_OFFSETS.__getitem__, self.words[lo:hi]))
            for start, offs in zip(compress(self.tok_starts[lo:hi], offsets), filter(None, offsets)):
                for o in offs:
                    pos = start + o
                    if pos >= end:
                        m = match(text, pos)
                        if m and not (text[pos].isupper() and self._in_name(pos)):
                            hits.append((m.start(), m.end(), m.lastgroup))
                            end = m.end()
            got = self._by_sentence[si] = (hits, [h[0] for h in hits])
        return got

    def _in_name(self, pos: int) -> bool:
        """`pos` lies inside a name of several words, past its first."""
        k = bisect.bisect_right(self._name_starts, pos) - 1
        return k >= 0 and self._name_starts[k] < pos < self._name_ends[k]

    @property
    def hits(self) -> list[tuple[int, int, str]]:
        """Every trigger of the text, in order."""
        return [h for si in range(max(1, len(self.index.sentences))) for h in self._sentence(si)[0]]

    def within(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """Triggers lying inside [a, b) (a span inside one sentence), in order."""
        return self.within_sentence(self.index.sentence_index(a), a, b)

    def within_sentence(self, si: int, a: int, b: int) -> list[tuple[int, int, str]]:
        """Triggers lying inside [a, b), a span of sentence `si`, in order."""
        hits, starts = self._sentence(si)
        i = bisect.bisect_left(starts, a)
        out = []
        while i < len(hits) and hits[i][1] <= b:
            out.append(hits[i])
            i += 1
        return out


def figure_between(fig_starts: list[int], m: Mention, d: Mention) -> bool:
    a, b = (d.end, m.start) if d.start < m.start else (m.end, d.start)
    i = bisect.bisect_left(fig_starts, a)
    return i < len(fig_starts) and fig_starts[i] < b




class Doc:
    """One document as linking sees it; each per-sentence answer is computed once."""

    def __init__(self, text: str, mentions: list[Mention], index: TextIndex, toks=None) -> None:
        self.text = text
        self.index = index
        self.names = [m for m in mentions if m.kind in ("organization", "person", "location")]
        self.person_values = {str(m.value) for m in self.names if m.kind == "person"}  # (only looked up)
        self.dateline = find_dateline(text)
        dl = self.dateline
        # the dateline's date dates the article, not a figure: it is never a period
        self.dates = [m for m in mentions if m.kind == "date" and not (dl and dl[1] <= m.start and m.end <= dl[2])]
        self._target: Optional[str] | bool = False
        self.name_starts = [m.start for m in self.names]
        self.triggers = Triggers(text, toks, index, self.names)
        self.date_starts = [d.start for d in self.dates]
        self.figures = [m for m in mentions if m.kind in FIGURE_KINDS]
        self.fig_starts = [m.start for m in self.figures]
        self.subjects: dict[int, Optional[str]] = {}  # figure start → subject, as they are linked
        self._intros: Optional[dict] = None
        self._merged: Optional[str] | bool = False
        self._sentences: dict[int, "Clauses"] = {}
        self._complement: dict[int, bool] = {}
        self._source: dict[tuple[int, int], bool] = {}

    def close(self) -> None:
        """Drop what points back to the document (each sentence does), so that it
        is freed as soon as linking ends rather than by the cycle collector."""
        self._sentences.clear()

    @property
    def protagonist(self) -> Optional[str]:
        """The organisation the text names most often (on a tie, the one named first)."""
        got = self.__dict__.get("_protagonist", False)
        if got is False:
            counts = Counter(str(m.value) for m in self.names if m.kind == "organization" and m.value)
            got = self._protagonist = max(counts, key=counts.__getitem__) if counts else None
        return got

    def introduced_with(self, head: str, pos: int) -> Optional[str]:
        """The last name before `pos` the text introduced with the noun `head` (`L'opérateur
        Bleuvia` … `l'opérateur`), else None."""
        pat = _INTRO_HEAD.get(head)
        if pat is None:
            pat = _INTRO_HEAD[head] = rx.compile(r"(?r)(?<!\p{L})(?:le|la|l['’])\s*" + regex.escape(head)
                                                 + r"(?:\s+\p{Ll}+){0,2}\s+\Z", regex.V1 | regex.I)
        for m in reversed([m for m in self.names if m.end <= pos and m.kind == "organization" and m.value]):
            if pat.search(self.text, max(0, m.start - 40), m.start):
                return str(m.value)
        return None

    def introduced_as_investor(self, value: str) -> bool:
        """The text first names `value` as a fund, an investor or a bank (`le fonds britannique X`)."""
        got = self.__dict__.setdefault("_investors", {})
        if value not in got:
            first = next((m for m in self.names if m.value == value), None)
            got[value] = bool(first) and _INVESTOR_INTRO.search(self.text, max(0, first.start - 50), first.start) is not None
        return got[value]

    @property
    def listed(self) -> Optional[str]:
        """The company the text shows trading: the one named most often as `le titre X`,
        `l'action X`, `les actions X`, `X … en Bourse` (on a tie, the one named first);
        else the organisation it names most often (a capital increase's shares are the buyer's as
        often as the target's: the company held is no better guess)."""
        got = self.__dict__.get("_listed_company", False)
        if got is False:
            counts: Counter = Counter()
            text = self.text
            for m in self.names:
                if m.kind == "organization" and m.value:
                    before = text[max(0, m.start - 25):m.start]
                    if ("titre" in before or "action" in before or "cours" in before) and SHARES_OF.search(before) \
                            or IN_BOURSE.match(text, m.end, m.end + 40):
                        counts[str(m.value)] += 1
            got = self._listed_company = max(counts, key=counts.__getitem__) if counts else self.protagonist
        return got

    @property
    def speaks_of_purchase(self) -> bool:
        """The text speaks of buying a company (`rachat`, `racheter`, `acquisition`, `OPA`…)."""
        got = self.__dict__.get("_purchase")
        if got is None:
            got = self._purchase = bool(PURCHASE_WORD.search(self.text))
        return got

    def state_before(self, pos: int) -> Optional[str]:
        """The State the article last named with its nationality before `pos`
        (`l'État portugais` … `l'État`: the same one); None when it named none."""
        got = self.__dict__.get("_states")
        if got is None:
            got = self._states = [(m.start(), state_of(m["nat"])) for m in STATE_RE.finditer(self.text)
                                  if m["nat"]] if ("tat" in self.text or "gouvernement" in self.text) else []
        k = bisect.bisect_left(got, (pos, "")) - 1
        return got[k][1] if k >= 0 else None

    @property
    def represents(self) -> dict[str, str]:
        """Person → the organisation or State the text gives as theirs (`represents.represented`)."""
        got = self.__dict__.get("_represents")
        if got is None:
            from .represents import represented
            got = self._represents = represented(self.text, self.names)
        return got

    @property
    def lead_orgs(self) -> set:
        """The organisations the lead names (only they can have a role in the deal)."""
        got = self.__dict__.get("_lead_orgs")
        if got is None:
            from .roles import LEAD
            got = self._lead_orgs = {str(m.value) for m in self.names
                                     if m.start < LEAD and m.kind == "organization" and m.value}
        return got

    @property
    def roles(self):
        """The roles of the deal the article reports (`roles.deal_roles`), found when first asked."""
        got = self.__dict__.get("_roles")
        if got is None:
            from .roles import deal_roles
            got = self._roles = deal_roles(self.text, self.names, self.index)
        return got

    def enlarged(self) -> Optional[str]:
        """`le groupe ainsi élargi`: the buyer of the deal the article reports, else
        the merged company; None when neither is known."""
        return self.roles.buyer or (self.merged() if self.may_merge else None)

    @property
    def target(self) -> Optional[str]:
        """The company the text is about (found when first asked)."""
        if self._target is False:
            self._target = document_target(self.text, self.names)
        return self._target

    def _dated(self, span: Sentence) -> bool:
        """A date lies in the span."""
        k = bisect.bisect_left(self.date_starts, span.start)
        return (k < len(self.dates) and self.dates[k].start < span.end) or \
            bool(self.dateline and span.start <= self.dateline[1] < span.end)

    def is_dated(self, m: Mention) -> bool:
        """A date of the text, not of its dateline."""
        dl = self.dateline
        return not (dl and dl[1] <= m.start and m.end <= dl[2])

    def figures_in(self, a: int, b: int) -> list[Mention]:
        """The figures starting in [a, b)."""
        lo, hi = bisect.bisect_left(self.fig_starts, a), bisect.bisect_left(self.fig_starts, b)
        return self.figures[lo:hi]

    def linked_subjects(self, starts: list[int]) -> list[Optional[str]]:
        """The subjects already given to the figures starting at `starts`."""
        return [self.subjects.get(s) for s in starts]

    def intros(self) -> dict:
        """Looked for only when a sentence holds `le chinois`, `la famille`…"""
        if self._intros is None:
            self._intros = introductions(self.text, self.names)
        return self._intros

    @property
    def may_merge(self) -> bool:
        """The text speaks of a merger, a new entity or a combined figure (else it has no merged company)."""
        got = self.__dict__.get("_may_merge")
        if got is None:
            got = self._may_merge = bool(self._listed()[2] & MAY_MERGE)
        return got

    def merged(self) -> Optional[str]:
        """The merged company (`la nouvelle entité` refers to it): named in the
        text, else made of the two merging companies' names (`LafargeHolcim`)."""
        if self._merged is False:
            # (only a text that speaks of a merger, a new entity or a combined figure has one)
            self._merged = (merged_name(self.names, self.text) or self._merger_of_two()) if self.may_merge else None
        return self._merged

    def _merger_of_two(self) -> Optional[str]:
        """`la fusion entre Essilor et Luxottica`, `le cimentier va fusionner avec
        le suisse Holcim`: the two companies of the first sentence speaking of a
        merger (the company the text is most about standing for a generic one),
        joined in the order written, as merged companies are most often named."""
        orgs = [m for m in self.names if m.kind == "organization" and m.value]
        if len(orgs) < 2:
            return None
        count = Counter([str(m.value) for m in orgs])
        most = count.most_common(1)[0][0]
        for w in self.merger_words():
            if _DEMONSTRATIVE_BEFORE.search(self.text, max(0, w.start() - 8), w.start()):
                continue  # `Grâce à cette fusion, X et Y espèrent…`: the merger was named before, its parties too
            s = self.index.sentences[self.index.sentence_index(w.start())]
            here: dict[str, int] = {}
            for m in orgs:
                if s.start <= m.start < s.end and not _in_brackets(self.text, s.start, m.start):
                    # (`TF1 et M6 (dont RTL fait partie) vont fusionner`: a name in brackets is no party)
                    here.setdefault(str(m.value), m.start)
            # the two named nearest the merger word, the one the text speaks most of first
            near = sorted(here, key=lambda v: abs(here[v] - w.start()))[:2]
            parties = sorted(near, key=lambda v: (-count[v], here[v]))
            if len(parties) == 1 and parties[0] != most and GENERIC_RE.search(self.text, s.start, s.end):
                parties.insert(0, most)
            if len(parties) == 2:
                a, b = parties  # the one the text speaks most of first
                return a + b if " " not in a and " " not in b else f"{a} {b}"
        r = self.roles
        if r.buyer and r.target and any(_DEMONSTRATIVE_BEFORE.search(self.text, max(0, w.start() - 8), w.start())
                                        for w in self.merger_words()):
            # `X rachète Y … Grâce à cette fusion`: the purchase is the merger, its parties buyer and bought
            a, b = r.buyer, r.target
            return a + b if " " not in a and " " not in b else f"{a} {b}"
        return None

    def _listed(self) -> tuple[list[int], list[int], int]:
        """The starts and list bits of the document's words that hold a word of
        a list (`_WORD_LISTS`), and all their bits together."""
        got = self.__dict__.get("_words_listed")
        if got is None:
            t = self.triggers
            bits = list(map(WORD_LISTS.__getitem__, t.words))
            listed = list(filter(None, bits))
            got = self._words_listed = (list(compress(t.tok_starts, bits)), listed, reduce(or_, listed, 0))
        return got

    def listed_in(self, a: int, b: int) -> int:
        """The bits of the lists whose words stand in [a, b)."""
        starts, bits, every = self._listed()
        if not every:
            return 0
        return reduce(or_, bits[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)], 0)

    def word_positions(self, bit: int, a: int = 0, b: Optional[int] = None) -> Optional[list[int]]:
        """Where each word of list `bit` starts in [a, b) of the text, in order
        (as `positions` finds them in the text in lower case); None when lower
        case would move a character of such a word."""
        starts, bits, every = self._listed()
        if not every & bit:
            return []
        lo = bisect.bisect_left(starts, a) if a else 0
        hi = len(starts) if b is None else bisect.bisect_left(starts, b)
        out: list[int] = []
        t = self.triggers
        for k in range(lo, hi):
            if bits[k] & bit:
                s = starts[k]
                w = t.words[bisect.bisect_left(t.tok_starts, s)]
                low = w.lower()
                if len(low) != len(w):
                    return None
                out += (s + p for p in positions(low, _WORDS_OF_BIT[bit]))
        return out

    def merger_words(self) -> list:
        """The matches of `MERGER_WORD` in the text, in order: tried only where
        one of the words it starts with stands."""
        where = self.word_positions(MERGING)
        if where is None:
            return list(MERGER_WORD.finditer(self.text))
        out, end = [], 0
        for p in where:
            if p >= end:
                m = MERGER_WORD.match(self.text, p)
                if m:
                    out.append(m)
                    end = m.end()
        return out

    def diluted(self) -> bool:
        """The text tells that holdings will fall (`sa part tombera à 14 %`):
        `DILUTION` tried around the words it cannot match without."""
        where = self.word_positions(DILUTING)
        if where is None:
            return bool(DILUTION.search(self.text))
        return any(DILUTION.search(self.text, max(0, p - 30), p + 60) for p in where)

    def sentence(self, si: int) -> "Clauses":
        got = self._sentences.get(si)
        if got is None:
            got = self._sentences[si] = Clauses(self, si)
        return got

    def is_complement(self, e: Ent) -> bool:
        """`de X`, `dans X`, `à X`: a name governed by a preposition (one answer per name)."""
        got = self._complement.get(e.start)
        if got is None and e.created:
            got = self._complement[e.start] = False
        if got is None:
            got = self._complement[e.start] = is_complement_at(self.text, e) or self._coordinated_complement(e)
        return got

    def _coordinated_complement(self, e: Ent) -> bool:
        """`avec Bombardier et la CDPQ`: a name coordinated with a complement is one too."""
        before = self.text[max(0, e.start - 45):e.start]
        if " et " not in before and " ou " not in before and ")," not in before:
            return False
        gap = COORDINATED_AFTER.search(self.text, max(0, e.start - 45), e.start)
        if gap is None:
            return False
        k = bisect.bisect_left(self.name_starts, e.start) - 1
        if k < 0 or self.names[k].end != gap.start():
            return False
        prev = self.names[k]
        got = self._complement.get(prev.start)
        return got if got is not None else self.is_complement(Ent(prev.start, prev.end, str(prev.value)))

    def is_source(self, floor: int, e: Ent) -> bool:
        """`selon un analyste de Natixis`: who says, not what."""
        key = (floor, e.start)
        got = self._source.get(key)
        if got is None:
            window = self.text[max(floor, e.start - 50):e.start]
            got = self._source[key] = ("selon" in window or "après" in window or "Selon" in window) \
                and bool(SOURCE_BEFORE.search(window)) \
                or e.person and ANALYST_AFTER.match(self.text, e.end, e.end + 40) is not None
            # (`Pour Sophie Roux, analyste chez Kepler, « … 3 % »`: who comments, never whose figure)
        return got

    def previous_topic(self, si: int) -> Optional[str]:
        """What a subject pronoun opening sentence `si` refers to: the name the sentence before
        closes on with a participle in apposition (`X rejoint la Caisse, entrée en 2020 au capital.
        Elle détient 17,5 %`: the Caisse), else that sentence's subject."""
        if si > 0:
            c = self.sentence(si - 1)
            ents = [e for e in c.ents if e.value and not e.generic and not e.person]
            for e in reversed(ents):
                g = TOPIC_APPOSITION.match(self.text, e.end, c.span.end)
                if g is not None:
                    if not CLAUSE_BREAK.search(self.text, g.end(), c.span.end):
                        return e.value
                    break
        return self.previous_subject(si)

    def previous_subject(self, si: int) -> Optional[str]:
        """Subject of the closest earlier sentence (three at most) that names one:
        its first name that is not a complement nor in brackets."""
        text = self.text
        seen = 0
        for k in range(si - 1, max(-1, si - 12), -1):
            c = self.sentence(k)
            body = text[c.span.start:c.span.end].strip()
            if not body:
                continue  # a blank line between paragraphs
            seen += 1
            if seen > 3:
                break
            words = len(body.split())
            if words < 4 or (words < 12 and not body.endswith((".", "!", "?", "»", '"')) and self._dated(c.span)):
                continue  # a heading or a byline (`le 28/09/2017 L'AGEFI / Edition de 7H`): about no one
            for e in c.ents:
                if e.generic and e.start >= 0 and not self.is_complement(e):
                    # `La société compte 85 salariés. Elle…`: what that sentence's figures made of the noun
                    got = next((self.subjects[s] for s in self.fig_starts_in(c.span) if self.subjects.get(s)), None)
                    if got:
                        return got
                    continue
                if e.value and not e.generic and not self.is_complement(e) and text[max(0, e.start - 1):e.start] != "(":
                    return e.value
        return None

    def fig_starts_in(self, span: Sentence) -> list[int]:
        lo, hi = bisect.bisect_left(self.fig_starts, span.start), bisect.bisect_left(self.fig_starts, span.end)
        return self.fig_starts[lo:hi]


    def previous_last(self, si: int) -> Optional[str]:
        """The last organisation or person named in the closest earlier sentence that
        names one (`celui-ci`, `cette dernière`: the latter)."""
        text = self.text
        for k in range(si - 1, max(-1, si - 4), -1):
            c = self.sentence(k)
            if not text[c.span.start:c.span.end].strip():
                continue
            named = [e for e in c.ents if e.value and not e.generic]
            if named:
                return named[-1].value
        return None


_SOURCE_WORDS = ("selon", "après", "Selon", "analyste", "économiste", "stratégiste")  # what `Doc.is_source` needs


class Clauses:
    """One sentence: its names and generic references, clause breaks and asides
    (found once, whichever figures ask), and what its figures left for the next."""

    def __init__(self, doc: Doc, si: int) -> None:
        self.doc = doc
        self.si = si
        self.span = doc.index.sentences[si]
        self._ents: Optional[list[Ent]] = None
        self._ent_starts: Optional[list[int]] = None
        self._breaks: Optional[tuple[list[int], list[int]]] = None
        self._asides: Optional[list[tuple[int, int]]] = None
        self._shared: Optional[tuple[list[Ent], list[Ent]]] = None
        self.object: Optional[str] = None      # the object found for its percentages, `""` when they differ
        self.last_attribute: dict[str, str] = {}  # kind → attribute of its last figure

    @property
    def body(self) -> str:
        """The sentence's text."""
        got = self.__dict__.get("_body")
        if got is None:
            got = self._body = self.doc.text[self.span.start:self.span.end]
        return got

    @property
    def ents(self) -> list[Ent]:
        if self._ents is None:
            d = self.doc
            self._ents = span_entities(d.text, self.span.start, self.span.end, d.names, d.name_starts, d.intros,
                                       # (no merger: `le nouveau groupe` may still be the buyer grown by its purchase)
                                       d.merged if d.may_merge else _NO_MERGER, d.listed_in(self.span.start, self.span.end),
                                       d.enlarged, lambda: d.roles)
        return self._ents

    def window_ents(self, window: Sentence) -> list[Ent]:
        """The names of a window of a very long sentence: those of the whole
        sentence (found once) that lie inside it."""
        whole = self.ents
        if self._ent_starts is None:
            self._ent_starts = [e.start for e in whole]
        lo, hi = bisect.bisect_left(self._ent_starts, window.start), bisect.bisect_left(self._ent_starts, window.end)
        return [e for e in whole[lo:hi] if e.end <= window.end]

    def shared(self) -> tuple[list[Ent], list[Ent]]:
        """The sentence's names that are not a source (`selon X`), and those of
        them that are not complements: the same for each of its figures."""
        if self._shared is None:
            d = self.doc
            ents = [e for e in self.ents if not d.is_source(self.span.start, e)] \
                if has_any(self.body, _SOURCE_WORDS) else list(self.ents)  # (no `selon` in it: no source)
            self._shared = (ents, [e for e in ents if not d.is_complement(e)])
            self.ent_starts = [e.start for e in ents]
            self.ent_ends = [e.end for e in ents]
        return self._shared

    @property
    def asides(self) -> list[tuple[int, int]]:
        if self._asides is None:
            self._asides = [(m.start(), m.end()) for m in ASIDE.finditer(self.doc.text, self.span.start, self.span.end)] \
                if has_any(self.body, ASIDE_OPENERS) else []
        return self._asides

    def clause_start(self, s_start: int, pos: int) -> int:
        """Where the clause holding `pos` starts: after the last break (`;`, `, `,
        `mais`…) between `s_start` and it."""
        if self._breaks is None:
            found = clause_breaks(self.doc.text, self.span.start, self.span.end,
                                  self.doc.word_positions(BREAKING, self.span.start, self.span.end))
            self._breaks = ([a for a, _ in found], [b for _, b in found])
        starts, ends = self._breaks
        k = bisect.bisect_right(ends, pos) - 1  # the last break ending by `pos`…
        return ends[k] if k >= 0 and starts[k] >= s_start else s_start  # …that starts inside


# a participle in apposition closing a sentence on a name, which the next sentence's pronoun takes up
TOPIC_APPOSITION = rx.compile(r"\s*(?:\([^()]{1,40}\)\s*)?,\s*(?:(?:déjà|aussi|elle-même|lui-même)\s+)?(?:entrée?s?|arrivée?s?|"
                              r"créée?s?|fondée?s?|installée?s?|implantée?s?|basée?s?|présente?s?|devenue?s?|"
                              r"revenue?s?|montée?s?)(?!\p{L})", regex.V1 | regex.I)


class Figure:
    """One figure being linked: the names around it in its sentence (or in a
    window of a very long one), its nearest trigger word, and the links set so far."""

    def __init__(self, doc: Doc, m: Mention, previous: Optional[Mention]) -> None:
        self.doc = doc
        self.m = m
        self.text = doc.text
        self.previous = previous  # the figure linked before this one
        self.si = doc.index.sentence_index(m.start)
        self.clauses = c = doc.sentence(self.si)
        full = c.span
        # a window of the sentence around the figure: linear time on megabyte "sentences"
        whole = full.end - full.start <= 2 * REACH
        self.sent = full if whole else Sentence(max(full.start, m.start - REACH), min(full.end, m.end + REACH))
        self.asides = asides = c.asides if whole else []
        if whole:
            self.ents, free = c.shared()
        else:
            self.ents = [e for e in c.window_ents(self.sent) if not doc.is_source(self.sent.start, e)]
            free = [e for e in self.ents if not doc.is_complement(e)]
        ms, me = m.start, m.end
        if whole:  # names sorted by start, none overlapping: cut the list where the figure stands
            self.before = self.ents[:bisect.bisect_right(c.ent_ends, ms)]
            self.after = self.ents[bisect.bisect_left(c.ent_starts, me):]
        else:
            self.before = [e for e in self.ents if e.end <= ms]
            self.after = [e for e in self.ents if e.start >= me]
        # not in brackets or dashes that do not hold the figure
        self.free = [e for e in free if not self.in_aside(e)] if asides else free
        k = bisect.bisect_left(doc.date_starts, m.end)
        self.date_follows = k < len(doc.dates) and doc.dates[k].start - m.end <= 25
        tw = doc.triggers.within_sentence
        self.triggers_before = tw(self.si, max(self.sent.start, m.start - 90), m.start)
        self.trigger_before = self.triggers_before[-1] if self.triggers_before else None
        after = tw(self.si, m.end, min(self.sent.end, m.end + 50))  # clipped to the sentence
        self.trigger_after = after[0] if after else None
        self.attribute: Optional[str] = None
        self.trig: Optional[tuple[int, int, str]] = None  # the trigger word before it, once it has an attribute
        self.subject: Optional[str] = None
        self.subject_ent: Optional[Ent] = None
        self.object: Optional[str] = None
        self.rules: dict[str, str] = {}

    def links_of(self, field: str) -> Optional[str]:
        """The rule that set `field` of this figure so far."""
        return self.rules.get(field)

    # what rules ask
    def before_text(self, n: int, floor: Optional[int] = None) -> str:
        """The `n` characters before the figure (not before `floor`)."""
        return self.text[max(0 if floor is None else floor, self.m.start - n):self.m.start]

    def after_text(self, n: int) -> str:
        return self.text[self.m.end:self.m.end + n]

    @property
    def nearest_trigger(self) -> Optional[str]:
        t = self.trigger_before or self.trigger_after
        return t[2] if t else None

    def name_after(self, reach: int, gap) -> Optional[Ent]:
        """The first name starting within `reach` characters after the figure
        whose gap from it the pattern `gap` matches (`détenus par X`, `que X`)."""
        for e in self.after:
            if e.start - self.m.end > reach:
                break
            if gap.match(self.text[self.m.end:e.start]):
                return e
        return None

    def in_aside(self, e: Ent) -> bool:
        """`e` is inside brackets or dashes that do not hold the figure."""
        if not self.asides:
            return False
        m = self.m
        return any(a <= e.start and e.end <= b and not a <= m.start < b for a, b in self.asides)

    def aside_of(self, a: int, b: int) -> bool:
        """[a, b) is inside brackets or dashes that do not hold the figure."""
        if not self.asides:
            return False
        m = self.m
        return any(x <= a and b <= y for x, y in self.asides) and not any(x <= m.start < y for x, y in self.asides)

    def clause_end(self) -> int:
        """Where the figure's clause ends: at the next break (`,`, `;`, `mais`…) or the window's end."""
        got = CLAUSE_BREAK.search(self.text, self.m.end, self.sent.end)
        return got.start() if got else self.sent.end

    def clause_start(self, pos: Optional[int] = None) -> int:
        if pos is None:
            got = self.__dict__.get("_clause_start")
            if got is None:
                got = self._clause_start = self.clauses.clause_start(self.sent.start, self.m.start)
            return got
        return self.clauses.clause_start(self.sent.start, pos)

    def group(self, cands: list[Ent], e: Ent) -> list[Ent]:
        """`e` and the names coordinated with it (`X et Y`, `X, Y et Z`)."""
        i = j = cands.index(e)
        if e.generic:
            return [e]  # `Jean Dupont, PDG d'Alpha, a annoncé que le groupe…`: a generic noun is coordinated with nobody
        text = self.text
        while i > 0 and not cands[i - 1].generic and COORD.match(text[cands[i - 1].end:cands[i].start]) \
                and cands[i].start - cands[i - 1].end < 40:
            i -= 1
        while j + 1 < len(cands) and not cands[j + 1].generic and COORD.match(text[cands[j].end:cands[j + 1].start]) \
                and cands[j + 1].start - cands[j].end < 40:
            j += 1
        return cands[i:j + 1]

    def first_of_group(self, cands: list[Ent], e: Ent) -> Ent:
        """`Cloudwatt et son concurrent Numergy ont…`: the first of coordinated names."""
        return self.group(cands, e)[0]

    def resolve(self, e: Optional[Ent], as_object: bool = False) -> Optional[str]:
        """A name's canonical value; a generic reference (`la société`) is the
        company the text is about when it is an object or has what only a company
        has, else the subject of the sentence before."""
        if e is None:
            return None
        if not e.generic:
            return e.value
        merged = self.doc.merged()
        if merged and AFTER_DEAL.search(self.text, self.sent.start, e.start):
            return merged  # `A l'issue de l'opération, le groupe comptera 140 000 salariés`
        if as_object or (self.attribute in COMPANY_ATTRIBUTES and self.doc.target):
            return self.doc.target
        if e.start >= 0:
            # (a company noun never stands for a person: `Jean Dupont, PDG du groupe Alpha, dit que le groupe…`)
            named = [x for x in self.ents if x.end <= e.start and not x.generic and not x.person]
            if named and self.text[named[-1].end:e.start].strip() == "," and not self.doc.is_complement(named[-1]):
                return named[-1].value  # `Delfin, la holding familiale de…`: an apposition
            head = GENERIC_RE.match(self.text, e.start, e.end)
            if head:  # the company this sentence introduced with the same noun: `du groupe Alpha … le groupe`
                word = head.group("g").lower()
                same = [x for x in named if self.text[max(0, x.start - len(word) - 1):x.start].lower().startswith(word)]
                if same:
                    return same[-1].value
                if len({x.value for x in named}) == 1 and named[0].value != "État":
                    return named[0].value  # the only company the sentence named before it
            p = self.previous
            if p is not None and p.subject and p.end <= e.start and self.doc.index.sentence_index(p.start) == self.si:
                return p.subject  # `…détenus par Bouygues, qui représentent 28,2 %, le groupe touchera…`
                # (not a figure after the noun: `Le groupe, contrôlé à 41 % par X, a enregistré…`)
            free = [x for x in named if not self.doc.is_complement(x) and not self.in_aside(x)]
            if free:
                return free[-1].value
        prev = self.doc.previous_subject(self.si)
        if prev and e.start >= 0 and self.doc.introduced_as_investor(prev):
            head = GENERIC_RE.match(self.text, e.start, e.end)
            if head and head.group("g").lower() in _OPERATING_NOUNS:
                # `le fonds X prend 14 %. … la société compte 85 salariés`: a fund is no `société`
                top = self.doc.protagonist
                return top if top and top != prev else None
        return prev
