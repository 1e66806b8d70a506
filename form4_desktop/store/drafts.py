"""The draft store: drafts with their history, filed originals and their amendments, a trash, autosaves
and an address book of reporting owners and issuers.

Every save is checked against the version the caller opened: a draft another window or process changed
in the meantime is never overwritten silently. A filed draft is frozen.
"""

from __future__ import annotations

import builtins
import functools
import copy
import getpass
import json
import logging
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterator, NamedTuple, TypeVar

import platformdirs

from form4_desktop.model import Filing, Issuer, ReportingOwner, operations
from form4_desktop.store.codec import CodecError, filing_from_json, filing_to_json
from form4_desktop.store import database
from form4_desktop.store.database import ReadOnly, StoreError, now_text, open_database, rollback

log = logging.getLogger("form4_desktop.store")

APP_NAME = "form4-desktop"
STORE_FILE = "drafts.sqlite3"


# Ends the `saved_by` of the version that forgetting a CCC makes ("alice (CCC forgotten)").
CCC_FORGOTTEN = " (CCC forgotten)"


_Method = TypeVar("_Method", bound=Callable)


def guarded(*, saving: bool) -> Callable[[_Method], _Method]:
    """Decorate a public store method so that no database error escapes it, only a StoreError of one sentence:
    SQLite's as `database.guarded` says them; another backend's (PostgreSQL) through the store's own
    `_backend_errors` and `_store_error(error, saving=...)`."""

    def decorate(method: _Method) -> _Method:
        inner = database.guarded(saving=saving)(method)

        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return inner(self, *args, **kwargs)
            except self._backend_errors as error:
                raise self._store_error(error, saving=saving) from error

        wrapper.guarded = True  # type: ignore[attr-defined]  # a test checks every public method has it
        return wrapper  # type: ignore[return-value]

    return decorate


def when_text(saved_at: str) -> str:
    """A revision's `saved_at` (ISO, UTC) as a sentence says it: "2026-11-25 07:40 UTC"."""
    return f"{saved_at[:10]} {saved_at[11:16]} UTC" if len(saved_at) >= 16 else saved_at


class ConflictError(StoreError):
    """The draft was changed elsewhere since it was opened."""


class CccForgottenError(ConflictError):
    """The draft's reporting owner's CCC was forgotten since it was opened: a copy of the window's draft must
    leave out the CCCs the store no longer holds (see `DraftStore.forgotten_cccs`)."""


class FrozenError(StoreError):
    """The draft was filed: it can be amended, not changed."""


class NotFoundError(StoreError):
    """No such draft."""


class ServerUnreachableError(StoreError):
    """A team store's server cannot be reached (gone, or the network between): nothing was done there; the app
    connects again by itself once it is back. `reason`: what the connection said, in a few words."""

    def __init__(self, sentence: str, reason: str = ""):
        super().__init__(sentence)
        self.reason = reason


class TrashedError(StoreError):
    """The draft was moved to the trash (perhaps by another window or process) since it was opened: a save into
    it would vanish when the trash is emptied. Restore it first."""


def current_user() -> str:
    """The user's name on this computer, which each revision records as who saved it."""
    try:
        return getpass.getuser()
    except Exception:  # no USER/LOGNAME and no account entry (a container, a service): still tell users apart
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else ""


def is_url(text: object) -> bool:
    """Whether a store given as `text` is a team store's address (postgresql://…) rather than a file."""
    return isinstance(text, str) and text.lower().startswith(("postgresql://", "postgres://"))


def default_store_path() -> str:
    """`$FORM4_STORE`, or drafts.sqlite3 in the user's data folder."""
    override = os.environ.get("FORM4_STORE")
    if override:
        return override
    return os.path.join(platformdirs.user_data_dir(APP_NAME, appauthor=False), STORE_FILE)


class DraftSummary(NamedTuple):
    """One line of the draft browser. Never carries the CCC. (A tuple: the browser lists thousands.)"""

    id: int
    reporting_owner: str
    issuer: str
    document_type: str
    period_of_report: str | None
    status: str
    updated_at: str
    version: int


@dataclass
class Draft:
    id: int
    filing: Filing
    version: int  # pass back to save(): the version this copy was opened at
    status: str
    filed_on: str | None
    accession_number: str | None
    amends_id: int | None
    updated_at: str
    # A filed draft's filing date was taken from its signature (or box 3), not given by the user (form4 import
    # --filed-on, Mark filed, set_filed_on): the Item 405 register marks it "assumed".
    filed_on_assumed: bool = False

    @property
    def is_filed(self) -> bool:
        return self.status == "filed"


class LedgerRow(NamedTuple):
    """A draft as the holdings ledger reads it."""

    id: int
    filing: Filing
    status: str
    filed_on: date | None
    amends_id: int | None
    version: int = 0  # the revision read: (id, version) names this content for good
    filed_on_assumed: bool = False  # as Draft.filed_on_assumed


@dataclass(frozen=True)
class Revision:
    version: int
    saved_at: str
    saved_by: str  # the user's name on the computer that saved it; '' if saved before schema version 2


@dataclass(frozen=True)
class Autosave:
    slot: str
    draft_id: int | None
    base_version: int | None
    saved_at: str
    filing: Filing


_SUMMARY_COLUMNS = (
    "id, owner_names, CASE WHEN issuer_ticker != '' THEN issuer_name || ' [' || issuer_ticker || ']' "
    "ELSE issuer_name END, document_type, period_of_report, status, updated_at, version"
)
# A row as a DraftSummary, without the length check of DraftSummary._make (the query gives its eight columns): for
# 10,000 rows 9 ms instead of 16 here, measured under load.
_summary = functools.partial(tuple.__new__, DraftSummary)


def _owner_names(filing: Filing) -> str:
    names = [owner.name or f"CIK {owner.cik}" for owner in filing.reporting_owners if owner.name or owner.cik]
    if len(names) > 1:
        return f"{names[0]} (+{len(names) - 1} more)"
    return names[0] if names else ""


def _columns(filing: Filing) -> dict:
    return {
        "document_type": filing.document_type,
        "period_of_report": filing.period_of_report.isoformat() if filing.period_of_report else None,
        "issuer_cik": filing.issuer.cik or "",
        "issuer_name": filing.issuer.name or "",
        "issuer_ticker": filing.issuer.trading_symbol or "",
        "owner_names": _owner_names(filing),
        "owner_ciks": " ".join(owner.cik for owner in filing.reporting_owners if owner.cik),
    }


class DraftStore:
    """The store file at `path` (default: `default_store_path()`); `user` is who the revisions saved through it
    name (default: the user's name on this computer). A missing store is created, unless `create` is False:
    then it is a StoreError ("There is no draft store at PATH.").

    `read_only` is None, or why the store could only be opened for reading (a read-only file or folder, or a
    damaged store): every method that would change it then refuses with that reason, before touching it."""

    read_only: ReadOnly | None
    # Errors of a backend other than SQLite that `guarded` turns into a StoreError (none for SQLite).
    _backend_errors: tuple[type[BaseException], ...] = ()
    reads_cccs = True  # whether this store may read the CCCs it holds (a team store's reviewer may not)

    def __init__(self, path: str | os.PathLike[str] | None = None, user: str | None = None, *, create: bool = True):
        self.path = os.fspath(path) if path is not None else default_store_path()
        self.user = current_user() if user is None else user
        # `warning`: something the user should know about the file (other users may read it), or None.
        self._db, self.read_only, self.warning = open_database(self.path, create=create)
        self._decoded: dict[tuple[int, int], Filing] = {}  # (draft, version) -> filing, for ledger_filings
        # Names this opened store among others in the process: what is kept by draft id and revision (the
        # ledger's rows) is kept per store, since another store has other drafts under the same ids.
        self.token = os.urandom(16).hex()  # (not uuid: its import, with `platform`, is slow for a start)

    @guarded(saving=False)
    def close(self) -> None:
        self._db.close()

    def _store_error(self, error: BaseException, *, saving: bool) -> StoreError:
        """The one sentence for an error of `_backend_errors` (SQLite's own errors are said by `guarded`)."""
        return StoreError(str(error))

    def _content(self, alias: str = "") -> str:
        """The SQL expression that reads a stored filing's JSON (column `content` of revisions, autosaves and
        known_owners), CCCs included where this store may read them. A table alias, if given, prefixes it."""
        return f"{alias}.content" if alias else "content"

    @guarded(saving=False)
    def data_version(self) -> int:
        """A number that changes when another connection (another window's store, another process) commits a
        change to the store: a list shown from it is then stale. This connection's own changes leave it as is."""
        return self._db.execute("PRAGMA data_version").fetchone()[0]

    # How long forgetting a CCC waits for another program's read to end before it leaves the -wal file to a later
    # checkpoint (the app's timer); a moment, not the busy timeout: the window must not freeze.
    FORGET_WAIT = 1.0
    # A CCC forgotten while another program was reading the store is still in the -wal file (see forget_ccc).
    wal_holds_forgotten = False

    @guarded(saving=False)
    def checkpoint(self, truncate: bool = False) -> None:
        """Move what is committed from the -wal file into the store file itself, so that a copy of the store
        file alone (made by a backup program while the app runs) holds every saved draft. With `truncate`, or
        while `wal_holds_forgotten`, the -wal file is also emptied if no other program is reading the store; that
        is tried without waiting (the app's timer calls this again until `wal_holds_forgotten` is False)."""
        if self.read_only is not None:
            return
        if truncate or self.wal_holds_forgotten:
            if self._empty_wal(wait=0) and self.wal_holds_forgotten:
                log.info("store %s: the -wal file that held a forgotten CCC is now empty", self.path)
                self.wal_holds_forgotten = False
        else:
            self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()

    def _empty_wal(self, *, wait: float) -> bool:
        """A TRUNCATE checkpoint: everything committed into the store file and the -wal file cut to nothing, so
        no copy of an erased value stays in it. It cannot be done while another connection reads (SQLite says
        busy; it waits `wait` seconds for the reader to finish). True when done."""
        self._db.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        try:
            busy = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {int(database.BUSY_TIMEOUT * 1000)}")
        return not busy

    def __enter__(self) -> DraftStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        # IMMEDIATE takes the write lock at once, so two processes' version checks cannot interleave.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")  # inside: a failed COMMIT (full disk) must not leave the transaction open
        except BaseException:
            rollback(self._db)
            raise

    # -- drafts ------------------------------------------------------------------------------------------
    @guarded(saving=True)
    def create(
        self,
        filing: Filing,
        *,
        status: str = "draft",
        filed_on: str | None = None,
        accession_number: str | None = None,
        amends_id: int | None = None,
        filed_on_assumed: bool = False,
    ) -> int:
        """A new draft; returns its id. `filed_on_assumed`: a filed one's `filed_on` was not given by the user but
        taken from the filing (import_filed)."""
        now = now_text()
        content = filing_to_json(filing)
        with self._transaction() as db:
            columns = _columns(filing)
            # An id is never given twice, not even after the trash was emptied: a window or a note that still
            # names a draft deleted for good must never reach another draft under its id.
            largest, last = db.execute(
                "SELECT coalesce((SELECT max(id) FROM drafts), 0), "
                "coalesce((SELECT last FROM sequences WHERE name = 'drafts'), 0)"
            ).fetchone()
            draft_id = max(largest, last) + 1
            db.execute(
                "INSERT INTO sequences (name, last) VALUES ('drafts', ?) "
                "ON CONFLICT(name) DO UPDATE SET last = excluded.last",
                (draft_id,),
            )
            db.execute(
                "INSERT INTO drafts (id, created_at, updated_at, version, status, filed_on, filed_on_assumed, "
                "accession_number, amends_id, document_type, period_of_report, issuer_cik, issuer_name, "
                "issuer_ticker, owner_names, owner_ciks) VALUES (:id, :now, :now, 1, :status, :filed_on, :assumed, "
                ":accession, :amends_id, :document_type, :period_of_report, :issuer_cik, :issuer_name, "
                ":issuer_ticker, :owner_names, :owner_ciks)",
                {
                    **columns,
                    "id": draft_id,
                    "now": now,
                    "status": status,
                    "filed_on": filed_on,
                    "assumed": 1 if status == "filed" and filed_on_assumed else 0,
                    "accession": accession_number,
                    "amends_id": amends_id,
                },
            )
            db.execute(
                "INSERT INTO revisions (draft_id, version, saved_at, saved_by, content) VALUES (?, 1, ?, ?, ?)",
                (draft_id, now, self.user, content),
            )
            self._remember(db, filing, now)
        return draft_id

    @guarded(saving=False)
    def open(self, draft_id: int) -> Draft:
        row = self._db.execute(
            f"SELECT d.id, {self._content('r')}, d.version, d.status, d.filed_on, d.accession_number, d.amends_id, "
            "d.updated_at, d.filed_on_assumed "
            "FROM drafts d JOIN revisions r ON r.draft_id = d.id AND r.version = d.version WHERE d.id = ?",
            (draft_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no draft {draft_id} in the store.")
        try:
            filing = filing_from_json(row[1])
        except CodecError as error:
            raise StoreError(f"Draft {draft_id} cannot be read: {error}.") from None
        return Draft(row[0], filing, row[2], row[3], row[4], row[5], row[6], row[7], bool(row[8]))

    @guarded(saving=True)
    def save(self, draft_id: int, filing: Filing, expected_version: int) -> int:
        """Save `filing` as draft `draft_id`, which the caller opened at `expected_version`; returns the new
        version. Refused if the draft changed since (ConflictError) or was filed (FrozenError)."""
        now = now_text()
        content = filing_to_json(filing)
        with self._transaction() as db:
            row = db.execute("SELECT version, status, deleted_at FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is None:
                raise NotFoundError(
                    f"There is no draft {draft_id} in the store; it may have been emptied from the trash."
                )
            version, status, deleted_at = row
            if deleted_at is not None:
                raise TrashedError(
                    f"Draft {draft_id} is in the trash, so your changes were not saved into it; "
                    "restore it from the trash, then save again."
                )
            if status == "filed":
                raise FrozenError(f"Draft {draft_id} was filed, so it cannot be changed; amend it instead.")
            if version != expected_version:
                saved_by, saved_at = db.execute(
                    "SELECT saved_by, saved_at FROM revisions WHERE draft_id = ? AND version = ?", (draft_id, version)
                ).fetchone() or ("", "")
                forgotten = [
                    v
                    for (v,) in db.execute(
                        "SELECT version FROM revisions WHERE draft_id = ? AND version > ? AND saved_by LIKE ?",
                        (draft_id, expected_version, f"%{CCC_FORGOTTEN}"),
                    )
                ]
                if forgotten:
                    # Forgetting the CCC made a version; others may have been saved too, which the user must hear.
                    also = (
                        f", and the draft was also changed in another window or program (it is now at version "
                        f"{version}, you opened version {expected_version})"
                        if version - expected_version > len(forgotten)
                        else ""
                    )
                    raise CccForgottenError(
                        f"The CCC of draft {draft_id}'s reporting owner was forgotten (erased from the store) since "
                        f"you opened it{also}, so your changes were not saved over it, which would have put the CCC "
                        "back; reopen the draft, or save yours as a copy (without the forgotten CCC)."
                    )
                who = f" by {saved_by}" if saved_by else ""
                raise ConflictError(
                    f"Draft {draft_id} was changed in another window or program{who} at {when_text(saved_at)} "
                    f"since you opened it (it is now at version {version}, you opened version {expected_version}); "
                    "your changes were not saved over it. Save yours as a copy, or reopen the draft."
                )
            new_version = version + 1
            db.execute(
                "UPDATE drafts SET updated_at = :now, version = :version, "
                "document_type = :document_type, period_of_report = :period_of_report, issuer_cik = :issuer_cik, "
                "issuer_name = :issuer_name, issuer_ticker = :issuer_ticker, owner_names = :owner_names, "
                "owner_ciks = :owner_ciks WHERE id = :id",
                {**_columns(filing), "now": now, "version": new_version, "id": draft_id},
            )
            db.execute(
                "INSERT INTO revisions (draft_id, version, saved_at, saved_by, content) VALUES (?, ?, ?, ?, ?)",
                (draft_id, new_version, now, self.user, content),
            )
            db.execute("DELETE FROM autosaves WHERE draft_id = ?", (draft_id,))
            self._remember(db, filing, now)
        return new_version

    @guarded(saving=False)
    def list(self, search: str = "", *, trash: bool = False, limit: int | None = None) -> builtins.list[DraftSummary]:
        """Drafts, most recently changed first; `search` matches owner, issuer, ticker or CIK."""
        where = ["deleted_at IS NOT NULL" if trash else "deleted_at IS NULL"]
        parameters: list = []
        if search.strip():
            pattern = f"%{search.strip()}%"
            where.append(
                "(owner_names LIKE ? OR issuer_name LIKE ? OR issuer_ticker LIKE ? OR issuer_cik LIKE ? "
                "OR owner_ciks LIKE ?)"
            )
            parameters += [pattern] * 5
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM drafts WHERE {' AND '.join(where)} ORDER BY updated_at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return builtins.list(map(_summary, self._list_rows(sql, parameters)))

    def _list_rows(self, sql: str, parameters: builtins.list) -> Any:
        """The rows of the draft list's query (a team store reads them in the order of its index)."""
        return self._db.execute(sql, parameters)

    @guarded(saving=False)
    def find_same(self, filing: Filing) -> int | None:
        """The draft, not in the trash, whose current content is exactly `filing` (the newest if several), or None.

        Only drafts with the same form, issuer, period and owners are read (the index on issuer and period finds
        them); their stored documents are compared as JSON, so a decimal spelt otherwise is a different filing."""
        columns = _columns(filing)
        wanted = json.loads(filing_to_json(filing))
        # No ORDER BY: SQLite would then walk the whole list index (drafts_by_change) instead of this one. The
        # candidates are few; they are sorted here, newest first.
        candidates = sorted(
            self._db.execute(
                f"SELECT d.updated_at, d.id, {self._content('r')} FROM drafts d "
                "JOIN revisions r ON r.draft_id = d.id AND r.version = d.version "
                "WHERE d.issuer_cik = ? AND d.period_of_report IS ? AND d.owner_ciks = ? AND d.document_type = ? "
                "AND d.deleted_at IS NULL",
                (columns["issuer_cik"], columns["period_of_report"], columns["owner_ciks"], columns["document_type"]),
            ),
            reverse=True,
        )
        for _, draft_id, content in candidates:
            try:
                if json.loads(content) == wanted:
                    return draft_id
            except ValueError:  # a damaged document is no match; open() will say it is damaged
                continue
        return None

    @guarded(saving=False)
    def summary(self, draft_id: int) -> DraftSummary:
        row = self._db.execute(f"SELECT {_SUMMARY_COLUMNS} FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no draft {draft_id} in the store.")
        return _summary(row)

    @guarded(saving=True)
    def duplicate(self, draft_id: int) -> int:
        filing = copy.deepcopy(self.open(draft_id).filing)
        operations.clear_computed(filing)  # a copy is a new draft, not EDGAR's record
        return self.create(filing)

    # -- trash -------------------------------------------------------------------------------------------
    @guarded(saving=True)
    def delete(self, draft_id: int) -> None:
        """Move a draft to the trash (it can be restored until the trash is emptied)."""
        with self._transaction() as db:
            if (
                db.execute(
                    "UPDATE drafts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", (now_text(), draft_id)
                ).rowcount
                == 0
            ):
                self._require(db, draft_id)

    @guarded(saving=True)
    def restore(self, draft_id: int) -> None:
        with self._transaction() as db:
            if (
                db.execute(
                    "UPDATE drafts SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL", (draft_id,)
                ).rowcount
                == 0
            ):
                self._require(db, draft_id)

    @guarded(saving=True)
    def empty_trash(self) -> int:
        """Delete the drafts in the trash for good; returns how many."""
        with self._transaction() as db:
            return db.execute("DELETE FROM drafts WHERE deleted_at IS NOT NULL").rowcount

    @staticmethod
    def _require(db: Any, draft_id: int) -> None:
        if db.execute("SELECT 1 FROM drafts WHERE id = ?", (draft_id,)).fetchone() is None:
            raise NotFoundError(f"There is no draft {draft_id} in the store.")

    # -- history -----------------------------------------------------------------------------------------
    @guarded(saving=False)
    def history(self, draft_id: int) -> builtins.list[Revision]:
        """Every saved version of a draft, newest first."""
        self._require(self._db, draft_id)
        return [
            Revision(*row)
            for row in self._db.execute(
                "SELECT version, saved_at, saved_by FROM revisions WHERE draft_id = ? ORDER BY version DESC",
                (draft_id,),
            )
        ]

    @guarded(saving=False)
    def revision(self, draft_id: int, version: int) -> Filing:
        row = self._db.execute(
            f"SELECT {self._content()} FROM revisions WHERE draft_id = ? AND version = ?", (draft_id, version)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"Draft {draft_id} has no version {version}.")
        try:
            return filing_from_json(row[0])
        except CodecError as error:
            raise StoreError(f"Version {version} of draft {draft_id} cannot be read: {error}.") from None

    @guarded(saving=True)
    def restore_revision(self, draft_id: int, version: int, expected_version: int) -> int:
        """Make an older version current again, as a new save (so the restore can itself be undone)."""
        return self.save(draft_id, self.revision(draft_id, version), expected_version)

    # -- filed and amended -------------------------------------------------------------------------------
    @guarded(saving=True)
    def mark_filed(
        self, draft_id: int, filed_on: date, accession_number: str | None = None, expected_version: int | None = None
    ) -> None:
        """Record that the draft was filed with EDGAR on `filed_on`, and freeze it."""
        with self._transaction() as db:
            row = db.execute("SELECT version, status, deleted_at FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"There is no draft {draft_id} in the store.")
            if row[2] is not None:
                raise TrashedError(f"Draft {draft_id} is in the trash; restore it before marking it filed.")
            if row[1] == "filed":
                raise FrozenError(f"Draft {draft_id} is already marked filed.")
            if expected_version is not None and row[0] != expected_version:
                raise ConflictError(
                    f"Draft {draft_id} was changed elsewhere since you opened it; reopen it before marking it filed."
                )
            db.execute(
                "UPDATE drafts SET status = 'filed', filed_on = ?, filed_on_assumed = 0, accession_number = ?, "
                "updated_at = ? WHERE id = ?",
                (filed_on.isoformat(), accession_number or None, now_text(), draft_id),
            )

    @guarded(saving=True)
    def amend(self, draft_id: int) -> int:
        """A new 4/A (or 3/A, 5/A) draft linked to the filed draft `draft_id`, with box 4 filled in."""
        original = self.open(draft_id)
        if not original.is_filed:
            raise StoreError(f"Draft {draft_id} has not been filed; only a filed form can be amended.")
        filing = copy.deepcopy(original.filing)
        filing.document_type = filing.form + "/A"
        filing.date_of_original_submission = date.fromisoformat(original.filed_on) if original.filed_on else None
        # EDGAR's record of the original carried what EDGAR computed from it (the Form 5 reported boxes, "no
        # securities owned", the owner's state description); the amendment's are computed again from what it says.
        operations.clear_computed(filing)
        return self.create(filing, amends_id=draft_id)

    @guarded(saving=True)
    def import_filed(self, filing: Filing, filed_on: date | None = None) -> int:
        """Keep a filing that is already on EDGAR (e.g. read from its XML) as a filed original to amend, filed on
        `filed_on`; without it, on its latest signature date (else box 3), which the draft keeps as assumed
        (`Draft.filed_on_assumed`) until a date is given (`set_filed_on`)."""
        assumed = filed_on is None
        if filed_on is None:
            signed = [signature.date for signature in filing.signatures if signature.date]
            filed_on = max(signed) if signed else filing.period_of_report
        return self.create(
            filing, status="filed", filed_on=filed_on.isoformat() if filed_on else None, filed_on_assumed=assumed
        )

    @guarded(saving=True)
    def set_filed_on(self, draft_id: int, filed_on: date) -> None:
        """Record the day EDGAR filed the filed draft `draft_id`, as the user gives it: the date is no longer
        assumed. The filing itself is not changed (no new version)."""
        with self._transaction() as db:
            row = db.execute("SELECT status FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"There is no draft {draft_id} in the store.")
            if row[0] != "filed":
                raise StoreError(f"Draft {draft_id} has not been filed; mark it filed to give its filing date.")
            db.execute(
                "UPDATE drafts SET filed_on = ?, filed_on_assumed = 0, updated_at = ? WHERE id = ?",
                (filed_on.isoformat(), now_text(), draft_id),
            )

    # -- issuers -------------------------------------------------------------------------------------------
    @guarded(saving=False)
    def fiscal_year_end(self, issuer_cik: str) -> tuple[int, int]:
        """The issuer's fiscal year end as (month, day): what set_fiscal_year_end kept, else (12, 31)."""
        row = self._db.execute(
            "SELECT month, day FROM fiscal_year_ends WHERE issuer_cik = ?", (_issuer_key(issuer_cik),)
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else DEFAULT_FISCAL_YEAR_END

    @guarded(saving=True)
    def set_fiscal_year_end(self, issuer_cik: str, month: int, day: int) -> None:
        """Keep the issuer's fiscal year end (month, day; 2/29 stands for February's last day, which a fiscal
        year that ends with February has in leap and other years alike). StoreError for a CIK or a day that
        is not one."""
        key = _issuer_key(issuer_cik)
        try:
            date(2000, month, day)  # a leap year: 02/29 is allowed
        except (TypeError, ValueError):
            raise StoreError(
                f"The fiscal year end {month}/{day} of issuer {issuer_cik} is not a day of the year; give a month "
                "and day such as 12/31 or 06/30."
            ) from None
        with self._transaction() as db:
            db.execute(
                "INSERT INTO fiscal_year_ends (issuer_cik, month, day) VALUES (?, ?, ?) "
                "ON CONFLICT(issuer_cik) DO UPDATE SET month = excluded.month, day = excluded.day",
                (key, int(month), int(day)),
            )

    # -- the holdings ledger -------------------------------------------------------------------------------
    @guarded(saving=False)
    def ledger_filings(self, owner_cik: str, issuer_cik: str | None = None) -> builtins.list[LedgerRow]:
        """Every draft outside the trash with this reporting owner (and issuer): what the holdings ledger is
        built from, oldest first. The filings are shared with later calls: read them, never change them."""
        owner = owner_cik.lstrip("0") or "0"
        issuer = (issuer_cik or "").lstrip("0")
        rows = []
        for draft_id, version, status, filed_on, amends_id, owners, issuer_of, assumed in self._db.execute(
            "SELECT d.id, d.version, d.status, d.filed_on, d.amends_id, d.owner_ciks, d.issuer_cik, "
            "d.filed_on_assumed FROM drafts d "
            "WHERE d.deleted_at IS NULL AND d.owner_ciks LIKE ? ORDER BY d.id",
            (f"%{owner}%",),
        ):
            if owner not in {cik.lstrip("0") or "0" for cik in owners.split()}:
                continue
            if issuer and (issuer_of.lstrip("0") or "0") != issuer:
                continue
            # A revision never changes once saved: its decoded filing is kept (decoding is most of the cost of
            # building a ledger). The filings given here are shared: callers only read them.
            filing = self._decoded.get((draft_id, version))
            if filing is None:
                (content,) = self._db.execute(
                    f"SELECT {self._content()} FROM revisions WHERE draft_id = ? AND version = ?", (draft_id, version)
                ).fetchone() or ("",)
                try:
                    filing = filing_from_json(content)
                except CodecError:
                    log.warning("draft %d cannot be read for the ledger", draft_id)
                    continue
                if len(self._decoded) >= 20_000:
                    self._decoded.clear()
                self._decoded[(draft_id, version)] = filing
            rows.append(
                LedgerRow(
                    draft_id,
                    filing,
                    status,
                    date.fromisoformat(filed_on) if filed_on else None,
                    amends_id,
                    version,
                    bool(assumed),
                )
            )
        return rows

    @guarded(saving=False)
    def title_merges(self, owner_cik: str, issuer_cik: str) -> dict[str, str]:
        return dict(
            self._db.execute(
                "SELECT title, same_as FROM title_merges WHERE owner_cik = ? AND issuer_cik = ?",
                (owner_cik.lstrip("0") or "0", issuer_cik.lstrip("0") or "0"),
            )
        )

    @guarded(saving=True)
    def merge_titles(self, owner_cik: str, issuer_cik: str, title: str, same_as: str) -> None:
        """Keep that, for this owner and issuer, security `title` is the same security as `same_as`."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO title_merges (owner_cik, issuer_cik, title, same_as) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(owner_cik, issuer_cik, title) DO UPDATE SET same_as = excluded.same_as",
                (owner_cik.lstrip("0") or "0", issuer_cik.lstrip("0") or "0", title, same_as),
            )

    # -- rescue (a damaged store) ------------------------------------------------------------------------
    @guarded(saving=False)
    def draft_ids(self) -> builtins.list[int]:
        """Every draft's id, the trash's included, found as far as a damaged store allows: from the drafts
        table, else from the revisions, else by asking for each id up to the largest one."""
        for sql in ("SELECT id FROM drafts ORDER BY id", "SELECT DISTINCT draft_id FROM revisions ORDER BY 1"):
            try:
                return [draft_id for (draft_id,) in self._db.execute(sql)]
            except sqlite3.DatabaseError as error:
                log.warning("store %s: %s cannot be read whole: %s", self.path, sql, error)
        largest = self._db.execute("SELECT max(id) FROM drafts").fetchone()[0] or 0
        found = []
        for draft_id in range(1, largest + 1):
            try:
                if self._db.execute("SELECT 1 FROM drafts WHERE id = ?", (draft_id,)).fetchone():
                    found.append(draft_id)
            except sqlite3.DatabaseError:
                continue
        return found

    @guarded(saving=False)
    def salvage(self, draft_id: int) -> tuple[Draft, bool]:
        """The newest revision of a draft that can still be read, and whether it is the current one. For a
        damaged store: where the current revision is lost, an older one is better than nothing."""
        try:
            return self.open(draft_id), True
        except (StoreError, sqlite3.DatabaseError) as error:
            database.log_failure(
                log, logging.WARNING, "store %s: draft %d cannot be opened: %s", self.path, draft_id, error
            )
        try:
            current, status, filed_on, accession, amends, updated, assumed = self._db.execute(
                "SELECT version, status, filed_on, accession_number, amends_id, updated_at, filed_on_assumed "
                "FROM drafts WHERE id = ?",
                (draft_id,),
            ).fetchone() or (None, "draft", None, None, None, "", 0)
        except sqlite3.DatabaseError:
            current, status, filed_on, accession, amends, updated, assumed = None, "draft", None, None, None, "", 0
        try:
            versions = [
                v
                for (v,) in self._db.execute(
                    "SELECT version FROM revisions WHERE draft_id = ? ORDER BY version DESC", (draft_id,)
                )
            ]
        except sqlite3.DatabaseError:
            versions = list(range(current, 0, -1)) if current else []
        for version in versions:
            try:
                filing = self.revision(draft_id, version)
            except (StoreError, sqlite3.DatabaseError):
                continue
            return Draft(draft_id, filing, version, status, filed_on, accession, amends, updated, bool(assumed)), False
        raise StoreError(f"No version of draft {draft_id} can be read.")

    # -- autosave ----------------------------------------------------------------------------------------
    @guarded(saving=True)
    def write_autosave(self, slot: str, filing: Filing, draft_id: int | None, base_version: int | None) -> str | None:
        """Keep the window's unsaved work in the recovery area of slot `slot`. None when the store holds it; a
        team store whose server cannot be reached keeps it on this computer instead, and says so (the sentence
        returned)."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO autosaves (slot, draft_id, base_version, saved_at, content) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(slot) DO UPDATE SET draft_id = excluded.draft_id, base_version = excluded.base_version, "
                "saved_at = excluded.saved_at, content = excluded.content",
                (slot, draft_id, base_version, now_text(), filing_to_json(filing)),
            )
        return None

    @guarded(saving=True)
    def clear_autosave(self, slot: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM autosaves WHERE slot = ?", (slot,))

    @guarded(saving=False)
    def autosaves(self) -> builtins.list[Autosave]:
        """Unsaved work left behind (after a crash), newest first."""
        result = []
        for slot, draft_id, base, saved_at, content in self._db.execute(
            f"SELECT slot, draft_id, base_version, saved_at, {self._content()} FROM autosaves ORDER BY saved_at DESC"
        ):
            try:
                result.append(Autosave(slot, draft_id, base, saved_at, filing_from_json(content)))
            except CodecError as error:  # unreadable work cannot be offered back; the log says so
                log.warning("autosave %r in the store %s cannot be read: %s", slot, self.path, error)
                continue
        return result

    # -- address book ------------------------------------------------------------------------------------
    def _remember(self, db: Any, filing: Filing, now: str) -> None:
        """Keep the latest details of every reporting owner and issuer met, by CIK, for reuse."""
        for owner in filing.reporting_owners:
            if owner.cik:
                db.execute(
                    "INSERT INTO known_owners (cik, name, updated_at, content) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(cik) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at, "
                    "content = excluded.content",
                    (owner.cik.lstrip("0") or "0", owner.name or "", now, _owner_json(owner)),
                )
        issuer = filing.issuer
        if issuer.cik:
            db.execute(
                "INSERT INTO known_issuers (cik, name, trading_symbol, updated_at, content) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(cik) DO UPDATE SET name = excluded.name, trading_symbol = excluded.trading_symbol, "
                "updated_at = excluded.updated_at, content = excluded.content",
                (
                    issuer.cik.lstrip("0") or "0",
                    issuer.name or "",
                    issuer.trading_symbol or "",
                    now,
                    _issuer_json(issuer),
                ),
            )

    @guarded(saving=True)
    def forget_owner(self, cik: str) -> bool:
        """Remove a reporting owner (and the CCC kept with them) from the address book; drafts are not changed.
        True if they were in it. The freed pages are zeroed (secure_delete), so the CCC is not left in the file."""
        with self._transaction() as db:
            return db.execute("DELETE FROM known_owners WHERE cik = ?", (cik.lstrip("0") or "0",)).rowcount > 0

    @guarded(saving=True)
    def forget_ccc(self, cik: str) -> int:
        """Erase a reporting owner's CCC everywhere the store keeps it: the address book, every revision and
        every autosave of every draft (the filed ones included: EDGAR has them). Returns how many records
        held it. Drafts keep everything else; the CCC must be typed again before a submission copy is made.

        A draft not filed whose current version held the CCC gets a new version without it, so that a window
        that has the draft open (with the CCC on screen) cannot put it back by saving: its save is refused as
        a change made elsewhere. The -wal file is emptied afterwards, so that no copy of the CCC stays there."""
        key = cik.lstrip("0") or "0"
        changed = 0
        now = now_text()
        with self._transaction() as db:
            current = dict(db.execute("SELECT id, version FROM drafts WHERE status != 'filed'").fetchall())
            for table, keys in (
                ("known_owners", ("cik",)),
                ("revisions", ("draft_id", "version")),
                ("autosaves", ("slot",)),
            ):
                where = "cik = ?" if table == "known_owners" else f"instr({self._content()}, '\"ccc\"') > 0"
                arguments = (key,) if table == "known_owners" else ()
                for row in db.execute(
                    f"SELECT {', '.join(keys)}, {self._content()} FROM {table} WHERE {where}", arguments
                ).fetchall():
                    content = _without_ccc(row[-1], key)
                    if content is None:
                        continue
                    db.execute(
                        f"UPDATE {table} SET content = ? WHERE " + " AND ".join(f"{name} = ?" for name in keys),
                        (content, *row[:-1]),
                    )
                    changed += 1
                    if table == "revisions" and current.get(row[0]) == row[1]:
                        draft_id, version = row[0], row[1] + 1
                        db.execute(
                            "INSERT INTO revisions (draft_id, version, saved_at, saved_by, content) "
                            "VALUES (?, ?, ?, ?, ?)",
                            (draft_id, version, now, f"{self.user}{CCC_FORGOTTEN}", content),
                        )
                        db.execute(
                            "UPDATE drafts SET version = ?, updated_at = ? WHERE id = ?", (version, now, draft_id)
                        )
        if changed:
            self._after_forgetting()
        return changed

    def _after_forgetting(self) -> None:
        """Leave no copy of a forgotten CCC behind: here, in the -wal file. While another program reads the store
        it cannot be emptied; the store remembers that (`wal_holds_forgotten`) and `checkpoint` tries again."""
        if not self._empty_wal(wait=self.FORGET_WAIT):
            log.warning("store %s: the -wal file could not be emptied yet (another program is reading)", self.path)
            self.wal_holds_forgotten = True

    @guarded(saving=False)
    def forgotten_cccs(self, filing: Filing) -> builtins.list[str]:
        """The CIKs of `filing`'s reporting owners whose CCC it holds but the store has forgotten (the address
        book keeps no CCC for them): what a copy of a window's draft must leave out after forget_ccc."""
        found = []
        for owner in filing.reporting_owners:
            if not owner.ccc or not owner.cik:
                continue
            row = self._db.execute(
                f"SELECT {self._content()} FROM known_owners WHERE cik = ?", (owner.cik.lstrip("0") or "0",)
            ).fetchone()
            # Called after CccForgottenError, for a draft that was saved (so its owners were in the address book):
            # no row means the person was removed with their CCC.
            if row is None or _owner_from_json(row[0]).ccc is None:
                found.append(owner.cik)
        return found

    @guarded(saving=False)
    def has_owner(self, cik: str) -> bool:
        """Whether a reporting owner with this CIK is in the address book or any draft (the trash's included)."""
        key = cik.lstrip("0") or "0"
        if self._db.execute("SELECT 1 FROM known_owners WHERE cik = ?", (key,)).fetchone():
            return True
        return any(
            key in {c.lstrip("0") or "0" for c in owners.split()}
            for (owners,) in self._db.execute("SELECT owner_ciks FROM drafts WHERE owner_ciks LIKE ?", (f"%{key}%",))
        )

    @guarded(saving=False)
    def backup(self, target: str | os.PathLike[str]) -> None:
        """Copy the whole store, as of now and with every committed save (those still in its -wal file too),
        into the new file `target`, readable by its owner only. Safe while windows have the store open: a
        plain copy of the store file alone may miss the latest saves. `target` must not exist."""
        target = os.fspath(target)
        if os.path.exists(target):
            raise StoreError(f"The file {target} exists; give the name of a new file for the copy of the store.")
        folder = os.path.dirname(os.path.abspath(target))
        temporary = os.path.join(folder, f".{os.path.basename(target)}.{os.urandom(4).hex()}.part")
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600))
        except OSError as error:
            raise StoreError(f"The copy {target} cannot be written: {error.strerror or error}.") from None
        try:
            copy_ = sqlite3.connect(temporary)
            try:
                self._db.backup(copy_)
                # One self-contained file: a copy in WAL mode would need its -wal beside it.
                copy_.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy_.close()
            os.replace(temporary, target)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise

    @guarded(saving=False)
    def known_owners(self, search: str = "") -> builtins.list[ReportingOwner]:
        pattern = f"%{search.strip()}%"
        return [
            _owner_from_json(content)
            for (content,) in self._db.execute(
                f"SELECT {self._content()} FROM known_owners WHERE name LIKE ? OR cik LIKE ? ORDER BY name",
                (pattern, pattern),
            )
        ]

    @guarded(saving=False)
    def known_issuers(self, search: str = "") -> builtins.list[Issuer]:
        pattern = f"%{search.strip()}%"
        return [
            _issuer_from_json(content)
            for (content,) in self._db.execute(
                "SELECT content FROM known_issuers WHERE name LIKE ? OR cik LIKE ? OR trading_symbol LIKE ? "
                "ORDER BY name",
                (pattern, pattern, pattern),
            )
        ]


DEFAULT_FISCAL_YEAR_END = (12, 31)


def _issuer_key(cik: str) -> str:
    """An issuer's CIK as the store keys it (no zeros in front); StoreError when it is not a CIK."""
    text = (cik or "").strip()
    if not text.isdigit() or len(text) > 10:
        raise StoreError(f"'{cik}' is not an issuer's CIK (up to 10 digits).")
    return text.lstrip("0") or "0"


def _without_ccc(content: str, cik: str) -> str | None:
    """`content` (a stored filing) with the CCC of the owner whose CIK is `cik` removed; None if it had none."""
    try:
        filing = filing_from_json(content)
    except CodecError:
        return None
    found = False
    for owner in filing.reporting_owners:
        if owner.ccc and (owner.cik or "").lstrip("0") == cik:
            owner.ccc = None
            found = True
    return filing_to_json(filing) if found else None


def _owner_json(owner: ReportingOwner) -> str:
    return filing_to_json(Filing(reporting_owners=[owner]))


def _owner_from_json(text: str) -> ReportingOwner:
    return filing_from_json(text).reporting_owners[0]


def _issuer_json(issuer: Issuer) -> str:
    return filing_to_json(Filing(issuer=issuer))


def _issuer_from_json(text: str) -> Issuer:
    return filing_from_json(text).issuer
