"""The printed Forms 3, 4 and 5 and their amendments (reportlab): layout.py is the page every form shares, and
form3.py, form4.py and form5.py say what each form prints its own way. A new form is one module with a
`PrintedForm` and one line in FORMS."""

from __future__ import annotations

from form4_desktop.model import Filing
from form4_desktop.pdf import form3, form4, form5
from form4_desktop.pdf.layout import (
    SIGNATURES,
    WATERMARK,
    PrintedForm,
    UnsupportedForm,
    clip,
    format_amount,
    format_date,
    format_price,
    render,
)

FORMS: dict[str, PrintedForm] = {"3": form3.FORM, "4": form4.FORM, "5": form5.FORM}


def render_pdf(filing: Filing, *, copies: int = 1, draft: bool = False, signature: str = "manual") -> bytes:
    """The filing as a PDF: `copies` complete copies, each numbered "Page N of M"; `draft` adds the
    "DRAFT — NOT FOR FILING" watermark (the app sets it while the filing has errors). `signature` is "manual"
    (a blank ruled line to sign by hand, the name and date under it: the copy the form says must be manually
    signed) or "conformed" ("/s/ name" on the line, as EDGAR shows a filed form). A form without a printed
    layout raises UnsupportedForm."""
    form = FORMS.get(filing.document_type.removesuffix("/A"))
    if form is None:
        raise UnsupportedForm(
            f"Printing a Form {clip(filing.document_type, 4)} is not available; Forms 3, 4 and 5 and their "
            "amendments print."
        )
    return render(form, filing, copies=copies, draft=draft, signature=signature)


__all__ = [
    "FORMS",
    "SIGNATURES",
    "WATERMARK",
    "UnsupportedForm",
    "format_amount",
    "format_date",
    "format_price",
    "render_pdf",
]
