"""Stage 1 — bytes to text. The decoded text is the ORIGINAL every offset refers to."""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional


class InputError(Exception):
    """An input that cannot be parsed: missing, a directory, binary, undecodable."""


@dataclass(frozen=True, slots=True)
class Loaded:
    text: str
    encoding: str
    sha256: str
    path: Optional[str]
    guessed: bool  # True when no BOM and not valid UTF-8: the encoding was a statistical guess


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of files users hand us by mistake.
_BINARY_MAGIC = {b"%PDF": "a PDF file", b"PK\x03\x04": "a ZIP/Office (.docx/.xlsx) file",
                 b"\xd0\xcf\x11\xe0": "an old Office (.doc/.xls) file", b"\x89PNG": "a PNG image",
                 b"\xff\xd8\xff": "a JPEG image", b"\x1f\x8b": "a gzip archive"}
# Chinese-capable encodings we accept from the detector; anything else is suspicious.
_ACCEPTED = {"utf_8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "utf_16", "utf_16_le",
             "utf_16_be", "utf_32", "hz", "iso2022_jp_2"}


def read_path(path: str) -> bytes:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory (use 'batch' for folders)")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def decode(data: bytes, path: Optional[str] = None, encoding: Optional[str] = None) -> Loaded:
    """Decode raw bytes, detecting the encoding unless one is given."""
    digest = hashlib.sha256(data).hexdigest()
    where = path if path is not None else "<stdin>"
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"{where}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{where}: not valid {encoding} at byte {exc.start}") from None
        return Loaded(_clean(text), encoding, digest, path, False)
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{where}: looks like {what}, not text")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Loaded(_clean(data.decode(name)), name, digest, path, False)
            except UnicodeDecodeError:
                break
    utf16 = _bomless_utf16(data)
    if utf16:
        return Loaded(_clean(data.decode(utf16)), utf16, digest, path, True)
    if b"\x00" in data:
        raise InputError(f"{where}: binary data (NUL bytes), not text")
    try:
        return Loaded(_clean(data.decode("utf-8")), "utf-8", digest, path, False)
    except UnicodeDecodeError:
        pass
    name = _detect(data)
    if name is None:
        raise InputError(f"{where}: cannot detect the text encoding (try --encoding)")
    return Loaded(_clean(data.decode(name, errors="replace")), name, digest, path, True)


def _bomless_utf16(data: bytes) -> Optional[str]:
    """UTF-16 without BOM: every other byte NUL in mostly-ASCII text."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4000]
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    for ratio, name in ((odd_nul, "utf-16-le"), (even_nul, "utf-16-be")):
        if ratio > 0.3:
            try:
                data.decode(name)
                return name
            except UnicodeDecodeError:
                return None
    return None


def _detect(data: bytes) -> Optional[str]:
    from charset_normalizer import from_bytes

    # GB18030 is a superset of GBK/GB2312 and decodes most mainland text; try the strict
    # decoders we expect first, then ask the detector to arbitrate between GB and Big5.
    candidates = []
    for name in ("gb18030", "big5"):
        try:
            data.decode(name)
            candidates.append(name)
        except UnicodeDecodeError:
            pass
    if len(candidates) == 1:
        return candidates[0]
    best = from_bytes(data[:200_000], cp_isolation=candidates or None).best()
    if best is None:
        return candidates[0] if candidates else None
    name = best.encoding
    if name in ("gbk", "gb2312"):
        return "gb18030"
    if name not in _ACCEPTED and candidates:
        return candidates[0]
    return name


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(text: str) -> str:
    """Unpaired surrogates (from a bad upstream decoder) become U+FFFD; lengths are unchanged."""
    return _SURROGATE.sub("\ufffd", text)
