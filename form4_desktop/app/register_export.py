"""The Item 405 register written as a PDF table for the proxy drafter (pdf.register), for `form4 late --pdf` and the
register view's Export PDF: the issuer named as the store knows it, the day the register was judged on, and the
moment it was produced on New York's clock."""

from __future__ import annotations

import os
from datetime import date, datetime

from form4_desktop.app.files import write_atomically
from form4_desktop.pdf.register import register_pdf
from form4_desktop.rules.register import FiscalYear, RegisterLine
from form4_desktop.store import DraftStore


def issuer_name(store: DraftStore, issuer_cik: str) -> str:
    """The issuer's name as the store's filings give it ("" when none does)."""
    wanted = issuer_cik.lstrip("0") or "0"
    for issuer in store.known_issuers():
        if (issuer.cik.lstrip("0") or "0") == wanted and issuer.name:
            return issuer.name
    return ""


def write_register_pdf(
    store: DraftStore,
    lines: list[RegisterLine],
    issuer_cik: str,
    fiscal_year: FiscalYear,
    as_of: date,
    path: str | os.PathLike[str],
    produced: datetime | None = None,
) -> None:
    """Write the register `lines` (app.compliance.late_register's, judged on `as_of`) as a PDF into `path`."""
    from form4_desktop.app.clock import new_york_now

    pdf = register_pdf(
        lines,
        issuer=issuer_name(store, issuer_cik),
        issuer_cik=(issuer_cik.lstrip("0") or "0").zfill(10),
        fiscal_year=fiscal_year,
        produced=produced if produced is not None else new_york_now(),
        as_of=as_of,
    )
    write_atomically(path, pdf)
