"""The disk caches (parsed data tables, unit factors, jieba's prefix dictionary) hold validated
data only, live in the user's cache directory, and only ever cost speed: a damaged, planted,
foreign or group-writable file is ignored and the output stays the same. Compiled patterns are
not kept on disk at all."""
from __future__ import annotations

import json
import marshal
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import pytest
import regex

from tonglaio_parse import cache as diskcache, rx
from tonglaio_parse.stages import units

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "tongliao-2026-p2.txt"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# --- rx: the libraries' public compile, nothing on disk -------------------------------------

PATTERNS = [
    (r"(?P<n>[0-9]++(?:\.[0-9]++)?)(?P<u>亿元|万人|%)", "增长8.5%，达到1,234亿元和12万人", 0),
    (r"(?<=增长)\p{Han}{2}", "同比增长左右", 0),
    (r"(\p{Han})\1", "新建建设", 0),
    (r"^\s*+[一二三四五六七八九十]+、", "  三、今年工作", regex.M),
    (r"x # a comment\n y", "xy", regex.VERBOSE),
]


@pytest.mark.parametrize("pattern,text,flags", PATTERNS)
def test_rx_compile_matches_like_regex(pattern, text, flags):
    got, expected = rx.compile(pattern, flags), regex.compile(pattern, flags)
    assert isinstance(got, regex.Pattern)
    assert [m.groupdict() or m.group() for m in got.finditer(text)] == \
           [m.groupdict() or m.group() for m in expected.finditer(text)]
    assert got.groupindex == expected.groupindex and got.flags == expected.flags
    assert rx.compile(pattern, flags) is got  # memoised in the process


STD_PATTERNS = [
    (r"(?=(([\u4e00-\u9fff])\2|([\u4e00-\u9fff]{2,4})\3))", "新建建设增收增收", 0),
    (r"、[^,，。、]*、", "科技、教育、卫生和文化", 0),
    (r"(?P<n>\d+)(?:\.(?P<d>\d+))?%", "增长5.2%和3%", 0),
    (r"^\s*[一二三]、", "一、\n二、", re.M),
]


@pytest.mark.parametrize("pattern,text,flags", STD_PATTERNS)
def test_rx_compile_std_matches_like_re(pattern, text, flags):
    got, expected = rx.compile_std(pattern, flags), re.compile(pattern, flags)
    assert isinstance(got, re.Pattern)
    assert [m.groups() for m in got.finditer(text)] == [m.groups() for m in expected.finditer(text)]
    assert got.groupindex == expected.groupindex and got.flags == expected.flags
    assert rx.compile_std(pattern, flags) is got


def test_rx_keeps_nothing_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("TONGLAIO_CACHE_DIR", str(tmp_path))
    rx.compile(r"增长(\d+)%了吗" + str(os.getpid()))
    rx.compile_std(r"增长(\d+)%了吗" + str(os.getpid()))
    assert not hasattr(rx, "save")
    assert list(tmp_path.iterdir()) == []


def test_a_bad_pattern_raises_the_libraries_own_error():
    with pytest.raises(regex.error):
        rx.compile("(unclosed")
    with pytest.raises(re.error):
        rx.compile_std("(unclosed")


# --- where the cache lives ------------------------------------------------------------------

def test_the_cache_is_under_TONGLAIO_CACHE_DIR(tmp_path, monkeypatch):
    where = tmp_path / "mine"
    monkeypatch.setenv("TONGLAIO_CACHE_DIR", str(where))
    assert diskcache.cache_dir() == str(where)
    assert os.path.dirname(diskcache.cache_path("probe")) == str(where)
    assert (where.stat().st_mode & 0o777) == 0o700  # created private


def test_without_TONGLAIO_CACHE_DIR_the_cache_is_the_user_cache_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("TONGLAIO_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    expected = diskcache.user_cache_dir()
    if sys.platform.startswith("linux"):
        assert expected == str(tmp_path / "xdg" / "tonglaio-parse")
    assert diskcache.cache_dir() == expected
    assert (Path(expected).stat().st_mode & 0o777) == 0o700


def test_the_default_cache_is_not_the_temp_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("TONGLAIO_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR (restored afterwards)
    temp = tempfile.gettempdir()
    assert temp == str(tmp_path / "tmp")
    where = diskcache.cache_dir()
    assert where is not None and not where.startswith(temp)
    if sys.platform.startswith("linux"):
        assert where == str(tmp_path / "home" / ".cache" / "tonglaio-parse")


def test_the_platformdirs_fallback_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "platformdirs", None)  # as if it were not installed
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert diskcache.user_cache_dir() == str(tmp_path / "xdg" / "tonglaio-parse")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert diskcache.user_cache_dir() == str(tmp_path / "home" / ".cache" / "tonglaio-parse")


def test_a_folder_others_can_write_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    monkeypatch.setenv("TONGLAIO_CACHE_DIR", str(shared))
    assert diskcache.cache_dir() is None and diskcache.cache_path("probe") is None
    diskcache.write_atomically(diskcache.cache_path("probe"), b"x")  # no cache: nothing happens
    assert diskcache.read_own(diskcache.cache_path("probe")) is None
    assert list(shared.iterdir()) == []


def test_no_home_directory_means_no_cache_rather_than_one_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("TONGLAIO_CACHE_DIR", raising=False)
    monkeypatch.setattr(diskcache, "user_cache_dir", lambda: os.path.join("~", ".cache", "tonglaio-parse"))
    monkeypatch.chdir(tmp_path)
    assert diskcache.cache_dir() is None
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_created_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    monkeypatch.setenv("TONGLAIO_CACHE_DIR", str(blocker / "below"))
    assert diskcache.cache_dir() is None


# --- read_own / write_atomically -------------------------------------------------------------

def test_cache_files_are_private(tmp_path, monkeypatch):
    monkeypatch.setenv("TONGLAIO_CACHE_DIR", str(tmp_path))
    path = diskcache.cache_path("probe")
    diskcache.write_atomically(path, b"mine")
    assert diskcache.read_own(path) == b"mine"
    assert os.stat(path).st_mode & 0o077 == 0
    assert [p.name for p in tmp_path.iterdir()] == [os.path.basename(path)]  # no temporary left


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_a_cache_file_others_can_write_is_not_read(tmp_path, monkeypatch, mode):
    monkeypatch.setenv("TONGLAIO_CACHE_DIR", str(tmp_path))
    path = diskcache.cache_path("probe")
    diskcache.write_atomically(path, b"mine")
    os.chmod(path, mode)
    assert diskcache.read_own(path) is None


@pytest.mark.skipif(not IS_ROOT, reason="giving a file to another user needs root")
def test_a_cache_file_of_another_user_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("TONGLAIO_CACHE_DIR", str(tmp_path))
    path = diskcache.cache_path("probe")
    diskcache.write_atomically(path, b"theirs")
    os.chown(path, 4242, 4242)
    assert diskcache.read_own(path) is None


# --- the unit factors (JSON, validated) ------------------------------------------------------

@pytest.fixture
def fresh_units(tmp_path, monkeypatch):
    monkeypatch.setenv("TONGLAIO_CACHE_DIR", str(tmp_path))
    for fn in (units._factor, units._factors_path, units._known_factors):
        fn.cache_clear()
    yield units
    for fn in (units._factor, units._factors_path, units._known_factors):
        fn.cache_clear()


def test_unit_factors_are_kept_and_read_back(fresh_units):
    expected = fresh_units.normalize(3.0, "‰")
    kept = json.loads(diskcache.read_own(fresh_units._factors_path()))
    assert kept == {"permille>percent": str(Decimal(kept["permille>percent"]))}
    fresh_units._known_factors.cache_clear()
    fresh_units._factor.cache_clear()
    assert fresh_units._known_factors() == kept
    assert fresh_units.normalize(3.0, "‰") == expected == (0.3, "percent")


@pytest.mark.parametrize("content", [
    b'{"permille>percent": "Infinity"}', b'{"permille>percent": "NaN"}', b'{"permille>percent": "sNaN"}',
    b'{"permille>percent": "ten"}', b'{"permille>percent": 1000}', b'{"permille>percent": ["0.1"]}',
    b'{"permille>percent": "0.1", "x": "1"}', b'["permille>percent", "1000"]', b'"1000"', b'{"permille>per',
    b"\xff\xfe garbage", b"",
])
def test_a_bad_unit_factors_file_is_ignored(fresh_units, content):
    path = fresh_units._factors_path()
    diskcache.write_atomically(path, content)
    assert fresh_units._known_factors() == {}
    assert fresh_units.normalize(3.0, "‰") == (0.3, "percent")  # from pint, not the file


def test_a_unit_factors_file_others_can_write_is_ignored(fresh_units):
    path = fresh_units._factors_path()
    diskcache.write_atomically(path, b'{"permille>percent": "1000"}')
    os.chmod(path, 0o666)
    assert fresh_units.normalize(3.0, "‰") == (0.3, "percent")


# --- whole runs: cold, warm, and with every cache file spoilt --------------------------------

def _parse(cache: Path | None, tmpdir: Path | None = None, **extra: str) -> str:
    """The seed's JSON from a fresh process with TONGLAIO_CACHE_DIR=`cache` (None: unset)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("XDG_CACHE_HOME", "TONGLAIO_JIEBA_DICT", "TONGLAIO_CACHE_DIR")}
    if cache is not None:
        env["TONGLAIO_CACHE_DIR"] = str(cache)
    env.update(extra)
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    out = subprocess.run([sys.executable, "-m", "tonglaio_parse", "parse", "--format", "json", str(SEED)],
                         env=env, capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # jieba kept silent
    return out.stdout


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A cache folder filled by one cold run, and that run's output."""
    cache = tmp_path_factory.mktemp("warm-cache")
    tmp = tmp_path_factory.mktemp("tmpdir")
    cold = _parse(cache, tmp)
    assert list(tmp.iterdir()) == []  # nothing kept in the temp dir
    return cache, cold


def test_a_run_writes_only_data_files_into_the_cache(warm):
    cache, _ = warm
    names = sorted(p.name for p in cache.iterdir())
    uid = os.getuid() if hasattr(os, "getuid") else 0
    assert any(n.startswith(f"tonglaio-{uid}-jieba-") and n.endswith(".cache") for n in names)
    assert any(n.startswith(f"tonglaio-{uid}-toml-") for n in names)
    assert not any("regex" in n or n.endswith(".marshal") for n in names), names
    for p in cache.iterdir():
        assert p.stat().st_mode & 0o077 == 0, p.name


def test_parse_output_is_the_same_with_cold_and_warm_caches(warm):
    cache, cold = warm
    assert _parse(cache) == cold


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_CACHE_HOME is the Linux rule")
def test_a_run_without_TONGLAIO_CACHE_DIR_keeps_its_cache_in_XDG_CACHE_HOME(warm, tmp_path):
    xdg, tmp = tmp_path / "xdg", tmp_path / "tmp"
    tmp.mkdir()
    assert _parse(None, tmp, XDG_CACHE_HOME=str(xdg)) == warm[1]
    assert list(tmp.iterdir()) == []
    kept = xdg / "tonglaio-parse"
    assert (kept.stat().st_mode & 0o777) == 0o700
    assert sorted(p.name for p in kept.iterdir()) == sorted(p.name for p in warm[0].iterdir())


def _copy(warm, tmp_path) -> Path:
    cache = tmp_path / "cache"
    shutil.copytree(warm[0], cache)
    os.chmod(cache, 0o700)
    return cache


def _jieba_files(cache: Path) -> tuple[Path, Path]:
    [data] = [p for p in cache.iterdir() if "-jieba-" in p.name and p.name.endswith(".cache")]
    return data, data.with_suffix(".sha256")


def _truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def _garble(p: Path) -> None:
    data = bytearray(p.read_bytes())
    for i in range(0, len(data), max(1, len(data) // 50)):
        data[i] ^= 0x5A
    p.write_bytes(bytes(data))


def _group_writable(p: Path) -> None:
    os.chmod(p, 0o660)


def _foreign(p: Path) -> None:
    os.chown(p, 4242, 4242)


SPOILERS = [_truncate, _garble, _group_writable,
            pytest.param(_foreign, marks=pytest.mark.skipif(not IS_ROOT, reason="chown needs root"))]


@pytest.mark.parametrize("spoil", SPOILERS)
def test_spoilt_cache_files_are_ignored_and_the_output_is_the_same(warm, tmp_path, spoil):
    cache = _copy(warm, tmp_path)
    for p in cache.iterdir():
        spoil(p)
    assert _parse(cache) == warm[1]
    data, seal = _jieba_files(cache)  # jieba's cache was replaced by a good one
    assert diskcache.read_own(str(data)) is not None and diskcache.read_own(str(seal)) is not None
    assert _parse(cache) == warm[1]


@pytest.mark.parametrize("planted", [
    marshal.dumps(({}, 1)),                       # well-formed for jieba, and wrong
    marshal.dumps(({"通辽": 10 ** 9}, 10 ** 9)),
    b"\x00" * 64,
])
def test_a_jieba_cache_without_our_seal_is_not_used(warm, tmp_path, planted):
    cache = _copy(warm, tmp_path)
    data, seal = _jieba_files(cache)
    data.write_bytes(planted)
    os.chmod(data, 0o600)
    assert _parse(cache) == warm[1]
    assert data.read_bytes() != planted


def test_a_jieba_cache_with_a_stale_seal_is_not_used(warm, tmp_path):
    cache = _copy(warm, tmp_path)
    data, seal = _jieba_files(cache)
    seal.write_bytes(b"0" * 64)
    assert _parse(cache) == warm[1]
    assert seal.read_bytes() != b"0" * 64  # rebuilt and sealed again


def test_a_cache_folder_others_can_write_is_not_used_and_costs_nothing_but_speed(warm, tmp_path):
    shared, tmp = tmp_path / "shared", tmp_path / "tmp"
    shared.mkdir()
    tmp.mkdir()
    os.chmod(shared, 0o777)
    assert _parse(shared, tmp) == warm[1]
    assert list(shared.iterdir()) == [] and list(tmp.iterdir()) == []


@pytest.mark.parametrize("data", [
    marshal.dumps(compile("1 + 1", "<planted>", "eval")),   # code, never run nor kept
    marshal.dumps(([], 1)),
    marshal.dumps(({"通辽": "10"}, 10)),
    marshal.dumps(({1: 1}, 1)),
    marshal.dumps(({"通辽": 1}, 1.5)),
    b"\x00" * 64,
], ids=["code", "list", "str-value", "int-key", "float-total", "junk"])
def test_only_a_prefix_dictionary_is_taken_from_a_sealed_cache(data):
    from tonglaio_parse.stages import segment
    tok = segment._import_jieba().Tokenizer()
    assert not segment._load_sealed(tok, data)
    assert not tok.initialized and tok.FREQ == {}


def test_a_sealed_cache_gives_the_tokenizer_what_jieba_reads_from_it(warm):
    from tonglaio_parse.stages import segment
    jieba = segment._import_jieba()
    data, _ = _jieba_files(warm[0])
    theirs = jieba.Tokenizer()
    theirs.tmp_dir, theirs.cache_file = str(data.parent), str(data)
    theirs.initialize()
    ours = jieba.Tokenizer()
    assert segment._load_sealed(ours, data.read_bytes())
    assert ours.initialized and ours.total == theirs.total and ours.FREQ == theirs.FREQ
    text = SEED.read_text(encoding="utf-8")
    assert ours.lcut(text) == theirs.lcut(text)


def test_a_new_jieba_cache_removes_the_old_ones_of_an_earlier_dictionary(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    uid = os.getuid() if hasattr(os, "getuid") else 0
    old, young = cache / f"tonglaio-{uid}-jieba-{'0' * 32}.cache", cache / f"tonglaio-{uid}-jieba-{'1' * 32}.cache"
    other = cache / f"tonglaio-{uid}-toml-old.json"
    for p in (old, old.with_suffix(".sha256"), young, other):
        p.write_bytes(b"x")
        os.chmod(p, 0o600)
    month_ago = time.time() - 40 * 86400
    for p in (old, old.with_suffix(".sha256"), other):
        os.utime(p, (month_ago, month_ago))
    out = _parse(cache)
    names = {p.name for p in cache.iterdir()}
    assert old.name not in names and old.with_suffix(".sha256").name not in names
    assert young.name in names and other.name in names  # another installation's; not jieba's
    assert len([n for n in names if n.endswith(".cache") and "-jieba-" in n]) == 2
    assert _parse(cache) == out


def test_the_seconds_in_jieba_are_counted_only_while_measuring():
    from tonglaio_parse.stages import segment
    words = segment.cut("全市地区生产总值增长5.5%左右")
    segment.measure_jieba()
    try:
        assert segment.jieba_seconds() == 0.0
        assert segment.cut("全市地区生产总值增长5.5%左右") == words
        assert segment.segmenter().tokenize("地区生产总值增长")[-1] == ("增长", 6, 8)
        counted = segment.jieba_seconds()
        assert counted > 0.0
    finally:
        segment.measure_jieba(False)
    segment.cut("全市地区生产总值增长5.5%左右")
    assert segment.jieba_seconds() == 0.0
