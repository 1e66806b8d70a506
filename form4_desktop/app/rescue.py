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
import shlex
from typing import NamedTuple

from form4_desktop.app.files import OutputError, write_atomically
from form4_desktop.edgar_xml import Copy
from form4_desktop.edgar_xml.schema import schema_problems
from form4_desktop.edgar_xml.writer import build_tree, serialize
from form4_desktop.errors import UserError
from form4_desktop.store import DraftStore, StoreError
from form4_desktop.store.drafts import Draft, DraftSummary
from form4_desktop.store.database import failures_logged_once, log_failure
from form4_desktop.store.salvage import Found, scan_store

log = logging.getLogger("form4_desktop.rescue")

REPORT_FILE = "rescue-report.txt"
_NAMED = 5  # lost drafts named in the summary line


class Rescued(NamedTuple):
    """What `rescue_drafts` did: the files written, the drafts written from an older version or incomplete
    (each with why), and the drafts that could not be read at all (id, why)."""

    written: list[str]
    notes: list[str]
    lost: list[tuple[int, str]]

    def summary(self) -> str:
        text = f"{len(self.written)} draft{'s' if len(self.written) != 1 else ''} rescued"
        if self.lost:
            named = [why.split(": ", 1)[0] for _, why in self.lost[:_NAMED]]
            if len(self.lost) > _NAMED:  # a long list would drown the line; the report names every one
                named.append(f"and {len(self.lost) - _NAMED} more ({REPORT_FILE} names them)")
            text += f"; {len(self.lost)} could not be read: " + "; ".join(named)
        return text


def _described(store: DraftStore, draft_id: int, found: Found) -> str:
    """A lost draft as the user knows it (its line in the list: form, period, owner, issuer), as far as the
    damaged store still says: from its drafts table, else from the scan of the file."""
    try:
        row = store.summary(draft_id)
        document_type, period, owner, issuer = row.document_type, row.period_of_report, row.reporting_owner, row.issuer
    except Exception as error:  # a damaged page under the list too (a StoreError, or worse): the scan may know it
        log_failure(log, logging.WARNING, "draft %d: its line in the list cannot be read", draft_id, error=error)
        scanned = found.drafts.get(draft_id)
        if scanned is None:
            return f"draft {draft_id}"
        document_type, period, owner = scanned.document_type, scanned.period_of_report, scanned.owner_names
        issuer = scanned.issuer_name + (f" [{scanned.issuer_ticker}]" if scanned.issuer_ticker else "")
    parts = [f"Form {document_type}", period or "no period", owner or "no owner", issuer or "no issuer"]
    return f"draft {draft_id} ({', '.join(parts)})"


class _Scan:
    """The scan of the store file without SQLite (store/salvage.py), made once, when SQLite cannot read a
    draft or list them."""

    def __init__(self, path: str):
        self.path = path
        self._found: Found | None = None

    @property
    def made(self) -> bool:
        return self._found is not None

    def found(self) -> Found:
        if self._found is None:
            try:
                if not os.path.isfile(self.path):  # a team store on a server: no file to read
                    raise StoreError(f"{self.path} is not a file")
                self._found = scan_store(self.path)
            except Exception as error:  # the last resort failing must not cost what SQLite could read
                log.error("store %s cannot be scanned: %s", self.path, error, exc_info=True)
                self._found = Found({}, {})
            log.info(
                "store %s scanned: %d drafts with a readable version, %d draft rows",
                self.path,
                len(self._found.revisions),
                len(self._found.drafts),
            )
        return self._found

    def draft(self, store: DraftStore, draft_id: int) -> tuple[Draft, bool] | None:
        """The draft's newest version the scan found (and whether it is the current one), with its state from
        the drafts table (else from the scan)."""
        found = self.found()
        revision = found.revisions.get(draft_id)
        if revision is None:
            return None
        row = found.drafts.get(draft_id)
        status, current_version, updated = (row.status, row.version, row.updated_at) if row else ("draft", None, "")
        try:
            listed = store.summary(draft_id)
            status, current_version, updated = listed.status, listed.version, listed.updated_at
        except Exception as error:  # the drafts table damaged too: the scan's row, if any, says
            log_failure(log, logging.WARNING, "draft %d: its line in the list cannot be read", draft_id, error=error)
        filed_on, accession, amends, assumed = (
            (row.filed_on, row.accession_number, row.amends_id, bool(row.filed_on_assumed))
            if row
            else (None, None, None, False)
        )
        draft = Draft(
            draft_id, revision.filing, revision.version, status, filed_on, accession, amends, updated, assumed
        )
        return draft, current_version is None or revision.version >= current_version


def import_command(folder: str | os.PathLike[str]) -> str:
    """The command that brings the rescued drafts into a new store, the folder quoted as a shell needs it."""
    folder = os.fspath(folder)
    quoted = shlex.quote(folder) if os.name == "posix" else (f'"{folder}"' if " " in folder else folder)
    return f"form4 import {quoted} --store NEW_STORE"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:40]


class _Unopened:
    """A store file SQLite cannot open at all (its first page damaged): everything is asked of the scan."""

    def __init__(self, path: str, why: str):
        self.path = path
        self.why = why

    def draft_ids(self) -> list[int]:
        raise StoreError(self.why)

    def salvage(self, draft_id: int) -> tuple[Draft, bool]:
        raise StoreError(self.why)

    def summary(self, draft_id: int) -> DraftSummary:
        raise StoreError(self.why)


def rescue_file(path: str | os.PathLike[str], folder: str | os.PathLike[str], why: str) -> Rescued:
    """`rescue_drafts` for a store file that cannot be opened at all (`why`: the sentence that said so), read
    by the scan alone. StoreError when nothing in it reads as a draft."""
    return rescue_drafts(_Unopened(os.fspath(path), why), folder)  # type: ignore[arg-type]  # duck-typed


def rescue_drafts(store: DraftStore, folder: str | os.PathLike[str]) -> Rescued:
    """Write every draft of `store` that can be read into `folder` (made if missing; its files are never
    overwritten), with a report of what was and was not rescued. The log gets the first failure to read a
    draft with its traceback, and how many there were: not one traceback per draft (a damaged store fails for
    nearly every one)."""
    with failures_logged_once(f"rescue of the store {store.path}"):
        return _rescue(store, os.fspath(folder))


def _rescue(store: DraftStore, folder: str) -> Rescued:
    made = not os.path.exists(folder)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError as error:
        raise OutputError(f"The folder {folder} cannot be made: {error.strerror or error}.") from None
    if any(not name.startswith(".") for name in os.listdir(folder)):
        raise OutputError(f"The folder {folder} is not empty; choose an empty folder for the rescued drafts.")
    written: list[str] = []
    notes: list[str] = []
    lost: list[tuple[int, str]] = []
    scan = _Scan(store.path)
    listed_by = ""
    try:
        ids = store.draft_ids()
    except StoreError as error:
        ids = scan.found().draft_ids()
        if not ids:
            if made:
                os.rmdir(folder)
            raise StoreError(
                f"Nothing can be rescued from the store {store.path}: SQLite cannot list its drafts "
                f"({str(error).rstrip('.')}), and none was found reading its pages."
            ) from None
        log.warning("store %s: the drafts listed from a scan of the file (%s)", store.path, error)
        listed_by = "SQLite could not list the drafts; they were found by reading the store file's pages."
    for draft_id in ids:
        draft: Draft | None = None
        current, why = False, ""
        # Once the file has been scanned, a draft whose current version it found is taken from it: asking
        # SQLite again for each draft of a store it cannot read costs more than the scan itself.
        scanned = scan.draft(store, draft_id) if scan.made else None
        if scanned is not None and scanned[1]:
            draft, current = scanned
        else:
            try:
                draft, current = store.salvage(draft_id)
            except UserError as error:
                why = str(error)
            except ArithmeticError as error:  # garbled digits in a stored draft: decimal's InvalidOperation
                log_failure(
                    log, logging.WARNING, "store %s: draft %d cannot be read", store.path, draft_id, error=error
                )
                why = f"The store {store.path} holds draft {draft_id} damaged ({type(error).__name__})."
        if not current:  # the scan may reach a newer version than SQLite could
            scanned = scan.draft(store, draft_id)
            if scanned is not None and (draft is None or scanned[0].version > draft.version):
                draft, current = scanned
        try:
            if draft is None:
                raise StoreError(why or f"No version of draft {draft_id} can be read.")
            root = build_tree(draft.filing, Copy.RECORD)
        except UserError as error:
            lost.append((draft_id, f"{_described(store, draft_id, scan.found())}: {error}"))
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
        "Bring them into a new store with File > Import Folder in the app, or: " + import_command(folder),
        *([listed_by] if listed_by else []),
        "",
    ]
    report += notes + [f"not rescued: {why}" for _, why in lost]
    write_atomically(os.path.join(folder, REPORT_FILE), ("\n".join(report) + "\n").encode(), mode=0o600)
    log.info("rescued %d of %d drafts from %s into %s", len(written), len(ids), store.path, folder)
    return Rescued(written, notes, lost)
