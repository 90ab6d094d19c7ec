"""`cloudfacts eval`: precision, recall, F1 and value accuracy per kind against a
gold file (SPEC §5), so that whoever adds a rule can measure it.

Matching rule: a prediction matches a gold mention of the same kind and the
same file (by base name) when their spans overlap; each gold mention matches at
most one prediction (the one with the largest overlap).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .extractors.names import fold
from .model import FIGURE_KINDS, Mention


class GoldError(ValueError):
    """A gold file that cannot be used; the message names file and line."""


@dataclass
class Gold:
    source: str
    kind: str
    text: str
    start: int
    end: int
    value: object
    unit: Optional[str]
    subject: Optional[str]


def _find_nth(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def load_gold(path: str | Path, texts: dict[str, str]) -> list[Gold]:
    """Gold mentions resolved to spans in `texts` (base name → document text);
    lines naming documents that were not given are skipped."""
    out = []
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8-sig").split("\n")  # U+2028 may stand inside a JSON string
    except OSError as e:
        raise GoldError(f"{path}: cannot read gold file: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise GoldError(f"{path}: gold file is not UTF-8") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldError(f"{path}:{lineno}: invalid JSON: {e.msg}") from None
        if not isinstance(g, dict) or not all(isinstance(g.get(k), str) for k in ("source", "kind", "text")):
            raise GoldError(f"{path}:{lineno}: a gold line needs string fields source, kind, text")
        name = Path(g["source"]).name
        if name not in texts:
            continue
        try:
            occ = int(g.get("occurrence", 1))
        except (TypeError, ValueError):
            raise GoldError(f"{path}:{lineno}: occurrence must be an integer") from None
        start = _find_nth(texts[name], g["text"], occ)
        if start < 0:
            raise GoldError(f"{path}:{lineno}: text {g['text']!r} (occurrence {occ}) not found in {name}")
        out.append(Gold(name, g["kind"], g["text"], start, start + len(g["text"]), g.get("value"),
                        g.get("unit"), g.get("subject")))
    return out


def _num(x) -> Optional[float]:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def same_value(g: Gold, m: Mention) -> bool:
    if g.kind in FIGURE_KINDS:
        a, b = _num(g.value), _num(m.value)
        if a is None or b is None:
            return False
        tol = 0.01 if g.kind == "percentage" else 1e-6 * max(abs(a), 1)
        if not math.isclose(a, b, abs_tol=tol):
            return False
        return not (g.kind == "amount" and g.unit and m.unit != g.unit)
    if g.kind == "date":
        return str(m.value or "").strip() == str(g.value).strip()
    return fold(str(m.value or "")) == fold(str(g.value))


@dataclass
class KindScore:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    value_ok: int = 0
    value_n: int = 0
    subject_ok: int = 0
    subject_n: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    def as_dict(self) -> dict:
        p = self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)
        r = self.tp / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"gold": self.gold, "pred": self.pred, "tp": self.tp, "precision": p, "recall": r, "f1": f,
                "value_acc": self.value_ok / self.value_n if self.value_n else None,
                "subject_acc": self.subject_ok / self.subject_n if self.subject_n else None}


def score(gold: list[Gold], mentions: Iterable[Mention]) -> dict[str, KindScore]:
    preds = [m for m in mentions]
    kinds = sorted({g.kind for g in gold} | {m.kind for m in preds})
    out: dict[str, KindScore] = {}
    for kind in kinds:
        ks = KindScore()
        gk = sorted((g for g in gold if g.kind == kind), key=lambda g: (g.source, g.start))
        pk = [m for m in preds if m.kind == kind]
        by_source: dict[str, list[int]] = {}
        for i, m in enumerate(pk):
            by_source.setdefault(Path(m.source).name, []).append(i)
        used: set[int] = set()
        for g in gk:
            best, best_ov = None, 0
            for i in by_source.get(g.source, []):
                if i in used:
                    continue
                ov = min(g.end, pk[i].end) - max(g.start, pk[i].start)
                if ov > best_ov:
                    best, best_ov = i, ov
            if best is None:
                ks.misses.append(g)
                continue
            used.add(best)
            m = pk[best]
            ks.tp += 1
            if g.value is not None:
                ks.value_n += 1
                if same_value(g, m):
                    ks.value_ok += 1
                else:
                    ks.wrong.append((g, m))
            if kind in FIGURE_KINDS and g.subject:
                ks.subject_n += 1
                ks.subject_ok += fold(m.subject or "") == fold(g.subject)
        ks.gold, ks.pred = len(gk), len(pk)
        ks.extras = [m for i, m in enumerate(pk) if i not in used]
        out[kind] = ks
    return out


def summary(scores: dict[str, KindScore]) -> dict[str, dict]:
    rows = {k: v.as_dict() for k, v in scores.items()}
    G = sum(v.gold for v in scores.values())
    P = sum(v.pred for v in scores.values())
    TP = sum(v.tp for v in scores.values())
    p, r = (TP / P if P else 0.0), (TP / G if G else 0.0)
    rows["ALL"] = {"gold": G, "pred": P, "tp": TP, "precision": p, "recall": r,
                   "f1": 2 * p * r / (p + r) if p + r else 0.0, "value_acc": None, "subject_acc": None}
    return rows
