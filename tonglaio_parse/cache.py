"""Where what jieba, pint and the regex compiler build is kept between runs (TONGLAIO_CACHE_DIR,
else the temp dir)."""
from __future__ import annotations

import os
import stat
import tempfile
from typing import Optional


def cache_dir() -> str:
    return os.environ.get("TONGLAIO_CACHE_DIR") or tempfile.gettempdir()


def cache_path(name: str) -> str:
    """A file in the cache folder, named per user: the temp dir is shared, and a cache that
    someone else wrote is not one to trust."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return os.path.join(cache_dir(), f"tonglaio-{uid}-{name}")


def read_own(path: str) -> Optional[bytes]:
    """The file's bytes if it is ours and nobody else can write it, else None."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if hasattr(os, "getuid") and (st.st_uid != os.getuid()
                                          or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
                return None
            return fh.read()
    except OSError:
        return None


def write_atomically(path: str, data: bytes) -> None:
    """Write via a new private temporary file (mkstemp: created exclusively, mode 0600, an
    unpredictable name, so no link planted in a shared temp dir is followed) and a rename, so a
    reader never sees half a file; a cache that cannot be written only costs speed."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=os.path.basename(path) + ".")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
