"""Reports as users have them (issue 17): saved web pages, PDFs and Word files.

The fixtures are the project's own: fixtures/inputs/ holds two report texts and the same texts
as two government sites serve them (made by fixtures/inputs/make.py); the PDFs (typeset with a
CJK font: running header, page numbers, paragraphs broken across pages, one or two columns) and
the .docx are made here from the same texts. Each extracted text must give the indicators the
text gives (values, status, period, subject), and every span must point into the extracted
text. Hostile inputs of each kind give one line and exit 2.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from contract import problems
from pdfgen import need_pdf_tools, truetype_subset, typeset
from tonglaio_parse import Options, cli, parse_file, parse_text
from tonglaio_parse.errors import InputError
from tonglaio_parse.stages import load

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "fixtures" / "inputs"
REPORT = INPUTS / "report.txt"      # Chongqing 2026, part; a table at the end
GAZETTE = INPUTS / "gazette.txt"    # Tibet 2026, part
SEED = ROOT / "fixtures" / "tongliao-2026-p2.txt"
CHECKER = ROOT.parent / "shared" / "tools" / "check_contract.py"


def run(capsys, *args):
    code = cli.run([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def figures(report) -> list[tuple]:
    """What must be the same whatever the format: each figure's subject, value, unit, status
    and period, in text order."""
    return [(i.subject, i.value, i.value_high, i.unit, str(i.status), i.period.to_dict() if i.period else None)
            for i in report.indicators]


def lines(text: str) -> list[str]:
    return text.rstrip("\n").split("\n")


def consistent(report) -> None:
    """Spans, lines and columns of the report point into its (extracted) text; schema valid."""
    assert problems(report.to_dict(), report.text) == []


# --- saved web pages ------------------------------------------------------------------------------

CHROME = ["当前位置", "首页", "字号", "分享到", "打印本页", "关闭窗口", "相关报道", "版权所有", "ICP备",
          "无障碍", "搜索", "重庆市第六届人民代表大会第四次会议开幕", "_hmt", "bdshare", "doZoom", "text-indent",
          "您现在的位置", "浏览次数", "打印此页", "栏目导航", "政府公报 |", "fontZoom", "【"]


@pytest.mark.parametrize("page, text", [("portal.html", REPORT), ("gazette.htm", GAZETTE)])
def test_a_saved_government_page_gives_the_figures_of_its_text(page, text):
    pytest.importorskip("lxml", reason="the html extra (lxml) reads web pages")
    got = parse_file(str(INPUTS / page))
    want = parse_file(str(text))
    assert len(want.indicators) > 20
    assert figures(got) == figures(want)
    assert (got.document.title, got.document.region, got.document.year) == \
        (want.document.title, want.document.region, want.document.year)
    consistent(got)
    assert [c for c in CHROME if c in got.text] == []
    body = lines(text.read_text(encoding="utf-8"))
    extracted = lines(got.text)
    assert extracted[0] == body[0]                        # the title first
    assert [ln for ln in body if ln not in extracted] == []  # every paragraph, heading, table row
    extra = [ln for ln in extracted if ln not in body]      # and nothing else but the date line
    assert len(extra) == 1 and "来源：" in extra[0] and "2026-02-" in extra[0]
    src = got.source
    assert (src.format, src.encoding, src.charset, src.pages) == ("html", "utf-8", "gb18030", None)
    assert src.extractor.startswith("lxml ") and src.sha256 == load.hashlib.sha256((INPUTS / page).read_bytes()).hexdigest()


def test_the_page_is_laid_out_as_lines_tables_as_rows_of_cells():
    pytest.importorskip("lxml")
    text = parse_file(str(INPUTS / "portal.html")).text
    assert "指标\t2026年预期目标\n地区生产总值\t增长5%以上\n" in text           # a table: a row per line
    assert "\n一、2025年和“十四五”时期工作回顾\n" in text                    # a heading, a line
    gazette = parse_file(str(INPUTS / "gazette.htm")).text                  # <br> lines, entities
    assert "\n——2026年1月31日在西藏自治区第十二届人民代表大会第四次会议上\n" in gazette
    assert "&" not in gazette and "\u00a0" not in gazette and "“十四五”" in gazette


def page(body: str, head: str = "", charset_meta: str = "") -> str:
    return (f"<!DOCTYPE html><html><head>{charset_meta}<title>2026年某市政府工作报告_某市人民政府</title>{head}"
            f"</head><body><div class='nav'><a href='/'>首页</a><a href='/a'>政务公开</a><a href='/b'>互动</a></div>"
            f"<h1>2026年某市政府工作报告</h1><div id='zoom'>{body}</div>"
            f"<div class='footer'>版权所有 某市人民政府</div></body></html>")


BODY = ("<p>一、2025年工作回顾</p><p>全市地区生产总值增长5.3%，一般公共预算收入增长4%。</p>"
        "<p>二、2026年工作安排</p><p>今年主要预期目标是：地区生产总值增长5%左右，\n城镇新增就业3万人以上。</p>")


@pytest.mark.parametrize("encoding, meta", [
    ("gb18030", '<meta http-equiv="Content-Type" content="text/html; charset=GB2312">'),
    ("gbk", '<meta charset="gbk">'),
    ("utf-8", '<meta charset="gb2312">'),   # saved as UTF-8, the declaration left as it was
    ("big5", '<meta charset="big5">'),
])
def test_the_charset_of_a_page_is_read_from_its_meta_unless_the_bytes_say_otherwise(tmp_path, encoding, meta):
    pytest.importorskip("lxml")
    html = page(BODY, charset_meta=meta)
    if encoding == "big5":  # a Traditional page
        from tonglaio_parse.stages.normalize import converter
        html = converter("s2t").convert(html)
    f = tmp_path / "report.htm"
    f.write_bytes(html.encode(encoding))
    r = parse_file(str(f))
    assert r.source.format == "html" and r.source.charset == {"gbk": "gb18030"}.get(encoding, encoding) \
        .replace("big5", "big5hkscs")
    assert [i.value for i in r.indicators] == [5.3, 4, 5, 30000]
    from tonglaio_parse.stages.normalize import converter
    assert "城镇新增就业3万人以上" in converter("t2s").convert(r.text)  # a newline of the HTML source: nothing
    assert not any(w.code == "IN001" for w in r.warnings)
    consistent(r)


def test_a_page_without_a_declared_charset_is_guessed_and_says_so(tmp_path):
    pytest.importorskip("lxml")
    f = tmp_path / "page.html"
    f.write_bytes(page(BODY).encode("gbk"))
    r = parse_file(str(f))
    assert r.source.charset == "gb18030" and [i.value for i in r.indicators] == [5.3, 4, 5, 30000]
    in001 = [w for w in r.warnings if w.code == "IN001"]
    assert len(in001) == 1 and "gb18030" in in001[0].message


def test_html_is_recognised_by_content_and_a_text_file_with_a_tag_stays_text(tmp_path):
    pytest.importorskip("lxml")
    f = tmp_path / "saved.txt"
    f.write_bytes(page(BODY).encode("utf-8"))
    assert parse_file(str(f)).source.format == "html"
    plain = tmp_path / "plain.txt"
    plain.write_text("一、回顾\n地区生产总值增长5%，见<b>附表</b>。\n", encoding="utf-8")
    assert parse_file(str(plain)).source.format == "text"


# --- PDFs -------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def cjk_font(tmp_path_factory) -> Path:
    font = need_pdf_tools()
    pytest.importorskip("pdfminer", reason="the pdf extra (pdfminer.six) reads PDFs")
    chars = "".join(p.read_text(encoding="utf-8") for p in (REPORT, GAZETTE, SEED)) + "—0123456789 政府公报年第期"
    return truetype_subset(font, chars, tmp_path_factory.mktemp("font") / "cjk.ttf")


@pytest.fixture(scope="session")
def pdfs(cjk_font, tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("pdf")
    text = REPORT.read_text(encoding="utf-8")
    return {
        "one": typeset(text, cjk_font, d / "report.pdf", header="重庆市人民政府公报　2026年第3期"),
        "two": typeset(text, cjk_font, d / "two-columns.pdf", header="重庆市人民政府公报　2026年第3期", columns=2),
        "gazette": typeset(GAZETTE.read_text(encoding="utf-8"), cjk_font, d / "gazette.pdf", header="西藏政报",
                           columns=2, size=10.5),
    }


@pytest.mark.parametrize("kind, text", [("one", REPORT), ("two", REPORT), ("gazette", GAZETTE)])
def test_a_pdf_gives_its_text_back_paragraph_by_paragraph(pdfs, kind, text):
    got = parse_file(str(pdfs[kind]))
    body = text.read_text(encoding="utf-8")
    assert got.text == body                 # no header, no page number, paragraphs whole, in order
    assert figures(got) == figures(parse_text(body))
    consistent(got)
    assert got.source.format == "pdf" and got.source.extractor.startswith("pdfminer.six ")
    assert got.source.pages >= 2


def test_a_paragraph_broken_across_pages_is_one_line_and_figures_know_their_page(pdfs):
    r = parse_file(str(pdfs["one"]))
    starts = load.load(pdfs["one"].read_bytes(), "x.pdf").pages
    assert len(starts) == r.source.pages and starts[0] == 0
    inside = [s for s in starts[1:] if r.text[s - 1] != "\n"]
    assert inside, "some page begins inside a paragraph"
    for i in r.indicators:
        assert i.page == 1 + sum(1 for s in starts[1:] if s <= i.span[0])
    assert {i.page for i in r.indicators} == set(range(1, r.source.pages + 1))
    target = next(i for i in r.indicators if i.text == "5%以上")
    assert target.page == r.source.pages and r.to_dict()["indicators"][0]["page"] == 1
    assert all(w.page is not None for w in r.warnings)
    assert all(i.page is None for i in parse_file(str(REPORT)).indicators)


@pytest.mark.parametrize("end, short_by, continues", [
    ("产业发展带动作用明显提", 4, True),    # a maker's line break before 升， (ragged or kinsoku): mid-sentence
    ("产业发展带动作用明显提", 1, True),
    ("产业发展带动作用明显提", 12, False),  # a heading-long line ends its paragraph
    ("竞相涌现。", 4, False),               # a sentence end short of the edge ends it
    ("竞相涌现。", 1, True),                # unless it fills the line
])
def test_a_line_ending_mid_sentence_continues_unless_far_short(end, short_by, continues):
    from tonglaio_parse.stages import extract_pdf as x

    size, right = 15.0, 572.0
    col = x._Column(0, "single", left=34.0, right=right, gap=3.0)
    prev = x._Line(0, 34.0, right - short_by * size, 100.0, 100.0 + size, end)
    cur = x._Line(0, 34.0, right, 118.0, 118.0 + size, "升,“51020”先进制造业和五大现代服务业产业集群加快发展")
    assert x._continues(prev, col, cur, col) is continues


@pytest.mark.parametrize("text, expected", [
    ("改造农村危房2.1万戶,经营主体从689万戶增至951万戶,城乡居民收入稳步增长,哪吒之魂。",
     "改造农村危房2.1万户,经营主体从689万户增至951万户,城乡居民收入稳步增长,哪吒之魂。"),
    ("改造農村危房2.1萬戶,經營主體從689萬戶增至951萬戶。", "改造農村危房2.1萬戶,經營主體從689萬戶增至951萬戶。"),
])
def test_a_glyph_shared_with_a_traditional_variant_is_simplified_in_a_simplified_text(text, expected):
    from tonglaio_parse.stages.extract_pdf import _shared_glyphs

    assert _shared_glyphs(text) == expected


@pytest.mark.parametrize("name, data, words", [
    ("report.pdf", "<html><head><title>404 Not Found</title></head><body>404</body></html>".encode(), "a web page"),
    ("report.pdf", "今年地区生产总值增长5%左右。".encode(), "not a PDF"),
    ("report.docx", "今年地区生产总值增长5%左右。".encode(), "not a Word file"),
    ("report.pdf", b"", "holds nothing"),
])
def test_a_file_named_pdf_or_docx_that_is_not_one_is_refused(capsys, tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    code = cli.run(["parse", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1


def _layout_lines(rows):
    from tonglaio_parse.stages import extract_pdf as x

    col = x._Column(0, "left", left=68.0, right=272.0, gap=10.0)
    return col, [x._Line(0, x0, x1, top, top + size, text) for x0, x1, top, size, text in rows]


def test_a_title_wrapped_in_a_narrow_column_is_one_line_and_the_date_line_its_own():
    from tonglaio_parse.stages import extract_pdf as x

    col, (t1, t2, d1, d2, speaker) = _layout_lines([
        (75, 273, 76, 18, "南港市汇澜区人民政府工"), (147, 201, 104, 18, "作报告"),       # 18 pt, centred
        (74, 275, 136, 12, "——2026年1月8日在南港市汇澜区第五"), (96, 252, 158, 12, "届人民代表大会第六次会议上"),
        (143, 206, 180, 12, "区长 唐嘉禾")])
    assert x._continues(t1, col, t2, col)            # a centred title's last line goes on the full one
    assert not x._continues(t2, col, d1, col)        # the type changes: a new paragraph
    assert x._continues(d1, col, d2, col)
    assert not x._continues(d2, col, speaker, col)   # a centred line after a centred one: its own


def test_a_page_with_control_characters_in_its_text_is_read(tmp_path):
    page = ("<html><head><meta charset='utf-8'></head><body><div><p>今年地区生产总值\x01增长5%左右。</p>"
            "<p>城镇新增就业1.2万人\x0b以上。</p></div></body></html>")
    path = tmp_path / "damaged.html"
    path.write_text(page, encoding="utf-8")
    report = parse_file(str(path), options=Options(year=2026))
    assert [i.text for i in report.indicators][:1] == ["5%左右"]


def test_a_report_of_forty_pages_takes_seconds(cjk_font, tmp_path):
    import time

    seed = SEED.read_text(encoding="utf-8")
    text = "".join(f"第{n}部分\n{seed}" for n in "一二三四五")
    f = typeset(text, cjk_font, tmp_path / "long.pdf", header="通辽市人民政府公报")
    start = time.perf_counter()
    got = load.load(f.read_bytes(), str(f))
    took = time.perf_counter() - start
    assert len(got.pages) >= 45 and took < 20, (len(got.pages), took)
    assert lines(got.text) == [ln.strip() for ln in lines(text) if ln.strip()]  # blank lines are no text of a PDF


def test_hostile_pdfs_give_one_line_and_exit_2(capsys, tmp_path, pdfs):
    pypdf = pytest.importorskip("pypdf", reason="pypdf (the test extra) encrypts the test PDF")
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    scan = Image.new("L", (400, 560), 235)
    draw = ImageDraw.Draw(scan)
    for y in range(40, 520, 18):
        draw.rectangle([40, y, 360, y + 9], fill=50)
    scan_png = tmp_path / "scan.png"
    scan.save(scan_png)
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(str(scan_png), x=10, y=10, w=190)
    pdf.output(str(tmp_path / "scan.pdf"))
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(pdfs["one"])))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    writer.write(str(tmp_path / "locked.pdf"))
    whole = pdfs["one"].read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 3])
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    expected = {"scan.pdf": "without a text layer", "locked.pdf": "encrypted PDF that needs a password",
                "cut.pdf": "not a readable PDF", "junk.pdf": "not a readable PDF"}
    for name, words in expected.items():
        code, out, err = run(capsys, "parse", tmp_path / name)
        assert (code, out) == (2, ""), (name, err)
        assert err.count("\n") == 1 and words in err and "Traceback" not in err, err


def test_a_pdf_locked_only_against_changes_is_read(tmp_path, pdfs):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(pdfs["one"])))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    writer.write(str(tmp_path / "owner.pdf"))
    assert parse_file(str(tmp_path / "owner.pdf")).text == REPORT.read_text(encoding="utf-8")


# --- Word files ------------------------------------------------------------------------------

def make_docx(text: str, path: Path) -> Path:
    docx = pytest.importorskip("docx", reason="the docx extra (python-docx) reads Word files")
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "重庆市人民政府公报"   # a page header: not the report
    rows = [ln.split("\t") for ln in lines(text) if "\t" in ln]
    for n, ln in enumerate(lines(text)):
        if "\t" in ln:
            continue
        if n == 0:
            doc.add_heading(ln, level=1)
        elif ln[:2] in ("一、", "二、", "三、"):
            doc.add_heading(ln, level=2)
        else:
            p = doc.add_paragraph()
            half = len(ln) // 2          # two runs, one bold: the paragraph is still one line
            p.add_run(ln[:half]).bold = True
            p.add_run(ln[half:])
            if n < 3:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if rows:
        table = doc.add_table(rows=len(rows) + 1, cols=2)
        for row, cells in zip(table.rows, rows):
            for cell, value in zip(row.cells, cells):
                cell.text = value
        merged = table.rows[-1].cells[0].merge(table.rows[-1].cells[1])
        merged.text = "注：增速按可比价格计算"
    doc.save(str(path))
    return path


def test_a_word_file_gives_its_paragraphs_headings_and_table_rows(tmp_path):
    text = REPORT.read_text(encoding="utf-8")
    got = parse_file(str(make_docx(text, tmp_path / "report.docx")))
    assert got.text == text + "注：增速按可比价格计算\n"       # a merged cell once
    assert figures(got) == figures(parse_file(str(REPORT)))
    consistent(got)
    assert got.source.format == "docx" and got.source.extractor.startswith("python-docx ")


def test_broken_word_files_give_one_line_and_exit_2(capsys, tmp_path):
    pytest.importorskip("docx")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    good = make_docx(GAZETTE.read_text(encoding="utf-8"), tmp_path / "good.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(good[: len(good) // 2])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body><w:p>")   # malformed XML
    (tmp_path / "bad-xml.docx").write_bytes(buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    (tmp_path / "sheet.xlsx").write_bytes(buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\x00" * (50 * 1024 * 1024))      # a zip bomb
    (tmp_path / "bomb.docx").write_bytes(buf.getvalue())
    expected = {"broken.docx": "not a readable .docx", "cut.docx": "not a readable .docx",
                "bad-xml.docx": "not a readable .docx", "sheet.xlsx": "an Excel workbook",
                "bomb.docx": "zip bomb"}
    for name, words in expected.items():
        code, out, err = run(capsys, "parse", tmp_path / name)
        assert (code, out) == (2, ""), (name, err)
        assert err.count("\n") == 1 and words in err and "Traceback" not in err, err


# --- the CLI: --save-text, batch over a mixed folder, missing extras, start-up ------------------

def test_parse_save_text_writes_the_original_the_contract_checker_reads(capsys, tmp_path, pdfs):
    for source in (INPUTS / "portal.html", pdfs["two"]):
        out, text = tmp_path / (source.name + ".json"), tmp_path / (source.name + ".txt")
        code, _, err = run(capsys, "parse", source, "--format", "json", "-o", out, "--save-text", text)
        assert code == 0 and err == ""
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert doc["source"]["format"] in ("html", "pdf") and doc["source"]["encoding"] == "utf-8"
        assert problems(doc, text.read_text(encoding="utf-8")) == []
        if CHECKER.is_file():
            res = subprocess.run([sys.executable, str(CHECKER), str(out), str(text)], capture_output=True, text=True)
            assert res.returncode == 0 and "0 contract problems" in res.stdout, res.stdout


def test_batch_takes_every_format_reports_bad_files_and_resumes(capsys, tmp_path, pdfs):
    folder = tmp_path / "reports"
    folder.mkdir()
    for src in (REPORT, GAZETTE, INPUTS / "portal.html", INPUTS / "gazette.htm", pdfs["one"]):
        (folder / src.name).write_bytes(src.read_bytes())
    make_docx(GAZETTE.read_text(encoding="utf-8"), folder / "gazette.docx")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04not a zip at all")
    (folder / "empty.html").write_bytes(b"<html><head><title>x</title></head><body><script>x()</script></body></html>")
    (folder / "notes.md").write_text("not taken: no pattern of --glob", encoding="utf-8")
    texts = tmp_path / "texts"
    code, out, err = run(capsys, "batch", folder, "-j", "1", "--save-text", texts)
    assert code == 1
    docs = [json.loads(line) for line in out.splitlines()]
    assert [Path(d["source"]["path"]).name for d in docs] == ["gazette.docx", "gazette.htm", "gazette.txt",
                                                              "portal.html", "report.pdf", "report.txt"]
    assert [d["source"]["format"] for d in docs] == ["docx", "html", "text", "html", "pdf", "text"]
    assert "9 files: 6 parsed, 3 failed" in err
    for name, why in (("broken.pdf", "not a readable PDF"), ("broken.docx", "not a readable .docx"),
                      ("empty.html", "no text in the HTML page")):
        assert f"{folder / name}: {why}" in err
    assert "Traceback" not in err
    saved = sorted(p.name for p in texts.iterdir())
    assert saved == sorted(f"{d['source']['path'].rsplit('/', 1)[1]}.txt" for d in docs)
    for d in docs:
        original = (texts / (Path(d["source"]["path"]).name + ".txt")).read_text(encoding="utf-8")
        assert problems(d, original) == []
    db = tmp_path / "all.sqlite"
    code, _, err = run(capsys, "batch", folder, "-o", db, "-j", "2")
    assert code == 1 and "6 parsed, 3 failed" in err
    code, _, err = run(capsys, "batch", folder, "-o", db, "-j", "2")
    assert "6 unchanged (skipped), 3 failed" in err


@pytest.mark.parametrize("module, extra, name", [("pdfminer.high_level", "pdf", "report.pdf"),
                                                 ("lxml.html", "html", "portal.html"),
                                                 ("docx", "docx", "report.docx")])
def test_a_missing_extra_is_named(monkeypatch, module, extra, name):
    from tonglaio_parse.stages import extract

    real = extract.importlib.import_module

    def refuse(mod, *a):
        if mod == module:
            raise ImportError(f"No module named {mod!r}")
        return real(mod, *a)

    monkeypatch.setattr(extract.importlib, "import_module", refuse)
    data = {"pdf": b"%PDF-1.7\n", "html": (INPUTS / "portal.html").read_bytes()}.get(extra)
    if data is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("word/document.xml", "<x/>")
        data = buf.getvalue()
    with pytest.raises(InputError) as err:
        load.load(data, name)
    assert f"pip install 'tonglaio-parse[{extra}]'" in str(err.value) and name in str(err.value)


def test_import_and_help_load_no_extractor():
    code = ("import sys, tonglaio_parse\n"
            "from tonglaio_parse import cli\n"
            "try:\n    cli.run(['parse', '--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('lxml', 'pdfminer', 'docx', 'pypdf') if m in sys.modules]\n"
            "print(heavy)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0 and res.stdout.strip().splitlines()[-1] == "[]", res.stdout + res.stderr
