"""The printable Form 4 (reportlab)."""
