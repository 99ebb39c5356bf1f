"""Option values are checked without Pydantic, as Typer checks them with it.

Typer's own checks (Pydantic TypeAdapters, `typer._adapters.build_adapter`) are the
oracle: for generated text, ours give the same value or the same sentence. The one
difference is deliberate: Pydantic reads a few odd spellings after leading zeros ("0__1"
is 1, "0-5" is -5) that we refuse, with the sentence any non-number gets.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.terminal.typer_params import _SPACE, NOT_WHOLE, flag, whole_number

pytest.importorskip("pydantic")


def _typer(annotation, **info):  # noqa: ANN001, ANN003, ANN202 - Typer's own adapter
    from pydantic import ValidationError
    from typer._adapters import build_adapter
    from typer.models import OptionInfo

    adapter = build_adapter(annotation, OptionInfo(**info))

    def check(value):  # noqa: ANN001, ANN202
        try:
            return ("ok", adapter.validate_python(value))
        except ValidationError as err:
            return ("error", err.errors()[0]["msg"])

    return check


def _ours(convert, value):  # noqa: ANN001, ANN202
    try:
        return ("ok", convert(value))
    except ValueError as err:
        return ("error", str(err))


NUMBERISH = st.one_of(
    st.from_regex(r"\A[ \t\xa0\u3000\x1c]?[+-]{0,2}[0-9_]{0,6}(\.[0-9_]{0,3})?[eE]?[0-9]?[ \n\x85]?\Z"),
    st.integers(min_value=-10**25, max_value=10**25).map(str),
    st.text(max_size=6),
)
BOUNDS = [{}, {"min": 1}, {"max": 10}, {"min": 1, "max": 10}, {"min": 0, "max": 100_000}]


@pytest.mark.parametrize("bounds", BOUNDS, ids=str)
@settings(max_examples=150, deadline=None)
@given(text=NUMBERISH)
def test_whole_numbers_are_read_and_refused_like_typer_does(bounds: dict, text: str) -> None:
    expected = _typer(int, **bounds)(text)
    ours = _ours(lambda v: whole_number(v, bounds.get("min"), bounds.get("max")), text)
    if ours != expected:
        # Only Pydantic's odd spellings after a leading zero may differ, and we refuse those.
        assert ours == ("error", NOT_WHOLE) and expected[0] == "ok", (text, ours, expected)
        assert re.match(r"[+-]?0", text.strip(_SPACE)) and not HUMAN.fullmatch(text), text


def test_every_short_spelling_of_a_number_is_read_like_typer_does() -> None:
    """All 37,448 strings of up to 5 characters from digits, signs, "_", "." and " "."""
    import itertools

    check = _typer(int)
    for length in range(1, 6):
        for chars in itertools.product("0_1.+-5 ", repeat=length):
            text = "".join(chars)
            expected, ours = check(text), _ours(whole_number, text)
            if ours != expected:
                assert ours == ("error", NOT_WHOLE) and expected[0] == "ok", (text, ours, expected)
                assert re.match(r"[+-]?0", text.strip()) and not HUMAN.fullmatch(text), text


# What people type for a number: ours and Typer's must agree on all of it.
HUMAN = re.compile(r"\s*[+-]?[0-9]+(_[0-9]+)*(\.[0-9]+)?\s*")


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(st.sampled_from(["yes", " No ", "TRUE", "off", "", " ", "2", "maybe", "Y", "t"]),
                      st.text(max_size=5)))
def test_flags_given_as_text_are_read_like_typer_does(text: str) -> None:
    from typer._adapters import _parse_cli_bool

    check = _typer(bool)
    assert _ours(flag, text) == check(_parse_cli_bool(text))


def test_the_messages_users_see_are_the_translated_ones(sqlite_cli) -> None:  # noqa: ANN001
    run = sqlite_cli("customer", "list", "--limit", "abc")
    assert run.exit_code == 2
    assert "Input should be a valid integer, unable to parse string as an integer" in run.stderr
    run = sqlite_cli("--lang", "zh_CN", "customer", "list", "--limit", "0")
    assert run.exit_code == 2 and "应大于或等于 1" in run.stderr
    assert sqlite_cli.ok("customer", "list", "--limit", " 2 ").exit_code == 0


def test_options_of_every_kind_still_work(sqlite_cli) -> None:  # noqa: ANN001
    sqlite_cli.ok("customer", "add", "Acme", "--tag", "vip", "--tag", "export", "--grade", "A")
    card = sqlite_cli.ok("customer", "show", "Acme", "--json").json()
    assert card["tags"] == ["export", "vip"] and card["grade"] == "A"
    assert sqlite_cli.ok("forgotten", "--days", "1", "--json").json() == []
    assert sqlite_cli("forgotten", "--days", "0").exit_code == 2


def test_no_pydantic_is_imported_by_a_command(sqlite_cli) -> None:  # noqa: ANN001
    sqlite_cli.ok("customer", "add", "Acme")  # the store exists: no migration (they use SQLModel) in the probe
    probe = (
        "import sys\n"
        "sys.argv = ['salescli', 'customer', 'list', '--limit', '3', '--search', 'x']\n"
        "from salescli.cli import app\n"
        "try:\n"
        "    app()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pydantic' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "False", proc.stdout + proc.stderr
    assert "Acme" not in proc.stdout  # the search for 'x' ran
