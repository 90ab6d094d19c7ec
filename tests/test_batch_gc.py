"""The command line collects cyclic garbage rarely (a batch job frees what it
makes by reference counting); the library leaves the host's collector alone."""
from __future__ import annotations

import subprocess
import sys

from cloudfacts import stop


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_batch_gc_raises_the_first_generation_only():
    import gc

    before = gc.get_threshold()
    try:
        stop.batch_gc()
        assert gc.get_threshold() == (stop.GC_GENERATION0, before[1], before[2])
    finally:
        gc.set_threshold(*before)


def test_the_command_line_sets_it_and_the_library_does_not():
    at_exit = "import atexit, gc; atexit.register(lambda: print('gen0', gc.get_threshold()[0]))\n"
    out = _run(at_exit + "import sys\nfrom cloudfacts.cli import main\nsys.argv = ['cloudfacts', '--help']\nmain()")
    assert out.splitlines()[-1] == f"gen0 {stop.GC_GENERATION0}"
    out = _run(at_exit + "from cloudfacts import extract_text\nextract_text('Alpha détient 30 % de Nuvia.', source='t')")
    assert out.strip() == "gen0 700"
