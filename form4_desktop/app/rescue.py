"""Rescue what a damaged store still holds: every draft that can be read, written as XML into a folder.

A draft not yet filed is written without `schemaVersion`, so that importing the file again makes it a draft
again; a filed one is written as the record copy, which imports as a filed original. A draft whose content
the SEC's schema would refuse (an unfinished draft) is written all the same: what it holds matters more here
than whether EDGAR would take it. CCCs are never written (type them again). The folder and its files are
readable by their owner only: they hold what the drafts hold.
"""

from __future__ import annotations

import logging
import os
import re
from typing import NamedTuple

from form4_desktop.app.files import OutputError, write_atomically
from form4_desktop.edgar_xml import Copy
from form4_desktop.edgar_xml.schema import schema_problems
from form4_desktop.edgar_xml.writer import build_tree, serialize
from form4_desktop.errors import UserError
from form4_desktop.store import DraftStore, StoreError

log = logging.getLogger("form4_desktop.rescue")

REPORT_FILE = "rescue-report.txt"


class Rescued(NamedTuple):
    """What `rescue_drafts` did: the files written, the drafts written from an older version or incomplete
    (each with why), and the drafts that could not be read at all (id, why)."""

    written: list[str]
    notes: list[str]
    lost: list[tuple[int, str]]

    def summary(self) -> str:
        text = f"{len(self.written)} draft{'s' if len(self.written) != 1 else ''} rescued"
        if self.lost:
            text += f"; {len(self.lost)} could not be read: " + "; ".join(why.split(": ", 1)[0] for _, why in self.lost)
        return text


def _described(store: DraftStore, draft_id: int) -> str:
    """A lost draft as the user knows it (its line in the list: form, period, owner, issuer), as far as the
    damaged store still says."""
    try:
        row = store.summary(draft_id)
    except (StoreError, Exception):  # a damaged page under the list too: the id is all there is
        log.warning("draft %d: its line in the list cannot be read either", draft_id, exc_info=True)
        return f"draft {draft_id}"
    period = row.period_of_report or "no period"
    parts = [f"Form {row.document_type}", period, row.reporting_owner or "no owner", row.issuer or "no issuer"]
    return f"draft {draft_id} ({', '.join(parts)})"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:40]


def rescue_drafts(store: DraftStore, folder: str | os.PathLike[str]) -> Rescued:
    """Write every draft of `store` that can be read into `folder` (made if missing; its files are never
    overwritten), with a report of what was and was not rescued."""
    folder = os.fspath(folder)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError as error:
        raise OutputError(f"The folder {folder} cannot be made: {error.strerror or error}.") from None
    if any(not name.startswith(".") for name in os.listdir(folder)):
        raise OutputError(f"The folder {folder} is not empty; choose an empty folder for the rescued drafts.")
    written: list[str] = []
    notes: list[str] = []
    lost: list[tuple[int, str]] = []
    try:
        ids = store.draft_ids()
    except StoreError as error:
        raise StoreError(
            f"Nothing can be rescued from the store {store.path}: its list of drafts cannot be read ({error})."
        ) from None
    for draft_id in ids:
        try:
            draft, current = store.salvage(draft_id)
            root = build_tree(draft.filing, Copy.RECORD)
        except UserError as error:
            lost.append((draft_id, f"{_described(store, draft_id)}: {error}"))
            continue
        if not draft.is_filed and root[0].tag == "schemaVersion":
            root.remove(root[0])  # so that importing it again gives a draft, not a filed original
        problems = schema_problems(root, draft.filing.document_type)
        filing = draft.filing
        owner = filing.reporting_owners[0].name if filing.reporting_owners and filing.reporting_owners[0].name else ""
        parts = [
            f"draft-{draft_id:05d}",
            f"form-{filing.document_type.replace('/', 'A')}",
            _slug(owner),
            _slug(filing.issuer.trading_symbol or filing.issuer.name or ""),
            "filed" if draft.is_filed else "",
        ]
        name = "-".join(part for part in parts if part) + ".xml"
        path = os.path.join(folder, name)
        write_atomically(path, serialize(root), mode=0o600)
        written.append(path)
        if not current:
            notes.append(
                f"{name}: draft {draft_id}'s latest version could not be read; this is version "
                f"{draft.version}, the newest that could."
            )
        if problems:
            notes.append(f"{name}: unfinished (the SEC's schema would refuse it: {problems[0]}).")
    report = [
        f"Rescued from {store.path}: {len(written)} of {len(ids)} drafts.",
        "CCCs (EDGAR access codes) are not in these files: type them again.",
        "Bring them into a new store with File > Import Folder in the app, or: form4 import FOLDER --store NEW_STORE",
        "",
    ]
    report += notes + [f"not rescued: {why}" for _, why in lost]
    write_atomically(os.path.join(folder, REPORT_FILE), ("\n".join(report) + "\n").encode(), mode=0o600)
    log.info("rescued %d of %d drafts from %s into %s", len(written), len(ids), store.path, folder)
    return Rescued(written, notes, lost)
