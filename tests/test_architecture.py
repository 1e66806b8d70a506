"""Qt stays in the GUI: the core imports, and runs, without PySide6."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "form4_desktop.model",
    "form4_desktop.rules",
    "form4_desktop.edgar_xml",
    "form4_desktop.pdf",
    "form4_desktop.store",
    "form4_desktop.app",
    "form4_desktop.app.documents",
    "form4_desktop.cli",
]


def test_core_modules_do_not_import_qt():
    code = (
        "import sys, importlib\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_core_runs_with_qt_unimportable(tmp_path):
    # A stub that fails on import stands in for a machine without Qt.
    (tmp_path / "PySide6").mkdir()
    (tmp_path / "PySide6" / "__init__.py").write_text("raise ImportError('no Qt here')\n")
    from conftest import REFERENCE

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from form4_desktop.cli import main; sys.exit(main(sys.argv[1:]))",
            "check",
            str(REFERENCE),
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
