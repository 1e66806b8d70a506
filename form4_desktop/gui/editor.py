"""The Form 4 editor: Filing, Reporting persons, Table I, Table II, Footnotes & Remarks, Signatures."""

from __future__ import annotations

import copy

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from form4_desktop.app import clock
from form4_desktop.gui.delegates import CellDelegate
from form4_desktop.gui import dialogs
from form4_desktop.gui.document import FilingDocument
from form4_desktop.gui.fields import Binder, CodeComboBox
from form4_desktop.gui.models import FootnotesModel, RowsModel
from form4_desktop.model import (
    DOCUMENT_TYPES,
    Footnote,
    ReportingOwner,
    Signature,
)
from form4_desktop.model import operations, paths
from form4_desktop.model.forms import FORM5_ITEM, FORM_TYPE_HEADER, LATE_FORM3_HOLDING, LATE_FORM4_ITEM, describe
from form4_desktop.model.operations import change_form_type
from form4_desktop.model.codes import COUNTRIES, US_STATES
from form4_desktop.model.names import conformed_signature
from form4_desktop.rules import Finding, Severity

# The form's own instructions, quoted as tooltips (SEC 1474 face and the EDGAR technical specification).
TIPS = {
    "document_type": "4 for a Form 4; 4/A to amend one that was filed.",
    "period": "Box 3 of Form 4: Date of Earliest Transaction; box 2 of Form 3: Date of Event Requiring Statement; box 3 "
    "of Form 5: Statement for Issuer's Fiscal Year Ended (Month/Day/Year).",
    "computed": "EDGAR sets this box itself from the tables: it is shown here as the form will show it, and never "
    "sent.",
    "original": "Box 4. If Amendment, Date Original Filed (Month/Day/Year).",
    "exit": "Check this box if no longer subject to Section 16. Form 4 or Form 5 obligations may continue. "
    "See Instruction 1(b).",
    "aff10b5": "Check this box to indicate that a transaction was made pursuant to a contract, instruction or written "
    "plan that is intended to satisfy the affirmative defense conditions of Rule 10b5-1(c). See Instruction 10.",
    "issuer_cik": "Box 2. The issuer's EDGAR CIK: up to 10 digits.",
    "issuer_name": "Box 2. Issuer Name (EDGAR fills it in from the CIK; kept here for your records).",
    "ticker": "Box 2. Ticker or Trading Symbol (up to 10 characters).",
    "foreign": "Box 2a. Foreign Trading Symbol, if any (up to 14 characters).",
    "owner_cik": "Box 1. The reporting person's EDGAR CIK: up to 10 digits.",
    "ccc": "The reporting person's CCC: the 8-character EDGAR access code. It is sent with the filing and never printed.",
    "owner_name": "Box 1. Name of Reporting Person (Last) (First) (Middle).",
    "street": "Box 1. (Street)",
    "city": "Box 1. (City)",
    "state": "Box 1. (State)",
    "zip": "Box 1. (Zip)",
    "non_us": "A non-US address: give the country (and the state, province or territory) instead of a US state.",
    "relationship": "Box 5. Relationship of Reporting Person(s) to Issuer (Check all applicable).",
    "officer_title": "Box 5. Officer (give title below), up to 30 characters.",
    "other_text": "Box 5. Other (specify below), up to 30 characters.",
    "remarks": "Remarks (up to 2,000 characters); list any exhibits here.",
    "signature": "** Signature of Reporting Person: the name as signed, e.g. /s/ Jane Doe, by attorney-in-fact.",
    "signature_date": "Date of the signature (Month/Day/Year).",
}


def _line(name: str, tip: str, placeholder: str = "") -> QLineEdit:
    widget = QLineEdit()
    widget.setObjectName(name)
    widget.setAccessibleName(name.replace("_", " "))
    widget.setToolTip(tip)
    widget.setWhatsThis(tip)
    widget.setPlaceholderText(placeholder)
    return widget


def _check(name: str, text: str, tip: str) -> QCheckBox:
    widget = QCheckBox(text)
    widget.setObjectName(name)
    widget.setAccessibleName(text)
    widget.setToolTip(tip)
    return widget


class FilingTab(QWidget):
    def __init__(self, document: FilingDocument, binder: Binder):
        super().__init__()
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.document = document
        self.layout_ = layout
        self.document_type = QComboBox()
        self.document_type.setObjectName("document_type")
        self.document_type.setAccessibleName("Form")
        self.document_type.setToolTip(TIPS["document_type"])
        for kind in DOCUMENT_TYPES:
            self.document_type.addItem(f"Form {kind}", kind)
        # Not bound as a plain box: a change of form keeps what fits and asks before dropping anything.
        self.document_type.activated.connect(lambda _: self.change_form_type(self.document_type.currentData()))
        binder.bindings.append((self.document_type, "document_type", self._show_document_type))
        self.period = _line("period_of_report", TIPS["period"], "MM/DD/YYYY")
        self.period.setAccessibleName("Box 3, Date of Earliest Transaction")
        binder.line(self.period, "period_of_report", kind="date")
        self.original = _line("date_of_original_submission", TIPS["original"], "MM/DD/YYYY (amendments only)")
        self.original.setAccessibleName("Box 4, Date Original Filed")
        binder.line(self.original, "date_of_original_submission", kind="date")
        self.exit_box = _check("not_subject_to_section16", "No longer subject to Section 16", TIPS["exit"])
        binder.check(self.exit_box, "not_subject_to_section16")
        self.aff10b5 = _check("aff10b5_one", "Made under a Rule 10b5-1(c) plan", TIPS["aff10b5"])
        binder.check(self.aff10b5, "aff10b5_one")
        self.issuer_cik = _line("issuer_cik", TIPS["issuer_cik"], "up to 10 digits")
        binder.line(self.issuer_cik, "issuer.cik", kind="required-text")
        self.issuer_name = _line("issuer_name", TIPS["issuer_name"])
        binder.line(self.issuer_name, "issuer.name")
        self.ticker = _line("issuer_trading_symbol", TIPS["ticker"])
        binder.line(self.ticker, "issuer.trading_symbol", kind="required-text")
        self.foreign = _line("issuer_foreign_trading_symbol", TIPS["foreign"])
        binder.line(self.foreign, "issuer.foreign_trading_symbol")
        # What EDGAR computes from the tables, shown as the paper form has it (never typed, never sent).
        self.no_securities = _check("no_securities_owned", "No securities beneficially owned", TIPS["computed"])
        self.form3_holdings = _check(
            "form3_holdings_reported",
            "Form 3 holdings reported",
            TIPS["computed"] + f" Checked when a holding's {FORM_TYPE_HEADER} is '{LATE_FORM3_HOLDING[1]}'.",
        )
        self.form4_transactions = _check(
            "form4_transactions_reported",
            "Form 4 transactions reported",
            TIPS["computed"] + f" Checked when a transaction's {FORM_TYPE_HEADER} is '{LATE_FORM4_ITEM[1]}'.",
        )
        for computed in (self.no_securities, self.form3_holdings, self.form4_transactions):
            computed.setEnabled(False)
        self.issuer_heading = QLabel("<b>2. Issuer</b>")
        layout.addRow("Form:", self.document_type)
        layout.addRow("3. Date of earliest transaction:", self.period)
        layout.addRow("4. If amendment, date original filed:", self.original)
        layout.addRow("", self.exit_box)
        layout.addRow("", self.aff10b5)
        layout.addRow("", self.no_securities)
        layout.addRow("", self.form3_holdings)
        layout.addRow("", self.form4_transactions)
        layout.addRow(self.issuer_heading)
        layout.addRow("Issuer CIK:", self.issuer_cik)
        layout.addRow("Issuer name:", self.issuer_name)
        layout.addRow("Ticker or trading symbol:", self.ticker)
        layout.addRow("2a. Foreign trading symbol:", self.foreign)
        self.fields = {
            "document_type": self.document_type,
            "period_of_report": self.period,
            "date_of_original_submission": self.original,
            "not_subject_to_section16": self.exit_box,
            "aff10b5_one": self.aff10b5,
            "issuer.cik": self.issuer_cik,
            "issuer.name": self.issuer_name,
            "issuer.trading_symbol": self.ticker,
            "issuer.foreign_trading_symbol": self.foreign,
            "form3_holdings_reported": self.form3_holdings,
            "form4_transactions_reported": self.form4_transactions,
        }
        document.changed.connect(lambda path: self._amendment(document))
        document.replaced.connect(lambda: self._amendment(document))
        self._amendment(document)

    def _show_document_type(self) -> None:
        self.document_type.blockSignals(True)
        position = self.document_type.findData(self.document.filing.document_type)
        self.document_type.setCurrentIndex(max(position, 0))
        self.document_type.blockSignals(False)

    def change_form_type(self, document_type: str | None) -> None:
        """Make the draft a `document_type`: what fits is kept; what would be dropped is named first."""
        document = self.document
        if not document_type or document_type == document.filing.document_type or document.read_only:
            self._show_document_type()
            return
        if document.refused_inputs():
            path, label, problem = document.refused_inputs()[0]
            self._show_document_type()
            dialogs.tell(
                self,
                "Form type not changed",
                f"{label} holds text that is not taken — {problem} "
                "Correct it or clear it before changing the form type.",
            )
            return
        changed, dropped = change_form_type(document.filing, document_type)
        if dropped:
            listed = "\n".join(f"• {item}" for item in dropped)
            answer = dialogs.ask(
                self,
                "Change the form type",
                f"A Form {document_type} has no place for:\n{listed}\n\nDrop them and make this "
                f"a Form {document_type}? (Edit ▸ Undo brings them back.)",
                dialogs.Button.Yes | dialogs.Button.Cancel,
                dialogs.Button.Cancel,
            )
            if answer != dialogs.Button.Yes:
                self._show_document_type()
                return
        document.replace_filing(changed, f"Make it a Form {document_type}")

    def _amendment(self, document: FilingDocument) -> None:
        filing = document.filing
        description = describe(filing.form)
        self.original.setEnabled(filing.is_amendment or filing.date_of_original_submission is not None)
        layout = self.layout_
        form3 = description.form == "3"
        period = {"3": "2. Date of event requiring statement:", "5": "3. Statement for issuer's fiscal year ended:"}
        self._label(self.period, period.get(description.form, "3. Date of earliest transaction:"))
        self.period.setAccessibleName(
            {
                "3": "Box 2, Date of Event Requiring Statement",
                "5": "Box 3, Statement for Issuer's Fiscal Year Ended",
            }.get(description.form, "Box 3, Date of Earliest Transaction")
        )
        self._label(self.original, f"{'5' if form3 else '4'}. If amendment, date original filed:")
        self.original.setAccessibleName(f"Box {'5' if form3 else '4'}, Date Original Filed")
        self.issuer_heading.setText(f"<b>{'3' if form3 else '2'}. Issuer</b>")
        self._label(self.foreign, f"{'3a' if form3 else '2a'}. Foreign trading symbol:")
        layout.setRowVisible(self.exit_box, description.exit_box)
        layout.setRowVisible(self.aff10b5, description.rule_10b5_1_box)
        layout.setRowVisible(self.no_securities, form3)
        layout.setRowVisible(self.form3_holdings, description.form == "5")
        layout.setRowVisible(self.form4_transactions, description.form == "5")
        self.no_securities.setChecked(not (*filing.table_i, *filing.table_ii))
        # As EDGAR sets them from the rows (a holding of form type 3, a transaction of form type 4), and as the
        # printed form and the record copy have them (EDGAR's own on its copy); a value kept from a filed form that
        # disagrees is a finding (FORM5-REPORTED-BOXES).
        form3_holdings, form4_transactions = operations.reported_boxes_shown(filing)
        self.form3_holdings.setChecked(form3_holdings)
        self.form4_transactions.setChecked(form4_transactions)

    def _label(self, field: QWidget, text: str) -> None:
        label = self.layout_.labelForField(field)
        if isinstance(label, QLabel):
            label.setText(text)


class ListFormTab(QWidget):
    """A list (owners, signatures) beside a form for the selected one."""

    def __init__(self, document: FilingDocument, binder: Binder, list_path: str, slot: str, limit: int):
        super().__init__()
        self.document, self.binder, self.list_path, self.slot, self.limit = document, binder, list_path, slot, limit
        self.binder.slots[slot] = 0
        self.list = QListWidget()
        self.list.setObjectName(f"{list_path}_list")
        self.list.setMaximumWidth(220)
        self.list.currentRowChanged.connect(self._select)
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName(f"add_{slot}")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName(f"remove_{slot}")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        left = QVBoxLayout()
        left.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)
        self.form = QWidget()
        outer = QHBoxLayout(self)
        outer.addLayout(left)
        outer.addWidget(self.form, 1)
        document.changed.connect(self._changed)
        document.replaced.connect(self.reload)

    def items(self) -> list:
        return paths.get(self.document.filing, self.list_path)

    def label(self, index: int, item) -> str:
        raise NotImplementedError

    def new_item(self):
        raise NotImplementedError

    def reload(self) -> None:
        current = self.binder.slots.get(self.slot, 0)
        self.list.blockSignals(True)
        self.list.clear()
        for index, item in enumerate(self.items()):
            self.list.addItem(self.label(index, item))
        self.list.blockSignals(False)
        count = len(self.items())
        current = min(current, count - 1) if count else 0
        self.binder.slots[self.slot] = current
        self.list.setCurrentRow(current)
        self.form.setEnabled(count > 0)
        self.add_button.setEnabled(count < self.limit and not self.document.read_only)
        self.remove_button.setEnabled(count > 1 and not self.document.read_only)
        self.binder.refresh()

    def _changed(self, path: str) -> None:
        if path == self.list_path or path.startswith(self.list_path + "["):
            if path == self.list_path:
                self.reload()
            else:
                for index, item in enumerate(self.items()):
                    if index < self.list.count():
                        self.list.item(index).setText(self.label(index, item))

    def _select(self, row: int) -> None:
        if row >= 0:
            self.binder.slots[self.slot] = row
            self.binder.refresh()

    def select(self, row: int) -> None:
        self.list.setCurrentRow(row)

    def add(self) -> None:
        count = len(self.items())
        if count < self.limit:
            self.binder.slots[self.slot] = count
            self.document.insert(self.list_path, count, self.new_item(), f"Add {self.slot}")

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0 and len(self.items()) > 1:
            self.document.remove(self.list_path, row, f"Remove {self.slot} {row + 1}")


class OwnersTab(ListFormTab):
    def __init__(self, document: FilingDocument, binder: Binder):
        super().__init__(document, binder, "reporting_owners", "owner", 10)
        self.add_button.setText("Add reporting person")
        layout = QFormLayout(self.form)
        base = "reporting_owners[{owner}]"
        self.fields: dict[str, QWidget] = {}

        def line(attribute: str, label: str, tip: str, kind: str = "text", placeholder: str = "") -> QLineEdit:
            widget = _line(f"owner_{attribute.replace('.', '_')}", tip, placeholder)
            binder.line(widget, f"{base}.{attribute}", kind=kind)
            layout.addRow(label, widget)
            self.fields[attribute] = widget
            return widget

        line("cik", "CIK:", TIPS["owner_cik"], "required-text", "up to 10 digits")
        ccc = line("ccc", "CCC (EDGAR access code):", TIPS["ccc"], placeholder="8 characters")
        ccc.setEchoMode(QLineEdit.EchoMode.Password)
        show = QAction("Show", ccc)
        show.setCheckable(True)
        show.toggled.connect(
            lambda on: ccc.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        )
        ccc.addAction(show, QLineEdit.ActionPosition.TrailingPosition)
        line("name", "1. Name (Last, First, Middle):", TIPS["owner_name"])
        line("address.street1", "Street:", TIPS["street"])
        line("address.street2", "Street (second line):", TIPS["street"])
        line("address.city", "City:", TIPS["city"])
        self.state = CodeComboBox()
        self.state.setObjectName("owner_address_state")
        self.state.setAccessibleName("State")
        self.state.setToolTip(TIPS["state"] + " Type the code (NV) or the name (Nevada).")
        self.state.add_codes(US_STATES)
        binder.combo(self.state, f"{base}.address.state")
        layout.addRow("State:", self.state)
        self.fields["address.state"] = self.state
        line("address.zip_code", "ZIP code:", TIPS["zip"])
        non_us = _check("owner_non_us", "Non-US address", TIPS["non_us"])
        binder.check(non_us, f"{base}.address.non_us_address")
        layout.addRow("", non_us)
        self.fields["address.non_us_address"] = non_us
        line("address.non_us_state_territory", "Non-US state or province:", TIPS["non_us"])
        self.country = CodeComboBox()
        self.country.setObjectName("owner_address_country")
        self.country.setAccessibleName("Country")
        self.country.setToolTip("The country's EDGAR code (e.g. X0 for the United Kingdom) or its name.")
        self.country.add_codes(COUNTRIES)
        binder.combo(self.country, f"{base}.address.country")
        layout.addRow("Country (non-US):", self.country)
        self.fields["address.country"] = self.country
        box = QGroupBox("5. Relationship to issuer (check all applicable)")
        box.setToolTip(TIPS["relationship"])
        relationship = QGridLayout(box)
        for number, (attribute, text) in enumerate(
            (
                ("is_director", "Director"),
                ("is_ten_percent_owner", "10% Owner"),
                ("is_officer", "Officer (give title below)"),
                ("is_other", "Other (specify below)"),
            )
        ):
            widget = _check(f"owner_{attribute}", text, TIPS["relationship"])
            binder.check(widget, f"{base}.relationship.{attribute}")
            relationship.addWidget(widget, number // 2, number % 2)
            self.fields[f"relationship.{attribute}"] = widget
        layout.addRow(box)
        self.fields["relationship"] = box
        line("relationship.officer_title", "Officer title:", TIPS["officer_title"])
        line("relationship.other_text", "Other (specify):", TIPS["other_text"])
        self.relationship_box = box
        document.replaced.connect(self._number_boxes)
        self._number_boxes()

    def _number_boxes(self) -> None:
        """The relationship box's number is the form's: box 4 on a Form 3, box 5 on Forms 4 and 5."""
        number = describe(self.document.filing.form).relationship_box.split(",")[0].removeprefix("Box ")
        self.relationship_box.setTitle(f"{number}. Relationship to issuer (check all applicable)")
        self.relationship_box.setToolTip(TIPS["relationship"].replace("Box 5.", f"Box {number}."))
        for attribute in ("officer_title", "other_text"):
            widget = self.fields[f"relationship.{attribute}"]
            tip = TIPS[attribute].replace("Box 5.", f"Box {number}.")
            widget.setWhatsThis(tip)  # the tip a box shows when no finding is on it
            widget.setToolTip(tip)

    def label(self, index: int, owner: ReportingOwner) -> str:
        return f"{index + 1}. {owner.name or (('CIK ' + owner.cik) if owner.cik else 'new reporting person')}"

    def new_item(self) -> ReportingOwner:
        return ReportingOwner()


class SignaturesTab(ListFormTab):
    def __init__(self, document: FilingDocument, binder: Binder):
        super().__init__(document, binder, "signatures", "signature", 10)
        self.add_button.setText("Add signature")
        layout = QFormLayout(self.form)
        self.name = _line("signature_name", TIPS["signature"], "/s/ Name")
        binder.line(self.name, "signatures[{signature}].name", kind="required-text")
        self.date = _line("signature_date", TIPS["signature_date"], "MM/DD/YYYY")
        self.date.setAccessibleName("Signature date")
        binder.line(self.date, "signatures[{signature}].date", kind="date")
        layout.addRow("** Signature of reporting person:", self.name)
        layout.addRow("Date:", self.date)
        self.fields = {"name": self.name, "date": self.date}

    def label(self, index: int, signature: Signature) -> str:
        return f"{index + 1}. {signature.name or 'unsigned'}"

    def new_item(self) -> Signature:
        """A new signature defaults to the next reporting person's name and today's date."""
        owners = self.document.filing.reporting_owners
        count = len(self.items())
        name = owners[count].name if count < len(owners) and owners[count].name else ""
        return Signature(conformed_signature(name), clock.new_york_today())


# The row's context menu entry for a Rule 16a-2(a) transaction, in the rule's words.
PRE_REGISTRATION_TEXT = "Reported under Rule 16a-2(a) (before the issuer registered)"


class TableTab(QWidget):
    """Table I or Table II: transactions and holdings, with pickers, footnotes, add/remove/reorder."""

    refused = Signal(str)

    def __init__(self, document: FilingDocument, table: str):
        super().__init__()
        self.document, self.table = document, table
        self.model = RowsModel(document, table, self)
        self.view = QTableView()
        self.view.setObjectName(f"{table}_view")
        self.view.setModel(self.model)
        self.delegate = CellDelegate(self.model.columns, self.view)
        self.delegate.refused.connect(self.refused)
        self.view.setItemDelegate(self.delegate)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        # Tab and Shift+Tab move box to box along the row and on to the next row (after the last box, back to the
        # first): a Tab from a row's last box must not carry the typing out of the table (into the draft list's
        # search, once). Ctrl+Tab and Ctrl+Shift+Tab leave the table.
        self.view.setTabKeyNavigation(True)
        self.view.installEventFilter(self)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumHeight(52)
        self._size_columns()
        self.model.columns_changed.connect(self._size_columns)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.footnote_action = QAction("Footnotes for this box…", self)
        self.footnote_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.footnote_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.footnote_action.triggered.connect(self.pick_footnotes)
        self.clear_action = QAction("Clear box", self)
        self.clear_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.clear_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.clear_action.triggered.connect(self.clear_cell)
        self.view.addAction(self.footnote_action)
        self.view.addAction(self.clear_action)
        # Rule 16a-2(a): EDGAR's XML has no box for it, so it is a mark on the row (kept in the draft store), set
        # where the row's other commands are; PRE-REGISTRATION then asks for the footnote the form shows.
        self.pre_registration_action = QAction(PRE_REGISTRATION_TEXT, self)
        self.pre_registration_action.setObjectName(f"{table}_pre_registration")
        self.pre_registration_action.setCheckable(True)
        self.pre_registration_action.setToolTip(
            "A transaction before the issuer registered under Section 12, reported on the first Form 4 required "
            "after it: it starts no deadline of its own. Add a footnote saying so: EDGAR's form has no box for it."
        )
        self.pre_registration_action.triggered.connect(self.mark_pre_registration)
        for text, keys, handler in (
            ("Add transaction", "Ctrl+Shift+T", self.add_transaction),
            ("Add holding", "Ctrl+Shift+H", self.add_holding),
            ("Duplicate row", "Ctrl+Shift+D", self.duplicate_row),
            ("Remove row", "Ctrl+Shift+Delete", self.remove_row),
            ("Move row up", "Ctrl+Shift+Up", lambda: self.move(-1)),
            ("Move row down", "Ctrl+Shift+Down", lambda: self.move(1)),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            self.addAction(action)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, handler, keys in (
            ("add_transaction", "Add transaction", self.add_transaction, "Ctrl+Shift+T"),
            ("add_holding", "Add holding", self.add_holding, "Ctrl+Shift+H"),
            ("duplicate_row", "Duplicate", self.duplicate_row, "Ctrl+Shift+D"),
            ("remove_row", "Remove", self.remove_row, "Ctrl+Shift+Delete"),
            ("move_up", "Up", lambda: self.move(-1), "Ctrl+Shift+Up"),
            ("move_down", "Down", lambda: self.move(1), "Ctrl+Shift+Down"),
            ("footnotes", "Footnotes…", self.pick_footnotes, "Ctrl+Shift+F"),
        ):
            button = QPushButton(text)
            button.setToolTip(f"{text.rstrip('…')} ({keys})")
            button.setObjectName(f"{table}_{name}")
            button.clicked.connect(handler)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        document.replaced.connect(self._enable)
        self._enable()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.view.setTabKeyNavigation(False)  # the plain focus chain, as a widget without boxes has
            try:
                self.view.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)
            finally:
                self.view.setTabKeyNavigation(True)
            return True
        return super().eventFilter(watched, event)

    WIDTHS = {
        "kind": 86,
        "text": 160,
        "date": 104,
        "decimal": 96,
        "code": 64,
        "v": 40,
        "k": 40,
        "ad": 76,  # "(A) or (D)" whole, in bold when current
        "di": 64,  # "3. D or I" whole, in bold when current
        "timeliness": 40,
        "form": 72,
    }

    def _size_columns(self) -> None:
        for column, spec in enumerate(self.model.columns):
            self.view.setColumnWidth(column, self.WIDTHS[spec.kind])
        if hasattr(self, "buttons"):
            self._enable()

    def _enable(self) -> None:
        for button in self.buttons.values():
            button.setEnabled(not self.document.read_only)
        # A Form 3 reports holdings only.
        self.buttons["add_transaction"].setVisible(self.model.allows_transactions)

    def _menu(self, position) -> None:
        clicked = self.view.indexAt(position)
        if clicked.isValid():
            self.view.setCurrentIndex(clicked)  # the menu acts on the row that was right-clicked
        menu = QMenu(self)
        menu.addAction(self.footnote_action)
        menu.addAction(self.clear_action)
        if self.offers_pre_registration():
            menu.addSeparator()
            menu.addAction(self.pre_registration_action)
        menu.exec(self.view.viewport().mapToGlobal(position))

    def offers_pre_registration(self) -> bool:
        """The selected row is a Form 4 transaction: the Rule 16a-2(a) mark is offered, ticked as the row has it."""
        index = self.view.currentIndex()
        offered = self.document.filing.form == "4" and index.isValid() and self.model.is_transaction(index.row())
        if offered:
            self.pre_registration_action.setChecked(bool(self.rows[index.row()].pre_registration))
            self.pre_registration_action.setEnabled(not self.document.read_only)
        return offered

    def mark_pre_registration(self, checked: bool) -> None:
        """Mark (or unmark) the selected transaction as reported under Rule 16a-2(a), undoably."""
        index = self.view.currentIndex()
        if not index.isValid() or not self.model.is_transaction(index.row()) or self.document.filing.form != "4":
            self.refused.emit("Only a transaction on a Form 4 is reported under Rule 16a-2(a): select it first.")
            return
        row = index.row()
        self.document.set(
            f"{self.table}[{row}].pre_registration",
            bool(checked),
            f"{'Mark' if checked else 'Unmark'} row {row + 1} as reported under Rule 16a-2(a)",
            merge=False,
        )

    @property
    def rows(self) -> list:
        return getattr(self.document.filing, self.table)

    def add_transaction(self) -> None:
        try:
            row = operations.new_transaction(self.document.filing, self.table)
        except operations.LimitError as error:
            self.refused.emit(str(error))
            return
        self._add(row, "Add transaction")

    def add_holding(self) -> None:
        self._add(operations.new_holding(self.document.filing, self.table), "Add holding")

    def _add(self, row, text: str) -> None:
        try:
            operations.check_room(self.document.filing, self.table)
        except operations.LimitError as error:
            self.refused.emit(str(error))
            return
        current = self.view.currentIndex()
        position = current.row() + 1 if current.isValid() else len(self.rows)
        self.document.insert(
            self.table, position, row, f"{text} ({'Table I' if self.table == 'table_i' else 'Table II'})"
        )
        # The box the user fills first: the title (column 1 of the form), whatever comes before it on screen.
        self.view.setCurrentIndex(self.model.index(position, self.model.first_value_column()))
        self.view.setFocus()

    def duplicate_row(self) -> None:
        """A copy of the selected row just below it (a second grant like the first), with its footnotes."""
        current = self.view.currentIndex()
        if not current.isValid():
            self.refused.emit("Select the row to duplicate first.")
            return
        try:
            operations.check_room(self.document.filing, self.table)
        except operations.LimitError as error:
            self.refused.emit(str(error))
            return
        row = current.row()
        self.document.insert(self.table, row + 1, copy.deepcopy(self.rows[row]), f"Duplicate row {row + 1}")
        self.view.setCurrentIndex(self.model.index(row + 1, current.column()))
        self.view.setFocus()

    def remove_row(self) -> None:
        current = self.view.currentIndex()
        if current.isValid():
            self.document.remove(self.table, current.row(), f"Remove row {current.row() + 1}")

    def move(self, step: int) -> None:
        current = self.view.currentIndex()
        if not current.isValid():
            return
        target = current.row() + step
        if 0 <= target < len(self.rows):
            self.document.move(self.table, current.row(), target, f"Move row {current.row() + 1}")
            self.view.setCurrentIndex(self.model.index(target, current.column()))

    def clear_cell(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return
        if self.model.columns[index.column()].kind == "form":
            if self.model.is_transaction(index.row()):  # EDGAR requires it: there is nothing to clear it to
                self.refused.emit(
                    f"A transaction's form type is 4 or 5: choose '{FORM5_ITEM[1]}' or '{LATE_FORM4_ITEM[1]}'."
                )
            else:
                self.delegate.set_holding_form_type(self.model, index, None)
            return
        self.model.setData(index, None)

    def pick_footnotes(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        path = self.model.footnote_path(index.row(), index.column())
        if path is None or self.document.read_only:
            self.refused.emit("This box takes no footnote.")
            return
        chosen = FootnotePicker.choose(self, self.document, list(paths.get(self.document.filing, path) or []))
        if chosen is not None:
            self.document.set(path, chosen, "Change footnotes")

    def select(self, row: int, column: int) -> None:
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()


class FootnoteEditor(QDialog):
    """One footnote's text: wrapped as it will print, with the number it gets and its length; Ctrl+Enter
    takes it."""

    def __init__(self, parent: QWidget, number: str, text: str = ""):
        super().__init__(parent)
        self.setWindowTitle(f"Footnote {number}")
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("footnote_text")
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.edit.setTabChangesFocus(True)
        self.edit.setPlainText(text)
        self.count = QLabel()
        self.edit.textChanged.connect(self._count)
        self._count()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.edit.installEventFilter(self)  # Ctrl+Enter takes the text (a filter: it works wherever the focus is)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                f"<b>Explanation of Responses: footnote {number}</b> (it prints as {number} beside "
                "each box that refers to it). Ctrl+Enter takes it."
            )
        )
        layout.addWidget(self.edit, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.resize(620, 320)
        self.edit.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def _count(self) -> None:
        length = len(self.edit.toPlainText().strip())
        self.count.setText(f"{length:,} of 1,000 characters" + (" — too long for EDGAR" if length > 1000 else ""))

    def text(self) -> str:
        return self.edit.toPlainText().strip()

    @classmethod
    def ask(cls, parent: QWidget, footnote_id: str, text: str = "") -> str | None:
        """The footnote's text, or None when cancelled (or left empty)."""
        dialog = cls(parent, f"({footnote_id[1:]})", text)
        if dialogs.run(dialog) != QDialog.DialogCode.Accepted or not dialog.text():
            return None
        return dialog.text()


class FootnotePicker(QDialog):
    """Choose the footnotes of one box, in order; a new footnote can be written on the spot."""

    def __init__(self, parent: QWidget, document: FilingDocument, chosen: list[str]):
        super().__init__(parent)
        self.setWindowTitle("Footnotes for this box")
        self.document = document
        self.list = QListWidget()
        self.list.setObjectName("footnote_picker_list")
        self.chosen = chosen
        self._fill()
        new = QPushButton("New footnote…")
        new.clicked.connect(self._new)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Check the footnotes that explain this box:"))
        layout.addWidget(self.list)
        layout.addWidget(new)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def _fill(self) -> None:
        self.list.clear()
        for footnote in self.document.filing.footnotes:
            text = footnote.text if len(footnote.text) < 90 else footnote.text[:87] + "…"
            item = QListWidgetItem(f"({footnote.id[1:]}) {text}")
            item.setData(Qt.ItemDataRole.UserRole, footnote.id)
            item.setCheckState(Qt.CheckState.Checked if footnote.id in self.chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)

    def _new(self) -> None:
        footnote_id = add_footnote(self, self.document)
        if footnote_id:
            self.chosen = self.selected() + [footnote_id]
            self._fill()

    def selected(self) -> list[str]:
        chosen = [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
        # keep the box's own order first, then the newly checked ones
        return [i for i in self.chosen if i in chosen] + [i for i in chosen if i not in self.chosen]

    @classmethod
    def choose(cls, parent: QWidget, document: FilingDocument, chosen: list[str]) -> list[str] | None:
        dialog = cls(parent, document, chosen)
        return dialog.selected() if dialogs.run(dialog) == QDialog.DialogCode.Accepted else None


def add_footnote(parent: QWidget, document: FilingDocument) -> str | None:
    """Write a new footnote in the footnote editor and add it, undoably; its id, or None when cancelled."""
    try:
        footnote_id = operations.next_footnote_id(document.filing)
    except operations.LimitError as error:
        dialogs.tell(parent, "No more footnotes", str(error))
        return None
    text = FootnoteEditor.ask(parent, footnote_id)
    if not text:
        return None
    document.insert("footnotes", len(document.filing.footnotes), Footnote(footnote_id, text), "Add footnote")
    return footnote_id


class FootnotesTab(QWidget):
    def __init__(self, document: FilingDocument, binder: Binder):
        super().__init__()
        self.document = document
        self.model = FootnotesModel(document, self)
        self.view = QTableView()
        self.view.setObjectName("footnotes_view")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, 70)
        self.view.setColumnWidth(2, 260)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # the footnote editor wraps long text
        self.view.doubleClicked.connect(self.edit)
        self.view.activated.connect(self.edit)
        add = QPushButton("Add footnote")
        add.setObjectName("add_footnote")
        add.clicked.connect(self.add)
        remove = QPushButton("Remove footnote")
        remove.clicked.connect(self.remove)
        renumber = QPushButton("Renumber (1), (2), …")
        renumber.setToolTip("Number the footnotes in order of first use in the tables, and update every reference.")
        renumber.clicked.connect(self.renumber)
        bar = QHBoxLayout()
        for button in (add, remove, renumber):
            bar.addWidget(button)
        bar.addStretch(1)
        # A draft that cannot be changed (filed, or in a store that can only be read) offers no footnote edit:
        # the editor would take typing that could never be kept.
        self.buttons = (add, remove, renumber)
        document.replaced.connect(self._enable)
        self.remarks = QPlainTextEdit()
        self.remarks.setObjectName("remarks")
        self.remarks.setAccessibleName("Remarks")
        self.remarks.setToolTip(TIPS["remarks"])
        self.remarks.setMaximumHeight(110)
        self.remarks.setTabChangesFocus(True)
        binder.text(self.remarks, "remarks")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "<b>Explanation of Responses</b> (double-click a footnote to edit it; right-click a table "
                "box, or Ctrl+Shift+F, to attach one)"
            )
        )
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(QLabel("<b>Remarks</b>"))
        layout.addWidget(self.remarks)

    def _enable(self) -> None:
        for button in self.buttons:
            button.setEnabled(not self.document.read_only)

    def add(self) -> None:
        if self.document.read_only:
            return
        add_footnote(self, self.document)

    def edit(self, index=None) -> None:
        """The selected footnote's text in the footnote editor (double-click or Enter on it)."""
        index = index if index is not None else self.view.currentIndex()
        if not index.isValid() or self.document.read_only:
            return
        footnote = self.document.filing.footnotes[index.row()]
        text = FootnoteEditor.ask(self, footnote.id, footnote.text)
        if text is not None:
            self.document.set(f"footnotes[{index.row()}].text", text, f"Edit footnote {footnote.id[1:]}")

    def remove(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.document.remove("footnotes", index.row(), f"Remove footnote {index.row() + 1}")

    def renumber(self) -> None:
        """F1, F2, … in order of first use, every reference updated: one undoable step."""
        filing = operations.renumbered_footnotes(self.document.filing)
        self.document.undo_stack.beginMacro("Renumber footnotes")
        for name in ("table_i", "table_ii", "footnotes"):
            self.document.set(name, getattr(filing, name), "Renumber footnotes")
        self.document.undo_stack.endMacro()


class Editor(QTabWidget):
    """The six tabs; shows each tab's count of findings and selects the box a finding names."""

    TAB_NAMES = ("Filing", "Reporting persons", "Table I", "Table II", "Footnotes && Remarks", "Signatures")
    # The tabs a start builds after the window's first paint (build_rest). Reporting persons is built at once: it
    # is the widest and tallest, so the window's first layout (the draft list's width) is the one it always had.
    LATER_TABS = ("table_i", "table_ii", "footnotes_tab", "signatures_tab")
    refused = Signal(str)  # a table's box refused what was typed (the tables' own signal, passed on)

    def __init__(self, document: FilingDocument, *, build_later: bool = False):
        super().__init__()
        self.document = document
        self.binder = Binder(document, self)
        self._findings: list[Finding] = []
        self.filing_tab = FilingTab(document, self.binder)
        self.owners_tab = OwnersTab(document, self.binder)
        # At start the other tabs have their place (their name in the tab bar) and are built just after the first
        # paint, or as soon as anything asks for one.
        later = [QWidget() for _ in self.LATER_TABS] if build_later else self._build_later_tabs()
        for number, (tab, name) in enumerate(zip([self.filing_tab, self.owners_tab, *later], self.TAB_NAMES)):
            self.addTab(tab, name)
            self.setTabToolTip(number, f"{name.replace('&&', '&')} (Alt+{number + 1})")
            switch = QAction(self)
            switch.setShortcut(QKeySequence(f"Alt+{number + 1}"))
            switch.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            switch.triggered.connect(lambda checked=False, n=number: self._show_tab(n))
            self.addAction(switch)
        document.replaced.connect(self._replaced)
        document.changed.connect(self._owner_named)
        if build_later:
            self.currentChanged.connect(lambda _: self.build_rest())  # a click on a tab not yet built
        # A filed form reads as read-only at a glance, not only in the status bar.
        self.setStyleSheet('QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] { background: #ececec; }')

    def _build_later_tabs(self) -> list[QWidget]:
        self.table_i = TableTab(self.document, "table_i")
        self.table_ii = TableTab(self.document, "table_ii")
        self.footnotes_tab = FootnotesTab(self.document, self.binder)
        self.signatures_tab = SignaturesTab(self.document, self.binder)
        self.table_i.refused.connect(self.refused)
        self.table_ii.refused.connect(self.refused)
        return [self.table_i, self.table_ii, self.footnotes_tab, self.signatures_tab]

    def rest_built(self) -> bool:
        return "table_i" in vars(self)

    def build_rest(self) -> None:
        """Build the tabs left for after the first paint, in their places, showing the draft as the Filing tab
        does (its rows, its findings, read-only or not); nothing when they are built."""
        if self.rest_built():
            return
        current = self.currentIndex()
        self.blockSignals(True)  # the same tab stays current: no currentChanged for the swap
        try:
            for number, tab in enumerate(self._build_later_tabs(), start=2):
                text, tip, placeholder = self.tabText(number), self.tabToolTip(number), self.widget(number)
                self.removeTab(number)
                self.insertTab(number, tab, text)
                self.setTabToolTip(number, tip)
                placeholder.deleteLater()
            self.setCurrentIndex(current)
        finally:
            self.blockSignals(False)
        self._replaced()
        self.show_findings(self._findings)

    def __getattr__(self, name: str) -> QWidget:
        # A tab left for after the first paint, asked for before it was built: build it now.
        if name in Editor.LATER_TABS and "binder" in vars(self):
            self.build_rest()
            return vars(self)[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _owner_named(self, path: str) -> None:
        """The first reporting person's name given while the first signature is blank: sign as the person
        writes the name ("/s/ Kenneth S. Cragun"), dated today; one undoable step after the name's own."""
        if path != "reporting_owners[0].name" or self.document.read_only:
            return
        filing = self.document.filing
        name = filing.reporting_owners[0].name if filing.reporting_owners else ""
        if not name or not filing.signatures or filing.signatures[0].name:
            return

        def sign() -> None:
            if filing is self.document.filing and filing.signatures and not filing.signatures[0].name:
                self.document.undo_stack.beginMacro("Sign as the reporting person")
                self.document.set("signatures[0].name", conformed_signature(name), "Sign as the reporting person")
                if filing.signatures[0].date is None:
                    self.document.set("signatures[0].date", clock.new_york_today(), "Date the signature")
                self.document.undo_stack.endMacro()

        QTimer.singleShot(0, sign)  # not inside the name's own undo step

    def _show_tab(self, number: int) -> None:
        self.setCurrentIndex(number)
        tab = self.widget(number)
        first = {2: self.table_i.view, 3: self.table_ii.view, 4: self.footnotes_tab.view}.get(number)
        (first or tab).setFocus()
        if first is None:
            tab.focusNextChild()

    def _replaced(self) -> None:
        built = self.rest_built()  # (at start the tables, notes and signatures come after the first paint)
        self.owners_tab.reload()
        if built:
            self.signatures_tab.reload()
        self.binder.refresh()
        read_only = self.document.read_only
        # A filed form stays readable and its text can be copied: fields are read-only, not greyed out.
        for widget, _, _ in self.binder.bindings:
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                if widget.isReadOnly() == read_only:
                    continue  # its look is already the right one: polishing it again costs, for nothing
                widget.setReadOnly(read_only)
                widget.style().unpolish(widget)  # the read-only look follows the property
                widget.style().polish(widget)
            else:
                widget.setEnabled(not read_only)
        for tab in (self.owners_tab, self.signatures_tab) if built else (self.owners_tab,):
            tab.add_button.setEnabled(not read_only and len(tab.items()) < tab.limit)
            tab.remove_button.setEnabled(not read_only and len(tab.items()) > 1)

    def show_findings(self, findings: list[Finding]) -> None:
        counts = [0] * 6
        for finding in findings:
            if finding.severity is not Severity.INFO:
                counts[self.tab_of(finding.field_path)] += 1
        for number, name in enumerate(self.TAB_NAMES):
            self.setTabText(number, f"{name} ({counts[number]})" if counts[number] else name)
        self._findings = findings
        if self.rest_built():
            self.table_i.model.set_findings(findings)
            self.table_ii.model.set_findings(findings)

    TABS_OF = {"reporting_owners": 1, "table_i": 2, "table_ii": 3, "footnotes": 4, "remarks": 4, "signatures": 5}

    @classmethod
    def tab_of(cls, path: str) -> int:
        try:
            return cls.TABS_OF.get(paths.split_item(path)[0], 0)
        except ValueError:  # no field path (an XML path, or none): the Filing tab
            return 0

    def go_to(self, path: str) -> QWidget | None:
        """Show and focus the box `path` names; returns the widget (for tests)."""
        tab = self.tab_of(path)
        self.setCurrentIndex(tab)
        _, index, rest = paths.split_item(path) if tab else ("", None, "")
        if tab in (2, 3):
            table = self.table_i if tab == 2 else self.table_ii
            row = index or 0
            column = table.model.column_of(rest) if rest else 1
            if row < table.model.rowCount():
                table.select(row, column if column is not None else 1)
            return table.view
        if tab in (1, 5):
            form_tab = self.owners_tab if tab == 1 else self.signatures_tab
            if index is not None:
                form_tab.select(index)
            widget = form_tab.fields.get(rest)
            if widget is None:  # the nearest enclosing box: the longest key the path starts with
                enclosing = sorted((key for key in form_tab.fields if rest.startswith(key + ".")), key=len)
                widget = form_tab.fields[enclosing[-1]] if enclosing else None
            if widget is None and rest:
                widget = next((w for key, w in form_tab.fields.items() if key.startswith(rest)), None)
            if widget is not None:
                widget.setFocus()
            return widget
        if tab == 4:
            if path.startswith("remarks"):
                self.footnotes_tab.remarks.setFocus()
                return self.footnotes_tab.remarks
            if index is not None:
                self.footnotes_tab.view.setCurrentIndex(self.footnotes_tab.model.index(index, 1))
            self.footnotes_tab.view.setFocus()
            return self.footnotes_tab.view
        widget = next((w for key, w in self.filing_tab.fields.items() if path == key or path.startswith(key)), None)
        if widget is not None:
            widget.setFocus()
        return widget
