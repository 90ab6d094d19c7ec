"""Renderers of the command line's outputs other than the fact table (export.py):
conflicts, diffs, explanations, summaries, eval scores.  Each writes to a text
stream it is given and knows nothing of options, files or exit statuses; a
closed pipe is a BrokenPipeError for the caller.  On a terminal, text read from
documents or fact tables is shown with its control characters escaped and never
read as rich markup."""
from __future__ import annotations

import csv
import json
from collections import Counter
from typing import IO, Iterable

from .export import KIND_STYLES, console, csv_cell, printable
from .model import KINDS, Mention

VERDICT_STYLES = {"contradiction": "bold red", "update": "green", "approximate": "yellow", "rounding": "cyan", "spelling": "magenta"}
KEY_FIELDS = ("subject", "attribute", "object", "period")


def terminal(out: IO[str], width: int | None = 160, **kw):
    """A rich console on `out`: colours on a terminal only; `width` when it is not one."""
    tty = out.isatty()
    return console(file=out, highlight=False, force_terminal=None if tty else False,
                   width=None if tty else width, **kw)


def fmt_value(v: dict) -> str:
    """`44.4 %`, `450000000 – 500000000 EUR (approx)`."""
    s = "" if v.get("value") is None else str(v["value"])
    if v.get("max") is not None:
        s += f" – {v['max']}"
    if v.get("unit"):
        s += f" {v['unit']}"
    if v.get("qualifier"):
        s += f" ({v['qualifier']})"
    return s


def key_label(k: dict) -> str:
    return " · ".join(str(k[f]) for f in KEY_FIELDS if k.get(f))


def json_text(obj, fmt: str) -> str:
    """A JSON array (indented) or JSON lines of a list of dicts."""
    if fmt == "jsonl":
        return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in obj)
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


# ---- conflicts ------------------------------------------------------------------------

CONFLICT_COLUMNS = ["verdict", "subject", "attribute", "object", "period", "kind", "value", "max", "unit",
                    "qualifier", "source", "source_date", "line", "start", "end", "text", "sentence"]


def conflicts_csv(rows: list[dict], out: IO[str]) -> None:
    """One CSV row per mention of each value of each conflict."""
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(CONFLICT_COLUMNS)
    for c in rows:
        k = c["key"]
        for v in c["values"]:
            for m in v["mentions"]:
                w.writerow([csv_cell(x) for x in (c["verdict"], k["subject"], k["attribute"], k["object"],
                                                  k["period"], k["kind"], v["value"], v.get("max"), v["unit"],
                                                  v["qualifier"], m["source"], m.get("source_date"), m["line"],
                                                  m["start"], m["end"],
                                                  m["text"], m.get("sentence"))])


def conflicts_table(rows: list[dict], out: IO[str]) -> None:
    """Each conflict: verdict and key, then each value with its sources and the
    sentence, the figure underlined; a count per verdict at the end."""
    from rich.text import Text

    con = terminal(out)
    if not rows:
        con.print("no conflicts")
    for c in rows:
        k = c["key"]
        head = Text()
        head.append(f"{c['verdict']:<13}", style=VERDICT_STYLES.get(c["verdict"], ""))
        label = key_label(k)
        if c["verdict"] == "spelling":
            label = " / ".join(str(v["value"]) for v in c["values"])
        head.append(f" {printable(label)}", style="bold")
        head.append(f"  ({printable(k['kind'])})", style="dim")
        con.print(head)
        for v in c["values"]:
            con.print(Text(f"  {printable(fmt_value(v))}", style="bold"))
            for m in v["mentions"]:
                dated = f" ({m['source_date']})" if m.get("source_date") else ""
                line = Text(f"    {printable(m['source'])}:{m['line']}{dated}  ", style="dim")
                sentence = printable(m.get("sentence") or m["text"])
                figure = printable(m["text"])
                t = Text(sentence)
                i = sentence.find(figure)
                if i >= 0:
                    t.stylize("bold underline", i, i + len(figure))
                line.append(t)
                con.print(line)
        con.print()
    if rows:
        by = Counter(c["verdict"] for c in rows)
        n = len(rows)
        con.print(f"{n} conflict{'s' if n != 1 else ''}: " + ", ".join(f"{v} {k}" for k, v in by.items()),
                  style="dim")


# ---- diff --------------------------------------------------------------------------------

def diff_table(d: dict, out: IO[str]) -> None:
    from rich.text import Text

    con = terminal(out)

    def vals(vs):
        return "; ".join(f"{fmt_value(v)} ({v['source']}:{v['line']})" for v in vs)

    for title, side, style in (("only in A", "only_in_a", "red"), ("only in B", "only_in_b", "green")):
        con.print(f"{title} ({len(d[side])})", style=f"bold {style}")
        for x in d[side]:
            con.print(Text(printable(f"  {key_label(x['key'])}: {vals(x['values'])}")))
    con.print(f"changed ({len(d['changed'])})", style="bold yellow")
    for x in d["changed"]:
        con.print(Text(printable(f"  {key_label(x['key'])}: {vals(x['a'])}  →  {vals(x['b'])}")))


# ---- explain ------------------------------------------------------------------------------

def explain_table(mentions: list[Mention], path: str, out: IO[str]) -> None:
    """Sentence by sentence: the sentence with its mentions underlined, then one
    row per mention: kind, text, span → value, its links, its rule."""
    from rich.text import Text

    con = terminal(out, width=None, soft_wrap=not out.isatty())
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
        con.print(Text(printable(f"{path}:{ln}"), style="dim"))
        con.print(t)
        for m in ms:
            val = "null" if m.value is None else json.dumps(m.value, ensure_ascii=False)
            extra = "".join(f" {k}={v}" for k, v in (("max", m.max), ("unit", m.unit),
                                                      ("qualifier", m.qualifier)) if v is not None)
            why = dict(m.links)
            links = "".join(f" {k}={json.dumps(v, ensure_ascii=False)}" + (f" ← {why[k]}" if k in why else "")
                            for k, v in (("subject", m.subject), ("object", m.object), ("attribute", m.attribute),
                                         ("period", m.period)) if v is not None)
            row = Text("  ")
            row.append(f"{m.kind:<12}", style=KIND_STYLES.get(m.kind, ""))
            row.append(printable(f" «{m.text}» [{m.start}:{m.end}] → {val}{extra}"))
            if links:
                row.append(printable(links), style="italic")
            row.append(f"  rule={m.rule}", style="dim")
            con.print(row)
        con.print()


# ---- summary ------------------------------------------------------------------------------

def summary_rows(mentions: Iterable[Mention]) -> list[dict]:
    """{source, kind, count} for each source and kind, then the totals (source `*`)."""
    per = Counter((m.source, m.kind) for m in mentions)
    totals: Counter = Counter()
    for (_, k), n in per.items():
        totals[k] += n
    rows = [{"source": s, "kind": k, "count": per[(s, k)]} for s in sorted({s for s, _ in per})
            for k in KINDS if per[(s, k)]]
    return rows + [{"source": "*", "kind": k, "count": totals[k]} for k in KINDS if totals[k]]


def summary_csv(rows: list[dict], out: IO[str]) -> None:
    w = csv.DictWriter(out, ["source", "kind", "count"], lineterminator="\r\n")
    w.writeheader()
    w.writerows({k: csv_cell(v) for k, v in r.items()} for r in rows)


def summary_table(rows: list[dict], out: IO[str]) -> None:
    """One row per source, one column per kind, and the totals."""
    from rich.table import Table
    from rich.text import Text

    per = {(r["source"], r["kind"]): r["count"] for r in rows}
    sources = [s for s in dict.fromkeys(r["source"] for r in rows) if s != "*"]
    table = Table(header_style="bold")
    table.add_column("source")
    for k in KINDS:
        table.add_column(k, justify="right")
    table.add_column("all", justify="right")
    for s in sources:
        counts = [per.get((s, k), 0) for k in KINDS]
        table.add_row(Text(printable(s)), *map(str, counts), str(sum(counts)))
    totals = [per.get(("*", k), 0) for k in KINDS]
    table.add_row("all", *map(str, totals), str(sum(totals)), style="bold")
    terminal(out, width=200).print(table)


# ---- eval -----------------------------------------------------------------------------------

EVAL_COLUMNS = ("gold", "pred", "tp", "precision", "recall", "f1", "value_acc", "subject_acc")


def eval_table(rows: dict, out: IO[str]) -> None:
    from rich.table import Table

    table = Table(header_style="bold")
    table.add_column("kind")
    for c in EVAL_COLUMNS:
        table.add_column(c, justify="right")
    for k, r in rows.items():
        table.add_row(k, *("-" if r[c] is None else (f"{r[c]:.3f}" if isinstance(r[c], float) else str(r[c]))
                           for c in EVAL_COLUMNS))
    terminal(out, width=120).print(table)
