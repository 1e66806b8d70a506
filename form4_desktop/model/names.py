"""Names as people sign them, from names as Box 1 keeps them: "Last First Middle", as EDGAR writes a reporting
person's name ("CRAGUN KENNETH S", "Musk Elon") and as the box asks ("Name (Last, First, Middle)").

`signing_name` turns the name round whatever its case ("Rivera Maria L" -> "Maria L. Rivera"), reads a comma as
the end of the last name ("Rivera, Maria L."), keeps suffixes at the end ("Jr.", "III"), keeps a name already in
First Last order ("Maria L. Rivera": an initial with its period between two names), and writes an entity's name
(LLC, Trust, Inc., L.P., ...) as it stands. Checked against the corpus's rptOwnerName / signatureName pairs
(tests/test_names.py).
"""

from __future__ import annotations

import re

_SUFFIXES = {
    "JR": "Jr.",
    "SR": "Sr.",
    "II": "II",
    "III": "III",
    "IV": "IV",  # (not V: a single V is as likely a middle initial)
    "MD": "M.D.",
    "PHD": "Ph.D.",
    "ESQ": "Esq.",
    "CPA": "CPA",
}
# Words that make a name an entity's, which is written as it stands (not turned round).
_ENTITY_WORDS = {
    "INC",
    "INCORPORATED",
    "CORP",
    "CORPORATION",
    "LLC",
    "LC",
    "LP",
    "LLP",
    "LLLP",
    "LTD",
    "LIMITED",
    "TRUST",
    "TRUSTEE",
    "TRUSTEES",
    "FUND",
    "PARTNERS",
    "PARTNERSHIP",
    "HOLDINGS",
    "GROUP",
    "CAPITAL",
    "MANAGEMENT",
    "COMPANY",
    "PLC",
    "GMBH",
    "FOUNDATION",
    "ADVISORS",
    "ADVISERS",
    "INVESTMENTS",
    "INVESTORS",
    "VENTURES",
    "ASSOCIATES",
    "PTE",
    "BANK",
    "ESTATE",
    "ENDOWMENT",
    "UNIVERSITY",
    "SOCIETY",
}
# Short entity marks that are also letters of people's names: an entity's only as the name's last word.
_ENTITY_ENDINGS = {"CO", "AG", "SA", "NV", "BV", "AB", "AS", "SE", "KG", "SPA", "SRL", "PC", "PA"}
_PUNCTUATION = ".,()"
_INITIAL = re.compile(r"[^\W\d_]\.?")


def _bare(word: str) -> str:
    """A word without its dots, commas and brackets, in capitals: "L.P." -> "LP", "Inc.," -> "INC"."""
    return "".join(character for character in word if character not in _PUNCTUATION).upper()


def is_entity(name: str) -> bool:
    """The name of a company, partnership, trust or fund, not of a person ("Mithril II GP LP", "Reid Hoffman &
    Michelle Yee Living Trust", "SOFTBANK GROUP CORP.")."""
    words = name.replace(",", " ").split()
    if "&" in name or any(_bare(word) in _ENTITY_WORDS for word in words):
        return True
    return bool(words) and _bare(words[-1]) in _ENTITY_ENDINGS and len(words) > 1


def _suffix(word: str) -> str | None:
    return _SUFFIXES.get(_bare(word))


def _is_initial(word: str) -> bool:
    return bool(_INITIAL.fullmatch(word))


def _cased(word: str, whole_name_lower: bool) -> str:
    """A word as a name is written: capitals (or an all-lower name) made "Title" case, "MCKENNA" -> "McKenna",
    "O'BRIEN" -> "O'Brien", "WILSON-THOMPSON" -> "Wilson-Thompson"; a word typed in mixed case is kept."""
    if _is_initial(word):
        return word[0].upper() + "."
    letters = [character for character in word if character.isalpha()]
    if not (word.isupper() or (whole_name_lower and word.islower())) or len(letters) < 2:
        return word

    def title(part: str) -> str:
        part = part[:1].upper() + part[1:].lower()
        if part.startswith("Mc") and len(part) > 2:
            part = "Mc" + part[2].upper() + part[3:]
        return part

    return "-".join("'".join(title(piece) for piece in part.split("'")) for part in word.split("-"))


def signing_name(name: str) -> str:
    """How a person signs the name Box 1 holds: "CRAGUN KENNETH S" -> "Kenneth S. Cragun", "Rivera Maria L" ->
    "Maria L. Rivera", "Rivera, Maria L." -> "Maria L. Rivera", "DOE JOHN A JR" -> "John A. Doe Jr."; "Maria L.
    Rivera" (already First Last) and an entity's name ("SOFTBANK GROUP CORP.") are kept as written."""
    name = " ".join(name.split())
    if not name or is_entity(name):
        return name
    lower = name.islower()
    parts = [part.strip() for part in name.split(",") if part.strip()]
    suffixes: list[str] = []
    kept_parts = []
    for part in parts:
        words = []
        for word in part.split():
            suffix = _suffix(word)
            if suffix:
                suffixes.append(suffix)
            else:
                words.append(word)
        if words:
            kept_parts.append(words)
    if not kept_parts:
        return name
    if len(kept_parts) >= 2:  # "Last, First Middle": the comma ends the last name
        last, given = kept_parts[0], [word for part in kept_parts[1:] for word in part]
        ordered = given + last
    else:
        words = kept_parts[0]
        # "Maria L. Rivera": an initial with its period between names is written in First Last order already;
        # EDGAR's order puts the initials last ("RIVERA MARIA L", "Garascia Jessica A.").
        first_last = (
            len(words) >= 3
            and any(_is_initial(word) and word.endswith(".") for word in words[1:-1])
            and not _is_initial(words[-1])
        )
        ordered = words if first_last or len(words) < 2 else words[1:] + words[:1]
    return " ".join([_cased(word, lower) for word in ordered] + suffixes)


def conformed_signature(name: str) -> str:
    """The conformed signature a filer types: "/s/ Kenneth S. Cragun"."""
    signed = signing_name(name)
    return f"/s/ {signed}" if signed else ""
