"""The disk caches (compiled regexes, parsed data tables) only ever cost speed."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import regex

from tonglaio_parse import cache as diskcache, rx

PATTERNS = [
    (r"(?P<n>[0-9]++(?:\.[0-9]++)?)(?P<u>亿元|万人|%)", "增长8.5%，达到1,234亿元和12万人", 0),
    (r"(?<=增长)\p{Han}{2}", "同比增长左右", 0),
    (r"(\p{Han})\1", "新建建设", 0),
    (r"^\s*+[一二三四五六七八九十]+、", "  三、今年工作", regex.M),
    (r"x # a comment\n y", "xy", regex.VERBOSE),
]


def _fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("TONGLAIO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rx, "_store", None)
    monkeypatch.setattr(rx, "_added", False)


@pytest.mark.parametrize("pattern,text,flags", PATTERNS)
def test_a_pattern_rebuilt_from_the_cache_matches_like_regex(tmp_path, monkeypatch, pattern, text, flags):
    _fresh(tmp_path, monkeypatch)
    first = rx.compile(pattern, flags)
    rx.save()
    monkeypatch.setattr(rx, "_store", None)
    again = rx.compile(pattern, flags)
    assert (pattern, int(flags)) in rx._store  # served from the file
    expected = regex.compile(pattern, flags)
    for p in (first, again):
        assert [m.groupdict() or m.group() for m in p.finditer(text)] == \
               [m.groupdict() or m.group() for m in expected.finditer(text)]
        assert p.groupindex == expected.groupindex and p.flags == expected.flags


STD_PATTERNS = [
    (r"(?=(([\u4e00-\u9fff])\2|([\u4e00-\u9fff]{2,4})\3))", "新建建设增收增收", 0),
    (r"、[^,，。、]*、", "科技、教育、卫生和文化", 0),
    (r"(?P<n>\d+)(?:\.(?P<d>\d+))?%", "增长5.2%和3%", 0),
    (r"^\s*[一二三]、", "一、\n二、", re.M),
]


@pytest.mark.parametrize("pattern,text,flags", STD_PATTERNS)
def test_a_stdlib_pattern_rebuilt_from_the_cache_matches_like_re(tmp_path, monkeypatch, pattern, text, flags):
    _fresh(tmp_path, monkeypatch)
    rx.compile_std(pattern, flags)
    rx.save()
    monkeypatch.setattr(rx, "_store", None)
    again = rx.compile_std(pattern, flags)
    assert ("re", pattern, int(flags)) in rx._store
    expected = re.compile(pattern, flags)
    assert [m.groups() for m in again.finditer(text)] == [m.groups() for m in expected.finditer(text)]
    assert again.groupindex == expected.groupindex and again.flags == expected.flags


def test_a_damaged_cache_file_falls_back_to_compiling(tmp_path, monkeypatch):
    _fresh(tmp_path, monkeypatch)
    rx.compile(r"增长(\d+)%")
    rx.save()
    path = rx._path()
    with open(path, "r+b") as fh:
        data = bytearray(fh.read())
        fh.seek(0)
        fh.write(bytes(data[: len(data) // 2]))
        fh.truncate()
    monkeypatch.setattr(rx, "_store", None)
    assert rx.compile(r"增长(\d+)%").search("增长8%").group(1) == "8"


def test_an_altered_entry_is_not_used(tmp_path, monkeypatch):
    # a flipped opcode would crash regex's C core: the file's digest must match
    _fresh(tmp_path, monkeypatch)
    rx.compile(r"增长(\d+)%")
    rx.save()
    path = rx._path()
    data = bytearray(open(path, "rb").read())
    data[-5] ^= 0x01
    open(path, "wb").write(bytes(data))
    assert rx._read() == {}
    monkeypatch.setattr(rx, "_store", None)
    assert rx.compile(r"增长(\d+)%").search("增长8%").group(1) == "8"


def test_a_full_cache_keeps_what_this_process_used(tmp_path, monkeypatch):
    _fresh(tmp_path, monkeypatch)
    monkeypatch.setattr(rx, "_MAX_ENTRIES", 3)
    monkeypatch.setattr(rx, "_used", set())
    for k in range(5):
        rx.compile(f"old{k}")
    rx.save()
    monkeypatch.setattr(rx, "_store", None)
    monkeypatch.setattr(rx, "_used", set())
    rx.compile("new")
    rx.save()
    assert set(rx._read()) == {("new", 0)}


def test_a_cache_file_others_can_write_is_not_read(tmp_path, monkeypatch):
    _fresh(tmp_path, monkeypatch)
    path = diskcache.cache_path("probe")
    diskcache.write_atomically(path, b"mine")
    assert diskcache.read_own(path) == b"mine"
    os.chmod(path, 0o666)
    assert diskcache.read_own(path) is None


def test_cache_files_are_private_and_named_per_user(tmp_path, monkeypatch):
    _fresh(tmp_path, monkeypatch)
    path = diskcache.cache_path("probe")
    diskcache.write_atomically(path, b"x")
    assert f"-{os.getuid()}-" in os.path.basename(path)
    assert os.stat(path).st_mode & 0o077 == 0


def test_parse_output_is_the_same_with_cold_and_warm_caches(tmp_path):
    env = {**os.environ, "TONGLAIO_CACHE_DIR": str(tmp_path)}
    cmd = [sys.executable, "-m", "tonglaio_parse", "parse", "--format", "json", "fixtures/tongliao-2026-p2.txt"]
    cold = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    assert any(name.startswith(f"tonglaio-{os.getuid()}-regex-") for name in os.listdir(tmp_path))
    assert any("-toml-" in name for name in os.listdir(tmp_path))
    warm = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    assert cold == warm
