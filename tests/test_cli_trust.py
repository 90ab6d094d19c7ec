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
