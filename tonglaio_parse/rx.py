"""`compile()`: regex.compile with the compiled form kept on disk between runs;
`compile_std()`: the same for the standard library's re (used where it matches faster).

The `regex` module parses a pattern and generates its opcodes in Python: ~0.2 s per process for
the package's patterns (the quantity scanner alone is 18,000 characters). What the parser hands
to the C core (`_regex.compile`: opcodes, group names, the required string) is plain data, so it
is kept in one marshal file per regex version and rebuilt from there in microseconds. Anything
unexpected (another regex version, a damaged or foreign file, named lists) falls back to
regex.compile, so the cache can only cost speed, never change a match. The standard library's
re is alike: its parser is Python too (~4 ms for each class of all Han characters), and
`_sre.compile` takes plain data.
"""
from __future__ import annotations

import atexit
import hashlib
import marshal
import re
import sys
import threading
from typing import Any, Callable, Optional

import regex
from regex import _main

from .cache import cache_path, read_own, write_atomically

__all__ = ["compile", "compile_std", "save"]

_Key = tuple
_MAX_ENTRIES = 2000
_store: Optional[dict[_Key, tuple]] = None
_added = False
_used: set = set()  # the keys this process asked for: what a pruned cache keeps
_WATCHING = threading.Lock()  # compile_std swaps re's C core module for a moment


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - mirrors regex.compile
    def fresh() -> tuple[regex.Pattern, Optional[tuple]]:
        compiled = regex.compile(pattern, flags, cache_pattern=False)
        args = getattr(compiled, "_pickled_data", None)  # what regex itself pickles: _regex.compile's arguments
        if not isinstance(args, tuple) or len(args) < 6 or args[5]:  # args[5]: named lists, not kept
            return compiled, None
        return compiled, (int(args[1]), *args[2:])

    def rebuild(args: tuple) -> regex.Pattern:
        return _main._regex.compile(pattern, regex.RegexFlag(args[0]), *args[1:])

    return _cached((pattern, int(flags)), fresh, rebuild)


def compile_std(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile (the standard library's engine), kept on disk like compile(). re offers no
    public form of what it hands its C core, so that call is watched (under a lock)."""
    from re import _compiler

    def fresh() -> tuple[re.Pattern, Optional[tuple]]:
        captured: list[tuple] = []
        core = _compiler._sre

        class Recorder:
            def __getattr__(self, name: str) -> Any:
                return getattr(core, name)

            def compile(self, *args: Any) -> Any:
                captured.append(args)
                return core.compile(*args)

        with _WATCHING:
            _compiler._sre = Recorder()
            try:
                compiled = _compiler.compile(pattern, int(flags))
            finally:
                _compiler._sre = core
        if len(captured) != 1:
            return compiled, None
        _, used_flags, code, *rest = captured[0]
        return compiled, (int(used_flags), [int(c) for c in code], *rest)  # opcodes are int subclasses

    return _cached(("re", pattern, int(flags)), fresh, lambda args: _compiler._sre.compile(pattern, *args))


def save() -> None:
    """Write the patterns compiled in this process to the cache (also done at exit)."""
    global _added
    if not _added or _store is None:
        return
    on_disk = _read()
    on_disk.update(_store)
    if len(on_disk) > _MAX_ENTRIES:  # patterns of older versions of the rules pile up
        on_disk = {k: v for k, v in on_disk.items() if k in _used}
    payload = marshal.dumps(on_disk)
    write_atomically(_path(), hashlib.sha256(payload).digest() + payload)
    _added = False


def _cached(key: _Key, fresh: Callable[[], tuple[Any, Optional[tuple]]],
            rebuild: Callable[[tuple], Any]) -> Any:
    """The pattern for `key`: rebuilt from the kept arguments of its engine's C compile, or
    compiled by `fresh()`, which also gives the arguments to keep for the next process."""
    global _added
    store = _loaded()
    _used.add(key)
    args = store.get(key)
    if args is not None:
        try:
            return rebuild(args)
        except Exception:  # a stale or damaged entry: compile afresh
            del store[key]
    compiled, kept = fresh()
    if kept is not None:
        store[key] = kept
        _added = True
    return compiled


def _path() -> str:
    from re import _constants

    version = (f"{regex.__version__}-{int(regex.DEFAULT_VERSION)}-{sys.version_info[0]}.{sys.version_info[1]}"
               f"-{_constants.MAGIC}")
    return cache_path(f"regex-{version}.marshal")


def _read() -> dict[_Key, tuple]:
    """The kept patterns; nothing when the file is missing, foreign or damaged (its digest
    must match: regex's C core does not check the opcodes it is given)."""
    raw = read_own(_path()) or b""
    digest, payload = raw[:32], raw[32:]
    if len(digest) < 32 or hashlib.sha256(payload).digest() != digest:
        return {}
    try:
        data = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _loaded() -> dict[_Key, tuple]:
    global _store
    if _store is None:
        _store = _read()
        atexit.register(save)
    return _store
