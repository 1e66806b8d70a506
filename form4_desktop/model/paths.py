"""Field paths: `"table_i[1].shares.value"`, `"reporting_owners[0].address.city"`.

The rules name where a finding is with these paths, and the editor reads and writes the filing through
them, so that one undoable command can change any box.
"""

from __future__ import annotations

import re
from typing import Any

from form4_desktop.model.filing import Footnoted, OwnerAddress, TransactionCoding

_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


def parse(path: str) -> list[str | int]:
    """`"table_i[1].shares"` -> `["table_i", 1, "shares"]`."""
    steps: list[str | int] = []
    for part in path.split("."):
        match = _PART.fullmatch(part)
        if not match:
            raise ValueError(f"not a field path: {path!r}")
        steps.append(match[1])
        if match[2] is not None:
            steps.append(int(match[2]))
    return steps


def split_item(path: str) -> tuple[str, int | None, str]:
    """`"table_i[2].shares.value"` -> `("table_i", 2, "shares.value")`; `"remarks"` -> `("remarks", None, "")`."""
    match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?(?:\.(.*))?$", path)
    if not match:
        raise ValueError(f"not a field path: {path!r}")
    return match[1], int(match[2]) if match[2] is not None else None, match[3] or ""


def get(root: Any, path: str) -> Any:
    """The value at `path`, or None where an optional part (or a list item) on the way is absent."""
    target = root
    for step in parse(path):
        if target is None:
            return None
        if isinstance(step, int):
            if step >= len(target):
                return None
            target = target[step]
        else:
            target = getattr(target, step)
    return target


# Optional parts created on first write, so that typing into an empty box just works.
_CREATE = {"address": OwnerAddress, "coding": TransactionCoding}


def set_value(root: Any, path: str, value: Any) -> None:
    """Set the value at `path`, creating an absent optional box (a `Footnoted`) or address on the way."""
    steps = parse(path)
    target = root
    for position, step in enumerate(steps[:-1]):
        following = target[step] if isinstance(step, int) else getattr(target, step)
        if following is None and isinstance(step, str):
            following = _CREATE.get(step, Footnoted)()
            setattr(target, step, following)
        target = following
    last = steps[-1]
    if isinstance(last, int):
        target[last] = value
    else:
        setattr(target, last, value)


def box_path(path: str) -> str:
    """The box a path is in: `"table_i[0].shares.value"` -> `"table_i[0].shares"`."""
    for suffix in (".value", ".footnote_ids"):
        if path.endswith(suffix):
            return path[: -len(suffix)]
    return path
