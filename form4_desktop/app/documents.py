"""Use cases on ownership documents, shared by the command line and the desktop app."""

from __future__ import annotations

import dataclasses
import os
from datetime import date

from form4_desktop.app.files import write_atomically
from form4_desktop.edgar_xml import Copy, WriteError
from form4_desktop.model import Filing
from form4_desktop.rules import RULES, Finding, Severity, validate
from form4_desktop.rules.characters import character_findings, print_findings
from form4_desktop.rules.closures import Calendar

# The submission copy carries each owner's CCC, a secret access code: readable by the user only, whatever
# the umask (the temporary file it is written through is created that way too).
SECRET_FILE_MODE = 0o600

# The XML (lxml) and PDF (reportlab) layers are imported where they are used, so that the desktop app's
# start does not wait for them.


def open_xml(path: str | os.PathLike[str]) -> Filing:
    """Read an EDGAR ownership XML file (raises ReadError with one clear sentence)."""
    from form4_desktop.edgar_xml.reader import read_file

    return read_file(path)


def export_xml(filing: Filing, path: str | os.PathLike[str], copy: Copy = Copy.RECORD) -> None:
    """Write the record or submission copy; nothing is written if EDGAR would refuse it (WriteError)."""
    from form4_desktop.edgar_xml.writer import write_bytes

    write_atomically(path, write_bytes(filing, copy), mode=_mode(copy))


def _mode(copy: Copy) -> int | None:
    return SECRET_FILE_MODE if copy is Copy.SUBMISSION else None


def convert(source: str | os.PathLike[str], target: str | os.PathLike[str], copy: Copy = Copy.RECORD) -> Filing:
    """Read `source` and write it again as v5.5 XML. A record copy must say exactly what the original
    said (see `canonical`); if it would not, nothing is written and the first difference is named."""
    from form4_desktop.edgar_xml.canonical import compare
    from form4_desktop.edgar_xml.parsing import parse_untrusted, read_bytes
    from form4_desktop.edgar_xml.reader import read_document
    from form4_desktop.edgar_xml.writer import write_bytes

    name = os.fspath(source)
    result = read_document(read_bytes(source), name)
    filing = result.filing
    written = write_bytes(filing, copy)
    if copy is Copy.RECORD:
        differences = compare(result.root, parse_untrusted(written, "converted"))
        if differences:
            raise WriteError(
                f"Converting {name} would change what it says ({differences[0]}); nothing was "
                "written. Please report this file.",
                differences,
            )
    write_atomically(target, written, mode=_mode(copy))
    return filing


def export_pdf(
    filing: Filing,
    path: str | os.PathLike[str],
    *,
    copies: int = 1,
    watermark: str = "auto",
    today: date | None = None,
    signature: str = "manual",
) -> bool:
    """Write the printable form; returns whether it carries the draft watermark. `watermark`: "auto" (while
    the filing has errors), "always" or "never". `signature`: "manual" (a line to sign by hand) or "conformed"
    ("/s/ name" on it, as EDGAR shows a filed form)."""
    from form4_desktop.pdf import render_pdf

    draft = watermark == "always" or (watermark == "auto" and _has_errors(check_filing(filing, today)))
    write_atomically(path, render_pdf(filing, copies=copies, draft=draft, signature=signature))
    return draft


def _finding(rule_id: str, path: str, message: str) -> Finding:
    return Finding(rule_id, RULES[rule_id].severity, path, message)


def schema_findings(filing: Filing) -> list[Finding]:
    """How the filing, written out, would break the SEC's v5.5 schema (the record copy: no CCC needed)."""
    from form4_desktop.edgar_xml.schema import schema_problems
    from form4_desktop.edgar_xml.writer import build_tree, dangling_references

    try:
        root = build_tree(filing, Copy.RECORD)
        problems = schema_problems(root, filing.document_type) + dangling_references(root)
    except WriteError as error:
        return [_finding("SCHEMA", "", str(error))]
    return [_finding("SCHEMA", *problem.split(": ", 1)) for problem in problems]


def _has_errors(findings: list[Finding]) -> bool:
    return any(finding.severity is Severity.ERROR for finding in findings)


def _one_line(text: str) -> str:
    """A message or path quoting a value may carry its line breaks or control characters: shown escaped,
    so that every finding is one line (`form4 check` prints one per line, and tools split them so)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _ordered(findings: list[Finding]) -> list[Finding]:
    findings = [
        dataclasses.replace(finding, field_path=_one_line(finding.field_path), message=_one_line(finding.message))
        for finding in findings
    ]
    return sorted(findings, key=lambda finding: finding.severity.rank)


def check_filing(
    filing: Filing, today: date | None = None, calendar: Calendar | None = None, *, filed_on: date | None = None
) -> list[Finding]:
    """Every finding for `filing` as of `today` (default: EDGAR's filing day now, on New York's clock), on
    EDGAR's business days (`calendar`, default: the program's and the user's edgar-closures.txt), errors first;
    a filed draft's lateness is judged on its filing date `filed_on` ("Filed N business days late"), whatever
    `today` is. Raises ClosuresFileError (a UserError) when, no `calendar` given, the user's closures file has a
    line that is not a closure: a caller that must go on (the editor) loads the calendar itself and passes it.

    The rules cover the schema's constraints with plain-English messages; the schema itself is the safety
    net, consulted when the rules find no error, so that nothing EDGAR's parser would refuse goes unsaid.
    """
    from form4_desktop.app import clock
    from form4_desktop.app.closures import load_calendar

    calendar = calendar if calendar is not None else load_calendar()
    today = today if today is not None else clock.filing_day_now(calendar)
    findings = validate(filing, today, calendar, filed_on=filed_on) + character_findings(filing)
    findings += print_findings(filing)  # what the signed paper copy could not show: a warning, not a refusal
    if not _has_errors(findings):
        findings.extend(schema_findings(filing))
    return _ordered(findings)


def check_file(
    path: str | os.PathLike[str],
    today: date | None = None,
    calendar: Calendar | None = None,
    *,
    filed_on: date | None = None,
) -> list[Finding]:
    """Every finding for an XML file as it stands: the filing's, and the file's own (values that cannot be
    read, repairs the reader made, and how the original breaks the v5.5 schema), judged as check_filing judges
    (`today`, `calendar` and `filed_on` as there). Raises ReadError when the file cannot be read as an ownership
    document at all (and only then), and ClosuresFileError as check_filing does."""
    from form4_desktop.edgar_xml.inspect import original_schema_problems
    from form4_desktop.edgar_xml.parsing import read_bytes
    from form4_desktop.edgar_xml.reader import read_document

    name = os.fspath(path)
    result = read_document(read_bytes(path), name, strict=False)
    findings = [_finding("XML-CONTENT", issue.path, issue.message) for issue in result.issues]
    findings += check_filing(result.filing, today, calendar, filed_on=filed_on)
    if not _has_errors(findings):
        findings += [
            _finding("XML-SCHEMA", *problem.split(": ", 1))
            for problem in original_schema_problems(result.root, result.filing)
        ]
    return _ordered(findings)
