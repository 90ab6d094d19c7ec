"""Reading fact tables that `extract` wrote (JSON array, JSON lines, CSV) back
into Mention records, with errors that name the file and the line."""
from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any, Optional

from .export import csv_uncell
from .model import FIELDS, KINDS, Mention

TABLE_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv")


class FactTableError(ValueError):
    """A fact table that cannot be read; the message names file and line."""


def looks_like_table(data: bytes) -> bool:
    """Whether stdin holds a fact table rather than text, by a real parse: a JSON
    array or JSON lines whose first record is an object with a `kind`, or a CSV
    with cloudfacts' header.  Text that merely starts with `[` or `{` (a dateline
    `[12/01/2015 11:44:50]`) is text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    stripped = text.lstrip()
    if stripped.startswith("id,source,kind"):
        return True
    if stripped.startswith("["):
        try:
            rows = json.loads(stripped, parse_constant=float, parse_int=_parse_int)
        except (ValueError, RecursionError):
            return False
        return isinstance(rows, list) and (not rows or (isinstance(rows[0], dict) and "kind" in rows[0]))
    if stripped.startswith("{"):
        first = stripped.split("\n", 1)[0]
        try:
            row = json.loads(first, parse_constant=float, parse_int=_parse_int)
        except (ValueError, RecursionError):
            return False
        return isinstance(row, dict) and "kind" in row
    return False


def _num(v: Any, where: str, field: str) -> Optional[float | int]:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise FactTableError(f"{where}: field {field!r} must be a number, not {v!r}")
    if isinstance(v, (int, float)):
        x = v
    else:
        try:
            x = float(v)
        except (TypeError, ValueError):
            return str(v)  # dates are strings (`2014-04`)
    if isinstance(x, float):
        if math.isnan(x) or math.isinf(x):
            raise FactTableError(f"{where}: field {field!r} is {v!r}, not a finite number")
        if x.is_integer() and abs(x) < 2**53:
            return int(x)
    return x


def _int(v: Any, where: str, field: str) -> int:
    try:
        if isinstance(v, bool):
            raise ValueError
        x = int(v) if not isinstance(v, float) or v.is_integer() else None
        if x is None:
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        raise FactTableError(f"{where}: field {field!r} must be an integer, not {v!r}") from None
    if x < 0 or x > 2**40:
        raise FactTableError(f"{where}: field {field!r} is out of range: {v!r}")
    return x


def _str(v: Any, where: str, field: str, required: bool = False) -> Optional[str]:
    if v is None or v == "":
        if required:
            raise FactTableError(f"{where}: missing field {field!r}")
        return None if not required else ""
    if not isinstance(v, (str, int, float)) or isinstance(v, bool):
        raise FactTableError(f"{where}: field {field!r} must be a string, not {type(v).__name__}")
    return str(v)


def row_to_mention(row: Any, where: str) -> Mention:
    if not isinstance(row, dict):
        raise FactTableError(f"{where}: expected an object with the fields of `cloudfacts extract`")
    kind = row.get("kind")
    if kind not in KINDS:
        raise FactTableError(f"{where}: field 'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
    value = row.get("value")
    if kind in ("percentage", "amount", "quantity"):
        value = _num(value, where, "value")
        if isinstance(value, str):
            raise FactTableError(f"{where}: field 'value' must be a number for a {kind}, not {value!r}")
        vmax = _num(row.get("max"), where, "max")
    else:
        value = _str(value, where, "value")
        vmax = _str(row.get("max"), where, "max")
    return Mention(
        source=_str(row.get("source"), where, "source", required=True) or "",
        kind=kind,
        text=_str(row.get("text"), where, "text", required=True) or "",
        start=_int(row.get("start"), where, "start"),
        end=_int(row.get("end"), where, "end"),
        line=_int(row.get("line", 1), where, "line"),
        value=value, max=vmax,
        unit=_str(row.get("unit"), where, "unit"),
        qualifier=_str(row.get("qualifier"), where, "qualifier"),
        subject=_str(row.get("subject"), where, "subject"),
        object=_str(row.get("object"), where, "object"),
        attribute=_str(row.get("attribute"), where, "attribute"),
        period=_str(row.get("period"), where, "period"),
        sentence=_str(row.get("sentence"), where, "sentence") or "",
        rule=_str(row.get("rule"), where, "rule") or "",
        id=_str(row.get("id"), where, "id") or "",
    )


def _parse_int(s: str) -> int | float:
    # Python refuses to convert integers of more than 4300 digits; such a number
    # is read as a float (inf) and refused by the field checks with the others
    return int(s) if len(s) < 400 else float(s)


def _json(text: str, name: str, lineno: Optional[int]) -> Any:
    """Parsed JSON, or a FactTableError naming the file and line (NaN and
    Infinity are read, then refused by the field checks)."""
    try:
        return json.loads(text, parse_constant=float, parse_int=_parse_int)
    except json.JSONDecodeError as e:
        raise FactTableError(f"{name}:{lineno or e.lineno}: invalid JSON: {e.msg}") from None
    except RecursionError:
        raise FactTableError(f"{name}{f':{lineno}' if lineno else ''}: invalid fact table: JSON nested too "
                             "deeply") from None
    except ValueError as e:
        raise FactTableError(f"{name}:{lineno}: {e}" if lineno else f"{name}: {e}") from None


def read_table(data: bytes, name: str) -> list[Mention]:
    """Mentions of a fact table in any of the formats `extract` writes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FactTableError(f"{name}: fact table is not UTF-8") from None
    stripped = text.lstrip()
    out: list[Mention] = []
    if stripped.startswith("["):
        rows = _json(text, name, None)
        if not isinstance(rows, list):
            raise FactTableError(f"{name}: expected a JSON array of mentions")
        for i, row in enumerate(rows, 1):
            out.append(row_to_mention(row, f"{name}: element {i}"))
        return out
    if stripped.startswith("{"):
        # lines end at "\n" only: U+2028 and the like may stand inside a JSON string
        for lineno, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            out.append(row_to_mention(_json(line, name, lineno), f"{name}:{lineno}"))
        return out
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or not {"kind", "source", "start", "end", "text"} <= set(reader.fieldnames):
        raise FactTableError(f"{name}:1: not a cloudfacts CSV (expected the columns {', '.join(FIELDS)})")
    try:
        for row in reader:
            where = f"{name}:{reader.line_num}"
            clean = {k: (csv_uncell(v) if isinstance(v, str) else v) for k, v in row.items() if k}
            out.append(row_to_mention(clean, where))
    except csv.Error as e:
        raise FactTableError(f"{name}:{reader.line_num}: malformed CSV: {e}") from None
    return out


def read_table_file(path: str) -> list[Mention]:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise FactTableError(f"{path}: cannot read: {e.strerror or e}") from None
    return read_table(data, path)
