"""The store's contract, on both backends: a SQLite file and a team store on a real PostgreSQL server (started
by the tests, tests/team_store_server.py). Every test here runs twice; the app and the command line must not
be able to tell the two apart."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import CORPUS, REFERENCE
from form4_desktop.edgar_xml import read_file
from form4_desktop.app.drafts import import_xml, open_store
from form4_desktop.store import ConflictError, FrozenError, NotFoundError, StoreError, TrashedError
from form4_desktop.store.drafts import CCC_FORGOTTEN
import team_store_server
from team_store_server import team_store_url
from test_rules import draft

CCC = "ab#45678"
pg_server = team_store_server.pg_server  # the session's PostgreSQL server (a fixture)


@pytest.fixture(params=["sqlite", "postgresql"])
def where(request, tmp_path):
    """Where a store lives: a file, or a new team store's address (its filer's)."""
    if request.param == "sqlite":
        return str(tmp_path / "drafts.sqlite3")
    return team_store_url(request.getfixturevalue("pg_server"))


@pytest.fixture
def store(where):
    with open_store(where) as opened:
        yield opened


def test_create_open_save_and_list(store):
    filing = draft()
    draft_id = store.create(filing)
    opened = store.open(draft_id)
    assert opened.filing == filing and opened.version == 1 and opened.status == "draft"
    assert opened.filing.reporting_owners[0].ccc == CCC
    opened.filing.remarks = "Changed."
    assert store.save(draft_id, opened.filing, opened.version) == 2
    assert store.open(draft_id).filing.remarks == "Changed."
    [row] = store.list()
    assert (row.id, row.reporting_owner, row.issuer, row.document_type, row.period_of_report, row.status) == (
        draft_id,
        "CRAGUN KENNETH S",
        "Ault Alliance, Inc. [AULT]",
        "4",
        "2023-01-09",
        "draft",
    )
    assert [row.id for row in store.list("cragun")] == [draft_id]  # case does not matter, as in SQLite
    assert [row.id for row in store.list("ault alliance")] == [draft_id]
    assert store.list("nobody at all") == []
    assert store.summary(draft_id).version == 2


def test_a_second_save_of_the_same_version_is_refused_naming_who_and_when(where):
    with open_store(where) as first, open_store(where) as second:
        first.user, second.user = "alice", "bob"
        draft_id = first.create(draft())
        mine, theirs = first.open(draft_id), second.open(draft_id)
        theirs.filing.remarks = "Theirs."
        second.save(draft_id, theirs.filing, theirs.version)
        saved_at = second.history(draft_id)[0].saved_at
        mine.filing.remarks = "Mine."
        with pytest.raises(ConflictError) as refused:
            first.save(draft_id, mine.filing, mine.version)
        assert "changed in another window or program by bob at " in str(refused.value)
        assert f"{saved_at[:10]} {saved_at[11:16]} UTC" in str(refused.value)
        assert "you opened version 1" in str(refused.value)
        assert first.open(draft_id).filing.remarks == "Theirs."
        assert [(r.version, r.saved_by) for r in first.history(draft_id)] == [(2, "bob"), (1, "alice")]


def test_not_found_trashed_and_frozen_saves_are_refused(store):
    draft_id = store.create(draft())
    with pytest.raises(NotFoundError, match="There is no draft 99 in the store"):
        store.open(99)
    with pytest.raises(NotFoundError, match="it may have been emptied from the trash"):
        store.save(99, draft(), 1)
    store.delete(draft_id)
    with pytest.raises(TrashedError, match="restore it from the trash, then save again"):
        store.save(draft_id, draft(), 1)
    store.restore(draft_id)
    store.mark_filed(draft_id, date(2023, 1, 11))
    with pytest.raises(FrozenError, match="amend it instead"):
        store.save(draft_id, draft(), 1)
    with pytest.raises(FrozenError, match="already marked filed"):
        store.mark_filed(draft_id, date(2023, 1, 11))
    with pytest.raises(NotFoundError):
        store.delete(99)


def test_trash_restore_and_empty_never_give_an_id_twice(store):
    original = store.create(draft())
    copy = store.duplicate(original)
    assert copy != original and store.open(copy).filing == store.open(original).filing
    store.delete(original)
    assert [row.id for row in store.list()] == [copy]
    assert [row.id for row in store.list(trash=True)] == [original]
    store.restore(original)
    assert {row.id for row in store.list()} == {original, copy}
    store.delete(copy)
    assert store.empty_trash() == 1
    with pytest.raises(NotFoundError):
        store.open(copy)
    newest = store.create(draft())
    assert newest == copy + 1  # the id of the draft emptied from the trash is not given again


def test_history_keeps_every_save_and_restores_an_older_one(store):
    draft_id = store.create(draft())
    version = 1
    for text in ("first change", "second change"):
        filing = store.open(draft_id).filing
        filing.remarks = text
        version = store.save(draft_id, filing, version)
    assert [revision.version for revision in store.history(draft_id)] == [3, 2, 1]
    assert store.revision(draft_id, 2).remarks == "first change"
    assert store.revision(draft_id, 2).reporting_owners[0].ccc == CCC
    assert store.restore_revision(draft_id, 1, expected_version=3) == 4
    assert store.open(draft_id).filing.remarks is None
    with pytest.raises(NotFoundError, match="has no version 9"):
        store.revision(draft_id, 9)


def test_mark_filed_and_amend(store):
    draft_id = store.create(draft())
    with pytest.raises(ConflictError, match="reopen it before marking it filed"):
        store.mark_filed(draft_id, date(2023, 1, 11), expected_version=7)
    store.mark_filed(draft_id, date(2023, 1, 11), "0001767258-23-000001", expected_version=1)
    amendment = store.open(store.amend(draft_id))
    assert amendment.filing.document_type == "4/A"
    assert amendment.filing.date_of_original_submission == date(2023, 1, 11)
    assert amendment.amends_id == draft_id and amendment.status == "draft"
    filed = store.open(draft_id)
    assert (filed.status, filed.filed_on, filed.accession_number) == ("filed", "2023-01-11", "0001767258-23-000001")
    with pytest.raises(StoreError, match="only a filed form can be amended"):
        store.amend(amendment.id)


def test_import_finds_the_same_filing_once(store):
    first = import_xml(store, REFERENCE)
    assert first.new and store.open(first.draft_id).status == "filed"
    assert import_xml(store, REFERENCE)[:2] == (first.draft_id, False)
    assert import_xml(store, CORPUS[0]).new


def test_autosave_is_kept_until_cleared(store):
    draft_id = store.create(draft())
    work = draft()
    work.remarks = "typed, not saved"
    store.write_autosave("window-1", work, draft_id, 1)
    [kept] = store.autosaves()
    assert (kept.slot, kept.draft_id, kept.base_version, kept.filing) == ("window-1", draft_id, 1, work)
    assert kept.filing.reporting_owners[0].ccc == CCC
    store.write_autosave("window-1", draft(), None, None)  # the same window's newer work replaces it
    assert [(a.slot, a.draft_id) for a in store.autosaves()] == [("window-1", None)]
    assert store.autosaves()[0].filing.reporting_owners[0].ccc == CCC  # the CCC with it (a team store lost it)
    store.clear_autosave("window-1")
    assert store.autosaves() == []
    store.write_autosave("window-2", work, draft_id, 1)
    store.save(draft_id, work, 1)  # a save of the draft makes its autosave pointless
    assert store.autosaves() == []


def test_address_book_keeps_owners_with_their_ccc_and_issuers(store):
    draft_id = store.create(draft())
    [owner] = store.known_owners("cragun")
    assert owner.cik == "0001767258" or owner.cik.lstrip("0") == "1767258"
    assert owner.ccc == CCC
    store.save(draft_id, draft(), 1)  # the owner met again keeps the CCC (a team store lost it)
    store.create(draft())
    assert [owner.ccc for owner in store.known_owners("cragun")] == [CCC]
    [issuer] = store.known_issuers("AULT")
    assert issuer.name == "Ault Alliance, Inc."
    assert store.has_owner("1767258") and not store.has_owner("42")
    assert store.forget_owner("1767258") and store.known_owners("cragun") == []


def test_forget_ccc_erases_it_everywhere_and_a_stale_window_cannot_put_it_back(store):
    draft_id = store.create(draft())
    opened = store.open(draft_id)
    store.write_autosave("window-1", opened.filing, draft_id, 1)
    assert store.forget_ccc("0001767258") == 3  # the address book, the revision, the autosave
    assert store.open(draft_id).filing.reporting_owners[0].ccc is None
    assert store.revision(draft_id, 1).reporting_owners[0].ccc is None
    assert store.autosaves()[0].filing.reporting_owners[0].ccc is None
    assert store.known_owners("cragun")[0].ccc is None
    assert store.history(draft_id)[0].saved_by.endswith(CCC_FORGOTTEN)
    with pytest.raises(ConflictError, match="was forgotten"):
        store.save(draft_id, opened.filing, opened.version)


def test_ledger_filings_and_title_merges(store):
    first = import_xml(store, REFERENCE).draft_id
    other = store.create(draft())
    store.delete(other)
    rows = store.ledger_filings("1767258")
    assert [(row.id, row.status, row.filed_on) for row in rows] == [(first, "filed", date(2023, 1, 11))]
    assert rows[0].filing == store.open(first).filing
    assert [row.id for row in store.ledger_filings("1767258", "896493")] == [first]
    assert store.ledger_filings("1767258", "1") == []
    assert store.ledger_filings("42") == []
    store.merge_titles("0001767258", "896493", "common stock par value", "common stock")
    store.merge_titles("1767258", "0000896493", "common stock par value", "common")
    assert store.title_merges("1767258", "896493") == {"common stock par value": "common"}


def test_data_version_changes_when_another_connection_commits(where):
    import time

    with open_store(where) as watcher, open_store(where) as other:
        before = watcher.data_version()
        watcher.create(draft())  # its own change leaves it as is
        assert watcher.data_version() == before
        other.create(draft())
        deadline = time.monotonic() + 5
        while watcher.data_version() == before and time.monotonic() < deadline:
            time.sleep(0.02)
        assert watcher.data_version() != before


def test_stored_content_is_the_filing_as_json(store):
    """What `form4 store copy` compares: the revision read back is the JSON of the filing saved."""
    from form4_desktop.store.codec import filing_to_json

    draft_id = store.create(draft())
    (content,) = store._db.execute(
        f"SELECT {store._content()} FROM revisions WHERE draft_id = ? AND version = 1", (draft_id,)
    ).fetchone()
    assert json.loads(content) == json.loads(filing_to_json(draft()))


def test_a_filing_date_taken_from_the_signature_is_kept_as_assumed_until_one_is_given(store, tmp_path):
    edgar_copy = import_xml(store, REFERENCE).draft_id  # signed 01/11/2023, no date given
    assumed = store.open(edgar_copy)
    assert (assumed.status, assumed.filed_on, assumed.filed_on_assumed) == ("filed", "2023-01-11", True)
    [row] = store.ledger_filings("1767258", "896493")
    assert (row.id, row.filed_on, row.filed_on_assumed) == (edgar_copy, date(2023, 1, 11), True)

    given = import_xml(store, REFERENCE, again=True, filed_on=date(2023, 1, 12)).draft_id
    assert (store.open(given).filed_on, store.open(given).filed_on_assumed) == ("2023-01-12", False)
    same_day = import_xml(store, REFERENCE, again=True, filed_on=date(2023, 1, 11)).draft_id
    assert store.open(same_day).filed_on_assumed is False  # given, though equal to the signature date

    store.set_filed_on(edgar_copy, date(2023, 1, 11))  # the user confirms the date on EDGAR
    confirmed = store.open(edgar_copy)
    assert (confirmed.filed_on, confirmed.filed_on_assumed, confirmed.version) == ("2023-01-11", False, 1)
    assert [(r.id, r.filed_on_assumed) for r in store.ledger_filings("1767258")] == [
        (edgar_copy, False),
        (given, False),
        (same_day, False),
    ]

    marked = store.create(draft())
    assert store.open(marked).filed_on_assumed is False
    store.mark_filed(marked, date(2023, 1, 10))
    assert (store.open(marked).filed_on, store.open(marked).filed_on_assumed) == ("2023-01-10", False)
    unsigned = read_file(REFERENCE)
    unsigned.signatures = []
    from_period = store.import_filed(unsigned)
    assert (store.open(from_period).filed_on, store.open(from_period).filed_on_assumed) == ("2023-01-09", True)
    with pytest.raises(StoreError, match=f"Draft {store.create(draft())} has not been filed"):
        store.set_filed_on(store.list()[0].id, date(2023, 1, 11))
    with pytest.raises(NotFoundError):
        store.set_filed_on(9999, date(2023, 1, 11))


def test_an_issuers_fiscal_year_end_is_kept_and_is_a_day_of_the_year(store):
    assert store.fiscal_year_end("896493") == (12, 31)  # the default
    store.set_fiscal_year_end("0000896493", 6, 30)
    assert store.fiscal_year_end("896493") == (6, 30)  # the CIK with or without zeros in front
    assert store.fiscal_year_end("0000896493") == (6, 30)
    assert store.fiscal_year_end("320193") == (12, 31)  # another issuer keeps the default
    store.set_fiscal_year_end("896493", 2, 29)  # February's last day, in leap years and others
    assert store.fiscal_year_end("896493") == (2, 29)
    for month, day in ((2, 30), (13, 1), (0, 10), (4, 31)):
        with pytest.raises(StoreError, match=rf"fiscal year end {month}/{day} of issuer 896493 is not a day"):
            store.set_fiscal_year_end("896493", month, day)
    assert store.fiscal_year_end("896493") == (2, 29)  # a refused one changes nothing
    for cik in ("AULT", "12345678901", ""):
        with pytest.raises(StoreError, match="is not an issuer's CIK"):
            store.set_fiscal_year_end(cik, 12, 31)
