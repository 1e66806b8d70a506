"""A filing as JSON, for the store: exact (decimals as strings, dates as ISO text) and versioned.

A draft may be incomplete or wrong in ways the XML schema refuses, so drafts are kept in this form,
not as EDGAR XML. `FORMAT` is stored with each document, so a later program can read an older one.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Callable, Any, Union, get_args, get_origin, get_type_hints

from form4_desktop.model import (
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    Footnoted,
    NonDerivativeHolding,
    NonDerivativeTransaction,
)

FORMAT = 1
_ROW_KINDS = {
    "nonDerivativeTransaction": NonDerivativeTransaction,
    "nonDerivativeHolding": NonDerivativeHolding,
    "derivativeTransaction": DerivativeTransaction,
    "derivativeHolding": DerivativeHolding,
}
_KIND_OF = {cls: kind for kind, cls in _ROW_KINDS.items()}


class CodecError(ValueError):
    """A stored document could not be read back."""


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        encoded = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if type(value) in _KIND_OF:
            encoded["kind"] = _KIND_OF[type(value)]
        return encoded
    if isinstance(value, list):
        return [_encode(item) for item in value]
    return value


def filing_to_json(filing: Filing) -> str:
    return json.dumps({"format": FORMAT, "filing": _encode(filing)}, ensure_ascii=False, separators=(",", ":"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _decode(value: Any, hint: Any) -> Any:
    return _decoder(hint)(value)


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function decoding a stored value of type `hint`, made once per type: reading the ledger decodes
    thousands of boxes, and working the type out each time was most of the cost."""
    origin = get_origin(hint)
    if origin in (Union, getattr(typing, "UnionType", Union)) or type(hint).__name__ == "UnionType":
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        if all(option in _KIND_OF for option in options):
            return lambda value: None if value is None else _decode_row(value)
        inner = _decoder(options[0])
        return lambda value: None if value is None else inner(value)
    if origin is list:
        (item,) = get_args(hint)
        each = _decoder(item)
        return lambda value: None if value is None else [each(entry) for entry in value]
    if origin is Footnoted:
        (inner_hint,) = get_args(hint)
        inner = _decoder(inner_hint)
        return lambda value: (
            None
            if value is None
            else Footnoted(
                None if value.get("value") is None else inner(value.get("value")), list(value.get("footnote_ids", []))
            )
        )
    if hint is Decimal:
        return lambda value: None if value is None else Decimal(value)
    if hint is date:
        return lambda value: None if value is None else date.fromisoformat(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value: None if value is None else _decode_dataclass(hint, value)
    return lambda value: value


def _decode_row(value: dict) -> Any:
    try:
        cls = _ROW_KINDS[value["kind"]]
    except KeyError:
        raise CodecError(f"unknown table row kind {value.get('kind')!r}") from None
    return _decode_dataclass(cls, value)


@cache
def _field_decoders(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    hints = _hints(cls)
    return tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls))


def _decode_dataclass(cls: type, value: dict) -> Any:
    if not isinstance(value, dict):  # a damaged document ("filing": "none") is not an empty filing
        raise CodecError(f"a stored {cls.__name__} is {type(value).__name__}, not an object")
    return cls(**{name: decode(value[name]) for name, decode in _field_decoders(cls) if name in value})


def filing_from_json(text: str) -> Filing:
    try:
        document = json.loads(text)
        if document.get("format") != FORMAT:
            raise CodecError(f"stored draft format {document.get('format')!r} is not {FORMAT}")
        return _decode_dataclass(Filing, document["filing"])
    except CodecError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, ArithmeticError) as error:
        # ArithmeticError: decimal.InvalidOperation, for a garbled number.
        raise CodecError(f"stored draft is damaged: {error or type(error).__name__}") from None
