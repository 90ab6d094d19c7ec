"""The examples run and agree with the command line."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_dask_example_yields_the_same_mentions_as_the_cli(cli, tmp_path):
    out = tmp_path / "dask.jsonl"
    p = subprocess.run([sys.executable, "examples/dask_extract.py", "seeds", str(out), "--scheduler", "processes"],
                       cwd=ROOT, capture_output=True, timeout=300)
    assert p.returncode == 0, p.stderr.decode()
    expected = cli("extract", "seeds", "--no-store", "-f", "jsonl").stdout.decode()
    assert out.read_text(encoding="utf-8") == expected
    assert len(expected.splitlines()) > 200


def test_top_figures_example_reads_jsonl(cli):
    jsonl = cli("extract", "seeds", "--no-store", "-f", "jsonl").stdout
    p = subprocess.run([sys.executable, "examples/top_figures.py"], input=jsonl, cwd=ROOT, capture_output=True,
                       timeout=60)
    assert p.returncode == 0
    out = p.stdout.decode()
    assert "percentage:" in out and "33.3 %" in out and "75000000 EUR" in out


def test_top_figures_example_says_where_input_is_bad():
    p = subprocess.run([sys.executable, "examples/top_figures.py"], input=b'{"kind": "amount"}\nnot json\n',
                       cwd=ROOT, capture_output=True, timeout=60)
    assert p.returncode == 2 and p.stderr.decode().startswith("stdin:2: not JSON")
