"""The command line as a user meets it: formats, exit statuses, messages, bad input."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS

SEED = "seeds/001_aa28686d20d16767.txt"


def test_extract_json_fields_and_offsets(cli):
    r = cli("extract", SEED, "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    text = (ROOT / SEED).read_text(encoding="utf-8")
    assert data and set(data[0]) == {"id", "source", "kind", "text", "start", "end", "line", "value", "max",
                                     "unit", "qualifier", "subject", "object", "attribute", "period",
                                     "sentence", "rule"}
    for m in data:
        assert text[m["start"]:m["end"]] == m["text"]
        assert m["source"] == SEED
        assert m["line"] == text.count("\n", 0, m["start"]) + 1
    pct = [m for m in data if m["kind"] == "percentage" and m["text"] == "44,4%"]
    assert pct and pct[0]["value"] == 44.4 and pct[0]["unit"] == "%" and pct[0]["line"] == 8


def test_jsonl_csv_and_json_agree(cli):
    j = json.loads(cli("extract", SEED, "-f", "json").stdout)
    jl = [json.loads(x) for x in cli("extract", SEED, "-f", "jsonl").stdout.decode().splitlines()]
    rows = list(csv.DictReader(io.StringIO(cli("extract", SEED, "-f", "csv").stdout.decode())))
    assert j == jl
    assert [r["id"] for r in rows] == [m["id"] for m in j]
    assert [r["text"] for r in rows] == [m["text"] for m in j]


def test_ids_are_stable_across_runs(cli):
    a = [m["id"] for m in json.loads(cli("extract", SEED, "-f", "json").stdout)]
    b = [m["id"] for m in json.loads(cli("extract", SEED, "-f", "json").stdout)]
    assert a == b and len(set(a)) == len(a)


def test_kind_filter_and_output_file(cli, tmp_path):
    out = tmp_path / "facts.csv"
    r = cli("extract", "seeds", "-k", "amount", "-o", str(out))
    assert r.returncode == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {x["kind"] for x in rows} == {"amount"}
    assert sorted(float(x["value"]) for x in rows) == [75e6, 75e6, 150e6]
    assert b"wrote 3 mentions" in r.stderr


def test_table_is_default(cli):
    r = cli("extract", SEED)
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "44,4%" in out and "percentage" in out and "001_aa28686d20d16767.txt:8" in out


def test_missing_path_exit_2_and_rest_goes_on(cli):
    r = cli("extract", "no/such/file.txt", SEED, "-f", "jsonl")
    assert r.returncode == 2
    assert r.stderr.decode().strip().splitlines() == ["cloudfacts: no/such/file.txt: no such file or directory"]
    assert len(r.stdout.decode().splitlines()) > 50
    assert b"Traceback" not in r.stderr


def test_binary_file(cli, tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (tmp_path / "ok.txt").write_text("Orange détient 44 % de Cloudwatt.", encoding="utf-8")
    r = cli("extract", str(tmp_path), "-f", "jsonl")
    assert r.returncode == 2
    err = r.stderr.decode().strip().splitlines()
    assert err == [f"cloudfacts: {tmp_path / 'blob.txt'}: binary file (NUL bytes), skipped"]
    assert any(json.loads(x)["text"] == "44 %" for x in r.stdout.decode().splitlines())


def test_latin1_file_is_decoded_and_said(cli, tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("La Société Générale prévoit 12 % de hausse en février 2015.".encode("cp1252"))
    r = cli("extract", str(f), "-f", "json")
    assert r.returncode == 0
    assert r.stderr.decode().count("\n") == 1 and "not UTF-8: decoded as cp1252" in r.stderr.decode()
    data = json.loads(r.stdout)
    assert ("percentage", "12 %", 12) in {(m["kind"], m["text"], m["value"]) for m in data}
    assert ("date", "février 2015", "2015-02") in {(m["kind"], m["text"], m["value"]) for m in data}


def test_utf8_bom_is_removed_before_offsets(cli, tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes("\ufeffOrange détient 44 %.".encode("utf-8"))
    data = json.loads(cli("extract", str(f), "-f", "json").stdout)
    pct = [m for m in data if m["kind"] == "percentage"][0]
    assert (pct["start"], pct["end"]) == (15, 19)


def test_empty_file(cli, tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    r = cli("extract", str(f), "-f", "json")
    assert r.returncode == 0
    assert json.loads(r.stdout) == []
    assert r.stderr.decode() == f"cloudfacts: {f}: empty file, nothing to extract\n"


def test_other_extensions_skipped_with_a_note(cli, tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "b.md").write_text("Le groupe emploie 10 000 salariés.", encoding="utf-8")
    r = cli("extract", str(tmp_path), "-f", "jsonl")
    assert r.returncode == 0
    assert r.stderr.decode() == f"cloudfacts: {tmp_path / 'a.pdf'}: skipped: not a .txt, .md or .html file\n"
    assert [json.loads(x)["unit"] for x in r.stdout.decode().splitlines()] == ["salarié"]


def test_stdin_and_ref_date(cli):
    r = cli("extract", "-", "--ref-date", "2015-01-12", "-f", "json",
            input="Le PDG a démissionné lundi, en mars.".encode())
    data = json.loads(r.stdout)
    assert [(m["source"], m["text"], m["value"]) for m in data] == [("-", "lundi", "2015-01-12"),
                                                                    ("-", "mars", "2015-03")]


def test_bad_options_exit_2_with_one_line(cli):
    for args, msg in ((["--format", "xml"], "--format 'xml': expected one of table, json, jsonl, csv"),
                      (["--ref-date", "12/01/2015"], "--ref-date '12/01/2015': expected a whole date, YYYY-MM-DD"),
                      (["--kind", "money"], "--kind 'money': expected one of")):
        r = cli("extract", SEED, *args)
        assert r.returncode == 2
        assert msg in r.stderr.decode() and r.stderr.decode().count("\n") == 1
        assert r.stdout == b""


def test_aliases_file(cli, tmp_path):
    a = tmp_path / "aliases.tsv"
    a.write_text("# my aliases\nCloudwatt\tCloudwatt SAS\n", encoding="utf-8")
    data = json.loads(cli("extract", SEED, "-f", "json", "--aliases", str(a)).stdout)
    assert {m["value"] for m in data if m["text"] == "Cloudwatt"} == {"Cloudwatt SAS"}
    bad = tmp_path / "bad.tsv"
    bad.write_text("ok\tOK\nnot an alias line\n", encoding="utf-8")
    r = cli("extract", SEED, "--aliases", str(bad))
    assert r.returncode == 2
    assert r.stderr.decode() == f"cloudfacts: {bad}:2: expected 'variant<TAB>Canonical' or 'variant = Canonical'\n"


def test_output_piped_into_head():
    big = " ".join(["Orange détient 44 % de Cloudwatt."] * 4000)
    p = subprocess.run(f"{sys.executable} -m cloudfacts extract - --no-store -f jsonl | head -n 1",
                       shell=True, input=big.encode(), capture_output=True, cwd=ROOT, timeout=120)
    assert len(p.stdout.decode().splitlines()) == 1
    assert b"Traceback" not in p.stderr
    assert p.stderr.decode() in ("", "cloudfacts: output closed by the reader (broken pipe); stopped writing\n")


def test_html_is_reduced_to_text(cli, tmp_path):
    f = tmp_path / "page.html"
    f.write_text("<html><head><title>x</title><style>p{}</style></head><body><script>var a = '55 %';</script>"
                 "<p>Orange d&eacute;tient 44&nbsp;% de Cloudwatt.</p></body></html>", encoding="utf-8")
    data = json.loads(cli("extract", str(f), "-f", "json").stdout)
    assert [(m["kind"], m["text"], m["value"]) for m in data if m["kind"] == "percentage"] == \
        [("percentage", "44\u00a0%", 44)]
    assert all("55" not in m["text"] for m in data)


def test_explain_shows_rule_and_value(cli):
    r = cli("explain", f"{SEED}:8")
    assert r.returncode == 0
    out = r.stdout.decode()
    # each link with the linking rule that set it (`L'opérateur possède …`: a generic noun referring back)
    assert ('«44,4%» [492:497] → 44.4 unit=% subject="Orange" ← verb/refers_back object="Cloudwatt" ← object_de '
            'attribute="stake" ← trigger  rule=percent_sign') in out
    assert "Snowden" not in out  # only line 8


def test_eval_command_json(cli):
    r = cli("eval", "tests/data/seeds.gold.jsonl", "seeds", "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows["ALL"]["f1"] >= 0.95


def test_eval_bad_gold_names_file_and_line(cli, tmp_path):
    g = tmp_path / "gold.jsonl"
    g.write_text('{"source": "001_aa28686d20d16767.txt", "kind": "date", "text": "lundi"}\n{oops\n')
    r = cli("eval", str(g), "seeds")
    assert r.returncode == 2
    assert r.stderr.decode().startswith(f"cloudfacts: {g}:2: invalid JSON")


def test_help_has_examples(cli):
    r = cli("extract", "--help")
    assert r.returncode == 0 and b"cloudfacts extract seeds/" in r.stdout


@pytest.mark.parametrize("store", ["--no-store", "--db"])
def test_a_line_separator_inside_a_sentence_stays_inside_its_json_line(cli, tmp_path, store):
    # U+2028 is no line end in JSON lines: readers that split on it would cut a record in two
    doc = tmp_path / "ls.txt"
    doc.write_text("Orange détient 44 %\u2028 du capital de CloudWatt. Cloudwatt et Cloudwatt emploient 30 salariés.\n",
                   encoding="utf-8")
    args = ["extract", str(doc)] + (["--no-store"] if store == "--no-store" else ["--db", str(tmp_path / "x.db")])
    lines = cli(*args, "-f", "jsonl").stdout.decode().split("\n")
    rows = [json.loads(x) for x in lines if x]
    assert any("\u2028" in r["sentence"] for r in rows)
    assert {r["value"] for r in rows if r["kind"] == "organization"} == {"Orange", "Cloudwatt"}  # corpus spelling
    array = json.loads(cli(*args, "-f", "json", "-k", "percentage").stdout)
    assert [(r["text"], r["value"], r["subject"]) for r in array] == [("44 %", 44, "Orange")]
    table = tmp_path / "t.jsonl"
    table.write_text("\n".join(lines), encoding="utf-8")
    assert cli("conflicts", str(table), "-f", "json").returncode == 0
