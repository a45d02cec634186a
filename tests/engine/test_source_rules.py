"""Rules on the add-ons' source, checked by reading it (pure Python, no Odoo started).

* The engines (``debt_recovery/engine``, ``debt_recovery_reports/kpi_engine``) import nothing
  from Odoo: they load, and are tested, standalone.
* No function or method is longer than MAX_FUNCTION_LINES lines (``def`` to its last line,
  docstring included): longer ones are split into steps that read top-down.
"""

import ast
from pathlib import Path

import pytest

ADDONS = Path(__file__).resolve().parents[2] / "addons"
# Every add-on of the repository, and every pure engine package of theirs.
ADDON_NAMES = tuple(sorted(p.name for p in ADDONS.iterdir() if (p / "__manifest__.py").exists()))
ENGINES = tuple(
    ADDONS / name / package
    for name in ADDON_NAMES
    for package in ("engine", "kpi_engine")
    if (ADDONS / name / package).is_dir()
)
MAX_FUNCTION_LINES = 60

# Functions allowed to be longer, as (file relative to addons/, function name), each with its
# reason in a comment: none today. A function leaves the list when it is split (the test asks).
KNOWN_LONG_FUNCTIONS = set()


def _python_files(folder):
    return sorted(path for path in folder.rglob("*.py") if "__pycache__" not in path.parts)


def _functions(path):
    """(name, first line, length in lines) of every function of ``path``, nested ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node.lineno, node.end_lineno - node.lineno + 1


def _long_functions():
    """{(file relative to addons/, name): (first line, length)} of the functions too long."""
    found = {}
    for addon in ADDON_NAMES:
        for path in _python_files(ADDONS / addon):
            relative = path.relative_to(ADDONS).as_posix()
            for name, line, length in _functions(path):
                if length > MAX_FUNCTION_LINES:
                    found[(relative, name)] = (line, length)
    return found


def test_no_function_longer_than_the_limit():
    found = _long_functions()
    new = sorted(key for key in found if key not in KNOWN_LONG_FUNCTIONS)
    assert not new, f"functions longer than {MAX_FUNCTION_LINES} lines:\n" + "\n".join(
        f"  {path}:{found[(path, name)][0]} {name} ({found[(path, name)][1]} lines)"
        for path, name in new
    )


def test_known_long_functions_are_still_long():
    """A function split since it was listed leaves the list of known long functions."""
    found = _long_functions()
    gone = sorted(key for key in KNOWN_LONG_FUNCTIONS if key not in found)
    assert not gone, "no longer too long, remove from KNOWN_LONG_FUNCTIONS:\n" + "\n".join(
        f"  {path} {name}" for path, name in gone
    )


def _imported_modules(path):
    """Absolute module names imported by ``path`` (relative imports excluded)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            yield node.module


@pytest.mark.parametrize("engine", ENGINES, ids=lambda path: path.parent.name)
def test_engines_import_nothing_from_odoo(engine):
    offending = [
        f"{path.relative_to(ADDONS)}: {module}"
        for path in _python_files(engine)
        for module in _imported_modules(path)
        if module == "odoo" or module.startswith("odoo.")
    ]
    assert not offending, "\n".join(offending)
