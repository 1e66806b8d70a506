"""Qt models that adapt the pure model: the draft list, Table I and Table II, the footnotes, the findings."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFontMetrics

from form4_desktop.gui.document import FilingDocument
from form4_desktop.model import DerivativeTransaction, Footnoted, NonDerivativeTransaction
from form4_desktop.model import paths
from form4_desktop.model.display import format_date
from form4_desktop.model import operations
from form4_desktop.model.forms import FORM4, Column, describe
from form4_desktop.rules import Finding, Severity
from form4_desktop.rules.boxes import cell
from form4_desktop.store import DraftSummary

Index = QModelIndex | QPersistentModelIndex
ERROR_BRUSH = QBrush(QColor(255, 214, 214))
WARNING_BRUSH = QBrush(QColor(255, 240, 196))
FILED_BRUSH = QBrush(QColor(236, 236, 236))
TO_FILL_BRUSH = QBrush(QColor(226, 236, 250))  # a new draft's empty box: to fill, not yet an error
EDIT_ROLE = Qt.ItemDataRole.EditRole
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole


def _period_key(row: DraftSummary) -> str:
    # A draft with no period yet is one still being started: it counts as the newest.
    return row.period_of_report or "9999-99-99"


# Each column's order, then the newest period and the newest draft first among equals.
_SORT_KEYS: tuple[Callable[[DraftSummary], Any], ...] = (
    lambda row: row.reporting_owner.casefold(),
    lambda row: row.issuer.casefold(),
    lambda row: row.document_type,
    _period_key,
    lambda row: row.status,
    lambda row: row.id,
    lambda row: row.updated_at,
)


class DraftListModel(QAbstractTableModel):
    """The draft browser's rows: reporting owner, issuer, form, period, status, the draft's number (which tells
    two drafts of the same filing apart), last change. The rows keep the order the user chose by a click on a
    heading, whatever order the store lists them in (after an import, a save, another program's change); by
    default the newest period first (`DEFAULT_SORT`)."""

    HEADERS = ("Reporting owner", "Issuer", "Form", "Period", "Status", "Draft", "Last change")
    NUMBER = HEADERS.index("Draft")
    PERIOD = HEADERS.index("Period")
    DEFAULT_SORT = (PERIOD, Qt.SortOrder.DescendingOrder)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[DraftSummary] = []
        self.listed: list[DraftSummary] = []  # as the store listed them: tells whether anything changed
        self.sort_column, self.sort_order = self.DEFAULT_SORT

    def set_rows(self, rows: list[DraftSummary]) -> None:
        self.beginResetModel()
        self.listed = rows
        self.rows = self._sorted(rows)
        self.endResetModel()

    def _sorted(self, rows: list[DraftSummary]) -> list[DraftSummary]:
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        ordered = sorted(rows, key=lambda row: (_period_key(row), row.id), reverse=True)
        return sorted(ordered, key=_SORT_KEYS[self.sort_column], reverse=descending)  # stable: ties stay newest first

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(_SORT_KEYS):
            return
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.rows[index.row()].id for index in before]
        self.rows = self._sorted(self.listed)
        row_of = {row.id: number for number, row in enumerate(self.rows)}
        # The selected draft stays selected, wherever it moves to.
        self.changePersistentIndexList(
            before, [self.index(row_of[draft_id], index.column()) for draft_id, index in zip(ids, before)]
        )
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> Any:  # noqa: N802
        if role == DISPLAY_ROLE and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            # "Reporting owner" on two lines: its column need be no wider than the names under it.
            return self.HEADERS[section].replace(" ", "\n") if section == 0 else self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == DISPLAY_ROLE:
            period = row.period_of_report
            period_text = format_date(date.fromisoformat(period)) if period else ""
            return (
                row.reporting_owner,
                row.issuer,
                row.document_type,
                period_text,
                row.status,
                str(row.id),
                row.updated_at[:10],
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"Draft {row.id}: {row.reporting_owner} — {row.issuer}; changed "
                f"{row.updated_at[:16].replace('T', ' ')} UTC"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and row.status == "filed":
            return FILED_BRUSH
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


def two_line_width(metrics: QFontMetrics, text: str) -> int:
    """The narrowest width at which `text` fits on two lines, broken between words (never inside one)."""
    whole = metrics.horizontalAdvance(text)
    low = max((metrics.horizontalAdvance(word) for word in text.split()), default=0)
    high = whole
    flags = int(Qt.TextFlag.TextWordWrap)
    while low < high:
        middle = (low + high) // 2
        if metrics.boundingRect(QRect(0, 0, middle, 10_000), flags, text).height() <= 2 * metrics.lineSpacing():
            high = middle
        else:
            low = middle + 1
    return low


# -- Table I and Table II ------------------------------------------------------------------------------------
# The columns are the form's own description (model.forms): the rules and the printed form read the same one.
TABLE_I_COLUMNS: list[Column] = list(FORM4.table_i.columns)
TABLE_II_COLUMNS: list[Column] = list(FORM4.table_ii.columns)
FOOTNOTED_KINDS = {"text", "date", "decimal", "ad", "di", "timeliness"}


def _wrap(text: str, width: int = 14) -> str:
    """A header on as many lines as it needs, so that no heading is cut off."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


def format_display(value: Any, kind: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal):
        return f"{value:,f}" if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else f"{value:,}"
    return str(value)


def refs_text(footnote_ids: list[str]) -> str:
    return "".join(f"({footnote_id[1:]})" for footnote_id in footnote_ids)


# Beside the number of a row reported under Rule 16a-2(a) (RowsModel's row headings).
PRE_REGISTRATION_MARK = "16a-2(a)"


class RowsModel(QAbstractTableModel):
    """Table I (`table="table_i"`) or Table II of the open filing; edits go through the document's undo stack."""

    columns_changed = Signal()  # the form type changed, and with it the table's columns

    def __init__(self, document: FilingDocument, table: str, parent=None):
        super().__init__(parent)
        self.document, self.table = document, table
        # The form's own columns: Form 3's tables are holdings only, Form 5's have a timeliness mark and no V.
        # The list is changed in place when the form type changes, so the delegate sees the same columns.
        self.columns: list[Column] = self._form_columns()
        self.findings: dict[tuple[int, int], list[Finding]] = {}
        document.changed.connect(self._changed)
        document.replaced.connect(self._reset)
        document.typed.connect(self._typed)

    def _form_columns(self) -> list[Column]:
        return list(describe(self.document.filing.form).table(self.table).columns)

    @property
    def allows_transactions(self) -> bool:
        return describe(self.document.filing.form).table(self.table).transactions

    def _reset(self) -> None:
        self.beginResetModel()
        columns = self._form_columns()
        changed = columns != self.columns
        self.columns[:] = columns
        self.endResetModel()
        if changed:
            self.columns_changed.emit()

    def _typed(self, path: str) -> None:
        """Typed text was refused or dropped: repaint its row (text being typed in an open editor is not
        repainted, which would reset the editor under the user's fingers)."""
        typed = self.document.inputs.get(path)
        if typed is None or typed.problem:
            self._changed(path)

    def label(self, row: int, column: int) -> str:
        """The box as the form names it: "Table I, row 1, column 2, Transaction Date"."""
        attribute = self.columns[column].attribute or ""
        return cell(
            self.document.filing.form,
            self.table,
            row,
            attribute.split(".")[0] if attribute.startswith("coding.") else attribute,
        )[1]

    def _changed(self, path: str) -> None:
        if path in (self.table, "document_type"):
            self._reset()  # rows were inserted, removed or moved; or the form, and with it the columns
        else:
            name, row, _ = paths.split_item(path)
            if name == self.table and row is not None and 0 <= row < self.rowCount():
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                if path.endswith(".pre_registration"):  # the row's number shows the mark
                    self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    @property
    def rows(self) -> list:
        return getattr(self.document.filing, self.table)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == DISPLAY_ROLE:
                return _wrap(self.columns[section].header)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section].tip
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            # A row reported under Rule 16a-2(a) says so beside its number (the XML has no box for it).
            marked = getattr(self.rows[section], "pre_registration", False)
            if role == DISPLAY_ROLE:
                return f"{section + 1} {PRE_REGISTRATION_MARK}" if marked else str(section + 1)
            if role == Qt.ItemDataRole.ToolTipRole and marked:
                return (
                    f"Row {section + 1} is reported under Rule 16a-2(a): a transaction before the issuer registered "
                    "under Section 12, on the first Form 4 required after it; it starts no deadline. Right-click the "
                    "row to change that."
                )
        return None

    def is_transaction(self, row: int) -> bool:
        return isinstance(self.rows[row], (NonDerivativeTransaction, DerivativeTransaction))

    def applies(self, row: int, column: int) -> bool:
        spec = self.columns[column]
        return spec.attribute is not None and (spec.holding or self.is_transaction(row))

    def path(self, row: int, column: int) -> str:
        return f"{self.table}[{row}].{self.columns[column].attribute}"

    def value_path(self, row: int, column: int) -> str:
        spec = self.columns[column]
        return self.path(row, column) + (".value" if spec.kind in FOOTNOTED_KINDS else "")

    def footnote_path(self, row: int, column: int) -> str | None:
        spec = self.columns[column]
        if not self.applies(row, column):
            return None
        if spec.kind in FOOTNOTED_KINDS:
            return self.path(row, column) + ".footnote_ids"
        return f"{self.table}[{row}].coding.footnote_ids"

    def raw(self, row: int, column: int) -> Any:
        spec = self.columns[column]
        item = self.rows[row]
        if spec.kind == "kind":
            return "Transaction" if self.is_transaction(row) else "Holding"
        if not self.applies(row, column):
            return None
        value = paths.get(item, spec.attribute)
        return value.value if isinstance(value, Footnoted) else value

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.applies(index.row(), index.column()) and not self.document.read_only:
            spec = self.columns[index.column()]
            if spec.kind in ("v", "k"):
                return base | Qt.ItemFlag.ItemIsUserCheckable
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row, column = index.row(), index.column()
        spec = self.columns[column]
        if role in (DISPLAY_ROLE, EDIT_ROLE):
            value = self.raw(row, column)
            if spec.kind in ("v", "k"):
                return None
            if role == EDIT_ROLE:
                return value
            typed = self.document.inputs.get(self.value_path(row, column))
            # Text that could not be taken is shown as typed (and the findings call it an error), never the
            # old value as if it were current.
            text = typed.text if typed is not None and typed.problem else format_display(value, spec.kind)
            footnote_path = self.footnote_path(row, column)
            if footnote_path and spec.kind in FOOTNOTED_KINDS | {"code"}:
                ids = paths.get(self.document.filing, footnote_path) or []
                text += refs_text(ids) if spec.kind != "code" or ids else ""
            return text
        if role == Qt.ItemDataRole.CheckStateRole and spec.kind in ("v", "k") and self.applies(row, column):
            value = self.raw(row, column)
            checked = value == "5" if spec.kind == "v" else bool(value)
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole:
            found = self.findings.get((row, column))
            if found:
                return ERROR_BRUSH if any(f.severity is Severity.ERROR for f in found) else WARNING_BRUSH
            if not self.applies(row, column) and spec.kind != "kind":
                return FILED_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            found = self.findings.get((row, column))
            if found:
                return "\n".join(f.message for f in found)
            return spec.tip
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.kind in ("decimal",):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT_ROLE) -> bool:  # noqa: N802
        if not index.isValid() or not self.applies(index.row(), index.column()) or self.document.read_only:
            return False
        row, column = index.row(), index.column()
        spec = self.columns[column]
        label = f"{'Table I' if self.table == 'table_i' else 'Table II'}, row {row + 1}, {spec.header}"
        if role == Qt.ItemDataRole.CheckStateRole and spec.kind in ("v", "k"):
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            new = ("5" if checked else "4") if spec.kind == "v" else checked
            return self.document.set(self.path(row, column), new, f"Edit {label}")
        if role != EDIT_ROLE:
            return False
        if spec.kind == "code" and value is None:
            value = ""
        return self.document.set(self.value_path(row, column), value, f"Edit {label}")

    def first_value_column(self) -> int:
        """The row's first box (its title): where a finding about a whole row is shown."""
        return next((number for number, spec in enumerate(self.columns) if spec.attribute), 0)

    def column_of(self, attribute_path: str) -> int | None:
        """The column showing `attribute_path` (a path inside a row, e.g. "ownership.nature_of_ownership")."""
        return column_of(self.columns, attribute_path)

    def set_findings(self, findings: list[Finding]) -> None:
        marks: dict[tuple[int, int], list[Finding]] = {}
        for finding in findings:
            if finding.severity is Severity.INFO or not finding.field_path.startswith(self.table):
                continue  # (a SCHEMA finding's path is an XML path, not a field path)
            name, row, rest = paths.split_item(finding.field_path)
            if name != self.table or row is None:
                continue
            column = self.column_of(rest) if rest else self.first_value_column()
            if column is not None:
                marks.setdefault((row, column), []).append(finding)
        if marks != self.findings:
            self.findings = marks
            if self.rowCount():
                self.dataChanged.emit(
                    self.index(0, 0),
                    self.index(self.rowCount() - 1, self.columnCount() - 1),
                    [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole],
                )


class FootnotesModel(QAbstractTableModel):
    """The Explanation of Responses: id, text, and the boxes that use each footnote."""

    HEADERS = ("Footnote", "Text", "Used in")

    def __init__(self, document: FilingDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.usage: dict[str, list[str]] = {}
        document.changed.connect(lambda path: self._reset())
        document.replaced.connect(self._reset)
        self._reset()

    def _reset(self) -> None:
        self.beginResetModel()
        self.usage = footnote_usage(self.document)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.document.filing.footnotes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> Any:  # noqa: N802
        if role == DISPLAY_ROLE and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 1 and not self.document.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        footnote = self.document.filing.footnotes[index.row()]
        if role in (DISPLAY_ROLE, EDIT_ROLE):
            if index.column() == 0:  # as the form prints it: (1)
                return f"({footnote.id[1:]})" if footnote.id[:1] == "F" and footnote.id[1:].isdigit() else footnote.id
            if index.column() == 1:
                return footnote.text
            used = self.usage.get(footnote.id, [])
            return ", ".join(used) if used else "not used yet"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return (
                "\n".join(self.usage.get(footnote.id, [])) or "Refer to it from a box (right-click a cell: Footnotes)."
            )
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT_ROLE) -> bool:  # noqa: N802
        if role != EDIT_ROLE or index.column() != 1 or not index.isValid():
            return False
        return self.document.set(f"footnotes[{index.row()}].text", str(value), f"Edit footnote {index.row() + 1}")


def column_of(columns: list[Column], attribute_path: str) -> int | None:
    """The column of `columns` showing `attribute_path` (a path inside a row); a box the editor has no column
    of its own for (a value instead of shares, the timeliness) goes to the column beside which it belongs."""
    best = None
    for number, spec in enumerate(columns):
        if spec.attribute and (attribute_path == spec.attribute or attribute_path.startswith(spec.attribute + ".")):
            return number
        if spec.attribute and spec.attribute.startswith(attribute_path + "."):
            best = number if best is None else best
    for alternative, shown in (
        ("value_owned_following", "shares_owned_following"),
        ("total_value", "shares"),
        ("underlying.value", "underlying.shares"),
        ("timeliness", "coding.code"),
    ):
        if attribute_path.startswith(alternative):
            return column_of(columns, shown)
    return best


def footnote_usage(document: FilingDocument) -> dict[str, list[str]]:
    """Where each footnote is referenced, named by the editor's columns: "Table I row 2, 4. Amount", ..."""
    usage: dict[str, list[str]] = {}
    form = describe(document.filing.form)
    for footnote_id, used in operations.footnote_usage(document.filing).items():
        for path in used:
            table, row, attribute = paths.split_item(path)
            columns = list(form.table(table).columns)
            column = column_of(columns, attribute)
            header = columns[column].header if column is not None else attribute
            label = "Table I" if table == "table_i" else "Table II"
            usage.setdefault(footnote_id, []).append(f"{label} row {(row or 0) + 1}, {header}")
    return usage


def _empty(value: Any) -> bool:
    """Nothing filled in: no value, an empty text or list, a box not ticked, a group of such boxes."""
    if value is None or value == "" or value == []:
        return True
    if isinstance(value, bool):
        return not value
    if isinstance(value, Footnoted):
        return _empty(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(_empty(getattr(value, field.name)) for field in dataclasses.fields(value))
    return False


def boxes_to_fill(filing: Any, findings: list[Finding]) -> set[Finding]:
    """The errors of a new draft that only say a box is still empty ("the name is required", "check at least
    one relationship", no row yet): shown "to fill" until the user edits the draft or asks to check, save, print
    or export it. An error about anything filled in is never among them."""
    found = set()
    for finding in findings:
        if finding.severity is not Severity.ERROR or not finding.field_path:
            continue
        try:
            value = paths.get(filing, finding.field_path)
        except (AttributeError, IndexError, KeyError, TypeError, ValueError):
            continue
        if _empty(value):
            found.add(finding)
    return found


class FindingsModel(QAbstractListModel):
    """The findings dock: one line a finding, errors first; a new draft's boxes still empty say "TO FILL"."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.findings: list[Finding] = []
        self.to_fill: set[Finding] = set()

    def set_findings(self, findings: list[Finding], to_fill: set[Finding] | None = None) -> None:
        to_fill = to_fill or set()
        if findings == self.findings and to_fill == self.to_fill:
            return
        self.beginResetModel()
        self.findings, self.to_fill = findings, to_fill
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.findings)

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.findings):
            return None
        finding = self.findings[index.row()]
        to_fill = finding in self.to_fill
        if role == DISPLAY_ROLE:
            return f"{'TO FILL' if to_fill else finding.severity.value.upper()}: {finding.message}"
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{finding.rule_id} — {finding.field_path}\n{finding.message}"
            if to_fill:
                tip += (
                    "\nAn error once you edit the draft, or check (F7), save, print or export it: it must be filled "
                    "in before the form is filed."
                )
            return tip
        if role == Qt.ItemDataRole.BackgroundRole:
            if to_fill:
                return TO_FILL_BRUSH
            return {Severity.ERROR: ERROR_BRUSH, Severity.WARNING: WARNING_BRUSH}.get(finding.severity)
        if role == Qt.ItemDataRole.UserRole:
            return finding
        return None
