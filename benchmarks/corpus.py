"""Build a benchmark corpus of N MB from the seeds: paragraphs shuffled and
digits varied, so that no two files are the same."""
from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def paragraphs(folders: list[Path] | None = None) -> list[str]:
    """The paragraphs of the seeds, or of the `.txt` files of other folders (read where
    they are: a corpus built from them lives in a temporary folder, never in the repository)."""
    out = []
    for folder in folders or [ROOT / "seeds"]:
        for f in sorted(Path(folder).glob("*.txt")):
            out += [p.strip() for p in f.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 40]
    return out


def _vary(p: str, rng: random.Random) -> str:
    return re.sub(r"\d", lambda m: str(rng.randint(0, 9)) if rng.random() < 0.3 else m.group(), p)


def build(target: Path, megabytes: float, file_kb: int = 8, seed: int = 0,
          folders: list[Path] | None = None) -> list[Path]:
    """Write files of about `file_kb` KB each until `megabytes` MB are written."""
    rng = random.Random(seed)
    paras = paragraphs(folders)
    if not paras:
        raise SystemExit(f"corpus: no paragraph of more than 40 characters in {folders}")
    target.mkdir(parents=True, exist_ok=True)
    files, total, i = [], 0, 0
    limit = int(megabytes * 1_000_000)
    while total < limit:
        parts, size = [], 0
        while size < file_kb * 1000:
            p = _vary(rng.choice(paras), rng)
            parts.append(p)
            size += len(p.encode("utf-8")) + 2
        path = target / f"doc_{i:06d}.txt"
        data = "\n\n".join(parts) + "\n"
        path.write_text(data, encoding="utf-8")
        files.append(path)
        total += len(data.encode("utf-8"))
        i += 1
    return files
