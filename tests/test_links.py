"""The linking corpus (tests/corpus/links.tsv): short French texts written for
these tests (none from the seeds or the dev sets), each with one figure and the
subject, object, attribute and period it must be linked to — `-` where the text
says nothing — and, optionally, the linking rule that must set a link.  Every
linking rule has at least one example here."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cloudfacts import extract_text
from cloudfacts.link import ATTRIBUTE, DATE_RULES, OBJECT, PERIOD, SUBJECT

CORPUS = Path(__file__).parent / "corpus" / "links.tsv"
REF = date(2015, 1, 12)  # a Monday: `vendredi` is 2015-01-09, `l'an passé` 2014
FIGURES = ("percentage", "amount", "quantity", "date")


def _rows():
    for lineno, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            fields = line.split("\t")
            assert len(fields) in (6, 7), f"links.tsv:{lineno}: {len(fields)} fields"
            fields[0] = fields[0].replace("\\n", "\n")  # (a text of several lines writes its breaks `\n`)
            yield lineno, fields + [""] * (7 - len(fields))


ROWS = list(_rows())


def _link(text: str, figure: str):
    mentions = extract_text(text, source="corpus", ref_date=REF)
    hits = [m for m in mentions if m.kind in FIGURES and m.text == figure]
    assert hits, f"no figure {figure!r} in {text!r}: {[(m.kind, m.text) for m in mentions]}"
    return hits[0]


@pytest.mark.parametrize("fields", [pytest.param(f, id=f"links.tsv:{n}") for n, f in ROWS])
def test_linking(fields):
    text, figure, subject, obj, attribute, period, rules = fields
    m = _link(text, figure)
    null = lambda v: None if v == "-" else v  # noqa: E731
    assert (m.subject, m.object, m.attribute, m.period) == (null(subject), null(obj), null(attribute), null(period))
    links = dict(m.links)
    for want in filter(None, rules.split(",")):
        field, _, rule = want.partition("=")
        assert links.get(field) == rule, (field, links)


def test_the_corpus_has_150_examples():
    assert len(ROWS) >= 150


def test_every_linking_rule_has_an_example():
    used = set()
    for _, (text, figure, *_rest) in ROWS:
        used |= {(k, v.removesuffix("/refers_back")) for k, v in _link(text, figure).links}
    for field, registry in (("subject", SUBJECT), ("object", OBJECT), ("attribute", ATTRIBUTE), ("period", PERIOD)):
        missing = [r.name for r in registry if (field, r.name) not in used]
        assert not missing, f"{field} rules without an example in links.tsv: {missing}"
    missing = [r.name for r in DATE_RULES if ("attribute", r.name) not in used]
    assert not missing, f"date rules without an example in links.tsv: {missing}"
