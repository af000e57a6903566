"""Rewrite fixtures/expected/*.json from the current output (`make golden`); review the diff."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tonglaio_parse import parse_file  # noqa: E402


def golden(path: Path) -> dict:
    doc = parse_file(str(path)).to_dict()
    doc["source"]["path"] = path.name
    return doc


def main() -> None:
    for path in sorted((ROOT / "fixtures").glob("*.txt")):
        out = ROOT / "fixtures" / "expected" / (path.stem + ".json")
        out.write_text(json.dumps(golden(path), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
