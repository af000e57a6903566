"""Stage 1 — bytes to text. The decoded text is the ORIGINAL every offset refers to.

Invariant: for a file read without errors, ``data.decode(loaded.encoding) == loaded.text``
(the contract checker decodes the file with the encoding we report). Decoding order:

1. ``--encoding`` given: decode strictly with it (a BOM it implies is dropped).
2. signatures of files given by mistake (PDF, .docx, images, archives) -> InputError.
3. a BOM: UTF-8, UTF-16 or UTF-32 -- trusted, not guessed.
4. valid UTF-8 -- not guessed.
5. otherwise a guess, marked ``guessed``: UTF-8 with a few bad bytes (a truncated or
   damaged file), GB18030, Big5 or BOM-less UTF-16, whichever decoding yields the most
   common Chinese characters. Bytes no candidate decodes become U+FFFD (counted in
   ``replaced``; never silently).
Whatever the decoding, text made mostly of control characters is binary data -> InputError.

Inputs that are not text. `load()` is the entry: a PDF, a Word file (.docx) or a web page (by
its content, or markup in an .html/.htm file) goes to its extractor (extract_pdf, extract_docx,
extract_html, each importing its optional library only then), and the EXTRACTED text is the
original: `Loaded.text` is it, `encoding` "utf-8" (as --save-text writes it), `charset` the
page's own, `pages` where each PDF page begins; `sha256` stays that of the input's bytes.

Size. One report is read whole; a government work report is ~100 KB, so an input over
`max_bytes()` (TONGLAIO_MAX_MB, default 20 MB) is refused with one line rather than parsed
for many minutes: it is a concatenation, a dump or a mistake.
"""
from __future__ import annotations

import bisect
import codecs
import hashlib
import os
import re
import stat
import sys
from dataclasses import dataclass
from functools import cache
from typing import Optional

from ..errors import InputError


@dataclass(frozen=True, slots=True)
class Loaded:
    text: str
    encoding: str
    sha256: str
    path: Optional[str]
    guessed: bool  # True when no BOM and not valid UTF-8: the encoding was a statistical guess
    replaced: int = 0  # undecodable bytes (or unpaired surrogates) that became U+FFFD
    format: str = "text"              # text, html, pdf or docx: what the input was
    extractor: Optional[str] = None   # the library (and version) that extracted the text
    charset: Optional[str] = None     # an HTML page's own charset (the text is then UTF-8)
    pages: tuple[int, ...] = ()       # a PDF's: where each page begins in `text`

    def page_at(self, offset: int) -> Optional[int]:
        """The page (1-based) an offset of the text stands on; None for an input without pages."""
        if not self.pages:
            return None
        return max(1, bisect.bisect_right(self.pages, offset))


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of files users hand us by mistake.
_BINARY_MAGIC = (
    (b"%PDF", "a PDF file", "; convert it to text first (e.g. pdftotext -layout)"),
    (b"PK\x03\x04", "a ZIP archive or an Office file (.docx/.xlsx)", "; save it as plain text first"),
    (b"PK\x05\x06", "an empty ZIP archive", ""),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc/.xls)", "; save it as .docx or plain text first"),
    (b"{\\rtf", "an RTF document", "; save it as plain text first"),
    (b"\x89PNG", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF87a", "a GIF image", ""),
    (b"GIF89a", "a GIF image", ""),
    (b"\x1f\x8b", "a gzip archive", ""),
    (b"BZh", "a bzip2 archive", ""),
    (b"\xfd7zXZ\x00", "an xz archive", ""),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", ""),
    (b"Rar!\x1a\x07", "a RAR archive", ""),
    (b"\x7fELF", "an executable", ""),
    (b"SQLite format 3\x00", "an SQLite database", ""),
)
# Control characters that do not occur in text (tab, line feed, vertical tab, form feed,
# carriage return, ESC and the information separators that splitlines() knows do).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x7f]")
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x1B)) + b"\x7f"
_BINARY_RATIO = 0.05  # more control characters than this fraction: binary data
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes set aside by the 'surrogateescape' handler
_GUESSES = ("gb18030", "big5", "big5hkscs", "utf-16-le", "utf-16-be")
_ASCII = bytes(range(128))
_SAMPLE = 200_000  # characters scored when choosing between candidate decodings


DEFAULT_MAX_MB = 20
_MAX_ENV = "TONGLAIO_MAX_MB"


def max_bytes() -> int:
    """The largest input parsed as one report, in bytes (TONGLAIO_MAX_MB; 0 means no limit)."""
    raw = os.environ.get(_MAX_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        mb = DEFAULT_MAX_MB
    if mb == 0 or mb == float("inf"):
        return sys.maxsize
    if not mb > 0:  # negative or NaN: the default
        mb = DEFAULT_MAX_MB
    return int(mb * 1024 * 1024)


def _too_large(where: str, size: int, limit: int) -> InputError:
    size_note = "" if size == limit + 1 else f"{_mb(size)}, "  # limit + 1: read up to the limit
    return InputError(f"{where}: {size_note}over the {_mb(limit)} limit for one report "
                      f"(a work report is well under 1 MB); split it, or raise {_MAX_ENV}")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def show(path: Optional[str]) -> str:
    """A path fit for a one-line message: control characters and undecodable bytes escaped."""
    if path is None:
        return "<stdin>"
    if path == "":
        return "'' (empty path)"
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in path)


def read_path(path: str) -> bytes:
    """The bytes of a file; every way this can fail is an InputError with one line."""
    where = show(path)
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{where}: no such file") from None
    except PermissionError:
        raise InputError(f"{where}: permission denied") from None
    except (OSError, ValueError) as exc:  # name too long, a NUL in the name, a loop of links
        raise InputError(f"{where}: cannot open ({_reason(exc)})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{where}: is a directory (use 'batch' for folders)")
    limit = max_bytes()
    if st.st_size > limit:
        raise _too_large(where, st.st_size, limit)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1) if limit < sys.maxsize else fh.read()
        if len(data) > limit:  # a device or a pipe with no size
            raise _too_large(where, len(data), limit)
        return data
    except PermissionError:
        raise InputError(f"{where}: permission denied") from None
    except MemoryError:
        raise InputError(f"{where}: too large to read into memory") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{where}: cannot read ({_reason(exc)})") from None


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def decode(data: bytes, path: Optional[str] = None, encoding: Optional[str] = None) -> Loaded:
    """Decode raw bytes, detecting the encoding unless one is given."""
    where = show(path)
    limit = max_bytes()
    if len(data) > limit:
        raise _too_large(where, len(data), limit)
    digest = hashlib.sha256(data).hexdigest()
    for magic, what, hint in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"{where}: looks like {what}, not text{hint}")
    if encoding:
        text, name = _decode_as(data, encoding, where)
        _refuse_binary(text, where)
        return Loaded(text, name, digest, path, False)
    text, name, guessed, replaced = _detect(data, where)
    _refuse_binary(text, where)
    if _SURROGATE.search(text):  # only lenient decoders get here: count and replace
        replaced += len(_SURROGATE.findall(text))
        text = _clean(text)
    return Loaded(text, name, digest, path, guessed, replaced)


def from_text(text: str, path: Optional[str] = None) -> Loaded:
    """Text handed over already decoded (the API's parse_text): its sha256 is that of its UTF-8
    form, and unpaired surrogates become U+FFFD (lengths unchanged)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Loaded(_clean(text), "utf-8", digest, path, False)


def _decode_as(data: bytes, encoding: str, where: str) -> tuple[str, str]:
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError):
        raise InputError(f"{where}: unknown encoding {encoding!r}") from None
    name = info.name
    # A BOM that matches the encoding given is not part of the text.
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        name = "utf-8-sig"
    elif name in ("utf-16-le", "utf-16-be") and data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        name = "utf-16"
    elif name in ("utf-32-le", "utf-32-be") and data[:4] in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):
        name = "utf-32"
    try:
        text = data.decode(name)
    except LookupError:  # a codec that is not a text encoding (base64, rot13 ...)
        raise InputError(f"{where}: {encoding!r} is not a text encoding") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{where}: not valid {encoding} at byte {exc.start} (line {line}); "
                         "try another --encoding or none to detect it") from None
    return text, name


def _detect(data: bytes, where: str) -> tuple[str, str, bool, int]:
    """(text, encoding, guessed, replaced) for bytes without a declared encoding."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text, bad = _lenient(data, name)
            return text, name, False, bad
    utf16 = _bomless_utf16(data)
    if utf16:
        return data.decode(utf16), utf16, True, 0
    try:
        return data.decode("utf-8"), "utf-8", False, 0
    except UnicodeDecodeError:
        pass
    best = _mostly_utf8(data) or _best_guess(data)
    if best is None:
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
        if controls > len(data) // 100:
            what = "NUL bytes" if 0 in data else "control characters"
            raise InputError(f"{where}: binary data ({what}), not text")
        raise InputError(f"{where}: not text in any encoding tried (UTF-8, GB18030, Big5, UTF-16); "
                         "if it is text, name its encoding with --encoding")
    return best


def _lenient(data: bytes, name: str) -> tuple[str, int]:
    try:
        return data.decode(name), 0
    except UnicodeDecodeError:
        text = data.decode(name, errors="replace")
        return text, max(1, text.count("\ufffd"))


def _bomless_utf16(data: bytes) -> Optional[str]:
    """UTF-16 without a BOM, recognised in mostly-ASCII text by a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4000]
    half = len(sample) / 2
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    for high, low, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high > 0.3 and low < 0.05:
            try:
                data.decode(name)
                return name
            except UnicodeDecodeError:
                return None
    return None


def _mostly_utf8(data: bytes) -> Optional[tuple[str, str, bool, int]]:
    """UTF-8 with a few bad bytes (a file cut mid-character, a damaged byte, a surrogate
    written by a bad encoder): keep UTF-8 and count what was lost."""
    for chunk in (data[:1_000_000], data) if len(data) > 1_000_000 else (data,):
        escaped = chunk.decode("utf-8", errors="surrogateescape")
        bad = sum(1 for _ in _ESCAPED.finditer(escaped))
        ascii_bytes = len(chunk) - len(chunk.translate(None, _ASCII))
        multibyte = len(escaped) - ascii_bytes - bad
        if not bad or multibyte < 4 * bad:  # GB18030 or Big5 read as UTF-8: < 0.2
            return None
    text = data.decode("utf-8", errors="replace")
    return text, "utf-8", False, bad


def _best_guess(data: bytes) -> Optional[tuple[str, str, bool, int]]:
    """The candidate decoding that reads most like Chinese text, or None if none does."""
    scored = []
    for rank, name in enumerate(_GUESSES):
        if name.startswith("utf-16") and len(data) % 2:
            continue
        try:
            text, bad = data.decode(name), 0
        except UnicodeDecodeError:
            if name not in ("gb18030", "big5"):
                continue  # only the main candidates are worth a lenient try
            text = data.decode(name, errors="replace")
            bad = text.count("\ufffd")
        score = _score(text[:_SAMPLE], bad * min(1.0, _SAMPLE / max(1, len(text))))
        scored.append((score, -rank, text, name, bad))
        if bad == 0 and score > 0.97:
            break  # cannot do much better: skip decoding the rest
    if not scored:
        return None
    score, _, text, name, bad = max(scored, key=lambda s: (s[0], s[1]))
    if score < 0.5:
        return None
    return text, name, True, bad


@cache
def _common_chars() -> frozenset[str]:
    """GB2312's symbols and level-1 hanzi (the 3755 most used), with their Traditional forms:
    the characters a correctly decoded report is made of, and a misdecoded one is not."""
    chars = set()
    for lead in range(0xA1, 0xD8):
        if 0xAA <= lead <= 0xAF:
            continue
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    try:
        from .normalize import converter

        trad = converter("s2t").convert("".join(sorted(chars)))
        chars.update(trad)
    except Exception:  # noqa: BLE001 — opencc is optional for scoring; Simplified still works
        pass
    chars.update("\u3000\ufeff“”‘’…—·")
    return frozenset(chars)


def _score(text: str, bad: float) -> float:
    """Share of the non-ASCII characters that are common Chinese characters or punctuation,
    less undecodable bytes and control characters."""
    common = _common_chars()
    wide = [c for c in text if c > "\x7f"]
    controls = len(_CONTROL.findall(text))
    if not wide:
        return 0.0 if controls or bad else 0.5
    good = sum(1 for c in wide if c in common)
    return (good - 2 * bad - controls) / (len(wide) + controls)


def _refuse_binary(text: str, where: str) -> None:
    if not text:
        return
    controls = len(_CONTROL.findall(text))
    if controls > _BINARY_RATIO * len(text):
        what = "NUL bytes" if "\x00" in text else "control characters"
        raise InputError(f"{where}: binary data ({what}), not text")


def _clean(text: str) -> str:
    """Unpaired surrogates (from a bad upstream decoder) become U+FFFD; lengths are unchanged."""
    return _SURROGATE.sub("\ufffd", text)


# --- inputs that are not text: a web page, a PDF, a Word file -------------------------------

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_PDF = b"%PDF-"
_ZIP = b"PK\x03\x04"
# A document that begins as HTML does (after a BOM, white space, comments, an XML declaration).
_HTML_START = re.compile(r"\A(?:\ufeff)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         r"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_ANY_TAG = re.compile(r"<(?:html|head|body|meta|title|p|div|br|table|span|font|h[1-6])\b", re.I)
_HTML_BYTES = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta)\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
# Declared charsets read as their superset (a page that says gb2312 uses GBK's characters too)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
                    "gb_2312-80": "gb18030", "euc-cn": "gb18030", "big5": "big5hkscs", "x-x-big5": "big5hkscs"}


# names that promise a signature (%PDF, a ZIP): content without it is refused, not read as text
_SIGNED_SUFFIXES = {".pdf": "a PDF", ".docx": "a Word file"}


def load(data: bytes, path: Optional[str] = None, encoding: Optional[str] = None) -> Loaded:
    """The ORIGINAL text of an input: a text file decoded; a PDF, a Word file or a web page
    (by its content, or an .html/.htm name) extracted — the text every offset refers to."""
    where = show(path)
    limit = max_bytes()
    if len(data) > limit:
        raise _too_large(where, len(data), limit)
    if _PDF in data[:1024]:
        from . import extract_pdf

        return _extracted(data, path, "pdf", extract_pdf.extract(data, where))
    if data.startswith(_ZIP):
        kind = _zip_kind(data, path)
        if kind == "docx":
            from . import extract_docx

            return _extracted(data, path, "docx", extract_docx.extract(data, where))
        if kind:
            raise InputError(f"{where}: looks like {kind}, not a report; save it as .docx, PDF or text first")
    suffix = os.path.splitext(path or "")[1].lower()
    if suffix in _SIGNED_SUFFIXES:  # not what its name says: a failed download, a renamed file
        content = ("nothing" if not data.strip() else "a web page" if _HTML_BYTES.search(data[:2048])
                   else f"{data[:12]!r}…")
        raise InputError(f"{where}: named {suffix} but not {_SIGNED_SUFFIXES[suffix]} (it holds "
                         f"{content}); a download that failed?")
    if suffix in _HTML_SUFFIXES or _HTML_BYTES.search(data[:2048]):
        text, charset, guessed, replaced = _decode_page(data, where, encoding)
        if _HTML_START.match(text[:4096]) or (suffix in _HTML_SUFFIXES and _ANY_TAG.search(text)):
            from . import extract_html

            got = extract_html.extract(text, where)
            return _extracted(data, path, "html", got, charset, guessed, got.text.count("\ufffd"))
    return decode(data, path, encoding)


def _extracted(data: bytes, path: Optional[str], fmt: str, got, charset: Optional[str] = None,
               guessed: bool = False, replaced: int = 0) -> Loaded:
    """The Loaded of an extracted input: its text is UTF-8 (as --save-text writes it), its
    sha256 that of the input's bytes."""
    return Loaded(_clean(got.text), "utf-8", hashlib.sha256(data).hexdigest(), path, guessed, replaced,
                  fmt, got.extractor, charset, got.pages)


def _zip_kind(data: bytes, path: Optional[str]) -> Optional[str]:
    """"docx" for a Word file (or a broken archive named .docx: its extractor says what is
    wrong), what else the archive is, or None to let the text decoder refuse it."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return "docx" if (path or "").lower().endswith(".docx") else None
    if "word/document.xml" in names or (path or "").lower().endswith(".docx"):
        return "docx"
    if "xl/workbook.xml" in names:
        return "an Excel workbook (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint file (.pptx)"
    if "content.xml" in names:
        return "an OpenDocument file (.odt)"
    return None


def _decode_page(data: bytes, where: str, encoding: Optional[str]) -> tuple[str, str, bool, int]:
    """(text, charset, guessed, replaced) of a web page: --encoding, else a BOM, else the
    charset its <meta> declares (the HTTP-equiv header too), else detected as any text is. A
    declaration the bytes contradict (a page saved as UTF-8 that still says gb2312) loses."""
    if encoding:
        text, name = _decode_as(data, encoding, where)
        return text, name, False, 0
    declared = _META_CHARSET.search(data[:4096])
    if declared and not any(data.startswith(bom) for bom, _ in _BOMS):
        name = declared.group(1).decode("ascii").lower()
        name = _CHARSET_ALIASES.get(name, name)
        try:
            name = codecs.lookup(name).name
            if name in ("utf-8", "gb18030", "big5hkscs", "big5", "utf-16", "utf-16-le", "utf-16-be"):
                return data.decode(name), name, False, 0
        except (LookupError, UnicodeDecodeError):
            pass
    text, name, guessed, replaced = _detect(data, where)
    return text, name, guessed, replaced
