"""tonglaio-parse: Chinese government work reports to normalised indicator data.

    from tonglaio_parse import parse_file
    report = parse_file("report.txt")
    report.indicators[0].value, report.to_dict()
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["parse_text", "parse_file", "parse_bytes", "Options", "Report", "Section", "Indicator",
           "Warning", "Document", "Source", "Period", "InputError", "__version__"]


def __getattr__(name: str):
    # Lazy: `import tonglaio_parse` (and `--help`) must not pay for the pipeline's imports.
    if name in ("parse_text", "parse_file", "parse_bytes", "Options"):
        from . import pipeline
        return getattr(pipeline, name)
    if name in ("Report", "Section", "Indicator", "Warning", "Document", "Source", "Period"):
        from . import model
        return getattr(model, name)
    if name == "InputError":
        from .errors import InputError
        return InputError
    raise AttributeError(f"module 'tonglaio_parse' has no attribute {name!r}")
