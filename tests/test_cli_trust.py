"""A command line that can be scripted and trusted: the cases found by trying the
tool as a new user would and by fuzzing it, each as a regression test."""
from __future__ import annotations

import json
import math

import pytest

from cloudfacts.facttable import FactTableError, looks_like_table, read_table
from cloudfacts.pipeline import extract_text

from conftest import ROOT

SEED = "seeds/001_aa28686d20d16767.txt"


# ---- values are finite ----------------------------------------------------------------

@pytest.mark.parametrize("text", ["1" * 200 + "٣" + "1" * 200 + " euros", "9" * 320 + " millions d'euros",
                                  "Il a reçu " + "9" * 300 + " milliards de dollars"])
def test_a_number_beyond_a_float_gives_no_mention(text):
    got = [m for m in extract_text(text) if m.kind in ("amount", "quantity", "percentage")]
    assert got == []


def test_large_but_finite_amounts_are_kept():
    got = [m for m in extract_text("Il a reçu 12 milliards d'euros.") if m.kind == "amount"]
    assert [(m.text, m.value) for m in got] == [("12 milliards d'euros", 12_000_000_000)]
    assert all(math.isfinite(m.value) for m in got)


def test_all_formats_agree_on_a_text_that_overflowed(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Le total : " + "1" * 200 + "٣" + "1" * 200 + " euros, et 12 euros.\n",
                                    encoding="utf-8")
    for fmt in ("json", "jsonl", "csv"):
        r = cli("extract", str(tmp_path / "a.txt"), "-f", fmt, "-k", "amount", "--no-store")
        out = r.stdout.decode()
        assert r.returncode == 0 and "inf" not in out.lower() and "12 euros" in out


# ---- fact tables that are damaged -------------------------------------------------------

def test_a_fact_table_nested_too_deep_is_refused_in_one_line(cli, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    r = cli("conflicts", str(deep))
    assert r.returncode == 2
    assert r.stderr.decode() == f"cloudfacts: {deep}: invalid fact table: JSON nested too deeply\n"


def test_a_5000_digit_integer_in_a_fact_table_is_refused_with_the_field_named(cli, tmp_path):
    big = tmp_path / "big.json"
    big.write_text('[{"source": "a", "kind": "amount", "text": "x", "start": 0, "end": 1, "value": '
                   + "9" * 5000 + "}]", encoding="utf-8")
    r = cli("conflicts", str(big))
    assert r.returncode == 2
    assert r.stderr.decode() == f"cloudfacts: {big}: element 1: field 'value' is inf, not a finite number\n"
    with pytest.raises(FactTableError, match="field 'start'"):
        read_table(b'{"source": "a", "kind": "amount", "text": "x", "start": ' + b"1" * 5000 + b', "end": 1}', "t")


# ---- stdin: text or fact table, by a real parse ---------------------------------------------

@pytest.mark.parametrize("data,table", [
    (b"[12/01/2015 11:44:50] Orange d\xc3\xa9tient 44 % de Cloudwatt.", False),
    (b"{Cloud} Orange d\xc3\xa9tient 44 %.", False),
    (b"[1, 2] puis du texte", False),
    (b'[{"kind": "percentage"}]', True),
    (b"[]", True),
    (b'{"kind": "percentage", "source": "a"}\n{"kind": "date"}\n', True),
    (b"id,source,kind,text\n", True),
    (b"Orange d\xc3\xa9tient 44 %.", False),
])
def test_stdin_is_a_table_only_when_it_parses_as_one(data, table):
    assert looks_like_table(data) is table


def test_text_on_stdin_starting_with_a_dateline_is_extracted_by_conflicts_and_diff(cli):
    text = (b"[12/01/2015 11:44:50] Orange d\xc3\xa9tient 44 % de Cloudwatt, contre 33 % pour la "
            b"Caisse des d\xc3\xa9p\xc3\xb4ts.\n")
    r = cli("conflicts", "-", SEED, "-f", "json", input=text)
    assert r.returncode == 0, r.stderr
    keys = {(c["key"]["subject"], c["verdict"]) for c in json.loads(r.stdout)}
    assert ("Orange", "rounding") in keys  # 44 % (stdin) against 44,4 % (the seed)
    r = cli("diff", "-", SEED, "-f", "json", input=text)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert any(x["key"]["subject"] == "Orange" for x in d["changed"])


# ---- special files -------------------------------------------------------------------------

def test_special_files_are_refused_by_name_and_skipped_in_folders(cli, tmp_path):
    import os
    import shutil

    d = tmp_path / "docs"
    d.mkdir()
    os.mkfifo(d / "pipe.txt")  # reading it would block the whole folder forever
    shutil.copy(SEED, d / "a.txt")
    (d / "dangling.txt").symlink_to(tmp_path / "nothing-here")
    r = cli("extract", str(d), "-k", "percentage", "-f", "jsonl", "--no-store")
    assert r.returncode == 2  # the broken link is an input that could not be read
    assert len(r.stdout.decode().splitlines()) == 5  # a.txt was still extracted
    err = r.stderr.decode().splitlines()
    assert f"cloudfacts: {d / 'pipe.txt'}: skipped: not a regular file" in err
    assert f"cloudfacts: {d / 'dangling.txt'}: broken symbolic link: its target does not exist" in err
    for special in ("/dev/zero", str(d / "pipe.txt")):
        r = cli("extract", special, "--no-store", "-f", "jsonl")
        assert r.returncode == 2 and r.stdout == b""
        assert r.stderr.decode() == (f"cloudfacts: {special}: not a regular file (a device, FIFO or socket): "
                                     "not read; give - to read standard input\n")


def test_an_empty_folder_says_so(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    r = cli("extract", str(tmp_path / "empty"), "-f", "jsonl", "--no-store")
    assert r.returncode == 0 and r.stdout == b""
    assert r.stderr.decode() == f"cloudfacts: {tmp_path / 'empty'}: no .txt, .md or .html file in this folder\n"


# ---- SIGTERM and SIGHUP: workers stopped, temporary files removed ----------------------

def _processes_with(marker: str) -> list[int]:
    import os

    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/environ", "rb") as f:
                    if marker.encode() in f.read():
                        found.append(int(pid))
            except OSError:
                pass
    return found


@pytest.mark.parametrize("sig,status,said", [("SIGTERM", 143, "terminated (SIGTERM)"), ("SIGHUP", 129, "hung up (SIGHUP)")])
def test_a_signal_stops_workers_and_removes_temporary_files(tmp_path, sig, status, said):
    import os
    import signal
    import subprocess
    import sys
    import time

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import build

    build(tmp_path / "corpus", 3)
    spool = tmp_path / "tmp"
    spool.mkdir()
    marker = f"CLOUDFACTS_SIGNAL_TEST={tmp_path.name}"
    env = dict(os.environ, TMPDIR=str(spool), CLOUDFACTS_SIGNAL_TEST=tmp_path.name)
    p = subprocess.Popen([sys.executable, "-m", "cloudfacts", "extract", str(tmp_path / "corpus"), "--no-store",
                          "-f", "jsonl", "-j", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                         cwd=ROOT)
    deadline = time.monotonic() + 60
    while not any(spool.glob("cloudfacts-*/*")) and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # until workers write their spool files
    assert p.poll() is None, "the run ended before it could be signalled"
    time.sleep(0.3)
    p.send_signal(getattr(signal, sig))
    _, err = p.communicate(timeout=60)
    assert p.returncode == status
    assert err.decode().strip().splitlines()[-1] == f"cloudfacts: {said}"
    assert list(spool.iterdir()) == []
    deadline = time.monotonic() + 10
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_with(marker) == []


# ---- a damaged fact store is said to be damaged, never read as if complete ---------------

def _stored(cli, tmp_path):
    import sqlite3

    r = cli("extract", "seeds", "-f", "jsonl")
    assert r.returncode == 0, r.stderr
    db = sqlite3.connect(cli.db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db, r.stdout


def test_a_changed_stored_value_is_caught_by_its_checksum(cli, tmp_path):
    db, _ = _stored(cli, tmp_path)
    n = db.execute("UPDATE documents SET jsonl = replace(jsonl, '\"value\": 44.4', '\"value\": 45.4') "
                   "WHERE jsonl LIKE '%\"value\": 44.4%'").rowcount
    db.commit()
    db.close()
    assert n >= 1
    for args in (("extract", "seeds", "-f", "jsonl"), ("facts", "-f", "jsonl"), ("conflicts", "-f", "json")):
        r = cli(*args)
        assert r.returncode == 2, args
        err = r.stderr.decode()
        assert err.startswith(f"cloudfacts: {cli.db}: the fact store is damaged (") and err.count("\n") == 1
        assert "do not match their checksum); rebuild it: delete the file and run extract again" in err
        assert b"45.4" not in r.stdout


def test_missing_mention_rows_are_caught_by_the_counts(cli, tmp_path):
    db, _ = _stored(cli, tmp_path)
    db.execute("DELETE FROM mentions WHERE kind = 'percentage'")
    db.commit()
    db.close()
    for args in (("extract", "seeds", "-f", "csv"), ("facts", "-f", "jsonl"), ("facts",)):
        r = cli(*args)
        assert r.returncode == 2, args
        assert "the fact store is damaged (" in r.stderr.decode() and "mention rows where" in r.stderr.decode()


def test_zeroed_pages_give_one_line_and_exit_2(cli, tmp_path):
    db, _ = _stored(cli, tmp_path)
    db.close()
    data = bytearray(cli.db.read_bytes())
    page = 4096
    for k in range(2, len(data) // page, 3):  # every third page after the schema's
        data[k * page:(k + 1) * page] = bytes(page)
    cli.db.write_bytes(bytes(data))
    for args in (("extract", "seeds", "-f", "jsonl"), ("facts", "-f", "jsonl"), ("conflicts",)):
        r = cli(*args)
        assert r.returncode == 2, (args, r.stderr)
        err = r.stderr.decode()
        assert err.startswith(f"cloudfacts: {cli.db}: ") and "damaged" in err and err.count("\n") == 1


def test_a_damaged_cache_is_derived_again(cli, tmp_path):
    db, first = _stored(cli, tmp_path)
    db.execute("UPDATE meta SET value = substr(value, 1, 60) || 'x' || substr(value, 62) WHERE key LIKE 'cache:%'")
    db.commit()
    db.close()
    r = cli("extract", "seeds", "-f", "jsonl")
    assert r.returncode == 0 and r.stdout == first


# ---- foreign databases are refused untouched; reading commands never write ----------------

def _snapshot(folder):
    import hashlib

    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("setup,says", [
    ("CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('x');", "a SQLite database of something else"),
    ("PRAGMA user_version = 7;", "an empty SQLite database that cloudfacts did not make"),
])
def test_a_foreign_database_is_refused_before_anything_is_written(cli, tmp_path, setup, says):
    import sqlite3

    folder = tmp_path / "dbs"
    folder.mkdir()
    path = folder / "other.db"
    db = sqlite3.connect(path)
    db.executescript(setup)
    db.close()
    before = _snapshot(folder)
    for args in (("extract", SEED, "-f", "jsonl", "--db", str(path)), ("facts", "--db", str(path)),
                 ("conflicts", "--db", str(path)), ("report", "--db", str(path), "-o", str(tmp_path / "r.html"))):
        r = cli(*args)
        assert r.returncode == 2, args
        assert r.stderr.decode().startswith(f"cloudfacts: {path}: {says}")
        assert _snapshot(folder) == before  # same bytes, no -wal or -shm left beside it
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()


def test_reading_commands_open_the_store_read_only(cli, tmp_path):
    import sqlite3

    folder = tmp_path / "store"
    folder.mkdir()
    path = folder / "facts.db"
    assert cli("extract", "seeds", "-f", "jsonl", "--db", str(path)).returncode == 0
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = _snapshot(folder)
    for args in (("facts", "-f", "jsonl"), ("conflicts", "-f", "json"), ("diff", SEED, "-f", "json"),
                 ("report", "-o", str(tmp_path / "r.html"))):
        r = cli(*args, "--db", str(path))
        assert r.returncode == 0, (args, r.stderr)
        after = _snapshot(folder)
        # the store's bytes are unchanged; SQLite may keep an empty write-ahead log beside it
        assert after["facts.db"] == before["facts.db"], args
        wal = folder / "facts.db-wal"
        assert not wal.exists() or wal.stat().st_size == 0


# ---- HTML as browsers parse it ------------------------------------------------------------

@pytest.mark.parametrize("markup,want", [
    ("<head><title>Titre</title><body><p>Orange détient 44,4 % de Cloudwatt.", "44,4 %"),
    ("<html><body><svg><circle r=1><p>Thales possède 22,2 % de Cloudwatt.</p>", "22,2 %"),
    ("<!doctype html><p>La Caisse des dépôts garde 33,3&nbsp;% <!-- 12 % --> du capital.", "33,3\u00a0%"),
    ("<p>Orange d&eacute;tient <b>44</b>% <script>var x = '99 %';</script>du capital", "44%"),
])
def test_html_with_omitted_tags_is_read_as_a_browser_reads_it(cli, tmp_path, markup, want):
    from cloudfacts.sources import read_document

    doc = read_document(markup.encode("utf-8"), "page.html", ".html")
    got = [m for m in extract_text(doc.text) if m.kind == "percentage"]
    assert [m.text for m in got] == [want]
    assert all(doc.text[m.start:m.end] == m.text for m in got)
    (tmp_path / "page.html").write_text(markup, encoding="utf-8")
    r = cli("extract", str(tmp_path / "page.html"), "-k", "percentage", "-f", "json", "--no-store")
    assert r.returncode == 0 and [m["text"] for m in json.loads(r.stdout)] == [want]


# ---- outputs checked before the work; one line for each failure ----------------------

def test_the_output_is_checked_before_extracting(cli, tmp_path):
    r = cli("extract", "seeds", "--no-store", "-o", str(tmp_path / "no" / "x.jsonl"))
    assert r.returncode == 2 and r.stdout == b""
    assert r.stderr.decode() == (f"cloudfacts: {tmp_path / 'no' / 'x.jsonl'}: cannot write: no such folder "
                                 f"{tmp_path / 'no'}\n")
    for name in ("out.xlsx", "out.tsv"):
        r = cli("extract", SEED, "--no-store", "-o", str(tmp_path / name))
        assert r.returncode == 2 and not (tmp_path / name).exists()
        assert r.stderr.decode() == (f"cloudfacts: {tmp_path / name}: no output format for the extension "
                                     f"'{name[3:]}'; name the file .json, .jsonl, .csv or .txt, or give -f FORMAT\n")
    r = cli("extract", SEED, "--no-store", "-o", str(tmp_path / "out.tsv"), "-f", "csv")
    assert r.returncode == 0 and (tmp_path / "out.tsv").read_text(encoding="utf-8").startswith("id,source,kind")
    r = cli("conflicts", "seeds", "-o", str(tmp_path))
    assert r.returncode == 2 and r.stderr.decode() == f"cloudfacts: {tmp_path}: cannot write: is a folder\n"


def test_a_store_in_a_missing_folder_is_one_line(cli, tmp_path):
    r = cli("extract", SEED, "--db", str(tmp_path / "nothere" / "x.db"))
    assert r.returncode == 2
    assert r.stderr.decode() == (f"cloudfacts: {tmp_path / 'nothere' / 'x.db'}: cannot create the fact store: "
                                 f"no such folder {tmp_path / 'nothere'}\n")


def test_a_full_temporary_folder_is_one_line(monkeypatch, tmp_path):
    import errno

    from typer.testing import CliRunner

    from cloudfacts import cli as cli_module, spool

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(spool.Spool, "_add", full)  # where a one-process run writes its facts
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    r = CliRunner().invoke(cli_module.app, ["extract", SEED, "--no-store", "-j", "1", "-f", "jsonl"])
    assert r.exit_code == 2
    assert r.stderr.startswith("cloudfacts: cannot write the run's temporary files in ")
    assert r.stderr.endswith(": No space left on device\n") and r.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # and they were removed


def test_usage_errors_are_one_line_not_a_panel(cli):
    for args, says in ((("extract", "-j", "abc", "seeds"), "Invalid value for '--jobs' / '-j'"),
                       (("extract",), "Missing argument 'PATHS'."), (("bogus",), "No such command 'bogus'.")):
        r = cli(*args)
        assert r.returncode == 2
        err = r.stderr.decode()
        assert err.startswith(f"cloudfacts: {says}") and err.count("\n") == 1 and "╭" not in err


def test_help_shows_plain_placeholders(cli):
    r = cli("extract", "--help", input=None)
    out = r.stdout.decode()
    assert r.returncode == 0 and "extract [OPTIONS] PATHS..." in out
    for bad in ("{paths}", "<list[str]>", "<bool>", "<str>", "<path>"):
        assert bad not in out


# ---- diff, explain, messages ---------------------------------------------------------------

def test_diff_prints_nothing_when_a_side_cannot_be_read(cli):
    r = cli("diff", SEED, "nothere.json")
    assert r.returncode == 2 and r.stdout == b""
    assert r.stderr.decode().splitlines() == ["cloudfacts: nothere.json: no such file or directory",
                                              "cloudfacts: nothing compared: a side could not be read"]


def test_diff_exit_code_says_whether_the_sides_differ(cli):
    other = "seeds/000_02f54f3ef9f1c1b6.txt"
    assert cli("diff", SEED, other, "--exit-code").returncode == 1
    assert cli("diff", SEED, SEED, "--exit-code").returncode == 0
    assert cli("diff", SEED, other).returncode == 0


def test_explain_a_folder_json_and_output_file(cli, tmp_path):
    r = cli("explain", "seeds")
    assert r.returncode == 2
    assert r.stderr.decode() == "cloudfacts: seeds: is a folder; explain reads one file (SOURCE[:LINE])\n"
    r = cli("explain", f"{SEED}:8", "-k", "percentage", "-f", "json", "-o", str(tmp_path / "e.json"))
    assert r.returncode == 0
    got = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    assert [(m["text"], m["value"], m["subject"], m["rule"]) for m in got] == [
        ("44,4%", 44.4, "Orange", "percent_sign"), ("22,2%", 22.2, "Thales", "percent_sign"),
        ("33,3%", 33.3, "Caisse des Dépôts", "percent_sign")]
    # and the linking rule of each link
    assert [m["links"] for m in got] == [
        {"attribute": "trigger", "subject": "verb/refers_back", "object": "object_de"},
        {"attribute": "trigger", "subject": "adjacent", "object": "sentence_object"},
        {"attribute": "same_sentence", "subject": "adjacent", "object": "sentence_object"}]


def test_explain_shows_no_python_escapes(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Orange détient 51\u00a0% de Cloudwatt.\n", encoding="utf-8")
    r = cli("explain", str(tmp_path / "a.txt"), "-k", "percentage")
    out = r.stdout.decode()
    assert r.returncode == 0 and "«51\u00a0%»" in out and "\\xa0" not in out


def test_a_file_name_with_a_newline_stays_on_one_line(cli, tmp_path):
    bad = tmp_path / "a\ncloudfacts: fake.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    r = cli("extract", str(bad), "--no-store", "-f", "jsonl")
    lines = r.stderr.decode().splitlines()
    assert len(lines) == 1 and "a\\ncloudfacts: fake.txt" in lines[0]


def test_control_characters_from_a_fact_table_are_escaped_on_the_terminal(cli, tmp_path):
    rows = [{"source": src, "kind": "percentage", "text": "44 %", "start": 0, "end": 4, "line": 1, "value": v,
             "unit": "%", "subject": "Ora\x1b[31mnge\x00", "attribute": "stake", "object": "Cloud\twatt",
             "sentence": "Orange\x1b[2J détient 44 %"} for src, v in (("a.txt", 44), ("b.txt", 45))]
    table = tmp_path / "t.json"
    table.write_text(json.dumps(rows), encoding="utf-8")
    r = cli("conflicts", str(table))
    out = r.stdout.decode()
    assert r.returncode == 0 and "\x1b" not in out and "\x00" not in out and "\t" not in out
    assert "Ora\\x1b[31mnge\\x00 · stake · Cloud\\twatt" in out and "1 conflict: 1 contradiction" in out
    r = cli("diff", str(table), str(table))
    assert r.returncode == 0 and "\x1b" not in r.stdout.decode()


def test_rich_markup_in_a_fact_table_is_shown_as_text(cli, tmp_path):
    rows = [{"source": s, "kind": "percentage", "text": "44 %", "start": 0, "end": 4, "line": 1, "value": v,
             "unit": "%", "subject": "[bold red]X[/]", "attribute": "stake"} for s, v in (("a", 1), ("b", 2))]
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(rows[:1]), encoding="utf-8")
    b.write_text(json.dumps([dict(rows[1], source="a")]), encoding="utf-8")
    r = cli("diff", str(a), str(b))
    assert r.returncode == 0 and "[bold red]X[/]" in r.stdout.decode()


def test_ref_date_is_a_whole_date_never_the_clock(cli):
    for bad in ("demain", "12 janvier", "hier", "31 février 2015"):
        r = cli("extract", SEED, "--no-store", "--ref-date", bad)
        assert r.returncode == 2 and "expected a whole date" in r.stderr.decode()
    for good in ("2015-01-12", "12 janvier 2015", "1er mars 2015"):
        assert cli("extract", SEED, "--no-store", "-f", "jsonl", "--ref-date", good).returncode == 0


@pytest.mark.parametrize("cmd", [("conflicts", "seeds"), ("diff", SEED, "seeds/000_02f54f3ef9f1c1b6.txt"),
                                 ("explain", SEED), ("extract", "seeds", "--no-store")])
def test_a_closed_pipe_is_one_line_and_exit_0(cmd, tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, CLOUDFACTS_DB=str(tmp_path / "x.db"), PYTHONIOENCODING="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "cloudfacts", *cmd], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, cwd=ROOT, env=env)
    p.stdout.close()  # the reader goes away before anything is written: every write fails
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 0
    assert err == "cloudfacts: output closed by the reader (broken pipe); stopped writing\n"


# ---- what scripted users expect ------------------------------------------------------------

def test_version_flag(cli):
    from cloudfacts import __version__

    for flag in ("-V", "--version"):
        r = cli(flag)
        assert r.returncode == 0 and r.stdout.decode() == f"cloudfacts {__version__}\n"


def test_stdin_is_written_out_but_not_kept_in_the_store(cli):
    r = cli("extract", "-", "-f", "jsonl", input="Orange détient 44 % de Cloudwatt.\n".encode())
    assert r.returncode == 0 and len(r.stdout.decode().splitlines()) == 3
    assert cli("extract", SEED, "-f", "jsonl").returncode == 0
    facts = [json.loads(x) for x in cli("facts", "-f", "jsonl").stdout.decode().splitlines()]
    assert {m["source"] for m in facts} == {SEED}


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(cli, tmp_path, codec):
    text = "Orange détient 44,4 % de Cloudwatt.\n"
    data = ("\ufeff" + text).encode(codec) if codec.endswith("be") else text.encode(codec)
    (tmp_path / "a.txt").write_bytes(data)
    r = cli("extract", str(tmp_path / "a.txt"), "-k", "percentage", "-f", "json", "--no-store")
    assert r.returncode == 0
    got = json.loads(r.stdout)
    assert [(m["text"], m["value"], m["start"]) for m in got] == [("44,4 %", 44.4, 15)]
    assert r.stderr.decode() == f"cloudfacts: {tmp_path / 'a.txt'}: not UTF-8: decoded as {codec[:6]}\n"


def test_the_table_is_capped_and_says_how_to_get_everything(cli):
    r = cli("extract", "seeds", "--no-store", "--limit", "5")
    out = r.stdout.decode()
    assert r.returncode == 0 and out.count("seeds/") == 5
    assert out.rstrip().endswith("214 mentions, the first 5 shown (--limit N, 0 for all; -f jsonl or csv for a "
                                 "fact table)")
    r = cli("extract", "seeds", "--no-store", "--limit", "0")
    assert r.stdout.decode().count("seeds/") == 214 and r.stdout.decode().rstrip().endswith("214 mentions")


def test_facts_by_attribute_wide_and_summary(cli):
    assert cli("extract", "seeds", "-f", "jsonl").returncode == 0
    rows = [json.loads(x) for x in cli("facts", "-a", "stake", "-f", "jsonl").stdout.decode().splitlines()]
    assert rows and {m["attribute"] for m in rows} == {"stake"}
    wide = cli("facts", "-a", "stake", "--wide").stdout.decode()
    assert "attribute" in wide and "object" in wide and "Cloudwatt" in wide
    summary = json.loads(cli("facts", "--summary", "-f", "json").stdout)
    totals = {r["kind"]: r["count"] for r in summary if r["source"] == "*"}
    assert sum(totals.values()) == 214 and totals["percentage"] == 17
    assert sum(r["count"] for r in summary if r["source"] != "*") == 214


def test_conflicts_with_an_unknown_attribute_lists_the_known_ones(cli):
    r = cli("conflicts", "seeds", "-a", "bogus")
    assert r.returncode == 2
    assert r.stderr.decode() == ("cloudfacts: --attribute 'bogus': no fact has it here; the attributes are: "
                                 "acquisition, funding, stake\n")


# ---- Markdown ----------------------------------------------------------------------------

def test_markdown_markup_is_not_part_of_sentences(cli, tmp_path):
    (tmp_path / "a.md").write_text(
        "## Safran et Zodiac ##\n\n- **Safran détient 51 %** de [Zodiac Aerospace](https://ex.fr/z_a).\n"
        "> 1. Le titre vaut *12 €*, selon `snake_case_word`.\n\n---\n", encoding="utf-8")
    r = cli("extract", str(tmp_path / "a.md"), "-f", "json", "--no-store")
    assert r.returncode == 0
    got = json.loads(r.stdout)
    pct = next(m for m in got if m["kind"] == "percentage")
    assert pct["text"] == "51 %" and pct["sentence"] == "Safran détient 51 % de Zodiac Aerospace."
    amount = next(m for m in got if m["kind"] == "amount")
    assert amount["text"] == "12 €" and "*" not in amount["sentence"] and "snake_case_word" in amount["sentence"]
    assert not any("*" in m["sentence"] or "##" in m["sentence"] or "](" in m["sentence"] for m in got)


def test_the_progress_bar_knows_its_total(tmp_path):
    from cloudfacts.runner import _Progress

    (tmp_path / "d").mkdir()
    for name in ("a.txt", "b.md", "c.html", "skip.pdf"):
        (tmp_path / "d" / name).write_text("x", encoding="utf-8")
    assert _Progress(False, [str(tmp_path / "d"), "-", SEED])._total() == 5


# ---- --stream --------------------------------------------------------------------------------

def test_stream_gives_the_same_mentions_in_the_same_order(cli):
    whole = [json.loads(x) for x in cli("extract", "seeds", "-f", "jsonl", "--no-store").stdout.decode().splitlines()]
    streamed = [json.loads(x) for x in
                cli("extract", "seeds", "-f", "jsonl", "--no-store", "--stream").stdout.decode().splitlines()]
    assert [(m["id"], m["start"], m["end"], m["kind"]) for m in streamed] == \
        [(m["id"], m["start"], m["end"], m["kind"]) for m in whole]
    figures = ("percentage", "amount", "quantity", "date")
    assert [m["value"] for m in streamed if m["kind"] in figures] == \
        [m["value"] for m in whole if m["kind"] in figures]
    csv_rows = cli("extract", "seeds", "-f", "csv", "--stream", "-k", "percentage").stdout.decode().splitlines()
    assert csv_rows[0].startswith("id,source,kind,text") and len(csv_rows) == 18


def test_stream_needs_jsonl_or_csv(cli):
    r = cli("extract", SEED, "--stream")
    assert r.returncode == 2
    assert r.stderr.decode() == "cloudfacts: --stream writes jsonl or csv, not table; add -f jsonl or -f csv\n"


def test_stream_answers_before_the_run_ends_and_keeps_what_it_wrote(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import build

    build(tmp_path / "corpus", 4)
    env = dict(os.environ, CLOUDFACTS_DB=str(tmp_path / "s.db"), PYTHONIOENCODING="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "cloudfacts", "extract", str(tmp_path / "corpus"), "-f", "jsonl",
                          "--stream", "-j", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    first = p.stdout.readline()
    assert json.loads(first)["source"].endswith("doc_000000.txt")
    assert p.poll() is None  # the first document came out while the others were still being read
    p.send_signal(signal.SIGTERM)
    rest = p.stdout.read()  # through the same buffered reader as the first line (communicate() would not)
    err = p.stderr.read()
    assert p.wait(timeout=60) == 143 and err.decode().strip().endswith("terminated (SIGTERM)")
    lines = [first] + rest.splitlines()
    assert all(json.loads(x)["id"] for x in lines)  # whole lines only, each valid JSON
