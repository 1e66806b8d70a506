"""The printed Form 3 and 3/A: the SEC's form (3_X07.xsl) on the shared page layout (layout.py). Holdings only:
box 2 is the date of the event, box 3 the issuer, box 4 the relationship; no exit or 10b5-1 box; Table I,
the reminder, Table II, reporting owners, signatures, then the explanation of responses."""

from __future__ import annotations

from form4_desktop.model import Filing
from form4_desktop.model.forms import FORM3
from form4_desktop.pdf import layout
from form4_desktop.pdf.layout import PrintedForm, TableLayout


def boxes(filing: Filing):
    """Box 1 on the left, box 2 beside it; on the right box 3 over boxes 4 (left) and 5 and 6 (right)."""
    right = layout.WIDTH - 340
    lower = layout.grid(
        [
            (right / 2, [layout.relationship_box(filing, "4", right / 2)]),
            (
                right / 2,
                [
                    layout.date_box(
                        "5. If Amendment, Date Original Filed (Month/Day/Year)",
                        filing.date_of_original_submission,
                        right / 2,
                    ),
                    layout.joint_box(filing, "6", right / 2),
                ],
            ),
        ]
    )
    return layout.grid(
        [
            (240, [layout.owner_box(filing, 240)]),
            (
                100,
                [
                    layout.date_box(
                        "2. Date of Event Requiring Statement (Month/Day/Year)", filing.period_of_report, 100
                    )
                ],
            ),
            (right, [layout.issuer_box(filing, "3", right), lower]),
        ]
    )


FORM = PrintedForm(
    description=FORM3,
    omb_number="3235-0104",
    burden_hours="0.5",
    footer_number="SEC 1473 (03-26)",  # 3_X07.xsl's foot; the line under Table I keeps "SEC 1473 (7-02)"
    top_checks=(),
    boxes=boxes,
    # 1, 2, 3, 4
    table_i=TableLayout((300, 150, 100, 194)),
    # 1, 2 Exercisable, Expiration, 3 Title, Amount, 4, 5, 6
    table_ii=TableLayout((150, 60, 60, 120, 90, 80, 80, 104)),
    star_note="If the form is filed by more than one reporting person, <i>see</i> Instruction 5(b)(v).",
    closing_notes=(
        "Note: File three copies of this Form, one of which must be manually signed. If space is insufficient, "
        "<i>See</i> Instruction 6 for procedure.",
        layout.OMB_NOTICE_OF_FORMS_3_AND_5,
    ),
    parts=(layout.print_or_type, *layout.PARTS_OF_FORMS_3_AND_5),
)
