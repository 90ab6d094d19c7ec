"""The `cloudfacts` command line.

Data goes to stdout, messages to stderr.  Exit status: 0 success; 1 reserved
for `--fail-on` checks; 2 usage error, or some input could not be read (the
rest of the run still goes on and its output is written).
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
from .export import FORMATS, format_from_path, write
from .model import KINDS, Mention
from .sources import SourceProblem

EXIT_OK, EXIT_FAIL_ON, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Extract the figures and names of French text (percentages, amounts, counts, dates, "
         "people, organisations, places) into one normalised fact table.\n\n"
         "Exit status: 0 success; 2 usage error or an input that could not be read "
         "(the other inputs are still processed).",
)


def _err(msg: str) -> None:
    try:
        sys.stderr.write(f"cloudfacts: {msg}\n")
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
    if s is None:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        pass
    from .extractors.dates import parse_date_string

    # `12 janvier 2015` is accepted too; a bare number like 12/01/2015 is
    # ambiguous between French and US order, so only unambiguous text passes
    if any(c.isalpha() for c in s):
        d = parse_date_string(s)
        if d is not None:
            return d
    raise _usage(f"--ref-date {s!r}: expected a date as YYYY-MM-DD, e.g. 2015-01-12")


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


def _emit(mentions: list[Mention], fmt: str, output: Optional[Path]) -> None:
    if output is not None:
        try:
            with open(output, "w", encoding="utf-8", newline="") as f:
                write(mentions, fmt, f, color=False)
        except OSError as e:
            raise _usage(f"{output}: cannot write: {e.strerror or e}") from None
        _err(f"wrote {len(mentions)} mentions to {output}")
        return
    try:
        write(mentions, fmt, sys.stdout, color=None if sys.stdout.isatty() else False)
        sys.stdout.flush()
    except BrokenPipeError:
        _closed_pipe()


def _closed_pipe() -> None:
    """The reader went away (`| head`): stop quietly, with one line on stderr."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    _err("output closed by the reader (broken pipe); stopped writing")
    raise typer.Exit(EXIT_OK)


FORMAT_HELP = "Output format: table, json, jsonl or csv. Default: from the -o extension, else table."


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files, folders (recursive: .txt, .md, .html) or - for stdin."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to FILE instead of stdout."),
    kind: List[str] = typer.Option([], "--kind", "-k", help="Keep only this kind (repeatable): "
                                   + ", ".join(KINDS) + "."),
    ref_date: Optional[str] = typer.Option(None, "--ref-date", help="Reference date for relative dates "
                                           "(`lundi`, `en mars`) when a document has no dateline: YYYY-MM-DD "
                                           "or French text such as '12 janvier 2015'."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="Alias file: lines 'variant<TAB>Canonical' "
                                           "or 'variant = Canonical', or a JSON object."),
) -> None:
    """Extract every figure and name, with its exact source span.

    [bold]Examples[/bold]

      cloudfacts extract seeds/

      cloudfacts extract seeds/ --format jsonl | jq -r 'select(.kind=="percentage") | .text'

      cloudfacts extract article.html -k amount -k percentage -o facts.csv

      cat article.txt | cloudfacts extract - --ref-date 2015-01-12 --format json
    """
    from .pipeline import extract_paths

    fmt = format or format_from_path(str(output) if output else None) or "table"
    if fmt not in FORMATS:
        raise _usage(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    kinds = set(_check_kinds(kind))
    ref = _parse_ref_date(ref_date)
    alias_map = _aliases(aliases)
    problems = _Problems()
    mentions = extract_paths(paths, ref_date=ref, aliases=alias_map, on_problem=problems)
    if kinds:
        mentions = [m for m in mentions if m.kind in kinds]
    _emit(mentions, fmt, output)
    if problems.failed:
        raise typer.Exit(EXIT_USAGE)


@app.command()
def explain(
    target: str = typer.Argument(..., metavar="SOURCE[:LINE]", help="A file, optionally with a line number."),
    kind: List[str] = typer.Option([], "--kind", "-k", help="Keep only this kind (repeatable)."),
    ref_date: Optional[str] = typer.Option(None, "--ref-date", help="Reference date YYYY-MM-DD."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="Alias file (see extract)."),
) -> None:
    """Show each mention highlighted in its sentence, with its normalised value
    and the name of the rule that produced it.

    [bold]Examples[/bold]

      cloudfacts explain seeds/001_aa28686d20d16767.txt:8

      cloudfacts explain article.txt -k date
    """
    from rich.console import Console
    from rich.text import Text

    from .export import KIND_STYLES
    from .pipeline import extract_paths

    path, line = target, None
    if not Path(target).exists() and ":" in target:
        head, _, tail = target.rpartition(":")
        if tail.isdigit():
            path, line = head, int(tail)
    if not Path(path).is_file() and path != "-":
        raise _usage(f"{path}: no such file")
    kinds = set(_check_kinds(kind))
    problems = _Problems()
    mentions = extract_paths([path], ref_date=_parse_ref_date(ref_date), aliases=_aliases(aliases),
                             on_problem=problems)
    if problems.failed:
        raise typer.Exit(EXIT_USAGE)
    mentions = [m for m in mentions if (line is None or m.line == line) and (not kinds or m.kind in kinds)]
    console = Console(highlight=False, force_terminal=None if sys.stdout.isatty() else False)
    if not mentions:
        _err(f"no mention in {target}")
        return
    by_sentence: dict[tuple[int, str], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault((m.line, m.sentence), []).append(m)
    try:
        for (ln, sentence), ms in by_sentence.items():
            t = Text(sentence)
            for m in ms:
                i = sentence.find(m.text)
                if i >= 0:
                    t.stylize(f"{KIND_STYLES.get(m.kind, '')} underline", i, i + len(m.text))
            console.print(Text(f"{path}:{ln}", style="dim"))
            console.print(t)
            for m in ms:
                val = "null" if m.value is None else json.dumps(m.value, ensure_ascii=False)
                extra = "".join(f" {k}={v}" for k, v in (("max", m.max), ("unit", m.unit),
                                                          ("qualifier", m.qualifier)) if v is not None)
                row = Text("  ")
                row.append(f"{m.kind:<12}", style=KIND_STYLES.get(m.kind, ""))
                row.append(f" {m.text!r} [{m.start}:{m.end}] → {val}{extra}")
                row.append(f"  rule={m.rule}", style="dim")
                console.print(row)
            console.print()
    except BrokenPipeError:
        _closed_pipe()


@app.command("eval")
def eval_(
    gold: Path = typer.Argument(..., help="Gold file, JSON lines (SPEC §5)."),
    docs: List[str] = typer.Argument(..., help="The documents the gold refers to (files or folders)."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss, extra and wrong value."),
    ref_date: Optional[str] = typer.Option(None, "--ref-date", help="Reference date YYYY-MM-DD."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="Alias file (see extract)."),
) -> None:
    """Score extraction against a gold file: precision, recall, F1, value and
    subject accuracy per kind (matching rule of SPEC §5).

    [bold]Example[/bold]

      cloudfacts eval tests/data/seeds.gold.jsonl seeds/
    """
    from rich.console import Console
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
        console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
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


@app.command()
def version() -> None:
    """Print the version."""
    print(__version__)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
