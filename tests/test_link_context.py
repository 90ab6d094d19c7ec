"""What makes linking fast must not change what it finds: the rules' gates only
spare calls, the word tests before the patterns only skip what the patterns
could not match, and a document's context is freed as soon as it is linked."""
from __future__ import annotations

import gc
from datetime import date

import pytest

import cloudfacts.link as link_pkg
from cloudfacts import extract_text
from cloudfacts.link import context, lexicon, rules
from cloudfacts.link import link_document
from cloudfacts.link.lexicon import CLAUSE_BREAK, MERGER_WORD, clause_breaks, positions, stems
from cloudfacts.model import Mention
from cloudfacts.text import TextIndex

from test_links import ROWS, _link

REF = date(2015, 1, 12)


def _links(m: Mention) -> tuple:
    return (m.subject, m.object, m.attribute, m.period, m.links)


def test_rule_gates_only_spare_calls(monkeypatch):
    """Every corpus figure links the same when every rule is called, whatever
    the kinds, names and attributes it declares."""
    gated = {n: _links(_link(text, figure)) for n, (text, figure, *_r) in ROWS}
    every = lambda registry, kind, has_names, attribute=None: registry  # noqa: E731
    monkeypatch.setattr(rules, "applicable", every)
    monkeypatch.setattr(link_pkg, "applicable", every)
    ungated = {n: _links(_link(text, figure)) for n, (text, figure, *_r) in ROWS}
    assert ungated == gated


def test_stems_keep_the_shortest_words_the_others_contain():
    assert stems(["chinoise", "chinois", "suisse", "suisses", "belge"]) == ("belge", "suisse", "chinois")
    assert lexicon.ANAPHOR_WORDS[0] == "famille" and "italien" in lexicon.ANAPHOR_WORDS
    assert "italienne" not in lexicon.ANAPHOR_WORDS  # `italien` finds it


def test_positions_of_words_in_order():
    assert positions("la fusion et la confusion", ("fusion",)) == [3, 19]
    assert positions("mais alors qu'il", ("alors", "mais", "zz")) == [0, 5]
    assert positions("", ("a",)) == []


@pytest.mark.parametrize("sentence", [
    "Alpha détient 30 %, mais Nuvia veut 40 % ; le reste flotte.",
    "Mais Alpha refuse, alors qu'il détient 30 %: rien ne bouge.",
    "Le carton de Marcel contrecarre les plans, tandis qu'Orfeo attend quand même.",
    "Lorsqu'il achète, puisqu'il peut, il paie car il veut contre vents et marées.",
    "İSTANBUL, mais pas Ankara ; ni İzmir.",  # İ lower-cases to two characters: the plain scan
    "",
])
def test_clause_breaks_are_the_pattern_s(sentence):
    text = "Avant. " + sentence + " Après."
    a, b = 7, 7 + len(sentence)
    assert clause_breaks(text, a, b) == [m.span() for m in CLAUSE_BREAK.finditer(text, a, b)]


def test_clause_breaks_skip_words_inside_words():
    text = "Le carton est placardé contre le mur."
    assert clause_breaks(text, 0, len(text)) == [(23, 29)]  # `contre`, not `car` in carton or placardé


def _doc(text: str) -> context.Doc:
    mentions = extract_text(text, source="t", ref_date=REF)
    return context.Doc(text, mentions, TextIndex(text))


@pytest.mark.parametrize("text, target", [
    ("Alpha a lancé une OPA sur Nuvia. Nuvia refuse. Le conseil de Kappa se réunit.", "Nuvia"),
    ("Alpha a lancé une offre publique d'achat pour Nuvia. Kappa se tait.", "Nuvia"),
    ("Alpha a déposé un projet d'OPA sur Nuvia, selon Kappa.", "Nuvia"),
    ("Alpha détient 51 % de la Nuvia. Kappa, elle, ne dit rien.", "Nuvia"),
    ("Alpha a annoncé le rachat de Nuvia. Kappa approuve.", "Nuvia"),
    ("Alpha détient des parts dans le capital de Nuvia. Kappa aussi.", "Nuvia"),
    ("Alpha travaille pour Nuvia et parle de Kappa.", None),  # `pour` without an offer, `de` without a noun
])
def test_the_company_a_text_is_about(text, target):
    assert _doc(text).target == target


def test_merger_words_are_the_pattern_s():
    text = "La confusion règne. La fusion, puis le rapprochement et le Regroupement ; pré-fusion, FUSIONNER."
    doc = _doc(text)
    assert [m.span() for m in doc.merger_words()] == [m.span() for m in MERGER_WORD.finditer(text)]
    assert len(doc.merger_words()) == 5  # not `confusion`; `pré-fusion` is one


def test_a_linked_document_leaves_no_cycle_to_collect():
    text = "Alpha détient 30 % de Nuvia. Le groupe emploie 2 000 salariés, soit 10 % de plus."
    mentions = extract_text(text, source="t", ref_date=REF)
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        link_document(text, mentions, TextIndex(text))
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
