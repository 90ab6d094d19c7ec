"""The fact store: idempotence, replacement of changed files, skipping of
unchanged ones, pruning, answers from the store equal to answers from the text,
parallel runs equal to serial ones, and refusal of foreign databases."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from conftest import SEEDS
from cloudfacts.runner import run
from cloudfacts.store import Store, StoreError


def _counts(db):
    con = sqlite3.connect(db)
    try:
        return (con.execute("SELECT count(*) FROM documents").fetchone()[0],
                con.execute("SELECT count(*) FROM mentions").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    shutil.copytree(SEEDS, d)
    return d


def test_extract_twice_same_rows_and_second_run_skips(tmp_path, corpus):
    db = tmp_path / "f.db"
    with Store(db) as s:
        first = run([str(corpus)], s)
    counts = _counts(db)
    with Store(db) as s:
        second = run([str(corpus)], s)
    assert _counts(db) == counts and counts[0] == 5 and counts[1] > 200
    assert (first.extracted, first.skipped) == (5, 0)
    assert (second.extracted, second.skipped) == (0, 5)
    assert second.keys == first.keys


def test_changed_file_is_replaced_not_duplicated(tmp_path, corpus):
    db = tmp_path / "f.db"
    with Store(db) as s:
        run([str(corpus)], s)
    docs, mentions = _counts(db)
    f = corpus / "000_02f54f3ef9f1c1b6.txt"
    f.write_text("SFR détient 46 % de Numergy.", encoding="utf-8")
    with Store(db) as s:
        st = run([str(corpus)], s)
        got = [(m.kind, m.text) for m in s.mentions([str(f.resolve())])]
    assert (st.extracted, st.skipped) == (1, 4)
    assert got == [("organization", "SFR"), ("percentage", "46 %"), ("organization", "Numergy")]
    assert _counts(db)[0] == docs and _counts(db)[1] < mentions


def test_prune_forgets_vanished_files(cli, corpus):
    assert cli("extract", str(corpus), "-f", "jsonl").returncode == 0
    (corpus / "000_02f54f3ef9f1c1b6.txt").unlink()
    r = cli("extract", str(corpus), "--prune", "-f", "jsonl")
    assert r.returncode == 0 and b"pruned 1 vanished documents" in r.stderr
    assert _counts(cli.db)[0] == 4


def test_no_store_records_nothing(cli):
    r = cli("extract", "seeds/001_aa28686d20d16767.txt", "--no-store", "-f", "jsonl")
    assert r.returncode == 0 and len(r.stdout.splitlines()) > 50
    assert not cli.db.exists()


def test_conflicts_from_store_equal_conflicts_from_text(cli):
    from_text = json.loads(cli("conflicts", "seeds", "-f", "json").stdout)
    assert cli("extract", "seeds", "-f", "jsonl").returncode == 0
    from_store = json.loads(cli("conflicts", "-f", "json").stdout)
    assert from_store == from_text and len(from_text) == 4


def test_facts_command_reads_the_store(cli):
    cli("extract", "seeds", "-f", "jsonl")
    r = cli("facts", "-k", "percentage", "--subject", "orange", "-f", "json")
    got = sorted((m["text"], m["value"]) for m in json.loads(r.stdout))
    assert got == [("100%", 100), ("100%", 100), ("100\u00a0%", 100), ("44%", 44), ("44,4 %", 44.4), ("44,4%", 44.4)]
    r = cli("facts", "--source", "003_", "-k", "date", "-f", "jsonl")
    assert [json.loads(x)["value"] for x in r.stdout.splitlines()] == ["2012-09", "2001-09-11"]


def test_parallel_output_equals_serial(cli):
    one = cli("extract", "seeds", "--no-store", "-j", "1", "-f", "jsonl").stdout
    two = cli("extract", "seeds", "--no-store", "-j", "2", "-f", "jsonl").stdout
    assert one == two and len(one.splitlines()) > 200


def test_extract_output_is_the_same_from_the_store(cli):
    first = cli("extract", "seeds", "-f", "jsonl").stdout
    again = cli("extract", "seeds", "-f", "jsonl").stdout
    assert first == again


def test_foreign_and_corrupt_databases_are_refused(tmp_path, cli):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 10)
    r = cli("extract", "seeds", "--db", str(junk))
    assert r.returncode == 2
    assert r.stderr.decode() == (f"cloudfacts: {junk}: not a SQLite database (refusing to overwrite it); "
                                 "give another --db\n")
    assert junk.read_bytes().startswith(b"this is not")
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    r = cli("extract", "seeds", "--db", str(other))
    assert r.returncode == 2 and b"a SQLite database of something else (tables: customers)" in r.stderr
    with pytest.raises(StoreError):
        Store(other)


def test_touched_but_unchanged_file_is_not_extracted_again(tmp_path, corpus):
    db = tmp_path / "f.db"
    with Store(db) as s:
        run([str(corpus)], s)
    f = corpus / "001_aa28686d20d16767.txt"
    f.write_bytes(f.read_bytes())  # same bytes, new modification time
    with Store(db) as s:
        st = run([str(corpus)], s)
    assert (st.extracted, st.skipped) == (0, 5)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_no_store_output_equals_store_output(cli, fmt):
    # --no-store keeps the run in a temporary file (cloudfacts.spool), not a
    # database; the corpus pass must rewrite the same lines (`CloudWatt` takes
    # the corpus's spelling `Cloudwatt` in one seed)
    spooled = cli("extract", "seeds", "--no-store", "-f", fmt).stdout
    stored = cli("extract", "seeds", "-f", fmt).stdout
    assert spooled == stored and len(spooled.splitlines()) > 200
    if fmt == "jsonl":
        values = [json.loads(x)["value"] for x in spooled.splitlines()]
        assert "Cloudwatt" in values and "CloudWatt" not in values


def test_spool_flags_only_the_lines_the_corpus_pass_rewrites(tmp_path):
    from cloudfacts.spool import Spool

    s = Spool(str(tmp_path))
    try:
        stats = run([str(SEEDS)], s, jobs=1, progress=False)
        blobs = list(s.jsonl_blobs(stats.keys, {"CloudWatt"}, set()))
        flagged = [(b, spans) for b, spans, _ in blobs if spans is not None]
        assert len(blobs) == 5 and len(flagged) == 1
        blob, spans = flagged[0]
        lines = [json.loads(blob[a:b]) for a, b in spans]
        assert lines and all("CloudWatt" in (m["value"], m["subject"], m["object"]) for m in lines)
        # every other line names it nowhere
        others = [json.loads(x) for x in blob.split(b"\n") if x and json.loads(x) not in lines]
        assert not any("CloudWatt" in (m["value"], m["subject"], m["object"]) for m in others)
        assert s.name_stats() and ("organization", "CloudWatt") in {k[:2] for k, _ in s.name_stats()}
    finally:
        s.close()
    assert not list(tmp_path.iterdir())  # the spool file is gone


def test_spool_reads_a_large_document_back_in_pieces_of_whole_lines(tmp_path):
    from cloudfacts.spool import Spool

    s = Spool(str(tmp_path))
    try:
        blob = "".join(f'{{"n": {i}, "text": "ligne {i} é"}}\n' for i in range(500))
        s._add("big.txt", blob, ({}, set(), set()))
        pieces = list(s._pieces("big.txt", size=1000))
        assert len(pieces) > 10 and b"".join(pieces) == blob.encode("utf-8")
        assert all(p.endswith(b"\n") for p in pieces)
        assert [json.loads(x)["n"] for x in b"".join(pieces).split(b"\n") if x] == list(range(500))
    finally:
        s.close()


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("store", [["--no-store"], []])
def test_an_empty_file_beside_an_article(cli, tmp_path, jobs, store):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_bytes(b"")
    shutil.copy(SEEDS / "001_aa28686d20d16767.txt", d / "b.txt")
    r = cli("extract", str(d), "-j", jobs, "-f", "jsonl", *store)
    assert r.returncode == 0, r.stderr.decode()[-500:]
    assert r.stderr.decode().strip().endswith("a.txt: empty file, nothing to extract")
    assert len(r.stdout.splitlines()) > 50
    assert {json.loads(x)["source"] for x in r.stdout.splitlines()} == {str(d / "b.txt")}
