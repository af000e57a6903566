"""Where what jieba and pint build is kept between runs (TONGLAIO_CACHE_DIR, else the temp dir)."""
from __future__ import annotations

import os
import tempfile


def cache_dir() -> str:
    return os.environ.get("TONGLAIO_CACHE_DIR") or tempfile.gettempdir()


def write_atomically(path: str, data: bytes) -> None:
    """Write via a temporary file and a rename, so a reader never sees half a file; a cache
    that cannot be written (read-only folder) only costs speed."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
