"""Hardened parsing of untrusted XML, shared by the reader and the canonical comparison.

No entities are expanded, no DTD is loaded, nothing is fetched, and any DOCTYPE is refused before the
parser sees the document: an entity bomb or an XXE needs a DOCTYPE, so refusing it closes both doors.
"""

from __future__ import annotations

import os
import re
import stat
import threading

from lxml import etree

from form4_desktop.edgar_xml.errors import ReadError

# A real Form 4 is a few kilobytes; the largest maximal filing (60 rows, 99 footnotes of 1,000
# characters) stays well under 1 MB. Anything far larger is not a primary document.
MAX_FILE_BYTES = 5 * 1024 * 1024
# Five megabytes of `<x/>` is a million elements: far too many to judge quickly, and no filing. The largest
# filing of the corpus has 1,475 elements, a maximal one (10 owners, 60 rows, 99 footnotes) about 2,100; ten
# times that is still an ownership document's size, anything beyond is refused before any other work.
MAX_NODES = 20_000

_DOCTYPE = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(r"<[A-Za-z_:]")
_LOCATION = re.compile(r",? line \d+, column \d+")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
XML_SPACE = " \t\r\n"  # XML's whitespace; a non-breaking space is content, not layout
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_NODES = etree.XPath("count(//*) + count(//processing-instruction())")  # compiled once


def _prolog(data: bytes) -> str:
    """The text before the root element, where a DOCTYPE would have to stand (decoded for UTF-16 too)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        text = data.decode("utf-16-le" if data[0] == 0x3C else "utf-16-be", errors="replace")
    else:
        text = data.decode("latin-1")
    match = _FIRST_ELEMENT.search(text)
    return text[: match.start()] if match else text


def _looks_like_xml(data: bytes) -> bool:
    """XML starts with '<' after optional whitespace (any byte-order mark means UTF-16/8: let lxml judge)."""
    if data.startswith(_BOMS):
        return True
    return data.lstrip()[:1] == b"<"


def _parser(layout: bool = True) -> etree.XMLParser:
    """The hardened parser, one per thread (an lxml parser is not to be shared between threads; making one
    costs about half a parse). Without `layout`, it leaves out the whitespace between elements."""
    name = "parser" if layout else "compact_parser"
    parser: etree.XMLParser | None = getattr(_PARSERS, name, None)
    if parser is None:
        parser = _new_parser(layout)
        setattr(_PARSERS, name, parser)
    return parser


_PARSERS = threading.local()


def _new_parser(layout: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=False,  # kept, so that the reader can report them (EDGAR suspends them)
        remove_blank_text=not layout,
    )


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of `path`, refusing folders, missing files and files too large to be a filing."""
    name = os.fspath(path)
    try:
        status = os.stat(name)
        size = status.st_size
        if stat.S_ISDIR(status.st_mode):
            raise ReadError(f"{name} is a folder, not an XML file.")
        if not stat.S_ISREG(status.st_mode):
            raise ReadError(f"{name} is not a regular file (a pipe or a device), so it was not read.")
        if size > MAX_FILE_BYTES:
            raise ReadError(
                f"{name} is {size / 1_048_576:.1f} MB; an ownership document is never larger than "
                f"{MAX_FILE_BYTES // 1_048_576} MB, so this is not one."
            )
        with open(name, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ReadError(f"{name} does not exist.") from None
    except PermissionError:
        raise ReadError(f"{name} cannot be read: permission denied.") from None
    except IsADirectoryError:
        raise ReadError(f"{name} is a folder, not an XML file.") from None
    except OSError as error:
        raise ReadError(f"{name} cannot be read: {error.strerror or error}.") from None


def parse_untrusted(data: bytes, source: str) -> etree._Element:
    """Parse `data` (named `source` in messages) into an element tree, or raise one clear ReadError."""
    return parse_counted(data, source)[0]


def parse_counted(data: bytes, source: str, layout: bool = True) -> tuple[etree._Element, int]:
    """`parse_untrusted`, with the number of elements and processing instructions the document holds.

    Without `layout`, whitespace alone between elements is left out of the tree, which makes parsing and
    walking it faster, but libxml2 also leaves out whitespace that stands before markup with no text before
    it in its element: inside a footnote's markup (`<b>x</b> <i>y</i>` would read as xy), and at the start of
    a value before a comment, CDATA section or processing instruction. So the reader parses without layout
    only a file with no '!' (no comment or CDATA section), reads the tree only plainly (no markup in a value,
    every value stripped: nothing that was left out counts), and parses again with layout for anything else.
    """
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(
            f"{source} is larger than {MAX_FILE_BYTES // 1_048_576} MB, so it is not an ownership document."
        )
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        raise ReadError(f"{source} is a PDF document, not EDGAR XML.")
    if head.startswith(b"PK\x03\x04"):
        raise ReadError(f"{source} is a ZIP archive (or an Office document), not EDGAR XML.")
    if not data.strip():
        raise ReadError(f"{source} is empty.")
    if _DOCTYPE.search(_prolog(data)):
        raise ReadError(
            f"{source} contains a DOCTYPE or entity declaration, which EDGAR ownership documents never have; "
            "it was not read, for safety."
        )
    if not _looks_like_xml(data) and not data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        raise ReadError(f"{source} is not XML: it does not begin with '<'.")
    try:
        root = etree.fromstring(data, _parser(layout))
    except etree.XMLSyntaxError as error:
        detail = _LOCATION.sub("", str(error.msg or error).split("\n")[0]).rstrip(". ")
        line, column = error.position if error.position else (0, 0)
        where = f" at line {line}, column {column}" if line else ""
        raise ReadError(f"{source} is not well-formed XML{where}: {detail}.") from None
    except ValueError as error:  # e.g. a str with an encoding declaration, or a NUL byte
        raise ReadError(f"{source} is not XML: {error}.") from None
    if root is None:
        raise ReadError(f"{source} is not XML.")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise ReadError(f"{source} contains a DOCTYPE, which EDGAR ownership documents never have; it was not read.")
    # Counted by libxml2's XPath in C: a few milliseconds even for a million nodes.
    nodes = count_nodes(root)
    if nodes > MAX_NODES:
        raise ReadError(
            f"{source} has {nodes:,} XML elements and processing instructions; an ownership document "
            f"has a few thousand at most, so it was not read."
        )
    return root, nodes


def parse_own(data: bytes) -> etree._Element:
    """A document this program wrote (well formed; no comment, CDATA section or processing instruction),
    parsed without the whitespace between elements, for validation."""
    return etree.fromstring(data, _parser(layout=False))


def count_nodes(root: etree._Element) -> int:
    """How many elements and processing instructions the document of `root` holds."""
    return int(_NODES(root))


def local_name(element: etree._Element) -> str:
    """The element's name without any namespace."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def own_text(element: etree._Element) -> str:
    """All the text directly inside `element`: its text and the tails of its children.

    lxml's `element.text` is only the text before the first child, so `<a>AB<?x?>CD</a>` would read as 'AB'
    and `<a><?x?>CD</a>` as nothing: a value is all of its element's text, whatever stands between."""
    return (element.text or "") + "".join(child.tail or "" for child in element)


def remove_keeping_tail(node: etree._Element) -> None:
    """Remove a comment or processing instruction but not the text after it, which belongs to the parent."""
    parent = node.getparent()
    if parent is None:
        return  # before or after the root element: no text of the document's
    tail = node.tail
    previous = node.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)
