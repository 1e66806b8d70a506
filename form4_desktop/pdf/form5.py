"""The printed Form 5 and 5/A: the SEC's form (5_X09.xsl) on the shared page layout (layout.py). Form 4's boxes
and tables, with box 3 the fiscal year's end, the "Form 3 holdings / Form 4 transactions reported" boxes, one
transaction code column, and the stylesheet's order: Table I, the reminder, Table II, reporting owners,
signatures, then the explanation of responses."""

from __future__ import annotations

from xml.sax.saxutils import escape

from form4_desktop.model import Filing, operations
from form4_desktop.model.forms import FORM5
from form4_desktop.pdf import layout
from form4_desktop.pdf.form4 import ACQUIRED_OR_DISPOSED, EXIT_BOX, RULE_10B5_1_BOX
from form4_desktop.pdf.layout import CELL_CENTER, Cell, PrintedForm, TableLayout, TopCheck


def _holdings_of_form3(filing: Filing) -> bool:
    # As the editor shows it: a draft's rows, EDGAR's own value on its copy (operations.reported_boxes_shown).
    return operations.reported_boxes_shown(filing)[0]


def _transactions_of_form4(filing: Filing) -> bool:
    return operations.reported_boxes_shown(filing)[1]


def code(row) -> str:
    """Column 3 (Table II: 4) as the stylesheet writes it: the code, "/K" for an equity swap, and the form the item
    belongs to: "4" for a Form 4 transaction reported late, "5" for a Form 5 item marked late (L); a holding
    reported late from a Form 3 shows "3". Then the coding's footnote marks."""
    coding = row.coding
    if coding is None:
        return ""
    swap = "/K" if getattr(coding, "equity_swap_involved", False) else ""
    if not layout.is_transaction(row):
        text = "3" if coding.form_type == "3" else ""
    elif coding.form_type == "3":
        text = "3"
    elif coding.form_type == "4":
        text = escape(coding.code) + swap + "4"
    else:
        late = row.timeliness is not None and row.timeliness.value == "L"
        text = escape(coding.code) + swap + ("5" if late else "")
    marks = list(coding.footnote_ids)
    if layout.is_transaction(row) and row.timeliness is not None:
        marks += row.timeliness.footnote_ids
    return text + layout.refs(marks)


def cell(form, filing, row, column, columns):
    if any(one.kind == "code" for one in column.columns):
        return Cell(code(row), CELL_CENTER, whole=True)
    return layout.cell(form, filing, row, column, columns)


def boxes(filing: Filing):
    right = layout.WIDTH - 464
    return layout.grid(
        [
            (240, [layout.owner_box(filing, 240)]),
            (
                224,
                [
                    layout.issuer_box(filing, "2", 224),
                    layout.date_box(
                        "3. Statement for Issuer's Fiscal Year Ended (Month/Day/Year)", filing.period_of_report, 224
                    ),
                    layout.date_box(
                        "4. If Amendment, Date Original Filed (Month/Day/Year)", filing.date_of_original_submission, 224
                    ),
                ],
            ),
            (
                right,
                [
                    layout.relationship_box(filing, "5", right),
                    layout.joint_box(filing, "6", right, "Individual or Joint/Group Reporting (check applicable line)"),
                ],
            ),
        ]
    )


FORM = PrintedForm(
    description=FORM5,
    omb_number="3235-0362",
    burden_hours="1.0",
    footer_number=FORM5.sec_number,
    top_checks=(
        EXIT_BOX,
        TopCheck("Form 3 Holdings Reported", _holdings_of_form3),
        TopCheck("Form 4 Transactions Reported", _transactions_of_form4),
        RULE_10B5_1_BOX,
    ),
    boxes=boxes,
    # 1, 2, 2A, 3, 4 Amount, (A) or (D), Price, 5, 6, 7
    table_i=TableLayout((150, 55, 60, 50, 70, 30, 60, 95, 55, 119)),
    # 1, 2, 3, 3A, 4, 5 (A), (D), 6 Exercisable, Expiration, 7 Title, Amount, 8, 9, 10, 11
    table_ii=TableLayout((70, 46, 54, 54, 38, 46, 46, 44, 44, 60, 52, 46, 52, 34, 58), parts=ACQUIRED_OR_DISPOSED),
    star_note="If the form is filed by more than one reporting person, see Instruction 4(b)(v).",
    closing_notes=(
        "Note: File three copies of this Form, one of which must be manually signed. If space provided is "
        "insufficient, <i>see</i> Instruction 6 for procedure.",
        layout.OMB_NOTICE_OF_FORMS_3_AND_5,
    ),
    parts=layout.PARTS_OF_FORMS_3_AND_5,
    cell=cell,
)
