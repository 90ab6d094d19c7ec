"""Whom a person speaks for (`cloudfacts.link.represents`): the organisation or
the State an apposition gives as theirs."""
from __future__ import annotations

import pytest

from cloudfacts import extract_text
from cloudfacts.link.represents import represented


def reps(text: str) -> dict:
    return represented(text, [m for m in extract_text(text) if m.kind in ("organization", "person", "location")])


@pytest.mark.parametrize("text,expected", [
    ("Jean Dupont, PDG du groupe Alpha, a parlé.", {"Jean Dupont": "Alpha"}),
    ("Jean Dupont, le directeur général d'Alpha, a parlé.", {"Jean Dupont": "Alpha"}),
    ("Le patron du groupe Alpha, Jean Dupont, a parlé.", {"Jean Dupont": "Alpha"}),
    ("Le ministre de l'Économie Bruno Lemaire a parlé.", {"Bruno Lemaire": "État"}),
    ("Jean Dupont, ministre de l'Industrie, a parlé.", {"Jean Dupont": "État"}),
])
def test_an_apposition_says_whom_a_person_represents(text, expected):
    assert reps(text) == expected


@pytest.mark.parametrize("text", [
    "Jean Dupont a rencontré le ministre. Marie Durand a parlé.",   # the title belongs to nobody named
    "Jean Dupont détient 60 % du groupe Alpha.",                    # no apposition
    # two organisations for one person: the text is not clear, nobody
    "Jean Dupont, PDG du groupe Alpha, a parlé. Jean Dupont, patron du groupe Kappa, a répondu.",
])
def test_no_role_no_representation(text):
    assert reps(text) == {}
