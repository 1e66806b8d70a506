"""Footnotes as the rules read them: how a message names one, and the text of those a row refers to."""

from __future__ import annotations

import re
from typing import Iterable

from form4_desktop.model import Filing, Footnoted

FOOTNOTE_ID = re.compile(r"F[1-9][0-9]?")


def footnote_name(footnote_id: str) -> str:
    """A footnote as the printed form names it: "(1)" for F1; an id that is no F-number, quoted."""
    return f"({footnote_id[1:]})" if FOOTNOTE_ID.fullmatch(footnote_id or "") else f"'{footnote_id}'"


def footnote_names(footnote_ids: Iterable[str]) -> str:
    """ "(2)" or "(2) and (3)" or "(1), (2) and (3)"."""
    names = [footnote_name(footnote_id) for footnote_id in footnote_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def boxes_of(value: object) -> Iterable[Footnoted]:
    """Every footnoted box of a row (or of any part of it), depth first."""
    if isinstance(value, Footnoted):
        yield value
        return
    if hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:  # type: ignore[attr-defined]
            yield from boxes_of(getattr(value, name))


def row_footnote_ids(row: object) -> list[str]:
    """The footnotes any box of a row refers to (its coding's too), each once, in order."""
    ids: list[str] = []
    for box in boxes_of(row):
        ids += [footnote_id for footnote_id in box.footnote_ids if footnote_id not in ids]
    coding = getattr(row, "coding", None)
    for footnote_id in getattr(coding, "footnote_ids", None) or []:
        if footnote_id not in ids:
            ids.append(footnote_id)
    return ids


def texts(filing: Filing, footnote_ids: Iterable[str]) -> list[tuple[str, str]]:
    """(id, text) of the footnotes named, those that exist."""
    by_id = {footnote.id: footnote.text for footnote in filing.footnotes}
    return [(footnote_id, by_id[footnote_id]) for footnote_id in footnote_ids if footnote_id in by_id]
