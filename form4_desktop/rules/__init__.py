"""Checks of a filing against EDGAR's rules: pure functions of the model, fast enough for every keystroke."""

import sys
import types
from typing import TYPE_CHECKING, Any

from form4_desktop.rules.catalog import RULES, Rule
from form4_desktop.rules.findings import Finding, Severity

if TYPE_CHECKING:
    from form4_desktop.rules.timeliness import due_date
    from form4_desktop.rules.validate import validate

__all__ = ["RULES", "Finding", "Rule", "Severity", "due_date", "validate"]


# The rule engine (validate, due_date: most of this package) is imported when first asked for, not with Finding,
# Severity or a light module such as rules.deadline: the desktop app paints its window before it needs the engine.
def __getattr__(name: str) -> Any:
    if name == "due_date":
        from form4_desktop.rules.timeliness import due_date

        return due_date
    if name == "validate":
        from form4_desktop.rules.validate import validate

        globals()["validate"] = validate
        return validate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Rules(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        # Importing the submodule rules.validate would bind it here under its name; `validate` is the function.
        if name == "validate" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Rules
