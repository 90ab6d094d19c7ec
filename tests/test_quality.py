"""Quality on the seeds gold (a copy of shared/gold/seeds.jsonl in tests/data),
scored by the matching rule of SPEC §5 with `cloudfacts.evaluate`."""
from __future__ import annotations

from pathlib import Path

import pytest

from cloudfacts import extract_paths
from cloudfacts.evaluate import load_gold, score, summary

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rows():
    texts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")}
    gold = load_gold(ROOT / "tests" / "data" / "seeds.gold.jsonl", texts)
    mentions = extract_paths([str(ROOT / "seeds")])
    return summary(score(gold, mentions))


def test_micro_f1(rows):
    assert rows["ALL"]["f1"] >= 0.95


@pytest.mark.parametrize("kind", ["percentage", "amount", "quantity", "date", "person", "organization", "location"])
def test_every_kind_f1(rows, kind):
    assert rows[kind]["f1"] >= 0.90


@pytest.mark.parametrize("kind", ["percentage", "amount", "date"])
def test_value_accuracy(rows, kind):
    assert rows[kind]["value_acc"] >= 0.95
