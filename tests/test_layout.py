"""The package's shape, as STYLE.md and issue 16 state it, checked on the code itself: no import
circle anywhere, dependencies pointing one way (the core imports nothing from the web, the database
or the services; the SMTP filter reaches the database only through review/), and every route
declaring the model it returns."""

from __future__ import annotations

import ast

from tests.ingest.test_imports import PACKAGE, circle_through, import_graph

GRAPH = import_graph(PACKAGE)
CORE = ("ingest", "extraction", "matching", "policy", "guard", "types")
EDGES = ("api", "db", "review", "register", "smtp", "cli", "runtime", "access", "audit")


def _inside(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == f"disclosure_guard.{p}" or module.startswith(f"disclosure_guard.{p}.") for p in packages)


def test_no_import_circle_anywhere_in_the_package():
    circles = {frozenset(circle): circle for name in GRAPH if (circle := circle_through(GRAPH, name))}
    assert not circles, "\n".join(" -> ".join(circle) for circle in circles.values())


def test_the_core_imports_nothing_from_the_edges():
    reaching_out = {f"{module} -> {imported}" for module, imports in GRAPH.items() if _inside(module, CORE)
                    for imported in imports if _inside(imported, EDGES)}
    assert not reaching_out, sorted(reaching_out)


def test_the_smtp_filter_reaches_the_database_only_through_the_services():
    touching_db = {f"{module} -> {imported}" for module, imports in GRAPH.items() if _inside(module, ("smtp",))
                   for imported in imports if _inside(imported, ("db",))}
    assert not touching_db, sorted(touching_db)


def test_every_route_declares_what_it_returns():
    loose = []
    for path in sorted((PACKAGE / "api" / "routes").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                    isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and isinstance(d.func.value, ast.Name)
                    and d.func.value.id == "router" for d in node.decorator_list):
                returns = ast.unparse(node.returns) if node.returns else ""
                if not returns or "dict" in returns or returns == "Any":
                    loose.append(f"{path.name}:{node.name} -> {returns or 'nothing declared'}")
    assert not loose, loose
