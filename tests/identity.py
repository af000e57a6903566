"""Prove that a change did not change behaviour: run the CLI of two trees over the same inputs
and compare every output byte for byte (`tool_version` aside).

    python tests/identity.py --base main~3          # this tree against git revision main~3
    python tests/identity.py --snapshot DIR         # write this tree's outputs to DIR
    python tests/identity.py --against DIR          # compare this tree's outputs with DIR

The inputs: every fixtures/*.txt in every `parse` format plus `check` and `numbers`, and
`batch` (JSON Lines and CSV) and `compare` over each corpus folder present
(TONGLAIO_CORPUS, default ../shared/corpus/national, and ../shared/corpus/provinces-2026).
Both trees run with this interpreter and its installed dependencies, each with its own empty
cache directory. Exit 0 when every output is identical, 1 otherwise (the differing outputs named).
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
_VERSION = re.compile(rb'"?tool_version"?\s*[:=,]\s*"?[^",}\n]*"?')
_ELAPSED = re.compile(rb" in [0-9.]+ s$", re.M)  # the batch summary's time on stderr


def corpora() -> list[Path]:
    named = [Path(os.environ.get("TONGLAIO_CORPUS", SHARED / "national")), SHARED / "provinces-2026"]
    return [p for p in named if p.is_dir()]


def commands() -> dict[str, list[str]]:
    """Output name -> CLI arguments (run from the root of the tree under test; fixtures are named
    relative to it, corpora absolutely)."""
    out: dict[str, list[str]] = {}
    for fixture in sorted((ROOT / "fixtures").glob("*.txt")):
        rel = str(fixture.relative_to(ROOT))
        for fmt in ("table", "json", "jsonl", "csv", "html"):
            out[f"{fixture.stem}.parse.{fmt}"] = ["parse", rel, "--format", fmt]
        out[f"{fixture.stem}.check"] = ["check", rel]
        out[f"{fixture.stem}.numbers"] = ["numbers", rel]
    out["rules"] = ["rules"]
    out["rules.json"] = ["rules", "--format", "json"]
    for corpus in corpora():
        out[f"{corpus.name}.batch.jsonl"] = ["batch", str(corpus), "--jobs", "1"]
        out[f"{corpus.name}.batch.csv"] = ["batch", str(corpus), "--jobs", "2", "--format", "csv", "-o", "-"]
        out[f"{corpus.name}.compare.json"] = ["compare", str(corpus), "--format", "json", "--jobs", "2"]
    return out


def snapshot(tree: Path, into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, PYTHONPATH=str(tree), TONGLAIO_CACHE_DIR=cache, XDG_CACHE_HOME=cache,
                   COLUMNS="120", TERM="dumb")
        for name, args in commands().items():
            # cwd is the tree: `python -m` puts it first on sys.path, before PYTHONPATH
            proc = subprocess.run([sys.executable, "-m", "tonglaio_parse", *args], cwd=tree, env=env,
                                  capture_output=True)
            body = _VERSION.sub(b"tool_version", proc.stdout)
            talk = _ELAPSED.sub(b" in N s", proc.stderr)
            (into / name).write_bytes(body + f"\n--- exit {proc.returncode}\n".encode() + talk)
            print(f"  {name}: {len(proc.stdout)} bytes, exit {proc.returncode}", file=sys.stderr)


def differences(before: Path, after: Path) -> list[str]:
    bad = []
    for name in commands():
        a, b = before / name, after / name
        if not a.exists() or not b.exists() or a.read_bytes() != b.read_bytes():
            bad.append(name)
            if a.exists() and b.exists():
                lines = difflib.unified_diff(a.read_text(errors="replace").splitlines(),
                                             b.read_text(errors="replace").splitlines(), lineterm="", n=1)
                print("\n".join(list(lines)[:20]), file=sys.stderr)
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--base", help="git revision to compare this tree with")
    group.add_argument("--snapshot", type=Path, help="write this tree's outputs here")
    group.add_argument("--against", type=Path, help="compare this tree's outputs with a snapshot")
    args = ap.parse_args()
    if args.snapshot:
        snapshot(ROOT, args.snapshot)
        return 0
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        before = args.against
        if args.base:
            base_tree = work / "base"
            subprocess.run(["git", "worktree", "add", "--detach", str(base_tree), args.base], cwd=ROOT,
                           check=True, capture_output=True)
            try:
                snapshot(base_tree, work / "before")
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(base_tree)], cwd=ROOT,
                               capture_output=True)
            before = work / "before"
        snapshot(ROOT, work / "after")
        bad = differences(before, work / "after")
    print(f"{len(commands()) - len(bad)} of {len(commands())} outputs identical"
          + (f"; differ: {', '.join(bad)}" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
