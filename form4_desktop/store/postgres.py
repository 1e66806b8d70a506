"""The team store: the same drafts on a PostgreSQL server (psycopg 3), shared by an office.

`PostgresStore` is a `DraftStore` whose SQL runs on PostgreSQL: every rule (version-checked saves, the trash,
history, filed and amended drafts, autosaves, the address book, forgetting a CCC) is DraftStore's own code;
this module gives it a connection that speaks PostgreSQL, a write lock, LISTEN/NOTIFY for `data_version()`,
and the sentences for a server that cannot be reached.

CCCs are fenced: a trigger moves each reporting owner's CCC out of the stored JSON (`content`) into the column
`cccs` of revisions, autosaves and known_owners, which the reviewer role may not read (column privileges).
A filer's store reads them back with `form4_with_cccs(content, cccs)`; a reviewer's reads `content` alone.

Passwords come from libpq's own places (the password file ~/.pgpass or $PGPASSFILE, a service file); when the
server asks for one they did not give, the user is asked (store/passwords.py: the app's dialog; else the
terminal's prompt, getpass, and only on a terminal). A password typed is kept in memory only (to connect again
after the server was gone), never on the command line, in an address, a file or the log: an address with a
password in it is refused, and only the address without one is ever logged or shown.
"""

from __future__ import annotations

import functools
import logging
import re
import time
import urllib.parse
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

import psycopg
from psycopg import errors as pg_errors
from psycopg import sql

from form4_desktop.model import Filing
from form4_desktop.store.database import ReadOnly, StoreError, filed_on_was_assumed
from form4_desktop.store.drafts import (  # noqa: F401
    Autosave,
    DraftStore,
    ServerUnreachableError,
    current_user,
    guarded,
    is_url,
)
from form4_desktop.store.passwords import password_prompt
from form4_desktop.store.recovery import LocalRecovery

log = logging.getLogger("form4_desktop.store")

CHANNEL = "form4_store"  # NOTIFY channel: every committed change says so on it
WRITE_LOCK = 0x46344453  # pg_advisory_xact_lock key ("F4DS"): one writer at a time, as SQLite's BEGIN IMMEDIATE
FILER, REVIEWER = "form4_filer", "form4_reviewer"
CONNECT_TIMEOUT = 10  # seconds, unless the address says otherwise
# Connecting again after the connection was lost waits less (the window waits with it: a server that answers at
# all answers within a second), and after an attempt that failed slowly the next is made only RETRY_SECONDS later.
RECONNECT_TIMEOUT = 3
RETRY_SECONDS = 15.0
SLOW_SECONDS = 0.2  # an attempt that failed after this long waited for a server that did not answer


def display_url(url: str) -> str:
    """The address as it may be shown and logged: never a password."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        credentials, host = netloc.rsplit("@", 1)
        netloc = f"{credentials.split(':', 1)[0]}@{host}"
    query = urllib.parse.urlencode(
        [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if k != "password"]
    )
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def has_password(url: str) -> bool:
    """Whether the address holds a password (which is refused: libpq's password file or service file keep it)."""
    parts = urllib.parse.urlsplit(url)
    credentials = parts.netloc.rsplit("@", 1)[0] if "@" in parts.netloc else ""
    return ":" in credentials or "password" in dict(urllib.parse.parse_qsl(parts.query))


PASSWORD_TRIES = 3


def _password_problem(error: BaseException) -> str | None:
    """What to tell the user when asking for a password after `error`: "" when the server asked for one that
    libpq's own places did not give, a sentence when the one given was refused; None when `error` is not about
    a password."""
    text = str(error).lower()
    if "no password supplied" in text:
        return ""
    if "password authentication failed" in text:
        return "The team store refused that password; type it again."
    return None


def connect(url: str) -> psycopg.Connection:
    """A connection (autocommit: each transaction is opened explicitly) to the team store at `url`; StoreError
    when it cannot be made."""
    try:
        return _connect(url)
    except psycopg.Error as error:
        raise _unreachable(display_url(url), error, saving=False) from None


class _Login:
    """A password the user typed for a team store (libpq's own places gave none), kept in memory only, for the
    next connection (after the server was gone, or to another database of the same server)."""

    def __init__(self) -> None:
        self.password: str | None = None

    def connect(self, url: str, timeout: int | None = None) -> psycopg.Connection:
        """As `_connect`, with the password typed before if any; when the server asks for a password that none
        of libpq's places (nor the one typed before) gave, or refuses it, the user is asked, up to PASSWORD_TRIES
        times."""
        try:
            return _connect(url, self.password, timeout)
        except psycopg.OperationalError as error:
            problem = _password_problem(error)
            if problem is None:
                raise
            refused = error
        shown = display_url(url)
        prompt = password_prompt()
        for _ in range(PASSWORD_TRIES):
            typed = prompt(shown, problem)
            if typed is None:  # nobody to ask, or the user would not say: libpq's own sentence, with the advice
                raise refused
            try:
                connection = _connect(url, typed, timeout)
            except psycopg.OperationalError as error:
                problem = _password_problem(error)
                if problem is None:
                    self.password = typed  # it got past the password (the database is missing, say)
                    raise
                refused = error
                continue
            self.password = typed
            return connection
        raise refused


def _connect(url: str, password: str | None = None, timeout: int | None = None) -> psycopg.Connection:
    """As `connect`, but a failure of the server is psycopg's error (for the caller to say in context).
    `password`: one the user typed (given to libpq apart from the address, never shown or logged)."""
    shown = display_url(url)
    if has_password(url):
        raise StoreError(
            f"The address of the team store {shown} holds a password; leave it out and keep the password in "
            "your PostgreSQL password file (~/.pgpass, or the file $PGPASSFILE names) or a service file."
        )
    options: dict[str, Any] = {"autocommit": True, "application_name": "form4-desktop"}
    if "connect_timeout" not in url:
        options["connect_timeout"] = timeout or CONNECT_TIMEOUT
    if password is not None:
        options["password"] = password
    connection = psycopg.connect(url, **options)
    log.info("team store %s: connected", shown)
    return connection


def _reason(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    text = " ".join(lines[0].split()) if lines else ""
    return text.rstrip(".") or type(error).__name__


_SAID_EVERY = 60.0  # seconds: a server that stays gone is logged once a minute, not on each of a window's calls
_said: dict[tuple[str, str], float] = {}


def _unreachable(shown: str, error: BaseException, *, saving: bool) -> StoreError:
    reason = _reason(error)
    now = time.monotonic()
    if now - _said.get((shown, reason), -_SAID_EVERY) >= _SAID_EVERY:
        _said[(shown, reason)] = now
        log.error("team store %s: %s", shown, reason)
    if "password" in reason.lower() and ("no password" in reason.lower() or "authentication" in reason.lower()):
        return StoreError(
            f"The team store {shown} refused the connection ({reason}); put your password in your PostgreSQL "
            "password file (~/.pgpass, or the file $PGPASSFILE names) or a service file, never on the command line."
        )
    if saving:
        return ServerUnreachableError(
            f"The team store {shown} cannot be reached ({reason}), so your changes were not saved; they are "
            "still in your window: save again once the server is back.",
            reason,
        )
    return ServerUnreachableError(
        f"The team store {shown} cannot be reached ({reason}); try again once the server is back.", reason
    )


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """DraftStore's SQL (SQLite's dialect, `?` and `:name` parameters) as PostgreSQL says it."""
    sql = sql.replace("%", "%%")
    sql = re.sub(r"\bIS \?", "IS NOT DISTINCT FROM ?", sql)
    sql = re.sub(r"\bLIKE\b", "ILIKE", sql)  # SQLite's LIKE ignores case
    sql = re.sub(r"\binstr\(", "strpos(", sql)
    sql = re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", sql)
    if re.match(r"\s*INSERT INTO (autosaves|known_owners)\b", sql):
        # The row an upsert proposes was fenced by the INSERT trigger (its CCCs moved to excluded.cccs); the UPDATE
        # takes its content with them put back, for the UPDATE trigger to fence again: else they were lost (a
        # window's second autosave, an owner met again in the address book).
        sql = sql.replace("content = excluded.content", "content = form4_with_cccs(excluded.content, excluded.cccs)")
    return sql.replace("?", "%s")


class _Result:
    """A statement's result as DraftStore reads sqlite3's cursor; iterating fetches all rows at once (a cursor
    iterated row by row costs half the time of listing 10,000 drafts)."""

    def __init__(self, cursor: psycopg.Cursor) -> None:
        self._cursor = cursor
        self.rowcount = cursor.rowcount

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor.fetchall() if self._cursor.description is not None else ())

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    def fetchmany(self, size: int) -> list[Any]:
        return self._cursor.fetchmany(size)


class _Connection:
    """What DraftStore asks of its connection (`execute`, `executemany`), on PostgreSQL. A connection the
    server dropped is opened again at the next call (the server may be back). An attempt that failed slowly (no
    answer until the timeout: the network is down) is made again only RETRY_SECONDS later, the calls between
    failing at once with the same error, so that a window's timers do not each wait for a server that does not
    answer; a server that refuses at once (stopped, restarting) is asked at every call, and found at once when
    it is back."""

    def __init__(self, url: str, shown: str) -> None:
        self.url, self.shown = url, shown
        self.reconnected = 0  # how many times the connection was opened again
        self._failure: tuple[float, str] | None = None  # when a slow attempt to connect again failed, and why
        self._login = _Login()
        self._connection = self._open()

    def _open(self, timeout: int | None = None) -> psycopg.Connection:
        connection = self._login.connect(self.url, timeout)
        connection.execute(f"LISTEN {CHANNEL}")
        return connection

    @property
    def gone(self) -> bool:
        """Whether the connection was lost (and not yet made again)."""
        return self._connection.closed or self._connection.broken

    @property
    def connection(self) -> psycopg.Connection:
        if self.gone:
            now = time.monotonic()
            if self._failure is not None and now - self._failure[0] < RETRY_SECONDS:
                raise psycopg.OperationalError(self._failure[1])
            try:
                self._connection = self._open(RECONNECT_TIMEOUT)
            except psycopg.OperationalError as error:
                if time.monotonic() - now >= SLOW_SECONDS:
                    self._failure = (now, str(error))
                raise
            self._failure = None
            self.reconnected += 1
            log.info("team store %s: connected again", self.shown)
        return self._connection

    def execute(self, sql: str, parameters: Any = ()) -> _Result:
        return _Result(self.connection.execute(translate(sql), parameters or None))

    def executemany(self, sql: str, rows: Any) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(translate(sql), rows)

    def close(self) -> None:
        self._connection.close()


class PostgresStore(DraftStore):
    """The team store at `url` (postgresql://user@host:port/dbname, libpq's options such as sslmode allowed).
    Its schema is made by `init_store` (form4 store init); opening never creates it."""

    _backend_errors = (psycopg.Error,)

    def __init__(self, url: str, user: str | None = None, *, create: bool = True):
        self.url = url
        self.path = display_url(url)
        self.warning = None
        self.read_only: ReadOnly | None = None
        self._decoded = {}
        self._notified = 0  # notifications of other connections' commits seen: data_version()
        # Autosaves made while the server cannot be reached are kept on this computer.
        self.recovery = LocalRecovery(self.path)
        try:
            self._pg = _Connection(url, self.path)
        except psycopg.Error as error:
            raise _unreachable(self.path, error, saving=False) from None
        self._db = self._pg  # type: ignore[assignment]  # DraftStore's SQL runs on it
        import uuid

        self.token = uuid.uuid4().hex
        try:
            self._check_schema()
            privileges = self._db.execute(
                "SELECT has_column_privilege('revisions', 'cccs', 'SELECT'), has_table_privilege('drafts', 'UPDATE')"
            ).fetchone()
        except psycopg.Error as error:
            self._db.close()
            raise self._store_error(error, saving=False) from error
        except BaseException:
            self._db.close()
            raise
        # Who saved each revision: the PostgreSQL login, which the server vouches for (alice on any computer).
        self.user = (self._pg.connection.info.user or current_user()) if user is None else user
        self.reads_cccs, writable = bool(privileges[0]), bool(privileges[1])
        if not writable:
            self.read_only = ReadOnly(
                f"Your role may only read the team store {self.path}",
                f"ask its administrator to grant you the {FILER} role to change drafts",
            )
        log.info("team store %s opened (%s)", self.path, "filer" if writable else "reviewer")

    def _check_schema(self) -> None:
        version = _schema_version(self._pg.connection)
        if version == 0:
            raise StoreError(
                f"The database {self.path} holds no Form 4 Desktop store yet; its administrator creates one with "
                f"form4 store init {self.path}."
            )
        if version > len(MIGRATIONS):
            raise StoreError(
                f"The team store {self.path} was written by a newer Form 4 Desktop (schema version {version}); "
                "use that version."
            )
        if version < len(MIGRATIONS):
            raise StoreError(
                f"The team store {self.path} is at schema version {version}; its administrator upgrades it with "
                f"form4 store init {self.path}."
            )

    def _store_error(self, error: BaseException, *, saving: bool) -> StoreError:
        if isinstance(error, StoreError):
            return error
        if isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError)) and not isinstance(
            error, pg_errors.InsufficientPrivilege
        ):
            return _unreachable(self.path, error, saving=saving)
        log.error("team store %s: %s", self.path, _reason(error), exc_info=error)
        not_saved = ", so nothing was saved" if saving else ""
        if isinstance(error, pg_errors.InsufficientPrivilege):
            return StoreError(
                f"Your role may not do this in the team store {self.path} ({_reason(error)}){not_saved}; ask its "
                f"administrator for the {FILER} role."
            )
        return StoreError(f"The team store {self.path} could not be used ({_reason(error)}){not_saved}.")

    def _content(self, alias: str = "") -> str:
        prefix = f"{alias}." if alias else ""
        if self.reads_cccs:
            return f"form4_with_cccs({prefix}content, {prefix}cccs)"
        return f"{prefix}content"

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        connection = self._pg.connection
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield self._db
            connection.execute(f"NOTIFY {CHANNEL}")

    @guarded(saving=False)
    def close(self) -> None:
        self._db.close()

    def _list_rows(self, sql: str, parameters: list) -> Any:
        """The draft list in the order of the index drafts_listed, read as it stands: PostgreSQL's estimates put
        reading the whole table and sorting it close to that (and ahead of it for narrow rows), when it takes
        twice as long; so, for this query alone, sorting is what it chooses only when no index gives the order."""
        connection = self._pg.connection
        with connection.transaction():
            connection.execute("SET LOCAL enable_sort = off")
            return connection.execute(translate(sql), parameters or None).fetchall()

    @guarded(saving=False)
    def data_version(self) -> int:
        """A number that changes when another connection commits a change to the store (LISTEN/NOTIFY: each
        commit notifies, and this connection counts the notifications it did not send itself). A connection
        opened again after the server was gone counts as a change too: what happened meanwhile is unknown."""
        connection = self._pg.connection
        own = connection.info.backend_pid
        for notify in connection.notifies(timeout=0):
            if notify.pid != own:
                self._notified += 1
        return self._notified + self._pg.reconnected

    @guarded(saving=False)
    def checkpoint(self, truncate: bool = False) -> None:
        """Nothing to do: the server keeps what is committed (and has no -wal file of ours to empty)."""

    @guarded(saving=False)
    def connection_problem(self) -> str | None:
        """None when the server answers now, else why it cannot be reached, in a few words. A lost connection
        is made again here once the server is back (an attempt at most every RETRY_SECONDS)."""
        try:
            self._pg.connection.execute("SELECT 1")
        except (psycopg.OperationalError, psycopg.InterfaceError) as error:
            # libpq's last words say it ("Connection refused"; the host and port are in the store's address)
            return _reason(error).rsplit(": ", 1)[-1]
        return None

    # -- autosave: kept on this computer while the server cannot be reached --------------------------------------
    @guarded(saving=True)
    def write_autosave(self, slot: str, filing: Filing, draft_id: int | None, base_version: int | None) -> str | None:
        try:
            DraftStore.write_autosave(self, slot, filing, draft_id, base_version)
        except ServerUnreachableError as error:
            self.recovery.write(slot, filing, draft_id, base_version)
            return (
                f"The team store {self.path} cannot be reached ({error.reason}); what you type is kept on this computer "
                "until it is back, and the app connects again by itself."
            )
        self.recovery.remove(slot)  # the server holds it again
        return None

    @guarded(saving=True)
    def clear_autosave(self, slot: str) -> None:
        self.recovery.remove(slot)
        DraftStore.clear_autosave(self, slot)

    @guarded(saving=False)
    def autosaves(self) -> list[Autosave]:
        """The server's autosaves and those kept on this computer while it could not be reached (the newer of
        the two for the same window), newest first. When the server cannot be reached, those kept here."""
        try:
            found = {autosave.slot: autosave for autosave in DraftStore.autosaves(self)}
        except ServerUnreachableError:
            found = {}
        for slot, draft_id, base_version, saved_at, filing in self.recovery.entries():
            if slot not in found or found[slot].saved_at < saved_at:
                found[slot] = Autosave(slot, draft_id, base_version, saved_at, filing)
        return sorted(found.values(), key=lambda autosave: autosave.saved_at, reverse=True)

    @guarded(saving=True)
    def forget_ccc(self, cik: str) -> int:
        changed = DraftStore.forget_ccc(self, cik)
        return changed + self.recovery.forget_ccc(cik.lstrip("0") or "0")

    def _after_forgetting(self) -> None:
        """The old row versions holding a forgotten CCC go when the server vacuums the tables."""

    @guarded(saving=False)
    def backup(self, target: Any) -> None:
        raise StoreError(
            f"The team store {self.path} is backed up by its database server (pg_dump); to copy it into a store "
            f"file, use form4 store copy {self.path} FILE."
        )


# -- the schema -------------------------------------------------------------------------------------------------
# Text columns that are sorted or compared as SQLite does (byte by byte) use the "C" collation.
_V1 = """
CREATE TABLE form4_schema (version integer NOT NULL);
INSERT INTO form4_schema (version) VALUES (0);
CREATE TABLE drafts (
    id bigint PRIMARY KEY,
    created_at text NOT NULL,
    updated_at text COLLATE "C" NOT NULL,
    version integer NOT NULL,
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'filed')),
    document_type text NOT NULL,
    period_of_report text COLLATE "C",
    issuer_cik text COLLATE "C" NOT NULL DEFAULT '',
    issuer_name text COLLATE "C" NOT NULL DEFAULT '',
    issuer_ticker text COLLATE "C" NOT NULL DEFAULT '',
    owner_names text COLLATE "C" NOT NULL DEFAULT '',
    owner_ciks text COLLATE "C" NOT NULL DEFAULT '',
    filed_on text,
    accession_number text,
    amends_id bigint REFERENCES drafts(id) ON DELETE SET NULL,
    deleted_at text COLLATE "C"
);
CREATE INDEX drafts_by_change ON drafts (deleted_at, updated_at DESC, id DESC);
CREATE INDEX drafts_by_issuer_period ON drafts (issuer_cik, period_of_report);
CREATE TABLE revisions (
    draft_id bigint NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    version integer NOT NULL,
    saved_at text COLLATE "C" NOT NULL,
    saved_by text NOT NULL DEFAULT '',
    content text NOT NULL,
    cccs jsonb,
    PRIMARY KEY (draft_id, version)
);
CREATE TABLE autosaves (
    slot text PRIMARY KEY,
    draft_id bigint REFERENCES drafts(id) ON DELETE CASCADE,
    base_version integer,
    saved_at text COLLATE "C" NOT NULL,
    content text NOT NULL,
    cccs jsonb
);
CREATE TABLE known_owners (
    cik text COLLATE "C" PRIMARY KEY,
    name text COLLATE "C" NOT NULL DEFAULT '',
    updated_at text NOT NULL,
    content text NOT NULL,
    cccs jsonb
);
CREATE TABLE known_issuers (
    cik text COLLATE "C" PRIMARY KEY,
    name text COLLATE "C" NOT NULL DEFAULT '',
    trading_symbol text COLLATE "C" NOT NULL DEFAULT '',
    updated_at text NOT NULL,
    content text NOT NULL
);
CREATE TABLE title_merges (
    owner_cik text NOT NULL,
    issuer_cik text NOT NULL,
    title text NOT NULL,
    same_as text NOT NULL,
    PRIMARY KEY (owner_cik, issuer_cik, title)
);
CREATE TABLE sequences (name text PRIMARY KEY, last bigint NOT NULL);
INSERT INTO sequences (name, last) VALUES ('drafts', 0);
-- Moves each reporting owner's CCC out of a stored filing into `cccs` (one entry per owner, in order), where
-- column privileges fence it from the reviewer role.
CREATE FUNCTION form4_fence_cccs() RETURNS trigger LANGUAGE plpgsql AS $fence$
DECLARE
    document jsonb := NEW.content::jsonb;
    owners jsonb := document #> '{filing,reporting_owners}';
    owner jsonb;
    kept jsonb := '[]';
    codes jsonb := '[]';
BEGIN
    IF owners IS NULL OR jsonb_typeof(owners) <> 'array' THEN
        NEW.cccs := NULL;
        RETURN NEW;
    END IF;
    FOR owner IN SELECT value FROM jsonb_array_elements(owners) LOOP
        codes := codes || jsonb_build_array(owner -> 'ccc');
        kept := kept || jsonb_build_array(owner - 'ccc');
    END LOOP;
    NEW.content := jsonb_set(document, '{filing,reporting_owners}', kept)::text;
    NEW.cccs := codes;
    RETURN NEW;
END
$fence$;
-- A stored filing with its CCCs put back (for the filer role).
CREATE FUNCTION form4_with_cccs(content text, cccs jsonb) RETURNS text LANGUAGE sql STABLE AS $merge$
    SELECT CASE WHEN cccs IS NULL THEN content ELSE jsonb_set(
        content::jsonb, '{filing,reporting_owners}',
        coalesce((SELECT jsonb_agg(owner.value || jsonb_build_object('ccc', cccs -> (owner.n - 1)::int)
                                   ORDER BY owner.n)
                  FROM jsonb_array_elements(content::jsonb #> '{filing,reporting_owners}')
                       WITH ORDINALITY AS owner(value, n)), '[]'::jsonb))::text END
$merge$;
CREATE TRIGGER revisions_fence_cccs BEFORE INSERT OR UPDATE OF content ON revisions
    FOR EACH ROW EXECUTE FUNCTION form4_fence_cccs();
CREATE TRIGGER autosaves_fence_cccs BEFORE INSERT OR UPDATE OF content ON autosaves
    FOR EACH ROW EXECUTE FUNCTION form4_fence_cccs();
CREATE TRIGGER known_owners_fence_cccs BEFORE INSERT OR UPDATE OF content ON known_owners
    FOR EACH ROW EXECUTE FUNCTION form4_fence_cccs()
"""

# Schema version 2 of a team store is version 6 of a store file (version 1 was version 5): a filed draft's filing
# date may be assumed (taken from its signature), and each issuer's fiscal year end.
_V2 = """
ALTER TABLE drafts ADD COLUMN filed_on_assumed smallint NOT NULL DEFAULT 0 CHECK (filed_on_assumed IN (0, 1));
CREATE TABLE fiscal_year_ends (
    issuer_cik text COLLATE "C" PRIMARY KEY,
    month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
    day integer NOT NULL CHECK (day BETWEEN 1 AND 31)
)
"""


def _v2_assumed_dates(connection: psycopg.Connection) -> None:
    """Mark the filed drafts whose filing date the store assumed, as a store file's migration to version 6 does
    (database.filed_on_was_assumed). The JSON without its CCCs is enough: only dates and owners are looked at."""
    rows = connection.execute(
        "SELECT d.id, d.status, d.filed_on, r.content FROM drafts d "
        "LEFT JOIN revisions r ON r.draft_id = d.id AND r.version = d.version WHERE d.status = 'filed'"
    ).fetchall()
    assumed = [
        (draft_id,) for draft_id, status, filed_on, content in rows if filed_on_was_assumed(content, status, filed_on)
    ]
    if assumed:
        with connection.cursor() as cursor:
            cursor.executemany("UPDATE drafts SET filed_on_assumed = 1 WHERE id = %s", assumed)


# Schema version 3: the draft list (DraftStore.list: the drafts outside the trash, most recently changed first)
# read from one index in its order, without the table: PostgreSQL cannot use drafts_by_change for that order
# (its first column is tested with IS NULL), so it read the whole table and sorted it on every list.
_V3 = """
CREATE INDEX drafts_listed ON drafts (updated_at DESC, id DESC)
    INCLUDE (owner_names, issuer_name, issuer_ticker, document_type, period_of_report, status, version)
    WHERE deleted_at IS NULL
"""

# MIGRATIONS[n] takes a team store at schema version n to n + 1 (each in one transaction): SQL statements, then
# what is done in Python (a function of the connection), if anything.
MIGRATIONS: list[tuple[str, Callable[[psycopg.Connection], None] | None]] = [
    (_V1, None),
    (_V2, _v2_assumed_dates),
    (_V3, None),
]

_ROLES = f"""
DO $roles$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{FILER}') THEN CREATE ROLE {FILER} NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{REVIEWER}') THEN CREATE ROLE {REVIEWER} NOLOGIN; END IF;
END $roles$;
GRANT SELECT ON form4_schema TO {FILER}, {REVIEWER};
GRANT SELECT, INSERT, UPDATE, DELETE ON drafts, revisions, autosaves, known_owners, known_issuers, title_merges,
    sequences, fiscal_year_ends TO {FILER};
GRANT SELECT ON drafts, known_issuers, title_merges, sequences, fiscal_year_ends TO {REVIEWER};
GRANT SELECT (draft_id, version, saved_at, saved_by, content) ON revisions TO {REVIEWER};
GRANT SELECT (slot, draft_id, base_version, saved_at, content) ON autosaves TO {REVIEWER};
GRANT SELECT (cik, name, updated_at, content) ON known_owners TO {REVIEWER}
"""


def _schema_version(connection: psycopg.Connection) -> int:
    """The team store's schema version; 0 when the database holds none."""
    (exists,) = connection.execute("SELECT to_regclass('form4_schema') IS NOT NULL").fetchone() or (False,)
    if not exists:
        return 0
    (version,) = connection.execute("SELECT version FROM form4_schema").fetchone() or (0,)
    return int(version)


def _statements(script: str) -> list[str]:
    """The statements of a script, split on the semicolons that end a line outside a $tag$ body."""
    statements, current, body = [], [], None
    for line in script.splitlines():
        current.append(line)
        for tag in re.findall(r"\$\w*\$", line):
            body = None if body == tag else (tag if body is None else body)
        if body is None and line.rstrip().endswith(";"):
            statements.append("\n".join(current).rstrip().rstrip(";"))
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current))
    return statements


def _create_database(url: str, login: _Login) -> None:
    """Create the database `url` names, connecting to the server's `postgres` database to do so."""
    parts = urllib.parse.urlsplit(url)
    name = urllib.parse.unquote(parts.path.lstrip("/"))
    with login.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres"))) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log.info("team store %s: database created", display_url(url))


def init_store(url: str, filers: Sequence[str] = (), reviewers: Sequence[str] = ()) -> tuple[int, int]:
    """Create or upgrade the team store at `url`: the database if it does not exist yet, the schema (each
    migration in one transaction, with the schema version), the roles form4_filer and form4_reviewer with their
    privileges, granted to the login roles `filers` and `reviewers`. Returns (version before, version now). The
    user of `url` must own the database (or may create one) and may create roles."""
    shown = display_url(url)
    login = _Login()
    try:
        connection = login.connect(url)
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            raise _unreachable(shown, error, saving=False) from None
        try:
            _create_database(url, login)
            connection = login.connect(url)
        except psycopg.Error as again:
            raise StoreError(f"The database of the team store {shown} cannot be created ({_reason(again)}).") from None
    try:
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            before = _schema_version(connection)
        if before > len(MIGRATIONS):
            raise StoreError(
                f"The team store {shown} was written by a newer Form 4 Desktop (schema version {before}); "
                "use that version."
            )
        for target in range(before, len(MIGRATIONS)):
            with connection.transaction():
                connection.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                script, step = MIGRATIONS[target]
                for statement in _statements(script):
                    connection.execute(statement)
                if step is not None:
                    step(connection)
                connection.execute("UPDATE form4_schema SET version = %s", (target + 1,))
            log.info("team store %s: migrated to schema version %d", shown, target + 1)
        with connection.transaction():
            for statement in _statements(_ROLES):
                connection.execute(statement)
            for role, people in ((FILER, filers), (REVIEWER, reviewers)):
                for person in people:
                    connection.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), sql.Identifier(person)))
        return before, len(MIGRATIONS)
    except psycopg.Error as error:
        if isinstance(error, pg_errors.InsufficientPrivilege):
            raise StoreError(
                f"The team store {shown} cannot be created by this user ({_reason(error)}); run form4 store init "
                "as the database's owner, who may also create roles. Nothing was changed."
            ) from error
        if isinstance(error, psycopg.OperationalError):
            raise _unreachable(shown, error, saving=True) from error
        raise StoreError(f"The team store {shown} could not be created ({_reason(error)}).") from error
    finally:
        connection.close()
