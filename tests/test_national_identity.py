"""Speed changes change no output (issue 19): the JSON Lines that `batch` writes for the national
corpus — every indicator, warning, section and context of 52 reports — hashed and held equal to
the digest written from the code before the speed work (tests/data/national_jsonl.json).

The CLI runs as a user runs it, in the corpus folder on the files' names (so the paths in the
output do not depend on where the corpus is); `tool_version` is left out of the hash. A change
that means to change the output rewrites the digest: `python tests/test_national_identity.py
--update` (with TONGLAIO_CORPUS set when the corpus is not at ../shared/corpus/national).
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIGEST = ROOT / "tests" / "data" / "national_jsonl.json"


def batch_jsonl(corpus: Path) -> bytes:
    names = sorted(p.name for p in corpus.glob("*.txt"))
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    proc = subprocess.run([sys.executable, "-m", "tonglaio_parse", "batch", "-j", "1", *names],
                          cwd=corpus, env=env, capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-500:]
    return proc.stdout


def digests(jsonl: bytes) -> dict[str, str]:
    """sha256 of each report's line (tool_version dropped), by file name, and of them all."""
    out: dict[str, str] = {}
    for line in jsonl.splitlines():
        report = json.loads(line)
        report.pop("tool_version", None)
        canonical = json.dumps(report, ensure_ascii=False, sort_keys=True).encode("utf-8")
        out[Path(report["source"]["path"]).name] = hashlib.sha256(canonical).hexdigest()
    out["(all)"] = hashlib.sha256("".join(out[k] for k in sorted(out)).encode("ascii")).hexdigest()
    return out


def test_the_national_json_lines_are_as_before_the_speed_work(corpus):
    expected = json.loads(DIGEST.read_text(encoding="utf-8"))
    found = digests(batch_jsonl(corpus))
    changed = sorted(k for k in set(expected) | set(found) if k != "(all)" and expected.get(k) != found.get(k))
    assert not changed, (f"batch output changed for {len(changed)} reports: {changed[:8]}; "
                         "if meant: python tests/test_national_identity.py --update")
    assert found["(all)"] == expected["(all)"]


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import corpus_dir

    DIGEST.write_text(json.dumps(digests(batch_jsonl(corpus_dir())), indent=1, sort_keys=True) + "\n",
                      encoding="utf-8")
    print(f"wrote {DIGEST}")
