"""The Item 405 register written as a PDF table for the proxy drafter (pdf.register), for `form4 late --pdf` and the
register view's Export PDF: the issuer named as the store knows it, the day the register was judged on, and the
moment it was produced on New York's clock."""

from __future__ import annotations

import os
from datetime import date, datetime

from form4_desktop.app.files import write_atomically
from form4_desktop.model import Issuer
from form4_desktop.app.compliance import register_row
from form4_desktop.pdf.register import ASSUMED, KNOWN, register_pdf
from form4_desktop.rules.register import FiscalYear, RegisterLine
from form4_desktop.store import DraftStore


def known_issuer(store: DraftStore, issuer_cik: str) -> Issuer | None:
    """The issuer as the store's filings give it (name, trading symbol), or None when none does."""
    wanted = issuer_cik.lstrip("0") or "0"
    return next((issuer for issuer in store.known_issuers() if (issuer.cik.lstrip("0") or "0") == wanted), None)


def issuer_name(store: DraftStore, issuer_cik: str) -> str:
    """The issuer's name as the store's filings give it ("" when none does)."""
    issuer = known_issuer(store, issuer_cik)
    return issuer.name or "" if issuer is not None else ""


def file_name(store: DraftStore, issuer_cik: str, year: int, suffix: str) -> str:
    """The register's file, named by the issuer's trading symbol (else its CIK) and the fiscal year:
    item405-NTRA-2019.pdf."""
    issuer = known_issuer(store, issuer_cik)
    symbol = "".join(c for c in (issuer.trading_symbol if issuer else "") if c.isalnum() or c in "-.")
    return f"item405-{symbol or (issuer_cik.lstrip('0') or '0').zfill(10)}-{year}.{suffix}"


def pdf_rows(lines: list[RegisterLine]) -> list[list[str]]:
    """The PDF's rows: each delinquent insider's line as `form4 late` writes it (compliance.register_row), its
    filing dates "assumed" or "known", and what the counts are made of, one item a line."""
    return [
        [
            *register_row(line)[:5],
            ASSUMED if line.assumed_dates else KNOWN,
            "\n".join(f"\u2022 {item}" for item in line.items),
        ]
        for line in lines
        if line.delinquent
    ]


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
        pdf_rows(lines),
        insiders=len(lines),
        issuer=issuer_name(store, issuer_cik),
        issuer_cik=(issuer_cik.lstrip("0") or "0").zfill(10),
        fiscal_year=fiscal_year,
        produced=produced if produced is not None else new_york_now(),
        as_of=as_of,
    )
    write_atomically(path, pdf)
