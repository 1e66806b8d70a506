"""A finding: one problem with a filing, where it is, and how bad."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"  # EDGAR would suspend the filing, or it is wrong in law
    WARNING = "warning"  # EDGAR warns, or a mistake is likely
    INFO = "info"  # worth knowing, nothing wrong

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    field_path: str  # e.g. "table_i[1].shares_owned_following", see form4_desktop.rules.paths
    message: str  # plain English, naming the box as the form does

    def line(self, source: str) -> str:
        """The `form4 check` line: `FILE: ERROR|WARNING RULE_ID FIELD_PATH: message`."""
        return f"{source}: {self.severity.value.upper()} {self.rule_id} {self.field_path or '-'}: {self.message}"
