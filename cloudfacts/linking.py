"""Linking figures to what they are about (SPEC §1 `subject`, `object`,
`attribute`, `period`), with rules over French sentence structure.

Rules, tried in order for the subject of a figure:

- `adjacent`:   `Thales 22,2 %`, `Thales (22,2 %)` — a name right before the figure;
- `pour_par`:   `33 % pour la Caisse des dépôts`, `détenue à 44,4 % par Orange`;
- `verb`:       `X détient / possède / rachète … N %` — the last name (or generic
                reference) before the trigger word that is not a complement (`de X`);
- `sentence`:   the first name of the sentence that is not a complement
                (`Cloudwatt et Numergy ont bénéficié d'un financement de …`).

Generic references (`l'opérateur`, `la société`, `l'entreprise`) as subject resolve to the
subject of the previous sentence; as object, to the company the document is about (the
one whose shares, capital or takeover the text speaks of); they stay null when nothing
resolves them.  The attribute comes from trigger-word lexicons (`ATTRIBUTE_TRIGGERS`),
the period from a date in the same sentence.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from itertools import compress
from typing import Callable, Optional

import regex

from .model import FIGURE_KINDS, Mention
from .text import Sentence, SpanSet, TextIndex, WordMemo, words_of
from .vocab import APOS, DEMONYM_FORMS
from . import rx
from .extractors.dates import find_dateline

V = regex.V1 | regex.I
TIMEOUT = 10.0  # seconds per scan: a safety net, every pattern here is linear

# What a figure measures: attribute → trigger words (stems), nearest trigger wins.
ATTRIBUTE_TRIGGERS: dict[str, list[str]] = {
    "acquisition": [r"rach[eè]t\w*", r"rachat\w*", r"repren\w*", r"reprise", r"reprend\w*", r"repris",
                    r"acqu[ié]\w*", r"acquisition\w*", r"achet\w*", r"achat", r"rachète\w*", r"s'emparer",
                    r"prise de contrôle", r"monter au capital", r"entr\w+ au capital"],
    "stake": [r"d[ée]t[ie]\w*", r"poss[eè]d\w*", r"contr[oô]l\w*", r"participation\w*", r"actionnaire\w*",
              r"conserv\w*", r"gard\w*", r"part\w? du capital", r"du capital", r"des parts", r"des titres",
              r"des droits de vote"],
    "funding": [r"financement\w*", r"subvention\w*", r"financ[ée]\w*", r"aide\w* publique\w*", r"vers[ée]\w*",
                r"dotation\w*", r"prêt\w*"],
    "investment": [r"invest\w*", r"apport\w*", r"inject\w*", r"débours\w*", r"mettre au pot", r"remettre au pot"],
    # the longer trigger first: the alternation takes the first that matches
    "reserved_capital_increase": [r"augmentation de capital réservée"],
    "capital_increase": [r"augmentation de capital", r"augmentation du capital", r"recapitalisation"],
    "rights_issue": [r"appel au marché", r"appel aux marchés"],
    "threshold": [r"seuil\w*", r"franchi\w*"],
    "revenue": [r"chiffre d['’]affaires", r"ventes", r"revenus?", r"recettes"],
    "loss": [r"pert\w*", r"perdu", r"déficit\w*"],
    "market_cap": [r"capitalisation\w* boursière\w*", r"valorisation\w* boursière\w*", r"capitalisation\w*"],
    "ebitda": [r"ebitda", r"excédent brut d['’]exploitation", r"bénéfice opérationnel", r"résultat opérationnel"],
    "net_income": [r"bénéfice\w*", r"résultat net"],
    "price": [r"prix", r"cours", r"par action", r"valoris\w*"],
    "headcount": [r"emploie\w*", r"salariés", r"effectifs?", r"employés", r"collaborateurs"],
    "subscribers": [r"abonnés"],
    "market_share": [r"part de marché", r"parts de marché"],
    "stock_dividend": [r"dividende\w*(?:\s+payable)?\s+en\s+actions"],
    "job_cuts": [r"suppressions? de postes?", r"suppressions? d['’]emplois?", r"licenciements?"],
}
# The standard library's `re` (letters: `[^\W\d_]`) matches this alternation at a
# given word twice as fast as `regex`; it is only ever tried at word starts.
_TRIGGER_RE = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(f"(?P<{a}>{'|'.join(ws)})" for a, ws in ATTRIBUTE_TRIGGERS.items())
    + r")(?![^\W\d_])",
    re.I,
)
# what only a company has: a person is never their subject
COMPANY_ATTRIBUTES = {"headcount", "jobs", "job_cuts", "subscribers", "customers", "stores", "revenue",
                      "net_income", "ebitda", "market_cap", "capital_increase", "reserved_capital_increase",
                      "rights_issue"}
# the counted noun says what a quantity measures
UNIT_ATTRIBUTES = {"salarié": "headcount", "emploi": "headcount", "employé": "headcount",
                   "collaborateur": "headcount", "personne": "headcount", "abonné": "subscribers",
                   "client": "customers", "magasin": "stores", "action": "shares", "poste": "jobs"}

GENERIC_HEADS = ("opérateur", "société", "entreprise", "groupe", "firme", "constructeur", "cimentier",
                 "industriel", "conglomérat", "compagnie", "banque", "start-up", "jeune entreprise",
                 "jeune pousse", "enseigne", "filiale", "opérateur historique")
_GENERIC_RE = rx.compile(
    r"(?<!\p{L})(?:l" + APOS + r"|la\s+|le\s+)(?P<g>" + "|".join(regex.escape(g) for g in GENERIC_HEADS) + r")(?!\p{L})"
    r"(?!(?:\s+(?-i:\p{Ll})+)?\s+(?-i:\p{Lu}))",  # `le groupe Bouygues`, `le constructeur chinois Dongfeng`: names
    V,
)
_STATE_RE = rx.compile(r"(?<!\p{L})(?:l" + APOS + r")?(?P<g>[ÉE]tat)(?:\s+français)?(?!\p{L})", regex.V1)
# Patterns anchored at the end (`\Z`) of the text before a mention search right
# to left (`(?r)`): the first try is at the end, not at each of the 60 positions.
_COMPLEMENT_BEFORE = rx.compile(r"(?r)" r"(?:\b(?:de|du|des|dans|sur|chez|avec|contre|à|au|aux)\s+(?:la\s+|le\s+|les\s+|l['’])?|d['’])\Z", V)
_DATIVE_BEFORE = rx.compile(r"(?r)(?:\b(?:à|au|aux|chez|avec|contre|auprès\s+de|auprès\s+d['’])\s*(?:la\s+|le\s+|les\s+|l['’])?)\Z", V)
_DE_BEFORE = rx.compile(r"(?r)" r"(?:\b(?:de|du|des)\s+(?:la\s+|le\s+|les\s+|l['’])?|d['’])\Z", V)
_ADJACENT = rx.compile(r"\A[ \u00a0]*(?:\(|:)?[ \u00a0]*\Z", V)
_POUR_PAR = rx.compile(r"\A[ \u00a0]*\)?[ \u00a0]*(?:pour|par|à|au)\s+(?:la\s+|le\s+|les\s+|l['’]\s*)?\Z", V)
_OBJECT_DE = rx.compile(
    r"\A[ \u00a0]*\)?\s*(?:de|du|des|d['’])\s*(?:(?:la\s+|l['’]\s*|le\s+|les\s+)?(?:capital|titres|parts|actions|"
    r"participations?|droits\s+de\s+vote)\s+(?:de|du|des|d['’])\s*)?(?:la\s+|l['’]\s*|le\s+|les\s+)?(?:société\s+|groupe\s+)?\Z", V)
_DANS = rx.compile(r"(?r)" r"(?<!\p{L})dans\s+(?:la\s+|le\s+|l['’]\s*)?\Z", V)
_PREVIOUS = rx.compile(r"\A[^.;(]{0,80}?(?:auparavant|initialement|précédemment|avant l['’]opération|dans le schéma initial)", V)
# `passe (en effet) de 25 % à 14 %`: the first figure is the holding before
_PASSE_DE = rx.compile(r"(?r)" r"(?:pass\w*|réduit\w*|ramen\w*|port[ée]\w*|recul\w*|tomb\w*|baiss\w*)(?:\s+\p{L}+){0,2}\s+(?:de|d['’])\s*\Z", V)
_DATELINE = rx.compile(r"\s*(?:à\s+)?\d{1,2}[:h]\d\d", V)
_CONTRE = rx.compile(r"(?r)" r"(?<!\p{L})contre\s+(?:environ\s+|près\s+de\s+)?\Z", V)
_SOURCE_BEFORE = rx.compile(r"(?r)" r"(?<!\p{L})(?:selon|d['’]après)(?:\s+[^,;:.]{0,40})?\Z", V)
_PASSE_A = rx.compile(r"\A[^.;\d]{0,30}?(?<!\p{L})à\s+(?:\d|une?\s)", V)
_EACH = rx.compile(r"\A[^.;]{0,40}?(?<!\p{L})chacune?(?!\p{L})", V)
_EACH_BEFORE = rx.compile(r"(?r)" r"(?<!\p{L})chacune?(?:\s+des\s+(?:deux|trois|quatre)\s+\p{L}+)?\s+(?!d)[^.;]{0,40}\Z|(?<!\p{L})l['’]un\s+et\s+l['’]autre\s+\Z", V)
_ASIDE = rx.compile(r"[–—(][^–—()]{1,200}[–—)]", V)
_COORD = rx.compile(r"\A\s*(?:,|et|ou)\s", V)
_TARGET_RE = rx.compile(
    r"(?r)" r"(?:titres|capital|actionnaires?|actionnariat|rachat|reprise|racheter|reprendre|acquérir|acquisition|"
    r"intégration|filialisant|filialiser|fusion)"
    r"\s+(?:de|du|d['’])\s*(?:la\s+société\s+|l['’]entreprise\s+|du\s+groupe\s+)?\Z", V)
_HELD_RE = rx.compile(r"(?:parts|participations?|titres|actions)\b", V)


@dataclass
class _Ent:
    start: int
    end: int
    value: Optional[str]   # canonical name, or None when a generic reference is unresolved
    generic: bool = False
    person: bool = False


# linking looks this far around a figure, however long its "sentence" is
REACH = 400


# A nationality standing for a company named with it before (`le constructeur
# chinois Dongfeng` … `le chinois possède 14 %`), and `la famille` for the family
# named before (`la famille Peugeot` … `la famille, principal actionnaire`).
_DEMONYM = "|".join(sorted(DEMONYM_FORMS, key=len, reverse=True))
_ANAPHOR_HEADS = ("géant", "groupe", "constructeur", "cimentier", "opérateur", "société", "banque", "firme",
                  "industriel", "conglomérat", "compagnie", "entreprise", "fonds", "équipementier", "motoriste",
                  "avionneur", "laboratoire", "assureur", "pétrolier", "sidérurgiste", "partenaire", "investisseur",
                  "actionnaire", "acheteur", "repreneur", "concurrent", "rival", "numéro un", "leader")
_HEAD = "|".join(regex.escape(h) for h in _ANAPHOR_HEADS)
_ANAPHOR_RE = rx.compile(
    r"(?<!\p{L})(?:(?:l" + APOS + r"|la\s+|le\s+)(?:(?:" + _HEAD + r")\s+)?(?P<dem>" + _DEMONYM + r")"
    r"|la\s+(?P<fam>famille))(?!\p{L})(?!\s+(?-i:\p{Lu}))",  # `le chinois Dongfeng` introduces, not refers
    V,
)
# how a company is introduced with its nationality: right before its name, or in apposition after it
_INTRO_BEFORE = rx.compile(r"(?r)(?<!\p{L})(?P<dem>" + _DEMONYM + r")\s+\Z", V)
_INTRO_AFTER = rx.compile(r"\A\s*,\s*(?:l" + APOS + r"|la\s+|le\s+|un\s+|une\s+)(?:(?:" + _HEAD + r")\s+)?"
                             r"(?P<dem>" + _DEMONYM + r")(?!\p{L})", V)


def _introductions(text: str, names: list[Mention]) -> dict[str, tuple[list[int], list[str]]]:
    """Where each nationality and `famille` was attached to a name, in order:
    key → (positions, names)."""
    out: dict[str, tuple[list[int], list[str]]] = {}

    def add(key: str, pos: int, value: str) -> None:
        starts, values = out.setdefault(key, ([], []))
        starts.append(pos)
        values.append(value)

    for m in names:
        if m.value is None:
            continue
        if m.kind == "person" and m.rule == "famille_x":
            add("famille", m.start, str(m.value))
        elif m.kind == "organization":
            got = _INTRO_BEFORE.search(text[max(0, m.start - 30):m.start]) or \
                (text[m.end:m.end + 3].lstrip().startswith(",") and _INTRO_AFTER.match(text[m.end:m.end + 50]))
            if got:
                add(DEMONYM_FORMS[got["dem"].lower()], m.start, str(m.value))
    return out


def _entities(text: str, s_start: int, s_end: int, names: list[Mention], name_starts: list[int],
              intros: Optional[Callable[[], dict]] = None) -> list[_Ent]:
    """Names, `l'État`, references to a name introduced before (`le chinois`,
    `la famille`; `intros()` gives the introductions) and generic references of
    the span [s_start, s_end)."""
    lo, hi = bisect.bisect_left(name_starts, s_start), bisect.bisect_left(name_starts, s_end)
    ents = [_Ent(m.start, m.end, str(m.value), person=m.kind == "person") for m in names[lo:hi]
            if m.kind in ("organization", "person")]
    taken = SpanSet()
    for e in ents:
        taken.add(e.start, e.end)
    for m in _STATE_RE.finditer(text, s_start, s_end, timeout=TIMEOUT):
        if taken.add(m.start(), m.end()):
            ents.append(_Ent(m.start(), m.end(), "État"))
    if intros is not None:
        for m in _ANAPHOR_RE.finditer(text, s_start, s_end, timeout=TIMEOUT):
            key = "famille" if m["fam"] else DEMONYM_FORMS[m["dem"].lower()]
            starts, values = intros().get(key, ((), ()))
            k = bisect.bisect_left(starts, m.start()) - 1  # the last one named before
            if k >= 0 and taken.add(m.start(), m.end()):
                ents.append(_Ent(m.start(), m.end(), values[k], person=key == "famille"))
    for m in _GENERIC_RE.finditer(text, s_start, s_end, timeout=TIMEOUT):
        if taken.add(m.start(), m.end()):
            ents.append(_Ent(m.start(), m.end(), None, generic=True))
    return sorted(ents, key=lambda e: e.start)


def _is_complement(text: str, e: _Ent) -> bool:
    return bool(_COMPLEMENT_BEFORE.search(text[max(0, e.start - 25):e.start]))


def _document_target(text: str, names: list[Mention]) -> Optional[str]:
    """The company the document is about: the one named most often after
    `titres de`, `capital de`, `rachat de`, `parts … dans`; else None."""
    counts: Counter = Counter()
    for m in names:
        if m.kind != "organization":
            continue
        before = text[max(0, m.start - 60):m.start]
        if _TARGET_RE.search(before) or (_DANS.search(before) and _HELD_RE.search(before)):
            counts[str(m.value)] += 1
    return counts.most_common(1)[0][0] if counts else None


_TRIGGER_BODY = rx.compile(
    "|".join(f"(?:{'|'.join(ws)})" for ws in ATTRIBUTE_TRIGGERS.values()), V)


_SEPARATORS = "-'’"


def _trigger_offsets(word: str) -> tuple[int, ...]:
    """Where in a word a trigger may begin: at its start or after an inner
    hyphen or apostrophe (`ex-actionnaire`), when from there a trigger ends at
    the word's end or at an inner separator (`rachat-vente`), or goes on past a
    blank (`du` of `du capital`), or past an elision (`s'` of `s'emparer`)."""
    out = []
    for o in [0] + [k + 1 for k, c in enumerate(word) if c in _SEPARATORS and k + 1 < len(word)]:
        rest = word[o:]
        ends = [k for k, c in enumerate(rest) if c in _SEPARATORS] + [len(rest)]
        if any(k > 0 and _TRIGGER_BODY.fullmatch(rest[:k]) for k in ends) \
                or _TRIGGER_BODY.fullmatch(rest + " ", partial=True) \
                or (rest[-1] in "'’" and _TRIGGER_BODY.fullmatch(rest, partial=True)):
            out.append(o)
    return tuple(out)


_TRIGGER_OFFSETS = WordMemo(_trigger_offsets)


class _Triggers:
    """Trigger words of a text, found once: the words that may open a trigger
    (a cached test per distinct spelling) are matched where they stand, so the
    work is linear in the text and no window is scanned twice."""

    def __init__(self, text: str, toks=None) -> None:
        if toks is None:
            from .extractors.names import tokenize
            toks = tokenize(text)
        hits = []
        end = 0
        match = _TRIGGER_RE.match
        offsets = list(map(_TRIGGER_OFFSETS.__getitem__, words_of(toks)))
        for t, offs in zip(compress(toks, offsets), filter(None, offsets)):
            for o in offs:
                pos = t.start + o
                if pos >= end:
                    m = match(text, pos)
                    if m:
                        hits.append((m.start(), m.end(), m.lastgroup))
                        end = m.end()
        self.hits = hits
        self.starts = [h[0] for h in hits]

    def within(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """Triggers lying inside [a, b), in order."""
        i = bisect.bisect_left(self.starts, a)
        out = []
        while i < len(self.hits) and self.hits[i][1] <= b:
            out.append(self.hits[i])
            i += 1
        return out


def _attribute(text: str, s_start: int, f: Mention, triggers: _Triggers,
               date_follows: bool = False) -> Optional[str]:
    if f.kind == "quantity" and f.unit in UNIT_ATTRIBUTES:
        return UNIT_ATTRIBUTES[f.unit]
    before = triggers.within(max(s_start, f.start - 90), f.start)
    best = before[-1][2] if before else None
    if best is None:
        after = triggers.within(f.end, min(len(text), f.end + 50))
        best = after[0][2] if after else None
    if f.kind == "percentage" and best in ("stake", None):
        after = text[f.end:f.end + 100]
        passe = _PASSE_DE.search(text[max(0, f.start - 40):f.start]) and _PASSE_A.match(after)
        if passe or (best == "stake" and _PREVIOUS.match(after)):
            return "previous_stake"
        # `porté à 20 %, contre 14,9 % en juin dernier`: the figure of an earlier time
        if best == "stake" and date_follows and _CONTRE.search(text[max(0, f.start - 12):f.start]):
            return "previous_stake"
    if f.kind == "amount" and best in ("stake", "market_share", "headcount", "subscribers"):
        best = None
    if f.kind == "percentage" and best in ("funding", "investment", "price", "headcount", "subscribers"):
        best = None
    return best


# `actionnaire d'Alstom`, `du capital de X`: X is what is held, not who holds
_NOT_OWNER = rx.compile(r"actionnaire\w*|du capital|des parts|des titres|des droits de vote|rach\w*|repri\w*|acqu\w*", V)
_OWNER_DE = rx.compile(r"\A(?:\s+net)?\s*(?:de|du|d['’])\s*(?:la\s+|l['’]\s*|le\s+)?\Z", V)
# `9 actions Holcim pour 10 actions Lafarge`: an exchange ratio, 9 for 10
_RATIO_AFTER = rx.compile(r"\A(?:\s+(?-i:\p{Lu})[\p{L}\-]*){0,2}\s+pour\s+(?:une?|\d[\d,.]*)\s+(?:nouvelles?\s+|anciennes?\s+)?(?:actions?|titres?)(?!\p{L})", V)
_DIVIDEND = rx.compile(r"dividende", V)
_OWN_CAPITAL = ("capital_increase", "reserved_capital_increase", "rights_issue")  # a company's own operations
_CLAUSE_BREAK = rx.compile(r"[;:]|,\s|\b(?:tandis\s+qu|alors\s+qu|mais|contre)\b", V)


def _figure_between(fig_starts: list[int], m: Mention, d: Mention) -> bool:
    a, b = (d.end, m.start) if d.start < m.start else (m.end, d.start)
    i = bisect.bisect_left(fig_starts, a)
    return i < len(fig_starts) and fig_starts[i] < b




def link_document(text: str, mentions: list[Mention], index: Optional[TextIndex] = None,
                  toks=None) -> list[Mention]:
    """Fill subject, object, attribute and period of the figures of one document
    (`toks`: the text's tokens, when the caller has them)."""
    index = index or TextIndex(text)
    names = [m for m in mentions if m.kind in ("organization", "person", "location")]
    dateline = find_dateline(text)
    # the dateline's date dates the article, not a figure: it is never a period
    dates = [m for m in mentions if m.kind == "date"
             and not (dateline and dateline[1] <= m.start and m.end <= dateline[2])]
    target = _document_target(text, names)
    intro_memo: list[dict] = []

    def intros() -> dict:  # looked for only when a sentence holds `le chinois`, `la famille`…
        if not intro_memo:
            intro_memo.append(_introductions(text, names))
        return intro_memo[0]

    triggers = _Triggers(text, toks)
    cache: dict[int, list[_Ent]] = {}

    name_starts = [m.start for m in names]
    date_starts = [d.start for d in dates]
    fig_starts = [m.start for m in mentions if m.kind in FIGURE_KINDS]

    def ents_of(si: int) -> list[_Ent]:
        if si not in cache:
            sent = index.sentences[si]
            cache[si] = _entities(text, sent.start, sent.end, names, name_starts, intros)
        return cache[si]

    breaks: dict[int, tuple[list[int], list[int]]] = {}

    def clause_start(si: int, s_start: int, pos: int) -> int:
        """Where the clause holding `pos` starts: after the last break (`;`, `, `,
        `mais`…) between `s_start` and it; the sentence's breaks are found once."""
        got = breaks.get(si)
        if got is None:
            sent = index.sentences[si]
            found = [m.span() for m in _CLAUSE_BREAK.finditer(text, sent.start, sent.end, timeout=TIMEOUT)]
            got = breaks[si] = ([a for a, _ in found], [b for _, b in found])
        starts, ends = got
        k = bisect.bisect_right(ends, pos) - 1  # the last break ending by `pos`…
        return ends[k] if k >= 0 and starts[k] >= s_start else s_start  # …that starts inside

    ent_starts: dict[int, list[int]] = {}

    def window_ents(si: int, window: Sentence) -> list[_Ent]:
        """The names of a window of a very long sentence: those of the whole
        sentence (found once) that lie inside it."""
        whole = ents_of(si)
        starts = ent_starts.get(si)
        if starts is None:
            starts = ent_starts[si] = [e.start for e in whole]
        lo, hi = bisect.bisect_left(starts, window.start), bisect.bisect_left(starts, window.end)
        return [e for e in whole[lo:hi] if e.end <= window.end]

    aside_cache: dict[int, list[tuple[int, int]]] = {}

    def asides_of(si: int) -> list[tuple[int, int]]:
        if si not in aside_cache:
            sent = index.sentences[si]
            aside_cache[si] = [(m.start(), m.end()) for m in _ASIDE.finditer(text, sent.start, sent.end, timeout=TIMEOUT)]
        return aside_cache[si]

    def previous_subject(si: int) -> Optional[str]:
        """Subject of the closest earlier sentence that names one."""
        for k in range(si - 1, max(-1, si - 4), -1):
            firsts = [e for e in ents_of(k) if e.value and not e.generic and not is_complement(e)
                      and text[max(0, e.start - 1):e.start] != "("]
            if firsts:
                return firsts[0].value
        return None

    complement_memo: dict[int, bool] = {}

    def is_complement(e: _Ent) -> bool:  # one answer per name, whichever figures ask
        got = complement_memo.get(e.start)
        if got is None:
            got = complement_memo[e.start] = _is_complement(text, e)
        return got

    source_memo: dict[tuple[int, int], bool] = {}

    out: list[Mention] = []
    figures: list[int] = []
    sentence_objects: dict[int, str] = {}
    last_attr: dict[tuple[int, str], str] = {}
    for m in mentions:
        if m.kind not in FIGURE_KINDS:
            out.append(m)
            continue
        si = index.sentence_index(m.start)
        full = index.sentences[si]
        # a window of the sentence around the figure: linear time on megabyte "sentences"
        sent = full if full.end - full.start <= 2 * REACH else \
            Sentence(max(full.start, m.start - REACH), min(full.end, m.end + REACH))
        ents = ents_of(si) if sent is full else window_ents(si, sent)
        asides = asides_of(si) if sent is full else []

        def in_aside(e: _Ent) -> bool:
            return any(a <= e.start and e.end <= b for a, b in asides) and not any(a <= m.start < b for a, b in asides)

        def resolve(e: Optional[_Ent], as_object: bool = False) -> Optional[str]:
            if e is None:
                return None
            if not e.generic:
                return e.value
            if as_object or (attribute in COMPANY_ATTRIBUTES and target):
                return target  # `le groupe compte 10 000 salariés`: the company the text is about
            return previous_subject(si)

        def coordinated_with(e: Optional[_Ent], cands: list[_Ent]) -> set:
            """The names coordinated with `e` (`l'Etat et le chinois investissent`): co-subjects."""
            if e is None or e not in cands:
                return set()
            i = j = cands.index(e)
            while i > 0 and _COORD.match(text[cands[i - 1].end:cands[i].start]) and cands[i].start - cands[i - 1].end < 40:
                i -= 1
            while j + 1 < len(cands) and _COORD.match(text[cands[j].end:cands[j + 1].start]) \
                    and cands[j + 1].start - cands[j].end < 40:
                j += 1
            return {c.value for c in cands[i:j + 1]}

        def first_of_group(cands: list[_Ent], c: _Ent) -> _Ent:
            """`Cloudwatt et son concurrent Numergy ont…`: the first of coordinated names."""
            i = cands.index(c)
            while i > 0 and _COORD.match(text[cands[i - 1].end:cands[i].start]) and cands[i].start - cands[i - 1].end < 40:
                i -= 1
            return cands[i]

        k = bisect.bisect_left(date_starts, m.end)
        date_follows = k < len(dates) and dates[k].start - m.end <= 25
        attribute = _attribute(text, sent.start, m, triggers, date_follows) or last_attr.get((si, m.kind))
        if m.kind == "quantity" and m.unit == "action":
            prev = out[figures[-1]] if figures else None
            if prev is not None and prev.unit == "action" and index.sentence_index(prev.start) == si \
                    and text[max(0, m.start - 6):m.start].rstrip().endswith("pour") \
                    and prev.attribute in ("exchange_ratio", "stock_dividend"):
                attribute = prev.attribute + "_base"
            elif _RATIO_AFTER.match(text[m.end:m.end + 80]):
                attribute = "stock_dividend" if _DIVIDEND.search(text, sent.start, m.start) else "exchange_ratio"
        if attribute:
            last_attr[(si, m.kind)] = attribute
        def is_source(e: _Ent) -> bool:  # `selon un analyste de Natixis`: who says, not what
            key = (sent.start, e.start)
            got = source_memo.get(key)
            if got is None:
                got = source_memo[key] = bool(_SOURCE_BEFORE.search(text[max(sent.start, e.start - 50):e.start]))
            return got

        ents = [e for e in ents if not is_source(e)]
        before = [e for e in ents if e.end <= m.start]
        after = [e for e in ents if e.start >= m.end]
        free = [e for e in ents if not is_complement(e) and not in_aside(e)]
        subject_e: Optional[_Ent] = None
        each = bool(_EACH.match(text[m.end:m.end + 60]) or _EACH_BEFORE.search(text[max(sent.start, m.start - 60):m.start]))
        if each and free:
            subject_e = first_of_group(free, free[0])       # `… 75 millions d'euros chacun`
        if subject_e is None and attribute in ("investment", "funding") and after \
                and _OBJECT_DE.match(text[m.end:after[0].start]) and after[0].start - m.end < 8:
            subject_e = after[0]                            # `un apport de 800 M€ de Dongfeng`
        if subject_e is None and after and _POUR_PAR.match(text[m.end:after[0].start]):
            subject_e = after[0]                            # `33 % pour la CDC`, `à 44 % par Orange`
        if subject_e is None and before and not before[-1].generic and _ADJACENT.match(text[before[-1].end:m.start]) \
                and not _DANS.search(text[max(0, before[-1].start - 12):before[-1].start]) \
                and (m.kind != "amount" or (not _DE_BEFORE.search(text[max(0, before[-1].start - 25):before[-1].start])
                                            and text[before[-1].end:m.start].strip() == "")):
            subject_e = before[-1]                          # `Thales 22,2 %`, `Thales (22,2 %)`, `à l'État 1,7 Md€`
        if subject_e is None and m.kind == "quantity" and after and after[0].start - m.end <= 2:
            subject_e = after[0]                            # `10 actions Lafarge`
        if subject_e is None and not attribute:
            clause = [e for e in free if e.end <= m.start and e.start >= clause_start(si, sent.start, m.start)]
            if clause:
                subject_e = clause[-1]                      # `tandis qu'Holcim prend 1,2 %`
        trig = None
        if attribute:
            near = triggers.within(max(sent.start, m.start - 90), m.start)
            trig = near[-1] if near else None
        if subject_e is None and trig is not None:
            # `la participation de la famille Peugeot passe de 25 %`, `le bénéfice net de Lafarge`
            owner = [e for e in ents if trig[1] <= e.start < m.start]
            if owner and _OWNER_DE.match(text[trig[1]:owner[0].start]) and not _NOT_OWNER.fullmatch(text[trig[0]:trig[1]]):
                subject_e = owner[0]
        if subject_e is None and attribute and not (attribute in _OWN_CAPITAL and target):
            # (the investors named before a capital increase are not its subject: the company is)
            if trig is not None:
                start = clause_start(si, sent.start, m.start)
                own = [e for e in free if start <= e.start and e.end <= m.start] if trig[1] <= start else []
                cands = [e for e in free if e.end <= trig[0]]
                if own:
                    subject_e = own[-1]                     # `…, Peugeot a atteint 1,5 milliard`: its own clause
                elif cands:
                    subject_e = first_of_group(free, cands[-1])   # `X détient N %`
        if subject_e is None and trig is None and not each and m.kind == "amount":
            # no trigger word near the figure: the name of its own clause, else the nearest before it
            start = clause_start(si, sent.start, m.start)
            nearest = [e for e in free if e.end <= m.start]
            clause = [e for e in nearest if e.start >= start]
            if clause or nearest:
                subject_e = (clause or nearest)[-1]         # `Holcim a atteint … 1,2 milliard de francs`
        if subject_e is None and attribute in _OWN_CAPITAL \
                and target:
            subject = target                                # a capital increase is the company's own
        elif subject_e is None and each:
            subject = previous_subject(si)                  # `Chacune des deux parties investirait …`
        else:
            if subject_e is None:
                cands = [e for e in free if e.start < m.start or m.kind != "percentage"]
                if attribute in COMPANY_ATTRIBUTES:
                    cands = [e for e in cands if not e.person]  # a person has no headcount or revenue
                if cands:
                    subject_e = cands[0]                    # the sentence's first name
            subject = resolve(subject_e)
        # object: `dans X` after the figure, else `de X` / `du capital de X` right after it
        obj_e: Optional[_Ent] = None
        for e in after:
            if e.start - m.end > 120:
                break
            if _DANS.search(text[max(m.end, e.start - 12):e.start]):
                obj_e = e
                break
        if obj_e is None and after and _OBJECT_DE.match(text[m.end:after[0].start]):
            obj_e = after[0]
        obj = resolve(obj_e, as_object=True)
        if obj is None and attribute in ("stake", "previous_stake", "acquisition", "investment"):
            obj = sentence_objects.get(si)
            others = {e.value for e in ents if e.value and not e.generic and e.value != subject and not in_aside(e)
                      and e.value != "État" and not _DATIVE_BEFORE.search(text[max(0, e.start - 25):e.start])} \
                - coordinated_with(subject_e, ents)  # not a co-subject, nor whom it is bought from (`racheter à X`)
            if obj is None and m.kind == "amount" and len(others) == 1:
                obj = others.pop()                          # `X et Y renflouent Z en apportant N`
            if obj is None and target and target != subject and (m.kind == "percentage" or attribute != "stake"):
                obj = target
        if obj is not None and obj == subject:
            obj = None
        if obj is not None and m.kind == "percentage":
            sentence_objects.setdefault(si, obj)
        period = None
        near = [d for d in dates[bisect.bisect_left(date_starts, sent.start):
                                 bisect.bisect_left(date_starts, sent.end)] if d.value]
        # the nearest date with no other figure between it and this one (a dateline is no period)
        near = [d for d in near if not _figure_between(fig_starts, m, d) and not _DATELINE.match(text, d.end)
                and text[max(0, d.start - 1):d.start] != "["]
        if near:
            period = str(min(near, key=lambda d: abs(d.start - m.start)).value)
        out.append(m.with_(subject=subject, object=obj, attribute=attribute, period=period))
        figures.append(len(out) - 1)
    # a stake figure of a sentence takes the object named for another figure of it
    for i in figures:
        f = out[i]
        if f.object is None and f.kind == "percentage" and f.attribute in ("stake", "previous_stake"):
            obj = sentence_objects.get(index.sentence_index(f.start))
            if obj and obj != f.subject:
                out[i] = f.with_(object=obj)
    return out
