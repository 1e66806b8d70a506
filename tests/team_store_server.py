"""A real PostgreSQL server for the tests, started by them: initdb into a temporary folder, pg_ctl start on a
free localhost port (its Unix socket in that folder too), stopped when the test session ends.

PostgreSQL refuses to run as root: when the tests run as root, the server runs as the `postgres` system user
(the Debian package makes it), or as `nobody`, through runuser. The binaries are Debian's (scripts/setup-system
installs the `postgresql` package). `server()` starts it once per process; `stop()` is idempotent.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass

import pytest


def _binaries() -> str | None:
    found = shutil.which("pg_ctl")
    if found:
        return os.path.dirname(os.path.realpath(found))
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return os.path.dirname(versions[-1]) if versions else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    folder: str
    port: int
    bin: str
    run_as: list[str]
    stopped: bool = False

    @property
    def admin_url(self) -> str:
        return self.url("postgres", "postgres")

    def url(self, database: str, user: str = "postgres") -> str:
        return f"postgresql://{user}@localhost:{self.port}/{database}"

    def pg_ctl(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.run_as, os.path.join(self.bin, "pg_ctl"), "-D", os.path.join(self.folder, "data"), *arguments],
            capture_output=True,
            text=True,
            check=check,
            timeout=60,
        )

    durable: bool = False  # fsync on, as a real server (the benchmarks); the tests need no crash safety

    def start(self) -> None:
        log = os.path.join(self.folder, "server.log")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=localhost -c max_connections=60"
        if not self.durable:
            options += " -c fsync=off"
        self.pg_ctl("-w", "-t", "30", "-l", log, "-o", options, "start")

    def stop(self) -> None:
        if not self.stopped:
            self.pg_ctl("-m", "immediate", "-w", "stop", check=False)
            shutil.rmtree(self.folder, ignore_errors=True)
            self.stopped = True

    def new_database(self) -> str:
        """A new empty database; its name."""
        import psycopg

        name = f"form4_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return name

    def sql(self, database: str, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            connection.execute(statement)

    def password_login(self, database: str, name: str, password: str, grant: str = "form4_filer") -> str:
        """A login `name` that must give `password` (no password file gives it), granted `grant` in `database`
        (a team store's); its address."""
        from psycopg import sql

        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
            action = "ALTER" if exists else "CREATE"
            connection.execute(
                sql.SQL(action + " ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(name), sql.Literal(password))
            )
            connection.execute(
                sql.SQL("GRANT {}, {} TO {}").format(
                    sql.Identifier(PASSWORD_USERS), sql.Identifier(grant), sql.Identifier(name)
                )
            )
        return self.url(database, name)


_server: Server | None = None
PASSWORD_USERS = "form4_password_users"  # logins that must give a password (scram-sha-256); the others are trusted


def server(*, durable: bool = False) -> Server:
    """The session's server, started at the first call. Skips (loudly) only when no PostgreSQL is installed."""
    global _server
    if _server is not None:
        return _server
    binaries = _binaries()
    if binaries is None:
        pytest.skip(
            "NO POSTGRESQL SERVER BINARIES: run scripts/setup-system (it installs the Debian postgresql "
            "package); the team store's tests did not run"
        )
    run_as: list[str] = []
    folder = tempfile.mkdtemp(prefix="form4-pg-")
    if os.geteuid() == 0:  # postgres refuses root: run it as the postgres system user (or nobody)
        for name in ("postgres", "nobody"):
            try:
                account = pwd.getpwnam(name)
            except KeyError:
                continue
            run_as = ["runuser", "-u", name, "--"]
            os.chown(folder, account.pw_uid, account.pw_gid)
            break
        else:
            pytest.fail("the tests run as root and there is no postgres or nobody user to run PostgreSQL as")
    os.chmod(folder, 0o700)
    subprocess.run(
        [
            *run_as,
            os.path.join(binaries, "initdb"),
            "-D",
            os.path.join(folder, "data"),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    # Everyone is trusted, except the members of PASSWORD_USERS, who must give a password (the prompt's tests).
    hba = os.path.join(folder, "data", "pg_hba.conf")
    with open(hba, encoding="utf-8") as stream:
        trusted = stream.read()
    with open(hba, "w", encoding="utf-8") as stream:
        stream.write(
            f"host all +{PASSWORD_USERS} 127.0.0.1/32 scram-sha-256\nhost all +{PASSWORD_USERS} ::1/128 scram-sha-256\n"
            + trusted
        )
    _server = Server(folder, _free_port(), binaries, run_as, durable=durable)
    _server.start()
    atexit.register(_server.stop)
    _server.sql("postgres", f"CREATE ROLE {PASSWORD_USERS} NOLOGIN")
    return _server


@pytest.fixture(scope="session")
def pg_server():
    started = server()
    yield started
    started.stop()


def team_store_url(pg: Server) -> str:
    """A new team store (schema and roles made by init_store), as its filer's address."""
    from form4_desktop.store.postgres import init_store

    database = pg.new_database()
    init_store(pg.url(database))
    for role, grant in (("alice", "form4_filer"), ("bob", "form4_filer"), ("rita", "form4_reviewer")):
        pg.sql(
            database,
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} LOGIN; END IF; END $$",
        )
        pg.sql(database, f"GRANT {grant} TO {role}")
    return pg.url(database, "alice")
