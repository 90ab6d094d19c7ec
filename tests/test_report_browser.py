"""`cloudfacts report` in a real browser: headless Chromium driven by Playwright.

Chromium is Debian's (`apt-get install chromium`, done by .ci/run), passed to
Playwright as its executable: no browser is downloaded.  Where no Chromium
exists these tests are skipped, saying so."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cloudfacts.pipeline import extract_paths
from conftest import run_cli

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

# Flags of a headless Chromium on a machine with no network and no display.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str | None:
    given = os.environ.get("CLOUDFACTS_CHROMIUM")
    if given:
        return given
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    exe = chromium_path()
    if exe is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium, or set CLOUDFACTS_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.dialogs = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))

    def on_dialog(d):
        pg.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()


def _report(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "r.html"
    r = run_cli("report", *args, "-o", str(out), db=tmp_path / "unused.db")
    assert r.returncode == 0, r.stderr
    return out


def _open(page, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready]")


@pytest.fixture(scope="module")
def seeds_html(tmp_path_factory):
    return _report(tmp_path_factory.mktemp("seeds"), "seeds")


@pytest.fixture(scope="module")
def seeds_lazy_html(tmp_path_factory):
    return _report(tmp_path_factory.mktemp("lazy"), "seeds", "--inline-limit", "0")


@pytest.fixture(scope="module")
def seeds_mentions():
    return extract_paths(["seeds"])


def test_seeds_page_has_a_highlight_per_mention_and_four_cards(page, seeds_html, seeds_mentions):
    _open(page, seeds_html)
    assert page.locator("mark[data-kind]").count() == len(seeds_mentions) == 214
    assert page.locator("[data-verdict]").count() == 4
    kinds = page.eval_on_selector_all("mark[data-kind]", "els => els.map(e => e.dataset.kind)")
    assert kinds == [m.kind for m in seeds_mentions]
    assert page.locator("#facts-table tbody tr").count() == 214
    assert page.errors == []


def _click_card_source_lands_on_the_figure(page) -> None:
    link = page.locator(".card[data-verdict='rounding'] a.goto").first
    target = link.get_attribute("data-m")
    source, line = link.inner_text().rsplit(":", 1)
    figure = link.locator("xpath=following-sibling::blockquote/b").inner_text()
    link.click()
    focused = page.evaluate("() => document.activeElement && document.activeElement.id")
    assert focused == f"m{target}"
    mark = page.locator(f"#m{target}")
    assert mark.inner_text() == figure
    assert mark.evaluate("m => m.closest('article.doc').dataset.source") == source
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900 - box["height"]  # scrolled into the viewport
    assert page.evaluate("() => location.hash") == f"#m{target}"
    # the line of the card is the line of the mark in its article
    text_before = mark.evaluate("m => { const r = document.createRange();"
                                " r.setStart(m.closest('.text'), 0); r.setEndBefore(m); return r.toString(); }")
    assert text_before.count("\n") + 1 == int(line)


def test_clicking_a_card_source_opens_the_article_at_the_figure(page, seeds_html):
    _open(page, seeds_html)
    _click_card_source_lands_on_the_figure(page)


def test_a_large_corpus_renders_articles_on_demand_and_links_still_land(page, seeds_lazy_html):
    _open(page, seeds_lazy_html)
    assert page.locator("mark[data-kind]").count() == 0  # nothing rendered before it is needed
    _click_card_source_lands_on_the_figure(page)
    assert page.locator("mark[data-kind]").count() > 0
    page.locator("#doc4").scroll_into_view_if_needed()  # scrolling to an article renders it
    page.wait_for_function("() => !document.querySelector('#doc4 .text[data-lazy]')")
    assert page.locator("#doc4 mark[data-kind]").count() > 0


def test_filters_reduce_the_facts_table(page, seeds_html, seeds_mentions):
    _open(page, seeds_html)
    page.select_option("#f-kind", "percentage")
    rows = page.locator("#facts-table tbody tr")
    n_pct = sum(m.kind == "percentage" for m in seeds_mentions)
    assert 0 < rows.count() == n_pct < 214
    assert set(page.eval_on_selector_all("#facts-table tbody tr", "rs => rs.map(r => r.dataset.kindRow)")) == \
        {"percentage"}
    assert page.inner_text("#facts-count") == f"{n_pct} of 214 mentions"
    page.fill("#f-subject", "orange")
    want = sum(m.kind == "percentage" and (m.subject or "").lower() == "orange" for m in seeds_mentions)
    assert rows.count() == want > 0
    page.fill("#f-subject", "")
    page.fill("#f-source", "003_")
    want = sum(m.kind == "percentage" and "003_" in m.source for m in seeds_mentions)
    assert rows.count() == want > 0
    page.click("#filters button[type=reset]")
    page.wait_for_function("() => document.querySelectorAll('#facts-table tbody tr').length === 214")
    attrs = sorted({m.attribute for m in seeds_mentions if m.attribute})
    page.select_option("#f-attribute", attrs[0])
    assert rows.count() == sum(m.attribute == attrs[0] for m in seeds_mentions)


def test_sorting_by_value_orders_the_numbers(page, seeds_html):
    _open(page, seeds_html)
    page.select_option("#f-kind", "percentage")
    page.click("#facts-table th[data-col='2'] button")
    values = page.eval_on_selector_all("#facts-table tbody tr td:nth-child(3)", "tds => tds.map(t => +t.textContent)")
    assert values == sorted(values) and values[0] < values[-1]
    assert page.get_attribute("#facts-table th[data-col='2']", "aria-sort") == "ascending"
    page.click("#facts-table th[data-col='2'] button")
    values = page.eval_on_selector_all("#facts-table tbody tr td:nth-child(3)", "tds => tds.map(t => +t.textContent)")
    assert values == sorted(values, reverse=True)


def test_hover_and_focus_show_what_a_mention_is(page, seeds_html, seeds_mentions):
    _open(page, seeds_html)
    i = next(n for n, m in enumerate(seeds_mentions) if m.kind == "percentage" and m.subject)
    m = seeds_mentions[i]
    mark = page.locator(f"#m{i}")
    mark.scroll_into_view_if_needed()
    mark.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    text = tip.inner_text()
    for label, value in (("value", f"{m.value:g}"), ("unit", "%"), ("subject", m.subject), ("rule", m.rule)):
        assert label in text and value in text
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    mark.focus()  # the keyboard gets the same
    assert tip.is_visible() and m.subject in tip.inner_text()


def test_an_article_with_markup_stays_inert(page, tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "evil.txt").write_text(
        "Orange détient 44 % de Cloudwatt. <script>alert(1)</script>\n"
        'Le titre " onmouseover="alert(2)" vaut 12 euros <img src=x onerror="alert(3)">.\n'
        "</script><script>window.pwned = 1</script> Thales détient 22 %.\n", encoding="utf-8")
    (d / "ok.txt").write_text("Orange détient 44,4 % de Cloudwatt.\n", encoding="utf-8")
    for args in ((), ("--inline-limit", "0")):
        _open(page, _report(tmp_path, str(d), *args))
        page.locator("#doc0").scroll_into_view_if_needed()
        page.wait_for_function("() => !document.querySelector('#doc0 .text[data-lazy]')")
        for el in page.locator("#doc0 mark, #doc0 .text").all():
            el.hover()
        text = page.inner_text("#doc0 .text")
        assert "<script>alert(1)</script>" in text and 'onmouseover="alert(2)"' in text
        assert '<img src=x onerror="alert(3)">' in text
        assert page.evaluate("() => window.pwned") is None
        assert page.locator("img").count() == 0 and page.locator("script").count() == 2 + bool(args)
        assert page.dialogs == [] and page.errors == []
