"""The Section 16(b) short-swing report (Compliance ▸ Short-swing profit (16(b))…): for one reporting owner and
issuer of the store, each matched purchase and sale less than six months apart (the pairs and the total
`form4 short-swing` prints, by the courts' lowest-in, highest-out method), what was not matched and why, and the
plain statement that a derivative is never matched with its underlying stock. The second tab is the pre-clearance
what-if (`form4 what-if`): a proposed purchase or sale, what it would match, the potential profit, how much the
recoverable profit would grow, and the Form 4's due date if it were executed that day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from form4_desktop.app import compliance, short_swing_report
from form4_desktop.app.clock import new_york_today
from form4_desktop.gui import dialogs
from form4_desktop.gui.actions import run_action
from form4_desktop.gui.desk import cell, choose_cik, chosen_cik, party_box, report_table, wrapping
from form4_desktop.model.display import format_date
from form4_desktop.model.typed import TypedValueError, read_amount, read_date
from form4_desktop.pdf.layout import format_amount
from form4_desktop.rules.closures import Calendar
from form4_desktop.rules.short_swing import Match, plain_amount
from form4_desktop.store import DraftStore

TITLE = "Short-swing profit (Section 16(b))"
# The columns `form4 short-swing` prints, in its order, then where each side of the pair was reported.
PAIR_HEADINGS = ("Purchase date", "Sale date", "Shares", "Purchase price", "Sale price", "Profit", "Security and forms")
NOT_MATCHED_HEADINGS = ("Date", "Code", "Security", "Shares", "Price", "Form", "Why not matched")


def money(value: Decimal) -> str:
    """Dollars as a person reads them, exactly as `form4 short-swing` gives them (to the cent when that is exact,
    else every digit), with "$" and thousands separators: $1,000.00, $0.125."""
    plain = Decimal(plain_amount(value))
    return f"-${-plain:,f}" if plain < 0 else f"${plain:,f}"


def _row(path: str) -> str:
    """table_ii[2] as the form says it: Table II, row 3."""
    table, _, number = path.rstrip("]").partition("[")
    return f"{table.replace('table_', 'Table ').upper().replace('TABLE', 'Table')}, row {int(number) + 1}"


def _form(ref: object, row: str) -> str:
    return "the proposed trade" if ref == compliance.PROPOSED else f"draft {ref}, {_row(row)}"


def _rows(ref: object, rows: tuple[str, ...]) -> str:
    if len(rows) == 1:
        return _form(ref, rows[0])
    tables = sorted({_row(path).split(",")[0] for path in rows})
    return f"draft {ref}, {' and '.join(tables)}, {len(rows)} rows"


def _span(low, high, say) -> str:
    if low is None:
        return ""
    return say(low) if high is None or high == low else f"{say(low)} \u2013 {say(high)}"


def _fill_pairs(table, matches: list[Match]) -> None:
    table.setRowCount(len(matches))
    for number, pair in enumerate(matches):
        where = f"{pair.purchase.title} \u2014 bought: {_form(pair.purchase.ref, pair.purchase.path)}; sold: " + _form(
            pair.sale.ref, pair.sale.path
        )
        values = (
            (format_date(pair.purchase.when), False),
            (format_date(pair.sale.when), False),
            (format_amount(pair.shares), True),
            (money(pair.purchase.price), True),
            (money(pair.sale.price), True),
            (money(pair.profit), True),
            (where, False),
        )
        for column, (text, right) in enumerate(values):
            table.setItem(number, column, cell(text, right=right))
    table.resizeRowsToContents()


class ShortSwingView(QDialog):
    """`calendar` is for tests (default: the user's EDGAR closures)."""

    def __init__(
        self,
        store: DraftStore,
        parent: QWidget | None = None,
        *,
        owner_cik: str | None = None,
        issuer_cik: str | None = None,
        calendar: Calendar | None = None,
    ):
        super().__init__(parent)
        self.store, self.calendar = store, calendar
        self.report: short_swing_report.ShortSwingReport | None = None
        self.found: compliance.WhatIf | None = None
        self.setWindowTitle(TITLE)
        self.resize(1200, 720)

        self.owner = party_box("owner", store.known_owners(), owner_cik)
        self.issuer = party_box("issuer", store.known_issuers(), issuer_cik)
        self.owner.setToolTip("The reporting person: choose by name, or type the CIK")
        self.issuer.setToolTip("The issuer: choose by name, or type the CIK")
        show = QPushButton("Show")
        show.setObjectName("show")
        show.setAutoDefault(False)  # Enter asks what its box is for: the report above, the what-if below
        show.clicked.connect(self.refresh)
        for box in (self.owner, self.issuer):
            line = box.lineEdit()
            if line is not None:
                line.returnPressed.connect(self.refresh)
        top = QHBoxLayout()
        for label, widget in (("Reporting owner:", self.owner), ("Issuer:", self.issuer)):
            top.addWidget(QLabel(label))
            top.addWidget(widget, 1)
        top.addWidget(show)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._report_tab(), "16(b) report")
        self.tabs.addTab(self._what_if_tab(), "Pre-clearance what-if")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)  # Enter never closes it
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        if self.owner_cik() and self.issuer_cik():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        # wrapped text is measured again once the columns have their real widths
        for table in (self.pairs, self.not_matched, self.what_if_pairs):
            table.resizeRowsToContents()

    # -- the report -------------------------------------------------------------------------------------------
    def _report_tab(self) -> QWidget:
        self.total = QLabel()
        self.total.setObjectName("total")
        self.total.setWordWrap(True)
        self.pairs = report_table("pairs", PAIR_HEADINGS)
        self.derivatives = QLabel(short_swing_report.DERIVATIVE_NOTE)
        self.derivatives.setObjectName("derivatives")
        self.derivatives.setWordWrap(True)
        self.derivatives.setStyleSheet("QLabel { background: #fff4d6; padding: 4px; }")
        self.not_matched = wrapping(report_table("not_matched", NOT_MATCHED_HEADINGS))
        header = self.not_matched.horizontalHeader()
        for column, width in ((2, 190), (5, 175)):  # long titles wrap, leaving the reason room to be read
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.not_matched.setColumnWidth(column, width)
        self.not_matched_said = QLabel()
        self.not_matched_said.setObjectName("not_matched_said")
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.total)
        layout.addWidget(self.pairs, 1)
        layout.addWidget(self.derivatives)
        layout.addWidget(self.not_matched_said)
        layout.addWidget(self.not_matched, 3)
        return tab

    def owner_cik(self) -> str:
        return chosen_cik(self.owner)

    def issuer_cik(self) -> str:
        return chosen_cik(self.issuer)

    def _chosen(self) -> tuple[str, str] | None:
        owner, issuer = self.owner_cik(), self.issuer_cik()
        if not owner or not issuer:
            missing = "reporting owner" if not owner else "issuer"
            dialogs.tell(self, TITLE, f"Choose the {missing}, or type its CIK (up to 10 digits).")
            return None
        return owner, issuer

    def refresh(self) -> None:
        """The report of the owner and issuer chosen, read from the store now."""
        chosen = self._chosen()
        if chosen is None:
            return
        for box, cik in zip((self.owner, self.issuer), chosen):
            choose_cik(box, cik)  # a CIK typed shows as the name the store knows it by
        found = run_action(self, TITLE, lambda: short_swing_report.report(self.store, *chosen))
        if found is None:
            return
        self.report = found
        pairs = len(found.matches)
        self.total.setText(
            f"<b>Total potential recoverable profit: {money(found.total)}</b> \u2014 "
            + (
                f"{pairs} matched pair{'s' if pairs != 1 else ''} of a purchase and a sale less than six months apart"
                if pairs
                else "no purchase and sale at a profit less than six months apart"
            )
            + ", in the filed and imported forms of the store, matched lowest price in, highest price out."
        )
        _fill_pairs(self.pairs, found.matches)
        self.not_matched_said.setText(
            f"Not matched, and why ({sum(len(item.rows) for item in found.not_matched)} rows of the owner's forms):"
            if found.not_matched
            else "Every purchase and sale of the owner's forms is in a pair above."
        )
        table = self.not_matched
        table.setRowCount(len(found.not_matched))
        for number, item in enumerate(found.not_matched):
            values = (
                (_span(item.first, item.last, format_date), False),
                (item.code, False),
                (item.title, False),
                (format_amount(item.shares), True),
                (_span(item.low, item.high, money), True),
                (_rows(item.draft_id, item.rows), False),
                (item.why, False),
            )
            for column, (text, right) in enumerate(values):
                table.setItem(number, column, cell(text, right=right))
        table.resizeRowsToContents()
        self._default_security()

    # -- the pre-clearance what-if ----------------------------------------------------------------------------
    def _what_if_tab(self) -> QWidget:
        self.buy = QRadioButton("Buy")
        self.buy.setObjectName("buy")
        self.sell = QRadioButton("Sell")
        self.sell.setObjectName("sell")
        self.buy.setChecked(True)
        side = QButtonGroup(self)
        side.addButton(self.buy)
        side.addButton(self.sell)
        sides = QHBoxLayout()
        sides.addWidget(self.buy)
        sides.addWidget(self.sell)
        sides.addStretch(1)
        self.shares = QLineEdit()
        self.shares.setObjectName("shares")
        self.shares.setPlaceholderText("e.g. 1000")
        self.price = QLineEdit()
        self.price.setObjectName("price")
        self.price.setPlaceholderText("per share, e.g. 12.50")
        self.when = QLineEdit(format_date(new_york_today()))  # EDGAR's day, not the computer's
        self.when.setObjectName("date")
        self.when.setPlaceholderText("MM/DD/YYYY")
        self.security = QComboBox()
        self.security.setObjectName("security")
        self.security.setEditable(True)
        self.security.setToolTip("The security traded; a derivative is matched only with the same derivative")
        check = QPushButton("Check the trade")
        check.setObjectName("check")
        check.setAutoDefault(False)
        check.clicked.connect(self.check_trade)
        for box in (self.shares, self.price, self.when):
            box.returnPressed.connect(self.check_trade)
        for box, width in ((self.shares, 160), (self.price, 160), (self.when, 160), (self.security, 420)):
            box.setMaximumWidth(width)
        checking = QHBoxLayout()
        checking.addWidget(check)
        checking.addStretch(1)
        form = QFormLayout()
        form.addRow("Proposed trade:", sides)
        form.addRow("Shares:", self.shares)
        form.addRow("Price per share ($):", self.price)
        form.addRow("Trade date:", self.when)
        form.addRow("Security:", self.security)
        form.addRow("", checking)
        self.answer = QLabel("Give the proposed trade and press Check the trade.")
        self.answer.setObjectName("answer")
        self.answer.setWordWrap(True)
        self.what_if_pairs = report_table("what_if_pairs", PAIR_HEADINGS)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(self.answer)
        layout.addWidget(self.what_if_pairs, 1)
        note = QLabel(
            "The proposed trade is matched with the owner's filed, imported and drafted trades in the issuer's "
            "securities. " + short_swing_report.DERIVATIVE_NOTE
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        layout.addWidget(note)
        return tab

    def _default_security(self) -> None:
        """The owner's Table I securities to choose from (the one traded most, first)."""
        typed = self.security.currentText()
        titles: dict[str, int] = {}
        for pair in self.report.matches if self.report else []:
            for side in (pair.purchase, pair.sale):
                if side.security[0] == "I":
                    titles[side.title] = titles.get(side.title, 0) + 1
        for item in self.report.not_matched if self.report else []:
            if item.rows[0].startswith("table_i[") and item.code in ("P", "S"):
                titles[item.title] = titles.get(item.title, 0) + 1
        self.security.clear()
        self.security.addItems(sorted(titles, key=lambda title: -titles[title]) or ["Common Stock"])
        if typed and typed not in titles:
            self.security.setEditText(typed)

    def _typed(self, box: QLineEdit, name: str, read) -> object:
        """The value typed in `box`, or None after one sentence naming the box (what was typed stays)."""
        try:
            value = read(box.text())
        except TypedValueError as error:
            dialogs.tell(self, TITLE, f"{name}: {error}")
            box.setFocus()
            return None
        if value is None:
            dialogs.tell(self, TITLE, f"{name}: give a value.")
            box.setFocus()
        return value

    def check_trade(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        shares = self._typed(self.shares, "Shares", read_amount)
        if shares is None:
            return
        if shares == 0:
            dialogs.tell(self, TITLE, "Shares: give the number of shares to buy or sell (more than 0).")
            self.shares.setFocus()
            return
        price = self._typed(self.price, "Price per share", read_amount)
        if price is None:
            return
        when = self._typed(self.when, "Trade date", read_date)
        if when is None:
            return
        assert isinstance(shares, Decimal) and isinstance(price, Decimal) and isinstance(when, date)
        security = self.security.currentText().strip() or None
        found = run_action(
            self,
            TITLE,
            lambda: compliance.what_if(
                self.store,
                *chosen,
                buy=self.buy.isChecked(),
                shares=shares,
                price=price,
                when=when,
                security=security,
                calendar=self.calendar,
            ),
        )
        if found is None:
            return
        self.found = found
        _fill_pairs(self.what_if_pairs, found.matches)
        side = "Buying" if self.buy.isChecked() else "Selling"
        trade = (
            f"{side} {format_amount(shares)} share{'s' if shares != 1 else ''} of {found.security} at {money(price)} "
            f"on {format_date(when)}"
        )
        due = (
            f"If executed that day, its Form 4 is due {found.due:%a} {format_date(found.due)}, 10 p.m. ET."
            if found.due
            else "No Form 4 due date could be computed for that day."
        )
        if found.matches:
            pairs = len(found.matches)
            said = (
                f"<b>{trade} would be matched in {pairs} pair{'s' if pairs != 1 else ''}: potential profit "
                f"{money(found.profit)}.</b> The owner's recoverable profit would grow by {money(found.added)}"
                + (" (matching would also move other pairs)." if found.added != found.profit else ".")
            )
        else:
            said = (
                f"<b>{trade} would match no trade less than six months away</b>: no short-swing profit "
                f"(recoverable profit grows by {money(found.added)})."
            )
        self.answer.setText(f"{said} {due}")
