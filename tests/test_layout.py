"""The package's layout keeps its promises: no import circle, stages know nothing of the CLI, the
renderers or the checks, the checks use no private name of a stage, nobody imports the CLI."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tonglaio_parse"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> list[tuple[str, str, int]]:
    """(imported module, imported name or '', line) for every import in the module, at any depth
    (a function's lazy import counts: it is an edge all the same)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, "", node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.append((sub, "", node.lineno) if sub in MODULES else (base, alias.name, node.lineno))
    return out


def _graph() -> dict[str, set[str]]:
    return {m: {target for target, _, _ in _imports(m) if target in MODULES and target != m} for m in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_has_no_circle():
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _importers_of(prefix: str, among: str) -> list[str]:
    return [f"{m}:{line} imports {target}" for m in MODULES if m.startswith(among)
            for target, _, line in _imports(m) if target == prefix or target.startswith(prefix + ".")]


@pytest.mark.parametrize("outside", ["tonglaio_parse.cli", "tonglaio_parse.render", "tonglaio_parse.checks",
                                     "tonglaio_parse.store", "tonglaio_parse.batch", "tonglaio_parse.pipeline"])
def test_stages_import_nothing_downstream(outside):
    assert _importers_of(outside, "tonglaio_parse.stages") == []


@pytest.mark.parametrize("among", ["tonglaio_parse.render", "tonglaio_parse.store", "tonglaio_parse.batch",
                                   "tonglaio_parse.compare", "tonglaio_parse.pipeline", "tonglaio_parse.checks",
                                   "tonglaio_parse.stages", "tonglaio_parse.model"])
def test_nothing_but_the_cli_imports_the_cli(among):
    assert _importers_of("tonglaio_parse.cli", among) == []


@pytest.mark.parametrize("among", ["tonglaio_parse.render", "tonglaio_parse.store", "tonglaio_parse.batch",
                                   "tonglaio_parse.compare", "tonglaio_parse.audit", "tonglaio_parse.pipeline"])
def test_only_the_cli_uses_click(among):
    assert _importers_of("click", among) == []


# what the CLI may use: the public API, and of the checks their rule table
PUBLIC = ("tonglaio_parse.pipeline", "tonglaio_parse.model", "tonglaio_parse.errors", "tonglaio_parse.render",
          "tonglaio_parse.store", "tonglaio_parse.compare", "tonglaio_parse.targets", "tonglaio_parse.batch",
          "tonglaio_parse.audit",
          "tonglaio_parse.cli")
PUBLIC_NAMES = {"tonglaio_parse.checks": {"rule_table", "disabled_codes"}, "tonglaio_parse": {"__version__"}}


def test_the_cli_uses_the_public_api_only():
    outside = [f"{m}:{line} imports {target}{'.' + name if name else ''}"
               for m in MODULES if m.startswith("tonglaio_parse.cli")
               for target, name, line in _imports(m) if target.startswith("tonglaio_parse")
               and not any(target == p or target.startswith(p + ".") for p in PUBLIC)
               and name not in PUBLIC_NAMES.get(target, ())]
    assert outside == []


def test_checks_use_no_private_name_of_a_stage():
    private = [f"{m}:{line} imports {target}.{name}" for m in MODULES if m.startswith("tonglaio_parse.checks")
               for target, name, line in _imports(m)
               if target.startswith("tonglaio_parse.stages") and name.startswith("_")]
    assert private == []


def test_the_checks_get_their_segmentation_from_the_pipeline():
    """The checks segment through the Segmenter the Context hands them, never a tokenizer of
    their own."""
    direct = [f"{m}:{line} imports {name}" for m in MODULES if m.startswith("tonglaio_parse.checks")
              for target, name, line in _imports(m) if target == "tonglaio_parse.stages.segment"
              and name not in ("Segmenter", "segmenter")]
    assert direct == []


def test_every_package_module_is_in_a_known_home():
    homes = {"tonglaio_parse", "tonglaio_parse.stages", "tonglaio_parse.checks", "tonglaio_parse.render",
             "tonglaio_parse.cli"}
    assert {m.rpartition(".")[0] if MODULES[m].name != "__init__.py" else m for m in MODULES} <= homes
