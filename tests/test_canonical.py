"""The canonical normalisation forgives exactly the documented differences, and nothing else."""

from __future__ import annotations

import pytest

from conftest import REFERENCE
from form4_desktop.edgar_xml.canonical import compare_bytes

ORIGINAL = REFERENCE.read_bytes()


def changed(old: str, new: str, count: int = 1) -> bytes:
    text = ORIGINAL.decode()
    assert old in text, old
    return text.replace(old, new, count).encode()


@pytest.mark.parametrize(
    "old, new",
    [
        # 1. layout: indentation, comments, whitespace around values
        ("<documentType>4</documentType>", "<documentType>\n   4 </documentType><!-- a comment -->"),
        ('<?xml version="1.0"?>\n', ""),
        # 2. empty wrappers
        (
            "<transactionCoding>\n        <transactionFormType>4",
            "<deemedExecutionDate/><transactionTimeliness><value/></transactionTimeliness>"
            "<transactionCoding>\n        <transactionFormType>4",
        ),
        # 3. booleans
        ("<isOfficer>1</isOfficer>", "<isOfficer>true</isOfficer>"),
        ("<isDirector>0</isDirector>", "<isDirector>false</isDirector>"),
        # 4. decimals
        ("<value>125000</value>", "<value>125000.0000</value>"),
        ("<value>0</value>", "<value>0.00</value>"),
        # 5. dates with a time zone
        ("<periodOfReport>2023-01-09</periodOfReport>", "<periodOfReport>2023-01-09-05:00</periodOfReport>"),
        # 6. CIK padding
        ("<issuerCik>0000896493</issuerCik>", "<issuerCik>896493</issuerCik>"),
        # 7. schemaVersion
        ("<schemaVersion>X0609</schemaVersion>", "<schemaVersion>X0306</schemaVersion>"),
        ("<schemaVersion>X0609</schemaVersion>", ""),
        # 1. namespaces, schema-location attributes
        (
            "<ownershipDocument>",
            '<ownershipDocument xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:noNamespaceSchemaLocation="ownership4Document.xsd">',
        ),
        # 4. a sign and leading zeros
        ("<value>125000</value>", "<value>+0125000</value>"),
        ("<isOfficer>1</isOfficer>", "<isOfficer>TRUE</isOfficer>"),
    ],
)
def test_documented_differences_are_forgiven(old, new):
    assert compare_bytes(ORIGINAL, changed(old, new)) == []


def test_a_missing_10b5_1_box_equals_an_unchecked_one_only_in_the_original():
    without = changed("<aff10b5One>0</aff10b5One>", "")
    assert compare_bytes(without, ORIGINAL) == []
    assert compare_bytes(ORIGINAL, without) != []


def test_foreign_code_in_state_equals_the_v55_country_field():
    old = changed("<rptOwnerState>NV</rptOwnerState>", "<rptOwnerState>X0</rptOwnerState>")
    new = (
        changed(
            "<rptOwnerStreet1>",
            "<rptOwnerNonUSAddressFlag>1</rptOwnerNonUSAddressFlag><rptOwnerStreet1>",
        )
        .decode()
        .replace("<rptOwnerState>NV</rptOwnerState>", "<rptOwnerCountry>X0</rptOwnerCountry>")
        .encode()
    )
    assert compare_bytes(old, new) == []


@pytest.mark.parametrize(
    "old, new",
    [
        ("<value>125000</value>", "<value>125001</value>"),
        ("<value>A</value>", "<value>D</value>"),
        ("<isOfficer>1</isOfficer>", "<isOfficer>0</isOfficer>"),
        ("<aff10b5One>0</aff10b5One>", "<aff10b5One>1</aff10b5One>"),
        ('<footnoteId id="F1"/>', ""),
        ('<footnoteId id="F3"/>', '<footnoteId id="F4"/>'),
        ("Represents the vesting", "Represents  the vesting"),
        ("<rptOwnerStreet2>SUITE 240</rptOwnerStreet2>", ""),
        ("<periodOfReport>2023-01-09</periodOfReport>", "<periodOfReport>2023-01-10</periodOfReport>"),
        ("<issuerCik>0000896493</issuerCik>", "<issuerCik>0000896494</issuerCik>"),
        ("<officerTitle>Chief Financial Officer</officerTitle>", "<officerTitle>CFO</officerTitle>"),
        ("<rptOwnerState>NV</rptOwnerState>", "<rptOwnerCountry>NV</rptOwnerCountry>"),
        ("Represents the vesting of restricted stock.", "Represents the <b>vesting</b> of restricted stock."),
        ("Represents the vesting of restricted stock.", "Represents the vesting of restricted stock.\u00a0"),
        ("<value>125000</value>", "<value>1234567890123456789012345678901</value>"),
    ],
)
def test_any_other_change_is_reported(old, new):
    assert compare_bytes(ORIGINAL, changed(old, new)) != []


def test_long_numbers_are_compared_digit_by_digit():
    long_a = changed("<value>125000</value>", "<value>1234567890123456789012345678901</value>")
    long_b = changed("<value>125000</value>", "<value>1234567890123456789012345678902</value>")
    assert compare_bytes(long_a, long_b) != []


def test_row_order_matters():
    text = ORIGINAL.decode()
    first = text.index("<derivativeTransaction>")
    second = text.index("<derivativeTransaction>", first + 1)
    end = text.index("</derivativeTable>")
    swapped = text[:first] + text[second:end] + text[first:second] + text[end:]
    assert compare_bytes(ORIGINAL, swapped.encode()) != []


def test_differences_name_the_element():
    [difference] = compare_bytes(ORIGINAL, changed("<value>125000</value>", "<value>125001</value>"))
    assert "transactionShares" in difference and "'125000' became '125001'" in difference
