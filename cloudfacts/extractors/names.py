"""People, organisations and places (SPEC §3).

Rule-based, in passes over the capitalised tokens of a document, strongest
evidence first:

1. gazetteers shipped in `cloudfacts/data` (organisations, places, with aliases);
2. person patterns: a title (`M.`, `Mme`), a known first name (`Didier Renard`,
   `Jean-Marc Ayrault`, with particles), an initial (`P. Marais`), a role in
   apposition (`X, PDG de Y`), `l'affaire X`;
3. organisation patterns: head nouns (`Caisse des …`, `Fonds …`), legal and
   sector suffixes (`SA`, `Technology`), a sector noun before (`le groupe X`,
   `l'opérateur X`, `le chinois X`), acronyms;
4. place patterns: place heads (`Val de …`, `Saint-…`), `à X`;
5. any other capitalised word inside a sentence is an organisation, the most
   common kind of unknown proper noun in business news.

A capitalised word opening a sentence is not a name on that ground alone: it
needs a gazetteer entry, a pattern, or another occurrence inside a sentence.
After the passes, surnames propagate (`Didier Renard` … `Renard`) and each
surface takes the kind of its strongest occurrence in the document.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from itertools import accumulate, compress
from operator import and_, itemgetter, not_
from typing import NamedTuple, Optional

import regex

from ..model import Candidate
from ..text import TextIndex, WordMemo
from ..vocab import DEMONYM_FORMS
from .. import rx

V = regex.V1

# ---- folding and data ---------------------------------------------------------


@lru_cache(maxsize=200_000)
def fold(s: str, strip_article: bool = True) -> str:
    """Case, accents, hyphens, apostrophes and (optionally) a leading article
    folded away, so `Thalès` = `Thales` and `la Caisse des dépôts` = `Caisse des Dépôts`."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("-", " ").casefold()
    if strip_article:
        for art in ("la ", "le ", "les ", "l'"):
            if s.startswith(art):
                s = s[len(art):]
    return " ".join(s.split())

# the two forms of `fold`, each cached on the string alone (the hot paths)
_fold_keep = lru_cache(maxsize=200_000)(partial(fold.__wrapped__, strip_article=False))
_fold_strip = lru_cache(maxsize=200_000)(fold.__wrapped__)


def _data_lines(name: str):
    text = resources.files("cloudfacts").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


@dataclass(frozen=True)
class Gazetteer:
    names: dict  # fold(surface, keep article) -> (kind, canonical)
    first_tokens: dict  # fold(first token, keep article) -> most tokens of an entry starting with it
    first_names: frozenset
    common: frozenset
    max_tokens: int
    last_pieces: frozenset  # the last piece (after a space or an apostrophe) of each folded entry


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    names: dict[str, tuple[str, str]] = {}
    first_tokens: dict[str, int] = {}
    max_tokens = 1
    for kind, fname in (("location", "locations.tsv"), ("organization", "organizations.tsv")):
        for line in _data_lines(fname):
            canonical, _, aliases = line.partition("\t")
            for surface in [canonical] + [a for a in aliases.split("|") if a.strip()]:
                key = _fold_keep(surface.strip())
                names[key] = (kind, canonical.strip())
                words = [t.text for t in tokenize(surface)]
                max_tokens = max(max_tokens, len(words))
                head = _fold_keep(words[0])
                first_tokens[head] = max(first_tokens.get(head, 0), len(words))
    first = set()
    for line in _data_lines("first_names.txt"):
        first.update(_fold_strip(w) for w in line.split())
    common = set()
    for line in _data_lines("common_words.txt"):
        common.update(_fold_strip(w) for w in line.split())
    common.add("patriot act")
    return Gazetteer(names, first_tokens, frozenset(first), frozenset(common), max_tokens,
                     frozenset(_last_piece(k) for k in names))


@lru_cache(maxsize=65536)
def _last_piece(folded: str) -> str:
    return folded[max(folded.rfind(" "), folded.rfind("'")) + 1:]


# ---- tokens -------------------------------------------------------------------

# Words: letters and digits, joined by inner hyphens and apostrophes (`aujourd'hui`,
# `Jean-Marc`), `&` and combining accents.  The standard library's `re` scans this
# in one linear pass (each repetition must consume a separator, so no backtracking);
# elided articles (`l'`, `qu'`) are split off the words afterwards.  `\w` also
# takes `_` and numerals such as `½`, which are no word characters here: they are
# blanked first (same length, so offsets hold).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORDS = re.compile(rf"(\w[\w{_MARKS}&]*(?:[-'’]\w[\w{_MARKS}&]*)*)")
_NOT_WORD = rx.compile(r"[_\p{No}\p{Nl}]")
_ELISIONS = frozenset({"jusqu", "lorsqu", "puisqu", "qu", "l", "d", "j", "m", "n", "s", "t", "c"})


class Tok(NamedTuple):
    start: int
    end: int
    text: str
    cap: bool       # starts with a capital (or camelCase like eNovance)
    upper: bool     # all capitals, 2+ letters (an acronym)
    elided: bool    # an elided article or preposition: `l'`, `d'`, `qu'`


_new_tok = partial(tuple.__new__, Tok)
_CAP = itemgetter(3)  # Tok.cap
_END = itemgetter(1)  # Tok.end


@lru_cache(maxsize=65536)
def _shape(t: str) -> tuple[tuple[int, int, bool, bool, bool], ...]:
    """The tokens of a word that is not plain lower case, as (start, end, cap,
    upper, elided) relative to the word: elisions glued to the next word (one
    after another, `qu'aujourd'hui` keeps its second apostrophe), then a
    capitalised word or acronym, camelCase, or a caption written twice."""
    pieces = []
    o = 0
    while True:  # a loop, not recursion: `l'l'l'…` a million times over is a word too
        for q in ("'", "’"):
            k = t.find(q, o)
            if k > o and t[o:k].lower() in _ELISIONS and k + 1 < len(t) and t[k + 1].isalpha() \
                    and not t[o:k].isdigit():
                pieces.append((o, k + 1, False, False, True))
                o = k + 1
                break
        else:
            break
    rest = t[o:] if o else t
    n = len(rest)
    c0 = rest[0]
    if c0.islower():
        last = ((0, n, n > 2 and rest[1].isupper(), False, False),)  # eNovance is capitalised
    elif not c0.isupper():  # digits first
        last = ((0, n, False, False, False),)
    else:
        upper = rest.isupper() and sum(c.isalpha() for c in rest) >= 2
        half = n // 2
        if not upper and n >= 8 and n % 2 == 0 and rest[:half] == rest[half:]:
            # a scraped caption glued to the text: `CloudwattCloudwatt`
            last = ((0, half, True, False, False), (half, n, True, False, False))
        else:
            last = ((0, n, True, upper, False),)
    return tuple(pieces) + tuple((o + a, o + b, cap, up, el) for a, b, cap, up, el in last)


class Tokens(list):
    """A text's tokens, with their spellings as a list of their own (`words`),
    which the extractors' word tests map over."""

    __slots__ = ("words",)

    def __init__(self, toks: list[Tok], words: Optional[list[str]] = None) -> None:
        super().__init__(toks)
        self.words = words if words is not None else list(map(_TEXT, toks))


_TEXT = itemgetter(2)  # Tok.text


def tokenize(text: str) -> Tokens:
    """The words of a text, in order.  Plain lower-case words (most of them) are
    built at C speed; the others take the shape `_shape` gives their spelling."""
    clean = _NOT_WORD.sub(" ", text) if _NOT_WORD.search(text) else text
    parts = _WORDS.split(clean)
    words = parts[1::2]
    if not words:
        return Tokens([], [])
    pos = list(accumulate(map(len, parts)))
    ends = pos[1::2]
    starts = pos[0::2]
    n = len(words)
    no = [False] * n
    toks = list(map(_new_tok, zip(starts, ends, words, no, no, no)))
    # the others: capitals, digits, hyphens, elisions (`l'accord` is lower case but two tokens)
    plain = map(and_, map(str.islower, words), map(str.isalpha, words))
    splits = []
    for i in compress(range(n), map(not_, plain)):
        w = words[i]
        shape = _shape(w)
        if len(shape) == 1:
            _, _, cap, up, el = shape[0]
            toks[i] = _new_tok((starts[i], ends[i], w, cap, up, el))
        else:
            s = starts[i]
            got = [_new_tok((s + a, s + b, w[a:b], cap, up, el)) for a, b, cap, up, el in shape]
            toks[i] = got[0]
            splits.append((i, got))
    if not splits:
        return Tokens(toks, words)
    out: list[Tok] = []  # elisions and doubled words: one word, two tokens
    prev = 0
    for i, got in splits:
        out += toks[prev:i]
        out += got
        prev = i + 1
    out += toks[prev:]
    return Tokens(out)


# ---- vocabularies of the patterns ---------------------------------------------

CONNECTORS = {"de", "des", "du", "d'", "d’", "la", "le", "les", "l'", "l’", "pour", "et", "en", "sur", "von", "van", "der", "del", "della", "di", "da", "dos", "y"}
PERSON_PARTICLES = {"de", "du", "des", "d'", "d’", "von", "van", "der", "del", "di", "da", "le", "la", "ben", "bin", "el", "al"}
TITLES = {"m", "mme", "mmes", "mlle", "mm", "me", "dr", "pr", "monsieur", "madame", "mademoiselle", "maître", "docteur", "professeur"}
ORG_HEADS = {"caisse", "banque", "agence", "autorite", "commission", "conseil", "cour", "fonds", "institut",
             "office", "ministere", "federation", "confederation", "union", "syndicat", "association", "comite",
             "observatoire", "etablissements", "groupe", "compagnie", "societe", "fondation", "universite",
             "ecole", "centre", "direction", "mutuelle", "chambre", "parti", "haut", "haute", "tribunal",
             "organisation", "assemblee", "regie", "laboratoire", "laboratoires", "club", "cabinet"}
ORG_SUFFIXES = {"sa", "sas", "sarl", "se", "inc", "ltd", "gmbh", "ag", "nv", "bv", "plc", "llc", "corp",
                "corporation", "group", "groupe", "technology", "technologies", "systems", "software",
                "consulting", "capital", "partners", "holding", "holdings", "industries", "motors", "telecom",
                "telecoms", "bank", "airlines", "energy", "energie", "electric", "networks", "solutions",
                "services", "international", "labs", "media", "pharma", "foods", "assurances", "finance"}
# nouns that, before a capitalised word, say it is an organisation
ORG_CUES = {"groupe", "societe", "entreprise", "operateur", "constructeur", "cimentier", "start-up", "startup",
            "fonds", "banque", "editeur", "hebergeur", "geant", "consortium", "filiale", "quotidien", "journal",
            "hebdomadaire", "magazine", "agence", "cabinet", "fabricant", "assureur", "distributeur",
            "laboratoire", "conglomerat", "industriel", "equipementier", "motoriste", "avionneur", "chimiste",
            "petrolier", "sidérurgiste", "siderurgiste", "transporteur", "compagnie", "chaine", "radio", "site",
            "plateforme", "firme", "multinationale", "holding", "maison", "marque", "enseigne", "club",
            "syndicat", "parti", "association", "concurrent", "partenaire", "actionnaire", "fournisseur",
            "client", "rival", "leader", "numero"}
DEMONYMS = {_fold_strip(w) for w in DEMONYM_FORMS}  # `le chinois X`, `la société américaine X`
ROLES_AFTER = {"pdg", "president", "presidente", "directeur", "directrice", "ministre", "secretaire", "patron",
               "patronne", "fondateur", "fondatrice", "porte parole", "chef", "responsable", "analyste",
               "economiste", "delegue", "deleguee", "avocat", "avocate", "depute", "deputee", "senateur",
               "senatrice", "maire", "ceo", "dg", "associe", "associee", "cofondateur", "cofondatrice",
               "vice president", "administrateur", "administratrice", "gerant", "gerante", "expert", "experte",
               "professeur", "chercheur", "chercheuse", "consultant", "consultante", "journaliste", "juge",
               "procureur", "ancien", "ancienne", "actuel", "actuelle", "numero"}
PERSON_CUES_BEFORE = {"affaire"}
NON_ENTITY_HEADS = {"programme", "plan", "loi", "projet", "pacte", "traite", "accord", "operation", "prix",
                    "salon", "festival", "journee", "semaine", "reforme", "decret", "directive", "reglement",
                    "rapport", "strategie", "initiative", "mission", "charte", "label", "concours", "trophee"}
FAMILY_CUES = {"famille", "clan", "dynastie", "freres", "soeurs", "epoux"}
PLACE_HEADS = {"val", "mont", "saint", "sainte", "port", "pont", "baie", "cote", "ile", "golfe", "cap", "lac",
               "bois", "vallee", "fort", "plaine", "pays", "haute", "basse", "bourg", "villeneuve", "aix"}
PLACE_CUES_BEFORE = {"a", "à", "en"}
# `l'usine de Flins`, `les habitants de Béziers`
PLACE_NOUNS = {"usine", "usines", "site", "sites", "ville", "region", "commune", "agglomeration", "centre",
               "port", "aeroport", "gare", "entrepot", "campus", "departement", "canton", "prefecture",
               "habitants", "maire", "mairie", "environs", "banlieue", "quartier", "technopole", "bassin",
               "recherche", "appels", "raffinerie", "aciérie", "acierie", "plateforme", "agence"}
# all-caps words that are ordinary words in a shouted headline, not acronyms
_MIN_ACRONYM, _MAX_ACRONYM = 2, 6


# ---- the passes ---------------------------------------------------------------

@dataclass
class _Name:
    i: int          # first token
    j: int          # one past the last token
    kind: str
    rule: str
    value: Optional[str]
    strength: int   # 3 gazetteer, 2 pattern, 1 context cue, 0 default


def extract_names(text: str, index: TextIndex, blocked: list[tuple[int, int]] | None = None,
                  toks: Optional[list[Tok]] = None) -> list[Candidate]:
    """Name candidates of a text; `blocked` spans (URLs, hashes, figures) yield none.
    `toks` is the text's tokenization when the caller already has it."""
    gz = gazetteer()
    toks = tokenize(text) if toks is None else toks
    if not toks:
        return []
    blocked = sorted(blocked or [])
    free = _free_mask(toks, blocked)
    n_tok = len(toks)
    caps = list(compress(range(n_tok), map(_CAP, toks)))
    initial = [False] * n_tok
    for i, ini in zip(caps, index.sentence_initial([toks[i].start for i in caps])):
        initial[i] = ini
    taken = [False] * n_tok
    names: list[_Name] = []
    inside_keys = {_fold_keep(toks[i].text) for i in caps if not initial[i]}

    def take(n: _Name) -> None:
        for k in range(n.i, n.j):
            taken[k] = True
        names.append(n)

    def span_text(i: int, j: int) -> str:
        return text[toks[i].start:toks[j - 1].end]

    n_tok = len(toks)

    last_pieces = gz.last_pieces

    def gazetteer_at(i: int, min_n: int) -> None:
        t = toks[i]
        first = _fold_keep(t.text)
        longest = gz.first_tokens.get(first)
        if longest is None or longest < min_n:
            return
        lead_article = first in ("le", "la", "les", "l'")
        if not (t.cap or lead_article):
            return
        for n in range(min(longest, n_tok - i), min_n - 1, -1):
            j = i + n
            if n == 1 and lead_article:
                continue
            # the span's folded form ends with its last token's: a cheap test first
            if _last_piece(_fold_keep(toks[j - 1].text)) not in last_pieces:
                continue
            if any(taken[k] or not free[k] for k in range(i, j)):
                continue
            if any(not _joined(text, toks[k], toks[k + 1]) for k in range(i, j - 1)):
                continue
            key = _fold_keep(span_text(i, j))
            hit = gz.names.get(key)
            if hit is None:
                continue
            if lead_article and not toks[i + 1].cap:
                continue
            kind, canonical = hit
            if n == 1 and initial[i] and key in _AMBIGUOUS_AT_START and key not in inside_keys:
                return
            take(_Name(i, j, kind, "gazetteer", canonical, 3))
            return

    # tokens that may open a gazetteer entry: capitalised, or just before a
    # capitalised word (`le Monde`, not every `le`)
    first_tokens = gz.first_tokens
    heads = sorted({k for i in caps for k in (i - 1, i) if k >= 0 and _fold_keep(toks[k].text) in first_tokens})
    # 1. gazetteer entries of several words (`Caisse des Dépôts`, `Le Monde`)
    for i in heads:
        if not taken[i] and free[i] and first_tokens[_fold_keep(toks[i].text)] >= 2:
            gazetteer_at(i, 2)
    # 2. people (`Thierry Peugeot` before the company `Peugeot`)
    for i in caps:
        if taken[i] or not free[i]:
            continue
        # every person pattern starts with a title, an initial, a first name or `famille`
        if not _may_open_person(toks[i].text) and not (i > 0 and _fold_strip(toks[i - 1].text) in FAMILY_CUES):
            continue
        got = _person_at(text, toks, i, taken, free, gz, initial)
        if got:
            take(got)
            if got.rule == "title_name" and got.i > 0:
                taken[got.i - 1] = True  # the title itself is no name
    # 1c. organisation and place heads (`Établissements Peugeot Frères`, `Val de Reuil`)
    for i in caps:
        if taken[i] or not free[i] or _fold_strip(toks[i].text) not in _HEADS:
            continue
        j = _extend_caps(text, toks, i, taken, free, gz)
        if j > i + 1:
            got = _classify(text, toks, i, j, initial, gz)
            if got is not None and got.rule in ("org_head", "place_head"):
                take(got)
    # 1b. one-word gazetteer entries, with the capitalised words that follow
    # (`Alstom Energie`, `Dongfeng Motor`); longer entries had their chance in
    # pass 1, with fewer tokens taken
    for i in heads:
        if not taken[i] and free[i] and toks[i].cap:
            key = _fold_keep(toks[i].text)
            hit = gz.names.get(key)
            if hit is None or key in _LEAD_ARTICLES:
                continue
            if initial[i] and key in _AMBIGUOUS_AT_START and key not in inside_keys:
                continue
            take(_Name(i, i + 1, hit[0], "gazetteer", hit[1], 3))
            j = i + 1
            if names[-1].kind == "organization":
                while j < n_tok and not taken[j] and free[j] and toks[j].cap and not toks[j].upper \
                        and _joined(text, toks[j - 1], toks[j]) and _fold_strip(toks[j].text) not in gz.common \
                        and _fold_keep(toks[j].text) not in gz.names and not _is_first_name(gz, toks[j].text):
                    j += 1
            elif j < n_tok and not taken[j] and free[j] and toks[j].cap and _joined(text, toks[j - 1], toks[j]) \
                    and _fold_strip(toks[j].text) in ORG_SUFFIXES:
                j += 1  # a place name with a company suffix: `Monaco Telecom`
            if j > i + 1:
                names.pop()
                for k in range(i, j):
                    taken[k] = True
                full = _fold_keep(span_text(i, j))
                hit = gz.names.get(full)
                names.append(_Name(i, j, "organization", "gazetteer_extended",
                                   hit[1] if hit else span_text(i, j), 3))

    # 3-5. other capitalised sequences ---------------------------------------------
    nxt = 0
    for i in caps:
        if i < nxt:
            continue
        if taken[i] or not free[i] or len(toks[i].text) < 2 or _GLUED_YEAR[toks[i].text]:
            continue
        if _fold_strip(toks[i].text) in gz.common:
            # the capitalised head of a programme or a law takes its complements
            # along (`Programme d'Investissements d'Avenir`)
            nxt = _skip_phrase(text, toks, i + 1) if _fold_strip(toks[i].text) in NON_ENTITY_HEADS else i + 1
            continue
        j = _extend_caps(text, toks, i, taken, free, gz)
        n = _classify(text, toks, i, j, initial, gz)
        if n is not None:
            take(n)
            nxt = n.j
        else:
            nxt = j

    names = _harmonise(names, toks, initial, text, gz)
    return [Candidate(kind=n.kind, start=toks[n.i].start, end=toks[n.j - 1].end, rule=n.rule,
                      value=n.value, priority=1) for n in names]


_HEADS = ORG_HEADS | PLACE_HEADS
_SAINT = rx.compile(r"(?i:saint[e]?)-\p{Lu}", V)
_GLUED_YEAR = WordMemo(lambda w: _GLUED_YEAR_RE.match(w) is not None)  # `Vision2020`
_GLUED_YEAR_RE = rx.compile(r"\p{L}+\d{4}$", V)


def _skip_phrase(text: str, toks: list[Tok], k: int) -> int:
    while k + 1 < len(toks) and _fold_keep(toks[k].text) in ("de", "d'", "du", "des") \
            and _joined(text, toks[k - 1], toks[k]) and toks[k + 1].cap and _joined(text, toks[k], toks[k + 1]):
        k += 2
    return k


_LEAD_ARTICLES = ("le", "la", "les", "l'")
_AMBIGUOUS_AT_START = {"total", "free", "orange", "casino", "challenges", "bull", "le point", "capital", "suez",
                       "vinci", "atos"}


def _joined(text: str, a: Tok, b: Tok) -> bool:
    between = text[a.end:b.start]
    return between in (" ", "\u00a0", "") and not (between == "" and not a.elided)


def _free_mask(toks: list[Tok], blocked: list[tuple[int, int]]) -> list[bool]:
    """For each token, True unless it overlaps a blocked span (`blocked` sorted)."""
    out = [True] * len(toks)
    if not blocked:
        return out
    ends = list(map(_END, toks))
    n = len(toks)
    for a, b in blocked:
        i = bisect.bisect_right(ends, a)  # the first token ending after a
        while i < n and toks[i].start < b:
            out[i] = False
            i += 1
    return out


def _is_first_name(gz: Gazetteer, word: str) -> bool:
    return _first_name_word(word)


@lru_cache(maxsize=65536)
def _first_name_word(word: str) -> bool:
    """`Didier`, `Jean-Marc`: every part a known first name (the one gazetteer)."""
    first = gazetteer().first_names
    parts = _fold_strip(word).split()
    return bool(parts) and all(p in first for p in parts)


def _surname_ok(gz: Gazetteer, t: Tok) -> bool:
    f = _fold_strip(t.text)
    return t.cap and f not in gz.common and not t.text.isdigit()


@lru_cache(maxsize=65536)
def _may_open_person(word: str) -> bool:
    return _fold_strip(word) in TITLES or len(word) == 1 or _first_name_word(word)


def _person_at(text, toks, i, taken, free, gz, initial) -> Optional[_Name]:
    n_tok = len(toks)
    t = toks[i]
    f = _fold_strip(t.text)
    prev = toks[i - 1] if i > 0 else None

    def ok(k: int) -> bool:
        return k < n_tok and not taken[k] and free[k]

    # title + name: M. Lafont, Mme Lemaire
    if f in TITLES and ok(i + 1):
        k = i + 1
        after_title = text[t.end:toks[k].start]
        if after_title in (". ", " ", ".\u00a0", "\u00a0") and toks[k].cap and _fold_strip(toks[k].text) not in gz.common:
            j = k + 1
            while j < n_tok and ok(j) and toks[j].cap and _joined(text, toks[j - 1], toks[j]) and _fold_strip(toks[j].text) not in gz.common and j - k < 3:
                j += 1
            if f not in ("m", "me", "mm") or after_title.startswith("."):
                return _Name(k, j, "person", "title_name", None, 2)
    # initial + surname: P. Marais, J.-P. Dupont
    if len(t.text) == 1 and t.text.isupper() and text[t.end:t.end + 2] in (". ", ".\u00a0") and ok(i + 1) \
            and toks[i + 1].cap and len(toks[i + 1].text) > 2 and not toks[i + 1].upper \
            and _fold_strip(toks[i + 1].text) not in gz.common and _fold_strip(toks[i + 1].text) not in gz.names \
            and f not in TITLES:
        return _Name(i, i + 2, "person", "initial_name", None, 2)
    # `la famille Peugeot`: the family, not the company
    if prev is not None and _fold_strip(prev.text) in FAMILY_CUES and _joined(text, prev, t) and not t.upper:
        return _Name(i, i + 1, "person", "famille_x", f"{prev.text} {t.text}", 2)
    # first name(s) + surname: Didier Renard, Jean-Marc Ayrault, Charles de Gaulle
    if _is_first_name(gz, t.text) and not t.upper:
        j = i + 1
        if j < n_tok and ok(j) and toks[j].cap and _is_first_name(gz, toks[j].text) and _joined(text, t, toks[j]) \
                and j + 1 < n_tok and toks[j + 1].cap and _joined(text, toks[j], toks[j + 1]):
            j += 1  # two first names: Marie Anne Dupont
        k = j
        if k < n_tok and _fold_strip(toks[k].text) in PERSON_PARTICLES and _joined(text, toks[k - 1], toks[k]) \
                and k + 1 < n_tok and toks[k + 1].cap and _joined(text, toks[k], toks[k + 1]):
            k += 1  # particle
        if k < n_tok and ok(k) and _surname_ok(gz, toks[k]) and _joined(text, toks[k - 1], toks[k]):
            end = k + 1
            if end < n_tok and ok(end) and toks[end].cap and _joined(text, toks[k], toks[end]) \
                    and _fold_strip(toks[end].text) not in gz.common and not _is_first_name(gz, toks[end].text) \
                    and _fold_strip(toks[end].text) not in gz.names:
                end += 1  # double surname
            return _Name(i, end, "person", "first_name_surname", None, 2)
        # a first name alone inside a sentence, in a list of people (`Robert, Jean-Philippe et Thierry Peugeot`)
        if not initial[i] and j == i + 1 and _fold_strip(t.text) not in gz.names and _fold_strip(t.text) not in gz.common:
            nxt = text[t.end:t.end + 6]
            surname = _list_of_people_follows(text, toks, i + 1, gz) if nxt.startswith((",", " et ")) else None
            if surname:
                # `Robert, Jean-Philippe et Thierry Peugeot`: the surname is shared
                return _Name(i, i + 1, "person", "first_name_in_list", f"{t.text} {surname}", 1)
    # role in apposition: Georges Lotigier, Président et CEO de …
    return None


def _list_of_people_follows(text, toks, k, gz) -> Optional[str]:
    """The surname closing a list of first names (`…, Jean-Philippe et Thierry
    Peugeot`), or None when no first name + surname follows within six words."""
    for m in range(k, min(k + 6, len(toks))):
        if _is_first_name(gz, toks[m].text) and m + 1 < len(toks) and toks[m + 1].cap and not _is_first_name(gz, toks[m + 1].text):
            return toks[m + 1].text
    return None


def _extend_caps(text, toks, i, taken, free, gz) -> int:
    """End of the run of capitalised tokens starting at i (with org/place heads
    allowed to take connectors: `Caisse des Dépôts`, `Val de Reuil`)."""
    n_tok = len(toks)
    head = _fold_strip(toks[i].text)
    j = i + 1
    while j < n_tok:
        if taken[j] or not free[j]:
            break
        tj = toks[j]
        ftj = _fold_strip(tj.text)
        headed = head in ORG_HEADS or head in PLACE_HEADS
        if tj.cap and _joined(text, toks[j - 1], tj) and (
                ftj not in gz.common or ftj in ORG_SUFFIXES or (headed and ftj not in _FRENCH_STARTERS)):
            j += 1
            continue
        if (head in ORG_HEADS or head in PLACE_HEADS) and _fold_keep(tj.text) in CONNECTORS and _joined(text, toks[j - 1], tj):
            # connectors, then a capitalised word
            k = j
            while k < n_tok and _fold_keep(toks[k].text) in CONNECTORS and _joined(text, toks[k - 1], toks[k]) and k - j < 3:
                k += 1
            if _fold_strip(tj.text) == "et" and k > j + 1:
                break  # `X et de la Y` is a coordination, not one name
            if k < n_tok and toks[k].cap and not taken[k] and free[k] and _joined(text, toks[k - 1], toks[k]):
                j = k + 1
                continue
        break
    return j


_CLAUSE_STOPS = frozenset(".!?;:()«»\"\n")


def _prev_words(text: str, toks: list[Tok], i: int, n: int = 2) -> list[str]:
    out = []
    k = i - 1
    while k >= 0 and len(out) < n:
        between = text[toks[k].end:toks[k + 1].start] if k + 1 < len(toks) else ""
        if not _CLAUSE_STOPS.isdisjoint(between):
            break
        out.append(_fold_keep(toks[k].text))
        k -= 1
    return out


def _classify(text, toks, i, j, initial, gz) -> Optional[_Name]:
    first = toks[i]
    words = [_fold_strip(toks[k].text) for k in range(i, j)]
    surface = text[first.start:toks[j - 1].end]
    prev = _prev_words(text, toks, i, 3)
    nxt = text[toks[j - 1].end:toks[j - 1].end + 40]
    # an initial sentence word that is a common word is dropped; the rest may stand
    if initial[i] and j - i > 1 and (words[0] in gz.common or words[0] in _FRENCH_STARTERS):
        return _classify(text, toks, i + 1, j, initial, gz) if toks[i + 1].cap else None
    # acronyms
    if j - i == 1 and first.upper:
        letters = sum(c.isalpha() for c in first.text)
        if words[0] in gz.common or not (_MIN_ACRONYM <= letters <= _MAX_ACRONYM):
            return None
        return _Name(i, j, "organization", "acronym", None, 2)
    if any(w in gz.common for w in words) and j - i == 1:
        return None
    # headline in capitals: not names unless known; an acronym heading a name in
    # small letters is one (`RTL Group`, `SNCF Réseau`), a title before a name is not
    if first.upper and j - i > 1:
        if words[0] in gz.common:
            return _classify(text, toks, i + 1, j, initial, gz) if toks[i + 1].cap else None
        if all(toks[k].upper for k in range(i + 1, j)) or any(w in gz.common for w in words[1:]):
            return None
    strength, kind, rule = 0, "organization", "capitalized"
    if words[0] in ORG_HEADS and j - i > 1:
        strength, rule = 2, "org_head"
    elif words[-1] in ORG_SUFFIXES and j - i > 1:
        strength, rule = 2, "org_suffix"
    elif words[0] in PLACE_HEADS and j - i > 1 or _SAINT.match(first.text):
        strength, kind, rule = 2, "location", "place_head"
    elif prev and prev[0] in PERSON_CUES_BEFORE and j - i == 1:
        strength, kind, rule = 2, "person", "affaire_x"
    elif prev and prev[0] in FAMILY_CUES and j - i == 1:
        return _Name(i, j, "person", "famille_x", f"famille {surface}", 2)
    elif prev and (prev[0] in ORG_CUES or prev[0] in DEMONYMS):
        strength, rule = 1, "org_cue"
    elif _role_follows(nxt) and j - i >= 2:
        strength, kind, rule = 2, "person", "name_role"
    elif prev and prev[0] in PLACE_CUES_BEFORE and j - i <= 2:
        strength, kind, rule = 1, "location", "place_after_a"
    elif len(prev) >= 2 and prev[0] in ("de", "d'", "du") and prev[1] in PLACE_NOUNS and j - i <= 3:
        strength, kind, rule = 1, "location", "place_noun_de"
    if initial[i] and strength == 0 and _AGENT_VERB.match(nxt):
        strength, rule = 1, "agent_verb"
    if initial[i] and strength == 0:
        # only on the strength of another occurrence inside a sentence (see _harmonise)
        return _Name(i, j, kind, "capitalized_initial", None, -1)
    return _Name(i, j, kind, rule, None, strength)


# `Bolloré détient …` opening a sentence: the verb says the word is an actor
_AGENT_VERB = rx.compile(
    r"\A\s+(?:a\s+(?:annoncé|racheté|acquis|cédé|vendu|lancé|signé|investi|levé|réalisé|publié|confirmé|"
    r"présenté|recruté|supprimé|dévoilé)|détient|détenait|possède|contrôle|rachète|acquiert|annonce|emploie|"
    r"prévoit|lance|investit|cède|vend|achète|publie|réalise|dispose|confirme|recrute|supprime|lève|"
    r"compte|exploite|fabrique|produit|commercialise|dévoile|envisage|souhaite|"
    # a listed company's move, a company's results (`Nuvia recule de 2 %`, `Sopratec affiche 3 M€ de perte`)
    r"recule|gagne|chute|bondit|grimpe|progresse|perd|plonge|dévisse|flambe|décroche|"
    r"s['’](?:envole|effondre|adjuge|offre|empare)|affiche|enregistre|dégage|vise|"
    r"a\s+(?:reculé|gagné|chuté|bondi|grimpé|progressé|perdu|plongé|dévissé|affiché|enregistré|dégagé))(?!\p{L})"
    # `Brightwater, qui détient 25 %…`: a relative clause about the word opening the sentence
    r"|\A\s*,\s+(?:qui|dont)\s+(?:\p{Ll}+\s+){0,2}?(?:détien|possèd|contrôl|a\s|avait\s|est\s|était\s|emploie|"
    r"réalise|compte|vient|avait|s['’]est|rachète|a\s+racheté)", V)
_ROLE_RE = rx.compile(r"\A\s*,\s*(?:(?:l[ea]|l['’]|un|une|ancien|ancienne|actuel|actuelle)\s*)?(\p{L}+(?:[- ]\p{L}+)?)", V)


def _role_follows(nxt: str) -> bool:
    m = _ROLE_RE.match(nxt)
    if not m:
        return False
    words = _fold_strip(m.group(1)).split()
    return bool(words) and (words[0] in ROLES_AFTER or " ".join(words) in ROLES_AFTER)


_FRENCH_STARTERS = {"selon", "pour", "dans", "avec", "apres", "avant", "depuis", "chez", "comme", "quant", "lors",
                    "si", "mais", "et", "ou", "donc", "or", "car", "ni", "en", "au", "aux", "le", "la", "les",
                    "un", "une", "des", "du", "de", "ce", "cette", "ces", "son", "sa", "ses", "il", "elle"}


def _harmonise(names: list[_Name], toks: list[Tok], initial: list[bool], text: str, gz: Gazetteer) -> list[_Name]:
    """Document-level consistency: surnames propagate, a surface takes the kind
    of its strongest occurrence (or, among weak guesses, the kind most of its
    occurrences suggest), sentence-initial guesses need support elsewhere."""
    full_by_surname: dict[str, str] = {}
    best: dict[str, _Name] = {}
    votes: dict[str, Counter] = defaultdict(Counter)
    for n in names:
        key = _fold_strip(text[toks[n.i].start:toks[n.j - 1].end])
        if n.kind == "person" and n.j - n.i >= 2 and n.rule in _FULL_PERSON_RULES:
            full = text[toks[n.i].start:toks[n.j - 1].end]
            full_by_surname.setdefault(_fold_strip(toks[n.j - 1].text), full)
        if key not in best or n.strength > best[key].strength:
            best[key] = n
        if 0 <= n.strength <= 1:
            votes[key][n.kind] += 1 + n.strength if n.kind != "location" else 1
    out = []
    for n in sorted(names, key=lambda n: n.i):
        key = _fold_strip(text[toks[n.i].start:toks[n.j - 1].end])
        one = n.j - n.i == 1
        if one and key in full_by_surname and n.rule != "famille_x" and (n.kind == "person" or n.strength < 3):
            rule = n.rule if n.rule == "title_name" else "surname_propagation"
            n = _Name(n.i, n.j, "person", rule, full_by_surname[key], 2)
        elif n.strength < 2:
            b = best.get(key)
            if b is not None and b.strength >= 2:
                n = _Name(n.i, n.j, b.kind, n.rule, b.value, n.strength)
            elif votes.get(key):
                kind = max(votes[key].items(), key=lambda kv: (kv[1], kv[0] == "organization"))[0]
                n = _Name(n.i, n.j, kind, n.rule, n.value, max(n.strength, 0))
            elif n.strength < 0:
                continue
        out.append(n)
    return out


_FULL_PERSON_RULES = ("first_name_surname", "title_name", "initial_name", "name_role")
