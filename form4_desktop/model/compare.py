"""What changed between two versions of a filing, box by box (for the history of a draft)."""

from __future__ import annotations

import dataclasses
from typing import Any


def changed_paths(old: Any, new: Any, path: str = "") -> list[str]:
    """Field paths whose values differ between `old` and `new`, in the filing's order. A list that grew or
    shrank is named once with its count ("table_i: 2 rows -> 3 rows" is reported as "table_i")."""
    if old == new:
        return []
    if dataclasses.is_dataclass(old) and type(old) is type(new):
        found: list[str] = []
        for field in dataclasses.fields(old):
            child = f"{path}.{field.name}" if path else field.name
            found += changed_paths(getattr(old, field.name), getattr(new, field.name), child)
        return found
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        found = []
        for index, (a, b) in enumerate(zip(old, new)):
            found += changed_paths(a, b, f"{path}[{index}]")
        return found
    return [path]
