"""Property: for every mention, text == document[start:end], over random
French-like text (hypothesis)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cloudfacts import extract_text
from cloudfacts.model import KINDS

WORDS = ["Orange", "détient", "44,4", "%", "de", "Cloudwatt", "la", "Caisse", "des", "Dépôts", "75", "millions",
         "d’euros", "d'euros", "fin", "avril", "2014", "M.", "Didier", "Renard", "entre", "et", "près", "1,2",
         "milliard", "€", "M€", "k€", "salariés", "l’automne", "2012", "lundi", "mi-octobre", "Thalès", "(CDC)",
         "quarante-quatre", "pour", "cent", "100\u00a0000", "12\u202f500", "1.200.000", "à", "Paris", ".", ",",
         "\n", "«", "»", "Essentiels2020", "4G", "https://x.fr/2014", "a@b.fr", "la moitié", "les deux tiers",
         "Jean-Marc", "Ayrault", "PDG", "SFR", "-", "2016-2017", "T3", "l'Hexagone", "environ", "plus"]

texts = st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=6)), max_size=60).map(
    lambda ws: " ".join(ws))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_spans_are_exact(doc):
    for m in extract_text(doc):
        assert doc[m.start:m.end] == m.text
        assert 0 <= m.start < m.end <= len(doc)
        assert m.kind in KINDS
        assert m.line == doc.count("\n", 0, m.start) + 1
        if m.kind in ("percentage", "amount", "quantity"):
            assert isinstance(m.value, (int, float))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(doc):
    for m in extract_text(doc):
        assert doc.lstrip("\ufeff")[m.start:m.end] == m.text or doc[m.start:m.end] == m.text
