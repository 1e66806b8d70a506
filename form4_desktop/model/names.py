"""Names as people write them, from names as EDGAR keeps them ("CRAGUN KENNETH S": last name first)."""

from __future__ import annotations

_SUFFIXES = {
    "JR": "Jr.",
    "SR": "Sr.",
    "II": "II",
    "III": "III",
    "IV": "IV",
    "MD": "M.D.",
    "PHD": "Ph.D.",
    "ESQ": "Esq.",
}
# Words that make a name an entity's, which is written as it stands (not turned round).
_ENTITY_WORDS = {
    "INC",
    "CORP",
    "CORPORATION",
    "LLC",
    "LP",
    "LLP",
    "LTD",
    "LIMITED",
    "TRUST",
    "FUND",
    "PARTNERS",
    "HOLDINGS",
    "GROUP",
    "CAPITAL",
    "MANAGEMENT",
    "CO",
    "COMPANY",
    "PLC",
    "AG",
    "SA",
    "NV",
    "BV",
    "FOUNDATION",
    "ADVISORS",
    "INVESTMENTS",
    "VENTURES",
    "LP.",
    "L.P.",
    "L.L.C.",
}


def _word(word: str) -> str:
    bare = word.strip(".,").upper()
    if bare in _SUFFIXES:
        return _SUFFIXES[bare]
    if len(bare) == 1 and bare.isalpha():
        return f"{bare}."  # a middle initial
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def signing_name(edgar_name: str) -> str:
    """How a person signs the name EDGAR keeps as "LAST FIRST MIDDLE": "CRAGUN KENNETH S" -> "Kenneth S.
    Cragun". A name already in mixed case, or an entity's ("SOFTBANK GROUP CORP"), is kept as written."""
    name = " ".join(edgar_name.split())
    if not name or name != name.upper():
        return name
    words = name.replace(",", " ").split()
    if any(word.strip(".,") in _ENTITY_WORDS for word in words) or len(words) < 2:
        return name
    last, rest = words[0], words[1:]
    suffix = [word for word in rest if word.strip(".,") in _SUFFIXES]
    given = [word for word in rest if word not in suffix]
    return " ".join([_word(word) for word in given] + [_word(last)] + [_word(word) for word in suffix])


def conformed_signature(edgar_name: str) -> str:
    """The conformed signature a filer types: "/s/ Kenneth S. Cragun"."""
    signed = signing_name(edgar_name)
    return f"/s/ {signed}" if signed else ""
