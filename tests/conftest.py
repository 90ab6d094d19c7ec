from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m cloudfacts ARGS` as a user would, capturing bytes."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "cloudfacts", *args], input=input, capture_output=True,
                          cwd=cwd or ROOT, env=env, timeout=120)


@pytest.fixture
def cli():
    return run_cli
