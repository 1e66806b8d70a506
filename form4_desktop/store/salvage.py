"""Read drafts out of a damaged store file without SQLite: the last resort of a rescue.

SQLite finds a table's rows by walking its b-tree from the root page down; when the root page or an interior
page is damaged, every row below it is out of SQLite's reach although the pages holding them are intact. This
module reads the file's bytes itself (https://www.sqlite.org/fileformat2.html), never following a b-tree
pointer: each page is looked at once, in one pass over the file, and the cells of every table leaf page (0x0D),
index leaf page (0x0A) and index interior page (0x02) are decoded. An index b-tree's interior cells hold whole
keys that are in no leaf, and `revisions` is a WITHOUT ROWID table (its rows are index cells), so its interior
pages hold rows too; a table's interior pages (0x05) hold only rowids and child pointers, and are skipped.

A payload longer than its page keeps is followed onto its overflow pages, read on demand; a chain that loops,
leaves the file, is cut short by a truncated file, or runs longer than its payload needs loses that cell only.
All chains together read at most twice the file's pages. A -wal file beside the store is read too: its frames
up to the last commit that its salts and checksums vouch for stand in for the main file's pages of the same
number (the later frame of a page wins), and pages only in the WAL are read after the file's own.

Memory stays bounded: one page at a time, the WAL's frame offsets (one int a page), and what is yielded.
The file is only read, never written, and nothing is made beside it.
"""

from __future__ import annotations

import logging
import os
import struct
from collections.abc import Iterator
from typing import IO, Any, NamedTuple

from form4_desktop.model.filing import Filing
from form4_desktop.store.codec import CodecError, filing_from_json
from form4_desktop.store.database import DRAFT_COLUMNS

log = logging.getLogger("form4_desktop.store.salvage")

_TABLE_LEAF, _INDEX_LEAF, _INDEX_INTERIOR = 0x0D, 0x0A, 0x02
_ENCODINGS = {1: "utf-8", 2: "utf-16-le", 3: "utf-16-be"}
_WAL_MAGIC = (0x377F0682, 0x377F0683)  # the low bit: checksums computed on big-endian words

_NULLABLE_TEXT = {"period_of_report", "filed_on", "accession_number", "deleted_at"}

Value = int | float | str | bytes | None


def _varint(data: bytes, at: int) -> tuple[int, int]:
    """SQLite's varint at `at` (1 to 9 bytes, 7 bits a byte, the 9th all 8): (value, next offset). IndexError
    when it runs past the end of `data`."""
    value = 0
    for i in range(8):
        byte = data[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return (value << 8) | data[at + 8], at + 9


def _size_of(serial: int) -> int:
    if serial >= 12:
        return (serial - 12) // 2
    return (0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0)[serial]


def _record_header(local: bytes) -> tuple[int, list[int]] | None:
    """The header size and serial types of a record whose header lies in `local`; None if it is not one."""
    try:
        size, at = _varint(local, 0)
        if size < 2 or size > len(local) or size > 1024:
            return None
        types = []
        while at < size:
            serial, at = _varint(local, at)
            if serial in (10, 11):  # reserved: never in a record
                return None
            types.append(serial)
        return (size, types) if at == size else None
    except IndexError:
        return None


def _is_int(serial: int) -> bool:
    return 1 <= serial <= 6 or serial in (8, 9)


def _is_text(serial: int) -> bool:
    return serial >= 13 and serial % 2 == 1


def _looks_like_revision(types: list[int]) -> bool:
    # saved_by came with schema version 2 (ALTER TABLE ADD COLUMN), which leaves older rows with 4 columns.
    if len(types) not in (4, 5):
        return False
    return _is_int(types[0]) and _is_int(types[1]) and all(_is_text(serial) for serial in types[2:])


def _looks_like_draft(types: list[int]) -> bool:
    # filed_on_assumed came with schema version 6 (ALTER TABLE ADD COLUMN), which leaves older rows without it.
    if len(types) not in (len(DRAFT_COLUMNS) - 1, len(DRAFT_COLUMNS)) or types[0] != 0:  # id is the rowid: NULL
        return False
    for name, serial in zip(DRAFT_COLUMNS[1:], types[1:]):
        if name in ("version", "filed_on_assumed"):
            ok = _is_int(serial)
        elif name == "amends_id":
            ok = serial == 0 or _is_int(serial)
        else:
            ok = _is_text(serial) or (serial == 0 and name in _NULLABLE_TEXT)
        if not ok:
            return False
    return True


def _values(record: bytes, types: list[int], at: int, encoding: str) -> list[Value] | None:
    values: list[Value] = []
    for serial in types:
        size = _size_of(serial)
        if at + size > len(record):
            return None
        chunk = record[at : at + size]
        if serial == 0:
            values.append(None)
        elif serial in (8, 9):
            values.append(serial - 8)
        elif serial <= 6:
            values.append(int.from_bytes(chunk, "big", signed=True))
        elif serial == 7:
            values.append(struct.unpack(">d", chunk)[0])
        elif serial % 2 == 0:
            values.append(bytes(chunk))
        else:
            try:
                values.append(chunk.decode(encoding))
            except UnicodeDecodeError:
                return None
        at += size
    return values if at == len(record) else None


class _Wal:
    """The committed frames of a -wal file: page number -> offset of that page's newest frame."""

    def __init__(self, stream: IO[bytes], page_size: int | None):
        self.stream = stream
        self.frames: dict[int, int] = {}
        self.page_size = 0
        self.database_pages = 0  # the store's size in pages after the last committed transaction
        head = stream.read(32)
        if len(head) < 32:
            return
        magic, _version, size, _sequence, salt1, salt2, sum1, sum2 = struct.unpack(">8I", head)
        if magic not in _WAL_MAGIC or size & (size - 1) or not 512 <= size <= 65536:
            log.warning("the -wal file's header is damaged: it is not read")
            return
        if page_size is not None and size != page_size:
            log.warning("the -wal file's page size (%d) is not the store's (%d): it is not read", size, page_size)
            return
        order = ">" if magic & 1 else "<"
        s1, s2 = self._checksum(head[:24], order, 0, 0)
        if (s1, s2) != (sum1, sum2):
            log.warning("the -wal file's header fails its checksum: it is not read")
            return
        self.page_size = size
        pending: dict[int, int] = {}
        offset = 32
        while True:
            stream.seek(offset)
            frame = stream.read(24 + size)
            if len(frame) < 24 + size:
                break
            number, commit, f_salt1, f_salt2, f_sum1, f_sum2 = struct.unpack(">6I", frame[:24])
            if (f_salt1, f_salt2) != (salt1, salt2) or number == 0:
                break
            s1, s2 = self._checksum(frame[:8], order, s1, s2)
            s1, s2 = self._checksum(frame[24:], order, s1, s2)
            if (s1, s2) != (f_sum1, f_sum2):
                break
            pending[number] = offset + 24
            if commit:  # a commit frame: everything up to here is committed; `commit` is the store's size then
                self.frames.update(pending)
                pending.clear()
                self.database_pages = commit
            offset += 24 + size
        if pending:
            log.info("the -wal file ends with %d frames of a transaction never committed: not read", len(pending))

    @staticmethod
    def _checksum(data: bytes, order: str, s1: int, s2: int) -> tuple[int, int]:
        words = struct.unpack(f"{order}{len(data) // 4}I", data)
        for i in range(0, len(words), 2):
            s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
            s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
        return s1, s2

    def page(self, number: int) -> bytes | None:
        offset = self.frames.get(number)
        if offset is None:
            return None
        self.stream.seek(offset)
        return self.stream.read(self.page_size)


class _Pages:
    """The store's pages, as SQLite would see them: the -wal file's committed frames over the file's own."""

    def __init__(self, stream: IO[bytes], wal_stream: IO[bytes] | None):
        self.stream = stream
        self.file_size = os.fstat(stream.fileno()).st_size
        head = stream.read(100)
        size = struct.unpack(">H", head[16:18])[0] if len(head) >= 18 else 0
        size = 65536 if size == 1 else size
        valid = 512 <= size <= 65536 and not size & (size - 1)
        self.wal = _Wal(wal_stream, size if valid else None) if wal_stream is not None else None
        if not valid:
            size = self.wal.page_size if self.wal is not None and self.wal.page_size else 4096
            log.warning("the store's page size is damaged: taken as %d", size)
        self.page_size = size
        first = self.wal.page(1) if self.wal is not None else None
        if first is not None:
            head = first[:100]
        reserved = head[20] if len(head) > 20 else 0
        self.usable = size - reserved if size - reserved >= 480 else size
        code = struct.unpack(">I", head[56:60])[0] if len(head) >= 60 else 1
        self.encoding = _ENCODINGS.get(code, "utf-8")
        # A truncated last page is read as far as it goes.
        self.file_pages = -(-self.file_size // size)
        wal_pages = max(self.wal.frames, default=0) if self.wal is not None else 0
        self.count = max(self.file_pages, wal_pages)
        self.overflow_budget = 2 * self.count + 16

    def page(self, number: int) -> bytes | None:
        """Page `number` (perhaps shorter than a page, at the end of a truncated file), or None."""
        if not 1 <= number <= self.count:
            return None
        if self.wal is not None:
            page = self.wal.page(number)
            if page is not None:
                return page
        if number > self.file_pages:
            return None
        self.stream.seek((number - 1) * self.page_size)
        return self.stream.read(self.page_size) or None

    def local_size(self, total: int, leaf_table: bool) -> int:
        """How much of a payload of `total` bytes its cell keeps on the page (the rest overflows)."""
        usable = self.usable
        most = usable - 35 if leaf_table else (usable - 12) * 64 // 255 - 23
        if total <= most:
            return total
        least = (usable - 12) * 32 // 255 - 23
        local = least + (total - least) % (usable - 4)
        return local if local <= most else least

    def overflow(self, local: bytes, total: int, first: int) -> bytes | None:
        """The whole payload: `local` and what its chain of overflow pages holds; None when the chain is broken
        (a page out of the file or cut short, a loop) or all chains have read as many pages as they may."""
        parts = [local]
        remaining = total - len(local)
        number = first
        seen: set[int] = set()
        while remaining > 0:
            if number in seen or self.overflow_budget <= 0:
                return None
            seen.add(number)
            self.overflow_budget -= 1
            page = self.page(number)
            if page is None:
                return None
            take = min(remaining, self.usable - 4)
            if len(page) < 4 + take:
                return None
            parts.append(page[4 : 4 + take])
            remaining -= take
            number = struct.unpack(">I", page[:4])[0]
        return b"".join(parts)


def _cells(pages: _Pages, number: int, page: bytes) -> Iterator[tuple[bool, int | None, list[Value]]]:
    """The records of one page shaped as drafts rows or revisions: (a drafts row?, rowid, values)."""
    start = 100 if number == 1 else 0
    if len(page) < start + 8:
        return
    kind = page[start]
    if kind not in (_TABLE_LEAF, _INDEX_LEAF, _INDEX_INTERIOR):
        return
    table = kind == _TABLE_LEAF
    count = struct.unpack(">H", page[start + 3 : start + 5])[0]
    pointers = start + (12 if kind == _INDEX_INTERIOR else 8)
    end = min(len(page), pages.usable)
    if count == 0 or pointers + 2 * count > end:
        return
    for i in range(count):
        at = struct.unpack(">H", page[pointers + 2 * i : pointers + 2 * i + 2])[0]
        if not pointers + 2 * count <= at < end:
            continue
        try:
            if kind == _INDEX_INTERIOR:
                at += 4  # the left child's page number
            total, at = _varint(page, at)
            rowid = None
            if table:
                rowid, at = _varint(page, at)
        except IndexError:
            continue
        if total == 0 or total > 1 << 31:
            continue
        local_size = pages.local_size(total, table)
        spills = local_size < total
        if at + local_size + (4 if spills else 0) > end:
            continue
        local = page[at : at + local_size]
        header = _record_header(local)
        if header is None:
            continue
        header_size, types = header
        if not (_looks_like_draft(types) if table else _looks_like_revision(types)):
            continue
        if header_size + sum(_size_of(serial) for serial in types) != total:
            continue  # not a record, or not this one
        if spills:
            first = struct.unpack(">I", page[at + local_size : at + local_size + 4])[0]
            record = pages.overflow(local, total, first)
            if record is None:
                log.info("page %d: a cell's overflow chain is broken: it is skipped", number)
                continue
        else:
            record = local
        values = _values(record, types, header_size, pages.encoding)
        if values is not None:
            yield table, rowid, values


def image_with_wal(path: str | os.PathLike[str]) -> bytes | None:
    """The store file at `path` as SQLite would read it with its -wal file: the committed frames laid over the
    file's pages, cut or grown to the size the last commit gave it, and marked as a store without a -wal (for
    `sqlite3.Connection.deserialize`: read in memory, with no -shm file made). None when there is no committed
    frame to read, or the -wal file cannot be read."""
    path = os.fspath(path)
    try:
        with open(path, "rb") as stream, open(path + "-wal", "rb") as wal_stream:
            data = bytearray(stream.read())
            size = struct.unpack(">H", data[16:18])[0] if len(data) >= 18 else 0
            size = 65536 if size == 1 else size
            wal = _Wal(wal_stream, size if 512 <= size <= 65536 and not size & (size - 1) else None)
            if not wal.frames:
                return None
            page_size = wal.page_size
            pages = wal.database_pages or max(wal.frames)
            data = data[: pages * page_size].ljust(pages * page_size, b"\x00")
            for number in sorted(wal.frames):
                if number <= pages:
                    data[(number - 1) * page_size : number * page_size] = wal.page(number) or b""
    except OSError as error:
        log.warning("%s-wal cannot be read: %s", path, error)
        return None
    data[18:20] = b"\x01\x01"  # a rollback-journal store: in memory there is no -wal to look for
    return bytes(data)


def _scan(path: str | os.PathLike[str]) -> Iterator[tuple[bool, int | None, list[Value]]]:
    wal_path = os.fspath(path) + "-wal"
    with open(path, "rb") as stream:
        wal_stream = None
        try:
            if os.path.exists(wal_path) and os.path.getsize(wal_path) > 0:
                wal_stream = open(wal_path, "rb")
        except OSError as error:
            log.warning("%s cannot be read: %s", wal_path, error)
        try:
            pages = _Pages(stream, wal_stream)
            for number in range(1, pages.count + 1):
                page = pages.page(number)
                if page is not None:
                    yield from _cells(pages, number, page)
            if pages.overflow_budget <= 0:
                log.warning("%s: the scan stopped following overflow pages (more than the file holds)", path)
        finally:
            if wal_stream is not None:
                wal_stream.close()


def scan_revisions(path: str | os.PathLike[str]) -> Iterator[tuple[int, int, str, str]]:
    """Every record in the store file at `path` (and its -wal file) shaped as a row of `revisions`: (draft_id,
    version, saved_at, content), content JSON (not checked to be a filing: see `newest_revisions`), in the
    order of the pages. The same row may come more than once (a stale copy on a page no longer in use)."""
    for table, _rowid, values in _scan(path):
        if table:
            continue
        draft_id, version, saved_at, content = values[:4]
        if isinstance(draft_id, int) and isinstance(version, int) and isinstance(saved_at, str):
            if isinstance(content, str) and content.startswith("{"):
                yield draft_id, version, saved_at, content


def scan_drafts(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Every record in the store file at `path` (and its -wal file) shaped as a row of `drafts`, as a dict by
    column name (`id` is the row's rowid), in the order of the pages; the same draft may come more than once."""
    for table, rowid, values in _scan(path):
        if table and rowid is not None and values[4] in ("draft", "filed"):
            row = {"filed_on_assumed": 0, **dict(zip(DRAFT_COLUMNS, values))}
            row["id"] = rowid
            yield row


def _filing(content: str) -> Filing | None:
    try:
        return filing_from_json(content)
    except CodecError:
        return None
    except Exception:  # a garbled value the codec lets through (a Decimal's InvalidOperation): not a filing either
        log.debug("a revision's content cannot be decoded", exc_info=True)
        return None


def newest_revisions(
    path: str | os.PathLike[str], filings: dict[int, Filing] | None = None
) -> dict[int, tuple[int, str, str]]:
    """Per draft id, its highest version found in the store file at `path` whose content reads as a filing:
    (version, saved_at, content).

    One pass keeps each draft's highest version, and only that one is decoded (decoding costs more than the
    scan); for a draft whose highest version does not decode, a second pass gathers its lower versions, which
    are tried from the highest down. `filings`, if given, is filled with the decoded filings, by draft id."""
    highest: dict[int, tuple[int, str, str]] = {}
    for draft_id, version, saved_at, content in scan_revisions(path):
        known = highest.get(draft_id)
        if known is None or version > known[0]:
            highest[draft_id] = (version, saved_at, content)
    newest: dict[int, tuple[int, str, str]] = {}
    unreadable: dict[int, tuple[int, str]] = {}  # draft id -> its version and content that do not decode
    for draft_id, row in highest.items():
        filing = _filing(row[2])
        if filing is not None:
            newest[draft_id] = row
            if filings is not None:
                filings[draft_id] = filing
        else:
            unreadable[draft_id] = (row[0], row[2])
    if not unreadable:
        return newest
    log.warning("%s: %d drafts' newest versions found do not read as filings", path, len(unreadable))
    older: dict[int, list[tuple[int, str, str]]] = {}
    for draft_id, version, saved_at, content in scan_revisions(path):
        bad = unreadable.get(draft_id)
        if bad is not None and version <= bad[0] and content != bad[1]:  # another copy of that version too
            older.setdefault(draft_id, []).append((version, saved_at, content))
    for draft_id, rows in older.items():
        for row in sorted(rows, reverse=True):
            filing = _filing(row[2])
            if filing is not None:
                newest[draft_id] = row
                if filings is not None:
                    filings[draft_id] = filing
                break
    return newest


# -- what app/rescue.py reads: each draft's newest readable revision decoded, and its newest drafts row ---------


class ScannedRevision(NamedTuple):
    """A row of `revisions` found in the file, with its content decoded."""

    draft_id: int
    version: int
    saved_at: str
    filing: Filing


class ScannedDraft(NamedTuple):
    """A row of `drafts` found in the file (the line of the draft list, and whether it was filed)."""

    id: int
    created_at: str
    updated_at: str
    version: int
    status: str
    document_type: str
    period_of_report: str | None
    issuer_cik: str
    issuer_name: str
    issuer_ticker: str
    owner_names: str
    owner_ciks: str
    filed_on: str | None
    accession_number: str | None
    amends_id: int | None
    deleted_at: str | None
    filed_on_assumed: int = 0


class Found(NamedTuple):
    """What a scan found: each draft's newest readable revision, and its newest `drafts` row, by draft id."""

    revisions: dict[int, ScannedRevision]
    drafts: dict[int, ScannedDraft]

    def draft_ids(self) -> list[int]:
        return sorted(set(self.revisions) | set(self.drafts))


def scan_store(path: str | os.PathLike[str]) -> Found:
    """The newest readable revision of each draft found in the store file at `path`, and each draft's newest
    `drafts` row (by version; the later in the file where equal)."""
    filings: dict[int, Filing] = {}
    revisions = {
        draft_id: ScannedRevision(draft_id, version, saved_at, filings[draft_id])
        for draft_id, (version, saved_at, _) in newest_revisions(path, filings).items()
    }
    drafts: dict[int, ScannedDraft] = {}
    for row in scan_drafts(path):
        known = drafts.get(row["id"])
        if known is None or row["version"] >= known.version:
            drafts[row["id"]] = ScannedDraft(**row)
    return Found(revisions, drafts)
