"""Canonical names (SPEC §3): one `value` per entity across all sources.

Order of authority: the user's alias file, the built-in alias table
(gazetteers), acronyms defined in the text (`Caisse des Dépôts (CDC)`), then the
most frequent spelling among the spellings that fold to the same key.  An
organisation written one letter away from a known one (`Caisse des Dépôt`,
`Numery`) takes the known form; people keep their spellings apart (`Stark` /
`Starck` is reported by `conflicts`, not merged).
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import regex

from .extractors.names import fold, gazetteer
from .model import NAME_KINDS, Mention
from . import rx


class AliasError(ValueError):
    """A user alias file that cannot be read; the message names file and line."""


def load_aliases(path: str | Path) -> dict[str, str]:
    """Read a user alias file: JSON object `{"variant": "Canonical"}`, or lines
    `variant<TAB>Canonical` / `variant = Canonical` with `#` comments."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AliasError(f"{path}: no such alias file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise AliasError(f"{path}: cannot read alias file: {e}") from None
    out: dict[str, str] = {}
    if raw.lstrip().startswith("{"):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as e:
            raise AliasError(f"{path}:{e.lineno}: invalid JSON: {e.msg}") from None
        for k, v in data.items():
            if not isinstance(v, str) or not v.strip():
                raise AliasError(f"{path}: alias {k!r} must map to a non-empty string")
            out[fold(k)] = v.strip()
        return out
    for lineno, line in enumerate(raw.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "\t" in line:
            variant, _, canonical = line.partition("\t")
        elif "=" in line:
            variant, _, canonical = line.partition("=")
        else:
            raise AliasError(f"{path}:{lineno}: expected 'variant<TAB>Canonical' or 'variant = Canonical'")
        variant, canonical = variant.strip(), canonical.strip()
        if not variant or not canonical:
            raise AliasError(f"{path}:{lineno}: empty variant or canonical name")
        out[fold(variant)] = canonical
    return out


_ACRONYM_DEF = rx.compile(r"\A\s*\(\s*(\p{Lu}[\p{Lu}\d&]{1,7})\s*\)", regex.V1)
_LONG_DEF = rx.compile(r"\A\s*\(\s*([^()]{4,80})\)", regex.V1)


def acronym_definitions(text: str, mentions: list[Mention]) -> dict[str, str]:
    """`Long Name (ACR)` and `ACR (Long Name)` in the text: ACR → the long name's value."""
    out: dict[str, str] = {}
    names = [m for m in mentions if m.kind in ("organization", "location")]
    by_start = {m.start: m for m in names}
    for m in names:
        if not text[m.end:m.end + 90].lstrip().startswith("("):
            continue  # both forms open a bracket right after the name (most names are followed by none)
        after = text[m.end:m.end + 12]
        d = _ACRONYM_DEF.match(after)
        if d and not (m.text.isupper() and len(m.text) <= 8):
            acr = d.group(1)
            if fold(acr)[0] == fold(str(m.value or m.text))[0]:
                out[fold(acr)] = str(m.value or m.text)
        elif m.text.isupper() and len(m.text) <= 8:
            d2 = _LONG_DEF.match(text[m.end:m.end + 90])
            if d2:
                inner_start = m.end + d2.start(1)
                long_m = by_start.get(inner_start)
                # (the bracket holds that name alone: `PSA (Peugeot, Citroën et DS)` lists brands, defines nothing)
                if long_m is not None and fold(str(long_m.value))[0] == fold(m.text)[0] \
                        and not text[long_m.end:m.end + d2.end(1)].strip():
                    out[fold(m.text)] = str(long_m.value)
    for m in names:
        if m.text.isupper() and 2 <= len(m.text) <= 8 and fold(m.text) not in out:
            long = spelled_out(text, m.start, m.text)
            if long:
                out[fold(m.text)] = long
                head = fold(long.split()[0])
                if head in _HEAD_ALONE:
                    out.setdefault(head, long)  # `la Caisse` further on
    return out


# the small words of a name that its acronym skips (`Caisse de dépôt et placement du Québec`: CDPQ)
_ACRONYM_SKIPS = {"de", "du", "des", "d", "et", "la", "le", "les", "l", "pour", "en", "a", "au", "aux", "sur"}
_WORD = rx.compile(r"\p{L}[\p{L}\-]*['’]?", regex.V1)


def spelled_out(text: str, start: int, acr: str) -> Optional[str]:
    """`la Caisse de dépôt et placement du Québec (CDPQ)`, `l'Autorité des marchés
    financiers (AMF)`: the words before the bracket whose initials (small words
    skipped) spell the acronym, from a capitalised first word; else None."""
    paren = start - 1
    while paren >= 0 and text[paren] in " \u00a0":
        paren -= 1
    if paren < 1 or text[paren] != "(":
        return None  # the acronym stands in a bracket right after the words it shortens
    lo = max(0, paren - 120)
    words = [(w.start(), w.group()) for w in _WORD.finditer(text, lo, paren)][-10:]
    # (only words: a figure, a comma or a full stop in between ends the name)
    if not words or text[words[-1][0] + len(words[-1][1]):paren].strip():
        return None
    for k in range(len(words) - 1, 0, -1):
        if text[words[k - 1][0] + len(words[k - 1][1]):words[k][0]].strip():
            words = words[k:]
            break
    letters = fold(acr).replace("&", "")
    for k in range(len(words) - 1, -1, -1):  # the shortest run of words that spells it
        first = words[k][1]
        if not first[:1].isupper():
            continue
        content = [w for _, w in words[k:] if fold(w.rstrip("'’")) not in _ACRONYM_SKIPS]
        initials = "".join(fold(w)[0] for w in content)
        if initials == letters and len(content) >= 2:
            a = words[k][0]
            b = words[-1][0] + len(words[-1][1])
            return text[a:b].rstrip("'’ ")
        if len(initials) > len(letters):
            break
    return None


# A company's legal form is no part of its name (SPEC §3: one value per entity):
# `Bombardier Inc.`, `Vodafone Group plc`, `Porsche GmbH` are Bombardier, Vodafone
# Group, Porsche.  Only the forms that are never a word of a name: `SA`, `SE`, `AG`
# also end names as initials (`Groupe SA`, `Alpha SE` for Sud-Est) and are kept.
_LEGAL_FORM = rx.compile(r"(?<=\p{L}[\p{L}\d.)]*)[\s,]+(?:Inc|Incorporated|Ltd|Limited|PLC|plc|GmbH|LLC|Corp|"
                         r"S\.p\.A)\.?\Z",
                         regex.V1)
# Nouns that head an institution's name and stand for it alone, capitalised, once
# it is named in full (`la Caisse de dépôt et placement du Québec` … `la Caisse`)
_HEAD_ALONE = {"caisse", "banque", "commission", "agence", "autorite", "office", "fondation", "compagnie",
               "federation", "confederation", "mutuelle", "regie", "cour", "conseil"}


# (a name holding none of these words is left as it is, without a pattern tried)
_MAY_TRIM = re.compile(r"Groupe |Inc|Ltd|Limited|PLC|plc|GmbH|LLC|Corp|S\.p\.A")
# `Groupe` opening a name is the head noun, capitalised at a sentence's start or by habit
_GROUPE = rx.compile(r"\AGroupe\s+(?=\p{Lu}\p{L}+(?:\s|\Z))", regex.V1)


class _Trimmed(dict):
    """An organisation's value without its head noun `Groupe` and its legal form, once per spelling."""

    def __missing__(self, value: str) -> str:
        got = without_legal_form(_GROUPE.sub("", value)) if _MAY_TRIM.search(value) else value
        if len(self) < 100_000:
            self[value] = got
        return got


_TRIMMED = _Trimmed()


# (the same nouns as written, accents kept: a first word is looked up before it is folded)
_HEADS_AS_WRITTEN = frozenset(_HEAD_ALONE) | {"autorité", "fédération", "confédération", "régie"}


def without_legal_form(value: str) -> str:
    """`Bombardier Inc.` → `Bombardier`; a name that is only a legal form stays."""
    got = _LEGAL_FORM.search(value)
    return value[:got.start()] if got and got.start() >= 2 else value


def canonicalize_document(text: str, mentions: list[Mention], aliases: Optional[dict[str, str]] = None) -> list[Mention]:
    """Values of the names of one document: user aliases, acronyms defined in
    the text, the gazetteer's canonical forms, without legal forms; an
    institution's head noun alone (`la Caisse`) is the one it heads in full."""
    aliases = aliases or {}
    defs = acronym_definitions(text, mentions)
    heads = _headed_institutions(mentions)
    heads.update((k, v) for k, v in defs.items() if k in _HEAD_ALONE)
    out = []
    for m in mentions:
        if m.kind in NAME_KINDS:
            key = fold(m.text)
            if key in aliases:
                m = m.with_(value=aliases[key], rule=m.rule + "+alias")
            elif fold(str(m.value or "")) in aliases:
                m = m.with_(value=aliases[fold(str(m.value))], rule=m.rule + "+alias")
            elif key in defs and m.kind != "person":
                m = m.with_(value=defs[key], kind="organization" if m.kind == "organization" else m.kind)
            elif m.kind == "organization" and m.text.isupper() and _transposed(key, defs):
                # `CPDQ` in an article that defines `CDPQ`: the same acronym, two letters swapped (SPEC §3)
                m = m.with_(value=defs[_transposed(key, defs)], rule=m.rule + "+typo")
            elif m.kind == "organization" and key in heads:
                m = m.with_(value=heads[key], rule=m.rule + "+head_alone")
            elif m.value is None:
                m = m.with_(value=m.text)
            if m.kind == "organization" and isinstance(m.value, str):
                bare = _TRIMMED[m.value]  # `Le Groupe Kappa`: Kappa; `Bombardier Inc.`: Bombardier
                if bare != m.value:
                    m = m.with_(value=bare)
        out.append(m)
    return out


def _transposed(key: str, defs: dict[str, str]) -> Optional[str]:
    """The defined acronym that `key` writes with two neighbouring letters swapped
    (`cpdq` for `cdpq`); None when there is none or more than one. Acronyms of
    three letters and fewer are left alone: too many of them are names of their own."""
    if len(key) < 4 or len(key) > 8 or not key.isalpha():
        return None
    found = [d for d in defs if len(d) == len(key) and d != key and sorted(d) == sorted(key)
             and _swap1(key, d)]
    return found[0] if len(found) == 1 else None


def _swap1(a: str, b: str) -> bool:
    """a and b (same length) differ only by two neighbouring letters swapped."""
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _headed_institutions(mentions: list[Mention]) -> dict[str, str]:
    """`caisse` → `Caisse de dépôt et placement du Québec` when the document names
    one institution headed by that noun in full (two: neither, it is ambiguous)."""
    found: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind == "organization" and " " in m.text and m.text.split(None, 1)[0].lower() in _HEADS_AS_WRITTEN:
            found[fold(m.text.split(None, 1)[0])].add(str(m.value or m.text))
    return {h: next(iter(v)) for h, v in found.items() if len(v) == 1}


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


_WEAK_RULES = ("capitalized", "capitalized_initial", "place_after_a")
_PERSON_RULES = ("first_name_surname", "title_name", "initial_name", "name_role")

# What the corpus pass needs to know of a name mention: (kind, value, rule, text).
NameStat = tuple


def name_stat(m: Mention) -> NameStat:
    return (m.kind, m.value, m.rule, m.text)


def _deletions(s: str) -> set[str]:
    return {s[:i] + s[i + 1:] for i in range(len(s))}


@lru_cache(maxsize=1)
def _known_organisations() -> tuple[dict[str, str], dict[str, set[str]], set[str]]:
    """The gazetteer's organisations by folded form, their one-letter-deletion
    index, and every canonical form of the gazetteer (built once per process)."""
    gz = gazetteer()
    known_org = {fold(c): c for _, (kind, c) in gz.names.items() if kind == "organization"}
    index: dict[str, set[str]] = defaultdict(set)
    for k in known_org:
        index[k].add(k)
        for d in _deletions(k):
            index[d].add(k)
    return known_org, dict(index), {c for _, c in gz.names.values()}


def _merged_pairs(org_keys: Counter, canonical: dict[str, str]) -> None:
    """A merged company the corpus names after its two parts (`TF1-M6`, `EssilorLuxottica`)
    is also what an article that does not name it makes of the two (`M6TF1`, `M6 TF1`:
    see `Doc.merged`), in either order: those spellings are added to `canonical`."""
    squeezed: dict[str, str] = {}
    for k in sorted(org_keys):
        squeezed.setdefault(k.replace(" ", ""), k)
    best: dict[tuple[str, str], str] = {}
    lengths = sorted({len(k) for k in squeezed})  # (a split is tried only where a part of that length exists)
    shortest = 2 * lengths[0] if lengths else 0
    for key in sorted(org_keys, key=lambda k: (-org_keys[k], k)):
        s = key.replace(" ", "")
        if len(s) < shortest or " " not in key and not any(c.isupper() for c in canonical[key][1:]):
            continue  # (a merged name is two names: spaced, hyphenated or in two capitals, `EssilorLuxottica`)
        for i in lengths:
            if i >= len(s):
                break
            a, b = squeezed.get(s[:i]), squeezed.get(s[i:])
            if a and b and a != key and b != key:
                best.setdefault((min(a, b), max(a, b)), canonical[key])  # the most named first
    for (a, b), value in sorted(best.items()):
        for form in (a + b, b + a, f"{a} {b}", f"{b} {a}"):
            canonical.setdefault(form, value)


class Canon:
    """The corpus-wide canonical forms, built from counts of name mentions
    (so it can be built from a database query as well as from a list) and
    applied to one mention at a time."""

    def __init__(self, stats: Iterable[tuple[NameStat, int]], aliases: Optional[dict[str, str]] = None) -> None:
        stats = [(st, n) for st, n in stats]
        # surnames: `Montebourg` alone is the `Arnaud Montebourg` named in full elsewhere
        full: dict[str, Counter] = defaultdict(Counter)
        for (kind, value, rule, _text), n in stats:
            if kind == "person" and rule in _PERSON_RULES and value and " " in str(value):
                full[fold(str(value).split()[-1])][str(value)] += n
        self.surnames = {k: c.most_common(1)[0][0] for k, c in full.items()}
        spellings: dict[str, Counter] = defaultdict(Counter)
        org_keys: Counter = Counter()
        for st, n in stats:
            kind, value = self._propagated(st)
            if value is None:
                continue
            spellings[fold(str(value))][str(value)] += n
            if kind == "organization":
                org_keys[fold(str(value))] += n
        known_org, known_index, gz_forms = _known_organisations()
        fixed = set((aliases or {}).values()) | gz_forms
        canonical: dict[str, str] = {}
        for key, counts in spellings.items():
            fixed_forms = sorted(v for v in counts if v in fixed)
            canonical[key] = fixed_forms[0] if fixed_forms else max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
        # an acronym one article defines (`Caisse de dépôt et placement du Québec (CDPQ)`)
        # is the long name in every article, unless the corpus gives it two long forms
        # or it is a name of its own (the user's aliases and the gazetteer come first)
        longs: dict[str, set[str]] = defaultdict(set)
        for (kind, value, _rule, text), _n in stats:
            if kind == "organization" and value and text.isupper() and 2 <= len(text) <= 8 \
                    and len(str(value)) > len(text) + 2 and fold(str(value)) != fold(text):
                longs[fold(text)].add(canonical.get(fold(str(value)), str(value)))
        for acr, forms in sorted(longs.items()):
            if len(forms) == 1 and acr in canonical and canonical[acr] not in fixed \
                    and acr not in (aliases or {}):
                canonical[acr] = next(iter(forms))
        # organisations one edit away from a known or a more frequent organisation;
        # candidates come from indexes of one-letter deletions (the gazetteer's built
        # once), not a scan of all pairs
        index: dict[str, set[str]] = defaultdict(set)
        for k in org_keys:
            index[k].add(k)
            for d in _deletions(k):
                index[d].add(k)
        empty: set[str] = set()
        for key in org_keys:
            if len(key) < 6 or canonical[key] in fixed:
                continue
            near: set[str] = index.get(key, empty) | known_index.get(key, empty)
            for d in _deletions(key):
                near |= index.get(d, empty)
                near |= known_index.get(d, empty)
            # (a typo keeps the first letter: `Maréva` is no `Areva`, `Numery` is `Numergy`)
            near = {k for k in near if k != key and k[:1] == key[:1] and _edit1(key, k)}
            known = sorted(k for k in near if k in known_org)
            if known:
                canonical[key] = known_org[known[0]]
                continue
            more = sorted((k for k in near if org_keys.get(k, 0) > org_keys[key]), key=lambda k: -org_keys[k])
            if more:
                canonical[key] = canonical[more[0]]
        _merged_pairs(org_keys, canonical)
        self.canonical = canonical

    def _propagated(self, st: NameStat) -> tuple[str, object]:
        kind, value, rule, text = st
        if kind != "person" and rule in _WEAK_RULES and " " not in str(text):
            full = self.surnames.get(fold(str(text)))
            if full:
                return "person", full
        return kind, value

    def to_json(self) -> str:
        return json.dumps({"canonical": self.canonical, "surnames": self.surnames}, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str) -> "Canon":
        d = json.loads(data)
        c = cls.__new__(cls)
        c.canonical, c.surnames = d["canonical"], d["surnames"]
        return c

    def changes(self, kind: str, value, subject: Optional[str], obj: Optional[str], rule: str, text: str) -> bool:
        """Whether `apply` would change a mention with these fields (cheap: no record built)."""
        if kind in NAME_KINDS:
            if rule in _WEAK_RULES and kind != "person" and " " not in str(text) and fold(str(text)) in self.surnames:
                return True
            return value is not None and self.canonical.get(fold(str(value)), value) != value
        return bool(subject and self.canonical.get(fold(subject), subject) != subject) or \
            bool(obj and self.canonical.get(fold(obj), obj) != obj)

    def apply(self, m: Mention) -> Mention:
        if m.kind in NAME_KINDS:
            kind, value = self._propagated(name_stat(m))
            if kind != m.kind:
                m = m.with_(kind=kind, value=value, rule="surname_propagation")
            if m.value is not None:
                v = self.canonical.get(fold(str(m.value)), m.value)
                if v != m.value:
                    m = m.with_(value=v)
        elif m.subject or m.object:
            # figures name their subject and object by canonical name too
            subj = self.canonical.get(fold(m.subject), m.subject) if m.subject else None
            obj = self.canonical.get(fold(m.object), m.object) if m.object else None
            if (subj, obj) != (m.subject, m.object):
                m = m.with_(subject=subj, object=obj)
        return m


def canonicalize_corpus(mentions: Iterable[Mention], aliases: Optional[dict[str, str]] = None) -> list[Mention]:
    """One value per entity across every source: the most frequent spelling
    among those that fold alike; organisations one letter off a known or more
    frequent one take its form; lone surnames take the full name."""
    mentions = list(mentions)
    stats = Counter(name_stat(m) for m in mentions if m.kind in NAME_KINDS)
    canon = Canon(stats.items(), aliases)
    return [canon.apply(m) for m in mentions]
