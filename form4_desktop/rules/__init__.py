"""Checks of a filing against EDGAR's rules: pure functions of the model, fast enough for every keystroke."""

from form4_desktop.rules.catalog import RULES, Rule
from form4_desktop.rules.findings import Finding, Severity
from form4_desktop.rules.timeliness import due_date
from form4_desktop.rules.validate import validate

__all__ = ["RULES", "Finding", "Rule", "Severity", "due_date", "validate"]
