"""Seeded fuzzing over the corpus: whatever a file holds, `check` and `convert` keep their promises.

Each input is a real filing with a few mutations of the kinds hostile or careless files have: instructions
and comments inside values, elements duplicated or dropped, attributes and namespaces added, control
characters, truncation, odd numbers, dates and booleans. For every input:

* `check` raises nothing but ReadError (a file that is no ownership document at all);
* each finding renders as exactly one line;
* when `check` reports no error, EDGAR would take the file (no namespace, no processing instruction, valid
  against the schema as of its day), and `convert` writes a record copy that is valid v5.5 and reads back
  as the filing that was read;
* whatever `convert` does write says what was read; what it refuses, it refuses in one line.

The run is bounded in time (FUZZ_SECONDS) and reproducible: FORM4_FUZZ_SEED and FORM4_FUZZ_COUNT choose the
inputs, and a failure names the seed, the input's number, the corpus file and the mutations.
"""

from __future__ import annotations

import os
import random
import re
import time
from datetime import date

import pytest
from lxml import etree

from conftest import CORPUS
from form4_desktop.app import documents
from form4_desktop.edgar_xml import Copy, ReadError, WriteError, read_file
from form4_desktop.edgar_xml.inspect import original_schema_problems
from form4_desktop.edgar_xml.parsing import parse_untrusted
from form4_desktop.edgar_xml.reader import read_document
from form4_desktop.edgar_xml.schema import schema_problems
from form4_desktop.rules import Severity

SEED = int(os.environ.get("FORM4_FUZZ_SEED", "20261124"))
COUNT = int(os.environ.get("FORM4_FUZZ_COUNT", "700"))
FUZZ_SECONDS = float(os.environ.get("FORM4_FUZZ_SECONDS", "45"))
TODAY = date(2026, 1, 15)

_LEAF = re.compile(rb"<([A-Za-z][A-Za-z0-9]*)>([^<>]*)</\1>")
_ELEMENT = re.compile(rb"<([A-Za-z][A-Za-z0-9]*)(?: [^<>]*)?>")
_VALUE = re.compile(rb"<value>([^<>]*)</value>")

ODD_NUMBERS = [
    b"+5",
    b"-5",
    b"1e5",
    b"1,000",
    b".5",
    b"5.",
    b"0005",
    b"12345678901234567890",
    b"",
    b" 5 ",
    "\uff15".encode(),
    b"5.00000",
    b"0",
    b"999999999999.99999",
    b"1 000",
    b"$5",
    b"NaN",
    b"Infinity",
]
ODD_DATES = [
    b"2023-02-30",
    b"2023-1-9",
    b"2023-01-09Z",
    b"2023-01-09+05:00",
    b"0001-01-01",
    b"9999-12-31",
    b"2023-01-09T00:00",
    b"20230109",
    b"",
    b" 2023-01-09 ",
    b"1900-01-01",
]
ODD_BOOLEANS = [b"TRUE", b"yes", b" 1 ", b"", b"2", b"False", b"0 "]
ODD_TEXT = [
    b"&#11;",
    b"\x0b",
    b"&#133;",
    b"\t",
    b"\n",
    b"&#x2028;",
    b"&#233;",
    b"&amp;",
    b"&lt;b&gt;",
    b"<![CDATA[x<y]]>",
    b"\xc3\xa9",
    b"\xff",
    b"&#0;",
    b"&#xFFFE;",
    b"  ",
    b"A" * 3000,
]
NAMES = [b"id", b"xsi:type", b"xsi:nil", b"lang", b"q:id", b"xmlns:q", b"xsi:schemaLocation"]


def _pick(rng: random.Random, pattern: re.Pattern, data: bytes):
    matches = list(pattern.finditer(data))
    return rng.choice(matches) if matches else None


def _into_value(rng: random.Random, data: bytes, insert: bytes) -> bytes:
    match = _pick(rng, _LEAF, data)
    if match is None:
        return data
    at = rng.randint(match.start(2), match.end(2))
    return data[:at] + insert + data[at:]


def _replace_leaf(rng: random.Random, data: bytes, names: tuple[bytes, ...] | None, values: list[bytes]) -> bytes:
    matches = [m for m in _LEAF.finditer(data) if names is None or m[1] in names]
    if not matches:
        return data
    match = rng.choice(matches)
    return data[: match.start(2)] + rng.choice(values) + data[match.end(2) :]


def _element_span(data: bytes, match: re.Match) -> tuple[int, int] | None:
    """Start and end of the element whose start tag `match` is (None when it cannot be found simply)."""
    name = match[1]
    if match[0].endswith(b"/>"):
        return match.start(), match.end()
    close = data.find(b"</" + name + b">", match.end())
    return (match.start(), close + len(name) + 3) if close >= 0 else None


def mutate(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    done = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(
            [
                "pi",
                "comment",
                "duplicate",
                "drop",
                "attribute",
                "namespace",
                "control",
                "truncate",
                "number",
                "date",
                "boolean",
                "footnote-id",
                "text",
                "whitespace",
                "reference",
                "cdata",
                "markup",
                "empty",
                "swap",
            ]
        )
        done.append(kind)
        if kind == "pi":
            data = _into_value(rng, data, rng.choice([b"<?x?>", b"<?xml-stylesheet href='a.xsl'?>", b"<?x y?> "]))
        elif kind == "comment":
            data = _into_value(rng, data, rng.choice([b"<!---->", b"<!-- note -->", b"<!--\n-->"]))
        elif kind in ("duplicate", "drop"):
            match = _pick(rng, _ELEMENT, data)
            span = _element_span(data, match) if match and match[1] != b"ownershipDocument" else None
            if span:
                piece = data[span[0] : span[1]]
                data = (
                    data[: span[1]] + piece + data[span[1] :]
                    if kind == "duplicate"
                    else data[: span[0]] + data[span[1] :]
                )
        elif kind == "attribute":
            match = _pick(rng, _ELEMENT, data)
            if match:
                name = rng.choice(NAMES)
                value = rng.choice([b"F1", b" F1 ", b"x", b"true", b"a&#10;b", b"urn:x"])
                declaration = b' xmlns:q="urn:q"' if name.startswith(b"q:") else b""
                if name.startswith(b"xsi:"):
                    declaration = b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
                end = match.end() - (2 if match[0].endswith(b"/>") else 1)
                data = data[:end] + b" " + name + b'="' + value + b'"' + declaration + data[end:]
        elif kind == "namespace":
            match = _pick(rng, _LEAF, data)
            if match and rng.random() < 0.7:
                name = match[1]
                data = (
                    data[: match.start()]
                    + b"<q:"
                    + name
                    + b' xmlns:q="urn:x">'
                    + match[2]
                    + b"</q:"
                    + name
                    + b">"
                    + data[match.end() :]
                )
            else:
                data = data.replace(b"<ownershipDocument>", b'<ownershipDocument xmlns="urn:x">', 1)
        elif kind == "control":
            data = _into_value(rng, data, rng.choice(ODD_TEXT[:8] + [b"\x01", b"\x1f", b"&#x1F;", b"\r"]))
        elif kind == "truncate":
            data = data[: rng.randint(0, len(data))]
        elif kind == "number":
            data = (
                _replace_leaf(rng, data, None, ODD_NUMBERS)
                if rng.random() < 0.2
                else _replace_in_values(rng, data, ODD_NUMBERS, numeric=True)
            )
        elif kind == "date":
            data = (
                _replace_leaf(rng, data, (b"periodOfReport", b"signatureDate", b"dateOfOriginalSubmission"), ODD_DATES)
                if rng.random() < 0.5
                else _replace_in_values(rng, data, ODD_DATES, dated=True)
            )
        elif kind == "boolean":
            data = _replace_leaf(
                rng,
                data,
                (
                    b"isDirector",
                    b"isOfficer",
                    b"isOther",
                    b"isTenPercentOwner",
                    b"equitySwapInvolved",
                    b"aff10b5One",
                    b"notSubjectToSection16",
                    b"rptOwnerNonUSAddressFlag",
                ),
                ODD_BOOLEANS,
            )
        elif kind == "footnote-id":
            data = data.replace(b'id="F', rng.choice([b'id=" F', b'id="F0', b'id="f', b'id="\tF']), 1)
        elif kind == "text":
            data = _replace_leaf(rng, data, None, ODD_TEXT)
        elif kind == "whitespace":
            data = _into_value(rng, data, rng.choice([b" ", b"\n   ", b"\t", b"\xc2\xa0"]))
        elif kind == "reference":  # a character written as a character reference: the same text
            match = _pick(rng, _LEAF, data)
            if match and match[2]:
                at = rng.randrange(match.start(2), match.end(2))
                if data[at : at + 1] not in (b"&", b";"):
                    data = data[:at] + b"&#%d;" % data[at] + data[at + 1 :]
        elif kind == "cdata":
            match = _pick(rng, _LEAF, data)
            if match and b"&" not in match[2]:
                data = data[: match.start(2)] + b"<![CDATA[" + match[2] + b"]]>" + data[match.end(2) :]
        elif kind == "markup":
            data = _into_value(rng, data, rng.choice([b"<b/>", b"<value>1</value>", b'<footnoteId id="F1"/>']))
        elif kind == "empty":
            data = _replace_leaf(rng, data, None, [b""])
        elif kind == "swap":
            first = _pick(rng, _LEAF, data)
            if first:
                after = _LEAF.search(data, first.end())
                if after and data[first.end() : after.start()].strip() == b"":
                    data = (
                        data[: first.start()]
                        + after[0]
                        + data[first.end() : after.start()]
                        + first[0]
                        + data[after.end() :]
                    )
    return data, done


def _replace_in_values(
    rng: random.Random, data: bytes, values: list[bytes], *, numeric: bool = False, dated: bool = False
) -> bytes:
    matches = [
        m
        for m in _VALUE.finditer(data)
        if (numeric and re.fullmatch(rb"[0-9.]+", m[1])) or (dated and re.fullmatch(rb"[0-9]{4}-.*", m[1]))
    ]
    if not matches:
        return data
    match = rng.choice(matches)
    return data[: match.start(1)] + rng.choice(values) + data[match.end(1) :]


def _comparable(filing):
    """What a record copy changes on purpose: EDGAR's schema version, a missing 10b5-1 box becomes unchecked,
    CIKs are padded to ten digits."""
    filing.schema_version = None
    if filing.aff10b5_one is None and filing.form != "3":
        filing.aff10b5_one = False
    for holder in (filing.issuer, *filing.reporting_owners):
        if holder.cik.isdigit():
            holder.cik = holder.cik.zfill(10)
    return filing


def judge(data: bytes, folder, label: str) -> str:
    """Check, then convert, one input; returns what happened, for the tally."""
    source, target = folder / "input.xml", folder / "output.xml"
    source.write_bytes(data)
    if target.exists():
        target.unlink()
    try:
        findings = documents.check_file(source, TODAY)
    except ReadError as error:
        assert len(str(error).splitlines()) == 1, f"{label}: {error!r}"
        return "unreadable"
    for finding in findings:
        line = finding.line(str(source))
        assert len(line.splitlines()) == 1 and "\n" not in line, f"{label}: {line!r}"
    passed = not any(finding.severity is Severity.ERROR for finding in findings)
    if passed:  # then EDGAR would take the file as it stands: no namespace, no instruction, valid as of its day
        original = parse_untrusted(data, "input.xml")
        assert not [e for e in original.iter() if isinstance(e.tag, str) and e.tag.startswith("{")], label
        assert not list(original.iter(etree.ProcessingInstruction)), label
        assert original_schema_problems(original, read_document(data, "input.xml").filing) == [], label
    try:
        documents.convert(source, target, Copy.RECORD)
    except (ReadError, WriteError) as error:  # refused, in one sentence: only where check found an error
        assert not passed, f"{label}: check found no error, but convert refused: {error}"
        assert len(str(error).splitlines()) == 1, f"{label}: {error!r}"
        return "errors, not converted"
    # Whatever is written is valid and says what was read (strictly: so nothing was left unread).
    read = read_document(data, "input.xml").filing
    assert schema_problems(parse_untrusted(target.read_bytes(), "written"), read.document_type) == [], label
    assert _comparable(read_file(target)) == _comparable(read), label
    return "converted" if passed else "errors, repaired by convert"


def test_fuzz_check_and_convert_keep_their_promises(tmp_path):
    rng = random.Random(SEED)
    blobs = [path.read_bytes() for path in CORPUS]
    tally: dict[str, int] = {}
    deadline = time.monotonic() + FUZZ_SECONDS
    for number in range(COUNT):
        if time.monotonic() > deadline:
            break
        index = rng.randrange(len(blobs))
        data, mutations = mutate(rng, blobs[index])
        label = f"seed {SEED}, input {number}: {CORPUS[index].name} with {', '.join(mutations)}"
        try:
            outcome = judge(data, tmp_path, label)
        except AssertionError:
            (tmp_path / "failing.xml").write_bytes(data)
            raise
        except Exception as error:  # anything but ReadError from check, or anything at all from convert
            (tmp_path / "failing.xml").write_bytes(data)
            raise AssertionError(f"{label}: {type(error).__name__}: {error}") from error
        tally[outcome] = tally.get(outcome, 0) + 1
    print(f"fuzz: {sum(tally.values())} inputs: {tally}")
    assert sum(tally.values()) >= min(COUNT, 100)
    assert all(tally.get(outcome) for outcome in ("converted", "errors, not converted", "unreadable"))


# The reproducers of issue 11, kept by name (the others: test_xml_values, test_xml_agreement,
# test_xml_characters, test_hostile_input).
@pytest.mark.parametrize(
    "old, new, outcome",
    [
        ("<rptOwnerName>", "<rptOwnerName><?x?>", "errors, repaired by convert"),  # the name after an instruction
        ("<rptOwnerCity>", "<rptOwnerCity><!-- x -->", "converted"),  # the city after a comment
        ('<footnote id="F1">', '<footnote id=" F1 ">', "errors, repaired by convert"),  # check and convert agree
        (
            "<issuerCik>0000896493</issuerCik>",
            '<q:issuerCik xmlns:q="urn:x">0000896493</q:issuerCik>',
            "errors, repaired by convert",
        ),  # a namespace EDGAR refuses is reported
    ],
)
def test_reproducers(tmp_path, old, new, outcome):
    from conftest import REFERENCE

    text = REFERENCE.read_text()
    assert old in text
    assert judge(text.replace(old, new, 1).encode(), tmp_path, f"{old} -> {new}") == outcome
    written = (tmp_path / "output.xml").read_text()
    assert "<rptOwnerName>CRAGUN KENNETH S</rptOwnerName>" in written and "<rptOwnerCity>LAS VEGAS<" in written
