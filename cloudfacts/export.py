"""Writing mentions: rich table, JSON array, JSON lines, CSV (SPEC §1 fields)."""
from __future__ import annotations

import csv
import io
import json
import math
from json.encoder import encode_basestring
from operator import attrgetter
from typing import IO, Iterable

from .model import FIELDS, Mention
from .text import WordMemo

FORMATS = ("table", "json", "jsonl", "csv")
KIND_STYLES = {"percentage": "bold magenta", "amount": "bold green", "quantity": "cyan", "date": "yellow",
               "person": "bold blue", "organization": "bold red", "location": "bold cyan"}


def format_from_path(path: str | None) -> str | None:
    if not path:
        return None
    low = path.lower()
    for ext, fmt in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json"), (".csv", "csv")):
        if low.endswith(ext):
            return fmt
    return None


_FIELD_VALUES = attrgetter(*FIELDS)
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_STR = encode_basestring  # the json module's own string encoder (C), as json.dumps(ensure_ascii=False) uses
# a document's mentions share their source and, sentence by sentence, their sentence
_STR_SHARED = WordMemo(encode_basestring, 4096)


def _json_value(v) -> str:
    c = v.__class__
    if c is str:
        return _STR(v)
    if v is None:
        return "null"
    if c is float:
        return float.__repr__(v) if math.isfinite(v) else "null"
    if c is int:
        return int.__repr__(v)
    return _ENCODE(v)


def _json_generic(m: Mention) -> str:
    d = dict(zip(FIELDS, _FIELD_VALUES(m)))
    for k in ("value", "max"):
        v = d[k]
        if isinstance(v, float) and not math.isfinite(v):
            d[k] = None
    return _ENCODE(d)


def json_line(m: Mention) -> str:
    """One mention as JSON (SPEC §1 fields), as jsonl and json output write it:
    the text `json.dumps(m.to_dict(), ensure_ascii=False)` gives, written out
    field by field (three times faster).  NaN and infinities become null."""
    (id_, source, kind, text, start, end, line, value, vmax, unit, qualifier, subject, obj, attribute, period,
     sentence, rule) = _FIELD_VALUES(m)
    if not (start.__class__ is int and end.__class__ is int and line.__class__ is int):
        return _json_generic(m)
    try:
        return (f'{{"id": {_STR(id_)}, "source": {_STR_SHARED[source]}, "kind": {_STR(kind)}, "text": {_STR(text)}, '
                f'"start": {start}, "end": {end}, "line": {line}, "value": {_json_value(value)}, '
                f'"max": {_json_value(vmax)}, "unit": {_json_value(unit)}, "qualifier": {_json_value(qualifier)}, '
                f'"subject": {_json_value(subject)}, "object": {_json_value(obj)}, '
                f'"attribute": {_json_value(attribute)}, "period": {_json_value(period)}, '
                f'"sentence": {_STR_SHARED[sentence]}, "rule": {_STR(rule)}}}')
    except TypeError:  # a field of an unexpected type (None where text is due): the general path
        return _json_generic(m)


def write_json_lines(lines: Iterable[str], out: IO[str], array: bool) -> None:
    """Write pre-serialised mentions as a JSON array or as JSON lines."""
    if not array:
        for line in lines:
            out.write(line + "\n")
        return
    out.write("[")
    first = True
    for line in lines:
        out.write("\n " if first else ",\n ")
        out.write(line)
        first = False
    out.write("\n]\n" if not first else "]\n")


def write_json(mentions: Iterable[Mention], out: IO[str]) -> None:
    write_json_lines((json_line(m) for m in mentions), out, array=True)


def write_jsonl(mentions: Iterable[Mention], out: IO[str]) -> None:
    write_json_lines((json_line(m) for m in mentions), out, array=False)


# OWASP CSV injection: a cell a spreadsheet would read as a formula starts with
# one of these; it is prefixed with a quote (numbers such as -76 are left alone).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v) if isinstance(v, float) else str(v)
    s = str(v)
    if s.startswith(_FORMULA_START) or s.startswith("'"):
        return "'" + s
    return s


def csv_uncell(s: str) -> str:
    """Inverse of csv_cell for text cells."""
    if s.startswith("'") and (s[1:].startswith(_FORMULA_START) or s[1:].startswith("'")):
        return s[1:]
    return s


def write_csv(mentions: Iterable[Mention], out: IO[str]) -> None:
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(FIELDS)
    for m in mentions:
        d = m.to_dict()
        w.writerow([csv_cell(d[f]) for f in FIELDS])


# C0 and C1 control characters and DEL: shown escaped on a terminal (a NUL, a
# TAB or an ESC from a fact table must not move the cursor or set colours), and in
# messages (a file name holding a newline must not make a second, fake line).
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x20), 0x7f, *range(0x80, 0xa0)]}
_CONTROL.update({0x09: "\\t", 0x0a: "\\n", 0x0d: "\\r"})
# bidirectional overrides and isolates can reorder what a terminal shows
_CONTROL.update({c: f"\\u{c:04x}" for c in [*range(0x202a, 0x202f), *range(0x2066, 0x206a)]})


def printable(s) -> str:
    """`s` with its control characters escaped (`\\n`, `\\x00`, `\\x1b`), for a terminal."""
    return str(s).translate(_CONTROL)


def console(**kw):
    """A rich Console whose broken pipe (`… | head`) is a BrokenPipeError for the
    command to handle (rich's own handling exits with status 1 and no message)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError()

    return _Console(**kw)


TABLE_LIMIT = 1000  # rows of the terminal table by default: 100,000 rows take a minute to lay out


def write_table(mentions, out: IO[str], color: bool | None = None, limit: int = TABLE_LIMIT,
                wide: bool = False) -> None:
    """The rich table: the first `limit` mentions (0: all), then a footer with the
    count and how to get everything.  `wide` adds attribute, object and period,
    what `conflicts` groups figures on."""
    from itertools import islice

    from rich.table import Table

    con = console(file=out, force_terminal=color, highlight=False, soft_wrap=False,
                  width=None if color is not False else 200)
    table = Table(show_lines=False, header_style="bold")
    cols = ["kind", "text", "value", "unit", "subject"] + (["attribute", "object", "period"] if wide else [])
    for col in cols + ["source:line"]:
        table.add_column(col, overflow="fold")
    it = iter(mentions)
    shown = 0
    for m in (islice(it, limit) if limit else it):
        shown += 1
        style = KIND_STYLES.get(m.kind, "")
        value = "" if m.value is None else str(m.value)
        if m.max is not None:
            value += f" – {m.max}"
        if m.qualifier:
            value += f" ({m.qualifier})"
        cells = [m.text, value, m.unit or "", m.subject or ""]
        if wide:
            cells += [m.attribute or "", m.object or "", m.period or ""]
        table.add_row(f"[{style}]{m.kind}[/]", *(_esc(printable(c)) for c in cells),
                      _esc(printable(f"{m.source}:{m.line}")))
    rest = sum(1 for _ in it)
    con.print(table)
    total = shown + rest
    if rest:
        con.print(f"{total} mentions, the first {shown} shown (--limit N, 0 for all; -f jsonl or csv for a "
                  "fact table)", style="dim")
    else:
        con.print(f"{total} mention{'s' if total != 1 else ''}", style="dim")


def _esc(s: str) -> str:
    from rich.markup import escape

    return escape(s)


def write(mentions, fmt: str, out: IO[str], color: bool | None = None, limit: int = TABLE_LIMIT,
          wide: bool = False) -> None:
    if fmt == "json":
        write_json(mentions, out)
    elif fmt == "jsonl":
        write_jsonl(mentions, out)
    elif fmt == "csv":
        write_csv(mentions, out)
    else:
        write_table(mentions, out, color, limit, wide)


def to_string(mentions: list[Mention], fmt: str) -> str:
    buf = io.StringIO()
    write(mentions, fmt, buf, color=False)
    return buf.getvalue()
