"""The SQLite file behind the draft store: opening it safely, and its schema versions.

WAL mode (readers never block the one writer, and a killed process loses nothing committed), foreign
keys, a busy timeout for a second process, `synchronous=FULL` (a committed save survives a power cut).
The schema version is `PRAGMA user_version`; each migration runs in one transaction after a backup copy
of the whole file has been made beside it. The file is created readable by its owner only: it holds
EDGAR access codes (CCCs).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from datetime import datetime, timezone
from typing import Callable

from form4_desktop.errors import UserError

log = logging.getLogger("form4_desktop.store")


class StoreError(UserError):
    """A problem with the store, in one sentence a user can act on."""


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


# MIGRATIONS[n] takes a store at version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1]


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


def _backup(connection: sqlite3.Connection, path: str, version: int) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = f"{path}.v{version}-{stamp}.bak"
    _create_private(target)
    with sqlite3.connect(target) as copy:
        connection.backup(copy)
    copy.close()
    return target


def connect(path: str, migrations: list[Callable[[sqlite3.Connection], None]] | None = None) -> sqlite3.Connection:
    """Open (creating if need be) the store at `path`, migrated to the current schema version."""
    migrations = MIGRATIONS if migrations is None else migrations
    if os.path.isdir(path):
        raise StoreError(f"The store {path} is a folder; give the path of a store file.")
    new = not os.path.exists(path)
    try:
        if new:
            _create_private(path)
        elif os.name == "posix" and stat.S_IMODE(os.stat(path).st_mode) & 0o077:
            os.chmod(path, 0o600)  # it holds access codes
        connection = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"The store {path} cannot be opened: {error}.") from None
    try:
        connection.execute("PRAGMA busy_timeout = 10000")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        _migrate(connection, path, migrations)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise StoreError(f"{path} is not a Form 4 Desktop store, or it is damaged ({error}).") from None
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
            connection.execute("ROLLBACK")
            raise
        log.info("migrated the store to schema version %d", target + 1)
