"""The one jieba tokenizer: our dictionary plus the indicator user dictionary, built lazily."""
from __future__ import annotations

import logging
import os
import tempfile
from functools import cache

from .rules import data_path

# jieba's full dictionary costs ~0.5 s to load; the package ships the part of it with
# frequency >= 30 (a fifth of the entries, nearly all of the probability mass) and lets
# the HMM handle the rest. TONGLAIO_JIEBA_DICT=full switches back to jieba's own.
_DICT_ENV = "TONGLAIO_JIEBA_DICT"


@cache
def tokenizer():
    import jieba

    logging.getLogger("jieba").setLevel(logging.ERROR)
    jieba.setLogLevel(logging.ERROR)
    choice = os.environ.get(_DICT_ENV, "small")
    dictionary = None if choice == "full" else str(data_path("jieba_small.txt"))
    tok = jieba.Tokenizer(dictionary=dictionary) if dictionary else jieba.Tokenizer()
    tok.tmp_dir = os.environ.get("TONGLAIO_CACHE_DIR") or tempfile.gettempdir()
    tok.load_userdict(str(data_path("userdict.txt")))
    return tok


def cut(text: str) -> list[str]:
    return tokenizer().lcut(text, HMM=True)
