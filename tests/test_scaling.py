"""Past one machine (issue 19): the Python API mapped over partitions by Dask gives the rows the
API gives in one process, file by file in order, and a bad file comes back as a row, not dropped."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import tonglaio_parse as tp
from conftest import FIXTURES, ROOT
from tonglaio_parse import batch, scale

NEEDS_DASK = "dask[bag] (the `scale` extra) runs the partitions; pip install 'tonglaio-parse[scale]'"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[str]:
    """The bundled reports with an empty file among them, in the middle of a partition."""
    bad = tmp_path_factory.mktemp("scale") / "empty.txt"
    bad.write_bytes(b"")
    reports = [str(p) for p in sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "local").glob("*.txt"))]
    assert len(reports) >= 20
    return [*reports[:9], str(bad), *reports[9:]]


@pytest.fixture(scope="module")
def expected(files) -> list[dict]:
    """What the plain API gives in this process: each file's rows in order; the empty file a
    row with batch's message for it."""
    out = []
    for path in files:
        if path.endswith("empty.txt"):
            (failed,) = batch.run([path])
            assert failed.error == f"{path}: empty, no text to parse"
            out.append({**dict.fromkeys(out[0]), "file": path, "error": failed.error})  # the same columns
        else:
            out.extend({**row, "error": None} for row in tp.to_rows(tp.parse_file(path)))
    return out


def by_file(rows: list[dict]) -> dict[str, list]:
    """Each file's indicators, in order: (id, canonical, normalized value) or its error."""
    out: dict[str, list] = {}
    for row in rows:
        out.setdefault(row["file"], []).append(row["error"] or (row["id"], row["canonical"], row["normalized_value"]))
    return out


def test_a_partition_gives_the_apis_rows_and_a_row_for_the_bad_file(files, expected):
    part = files[6:12]  # the empty file is the fourth
    got = scale.rows(part)
    assert got == [row for row in expected if row["file"] in part]
    assert by_file(got)[part[3]] == [f"{part[3]}: empty, no text to parse"]
    assert list(by_file(got)) == part  # the files after the bad one are there too, in order


def test_a_dask_bag_on_a_local_cluster_of_processes_gives_the_same_rows(files, expected, monkeypatch):
    pytest.importorskip("dask.bag", reason=NEEDS_DASK)
    monkeypatch.setenv("PYTHONHASHSEED", "6640")  # what dask would set for its workers, undone here
    bag = scale.bag(files, partition_size=4)
    assert bag.npartitions == -(-len(files) // 4) > 2
    got = bag.compute(scheduler="processes", num_workers=2)
    assert by_file(got) == by_file(expected)  # a readable difference first
    assert got == expected
    assert list(by_file(got)) == files and len(got) > 1000


def test_without_dask_the_bag_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.bag", None)  # import dask.bag now fails
    with pytest.raises(ImportError, match=r"pip install 'tonglaio-parse\[scale\]'"):
        scale.bag(["x.txt"])


def test_the_readme_example_runs_and_gives_the_apis_rows(monkeypatch):
    """The README's Dask block, run as it stands from the project folder."""
    pytest.importorskip("dask.bag", reason=NEEDS_DASK)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme.split("**Past one machine.**", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", paragraph, flags=re.S)
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PYTHONHASHSEED", "6640")
    done: dict = {}
    exec(compile(code, "README.md", "exec"), done)  # noqa: S102 — our own README
    paths = done["paths"]
    assert len(paths) >= 20 and done["failed"] == []
    assert done["table"] == [{**row, "error": None} for p in paths for row in tp.to_rows(tp.parse_file(p))]
