#!/usr/bin/env python3
"""Take the README's pictures of the seeds' report in headless Chromium (the same
Debian Chromium and Playwright as the browser tests).

    python docs/screenshot.py            # writes docs/report.png and docs/report-article.png
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def main() -> None:
    exe = os.environ.get("CLOUDFACTS_CHROMIUM") or shutil.which("chromium")
    if not exe:
        sys.exit("screenshot: no chromium on the PATH (apt-get install chromium, or set CLOUDFACTS_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "cloudfacts", "report", "seeds", "-o", str(page_path),
                        "--title", "cloudfacts report — seeds"], cwd=ROOT, check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 820})
            page.goto(page_path.as_uri())
            page.wait_for_selector("html[data-ready]")
            page.screenshot(path=str(ROOT / "docs" / "report.png"))
            # a conflict's source followed to its article, the figure's details shown
            link = page.locator(".card[data-verdict] a.goto").first
            link.click()
            mark = page.locator(f"#m{link.get_attribute('data-m')}")
            mark.hover()
            page.wait_for_timeout(1800)  # the landing flash fades
            page.screenshot(path=str(ROOT / "docs" / "report-article.png"))
            browser.close()
    print("wrote docs/report.png and docs/report-article.png")


if __name__ == "__main__":
    main()
