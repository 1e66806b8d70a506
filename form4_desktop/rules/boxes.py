"""The form's own names for its boxes, so a finding says where it is as the printed form does.

Field paths use the model's attribute names with zero-based indices (`table_i[1].shares_owned_following`);
messages use the form's numbering ("Table I, row 2, column 5, Amount owned following").
"""

from __future__ import annotations

# Table I column of each row attribute, by form (Form 3 has its own, shorter tables).
_TABLE_I = {
    "security_title": "column 1, Title of Security",
    "transaction_date": "column 2, Transaction Date",
    "deemed_execution_date": "column 2A, Deemed Execution Date",
    "coding": "column 3, Transaction Code",
    "timeliness": "column 3, Transaction Code (timeliness)",
    "shares": "column 4, Amount",
    "acquired_disposed": "column 4, (A) or (D)",
    "price_per_share": "column 4, Price",
    "shares_owned_following": "column 5, Amount owned following",
    "value_owned_following": "column 5, Value owned following",
    "ownership.direct_or_indirect": "column 6, Ownership Form: Direct (D) or Indirect (I)",
    "ownership.nature_of_ownership": "column 7, Nature of Indirect Beneficial Ownership",
}
_TABLE_II = {
    "security_title": "column 1, Title of Derivative Security",
    "conversion_or_exercise_price": "column 2, Conversion or Exercise Price",
    "transaction_date": "column 3, Transaction Date",
    "deemed_execution_date": "column 3A, Deemed Execution Date",
    "coding": "column 4, Transaction Code",
    "timeliness": "column 4, Transaction Code (timeliness)",
    "shares": "column 5, Number of derivative securities acquired (A) or disposed of (D)",
    "total_value": "column 5, Value of derivative securities acquired (A) or disposed of (D)",
    "acquired_disposed": "column 5, (A) or (D)",
    "exercise_date": "column 6, Date Exercisable",
    "expiration_date": "column 6, Expiration Date",
    "underlying.title": "column 7, Title of underlying securities",
    "underlying.shares": "column 7, Amount of underlying securities",
    "underlying.value": "column 7, Value of underlying securities",
    "price_per_share": "column 8, Price of Derivative Security",
    "shares_owned_following": "column 9, Number owned following",
    "value_owned_following": "column 9, Value owned following",
    "ownership.direct_or_indirect": "column 10, Ownership Form: Direct (D) or Indirect (I)",
    "ownership.nature_of_ownership": "column 11, Nature of Indirect Beneficial Ownership",
}
_FORM3_TABLE_I = {
    "security_title": "column 1, Title of Security",
    "shares_owned_following": "column 2, Amount of Securities Beneficially Owned",
    "value_owned_following": "column 2, Value of Securities Beneficially Owned",
    "ownership.direct_or_indirect": "column 3, Ownership Form: Direct (D) or Indirect (I)",
    "ownership.nature_of_ownership": "column 4, Nature of Indirect Beneficial Ownership",
}
_FORM3_TABLE_II = {
    "security_title": "column 1, Title of Derivative Security",
    "exercise_date": "column 2, Date Exercisable",
    "expiration_date": "column 2, Expiration Date",
    "underlying.title": "column 3, Title of underlying securities",
    "underlying.shares": "column 3, Amount of underlying securities",
    "underlying.value": "column 3, Value of underlying securities",
    "conversion_or_exercise_price": "column 4, Conversion or Exercise Price",
    "ownership.direct_or_indirect": "column 5, Ownership Form: Direct (D) or Indirect (I)",
    "ownership.nature_of_ownership": "column 6, Nature of Indirect Beneficial Ownership",
}


def table_name(table: str) -> str:
    return "Table I" if table == "table_i" else "Table II"


def column(form: str, table: str, attribute: str) -> str:
    if form == "3":
        names = _FORM3_TABLE_I if table == "table_i" else _FORM3_TABLE_II
    else:
        names = _TABLE_I if table == "table_i" else _TABLE_II
    return names.get(attribute) or (_TABLE_I if table == "table_i" else _TABLE_II).get(attribute, attribute)


def cell(form: str, table: str, index: int, attribute: str) -> tuple[str, str]:
    """(field path, label) of one cell: `("table_i[1].shares", "Table I, row 2, column 4, Amount")`."""
    return f"{table}[{index}].{attribute}", f"{table_name(table)}, row {index + 1}, {column(form, table, attribute)}"


def owner_label(index: int, count: int) -> str:
    return "Box 1, reporting person" + (f" {index + 1}" if count > 1 else "")


_TOP = {
    "document_type": "Form type", "period_of_report": "Box 3, date of earliest transaction",
    "date_of_original_submission": "Box 4, date original filed", "not_subject_to_section16": "Exit box",
    "aff10b5_one": "Rule 10b5-1(c) box", "issuer": "Box 2, issuer", "remarks": "Remarks",
    "issuer.cik": "Box 2, issuer CIK", "issuer.name": "Box 2, issuer name",
    "issuer.trading_symbol": "Box 2, ticker or trading symbol", "issuer.foreign_trading_symbol": "Box 2a",
}
_OWNER_PARTS = {"cik": "CIK", "ccc": "CCC", "name": "name", "address.street1": "street", "address.street2": "street",
                "address.city": "city", "address.state": "state", "address.zip_code": "ZIP code",
                "address.country": "country", "address.non_us_address": "non-US address",
                "address.non_us_state_territory": "state or province", "relationship.officer_title": "officer title",
                "relationship.other_text": "other (specify)"}


def box_label(form: str, path: str) -> str:
    """Any field path as a person names the box: "Table I, row 1, column 4, Amount", "Box 2, issuer"."""
    import re

    match = re.match(r"(table_i|table_ii)\[(\d+)\]\.?([a-z_.]*)", path)
    if match:
        attribute = match[3]
        for suffix in (".value", ".footnote_ids"):
            attribute = attribute.removesuffix(suffix)
        attribute = "coding" if attribute.startswith("coding") else attribute
        label = cell(form, match[1], int(match[2]), attribute)[1] if attribute else \
            f"{table_name(match[1])}, row {int(match[2]) + 1}"
        return label + (" (footnotes)" if path.endswith(".footnote_ids") else "")
    match = re.match(r"(reporting_owners|signatures|footnotes)\[(\d+)\]", path)
    if match:
        number = int(match[2]) + 1
        if match[1] == "reporting_owners":
            rest = path[match.end():].lstrip(".")
            part = _OWNER_PARTS.get(rest)
            where = "Box 5, relationship" if rest.startswith("relationship") else "Box 1"
            return f"{where}, reporting person {number}" + (f" ({part})" if part else "")
        return f"Signature {number}" if match[1] == "signatures" else f"Footnote ({number})"
    if path in _TOP:
        return _TOP[path]
    head = path.split(".")[0].split("[")[0]
    return _TOP.get(head, {"table_i": "Table I rows", "table_ii": "Table II rows", "reporting_owners": "Reporting persons",
                           "signatures": "Signatures", "footnotes": "Footnotes"}.get(head, head))
