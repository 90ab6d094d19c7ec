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
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Iterator, List, Optional

import typer

from . import __version__
from . import render
from .entities import AliasError, load_aliases
from .export import FORMATS, TABLE_LIMIT, format_from_path, printable, write
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

    from .extractors.dates import parse_date_string

    # the shape of a whole date checked here (day, month word, year: nothing relative, nothing
    # left to the clock); dateparser reads the month in any of its French spellings
    m = re.fullmatch(r"\s*(\d{1,2})(?:er)?\s+(\w+\.?)\s+(\d{4})\s*", s)
    if m:
        d = parse_date_string(f"{m.group(1)} {m.group(2)} {m.group(3)}")
        if d is not None and d.day == int(m.group(1)) and d.year == int(m.group(3)):
            return d
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


@contextmanager
def open_output(output: Optional[Path]) -> Iterator[IO[str]]:
    """Where a command writes its data: stdout, or FILE written whole or not at all
    (a temporary file beside it, renamed once complete; a device or FIFO is
    written directly).  A reader that goes away (`| head`) ends the command
    quietly with one line; a write that fails is one line and exit 2."""
    if output is None:
        try:
            yield sys.stdout
            sys.stdout.flush()
        except BrokenPipeError:
            _closed_pipe()
        return
    direct = output.exists() and not output.is_file()
    target = output if direct else output.with_name(f".{output.name}.tmp")
    try:
        f = open(target, "w", encoding="utf-8", newline="")
    except OSError as e:
        raise _usage(f"{output}: cannot write: {e.strerror or e}") from None
    try:
        with f:
            yield f
        if not direct:
            os.replace(target, output)
    except BaseException as e:
        if not direct:
            try:
                target.unlink()
            except OSError:
                pass
        if isinstance(e, OSError) and not isinstance(e, BrokenPipeError):
            raise _usage(f"{output}: cannot write: {e.strerror or e}") from None
        raise


def _closed_pipe() -> None:
    """The reader went away (`| head`): stop quietly, with one line on stderr."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    _err("output closed by the reader (broken pipe); stopped writing")
    raise typer.Exit(EXIT_OK)


class _Counted:
    """An iterable that counts what went through it."""

    def __init__(self, items) -> None:
        self.items, self.n = items, 0

    def __iter__(self):
        for x in self.items:
            self.n += 1
            yield x


def _emit(mentions, fmt: str, output: Optional[Path], limit: int = TABLE_LIMIT, wide: bool = False) -> None:
    """A fact table in one of the formats, to stdout or FILE."""
    counted = _Counted(mentions)
    with open_output(output) as out:
        color = None if output is None and out.isatty() else False
        write(counted, fmt, out, color=color, limit=limit, wide=wide)
    if output is not None:
        _err(f"wrote {counted.n} mentions to {output}")


# ---- options shared by the commands, declared once -----------------------------------

LIMIT_HELP = (f"Rows of the table format at most (default {TABLE_LIMIT}; 0: all); the other formats "
              "write everything.")
FORMAT_HELP = "Output format: table, json, jsonl or csv. Default: from the -o extension, else table."
DB_HELP = "Fact store (SQLite). Default: $CLOUDFACTS_DB, else ./cloudfacts.db."
READ_PATHS_HELP = ("Files, folders, fact tables written by extract (.json, .jsonl, .csv), or - for stdin (text "
                   "or fact table); none: the fact store.")

FormatOpt = Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help=FORMAT_HELP)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE",
                                                   help="Write to FILE instead of stdout.")]
KindOpt = Annotated[List[str], typer.Option("--kind", "-k", metavar="KIND", help="Keep only this kind "
                                            "(repeatable): " + ", ".join(KINDS) + ".")]
RefDateOpt = Annotated[Optional[str], typer.Option("--ref-date", metavar="YYYY-MM-DD", help=(
    "Reference date for relative dates (`lundi`, `en mars`) when a document has no dateline: YYYY-MM-DD or a "
    "whole French date such as '12 janvier 2015'."))]
AliasesOpt = Annotated[Optional[Path], typer.Option("--aliases", metavar="FILE", help=(
    "Alias file: lines 'variant<TAB>Canonical' or 'variant = Canonical', or a JSON object."))]
DbOpt = Annotated[Optional[Path], typer.Option("--db", metavar="FILE", help=DB_HELP)]
ReadDbOpt = Annotated[Optional[Path], typer.Option("--db", metavar="FILE", help=DB_HELP + " Read when no "
                                                   "path is given.")]
LimitOpt = Annotated[int, typer.Option("--limit", metavar="N", help=LIMIT_HELP)]
WideOpt = Annotated[bool, typer.Option("--wide", help="Table format: also the attribute, object and period "
                                       "columns (what conflicts groups on).")]
SubjectOpt = Annotated[Optional[str], typer.Option("--subject", "-s", metavar="NAME", help="Only figures about "
                                                   "this subject (case and accents folded).")]
AttributeOpt = Annotated[Optional[str], typer.Option("--attribute", "-a", metavar="ATTRIBUTE", help="Only "
                                                     "figures with this attribute (stake, funding, …).")]


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


def _load(paths: List[str], ref_date: Optional[str], aliases: Optional[Path], problems: _Problems,
          texts: Optional[dict] = None) -> list[Mention]:
    """Mentions of texts and fact tables alike, canonicalised together."""
    from .facttable import FactTableError
    from .inputs import load_mentions

    try:
        return load_mentions(paths, ref_date=_parse_ref_date(ref_date), aliases=_aliases(aliases),
                             on_problem=problems, texts=texts)
    except FactTableError as e:
        raise _usage(str(e)) from None


def _from_store(db: Optional[Path], aliases: Optional[Path], facts_only: bool = True) -> list[Mention]:
    """The store's mentions (its facts and person names only, with `facts_only`),
    canonicalised over the whole store."""
    from .stored import canon_for, facts_for_conflicts

    store = _open_store(db, must_exist=True)
    try:
        canon = canon_for(store, None, _aliases(aliases))
        if facts_only:
            return facts_for_conflicts(store, canon)
        rows = store.mentions()
        try:
            return [canon.apply(m) for m in rows]
        finally:
            rows.close()
    finally:
        store.close()


# ---- the commands ---------------------------------------------------------------------------

@app.command()
def extract(
    paths: Annotated[List[str], typer.Argument(metavar="PATHS", help="Files, folders (recursive: .txt, .md, "
                                               ".html) or - for stdin.")],
    format: FormatOpt = None,
    output: OutputOpt = None,
    kind: KindOpt = [],  # noqa: B006 (typer reads the default; never mutated)
    ref_date: RefDateOpt = None,
    aliases: AliasesOpt = None,
    db: DbOpt = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not record anything in the fact store.")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Forget stored documents that vanished from the "
                                        "folders given.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", metavar="N", help="Worker processes (default: "
                                                "all cores).")] = None,
    limit: LimitOpt = TABLE_LIMIT,
    wide: WideOpt = False,
    stream: Annotated[bool, typer.Option("--stream", help=(
        "jsonl and csv: write each document's mentions as soon as it and those before it are done, in input "
        "order (`| head` answers at once; an interrupted run keeps what was written). Names are then "
        "canonical within each document and by --aliases, not across the corpus."))] = False,
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
    from .stored import canon_for, write_json_docs

    fmt = _output_format(format, output)
    if jobs is not None and jobs < 1:
        raise _usage(f"--jobs {jobs}: expected 1 or more")
    if stream and fmt not in ("jsonl", "csv"):
        raise _usage(f"--stream writes jsonl or csv, not {fmt}; add -f jsonl or -f csv")
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
            if stream:
                from .stored import DocumentStream

                with open_output(output) as out:
                    streamed = DocumentStream(store, out, fmt, kinds)
                    stats = run(paths, store, jobs=jobs or default_jobs(), ref_date=ref, aliases=alias_map,
                                on_problem=problems, on_ready=streamed)
            else:
                stats = run(paths, store, jobs=jobs or default_jobs(), ref_date=ref, aliases=alias_map,
                            on_problem=problems)
        except OSError as e:  # a full disk or a read-only folder, where the run keeps its facts
            where = f"the run's temporary files in {tmpdir} (set TMPDIR to a folder with room, or drop " \
                    "--no-store)" if tmpdir else f"the fact store {store.path}"
            raise _usage(f"cannot write {where}: {e.strerror or e}") from None
        if stream:
            if output is not None:
                _err(f"wrote {streamed.n} mentions to {output}")
        elif prune and not no_store:
            gone = store.prune(stats.keys, [p for p in paths if p != "-" and Path(p).is_dir()])
            if gone:
                _err(f"pruned {gone} vanished documents from {store.path}")
        if stream:
            pass
        elif fmt in ("json", "jsonl"):
            canon, moved, texts = canon_for(store, stats.keys, alias_map, with_moves=True)
            with open_output(output) as out:
                n = write_json_docs(store, stats.keys, canon, moved, texts, kinds, fmt == "json", out)
            if output is not None:
                _err(f"wrote {n} mentions to {output}")
        else:
            canon = canon_for(store, stats.keys, alias_map)
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
    kind: KindOpt = [],  # noqa: B006
    subject: SubjectOpt = None,
    source: Annotated[Optional[str], typer.Option("--source", metavar="TEXT", help="Only mentions of sources "
                                                  "whose path contains this text.")] = None,
    attribute: AttributeOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    summary: Annotated[bool, typer.Option("--summary", help="Counts per kind and per source instead of the "
                                          "mentions.")] = False,
    limit: LimitOpt = TABLE_LIMIT,
    wide: WideOpt = False,
    db: DbOpt = None,
    aliases: AliasesOpt = None,
) -> None:
    """Query the fact store that `extract` filled, without re-reading any text.

    [bold]Examples[/bold]

      cloudfacts facts -k percentage --subject orange

      cloudfacts facts --source 001_ -f jsonl

      cloudfacts facts -a stake --wide

      cloudfacts facts --summary
    """
    from .extractors.names import fold
    from .stored import canon_for

    fmt = _output_format(format, output)
    kinds = set(_check_kinds(kind))
    store = _open_store(db, must_exist=True)
    rows = store.mentions()
    try:
        canon = canon_for(store, None, _aliases(aliases))
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
        if not summary:
            _emit(mentions, fmt, output, limit, wide)
            return
        counts = render.summary_rows(mentions)
        with open_output(output) as out:
            if fmt == "table":
                render.summary_table(counts, out)
            elif fmt == "csv":
                render.summary_csv(counts, out)
            else:
                out.write(render.json_text(counts, fmt))
    finally:
        rows.close()
        store.close()


@app.command()
def explain(
    target: Annotated[str, typer.Argument(metavar="SOURCE[:LINE]", help="A file, optionally with a line "
                                          "number.")],
    kind: KindOpt = [],  # noqa: B006
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table (sentences with their "
                                        "mentions), json or jsonl (the mentions with every field).")] = "table",
    output: OutputOpt = None,
    ref_date: RefDateOpt = None,
    aliases: AliasesOpt = None,
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
    with open_output(output) as out:
        if format == "table":
            render.explain_table(mentions, path, out)
        else:
            out.write(render.json_text([dict(m.to_dict(), links=dict(m.links)) for m in mentions], format))


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(metavar="GOLD", help="Gold file, JSON lines (SPEC §5).")],
    docs: Annotated[List[str], typer.Argument(metavar="DOCS", help="The documents the gold refers to (files or "
                                              "folders).")],
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")] = "table",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss, extra and wrong value.")] = False,
    ref_date: RefDateOpt = None,
    aliases: AliasesOpt = None,
) -> None:
    """Score extraction against a gold file: precision, recall, F1, value and
    subject accuracy per kind (matching rule of SPEC §5).

    [bold]Example[/bold]

      cloudfacts eval tests/data/seeds.gold.jsonl seeds/
    """
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
    scores = score(g, [m for m in mentions if Path(m.source).name in names])
    rows = summary(scores)
    with open_output(None) as out:
        if format == "json":
            out.write(json.dumps(rows, indent=1) + "\n")
        else:
            render.eval_table(rows, out)
    if verbose:
        for k, ks in scores.items():
            for x in ks.misses:
                _say(f"MISS  {x.source} {k} {x.text!r}")
            for m in ks.extras:
                _say(f"EXTRA {Path(m.source).name} {k} {m.text!r} rule={m.rule}")
            for x, m in ks.wrong:
                _say(f"VALUE {x.source} {k} {x.text!r} gold={x.value!r} pred={m.value!r}")
    if problems.failed:
        raise typer.Exit(EXIT_USAGE)


def _say(line: str) -> None:
    """A line of a verbose listing on stderr (not a message: no prefix)."""
    try:
        sys.stderr.write(printable(line) + "\n")
    except (OSError, ValueError):
        pass


@app.command()
def conflicts(
    paths: Annotated[Optional[List[str]], typer.Argument(metavar="PATHS", help=READ_PATHS_HELP)] = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", metavar="WHAT", help="Exit 1 when a conflict "
                                                   "matches: 'contradiction' or 'any'.")] = None,
    attribute: AttributeOpt = None,
    subject: SubjectOpt = None,
    ref_date: RefDateOpt = None,
    aliases: AliasesOpt = None,
    db: ReadDbOpt = None,
) -> None:
    """List the figures that disagree between sources, each value with the
    sources, lines and sentences it comes from, and a verdict: rounding,
    approximate, update (the text says the figure changed: a raised bid, a
    holding carried higher; listed former first), contradiction, or spelling
    (a person's name written two ways).

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
    mentions = _load(paths, ref_date, aliases, problems) if paths else _from_store(db, aliases)
    if attribute:
        known = sorted({m.attribute for m in mentions if m.attribute and m.subject})
        if attribute not in known:
            raise _usage(f"--attribute {attribute!r}: no fact has it here; the attributes are: "
                         f"{', '.join(known) or 'none'}")
    found = find_conflicts(mentions, attribute=attribute, subject=subject)
    rows = [c.to_dict() for c in found]
    with open_output(output) as out:
        if fmt in ("json", "jsonl"):
            out.write(render.json_text(rows, fmt))
        elif fmt == "csv":
            render.conflicts_csv(rows, out)
        else:
            render.conflicts_table(rows, out)
    if problems.failed:
        raise typer.Exit(EXIT_USAGE)
    if fail_on == "any" and found or fail_on == "contradiction" and any(c.verdict == "contradiction" for c in found):
        raise typer.Exit(EXIT_FAIL_ON)


@app.command()
def report(
    paths: Annotated[Optional[List[str]], typer.Argument(metavar="PATHS", help=READ_PATHS_HELP)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="The HTML file to "
                                                   "write (default: stdout, when it is not a terminal).")] = None,
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The page's title.")] = "cloudfacts report",
    inline_limit: Annotated[float, typer.Option("--inline-limit", metavar="MB", help=(
        "Above this many million characters of text, articles are rendered when scrolled to, not written out "
        "at load."))] = 8.0,
    ref_date: RefDateOpt = None,
    aliases: AliasesOpt = None,
    db: ReadDbOpt = None,
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
        mentions = _load(paths, ref_date, aliases, problems, texts=texts)
    else:
        mentions = _from_store(db, aliases, facts_only=False)
    missing = [m for m in mentions if m.source not in texts]
    if missing:
        texts.update(read_texts(missing))
    pieces = report_pieces(mentions, texts, title=title, inline_limit=int(inline_limit * 1_000_000))
    with open_output(output) as out:
        out.writelines(pieces)
    if output is not None:
        _err(f"wrote a report of {len({m.source for m in mentions} | set(texts))} documents and "
             f"{len(mentions)} mentions to {output}")
    if problems.failed:
        raise typer.Exit(EXIT_USAGE)


@app.command()
def diff(
    a: Annotated[str, typer.Argument(metavar="A", help="A file, a folder, or a fact table written by extract; "
                                     "with B omitted, the fact store is A and this is B.")],
    b: Annotated[Optional[str], typer.Argument(metavar="B", help="The same for the other side.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")] = "table",
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when the two sides differ, 0 when they "
                                            "do not (like git diff --exit-code).")] = False,
    ref_date: RefDateOpt = None,
    aliases: AliasesOpt = None,
    db: Annotated[Optional[Path], typer.Option("--db", metavar="FILE", help=DB_HELP + " Side A when only one "
                                               "path is given.")] = None,
) -> None:
    """Show what changed between two sources or two fact tables: facts only in
    A, only in B, and facts whose values differ for the same key.

    Exit status: 0; with --exit-code, 1 when they differ; 2 when a side cannot be read (nothing is printed then).

    [bold]Examples[/bold]

      cloudfacts diff seeds/000_02f54f3ef9f1c1b6.txt seeds/001_aa28686d20d16767.txt

      cloudfacts diff yesterday.json today.json --format json

      cloudfacts diff new-article.txt          # the fact store against a new text
    """
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
    with open_output(None) as out:
        if format == "json":
            out.write(render.json_text(d, "json"))
        else:
            render.diff_table(d, out)
    if exit_code and (d["only_in_a"] or d["only_in_b"] or d["changed"]):
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
    from . import rx

    rx.use_watchdog()  # each document bounded by a timer rather than each pattern call
    stop.batch_gc()
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
