"""Same input, same output: no answer may depend on Python's hash seed (set and
dict iteration order), so every command's bytes are compared under two seeds.

The corpora: the seeds, an article naming two merged groups with the same
count (the merged-name candidates once came from a set and `max` kept whichever
came first), and a corpus of shuffled paragraphs made from the seeds and the
linking corpus's sentences (many names and figures in unusual company)."""
from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from cloudfacts.link.context import merged_name
from cloudfacts.model import Mention

from conftest import ROOT, SEEDS

TWO_MERGERS = (
    "La fusion entre Essilor et Luxottica a donné naissance à EssilorLuxottica en 2018. "
    "Trois ans plus tôt, Lafarge et Holcim avaient créé LafargeHolcim.\n\n"
    "La nouvelle entité pèsera 15 milliards d'euros de chiffre d'affaires et emploiera 140 000 salariés.\n\n"
    "Le nouveau groupe détiendra 30 % du marché mondial, selon Lafarge.\n"
)


def _shuffled_corpus(folder: Path) -> None:
    """Twelve files of paragraphs drawn (with a fixed seed) from the seeds and the linking corpus."""
    paragraphs = []
    for p in sorted(SEEDS.glob("*.txt")):
        paragraphs += [x for x in p.read_text(encoding="utf-8").split("\n") if x.strip()]
    for line in (ROOT / "tests" / "corpus" / "links.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        paragraphs.append(line.split("\t")[0].replace("\\n", "\n"))
    rnd = random.Random(20261206)
    for i in range(12):
        folder.joinpath(f"shuffled_{i:02d}.txt").write_text("\n\n".join(rnd.sample(paragraphs, 14)) + "\n",
                                                           encoding="utf-8")


def _run(seed: str, *args: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONIOENCODING="utf-8")
    r = subprocess.run([sys.executable, "-m", "cloudfacts", *args], capture_output=True, cwd=ROOT, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> list[str]:
    two = tmp_path_factory.mktemp("two_mergers")
    (two / "mergers.txt").write_text(TWO_MERGERS, encoding="utf-8")
    shuffled = tmp_path_factory.mktemp("shuffled")
    _shuffled_corpus(shuffled)
    return [str(SEEDS), str(two), str(shuffled)]


@pytest.mark.parametrize("command", ["extract", "conflicts"])
def test_output_is_byte_identical_under_two_hash_seeds(corpora, command):
    args = [command, *corpora, "-f", "json"] + (["--no-store"] if command == "extract" else [])
    first = _run("1", *args)
    assert len(first) > 10_000 if command == "extract" else first.startswith(b"[")
    assert _run("2", *args) == first


def _org(value: str, start: int) -> Mention:
    return Mention(id=f"o{start}", source="t", kind="organization", text=value, start=start, end=start + len(value),
                   line=1, value=value)


def test_merged_name_tie_goes_to_the_one_named_first():
    names = [_org("Essilor", 0), _org("Luxottica", 10), _org("EssilorLuxottica", 20),
             _org("Lafarge", 40), _org("Holcim", 50), _org("LafargeHolcim", 60)]
    assert merged_name(names) == "EssilorLuxottica"
    assert merged_name(names[3:] + names[:3]) == "LafargeHolcim"
    # named more often wins over named first
    assert merged_name(names + [_org("LafargeHolcim", 90)]) == "LafargeHolcim"


def test_merged_name_the_text_calls_merged_wins_over_a_parent_and_its_subsidiary():
    text = "Le groupe Alpha-Beta rachète Gamma. L'entité fusionnée Beta-Gamma pèsera 3 milliards d'euros."
    names = [_org(v, text.index(v)) for v in ("Alpha-Beta",)] + \
        [_org("Alpha", 100), _org("Beta", 110), _org("Gamma", text.index("Gamma. ")),
         _org("Beta-Gamma", text.index("Beta-Gamma"))]
    names.sort(key=lambda m: m.start)
    assert merged_name(names) == "Alpha-Beta"  # without the text: the first of the two named once
    assert merged_name(names, text) == "Beta-Gamma"
