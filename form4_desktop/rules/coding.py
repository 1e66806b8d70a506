"""What a transaction code says about a row: the (A)/(D) direction it fixes or usually has.

The codes are the SEC's (Form 4 General Instruction 8; the same list at sec.gov/edgar/searchedgar/
ownershipformcodes.html): P purchase, L small acquisition (Rule 16a-6) and A grant, award or other
acquisition (Rule 16b-3(d)) always acquire; S sale, F payment of the exercise price or tax by delivering or
withholding securities, D disposition to the issuer (Rule 16b-3(e)), U tender in a change of control and H
expiration or cancellation of a long derivative position with value received always dispose.
"""

from __future__ import annotations

from form4_desktop.model import DerivativeTransaction, NonDerivativeTransaction

# Codes whose (A)/(D) flag is fixed by the code itself.
FIXED_DIRECTION = {"P": "A", "L": "A", "A": "A", "S": "D", "F": "D", "D": "D", "U": "D", "H": "D"}
# The usual flag where it depends on the table: exercises and conversions acquire the stock (Table I) and
# dispose of the derivative (Table II); expirations of a short position dispose.
USUAL_DIRECTION = {
    "table_i": {"M": "A", "X": "A", "O": "A", "C": "A"},
    "table_ii": {"M": "D", "X": "D", "O": "D", "C": "D", "E": "D"},
}
EXERCISE_CODES = frozenset("MXOC")  # exercises and conversions of a derivative security
RULE_16B3_CODES = frozenset("ADFIM")  # the codes that claim an exemption under Rule 16b-3


def code_of(row: NonDerivativeTransaction | DerivativeTransaction) -> str:
    return row.coding.code if row.coding is not None else ""


def direction(row: NonDerivativeTransaction | DerivativeTransaction) -> str | None:
    """The row's direction: the one its code fixes, else its (A)/(D) flag (None when it has none).

    A flag that contradicts its code is an error of its own (CODING-ACQUIRED-DISPOSED); checks that build on the
    direction take the code's, so that one slip is reported once."""
    fixed = FIXED_DIRECTION.get(code_of(row))
    flag = row.acquired_disposed.value if row.acquired_disposed else None
    if flag not in ("A", "D"):
        return None
    return fixed or flag
