"""A Forms 3/4/5 ownership document (EDGAR schema v5.5) as plain data.

Names follow the printed form where it has a name for the box, and the XML where it does not.
Every box that the XML lets carry footnotes is a `Footnoted`: its value *and* its footnote ids, in the
order given. Holdings (lines that only report what is owned) are separate classes from transactions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar, Union

T = TypeVar("T")

DOCUMENT_TYPES = ("3", "3/A", "4", "4/A", "5", "5/A")
CURRENT_SCHEMA_VERSION = "X0609"  # what EDGAR writes into documents it disseminates since v5.5


@dataclass
class Footnoted(Generic[T]):
    """A value with the footnotes that annotate it; `value` is None when only footnotes give it."""

    value: T | None = None
    footnote_ids: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return self.value in (None, "") and not self.footnote_ids


@dataclass
class Issuer:
    cik: str = ""
    name: str | None = None  # filled in by EDGAR; never sent in a submission
    trading_symbol: str = ""
    foreign_trading_symbol: str | None = None


@dataclass
class OwnerAddress:
    street1: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None  # a US state or territory code
    zip_code: str | None = None
    non_us_address: bool | None = None  # v5.5 "rptOwnerNonUSAddressFlag"
    non_us_state_territory: str | None = None
    country: str | None = None  # a v5.5 country code (Appendix H), for a non-US address
    state_description: str | None = None  # EDGAR's display text; never sent
    good_address: bool | None = None  # EDGAR-internal; never sent


@dataclass
class Relationship:
    """Box 5: relationship of the reporting person to the issuer."""

    is_director: bool | None = None
    is_officer: bool | None = None
    is_ten_percent_owner: bool | None = None
    is_other: bool | None = None
    officer_title: str | None = None
    other_text: str | None = None


@dataclass
class ReportingOwner:
    """Box 1 (name and address) and box 5 (relationship) for one reporting person."""

    cik: str = ""
    ccc: str | None = None  # EDGAR access code: a secret, only in the submission copy
    name: str | None = None  # filled in by EDGAR; never sent in a submission
    address: OwnerAddress | None = None
    relationship: Relationship = field(default_factory=Relationship)


@dataclass
class TransactionCoding:
    """Column 3 of Table I / column 4 of Table II: the transaction code and its V and K marks."""

    form_type: str = "4"  # "4", or "5" for an item reported early (V) / late on a Form 5
    code: str = ""
    equity_swap_involved: bool | None = False  # K; None only when a file left it out
    footnote_ids: list[str] = field(default_factory=list)


@dataclass
class HoldingCoding:
    """A Form 5 holding may be flagged as a late Form 3 holding (form type "3")."""

    form_type: str | None = None
    footnote_ids: list[str] = field(default_factory=list)


@dataclass
class OwnershipNature:
    """Direct (D) or indirect (I) ownership, and the nature of indirect ownership."""

    direct_or_indirect: Footnoted[str] = field(default_factory=Footnoted)
    nature_of_ownership: Footnoted[str] | None = None


@dataclass
class UnderlyingSecurity:
    """Table II column 7: title and amount (or value) of the underlying securities."""

    title: Footnoted[str] = field(default_factory=Footnoted)
    shares: Footnoted[Decimal] | None = None
    value: Footnoted[Decimal] | None = None


@dataclass
class NonDerivativeTransaction:
    """A Table I transaction row."""

    security_title: Footnoted[str] = field(default_factory=Footnoted)
    transaction_date: Footnoted[date] = field(default_factory=Footnoted)
    deemed_execution_date: Footnoted[date] | None = None
    coding: TransactionCoding | None = None
    timeliness: Footnoted[str] | None = None
    shares: Footnoted[Decimal] = field(default_factory=Footnoted)
    price_per_share: Footnoted[Decimal] = field(default_factory=Footnoted)
    acquired_disposed: Footnoted[str] = field(default_factory=Footnoted)
    shares_owned_following: Footnoted[Decimal] | None = None
    value_owned_following: Footnoted[Decimal] | None = None
    ownership: OwnershipNature = field(default_factory=OwnershipNature)
    # Rule 16a-2(a): a director's or officer's transaction in the six months before the issuer registered under
    # Section 12, reported on the first Form 4 required after it. EDGAR's XML has no place for it: the draft store
    # keeps it, and an imported filing says it in a footnote (rules.timeliness reads either).
    pre_registration: bool = False


@dataclass
class NonDerivativeHolding:
    """A Table I holding row: securities owned, no transaction."""

    security_title: Footnoted[str] = field(default_factory=Footnoted)
    coding: HoldingCoding | None = None
    shares_owned_following: Footnoted[Decimal] | None = None
    value_owned_following: Footnoted[Decimal] | None = None
    ownership: OwnershipNature = field(default_factory=OwnershipNature)


@dataclass
class DerivativeTransaction:
    """A Table II transaction row."""

    security_title: Footnoted[str] = field(default_factory=Footnoted)
    conversion_or_exercise_price: Footnoted[Decimal] = field(default_factory=Footnoted)
    transaction_date: Footnoted[date] = field(default_factory=Footnoted)
    deemed_execution_date: Footnoted[date] | None = None
    coding: TransactionCoding | None = None
    timeliness: Footnoted[str] | None = None
    shares: Footnoted[Decimal] | None = None
    total_value: Footnoted[Decimal] | None = None
    price_per_share: Footnoted[Decimal] = field(default_factory=Footnoted)
    acquired_disposed: Footnoted[str] = field(default_factory=Footnoted)
    exercise_date: Footnoted[date] = field(default_factory=Footnoted)
    expiration_date: Footnoted[date] = field(default_factory=Footnoted)
    underlying: UnderlyingSecurity = field(default_factory=UnderlyingSecurity)
    shares_owned_following: Footnoted[Decimal] | None = None
    value_owned_following: Footnoted[Decimal] | None = None
    ownership: OwnershipNature = field(default_factory=OwnershipNature)
    # Rule 16a-2(a): a director's or officer's transaction in the six months before the issuer registered under
    # Section 12, reported on the first Form 4 required after it. EDGAR's XML has no place for it: the draft store
    # keeps it, and an imported filing says it in a footnote (rules.timeliness reads either).
    pre_registration: bool = False


@dataclass
class DerivativeHolding:
    """A Table II holding row. On a Form 3 it has no amount owned following (the form has none)."""

    security_title: Footnoted[str] = field(default_factory=Footnoted)
    conversion_or_exercise_price: Footnoted[Decimal] = field(default_factory=Footnoted)
    coding: HoldingCoding | None = None
    exercise_date: Footnoted[date] = field(default_factory=Footnoted)
    expiration_date: Footnoted[date] = field(default_factory=Footnoted)
    underlying: UnderlyingSecurity = field(default_factory=UnderlyingSecurity)
    shares_owned_following: Footnoted[Decimal] | None = None
    value_owned_following: Footnoted[Decimal] | None = None
    ownership: OwnershipNature = field(default_factory=OwnershipNature)


TableIRow = Union[NonDerivativeTransaction, NonDerivativeHolding]
TableIIRow = Union[DerivativeTransaction, DerivativeHolding]


@dataclass
class Footnote:
    """One entry of the Explanation of Responses."""

    id: str = ""
    text: str = ""


@dataclass
class Signature:
    name: str = ""
    date: date | None = None


@dataclass
class Filing:
    """One ownership document: a Form 3, 4 or 5, or an amendment of one."""

    document_type: str = "4"
    period_of_report: date | None = None  # box 3, the date of the earliest transaction
    date_of_original_submission: date | None = None  # box 4, amendments only
    not_subject_to_section16: bool | None = None  # the exit box
    aff10b5_one: bool | None = None  # the Rule 10b5-1(c) box; None when the source predates it
    no_securities_owned: bool | None = None  # Form 3; computed by EDGAR
    form3_holdings_reported: bool | None = None  # Form 5; computed by EDGAR
    form4_transactions_reported: bool | None = None  # Form 5; computed by EDGAR
    issuer: Issuer = field(default_factory=Issuer)
    reporting_owners: list[ReportingOwner] = field(default_factory=list)
    table_i: list[TableIRow] = field(default_factory=list)
    table_ii: list[TableIIRow] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    remarks: str | None = None
    signatures: list[Signature] = field(default_factory=list)
    schema_version: str | None = None  # as read from a disseminated copy; provenance only

    @property
    def is_amendment(self) -> bool:
        return self.document_type.endswith("/A")

    @property
    def is_disseminated_copy(self) -> bool:
        """Read from a copy EDGAR disseminated: it carries EDGAR's schema version and no CCC (EDGAR strips
        it). Such a filing is already filed; anything with a CCC is a draft, whatever else it carries."""
        return self.schema_version is not None and not any(owner.ccc for owner in self.reporting_owners)

    @property
    def form(self) -> str:
        """'3', '4' or '5', amendment or not."""
        return self.document_type[:1]
