"""The holdings ledger: what a reporting owner holds of an issuer's securities, position by position, carried
across their filings (a pure function of the filings: no store, no Qt).

A position is one security held one way: Table I by title, direct or indirect, and the nature of an indirect
holding; Table II also by exercise price, expiration date and underlying security. Titles and natures are matched
without regard to case, spacing and punctuation ("By Trust", "by trust", "By  Trust." are one nature; "Fund IV,
L.P." and "Fund IV, LP" one holder), and a user's merges ("Common Stock, par value $0.001" is "Common Stock") are
applied first. An indirect holding whose nature only points to a footnote ("See Footnote", "(3)") is known by
what the footnote says: its sentence naming the holder (the first one that is not a disclaimer), without its
parenthesized short names, since filers reword the rest from filing to filing.

Each row of each filing is an entry. A holding row (and a Form 3 row) *sets* its position; a transaction *moves*
it by its shares, (A) up and (D) down. The filer's own "amount owned following" is what the position then is:
the ledger follows what was reported, and where that differs from the position before ± the shares, the entry is
a *break* (`Entry.expected` says what the chain would have given), which is what the user must look at. Entries
are ordered by transaction date (holdings by the period of report), then by the date the filing was filed, then
by the order the store received the filings (its draft ids), then by the row's place in its filing (Table I
before Table II). An amendment's rows replace the rows of its original that they restate (same date, code,
security and ownership) and take their place in that order: the original's filing date and row, not the day the
amendment was filed. A row of the amendment that matches none is added after the original's rows, one that
matches several is an `ambiguity`. An amendment not yet filed (a draft) leaves the filed ledger alone: the rows it
restates still count as filed, and the view with drafts (`pending=True`) shows them as the amendment will leave
them once filed.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import heapq
import itertools
import operator
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Hashable, Iterable, Iterator

from form4_desktop.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
)

_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Marks that abbreviate rather than separate: "L.P." is "LP", "U.S." is "US", "Inc." is "Inc", "Sons'" is "Sons".
_ABBREVIATING = re.compile(r"[.'\u2019]")


@functools.lru_cache(maxsize=4096)
def normalized(text: str | None) -> str:
    """A title or nature as it is matched: lower case, letters and digits, one space between words; periods and
    apostrophes are left out ("L.P." and "LP" are one word)."""
    return _NOT_WORD.sub(" ", _ABBREVIATING.sub("", (text or "").lower())).strip()


# A nature that says nothing but where to look ("See Footnote", "See footnotes (2) and (3)", "(4)", "Indirect",
# "See below", ""): made only of these words and footnote numbers.
_POINTING_WORDS = frozenset(
    "see refer to as described in per by held the footnote footnotes foot note notes fn explanation of responses "
    "remarks below above and indirect indirectly i".split()
)
_FOOTNOTE_NUMBER = re.compile(r"f?\d+")


def _points_to_footnote(nature: str) -> bool:
    """Whether a normalized nature only points to a footnote."""
    return all(word in _POINTING_WORDS or _FOOTNOTE_NUMBER.fullmatch(word) for word in nature.split())


_NOT_A_SENTENCE_END = {"mr", "mrs", "ms", "dr", "jr", "sr", "inc", "co", "corp", "ltd", "no", "st", "esq", "ii", "iii"}


@functools.lru_cache(maxsize=4096)
def holder_sentence(text: str) -> str:
    """The sentence of a footnote that names an indirect holder, as written: the first that is not a disclaimer
    (else the first), without parenthesized short names ('("FF-II")'), which filers add and drop."""
    text = re.sub(r"\s*\([^()]*\)", "", text).strip()
    sentences, start = [], 0
    for end in re.finditer(r"\.\s+(?=[A-Z])", text):
        word = re.search(r"(\w+)$", text[start : end.start()])
        if word and (len(word.group(1)) == 1 or word.group(1).lower() in _NOT_A_SENTENCE_END):
            continue  # "Mr. Thiel", "Clarium L.P. The", "Smith Jr. Trust": not the end of a sentence
        sentences.append(text[start : end.start() + 1].strip())
        start = end.end()
    sentences.append(text[start:].strip())
    sentences = [sentence for sentence in sentences if normalized(sentence)]
    if not sentences:
        return ""
    return next((s for s in sentences if "disclaim" not in s.lower()), sentences[0])


@dataclass(frozen=True, order=True)
class PositionKey:
    table: str  # "I" or "II"
    security: str  # normalized title (after the user's merges)
    ownership: str  # "D" or "I"
    nature: str  # normalized nature of an indirect holding (or its footnote's holder); "" when direct
    exercise_price: Decimal | None = None  # Table II only
    expiration: date | None = None
    underlying: str = ""

    def __hash__(self) -> int:  # computed once: keys are looked up for every entry of every build
        found = self.__dict__.get("_hash")
        if found is None:
            found = hash(
                (self.table, self.security, self.ownership, self.nature, self.exercise_price, self.expiration)
            ) ^ hash(self.underlying)
            object.__setattr__(self, "_hash", found)
        return found


@dataclass(frozen=True)
class LedgerFiling:
    """One filing as the ledger sees it: `ref` names it for the caller (a draft id), `filed_on` is when it was
    filed (None for a draft not yet filed: it is pending), `amends` the ref of the filing it amends, if known;
    `accession` EDGAR's accession number, if known (it orders filings of one day before `ref` does)."""

    ref: Hashable
    filing: Filing
    filed_on: date | None = None
    amends: Hashable | None = None
    token: Hashable | None = None  # names this exact content for good (draft id and revision): its rows are kept
    accession: str = ""

    @property
    def pending(self) -> bool:
        return self.filed_on is None


def _ref_order(ref: Hashable) -> tuple:
    """Refs in their natural order: draft 9 before draft 10 (numbers), then any other ref by its text."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        return (0, ref, "")
    return (1, 0, str(ref))


def _filing_rank(item: LedgerFiling) -> tuple:
    return (item.filed_on or date.max, item.accession, _ref_order(item.ref))


@dataclass(slots=True)
class Entry:
    key: PositionKey
    ref: Hashable  # the filing's
    table: str  # "table_i" or "table_ii"
    row: int  # the row's index in its table
    when: date | None  # transaction date, or the period of report for a holding
    filed_on: date | None
    title: str  # as written in the filing
    nature: str  # as written (with the holder its footnote names, when the nature only points to a footnote)
    change: Decimal | None  # signed shares moved (None for a holding)
    reported: Decimal | None  # the filing's "owned following"
    before: Decimal | None = None  # the position before this entry (None: the ledger did not know it)
    expected: Decimal | None = None  # before ± change, for a transaction after a known position
    code: str = ""
    pending: bool = False
    form: str = ""  # the filing's document type (4, 4/A, 5): how a message names it
    # Its place among the entries of one day: (filed on, accession, filing, (table, row)); an amendment's row
    # takes the place of the row it restates.
    rank: tuple = ()
    superseded_by: Hashable | None = None  # a draft amendment (not filed yet) that restates this filed row

    @property
    def after(self) -> Decimal | None:
        """The position after this entry: what the filer reported, else what the chain gives."""
        return self.reported if self.reported is not None else self.expected

    @property
    def is_break(self) -> bool:
        """The reported amount does not follow from the position before and the shares moved."""
        return self.expected is not None and self.reported is not None and self.expected != self.reported

    @property
    def path(self) -> str:
        return f"{self.table}[{self.row}].shares_owned_following"


@dataclass
class Position:
    key: PositionKey
    title: str  # the title last written for it
    nature: str
    amount: Decimal | None
    as_of: date | None  # the date of the entry that last set it
    entries: list[Entry] = field(default_factory=list)

    def expired(self, on: date) -> bool:
        """A Table II position whose expiration date is before `on`: no longer held (EDGAR's forms leave an
        expired right out of column 9; its lapse is exempt, Rule 16b-6(d), and need not be reported)."""
        return self.key.expiration is not None and self.key.expiration < on


@dataclass(frozen=True)
class Ambiguity:
    """An amendment row that restates more than one row of its original: the user says which."""

    amendment: Hashable
    original: Hashable
    row: int  # the amendment's row (table_i/table_ii in `table`)
    table: str
    candidates: tuple[int, ...]


def _nature(row, footnotes: dict[str, str] | None) -> tuple[str, str]:
    """(the nature as matched, as shown) of an indirect holding: a nature that only points to a footnote is the
    holder that footnote names."""
    box = row.ownership.nature_of_ownership
    written = (box.value if box is not None else "") or ""
    nature = normalized(written)
    if box is None or not box.footnote_ids or not footnotes or not _points_to_footnote(nature):
        return nature, written
    holders = [holder_sentence(footnotes[i]) for i in box.footnote_ids if footnotes.get(i)]
    said = " ".join(holder for holder in holders if holder)
    if not normalized(said):
        return nature, written
    return normalized(said), f"{written}: {said}" if written else said


# One object per position: equal keys of different filings are the same object, so looking one up is quick.
_KEYS: dict[PositionKey, PositionKey] = {}


def _one(key: PositionKey) -> PositionKey:
    if len(_KEYS) > 100_000:
        _KEYS.clear()
    return _KEYS.setdefault(key, key)


def _key(row, table: str, merges: dict[str, str], footnotes: dict[str, str] | None = None) -> PositionKey:
    title = normalized(row.security_title.value)
    title = merges.get(title, title)
    direct = (row.ownership.direct_or_indirect.value or "D").upper()
    nature = "" if direct == "D" else _nature(row, footnotes)[0]
    if table == "table_i":
        return _one(PositionKey("I", title, direct, nature))
    underlying = normalized(row.underlying.title.value)
    return _one(
        PositionKey(
            "II",
            title,
            direct,
            nature,
            row.conversion_or_exercise_price.value,
            row.expiration_date.value,
            merges.get(underlying, underlying),
        )
    )


# The entries of filings already read, by the token the caller gives for a content that never changes (the
# store's draft id and revision): a rebuild after a save reads only what changed. Without a token nothing is kept.
_ENTRIES: dict[tuple[Hashable, tuple], list[Entry]] = {}


def entries_of(item: LedgerFiling, merges: dict[str, str] | None = None) -> list[Entry]:
    """The entries of one filing, in its row order (fresh objects: build() fills in their chain)."""
    merged = tuple(sorted((merges or {}).items()))
    found = _ENTRIES.get((item.token, merged)) if item.token is not None else None
    if found is None:
        found = _entries_of(item.filing, merges or {})
        if item.token is not None:
            if len(_ENTRIES) > 50_000:
                _ENTRIES.clear()
            _ENTRIES[(item.token, merged)] = found
    rank = _filing_rank(item)
    ref, filed_on, pending, form = item.ref, item.filed_on, item.pending, item.filing.document_type
    # Positional: a build makes one per row of every filing, and keywords cost more.
    return [
        Entry(
            e.key,
            ref,
            e.table,
            e.row,
            e.when,
            filed_on,
            e.title,
            e.nature,
            e.change,
            e.reported,
            None,
            None,
            e.code,
            pending,
            form,
            (*rank, e.rank),
        )
        for e in found
    ]


def _entries_of(filing: Filing, merges: dict[str, str]) -> list[Entry]:
    footnotes = {footnote.id: footnote.text for footnote in filing.footnotes}
    found = []
    for place, table in enumerate(("table_i", "table_ii")):
        for number, row in enumerate(getattr(filing, table)):
            following = row.shares_owned_following.value if row.shares_owned_following else None
            key = _key(row, table, merges, footnotes)
            nature = _nature(row, footnotes)[1] if key.ownership == "I" else ""
            if key.ownership != "I" and row.ownership.nature_of_ownership:
                nature = row.ownership.nature_of_ownership.value or ""
            entry = Entry(
                key,
                None,
                table,
                number,
                filing.period_of_report,
                None,
                row.security_title.value or "",
                nature,
                None,
                following,
                rank=(place, number),  # the row's place in its filing
            )
            if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
                traded = row.transaction_date.value
                entry.when = traded if isinstance(traded, date) else filing.period_of_report
                shares = row.shares.value if row.shares is not None else None
                if isinstance(shares, Decimal):
                    sign = -1 if (row.acquired_disposed.value or "").upper() == "D" else 1
                    entry.change = shares * sign
                entry.code = row.coding.code if row.coding else ""
            elif not isinstance(row, (NonDerivativeHolding, DerivativeHolding)):  # pragma: no cover
                continue
            found.append(entry)
    return found


def _restates(amendment: Entry, original: Entry) -> bool:
    return (
        amendment.when,
        amendment.code,
        amendment.key.table,
        amendment.key.security,
        amendment.key.ownership,
        amendment.key.nature,
    ) == (
        original.when,
        original.code,
        original.key.table,
        original.key.security,
        original.key.ownership,
        original.key.nature,
    )


def _original_of(item: LedgerFiling, items: list[LedgerFiling]) -> LedgerFiling | None:
    """The filing an amendment amends: the one it names, else the one filed on its box 4 date (or, failing that,
    the latest earlier one) with the same form and period of report."""
    if item.amends is not None:
        return next((other for other in items if other.ref == item.amends), None)
    filing = item.filing
    same = [
        other
        for other in items
        if other is not item
        and not other.filing.is_amendment
        and other.filing.form == filing.form
        and other.filing.period_of_report == filing.period_of_report
    ]
    exact = [other for other in same if other.filed_on and other.filed_on == filing.date_of_original_submission]
    candidates = exact or same
    return candidates[-1] if candidates else None


def _sort_key(entry: Entry) -> tuple:
    """The ledger's order: transaction date (holdings: period of report), then the entry's rank (the filing's
    filing date, accession number and ref, then the row's place in it)."""
    return (entry.when or date.min, entry.rank)


# After every entry of a day: where a draft's row goes once it is filed (it will be filed after them all).
_LAST_OF_DAY = (date.max, "\uffff", (9,), (9,))


def _order(key: PositionKey) -> tuple:
    return (
        key.table,
        key.security,
        key.ownership,
        key.nature,
        key.exercise_price is not None,
        key.exercise_price or Decimal(0),
        key.expiration is not None,
        key.expiration or date.min,
        key.underlying,
    )


@dataclass
class Ledger:
    entries: list[Entry]
    ambiguities: list[Ambiguity]
    # The rows of originals that filed amendments replaced (by the amendment's ref), as they were chained before.
    replaced: dict[Hashable, list[Entry]] = field(default_factory=dict)
    _index: dict[PositionKey, tuple[list[tuple], list[Entry]]] | None = field(default=None, repr=False, compare=False)
    _pending: list[Entry] | None = field(default=None, repr=False, compare=False)
    _rows: dict[PositionKey, tuple[list[tuple], list[Entry]]] | None = field(default=None, repr=False, compare=False)
    _amending: set[Hashable] | None = field(default=None, repr=False, compare=False)

    def rows_of(self, key: PositionKey) -> tuple[list[tuple], list[Entry]]:
        """Every entry of a position, filed and drafts, in order, with their places in the order (`_sort_key`)."""
        if self._rows is None:
            rows: dict[PositionKey, tuple[list[tuple], list[Entry]]] = {}
            for entry in self.entries:
                found = rows.get(entry.key)
                if found is None:
                    found = rows[entry.key] = ([], [])
                found[0].append(_sort_key(entry))
                found[1].append(entry)
            self._rows = rows
        return self._rows.get(key, ([], []))

    def amending(self) -> set[Hashable]:
        """The drafts amending filed rows (refs): their rows stand for the rows they restate."""
        if self._amending is None:
            self._amending = {entry.superseded_by for entry in self.entries if entry.superseded_by is not None}
        return self._amending

    def pending_entries(self) -> list[Entry]:
        """The entries of drafts not yet filed, in order (kept: there are few)."""
        if self._pending is None:
            self._pending = [entry for entry in self.entries if entry.pending]
        return self._pending

    def positions(self, as_of: date | None = None, *, pending: bool = False) -> list[Position]:
        """Every position (as of the end of `as_of`, if given), ordered by table, security and ownership; the
        pending entries of drafts count only with `pending` (and then a draft amendment's rows stand for the rows
        they restate)."""
        result: dict[PositionKey, Position] = {}
        for entry in self.entries:
            if (entry.pending and not pending) or (pending and entry.superseded_by is not None):
                continue
            if as_of is not None and entry.when is not None and entry.when > as_of:
                continue
            position = result.get(entry.key)
            if position is None:
                position = result[entry.key] = Position(entry.key, entry.title, entry.nature, None, None)
            position.entries.append(entry)
            if entry.after is not None:
                position.amount, position.as_of = entry.after, entry.when
            position.title, position.nature = entry.title or position.title, entry.nature or position.nature
        # None (no exercise price or expiration) sorts first; comparing it with a value would fail.
        return sorted(result.values(), key=lambda position: _order(position.key))

    def _filed(self) -> dict[PositionKey, tuple[list[tuple], list[Entry]]]:
        """Per position, the filed entries that set an amount, in order, with their sort keys."""
        if self._index is None:
            index: dict[PositionKey, tuple[list[tuple], list[Entry]]] = {}
            minimum = date.min
            for entry in self.entries:
                if entry.pending or (entry.reported is None and entry.expected is None):
                    continue
                kept = index.get(entry.key)
                if kept is None:
                    kept = index[entry.key] = ([], [])
                kept[0].append((entry.when or minimum, entry.rank))
                kept[1].append(entry)
            self._index = index
        return self._index

    def last_entry(self, key: PositionKey, before: tuple | None = None) -> Entry | None:
        """The filed entry that last set a position before a place in the order (`_sort_key`), or at the end."""
        keys, found = self._filed().get(key, ([], []))
        count = len(found) if before is None else bisect.bisect_left(keys, before)
        return found[count - 1] if count else None

    def position(self, key: PositionKey, before: tuple | None = None) -> Decimal | None:
        """The amount of a position before a place in the order (or at the end), drafts left out."""
        entry = self.last_entry(key, before)
        return entry.after if entry is not None else None

    def restated(self, key: PositionKey, when: date | None, code: str) -> Entry | None:
        """The first filed entry of a position on a day with a code: the row an amendment's row restates."""
        keys, found = self._filed().get(key, ([], []))
        day = when or date.min
        for number in range(bisect.bisect_left(keys, (day,)), len(found)):
            if keys[number][0] != day:
                break
            if found[number].code == code:
                return found[number]
        return None

    def breaks(self, *, pending: bool = True) -> list[Entry]:
        """Entries whose reported amount does not follow from the position before them; with `pending`, the
        drafts' entries too (and not the filed rows a draft amendment restates)."""
        return [
            entry
            for entry in self.entries
            if entry.is_break and (pending or not entry.pending) and not (pending and entry.superseded_by is not None)
        ]


def _chain(entry: Entry, known: dict[PositionKey, Decimal]) -> None:
    before = known.get(entry.key)
    entry.before = before
    entry.expected = before + entry.change if entry.change is not None and before is not None else None
    after = entry.after
    if after is not None:
        known[entry.key] = after


def build(items: Iterable[LedgerFiling], merges: dict[str, str] | None = None) -> Ledger:
    """The ledger of one reporting owner's filings for one issuer (filed, imported and pending drafts).

    The same as build_whole(), in two stages: the filed filings' part (their entries in order, amendments applied,
    chained), kept while none of them changes when every one has a token; then the drafts' entries, put in their
    places and chained from it. A save of a draft (or a new draft) so costs its own rows, not a rebuild of the
    insider's history; a filing marked filed, imported or amended builds the filed part again."""
    items = list(items)
    merged = {normalized(k): normalized(v) for k, v in (merges or {}).items()}
    filed = [item for item in items if not item.pending]
    pending = [item for item in items if item.pending]
    stage = _filed_stage(filed, merged)
    if pending and not _same_originals(stage, pending):
        return build_whole(items, merges)  # a filed amendment whose original may be a draft: the whole way
    return _with_drafts(stage, items, pending, merged)


@dataclass
class _FiledPart:
    """The filed filings' part of a ledger: shared by every ledger built while they stay the same, so never
    changed once made (a draft amendment's ledger supersedes copies of the rows it restates)."""

    entries: list[Entry]  # in the ledger's order, chained
    places: list[tuple]  # their _sort_key()s
    per_filing: dict[Hashable, list[Entry]]  # each original's rows with its filed amendments' rows
    replaced: dict[Hashable, list[Entry]]
    ambiguities: list[Ambiguity]
    amendments: list[LedgerFiling]  # the filed amendments
    ledger: Ledger  # the ledger of the filed filings alone (its index is shared)


# Filed parts by their filings' tokens (and the merges): the last few owners and issuers looked at.
_FILED_PARTS: dict[tuple, _FiledPart] = {}
_FILED_PARTS_KEPT = 8


def _filed_stage(filed: list[LedgerFiling], merges: dict[str, str]) -> _FiledPart:
    tokens = tuple((item.token, item.ref, item.filed_on, item.amends, item.accession) for item in filed)
    key = (tuple(sorted(merges.items())), tokens) if all(item.token is not None for item in filed) else None
    found = _FILED_PARTS.pop(key, None) if key is not None else None
    if found is None and key is not None:
        found = _one_more(key, filed, merges)
    if found is None:
        found = _make_filed_part(filed, merges)
    if key is not None:
        _FILED_PARTS[key] = found  # last used last: the oldest goes first
        while len(_FILED_PARTS) > _FILED_PARTS_KEPT:
            del _FILED_PARTS[next(iter(_FILED_PARTS))]
    return found


def _one_more(key: tuple, filed: list[LedgerFiling], merges: dict[str, str]) -> _FiledPart | None:
    """The filed part of `filed` made from a kept one that lacks only one of them (a form just marked filed or
    imported), when that one is not an amendment and could be no amendment's original; else None."""
    merged, tokens = key
    for (kept_merges, kept_tokens), part in reversed(_FILED_PARTS.items()):
        if kept_merges != merged or len(kept_tokens) != len(tokens) - 1:
            continue
        had = set(kept_tokens)
        added = [number for number, token in enumerate(tokens) if token not in had]
        if len(added) != 1 or len(had) != len(kept_tokens):
            continue
        item = filed[added[0]]
        if item.filing.is_amendment or any(
            amendment.amends == item.ref
            or (
                amendment.amends is None
                and amendment.filing.form == item.filing.form
                and amendment.filing.period_of_report == item.filing.period_of_report
            )
            for amendment in part.amendments
        ):
            return None
        return _extended(part, item, merges)
    return None


def _extended(part: _FiledPart, item: LedgerFiling, merges: dict[str, str]) -> _FiledPart:
    """`part` with one more filed filing, not an amendment: its rows put in their places and each of its positions
    chained again from its first row, as far as an amount changes. The rows whose chain changes are copies (the
    kept part is shared, never changed)."""
    new = entries_of(item, merges)
    entries, places = list(part.entries), list(part.places)
    index, rows = dict(part.ledger._index or {}), dict(part.ledger._rows or {})
    per_filing = dict(part.per_filing)
    per_filing[item.ref] = new
    first: dict[PositionKey, tuple] = {}  # each position's first and last new row
    last: dict[PositionKey, tuple] = {}
    for entry in sorted(new, key=_sort_key):
        place = _sort_key(entry)
        at = bisect.bisect_right(places, place)
        places.insert(at, place)
        entries.insert(at, entry)
        if entry.key not in first:
            first[entry.key] = place
            found = rows.get(entry.key, ([], []))
            rows[entry.key] = (list(found[0]), list(found[1]))
        last[entry.key] = place
        key_places, key_rows = rows[entry.key]
        at = bisect.bisect_right(key_places, place)
        key_places.insert(at, place)
        key_rows.insert(at, entry)
    fresh = {id(entry) for entry in new}
    copied_lists: set[Hashable] = {item.ref}
    for key, start in first.items():
        key_places, key_rows = rows[key]
        at = bisect.bisect_left(key_places, start)
        last_new = bisect.bisect_left(key_places, last[key])
        # The rows that set the position (Ledger._filed), changed where rows are added or chained again.
        kept_places, kept_rows = index.get(key, ([], []))
        setting_places, setting_rows = list(kept_places), list(kept_rows)
        known_at = bisect.bisect_left(setting_places, start)
        known = setting_rows[known_at - 1].after if known_at else None
        for number in range(at, len(key_rows)):
            entry, place = key_rows[number], key_places[number]
            before = known
            expected = before + entry.change if entry.change is not None and before is not None else None
            if id(entry) in fresh:
                entry.before, entry.expected = before, expected
                if entry.after is not None:
                    setting_at = bisect.bisect_left(setting_places, place)
                    setting_places.insert(setting_at, place)
                    setting_rows.insert(setting_at, entry)
            elif (before, expected) != (entry.before, entry.expected):
                copy = dataclasses.replace(entry, before=before, expected=expected)
                key_rows[number] = copy
                entries[bisect.bisect_left(places, place)] = copy
                ref = next(r for r in (entry.ref, *per_filing) if any(e is entry for e in per_filing.get(r, ())))
                if ref not in copied_lists:
                    per_filing[ref] = list(per_filing[ref])
                    copied_lists.add(ref)
                rows_of_filing = per_filing[ref]
                rows_of_filing[next(n for n, e in enumerate(rows_of_filing) if e is entry)] = copy
                setting_at = bisect.bisect_left(setting_places, place)
                if entry.after is not None and copy.after is not None:
                    setting_rows[setting_at] = copy
                elif entry.after is not None:
                    del setting_places[setting_at], setting_rows[setting_at]
                elif copy.after is not None:
                    setting_places.insert(setting_at, place)
                    setting_rows.insert(setting_at, copy)
                entry = copy
            elif number > last_new:
                break  # the chain is as it was from here on
            if entry.after is not None:
                known = entry.after
        if setting_rows:
            index[key] = (setting_places, setting_rows)
        else:
            index.pop(key, None)
    ledger = Ledger(entries, part.ambiguities, part.replaced, index, [], rows, set())
    return _FiledPart(entries, places, per_filing, part.replaced, part.ambiguities, part.amendments, ledger)


def _make_filed_part(filed: list[LedgerFiling], merges: dict[str, str]) -> _FiledPart:
    per_filing = {item.ref: entries_of(item, merges) for item in filed}
    ambiguities = []
    replaced: dict[Hashable, list[Entry]] = {}
    amendments = sorted((i for i in filed if i.filing.is_amendment), key=_filing_rank)
    for item in amendments:
        original = _original_of(item, filed)
        amended = per_filing.pop(item.ref)
        if original is None or original.ref not in per_filing:
            _at_box4(item, amended)
            per_filing[item.ref] = amended
            continue
        kept = per_filing[original.ref]
        taken, found = _restating(item, amended, kept, original, lambda old: False)
        ambiguities += found
        replaced[item.ref] = list(taken.values())
        per_filing[original.ref] = [old for n, old in enumerate(kept) if n not in taken] + amended
    entries = sorted((entry for found in per_filing.values() for entry in found), key=_sort_key)
    places = [_sort_key(entry) for entry in entries]
    index, rows = _chain_filed(entries, places)
    ledger = Ledger(entries, ambiguities, replaced, index, [], rows, set())
    return _FiledPart(entries, places, per_filing, replaced, ambiguities, amendments, ledger)


def _chain_filed(entries: list[Entry], places: list[tuple]) -> tuple[dict, dict]:
    """Chain the filed entries (as _chain does) and make, in the same pass, the ledger's two indexes by position:
    the entries that set an amount (Ledger._filed) and all of them (Ledger.rows_of). Positions are told apart by
    number, their keys hashed once per key object rather than once per entry."""
    numbers: dict[PositionKey, int] = {}
    number_of: dict[int, int] = {}  # id of a key object -> its position's number
    keys: list[PositionKey] = []
    known: list[Decimal | None] = []
    setting: list[tuple[list[tuple], list[Entry]]] = []
    every: list[tuple[list[tuple], list[Entry]]] = []
    for place, entry in zip(places, entries):
        number = number_of.get(id(entry.key))
        if number is None:
            number = numbers.get(entry.key)
            if number is None:
                number = numbers[entry.key] = len(keys)
                keys.append(entry.key)
                known.append(None)
                setting.append(([], []))
                every.append(([], []))
            number_of[id(entry.key)] = number
        before = known[number]
        entry.before = before
        change = entry.change
        entry.expected = before + change if change is not None and before is not None else None
        after = entry.reported if entry.reported is not None else entry.expected
        if after is not None:
            known[number] = after
            setting[number][0].append(place)
            setting[number][1].append(entry)
        every[number][0].append(place)
        every[number][1].append(entry)
    index = {key: setting[n] for n, key in enumerate(keys) if setting[n][1]}
    return index, dict(zip(keys, every))


def _at_box4(item: LedgerFiling, amended: list[Entry]) -> None:
    """An amendment whose original is not here: its rows go where the original was filed (its box 4)."""
    box4 = item.filing.date_of_original_submission
    if isinstance(box4, date):
        for entry in amended:
            entry.rank = (box4, *entry.rank[1:])


def _restating(item, amended, kept, original, superseded) -> tuple[dict[int, Entry], list[Ambiguity]]:
    """Match an amendment's rows with the rows of its original (`kept`) they restate: each takes the place of the
    first row it matches that is not yet taken nor `superseded`; a row matching none goes after the original's."""
    base = _filing_rank(original)
    taken: dict[int, Entry] = {}
    ambiguities = []
    for entry in amended:
        matches = [n for n, old in enumerate(kept) if n not in taken and not superseded(old) and _restates(entry, old)]
        if len(matches) > 1:
            ambiguities.append(Ambiguity(item.ref, original.ref, entry.row, entry.table, tuple(matches)))
        if matches:
            taken[matches[0]] = kept[matches[0]]
            entry.rank = kept[matches[0]].rank
        else:  # a row the original did not have: after the original's rows
            entry.rank = (*base, (2, *entry.rank[-1]))
    return taken, ambiguities


def _same_originals(part: _FiledPart, pending: list[LedgerFiling]) -> bool:
    """Whether each filed amendment's original, chosen among the filed filings, is the one build_whole() chooses
    among all: a draft could only be chosen when the amendment names it, or names none and a draft has its form
    and period (see _original_of)."""
    refs = {item.ref for item in pending}
    for item in part.amendments:
        if item.amends is not None:
            if item.amends in refs:
                return False
        elif any(
            not other.filing.is_amendment
            and other.filing.form == item.filing.form
            and other.filing.period_of_report == item.filing.period_of_report
            for other in pending
        ):
            return False
    return True


def _with_drafts(part: _FiledPart, items: list[LedgerFiling], pending: list[LedgerFiling], merges) -> Ledger:
    """The ledger of the filed part and the drafts: each draft's rows in their places, chained from the filed
    rows before them (a draft amendment's rows standing for the filed rows they restate)."""
    if not pending:
        filed = part.ledger
        return Ledger(
            list(part.entries), list(part.ambiguities), dict(part.replaced), filed._index, [], filed._rows, set()
        )
    per_draft = {item.ref: entries_of(item, merges) for item in pending}
    ambiguities = list(part.ambiguities)
    replaced = dict(part.replaced)
    # A filed original's rows with the rows of the draft amendments that restate them (a second draft amendment
    # of it may restate the first's rows); the filed part's own lists are left as they are.
    amended_filed: dict[Hashable, list[Entry]] = {}
    superseded: dict[int, Entry] = {}  # id of a filed row -> this ledger's copy of it, superseded by a draft
    for item in sorted((i for i in pending if i.filing.is_amendment), key=_filing_rank):
        original = _original_of(item, items)
        amended = per_draft.pop(item.ref)
        if original is not None and original.ref in per_draft:  # a draft amending a draft
            kept = per_draft[original.ref]
            taken, found = _restating(item, amended, kept, original, lambda old: False)
            ambiguities += found
            replaced[item.ref] = list(taken.values())
            per_draft[original.ref] = [old for n, old in enumerate(kept) if n not in taken] + amended
        elif original is not None and original.ref in part.per_filing:
            kept = amended_filed.get(original.ref, part.per_filing[original.ref])
            taken, found = _restating(item, amended, kept, original, lambda old: id(old) in superseded)
            ambiguities += found
            for old in taken.values():
                if not old.pending:  # it still counts as filed until the amendment is
                    superseded[id(old)] = dataclasses.replace(old, superseded_by=item.ref)
            replaced[item.ref] = [old for old in taken.values() if old.pending]
            amended_filed[original.ref] = [
                old for n, old in enumerate(kept) if n not in taken or not old.pending
            ] + amended
        else:
            _at_box4(item, amended)
            per_draft[item.ref] = amended
    extra = [entry for found in amended_filed.values() for entry in found if entry.pending]
    drafts = sorted((entry for found in (*per_draft.values(), extra) for entry in found), key=_sort_key)
    entries = part.entries
    if superseded:
        entries = [superseded.get(id(entry), entry) for entry in entries]
    # The drafts' rows in their places: after the filed rows of the same place (the row a draft amendment
    # restates goes first, as build_whole's stable sort leaves it).
    merged: list[Entry] = []
    start = 0
    for entry in drafts:
        end = bisect.bisect_right(part.places, _sort_key(entry), lo=start)
        merged += entries[start:end]
        merged.append(entry)
        start = end
    merged += entries[start:]
    index = part.ledger._filed()
    if superseded:
        index = dict(index)
        for copy in superseded.values():
            if copy.key in index:
                places, rows = index[copy.key]
                index[copy.key] = (places, [superseded.get(id(entry), entry) for entry in rows])
    _chain_drafts(drafts, index)
    return Ledger(
        merged,
        ambiguities,
        replaced,
        index,
        drafts,
        _rows_with(part, superseded, drafts),
        {copy.superseded_by for copy in superseded.values()},
    )


def _rows_with(part: _FiledPart, superseded: dict[int, Entry], drafts: list[Entry]) -> dict:
    """The filed part's rows by position (Ledger.rows_of) with the drafts' rows put in their places and the rows
    a draft amendment supersedes in this ledger's copies; only the positions they touch are copied."""
    rows = dict(part.ledger._rows or {})
    for copy in superseded.values():
        places, found = rows[copy.key]
        rows[copy.key] = (places, [superseded.get(id(entry), entry) for entry in found])
    copied: set[PositionKey] = set()
    for entry in drafts:
        places, found = rows.get(entry.key, ([], []))
        if entry.key not in copied:
            places, found = list(places), list(found)
            rows[entry.key] = (places, found)
            copied.add(entry.key)
        place = _sort_key(entry)
        at = bisect.bisect_right(places, place)  # after the filed rows of its place, as in the ledger's order
        places.insert(at, place)
        found.insert(at, entry)
    return rows


def _chain_drafts(drafts: list[Entry], index: dict[PositionKey, tuple[list[tuple], list[Entry]]]) -> None:
    """Each draft entry's position before it: the later of the filed row that last set it (not one a draft
    amendment supersedes) and the draft entry that last set it."""
    last: dict[PositionKey, tuple[tuple, Decimal]] = {}  # the drafts' own: (place, amount after)
    for entry in drafts:
        place = _sort_key(entry)
        before = None
        places, found = index.get(entry.key, ([], []))
        number = bisect.bisect_left(places, place)
        while number and found[number - 1].superseded_by is not None:
            number -= 1
        filed_place = places[number - 1] if number else None
        own = last.get(entry.key)
        if own is not None and (filed_place is None or own[0] > filed_place):
            before = own[1]
        elif number:
            before = found[number - 1].after
        entry.before = before
        entry.expected = before + entry.change if entry.change is not None and before is not None else None
        if entry.after is not None:
            last[entry.key] = (place, entry.after)


def build_whole(items: Iterable[LedgerFiling], merges: dict[str, str] | None = None) -> Ledger:
    """The ledger of one reporting owner's filings for one issuer, built whole (build() gives the same, kept)."""
    items = list(items)
    merges = {normalized(k): normalized(v) for k, v in (merges or {}).items()}
    per_filing = {item.ref: entries_of(item, merges) for item in items}
    ambiguities = []
    replaced: dict[Hashable, list[Entry]] = {}
    # Amendments, filed ones oldest first, then drafts: each one's rows replace the rows of its original they
    # restate, in their place.
    amendments = sorted((i for i in items if i.filing.is_amendment), key=_filing_rank)
    for item in amendments:
        original = _original_of(item, items)
        amended = per_filing.pop(item.ref)
        if original is None or original.ref not in per_filing:
            box4 = item.filing.date_of_original_submission
            if isinstance(box4, date):  # the original is not here: its rows go where it was filed
                for entry in amended:
                    entry.rank = (box4, *entry.rank[1:])
            per_filing[item.ref] = amended
            continue
        kept = per_filing[original.ref]
        base = _filing_rank(original)
        taken: dict[int, Entry] = {}
        for entry in amended:
            matches = [
                n
                for n, old in enumerate(kept)
                if n not in taken and old.superseded_by is None and _restates(entry, old)
            ]
            if len(matches) > 1:
                ambiguities.append(Ambiguity(item.ref, original.ref, entry.row, entry.table, tuple(matches)))
            if matches:
                old = kept[matches[0]]
                taken[matches[0]] = old
                entry.rank = old.rank
                if item.pending and not old.pending:
                    old.superseded_by = item.ref  # it still counts as filed until the amendment is
            else:  # a row the original did not have: after the original's rows
                entry.rank = (*base, (2, *entry.rank[-1]))
        replaced[item.ref] = [old for old in taken.values() if old.superseded_by is None]
        per_filing[original.ref] = [
            old for n, old in enumerate(kept) if n not in taken or old.superseded_by is not None
        ] + amended
    entries = sorted((entry for found in per_filing.values() for entry in found), key=_sort_key)
    # The chain: each entry's position before, and what a transaction should leave. The filed entries chain
    # among themselves (a draft never moves what was filed); then each draft's entries chain from the filed
    # entries and drafts before them, a draft amendment's rows standing for the rows they restate.
    known: dict[PositionKey, Decimal] = {}
    drafts = False
    for entry in entries:
        if entry.pending:
            drafts = True
        else:
            _chain(entry, known)
    if drafts:
        known = {}
        for entry in entries:
            if entry.superseded_by is not None:
                continue
            if entry.pending:
                _chain(entry, known)
            elif entry.after is not None:
                known[entry.key] = entry.after
    return Ledger(entries, ambiguities, replaced)


def propose_following(ledger: Ledger, key: PositionKey, change: Decimal | None) -> Decimal | None:
    """What a new row's "amount owned following" should be: the position now ± its shares (None when unknown, and
    when it would be less than none: the row is then held another way, or the ledger misses a change)."""
    amount = ledger.position(key)
    if amount is None:
        return None
    return _not_negative(amount + (change or Decimal(0)))


def _not_negative(amount: Decimal | None) -> Decimal | None:
    """A proposal is never below zero: disposing of more than the position held says the row's D or I is wrong or
    the ledger misses something (a split, an ESPP purchase), which HOLDINGS-CONTINUITY tells; a guess would hide it."""
    return amount if amount is None or amount >= 0 else None


def position_key(row, table: str, merges: dict[str, str] | None = None, filing: Filing | None = None) -> PositionKey:
    """The position a table row belongs to (`filing`, the row's, gives the footnotes a nature may point to)."""
    footnotes = {footnote.id: footnote.text for footnote in filing.footnotes} if filing is not None else None
    return _key(row, table, {normalized(k): normalized(v) for k, v in (merges or {}).items()}, footnotes)


def _amount_after(entry: Entry, before: Decimal | None) -> Decimal | None:
    if entry.reported is not None:
        return entry.reported
    if entry.change is not None and before is not None:
        return before + entry.change
    return None


def corrections(ledger: Ledger, changed_ref: Hashable) -> list[tuple[Entry, Decimal]]:
    """What an amendment `changed_ref` (filed, or a draft: as it will be once filed) changes: every later row,
    filed or draft, of a position it changed whose reported amount should now be different, with the amount it
    should say, in the ledger's order.

    Each later row keeps what it reported, moved by what the amendment changed in its position: a transaction
    row, and a holding row that restated the old amount, should say it plus the difference; a holding row that
    stated another amount set the position afresh (the difference ends there). Positions the amendment restates
    unchanged, and breaks it did not cause, are not listed."""
    amending = {entry.superseded_by for entry in ledger.entries if entry.superseded_by is not None}
    new = [entry for entry in ledger.entries if entry.ref == changed_ref]
    old = ledger.replaced.get(changed_ref, []) + [e for e in ledger.entries if e.superseded_by == changed_ref]
    same = [
        entry
        for entry in ledger.entries
        if entry.ref != changed_ref
        and entry.superseded_by != changed_ref
        and not (entry.pending and entry.ref in amending)  # another draft amendment: not filed with this one
    ]
    return _carried(old, new, same)


def later_corrections(
    ledger: Ledger, filing: Filing, ref: Hashable = None, merges: dict[str, str] | None = None
) -> list[tuple[Entry, Decimal]]:
    """What a draft not in `ledger` (the one being edited, `ref`) changes once it is filed: every row after its
    rows, filed or in another draft, of a position it moves, whose amount owned following should then say another
    amount, with that amount, in the ledger's order. A late Form 4's row, a Form 5 item or an amendment's changed
    row goes in the ledger on its own date, before rows filed since, which did not count it.

    The draft's rows go where the ledger will put them once it is filed: after the filed rows of their day, an
    amendment's row in place of the filed row it restates (see draft_rows). Nothing is listed when no row of the
    draft's positions comes after the draft's rows (the usual new Form 4)."""
    merged = {normalized(k): normalized(v) for k, v in (merges or {}).items()}
    new = entries_of(LedgerFiling(ref, filing), merged)
    if not new:
        return []
    first: dict[PositionKey, tuple] = {}
    for entry in new:
        first[entry.key] = min(first.get(entry.key, _sort_key(entry)), _sort_key(entry))
    old: list[Entry] = []
    if filing.is_amendment:
        for entry in new:
            restated = ledger.restated(entry.key, entry.when, entry.code)
            if restated is not None and all(restated is not other for other in old):
                old.append(restated)
                entry.rank = restated.rank
                first[entry.key] = min(first[entry.key], _sort_key(restated))
    # Quick: is any row of these positions, filed or drafted, after the draft's first row of it? (Usually not.)
    filed = ledger._filed()
    if not any(
        bisect.bisect_right(filed[key][0], place) < len(filed[key][0]) for key, place in first.items() if key in filed
    ) and not any(entry.key in first and _sort_key(entry) > first[entry.key] for entry in ledger.pending_entries()):
        return []
    # The rows of these positions, each from the last row before the draft's first (the chain starts there),
    # read from the ledger's rows by position: a late row's history is not looked for among all the others.
    amending = ledger.amending()
    replaced = {id(entry) for entry in old}
    per_position = []
    for key, place in first.items():
        places, found = ledger.rows_of(key)
        start = max(bisect.bisect_left(places, place) - 1, 0)
        per_position.append(
            entry
            for entry in itertools.islice(found, start, None)  # read only as far as _carried needs
            if entry.ref != ref
            and id(entry) not in replaced
            and not (entry.pending and entry.ref in amending)  # a draft amendment: not filed with this one
        )
    same = per_position[0] if len(per_position) == 1 else heapq.merge(*per_position, key=_sort_key)
    return _carried(old, new, same)


def _carried(old: list[Entry], new: list[Entry], same: Iterable[Entry]) -> list[tuple[Entry, Decimal]]:
    """The rows of `same` (in the ledger's order) whose amount should change when the rows `old` are replaced by
    `new` (see corrections)."""
    # `same` is in order already (it can be thousands of rows): the few old and new rows are merged into it, each
    # before a row of `same` in the same place.
    extra = sorted(
        [(_sort_key(e), 0, e) for e in old] + [(_sort_key(e), 1, e) for e in new], key=operator.itemgetter(0, 1)
    )

    def tagged() -> Iterator[tuple[int, Entry]]:
        taken = 0
        for entry in same:
            if taken < len(extra):
                place = _sort_key(entry)
                while taken < len(extra) and extra[taken][0] <= place:
                    yield extra[taken][1], extra[taken][2]
                    taken += 1
            yield 2, entry
        for _, kind, entry in extra[taken:]:
            yield kind, entry

    # Positions by a number: equal keys are mostly one object, so a key is hashed once per object, not per row.
    numbers: dict[PositionKey, int] = {}
    by_object: dict[int, int] = {}

    def number(entry: Entry) -> int:
        found = by_object.get(id(entry.key))
        if found is None:
            found = by_object[id(entry.key)] = numbers.setdefault(entry.key, len(numbers))
        return found

    # Only the positions of old and new rows can change; once a position's old and new rows are all met and it
    # says the same with them as without, the rows after it stay right: a late row's long history is not walked
    # to its end when the draft changes nothing there (a copy of a filed form, a row that restates one).
    remaining: dict[int, int] = {}
    for _, _, entry in extra:
        remaining[number(entry)] = remaining.get(number(entry), 0) + 1
    settled: set[int] = set()
    was: dict[int, Decimal | None] = {}  # the position as the filings said it without the amendment
    now: dict[int, Decimal | None] = {}  # ... and with it, carried through the later rows
    result = []
    for kind, entry in tagged():
        key = number(entry)
        if kind == 0:
            was[key] = _amount_after(entry, was.get(key))
            remaining[key] -= 1
            continue
        if kind == 1:
            now[key] = _amount_after(entry, now.get(key))
            remaining[key] -= 1
            continue
        if key not in remaining or key in settled:
            continue  # a position neither changes: nothing to say about its rows
        before_was, before_now = was.get(key), now.get(key)
        if before_was == before_now or before_now is None:
            was[key] = now[key] = _amount_after(entry, before_now)
            if not remaining[key]:
                settled.add(key)
                if len(settled) == len(remaining):
                    break
            continue
        should: Decimal | None
        if entry.change is not None:
            if entry.reported is None:
                should = None
            elif before_was is None:  # the amendment started the position: the chain carries on from it
                should = before_now + entry.change
            else:
                should = entry.reported + (before_now - before_was)
            was[key] = _amount_after(entry, before_was)
            now[key] = should if should is not None else before_now + entry.change
        elif entry.reported is not None and entry.reported == before_was:
            should = now[key] = before_now  # a holding row that restated the old amount
            was[key] = entry.reported
        else:
            should = None
            if entry.reported is not None:  # a holding row that states another amount sets the position afresh
                was[key] = now[key] = entry.reported
        if should is not None and entry.reported is not None and should != entry.reported:
            result.append((entry, should))
    return result


@dataclass(frozen=True)
class DraftRow:
    """A draft's row as the ledger would place it: the position before it (from the filed entry `previous`, or
    from the draft's own earlier row of the position when `previous` is None) and the amount it should leave."""

    table: str
    row: int
    key: PositionKey
    before: Decimal | None
    should: Decimal | None
    previous: Entry | None


def draft_rows(ledger: Ledger, filing: Filing, merges: dict[str, str] | None = None) -> list[DraftRow]:
    """Each row of a draft, in the order the ledger would place them once it is filed: a row starts from the
    position on its own date (the filed rows of that day and before), not from the ledger's end; a row of an
    amendment from the position before the row it restates."""
    merged = {normalized(k): normalized(v) for k, v in (merges or {}).items()}
    footnotes = {footnote.id: footnote.text for footnote in filing.footnotes}
    rows = []
    for table in ("table_i", "table_ii"):
        for number, row in enumerate(getattr(filing, table)):
            traded = getattr(row, "transaction_date", None)
            when = traded.value if traded is not None and isinstance(traded.value, date) else filing.period_of_report
            rows.append((when or date.max, table, number, row))
    rows.sort(key=lambda item: (item[0], item[1], item[2]))
    known: dict[PositionKey, Decimal | None] = {}
    result = []
    for when, table, number, row in rows:
        key = _key(row, table, merged, footnotes)
        previous = None
        if key in known:
            before = known[key]
        else:
            place = (when, _LAST_OF_DAY)
            if filing.is_amendment:
                coding = getattr(row, "coding", None)
                restated = ledger.restated(key, when, coding.code if coding else "")
                if restated is not None:
                    place = _sort_key(restated)
            previous = ledger.last_entry(key, place)
            before = previous.after if previous is not None else None
        should: Decimal | None
        if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
            shares = row.shares.value if row.shares is not None else None
            sign = -1 if (row.acquired_disposed.value or "").upper() == "D" else 1
            should = before + shares * sign if before is not None and isinstance(shares, Decimal) else None
        else:
            should = before
        result.append(DraftRow(table, number, key, before, should, previous))
        reported = row.shares_owned_following.value if row.shares_owned_following else None
        known[key] = reported if reported is not None else should
    return result


def draft_chain(
    ledger: Ledger, filing: Filing, merges: dict[str, str] | None = None
) -> list[tuple[str, int, PositionKey, Decimal | None, Decimal | None]]:
    """For each row of a draft, in the order the ledger would place them: (table, row, position, the amount
    before the row as the ledger and the draft's earlier rows give it, the amount the row should leave)."""
    return [(r.table, r.row, r.key, r.before, r.should) for r in draft_rows(ledger, filing, merges)]


def propose_for_row(ledger: Ledger, filing: Filing, table: str, row: int, merges=None) -> Decimal | None:
    """The "amount owned following" to propose for a draft's row: the position before it ± its shares (None when
    the ledger does not know it, or when that would be less than none)."""
    for found in draft_rows(ledger, filing, merges):
        if (found.table, found.row) == (table, row):
            return _not_negative(found.should)
    return None
