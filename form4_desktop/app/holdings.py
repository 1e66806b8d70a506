"""The holdings ledger from the draft store: an owner's positions in an issuer's securities, the continuity check
of a draft, the proposal of a new row's "owned following", and importing a folder of past filings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterator

from form4_desktop.app.drafts import Imported, import_xml
from form4_desktop.edgar_xml import ReadError
from form4_desktop.model import Filing
from form4_desktop.model.holdings import Ledger, LedgerFiling, Position, build, corrections, propose_for_row
from form4_desktop.rules.continuity import continuity_findings
from form4_desktop.rules.findings import Finding
from form4_desktop.rules.short_swing import Match, Trade, match, trades_of
from form4_desktop.store import DraftStore


def _cik(cik: str) -> str:
    return cik.lstrip("0") or "0"


def ledger_of(store: DraftStore, owner_cik: str, issuer_cik: str, *, leave_out: int | None = None) -> Ledger:
    """The ledger of one owner and issuer: filed forms and imported EDGAR copies count; drafts not yet filed are
    pending. `leave_out` is a draft being edited (it is judged against the others, not against itself)."""
    return build(
        ledger_filings(store, owner_cik, issuer_cik, leave_out=leave_out), store.title_merges(owner_cik, issuer_cik)
    )


def ledger_filings(
    store: DraftStore, owner_cik: str, issuer_cik: str, *, leave_out: int | None = None
) -> list[LedgerFiling]:
    """The store's forms of one owner and issuer as the ledger takes them (filed ones with their filing date;
    each keyed by store, draft and version, so that rows read once are kept)."""
    return [
        LedgerFiling(
            row.id,
            row.filing,
            row.filed_on if row.status == "filed" else None,
            row.amends_id,
            (store.token, row.id, row.version),
        )
        for row in store.ledger_filings(owner_cik, issuer_cik)
        if row.id != leave_out
    ]


def _owner_and_issuer(filing: Filing) -> tuple[str, str] | None:
    owner = next((owner.cik for owner in filing.reporting_owners if owner.cik), "")
    if not owner or not filing.issuer.cik:
        return None
    return owner, filing.issuer.cik


def check_draft(store: DraftStore, filing: Filing, draft_id: int | None) -> list[Finding]:
    """HOLDINGS-CONTINUITY and HOLDINGS-LATER-FILINGS findings of a draft against its first reporting owner's
    ledger."""
    who = _owner_and_issuer(filing)
    if who is None:
        return []
    ledger = ledger_of(store, *who, leave_out=draft_id)
    return continuity_findings(filing, ledger, store.title_merges(*who))


def propose(store: DraftStore, filing: Filing, draft_id: int | None, table: str, row: int):
    """The "amount owned following" to propose for a row of a draft (None when the ledger does not know it)."""
    who = _owner_and_issuer(filing)
    if who is None:
        return None
    return propose_for_row(ledger_of(store, *who, leave_out=draft_id), filing, table, row, store.title_merges(*who))


def positions(
    store: DraftStore,
    owner_cik: str,
    issuer_cik: str | None = None,
    as_of: date | None = None,
    *,
    expired: bool = False,
    today: date | None = None,
) -> list[tuple[str, Position]]:
    """(issuer CIK, position) of every position of an owner, by issuer; filed and imported forms only. A Table II
    position past its expiration date on `as_of` (else `today`, else the computer's date) is no longer held and
    is left out, unless `expired`."""
    issuers = sorted({_cik(row.filing.issuer.cik) for row in store.ledger_filings(owner_cik, issuer_cik)})
    on = as_of or today or date.today()
    return [
        (issuer, position)
        for issuer in issuers
        for position in ledger_of(store, owner_cik, issuer).positions(as_of)
        if expired or not position.expired(on)
    ]


def after_amendment(store: DraftStore, amendment_id: int) -> list[tuple[int, str, object, object]]:
    """After an amendment, filed or a draft (as it will be once filed), or a draft whose rows are dated before rows
    filed since (a late Form 4, a Form 5 item): (draft id, box path, what it says, what it should say) of every
    later filing or draft of a position it changed whose "owned following" should now say another amount."""
    filing = store.open(amendment_id).filing
    who = _owner_and_issuer(filing)
    if who is None:
        return []
    ledger = ledger_of(store, *who)
    return [
        (entry.ref, entry.path, entry.reported, should)  # type: ignore[misc]
        for entry, should in corrections(ledger, amendment_id)
    ]


# -- importing an insider's past filings -----------------------------------------------------------------------
@dataclass(frozen=True)
class FolderImport:
    path: str
    imported: Imported | None  # None: the file could not be read
    problem: str = ""


def xml_files(folder: str) -> list[str]:
    """Every .xml file under `folder`, recursively, in a stable order."""
    found = []
    for root, folders, files in os.walk(folder):
        folders.sort()
        found += [os.path.join(root, name) for name in sorted(files) if name.lower().endswith(".xml")]
    return found


def import_folder(
    store: DraftStore, folder: str, progress: Callable[[int, int, str], None] | None = None
) -> Iterator[FolderImport]:
    """Import every XML file under `folder` (a file already in the store is not imported again); `progress` is
    told (done, total, file) after each."""
    files = xml_files(folder)
    for number, path in enumerate(files, start=1):
        try:
            result = FolderImport(path, import_xml(store, path))
        except ReadError as error:
            result = FolderImport(path, None, str(error))
        if progress is not None:
            progress(number, len(files), path)
        yield result


def trades(
    store: DraftStore, owner_cik: str, issuer_cik: str, *, leave_out: int | None = None, pending: bool = False
) -> list[Trade]:
    """The P and S trades of an owner in an issuer's securities: filed and imported forms, and with `pending`
    the drafts not yet filed too."""
    found = []
    for row in store.ledger_filings(owner_cik, issuer_cik):
        if row.id == leave_out or (row.status != "filed" and not pending):
            continue
        found += trades_of(row.id, row.filing, pending=row.status != "filed")
    return found


def short_swing_report(store: DraftStore, owner_cik: str, issuer_cik: str) -> list[Match]:
    """The Section 16(b) matches of an owner's filed and imported trades in an issuer's securities."""
    return match(trades(store, owner_cik, issuer_cik))
