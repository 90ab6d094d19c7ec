"""Running `extract` over many inputs: a process pool, results recorded in the
store in a stable order, unchanged files skipped, memory bounded.

Inputs are read in the parent (so their hash can be checked against the store
before any work), extracted in worker processes, and recorded one document per
transaction as they come back, in input order.  Only a bounded number of
documents is in flight at any time.
"""
from __future__ import annotations

import hashlib
import os
from collections import deque
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator, Optional

from .export import json_line
from .bigfile import extract_big, file_sha1
from .sources import TIMED_OUT, BigInput, RawInput, SourceProblem, Unchanged, chunk_bytes, decode_input, iter_raw
from .spool import name_summary, write_blob
from .stop import check as check_interrupt
from .stop import worker_init as stop_worker_init
from .store import Store, content_hash, mention_rows, new_document_id


@dataclass
class RunStats:
    documents: int = 0
    extracted: int = 0
    skipped: int = 0
    failed: int = 0
    mentions: int = 0
    chars: int = 0
    keys: list[str] = field(default_factory=list)


def code_fingerprint(ref_date: Optional[date], aliases: Optional[dict]) -> str:
    """What extraction depends on besides the text: the rules (source and data
    files of the package), the reference date and the aliases.  A stored
    document is reused only when its fingerprint matches."""
    h = hashlib.sha1()
    pkg = resources.files("cloudfacts")
    for sub in ("", "extractors", "data"):
        base = pkg.joinpath(sub) if sub else pkg
        for entry in sorted(base.iterdir(), key=lambda e: e.name):
            if entry.is_file() and entry.name.endswith((".py", ".txt", ".tsv")):
                h.update(entry.name.encode())
                h.update(entry.read_bytes())
    h.update(repr(ref_date).encode())
    h.update(repr(sorted((aliases or {}).items())).encode())
    return h.hexdigest()[:16]


@dataclass
class _Result:
    key: str
    source: str
    problems: list[SourceProblem]
    record: Optional[tuple] = None  # ready for Store.replace_many
    n_mentions: int = 0
    chars: int = 0


def _work(raw: RawInput, sha1: str, fp: str, ref_date: Optional[date], aliases: Optional[dict],
          rows: bool = True, spool_dir: Optional[str] = None) -> _Result:
    """Decode and extract one input, and prepare its rows for the store (in the
    worker); without `rows`, the names' summary a `Spool` keeps instead, and
    with `spool_dir` the JSON lines go to this worker's spool file rather than
    back to the parent (see `spool.write_blob`)."""
    from .pipeline import extract_document

    problems: list[SourceProblem] = []
    for item in decode_input(raw, ref_date):
        if isinstance(item, SourceProblem):
            problems.append(item)
            continue
        try:
            mentions = extract_document(item, aliases)
        except TimeoutError:  # a pattern's time limit: the safety net against pathological text
            problems.append(SourceProblem(raw.source, TIMED_OUT))
            return _Result(raw.key, raw.source, problems)
        doc_id = new_document_id()
        size, mtime = raw.stat or (None, None)
        record = (doc_id, raw.key, raw.source, sha1, size, mtime, fp,
                  item.ref_date.isoformat() if item.ref_date else None, item.encoding, len(item.text),
                  len(mentions), "".join(json_line(m) + "\n" for m in mentions),
                  mention_rows(doc_id, mentions) if rows else name_summary(mentions))
        if spool_dir is not None:
            record = record[:11] + (write_blob(spool_dir, record[11]),) + record[12:]
        return _Result(raw.key, raw.source, problems, record, len(mentions), len(item.text))
    # no document: an empty file (its stale facts, if any, are replaced by none)
    if any(p.failed for p in problems):
        return _Result(raw.key, raw.source, problems)
    doc_id = new_document_id()
    size, mtime = raw.stat or (None, None)
    return _Result(raw.key, raw.source, problems,
                   (doc_id, raw.key, raw.source, sha1, size, mtime, fp, None, "", 0, 0, "",
                    [] if rows else name_summary([])))


_BATCH_DOCS, _BATCH_BYTES = 16, 256 * 1024


def _work_batch(batch: list[tuple[RawInput, str]], fp: str, ref_date: Optional[date], aliases: Optional[dict],
                rows: bool = True, spool_dir: Optional[str] = None) -> list[_Result]:
    """`_work` over a few documents, in order (in a worker)."""
    return [_work(raw, sha1, fp, ref_date, aliases, rows, spool_dir) for raw, sha1 in batch]


class _Progress:
    """A rich progress bar on stderr, only for a terminal and a run over a second."""

    def __init__(self, enabled: bool, paths: Optional[list[str]] = None) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.paths = paths or []
        self.t0 = time.monotonic()
        self.bar = None
        self.task = None
        self.done = 0

    def _total(self) -> Optional[int]:
        """How many inputs the run has: the folders walked again, without reading
        a file (cheap beside extracting them)."""
        from .sources import iter_files

        try:
            files = [p for p in self.paths if p != "-"]
            return sum(1 for x in iter_files(files) if not isinstance(x, SourceProblem)) + (len(self.paths) - len(files))
        except OSError:
            return None

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        if self.bar is None and time.monotonic() - self.t0 > 1.0:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            total = self._total()
            self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                TextColumn("eta"), TimeRemainingColumn(), console=Console(file=sys.stderr),
                                transient=True)
            self.bar.start()
            self.task = self.bar.add_task("extract", total=total, completed=self.done)
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def run(paths: list[str], store: Store, jobs: int = 1, ref_date: Optional[date] = None,
        aliases: Optional[dict] = None, on_problem: Optional[Callable[[SourceProblem], None]] = None,
        progress: bool = True, on_ready: Optional[Callable[[str], None]] = None) -> RunStats:
    """Extract every input into the store; unchanged inputs are skipped.  With
    `on_ready`, each document's key is handed to it, in input order, as soon as
    the document and every one before it are in the store (`extract --stream`)."""
    report = on_problem or (lambda p: None)
    fp = code_fingerprint(ref_date, aliases)
    stats = RunStats()
    bar = _Progress(progress, paths)
    order: list[str] = []
    seen: set[str] = set()
    known = store.known_all()
    rows = getattr(store, "wants_rows", True)
    spool_dir = getattr(store, "directory", None)  # workers write their JSON lines there themselves
    failed_keys: set[str] = set()

    buffered: list[tuple] = []
    last_flush = [time.monotonic()]
    ready: set[str] = set()  # in the store, or failed: may be handed to on_ready
    handed = [0]  # how many keys of `order` on_ready has had

    def done(key: str) -> None:
        if on_ready is None:
            return
        ready.add(key)
        while handed[0] < len(order) and order[handed[0]] in ready:
            k = order[handed[0]]
            handed[0] += 1
            if k not in failed_keys:
                on_ready(k)

    def flush() -> None:
        if buffered:
            store.replace_many(buffered)
            keys = [rec[1] for rec in buffered]
            buffered.clear()
            for k in keys:
                done(k)
        last_flush[0] = time.monotonic()

    def record(r: _Result) -> None:
        check_interrupt()  # each document: a Ctrl-C lost in a finaliser still stops the run
        for p in r.problems:
            if p.failed:
                stats.failed += 1
            report(p)
        if r.record is None:
            failed_keys.add(r.key)
            done(r.key)
            return
        # documents are committed a few at a time (each whole or not at all)
        buffered.append(r.record)
        if len(buffered) >= 32 or time.monotonic() - last_flush[0] > 0.5:
            flush()
        stats.extracted += 1
        stats.mentions += r.n_mentions
        stats.chars += r.chars

    def big(item: BigInput) -> None:
        """A file too large to read at once: streamed, in this process, into the store."""
        flush()
        try:
            sha1 = file_sha1(item.path)
            rec = known.get(item.key)
            if rec is not None and rec[:2] == (sha1, fp):
                if rec[2] is not None and rec[2] != item.source:
                    store.touch_source(item.key, item.source)
                stats.skipped += 1
                done(item.key)
                return
            n, chars = store.replace_stream(item.key, sha1, fp, extract_big(item.path, item.source, sha1,
                                                                           chunk_bytes(), ref_date, aliases),
                                            (item.size, item.mtime_ns))
        except TimeoutError:
            stats.failed += 1
            failed_keys.add(item.key)
            report(SourceProblem(item.source, TIMED_OUT))
            done(item.key)
            return
        except ValueError as e:
            stats.failed += 1
            failed_keys.add(item.key)
            report(SourceProblem(item.source, str(e)))
            done(item.key)
            return
        except OSError as e:
            stats.failed += 1
            failed_keys.add(item.key)
            report(SourceProblem(item.source, f"cannot read: {e.strerror or e}"))
            done(item.key)
            return
        stats.extracted += 1
        stats.mentions += n
        stats.chars += chars
        done(item.key)

    def unchanged(key: str, size: int, mtime_ns: int) -> bool:
        """Same size, same modification time, same rules: not even read (as git and make do)."""
        rec = known.get(key)
        return rec is not None and rec[1] == fp and rec[3] == size and rec[4] == mtime_ns

    def todo() -> Iterator[tuple[RawInput, str]]:
        for item in iter_raw(paths, unchanged):
            if isinstance(item, Unchanged):
                if item.key not in seen:
                    seen.add(item.key)
                    order.append(item.key)
                    stats.documents += 1
                    stats.skipped += 1
                    rec = known[item.key]
                    if rec[2] is not None and rec[2] != item.source:
                        store.touch_source(item.key, item.source)
                    done(item.key)
                    bar.advance()
                continue
            if isinstance(item, SourceProblem):
                if item.failed:
                    stats.failed += 1
                report(item)
                continue
            if isinstance(item, BigInput):
                if item.key not in seen:
                    seen.add(item.key)
                    order.append(item.key)
                    stats.documents += 1
                    big(item)
                    bar.advance()
                continue
            if item.key in seen:
                continue  # the same file given twice
            seen.add(item.key)
            order.append(item.key)
            stats.documents += 1
            sha1 = content_hash(item.data)
            rec = known.get(item.key)
            if item.key != "-" and rec is not None and rec[:2] == (sha1, fp):
                if rec[2] is not None and rec[2] != item.source:
                    store.touch_source(item.key, item.source)
                if item.stat and tuple(rec[3:5]) != tuple(item.stat):
                    store.update_stat(item.key, *item.stat)  # touched, not changed
                stats.skipped += 1
                done(item.key)
                bar.advance()
                continue
            yield item, sha1

    try:
        if jobs <= 1:
            for raw, sha1 in todo():
                record(_work(raw, sha1, fp, ref_date, aliases, rows))
                bar.advance()
        else:
            pool: Optional[ProcessPoolExecutor] = None
            window = jobs * 4
            pending: deque[Future] = deque()
            batch: list[tuple[RawInput, str]] = []
            size = 0

            def submit() -> None:
                nonlocal pool, size
                if pool is None:  # started on the first file that needs work, not on a re-run
                    from . import pipeline  # noqa: F401  (rules compiled once, shared by forked workers)
                    from .extractors.names import gazetteer

                    gazetteer()
                    pool = ProcessPoolExecutor(max_workers=jobs, initializer=stop_worker_init)
                pending.append(pool.submit(_work_batch, list(batch), fp, ref_date, aliases, rows, spool_dir))
                batch.clear()
                size = 0
                while len(pending) >= window:
                    collect()

            def collect() -> None:
                for r in pending.popleft().result():
                    record(r)
                    bar.advance()

            try:
                # small documents travel a few at a time: one message to a worker and back, not one each
                for raw, sha1 in todo():
                    batch.append((raw, sha1))
                    size += len(raw.data)
                    if len(batch) >= _BATCH_DOCS or size >= _BATCH_BYTES:
                        submit()
                if batch:
                    submit()
                while pending:
                    collect()
            except BaseException:
                if pool is not None:  # interrupted or failed: stop the workers now, not after their batch
                    for proc in list((getattr(pool, "_processes", None) or {}).values()):
                        proc.terminate()
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = None
                raise
            finally:
                if pool is not None:
                    pool.shutdown(wait=True, cancel_futures=True)
        flush()
    finally:
        bar.close()
    stats.keys = [k for k in order if k not in failed_keys]
    return stats


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def default_db() -> str:
    return os.environ.get("CLOUDFACTS_DB") or "cloudfacts.db"


__all__ = ["run", "RunStats", "default_jobs", "default_db", "code_fingerprint", "Path"]
