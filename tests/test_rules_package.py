"""The rules package loads its engine (validate, due_date) on first use, so that the desktop app can paint its
window first; whatever is imported first, `rules.validate` and `rules.due_date` are the functions."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "first",
    [
        "",
        "import form4_desktop.rules.validate",
        "from form4_desktop.rules.validate import validate as engine",
        "import form4_desktop.rules.timeliness",
        "from form4_desktop.rules import deadline",
    ],
)
def test_validate_and_due_date_are_the_functions_whatever_was_imported_first(first):
    probe = (
        f"{first}\n"
        "import sys, types\n"
        "import form4_desktop.rules as rules\n"
        "from form4_desktop.rules import validate, due_date\n"
        "assert callable(validate) and not isinstance(validate, types.ModuleType), validate\n"
        "assert rules.validate is validate is sys.modules['form4_desktop.rules.validate'].validate\n"
        "assert due_date is sys.modules['form4_desktop.rules.timeliness'].due_date\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_finding_and_the_deadline_module_come_without_the_engine():
    probe = (
        "import sys\n"
        "from form4_desktop.rules import Finding, Severity, deadline\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('form4_desktop.rules.'))\n"
        "assert 'form4_desktop.rules.validate' not in loaded and 'form4_desktop.rules.timeliness' not in loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
