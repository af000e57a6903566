"""Stage 1, bytes -> text: encoding detection, binary refusal, paths, the size limit.

Every input here is generated in the test (nothing large or binary is committed).
"""
from __future__ import annotations

import codecs
import os

import pytest

from conftest import SEED
from tonglaio_parse.errors import InputError
from tonglaio_parse.stages.load import decode, max_bytes, read_path, show

SEED_BYTES = SEED.read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")
SHORT = "今年经济社会发展的主要预期目标是:地区生产总值增长5%左右,城镇新增就业2.5万人以上。"


# (name, bytes, encoding reported, guessed, text expected)
DECODED = [
    ("utf-8", SEED_BYTES, "utf-8", False, SEED_TEXT),
    ("utf-8 with BOM", codecs.BOM_UTF8 + SEED_BYTES, "utf-8-sig", False, SEED_TEXT),
    ("utf-16 le with BOM", codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le"), "utf-16", False, SEED_TEXT),
    ("utf-16 be with BOM", codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"), "utf-16", False, SEED_TEXT),
    ("utf-32 with BOM", SEED_TEXT.encode("utf-32"), "utf-32", False, SEED_TEXT),
    ("gb18030", SEED_TEXT.encode("gb18030"), "gb18030", True, SEED_TEXT),
    ("gb18030, one sentence", SHORT.encode("gb18030"), "gb18030", True, SHORT),
    ("gb18030, three characters", "通辽市".encode("gb18030"), "gb18030", True, "通辽市"),
    ("big5, three characters", "通遼市".encode("big5"), "big5", True, "通遼市"),
    ("big5, a sentence", "地區生產總值增長5%左右,城鎮新增就業2.5萬人以上。".encode("big5"), "big5", True,
     "地區生產總值增長5%左右,城鎮新增就業2.5萬人以上。"),
    ("utf-16 le without BOM, mostly ASCII", "GDP grew 5.2% in 2025\n".encode("utf-16-le"), "utf-16-le", True,
     "GDP grew 5.2% in 2025\n"),
    ("utf-16 le without BOM, Chinese", SHORT.encode("utf-16-le"), "utf-16-le", True, SHORT),
    ("empty", b"", "utf-8", False, ""),
    ("whitespace", b" \n\t\r\n  ", "utf-8", False, " \n\t\r\n  "),
    ("a stray NUL in text", SHORT.encode() + b"\x00" + SHORT.encode(), "utf-8", False, SHORT + "\x00" + SHORT),
]


@pytest.mark.parametrize("name, data, encoding, guessed, text", DECODED, ids=[d[0] for d in DECODED])
def test_decodes(name, data, encoding, guessed, text):
    loaded = decode(data, "x.txt")
    assert (loaded.encoding, loaded.guessed, loaded.replaced) == (encoding, guessed, 0)
    assert loaded.text == text
    # the contract checker decodes the file with the encoding we report: offsets must agree
    assert data.decode(loaded.encoding) == loaded.text


# (name, bytes, text expected, bytes replaced at least)
LOSSY = [
    ("utf-8 cut inside the last character", SEED_BYTES[:-1] if SEED_BYTES[-1] >= 0x80 else
     SEED_BYTES + "增".encode()[:2], None, 1),
    ("utf-8 with an encoded surrogate (a bad encoder)",
     SHORT.encode() + b"\xed\xa0\x80" + SHORT.encode(), SHORT + "\ufffd" * 3 + SHORT, 1),
    ("utf-8 with one bad byte", SHORT.encode() * 3 + b"\xff" + SHORT.encode() * 3, None, 1),
    ("gb18030 cut inside the last character", SHORT.encode("gb18030") * 3 + "增".encode("gb18030")[:1], None, 1),
]


@pytest.mark.parametrize("name, data, text, replaced", LOSSY, ids=[d[0] for d in LOSSY])
def test_lost_bytes_become_replacement_characters_and_are_counted(name, data, text, replaced):
    loaded = decode(data)
    assert loaded.replaced >= replaced and "\ufffd" in loaded.text
    if text is not None:
        assert loaded.text == text
    assert not any("\ud800" <= c <= "\udfff" for c in loaded.text)


# (name, bytes, words the one-line message must hold)
REFUSED = [
    ("PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (".docx", b"PK\x03\x04\x14\x00\x06\x00" + os.urandom(200), ".docx"),
    (".doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), ".doc"),
    ("PNG", b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    ("gzip", b"\x1f\x8b\x08\x00" + os.urandom(100), "gzip"),
    ("NUL bytes", bytes(1000), "binary"),
    ("random bytes", bytes(range(256)) * 40, "binary"),
    ("control characters", b"\x01\x02\x03\x04abc\x05\x06" * 100, "binary"),
    ("Latin-1 text", "Bericht über die Lage".encode("latin-1"), "--encoding"),
]


@pytest.mark.parametrize("name, data, words", REFUSED, ids=[d[0] for d in REFUSED])
def test_refused_with_one_line(name, data, words):
    with pytest.raises(InputError) as info:
        decode(data, "in put.bin")
    message = str(info.value)
    assert message.startswith("in put.bin: ") and words in message and "\n" not in message


def test_random_bytes_never_crash():
    for seed in range(30):
        data = os.urandom(seed * 97 + 1)
        try:
            loaded = decode(data)
        except InputError as exc:
            assert "\n" not in str(exc)
        else:
            assert not any("\ud800" <= c <= "\udfff" for c in loaded.text)


@pytest.mark.parametrize("encoding, data, text", [
    ("gbk", SHORT.encode("gbk"), SHORT),
    ("GB18030", SHORT.encode("gb18030"), SHORT),
    ("utf-8", codecs.BOM_UTF8 + SHORT.encode(), SHORT),  # the BOM is not text
    ("utf-16-le", codecs.BOM_UTF16_LE + SHORT.encode("utf-16-le"), SHORT),
    ("big5", "城鎮新增就業".encode("big5"), "城鎮新增就業"),
])
def test_given_encoding(encoding, data, text):
    loaded = decode(data, encoding=encoding)
    assert loaded.text == text and not loaded.guessed
    assert data.decode(loaded.encoding) == loaded.text


@pytest.mark.parametrize("encoding, data, words", [
    ("no-such-codec", b"abc", "unknown encoding"),
    ("base64", b"abc", "not a text encoding"),
    ("utf-8", SHORT.encode("gb18030"), "not valid utf-8 at byte"),
])
def test_given_encoding_errors(encoding, data, words):
    with pytest.raises(InputError) as info:
        decode(data, "f.txt", encoding=encoding)
    assert words in str(info.value) and "\n" not in str(info.value)


def test_read_path_errors(tmp_path):
    cases = [
        (str(tmp_path / "missing.txt"), "no such file"),
        (str(tmp_path / "missing" / "deeper.txt"), "no such file"),
        (str(tmp_path), "is a directory"),
        (str(tmp_path / ("x" * 5000)), "cannot open"),
        (str(tmp_path / "nul\x00name"), "cannot open"),
        ("", "no such file"),
    ]
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    cases.append((str(plain / "child.txt"), "no such file"))  # a file used as a folder
    for path, words in cases:
        with pytest.raises(InputError) as info:
            read_path(path)
        message = str(info.value)
        assert words in message and "\n" not in message and "\x00" not in message


def test_paths_with_spaces_and_chinese(tmp_path):
    folder = tmp_path / "政府 工作报告"
    folder.mkdir()
    target = folder / "通辽 2026 报告.txt"
    target.write_bytes(SEED_BYTES)
    assert read_path(str(target)) == SEED_BYTES


def test_show_keeps_a_message_on_one_line():
    assert show(None) == "<stdin>"
    assert "\n" not in show("a\nb.txt") and "\\n" in show("a\nb.txt")
    assert show("政府 工作.txt") == "政府 工作.txt"
    assert "\udcff" not in show("bad\udcffname")  # an undecodable byte of a file name


def test_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("TONGLAIO_MAX_MB", "0.01")  # 10 KB
    assert max_bytes() == 10485
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 20000)
    for call in (lambda: read_path(str(big)), lambda: decode(b"a" * 20000)):
        with pytest.raises(InputError) as info:
            call()
        assert "limit" in str(info.value) and "TONGLAIO_MAX_MB" in str(info.value)
    monkeypatch.setenv("TONGLAIO_MAX_MB", "0")  # no limit
    assert read_path(str(big)) == b"a" * 20000
    for junk in ("junk", "-3", "nan"):
        monkeypatch.setenv("TONGLAIO_MAX_MB", junk)
        assert max_bytes() == 20 * 1024 * 1024
    monkeypatch.setenv("TONGLAIO_MAX_MB", "inf")
    assert max_bytes() > 2 ** 40


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_device_stops_at_the_limit(monkeypatch):
    monkeypatch.setenv("TONGLAIO_MAX_MB", "0.01")
    with pytest.raises(InputError) as info:
        read_path("/dev/zero")
    assert "limit" in str(info.value)
