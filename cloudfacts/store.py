"""The fact store: an embedded SQLite database (WAL mode) of documents and
their mentions, so that a re-run skips unchanged files and `conflicts`, `diff`
and `facts` answer without re-reading the text.

Schema (readable in `sqlite3` or Datasette):

    documents(id, path UNIQUE, source, sha1, size, mtime_ns, fingerprint, ref_date, encoding,
              chars, mentions, extracted_at, jsonl, jsonl_sha1)
    mentions(document_id → documents.id, id, source, kind, text, start, end, line, value, max,
             unit, qualifier, subject, object, attribute, period, sentence, rule)
    meta(key, value)   -- app = cloudfacts, schema = 7, and one cache entry

A document's mentions are replaced in one transaction: a crash leaves either
the old facts or the new ones, never half of them.  What is read back is
checked: each document's count of mention rows against its `mentions`, its
JSON lines against their SHA-1 (`jsonl_sha1`); a damaged file raises
StoreDamaged rather than giving partial facts as if they were complete.
"""
from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from operator import attrgetter
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .model import FIELDS, Mention

SCHEMA_VERSION = "7"
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
    extracted_at TEXT,
    jsonl TEXT,  -- the document's mentions as `extract --format jsonl` writes them, for fast re-runs
    jsonl_sha1 TEXT  -- SHA-1 of those lines (UTF-8), checked when they are read back
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
    PRIMARY KEY (document_id, start, "end", kind)
) WITHOUT ROWID;
"""


_INSERT_MENTION = ("INSERT OR REPLACE INTO mentions (document_id, id, " + ", ".join(f'"{c}"' for c in _MENTION_COLS)
                   + ") VALUES (?, ?, " + ", ".join("?" for _ in _MENTION_COLS) + ")")


def new_document_id() -> int:
    """A random 62-bit id, chosen by whoever prepares the rows (a worker), so that
    concurrent runs on one database never pick the same."""
    return secrets.randbits(62) + 1


_ROW_VALUES = attrgetter("id", *_MENTION_COLS)


def mention_rows(doc_id: int, mentions: list[Mention]) -> list[tuple]:
    return [(doc_id, *_ROW_VALUES(m)) for m in mentions]


class StoreError(Exception):
    """The database cannot be used (corrupt, foreign, locked); the message says which."""


def content_hash(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


class _EmptyDatabase(StoreError):
    """A database with no tables that this run did not create."""


class StoreDamaged(sqlite3.DatabaseError):
    """What was read back from the store does not add up: the file is damaged."""


def _lines_sha1(jsonl: Optional[str]) -> Optional[str]:
    return None if jsonl is None else hashlib.sha1(jsonl.encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    """The fact store.  `readonly` opens an existing file without writing to it at
    all (facts, conflicts, diff, report): it also works on read-only media.  Any
    file that is not a cloudfacts store is refused before anything is written."""

    def __init__(self, path: str | Path, durable: bool = True, readonly: bool = False) -> None:
        self.path = str(path)
        self.durable = durable
        self.readonly = readonly
        self.has_sha1 = True
        p = Path(self.path)
        existed = p.exists() and p.is_file() and p.stat().st_size > 0
        if existed:
            with open(p, "rb") as f:
                if f.read(16) != b"SQLite format 3\x00":
                    raise StoreError(f"{self.path}: not a SQLite database (refusing to overwrite it); "
                                     "give another --db")
        elif readonly:
            raise StoreError(f"{self.path}: no fact store there; run 'cloudfacts extract PATHS' first")
        elif p.is_dir():
            raise StoreError(f"{self.path}: is a folder; give a file for the fact store with --db")
        elif not p.absolute().parent.is_dir():
            raise StoreError(f"{self.path}: cannot create the fact store: no such folder {p.absolute().parent}")
        self.db = None
        # a file that is a database but has no tables was made by something else, unless a
        # run of ours is creating it right now (its write-ahead log is there)
        self._foreign_if_empty = existed and not Path(self.path + "-wal").exists()
        deadline = time.monotonic() + 60
        # an empty database may be one that another run is creating this very moment
        empty_deadline = time.monotonic() + 2
        while True:
            try:
                if readonly:
                    self.db = self._connect_readonly(p)
                    self._check_or_create()
                    return
                self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                if self._check_or_create(create=False):
                    return self._writable()
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA foreign_keys=ON")
                self._check_or_create()
                return self._writable()
            except sqlite3.OperationalError as e:
                # another run is creating the database or switching it to WAL: wait for it
                if self.db is not None:
                    self.db.close()
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise StoreError(f"{self.path}: cannot use the database: {e}") from None
                time.sleep(0.05)
            except _EmptyDatabase:
                if self.db is not None:
                    self.db.close()
                if time.monotonic() > empty_deadline:
                    raise
                time.sleep(0.05)
            except sqlite3.DatabaseError as e:
                if self.db is not None:
                    self.db.close()
                raise StoreError(f"{self.path}: cannot use the database: {e}") from None

    def _connect_readonly(self, p: Path) -> sqlite3.Connection:
        uri = p.resolve().as_uri()
        try:
            db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30, isolation_level=None)
            db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            return db
        except sqlite3.OperationalError:
            # a store in WAL mode on read-only media: nobody can be writing it
            db = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
            db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            return db

    def _writable(self) -> None:
        self.db.execute("PRAGMA journal_mode=WAL")
        # a throw-away database (--no-store) need not survive a power cut
        self.db.execute("PRAGMA synchronous=NORMAL" if self.durable else "PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA foreign_keys=ON")

    def _check_or_create(self, create: bool = True) -> bool:
        """True when the file is a cloudfacts store (migrated if need be); refuses
        anything else before writing a byte; creates the tables in a new file."""
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "meta" not in tables:
            raise StoreError(f"{self.path}: a SQLite database of something else (tables: "
                             f"{', '.join(sorted(tables))}); refusing to use it; give another --db")
        if not tables and (self._foreign_if_empty or self.readonly):
            raise _EmptyDatabase(f"{self.path}: an empty SQLite database that cloudfacts did not make; refusing "
                                 "to use it; give another --db")
        if "meta" in tables:
            meta = dict(self.db.execute("SELECT key, value FROM meta"))
            if meta.get("app") != "cloudfacts":
                raise StoreError(f"{self.path}: not a cloudfacts database; give another --db")
            if meta.get("schema") == "6":  # schema 7 adds the checksum of the stored lines
                if self.readonly:
                    self.has_sha1 = False
                    return True
                with self.transaction():
                    self.db.execute("ALTER TABLE documents ADD COLUMN jsonl_sha1 TEXT")
                    self.db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
                return True
            if meta.get("schema") != SCHEMA_VERSION:
                raise StoreError(f"{self.path}: schema {meta.get('schema')} (this cloudfacts reads "
                                 f"{SCHEMA_VERSION}); give another --db")
            return True
        if not create:
            return False
        with self.transaction():
            for stmt in _SCHEMA.strip().split(";"):
                if stmt.strip():
                    self.db.execute(stmt)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('app', 'cloudfacts')")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        return True

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (taken at once: BEGIN IMMEDIATE): committed whole,
        or rolled back whole on any exception, Ctrl-C included."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- documents ------------------------------------------------------------------

    def known_all(self) -> dict[str, tuple]:
        """path → (sha1, fingerprint, source, size, mtime_ns) of every recorded document, in one query."""
        return {r[0]: r[1:] for r in self.db.execute(
            "SELECT path, sha1, fingerprint, source, size, mtime_ns FROM documents")}

    def replace_many(self, records: list[tuple]) -> None:
        """Record several documents, each replacing what was stored for its path, in
        one transaction.  A record is (doc_id, path, source, sha1, size, mtime_ns,
        fingerprint, ref_date, encoding, chars, n_mentions, jsonl, mention_rows) with
        the rows already in column order (see `mention_rows`): prepared by workers."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.transaction():
            for rec in records:
                doc_id, path = rec[0], rec[1]
                self.db.execute("DELETE FROM documents WHERE path = ? OR id = ?", (path, doc_id))
                self.db.execute(
                    "INSERT INTO documents (id, path, source, sha1, size, mtime_ns, fingerprint, ref_date, encoding, "
                    "chars, mentions, jsonl, jsonl_sha1, extracted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*rec[:12], _lines_sha1(rec[11]), now))
                self.db.executemany(_INSERT_MENTION, rec[12])

    def replace_stream(self, path: str, sha1: str, fingerprint: str,
                       batches: Iterator[tuple[list[Mention], int, str, Optional[str]]],
                       stat: tuple = ()) -> tuple[int, int]:
        """Like `replace` for a document extracted in chunks: the batches of
        mentions are written as they come, in one transaction; (mentions, chars)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        n = chars = 0
        enc, ref = "", None
        sql = ("INSERT OR REPLACE INTO mentions (document_id, id, " + ", ".join(f'"{c}"' for c in _MENTION_COLS)
               + ") VALUES (?, ?, " + ", ".join("?" for _ in _MENTION_COLS) + ")")
        with self.transaction():
            self.db.execute("DELETE FROM documents WHERE path = ?", (path,))
            doc_id = self.db.execute(
                "INSERT INTO documents (path, sha1, size, mtime_ns, fingerprint, extracted_at) VALUES (?, ?, ?, ?, ?, ?)",
                (path, sha1, *(stat or (None, None)), fingerprint, now)).lastrowid
            source = None
            for mentions, nchars, enc, ref in batches:
                self.db.executemany(sql, ((doc_id, m.id, *(getattr(m, c) for c in _MENTION_COLS)) for m in mentions))
                n += len(mentions)
                chars += nchars
                source = source or (mentions[0].source if mentions else None)
            self.db.execute("UPDATE documents SET source = ?, ref_date = ?, encoding = ?, chars = ?, mentions = ? "
                            "WHERE id = ?", (source, ref, enc, chars, n, doc_id))
        return n, chars

    def update_stat(self, path: str, size: int, mtime_ns: int) -> None:
        self.db.execute("UPDATE documents SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path))

    def touch_source(self, path: str, source: str) -> None:
        """A known document given under another spelling of its path: keep the
        `source` field as the user gave it this time (the stored JSON too)."""
        row = self.db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        if row is None:
            return
        blob = self.db.execute("SELECT jsonl FROM documents WHERE id = ?", (row[0],)).fetchone()[0]
        if blob is not None:
            lines = []
            for line in blob.split("\n"):  # not splitlines(): U+2028 may stand inside a JSON string
                if not line:
                    continue
                d = json.loads(line)
                d["source"] = source
                lines.append(json.dumps(d, ensure_ascii=False) + "\n")
            blob = "".join(lines)
        with self.transaction():
            self.db.execute("UPDATE documents SET source = ?, jsonl = ?, jsonl_sha1 = ? WHERE id = ?",
                            (source, blob, _lines_sha1(blob), row[0]))
            self.db.execute("UPDATE mentions SET source = ? WHERE document_id = ?", (source, row[0]))

    def forget(self, paths: Iterable[str]) -> None:
        """Drop these documents and their mentions (standard input, once written out)."""
        paths = list(paths)
        if not paths:
            return
        with self.transaction():
            self.db.executemany("DELETE FROM documents WHERE path = ?", ((p,) for p in paths))

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
            with self.transaction():
                self.db.executemany("DELETE FROM documents WHERE path = ?", ((p,) for p in gone))
        return len(gone)

    # ---- reading --------------------------------------------------------------------

    def verify(self, paths: Optional[list[str]] = None) -> None:
        """Raise StoreDamaged when the mention rows of the documents (of `paths`, or
        of the whole store) are not as many as their documents recorded."""
        if paths is None:
            want, have = self.db.execute(
                "SELECT (SELECT COALESCE(SUM(mentions), 0) FROM documents), (SELECT COUNT(*) FROM mentions)").fetchone()
            if want != have:
                raise StoreDamaged(f"{have} mention rows where the documents record {want}")
            return
        count = "(SELECT COUNT(*) FROM mentions m WHERE m.document_id = d.id)"
        if len(paths) <= 8:
            rows = [self.db.execute(f"SELECT d.path, d.mentions, {count} FROM documents d WHERE d.path = ?",
                                    (p,)).fetchone() for p in paths]
        else:  # one query for the lot, the paths in a temporary table
            self._select(paths)
            rows = self.db.execute(f"SELECT d.path, d.mentions, {count} FROM documents d JOIN temp.sel s "
                                   f"ON s.path = d.path WHERE d.mentions != {count} LIMIT 1").fetchall()
        for row in rows:
            if row is not None and row[1] != row[2]:
                raise StoreDamaged(f"{row[0]}: {row[2]} mention rows where {row[1]} were recorded")

    def _select(self, paths: list[str]) -> None:
        """`paths` in the temporary table `sel` (the connection's own: works read-only)."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS sel (path TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM temp.sel")
        self.db.executemany("INSERT OR IGNORE INTO temp.sel VALUES (?)", ((p,) for p in paths))

    def mentions(self, paths: Optional[list[str]] = None, where: str = "", params: tuple = (),
                 lines: Optional[Callable[[bytes], bool]] = None) -> Iterator[Mention]:
        """Mentions in document order (the order of `paths` when given), then by offset;
        the counts are checked first (`verify`).  Without `where`, whole documents are
        read from their checksummed JSON lines; `lines`, when given, says which of
        those lines are worth parsing (a cheap pre-filter on the bytes)."""
        self.verify(paths)
        cols = "m.id, " + ", ".join(f'm."{c}"' for c in _MENTION_COLS)
        if not where:
            yield from self._checked_mentions(paths, cols, lines)
            return
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

    def _checked_mentions(self, paths: Optional[list[str]], cols: str,
                          keep: Optional[Callable[[bytes], bool]] = None) -> Iterator[Mention]:
        """Whole documents, read from their checksummed JSON lines (a flipped bit in
        a stored value is caught there); from their rows when they keep no lines."""
        if paths is None:
            paths = [r[0] for r in self.db.execute("SELECT path FROM documents ORDER BY path")]
        rows_sql = (f"SELECT {cols} FROM mentions m WHERE m.document_id = ? ORDER BY m.start, m.\"end\", m.kind")
        for blob, _, p in self.jsonl_blobs(paths, set(), set(), verified=True):
            if blob is None:
                doc_id = self.db.execute("SELECT id FROM documents WHERE path = ?", (p,)).fetchone()[0]
                for row in self.db.execute(rows_sql, (doc_id,)):
                    yield _row(row)
                continue
            for line in blob.split(b"\n"):
                if line and (keep is None or keep(line)):
                    yield Mention(**json.loads(line))

    def jsonl_blobs(self, paths: list[str], moved: set, texts: set, verified: bool = False) -> Iterator[tuple]:
        """(stored JSON lines, spans, path) of each document of `paths`, in order: a
        run writes a document out as stored except the lines whose mentions name a
        value in `moved` or have a text in `texts` (the corpus pass may rewrite
        those); `spans` gives their (start, end), or is None when there is none.
        A document extracted in chunks keeps no lines: (None, None, path).  The
        lines come as UTF-8 bytes (the database's own encoding: nothing decoded)."""
        from .spool import flagged_spans, needle_pattern

        hint = needle_pattern(moved, texts, as_bytes=True)
        if not verified:
            self.verify(paths)
        sha1 = "jsonl_sha1" if self.has_sha1 else "NULL"
        for i in range(0, len(paths), 64):  # a few documents a query, not one query each
            batch = paths[i:i + 64]
            got = {r[0]: r[1:] for r in self.db.execute(
                f"SELECT path, CAST(jsonl AS BLOB), mentions, {sha1} FROM documents WHERE path IN "
                f"({', '.join('?' for _ in batch)})", batch)}
            for p in batch:
                if p not in got:
                    continue
                blob, n, digest = got.pop(p)
                # the checksum, when there is one, vouches for the lines and their number
                if blob is not None and (hashlib.sha1(blob).hexdigest() != digest if digest is not None
                                         else blob.count(b"\n") != n):
                    raise StoreDamaged(f"{p}: its stored mentions do not match their checksum")
                yield blob, (flagged_spans(blob, hint) if blob else None), p

    def distinct_names(self, paths: Optional[list[str]] = None) -> tuple[set, set]:
        """(every name value, subject and object; every text of a lone-word name) of the documents."""
        values: set = set()
        texts: set = set()
        where = ""
        params: tuple = ()
        if paths is not None:
            self._select(paths)
            where = " AND document_id IN (SELECT d.id FROM documents d JOIN temp.sel s ON s.path = d.path)"
        for (v,) in self.db.execute("SELECT DISTINCT value FROM mentions WHERE kind IN "
                                    "('person', 'organization', 'location')" + where, params):
            values.add(v)
        for (v,) in self.db.execute("SELECT DISTINCT subject FROM mentions WHERE subject IS NOT NULL" + where):
            values.add(v)
        for (v,) in self.db.execute("SELECT DISTINCT object FROM mentions WHERE object IS NOT NULL" + where):
            values.add(v)
        for (t,) in self.db.execute("SELECT DISTINCT text FROM mentions WHERE kind IN ('organization', 'location') "
                                    "AND instr(text, ' ') = 0" + where):
            texts.add(t)
        return values, texts

    def cached(self, key: str) -> Optional[str]:
        """The value kept for `key`, or None; a value whose checksum fails (a damaged
        page) is no value: it is derived again."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", ("cache:" + key,)).fetchone()
        if not row or not isinstance(row[0], str):
            return None
        digest, _, value = row[0].partition("\n")
        return value if digest == _lines_sha1(value) else None

    def cache(self, key: str, value: str) -> None:
        """Keep one derived value (the corpus's canonical names) keyed by what it was derived from."""
        if self.readonly:
            return
        with self.transaction():
            self.db.execute("DELETE FROM meta WHERE key LIKE 'cache:%'")
            self.db.execute("INSERT INTO meta VALUES (?, ?)", ("cache:" + key, f"{_lines_sha1(value)}\n{value}"))

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


def _row(row) -> Mention:
    d = dict(zip(["id"] + _MENTION_COLS, row))
    return Mention(**d)
