"""The fact store: an embedded SQLite database (WAL mode) of documents and
their mentions, so that a re-run skips unchanged files and `conflicts`, `diff`
and `facts` answer without re-reading the text.

Schema (readable in `sqlite3` or Datasette):

    documents(id, path UNIQUE, sha1, fingerprint, ref_date, encoding, chars, mentions, extracted_at)
    mentions(document_id → documents.id, id, source, kind, text, start, end, line, value, max,
             unit, qualifier, subject, object, attribute, period, sentence, rule)
    meta(key, value)   -- app = cloudfacts, schema = 1

A document's mentions are replaced in one transaction: a crash leaves either
the old facts or the new ones, never half of them.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .model import FIELDS, Mention

SCHEMA_VERSION = "4"
_MENTION_COLS = [f for f in FIELDS if f != "id"]
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    source TEXT,
    sha1 TEXT NOT NULL,
    size INTEGER,
    mtime_ns INTEGER,
    fingerprint TEXT NOT NULL,
    ref_date TEXT,
    encoding TEXT,
    chars INTEGER,
    mentions INTEGER,
    extracted_at TEXT
);
CREATE TABLE IF NOT EXISTS mentions (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    line INTEGER NOT NULL,
    value, max, unit TEXT, qualifier TEXT, subject TEXT, object TEXT, attribute TEXT, period TEXT,
    sentence TEXT, rule TEXT,
    json TEXT,  -- the mention as `extract --format jsonl` writes it, for fast re-runs
    PRIMARY KEY (document_id, start, "end", kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_kind ON mentions(kind);
CREATE INDEX IF NOT EXISTS mentions_subject ON mentions(subject);
"""


class StoreError(Exception):
    """The database cannot be used (corrupt, foreign, locked); the message says which."""


def content_hash(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        p = Path(self.path)
        if p.exists() and p.is_file() and p.stat().st_size > 0:
            with open(p, "rb") as f:
                if f.read(16) != b"SQLite format 3\x00":
                    raise StoreError(f"{self.path}: not a SQLite database (refusing to overwrite it); "
                                     "give another --db")
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._check_or_create()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot use the database: {e}") from None

    def _check_or_create(self) -> None:
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "meta" not in tables:
            raise StoreError(f"{self.path}: a SQLite database of something else (tables: "
                             f"{', '.join(sorted(tables))}); refusing to use it; give another --db")
        if "meta" in tables:
            meta = dict(self.db.execute("SELECT key, value FROM meta"))
            if meta.get("app") != "cloudfacts":
                raise StoreError(f"{self.path}: not a cloudfacts database; give another --db")
            if meta.get("schema") != SCHEMA_VERSION:
                raise StoreError(f"{self.path}: schema {meta.get('schema')} (this cloudfacts reads "
                                 f"{SCHEMA_VERSION}); give another --db")
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for stmt in _SCHEMA.strip().split(";"):
                if stmt.strip():
                    self.db.execute(stmt)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('app', 'cloudfacts')")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- documents ------------------------------------------------------------------

    def known(self, path: str) -> Optional[tuple[str, str]]:
        """(sha1, fingerprint) recorded for a path, or None."""
        row = self.db.execute("SELECT sha1, fingerprint FROM documents WHERE path = ?", (path,)).fetchone()
        return (row[0], row[1]) if row else None

    def known_all(self) -> dict[str, tuple]:
        """path → (sha1, fingerprint, source, size, mtime_ns) of every recorded document, in one query."""
        return {r[0]: r[1:] for r in self.db.execute(
            "SELECT path, sha1, fingerprint, source, size, mtime_ns FROM documents")}

    def replace(self, path: str, sha1: str, fingerprint: str, ref_date: Optional[str], encoding: str,
                chars: int, mentions: list[Mention], jsons: Optional[list[str]] = None,
                stat: tuple = ()) -> None:
        """Record a document and its mentions, replacing what was there, in one transaction."""
        if jsons is None:
            jsons = [mention_json(m) for m in mentions]
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("DELETE FROM documents WHERE path = ?", (path,))
            cur = self.db.execute(
                "INSERT INTO documents (path, source, sha1, size, mtime_ns, fingerprint, ref_date, encoding, chars, "
                "mentions, extracted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (path, mentions[0].source if mentions else None, sha1, *(stat or (None, None)), fingerprint,
                 ref_date, encoding, chars, len(mentions), now))
            doc_id = cur.lastrowid
            self.db.executemany(
                "INSERT OR REPLACE INTO mentions (document_id, id, " + ", ".join(f'"{c}"' for c in _MENTION_COLS)
                + ", json) VALUES (?, ?, " + ", ".join("?" for _ in _MENTION_COLS) + ", ?)",
                ((doc_id, m.id, *(getattr(m, c) for c in _MENTION_COLS), j) for m, j in zip(mentions, jsons)))
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def replace_stream(self, path: str, sha1: str, fingerprint: str,
                       batches: Iterator[tuple[list[Mention], int, str, Optional[str]]],
                       stat: tuple = ()) -> tuple[int, int]:
        """Like `replace` for a document extracted in chunks: the batches of
        mentions are written as they come, in one transaction; (mentions, chars)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        n = chars = 0
        enc, ref = "", None
        sql = ("INSERT OR REPLACE INTO mentions (document_id, id, " + ", ".join(f'"{c}"' for c in _MENTION_COLS)
               + ", json) VALUES (?, ?, " + ", ".join("?" for _ in _MENTION_COLS) + ", ?)")
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("DELETE FROM documents WHERE path = ?", (path,))
            doc_id = self.db.execute(
                "INSERT INTO documents (path, sha1, size, mtime_ns, fingerprint, extracted_at) VALUES (?, ?, ?, ?, ?, ?)",
                (path, sha1, *(stat or (None, None)), fingerprint, now)).lastrowid
            source = None
            for mentions, nchars, enc, ref in batches:
                self.db.executemany(sql, ((doc_id, m.id, *(getattr(m, c) for c in _MENTION_COLS), mention_json(m))
                                          for m in mentions))
                n += len(mentions)
                chars += nchars
                source = source or (mentions[0].source if mentions else None)
            self.db.execute("UPDATE documents SET source = ?, ref_date = ?, encoding = ?, chars = ?, mentions = ? "
                            "WHERE id = ?", (source, ref, enc, chars, n, doc_id))
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        return n, chars

    def update_stat(self, path: str, size: int, mtime_ns: int) -> None:
        self.db.execute("UPDATE documents SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path))

    def touch_source(self, path: str, source: str) -> None:
        """A known document given under another spelling of its path: keep the
        `source` field as the user gave it this time (the stored JSON too)."""
        row = self.db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        if row is None:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("UPDATE documents SET source = ? WHERE id = ?", (source, row[0]))
            updates = []
            for rowid_key, js in self.db.execute(
                    'SELECT start || ":" || "end" || ":" || kind, json FROM mentions WHERE document_id = ?', (row[0],)):
                d = json.loads(js)
                d["source"] = source
                updates.append((source, json.dumps(d, ensure_ascii=False), row[0], rowid_key))
            self.db.executemany('UPDATE mentions SET source = ?, json = ? WHERE document_id = ? AND '
                                'start || ":" || "end" || ":" || kind = ?', updates)
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def prune(self, keep: Iterable[str], under: Iterable[str]) -> int:
        """Forget documents below the folders `under` that are not in `keep`."""
        keep = set(keep)
        roots = [str(Path(u).resolve()) for u in under]
        gone = []
        for (path,) in self.db.execute("SELECT path FROM documents"):
            if path in keep:
                continue
            if any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots) and not Path(path).exists():
                gone.append(path)
        if gone:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("DELETE FROM documents WHERE path = ?", ((p,) for p in gone))
            self.db.execute("COMMIT")
        return len(gone)

    # ---- reading --------------------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        d = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        m = self.db.execute("SELECT count(*) FROM mentions").fetchone()[0]
        return d, m

    def mentions(self, paths: Optional[list[str]] = None, where: str = "", params: tuple = ()) -> Iterator[Mention]:
        """Mentions in document order (the order of `paths` when given), then by offset."""
        cols = "m.id, " + ", ".join(f'm."{c}"' for c in _MENTION_COLS)
        if paths is None:
            sql = (f"SELECT {cols} FROM mentions m JOIN documents d ON d.id = m.document_id "
                   f"{'WHERE ' + where if where else ''} ORDER BY d.path, m.start, m.\"end\", m.kind")
            for row in self.db.execute(sql, params):
                yield _row(row)
            return
        for p in paths:
            sql = (f"SELECT {cols} FROM mentions m JOIN documents d ON d.id = m.document_id WHERE d.path = ? "
                   f"{'AND ' + where if where else ''} ORDER BY m.start, m.\"end\", m.kind")
            for row in self.db.execute(sql, (p, *params)):
                yield _row(row)

    def json_rows(self, paths: list[str]) -> Iterable[tuple]:
        """(json, kind, value, subject, object, rule, text) of the mentions of `paths`, in the
        order of `paths`, then by offset: what a run writes out without rebuilding every record.
        One range scan per document on the table's primary key: no sort."""
        ids = dict(self.db.execute("SELECT path, id FROM documents"))
        sql = ('SELECT json, kind, value, subject, object, rule, text FROM mentions WHERE document_id = ? '
               'ORDER BY start, "end", kind')
        # chained cursors: rows flow without a Python-level step each
        return itertools.chain.from_iterable(self.db.execute(sql, (ids[p],)) for p in paths if p in ids)

    def cached(self, key: str) -> Optional[str]:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", ("cache:" + key,)).fetchone()
        return row[0] if row else None

    def cache(self, key: str, value: str) -> None:
        """Keep one derived value (the corpus's canonical names) keyed by what it was derived from."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DELETE FROM meta WHERE key LIKE 'cache:%'")
            self.db.execute("INSERT INTO meta VALUES (?, ?)", ("cache:" + key, value))
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def state_key(self, paths: Optional[list[str]] = None) -> str:
        """A digest of which documents, in which versions, `paths` (or the whole store) name."""
        h = hashlib.sha1()
        if paths is None:
            rows = self.db.execute("SELECT path, sha1, fingerprint FROM documents ORDER BY path")
            for r in rows:
                h.update("\0".join(r).encode("utf-8", "surrogatepass"))
        else:
            known = {p: (s, f) for p, s, f in self.db.execute("SELECT path, sha1, fingerprint FROM documents")}
            for p in sorted(set(paths)):
                if p in known:
                    h.update("\0".join((p, *known[p])).encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def name_stats(self, paths: Optional[list[str]] = None) -> list[tuple[tuple, int]]:
        """Counts of (kind, value, rule, text) of name mentions, for the corpus pass."""
        sql = ("SELECT m.kind, m.value, m.rule, m.text, count(*) FROM mentions m "
               "JOIN documents d ON d.id = m.document_id WHERE m.kind IN ('person', 'organization', 'location')")
        if paths is None:
            rows = self.db.execute(sql + " GROUP BY 1, 2, 3, 4").fetchall()
        else:
            rows = []
            for i in range(0, len(paths), 500):
                chunk = paths[i:i + 500]
                rows += self.db.execute(sql + f" AND d.path IN ({', '.join('?' for _ in chunk)}) GROUP BY 1, 2, 3, 4",
                                        chunk).fetchall()
        out: dict[tuple, int] = {}
        for k, v, r, t, n in rows:
            out[(k, v, r, t)] = out.get((k, v, r, t), 0) + n
        return list(out.items())


def mention_json(m: Mention) -> str:
    from .export import json_line

    return json_line(m)


def _row(row) -> Mention:
    d = dict(zip(["id"] + _MENTION_COLS, row))
    return Mention(**d)
