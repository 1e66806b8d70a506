"""The 16(b) short-swing report in the app (Compliance ▸ Short-swing profit (16(b))…): the matched pairs and the
total exactly as `form4 short-swing` prints them for the same store, what was not matched and why, the statement
that derivatives are not matched with their underlying stock, and the pre-clearance what-if as `form4 what-if`
answers it. Profits are worked by hand in the comments."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from form4_desktop import cli  # noqa: E402
from form4_desktop.gui.short_swing_view import ShortSwingView, money  # noqa: E402
from form4_desktop.model import Footnoted  # noqa: E402
from form4_desktop.model.operations import new_filing  # noqa: E402
from form4_desktop.store import DraftStore  # noqa: E402
from test_holdings import _filing, draft  # noqa: E402

D = Decimal
OWNER, ISSUER = "1767258", "896493"  # CRAGUN KENNETH S, Ault Alliance (the reference filing's)


def _trade(when: date, code: str, shares: int, price: str):
    filing = _filing(when, shares, code, 10_000)
    filing.table_i[0].price_per_share = Footnoted(D(price))
    return filing


def _option_bought(when: date):
    """A call option bought (Table II, code P): 10 options at $2.00, exercisable at $20 until 01/01/2025."""
    filing = _filing(when, 1, "P", 10_000)
    filing.table_i = []
    row = copy.deepcopy(draft().table_ii[0])
    row.security_title = Footnoted("Call Option (right to buy)")
    row.conversion_or_exercise_price = Footnoted(D("20"))
    row.transaction_date = Footnoted(when)
    row.coding.code = "P"
    row.shares = Footnoted(D(10))
    row.price_per_share = Footnoted(D("2.00"))
    row.acquired_disposed = Footnoted("A")
    row.expiration_date = Footnoted(date(2025, 1, 1))
    filing.table_ii = [row]
    return filing


def fill(path) -> None:
    """Draft ids 1 to 6, as the comments number them."""
    with DraftStore(path) as store:
        store.import_filed(_trade(date(2024, 1, 5), "P", 100, "10.00"), date(2024, 1, 8))  # 1
        store.import_filed(_trade(date(2024, 1, 19), "P", 100, "12.00"), date(2024, 1, 23))  # 2
        store.import_filed(_trade(date(2024, 3, 1), "S", 150, "15.00"), date(2024, 3, 5))  # 3
        store.import_filed(_trade(date(2024, 2, 1), "A", 5000, "0"), date(2024, 2, 2))  # 4: an award, exempt
        store.import_filed(_option_bought(date(2024, 2, 5)), date(2024, 2, 6))  # 5: a derivative bought
        pending = _trade(date(2024, 3, 4), "S", 40, "16.00")  # 6: a sale drafted, not yet filed
        pending.schema_version = None
        store.create(pending)


def _texts(table, row: int) -> list[str]:
    return [table.item(row, column).text() for column in range(table.columnCount())]


def _as_cli(texts: list[str]) -> list[str]:
    """A row of the view's first six columns written as `form4 short-swing` writes it (ISO dates, plain numbers)."""
    dates = [date(int(t[6:]), int(t[:2]), int(t[3:5])).isoformat() for t in texts[:2]]
    return dates + [str(D(t.replace("$", "").replace(",", ""))) for t in texts[2:6]]


def _cli_values(line: str) -> list[str]:
    fields = line.split("\t")
    return fields[:2] + [str(D(value)) for value in fields[2:]]


@pytest.fixture
def path(tmp_path):
    found = tmp_path / "s.sqlite3"
    fill(found)
    return found


def test_the_report_shows_the_pairs_and_total_form4_short_swing_prints(qtbot, path, capsys):
    assert cli.main(["short-swing", "--store", str(path), "--owner", OWNER, "--issuer", ISSUER]) == 0
    printed = capsys.readouterr().out.splitlines()
    with DraftStore(path) as store:
        view = ShortSwingView(store, owner_cik=OWNER, issuer_cik=ISSUER)
        qtbot.addWidget(view)
        pairs = view.pairs
        # the columns are form4 short-swing's, in its order
        assert [pairs.horizontalHeaderItem(c).text().lower().replace(" ", "_") for c in range(6)] == printed[0].split(
            "\t"
        )
        # 100 bought at $10 (01/05) and 100 at $12 (01/19), 150 sold at $15 (03/01): lowest in first:
        # 100 x (15 - 10) = $500.00, then the other 50 x (15 - 12) = $150.00; total $650.00
        assert [_texts(pairs, r)[:6] for r in range(pairs.rowCount())] == [
            ["01/05/2024", "03/01/2024", "100", "$10.00", "$15.00", "$500.00"],
            ["01/19/2024", "03/01/2024", "50", "$12.00", "$15.00", "$150.00"],
        ]
        assert [_as_cli(_texts(pairs, r)) for r in range(pairs.rowCount())] == [
            _cli_values(line) for line in printed[1:-1]
        ]
        assert printed[-1] == "total\t650.00"
        assert "Total potential recoverable profit: $650.00" in view.total.text()
        assert "bought: draft 1, Table I, row 1; sold: draft 3, Table I, row 1" in _texts(pairs, 0)[6]


def test_the_report_says_what_was_not_matched_and_why(qtbot, path):
    with DraftStore(path) as store:
        view = ShortSwingView(store, owner_cik=OWNER, issuer_cik=ISSUER)
        qtbot.addWidget(view)
        left = {_texts(view.not_matched, r)[5]: _texts(view.not_matched, r) for r in range(view.not_matched.rowCount())}
        assert sorted(left) == [
            "draft 2, Table I, row 1",
            "draft 4, Table I, row 1",
            "draft 5, Table II, row 1",
            "draft 6, Table I, row 1",
        ]
        # the purchase at $12 is matched for 50 of its 100 shares: the sale at $15 went to the $10 purchase first
        assert left["draft 2, Table I, row 1"][:5] == ["01/19/2024", "P", "Common Stock", "50", "$12.00"]
        assert left["draft 2, Table I, row 1"][6].startswith("50 of the 100 shares: the sales at a higher price")
        assert "exempt under Rule 16b-3(d)" in left["draft 4, Table I, row 1"][6]
        assert left["draft 5, Table II, row 1"][1:3] == ["P", "Call Option (right to buy)"]
        assert "No sale of the same derivative security" in left["draft 5, Table II, row 1"][6]
        assert "in a draft not yet filed" in left["draft 6, Table I, row 1"][6]
        # the derivative-to-underlying statement is there, in plain words
        assert view.derivatives.isVisibleTo(view)
        assert "Derivative-to-underlying matching is not done automatically" in view.derivatives.text()


def test_the_what_if_answers_as_form4_what_if_does(qtbot, path, capsys):
    # Selling 100 at $14.00 on Tue 03/05/2024, with the drafted sale of 40 at $16 counted:
    # before: 40 x (16 - 10) = 240, 60 x (15 - 10) = 300, 90 x (15 - 12) = 270: $810
    # after: the same, and the 10 shares bought at $12 still free against the new sale: 10 x (14 - 12) = $20
    # Form 4 due two business days later: Thu 03/07/2024
    args = ["what-if", "--store", str(path), "--owner", OWNER, "--issuer", ISSUER]
    assert cli.main([*args, "--sell", "100", "--price", "14.00", "--date", "03/05/2024"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-3:] == ["total\t20.00", "added\t20.00", "form4_due\t2024-03-07 22:00 ET"]
    with DraftStore(path) as store:
        view = ShortSwingView(store, owner_cik=OWNER, issuer_cik=ISSUER)
        qtbot.addWidget(view)
        view.show()  # as a person sees it: Enter goes to the box's own action, not to a default button
        qtbot.waitExposed(view)
        view.tabs.setCurrentIndex(1)
        view.sell.click()
        qtbot.keyClicks(view.shares, "100")
        qtbot.keyClicks(view.price, "14.00")
        view.when.clear()
        qtbot.keyClicks(view.when, "03/05/2024")
        report = view.report
        qtbot.keyClick(view.when, Qt.Key.Key_Return)
        assert view.isVisible() and view.report is report  # Enter checked the trade only: no report read again
        table = view.what_if_pairs
        assert [_texts(table, r)[:6] for r in range(table.rowCount())] == [
            ["01/19/2024", "03/05/2024", "10", "$12.00", "$14.00", "$20.00"]
        ]
        assert [_as_cli(_texts(table, r)) for r in range(table.rowCount())] == [
            _cli_values(line) for line in printed[1:-3]
        ]
        assert "the proposed trade" in _texts(table, 0)[6]
        answer = view.answer.text()
        assert (
            "Selling 100 shares of Common Stock at $14.00 on 03/05/2024 would be matched in 1 pair: potential profit $20.00"
            in answer
        )
        assert "would grow by $20.00" in answer
        assert "Form 4 is due Thu 03/07/2024, 10 p.m. ET" in answer


def test_a_what_if_with_a_bad_price_names_the_box_and_keeps_the_typing(qtbot, path, script):
    with DraftStore(path) as store:
        view = ShortSwingView(store, owner_cik=OWNER, issuer_cik=ISSUER)
        qtbot.addWidget(view)
        qtbot.keyClicks(view.shares, "100")
        qtbot.keyClicks(view.price, "$14")
        script.expect("tell", "Short-swing", None, "Price per share: '$14'")
        view.findChild(type(view.findChild(object, "check")), "check").click()
        script.check()
        assert (view.shares.text(), view.price.text()) == ("100", "$14")
        assert view.what_if_pairs.rowCount() == 0


def test_the_report_asks_for_an_owner_it_cannot_read(qtbot, store, script):
    view = ShortSwingView(store)
    qtbot.addWidget(view)
    script.expect("tell", "Short-swing", None, "Choose the reporting owner")
    view.findChild(type(view.findChild(object, "show")), "show").click()


def test_the_compliance_menu_opens_the_report_on_the_drafts_owner_and_issuer(window, script, store):
    filing = new_filing("4")
    filing.issuer.cik, filing.issuer.name, filing.issuer.trading_symbol = ISSUER, "Ault Alliance, Inc.", "AULT"
    filing.reporting_owners[0].cik, filing.reporting_owners[0].name = OWNER, "CRAGUN KENNETH S"
    store.import_filed(_trade(date(2024, 1, 5), "P", 100, "10.00"), date(2024, 1, 8))
    store.import_filed(_trade(date(2024, 3, 1), "S", 100, "11.50"), date(2024, 3, 5))
    other = _trade(date(2024, 3, 1), "P", 5, "1.00")  # another insider, first by name: not the one chosen
    other.reporting_owners[0].cik, other.reporting_owners[0].name = "99", "ADAMS JANE"
    store.import_filed(other, date(2024, 3, 5))
    window.open_draft(store.create(filing))
    seen = {}

    def look(view):
        seen["owner"], seen["issuer"] = view.owner.currentText(), view.issuer.currentText()
        seen["pair"] = _texts(view.pairs, 0)[:6]
        return 0

    script.expect("run", "Short-swing profit (Section 16(b))", look)
    window.findChild(type(window.new_action), "short_swing").trigger()
    script.check()
    assert seen == {
        "owner": "CRAGUN KENNETH S \u2014 0001767258",
        "issuer": "Ault Alliance, Inc. [AULT] \u2014 0000896493",
        "pair": ["01/05/2024", "03/01/2024", "100", "$10.00", "$11.50", "$150.00"],  # 100 x 1.50
    }


def test_money_is_exact_with_at_least_cents():
    assert [money(D(v)) for v in ("1000", "1000.5", "0.125", "-3")] == ["$1,000.00", "$1,000.50", "$0.125", "-$3.00"]
