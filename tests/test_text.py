"""Hostile and oversized text (docs/text.md), on SQLite and PostgreSQL.

What a rep types into a text field may not carry control characters, direction
controls or invisible characters, nor be longer than its field allows: one sentence
naming the field and the character, exit 2, nothing written. And whatever the store
holds, however it got there, is drawn escaped: it can never drive the terminal.
Narrow output: values that must stay whole (ids, phones, dates) are never split, and
every line fits the width when it can.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from checks import one_line_error

ESC = "\x1b"
# Anything that would reach a terminal as a control: C0 but newline, DEL, C1, the
# bidirectional controls and the line separators.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]")


@pytest.fixture
def shop(cli):
    cli.ok("customer", "add", "Acme", "--contact", "Li Wei", "--phone", "13900000002")
    cli.ok("log", "Acme", "first call", "--next", "fri")
    return cli


def snapshot(cli) -> tuple[str, ...]:
    return (
        cli.ok("customer", "list", "--all", "--json").stdout,
        cli.ok("contact", "list", "--json").stdout,
        cli.ok("customer", "show", "1", "--json").stdout,
        cli.ok("tasks", "--json").stdout,
        cli.ok("user", "list", "--json").stdout,
    )


# (args, the field as the sentence names it, the character or limit it names)
BAD = [
    (("customer", "add", f"Evil{ESC}[31mRed\x07Co"), "customer name", "U+001B"),
    (("customer", "add", "Two\nLines"), "customer name", "line break (U+000A)"),
    (("customer", "add", "Two\rLines"), "customer name", "U+000D"),
    (("customer", "add", "A\u202eB"), "customer name", "text-direction control (U+202E)"),
    (("customer", "add", "A\u2066B"), "customer name", "U+2066"),
    (("customer", "add", "A\u200fB"), "customer name", "U+200F"),
    (("customer", "add", "Ac\u200bme"), "customer name", "invisible character (U+200B)"),
    (("customer", "add", "Ac\ufeffme"), "customer name", "U+FEFF"),
    (("customer", "add", "Ac\u00adme"), "customer name", "U+00AD"),
    (("customer", "add", "A\x7fB"), "customer name", "U+007F"),
    (("customer", "add", "A\x9b31mB"), "customer name", "control character (U+009B)"),
    (("customer", "add", "A\u2028B"), "customer name", "U+2028"),
    (("customer", "add", "A\x00B"), "customer name", "U+0000"),
    (("customer", "add", "x" * 201), "customer name", "201 characters long; at most 200"),
    (("customer", "add", "Bad\udcff"), "customer name", "bytes that are not text (U+DCFF)"),  # not UTF-8
    (("customer", "add", "Initech", "--city", "Ber\tlin"), "city", "U+0009"),
    (("customer", "add", "Initech", "--industry", f"{ESC}]0;pwned\x07"), "industry", "U+001B"),
    (("customer", "add", "Initech", "--address", "x" * 301), "address", "at most 300"),
    (("customer", "add", "Initech", "--source", "fair\u202e"), "source", "U+202E"),
    (("customer", "add", "Initech", "--note", f"red {ESC}[31m"), "notes", "U+001B"),
    (("customer", "add", "Initech", "--note", "x\u202ey"), "notes", "U+202E"),
    (("customer", "add", "Initech", "--note", "x" * 10_001), "notes", "at most 10000"),
    (("customer", "add", "Initech", "--tag", f"v{ESC}ip"), "tag", "U+001B"),
    (("customer", "add", "Initech", "--tag", "t" * 65), "tag", "at most 64"),
    (("customer", "add", "Initech", "--phone", f"139{ESC}00000003"), "phone number", "U+001B"),
    (("customer", "add", "Initech", "--email", f"a{ESC}@b.example.com"), "email address", "U+001B"),
    (("customer", "add", "Initech", "--contact", f"Wang{ESC}[2J"), "contact name", "U+001B"),
    (("customer", "edit", "1", "--name", "Ac\u202eme"), "customer name", "U+202E"),
    (("customer", "edit", "1", "--city", "\x1b"), "city", "U+001B"),
    (("customer", "edit", "1", "--note", "\x08\x08"), "notes", "U+0008"),
    (("customer", "list", "--search", f"a{ESC}"), "search text", "U+001B"),
    (("customer", "list", "--city", "a\nb"), "city", "U+000A"),
    (("contact", "add", "1", f"Zhang{ESC}"), "contact name", "U+001B"),
    (("contact", "add", "1", "z" * 201), "contact name", "at most 200"),
    (("contact", "add", "1", "Zhang", "--title", "C\u202eTO"), "job title", "U+202E"),
    (("contact", "add", "1", "Zhang", "--wechat", "wx\x07"), "WeChat ID", "U+0007"),
    (("contact", "edit", "1", "--name", "Li\nWei"), "contact name", "U+000A"),
    (("log", "1", f"called {ESC}[8m"), "summary", "U+001B"),
    (("log", "1", "s" * 10_001), "summary", "at most 10000"),
    (("log", "1", "visit", "--location", "Werk\u20662"), "location", "U+2066"),
    (("log", "1", "call", "--next", "fri", "--next-action", "send\nquote"), "next action", "U+000A"),
    (("log", "1", "call", "--next", "fri", "--next-action", "q" * 501), "next action", "at most 500"),
    (("done", "1", "--note", f"ok{ESC}[0m"), "note", "U+001B"),
    (("user", "add", "bob", "--name", f"Bob{ESC}[5m"), "user's name", "U+001B"),
    (("user", "add", "bob", "--name", "b" * 201), "user's name", "at most 200"),
]


def test_hostile_or_oversized_text_is_refused_with_the_field_named(shop) -> None:
    before = snapshot(shop)
    for args, field, fragment in BAD:
        run = shop(*args)
        one_line_error(run, 2, f"The {field} ", fragment)
        assert not UNSAFE.search(run.stderr.replace("\n", "")), (args, run.stderr)
        assert run.stdout == "", (args, run.stdout)
    assert snapshot(shop) == before


def test_clean_text_at_its_limits_is_kept_exactly(shop) -> None:
    notes = "line one\n\tindented line two\n" + "n" * 9_000
    name = "N" * 200
    added = shop.ok("customer", "add", name, "--note", notes + "\r\n", "--json").json()
    assert added["name"] == name
    card = shop.ok("customer", "show", str(added["id"]), "--json").json()
    assert card["notes"] == notes  # lines and tabs kept; the trailing line end trimmed
    # Joiners stay in free text (an emoji family), a trailing newline of a pasted name goes.
    family = "team \U0001f468\u200d\U0001f469\u200d\U0001f467 ok"
    shop.ok("log", "Acme", family)
    assert shop.ok("customer", "show", "1", "--json").json()["timeline"][0]["summary"] == family
    assert shop.ok("customer", "add", "Globex\n", "--json").json()["name"] == "Globex"


def _write_directly(cli, sql: str, *params: object) -> None:
    """A value written past salescli's checks: an old store, a script, an import."""
    if cli.backend.startswith("postgresql"):
        import psycopg

        with psycopg.connect(cli.backend.replace("postgresql+psycopg://", "postgresql://")) as conn:
            conn.execute(sql.replace("?", "%s"), params)
    else:
        import sqlite3

        with sqlite3.connect(cli.backend) as conn:
            conn.execute(sql, params)


HOSTILE = f"Evil{ESC}[31mRed\x07[bold]Co\u202e\x9b2J\nX"


def test_stored_hostile_text_is_drawn_escaped_everywhere(shop) -> None:
    shop.ok("log", "1", "overdue one", "--at", "-3d", "--next", "-1d", "--keep-open")
    _write_directly(shop, "UPDATE customers SET name = ?, city = ?, notes = ? WHERE id = 1",
                    HOSTILE, "[red]Berlin[/red]", f"note {ESC}]0;title\x07")
    _write_directly(shop, "UPDATE follow_ups SET next_action = ?, summary = ?", f"act{ESC}[2J", "sum\x08")
    _write_directly(shop, "UPDATE contacts SET name = ?", f"Li{ESC}[5m")
    outputs = {
        args: shop.ok(*args).stdout
        for args in [("customer", "list"), ("customer", "list", "--all"), ("customer", "show", "1"), ("tasks",),
                     ("agenda",), ("contact", "list")]
    }
    for args, out in outputs.items():
        assert not UNSAFE.search(out.replace("\n", "")), (args, out)
    listing, card = outputs[("customer", "list")], outputs[("customer", "show", "1")]
    assert "Evil\\x1b[31mRed\\x07[bold]Co\\u202e\\x9b2J" in listing  # markup printed as it is
    assert "Evil\\x1b[31mRed\\x07[bold]Co\\u202e\\x9b2J\\nX" in card  # the title: one line
    assert "[red]Berlin[/red]" in card and "note \\x1b]0;title\\x07" in card
    assert "act\\x1b[2J" in outputs[("tasks",)] and "act\\x1b[2J" in outputs[("agenda",)]
    assert "Li\\x1b[5m" in outputs[("contact", "list")]
    # Error sentences quote the stored name escaped too.
    run = shop("log", "1", "x", "--contact", "nobody")
    assert run.exit_code == 2 and not UNSAFE.search(run.stderr.replace("\n", "")), run.stderr
    # JSON stays exact, with everything a terminal would obey written as a \\u escape.
    for args in [("customer", "show", "1", "--json"), ("customer", "list", "--json"), ("tasks", "--json")]:
        data = shop.ok(*args)
        assert not UNSAFE.search(data.stdout.replace("\n", "")), (args, data.stdout)
    assert shop.ok("customer", "show", "1", "--json").json()["name"] == HOSTILE
    assert shop.ok("customer", "list", "--json").json()[0]["name"] == HOSTILE


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=4), st.integers(min_value=10, max_value=120))
def test_no_drawn_line_holds_a_control_character(texts, width) -> None:
    import contextlib
    import io
    import os
    from unittest import mock

    from salescli.terminal import render

    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, {"COLUMNS": str(width)}), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        render.table([("Name", {}), ("Notes", {"multiline": True}), ("ID", {"whole": True})],
                     [[text, text, "#1"] for text in texts], title=texts[0])
        render.message(texts[0])
        render.warn(texts[-1])
    for line in (out.getvalue() + err.getvalue()).split("\n"):
        assert not UNSAFE.search(line), repr(line)


@given(st.text())
def test_visible_text_is_safe_and_printable_text_unchanged(text) -> None:
    from salescli.domain.text import visible

    shown = visible(text, newlines=False)
    assert not UNSAFE.search(shown) and "\n" not in shown
    assert not any(unicodedata.category(c) == "Cs" for c in shown)
    if text.isprintable():
        assert shown == text


# --- narrow output ---------------------------------------------------------------------------

PHONES = ["+86 139 0002 2222", "13900022222"]


@pytest.fixture
def crowded(cli):
    cli.ok("customer", "add", "Shanghai Very Long Name International Trading Company Limited",
           "--phone", PHONES[0], "--city", "上海", "--industry", "Manufacturing", "--tag", "vip")
    cli.ok("customer", "add", "北京宏达科技发展有限公司北京宏达科技发展有限公司", "--phone", PHONES[1],
           "--contact", "Zhang Wei", "--force")
    cli.ok("contact", "add", "2", "Li Xiaolong the Second of Many Names", "--phone", PHONES[0], "--title",
           "General Manager of Sales", "--email", "verylongemailaddress@example-company.com.cn")
    cli.ok("log", "1", "Called about the big order", "--next", "fri", "--next-action",
           "Send the detailed quotation with discounts for volume, and call back about the terms")
    cli.ok("log", "2", "Visit", "--at", "-3d", "--next", "-1d", "--next-action", "Bring samples")
    return cli


@pytest.mark.parametrize("width", [40, 80, 200])
def test_whole_values_are_never_split_and_lines_fit(crowded, width) -> None:
    from salescli.present.formatting import format_short_day

    days = [format_short_day(date.fromisoformat(t["due_on"])) for t in crowded.ok("tasks", "--json").json()]
    env = {"COLUMNS": str(width)}
    for args, whole in [
        (("customer", "list"), ["1", "2"]),
        (("tasks",), days),
        (("agenda",), []),
        (("contact", "list"), PHONES),
    ]:
        out = crowded.ok(*args, env=env).stdout
        lines = out.splitlines()
        assert all(cell_len(line) <= width for line in lines), (width, args, out)
        for value in whole:
            assert any(value in line for line in lines), (width, args, value, out)
    # The customer's phone in the list of contacts, and the task's phone-free columns.
    out = crowded.ok("contact", "list", env=env).stdout
    assert sum(line.count(PHONES[0]) for line in out.splitlines()) == 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 60), st.integers(1, 30), st.booleans(), st.one_of(st.none(),
                                                                                             st.integers(1, 5))),
                min_size=1, max_size=8),
       st.integers(min_value=20, max_value=200))
def test_layout_keeps_whole_columns_and_fits_when_it_can(columns, width) -> None:
    from salescli.terminal.render import SEPARATOR, Measure, layout

    measures = [
        Measure(natural, natural if whole else min(natural, max(floor, 6)), natural if whole else min(natural, 6),
                whole, drop)
        for natural, floor, whole, drop in columns
    ]
    widths = layout(measures, width)
    for index, size in widths.items():
        if measures[index].whole:
            assert size == measures[index].natural
        assert size >= measures[index].least
    fixed = [i for i, m in enumerate(measures) if m.drop is None]
    least = sum(measures[i].least for i in fixed) + SEPARATOR * (len(fixed) - 1)
    total = sum(widths.values()) + SEPARATOR * (len(widths) - 1)
    if least <= width:
        assert total <= width, (measures, widths)
    assert all(i in widths for i in fixed)  # only droppable columns are left out
