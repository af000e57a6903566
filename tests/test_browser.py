"""The seed's HTML page in a real browser: Debian's headless Chromium driven by Selenium.

Skipped, with the reason, where Selenium, chromium or chromedriver is missing; .ci/run installs
them and sets TONGLAIO_REQUIRE_BROWSER=1, which turns that skip into a failure.

The screenshot goes to the test's temporary folder; README's docs/screenshot-seed.png is written
when it does not exist yet, or always with TONGLAIO_UPDATE_SCREENSHOT=1.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT

SCREENSHOT = ROOT / "docs" / "screenshot-seed.png"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000", "--hide-scrollbars")


def _find(*names: str) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def _unavailable() -> str | None:
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (pip install selenium)"
    if not _find("chromium", "chromium-browser"):
        return "no chromium browser on PATH (apt-get install chromium)"
    if not _find("chromedriver"):
        return "no chromedriver on PATH (apt-get install chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _unavailable()
    if reason:
        if os.environ.get("TONGLAIO_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser test required but {reason}")
        pytest.skip(reason)
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager fetch anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="tonglaio-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = _find("chromium", "chromium-browser")
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # CSP violations and script errors
    driver = webdriver.Chrome(options=opts, service=Service(executable_path=_find("chromedriver")))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def seed_page(seed_report, tmp_path_factory) -> Path:
    from tonglaio_parse.render.html import write

    path = tmp_path_factory.mktemp("html") / "seed.html"
    shown = replace(seed_report, source=replace(seed_report.source, path="fixtures/tongliao-2026-p2.txt"))
    with open(path, "w", encoding="utf-8") as fh:
        write([shown], fh)  # the path as typed in the repo, for the README's picture
    return path


def test_seed_page_in_a_browser(browser, seed_page, seed_report, tmp_path):
    from selenium.webdriver.common.by import By

    times = []
    for _ in range(3):  # the best of three: the first load also warms the browser's font caches
        browser.get(seed_page.as_uri())
        times.append(browser.execute_script(
            "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;"))
    assert 0 < min(times) < 1000, f"the page took {times} ms to load"
    assert [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []

    figures = browser.find_elements(By.CSS_SELECTOR, "[data-indicator]")
    assert len(figures) == len(seed_report.indicators) > 0
    ids = [f.get_attribute("data-indicator") for f in figures]
    assert sorted(ids) == sorted(i.id for i in seed_report.indicators)

    # click a figure that has a subject and a canonical id, and read the panel
    ind = next(i for i in seed_report.indicators if i.subject and i.canonical)
    mark = browser.find_element(By.CSS_SELECTOR, f'[data-indicator="{ind.id}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    panel = browser.find_element(By.CSS_SELECTOR, ".panel-body").text
    for expected in (ind.subject, ind.canonical, ind.normalized_unit, f"{ind.line}:{ind.column}", ind.status,
                     ind.context):
        assert expected in panel, f"{expected!r} not in the panel:\n{panel}"
    assert "sel" in mark.get_attribute("class")

    # a warning from the list jumps to its mark and shows it
    if seed_report.warnings:
        w = seed_report.warnings[-1]
        browser.find_element(By.CSS_SELECTOR, ".warnings li:last-child a").click()
        panel = browser.find_element(By.CSS_SELECTOR, ".panel-body").text
        assert w.code in panel and w.message in panel and w.context in panel

    # two figures on one span (基本养老、基本医疗保险参保率…95%以上): one click shows both
    by_span: dict = {}
    for i in seed_report.indicators:
        by_span.setdefault(i.span, []).append(i)
    shared = next((group for group in by_span.values() if len(group) > 1), None)
    if shared:
        inner = browser.find_elements(By.CSS_SELECTOR, f'[data-indicator="{shared[-1].id}"]')[0]
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", inner)
        inner.click()
        cards = browser.find_elements(By.CSS_SELECTOR, ".panel-body .card h3")
        assert {f"Figure {i.id}" for i in shared} <= {c.text.split(" · ")[0] for c in cards}

    # a row of the table jumps to its figure and shows it
    last = seed_report.indicators[-1]
    browser.find_element(By.CSS_SELECTOR, f'.table a[href="#r0i{len(seed_report.indicators) - 1}"]').click()
    assert f"Figure {last.id}" in browser.find_element(By.CSS_SELECTOR, ".panel-body").text

    # filters: only targets left in the table; the others dimmed in the text
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.CSS_SELECTOR, '[data-filter="status"]')).select_by_value("target")
    targets = sum(1 for i in seed_report.indicators if i.status == "target")
    visible = browser.execute_script("return document.querySelectorAll('.table tbody tr:not([hidden])').length")
    dimmed = browser.execute_script("return document.querySelectorAll('mark[data-indicator].off').length")
    assert (visible, dimmed) == (targets, len(seed_report.indicators) - targets)
    Select(browser.find_element(By.CSS_SELECTOR, '[data-filter="status"]')).select_by_value("*")

    # back to the top with the first figure selected, for the picture
    first = browser.find_element(By.CSS_SELECTOR, f'[data-indicator="{ind.id}"]')
    browser.execute_script("window.scrollTo(0, 0)")
    first.click()
    browser.execute_script("window.scrollTo(0, 0); document.querySelector('nav.side').scrollTop = 0")
    shot = tmp_path / "screenshot-seed.png"
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    if os.environ.get("TONGLAIO_UPDATE_SCREENSHOT") == "1" or not SCREENSHOT.exists():
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes(data)


def test_hostile_text_does_not_run(browser, tmp_path):
    from selenium.webdriver.common.by import By

    from tonglaio_parse.model import Document, Report, Source
    from tonglaio_parse.render.html import page

    text = '一、<script>window.pwned = 1</script>\n增长5%"><img src=x onerror="window.pwned = 2">\n'
    report = Report(Source("x.txt", "0" * 64, "utf-8", len(text), 2), Document(None, None, None, "simplified"),
                    text=text)
    path = tmp_path / "hostile.html"
    path.write_text(page([report]), encoding="utf-8")
    browser.get(path.as_uri())
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.find_elements(By.CSS_SELECTOR, ".text img, .text script") == []
    assert "<script>window.pwned = 1</script>" in browser.find_element(By.CSS_SELECTOR, ".text").text
