"""The shape of the source tree: no import cycle, no oversized module, the core without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tools.import_cycles import PACKAGES, ROOT, cycles, import_graph, module_files

MAX_LINES = 620  # «about 600»: a few lines over are not worth a split


def test_no_import_cycle_among_our_modules() -> None:
    mods = module_files(ROOT, PACKAGES)
    assert "ui.shell.main_window" in mods and "app.persian.jalali" in mods  # it read the real tree
    assert cycles(import_graph(mods)) == []


def test_the_checker_finds_cycles_through_lazy_and_typing_only_imports(tmp_path: Path) -> None:
    pkg = tmp_path / "p"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from p import b\n")
    (pkg / "b.py").write_text("def f():\n    from p.c import x\n")  # a lazy import counts
    (pkg / "c.py").write_text("import p.a\n")
    (pkg / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from p import a\n")
    (pkg / "e.py").write_text("from . import d\n")  # d → a, not back: no cycle
    (pkg / "f.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from p.g import G\n")
    (pkg / "g.py").write_text("from p import f\n")  # a type-only import back is still a cycle
    assert cycles(import_graph(module_files(tmp_path, ["p"]))) == [["p.a", "p.b", "p.c"], ["p.f", "p.g"]]


def test_the_checker_runs_as_a_script() -> None:
    done = subprocess.run([sys.executable, "-m", "tools.import_cycles"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("0 import cycle(s)")


def test_no_module_over_six_hundred_lines() -> None:
    long = {name: n for name, path in module_files(ROOT, PACKAGES).items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def _imports_qt(path: Path) -> bool:
    """Whether a test module imports Qt (or the front end, or the GUI test helpers) at its top."""
    import ast

    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        if any(n.split(".")[0] in ("PySide6", "ui", "pytestqt") or n == "tests.gui_helpers" for n in names):
            return True
    return False


def test_the_core_tests_run_without_importing_qt() -> None:
    """conftest and every test module that is not about the GUI load without PySide6 (qutebrowser's rule)."""
    core = sorted(p.stem for p in (ROOT / "tests").glob("test_*.py") if not _imports_qt(p))
    assert {"test_store", "test_jalali", "test_followup", "test_layout"} <= set(core)
    assert "test_gui_tracker" not in core
    code = ("import sys, importlib\n"
            "import tests.conftest\n"
            f"for name in {core!r}:\n"
            "    importlib.import_module('tests.' + name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui', 'shiboken6')))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
