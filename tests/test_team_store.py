"""The team store on a real PostgreSQL server (started by the tests): who may read a CCC, several processes on
one store, a server gone mid-save, `form4 store init` and `form4 store copy`, passwords kept out of sight."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from conftest import CORPUS, REFERENCE
from form4_desktop.app.drafts import export_draft_xml, import_xml, open_store
from form4_desktop.cli import main
from form4_desktop.edgar_xml import Copy, read_file
from form4_desktop.edgar_xml.canonical import compare_bytes
from form4_desktop.app.autosave import Autosaver, new_slot
from form4_desktop.store import ConflictError, ServerUnreachableError, StoreError
from form4_desktop.store.copying import copy_store
from form4_desktop.store import passwords, postgres
from form4_desktop.store.codec import filing_to_json
from form4_desktop.store.postgres import PostgresStore, display_url, init_store, translate
import team_store_server
from team_store_server import team_store_url
from test_rules import draft

CCC = "ab#45678"
pg_server = team_store_server.pg_server  # the session's PostgreSQL server (a fixture)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def url(pg_server):
    return team_store_url(pg_server)


def as_user(url: str, user: str) -> str:
    return url.replace("alice@", f"{user}@")


def test_a_reviewer_reads_drafts_but_never_a_ccc(url):
    with open_store(url) as filer:
        draft_id = filer.create(draft())
    with open_store(as_user(url, "rita")) as reviewer:
        assert reviewer.read_only is not None and not reviewer.reads_cccs
        opened = reviewer.open(draft_id)
        assert opened.filing.reporting_owners[0].name == "CRAGUN KENNETH S"
        assert opened.filing.reporting_owners[0].ccc is None
        assert reviewer.known_owners("cragun")[0].ccc is None
        with pytest.raises(StoreError, match="Your role may only read the team store .* nothing was saved"):
            reviewer.save(draft_id, opened.filing, opened.version)
        with pytest.raises(StoreError, match="a copy would lose them"):
            copy_store(reviewer, reviewer)
    with psycopg.connect(as_user(url, "rita")) as connection:
        for table in ("revisions", "autosaves", "known_owners"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=f"permission denied for table {table}"):
                connection.execute(f"SELECT cccs FROM {table}")
            connection.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("SELECT form4_with_cccs(content, cccs) FROM revisions")
        connection.rollback()
        (content,) = connection.execute("SELECT content FROM revisions").fetchone()
        assert CCC not in content and "CRAGUN" in content  # the CCC is not in the JSON a reviewer may read


def test_the_ccc_is_kept_only_in_the_fenced_column(url, pg_server):
    with open_store(url) as store:
        store.create(draft())
        store.write_autosave("w", draft(), None, None)
    database = url.rsplit("/", 1)[1]
    with psycopg.connect(pg_server.url(database)) as connection:
        for table in ("revisions", "autosaves", "known_owners"):
            content, cccs = connection.execute(f"SELECT content, cccs FROM {table}").fetchone()
            assert CCC not in content and cccs == [CCC], table


def test_store_init_is_versioned_and_idempotent_and_an_uninitialised_database_is_refused(pg_server, capsys):
    database = pg_server.new_database()
    with pytest.raises(StoreError, match="holds no Form 4 Desktop store yet; .* form4 store init"):
        open_store(pg_server.url(database))
    assert main(["store", "init", pg_server.url(database)]) == 0
    assert "is ready (schema version 3); give people its roles with --filer" in capsys.readouterr().out
    assert main(["store", "init", pg_server.url(database)]) == 0
    assert "was already up to date" in capsys.readouterr().out
    assert init_store(pg_server.url(database)) == (3, 3)
    pg_server.sql(database, "UPDATE form4_schema SET version = 99")
    with pytest.raises(StoreError, match="newer Form 4 Desktop \\(schema version 99\\)"):
        open_store(pg_server.url(database))


def _team_store_at_version_1_with_filed_drafts(pg_server, monkeypatch) -> tuple[str, dict[str, int]]:
    """A team store at schema version 1 (what the program of that version made) holding filed drafts as it wrote
    them, with no provenance of their filing dates: its admin address, and the drafts' ids by what they are."""
    database = pg_server.new_database()
    with monkeypatch.context() as old_program:
        old_program.setattr(postgres, "MIGRATIONS", postgres.MIGRATIONS[:1])
        old_program.setattr(postgres, "_ROLES", postgres._ROLES.replace(", fiscal_year_ends", ""))
        assert init_store(pg_server.url(database)) == (0, 1)
    edgar_copy = read_file(REFERENCE)  # signed 01/11/2023
    unsigned = read_file(REFERENCE)
    unsigned.signatures = []
    cases = {
        "imported, dated from its signature": (edgar_copy, "2023-01-11"),
        "imported with another date given": (edgar_copy, "2023-01-13"),
        "imported unsigned, dated from box 3": (unsigned, "2023-01-09"),
        "filed, no date known": (edgar_copy, None),
        "marked filed in the app on its signature date": (draft(), "2023-01-11"),
    }
    with psycopg.connect(pg_server.url(database), autocommit=True) as connection:
        for number, (filing, filed_on) in enumerate(cases.values(), start=1):
            connection.execute(
                "INSERT INTO drafts (id, created_at, updated_at, version, status, document_type, filed_on, "
                "issuer_cik, owner_ciks) VALUES (%s, 'x', 'x', 1, 'filed', '4', %s, '0000896493', '0001767258')",
                (number, filed_on),
            )
            connection.execute(
                "INSERT INTO revisions (draft_id, version, saved_at, content) VALUES (%s, 1, 'x', %s)",
                (number, filing_to_json(filing)),
            )
    return pg_server.url(database), {name: number for number, name in enumerate(cases, start=1)}


def test_a_team_store_at_version_1_keeps_which_filing_dates_were_assumed(pg_server, monkeypatch):
    admin, ids = _team_store_at_version_1_with_filed_drafts(pg_server, monkeypatch)
    with pytest.raises(StoreError, match="is at schema version 1; its administrator upgrades it with form4 store init"):
        open_store(admin)
    assert init_store(admin) == (1, 3)
    with open_store(admin) as store:
        assert {name: store.open(number).filed_on_assumed for name, number in ids.items()} == {
            "imported, dated from its signature": True,
            "imported with another date given": False,
            "imported unsigned, dated from box 3": True,
            "filed, no date known": True,
            "marked filed in the app on its signature date": False,
        }
        assert store.open(ids["marked filed in the app on its signature date"]).filing.reporting_owners[0].ccc == CCC
        store.set_fiscal_year_end("896493", 6, 30)
    pg_server.sql(
        admin.rsplit("/", 1)[1],
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vicky') THEN CREATE ROLE vicky LOGIN; END IF; END $$",
    )
    pg_server.sql(admin.rsplit("/", 1)[1], "GRANT form4_reviewer TO vicky")
    with open_store(admin.replace("postgres@", "vicky@")) as reviewer:  # the new table is granted to the roles
        assert reviewer.fiscal_year_end("0000896493") == (6, 30)
        assert reviewer.open(ids["filed, no date known"]).filed_on_assumed is True


def test_a_team_store_migration_that_fails_changes_nothing(pg_server, monkeypatch):
    admin, _ = _team_store_at_version_1_with_filed_drafts(pg_server, monkeypatch)

    def unreadable(content, status, filed_on):  # the migration fails after its ALTER TABLE
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(postgres, "filed_on_was_assumed", unreadable)
    with pytest.raises(RuntimeError):
        init_store(admin)
    with psycopg.connect(admin) as connection:
        assert connection.execute("SELECT version FROM form4_schema").fetchone() == (1,)
        assert connection.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'drafts' "
            "AND column_name = 'filed_on_assumed'"
        ).fetchone() == (0,)
        assert connection.execute("SELECT to_regclass('fiscal_year_ends')").fetchone() == (None,)


def test_store_init_creates_the_database_and_grants_the_roles(pg_server, capsys):
    pg_server.sql(
        "postgres",
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vera') THEN "
        "CREATE ROLE vera LOGIN; END IF; END $$",
    )
    pg_server.sql(
        "postgres",
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fred') THEN "
        "CREATE ROLE fred LOGIN; END IF; END $$",
    )
    url = pg_server.url("office_new_db")
    assert main(["store", "init", url, "--filer", "fred", "--reviewer", "vera"]) == 0
    assert "is ready (schema version 3); form4_filer: fred; form4_reviewer: vera." in capsys.readouterr().out
    with open_store(url.replace("postgres@", "fred@")) as filer:
        draft_id = filer.create(draft())
    with open_store(url.replace("postgres@", "vera@")) as reviewer:
        assert reviewer.read_only is not None and reviewer.open(draft_id).filing.reporting_owners[0].ccc is None


def test_a_password_is_never_taken_from_the_address_nor_shown(pg_server, caplog):
    secret = "s3cret-word"
    with pytest.raises(StoreError, match="holds a password; .*~/.pgpass") as refused:
        open_store(f"postgresql://alice:{secret}@localhost:{pg_server.port}/x")
    assert secret not in str(refused.value)
    with pytest.raises(StoreError) as refused:
        open_store(f"postgresql://alice@localhost:{pg_server.port}/x?password={secret}&sslmode=disable")
    assert secret not in str(refused.value) and "sslmode=disable" in str(refused.value)
    assert display_url(f"postgresql://a:{secret}@h:5/d") == "postgresql://a@h:5/d"
    assert secret not in caplog.text


def test_a_password_comes_from_the_password_file(pg_server, tmp_path, monkeypatch):
    database = pg_server.new_database()
    init_store(pg_server.url(database))
    pg_server.sql(
        database,
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'paula') THEN "
        "CREATE ROLE paula LOGIN PASSWORD 'from-the-file'; END IF; END $$",
    )
    pg_server.sql(database, "GRANT form4_filer TO paula")
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"localhost:{pg_server.port}:{database}:paula:from-the-file\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    # trust authentication would accept any password: ask the server whether the password was sent
    with open_store(pg_server.url(database, "paula")) as store:
        assert store._pg.connection.info.password == "from-the-file"
        assert store.create(draft()) == 1


def test_server_gone_mid_save_is_one_sentence_and_the_store_connects_again(url, pg_server):
    with open_store(url) as store:
        draft_id = store.create(draft())
        opened = store.open(draft_id)
        opened.filing.remarks = "Typed while the server went away."
        pid = store._pg.connection.info.backend_pid
        database = url.rsplit("/", 1)[1]
        failure: list[BaseException] = []
        with psycopg.connect(pg_server.url(database), autocommit=True) as admin:
            admin.execute("SELECT pg_advisory_lock(%s)", (0x46344453,))  # the save waits inside its transaction

            def save() -> None:
                try:
                    store.save(draft_id, opened.filing, opened.version)
                except BaseException as error:  # noqa: BLE001 - the test looks at it
                    failure.append(error)

            saver = threading.Thread(target=save)
            saver.start()
            deadline = time.monotonic() + 10
            while (
                time.monotonic() < deadline
                and not admin.execute("SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted", (pid,)).fetchone()
            ):
                time.sleep(0.02)
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            saver.join(10)
        [error] = failure
        assert type(error) is ServerUnreachableError
        sentence = str(error)
        assert sentence.startswith(f"The team store {url} cannot be reached (")
        assert sentence.endswith(
            "so your changes were not saved; they are still in your window: save again once the server is back."
        )
        assert sentence.count(". ") == 0 and "\n" not in sentence
        # the whole server goes and comes back: one sentence, then the store connects again by itself
        pg_server.pg_ctl("-m", "immediate", "-w", "stop")
        try:
            with pytest.raises(StoreError, match="cannot be reached .* so your changes were not saved"):
                store.save(draft_id, opened.filing, opened.version)
            with pytest.raises(StoreError, match="cannot be reached"):
                store.list()
        finally:
            pg_server.start()
        assert store.open(draft_id).version == 1  # nothing was half saved
        assert store.save(draft_id, opened.filing, opened.version) == 2


WORKER = """
import json, random, sys, time
from form4_desktop.app.drafts import open_store
from form4_desktop.store import ConflictError
url, name, seconds, shared = sys.argv[1], sys.argv[2], float(sys.argv[3]), json.loads(sys.argv[4])
random.seed(name)
saved, refused, reads = [], [], 0
with open_store(url) as store:
    store.user = name
    own = store.create(store.open(shared[0]).filing)
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        draft_id = random.choice(shared + [own])
        opened = store.open(draft_id)
        reads += len(store.list())
        n += 1
        token = f"{name}-{n}"
        opened.filing.remarks = token
        time.sleep(random.random() * 0.005)  # others may save meanwhile
        try:
            version = store.save(draft_id, opened.filing, opened.version)
            saved.append([draft_id, version, token])
        except ConflictError as error:
            refused.append([draft_id, opened.version, str(error)])
print(json.dumps({"saved": saved, "refused": refused, "reads": reads, "own": own}))
"""


def test_several_processes_saving_the_same_and_different_drafts_lose_nothing(url):
    with open_store(url) as store:
        shared = [store.create(draft()) for _ in range(2)]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, f"worker{n}", "4", json.dumps(shared)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for n in range(4)
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        results.append(json.loads(out))
    saved = [tuple(entry) for result in results for entry in result["saved"]]
    refused = [entry for result in results for entry in result["refused"]]
    assert len(saved) > 20 and refused, (len(saved), len(refused))  # the same drafts were really fought over
    assert all("changed in another window or program by worker" in sentence for _, _, sentence in refused)
    with open_store(url) as store:
        for draft_id in {entry[0] for entry in saved}:
            history = store.history(draft_id)
            # every save reported as done is there, at the version it was given, with what it saved ...
            mine = {version: token for d, version, token in saved if d == draft_id}
            assert [r.version for r in history] == list(range(len(mine) + 1, 0, -1))
            for version, token in mine.items():
                assert store.revision(draft_id, version).remarks == token
            # ... and each was made from the version before it: no save went over another's unseen
            assert len(mine) == len(history) - 1
    print(f"{len(saved)} saves, {len(refused)} refused, {sum(r['reads'] for r in results)} rows listed")


def test_the_corpus_imported_into_a_team_store_exports_back_equal(url, tmp_path):
    assert len(CORPUS) == 307
    started = time.monotonic()
    with open_store(url) as store:
        ids = {path: import_xml(store, path).draft_id for path in CORPUS}
        for path, draft_id in ids.items():
            out = tmp_path / "out.xml"
            export_draft_xml(store, draft_id, out, Copy.RECORD)
            assert compare_bytes(path.read_bytes(), out.read_bytes()) == [], path.name
    assert time.monotonic() - started < 60


def test_store_copy_both_ways_is_checked_and_equal(url, tmp_path, capsys):
    source = tmp_path / "drafts.sqlite3"
    with open_store(source) as store:
        first = import_xml(store, CORPUS[0]).draft_id
        store.amend(first)
        edited = store.create(draft())
        opened = store.open(edited)
        opened.filing.remarks = "second version"
        store.save(edited, opened.filing, 1)
        store.write_autosave("w", draft(), edited, 2)
        store.merge_titles("1", "2", "a", "b")
        store.set_fiscal_year_end("896493", 6, 30)
        gone = store.create(draft())
        store.delete(gone)
        store.empty_trash()
        trashed = store.create(draft())
        store.delete(trashed)
    assert main(["store", "copy", str(source), url]) == 0
    captured = capsys.readouterr()
    assert "was copied into" in captured.out and "and checked: 4 drafts, 5 versions" in captured.out
    assert "[##############################] " in captured.err
    back = tmp_path / "back.sqlite3"
    assert main(["store", "copy", url, str(back)]) == 0
    capsys.readouterr()
    with open_store(source) as one, open_store(url) as team, open_store(back) as other:
        assert one.list() == team.list() == other.list()
        assert one.list(trash=True) == team.list(trash=True) == other.list(trash=True)
        assert team.open(edited).filing.reporting_owners[0].ccc == CCC
        assert [a.filing for a in team.autosaves()] == [a.filing for a in other.autosaves()]
        assert one.history(edited) == team.history(edited) == other.history(edited)
        assert one.open(first).filed_on_assumed and team.open(first).filed_on_assumed  # dated from its signature
        assert other.open(first) == team.open(first) == one.open(first)
        assert one.fiscal_year_end("896493") == team.fiscal_year_end("896493") == other.fiscal_year_end("896493")
        assert team.fiscal_year_end("896493") == (6, 30)
        assert team.create(draft()) == other.create(draft()) == trashed + 1  # ids are never given twice


def test_store_copy_refuses_a_store_that_is_not_empty_and_leaves_no_file(url, tmp_path, capsys):
    with open_store(url) as store:
        store.create(draft())
    source = tmp_path / "drafts.sqlite3"
    with open_store(source) as store:
        store.create(draft())
    with pytest.raises(StoreError, match="is not empty \\(1 drafts.*Nothing was copied"):
        with open_store(source) as one, open_store(url) as team:
            copy_store(one, team)
    assert main(["store", "copy", url, str(source)]) == 2
    assert "exists" in capsys.readouterr().err


def test_a_copy_that_differs_is_not_said_to_be_done(url, tmp_path, monkeypatch):
    from form4_desktop.store import copying

    source = tmp_path / "drafts.sqlite3"
    with open_store(source) as store:
        store.create(draft())
    original = copying._normal

    def damaged(columns, row):  # the copy's reading of one revision differs from the source's
        normal = original(columns, row)
        if "saved_by" in columns and row[0] == 1 and isinstance(row[-1], str) and '"filing": {' in row[-1]:
            return normal[:-1] + ({"changed": True},)
        return normal

    monkeypatch.setattr(copying, "_normal", damaged)
    with open_store(source) as one, open_store(url) as team:
        with pytest.raises(StoreError, match="differs from the store .* in revisions 1, 1; do not use the copy"):
            copy_store(one, team)


def test_the_dialect_is_translated_once():
    assert translate("SELECT a FROM t WHERE b IS ? AND c LIKE ? AND instr(d, 'x') > 0 AND e = :name") == (
        "SELECT a FROM t WHERE b IS NOT DISTINCT FROM %s AND c ILIKE %s AND strpos(d, 'x') > 0 AND e = %(name)s"
    )


def test_a_team_store_revision_names_the_database_login_that_saved_it(url):
    with open_store(url) as alice, open_store(as_user(url, "bob")) as bob:
        draft_id = alice.create(draft())
        opened = bob.open(draft_id)
        bob.save(draft_id, opened.filing, opened.version)
        assert [r.saved_by for r in alice.history(draft_id)] == ["bob", "alice"]


def test_the_url_is_logged_without_a_password(url, caplog):
    caplog.set_level(logging.INFO, logger="form4_desktop.store")
    with open_store(url):
        pass
    assert f"team store {url} opened (filer)" in caplog.text


def test_form4_commands_work_the_same_on_a_team_store(url, tmp_path, capsys, monkeypatch):
    from conftest import REFERENCE

    assert main(["import", str(REFERENCE), "--store", url]) == 0
    assert capsys.readouterr().out.startswith("1\t")
    monkeypatch.setenv("FORM4_STORE", url)
    assert main(["list"]) == 0
    assert "CRAGUN KENNETH S" in capsys.readouterr().out
    assert main(["export", "1", "--xml", str(tmp_path / "out.xml")]) == 0
    assert compare_bytes(REFERENCE.read_bytes(), (tmp_path / "out.xml").read_bytes()) == []
    assert main(["holdings", "--owner", "1767258"]) == 0
    assert "Common Stock" in capsys.readouterr().out
    assert main(["store", "backup", str(tmp_path / "copy.sqlite3")]) == 2
    assert "form4 store copy" in capsys.readouterr().err
    assert isinstance(open_store(url), PostgresStore)
    assert os.environ["FORM4_STORE"] == url
    with open_store(url) as store:
        draft_id = store.create(draft())
        with pytest.raises(ConflictError):
            store.save(draft_id, store.open(draft_id).filing, 0)


def test_a_sqlite_store_on_a_network_share_is_refused_pointing_to_the_team_store(tmp_path, monkeypatch):
    from form4_desktop.store import database

    share = tmp_path / "office share"
    share.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "proc /proc proc rw 0 0\n/dev/sda1 / ext4 rw 0 0\n"
        f"fileserver:/export/drafts {str(share).replace(' ', chr(92) + '040')} nfs4 rw,relatime 0 0\n"
    )
    monkeypatch.setattr(database, "MOUNTS", str(mounts))
    with pytest.raises(StoreError) as refused:
        open_store(share / "drafts.sqlite3")
    sentence = str(refused.value)
    assert sentence == (
        f"The store {share / 'drafts.sqlite3'} is on a network share (nfs4 at {share}), where SQLite's locking fails "
        "and saves can be lost or the store damaged; keep it on this computer's own disk, or share drafts through a "
        "team store on PostgreSQL (form4 store init, then --store postgresql://…)."
    )
    assert not (share / "drafts.sqlite3").exists()  # refused before anything was made
    with open_store(tmp_path / "drafts.sqlite3") as local:  # beside it, on a local disk: fine
        assert local.read_only is None
    mounts.write_text(mounts.read_text().replace("nfs4", "cifs"))
    with pytest.raises(StoreError, match="on a network share \\(cifs at "):
        open_store(share / "sub" / "drafts.sqlite3")
    # Windows: a UNC path, however it is spelt; a local long path is not one
    for path in (
        "\\\\server\\share\\drafts.sqlite3",
        "//server/share/drafts.sqlite3",
        "\\\\?\\UNC\\server\\share\\d.sqlite3",
    ):
        assert database.network_share(path, windows=True) == "a Windows network path", path
    for path in ("C:\\Users\\me\\drafts.sqlite3", "\\\\?\\C:\\Users\\me\\drafts.sqlite3"):
        assert database.network_share(path, windows=True) is None, path


@pytest.fixture
def recovery(tmp_path, monkeypatch):
    """This computer's folder for a team store's autosaves while its server cannot be reached (the test's own)."""
    folder = tmp_path / "recovery"
    monkeypatch.setenv("FORM4_RECOVERY_DIR", str(folder))
    return folder


def _kept_here(folder: Path) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(folder.glob("*/*.json"))]


def test_server_gone_while_editing_keeps_the_autosave_on_this_computer_until_it_is_back(url, pg_server, recovery):
    with open_store(url) as store:
        draft_id = store.create(draft())
        opened = store.open(draft_id)
        now = [0.0]
        autosaver = Autosaver(store, new_slot(), clock=lambda: now[0])
        opened.filing.remarks = "Typed with the server there."
        autosaver.changed(opened.filing, draft_id, opened.version)
        assert autosaver.kept_locally is None and [a.filing.remarks for a in store.autosaves()] == [
            "Typed with the server there."
        ]
        pg_server.pg_ctl("-m", "immediate", "-w", "stop")
        try:
            now[0] += 2
            opened.filing.remarks = "Typed while the server was away."
            autosaver.changed(opened.filing, draft_id, opened.version)
            sentence = autosaver.kept_locally
            assert sentence is not None and sentence.startswith(f"The team store {url} cannot be reached (")
            assert sentence.endswith(
                "; what you type is kept on this computer until it is back, and the app connects again by itself."
            )
            assert sentence.count(". ") == 0 and "\n" not in sentence
            [kept] = _kept_here(recovery)  # on this computer, the user's only (it holds the CCC)
            assert (kept["store"], kept["slot"], kept["draft_id"], kept["base_version"]) == (
                url,
                autosaver.slot,
                draft_id,
                1,
            )
            assert json.loads(kept["content"])["filing"]["remarks"] == "Typed while the server was away."
            [kept_file] = recovery.glob("*/*.json")
            assert oct(kept_file.stat().st_mode & 0o777) == "0o600"
            assert oct(kept_file.parent.stat().st_mode & 0o777) == "0o700"
            # what a start offers back while the server is still gone: what was kept here
            [offered] = store.autosaves()
            assert (offered.slot, offered.filing.remarks) == (autosaver.slot, "Typed while the server was away.")
            with pytest.raises(ServerUnreachableError, match="so your changes were not saved; they are still in"):
                store.save(draft_id, opened.filing, opened.version)
        finally:
            pg_server.start()
        now[0] += 2
        assert autosaver.poll()  # the server is back: the autosave goes back to it
        assert autosaver.kept_locally is None and _kept_here(recovery) == []
        database = url.rsplit("/", 1)[1]
        with psycopg.connect(pg_server.url(database)) as admin:
            [(content,)] = admin.execute("SELECT content FROM autosaves").fetchall()
        assert json.loads(content)["filing"]["remarks"] == "Typed while the server was away."
        assert store.save(draft_id, opened.filing, opened.version) == 2  # connected again by itself
        autosaver.saved()
        assert store.autosaves() == []


def test_an_autosave_kept_on_this_computer_is_offered_after_a_crash_and_cleared_with_the_servers(
    url, pg_server, recovery
):
    store = open_store(url)
    draft_id = store.create(draft())
    opened = store.open(draft_id)
    autosaver = Autosaver(store, "window:elsewhere:1:1")
    opened.filing.remarks = "Typed, then the app crashed while the server was away."
    pg_server.pg_ctl("-m", "immediate", "-w", "stop")
    try:
        autosaver.changed(opened.filing, draft_id, opened.version)
        assert autosaver.kept_locally is not None
    finally:
        pg_server.start()
    # the app is gone without a word (no close); the next start, with the server back, offers what was typed
    with open_store(url) as again:
        [offered] = again.autosaves()
        assert (offered.slot, offered.draft_id, offered.base_version) == ("window:elsewhere:1:1", draft_id, 1)
        assert offered.filing.remarks == "Typed, then the app crashed while the server was away."
        assert offered.filing.reporting_owners[0].ccc == CCC
        assert again.forget_ccc("1767258") >= 1  # forgetting a CCC erases it here too
        assert json.loads(_kept_here(recovery)[0]["content"])["filing"]["reporting_owners"][0]["ccc"] is None
        assert not [path for path in recovery.glob("*/*") if CCC.encode() in path.read_bytes()]
        again.clear_autosave(offered.slot)
        assert again.autosaves() == [] and _kept_here(recovery) == []


def test_a_server_that_does_not_answer_is_asked_again_only_every_few_seconds(url, monkeypatch):
    attempts = []

    def no_answer(address, password=None, timeout=None):  # the network is down: each attempt waits its timeout
        attempts.append(timeout)
        time.sleep(postgres.SLOW_SECONDS)
        raise psycopg.OperationalError("connection timeout expired")

    with open_store(url) as store:
        store._pg._connection.close()  # the connection is lost ...
        monkeypatch.setattr(postgres, "_connect", no_answer)  # ... and the server does not answer
        started = time.monotonic()
        for _ in range(5):  # a window's timers: after the first wait, each call fails at once
            assert store.connection_problem() == "connection timeout expired"
        assert attempts == [postgres.RECONNECT_TIMEOUT]  # one attempt, waiting less than a first connection
        assert time.monotonic() - started < 2 * postgres.SLOW_SECONDS + 0.5
        monkeypatch.undo()
        monkeypatch.setattr(postgres, "RETRY_SECONDS", 0.0)  # the few seconds have passed
        assert store.connection_problem() is None  # the server answers again: connected again
        assert store.create(draft()) == 1


SECRET = "correct horse 42"


class _Terminal:
    """Standard input on a terminal (getpass reads the password from it without echo)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def no_password_file(tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)


def test_the_command_line_asks_for_a_password_on_a_terminal_and_never_shows_or_logs_it(
    url, pg_server, no_password_file, monkeypatch, capsys, caplog
):
    address = pg_server.password_login(url.rsplit("/", 1)[1], "petra", SECRET)
    typed = iter(["not the password", SECRET])
    asked = []
    monkeypatch.setattr(passwords.getpass, "getpass", lambda prompt: asked.append(prompt) or next(typed))
    monkeypatch.setattr(passwords.sys, "stdin", _Terminal())
    with caplog.at_level(logging.DEBUG):
        assert main(["list", "--store", address]) == 0
    out, err = capsys.readouterr()
    assert asked == [f"Password for the team store {address}: "] * 2  # asked again after a wrong one
    assert err == "form4: The team store refused that password; type it again.\n"
    assert SECRET not in out + err + caplog.text and "not the password" not in caplog.text
    log_file = Path(os.environ["FORM4_LOG_DIR"]) / "form4.log"
    assert not log_file.exists() or SECRET not in log_file.read_text(errors="replace")


def test_without_a_terminal_the_command_line_asks_nothing_and_points_to_the_password_file(
    url, pg_server, no_password_file, monkeypatch, capsys
):
    address = pg_server.password_login(url.rsplit("/", 1)[1], "petra", SECRET)
    monkeypatch.setattr(passwords.getpass, "getpass", lambda prompt: pytest.fail("asked without a terminal"))
    assert main(["list", "--store", address]) == 2
    err = capsys.readouterr().err
    assert f"The team store {address} refused the connection (" in err and "no password supplied" in err
    assert err.rstrip().endswith("or a service file, never on the command line.")


def test_a_password_typed_once_connects_again_after_the_server_was_gone_without_asking_again(
    url, pg_server, no_password_file, caplog
):
    address = pg_server.password_login(url.rsplit("/", 1)[1], "petra", SECRET)
    asked = []
    passwords.set_password_prompt(lambda shown, problem: asked.append((shown, problem)) or SECRET)
    try:
        with caplog.at_level(logging.DEBUG), open_store(address) as store:
            assert asked == [(address, "")]
            draft_id = store.create(draft())
            pg_server.pg_ctl("-m", "immediate", "-w", "stop")
            try:
                with pytest.raises(ServerUnreachableError):
                    store.list()
            finally:
                pg_server.start()
            assert [row.id for row in store.list()] == [draft_id]  # connected again with the password kept
            assert asked == [(address, "")] and store._pg.connection.info.user == "petra"
        assert SECRET not in caplog.text
    finally:
        passwords.set_password_prompt(None)


def test_the_team_store_lists_its_drafts_in_the_order_of_an_index_without_sorting_them(url, pg_server):
    with open_store(url) as store:
        store.create(draft())
        database = url.rsplit("/", 1)[1]
        pg_server.sql(  # 10,000 drafts, as an office's store holds after some years (the list reads no revision)
            database,
            "INSERT INTO drafts (id, created_at, updated_at, version, document_type, owner_names, issuer_name) "
            "SELECT n, 'x', to_char(timestamp '2020-01-01' + n * interval '1 minute', 'YYYY-MM-DD\"T\"HH24:MI:SS'), "
            "1, '4', 'OWNER ' || n, 'ISSUER' FROM generate_series(2, 10001) AS n",
        )
        pg_server.sql(database, "VACUUM ANALYZE drafts")
        plans: list[list[str]] = []

        class Explained:  # the connection, which also explains each list query where and as it runs
            def __init__(self, connection):
                self.connection = connection

            def __getattr__(self, name):
                return getattr(self.connection, name)

            def execute(self, sql, parameters=None):
                if sql.startswith("SELECT id, owner_names"):
                    plans.append([line for (line,) in self.connection.execute("EXPLAIN " + sql, parameters)])
                return self.connection.execute(sql, parameters)

        store._pg._connection = Explained(store._pg._connection)  # type: ignore[assignment]
        listed = store.list()
        assert len(listed) == 10_001 and listed[0].reporting_owner == "CRAGUN KENNETH S"  # the newest first
        assert [row.reporting_owner for row in (listed[1], listed[-1])] == ["OWNER 10001", "OWNER 2"]
        [plan] = plans
        assert plan[0].startswith("Index Only Scan using drafts_listed on drafts"), plan  # no "Sort" above it
        assert not [line for line in plan if "Sort" in line], plan
