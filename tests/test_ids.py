"""Record ids as people type them (domain/ids.py): no number a store cannot hold is looked up."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from salescli.domain.ids import ID_MAX, record_id, storable


@given(st.text(max_size=25))
def test_only_ascii_digits_are_ids(text: str) -> None:
    number = record_id(text)
    if text.isascii() and text.isdigit() and len(text) <= 40:
        assert number == int(text)
    else:
        assert number is None


def test_what_a_store_can_hold() -> None:
    assert record_id("12") == 12 and record_id("0012") == 12
    assert record_id("²") is None and record_id("٣") is None and record_id("-1") is None and record_id("") is None
    assert storable(ID_MAX) and not storable(ID_MAX + 1)
    assert not storable(record_id("99999999999999999999"))
