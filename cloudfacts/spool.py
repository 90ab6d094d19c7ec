"""What `extract --no-store` keeps while a run lasts: the documents' JSON lines
in a temporary file and the names' statistics in memory.

It answers the few questions the run asks of a fact store (the corpus pass's
name counts, which stored lines it rewrites, the lines themselves) without a
database: no row per mention is written, nothing outlives the run.  Memory
holds one offset per document and the distinct names of the corpus, never the
mentions themselves.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from typing import Iterable, Iterator, NamedTuple, Optional

from .export import json_line
from .model import NAME_KINDS, Mention


def name_summary(mentions: Iterable[Mention]) -> tuple[dict, set, set]:
    """What the spool keeps of a document's mentions, counted in the worker:
    the counts of (kind, value, rule, text) of its names, the values named
    (names, subjects, objects) and the one-word texts of organisations and places."""
    stats: Counter = Counter()
    values: set = set()
    texts: set = set()
    for m in mentions:
        if m.kind in NAME_KINDS:
            stats[(m.kind, m.value, m.rule, m.text)] += 1
            values.add(m.value)
            if m.kind != "person" and " " not in m.text:
                texts.add(m.text)
        else:
            if m.subject:
                values.add(m.subject)
            if m.object:
                values.add(m.object)
    return dict(stats), values, texts


def needle_pattern(moved: set, texts: set, as_bytes: bool = False) -> Optional["Needles"]:
    """What a stored JSON line holds when the corpus pass rewrites it: a moved
    value as its value, subject or object, or a moved text as its text (the lines
    are written by `export.json_line`, so `"value": "X"` is exactly how a value
    reads: inside a JSON string a quote is escaped).  None when nothing moved."""
    def alternation(values: set) -> str:
        return "|".join(re.escape(json.dumps(v, ensure_ascii=False))
                        for v in sorted((v for v in values if isinstance(v, str)), key=len, reverse=True))

    parts = []
    if any(isinstance(v, str) for v in moved):
        parts.append('"(?:value|subject|object)": (?:' + alternation(moved) + ")")
    if any(isinstance(t, str) for t in texts):
        parts.append('"text": (?:' + alternation(texts) + ")")
    if not parts:
        return None
    pattern = "|".join(parts)
    cores: dict[str, tuple[str, ...]] = {}  # JSON string → the keys it may stand after
    for v in moved:
        if isinstance(v, str):
            cores[json.dumps(v, ensure_ascii=False)] = ('"value": ', '"subject": ', '"object": ')
    for t in texts:
        if isinstance(t, str):
            core = json.dumps(t, ensure_ascii=False)
            cores[core] = cores.get(core, ()) + ('"text": ',)
    if as_bytes:
        def enc(x: str) -> bytes:
            return x.encode("utf-8", "surrogatepass")

        return Needles(re.compile(enc(pattern)), [(enc(c), tuple(enc(k) for k in keys)) for c, keys in cores.items()])
    return Needles(re.compile(pattern), list(cores.items()))


class Needles(NamedTuple):
    pattern: re.Pattern
    cores: list  # (JSON string, the keys it may follow): a document holding none is left alone at once


def flagged_spans(data, hint: Optional[Needles]) -> Optional[list[tuple[int, int]]]:
    """The (start, end) of each line of a document's JSON lines (str or bytes)
    that the corpus pass rewrites, in order; None when there is none."""
    if hint is None:
        return None
    nl = b"\n" if isinstance(data, bytes) else "\n"
    if len(hint.cores) <= 8:  # a few names moved: found with `find`, at C speed
        starts = set()
        for core, keys in hint.cores:
            pos = data.find(core)
            while pos >= 0:
                if data.endswith(keys, 0, pos):
                    starts.add(data.rfind(nl, 0, pos) + 1)
                pos = data.find(core, pos + 1)
        spans = []
        for a in sorted(starts):
            b = data.find(nl, a)
            spans.append((a, b if b >= 0 else len(data)))
        return spans or None
    if not any(core in data for core, _ in hint.cores):
        return None
    spans = []
    end = -1
    for m in hint.pattern.finditer(data):
        if m.start() < end:
            continue  # the line is flagged already
        start = data.rfind(nl, 0, m.start()) + 1
        end = data.find(nl, m.start())
        end = end if end >= 0 else len(data)
        spans.append((start, end))
    return spans or None


_worker_files: dict[str, tuple[int, object]] = {}


def write_blob(directory: str, blob: str) -> tuple[str, int, int]:
    """Append a document's JSON lines to this process's spool file in
    `directory` (a worker's own, so only a few bytes go back to the parent):
    (file, offset, length)."""
    got = _worker_files.get(directory)
    if got is None or got[0] != os.getpid():
        f = open(os.path.join(directory, f"worker-{os.getpid()}.jsonl"), "ab")
        got = _worker_files[directory] = (os.getpid(), f)
    f = got[1]
    data = blob.encode("utf-8", "surrogatepass")
    offset = f.tell()
    f.write(data)
    f.flush()  # the parent reads it back once the run is over
    return f.name, offset, len(data)


class Spool:
    """A one-run stand-in for `Store` (see the module docstring)."""

    wants_rows = False  # workers send `name_summary`, not one row per mention

    def __init__(self, directory: str) -> None:
        self.directory = directory
        fd, self.path = tempfile.mkstemp(prefix="run-", suffix=".jsonl", dir=directory)
        self._file = os.fdopen(fd, "w+b")
        self._where: dict[str, tuple] = {}  # path → (offset, length) in the file, or (file, offset, length)
        self._readers: dict[str, object] = {}
        self._stats: Counter = Counter()
        self._values: set = set()
        self._texts: set = set()

    def close(self) -> None:
        self._file.close()
        for f in self._readers.values():
            f.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass

    # ---- writing ------------------------------------------------------------------

    def known_all(self) -> dict[str, tuple]:
        return {}

    def _count(self, summary: tuple[dict, set, set]) -> None:
        stats, values, texts = summary
        self._stats.update(stats)
        self._values |= values
        self._texts |= texts

    def _add(self, path: str, blob, summary: tuple[dict, set, set]) -> None:
        if isinstance(blob, tuple):  # written by a worker to its own file
            self._where[path] = blob
        else:
            data = blob.encode("utf-8", "surrogatepass")
            self._file.seek(0, os.SEEK_END)
            self._where[path] = (self._file.tell(), len(data))
            self._file.write(data)
        self._count(summary)

    def replace_many(self, records: list[tuple]) -> None:
        """Records as `Store.replace_many` takes them, with a `name_summary` in
        place of the mention rows."""
        for rec in records:
            self._add(rec[1], rec[11], rec[12])

    def replace_stream(self, path: str, sha1: str, fingerprint: str, batches, stat: tuple = ()) -> tuple[int, int]:
        n = chars = 0
        self._file.seek(0, os.SEEK_END)
        offset = self._file.tell()
        length = 0
        for mentions, nchars, _enc, _ref in batches:
            blob = "".join(json_line(m) + "\n" for m in mentions)
            data = blob.encode("utf-8", "surrogatepass")
            self._file.write(data)
            length += len(data)
            self._count(name_summary(mentions))
            n += len(mentions)
            chars += nchars
        self._where[path] = (offset, length)
        return n, chars

    def touch_source(self, path: str, source: str) -> None:  # nothing is known before the run
        pass

    def update_stat(self, path: str, size: int, mtime_ns: int) -> None:
        pass

    # ---- reading ------------------------------------------------------------------

    def _blob(self, path: str) -> Optional[str]:
        data = self._data(path)
        return None if data is None else data.decode("utf-8", "surrogatepass")

    def _pieces(self, path: str, size: int = 8 << 20) -> Iterator[bytes]:
        """A document's lines in pieces of about `size` bytes cut after a line
        (a large file's hundreds of megabytes of lines are never read at once)."""
        where = self._where.get(path)
        if where is None:
            return
        if where[-1] <= size:
            yield self._data(path)
            return
        name, offset, length = where if len(where) == 3 else (None, *where)
        f = self._file if name is None else open(name, "rb")
        try:
            carry = b""
            done = 0
            while done < length:
                f.seek(offset + done)
                chunk = f.read(min(size, length - done))
                done += len(chunk)
                chunk = carry + chunk
                cut = chunk.rfind(b"\n") + 1 if done < length else len(chunk)
                if cut:
                    yield chunk[:cut]
                carry = chunk[cut:]
            if carry:
                yield carry
        finally:
            if name is not None:
                f.close()

    def _data(self, path: str) -> Optional[bytes]:
        where = self._where.get(path)
        if where is None:
            return None
        if len(where) == 3:
            name, offset, length = where
            f = self._readers.get(name)
            if f is None:
                f = self._readers[name] = open(name, "rb")
        else:
            (offset, length), f = where, self._file
        f.seek(offset)
        return f.read(length)

    def name_stats(self, paths: Optional[list[str]] = None) -> list[tuple[tuple, int]]:
        return list(self._stats.items())

    def distinct_names(self, paths: Optional[list[str]] = None) -> tuple[set, set]:
        return set(self._values), set(self._texts)

    def state_key(self, paths: Optional[list[str]] = None) -> str:
        return ""

    def cached(self, key: str) -> Optional[str]:
        return None  # one run: nothing to reuse

    def cache(self, key: str, value: str) -> None:
        pass

    def jsonl_blobs(self, paths: list[str], moved: set, texts: set) -> Iterator[tuple]:
        """As `Store.jsonl_blobs`: (lines, spans of the lines to rewrite or None,
        path); the lines come as UTF-8 bytes, to be copied out as they are."""
        hint = needle_pattern(moved, texts, as_bytes=True)
        for p in paths:
            for data in self._pieces(p):
                yield data, flagged_spans(data, hint), p

    def mentions(self, paths: Optional[list[str]] = None, where: str = "", params: tuple = ()) -> Iterator[Mention]:
        """Mentions in the order of `paths` (every document of the run when None)."""
        for p in (paths if paths is not None else sorted(self._where)):
            blob = self._blob(p)
            for line in (blob or "").split("\n"):
                if line:
                    yield Mention(**json.loads(line))
