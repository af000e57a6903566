"""The public Python API that the CLI wraps."""
from .load import InputError
from .pipeline import Options, parse_bytes, parse_file, parse_many, parse_text

__all__ = ["Options", "parse_bytes", "parse_file", "parse_many", "parse_text", "InputError"]
