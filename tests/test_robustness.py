"""Any input, no crash, nothing lost (issue 8).

Every input gives a report or a one-line error, with exit 0 (parsed), 1 (findings at
--fail-on) or 2 (input or usage error) and never a traceback. All inputs are generated
here; nothing large or binary is committed.

* hostile inputs through the CLI in-process (cli.run + capsys): exit code, stderr, content;
* pipes and closed streams in a subprocess (| head -1, <&-, >&-, a writer that dies);
* properties (hypothesis) over arbitrary text and bytes through the whole pipeline;
* cost: 10x the input takes at most ~12x the time, on adversarial text too.

Fuzzing at scale: TONGLAIO_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest \
    tests/test_robustness.py -k property -x -p no:cacheprovider
runs each property for that many examples (the default keeps `make test` quick).
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED
from contract import problems
from tonglaio_parse import cli
from tonglaio_parse.cli import exitcodes
from tonglaio_parse.pipeline import InputError, parse_bytes, parse_text

SEED_BYTES = SEED.read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")
EXE = [sys.executable, "-m", "tonglaio_parse"]
FUZZ = int(os.environ.get("TONGLAIO_FUZZ_EXAMPLES", "0"))


def run(capsys, *args):
    code = cli.run([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def assert_one_line_error(err: str, *words: str) -> None:
    assert "Traceback" not in err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("tonglaio-parse: error: "), err
    for w in words:
        assert w in lines[0], (w, err)


def assert_consistent(doc: dict, original: str) -> None:
    """The shared contract (schema, text == original[span], line:column) and sorted output."""
    assert problems(doc, original) == []
    starts = [i["span"][0] for i in doc["indicators"]]
    assert starts == sorted(starts)
    assert [i["id"] for i in doc["indicators"]] == [f"i{n}" for n in range(1, len(starts) + 1)]
    assert [w["span"][0] for w in doc["warnings"]] == sorted(w["span"][0] for w in doc["warnings"])
    assert [s["span"][0] for s in doc["sections"]] == sorted(s["span"][0] for s in doc["sections"])
    assert doc["source"]["chars"] == len(original)


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:t>地区生产总值增长5%</w:t></w:document>")
    return buf.getvalue()


GDP = "地区生产总值增长5%左右。"
JOBS = "城镇新增就业2.5万人以上。"


def values(doc) -> list:
    return [i["value"] for i in doc["indicators"]]


# (id, bytes, exit code, words of the one-line error, check of the parsed JSON)
HOSTILE = [
    ("empty", b"", 2, ["empty, no text to parse"], None),
    ("whitespace only", " \n\t \r\n\u3000\n".encode(), 2, ["empty, no text to parse"], None),
    ("binary", bytes(range(256)) * 64, 2, ["binary"], None),
    ("NUL bytes", bytes(4096), 2, ["binary", "NUL"], None),
    ("a NUL byte inside text", (GDP + "\x00" + JOBS).encode(), 0, None, lambda d: {5, 25000} <= set(values(d))),
    ("PDF by mistake", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n" + bytes(100), 2, ["PDF"], None),
    (".docx by mistake", _docx(), 2, [".docx"], None),
    ("no numbers", "各位代表:我代表市人民政府,向大会报告政府工作,请予审议。\n".encode() * 50, 0, None,
     lambda d: d["indicators"] == []),
    ("only numbers", b"1234567890 3.14 2,500 -7 1e9\n" * 400, 0, None, None),
    ("only numbers, no spaces", b"9" * 5000, 0, None, None),
    ("repeated full stops", "。".encode() * 5000, 0, None, lambda d: d["indicators"] == []),
    ("repeated mixed punctuation", "!?,、;:……——()《》“”".encode() * 300, 0, None, lambda d: d["indicators"] == []),
    ("wan wan wan", "万".encode() * 5000, 0, None, None),
    ("one wan wan wan ren", ("增长一" + "万" * 5000 + "人。").encode(), 0, None, None),
    ("digit separators", b"1," * 2500 + b"5%", 0, None, None),
    ("digit points", b"1." * 2500 + b"5%", 0, None, None),
    ("full-width digits", ("地区生产总值增长５％左右。" * 300).encode(), 0, None, lambda d: set(values(d)) == {5}),
    ("emoji and CJK extensions", ("城镇新增就业😀2.5万人🎉,新建𠀀𪚥学校3所。地区生产总值增长5%𰻞。\n" * 20).encode(), 0, None,
     lambda d: {5, 25000} <= set(values(d))),
    ("unpaired surrogate from a bad encoder", (GDP + "\ud800" + JOBS).encode("utf-8", "surrogatepass"), 0, None,
     lambda d: {5, 25000} <= set(values(d)) and "IN002" in {w["code"] for w in d["warnings"]}),
    ("cut in the middle of a character", (GDP + JOBS).encode()[:-2], 0, None, lambda d: 5 in values(d)),
    ("CR line ends", SEED_TEXT.replace("\n", "\r").encode(), 0, None, lambda d: len(d["indicators"]) > 50),
    ("CRLF line ends", SEED_TEXT.replace("\n", "\r\n").encode(), 0, None, lambda d: len(d["indicators"]) > 50),
    ("HTML page", ("<html><body><p>" + GDP + "</p><p>" + JOBS + "&nbsp;</p></body></html>").encode(), 0, None,
     lambda d: {5, 25000} <= set(values(d))),
    ("rich markup in text", ("[red]" + GDP + "[/red][link=x]" + JOBS).encode(), 0, None, None),
    # found by the fuzzer: numbering that is no number (十一一) must not stop the report
    ("heading numbered 十一一", ("十一一、!\n(十一一)标题\n" + GDP).encode(), 0, None, lambda d: 5 in values(d)),
]


@pytest.mark.parametrize("name, data, code, words, check", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input(capsys, tmp_path, name, data, code, words, check):
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    got, out, err = run(capsys, "parse", path, "--format", "json")
    assert got == code, err
    if words is not None:
        assert_one_line_error(err, *words)
        assert out == ""
        return
    assert err == ""
    doc = json.loads(out)
    if doc["source"].get("format", "text") == "text":
        assert_consistent(doc, data.decode(doc["source"]["encoding"], errors="replace"))
    else:  # a web page (recognised by its content): spans refer to the text extracted from it
        assert_consistent(doc, parse_bytes(data, str(path)).text)
    if check is not None:
        assert check(doc), doc["indicators"][:5]


@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl", "html"])
@pytest.mark.parametrize("name", ["no numbers", "emoji and CJK extensions", "rich markup in text", "a NUL byte inside text"])
def test_hostile_input_every_format(capsys, tmp_path, name, fmt):
    data = next(h[1] for h in HOSTILE if h[0] == name)
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    code, out, err = run(capsys, "parse", path, "--format", fmt)
    assert code == 0 and err == ""
    if fmt == "table":
        assert "indicators" in out


@pytest.mark.parametrize("command", ["parse", "check", "numbers"])
def test_empty_and_whitespace_from_stdin_are_one_error(capsys, monkeypatch, command):
    for data in (b"", b"\n\n  \n", "\ufeff\u3000\n".encode()):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
        code, out, err = run(capsys, command, "-", "--format", "json")
        assert code == 2 and out.strip() in ("", "[]")  # check: no findings
        assert_one_line_error(err, "<stdin>: empty, no text to parse")


@pytest.mark.parametrize("command", ["parse", "check", "numbers", "batch"])
def test_an_empty_file_is_the_same_error_in_every_command(capsys, tmp_path, command):
    path = tmp_path / "empty.txt"
    path.write_bytes(b" \r\n\t\n")
    code, out, err = run(capsys, command, path)
    assert code == (1 if command == "batch" else 2)  # a batch goes on, and says a file failed
    assert f"{path}: empty, no text to parse" in err.splitlines()[0]


@pytest.mark.parametrize("make, words", [
    (lambda d: d / "missing.txt", ["no such file"]),
    (lambda d: d, ["is a directory"]),
    (lambda d: d / "missing" / "x.txt", ["no such file"]),
    (lambda d: d / ("长" * 300), ["cannot open"]),
])
def test_bad_paths(capsys, tmp_path, make, words):
    code, out, err = run(capsys, "parse", make(tmp_path))
    assert code == exitcodes.INPUT_ERROR and out == ""
    assert_one_line_error(err, *words)


def test_path_with_spaces_and_chinese(capsys, tmp_path):
    folder = tmp_path / "政府 工作 报告"
    folder.mkdir()
    path = folder / "通辽市 2026年 政府工作报告.txt"
    path.write_bytes(SEED_BYTES)
    code, out, err = run(capsys, "parse", path, "--format", "json")
    doc = json.loads(out)
    assert code == 0 and err == "" and doc["source"]["path"] == str(path) and len(doc["indicators"]) > 50


def test_a_file_name_with_a_newline_gives_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "parse", tmp_path / "two\nlines.txt")
    assert code == 2
    assert_one_line_error(err, "no such file")


def test_a_bad_file_does_not_stop_the_others(capsys, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    code, out, err = run(capsys, "parse", pdf, tmp_path / "missing.txt", SEED, "--format", "jsonl")
    assert code == 2
    assert len(err.strip().split("\n")) == 2 and "Traceback" not in err
    assert [json.loads(line)["source"]["path"] for line in out.splitlines()] == [str(SEED)]


def test_fifty_megabytes_is_refused_with_one_line(capsys, tmp_path):
    path = tmp_path / "fifty.txt"
    with open(path, "wb") as fh:
        chunk = SEED_BYTES * 32
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    start = time.perf_counter()
    code, out, err = run(capsys, "parse", path)
    assert code == 2 and out == "" and time.perf_counter() - start < 5
    assert_one_line_error(err, "limit", "TONGLAIO_MAX_MB")


def test_usage_errors_are_one_line(capsys):
    for args in (["parse"], ["parse", SEED, "--format", "xml"], ["parse", SEED, "--bogus"], ["nosuchcommand"],
                 ["parse", SEED, "--encoding", "no-such-codec"], ["parse", SEED, "--year", "soon"]):
        code, out, err = run(capsys, *args)
        assert code == 2, args
        assert_one_line_error(err)


def test_wrong_encoding_given(capsys, tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes((GDP + JOBS).encode("gb18030"))
    code, _, err = run(capsys, "parse", path, "--encoding", "utf-8")
    assert code == 2
    assert_one_line_error(err, "not valid utf-8")


# --- closed and broken streams, in-process -------------------------------------------------------

class _BrokenPipe(io.TextIOBase):
    """stdout whose reader went away: every write fails with EPIPE."""
    encoding = "utf-8"

    def __init__(self, fd: int):
        self.fd = fd

    def fileno(self):
        return self.fd

    def isatty(self):
        return False

    def write(self, s):
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self):
        raise BrokenPipeError(32, "Broken pipe")

    def close(self):
        pass


@pytest.mark.parametrize("args", [["parse", str(SEED)], ["parse", str(SEED), "-f", "json"], ["rules"]])
def test_broken_stdout_pipe_in_process(capsys, monkeypatch, args):
    fd = os.open(os.devnull, os.O_WRONLY)
    monkeypatch.setattr("sys.stdout", _BrokenPipe(fd))
    monkeypatch.setattr("sys.stderr", sys.stderr)  # restored after click's own handling
    try:
        code = cli.run(args)
    finally:
        os.close(fd)
    assert code == 0
    assert "Traceback" not in capsys.readouterr().err


def test_stdin_closed_in_process(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", None)
    code, _, err = run(capsys, "parse", "-")
    assert code == 2
    assert_one_line_error(err, "stdin is closed")


def test_stdout_closed_in_process(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout", None)
    code = cli.run(["parse", str(SEED)])
    assert code == 2
    assert_one_line_error(capsys.readouterr().err, "stdout is closed")


def test_unexpected_error_is_one_line_and_debug_shows_it(capsys, monkeypatch):
    import tonglaio_parse.pipeline as pipeline

    def boom(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "_analyse", boom)
    code, _, err = run(capsys, "parse", SEED)
    assert code == exitcodes.INTERNAL_ERROR
    assert "Traceback" not in err and len(err.strip().split("\n")) == 1 and "boom" in err and "--debug" in err
    with pytest.raises(RuntimeError):
        cli.run(["parse", str(SEED), "--debug"])


# --- real pipes and closed descriptors, in a subprocess --------------------------------------------

def _env(**extra):
    env = dict(os.environ)
    env.pop("TONGLAIO_MAX_MB", None)
    env.update(extra)
    return env


def _start(args, **kw):
    return subprocess.Popen(EXE + [str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_env(), **kw)


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_head_closes_stdout_early(tmp_path, fmt):
    """`tonglaio-parse parse big.txt | head -1`: no BrokenPipe traceback, exit 0."""
    big = tmp_path / "big.txt"
    big.write_bytes(SEED_BYTES * 6)  # output well past a pipe buffer
    proc = _start(["parse", big, "--format", fmt])
    first = proc.stdout.readline()
    proc.stdout.close()
    code = proc.wait(timeout=120)
    err = proc.stderr.read().decode()
    assert first and code == 0, err
    assert err == ""


def test_stdin_closed_descriptor():
    proc = subprocess.run(EXE + ["parse", "-"], stdin=subprocess.DEVNULL, capture_output=True, env=_env())
    assert proc.returncode == 2  # an empty stdin is no report
    assert_one_line_error(proc.stderr.decode(), "empty")
    proc = subprocess.run(["/bin/sh", "-c", 'exec "$0" -m tonglaio_parse parse - <&-', sys.executable],
                          capture_output=True, env=_env())
    assert proc.returncode == 2
    assert_one_line_error(proc.stderr.decode(), "stdin")


def test_stdout_closed_descriptor():
    proc = subprocess.run(["/bin/sh", "-c", 'exec "$0" -m tonglaio_parse parse "$1" >&-', sys.executable, str(SEED)],
                          capture_output=True, env=_env())
    assert proc.returncode == 2
    assert_one_line_error(proc.stderr.decode(), "stdout")


def test_stderr_closed_descriptor(tmp_path):
    proc = subprocess.run(["/bin/sh", "-c", 'exec "$0" -m tonglaio_parse parse "$1" 2>&-', sys.executable,
                           str(tmp_path / "missing.txt")], capture_output=True, env=_env())
    assert proc.returncode == 2 and proc.stdout == b""


def test_writer_dies_mid_character():
    """A producer that stops early, in the middle of a UTF-8 character."""
    data = SEED_BYTES[: len(SEED_BYTES) // 2]
    while data[-1] < 0xC0:  # end on a lead byte: the character is cut
        data = data[:-1]
    proc = _start(["parse", "-", "--format", "json"], stdin=subprocess.PIPE)
    out, err = proc.communicate(data, timeout=120)
    doc = json.loads(out)
    assert proc.returncode == 0 and err == b""
    assert doc["source"]["encoding"] == "utf-8" and len(doc["indicators"]) > 10
    assert "IN002" in {w["code"] for w in doc["warnings"]}


def test_file_name_with_undecodable_bytes(tmp_path):
    name = os.fsencode(tmp_path) + b"/bad-\xff-name.txt"
    with open(name, "wb") as fh:
        fh.write((GDP + JOBS).encode())
    proc = subprocess.run([os.fsencode(sys.executable), b"-m", b"tonglaio_parse", b"parse", name, b"-f", b"json"],
                          capture_output=True, env=_env())
    assert proc.returncode == 0 and proc.stderr == b""
    assert json.loads(proc.stdout)["indicators"]
    proc = subprocess.run([os.fsencode(sys.executable), b"-m", b"tonglaio_parse", b"parse", name + b".missing"],
                          capture_output=True, env=_env())
    assert proc.returncode == 2
    assert_one_line_error(proc.stderr.decode("utf-8", "replace"), "no such file")


def test_non_utf8_terminal():
    proc = subprocess.run(EXE + ["parse", str(SEED), "-f", "json"], capture_output=True,
                          env=_env(PYTHONIOENCODING="ascii", LC_ALL="C", LANG="C"))
    assert proc.returncode == 0 and proc.stderr == b""
    assert json.loads(proc.stdout.decode("utf-8"))["document"]["region"] == "通辽市"


def test_five_megabyte_single_line(tmp_path):
    """A single 5 MB line with no newline, figures at both ends and no full stop at the end
    (a scrape cut mid-sentence)."""
    path = tmp_path / "line.txt"
    body = b"x" * (5 * 1024 * 1024)
    path.write_bytes(GDP.encode() + body + JOBS.rstrip("。").encode())
    try:
        proc = subprocess.run(EXE + ["parse", str(path), "-f", "json"], capture_output=True, env=_env(),
                              timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("a 5 MB line took more than 2 minutes: some stage is not linear in the line length")
    assert proc.returncode == 0 and proc.stderr == b""
    doc = json.loads(proc.stdout)
    assert {5, 25000} <= set(values(doc)) and doc["source"]["lines"] == 1


# --- properties ---------------------------------------------------------------------------------

FRAGMENTS = [s + "。" for s in SEED_TEXT.split("。")[:120]] + [
    "万万万", "亿", "1,234.5", "12.5%", "百分之十二点五", "一千二百万", "4.5万", "3-5", "5%~6%", "至", "左右", "以上",
    "\r\n", "\r", "\n", "\n\n", "**", "(上接第一版)", "(下转第三版)", "一、", "(三)", "——", "2.", "(1)",
    "\ufeff", "\u200b", "😀", "\U00020000", "\ud800", "\udfff", "\x00", "\x0c", "\u2028", "\x85", "\ufffd",
    "％", "１２", "　", "<b>", "&nbsp;", "[red]", "增长", "下降", "万人", "亿元", "公里", "个百分点", "2025年",
]
NUMBERISH = st.from_regex(r"[-+~]?[0-9０-９一二三四五六七八九十百千万亿]{1,8}([,.，、][0-9]{1,4}){0,3}(e[0-9])?[%％万亿]?",
                          fullmatch=True)
REPORTLIKE = st.lists(st.one_of(st.sampled_from(FRAGMENTS), NUMBERISH, st.sampled_from(" -.,~"), st.text(max_size=6)),
                      max_size=25).map("".join)
ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=200),
    REPORTLIKE,
)


def _settings(default: int):
    return settings(max_examples=FUZZ or default, deadline=None, derandomize=not FUZZ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


def _check_report(report, original: str) -> None:
    assert report.text == "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in original)
    doc = report.to_dict()
    json.dumps(doc, ensure_ascii=False).encode("utf-8")  # nothing unencodable leaks out
    for item in report.indicators + report.warnings:
        start, end = item.span
        assert 0 <= start <= end <= len(report.text)
        assert report.text[start:end] == item.text
    assert_consistent(doc, report.text)


@_settings(80)
@given(text=ANY_TEXT)
def test_property_any_text(text):
    _check_report(parse_text(text), text)


BYTES = st.one_of(
    st.binary(max_size=600),
    st.tuples(REPORTLIKE, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-be", "big5"]))
    .map(lambda t: t[0].encode(t[1], errors="replace") if t[1] != "big5" else t[0].encode("big5", "ignore")),
    st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF", b"\x00"]),
              REPORTLIKE.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=8))
    .map(lambda t: t[0] + t[1] + t[2]),
)


@_settings(80)
@given(data=BYTES)
def test_property_any_bytes(data):
    try:
        report = parse_bytes(data, "fuzz.txt")
    except InputError as exc:
        message = str(exc)
        assert message.startswith("fuzz.txt: ") and "\n" not in message
        return
    try:
        strict = data.decode(report.source.encoding)
    except UnicodeDecodeError:
        strict = None  # bytes were lost (and counted); the text holds U+FFFD for them
    if strict is not None:
        assert strict == report.text
    _check_report(report, report.text)


@_settings(25)
@given(data=BYTES, fmt=st.sampled_from(["table", "json", "jsonl", "csv", "html"]))
def test_property_cli_never_crashes(tmp_path_factory, data, fmt):
    path = tmp_path_factory.mktemp("fuzz") / "in.txt"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = cli.run(["parse", str(path), "--format", fmt])
    finally:
        sys.stdout, sys.stderr = real
    assert code in (0, 2), err.getvalue()
    if code == 2:
        assert_one_line_error(err.getvalue())
    else:
        assert err.getvalue() == ""
        if fmt == "json":
            json.loads(out.getvalue())


# --- cost ---------------------------------------------------------------------------------------

def _seconds(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        parse_text(text)
        best = min(best, time.perf_counter() - start)
    return best


SCALING = {
    "report text": (SEED_TEXT[:3000], 3000),
    "one long line of letters": ("x", 2000),
    "one long line of a report": (SEED_TEXT.replace("\n", ""), 2000),
    "digits": ("9", 2000),
    "digit separators": ("1,", 2000),
    "decimal points": ("1.", 2000),
    "wan wan wan": ("万", 2000),
    "numerals": ("一二三四五六七八九十百千", 2000),
    "percentages": ("12.5%,", 2000),
    "open brackets": ("(", 2000),
    "full stops": ("。", 2000),
    "markup": ("**<b>&#1", 2000),
    "headings with figures": ("一、增长5%。\n", 2000),
    "numbered items": ("1.增长5%。\n", 2000),
}


@pytest.mark.parametrize("name", sorted(SCALING))
def test_time_is_linear_in_input_size(name):
    """10x the input takes at most 12x the time (plus slack for timer noise on a busy CI)."""
    unit, size = SCALING[name]
    small = (unit * (size // len(unit) + 1))[:size]
    big = (unit * (10 * size // len(unit) + 1))[:10 * size]
    parse_text(small)  # warm caches: dictionaries, tokenizer, compiled rules
    t_small = _seconds(small, 3)
    t_big = _seconds(big, 1)
    if t_big > 12 * t_small + 0.3:
        t_small, t_big = max(t_small, _seconds(small, 3)), min(t_big, _seconds(big, 1))  # noise?
    assert t_big <= 12 * t_small + 0.3, f"{name}: {len(small)} chars {t_small:.3f}s, {len(big)} chars {t_big:.3f}s"
