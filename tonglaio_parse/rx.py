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
import marshal
import re
import sys
from typing import Any, Optional

import regex
from regex import _main

from .diskcache import cache_path, read_own, write_atomically

__all__ = ["compile", "compile_std", "save"]

_Key = tuple
_MAX_ENTRIES = 2000
_store: Optional[dict[_Key, tuple]] = None
_added = False


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - mirrors regex.compile
    store = _loaded()
    key = (pattern, int(flags))
    args = store.get(key)
    if args is not None:
        try:
            return _main._regex.compile(pattern, regex.RegexFlag(args[0]), *args[1:])
        except Exception:  # a stale or damaged entry: compile afresh
            del store[key]
    compiled, args = _compile_capturing(pattern, flags)
    if args is not None:
        global _added
        store[key] = args
        _added = True
    return compiled


def compile_std(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile (the standard library's engine), kept on disk like compile()."""
    from re import _compiler

    store = _loaded()
    key = ("re", pattern, int(flags))
    args = store.get(key)
    if args is not None:
        try:
            return _compiler._sre.compile(pattern, *args)
        except Exception:  # a stale or damaged entry: compile afresh
            del store[key]
    captured: list[tuple] = []
    core = _compiler._sre

    class Recorder:
        def __getattr__(self, name: str) -> Any:
            return getattr(core, name)

        def compile(self, *args: Any) -> Any:
            captured.append(args)
            return core.compile(*args)

    _compiler._sre = Recorder()
    try:
        compiled = _compiler.compile(pattern, int(flags))
    finally:
        _compiler._sre = core
    if len(captured) == 1:
        global _added
        _, used_flags, code, *rest = captured[0]
        store[key] = (int(used_flags), [int(c) for c in code], *rest)  # opcodes are int subclasses
        _added = True
    return compiled


def save() -> None:
    """Write the patterns compiled in this process to the cache (also done at exit)."""
    global _added
    if not _added or _store is None:
        return
    on_disk = _read()
    if len(on_disk) > _MAX_ENTRIES:  # patterns of older versions of the rules pile up
        on_disk = {}
    on_disk.update(_store)
    write_atomically(_path(), marshal.dumps(on_disk))
    _added = False


def _compile_capturing(pattern: str, flags: int) -> tuple[regex.Pattern, Optional[tuple]]:
    """regex.compile, catching the arguments it passes to the C core."""
    captured: list[tuple] = []
    core = _main._regex

    class Recorder:
        def __getattr__(self, name: str) -> Any:
            return getattr(core, name)

        def compile(self, *args: Any) -> Any:
            captured.append(args)
            return core.compile(*args)

    _main._regex = Recorder()
    try:
        compiled = regex.compile(pattern, flags, cache_pattern=False)  # compiled afresh, so captured
    finally:
        _main._regex = core
    if len(captured) != 1:  # served from regex's own in-process cache
        return compiled, None
    _, used_flags, *rest = captured[0]
    named_lists = rest[3]
    if named_lists:
        return compiled, None
    return compiled, (int(used_flags), *rest)


def _path() -> str:
    from re import _constants

    version = (f"{regex.__version__}-{int(regex.DEFAULT_VERSION)}-{sys.version_info[0]}.{sys.version_info[1]}"
               f"-{_constants.MAGIC}")
    return cache_path(f"regex-{version}.marshal")


def _read() -> dict[_Key, tuple]:
    try:
        data = marshal.loads(read_own(_path()) or b"")
    except (ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _loaded() -> dict[_Key, tuple]:
    global _store
    if _store is None:
        _store = _read()
        atexit.register(save)
    return _store
