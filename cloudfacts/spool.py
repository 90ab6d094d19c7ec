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
from typing import Iterable, Iterator, Optional

from .export import json_line
from .model import NAME_KINDS, Mention


def name_summary(mentions: Iterable[Mention]) -> list[tuple]:
    """What the spool keeps of a document's mentions (prepared in the worker):
    (kind, value, rule, text, subject, object) of names and of linked figures."""
    return [(m.kind, m.value, m.rule, m.text, m.subject, m.object)
            for m in mentions if m.kind in NAME_KINDS or m.subject or m.object]


class Spool:
    """A one-run stand-in for `Store` (see the module docstring)."""

    wants_rows = False  # workers send `name_summary`, not one row per mention

    def __init__(self, directory: str) -> None:
        fd, self.path = tempfile.mkstemp(prefix="run-", suffix=".jsonl", dir=directory)
        self._file = os.fdopen(fd, "w+b")
        self._where: dict[str, tuple[int, int]] = {}  # path → (offset, length) in the file
        self._stats: Counter = Counter()
        self._values: set = set()
        self._texts: set = set()

    def close(self) -> None:
        self._file.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass

    # ---- writing ------------------------------------------------------------------

    def known_all(self) -> dict[str, tuple]:
        return {}

    def _add(self, path: str, blob: str, summary: Iterable[tuple]) -> None:
        data = blob.encode("utf-8", "surrogatepass")
        self._file.seek(0, os.SEEK_END)
        self._where[path] = (self._file.tell(), len(data))
        self._file.write(data)
        for kind, value, rule, text, subject, obj in summary:
            if kind in NAME_KINDS:
                self._stats[(kind, value, rule, text)] += 1
                self._values.add(value)
                if kind != "person" and " " not in text:
                    self._texts.add(text)
            if subject:
                self._values.add(subject)
            if obj:
                self._values.add(obj)

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
            for kind, value, rule, text, subject, obj in name_summary(mentions):
                if kind in NAME_KINDS:
                    self._stats[(kind, value, rule, text)] += 1
                    self._values.add(value)
                    if kind != "person" and " " not in text:
                        self._texts.add(text)
                if subject:
                    self._values.add(subject)
                if obj:
                    self._values.add(obj)
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
        where = self._where.get(path)
        if where is None:
            return None
        self._file.seek(where[0])
        return self._file.read(where[1]).decode("utf-8", "surrogatepass")

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
        """As `Store.jsonl_blobs`: (lines, flags, path), flags None for a document
        none of whose mentions names a value of `moved` or has a text of `texts`."""
        needles = {json.dumps(v, ensure_ascii=False) for v in moved if isinstance(v, str)}
        needles |= {json.dumps(t, ensure_ascii=False) for t in texts if isinstance(t, str)}
        # a cheap test on the whole document first: the JSON form of a value occurs in it
        hint = re.compile("|".join(re.escape(s) for s in sorted(needles, key=len, reverse=True))) if needles else None
        for p in paths:
            blob = self._blob(p)
            if blob is None:
                continue
            flags = None
            if hint is not None and hint.search(blob):
                flags = []
                for line in blob.splitlines():
                    hit = False
                    if hint.search(line):  # then read the fields to be sure
                        d = json.loads(line)
                        hit = (d.get("value") in moved or d.get("subject") in moved
                               or d.get("object") in moved or d.get("text") in texts)
                    flags.append(hit)
            yield blob, flags, p

    def mentions(self, paths: Optional[list[str]] = None, where: str = "", params: tuple = ()) -> Iterator[Mention]:
        """Mentions in the order of `paths` (every document of the run when None)."""
        for p in (paths if paths is not None else sorted(self._where)):
            blob = self._blob(p)
            for line in (blob or "").splitlines():
                yield Mention(**json.loads(line))
