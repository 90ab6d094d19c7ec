"""`cloudfacts report`: the page's structure, its escaping and its inputs, read
with the standard library's HTML parser (the browser tests are in
test_report_browser.py)."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest

from cloudfacts.conflicts import find_conflicts
from cloudfacts.model import Mention
from cloudfacts.pipeline import extract_paths, extract_text
from cloudfacts.report import Segment, documents_for, report_html, script_json, _pieces


class Page(HTMLParser):
    """What a test needs from a report: marks (with their text), cards, scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict] = []
        self.cards: list[dict] = []
        self.scripts: list[tuple[dict, str]] = []
        self.meta: list[dict] = []
        self._mark = None
        self._script = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark" and "data-kind" in a:
            self._mark = dict(a, text="")
            self.marks.append(self._mark)
        if "data-verdict" in a:
            self.cards.append(a)
        if tag == "script":
            self._script = [a, ""]
        if tag == "meta":
            self.meta.append(a)

    def handle_endtag(self, tag):
        if tag == "mark":
            self._mark = None
        if tag == "script" and self._script is not None:
            self.scripts.append(tuple(self._script))
            self._script = None

    def handle_data(self, data):
        if self._mark is not None:
            self._mark["text"] += data
        if self._script is not None:
            self._script[1] += data

    def data(self, id_: str):
        for a, body in self.scripts:
            if a.get("id") == id_:
                return json.loads(body)
        return None


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory):
    from conftest import run_cli

    out = tmp_path_factory.mktemp("report") / "r.html"
    r = run_cli("report", "seeds", "-o", str(out), db=out.parent / "unused.db")
    assert r.returncode == 0, r.stderr
    return out.read_text(encoding="utf-8"), r


def test_seeds_report_has_one_mark_per_mention_and_the_four_conflicts(seeds_report):
    html, r = seeds_report
    mentions = extract_paths(["seeds"])
    page = Page(html)
    assert len(page.marks) == len(mentions) == 214
    # each mark holds exactly its mention's text, in source order within each article
    assert [m["text"] for m in page.marks] == [m.text for m in mentions]
    assert [m["data-kind"] for m in page.marks] == [m.kind for m in mentions]
    conflicts = find_conflicts(mentions)
    assert [c["data-verdict"] for c in page.cards] == [c.verdict for c in conflicts]
    assert len(page.cards) == 4
    assert r.stderr.decode().strip() == f"cloudfacts: wrote a report of 5 documents and 214 mentions to " \
                                        f"{r.args[-1]}"


def test_seeds_report_marks_figures_in_conflict_and_links_cards_to_them(seeds_report):
    html, _ = seeds_report
    page = Page(html)
    marked = [m for m in page.marks if m.get("class") == "in-conflict"]
    # a conflict card links to every mention it lists, and that mention is marked
    links = set(re.findall(r'<a class="goto" href="#m(\d+)"', html.split('id="facts"')[0]))
    assert links and {m["id"][1:] for m in marked} == links
    assert all("data-conflicts" in m for m in marked)


def test_report_is_self_contained_and_allows_only_its_own_script(seeds_report):
    html, _ = seeds_report
    page = Page(html)
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing loaded from the network
    csp = next(m["content"] for m in page.meta if m.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    code = [body for a, body in page.scripts if "type" not in a]
    assert len(code) == 1
    digest = base64.b64encode(hashlib.sha256(code[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    facts = page.data("facts-data")
    assert len(facts["rows"]) == 214 and len(facts["sources"]) == 5


def test_hostile_text_is_escaped_everywhere(tmp_path, cli):
    hostile = ('Orange détient 44,4 % de Cloudwatt. <script>alert(1)</script> '
               'Le titre " onmouseover="alert(2)" x=" vaut 12 euros. </script><img src=x onerror=alert(3)>\n')
    d = tmp_path / "docs"
    d.mkdir()
    (d / 'a"<b>.txt').write_text(hostile, encoding="utf-8")
    (d / "b.txt").write_text("Orange détient 44 % de Cloudwatt, selon <b>Thales</b>.\n", encoding="utf-8")
    out = tmp_path / "r.html"
    r = cli("report", str(d), "-o", str(out))
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img" not in html and "<b>" not in html
    assert 'onmouseover="alert' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34; onmouseover=&#34;alert(2)&#34;" in html
    assert 'a&#34;&lt;b&gt;.txt' in html  # the file name too
    page = Page(html)
    assert len([a for a, _ in page.scripts]) == 2  # the data and ours, nothing injected
    rows = page.data("facts-data")["rows"]
    assert len(rows) == len(page.marks) > 0
    assert any('<b>.txt' in s for s in page.data("facts-data")["sources"])  # intact once parsed


def test_script_json_cannot_close_its_element():
    s = script_json({"t": "</script><!-- & \u2028"})
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(s) == {"t": "</script><!-- & \u2028"}


def test_from_a_fact_table_the_articles_come_from_the_files_still_on_disk(tmp_path, cli):
    table = tmp_path / "facts.jsonl"
    r = cli("extract", "seeds", "-f", "jsonl", "-o", str(table), "--no-store")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "r.html"
    r = cli("report", str(table), "-o", str(out))  # run from the repository: seeds/… resolve
    assert r.returncode == 0, r.stderr
    page = Page(out.read_text(encoding="utf-8"))
    assert len(page.marks) == 214 and len(page.cards) == 4
    assert "text not available" not in out.read_text(encoding="utf-8")


def test_from_a_fact_table_without_its_files_the_sentences_are_shown(tmp_path, cli):
    table = tmp_path / "facts.jsonl"
    assert cli("extract", "seeds", "-f", "jsonl", "-o", str(table), "--no-store").returncode == 0
    out = tmp_path / "r.html"
    r = cli("report", "facts.jsonl", "-o", "r.html", cwd=tmp_path)  # seeds/… do not exist there
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    rows = [json.loads(x) for x in table.read_text(encoding="utf-8").splitlines()]
    assert [m["text"] for m in page.marks] == [m["text"] for m in rows]
    assert html.count("text not available: the sentences of the fact table only") == 5


def test_sentence_segments_put_each_mention_at_its_offset():
    text = ("Orange détient 44 % de Cloudwatt. Thales en a 22 %.\n\nLa même phrase. Orange détient 44 % "
            "de Cloudwatt.\nFin.")
    mentions = extract_text(text, source="a.txt")
    docs = documents_for(mentions, {})
    assert len(docs) == 1 and not docs[0].complete
    seen = []
    for seg in docs[0].segments:
        for i in seg.mentions:
            m = mentions[i]
            assert seg.text[m.start - seg.offset:m.end - seg.offset] == m.text
            assert text[seg.offset:seg.offset + len(seg.text)] == seg.text
            seen.append(i)
    assert sorted(seen) == list(range(len(mentions)))
    # the repeated sentence is two segments at two offsets, not one
    repeated = [s for s in docs[0].segments if s.text.startswith("Orange détient 44 %")]
    assert len(repeated) == 2 and repeated[0].offset == 0 and repeated[1].offset == text.index("Orange", 40)


def test_a_text_whose_spans_no_longer_match_is_not_used():
    mentions = extract_text("Orange détient 44 % de Cloudwatt.", source="a.txt")
    docs = documents_for(mentions, {"a.txt": ("Le fichier a changé depuis : 12 %.", None)})
    assert not docs[0].complete


def test_overlapping_spans_from_an_edited_table_still_give_one_mark_each():
    base = dict(source="x", line=1, sentence="Orange Business Services")
    ms = [Mention(kind="organization", text="Orange Business", start=0, end=15, **base),
          Mention(kind="organization", text="Business Services", start=7, end=24, **base)]
    pieces = _pieces(Segment(0, "Orange Business Services", [0, 1]), ms)
    assert pieces == [("Orange Business", 0, "organization"), (" Services", 1, "organization")]
    page = Page(report_html(ms, {"x": ("Orange Business Services", None)}))
    assert [m["text"] for m in page.marks] == ["Orange Business", " Services"]


def test_large_corpora_keep_articles_as_data_until_shown(tmp_path, cli):
    out = tmp_path / "r.html"
    r = cli("report", "seeds", "-o", str(out), "--inline-limit", "0")
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    assert page.marks == []  # nothing rendered at load
    bodies = page.data("articles-data")
    assert len(bodies) == 5
    inner = Page("".join(bodies))
    assert len(inner.marks) == 214
    assert html.count('data-lazy="') == 5 and len(page.cards) == 4


def test_report_from_the_fact_store(tmp_path, cli):
    assert cli("extract", "seeds", "-f", "jsonl").returncode == 0
    out = tmp_path / "r.html"
    r = cli("report", "-o", str(out))
    assert r.returncode == 0, r.stderr
    page = Page(out.read_text(encoding="utf-8"))
    assert len(page.marks) == 214 and len(page.cards) == 4


def test_report_errors_are_one_line_with_exit_2(tmp_path, cli):
    r = cli("report", "seeds", "-o", str(tmp_path / "no" / "such" / "r.html"))
    assert r.returncode == 2
    assert r.stderr.decode().startswith(f"cloudfacts: {tmp_path / 'no' / 'such' / 'r.html'}: cannot write: "
                                        "no such folder")
    assert r.stderr.decode().count("\n") == 1
    r = cli("report", "-o", str(tmp_path / "r.html"), db=tmp_path / "none.db")
    assert r.returncode == 2 and "no fact store at" in r.stderr.decode()
    assert not (tmp_path / "r.html").exists()
    r = cli("report", "seeds", "nothere.txt", "-o", str(tmp_path / "r.html"))
    assert r.returncode == 2 and "nothere.txt" in r.stderr.decode()
    assert (tmp_path / "r.html").exists()  # the rest of the run still wrote its report
    bad = tmp_path / "bad.json"
    bad.write_text("[{\"kind\": 3}]", encoding="utf-8")
    r = cli("report", str(bad), "-o", str(tmp_path / "r2.html"))
    assert r.returncode == 2 and r.stderr.decode().startswith("cloudfacts: ")
    assert not (tmp_path / "r2.html").exists()


def test_report_to_stdout_when_it_is_a_pipe(cli):
    r = cli("report", "seeds/001_aa28686d20d16767.txt")
    assert r.returncode == 0, r.stderr
    html = r.stdout.decode("utf-8")
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert len(Page(html).marks) == len(extract_paths(["seeds/001_aa28686d20d16767.txt"]))


def test_empty_corpus_gives_an_empty_page_not_a_crash(tmp_path, cli):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "r.html"
    r = cli("report", str(tmp_path / "empty.txt"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "No figure disagrees across sources." in html and Page(html).marks == []



def test_values_are_shown_as_a_reader_reads_them():
    from cloudfacts.report import fmt_value

    assert fmt_value(1160000000, None, "EUR", "approx") == "1\u202f160\u202f000\u202f000 EUR (approx)"
    assert fmt_value(44.4, None, "%") == "44.4 %"
    assert fmt_value(450000000.0, 500000000.0, "EUR") == "450\u202f000\u202f000 – 500\u202f000\u202f000 EUR"
    assert fmt_value(2014, None, "salarié") == "2014 salarié"
