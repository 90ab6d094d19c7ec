"""Example corpora per kind (tests/corpus/*.tsv): French phrases, not from the
seeds, each with the span and the normalised value it must give; and phrases
that must give nothing.  Adding a rule starts by adding its examples here."""
from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from cloudfacts import extract_text

CORPUS = Path(__file__).parent / "corpus"
REF = date(2015, 1, 12)  # a Monday
KINDS = ("percentage", "amount", "quantity", "date", "person", "organization", "location")


def _rows(name):
    for lineno, line in enumerate((CORPUS / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield pytest.param(*line.split("\t"), id=f"{name}:{lineno}")


def _extra(fields: str) -> dict:
    out = {}
    for part in filter(None, fields.split(";")):
        k, _, v = part.partition("=")
        out[k] = v
    return out


def _check(kind, phrase, span, value, extra=""):
    mentions = extract_text(phrase, source="corpus", ref_date=REF)
    hits = [m for m in mentions if m.kind == kind and m.text == span]
    assert hits, f"no {kind} {span!r} in {phrase!r}; got {[(m.kind, m.text, m.value) for m in mentions]}"
    m = hits[0]
    assert phrase[m.start:m.end] == span
    if kind in ("percentage", "amount", "quantity"):
        assert math.isclose(float(m.value), float(value), rel_tol=1e-6), (m.value, value)
    else:
        assert m.value == value, (m.value, value)
    for k, v in _extra(extra).items():
        got = getattr(m, k)
        if k == "max":
            assert math.isclose(float(got), float(v), rel_tol=1e-6), (k, got, v)
        else:
            assert got == v, (k, got, v)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_a_corpus_of_40(kind):
    assert len(list(_rows(f"{kind}.tsv"))) >= 40


@pytest.mark.parametrize("phrase,span,value,extra", list(_rows("percentage.tsv")))
def test_percentage(phrase, span, value, extra):
    _check("percentage", phrase, span, value, extra)


@pytest.mark.parametrize("phrase,span,value,extra", list(_rows("amount.tsv")))
def test_amount(phrase, span, value, extra):
    _check("amount", phrase, span, value, extra)


@pytest.mark.parametrize("phrase,span,value,extra", list(_rows("quantity.tsv")))
def test_quantity(phrase, span, value, extra):
    _check("quantity", phrase, span, value, extra)


def _date_rows():
    for p in _rows("date.tsv"):
        vals = list(p.values) + [""] * (4 - len(p.values))
        yield pytest.param(*vals[:4], id=p.id)


@pytest.mark.parametrize("phrase,span,value,extra", list(_date_rows()))
def test_date(phrase, span, value, extra):
    _check("date", phrase, span, value, extra)


@pytest.mark.parametrize("phrase,span,value", list(_rows("person.tsv")))
def test_person(phrase, span, value):
    _check("person", phrase, span, value)


@pytest.mark.parametrize("phrase,span,value", list(_rows("organization.tsv")))
def test_organization(phrase, span, value):
    _check("organization", phrase, span, value)


@pytest.mark.parametrize("phrase,span,value", list(_rows("location.tsv")))
def test_location(phrase, span, value):
    _check("location", phrase, span, value)


@pytest.mark.parametrize("phrase,kinds", list(_rows("nothing.tsv")))
def test_nothing(phrase, kinds):
    wanted = set(KINDS) if kinds == "all" else set(kinds.split(","))
    got = [(m.kind, m.text) for m in extract_text(phrase, ref_date=REF) if m.kind in wanted]
    assert got == []


def test_twelve_to_fifteen_euros_is_never_twelve_point_fifteen():
    ms = [m for m in extract_text("entre 12 euros et 15 euros") if m.kind == "amount"]
    assert all(m.value != 12.15 for m in ms)
    assert [(m.value, m.max) for m in ms] == [(12, 15)]
