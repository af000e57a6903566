"""`--format html`: every figure and warning marked in place, nothing lost, report text always escaped.

The page is read back with the standard library's HTML parser: the text of each line must come back
exactly, each mark must enclose exactly its span, and each figure must be counted once.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED
from tonglaio_parse.model import Document, Indicator, Measure, Period, Report, Section, Source, Warning
from tonglaio_parse.render import html as html_render
from tonglaio_parse.render import writer

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'

VOID = {"meta", "br", "input", "img", "link", "hr", "wbr"}


class Page(HTMLParser):
    """Reads a page back: the lines of the text, what every mark encloses, every tag seen."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.tags: list[tuple[str, dict]] = []
        self.lines: dict[int, str] = {}
        self.enclosed: dict[tuple[str, str], str] = {}  # ("i"|"w", index) -> text of all fragments
        self.public: dict[str, list[dict]] = {"data-indicator": [], "data-warning": []}
        self.scripts: list[tuple[dict, str]] = []
        self.errors: list[str] = []
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {[t for t, _ in self.stack]}")

    def _in_text(self) -> bool:
        return any(a.get("class") == "text" for t, a in self.stack if t == "main")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        for key in self.public:
            if key in a:
                self.public[key].append(a)
        if tag not in VOID:
            self.stack.append((tag, a))
        if tag == "script":
            self.scripts.append((a, ""))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
            return
        if not self._in_text():
            return
        for t, a in self.stack:
            if "data-line" in a:
                n = int(a["data-line"])
                self.lines[n] = self.lines.get(n, "") + data
            for kind in ("i", "w"):
                if f"data-{kind}" in a:
                    key = (kind, a[f"data-{kind}"])
                    self.enclosed[key] = self.enclosed.get(key, "") + data


def _report(text: str, indicators=(), warnings=(), sections=(), path="a.txt", title="标题") -> Report:
    return Report(Source(path, "0" * 64, "utf-8", len(text), text.count("\n") + 1),
                  Document(title, "通辽市", 2026, "simplified"),
                  list(sections), list(indicators), list(warnings), text=text)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _ind(text: str, n: int, start: int, end: int, status="target", qualifier=None, subject="指标",
         canonical=None) -> Indicator:
    line, col = _line_col(text, start)
    return Indicator(f"i{n}", subject, canonical, Measure(95, None, "%", "percent", 95, "percent", qualifier), "level",
                     status, Period(2026, 2026), None, line, col, (start, end), text[start:end])


def _warn(text: str, code: str, start: int, end: int, severity="warning", message="消息") -> Warning:
    line, col = _line_col(text, start)
    return Warning(code, "repeated-word", severity, message, line, col, (start, end), text[start:end])


def _check(report: Report) -> Page:
    """The invariants every page keeps, whatever the spans."""
    page = Page(html_render.page([report]))
    assert page.errors == []
    text = report.text
    lines = text.split("\n")
    for n, line in enumerate(lines, 1):
        assert page.lines.get(n, "") == line, f"line {n}"
    # each record exactly once, in any order (document order is not list order)
    assert sorted((int(a["data-i"]), a["data-indicator"]) for a in page.public["data-indicator"]) == \
        [(k, i.id) for k, i in enumerate(report.indicators)]
    assert sorted((int(a["data-w"]), a["data-warning"]) for a in page.public["data-warning"]) == \
        [(k, w.code) for k, w in enumerate(report.warnings)]
    for k, i in enumerate(report.indicators):
        assert page.enclosed.get(("i", str(k)), "") == i.text.replace("\n", "")
    for k, w in enumerate(report.warnings):
        assert page.enclosed.get(("w", str(k)), "") == w.text.replace("\n", "")
    return page


# ---------------------------------------------------------------- overlapping spans

SHARED = "一、总体要求\n基本养老、基本医疗保险参保率稳定在95%以上。新建建农村公路1647公里。\n"


def test_two_figures_on_one_span_and_a_warning_inside_are_all_kept():
    t = SHARED
    s = t.index("95%以上")
    r = _report(t, [_ind(t, 1, s, s + 5, qualifier="at_least", subject="基本养老保险参保率"),
                    _ind(t, 2, s, s + 5, qualifier="at_least", subject="基本医疗保险参保率"),
                    _ind(t, 3, t.index("1647"), t.index("1647") + 6, status="actual")],
                [_warn(t, "TX001", t.index("建建"), t.index("建建") + 2),
                 _warn(t, "NU002", s, s + 3, severity="info")],
                [Section("1", "一、", "总体要求", 1, 1, (0, len(t)))])
    page = _check(r)
    marks = page.public["data-indicator"]
    assert [m["id"] for m in marks] == ["r0i0", "r0i1", "r0i2"]
    assert "target" in marks[0]["class"] and " q" in marks[0]["class"] and marks[0]["data-qsign"] == "≥"
    assert "actual" in marks[2]["class"] and "q" not in marks[2]["class"].split()
    assert {a["data-warning"]: a["class"] for a in page.public["data-warning"]}["NU002"] == "warn sev-info"


@pytest.mark.parametrize("spans", [
    [(3, 8), (5, 12)],           # crossing
    [(3, 8), (3, 8), (3, 8)],    # identical
    [(0, 30), (2, 4), (2, 4)],   # one around two
    [(5, 5), (5, 9)],            # empty at the start of another
    [(9, 16), (12, 20)],         # across a line break
    [(14, 15)],                  # only a line break
    [(0, 40)],                   # the whole text
], ids=["crossing", "identical", "around", "empty", "across-lines", "only-newline", "whole"])
def test_awkward_spans_lose_nothing(spans):
    t = "增长5%左右,城乡居民收入\n增长6%。\n\n结尾\n"
    spans = [(a, min(b, len(t))) for a, b in spans]
    inds = [_ind(t, n, a, b) for n, (a, b) in enumerate(spans, 1)]
    warns = [_warn(t, "TX001", a, b) for a, b in spans]
    _check(_report(t, inds, warns))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="增长5%\n<>&\"'　x", max_size=40).flatmap(lambda t: st.tuples(
    st.just(t),
    st.lists(st.tuples(st.integers(0, len(t)), st.integers(0, len(t))), max_size=6),
    st.lists(st.tuples(st.integers(0, len(t)), st.integers(0, len(t))), max_size=4))))
def test_any_spans_render_well_formed_and_complete(case):
    t, ind_spans, warn_spans = case
    inds = [_ind(t, n, min(a, b), max(a, b)) for n, (a, b) in enumerate(ind_spans, 1)]
    warns = [_warn(t, "TX001", min(a, b), max(a, b)) for a, b in warn_spans]
    _check(_report(t, inds, warns))


# ---------------------------------------------------------------- escaping


def test_report_text_is_never_markup():
    t = f"一、标题{XSS_SCRIPT}\n增长5%{XSS_IMG}左右。\n"
    s = t.index("5%")
    r = _report(t, [_ind(t, 1, s, s + 2, subject=XSS_SCRIPT, canonical=XSS_IMG)],
                [_warn(t, "TX001", t.index("<script>"), t.index("<script>") + 8, message=XSS_IMG)],
                [Section("1", "一、", f"标题{XSS_SCRIPT}", 1, 1, (0, len(t)))],
                path=f"{XSS_IMG}.txt", title=XSS_SCRIPT)
    html = html_render.page([r])
    assert XSS_SCRIPT not in html and "<img" not in html
    page = _check(r)
    assert [t for t, _ in page.tags if t in ("img", "iframe", "object", "embed")] == []
    executable = [a for a, _ in page.scripts if "type" not in a]
    assert len(executable) == 1 and "src" not in executable[0]
    assert not any(k.startswith("on") for _, a in page.tags for k in a)
    assert XSS_SCRIPT in page.lines[1] and XSS_IMG in page.lines[2]
    data = json.loads(next(body for a, body in page.scripts if a.get("class") == "report-data"))
    assert data["indicators"][0]["subject"] == XSS_SCRIPT and data["warnings"][0]["message"] == XSS_IMG


def test_the_json_block_cannot_end_its_script():
    t = "</script><!-- \u2028 & 5%"
    r = _report(t, [_ind(t, 1, t.index("5%"), len(t), subject="</SCRIPT>")])
    body = html_render._json(r)
    assert "<" not in body and ">" not in body and "&" not in body and "\u2028" not in body
    assert json.loads(body)["indicators"][0]["subject"] == "</SCRIPT>"


def test_content_security_policy_admits_only_our_own_style_and_script():
    html = html_render.page([_report("增长5%")])
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def test_nothing_is_loaded_from_elsewhere():
    page = Page(html_render.page([_report("增长5%")]))
    assert not [a for _, a in page.tags if "src" in a]
    assert all(a["href"].startswith("#") for t, a in page.tags if t == "a")
    assert [t for t, _ in page.tags if t == "link"] == []
    for name in ("html_page.css", "html_page.js"):
        asset = html_render._asset(name)
        assert "url(" not in asset and "@import" not in asset and "http" not in asset
        assert "innerHTML" not in asset and "eval(" not in asset


# ---------------------------------------------------------------- structure


def test_headings_outline_and_warning_list_link_to_marks():
    t = "二、2026年工作安排\n——**五年来,我们坚持改善民生。**新增就业6.9万人。\n"
    s = t.index("6.9万人")
    secs = [Section("1", "", "", 1, 1, (0, 0), inferred=True),
            Section("2", "二、", "2026年工作安排", 1, 1, (0, len(t))),
            Section("2.1", "——", "五年来,我们坚持改善民生", 2, 2, (t.index("——"), len(t)))]
    r = _report(t, [_ind(t, 1, s, s + 5, status="actual")], [_warn(t, "LA003", t.index("**"), t.index("**") + 2)],
                secs)
    html = html_render.page([r])
    page = _check(r)
    ids = {a["id"] for _, a in page.tags if "id" in a}
    hrefs = [a["href"][1:] for t_, a in page.tags if t_ == "a"]
    assert {"r0s0", "r0s1", "r0s2", "r0i0", "r0w0"} <= set(hrefs) <= ids
    assert '<h3 class="ln" data-line="1">' in html          # a heading alone on its line
    assert '<p class="ln" data-line="2">' in html           # a lead-in heading opens a paragraph
    assert "heading is not in this text" in html


def test_table_rows_carry_what_the_filters_read():
    t = "增长5%左右,粮食产量120亿斤。"
    a, b = t.index("5%"), t.index("120")
    secs = [Section("2", "二、", "工作", 1, 1, (0, len(t))), Section("2.3", "(三)", "民生", 2, 1, (0, len(t)))]
    i1 = _ind(t, 1, a, a + 4, canonical="gdp_growth")
    i2 = _ind(t, 2, b, b + 5, status="actual")
    r = _report(t, [replace(i1, section="2"), replace(i2, section="2.3")], [], secs)
    page = Page(html_render.page([r]))
    rows = [a for t_, a in page.tags if t_ == "tr" and "data-i" in a]
    assert [(r_["data-status"], r_["data-canonical"], r_["data-section"]) for r_ in rows] == \
        [("target", "gdp_growth", "2"), ("actual", "", "2.3")]
    options = {(a.get("value")) for t_, a in page.tags if t_ == "option"}
    assert {"*", "actual", "target", "", "gdp_growth", "2", "2.3"} <= options


def test_empty_report_and_no_report():
    _check(_report(""))
    assert "No report." in html_render.page([])


def test_several_reports_share_one_page_without_id_clashes():
    t = "增长5%。"
    r = _report(t, [_ind(t, 1, 2, 4)], [_warn(t, "TX001", 0, 2)])
    page = Page(html_render.page([r, r]))
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids)) and {"r0i0", "r1i0"} <= set(ids)


# ---------------------------------------------------------------- site


def test_write_site_writes_a_page_per_report_and_an_index(tmp_path):
    t = "增长5%。"
    reports = [_report(t, [_ind(t, 1, 2, 4)], [], path="x/报告.txt"),
               _report(t, [], [_warn(t, "TX001", 0, 2, severity="error")], path="y/报告.txt"),
               _report(t, [], [], path="index.txt"), _report(t, [], [], path=None)]
    written = html_render.write_site(reports, tmp_path / "site", failures=[("bad<b>.txt", "cannot decode")])
    names = [p.name for p in written]
    assert names == ["报告.html", "报告-2.html", "index-2.html", "stdin.html", "index.html"]
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    parsed = Page(index)
    assert parsed.errors == []
    links = [a["href"] for t_, a in parsed.tags if t_ == "a"]
    assert len(links) == 4 and all((tmp_path / "site" / unquote(h)).exists() for h in links)
    assert "bad&lt;b&gt;.txt" in index and "cannot decode" in index
    rows = re.findall(r"<tr><td>.*?</tr>", index)
    assert re.findall(r'<td class="n">(\d+)</td>', rows[0])[:4] == ["1", "0", "1", "0"]
    assert 'href="index.html"' in (tmp_path / "site" / "报告.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the seed, end to end


def test_html_is_a_registered_format(seed_report):
    import io

    out = io.StringIO()
    writer("html").write([seed_report], out)
    assert out.getvalue() == html_render.page([seed_report])
    assert writer("html").folder is not None and ".html" in writer("html").suffixes


def test_seed_page(seed_report, tmp_path):
    from tonglaio_parse import cli

    out = tmp_path / "seed.html"
    code = cli.run(["parse", str(SEED), "--format", "html", "-o", str(out)])
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert len(html.encode("utf-8")) < 1_000_000
    page = _check(seed_report)
    assert len(page.public["data-indicator"]) == len(seed_report.indicators) > 0
    assert html.count("data-indicator=") == len(seed_report.indicators)
    assert html.count("data-warning=") == len(seed_report.warnings)
