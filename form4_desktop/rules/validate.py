"""`validate(filing, today)`: every finding for a filing, from the rules in `catalog`.

One pass over the filing, no I/O: fast enough to run on every keystroke.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Iterable

from form4_desktop.model import (
    DOCUMENT_TYPES,
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    Footnoted,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipNature,
    ReportingOwner,
)
from form4_desktop.model import operations
from form4_desktop.model.codes import COUNTRIES, OBSOLETE_COUNTRIES, US_STATES
from form4_desktop.model.forms import FORM5_ITEM, LATE_FORM3_HOLDING, LATE_FORM4_ITEM, choose_form_type
from form4_desktop.rules import deadline
from form4_desktop.rules.arithmetic import holdings_arithmetic
from form4_desktop.rules.boxes import box_label, cell, owner_label
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.coding import FIXED_DIRECTION, USUAL_DIRECTION, code_of
from form4_desktop.rules.diligence import diligence_findings
from form4_desktop.rules.findings import Finding
from form4_desktop.rules.closures import DEFAULT_CALENDAR, Calendar
from form4_desktop.rules.matching import exercise_findings
from form4_desktop.rules.notes import FOOTNOTE_ID as _FOOTNOTE_ID
from form4_desktop.rules.notes import footnote_name
from form4_desktop.rules.timeliness import deadline_findings, is_gift_given

MAX_DECIMAL = Decimal("999999999999.9999")
EARLIEST_DATE = date(1934, 6, 6)  # the Securities Exchange Act: no Section 16 date can be older
TRANSACTION_CODES = frozenset("ACDEFGHIJLMOPSUWXZ")
# Codes that are Form 4 transactions whenever they happen (Rule 16a-3(g)(1)): open-market and private trades, and
# the Rule 16b-3 and derivative exercise codes reported on Form 4 since 2002. None is a Form 5 item (Rule 16a-3(f));
# G, W, L, J, E, H, U, Z, I can be, depending on the facts, and are left to the user.
FORM4_ONLY_CODES = frozenset("PSADFMXCO")
__all__ = ["FIXED_DIRECTION", "USUAL_DIRECTION", "footnote_name", "validate"]
_CIK = re.compile(r"[0-9]{1,10}")
_ZIP = re.compile(r"[0-9A-Za-z #-]*")
_SPACES = re.compile(r"\s+")
# Remarks saying that the report is split over several forms, as real ones do: "the second of two Form 4s ...
# split into two filings", "Due to a 30 line item limitation in Table I, this is the second of two Forms 4".
_SPLIT = re.compile(
    r"\bsplit\b|\b30[- ]line|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)?)"
    r"\s+of\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:forms?|filings|reports)\b",
    re.IGNORECASE,
)


def _amount(value: Decimal) -> str:
    return f"{value:,}"


def _title(text: object) -> str:
    return _SPACES.sub(" ", str(text or "")).strip().casefold()


class _Checker:
    def __init__(self, filing: Filing, today: date, calendar: Calendar = DEFAULT_CALENDAR):
        self.filing = filing
        self.today = today
        self.calendar = calendar
        self.form = filing.form
        self.findings: list[Finding] = []
        # footnote id -> how many boxes reference it
        self.references: dict[str, int] = {}
        self.defined = {footnote.id for footnote in filing.footnotes}

    def add(self, rule_id: str, path: str, message: str) -> None:
        self.findings.append(Finding(rule_id, RULES[rule_id].severity, path, message))

    # -- boxes -------------------------------------------------------------------------------------------
    def refs(self, path: str, label: str, footnote_ids: list[str]) -> None:
        if not footnote_ids:
            return
        seen: set[str] = set()
        for footnote_id in footnote_ids:
            if footnote_id in seen:
                self.add(
                    "FOOTNOTE-REPEATED",
                    path,
                    f"{label}: footnote {footnote_name(footnote_id)} is referenced twice; remove the second reference.",
                )
                continue
            seen.add(footnote_id)
            self.references[footnote_id] = self.references.get(footnote_id, 0) + 1
            if footnote_id not in self.defined:
                self.add(
                    "FOOTNOTE-MISSING",
                    path,
                    f"{label}: refers to footnote {footnote_name(footnote_id)}, which does not "
                    "exist in the Explanation of Responses.",
                )

    def box(
        self, box: Footnoted | None, path: str, label: str, *, required: bool = False, optional_value: bool = False
    ) -> object:
        """Check one box's footnotes and presence; returns its value (None when blank)."""
        if box is not None and box.value == "":
            box = Footnoted(None, box.footnote_ids)  # an emptied cell is a blank box
        if box is None or box.is_empty():
            if required:
                self.add("REQUIRED-VALUE", path, f"{label} is required.")
            elif optional_value:
                self.add("VALUE-OR-FOOTNOTE", path, f"{label} is blank: give a value or a footnote that explains it.")
            return None
        self.refs(path, label, box.footnote_ids)
        if box.value is None and required:
            self.add("REQUIRED-VALUE", path, f"{label} needs a value; a footnote alone is not enough here.")
        return box.value

    def decimal(self, value: object, path: str, label: str) -> None:
        if not isinstance(value, Decimal):
            return
        if value < 0:
            self.add(
                "DECIMAL-RANGE",
                path,
                f"{label}: {value} is negative; give the amount without a sign and use (A) or (D) for the direction.",
            )
        elif value > MAX_DECIMAL:
            self.add(
                "DECIMAL-RANGE", path, f"{label}: {_amount(value)} is larger than EDGAR accepts (999,999,999,999.9999)."
            )
        elif value.normalize().as_tuple().exponent < -4:  # type: ignore[operator]
            self.add("DECIMAL-RANGE", path, f"{label}: {value} has more than 4 decimal places.")

    def text_length(self, value: object, limit: int, rule_id: str, path: str, label: str) -> None:
        if isinstance(value, str) and len(value) > limit:
            self.add(rule_id, path, f"{label} is {len(value)} characters long; EDGAR allows at most {limit}.")

    def cell_box(self, table: str, index: int, attribute: str, box: Footnoted | None, **kind: bool) -> object:
        path, label = cell(self.form, table, index, attribute)
        value = self.box(box, path, label, **kind)
        self.decimal(value, path, label)
        return value

    # -- document ----------------------------------------------------------------------------------------
    def document(self) -> None:
        filing = self.filing
        if filing.document_type not in DOCUMENT_TYPES:
            self.add(
                "DOC-TYPE",
                "document_type",
                f"Document type '{filing.document_type}' is not one of {', '.join(DOCUMENT_TYPES)}.",
            )
        if filing.period_of_report is not None and filing.period_of_report < EARLIEST_DATE:
            self.add(
                "DATE-RANGE",
                "period_of_report",
                f"{self.label('period_of_report')}: "
                f"{filing.period_of_report:%m/%d/%Y} is not a plausible date; check the year.",
            )
        if filing.period_of_report is None:
            self.add("PERIOD-REQUIRED", "period_of_report", f"{self.label('period_of_report')} is required.")
        original_label = self.label("date_of_original_submission")
        if filing.is_amendment:
            original = filing.date_of_original_submission
            if original is None:
                self.add(
                    "ORIGINAL-DATE-REQUIRED",
                    "date_of_original_submission",
                    f"{original_label}: an amendment must give the date the original was filed.",
                )
            elif original > self.today:
                self.add(
                    "ORIGINAL-DATE-ORDER",
                    "date_of_original_submission",
                    f"{original_label}: {original:%m/%d/%Y} is in the future.",
                )
            elif filing.period_of_report and original < filing.period_of_report:
                self.add(
                    "ORIGINAL-DATE-ORDER",
                    "date_of_original_submission",
                    f"{original_label}: {original:%m/%d/%Y} is before the date in "
                    f"{self.label('period_of_report').split(',')[0].lower()} ({filing.period_of_report:%m/%d/%Y}); "
                    "the original cannot predate what it reports.",
                )
        elif filing.date_of_original_submission is not None:
            self.add(
                "ORIGINAL-DATE-UNUSED",
                "date_of_original_submission",
                f"{original_label} is only for amendments: remove the date, or make this an amendment (/A).",
            )
        if self.form == "3":
            if filing.not_subject_to_section16:
                self.add(
                    "EXIT-BOX-FORM3",
                    "not_subject_to_section16",
                    "The 'no longer subject to Section 16' box is not on Form 3: uncheck it.",
                )
            if filing.aff10b5_one is not None and not filing.is_disseminated_copy:
                self.add(
                    "AFF10B5ONE-FORM3",
                    "aff10b5_one",
                    "The Rule 10b5-1(c) box is not on Form 3; it is left out of the submission.",
                )
        else:
            self.transactions_present()
            if self.form == "5":
                self.reported_boxes()
            if filing.aff10b5_one is None and not filing.is_disseminated_copy:
                self.add(
                    "AFF10B5ONE-UNANSWERED",
                    "aff10b5_one",
                    "The Rule 10b5-1(c) box is not answered; say whether a transaction was made under a "
                    "10b5-1 plan (EDGAR requires the box since April 2023).",
                )
        for table, rows in (("table_i", filing.table_i), ("table_ii", filing.table_ii)):
            if len(rows) > 30:
                self.add(
                    "TABLE-SIZE",
                    table,
                    f"{'Table I' if table == 'table_i' else 'Table II'} has {len(rows)} rows; EDGAR allows at "
                    f"most 30. Put the other rows on further Forms {self.form} filed the same day, each "
                    f"complete with its own {self.label('period_of_report').split(',')[0].lower()}, and say in "
                    f"each one's remarks that the report is split (e.g. 'This Form {self.form} is the second of "
                    "two filed today for the same transactions').",
                )

    def reported_boxes(self) -> None:
        """A Form 5's "Form 3 Holdings Reported" and "Form 4 Transactions Reported" kept from a filed form (EDGAR
        computes them; a draft leaves them to the rows) that no longer say what the rows say."""
        derived = operations.reported_boxes(self.filing)
        for path, kept, should, choice, rows in (
            ("form3_holdings_reported", self.filing.form3_holdings_reported, derived[0], LATE_FORM3_HOLDING, "holding"),
            (
                "form4_transactions_reported",
                self.filing.form4_transactions_reported,
                derived[1],
                LATE_FORM4_ITEM,
                "transaction",
            ),
        ):
            if kept is None or kept == should:
                continue
            box = self.label(path)
            if kept:
                said = f"'{box}' is checked, but no {rows} is marked '{choice[1]}'"
                outcome = "EDGAR will leave the box unchecked"
            else:
                said = f"'{box}' is unchecked, but a {rows} is marked '{choice[1]}'"
                outcome = "EDGAR will check the box"
            self.add(
                "FORM5-REPORTED-BOXES",
                path,
                f"{said}: EDGAR sets the box from the rows when it accepts the form. If this Form 5 reports such a "
                f"{rows}, {choose_form_type(choice)}; otherwise {outcome}.",
            )

    def label(self, path: str) -> str:
        """How this form names a box: "Box 3, date of earliest transaction" on a Form 4, "Box 2, ..." on a Form 3."""
        return box_label(self.form, path)

    def transactions_present(self) -> None:
        filing = self.filing
        if filing.not_subject_to_section16:
            return
        rows = (*filing.table_i, *filing.table_ii)
        if not rows:
            self.add(
                "NO-TRANSACTIONS",
                "table_i",
                f"A Form {self.form} must report at least one transaction or holding in Table I or Table II, "
                "unless the box 'no longer subject to Section 16' is checked; EDGAR suspends it otherwise.",
            )
            return
        if any(isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)) for row in rows):
            return
        if self.form == "5" and any(row.coding is not None and row.coding.form_type == "3" for row in rows):
            return  # late Form 3 holdings are what this Form 5 reports
        self.add(
            "HOLDINGS-ONLY",
            "table_i",
            f"This Form {self.form} reports holdings but no transaction. EDGAR accepts it, but a Form "
            f"{self.form} reports a change in beneficial ownership: add the transaction it reports, or check "
            "'no longer subject to Section 16' if that is why it is filed.",
        )

    def issuer(self) -> None:
        issuer = self.filing.issuer
        if not _CIK.fullmatch(issuer.cik or "") or not int(issuer.cik):
            label = self.label("issuer.cik")
            self.add(
                "ISSUER-CIK",
                "issuer.cik",
                f"{label} '{issuer.cik}' must be 1 to 10 digits." if issuer.cik else f"{label} is required.",
            )
        symbol = issuer.trading_symbol or ""
        if not symbol:
            self.add(
                "ISSUER-SYMBOL",
                "issuer.trading_symbol",
                f"{self.label('issuer.trading_symbol')} is required (use NONE if the issuer has none).",
            )
        self.text_length(symbol, 10, "ISSUER-SYMBOL", "issuer.trading_symbol", self.label("issuer.trading_symbol"))
        self.text_length(
            issuer.foreign_trading_symbol,
            14,
            "ISSUER-SYMBOL",
            "issuer.foreign_trading_symbol",
            f"{self.label('issuer.foreign_trading_symbol')}, foreign trading symbol",
        )
        self.text_length(issuer.name, 150, "ISSUER-NAME-LENGTH", "issuer.name", self.label("issuer.name"))

    def owners(self) -> None:
        owners = self.filing.reporting_owners
        if not owners:
            self.add("OWNER-COUNT", "reporting_owners", "Box 1: at least one reporting person is required.")
        elif len(owners) > 10:
            self.add(
                "OWNER-COUNT",
                "reporting_owners",
                f"Box 1: {len(owners)} reporting persons; a joint filing may have at most 10. Report the others "
                f"on further Forms {self.form} filed the same day, each complete with its own "
                f"{self.label('period_of_report').split(',')[0].lower()}, and say in each one's remarks that the "
                "report is split.",
            )
        seen: dict[str, int] = {}
        for index, owner in enumerate(owners):
            self.owner(index, owner, len(owners))
            key = owner.cik.lstrip("0") if _CIK.fullmatch(owner.cik or "") else owner.cik
            if key and key in seen:
                self.add(
                    "OWNER-DUPLICATE",
                    f"reporting_owners[{index}].cik",
                    f"{owner_label(index, len(owners))}: CIK {owner.cik} is already reporting person "
                    f"{seen[key] + 1}; each owner may appear once.",
                )
            else:
                seen.setdefault(key, index)

    def owner(self, index: int, owner: ReportingOwner, count: int) -> None:
        base, label = f"reporting_owners[{index}]", owner_label(index, count)
        if not _CIK.fullmatch(owner.cik or "") or not int(owner.cik):
            self.add(
                "OWNER-CIK",
                f"{base}.cik",
                f"{label}: CIK '{owner.cik}' must be 1 to 10 digits." if owner.cik else f"{label}: CIK is required.",
            )
        if not self.filing.is_disseminated_copy:
            if not owner.ccc:
                self.add("OWNER-CCC", f"{base}.ccc", f"{label}: the CCC (EDGAR access code) is required to file.")
            elif len(owner.ccc) != 8:
                self.add(
                    "OWNER-CCC", f"{base}.ccc", f"{label}: the CCC must be exactly 8 characters, not {len(owner.ccc)}."
                )
        self.text_length(owner.name, 150, "OWNER-NAME-LENGTH", f"{base}.name", f"{label}, name")
        r = owner.relationship
        if not (r.is_director or r.is_officer or r.is_ten_percent_owner or r.is_other):
            self.add(
                "RELATIONSHIP-NONE",
                f"{base}.relationship",
                f"{self._relationship(index, count)}: check at least one of Director, Officer, 10% Owner or Other.",
            )
        if r.is_officer and not r.officer_title:
            self.add(
                "RELATIONSHIP-OFFICER-TITLE",
                f"{base}.relationship.officer_title",
                f"{self._relationship(index, count)}: Officer is checked, so give the title.",
            )
        if r.is_other and not r.other_text:
            self.add(
                "RELATIONSHIP-OTHER-TEXT",
                f"{base}.relationship.other_text",
                f"{self._relationship(index, count)}: Other is checked, so say what the relationship is.",
            )
        if r.officer_title and not r.is_officer:
            self.add(
                "RELATIONSHIP-TEXT-UNUSED",
                f"{base}.relationship.officer_title",
                f"{self._relationship(index, count)}: an officer title is given but Officer is not checked.",
            )
        if r.other_text and not r.is_other:
            self.add(
                "RELATIONSHIP-TEXT-UNUSED",
                f"{base}.relationship.other_text",
                f"{self._relationship(index, count)}: 'other' text is given but Other is not checked.",
            )
        self.text_length(
            r.officer_title,
            30,
            "RELATIONSHIP-TEXT-LENGTH",
            f"{base}.relationship.officer_title",
            f"{self._relationship(index, count)}, officer title",
        )
        self.text_length(
            r.other_text,
            30,
            "RELATIONSHIP-TEXT-LENGTH",
            f"{base}.relationship.other_text",
            f"{self._relationship(index, count)}, other (specify)",
        )
        if owner.address is not None:
            self.address(base, label, owner)

    def _relationship(self, index: int, count: int) -> str:
        """ "Box 5, relationship" (Form 4 and 5) or "Box 4, relationship" (Form 3), naming the person of several."""
        label = self.label(f"reporting_owners[{index}].relationship")
        return label if count > 1 else label.split(", reporting person")[0]

    def address(self, base: str, label: str, owner: ReportingOwner) -> None:
        address = owner.address
        assert address is not None
        path = f"{base}.address"
        for attribute, limit, name in (
            ("street1", 40, "street"),
            ("street2", 40, "street, second line"),
            ("city", 30, "city"),
            ("zip_code", 10, "ZIP code"),
            ("non_us_state_territory", 40, "state, province or territory"),
        ):
            self.text_length(
                getattr(address, attribute), limit, "ADDRESS-LENGTH", f"{path}.{attribute}", f"{label}, {name}"
            )
        if address.zip_code and not _ZIP.fullmatch(address.zip_code):
            self.add(
                "ADDRESS-LENGTH",
                f"{path}.zip_code",
                f"{label}, ZIP code '{address.zip_code}' may hold only letters, digits, spaces, # and -.",
            )
        region = address.non_us_state_territory
        if region and 30 < len(region) <= 40:
            self.add(
                "ADDRESS-NON-US-REGION",
                f"{path}.non_us_state_territory",
                f"{label}, state, province or territory is {len(region)} characters; the specification "
                "allows 30 (the schema 40).",
            )
        if address.non_us_address:
            if not address.country:
                self.add("ADDRESS-COUNTRY", f"{path}.country", f"{label}: a non-US address needs its country.")
            elif address.country in OBSOLETE_COUNTRIES:
                self.add(
                    "ADDRESS-COUNTRY",
                    f"{path}.country",
                    f"{label}: country code {address.country} ({OBSOLETE_COUNTRIES[address.country].title()}) "
                    "is obsolete and EDGAR suspends it; choose the current country.",
                )
            elif address.country not in COUNTRIES:
                self.add(
                    "ADDRESS-COUNTRY",
                    f"{path}.country",
                    f"{label}: '{address.country}' is not an EDGAR country code (EDGAR has codes of its own: "
                    "e.g. X0 United Kingdom, 2M Germany, A6 Ontario, Canada).",
                )
            if address.state:
                self.add(
                    "ADDRESS-COUNTRY",
                    f"{path}.state",
                    f"{label}: a non-US address has no US state; put the region in 'state, province or territory'.",
                )
        else:
            if address.country:
                self.add(
                    "ADDRESS-COUNTRY",
                    f"{path}.non_us_address",
                    f"{label}: a country is given, so check 'non-US address' (or remove the country).",
                )
            if address.state and address.state not in US_STATES:
                self.add(
                    "ADDRESS-STATE", f"{path}.state", f"{label}: '{address.state}' is not a US state or territory code."
                )
            elif not address.state and address.non_us_address is False:
                self.add("ADDRESS-STATE", f"{path}.state", f"{label}: a US address needs its state.")
            elif (
                not address.state
                and (address.street1 or address.city)
                and not address.country
                and not self.filing.is_disseminated_copy
            ):
                self.add("ADDRESS-STATE", f"{path}.state", f"{label}: a US address needs its state.")

    # -- tables ------------------------------------------------------------------------------------------
    def tables(self) -> None:
        if self.form == "3":
            for table, rows in (("table_i", self.filing.table_i), ("table_ii", self.filing.table_ii)):
                for index, row in enumerate(rows):
                    if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
                        path, label = cell(self.form, table, index, "transaction_date")
                        self.add(
                            "FORM3-TRANSACTION",
                            f"{table}[{index}]",
                            f"{label.split(', column')[0]}: a Form 3 reports holdings only, not transactions.",
                        )
        for index, row in enumerate(self.filing.table_i):
            if isinstance(row, NonDerivativeTransaction):
                self.transaction_i(index, row)
            else:
                self.holding_i(index, row)
        for index, row in enumerate(self.filing.table_ii):
            if isinstance(row, DerivativeTransaction):
                self.transaction_ii(index, row)
            else:
                self.holding_ii(index, row)

    def title(self, table: str, index: int, attribute: str, box: Footnoted | None) -> None:
        value = self.cell_box(table, index, attribute, box, required=True)
        path, label = cell(self.form, table, index, attribute)
        self.text_length(value, 60, "TEXT-LENGTH", path, label)

    def ownership(self, table: str, index: int, nature: OwnershipNature) -> None:
        path, label = cell(self.form, table, index, "ownership.direct_or_indirect")
        kind = self.box(nature.direct_or_indirect, path, label, required=True)
        nature_path, nature_label = cell(self.form, table, index, "ownership.nature_of_ownership")
        text = self.box(nature.nature_of_ownership, nature_path, nature_label)
        if kind is not None and kind not in ("D", "I"):
            self.add("DIRECT-INDIRECT", path, f"{label} must be D (direct) or I (indirect), not '{kind}'.")
        elif kind == "D" and text:
            self.add(
                "DIRECT-INDIRECT",
                nature_path,
                f"{nature_label} is only for indirect (I) ownership; EDGAR suspends a direct (D) row that has one.",
            )
        elif kind == "I" and not text:
            self.add(
                "DIRECT-INDIRECT",
                nature_path,
                f"{nature_label} is required for indirect (I) ownership (e.g. 'By Trust').",
            )
        self.text_length(text, 100, "TEXT-LENGTH", nature_path, nature_label)

    def owned_following(self, table: str, index: int, row: object, allowed: bool = True) -> None:
        shares = getattr(row, "shares_owned_following")
        value = getattr(row, "value_owned_following")
        path, label = cell(self.form, table, index, "shares_owned_following")
        if not allowed:
            if shares is not None or value is not None:
                self.add(
                    "OWNED-FOLLOWING",
                    path,
                    f"{label.split(', column')[0]}: a Form 3 derivative holding has "
                    "no amount owned following: remove it.",
                )
            return
        if shares is not None and value is not None:
            self.add("OWNED-FOLLOWING", path, f"{label}: give the number of securities or their value, not both.")
        box = shares if shares is not None else value
        attribute = (
            "shares_owned_following"
            if shares is not None
            else ("value_owned_following" if value is not None else "shares_owned_following")
        )
        self.cell_box(table, index, attribute, box, required=True)

    def coding(self, table: str, index: int, row: NonDerivativeTransaction | DerivativeTransaction) -> None:
        path, label = cell(self.form, table, index, "coding")
        coding = row.coding
        if coding is None:
            self.add("CODING-REQUIRED", path, f"{label} is required.")
            return
        self.refs(path, label, coding.footnote_ids)
        if coding.equity_swap_involved is None:
            self.add("CODING-REQUIRED", path, f"{label}: say whether an equity swap is involved (K).")
        if coding.code not in TRANSACTION_CODES:
            # In the words of the editor's columns: K and V are boxes to tick beside the code, on a Form 5 the
            # form type is its own column.
            hint = {
                "K": " For an equity swap, give the code of the transaction and tick K (equity swap involved).",
                "V": " For an item reported early, give its code and tick V (a Form 5 item, form type 5)."
                if self.form != "5"
                else f" V marks a Form 5 item reported early on a Form 4; here give the code alone, and "
                f"{choose_form_type(FORM5_ITEM)}.",
            }
            self.add(
                "CODING-CODE",
                path,
                f"{label}: '{coding.code}' is not an SEC transaction code." + hint.get(coding.code.upper(), "")
                if coding.code
                else f"{label} is required.",
            )
        if coding.form_type not in ("4", "5"):
            must = (
                f"'{FORM5_ITEM[1]}' or '{LATE_FORM4_ITEM[1]}'"
                if self.form == "5"
                else "4 (or 5 for a Form 5 item reported early)"
            )
            self.add(
                "CODING-FORM-TYPE",
                f"{path}.form_type" if self.form == "5" else path,
                f"{label}: the transaction form type must be {must}"
                + (f", not '{coding.form_type}'." if coding.form_type else "; it is missing."),
            )
        elif self.form == "5" and coding.form_type == "5" and coding.code in FORM4_ONLY_CODES:
            # A late sale is a late Form 4 item (S4), not a Form 5 item reported late (S5), whatever L says.
            self.add(
                "FORM4-ITEM-ON-FORM5",
                f"{path}.form_type",
                f"{label}: code {coding.code} is a Form 4 transaction (due in two business days), never a Form 5 "
                f"item: on a Form 5 it is a late Form 4 item; {choose_form_type(LATE_FORM4_ITEM)} (it prints "
                f"{coding.code}4).",
            )
        if (
            self.form == "4"
            and coding.form_type == "5"
            and isinstance(row.transaction_date.value, date)
            and is_gift_given(row)
        ):
            self.add(
                "GIFT-FORM-TYPE",
                path,
                f"{label}: a gift given on or after 02/27/2023 must be reported on "
                "Form 4 within two business days (form type 4), not held for Form 5.",
            )
        elif self.form == "4" and coding.form_type == "5":
            # A V ticked by mistake silently takes the row out of the two-day deadline: say that it is ticked.
            self.add(
                "FORM5-ITEM-EARLY",
                f"{path}.form_type",
                f"{label}: marked V, a Form 5 item reported early, so it has no two-day deadline; untick V "
                "if this is a Form 4 transaction.",
            )
        timeliness_path, timeliness_label = cell(self.form, table, index, "timeliness")
        timeliness = self.box(row.timeliness, timeliness_path, timeliness_label) or ""
        if self.form == "4":
            allowed = ("",) if coding.form_type == "4" else ("", "E")
        else:
            allowed = ("", "L")
        if self.form in ("4", "5") and timeliness not in allowed:
            what = {
                "4": "a Form 4 item is on time by definition: leave it empty",
                "5": "an early Form 5 item may only be marked E (early)",
            }
            reason = (
                what[coding.form_type]
                if self.form == "4" and coding.form_type in what
                else "on a Form 5 only L (late) may be given"
            )
            self.add("CODING-TIMELINESS", timeliness_path, f"{timeliness_label} is '{timeliness}'; {reason}.")
        direction = row.acquired_disposed.value if row.acquired_disposed else None
        if direction in ("A", "D"):
            fixed = FIXED_DIRECTION.get(coding.code)
            path_ad, label_ad = cell(self.form, table, index, "acquired_disposed")
            if fixed and fixed != direction:
                self.add(
                    "CODING-ACQUIRED-DISPOSED",
                    path_ad,
                    f"{label_ad} is ({direction}), but code {coding.code} always means "
                    f"{'an acquisition (A)' if fixed == 'A' else 'a disposition (D)'}.",
                )
            usual = USUAL_DIRECTION[table].get(coding.code)
            if not fixed and usual and usual != direction and not self.converted_into(table, row):
                self.add(
                    "CODING-ACQUIRED-DISPOSED-USUAL",
                    path_ad,
                    f"{label_ad} is ({direction}); with code {coding.code} in {cell(self.form, table, index, 'coding')[1].split(',')[0]} "
                    f"it is usually ({usual}). Check the row.",
                )

    def converted_into(self, table: str, row: NonDerivativeTransaction | DerivativeTransaction) -> bool:
        """A Table II acquisition by exercise or conversion of a security that is itself a derivative (Class B common
        convertible into Class A): a same-day Table II row of the same code disposes of a derivative whose
        underlying security is this row's."""
        if table != "table_ii" or not isinstance(row, DerivativeTransaction):
            return False
        title, day = _title(row.security_title.value), row.transaction_date.value
        return any(
            isinstance(other, DerivativeTransaction)
            and other is not row
            and code_of(other) == code_of(row)
            and other.transaction_date.value == day
            and other.acquired_disposed.value == "D"
            and _title(other.underlying.title.value) == title
            for other in self.filing.table_ii
        )

    def dates(self, table: str, index: int, row: NonDerivativeTransaction | DerivativeTransaction) -> None:
        path, label = cell(self.form, table, index, "transaction_date")
        traded = self.cell_box(table, index, "transaction_date", row.transaction_date, required=True)
        deemed_path, deemed_label = cell(self.form, table, index, "deemed_execution_date")
        deemed = self.box(row.deemed_execution_date, deemed_path, deemed_label)
        if isinstance(traded, date) and traded < EARLIEST_DATE:
            self.add(
                "DATE-RANGE",
                path,
                f"{label}: {traded:%m/%d/%Y} is not a plausible date (before the "
                "Exchange Act of 1934); check the year.",
            )
        if isinstance(traded, date) and traded > self.today:
            self.add("TRANSACTION-DATE-FUTURE", path, f"{label}: {traded:%m/%d/%Y} is in the future.")
        if isinstance(traded, date) and isinstance(deemed, date):
            if deemed < traded:
                self.add(
                    "DEEMED-DATE-ORDER",
                    deemed_path,
                    f"{deemed_label}: {deemed:%m/%d/%Y} is before the transaction date {traded:%m/%d/%Y}.",
                )
            elif deemed == traded:
                self.add(
                    "DEEMED-DATE-SAME", deemed_path, f"{deemed_label} is the transaction date itself; leave it blank."
                )
            elif (cap := deadline.latest_deemed_date(traded, self.calendar)) is not None and deemed > cap:
                self.add(
                    "DEEMED-DATE-LATE",
                    deemed_path,
                    f"{deemed_label}: {deemed:%m/%d/%Y} is more than three business days after the trade "
                    f"on {traded:%m/%d/%Y}; Rule 16a-3(g) caps the deemed execution date there.",
                )

    def amounts_i(self, index: int, row: NonDerivativeTransaction) -> None:
        self.cell_box("table_i", index, "shares", row.shares, required=True)
        self.cell_box("table_i", index, "price_per_share", row.price_per_share, optional_value=True)
        self.cell_box("table_i", index, "acquired_disposed", row.acquired_disposed, required=True)
        self.acquired_disposed_value("table_i", index, row.acquired_disposed)

    def acquired_disposed_value(self, table: str, index: int, box: Footnoted | None) -> None:
        if box is not None and box.value not in (None, "A", "D"):
            path, label = cell(self.form, table, index, "acquired_disposed")
            self.add("REQUIRED-VALUE", path, f"{label} must be A (acquired) or D (disposed), not '{box.value}'.")

    def transaction_i(self, index: int, row: NonDerivativeTransaction) -> None:
        self.title("table_i", index, "security_title", row.security_title)
        self.dates("table_i", index, row)
        self.coding("table_i", index, row)
        self.amounts_i(index, row)
        self.owned_following("table_i", index, row)
        self.ownership("table_i", index, row.ownership)

    def holding_i(self, index: int, row: NonDerivativeHolding) -> None:
        self.title("table_i", index, "security_title", row.security_title)
        self.holding_coding("table_i", index, row)
        self.owned_following("table_i", index, row)
        self.ownership("table_i", index, row.ownership)

    def holding_coding(self, table: str, index: int, row: NonDerivativeHolding | DerivativeHolding) -> None:
        if row.coding is None:
            return
        path, label = cell(self.form, table, index, "coding")
        self.refs(path, label, row.coding.footnote_ids)
        if self.form != "5":
            self.add(
                "HOLDING-CODING",
                path,
                f"{label}: a holding on a Form {self.form} has no transaction code "
                "(only a late Form 3 holding on a Form 5 has one): remove it.",
            )
        elif row.coding.form_type not in (None, "3"):
            self.add(
                "CODING-FORM-TYPE",
                f"{path}.form_type",
                f"{label}: a Form 5 holding may only be marked '{LATE_FORM3_HOLDING[1]}', not "
                f"'{row.coding.form_type}'.",
            )

    def derivative_common(self, table: str, index: int, row: DerivativeTransaction | DerivativeHolding) -> None:
        self.title(table, index, "security_title", row.security_title)
        self.cell_box(
            table, index, "conversion_or_exercise_price", row.conversion_or_exercise_price, optional_value=True
        )
        exercisable = self.cell_box(table, index, "exercise_date", row.exercise_date, optional_value=True)
        expires = self.cell_box(table, index, "expiration_date", row.expiration_date, optional_value=True)
        if isinstance(exercisable, date) and isinstance(expires, date) and exercisable > expires:
            path, label = cell(self.form, table, index, "exercise_date")
            self.add(
                "EXERCISE-AFTER-EXPIRATION",
                path,
                f"{label}: {exercisable:%m/%d/%Y} is after the expiration date {expires:%m/%d/%Y}.",
            )
        underlying = row.underlying
        title = self.cell_box(table, index, "underlying.title", underlying.title, required=True)
        path, label = cell(self.form, table, index, "underlying.title")
        self.text_length(title, 60, "TEXT-LENGTH", path, label)
        if underlying.shares is not None and underlying.value is not None:
            path, label = cell(self.form, table, index, "underlying.shares")
            self.add(
                "DERIVATIVE-AMOUNTS",
                path,
                f"{label}: give the number of underlying securities or their value, not both.",
            )
        elif underlying.shares is None and underlying.value is None:
            path, label = cell(self.form, table, index, "underlying.shares")
            self.add("DERIVATIVE-AMOUNTS", path, f"{label} is required (or their value).")
        else:
            attribute = "underlying.shares" if underlying.shares is not None else "underlying.value"
            self.cell_box(table, index, attribute, underlying.shares or underlying.value, optional_value=True)

    def transaction_ii(self, index: int, row: DerivativeTransaction) -> None:
        self.derivative_common("table_ii", index, row)
        self.dates("table_ii", index, row)
        self.coding("table_ii", index, row)
        if row.shares is not None and row.total_value is not None:
            path, label = cell(self.form, "table_ii", index, "shares")
            self.add(
                "DERIVATIVE-AMOUNTS",
                path,
                f"{label}: give the number of derivative securities or their total value, not both.",
            )
        else:
            attribute = "total_value" if row.total_value is not None and row.shares is None else "shares"
            self.cell_box(
                "table_ii", index, attribute, row.shares if attribute == "shares" else row.total_value, required=True
            )
        self.cell_box("table_ii", index, "price_per_share", row.price_per_share, optional_value=True)
        path, label = cell(self.form, "table_ii", index, "acquired_disposed")
        self.box(row.acquired_disposed, path, label, required=True)
        self.acquired_disposed_value("table_ii", index, row.acquired_disposed)
        self.owned_following("table_ii", index, row)
        self.ownership("table_ii", index, row.ownership)

    def holding_ii(self, index: int, row: DerivativeHolding) -> None:
        self.derivative_common("table_ii", index, row)
        self.holding_coding("table_ii", index, row)
        self.owned_following("table_ii", index, row, allowed=self.form != "3")
        self.ownership("table_ii", index, row.ownership)

    # -- footnotes, remarks, signatures ------------------------------------------------------------------
    def footnotes(self) -> None:
        # At most 99 footnotes follows from unique ids F1 to F99.
        footnotes = self.filing.footnotes
        seen: set[str] = set()
        for index, footnote in enumerate(footnotes):
            path = f"footnotes[{index}]"
            if not _FOOTNOTE_ID.fullmatch(footnote.id or ""):
                self.add(
                    "FOOTNOTE-ID",
                    f"{path}.id",
                    f"Footnote '{footnote.id}' must be numbered F1 to F99 (no leading zero).",
                )
            if footnote.id in seen:
                self.add("FOOTNOTE-DUPLICATE", f"{path}.id", f"Footnote {footnote_name(footnote.id)} is defined twice.")
            seen.add(footnote.id)
            if not footnote.text.strip():
                self.add("FOOTNOTE-TEXT", f"{path}.text", f"Footnote {footnote_name(footnote.id)} has no text.")
            elif len(footnote.text) > 1000:
                self.add(
                    "FOOTNOTE-TEXT",
                    f"{path}.text",
                    f"Footnote {footnote_name(footnote.id)} is {len(footnote.text)} "
                    "characters long; EDGAR allows at most 1,000.",
                )
            if footnote.id not in self.references:
                self.add(
                    "FOOTNOTE-UNUSED",
                    f"{path}.id",
                    f"Footnote {footnote_name(footnote.id)} is not referenced by any box; "
                    "EDGAR suspends a filing with an unused footnote.",
                )

    def remarks_and_signatures(self) -> None:
        filing = self.filing
        self.text_length(filing.remarks, 2000, "REMARKS-LENGTH", "remarks", "Remarks")
        signatures = filing.signatures
        if not signatures:
            self.add("SIGNATURE-COUNT", "signatures", "At least one signature is required.")
        elif len(signatures) > 10:
            self.add("SIGNATURE-COUNT", "signatures", f"{len(signatures)} signatures; EDGAR allows at most 10.")
        # Future transactions are findings of their own; the signature is judged against the others.
        latest = max((day for day in self.transaction_dates() if day <= self.today), default=None)
        for index, signature in enumerate(signatures):
            path = f"signatures[{index}]"
            if not signature.name.strip():
                self.add("SIGNATURE-NAME", f"{path}.name", f"Signature {index + 1}: the name is required.")
            self.text_length(signature.name, 255, "SIGNATURE-NAME", f"{path}.name", f"Signature {index + 1}, name")
            if signature.date is None:
                self.add("SIGNATURE-DATE", f"{path}.date", f"Signature {index + 1}: the date is required.")
            elif signature.date < EARLIEST_DATE:
                self.add(
                    "DATE-RANGE",
                    f"{path}.date",
                    f"Signature {index + 1}: {signature.date:%m/%d/%Y} is not a plausible date; check the year.",
                )
            elif signature.date > self.today:
                self.add(
                    "SIGNATURE-DATE-ORDER",
                    f"{path}.date",
                    f"Signature {index + 1}: dated {signature.date:%m/%d/%Y}, which is in the future.",
                )
            elif latest and EARLIEST_DATE <= signature.date < latest:
                self.add(
                    "SIGNATURE-DATE-ORDER",
                    f"{path}.date",
                    f"Signature {index + 1}: dated {signature.date:%m/%d/%Y}, before the transaction of "
                    f"{latest:%m/%d/%Y} it reports.",
                )

    def transaction_dates(self, required_only: bool = False) -> Iterable[date]:
        for row in (*self.filing.table_i, *self.filing.table_ii):
            if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
                if required_only and row.coding is not None and row.coding.form_type == "5":
                    continue
                if isinstance(row.transaction_date.value, date):
                    yield row.transaction_date.value

    def period(self) -> None:
        filing = self.filing
        if self.form != "4" or filing.period_of_report is None:
            return
        earliest = min(self.transaction_dates(), default=None)
        if earliest is None or earliest == filing.period_of_report:
            return
        # Form 5 items reported early (V) are not required on this form; filers date box 3 by the others.
        required = min(self.transaction_dates(required_only=True), default=None)
        if required == filing.period_of_report:
            return
        if filing.is_amendment and filing.period_of_report < earliest:
            return  # an amendment may repeat only later rows of the original
        if filing.period_of_report < earliest and _SPLIT.search(filing.remarks or ""):
            return  # a later part of a report split over several forms: box 3 dates the whole report
        self.add(
            "PERIOD-EARLIEST",
            "period_of_report",
            f"{self.label('period_of_report')} is {filing.period_of_report:%m/%d/%Y}, but the earliest "
            f"transaction reported is on {earliest:%m/%d/%Y}.",
        )


def validate(
    filing: Filing, today: date, calendar: Calendar = DEFAULT_CALENDAR, *, filed_on: date | None = None
) -> list[Finding]:
    """Every finding for `filing` as of `today` (deadlines and future dates are judged against it): `today` is
    EDGAR's filing day in New York (app.clock.filing_day_now()), `calendar` EDGAR's business days with the
    user's closure days, `filed_on` the filing date of a filed draft (its lateness is judged on that day)."""
    checker = _Checker(filing, today, calendar)
    checker.document()
    checker.period()
    checker.issuer()
    checker.owners()
    checker.tables()
    checker.remarks_and_signatures()
    checker.footnotes()  # after every box, so that unused footnotes are known
    checker.findings.extend(holdings_arithmetic(filing))
    checker.findings.extend(exercise_findings(filing))
    checker.findings.extend(diligence_findings(filing))
    checker.findings.extend(deadline_findings(filing, today, calendar, filed_on=filed_on))
    return checker.findings
