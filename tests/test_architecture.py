"""The layers of DESIGN.md: telegram only under bot/, arrows one way."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {  # package -> our packages it may import
    "dialogs": set(),
    "store": set(),
    "states": {"dialogs", "store"},
    "dossier": {"dialogs", "store"},
    "bot": {"dialogs", "store", "states", "templates", "dossier"},
}
OURS = set(ALLOWED) | {"templates"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_packages_import_only_what_the_design_allows(package):
    assert modules(package), package
    for path in modules(package):
        roots = imported_roots(path)
        if package != "bot":
            assert "telegram" not in roots, f"{path.relative_to(ROOT)} imports telegram"
        forbidden = (roots & OURS) - ALLOWED[package] - {package}
        assert not forbidden, f"{path.relative_to(ROOT)} imports {sorted(forbidden)}"


def test_the_check_sees_a_telegram_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from telegram.ext import Application\nimport json\n")
    assert imported_roots(sample) == {"telegram", "json"}
