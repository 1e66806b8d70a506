"""`form4 import --filed-on` on a file the store already has: the day EDGAR filed it is recorded where the store
only assumed it (from the signature), or marks a draft filed; a date given before is kept, and each case says so."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from form4_desktop import cli
from form4_desktop.app import drafts
from form4_desktop.app.documents import export_xml
from form4_desktop.edgar_xml import Copy
from form4_desktop.store import DraftStore
from test_rules import draft

CORPUS = Path(__file__).parent / "data" / "corpus"
BOTHA_JULY_2019 = "john-friedman__datamule-python__000117911019008760__edgar.xml"  # traded Fri 07/12, signed 07/23
BOTHA, NATERA = "1222287", "1604821"


def _dates(path) -> list[tuple[int, date | None, bool]]:
    with DraftStore(path) as store:
        return [(row.id, row.filed_on, row.filed_on_assumed) for row in store.ledger_filings(BOTHA, NATERA)]


def test_a_copy_imported_again_with_its_filing_date_has_the_date_recorded_not_assumed(tmp_path, capsys):
    copy = tmp_path / "botha.xml"
    shutil.copy(CORPUS / BOTHA_JULY_2019, copy)
    path = tmp_path / "s.sqlite3"
    assert cli.main(["import", str(copy), "--store", str(path)]) == 0
    assert capsys.readouterr().out == f"1\t{copy}\n"
    assert _dates(path) == [(1, date(2019, 7, 23), True)]  # assumed from the signature
    late = ["late", "--store", str(path), "--issuer", NATERA, "--year", "2019", "--today", "11/25/2026"]
    # Imported again with the day EDGAR filed it: recorded on the same draft, said, no second draft.
    assert cli.main(["import", str(copy), "--store", str(path), "--filed-on", "07/24/2019"]) == 0
    assert capsys.readouterr().out == (
        f"{copy}: already in the store as draft 1; its filing date is now recorded as 07/24/2019 (it was assumed "
        "from its signature: 07/23/2019)\n"
    )
    assert _dates(path) == [(1, date(2019, 7, 24), False)]
    assert cli.main(late) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["0001222287\tBOTHA ROELOF\t1\t1\t0\tno"]  # not assumed
    # The same date again: said, nothing changes.
    assert cli.main(["import", str(copy), "--store", str(path), "--filed-on", "07/24/2019"]) == 0
    assert capsys.readouterr().out == (
        f"{copy}: already in the store as draft 1, filed on 07/24/2019 as given (--again imports it again)\n"
    )
    # Another date: the one given first is kept, and the line says so.
    assert cli.main(["import", str(copy), "--store", str(path), "--filed-on", "07/25/2019"]) == 0
    assert capsys.readouterr().out == (
        f"{copy}: already in the store as draft 1, filed on 07/24/2019, which the store keeps: --filed-on "
        "07/25/2019 is not recorded over a date given before\n"
    )
    assert _dates(path) == [(1, date(2019, 7, 24), False)]
    # Without a date, as before.
    assert cli.main(["import", str(copy), "--store", str(path)]) == 0
    assert capsys.readouterr().out == f"{copy}: already in the store as draft 1 (--again imports it again)\n"


def test_a_draft_imported_again_with_a_filing_date_is_marked_filed_on_it(tmp_path):
    submission = tmp_path / "a.xml"
    export_xml(draft(), submission, Copy.SUBMISSION)  # what a filer sends (a CCC): a draft when imported
    with DraftStore(tmp_path / "s.sqlite3") as store:
        first = drafts.import_xml(store, submission)
        assert first.new and store.open(first.draft_id).status == "draft"
        again = drafts.import_xml(store, submission, filed_on=date(2023, 1, 11))
        assert again == drafts.Imported(first.draft_id, False, drafts.DATE_MARKED_FILED, None)
        opened = store.open(first.draft_id)
        assert (opened.status, opened.filed_on, opened.filed_on_assumed) == ("filed", "2023-01-11", False)
        assert drafts.already_said("a.xml", again, date(2023, 1, 11)) == (
            f"a.xml: already in the store as draft {first.draft_id}, not yet marked filed; it is now marked filed "
            "on 01/11/2023"
        )
        assert len(store.list()) == 1
