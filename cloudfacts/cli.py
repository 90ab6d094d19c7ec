"""The `cloudfacts` command line.

Data goes to stdout, messages to stderr, one line each.  Exit status: 0
success; 1 `conflicts --fail-on` / `diff --exit-code` found what they look for;
2 usage error, unreadable input (the rest of the run still goes on and its
output is written), unwritable output, damaged or foreign database; 3 internal
error; 128 + the signal when stopped by Ctrl-C, SIGTERM or SIGHUP.
"""
from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .entities import AliasError, load_aliases
from .export import FORMATS, TABLE_LIMIT, format_from_path, write
from .export import console as make_console
from .export import printable
from .model import KINDS, Mention
from .sources import SourceProblem

EXIT_OK, EXIT_FAIL_ON, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Extract the figures and names of French text (percentages, amounts, counts, dates, "
         "people, organisations, places) into one normalised fact table.\n\n"
         "Exit status: 0 success (also when the reader of the output goes away); 1 conflicts --fail-on or "
         "diff --exit-code found what they look for; 2 a usage error, an input that could not be read (the "
         "others are still processed), an output that cannot be written, a damaged or foreign database; "
         "3 an internal error (a bug); 130, 143, 129 stopped by Ctrl-C, SIGTERM, SIGHUP.",
)


def _plain_help_placeholders() -> None:
    """Typer's help shows each parameter's Python type (`<list[str]>`, `<bool>` on a
    flag) and braces around required arguments: arguments show their metavar, flags
    nothing, options their metavar."""
    from typer.core import TyperArgument, TyperOption

    plain = TyperOption.display_type_rich

    def option_type(self, ctx):
        if getattr(self, "is_flag", False):
            return None
        return self.metavar if self.metavar else plain(self, ctx)

    def usage_name(self) -> str:  # `PATHS...`, `[B]`: the usual notation, not `{PATHS}...`
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")

    TyperArgument.display_type_rich = lambda self, ctx: None
    TyperArgument._usage_display_name = usage_name
    TyperOption.display_type_rich = option_type


_plain_help_placeholders()


def _err(msg: str) -> None:
    """One line on stderr; control characters of file names or values escaped, so
    that a name holding a newline cannot make a second (fake) line."""
    try:
        sys.stderr.write(f"cloudfacts: {printable(msg)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


class _Problems:
    """Collects what could not be read; prints one line each on stderr."""

    def __init__(self) -> None:
        self.failed = 0

    def __call__(self, p: SourceProblem) -> None:
        if p.failed:
            self.failed += 1
        _err(str(p))


def _usage(msg: str) -> "typer.Exit":
    _err(msg)
    return typer.Exit(EXIT_USAGE)


def _parse_ref_date(s: Optional[str]) -> Optional[date]:
    """--ref-date: an ISO date, or a whole French date (`12 janvier 2015`, `1er mars
    2015`).  Nothing is resolved against the machine's clock: `demain` or `12
    janvier` (which year?) are refused."""
    if s is None:
        return None
    try:
        return date.fromisoformat(s.strip())
    except ValueError:
        pass
    import re

    from .vocab import MONTHS

    m = re.fullmatch(r"\s*(\d{1,2})(?:er)?\s+(\S+)\s+(\d{4})\s*", s)
    if m and m.group(2).lower() in MONTHS:
        try:
            return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            pass
    raise _usage(f"--ref-date {s!r}: expected a whole date, YYYY-MM-DD (2015-01-12) or day month year "
                 "(12 janvier 2015)")


def _output_format(format: Optional[str], output: Optional[Path]) -> str:
    """The format asked for (-f, else the extension of -o, else table), with the
    output checked before any work: its folder exists, it is not a folder, and an
    extension that names no format is an error rather than a table in a .xlsx."""
    if format is not None and format not in FORMATS:
        raise _usage(f"--format {format!r}: expected one of {', '.join(FORMATS)}")
    if output is None:
        return format or "table"
    _check_output(output)
    fmt = format or format_from_path(str(output))
    if fmt is None:
        if output.suffix.lower() in (".txt", ".text", ""):
            return "table"
        raise _usage(f"{output}: no output format for the extension {output.suffix!r}; name the file .json, "
                     ".jsonl, .csv or .txt, or give -f FORMAT")
    return fmt


def _check_output(output: Path) -> None:
    if output.is_dir():
        raise _usage(f"{output}: cannot write: is a folder")
    parent = output.absolute().parent
    if not parent.is_dir():
        raise _usage(f"{output}: cannot write: no such folder {parent}")


def _check_kinds(kinds: List[str]) -> List[str]:
    for k in kinds:
        if k not in KINDS:
            raise _usage(f"--kind {k!r}: expected one of {', '.join(KINDS)}")
    return kinds


def _aliases(path: Optional[Path]) -> Optional[dict]:
    if path is None:
        return None
    try:
        return load_aliases(path)
    except AliasError as e:
        raise _usage(str(e)) from None


class _Counted:
    """An iterable that counts what went through it."""

    def __init__(self, items) -> None:
        self.items, self.n = items, 0

    def __iter__(self):
        for x in self.items:
            self.n += 1
            yield x


def _emit(mentions, fmt: str, output: Optional[Path], limit: int = TABLE_LIMIT, wide: bool = False) -> None:
    if output is not None:
        counted = _Counted(mentions)
        try:
            with open(output, "w", encoding="utf-8", newline="") as f:
                write(counted, fmt, f, color=False, limit=limit, wide=wide)
        except OSError as e:
            raise _usage(f"{output}: cannot write: {e.strerror or e}") from None
        _err(f"wrote {counted.n} mentions to {output}")
        return
    try:
        write(mentions, fmt, sys.stdout, color=None if sys.stdout.isatty() else False, limit=limit, wide=wide)
        sys.stdout.flush()
    except BrokenPipeError:
        _closed_pipe()


def _emit_json_docs(store, keys: list[str], canon, moved: set, texts: set, kinds: set, array: bool,
                    output: Optional[Path]) -> None:
    """JSON output from the stored serialisations: a document the corpus pass
    leaves alone is copied out whole; the mentions of the others are rebuilt."""
    from .export import json_line
    from .model import Mention as M

    out = open(output, "w", encoding="utf-8", newline="") if output is not None else sys.stdout
    n = 0
    first = True

    def emit(lines: list[str]) -> None:
        nonlocal first, n
        if lines:
            out.write(_join(lines, array, first))
            first = False
            n += len(lines)

    try:
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
                    new = json_line(canon.apply(M(**json.loads(line)))) if line else line
                    pieces += [blob[pos:a], new.encode("utf-8", "surrogatepass") if as_bytes else new]
                    pos = b
                pieces.append(blob[pos:])
                if as_bytes:
                    out.flush()
                    out.buffer.writelines(pieces)
                else:
                    out.writelines(pieces)
                if output is not None:  # counted for the closing message only
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
                    m = canon.apply(M(**json.loads(line)))
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
    except BrokenPipeError:
        _closed_pipe()
    except OSError as e:
        raise _usage(f"{output}: cannot write: {e.strerror or e}") from None
    finally:
        if output is not None:
            out.close()
    if output is not None:
        _err(f"wrote {n} mentions to {output}")


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


def _closed_pipe() -> None:
    """The reader went away (`| head`): stop quietly, with one line on stderr."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    _err("output closed by the reader (broken pipe); stopped writing")
    raise typer.Exit(EXIT_OK)


LIMIT_HELP = (f"Rows of the table format at most (default {TABLE_LIMIT}; 0: all); the other formats "
              "write everything.")
WIDE_HELP = "Table format: also the attribute, object and period columns (what conflicts groups on)."

FORMAT_HELP = "Output format: table, json, jsonl or csv. Default: from the -o extension, else table."


def _canon_for(store, keys: Optional[list[str]], alias_map: Optional[dict], with_moves: bool = False):
    """The corpus's canonical names for these documents, from the store's cache
    when the same documents were canonicalised before (a re-run).  With
    `with_moves`, also the stored values and texts whose mentions the corpus
    pass rewrites, so that all the others are copied out as stored."""
    import hashlib

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


DB_HELP = "Fact store (SQLite). Default: $CLOUDFACTS_DB, else ./cloudfacts.db."


_current_db: Optional[str] = None


def _open_store(db: Optional[Path], must_exist: bool = False, durable: bool = True):
    from .runner import default_db
    from .store import Store, StoreError

    global _current_db
    path = str(db) if db else default_db()
    _current_db = path
    if must_exist and not Path(path).exists():
        raise _usage(f"no fact store at {path}: run 'cloudfacts extract PATHS' first, or give paths")
    try:
        # the commands that only read open the file read-only: nothing of it is ever changed
        return Store(path, durable=durable, readonly=must_exist)
    except StoreError as e:
        raise _usage(str(e)) from None


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., metavar="PATHS", help="Files, folders (recursive: .txt, .md, .html) or - for stdin."),
    format: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    kind: List[str] = typer.Option([], "--kind", "-k", metavar="KIND", help="Keep only this kind (repeatable): "
                                   + ", ".join(KINDS) + "."),
    ref_date: Optional[str] = typer.Option(None, "--ref-date", metavar="YYYY-MM-DD", help="Reference date for relative dates "
                                           "(`lundi`, `en mars`) when a document has no dateline: YYYY-MM-DD "
                                           "or a whole French date such as '12 janvier 2015'."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", metavar="FILE", help="Alias file: lines 'variant<TAB>Canonical' "
                                           "or 'variant = Canonical', or a JSON object."),
    db: Optional[Path] = typer.Option(None, "--db", metavar="FILE", help=DB_HELP),
    no_store: bool = typer.Option(False, "--no-store", help="Do not record anything in the fact store."),
    prune: bool = typer.Option(False, "--prune", help="Forget stored documents that vanished from the "
                               "folders given."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N", help="Worker processes (default: all cores)."),
    limit: int = typer.Option(TABLE_LIMIT, "--limit", metavar="N", help=LIMIT_HELP),
    wide: bool = typer.Option(False, "--wide", help=WIDE_HELP),
) -> None:
    """Extract every figure and name, with its exact source span, and record
    them in the fact store (unchanged files are skipped on the next run).

    [bold]Examples[/bold]

      cloudfacts extract seeds/

      cloudfacts extract seeds/ --format jsonl | jq -r 'select(.kind=="percentage") | .text'

      cloudfacts extract article.html -k amount -k percentage -o facts.csv

      cat article.txt | cloudfacts extract - --ref-date 2015-01-12 --format json

      cloudfacts extract corpus/ -j 2 --db corpus.db --prune -f jsonl > facts.jsonl
    """
    import shutil
    import tempfile

    from .runner import default_jobs, run

    fmt = _output_format(format, output)
    if jobs is not None and jobs < 1:
        raise _usage(f"--jobs {jobs}: expected 1 or more")
    kinds = set(_check_kinds(kind))
    ref = _parse_ref_date(ref_date)
    alias_map = _aliases(aliases)
    problems = _Problems()
    try:
        tmpdir = tempfile.mkdtemp(prefix="cloudfacts-") if no_store else None
    except OSError as e:
        raise _usage(f"cannot make a temporary folder in {tempfile.gettempdir()}: {e.strerror or e} "
                     "(set TMPDIR to a folder with room)") from None
    if tmpdir:
        from .spool import Spool

        store = Spool(tmpdir)  # the run's facts in a temporary file, no database
    else:
        store = _open_store(db)
    rows = None
    try:
        try:
            stats = run(paths, store, jobs=jobs or default_jobs(), ref_date=ref, aliases=alias_map,
                        on_problem=problems)
        except OSError as e:  # a full disk or a read-only folder, where the run keeps its facts
            where = f"the run's temporary files in {tmpdir} (set TMPDIR to a folder with room, or drop " \
                    "--no-store)" if tmpdir else f"the fact store {store.path}"
            raise _usage(f"cannot write {where}: {e.strerror or e}") from None
        if prune and not no_store:
            gone = store.prune(stats.keys, [p for p in paths if p != "-" and Path(p).is_dir()])
            if gone:
                _err(f"pruned {gone} vanished documents from {store.path}")
        if fmt in ("json", "jsonl"):
            canon, moved, texts = _canon_for(store, stats.keys, alias_map, with_moves=True)
            _emit_json_docs(store, stats.keys, canon, moved, texts, kinds, fmt == "json", output)
        else:
            canon = _canon_for(store, stats.keys, alias_map)
            rows = store.mentions(stats.keys)
            mentions = (canon.apply(m) for m in rows)
            if kinds:
                mentions = (m for m in mentions if m.kind in kinds)
            _emit(mentions, fmt, output, limit, wide)
        if not no_store and "-" in stats.keys:
            # standard input has no name to find it by again: it is written out, not kept,
            # so that the next piped text does not replace it and feed a later `conflicts`
            store.forget(["-"])
        if sys.stderr.isatty() and not no_store:
            _err(f"{stats.documents} documents ({stats.extracted} extracted, {stats.skipped} unchanged) "
                 f"recorded in {store.path}")
    finally:
        if rows is not None and hasattr(rows, "close"):
            rows.close()  # a generator left open by a closed pipe, before its database
        store.close()
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)
    if problems.failed:
        raise typer.Exit(EXIT_USAGE)


@app.command()
def facts(
    kind: List[str] = typer.Option([], "--kind", "-k", metavar="KIND", help="Keep only this kind (repeatable)."),
    subject: Optional[str] = typer.Option(None, "--subject", "-s", metavar="NAME", help="Only figures about this subject "
                                          "(case and accents folded)."),
    source: Optional[str] = typer.Option(None, "--source", metavar="TEXT", help="Only mentions of sources whose path "
                                         "contains this text."),
    format: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    db: Optional[Path] = typer.Option(None, "--db", metavar="FILE", help=DB_HELP),
    aliases: Optional[Path] = typer.Option(None, "--aliases", metavar="FILE", help="Alias file (see extract)."),
    attribute: Optional[str] = typer.Option(None, "--attribute", "-a", metavar="ATTRIBUTE",
                                            help="Only figures with this attribute (stake, funding, …)."),
    summary: bool = typer.Option(False, "--summary", help="Counts per kind and per source instead of the "
                                 "mentions."),
    limit: int = typer.Option(TABLE_LIMIT, "--limit", metavar="N", help=LIMIT_HELP),
    wide: bool = typer.Option(False, "--wide", help=WIDE_HELP),
) -> None:
    """Query the fact store that `extract` filled, without re-reading any text.

    [bold]Examples[/bold]

      cloudfacts facts -k percentage --subject orange

      cloudfacts facts --source 001_ -f jsonl

      cloudfacts facts -a stake --wide

      cloudfacts facts --summary
    """
    from .extractors.names import fold

    fmt = _output_format(format, output)
    kinds = set(_check_kinds(kind))
    store = _open_store(db, must_exist=True)
    rows = store.mentions()
    try:
        canon = _canon_for(store, None, _aliases(aliases))
        mentions = (canon.apply(m) for m in rows)
        if kinds:
            mentions = (m for m in mentions if m.kind in kinds)
        if subject:
            mentions = (m for m in mentions if fold(m.subject or "") == fold(subject)
                        or (m.kind in ("person", "organization", "location") and fold(str(m.value)) == fold(subject)))
        if source:
            mentions = (m for m in mentions if source in m.source)
        if attribute:
            mentions = (m for m in mentions if m.attribute == attribute)
        if summary:
            _print_summary(list(mentions), fmt, output)
        else:
            _emit(mentions, fmt, output, limit, wide)
    finally:
        rows.close()
        store.close()


def _print_summary(mentions: list[Mention], fmt: str, output: Optional[Path]) -> None:
    """Mentions per kind and per source: a table, or rows of {source, kind, count} for
    json, jsonl and csv (source `*` for the totals)."""
    from collections import Counter

    from rich.table import Table

    per = Counter((m.source, m.kind) for m in mentions)
    sources = sorted({s for s, _ in per})
    totals = Counter(m.kind for m in mentions)
    if fmt != "table":
        rows = [{"source": s, "kind": k, "count": per[(s, k)]} for s in sources for k in KINDS if per[(s, k)]]
        rows += [{"source": "*", "kind": k, "count": totals[k]} for k in KINDS if totals[k]]
        if fmt == "csv":
            import csv
            import io

            buf = io.StringIO()
            w = csv.DictWriter(buf, ["source", "kind", "count"], lineterminator="\r\n")
            w.writeheader()
            w.writerows(rows)
            return _write_text(buf.getvalue(), output)
        return _print_json(rows, fmt, output)
    table = Table(header_style="bold")
    table.add_column("source")
    for k in KINDS:
        table.add_column(k, justify="right")
    table.add_column("all", justify="right")
    for s in sources:
        table.add_row(printable(s).replace("[", "\\["), *(str(per[(s, k)]) for k in KINDS),
                      str(sum(per[(s, k)] for k in KINDS)))
    table.add_row("all", *(str(totals[k]) for k in KINDS), str(len(mentions)), style="bold")
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        make_console(file=out, highlight=False, force_terminal=None if out.isatty() else False,
                     width=None if out.isatty() else 200).print(table)
    except BrokenPipeError:
        _closed_pipe()
    finally:
        if output:
            out.close()


def _write_text(text: str, output: Optional[Path]) -> None:
    if output is not None:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as e:
            raise _usage(f"{output}: cannot write: {e.strerror or e}") from None
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _closed_pipe()


@app.command()
def explain(
    target: str = typer.Argument(..., metavar="SOURCE[:LINE]", help="A file, optionally with a line number."),
    kind: List[str] = typer.Option([], "--kind", "-k", metavar="KIND", help="Keep only this kind (repeatable)."),
    format: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table (sentences with their "
                               "mentions), json or jsonl (the mentions with every field)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE instead "
                                          "of stdout."),
    ref_date: Optional[str] = typer.Option(None, "--ref-date", metavar="YYYY-MM-DD", help="Reference date YYYY-MM-DD."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", metavar="FILE", help="Alias file (see extract)."),
) -> None:
    """Show each mention highlighted in its sentence, with its normalised value,
    its links (subject, object, attribute, period) and the name of the rule that
    produced it.

    [bold]Examples[/bold]

      cloudfacts explain seeds/001_aa28686d20d16767.txt:8

      cloudfacts explain article.txt -k date

      cloudfacts explain article.txt:12 -f json
    """
    from .pipeline import extract_paths

    if format not in ("table", "json", "jsonl"):
        raise _usage(f"--format {format!r}: expected table, json or jsonl")
    if output is not None:
        _check_output(output)
    path, line = target, None
    if not Path(target).exists() and ":" in target:
        head, _, tail = target.rpartition(":")
        if tail.isdigit():
            path, line = head, int(tail)
    if Path(path).is_dir():
        raise _usage(f"{path}: is a folder; explain reads one file (SOURCE[:LINE])")
    if not Path(path).exists() and path != "-":
        raise _usage(f"{path}: no such file")
    kinds = set(_check_kinds(kind))
    problems = _Problems()
    mentions = extract_paths([path], ref_date=_parse_ref_date(ref_date), aliases=_aliases(aliases),
                             on_problem=problems)
    if problems.failed:
        raise typer.Exit(EXIT_USAGE)
    mentions = [m for m in mentions if (line is None or m.line == line) and (not kinds or m.kind in kinds)]
    if not mentions:
        _err(f"no mention in {target}")
    if format in ("json", "jsonl"):
        _print_json([m.to_dict() for m in mentions], format, output)
        return
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        _explain_table(mentions, path, make_console(file=out, highlight=False,
                                                    force_terminal=None if out.isatty() else False,
                                                    soft_wrap=not out.isatty()))
    except BrokenPipeError:
        _closed_pipe()
    finally:
        if output:
            out.close()


def _explain_table(mentions: list[Mention], path: str, console) -> None:
    """Sentence by sentence: the sentence with its mentions underlined, then one
    row per mention: kind, text, span → value, its links, its rule."""
    from rich.text import Text

    from .export import KIND_STYLES

    by_sentence: dict[tuple[int, str], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault((m.line, m.sentence), []).append(m)
    for (ln, sentence), ms in by_sentence.items():
        shown = printable(sentence)
        t = Text(shown)
        for m in ms:
            i = shown.find(printable(m.text))
            if i >= 0:
                t.stylize(f"{KIND_STYLES.get(m.kind, '')} underline", i, i + len(printable(m.text)))
        console.print(Text(printable(f"{path}:{ln}"), style="dim"))
        console.print(t)
        for m in ms:
            val = "null" if m.value is None else json.dumps(m.value, ensure_ascii=False)
            extra = "".join(f" {k}={v}" for k, v in (("max", m.max), ("unit", m.unit),
                                                      ("qualifier", m.qualifier)) if v is not None)
            links = "".join(f" {k}={json.dumps(v, ensure_ascii=False)}" for k, v in (
                ("subject", m.subject), ("object", m.object), ("attribute", m.attribute),
                ("period", m.period)) if v is not None)
            row = Text("  ")
            row.append(f"{m.kind:<12}", style=KIND_STYLES.get(m.kind, ""))
            row.append(printable(f" «{m.text}» [{m.start}:{m.end}] → {val}{extra}"))
            if links:
                row.append(printable(links), style="italic")
            row.append(f"  rule={m.rule}", style="dim")
            console.print(row)
        console.print()


@app.command("eval")
def eval_(
    gold: Path = typer.Argument(..., metavar="GOLD", help="Gold file, JSON lines (SPEC §5)."),
    docs: List[str] = typer.Argument(..., metavar="DOCS", help="The documents the gold refers to (files or folders)."),
    format: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table or json."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss, extra and wrong value."),
    ref_date: Optional[str] = typer.Option(None, "--ref-date", metavar="YYYY-MM-DD", help="Reference date YYYY-MM-DD."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", metavar="FILE", help="Alias file (see extract)."),
) -> None:
    """Score extraction against a gold file: precision, recall, F1, value and
    subject accuracy per kind (matching rule of SPEC §5).

    [bold]Example[/bold]

      cloudfacts eval tests/data/seeds.gold.jsonl seeds/
    """
    from rich.table import Table

    from .evaluate import GoldError, load_gold, score, summary
    from .pipeline import extract_paths
    from .sources import iter_documents

    if format not in ("table", "json"):
        raise _usage(f"--format {format!r}: expected table or json")
    problems = _Problems()
    texts: dict[str, str] = {}
    for item in iter_documents(docs):
        if isinstance(item, SourceProblem):
            problems(item)
        else:
            texts[Path(item.source).name] = item.text
    try:
        g = load_gold(gold, texts)
    except GoldError as e:
        raise _usage(str(e)) from None
    mentions = extract_paths(docs, ref_date=_parse_ref_date(ref_date), aliases=_aliases(aliases))
    names = {x.source for x in g}
    mentions = [m for m in mentions if Path(m.source).name in names]
    scores = score(g, mentions)
    rows = summary(scores)
    if format == "json":
        print(json.dumps(rows, indent=1))
    else:
        console = make_console(highlight=False, width=None if sys.stdout.isatty() else 120)
        table = Table(header_style="bold")
        cols = ("gold", "pred", "tp", "precision", "recall", "f1", "value_acc", "subject_acc")
        table.add_column("kind")
        for c in cols:
            table.add_column(c, justify="right")
        for k, r in rows.items():
            table.add_row(k, *("-" if r[c] is None else (f"{r[c]:.3f}" if isinstance(r[c], float) else str(r[c]))
                               for c in cols))
        console.print(table)
    if verbose:
        for k, ks in scores.items():
            for x in ks.misses:
                print(f"MISS  {x.source} {k} {x.text!r}", file=sys.stderr)
            for m in ks.extras:
                print(f"EXTRA {Path(m.source).name} {k} {m.text!r} rule={m.rule}", file=sys.stderr)
            for x, m in ks.wrong:
                print(f"VALUE {x.source} {k} {x.text!r} gold={x.value!r} pred={m.value!r}", file=sys.stderr)
    if problems.failed:
        raise typer.Exit(EXIT_USAGE)


def _load(paths: List[str], ref_date: Optional[str], aliases: Optional[Path], problems: "_Problems") -> list[Mention]:
    from .facttable import FactTableError
    from .inputs import load_mentions

    try:
        return load_mentions(paths, ref_date=_parse_ref_date(ref_date), aliases=_aliases(aliases),
                             on_problem=problems)
    except FactTableError as e:
        raise _usage(str(e)) from None


def _from_store(db: Optional[Path], aliases: Optional[Path]) -> list[Mention]:
    """The facts and person names of the store, canonicalised over the whole store."""
    store = _open_store(db, must_exist=True)
    try:
        canon = _canon_for(store, None, _aliases(aliases))
        # read from the checksummed lines, then filtered: a damaged value is caught, never compared
        return [canon.apply(m) for m in store.mentions(lines=_may_be_fact)
                if m.kind == "person" or (m.subject is not None and m.attribute is not None
                                          and m.kind in ("percentage", "amount", "quantity"))]

    finally:
        store.close()


def _may_be_fact(line: bytes) -> bool:
    """A stored JSON line worth parsing for `conflicts`: a person, or a mention with an
    attribute (these keys cannot stand unescaped inside a JSON string)."""
    return b'"attribute": null' not in line or b'"kind": "person"' in line


def _print_json(obj, fmt: str, output: Optional[Path]) -> None:
    """JSON (array) or JSON lines of a list of dicts, to stdout or a file."""
    if fmt == "jsonl":
        text = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in obj)
    else:
        text = json.dumps(obj, ensure_ascii=False, indent=1) + "\n"
    if output is not None:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as e:
            raise _usage(f"{output}: cannot write: {e.strerror or e}") from None
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _closed_pipe()


VERDICT_STYLES = {"contradiction": "bold red", "approximate": "yellow", "rounding": "cyan", "spelling": "magenta"}


def _fmt_value(v: dict) -> str:
    s = "" if v.get("value") is None else str(v["value"])
    if v.get("max") is not None:
        s += f" – {v['max']}"
    if v.get("unit"):
        s += f" {v['unit']}"
    if v.get("qualifier"):
        s += f" ({v['qualifier']})"
    return s


@app.command()
def conflicts(
    paths: List[str] = typer.Argument(None, metavar="PATHS", help="Files, folders, fact tables written by extract (.json, "
                                      ".jsonl, .csv), or - for stdin (text or fact table)."),
    format: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT", help="table, json, jsonl or csv "
                                         "(default: from the -o extension, else table)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", metavar="WHAT", help="Exit 1 when a conflict matches: "
                                          "'contradiction' or 'any'."),
    attribute: Optional[str] = typer.Option(None, "--attribute", "-a", metavar="ATTRIBUTE", help="Only facts with this attribute "
                                            "(stake, funding, acquisition, …)."),
    subject: Optional[str] = typer.Option(None, "--subject", "-s", metavar="NAME", help="Only facts about this subject "
                                          "(case and accents folded)."),
    ref_date: Optional[str] = typer.Option(None, "--ref-date", metavar="YYYY-MM-DD", help="Reference date YYYY-MM-DD."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", metavar="FILE", help="Alias file (see extract)."),
    db: Optional[Path] = typer.Option(None, "--db", metavar="FILE", help=DB_HELP + " Read when no path is given."),
) -> None:
    """List the figures that disagree between sources, each value with the
    sources, lines and sentences it comes from, and a verdict: rounding,
    approximate, contradiction, or spelling (a person's name written two ways).

    [bold]Examples[/bold]

      cloudfacts conflicts seeds/

      cloudfacts extract seeds/ && cloudfacts conflicts          # from the fact store

      cloudfacts extract seeds -f json > facts.json && cloudfacts conflicts facts.json

      cloudfacts extract seeds -f jsonl | cloudfacts conflicts - --format json

      cloudfacts conflicts seeds/ --fail-on contradiction   # exit 1 if two sources contradict
    """
    from .conflicts import find_conflicts

    fmt = _output_format(format, output)
    if fail_on not in (None, "contradiction", "any"):
        raise _usage(f"--fail-on {fail_on!r}: expected 'contradiction' or 'any'")
    problems = _Problems()
    if paths:
        mentions = _load(paths, ref_date, aliases, problems)
    else:
        mentions = _from_store(db, aliases)
    if attribute:
        known = sorted({m.attribute for m in mentions if m.attribute and m.subject})
        if attribute not in known:
            raise _usage(f"--attribute {attribute!r}: no fact has it here; the attributes are: "
                         f"{', '.join(known) or 'none'}")
    found = find_conflicts(mentions, attribute=attribute, subject=subject)
    rows = [c.to_dict() for c in found]
    if fmt in ("json", "jsonl"):
        _print_json(rows, fmt, output)
    elif fmt == "csv":
        _conflicts_csv(rows, output)
    else:
        _conflicts_table(rows, output)
    if problems.failed:
        raise typer.Exit(EXIT_USAGE)
    if fail_on == "any" and found or fail_on == "contradiction" and any(c.verdict == "contradiction" for c in found):
        raise typer.Exit(EXIT_FAIL_ON)


def _conflicts_csv(rows: list[dict], output: Optional[Path]) -> None:
    import csv
    import io

    from .export import csv_cell

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["verdict", "subject", "attribute", "object", "period", "kind", "value", "max", "unit",
                "qualifier", "source", "line", "start", "end", "text", "sentence"])
    for c in rows:
        k = c["key"]
        for v in c["values"]:
            for m in v["mentions"]:
                w.writerow([csv_cell(x) for x in (c["verdict"], k["subject"], k["attribute"], k["object"],
                                                  k["period"], k["kind"], v["value"], v.get("max"), v["unit"],
                                                  v["qualifier"], m["source"], m["line"], m["start"], m["end"],
                                                  m["text"], m.get("sentence"))])
    if output is not None:
        try:
            Path(output).write_text(buf.getvalue(), encoding="utf-8")
        except OSError as e:
            raise _usage(f"{output}: cannot write: {e.strerror or e}") from None
        return
    try:
        sys.stdout.write(buf.getvalue())
        sys.stdout.flush()
    except BrokenPipeError:
        _closed_pipe()


def _conflicts_table(rows: list[dict], output: Optional[Path]) -> None:
    from rich.text import Text

    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    console = make_console(file=out, highlight=False, force_terminal=None if out.isatty() else False,
                      width=None if out.isatty() else 160)
    try:
        if not rows:
            console.print("no conflicts")
        for c in rows:
            k = c["key"]
            head = Text()
            head.append(f"{c['verdict']:<13}", style=VERDICT_STYLES.get(c["verdict"], ""))
            label = " · ".join(str(k[f]) for f in ("subject", "attribute", "object", "period") if k[f])
            if c["verdict"] == "spelling":
                label = " / ".join(str(v["value"]) for v in c["values"])
            head.append(f" {printable(label)}", style="bold")
            head.append(f"  ({printable(k['kind'])})", style="dim")
            console.print(head)
            for v in c["values"]:
                console.print(Text(f"  {printable(_fmt_value(v))}", style="bold"))
                for m in v["mentions"]:
                    line = Text(f"    {printable(m['source'])}:{m['line']}  ", style="dim")
                    sentence = printable(m.get("sentence") or m["text"])
                    figure = printable(m["text"])
                    t = Text(sentence)
                    i = sentence.find(figure)
                    if i >= 0:
                        t.stylize("bold underline", i, i + len(figure))
                    line.append(t)
                    console.print(line)
            console.print()
        n = len(rows)
        by = {}
        for c in rows:
            by[c["verdict"]] = by.get(c["verdict"], 0) + 1
        if rows:
            console.print(f"{n} conflict{'s' if n != 1 else ''}: " + ", ".join(f"{v} {k}" for k, v in by.items()),
                          style="dim")
    except BrokenPipeError:
        _closed_pipe()
    finally:
        if output:
            out.close()


@app.command()
def report(
    paths: List[str] = typer.Argument(None, metavar="PATHS", help="Files, folders, fact tables written by extract (.json, "
                                      ".jsonl, .csv), or - for stdin; none: the fact store."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="The HTML file to write (default: "
                                          "stdout, when it is not a terminal)."),
    title: str = typer.Option("cloudfacts report", "--title", metavar="TEXT", help="The page's title."),
    inline_limit: float = typer.Option(8.0, "--inline-limit", metavar="MB", help="Above this many million "
                                       "characters of text, articles are rendered when scrolled to, not "
                                       "written out at load."),
    ref_date: Optional[str] = typer.Option(None, "--ref-date", metavar="YYYY-MM-DD", help="Reference date YYYY-MM-DD."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", metavar="FILE", help="Alias file (see extract)."),
    db: Optional[Path] = typer.Option(None, "--db", metavar="FILE", help=DB_HELP + " Read when no path is given."),
) -> None:
    """Write one self-contained HTML page (no network needed) with the conflicts
    first, each value beside its sources and sentences; every article with its
    mentions highlighted by kind; and a sortable, filterable facts table.

    Article texts come from the files read; for a fact table or the fact store, from the source files when they are still on disk unchanged, else only the sentences the table holds are shown.

    Exit status: 0 written; 2 a usage error, an unwritable output, or an input that could not be read (the page is still written with the others).

    [bold]Examples[/bold]

      cloudfacts report seeds/ -o report.html

      cloudfacts extract seeds/ && cloudfacts report -o report.html     # from the fact store

      cloudfacts extract seeds -f jsonl > facts.jsonl && cloudfacts report facts.jsonl -o report.html
    """
    from .report import read_texts, report_pieces

    if output is None and sys.stdout.isatty():
        raise _usage("give the HTML file to write with -o FILE (or redirect stdout)")
    if inline_limit < 0:
        raise _usage(f"--inline-limit {inline_limit}: expected 0 or more")
    if output is not None:
        _check_output(output)
    problems = _Problems()
    texts: dict = {}
    if paths:
        from .facttable import FactTableError
        from .inputs import load_mentions

        try:
            mentions = load_mentions(paths, ref_date=_parse_ref_date(ref_date), aliases=_aliases(aliases),
                                     on_problem=problems, texts=texts)
        except FactTableError as e:
            raise _usage(str(e)) from None
    else:
        store = _open_store(db, must_exist=True)
        try:
            canon = _canon_for(store, None, _aliases(aliases))
            rows = store.mentions()
            try:
                mentions = [canon.apply(m) for m in rows]
            finally:
                rows.close()
        finally:
            store.close()
    missing = [m for m in mentions if m.source not in texts]
    if missing:
        texts.update(read_texts(missing))
    pieces = report_pieces(mentions, texts, title=title, inline_limit=int(inline_limit * 1_000_000))
    if output is not None:
        tmp = output.with_name(f".{output.name}.tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                f.writelines(pieces)
            os.replace(tmp, output)
        except OSError as e:
            try:
                tmp.unlink()
            except OSError:
                pass
            raise _usage(f"{output}: cannot write: {e.strerror or e}") from None
        _err(f"wrote a report of {len({m.source for m in mentions} | set(texts))} documents and "
             f"{len(mentions)} mentions to {output}")
    else:
        try:
            sys.stdout.writelines(pieces)
            sys.stdout.flush()
        except BrokenPipeError:
            _closed_pipe()
    if problems.failed:
        raise typer.Exit(EXIT_USAGE)


@app.command()
def diff(
    a: str = typer.Argument(..., metavar="A", help="A file, a folder, or a fact table written by extract; with B "
                            "omitted, the fact store is A and this is B."),
    b: Optional[str] = typer.Argument(None, metavar="B", help="The same for the other side."),
    format: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table or json."),
    ref_date: Optional[str] = typer.Option(None, "--ref-date", metavar="YYYY-MM-DD", help="Reference date YYYY-MM-DD."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", metavar="FILE", help="Alias file (see extract)."),
    db: Optional[Path] = typer.Option(None, "--db", metavar="FILE", help=DB_HELP + " Side A when only one path is given."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when the two sides differ, 0 when "
                                   "they do not (like git diff --exit-code)."),
) -> None:
    """Show what changed between two sources or two fact tables: facts only in
    A, only in B, and facts whose values differ for the same key.

    Exit status: 0; with --exit-code, 1 when they differ; 2 when a side cannot be read (nothing is printed then).

    [bold]Examples[/bold]

      cloudfacts diff seeds/000_02f54f3ef9f1c1b6.txt seeds/001_aa28686d20d16767.txt

      cloudfacts diff yesterday.json today.json --format json

      cloudfacts diff new-article.txt          # the fact store against a new text
    """

    from rich.text import Text

    from .conflicts import diff as diff_facts

    if format not in ("table", "json"):
        raise _usage(f"--format {format!r}: expected table or json")
    if a == "-" and b == "-":
        raise _usage("only one side can be read from stdin")
    problems = _Problems()
    if b is None:
        a, b = "(fact store)", a
        ma = _from_store(db, aliases)
    else:
        ma = _load([a], ref_date, aliases, problems)
    mb = _load([b], ref_date, aliases, problems)
    if problems.failed:  # half a comparison would list every fact of the other side as new
        raise _usage("nothing compared: a side could not be read")
    d = diff_facts(ma, mb)
    differs = bool(d["only_in_a"] or d["only_in_b"] or d["changed"])
    if format == "json":
        _print_json(d, "json", None)
    else:
        console = make_console(highlight=False, force_terminal=None if sys.stdout.isatty() else False,
                          width=None if sys.stdout.isatty() else 160)

        def label(k):
            return " · ".join(str(k[f]) for f in ("subject", "attribute", "object", "period") if k[f])

        def vals(vs):
            return "; ".join(f"{_fmt_value(v)} ({v['source']}:{v['line']})" for v in vs)

        try:
            for title, side, style in (("only in A", "only_in_a", "red"), ("only in B", "only_in_b", "green")):
                console.print(f"{title} ({len(d[side])})", style=f"bold {style}")
                for x in d[side]:
                    console.print(Text(printable(f"  {label(x['key'])}: {vals(x['values'])}")))
            console.print(f"changed ({len(d['changed'])})", style="bold yellow")
            for x in d["changed"]:
                console.print(Text(printable(f"  {label(x['key'])}: {vals(x['a'])}  →  {vals(x['b'])}")))
        except BrokenPipeError:
            _closed_pipe()
    if exit_code and differs:
        raise typer.Exit(EXIT_FAIL_ON)


def _show_version(value: bool) -> None:
    if value:
        print(f"cloudfacts {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_show_version,
                                          help="Print the version and exit.")) -> None:
    pass


@app.command()
def version() -> None:
    """Print the version."""
    print(__version__)


def main() -> None:
    import sqlite3
    from concurrent.futures.process import BrokenProcessPool

    from . import stop

    try:
        stop.install()
        sys.unraisablehook = stop.quiet_lost_interrupts
    except ValueError:  # not the main thread (embedded use)
        pass
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

    try:
        try:
            status = app(standalone_mode=False)
        finally:
            stop.check()  # a Ctrl-C whose exception was lost in a finaliser
        sys.exit(status if isinstance(status, int) else EXIT_OK)
    except NoArgsIsHelpError as e:  # `cloudfacts` alone: its help, as asked
        e.show()
        sys.exit(EXIT_OK if e.ctx is None or e.ctx.parent is None else EXIT_USAGE)
    except UsageError as e:  # one line, like every other message, not a boxed panel
        where = e.ctx.command_path.replace("python -m ", "") if e.ctx else "cloudfacts"
        _err(f"{e.format_message()} (see '{where} --help')")
        sys.exit(EXIT_USAGE)
    except ClickException as e:
        _err(e.format_message())
        sys.exit(e.exit_code)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except (stop.Interrupted, KeyboardInterrupt, BrokenProcessPool):
        _err(stop.message())
        sys.exit(stop.exit_status())
    except sqlite3.DatabaseError as e:
        from .runner import default_db
        from .store import StoreDamaged

        db = _current_db or default_db()
        if isinstance(e, StoreDamaged):
            _err(f"{db}: the fact store is damaged ({e}); rebuild it: delete the file and run extract again, "
                 "or give another --db")
        else:
            _err(f"{db}: database error: {e}; the file may be damaged: rebuild it (delete the file and run "
                 "extract again), or give another --db")
        sys.exit(EXIT_USAGE)
    except BrokenPipeError:
        _closed_pipe_at_exit()
    except Exception as e:  # a bug: one line, and the traceback when asked for
        if os.environ.get("CLOUDFACTS_DEBUG"):
            raise
        _err(f"internal error: {type(e).__name__}: {e} (a bug: please report it; CLOUDFACTS_DEBUG=1 shows "
             "the traceback)")
        sys.exit(EXIT_INTERNAL)


def _closed_pipe_at_exit() -> None:
    try:
        _closed_pipe()
    except typer.Exit:
        sys.exit(EXIT_OK)


if __name__ == "__main__":
    main()
