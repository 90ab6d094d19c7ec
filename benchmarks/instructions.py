#!/usr/bin/env python3
"""Instructions executed by extraction, counted by valgrind: a measure of speed that the
load of a shared machine does not move (timings here vary by 5 to 15 % from run to run).

    python benchmarks/instructions.py --from ../shared/dev/docs --against /tmp/old-checkout
    python benchmarks/instructions.py --from DIR --passes 3

For each checkout (this one and, with --against, another one's source tree, put first on
PYTHONPATH), runs `extract_text` over every `*.txt` file of the --from folders under
`valgrind --tool=callgrind`, once with 1 pass and once with --passes passes, in the same
process conditions (PYTHONHASHSEED=0, the document watchdog on as in the command line),
and prints:

- the instructions of one steady pass: (N passes − 1 pass) / (N − 1);
- the instructions of starting up (imports, compiling the patterns) and of the first pass;
- with --against, the ratio of this checkout to the other.

The two checkouts run side by side, one on each core.  valgrind runs the code about
50 times slower: a folder of about 100 articles takes a few minutes.  Nothing here is
asserted; the figures are printed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_RUNNER = """
import sys
from pathlib import Path
from cloudfacts import rx
rx.use_watchdog()
from cloudfacts.pipeline import extract_text
texts = [p.read_text(encoding="utf-8") for d in sys.argv[2:] for p in sorted(Path(d).glob("*.txt"))]
for _ in range(int(sys.argv[1])):
    for t in texts:
        extract_text(t)
"""


def count(source: Path | None, runner: Path, passes: int, folders: list[Path]) -> int:
    """Instructions valgrind counts for `passes` passes (source: a checkout's root, else the installed one)."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    if source is not None:
        env["PYTHONPATH"] = str(source)
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                          str(runner), str(passes), *map(str, folders)],
                         env=env, capture_output=True, text=True, cwd=source or Path.cwd())
    for line in out.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1].strip())
    sys.exit(f"instructions: valgrind gave no count (status {out.returncode}): {out.stderr[-400:]}")


def measure(source: Path | None, runner: Path, passes: int, folders: list[Path]) -> tuple[int, int]:
    one = count(source, runner, 1, folders)
    many = count(source, runner, passes, folders)
    return (many - one) // (passes - 1), one


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from", dest="folders", action="append", type=Path, required=True, metavar="DIR",
                    help="a folder of .txt articles (may be repeated)")
    ap.add_argument("--against", type=Path, metavar="CHECKOUT",
                    help="another checkout's root (a git worktree of an older commit) to compare with")
    ap.add_argument("--passes", type=int, default=3, help="passes of the long run (default 3, at least 2)")
    a = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("instructions: valgrind is not installed (apt install valgrind); nothing measured")
    if a.passes < 2:
        sys.exit("instructions: --passes must be at least 2")
    for d in a.folders + ([a.against] if a.against else []):
        if not d.is_dir():
            sys.exit(f"instructions: no such folder: {d}")
    with tempfile.TemporaryDirectory() as tmp:
        runner = Path(tmp) / "runner.py"
        runner.write_text(_RUNNER, encoding="utf-8")
        here = Path(__file__).resolve().parent.parent
        jobs = {"this checkout": here} | ({"--against": a.against.resolve()} if a.against else {})
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            got = dict(zip(jobs, pool.map(lambda s: measure(s, runner, a.passes, a.folders), jobs.values())))
    n = sum(1 for d in a.folders for _ in d.glob("*.txt"))
    for name, (per_pass, first) in got.items():
        print(f"{name:14}  one pass over {n} files: {per_pass / 1e6:9.1f} M instructions; "
              f"start-up and first pass: {first / 1e6:9.1f} M")
    if a.against:
        (p1, f1), (p2, f2) = got["this checkout"], got["--against"]
        print(f"ratio this/against: one pass {p1 / p2:.3f}, start-up and first pass {f1 / f2:.3f}")


if __name__ == "__main__":
    main()
