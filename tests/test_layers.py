"""Imports run downward only: a module never imports from a layer above its own."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "vaxrecon"
# Lowest first. A module may import from its own layer or any layer below it.
LAYERS = [
    ["errors", "reasons", "progress", "deadline", "logs", "text"],
    ["config"],
    ["normalize", "ingest", "admin_units"],
    ["matchers"],
    ["result", "cache", "engines"],
    ["pipeline", "explain", "synth", "inspection", "evaluation", "campaign"],
    ["documents", "ledger", "followup", "resolve", "signing"],
    ["workflow", "batch", "campaign_job"],
    ["render", "render_signing", "render_cluster", "cli", "cli_words", "__main__", "__init__"],
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _layer(module: str) -> str:
    """'vaxrecon.matchers.decide' -> 'matchers'; the package root is its __init__."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "vaxrecon":
            found.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names if a.name.split(".")[0] == "vaxrecon"]
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_nothing_from_a_higher_layer(path):
    own = _layer(".".join(("vaxrecon", *path.relative_to(PACKAGE).with_suffix("").parts)))
    assert own in RANK, f"{own} has no layer: add it to LAYERS in tests/test_layers.py"
    for line, module, names in _imports(path):
        if module == "vaxrecon" and names == ["__version__"]:
            continue
        target = _layer(module)
        assert target in RANK, f"{module} has no layer"
        assert RANK[target] <= RANK[own], (
            f"line {line}: {own} (layer {RANK[own]}) imports {module} (layer {RANK[target]})"
        )


def test_a_planted_upward_import_is_caught(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from vaxrecon.cli import app\n")
    [(_, module, _)] = _imports(bad)
    assert RANK[_layer(module)] > RANK["matchers"]
