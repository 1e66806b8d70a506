"""The printed Form 4 and 4/A: the SEC's form (4_X09.xsl) on the shared page layout (layout.py)."""

from __future__ import annotations

from form4_desktop.model import Filing
from form4_desktop.model.forms import FORM4
from form4_desktop.pdf import layout
from form4_desktop.pdf.layout import PrintedForm, TableLayout, TopCheck

EXIT_BOX = TopCheck(
    "Check this box if no longer subject to Section 16. Form 4 or Form 5 obligations may continue. "
    "<i>See</i> Instruction 1(b).",
    lambda filing: bool(filing.not_subject_to_section16),
)
RULE_10B5_1_BOX = TopCheck(
    "Check this box to indicate that a transaction was made pursuant to a contract, instruction or written plan "
    "that is intended to satisfy the affirmative defense conditions of Rule 10b5-1(c). See Instruction 10.",
    lambda filing: bool(filing.aff10b5_one),
)
# Table II box 5: the paper puts the number under (A) or under (D), where the description has the number and its
# (A) or (D) mark.
ACQUIRED_OR_DISPOSED = {"5": ("(A)", "(D)")}
NOTE = "Note: File three copies of this Form, one of which must be manually signed. If space is insufficient, <i>see</i> Instruction 6 for procedure."
OMB_NOTICE = (
    "Persons who respond to the collection of information contained in this form are not required to respond "
    "unless the form displays a currently valid OMB Number."
)


def boxes(filing: Filing):
    """Box 1 on the left; boxes 2, 3 and 4 in the middle; box 6 under box 5 on the right, as the paper form."""
    return layout.grid(
        [
            (240, [layout.owner_box(filing, 240)]),
            (
                224,
                [
                    layout.issuer_box(filing, "2", 224),
                    layout.date_box("3. Date of Earliest Transaction (Month/Day/Year)", filing.period_of_report, 224),
                    layout.date_box(
                        "4. If Amendment, Date of Original Filed (Month/Day/Year)",
                        filing.date_of_original_submission,
                        224,
                    ),
                ],
            ),
            (
                layout.WIDTH - 464,
                [
                    layout.relationship_box(filing, "5", layout.WIDTH - 464),
                    layout.joint_box(filing, "6", layout.WIDTH - 464),
                ],
            ),
        ]
    )


FORM = PrintedForm(
    description=FORM4,
    omb_number="3235-0287",
    burden_hours="0.5",
    footer_number="SEC 1474 (03-26)",
    top_checks=(EXIT_BOX, RULE_10B5_1_BOX),
    boxes=boxes,
    # 1, 2, 2A, 3 Code, V, 4 Amount, (A) or (D), Price, 5, 6, 7
    table_i=TableLayout((150, 55, 60, 32, 18, 70, 30, 60, 95, 55, 119)),
    # 1, 2, 3, 3A, 4 Code, V, 5 (A), (D), 6 Exercisable, Expiration, 7 Title, Amount, 8, 9, 10, 11
    table_ii=TableLayout((70, 46, 54, 54, 26, 12, 46, 46, 44, 44, 60, 52, 46, 52, 34, 58), parts=ACQUIRED_OR_DISPOSED),
    star_note="If the form is filed by more than one reporting person, <i>see</i> Instruction 4(b)(v).",
    closing_notes=(
        "Reminder: Report on a separate line for each class of securities beneficially owned directly or indirectly.",
        NOTE,
        OMB_NOTICE,
    ),
    parts=(
        layout.print_or_type,
        layout.boxes,
        layout.table_i,
        layout.table_ii,
        layout.explanation,
        layout.remarks,
        layout.reporting_owners,
        layout.signatures,
        layout.closing_notes,
    ),
)
