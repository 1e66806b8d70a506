"""Checks of a filing against EDGAR's rules: pure functions of the model, fast enough for every keystroke."""

from form4_desktop.rules.findings import Finding, Severity

__all__ = ["Finding", "Severity"]
