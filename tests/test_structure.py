"""Layers: core is a foundation (it imports no other digiorg app); the domain apps never import
the layers above them (home: the landing page and site frame; sample: demo and bench data)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "digiorg"
ABOVE = {"home", "sample"}
DOMAIN = sorted(
    p.name for p in ROOT.iterdir() if (p / "apps.py").exists() and p.name not in ABOVE | {"core"}
)


def digiorg_imports(app: str) -> set[str]:
    """The digiorg apps that the modules of `app` import (migrations left out)."""
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "digiorg" and len(parts) > 1 and parts[1] != app:
                    found.add(parts[1])
    return found


def test_core_imports_no_other_app():
    assert digiorg_imports("core") <= {"settings"}


@pytest.mark.parametrize("app", DOMAIN)
def test_domain_apps_do_not_import_the_layers_above(app):
    assert not digiorg_imports(app) & ABOVE


def test_the_check_sees_imports():
    """The walk finds what sample imports (so the two tests above can fail)."""
    assert {"plans", "assessments", "evidence", "core"} <= digiorg_imports("sample")
