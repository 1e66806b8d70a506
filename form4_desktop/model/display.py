"""How the form writes values a person reads: shared by the printed form and the editor."""

from __future__ import annotations

from datetime import date


def format_date(value: date | None) -> str:
    """MM/DD/YYYY, as the form's "(Month/Day/Year)" boxes; empty for no date."""
    return f"{value.month:02d}/{value.day:02d}/{value.year}" if value else ""
