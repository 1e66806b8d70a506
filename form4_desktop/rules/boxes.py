"""The form's own names for its boxes, so a finding says where it is as the printed form does.

Field paths use the model's attribute names with zero-based indices (`table_i[1].shares_owned_following`);
messages use the form's numbering ("Table I, row 2, column 5, Amount owned following").
"""

from __future__ import annotations

from form4_desktop.model.forms import FORM4, describe


def table_name(table: str) -> str:
    return "Table I" if table == "table_i" else "Table II"


def column(form: str, table: str, attribute: str) -> str:
    """ "column 4, Amount": how the form names the column of a row attribute. A value a form has no column for
    (a transaction on a Form 3) is named as Form 4 names it."""
    return describe(form).table(table).label(attribute) or FORM4.table(table).label(attribute) or attribute


def cell(form: str, table: str, index: int, attribute: str) -> tuple[str, str]:
    """(field path, label) of one cell: `("table_i[1].shares", "Table I, row 2, column 4, Amount")`."""
    return f"{table}[{index}].{attribute}", f"{table_name(table)}, row {index + 1}, {column(form, table, attribute)}"


def owner_label(index: int, count: int) -> str:
    return "Box 1, reporting person" + (f" {index + 1}" if count > 1 else "")


_OWNER_PARTS = {
    "cik": "CIK",
    "ccc": "CCC",
    "name": "name",
    "address.street1": "street",
    "address.street2": "street",
    "address.city": "city",
    "address.state": "state",
    "address.zip_code": "ZIP code",
    "address.country": "country",
    "address.non_us_address": "non-US address",
    "address.non_us_state_territory": "state or province",
    "relationship.officer_title": "officer title",
    "relationship.other_text": "other (specify)",
}


def box_label(form: str, path: str) -> str:
    """Any field path as a person names the box: "Table I, row 1, column 4, Amount", "Box 2, issuer"."""
    import re

    match = re.match(r"(table_i|table_ii)\[(\d+)\]\.?([a-z_.]*)", path)
    if match:
        attribute = match[3]
        for suffix in (".value", ".footnote_ids"):
            attribute = attribute.removesuffix(suffix)
        attribute = "coding" if attribute.startswith("coding") else attribute
        label = (
            cell(form, match[1], int(match[2]), attribute)[1]
            if attribute
            else f"{table_name(match[1])}, row {int(match[2]) + 1}"
        )
        return label + (" (footnotes)" if path.endswith(".footnote_ids") else "")
    match = re.match(r"(reporting_owners|signatures|footnotes)\[(\d+)\]", path)
    if match:
        number = int(match[2]) + 1
        if match[1] == "reporting_owners":
            rest = path[match.end() :].lstrip(".")
            part = _OWNER_PARTS.get(rest)
            where = describe(form).relationship_box if rest.startswith("relationship") else "Box 1"
            return f"{where}, reporting person {number}" + (f" ({part})" if part else "")
        return f"Signature {number}" if match[1] == "signatures" else f"Footnote ({number})"
    boxes = describe(form).boxes
    if path in boxes:
        return boxes[path]
    head = path.split(".")[0].split("[")[0]
    return boxes.get(
        head,
        {
            "table_i": "Table I rows",
            "table_ii": "Table II rows",
            "reporting_owners": "Reporting persons",
            "signatures": "Signatures",
            "footnotes": "Footnotes",
        }.get(head, head),
    )
