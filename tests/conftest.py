from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red build is then reproducible);
# locally, hypothesis explores new ones at each run
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None,
            db: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m cloudfacts ARGS` as a user would, capturing bytes; the
    fact store goes to `db` (a temporary file), never into the repository."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    if db is not None:
        env["CLOUDFACTS_DB"] = str(db)
    return subprocess.run([sys.executable, "-m", "cloudfacts", *args], input=input, capture_output=True,
                          cwd=cwd or ROOT, env=env, timeout=120)


@pytest.fixture
def cli(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "cloudfacts-test.db"

    def run(*args, **kw):
        kw.setdefault("db", db)
        return run_cli(*args, **kw)

    run.db = db
    return run
