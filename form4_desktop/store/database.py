"""The SQLite file behind the draft store: opening it safely, and its schema versions.

WAL mode (readers never block the one writer, and a killed process loses nothing committed), foreign
keys, a busy timeout for a second process, `synchronous=FULL` (a committed save survives a power cut).
The schema version is `PRAGMA user_version`; each migration runs in one transaction after a backup copy
of the whole file has been made beside it. The file is created readable by its owner only: it holds
EDGAR access codes (CCCs).
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
import stat
from datetime import datetime, timezone
from typing import Callable, TypeVar

from form4_desktop.errors import UserError

log = logging.getLogger("form4_desktop.store")


class StoreError(UserError):
    """A problem with the store, in one sentence a user can act on."""


# SQLite's primary result codes (the low byte of sqlite3.Error.sqlite_errorcode).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def _folder_of(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def store_error(path: str, error: sqlite3.Error, *, saving: bool, opening: bool = False) -> StoreError:
    """One sentence for a failure of SQLite on the store at `path`; the original goes to the log.

    `saving`: the operation would have changed the store (so the sentence says nothing was saved).
    `opening`: the store was being opened, when a damaged file may as well be no store at all.
    """
    log.error("store %s: %s (%s)", path, error, getattr(error, "sqlite_errorname", type(error).__name__),
              exc_info=error)
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error)
    lower = text.lower()
    not_saved = ", so nothing was saved" if saving else ""
    if primary == _FULL or "database or disk is full" in lower:
        return StoreError(f"The disk holding the store {path} is full; nothing was saved.")
    if primary in (_BUSY, _LOCKED) or "database is locked" in lower or "database table is locked" in lower:
        return StoreError(f"The store {path} is being used by another program, which kept it locked{not_saved}; "
                          "try again once that program has finished.")
    folder = _folder_of(path)
    folder_read_only = os.path.isdir(folder) and not os.access(folder, os.W_OK)
    if primary == _READONLY or "readonly database" in lower or (primary == _CANTOPEN and folder_read_only):
        # SQLite writes its -wal and -shm files beside the store, so a read-only folder stops it too.
        if os.path.exists(path) and not os.access(path, os.W_OK):
            return StoreError(f"The store {path} is a read-only file{not_saved}; make it writable, or open "
                              "another store.")
        if folder_read_only:
            return StoreError(f"The store {path} is in the read-only folder {folder}{not_saved}; the store needs "
                              "a folder it may write in.")
        return StoreError(f"The store {path} is read-only{not_saved}; make it writable, or open another store.")
    if primary in (_CORRUPT, _NOTADB) or "malformed" in lower or "not a database" in lower:
        if opening:
            return StoreError(f"The store {path} is damaged, or is not a Form 4 Desktop store ({text}).")
        return StoreError(f"The store {path} is damaged ({text}){not_saved}; move it aside and restore one of its "
                          "backup copies (.bak) or start a new store.")
    if primary in (_IOERR, _CANTOPEN):
        return StoreError(f"The store {path} could not be read or written ({text}){not_saved}.")
    return StoreError(f"The store {path} could not be used ({text}){not_saved}.")


_Method = TypeVar("_Method", bound=Callable)


def guarded(*, saving: bool) -> Callable[[_Method], _Method]:
    """Decorate a public store method so that no sqlite3.Error escapes it, only a StoreError of one sentence.
    The object must have `path`."""

    def decorate(method: _Method) -> _Method:
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as error:
                raise store_error(self.path, error, saving=saving) from error

        wrapper.guarded = True  # type: ignore[attr-defined]  # a test checks every public method has it
        return wrapper  # type: ignore[return-value]

    return decorate


def _run(connection: sqlite3.Connection, script: str) -> None:
    # Statement by statement: executescript() would COMMIT the migration's transaction first.
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


def _v1(connection: sqlite3.Connection) -> None:
    _run(
        connection,
        """
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'filed')),
            document_type TEXT NOT NULL,
            period_of_report TEXT,
            issuer_cik TEXT NOT NULL DEFAULT '',
            issuer_name TEXT NOT NULL DEFAULT '',
            issuer_ticker TEXT NOT NULL DEFAULT '',
            owner_names TEXT NOT NULL DEFAULT '',
            owner_ciks TEXT NOT NULL DEFAULT '',
            filed_on TEXT,
            accession_number TEXT,
            amends_id INTEGER REFERENCES drafts(id) ON DELETE SET NULL,
            deleted_at TEXT
        );
        CREATE INDEX drafts_by_change ON drafts(deleted_at, updated_at DESC, id DESC);
        -- The draft's content lives in its revisions (the current one is drafts.version), which keeps the
        -- drafts table small and the browser's list fast.
        CREATE TABLE revisions (
            draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            saved_at TEXT NOT NULL,
            content TEXT NOT NULL,
            PRIMARY KEY (draft_id, version)
        ) WITHOUT ROWID;
        CREATE TABLE autosaves (
            slot TEXT PRIMARY KEY,
            draft_id INTEGER REFERENCES drafts(id) ON DELETE CASCADE,
            base_version INTEGER,
            saved_at TEXT NOT NULL,
            content TEXT NOT NULL
        );
        CREATE TABLE known_owners (
            cik TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            content TEXT NOT NULL
        );
        CREATE TABLE known_issuers (
            cik TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            trading_symbol TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            content TEXT NOT NULL
        );
        """
    )


def _v2(connection: sqlite3.Connection) -> None:
    _run(
        connection,
        """
        -- Who saved each revision: the user's name on this computer, '' for revisions older than version 2.
        ALTER TABLE revisions ADD COLUMN saved_by TEXT NOT NULL DEFAULT '';
        -- An imported file is compared only with the drafts of its issuer and period: this finds them.
        CREATE INDEX drafts_by_issuer_period ON drafts(issuer_cik, period_of_report);
        """
    )


# MIGRATIONS[n] takes a store at version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2]


# How long a save waits for another process's write to finish before it says the store is locked (seconds).
BUSY_TIMEOUT = 10.0


def now_text() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _create_private(path: str) -> None:
    """Create an empty file readable by its owner only (SQLite gives its -wal and -shm files the same mode)."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        os.close(os.open(path, flags, 0o600))
    except FileExistsError:
        pass


def rollback(connection: sqlite3.Connection) -> None:
    """Roll back the open transaction, if SQLite has not already done so itself (it does on a full disk, an
    I/O error or a corrupt page: a ROLLBACK then would fail and hide the real error)."""
    if connection.in_transaction:
        try:
            connection.execute("ROLLBACK")
        except sqlite3.Error:
            log.warning("rollback failed", exc_info=True)


def _backup(connection: sqlite3.Connection, path: str, version: int) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = f"{path}.v{version}-{stamp}.bak"
    try:
        _create_private(target)
    except OSError as error:
        raise StoreError(f"The store {path} must be backed up before it is upgraded, but the copy {target} cannot "
                         f"be written: {error.strerror or error}.") from None
    with sqlite3.connect(target) as copy:
        connection.backup(copy)
    copy.close()
    return target


def _make_private(path: str) -> None:
    """Take away others' access to an existing store (it holds access codes), keeping the owner's own bits: a
    store its owner made read-only stays read-only."""
    if os.name != "posix":
        return
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if mode & 0o077:
        try:
            os.chmod(path, mode & 0o700)
        except PermissionError:  # someone else's store on a shared drive: using it is still allowed
            log.warning("cannot make the store %s private (it belongs to another user)", path)


def connect(path: str, migrations: list[Callable[[sqlite3.Connection], None]] | None = None, *,
            create: bool = True) -> sqlite3.Connection:
    """Open the store at `path`, migrated to the current schema version; a missing one is created if `create`,
    else refused."""
    migrations = MIGRATIONS if migrations is None else migrations
    if os.path.isdir(path):
        raise StoreError(f"The store {path} is a folder; give the path of a store file.")
    try:
        if not os.path.exists(path):
            if not create:
                raise StoreError(f"There is no draft store at {path}.")
            _create_private(path)
        else:
            _make_private(path)
    except OSError as error:
        raise StoreError(f"The store {path} cannot be opened: {error.strerror or error}.") from None
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise store_error(path, error, saving=False, opening=True) from error
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        _migrate(connection, path, migrations)
    except sqlite3.Error as error:
        connection.close()
        raise store_error(path, error, saving=False, opening=True) from error
    except BaseException:
        connection.close()
        raise
    return connection


def _migrate(connection: sqlite3.Connection, path: str, migrations: list) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > len(migrations):
        raise StoreError(
            f"The store {path} was written by a newer Form 4 Desktop (schema version {version}); "
            "open it with that version."
        )
    if version == len(migrations):
        return
    if version > 0:  # an empty new store needs no backup
        backup = _backup(connection, path, version)
        log.info("backed up the store before migrating from version %d: %s", version, backup)
    for target in range(version, len(migrations)):
        connection.execute("BEGIN IMMEDIATE")
        try:
            migrations[target](connection)
            connection.execute(f"PRAGMA user_version = {target + 1}")
            connection.execute("COMMIT")
        except BaseException:
            rollback(connection)
            raise
        log.info("migrated the store to schema version %d", target + 1)
