"""A slice of the fuzz run (benchmarks/fuzz.py) as a test: generated inputs made of
the rule words, numbers in every French spelling, the characters whose case
folding changes length, controls and lone surrogates; no exception, no time
bound reached, every span exact, every value finite."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import fuzz  # noqa: E402


@pytest.fixture(scope="module")
def words():
    return fuzz.vocabulary()


@pytest.mark.parametrize("block", range(4))
def test_generated_inputs_find_nothing(words, block):
    found = []
    for i in range(block * 300, (block + 1) * 300):
        found += [(i, f) for f in fuzz.check(fuzz.make_input(20261202, i, words))]
    assert found == []


def test_the_checker_sees_what_it_looks_for(monkeypatch):
    """The fuzz checker reports an offset violation, a non-finite value and an exception."""
    from cloudfacts import pipeline
    from cloudfacts.model import Mention

    bad = [Mention(source="x", kind="amount", text="12", start=0, end=3, line=1, value=float("inf"))]
    monkeypatch.setattr(pipeline, "extract_text", lambda text, source="-": bad)
    assert fuzz.check("12 €") == ["offsets: amount '12' [0:3]", "non-finite value: amount '12' = inf"]

    def boom(text, source="-"):
        raise KeyError("x")

    monkeypatch.setattr(pipeline, "extract_text", boom)
    assert fuzz.check("12 €") == ["exception: KeyError: 'x'"]
