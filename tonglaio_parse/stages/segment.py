"""The one jieba tokenizer: our dictionary plus the indicator user dictionary, built lazily."""
from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
import time
from functools import cache
from typing import Mapping

from ..cache import cache_path, prune, read_own, write_atomically
from ..rules import data_path

# jieba's full dictionary costs ~0.5 s to load; the package ships the part of it with
# frequency >= 30 (a fifth of the entries, nearly all of the probability mass) and lets
# the HMM handle the rest. TONGLAIO_JIEBA_DICT=full switches back to jieba's own.
_DICT_ENV = "TONGLAIO_JIEBA_DICT"


@cache
def tokenizer():
    jieba = _import_jieba()
    # jieba logs to stderr (its start-up notes, a cache it failed to write): keep it silent
    jieba.setLogLevel(logging.CRITICAL)
    choice = os.environ.get(_DICT_ENV, "small")
    dictionary = None if choice == "full" else str(data_path("jieba_small.txt"))
    tok = jieba.Tokenizer(dictionary=dictionary) if dictionary else jieba.Tokenizer()
    source = dictionary or os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), "dict.txt")
    _initialize(tok, source, getattr(jieba, "__version__", ""))
    tok.load_userdict(str(data_path("userdict.txt")))
    return tok


def cut(text: str) -> list[str]:
    return _words(text, True)


_clock: list[float] = []  # [seconds in jieba] while measure_jieba() is on (benchmarks/stages.py)


def measure_jieba(on: bool = True) -> None:
    """Count the seconds spent segmenting from now (jieba_seconds()), or stop counting."""
    _clock[:] = [0.0] if on else []


def jieba_seconds() -> float:
    return _clock[0] if _clock else 0.0


def _words(text: str, hmm: bool, offsets: bool = False) -> list:
    tok = tokenizer()
    started = time.perf_counter() if _clock else None
    words = list(tok.tokenize(text, HMM=hmm)) if offsets else tok.lcut(text, HMM=hmm)
    if started is not None:
        _clock[0] += time.perf_counter() - started
    return words


class Segmenter:
    """What the checks may ask of the segmentation (the pipeline hands them one): the words of
    a text, with or without their offsets, and the dictionary's frequency of a word. The
    tokenizer is built on first use."""
    __slots__ = ()

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        return _words(text, hmm)

    def tokenize(self, text: str, hmm: bool = True) -> list[tuple[str, int, int]]:
        """(word, start, end) for each word of `text`, offsets relative to it."""
        return _words(text, hmm, offsets=True)

    @property
    def frequencies(self) -> Mapping[str, int]:
        """Word -> frequency in the dictionary. jieba also lists every prefix of a word, with 0:
        `w in frequencies` says "a word or the start of one", `frequencies.get(w)` "a word"."""
        return tokenizer().FREQ


@cache
def segmenter() -> Segmenter:
    return Segmenter()


def _import_jieba():
    """`import jieba` without pkg_resources: jieba._compat imports it only to find its own
    files, and that is four fifths of jieba's import time."""
    if "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail fast
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def _initialize(tok, source: str, version: str) -> None:
    """`tok.initialize()`, jieba's own loading, with its prefix dictionary cached (jieba's public
    `tmp_dir` / `cache_file`) in our cache folder, never the shared temp dir. jieba trusts the
    marshal file it finds there; so it finds one only when ours, private, and what jieba wrote
    for this dictionary (a seal beside it: the SHA-256 of the dictionary's identity and the
    file). Any other file is removed first, and jieba builds the dictionary afresh. A sealed
    file is read here, not by jieba: see _load_sealed."""
    try:
        st = os.stat(source)
        ident = f"{source}:{st.st_size}:{st.st_mtime_ns}:jieba-{version}".encode("utf-8", "replace")
    except OSError:
        ident = b""
    key = hashlib.sha256(ident).hexdigest()[:32]
    path, seal = cache_path(f"jieba-{key}.cache"), cache_path(f"jieba-{key}.sha256")
    sealed = _sealed(path, seal, ident) if ident and path is not None and seal is not None else _UNUSABLE
    if sealed is _UNUSABLE:
        with tempfile.TemporaryDirectory(prefix="tonglaio-jieba-") as scratch:  # built, not kept
            tok.tmp_dir, tok.cache_file = scratch, os.path.join(scratch, "jieba.cache")
            tok.initialize()
        return
    if sealed is not None and _load_sealed(tok, sealed):
        return
    before = _identity(path)
    tok.tmp_dir, tok.cache_file = os.path.dirname(path), path
    tok.initialize()
    if _identity(path) != before:  # jieba has just built the dictionary and written its cache
        data = read_own(path)
        if data is not None:
            write_atomically(seal, _seal(ident, data))
        prune("jieba-*", keep=(path, seal))  # an upgrade's new dictionary: the old caches go


def _load_sealed(tok, data: bytes) -> bool:
    """Give `tok` the prefix dictionary of a sealed cache file: what `initialize()` would read
    from it, through the same public attributes (FREQ, total, initialized). jieba reads the
    file with `marshal.load`, one read call per word, four times as long as `marshal.loads` of
    the bytes we have already read to check the seal (0.12 s against 0.03 s). Only data is
    taken: a dict of str -> int and an int, else the file is left to jieba."""
    try:
        freq, total = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return False
    if not isinstance(freq, dict) or type(total) is not int or \
            not set(map(type, freq)) <= {str} or not set(map(type, freq.values())) <= {int}:
        return False
    tok.FREQ, tok.total, tok.initialized = freq, total, True
    return True


def _identity(path: str):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _seal(ident: bytes, data: bytes) -> bytes:
    return hashlib.sha256(len(ident).to_bytes(4, "big") + ident + data).hexdigest().encode("ascii")


_UNUSABLE = object()


def _sealed(path: str, seal: str, ident: bytes):
    """What jieba may use at `path`: its bytes when they pass the seal, None when the file is
    missing (jieba will write it), _UNUSABLE when neither (a file failing the seal is removed
    first, and is missing then)."""
    if not os.path.lexists(path):
        return None
    data = read_own(path)
    if data is not None and read_own(seal) == _seal(ident, data):
        return data
    for name in (path, seal):
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass
        except OSError:
            return _UNUSABLE
    return None
