"""The compliance desk's commands (issue 15): `form4 late` (and --csv), `form4 import --filed-on`, `form4 due --store`,
`form4 form5-sweep` and `form4 what-if`, on the hand-worked cases of tests/test_compliance.py and real insiders of
the corpus (tests/data/corpus)."""

from __future__ import annotations

import csv
import shutil
from datetime import date

import pytest

from form4_desktop import cli
from form4_desktop.store import DraftStore
from test_compliance import BOTHA_2019, CORPUS, ISSUER, MUSK_2009_GRANT, NATERA, _fill, form4


def test_form4_late_prints_the_delinquent_insiders_and_writes_the_csv(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    _fill(path).close()
    out = tmp_path / "register.csv"
    args = ["late", "--store", str(path), "--issuer", ISSUER, "--year", "2024", "--today", "11/25/2024"]
    assert cli.main([*args, "--csv", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "owner_cik\towner\tlate_reports\tlate_transactions\tfailures_to_file\tassumed_dates",
        "0000000031\tOWNER 31\t1\t1\t0\tno",
        "0000000033\tOWNER 33\t0\t1\t1\tno",
    ]
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-1] == "details" and rows[1][:6] == ["0000000031", "OWNER 31", "1", "1", "0", "no"]
    assert "due 07/08/2024" in rows[1][6] and "never filed (draft 3)" in rows[2][6]


def test_form4_late_refuses_a_bad_year_or_cik(tmp_path, capsys):
    assert cli.main(["late", "--store", str(tmp_path / "x"), "--issuer", "12a", "--year", "2024"]) == 2
    assert "--issuer '12a' is not a CIK" in capsys.readouterr().err
    assert cli.main(["late", "--store", str(tmp_path / "x"), "--issuer", "12", "--year", "24"]) == 2
    assert "--year '24' is not a year" in capsys.readouterr().err


def test_form4_import_filed_on_sets_the_filing_date_even_after_10_pm(tmp_path, capsys):
    # the July 3 purchase (due Mon 07/08/2024) sent Mon 07/08 at 22:30 New York time: filed Tue 07/09, late
    folder = tmp_path / "in"
    folder.mkdir()
    from form4_desktop.edgar_xml import Copy
    from form4_desktop.app.documents import export_xml

    export_xml(form4("41", date(2024, 7, 3)), folder / "a.xml", Copy.RECORD)
    path = tmp_path / "s.sqlite3"
    assert cli.main(["import", str(folder / "a.xml"), "--store", str(path), "--filed-on", "07/08/2024 22:30"]) == 0
    with DraftStore(path) as store:
        [summary] = store.list()
        assert store.open(summary.id).filed_on == "2024-07-09"
    capsys.readouterr()
    assert cli.main(["late", "--store", str(path), "--issuer", ISSUER, "--year", "2024", "--today", "11/25/2024"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "0000000041\tOWNER 41\t1\t1\t0\tno"
    assert cli.main(["import", str(folder / "a.xml"), "--store", str(path), "--filed-on", "07/32/2024"]) == 2
    assert "--filed-on '07/32/2024' is not a date" in capsys.readouterr().err


def test_form4_due_store_lists_every_unfiled_draft_soonest_first(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    with _fill(path) as store:
        store.create(form4("34", date(2024, 11, 20), filed=False))  # Wed 11/20/2024: due Fri 11/22/2024
    assert cli.main(["due", "--store", str(path), "--today", "11/25/2024"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # draft 3: sold Tue 10/01/2024, due Thu 10/03/2024; draft 4: due Fri 11/22/2024; both late on Mon 11/25
    assert [line.split(":", 1)[0] for line in lines] == [
        "draft 3 (Form 4, OWNER 33, Ault Alliance, Inc. [AULT])",
        "draft 4 (Form 4, OWNER 34, Ault Alliance, Inc. [AULT])",
    ]
    assert lines[0].split(": ", 1)[1].startswith("due 2024-10-03 22:00 ET (")
    assert "late by 1 business day if filed on 2024-11-25" in lines[1]
    assert cli.main(["due"]) == 2


def test_form4_form5_sweep_prints_owed_and_not_owed(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    _fill(path).close()
    assert (
        cli.main(["form5-sweep", "--store", str(path), "--issuer", ISSUER, "--year", "2024", "--today", "12/02/2024"])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "owner_cik\towner\tform5\tdue\trows\treason"
    by_owner = {line.split("\t")[0]: line.split("\t") for line in lines[1:] if not line.startswith("\t")}
    assert by_owner["0000000031"][2:5] == ["not owed", "2025-02-14", "0"]
    assert by_owner["0000000033"][2:5] == ["owed", "2025-02-14", "1"]
    assert "\t3\ttable_i[0]\t4\tS\t2024-10-01\t100\tCommon Stock" in lines


def test_form4_late_and_the_sweep_take_the_fiscal_year_end_the_store_keeps_and_say_which(tmp_path, capsys):
    # The issuer's fiscal year ends 06/30 (kept in the store). Fiscal 2024 is 07/01/2023-06/30/2024: owner 31's Form 4
    # filed 07/09/2024 and owner 33's Form 4 due 10/03/2024 and never filed both belong to fiscal 2025.
    path = tmp_path / "s.sqlite3"
    with _fill(path) as store:
        store.set_fiscal_year_end(ISSUER, 6, 30)
    args = ["late", "--store", str(path), "--issuer", ISSUER, "--today", "11/25/2024"]
    assert cli.main([*args, "--year", "2024"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[1:] == []
    assert err == (
        "form4 late: the fiscal year 07/01/2023 to 06/30/2024 (its end, 06/30, as the store keeps it for issuer "
        f"{ISSUER}).\n"
    )
    assert cli.main([*args, "--year", "2025"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()[1:]] == ["0000000031", "0000000033"]
    # --fiscal-year-end 12/31 is used for this register only, and said to differ from the store's
    assert cli.main([*args, "--year", "2024", "--fiscal-year-end", "12/31"]) == 0
    out, err = capsys.readouterr()
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == ["0000000031", "0000000033"]
    assert err == (
        "form4 late: the fiscal year 01/01/2024 to 12/31/2024 (its end, 12/31, as --fiscal-year-end gives it; the "
        f"store keeps 06/30 for issuer {ISSUER}).\n"
    )
    with DraftStore(path) as store:
        assert store.fiscal_year_end(ISSUER) == (6, 30)  # not changed by the option
    # the sweep of fiscal 2025 (store's end): the Form 5 is due 45 days after 06/30/2025, Thu 08/14/2025
    sweep = ["form5-sweep", "--store", str(path), "--issuer", ISSUER, "--year", "2025", "--today", "12/02/2024"]
    assert cli.main(sweep) == 0
    out, err = capsys.readouterr()
    by_owner = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()[1:] if not line.startswith("\t")}
    assert by_owner["0000000033"][2:4] == ["owed", "2025-08-14"]
    assert err.startswith("form4 form5-sweep: the fiscal year 07/01/2024 to 06/30/2025 (its end, 06/30, as the store")


# -- the pre-clearance what-if --------------------------------------------------------------------------------------
def test_what_if_a_sale_matches_the_filed_purchase_and_says_when_its_form4_is_due(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    with DraftStore(path) as store:
        bought = form4("51", date(2024, 1, 10), shares=1000)  # 1,000 bought at $10.00 on 01/10/2024
        store.import_filed(bought, date(2024, 1, 11))
    # selling 400 at $12.50 on Mon 03/04/2024: 400 x (12.50 - 10.00) = $1,000.00; its Form 4 is due Wed 03/06
    args = ["what-if", "--store", str(path), "--owner", "51", "--issuer", ISSUER]
    assert cli.main([*args, "--sell", "400", "--price", "12.50", "--date", "03/04/2024"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "purchase_date\tsale_date\tshares\tpurchase_price\tsale_price\tprofit",
        "2024-01-10\t2024-03-04\t400\t10.00\t12.50\t1000.00",
        "total\t1000.00",
        "added\t1000.00",
        "form4_due\t2024-03-06 22:00 ET",
    ]
    # on Wed 07/10/2024, six months after 01/10 to the day, it no longer matches; due Fri 07/12/2024
    assert cli.main([*args, "--sell", "400", "--price", "12.50", "--date", "07/10/2024"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["total\t0.00", "added\t0.00", "form4_due\t2024-07-12 22:00 ET"]


# -- real insiders of the corpus -------------------------------------------------------------------------------------


@pytest.fixture
def botha_store(tmp_path):
    folder = tmp_path / "botha"
    folder.mkdir()
    for name in BOTHA_2019:
        shutil.copy(CORPUS / name, folder / name)
    path = tmp_path / "s.sqlite3"
    assert cli.main(["import", str(folder), "--store", str(path)]) == 0
    return path


def test_form4_late_on_a_real_insiders_forms4_dated_by_their_signatures(botha_store, capsys):
    # imported without --filed-on, each is taken as filed on its signature date (assumed):
    # - grant of Fri 01/25/2019, due Tue 01/29, signed Fri 02/01: late (1 transaction)
    # - M and M of Thu 05/16/2019, due Mon 05/20, signed 11/27: late (2 transactions)
    # - Fri 07/12/2019, due Tue 07/16, signed Tue 07/23: late (1 transaction)
    # - Fri 05/24 (due Wed 05/29, Memorial Day 05/27) and Fri 10/11 (due Tue 10/15, Columbus Day 10/14): on time
    # 3 late reports, 4 late transactions, no failure, dates assumed
    capsys.readouterr()
    args = ["late", "--store", str(botha_store), "--issuer", NATERA, "--year", "2019", "--today", "11/25/2026"]
    assert cli.main(args) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["0001222287\tBOTHA ROELOF\t3\t4\t0\tyes"]
    assert cli.main([*args[:-4], "--year", "2020", "--today", "11/25/2026"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == []


def test_form4_import_filed_on_a_real_insiders_copy_is_not_assumed(tmp_path, capsys):
    # Musk's Form 4 of an option granted Fri 12/04/2009 (due Tue 12/08/2009), imported as filed 01/26/2011: one
    # late report of one transaction in fiscal 2011, the date known
    name = MUSK_2009_GRANT
    path = tmp_path / "s.sqlite3"
    assert cli.main(["import", str(CORPUS / name), "--store", str(path), "--filed-on", "01/26/2011"]) == 0
    capsys.readouterr()
    assert (
        cli.main(["late", "--store", str(path), "--issuer", "1318605", "--year", "2011", "--today", "11/25/2026"]) == 0
    )
    assert capsys.readouterr().out.splitlines()[1:] == ["0001494730\tMusk Elon\t1\t1\t0\tno"]


BOTHA_JULY_2019 = "john-friedman__datamule-python__000117911019008760__edgar.xml"  # traded Fri 07/12, signed 07/23


def test_a_copy_imported_without_filed_on_is_assumed_and_with_it_is_not_even_on_its_signature_date(tmp_path, capsys):
    # traded Fri 07/12/2019, due Tue 07/16/2019; filed Tue 07/23/2019, the day it was signed: late either way. Without
    # --filed-on the register takes the signature date and says so (assumed yes); with --filed-on 07/23/2019 the date
    # is the user's (assumed no), though it is the same day. The store keeps which it was (Draft.filed_on_assumed).
    late = ["late", "--issuer", NATERA, "--year", "2019", "--today", "11/25/2026"]
    for given, assumed in ((None, "yes"), ("07/23/2019", "no")):
        path = tmp_path / f"{assumed}.sqlite3"
        dated = ["--filed-on", given] if given else []
        assert cli.main(["import", str(CORPUS / BOTHA_JULY_2019), "--store", str(path), *dated]) == 0
        with DraftStore(path) as store:
            [row] = store.ledger_filings("1222287", NATERA)
            assert (row.filed_on, row.filed_on_assumed) == (date(2019, 7, 23), given is None)
        capsys.readouterr()
        assert cli.main([*late, "--store", str(path)]) == 0
        assert capsys.readouterr().out.splitlines()[1:] == [f"0001222287\tBOTHA ROELOF\t1\t1\t0\t{assumed}"]


RABOIS, AFFIRM = "1539865", "1820953"
RABOIS_2024 = [  # Keith Rabois's sales of Affirm Class A Common Stock in 2024 (tests/data/corpus)
    "john-friedman__datamule-python__000162828024011724__wk-form4_1710799270.xml",  # 03/14: 5 rows, $33.29-$38.195
    "john-friedman__datamule-python__000162828024020385__wk-form4_1714773577.xml",  # 05/01: $31.811-$33.478
    "john-friedman__datamule-python__000162828024026836__wk-form4_1717618445.xml",  # 06/03
    "john-friedman__datamule-python__000162828024030951__wk-form4_1719957769.xml",  # 07/01
]


def test_what_if_a_real_insider_bought_after_his_sales_lowest_in_highest_out(tmp_path, capsys):
    # Buying 1,000 at $25 on Mon 07/15/2024 matches the sales less than six months before it (after 01/15/2024),
    # highest price first: 200 at $38.195 (200 x 13.195 = 2,639.00), 300 at $37.03 (300 x 12.03 = 3,609.00), 500 of
    # the 2,000 at $35.2945 (500 x 10.2945 = 5,147.25): 11,395.25. Due Wed 07/17/2024. On Mon 09/16/2024 the sales of
    # 03/14 are six months and two days before (a purchase on 09/16 matches sales after 03/16): the 05/01 sales of
    # 500 at $33.478 (4,239.00) and 500 of the 2,000 at $32.806 (3,903.00): 8,142.00.
    path = tmp_path / "s.sqlite3"
    assert cli.main(["import", *(str(CORPUS / name) for name in RABOIS_2024), "--store", str(path)]) == 0
    capsys.readouterr()
    args = ["what-if", "--store", str(path), "--owner", RABOIS, "--issuer", AFFIRM, "--buy", "1000", "--price", "25"]
    assert cli.main([*args, "--date", "07/15/2024"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "2024-07-15\t2024-03-14\t500\t25\t35.2945\t5147.25",
        "2024-07-15\t2024-03-14\t300\t25\t37.03\t3609.00",
        "2024-07-15\t2024-03-14\t200\t25\t38.195\t2639.00",
        "total\t11395.25",
        "added\t11395.25",
        "form4_due\t2024-07-17 22:00 ET",
    ]
    assert cli.main([*args, "--date", "09/16/2024"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "2024-09-16\t2024-05-01\t500\t25\t32.806\t3903.00",
        "2024-09-16\t2024-05-01\t500\t25\t33.478\t4239.00",
        "total\t8142.00",
        "added\t8142.00",
        "form4_due\t2024-09-18 22:00 ET",
    ]
    # his own trades are all sales: nothing to match, and what is never matched is said on stderr
    assert cli.main(["short-swing", "--store", str(path), "--owner", RABOIS, "--issuer", AFFIRM]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[1:] == ["total\t0.00"]
    assert "never with its underlying stock" in err
