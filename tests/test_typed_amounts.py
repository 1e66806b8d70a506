"""An amount typed into a box: digits and one period, and commas where they can only group thousands (as the
tables show amounts, "5,000"); a comma that could be a decimal comma is refused in one sentence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from form4_desktop.model.typed import TypedValueError, read_amount


@pytest.mark.parametrize(
    "typed, amount",
    [
        ("5,000", Decimal(5000)),
        ("1,250", Decimal(1250)),
        ("18,969,380", Decimal(18969380)),
        ("1,250,000.50", Decimal("1250000.50")),
        (" 5,000 ", Decimal(5000)),
        ("5000", Decimal(5000)),
        ("0.5", Decimal("0.5")),
        ("", None),
    ],
)
def test_grouping_commas_are_taken(typed, amount):
    assert read_amount(typed) == amount


@pytest.mark.parametrize(
    "typed", ["1,25", "1,2", "0,500", "12,34,567", "1.250,50", "1,2345", ",500", "1,,000", "1,000,00"]
)
def test_a_comma_that_could_be_a_decimal_comma_is_refused_in_one_sentence(typed):
    with pytest.raises(TypedValueError) as refused:
        read_amount(typed)
    message = str(refused.value)
    assert message == (
        f"'{typed}': a comma may only group thousands (1,250,000); write decimals after a period (1250.50)."
    )
    assert message.count(". ") == 0 and message.endswith(".")  # one sentence


@pytest.mark.parametrize(
    "typed, said",
    [
        ("$5,000", "'$5,000': type the amount without \"$\", with digits and one period (e.g. 1250.50)."),
        ("-5,000", "'-5,000': give the amount without a sign; say (A) or (D) in its own column."),
        (
            "5,000 shares",
            "'5,000 shares': a comma may only group thousands (1,250,000); write decimals after a period (1250.50).",
        ),
        ("five", "'five' is not an amount: use digits and one period only (e.g. 1250.50)."),
    ],
)
def test_other_text_is_refused_saying_why(typed, said):
    with pytest.raises(TypedValueError, match=None) as refused:
        read_amount(typed)
    assert str(refused.value) == said
