"""Findings for text typed into a box that cannot be taken as its value (see `model.typed`).

Such a box keeps the old value in the filing while the screen shows the new text, so it is an error until it
is corrected or cleared: nothing is saved, printed or exported as if the old value were current.
"""

from __future__ import annotations

from form4_desktop.model import paths
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.findings import Finding


def typed_findings(refused: list[tuple[str, str, str]]) -> list[Finding]:
    """One error per (value path, box label, problem) of typed text the filing could not take."""
    rule = RULES["TYPED-VALUE"]
    return [
        Finding(
            rule.id,
            rule.severity,
            paths.box_path(path),
            f"{label}: {problem} This box is not saved until it is corrected or cleared.",
        )
        for path, label, problem in refused
    ]
