"""Reading a run's facts back out of the fact store (or the spool of a `--no-store`
run) for the commands: the corpus's canonical names, and the JSON output made
from the stored serialisations, copied out as stored where the corpus pass
leaves a line alone.  No options, no terminal, no exit statuses here."""
from __future__ import annotations

import hashlib
import json
from typing import IO, Optional

from .export import json_line
from .model import Mention


def canon_for(store, keys: Optional[list[str]], alias_map: Optional[dict], with_moves: bool = False):
    """The corpus's canonical names for these documents, from the store's cache
    when the same documents were canonicalised before (a re-run).  With
    `with_moves`, also the stored values and texts whose mentions the corpus
    pass rewrites, so that all the others are copied out as stored."""
    from .entities import Canon
    from .extractors.names import fold

    key = store.state_key(keys) + hashlib.sha1(repr(sorted((alias_map or {}).items())).encode()).hexdigest()
    cached = store.cached(key)
    if cached is not None:
        data = json.loads(cached)
        canon = Canon.from_json(data["canon"])
        if not with_moves:
            return canon
        if data.get("moved") is not None:
            return canon, set(data["moved"]), set(data["texts"])
    else:
        canon = Canon(store.name_stats(keys), alias_map)
        data = {"canon": canon.to_json(), "moved": None, "texts": None}
    if with_moves:
        values, texts = store.distinct_names(keys)
        moved = sorted(v for v in values if canon.canonical.get(fold(str(v)), v) != v)
        texts = sorted(t for t in texts if fold(str(t)) in canon.surnames)
        data["moved"], data["texts"] = moved, texts
    store.cache(key, json.dumps(data, ensure_ascii=False))
    return (canon, set(data["moved"]), set(data["texts"])) if with_moves else canon


def write_json_docs(store, keys: list[str], canon, moved: set, texts: set, kinds: set, array: bool,
                    out: IO[str]) -> int:
    """JSON (array) or JSON lines of the documents `keys`, in order, written to
    `out`; the number of mentions written.  A document the corpus pass leaves
    alone is copied out as stored (as UTF-8 bytes when `out` has a buffer); the
    mentions of the others are rebuilt."""
    n = 0
    first = True

    def emit(lines: list[str]) -> None:
        nonlocal first, n
        if lines:
            out.write(_join(lines, array, first))
            first = False
            n += len(lines)

    if array:
        out.write("[")
    for blob, spans, path in store.jsonl_blobs(keys, moved, texts):
        if blob is None:  # a document extracted in chunks keeps no copy: rebuild from the rows, in batches
            lines = []
            for m in store.mentions([path]):
                m = canon.apply(m)
                if not kinds or m.kind in kinds:
                    lines.append(json_line(m))
                    if len(lines) >= 2000:
                        emit(lines)
                        lines = []
            emit(lines)
            continue
        if not kinds and not array:
            # JSON lines: copied out as stored, but for the lines the corpus pass rewrites
            as_bytes = isinstance(blob, bytes) and hasattr(out, "buffer")
            if isinstance(blob, bytes) and not as_bytes:
                blob, spans = _as_text(blob, spans)
            pieces = []
            pos = 0
            for a, b in spans or ():
                line = blob[a:b]
                new = json_line(canon.apply(Mention(**json.loads(line)))) if line else line
                pieces += [blob[pos:a], new.encode("utf-8", "surrogatepass") if as_bytes else new]
                pos = b
            pieces.append(blob[pos:])
            if as_bytes:
                out.flush()
                out.buffer.writelines(pieces)
            else:
                out.writelines(pieces)
            n += blob.count(b"\n" if isinstance(blob, bytes) else "\n")
            continue
        if isinstance(blob, bytes):
            blob, spans = _as_text(blob, spans)
        starts = {a for a, _ in spans or ()}
        lines = []
        pos = 0
        for line in blob.split("\n"):
            at, pos = pos, pos + len(line) + 1
            if not line:
                continue
            if at in starts:
                m = canon.apply(Mention(**json.loads(line)))
                if kinds and m.kind not in kinds:
                    continue
                line = json_line(m)
            elif kinds and json.loads(line)["kind"] not in kinds:
                continue
            lines.append(line)
        emit(lines)
    if array:
        out.write("\n]\n" if not first else "]\n")
    out.flush()
    return n


def _as_text(data: bytes, spans):
    """UTF-8 lines and their spans as text (spans count characters, not bytes)."""
    text = data.decode("utf-8", "surrogatepass")
    if spans:
        chars, at, out = 0, 0, []
        for a, b in spans:  # in order: each stretch decoded once
            chars += len(data[at:a].decode("utf-8", "surrogatepass"))
            width = len(data[a:b].decode("utf-8", "surrogatepass"))
            out.append((chars, chars + width))
            chars, at = chars + width, b
        spans = out
    return text, spans


def _join(batch: list[str], array: bool, first: bool) -> str:
    if not array:
        return "\n".join(batch) + "\n"
    return ("\n " if first else ",\n ") + ",\n ".join(batch)


class DocumentStream:
    """`extract --stream`: called with each document's key, in input order, once it
    is stored; writes its mentions at once, as stored (names canonical within the
    document), in JSON lines or CSV."""

    def __init__(self, store, out: IO[str], fmt: str, kinds: set) -> None:
        self.store, self.out, self.fmt, self.kinds = store, out, fmt, kinds
        self.n = 0
        self._csv = None
        if fmt == "csv":
            import csv

            from .model import FIELDS

            self._csv = csv.writer(out, lineterminator="\r\n")
            self._csv.writerow(FIELDS)

    def __call__(self, key: str) -> None:
        from .stop import held

        as_bytes = self.fmt == "jsonl" and not self.kinds and hasattr(self.out, "buffer")
        for blob, _, path in self.store.jsonl_blobs([key], set(), set()):
            with held():  # a document's lines go out whole, even when a signal comes
                if blob is None:  # extracted in chunks: its rows
                    self._write(list(self.store.mentions([path])))
                elif as_bytes:
                    self.out.flush()
                    self.out.buffer.write(blob)
                    self.n += blob.count(b"\n")
                else:
                    text = blob.decode("utf-8", "surrogatepass") if isinstance(blob, bytes) else blob
                    self._write([Mention(**json.loads(line)) for line in text.split("\n") if line])
                self.out.flush()

    def _write(self, mentions: list[Mention]) -> None:
        from .export import csv_cell
        from .model import FIELDS

        for m in mentions:
            if self.kinds and m.kind not in self.kinds:
                continue
            if self._csv is not None:
                d = m.to_dict()
                self._csv.writerow([csv_cell(d[f]) for f in FIELDS])
            else:
                self.out.write(json_line(m) + "\n")
            self.n += 1


def facts_for_conflicts(store, canon) -> list[Mention]:
    """The facts and person names of the whole store, canonicalised, read from the
    checksummed JSON lines (a damaged value is caught, never compared); only the
    lines that may hold one are parsed."""
    return [canon.apply(m) for m in store.mentions(lines=_may_be_fact)
            if m.kind == "person" or m.start < _EARLY or (m.subject is not None and m.attribute is not None
                                                          and m.kind in ("percentage", "amount", "quantity", "date"))]


_EARLY = 200  # a mention this close to a document's start may sit in its dateline (the source's date)


def _may_be_fact(line: bytes) -> bool:
    """A stored JSON line worth parsing for `conflicts`: a person, a mention with an
    attribute (these keys cannot stand unescaped inside a JSON string), or one at
    the very start of its document (its sentence gives the source's date)."""
    if b'"attribute": null' not in line or b'"kind": "person"' in line:
        return True
    i = line.find(b'"start": ')
    digits = line[i + 9:i + 13].split(b",")[0] if i >= 0 else b""
    return digits.isdigit() and int(digits) < _EARLY


__all__ = ["canon_for", "write_json_docs", "facts_for_conflicts", "DocumentStream"]
