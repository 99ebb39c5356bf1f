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


def test_a_refused_number_names_the_option_and_its_range(sqlite_cli) -> None:  # noqa: ANN001
    for value in ("abc", "0", "-3", "1e3", "2.5", "99999999999999999999", "1000001"):
        run = sqlite_cli("customer", "list", "--limit", value)
        assert run.exit_code == 2, value
        lines = run.stderr.splitlines()
        assert lines[0] == "Error: --limit must be a whole number from 1 to 1000000.", run.stderr
        assert lines[1:] == ["Try 'salescli customer list --help' for help."]
    assert sqlite_cli.ok("customer", "list", "--limit", " 2 ").exit_code == 0
    assert sqlite_cli.ok("customer", "list", "--limit", "1000000").exit_code == 0


def _numeric_parameters():  # noqa: ANN202 - (command words, Click parameter) for every whole number
    from typer.main import get_command

    from salescli.cli import app

    def walk(command, path):  # noqa: ANN001, ANN202
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from walk(sub, [*path, name])
            return
        for param in command.params:
            if param.type_descriptor.annotation is int or "int" in str(param.type_descriptor.annotation):
                yield path, param

    return list(walk(get_command(app), []))


def test_every_numeric_parameter_has_a_range_that_fits_a_store() -> None:
    from salescli.terminal.typer_params import STORE_MAX, STORE_MIN

    found = _numeric_parameters()
    assert {tuple(path) for path, _param in found} >= {("customer", "list"), ("forgotten",), ("done",)}
    for path, param in found:
        runtime = param.get_runtime_param()
        assert runtime.bounds is not None, (path, param.name)
        low, high = runtime.bounds
        assert STORE_MIN <= low <= high <= STORE_MAX, (path, param.name)
        if param.param_type_name == "option":
            assert high < 10**7, (path, param.name, "an option deserves a range a person can read")


def test_a_huge_number_never_reaches_the_store(sqlite_cli) -> None:  # noqa: ANN001
    sqlite_cli.ok("customer", "add", "Acme")
    for path, param in _numeric_parameters():
        name = max(param.opts, key=len) if param.param_type_name == "option" else None
        for huge in ("99999999999999999999", str(2**63), "-" + str(2**63 + 1)):
            args = [*path, name, huge] if name else [*path, "--", huge]
            run = sqlite_cli(*args)
            assert run.exit_code == 2, (args, run.stderr)
            assert "must be a whole number from" in run.stderr and "Unexpected" not in run.stderr, run.stderr


def test_chinese_mode_keeps_typer_messages_translated(sqlite_cli) -> None:  # noqa: ANN001
    run = sqlite_cli("--lang", "zh_CN", "customer", "list", "--bogus")
    assert run.exit_code == 2 and "没有这个选项" in run.stderr
    run = sqlite_cli("--lang", "zh_CN", "customer", "list", "--limit", "0")
    assert run.exit_code == 2 and "--limit" in run.stderr and "1000000" in run.stderr


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
