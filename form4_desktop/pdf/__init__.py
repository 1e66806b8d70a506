"""The printable Form 4 (reportlab), for manual signature."""

from form4_desktop.pdf.form4 import UnsupportedForm, format_amount, format_date, format_price, render_pdf

__all__ = ["UnsupportedForm", "format_amount", "format_date", "format_price", "render_pdf"]
