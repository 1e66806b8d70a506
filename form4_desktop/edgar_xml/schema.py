"""The SEC's v5.5 ownership schemas, shipped inside the package, one per document type."""

from __future__ import annotations

import functools
from importlib import resources

from lxml import etree

_SCHEMA_FILES = {
    "3": "ownership3Document.xsd.xml",
    "3/A": "ownership3ADocument.xsd.xml",
    "4": "ownership4Document.xsd.xml",
    "4/A": "ownership4ADocument.xsd.xml",
    "5": "ownership5Document.xsd.xml",
    "5/A": "ownership5ADocument.xsd.xml",
}


@functools.cache
def schema_for(document_type: str) -> etree.XMLSchema:
    """The v5.5 schema that EDGAR applies to a primary document of `document_type`."""
    try:
        file_name = _SCHEMA_FILES[document_type]
    except KeyError:
        raise ValueError(f"no ownership schema for document type {document_type!r}") from None
    # The schemas include each other by relative path, so parse them from their folder on disk.
    with resources.as_file(resources.files("form4_desktop.edgar_xml") / "schemas" / file_name) as path:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        return etree.XMLSchema(etree.parse(str(path), parser))


def schema_problems(root: etree._Element, document_type: str) -> list[str]:
    """Each way `root` breaks the v5.5 schema of its document type, as 'path: message'."""
    schema = schema_for(document_type)
    if schema.validate(root):
        return []
    problems = []
    for entry in schema.error_log:
        where = entry.path or f"line {entry.line}"
        problems.append(f"{where}: {_one_line(entry.message).rstrip('.')}")
    return problems


def _one_line(text: str) -> str:
    """libxml2 quotes the offending value, line breaks and all: shown escaped, so a message stays one line."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
