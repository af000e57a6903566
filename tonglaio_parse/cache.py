"""Where data the package derives from its own files (parsed tables, unit factors, jieba's prefix
dictionary) is kept between runs: the user's cache directory, never the shared temp dir.

The folder is TONGLAIO_CACHE_DIR when set, else the platform's user cache directory
(platformdirs: $XDG_CACHE_HOME/tonglaio-parse or ~/.cache/tonglaio-parse on Linux), created
with mode 0700 when missing. It is used only when it is ours and nobody else can write to it;
otherwise (and when it cannot be created) there is no cache, which only costs speed. Each file
read from it must be ours and writable by us alone (`read_own`), and its reader validates what
it holds: a cache holds data, never code or a library's internal state.
"""
from __future__ import annotations

import os
import stat
import tempfile
from typing import Optional

APP = "tonglaio-parse"
ENV = "TONGLAIO_CACHE_DIR"
_checked: dict[str, Optional[str]] = {}


def user_cache_dir() -> str:
    """The platform's cache folder for the package (not created here)."""
    try:
        import platformdirs
    except ImportError:  # the XDG rule, which platformdirs follows on Linux too
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        if not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), ".cache")
        return os.path.join(base, APP)
    return platformdirs.user_cache_dir(APP, appauthor=False)


def cache_dir() -> Optional[str]:
    """The cache folder, created (0700) when missing; None when there is none to use: it cannot
    be created, is not a folder, is someone else's, or others may write to it."""
    chosen = os.environ.get(ENV)
    wanted = chosen or user_cache_dir()
    if wanted not in _checked:
        # a default that is not absolute: no home directory to put it in
        _checked[wanted] = _usable(wanted) if chosen or os.path.isabs(wanted) else None
    return _checked[wanted]


def _usable(path: str) -> Optional[str]:
    path = os.path.abspath(os.path.expanduser(path))
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or not _private(st):
        return None
    return path


def _private(st: os.stat_result) -> bool:
    """Owned by us, and neither group nor others may write."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def cache_path(name: str) -> Optional[str]:
    """A file in the cache folder (None when there is no cache). Named per user as well, for a
    TONGLAIO_CACHE_DIR that several users share."""
    folder = cache_dir()
    if folder is None:
        return None
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return os.path.join(folder, f"tonglaio-{uid}-{name}")


def prune(pattern: str, keep: tuple[str, ...], max_age_days: float = 30) -> None:
    """Remove our files of the cache folder named like `pattern` (cache_path's naming; fnmatch)
    that are not in `keep` and were last written more than `max_age_days` ago: the caches of a
    dictionary an upgrade replaced. A young one may be another installation's, in use."""
    import fnmatch
    import time

    folder, named = cache_dir(), cache_path(pattern)
    if folder is None or named is None:
        return
    wanted, kept = os.path.basename(named), {os.path.basename(k) for k in keep}
    cutoff = time.time() - max_age_days * 86400
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in fnmatch.filter(names, wanted):
        path = os.path.join(folder, name)
        try:
            if name not in kept and is_own(path) and os.stat(path).st_mtime < cutoff:
                os.unlink(path)
        except OSError:
            pass


def is_own(path: Optional[str]) -> bool:
    """The file exists, is a regular file of ours, and nobody else can write it."""
    if path is None:
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and _private(st)


def read_own(path: Optional[str]) -> Optional[bytes]:
    """The file's bytes if it is ours and nobody else can write it, else None."""
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or not _private(st):
                return None
            return fh.read()
    except OSError:
        return None


def write_atomically(path: Optional[str], data: bytes) -> None:
    """Write via a new private temporary file in the same folder (mkstemp: created exclusively,
    mode 0600, an unpredictable name, so no planted link is followed) and a rename, so a reader
    never sees half a file; a cache that cannot be written only costs speed."""
    if path is None:
        return
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
