"""Use cases on ownership documents, shared by the command line and the desktop app."""

from __future__ import annotations

import os
from datetime import date

from form4_desktop.app.files import write_atomically
from form4_desktop.edgar_xml import Copy, read_file, write_bytes
from form4_desktop.edgar_xml.schema import schema_problems
from form4_desktop.edgar_xml.writer import build_tree
from form4_desktop.model import Filing
from form4_desktop.rules import Finding, Severity, validate


def open_xml(path: str | os.PathLike[str]) -> Filing:
    """Read an EDGAR ownership XML file (raises ReadError with one clear sentence)."""
    return read_file(path)


def export_xml(filing: Filing, path: str | os.PathLike[str], copy: Copy = Copy.RECORD) -> None:
    """Write the record or submission copy; nothing is written if EDGAR would refuse it (WriteError)."""
    write_atomically(path, write_bytes(filing, copy))


def convert(source: str | os.PathLike[str], target: str | os.PathLike[str], copy: Copy = Copy.RECORD) -> Filing:
    filing = open_xml(source)
    export_xml(filing, target, copy)
    return filing


def schema_findings(filing: Filing) -> list[Finding]:
    """How the filing, written out, would break the SEC's v5.5 schema (the record copy: no CCC needed)."""
    return [
        Finding("SCHEMA", Severity.ERROR, problem.split(": ", 1)[0], problem.split(": ", 1)[-1])
        for problem in schema_problems(build_tree(filing, Copy.RECORD), filing.document_type)
    ]


def check_filing(filing: Filing, today: date | None = None) -> list[Finding]:
    """Every finding for `filing` as of `today`, errors first.

    The rules cover the schema's constraints with plain-English messages; the schema itself is the safety
    net, consulted when the rules find no error, so that nothing EDGAR's parser would refuse goes unsaid.
    """
    findings = validate(filing, today or date.today())
    if not any(finding.severity is Severity.ERROR for finding in findings):
        findings.extend(schema_findings(filing))
    return sorted(findings, key=lambda finding: finding.severity.rank)
