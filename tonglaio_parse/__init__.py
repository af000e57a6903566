"""tonglaio-parse: Chinese government work reports to normalised indicator data.

    import tonglaio_parse as tp
    report = tp.parse_file("report.txt")
    report.indicators[0].value, report.to_dict()
    tp.compare(["2025.txt", "2026.txt"])           # each year's target against its result (rows)
    tp.targets(["provinces/"], year=2026)           # one year's targets of every region
    tp.to_dataframe(["reports/"])                   # one row per indicator (needs pandas)

Everything here is imported on first use, so `import tonglaio_parse` (and `--help`) stays cheap.
"""
from __future__ import annotations

__version__ = "0.1.0"

_HOMES = {
    "pipeline": ("parse_text", "parse_file", "parse_bytes", "parse_many", "Options"),
    "model": ("Report", "Section", "Indicator", "Measure", "Warning", "Document", "Source", "Period",
              "Status", "Direction", "Qualifier", "Dimension", "Severity", "Script"),
    "errors": ("InputError", "RuleError"),
    "compare": ("compare",),   # the module is callable too: tonglaio_parse.compare(paths)
    "targets": ("targets",),
    "rows": ("to_rows", "to_dataframe"),   # flat rows for pandas, Excel, CSV
}
_RENAMED = {"compare_rows": ("compare", "rows")}
_WHERE = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [*_WHERE, *_RENAMED, "__version__"]


def __getattr__(name: str):
    module, attribute = _RENAMED.get(name) or (_WHERE.get(name), name)
    if module is None:
        raise AttributeError(f"module 'tonglaio_parse' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), attribute)


def __dir__() -> list[str]:
    return sorted(__all__)
