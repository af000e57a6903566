"""batch: discovery, order, failure isolation, the SQLite database, resume after a kill."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonglaio_parse import batch
from tonglaio_parse.cli import main
from tonglaio_parse.errors import InputError
from tonglaio_parse.model import Document, Indicator, Measure, Period, Report, Section, Source, Warning
from tonglaio_parse.pipeline import parse_text
from tonglaio_parse.store import Database, DatabaseError, read_reports

HERE = Path(__file__).resolve().parent


# --- a fake parser: fast, and able to fail or dawdle on demand --------------------------------

def fake_report(path: str, data: bytes) -> Report:
    """One section, one indicator per line of the file, one warning."""
    text = data.decode("utf-8")
    year = int(Path(path).stem.rsplit("-", 1)[-1])
    inds = [Indicator(f"i{n}", "地区生产总值", "gdp_growth",
                      Measure(float(n), None, "%", "percent", float(n), "percent", "approx"), "increase", "target", Period(year, year), "1", n, 1, (0, 1), text[:1])
            for n, _ in enumerate(text.splitlines(), 1)]
    return Report(Source(path, hashlib.sha256(data).hexdigest(), "utf-8", len(text), len(text.splitlines())),
                  Document("报告", "通辽市", year, "simplified"),
                  [Section("1", "一、", "回顾", 1, 1, (0, len(text)))], inds,
                  [Warning("TX001", "some-warning", "info", "a message", 1, 1, (0, 1), text[:1])], text=text)


def fake_parse(path: str, options) -> Report:
    data = Path(path).read_bytes()
    if not data.strip():  # as the pipeline does
        raise InputError(f"{path}: empty, no text to parse")
    if data.startswith(b"BAD"):
        raise InputError(f"{path}: bad on purpose")
    if data.startswith(b"BUG"):
        raise RuntimeError("boom")
    if data.startswith(b"SLOW"):
        time.sleep(float(data.split()[1]))
    if data.startswith(b"DIE"):
        os._exit(1)  # a worker killed (out of memory, kill -9)
    return fake_report(path, data)


def write(folder: Path, name: str, text: str) -> str:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return str(p)


# --- discovery ------------------------------------------------------------------------------

def test_discover_mixes_files_and_folders_sorted_and_once(tmp_path):
    a = write(tmp_path, "d/r-2002.txt", "x")
    b = write(tmp_path, "d/r-2001.txt", "x")
    write(tmp_path, "d/notes.md", "x")
    c = write(tmp_path, "d/sub/r-2003.txt", "x")
    single = write(tmp_path, "other.md", "x")
    files, failures = batch.discover([single, str(tmp_path / "d"), a, str(tmp_path / "missing")])
    assert files == [single, b, a] and [f.path for f in failures] == [str(tmp_path / "missing")]
    assert "no such file" in failures[0].error
    files, _ = batch.discover([str(tmp_path / "d")], recursive=True)
    assert files == [b, a, c]
    files, _ = batch.discover([str(tmp_path / "d")], glob="*.md", exclude=[str(tmp_path / "d/notes.md")])
    assert files == []


@pytest.mark.parametrize("output,fmt,expected", [
    (None, None, "jsonl"), ("-", None, "jsonl"), ("-", "csv", "csv"), ("x.jsonl", None, "jsonl"),
    ("x.csv", None, "csv"), ("x.sqlite", None, "sqlite"), ("X.DB", None, "sqlite"), ("national", None, "sqlite"),
    ("x.out", "jsonl", "jsonl"), ("x.txt", None, ValueError), (None, "sqlite", ValueError),
])
def test_output_format(output, fmt, expected):
    if expected is ValueError:
        with pytest.raises(ValueError):
            batch.output_format(output, fmt)
    else:
        assert batch.output_format(output, fmt) == expected


# --- running: order, failures, parallel ------------------------------------------------------

@pytest.fixture
def mixed(tmp_path):
    return [write(tmp_path, "r-2001.txt", "SLOW 0.4\n"), write(tmp_path, "r-2002.txt", "BAD\n"),
            write(tmp_path, "r-2003.txt", "a\nb\n"), write(tmp_path, "r-2004.txt", "BUG\n"),
            write(tmp_path, "r-2005.txt", "  \n"), write(tmp_path, "r-2006.txt", "SLOW 0.1\nx\n")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_order_is_the_input_order_and_bad_files_do_not_stop_the_batch(mixed, jobs):
    finished = []
    out = list(batch.run(mixed, jobs=jobs, parse=fake_parse, on_done=lambda o: finished.append(o.path)))
    assert [o.path for o in out] == mixed and sorted(finished) == sorted(mixed)
    assert [o.report is not None for o in out] == [True, False, True, False, False, True]
    assert "bad on purpose" in out[1].error
    assert out[3].error.endswith("internal error: RuntimeError: boom")
    assert "empty" in out[4].error
    assert out[0].report.text == ""  # not shipped between processes


def test_a_dead_worker_fails_its_files_and_the_batch_goes_on(tmp_path):
    # the largest file goes first: its worker dies while most files are still to hand out
    files = [write(tmp_path, f"r-{2000 + k}.txt", "DIE\n" + "x" * 999 if k == 3 else f"SLOW 0.05\n{k}\n")
             for k in range(9)]
    out = list(batch.run(files, jobs=2, parse=fake_parse))
    assert [o.path for o in out] == files
    died = [o for o in out if o.error and "worker process died" in o.error]
    assert files[3] in {o.path for o in died}
    assert all(o.report is not None or o.error for o in out)
    assert sum(o.report is not None for o in out) >= 9 - len(died) and len(died) < 9


def test_skip_gives_empty_outcomes_in_place(mixed):
    out = list(batch.run(mixed, jobs=2, parse=fake_parse, skip=lambda p: not p.endswith("2003.txt")))
    assert [o.skipped for o in out] == [True, True, False, True, True, True]


def test_summary(mixed):
    s = batch.Summary()
    for o in batch.run(mixed, jobs=1, parse=fake_parse):
        s.add(o)
    assert (s.files, s.parsed, s.failed, s.indicators, s.warnings) == (6, 3, 3, 5, 3)
    assert s.line().startswith("6 files: 3 parsed, 3 failed; 5 indicators, 3 warnings in ")


# --- the database -----------------------------------------------------------------------------

def test_database_tables_keys_and_indexes(tmp_path):
    db_path = str(tmp_path / "r.sqlite")
    r = fake_report("a/r-2024.txt", "一\n二\n".encode())
    with Database(db_path) as db:
        assert db.store(r) == "added"
    con = sqlite3.connect(db_path)
    tables = {n for (n,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    assert tables == {"documents", "sections", "indicators", "warnings", "qualitative_targets"}
    index_cols = {n: [c[2] for c in con.execute(f"PRAGMA index_info({n})")]
                  for (n,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'index'")}
    assert ["canonical", "year"] in index_cols.values()
    for child in ("sections", "indicators", "warnings", "qualitative_targets"):
        fks = con.execute(f"PRAGMA foreign_key_list({child})").fetchall()
        assert [(f[2], f[3], f[4]) for f in fks] == [("documents", "document_id", "id")]
    doc = con.execute("SELECT path, sha256, region, year FROM documents").fetchone()
    assert doc == ("a/r-2024.txt", r.source.sha256, "通辽市", 2024)
    rows = con.execute("SELECT id, year, canonical, value, period_start, line, column, text FROM indicators"
                       " ORDER BY id").fetchall()
    assert rows == [("i1", 2024, "gdp_growth", 1.0, 2024, 1, 1, "一"), ("i2", 2024, "gdp_growth", 2.0, 2024, 2, 1, "一")]
    assert con.execute("SELECT code, severity FROM warnings").fetchall() == [("TX001", "info")]


def test_database_round_trip(tmp_path):
    r = fake_report("r-2024.txt", "一\n二\n".encode())
    db_path = str(tmp_path / "r.sqlite")
    with Database(db_path) as db:
        db.store(r)
    [back] = read_reports(db_path)
    assert back.to_dict() == r.to_dict()


def test_database_skips_known_bytes_and_replaces_changed_ones(tmp_path):
    db_path = str(tmp_path / "r.sqlite")
    old, new = fake_report("r-2024.txt", b"a\n"), fake_report("r-2024.txt", b"a\nb\nc\n")
    with Database(db_path) as db:
        assert db.store(old) == "added"
        assert db.store(old) == "unchanged" and db.known("r-2024.txt", old.source.sha256)
        assert not db.known("r-2024.txt", new.source.sha256)
        assert db.store(new) == "replaced"
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*), max(sha256) FROM documents").fetchone() == (1, new.source.sha256)
    assert con.execute("SELECT count(*) FROM indicators").fetchone() == (3,)  # the old rows went too
    assert con.execute("SELECT count(*) FROM sections").fetchone() == (1,)


def test_database_refuses_foreign_files(tmp_path):
    (tmp_path / "text.db").write_text("not a database at all, just text " * 10)
    with pytest.raises(DatabaseError, match="not a database|not a tonglaio-parse"):
        Database(str(tmp_path / "text.db"))
    con = sqlite3.connect(tmp_path / "other.db")
    con.execute("CREATE TABLE t (a)")
    con.close()
    with pytest.raises(DatabaseError, match="not a tonglaio-parse database"):
        Database(str(tmp_path / "other.db"))
    with pytest.raises(DatabaseError, match="no such database"):
        read_reports(str(tmp_path / "none.db"))


def test_a_rejected_report_leaves_nothing_behind(tmp_path):
    bad = fake_report("r-2024.txt", b"a\nb\n")
    bad = Report(bad.source, bad.document, bad.sections, [bad.indicators[0], bad.indicators[0]], bad.warnings)
    with Database(str(tmp_path / "r.sqlite")) as db:
        with pytest.raises(DatabaseError, match="r-2024.txt: cannot store"):
            db.store(bad)
        assert db.conn.execute("SELECT count(*) FROM documents").fetchone() == (0,)
        assert db.store(fake_report("r-2025.txt", b"a\n")) == "added"


_RESUME = textwrap.dedent("""
    import sys
    sys.path.insert(0, {here!r})
    from test_batch import fake_parse
    from tonglaio_parse import batch
    files, _ = batch.discover([{folder!r}])
    sink = batch.SqliteSink({db!r})
    parsed = 0
    for o in batch.run(files, jobs=1, parse=fake_parse, skip=sink.known):
        if o.report is not None:
            sink.put(o.report)
            parsed += 1
    print(parsed)
""")


def test_a_killed_batch_resumes_without_duplicates(tmp_path):
    folder, db = tmp_path / "in", str(tmp_path / "r.sqlite")
    for y in range(2001, 2011):
        write(folder, f"r-{y}.txt", f"SLOW 0.15\n{y}\n")
    script = _RESUME.format(here=str(HERE), folder=str(folder), db=db)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            done = sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            continue
        if done >= 3:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 3 <= stored < 10
    # whole documents only: every stored one has its two indicators
    assert con.execute("SELECT count(*) FROM indicators").fetchone()[0] == 2 * stored
    con.close()
    rerun = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert int(rerun.stdout) == 10 - stored
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT path) FROM documents").fetchone() == (10, 10)
    assert con.execute("SELECT count(*) FROM indicators").fetchone()[0] == 20


# --- the command, end to end with the real pipeline --------------------------------------------

REPORT = "{year}年政府工作报告\n一、过去一年工作回顾\n过去一年，地区生产总值增长{value}%。\n二、今年工作安排\n今年预期目标是：地区生产总值增长5%左右。\n"


@pytest.fixture
def reports_dir(tmp_path):
    d = tmp_path / "reports"
    write(d, "tl-2024.txt", REPORT.format(year=2024, value=5.1))
    write(d, "tl-2025.txt", REPORT.format(year=2025, value=5.3))
    (d / "tl-2023.txt").write_bytes(b"%PDF-1.4 binary")
    write(d, "tl-2022.txt", "")
    return d


def invoke(*args):
    return CliRunner().invoke(main, ["batch", *args])


def test_cli_sqlite_reports_bad_files_goes_on_and_skips_on_rerun(reports_dir, tmp_path):
    db = str(tmp_path / "out.sqlite")
    res = invoke(str(reports_dir), "-o", db, "--region", "通辽市", "-j", "2")
    assert res.exit_code == 1
    assert res.stdout == ""
    assert "tl-2023.txt: not a readable PDF" in res.stderr and "tl-2022.txt: empty" in res.stderr
    assert "4 files: 2 parsed, 2 failed;" in res.stderr
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("SELECT path FROM documents ORDER BY id")] == \
        [str(reports_dir / "tl-2024.txt"), str(reports_dir / "tl-2025.txt")]
    assert con.execute("SELECT count(*) FROM indicators WHERE canonical = 'gdp_growth'").fetchone()[0] >= 2
    res = invoke(str(reports_dir / "tl-2024.txt"), str(reports_dir / "tl-2025.txt"), "-o", db)
    assert res.exit_code == 0 and "2 files: 0 parsed, 2 unchanged (skipped), 0 failed" in res.stderr
    write(reports_dir, "tl-2025.txt", REPORT.format(year=2025, value=6.3))
    res = invoke(str(reports_dir / "tl-2024.txt"), str(reports_dir / "tl-2025.txt"), "-o", db)
    assert "1 parsed, 1 unchanged" in res.stderr
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_cli_jsonl_on_stdout_in_order(reports_dir):
    res = invoke(str(reports_dir / "tl-2025.txt"), str(reports_dir / "tl-2024.txt"), "-j", "2")
    assert res.exit_code == 0, res.stderr
    docs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [d["document"]["year"] for d in docs] == [2025, 2024]
    assert all(d["schema"] == "tonglaio-parse/report/1" for d in docs)
    assert "\x1b[" not in res.stderr  # no progress bar when stderr is not a terminal


def test_cli_csv_file(reports_dir, tmp_path):
    out = tmp_path / "all.csv"
    res = invoke(str(reports_dir), "--glob", "tl-202[45].txt", "-o", str(out))
    assert res.exit_code == 0, res.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("file,region,year,") and len(lines) > 2


@pytest.mark.parametrize("args,message", [
    (["-o", "x.txt"], "cannot tell the output format"),
    (["--format", "sqlite"], "needs a file"),
    (["--glob", "*.nothing"], "no files matching"),
])
def test_cli_usage_errors_exit_2(reports_dir, args, message):
    res = invoke(str(reports_dir), *args)
    assert res.exit_code == 2 and message in res.stderr and "Traceback" not in res.stderr


def test_cli_refuses_to_overwrite_a_foreign_file_as_database(reports_dir, tmp_path):
    other = tmp_path / "notes.db"
    other.write_text("my notes " * 100)
    res = invoke(str(reports_dir), "-o", str(other))
    assert res.exit_code == 2 and "notes.db" in res.stderr
    assert other.read_text().startswith("my notes")


# --- the national corpus -----------------------------------------------------------------------

def test_national_corpus_into_sqlite_twice(corpus, tmp_path):
    db = str(tmp_path / "n.sqlite")
    res = invoke(str(corpus), "-o", db)
    assert res.exit_code == 0, res.stderr
    assert "52 files: 52 parsed, 0 failed" in res.stderr
    res = invoke(str(corpus), "-o", db)
    assert "52 files: 0 parsed, 52 unchanged (skipped), 0 failed" in res.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone() == (52, 52)


def test_a_schema_1_database_is_brought_up_to_date(tmp_path):
    """Schema 1 had no documents.year_source / .level: opening adds them, the reports read back."""
    import sqlite3

    r = fake_report("r-2024.txt", "一\n二\n".encode())
    db_path = str(tmp_path / "old.sqlite")
    with Database(db_path) as db:
        db.store(r)
    conn = sqlite3.connect(db_path)
    conn.executescript("ALTER TABLE documents DROP COLUMN year_source; ALTER TABLE documents DROP COLUMN level;"
                       "DROP TABLE qualitative_targets;" + _SCHEMA_3_DROPS + "PRAGMA user_version = 1;")
    conn.close()
    [back] = read_reports(db_path)
    assert back.document.region == r.document.region and back.document.level is None
    assert back.indicators[0].context == "" and back.indicators[0].page is None
    assert sqlite3.connect(db_path).execute("PRAGMA user_version").fetchone()[0] == 3


_SCHEMA_3_DROPS = "".join(f"ALTER TABLE {t} DROP COLUMN {c};" for t, cs in (
    ("documents", ("region_simplified",)),
    ("indicators", ("context", "context_start", "context_end", "subject_simplified", "page")),
    ("warnings", ("context", "context_start", "context_end", "page"))) for c in cs)


def test_a_schema_2_database_gets_the_context_columns(tmp_path):
    """Schema 2 had no contexts, Simplified forms or pages: opening adds the columns, empty."""
    import sqlite3

    db_path = str(tmp_path / "two.sqlite")
    with Database(db_path) as db:
        db.store(fake_report("r-2024.txt", "一\n二\n".encode()))
    conn = sqlite3.connect(db_path)
    conn.executescript(_SCHEMA_3_DROPS + "PRAGMA user_version = 2;")
    conn.close()
    [back] = read_reports(db_path)
    assert back.document.region_simplified is None and back.indicators[0].subject_simplified is None
    with Database(db_path) as db:  # and it takes new reports with their contexts
        db.store(parse_text("今年地区生产总值增长5%左右。", "new-2026.txt"))
    [_, new] = read_reports(db_path)
    assert new.indicators[0].context == "今年地区生产总值增长5%左右。"
