"""The one jieba tokenizer: our dictionary plus the indicator user dictionary, built lazily."""
from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
from functools import cache
from typing import Mapping

from ..cache import cache_dir, cache_path, read_own, write_atomically
from ..rules import data_path

# jieba's full dictionary costs ~0.5 s to load; the package ships the part of it with
# frequency >= 30 (a fifth of the entries, nearly all of the probability mass) and lets
# the HMM handle the rest. TONGLAIO_JIEBA_DICT=full switches back to jieba's own.
_DICT_ENV = "TONGLAIO_JIEBA_DICT"


@cache
def tokenizer():
    jieba = _import_jieba()
    logging.getLogger("jieba").setLevel(logging.ERROR)
    jieba.setLogLevel(logging.ERROR)
    choice = os.environ.get(_DICT_ENV, "small")
    dictionary = None if choice == "full" else str(data_path("jieba_small.txt"))
    tok = jieba.Tokenizer(dictionary=dictionary) if dictionary else jieba.Tokenizer()
    tok.tmp_dir = cache_dir()
    if dictionary:
        _load_prefix_dict(tok)
    tok.load_userdict(str(data_path("userdict.txt")))
    return tok


def cut(text: str) -> list[str]:
    return tokenizer().lcut(text, HMM=True)


class Segmenter:
    """What the checks may ask of the segmentation (the pipeline hands them one): the words of
    a text, with or without their offsets, and the dictionary's frequency of a word. The
    tokenizer is built on first use."""
    __slots__ = ()

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        return tokenizer().lcut(text, HMM=hmm)

    def tokenize(self, text: str, hmm: bool = True) -> list[tuple[str, int, int]]:
        """(word, start, end) for each word of `text`, offsets relative to it."""
        return list(tokenizer().tokenize(text, HMM=hmm))

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


def _load_prefix_dict(tok) -> None:
    """Our own cache of the prefix dictionary, read in one piece: jieba's marshal.load(file)
    reads in tiny pieces and costs five times as long. Built (and written) when missing."""
    src = tok.dictionary
    st = os.stat(src)
    key = hashlib.md5(f"{src}:{st.st_size}:{st.st_mtime_ns}".encode("utf-8", "replace")).hexdigest()
    path = cache_path(f"jieba-{key}.marshal")
    try:
        tok.FREQ, tok.total = marshal.loads(read_own(path) or b"")
    except (ValueError, EOFError, TypeError):
        with tok.get_dict_file() as fh:
            tok.FREQ, tok.total = tok.gen_pfdict(fh)
        write_atomically(path, marshal.dumps((tok.FREQ, tok.total)))
    tok.initialized = True
