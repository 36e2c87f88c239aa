"""No import circle runs through ingest: readers are handed the dispatcher, never import it.

Every import counts, a function-local one or one under `if TYPE_CHECKING:` too, since a circle
hidden inside a function is still a circle (the one this replaced was). The graph spans the whole
package, so a circle through another package back into ingest is found as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import disclosure_guard

PACKAGE = Path(disclosure_guard.__file__).parent


def module_names(root: Path) -> dict[str, Path]:
    """Module name -> file, for every .py below `root` (a package named after its folder)."""
    names = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports, wherever in the file it does."""
    modules = module_names(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(name, is_package, node.module, node.level)
                # `from a.b import c` imports the module a.b.c when there is one, else a name of a.b.
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                # Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
                pieces = target.split(".")
                for end in range(1, len(pieces) + 1):
                    imported = ".".join(pieces[:end])
                    if imported in modules and imported != name and not name.startswith(f"{imported}."):
                        graph[name].add(imported)
    return graph


def _absolute(module: str, is_package: bool, target: str | None, level: int) -> str:
    if level == 0:
        return target or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def circle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """The shortest path of imports from `start` back to itself, or None."""
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for imported in sorted(graph[module]):
                if imported == start:
                    return paths[module] + [start]
                if imported not in paths:
                    paths[imported] = paths[module] + [imported]
                    following.append(imported)
        frontier = following
    return None


def test_no_import_circle_runs_through_ingest():
    graph = import_graph(PACKAGE)
    ingest = sorted(name for name in graph if name.startswith("disclosure_guard.ingest"))
    assert "disclosure_guard.ingest.registry" in ingest
    circles = [circle for name in ingest if (circle := circle_through(graph, name))]
    assert circles == [], "\n".join(" -> ".join(circle) for circle in circles)


def test_a_function_local_import_back_is_a_circle(tmp_path: Path):
    # The shape of the circle this replaced: the dispatcher imports a reader at module level and
    # the reader imports the dispatcher back inside a function.
    package = tmp_path / "parcel"
    (package / "readers").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "readers" / "__init__.py").write_text("")
    (package / "attachments.py").write_text("from parcel.readers import zip\n")
    (package / "readers" / "zip.py").write_text(
        "def read_zip():\n    from ..attachments import read_attachment\n    return read_attachment\n"
    )
    graph = import_graph(package)
    assert circle_through(graph, "parcel.attachments") == [
        "parcel.attachments", "parcel.readers.zip", "parcel.attachments"
    ]
