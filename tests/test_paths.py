"""Field paths: how findings name a box and how the editor reaches it."""

from __future__ import annotations

import pytest

from form4_desktop.model.paths import split_item


def test_a_field_path_splits_into_list_index_and_box():
    assert split_item("table_ii[12].underlying.shares.value") == ("table_ii", 12, "underlying.shares.value")
    assert split_item("remarks") == ("remarks", None, "")
    assert split_item("issuer.cik") == ("issuer", None, "cik")


def test_an_xml_path_is_not_a_field_path():
    with pytest.raises(ValueError):
        split_item("/ownershipDocument/issuer/issuerCik")
