"""The SQLite file behind the draft store: opening it safely, and its schema versions.

WAL mode (readers never block the one writer, and a killed process loses nothing committed), foreign
keys, a busy timeout for a second process, `synchronous=FULL` (a committed save survives a power cut).
The schema version is `PRAGMA user_version`; each migration runs in one transaction after a backup copy
of the whole file has been made beside it. The file is created readable by its owner only: it holds
EDGAR access codes (CCCs).
"""

from __future__ import annotations

import contextvars
import functools
import logging
import os
import sqlite3
import stat
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Iterator, NamedTuple, TypeVar

from form4_desktop.errors import UserError
from form4_desktop.store.codec import filing_from_json

log = logging.getLogger("form4_desktop.store")


class StoreError(UserError):
    """A problem with the store, in one sentence a user can act on."""


# `PRAGMA application_id` of a store from schema version 3 on ("F4DS"): another program's SQLite file is told
# apart from ours before anything is written to it. Stores of versions 1 and 2 are recognised by their tables.
APPLICATION_ID = 0x46344453

# SQLite's primary result codes (the low byte of sqlite3.Error.sqlite_errorcode).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


@dataclass
class Tally:
    """How many failures were met while `failures_logged_once` was in force."""

    what: str
    count: int = 0


_tally: contextvars.ContextVar[Tally | None] = contextvars.ContextVar("form4_store_failures", default=None)


@contextmanager
def failures_logged_once(what: str) -> Iterator[Tally]:
    """Within it, each failure `log_failure` is told of is counted, and only the first is logged (with its
    traceback); at the end one line gives the count. A rescue of a damaged store meets a failure for nearly
    every draft: logging each one's traceback made a large rescue slow and pushed the rest out of the log."""
    tally = Tally(what)
    token = _tally.set(tally)
    try:
        yield tally
    finally:
        _tally.reset(token)
        if tally.count > 1:
            log.warning("%s: %d failures in all; only the first is logged above, with its traceback", what, tally.count)


def log_failure(logger: logging.Logger, level: int, message: str, *args: Any, error: BaseException | None = None):
    """Log a failure (with `error`'s traceback), or only count it while `failures_logged_once` is in force and
    one was already logged."""
    tally = _tally.get()
    if tally is not None:
        tally.count += 1
        if tally.count > 1:
            return
        message = f"{tally.what}: first failure: {message}"
    logger.log(level, message, *args, exc_info=error)


def _folder_of(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def store_error(path: str, error: sqlite3.Error, *, saving: bool, opening: bool = False) -> StoreError:
    """One sentence for a failure of SQLite on the store at `path`; the original goes to the log.

    `saving`: the operation would have changed the store (so the sentence says nothing was saved).
    `opening`: the store was being opened, when a damaged file may as well be no store at all.
    """
    log_failure(
        log,
        logging.ERROR,
        "store %s: %s (%s)",
        path,
        error,
        getattr(error, "sqlite_errorname", type(error).__name__),
        error=error,
    )
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error)
    lower = text.lower()
    not_saved = ", so nothing was saved" if saving else ""
    if primary == _FULL or "database or disk is full" in lower:
        return StoreError(f"The disk holding the store {path} is full; nothing was saved.")
    if primary in (_BUSY, _LOCKED) or "database is locked" in lower or "database table is locked" in lower:
        return StoreError(
            f"The store {path} is being used by another program, which kept it locked{not_saved}; "
            "try again once that program has finished."
        )
    folder = _folder_of(path)
    folder_read_only = os.path.isdir(folder) and not os.access(folder, os.W_OK)
    if primary == _READONLY or "readonly database" in lower or (primary == _CANTOPEN and folder_read_only):
        # SQLite writes its -wal and -shm files beside the store, so a read-only folder stops it too.
        if os.path.exists(path) and not os.access(path, os.W_OK):
            return StoreError(
                f"The store {path} is a read-only file{not_saved}; make it writable, or open another store."
            )
        if folder_read_only:
            return StoreError(
                f"The store {path} is in the read-only folder {folder}{not_saved}; the store needs "
                "a folder it may write in."
            )
        return StoreError(f"The store {path} is read-only{not_saved}; make it writable, or open another store.")
    if primary in (_CORRUPT, _NOTADB) or "malformed" in lower or "not a database" in lower:
        if opening:
            return StoreError(f"The store {path} is damaged, or is not a Form 4 Desktop store ({text}).")
        return StoreError(f"The store {path} is damaged ({text}){not_saved}; {_damaged_remedy(path)}.")
    if primary in (_IOERR, _CANTOPEN):
        return StoreError(f"The store {path} could not be read or written ({text}){not_saved}.")
    return StoreError(f"The store {path} could not be used ({text}){not_saved}.")


_Method = TypeVar("_Method", bound=Callable)


def guarded(*, saving: bool) -> Callable[[_Method], _Method]:
    """Decorate a public store method so that no sqlite3.Error escapes it, only a StoreError of one sentence.
    The object must have `path`, and `read_only` (None, or why a saving method is refused before it starts)."""

    def decorate(method: _Method) -> _Method:
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if saving and self.read_only is not None:
                raise StoreError(self.read_only.refused())
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


# The drafts table's columns in the order of its records (_v1 made them; _v6 added filed_on_assumed, which rows
# written before it lack). The page scan of a damaged store (salvage.py) decodes records by this order, and a store
# copy (copying.py) copies them.
DRAFT_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "version",
    "status",
    "document_type",
    "period_of_report",
    "issuer_cik",
    "issuer_name",
    "issuer_ticker",
    "owner_names",
    "owner_ciks",
    "filed_on",
    "accession_number",
    "amends_id",
    "deleted_at",
    "filed_on_assumed",
)


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
        """,
    )


def _v2(connection: sqlite3.Connection) -> None:
    _run(
        connection,
        """
        -- Who saved each revision: the user's name on this computer, '' for revisions older than version 2.
        ALTER TABLE revisions ADD COLUMN saved_by TEXT NOT NULL DEFAULT '';
        -- An imported file is compared only with the drafts of its issuer and period: this finds them.
        CREATE INDEX drafts_by_issuer_period ON drafts(issuer_cik, period_of_report);
        """,
    )


def _v3(connection: sqlite3.Connection) -> None:
    # Marks the file as a Form 4 Desktop store, so that it is told apart from another program's database.
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _v4(connection: sqlite3.Connection) -> None:
    _run(
        connection,
        """
        -- The holdings ledger's merges: for one owner and issuer, a security title that means the same as another
        -- ("common stock par value 0 001" is "common stock"), both as the ledger matches them (normalized).
        CREATE TABLE title_merges (
            owner_cik TEXT NOT NULL,
            issuer_cik TEXT NOT NULL,
            title TEXT NOT NULL,
            same_as TEXT NOT NULL,
            PRIMARY KEY (owner_cik, issuer_cik, title)
        ) WITHOUT ROWID
        """,
    )


def _v5(connection: sqlite3.Connection) -> None:
    _run(
        connection,
        """
        -- The largest draft id ever given. SQLite gives a new row max(id) + 1, so after the trash was emptied a new
        -- draft took the id of one deleted for good, and a window still showing that one saved into the new draft.
        CREATE TABLE sequences (name TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO sequences (name, last) SELECT 'drafts', coalesce(max(id), 0) FROM drafts
        """,
    )


def filed_on_was_assumed(content: str | None, status: str, filed_on: str | None) -> bool:
    """Whether a filed draft kept before schema version 6 has a filing date the store assumed: an EDGAR copy
    whose date is exactly what `DraftStore.import_filed` took when none was given (its latest signature date,
    else box 3), or no date at all. The store did not keep whether a date was given, so a date given equal to
    the signature date reads as assumed too: the Item 405 register then asks to confirm it (as it did before),
    rather than trusting an assumption. Drafts marked filed in the app had their date given."""
    if status != "filed":
        return False
    if filed_on is None:
        return True
    try:
        filing = filing_from_json(content or "")
    except Exception:  # an unreadable document: nothing tells the date was assumed
        log.warning("a filed draft's document cannot be read to tell whether its filing date was assumed")
        return False
    if not filing.is_disseminated_copy:
        return False
    signed = [signature.date for signature in filing.signatures if signature.date]
    assumed = max(signed) if signed else filing.period_of_report
    return assumed is not None and assumed.isoformat() == filed_on


def _v6(connection: sqlite3.Connection) -> None:
    _run(
        connection,
        """
        -- 1 when a filed draft's filing date was not given by the user (form4 import --filed-on, Mark filed) but
        -- taken from its signature (or box 3): the Item 405 register marks such a date "assumed".
        ALTER TABLE drafts ADD COLUMN filed_on_assumed INTEGER NOT NULL DEFAULT 0 CHECK (filed_on_assumed IN (0, 1));
        -- Each issuer's fiscal year end (month and day, 2/29 being February's last day), for the Item 405 register
        -- and the Form 5 sweep. An issuer without a row ends its fiscal year on 12/31.
        CREATE TABLE fiscal_year_ends (
            issuer_cik TEXT PRIMARY KEY,
            month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
            day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31)
        ) WITHOUT ROWID
        """,
    )
    rows = connection.execute(
        "SELECT d.id, d.status, d.filed_on, r.content FROM drafts d "
        "LEFT JOIN revisions r ON r.draft_id = d.id AND r.version = d.version WHERE d.status = 'filed'"
    ).fetchall()
    assumed = [
        (draft_id,) for draft_id, status, filed_on, content in rows if filed_on_was_assumed(content, status, filed_on)
    ]
    connection.executemany("UPDATE drafts SET filed_on_assumed = 1 WHERE id = ?", assumed)


# MIGRATIONS[n] takes a store at version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4, _v5, _v6]


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
        raise StoreError(
            f"The store {path} must be backed up before it is upgraded, but the copy {target} cannot "
            f"be written: {error.strerror or error}."
        ) from None
    with sqlite3.connect(target) as copy:
        connection.backup(copy)
    copy.close()
    return target


def exposure(path: str) -> str | None:
    """A warning when other users of this computer may read the store (it holds access codes), or None. A store
    is never made private behind its owner's back: a store kept on a shared drive for a group must stay readable
    by that group."""
    if os.name != "posix":
        return None
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None
    if not mode & 0o077:
        return None
    who = "everyone on this computer" if mode & 0o007 else "its group"
    return (
        f"The store {path} can be read by {who} (permissions {mode:04o}), and it holds EDGAR access codes "
        f"(CCCs); if it is not meant to be shared, make it private (chmod go-rwx {path})."
    )


OUR_TABLES = frozenset({"drafts", "revisions", "autosaves", "known_owners", "known_issuers"})
SQLITE_HEADER = b"SQLite format 3\x00"
# An empty file with one of these names is taken for a store whose creation was cut short (a full disk).
STORE_SUFFIXES = (".sqlite3", ".sqlite", ".db")


class ReadOnly(NamedTuple):
    """Why a store is open for reading only: `what` is wrong ("The store X is a read-only file") and what the
    user can do about it."""

    what: str
    remedy: str

    def opened(self) -> str:
        return f"{self.what}, so it is open for reading only; {self.remedy}."

    def refused(self) -> str:
        return f"{self.what}, so nothing was saved; {self.remedy}."


class Opened(NamedTuple):
    """An open store: the connection, why it may only be read (None when it may be written), and a warning
    for the user about the file (others may read it), or None."""

    connection: sqlite3.Connection
    read_only: ReadOnly | None
    warning: str | None = None


def connect(
    path: str, migrations: list[Callable[[sqlite3.Connection], None]] | None = None, *, create: bool = True
) -> sqlite3.Connection:
    """The connection of `open_database` (for callers that only read or that know the store is writable)."""
    return open_database(path, migrations, create=create).connection


# The mount table read on Linux, and the file systems in it that are network shares.
MOUNTS = "/proc/mounts"
NETWORK_FILE_SYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs"})


def network_share(path: str, *, windows: bool = os.name == "nt") -> str | None:
    """What network share `path` is on ("a network share (nfs4 at /mnt/office)", "a Windows network path"), or
    None: a UNC path on Windows; on Linux the file system of the deepest mount holding it, from the mount table."""
    if windows:
        unc = path.replace("/", "\\")
        local = unc.startswith(("\\\\?\\", "\\\\.\\")) and not unc.upper().startswith("\\\\?\\UNC\\")
        return "a Windows network path" if unc.startswith("\\\\") and not local else None
    try:
        with open(MOUNTS, encoding="utf-8", errors="replace") as table:
            mounts = [line.split()[1:3] for line in table if len(line.split()) >= 3]
    except OSError:
        return None
    where = os.path.realpath(path)
    best = ("", "")
    for point, kind in mounts:
        point = point.replace("\\040", " ")
        if (where == point or where.startswith(point.rstrip("/") + "/")) and len(point) >= len(best[0]):
            best = (point, kind)
    kind = best[1]
    if kind not in NETWORK_FILE_SYSTEMS:
        return None
    return f"a network share ({kind} at {best[0]})"


def open_database(
    path: str, migrations: list[Callable[[sqlite3.Connection], None]] | None = None, *, create: bool = True
) -> Opened:
    """Open the store at `path`, migrated to the current schema version; a missing one is created if `create`,
    else refused.

    Nothing is written to an existing file (not even its permissions or journal mode) before it is known to
    be a store of ours, of a version this program knows, undamaged, and writable. A damaged, read-only or
    read-only-folder store is opened for reading only (`Opened.read_only` says why) so that what it holds can
    be read and rescued; a newer store, or another program's file, is refused."""
    migrations = MIGRATIONS if migrations is None else migrations
    share = network_share(path)
    if share is not None:
        raise StoreError(
            f"The store {path} is on {share}, where SQLite's locking fails and saves can be lost or the store "
            "damaged; keep it on this computer's own disk, or share drafts through a team store on PostgreSQL "
            "(form4 store init, then --store postgresql://…)."
        )
    if os.path.isdir(path):
        raise StoreError(f"The store {path} is a folder; give the path of a store file.")
    if not os.path.exists(path):
        if not create:
            raise StoreError(f"There is no draft store at {path}.")
        return _create_store(path, migrations)
    try:
        with open(path, "rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"The store {path} cannot be opened: {error.strerror or error}.") from None
    if not head:
        if create and path.lower().endswith(STORE_SUFFIXES) and _writable(path):
            return _create_store(path, migrations, existed=True)
        raise StoreError(
            f"The file {path} is empty, so it is not a Form 4 Desktop store; give the path of a "
            "store, or of a file that does not exist yet to start a new one."
        )
    if head != SQLITE_HEADER:
        if head.lstrip()[:1] == b"<":
            raise StoreError(
                f"The file {path} is not a Form 4 Desktop store (it looks like an XML filing: import "
                "it, or open it as a file); nothing was changed in it."
            )
        raise StoreError(
            f"The file {path} is not a Form 4 Desktop store, or is damaged beyond reading (it does not "
            "begin as a SQLite database does); nothing was changed in it."
        )
    why_read_only = _why_read_only(path)
    beside = {suffix: os.path.exists(path + suffix) for suffix in ("-wal", "-shm")}
    damage = _inspect(path, migrations, leave_no_files=why_read_only is not None)
    read_only = damage or why_read_only
    if read_only is not None:
        if damage is not None:
            _remove_new_empty_wal(path, beside)
        return Opened(_open_read_only(path, leave_no_files=True), read_only, exposure(path))
    connection = _open(path)
    try:
        _configure(connection)
        _migrate(connection, path, migrations)
    except sqlite3.Error as error:
        connection.close()
        raise store_error(path, error, saving=False, opening=True) from error
    except BaseException:
        connection.close()
        raise
    return Opened(connection, None, exposure(path))


def _open(path: str, uri: str | None = None) -> sqlite3.Connection:
    try:
        return sqlite3.connect(
            uri or path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False, uri=uri is not None
        )
    except sqlite3.Error as error:
        raise store_error(path, error, saving=False, opening=True) from error


def _configure(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    # Pages freed by a deletion (a forgotten CCC, an emptied trash) are overwritten with zeros, not left
    # readable in the file.
    connection.execute("PRAGMA secure_delete = ON")


def _uri(path: str, **options: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in options.items())
    return f"file:{urllib.parse.quote(os.path.abspath(path))}?{query}"


def _open_read_only(path: str, *, leave_no_files: bool = False) -> sqlite3.Connection:
    """A connection that cannot write. In a read-only folder SQLite cannot make the -shm file a WAL store needs
    even to be read; there the file is read as immutable (nobody can write it there either).

    `leave_no_files`: the store is not to be written by anyone (read-only, or damaged), so no file beside it is
    made or changed: SQLite makes -wal and -shm files even to read a WAL store, and writes its index into the
    -shm. The file is then read as immutable; or, when a -wal file holds committed changes (a program stopped
    before it could fold them in), which must be read too, the file and its -wal are read once into memory.

    A store whose -wal holds changes but which has no -shm is open nowhere (SQLite makes the -shm before it
    reads or writes a WAL store): it too is read in memory, so that looking at it makes no -shm either."""
    wal = path + "-wal"
    holds_changes = os.path.exists(wal) and os.path.getsize(wal) > 0
    if holds_changes and (leave_no_files or not os.path.exists(path + "-shm")):
        from form4_desktop.store.salvage import image_with_wal

        image = image_with_wal(path)
        in_memory = _in_memory(path, image) if image is not None else None
        if in_memory is not None:
            return in_memory
        holds_changes = image is not None  # else nothing committed is in it: the file alone is the store
        leave_no_files = leave_no_files or image is None
    if not (leave_no_files and not holds_changes):
        try:
            connection = _open(path, _uri(path, mode="ro"))
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            return connection
        except (sqlite3.Error, StoreError):
            pass
    connection = _open(path, _uri(path, mode="ro", immutable="1"))
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    return connection


def _in_memory(path: str, image: bytes) -> sqlite3.Connection | None:
    """A connection to `image`, the store at `path` with its -wal file's committed changes
    (`salvage.image_with_wal`), in memory and never written. None when SQLite cannot read it so."""
    connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        connection.deserialize(image)
        connection.execute("PRAGMA query_only = ON")
    except sqlite3.Error as error:
        connection.close()
        log.warning("store %s cannot be read in memory with its -wal file: %s", path, error)
        return None
    return connection


def _remove_new_empty_wal(path: str, existed: dict[str, bool]) -> None:
    """Remove the empty -wal and the -shm files that looking into a damaged store made beside it (it will not
    be written, so they serve nothing, and they would be copied along with it)."""
    wal = path + "-wal"
    if existed["-wal"] or (os.path.exists(wal) and os.path.getsize(wal) > 0):
        return
    for suffix in ("-wal", "-shm"):
        if not existed[suffix]:
            try:
                os.unlink(path + suffix)
            except OSError:
                pass


def _inspect(path: str, migrations: list, *, leave_no_files: bool = False) -> ReadOnly | None:
    """Look at an existing SQLite file without writing to it: refuse another program's file or a newer store;
    return why a damaged store may only be read (None when it is sound)."""
    probe = _open_read_only(path, leave_no_files=leave_no_files)
    try:
        version = probe.execute("PRAGMA user_version").fetchone()[0]
        application = probe.execute("PRAGMA application_id").fetchone()[0]
        tables = {name for (name,) in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        ours = application == APPLICATION_ID or (application == 0 and (OUR_TABLES <= tables or not tables))
        if not ours or (version == 0 and tables):
            raise StoreError(
                f"The file {path} is a database of another program, not a Form 4 Desktop store; "
                "nothing was changed in it."
            )
        if version > len(migrations):
            raise StoreError(
                f"The store {path} was written by a newer Form 4 Desktop (schema version {version}); "
                "open it with that version. Nothing was changed in it."
            )
        problems = [row[0] for row in probe.execute("PRAGMA quick_check(5)")]
    except sqlite3.Error as error:
        log.error("store %s cannot be checked: %s", path, error, exc_info=error)
        return _damaged(path, str(error))
    finally:
        probe.close()
    if problems != ["ok"]:
        log.error("store %s failed its check: %s", path, "; ".join(problems))
        found = [line for problem in problems for line in problem.splitlines() if not line.startswith("***")]
        return _damaged(path, f"SQLite's check found: {found[0] if found else problems[0]}")
    return None


def _damaged(path: str, what: str) -> ReadOnly:
    return ReadOnly(f"The store {path} is damaged ({what})", _damaged_remedy(path))


def _damaged_remedy(path: str) -> str:
    """What to do with a damaged store: rescue its drafts; restore a backup copy only when there is one (a
    migration leaves `<store>.vN-<time>.bak` beside it), named, newest first."""
    rescue = (
        "rescue its drafts into a folder (File > Rescue Drafts, or form4 store rescue) and bring them into a new "
        "store (File > Import Folder, or form4 import)"
    )
    folder, name = os.path.split(os.path.abspath(path))
    try:
        backups = sorted(
            (entry for entry in os.listdir(folder) if entry.startswith(name + ".v") and entry.endswith(".bak")),
            key=lambda entry: os.path.getmtime(os.path.join(folder, entry)),
        )
    except OSError:
        backups = []
    if backups:
        return f"{rescue}; or use its backup copy {os.path.join(folder, backups[-1])}, from before its last upgrade"
    return rescue


def _may_write(path: str) -> bool:
    """Whether the user may write `path`, and means to: a file or folder without any write permission bit was
    made read-only on purpose, and stays so even for an administrator (root), whom os.access always allows."""
    if not os.access(path, os.W_OK):
        return False
    try:
        return os.name != "posix" or bool(os.stat(path).st_mode & 0o222)
    except OSError:
        return False


def _writable(path: str) -> bool:
    return _may_write(path) and _may_write(_folder_of(path))


def _on_read_only_mount(path: str) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # Windows has no statvfs: os.access below still tells
        return False


def _why_read_only(path: str) -> ReadOnly | None:
    """Why the store can only be read: a read-only file, folder or mount (SQLite writes its -wal and -shm
    files beside the store, so a read-only folder stops it too). None when it can be written."""
    if _on_read_only_mount(path):
        return ReadOnly(
            f"The store {path} is on a read-only disk or mount",
            "copy it to a folder you can write in, or open another store",
        )
    if not _may_write(path):
        return ReadOnly(f"The store {path} is a read-only file", "make it writable, or open another store")
    folder = _folder_of(path)
    if not _may_write(folder):
        return ReadOnly(
            f"The store {path} is in the read-only folder {folder}", "the store needs a folder it may write in"
        )
    return None


def _create_store(path: str, migrations: list, *, existed: bool = False) -> Opened:
    """Make a new store at `path`. If that fails (a full disk), nothing is left behind: no empty file that
    would later be taken for a damaged store."""
    folder = _folder_of(path)
    try:
        os.makedirs(folder, exist_ok=True)
        if not existed:
            _create_private(path)
    except OSError as error:
        if isinstance(error, PermissionError) or not os.access(folder, os.W_OK):
            raise StoreError(f"The store {path} cannot be created: the folder {folder} is read-only.") from None
        raise StoreError(f"The store {path} cannot be created: {error.strerror or error}.") from None
    connection: sqlite3.Connection | None = None
    try:
        connection = _open(path)
        _configure(connection)
        _migrate(connection, path, migrations)
    except BaseException as error:
        if connection is not None:
            connection.close()
        if not existed:
            for leftover in (path, path + "-wal", path + "-shm", path + "-journal"):
                try:
                    os.unlink(leftover)
                except OSError:
                    pass
        if isinstance(error, sqlite3.Error):
            made = store_error(path, error, saving=False, opening=True)
            if "is full" in str(made):
                raise StoreError(
                    f"The disk holding {folder} is full, so the store {path} could not be created; "
                    "free some space and try again."
                ) from error
            raise made from error
        raise
    return Opened(connection, None)


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
