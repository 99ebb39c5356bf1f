"""Near-duplicate names (docs/identity-and-dedupe.md "Near matches"): `customer add` and
`customer edit` warn about a one-character typo or a homophone without reading every
name, and short English names do not flood the warning; `customer duplicates` finds the
same pairs by blocking, as a comparison of every pair would.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.domain import dedupe
from salescli.domain.pinyin import pinyin_keys

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def _insert_names(names: list[str]) -> None:
    """Live customers with the keys the services would compute, a few hundred per statement."""
    from salescli.services.context import open_context

    with open_context().session(write=True) as s:
        for start in range(0, len(names), 400):
            chunk = names[start:start + 400]
            values, params = [], {"at": NOW, "no": False}
            for n, name in enumerate(chunk):
                key = dedupe.name_key(name)
                params |= {f"n{n}": name, f"k{n}": key, f"r{n}": key[::-1], f"p{n}": pinyin_keys(name)[0]}
                values.append(f"(:n{n}, :k{n}, :r{n}, :p{n}, 'B', :at, :no)")
            s.execute("INSERT INTO customers (name, name_key, name_key_rev, name_pinyin, grade, created_at, archived)"
                      " VALUES " + ", ".join(values), params)


def _candidates(name: str) -> list:
    from salescli.services.context import open_context
    from salescli.services.duplicates import _candidates as read

    key = dedupe.name_key(name)
    with open_context().session() as s:
        return read(s, key, pinyin_keys(name)[0])


def _similar(run) -> list[tuple[str, str]]:  # noqa: ANN001 - a conftest.Run
    return [(s["name"], s["reason"]) for s in run.json()["similar"]]


def test_add_warns_about_a_chinese_typo_and_a_homophone(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "北京宏达科技有限公司")
    run = cli.ok("customer", "add", "北京宏大科技", "--json")  # one character changed
    assert _similar(run) == [("北京宏达科技有限公司", "sounds_same")]  # 宏大 and 宏达 both read hongda
    assert "#1 北京宏达科技有限公司 (sounds the same, 83%)" in run.stderr
    run = cli.ok("customer", "add", "上海华东机械")
    assert run.stderr == ""
    run = cli.ok("customer", "add", "上海华东机电", "--json")  # 电 for 械: one character, another reading
    assert _similar(run) == [("上海华东机械", "one_character")]
    assert "(one character differs, 83%)" in run.stderr
    run = cli.ok("customer", "add", "上海华东机", "--json")  # one dropped
    assert {name for name, _ in _similar(run)} == {"上海华东机械", "上海华东机电"}


def test_short_english_names_do_not_flood(cli) -> None:  # noqa: ANN001
    for name in ("Acme", "Acne", "Acre", "IBM", "Sony", "Bolt"):
        assert cli.ok("customer", "add", name).stderr == ""
    assert _similar(cli.ok("customer", "add", "Acma", "--json")) == []
    assert _similar(cli.ok("customer", "add", "Boat", "--json")) == []
    cli.ok("customer", "add", "Globex Industries")
    run = cli.ok("customer", "add", "Globex Indstrie", "--json")  # two typos in a long name
    assert _similar(run) == [("Globex Industries", "two_characters")]
    assert _similar(cli.ok("customer", "add", "Globe Indstrie", "--json")) == [("Globex Indstrie", "one_character")]


def test_edit_of_a_name_warns_about_near_ones(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "Acme Tools")
    cli.ok("customer", "add", "Globex")
    run = cli.ok("customer", "edit", "Globex", "--name", "Acme Toolz")
    assert "Updated customer #2 Acme Toolz." in run.stdout
    assert run.stderr.strip() == ("Note: The new name of customer #2 Acme Toolz is close to: #1 Acme Tools (one"
                                  " character differs, 89%). Check before going on.")
    assert cli.ok("customer", "edit", "Acme Toolz", "--city", "Shanghai").stderr == ""  # the name did not change


def test_the_check_reads_a_few_candidates_not_every_name(cli) -> None:  # noqa: ANN001
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    names = ["".join(rng.choice(letters) for _ in range(rng.randint(6, 14))) for _ in range(3000)]
    names += ["acme" + "".join(rng.choice(letters) for _ in range(5)) for _ in range(700)]  # one busy prefix
    names += ["北京宏达科技", "北京鸿达科技"]
    _insert_names(names)
    read = _candidates("Wonderful Widgets")
    assert len(read) < 20
    found = _candidates(names[10][:3] + "x" + names[10][4:])  # one letter changed in a stored name
    assert names[10] in [c.name for c in found] and len(found) < 20
    assert {c.name for c in _candidates("北京宏大科技")} >= {"北京宏达科技", "北京鸿达科技"}
    # A prefix shared by 700 names is read up to the probe's limit, not further.
    from salescli.store.queries.near_names import PROBE_LIMIT

    assert PROBE_LIMIT <= len(_candidates("acmexyzzy")) <= PROBE_LIMIT + 20
    from salescli.services.context import open_context
    from salescli.store.queries.near_names import explain_probe

    with open_context().session() as s:
        if cli.backend.startswith("postgresql"):
            # A table this small is cheaper to scan; what matters is that the index can serve
            # the range, in the "C" collation whatever the database's own.
            s.execute("SET LOCAL enable_seqscan = off")
            plan = " ".join(explain_probe(s, prefix="acme", prefix_end="acmf"))
            assert "ix_customers_name_key_c" in plan, plan
            return
        plan = " ".join(explain_probe(s, prefix="acme", prefix_end="acmf"))
    assert "USING INDEX ix_customers_name_key" in plan and "name_key>?" in plan.replace(" ", ""), plan


keys = st.text(alphabet="abc宏达", min_size=1, max_size=9)


@settings(max_examples=150, deadline=None)
@given(st.lists(keys, max_size=40))
def test_blocked_pairs_are_every_near_pair(names: list[str]) -> None:
    """Below ten characters a near pair is at most one edit apart, and the blocking in
    `customer duplicates` then finds exactly what comparing every pair finds."""
    from salescli.services.duplicates import near_pairs

    rows = [(i, key, None) for i, key in enumerate(names, start=1)]
    brute = {(a, b) for (a, ka, _), (b, kb, _) in combinations(rows, 2) if dedupe.near_duplicate(ka, kb)}
    assert {(a, b) for a, b, _ in near_pairs(rows)} == brute


@pytest.mark.parametrize("count", [2000])
def test_blocked_pairs_on_many_names(count: int) -> None:
    from salescli.services.duplicates import near_pairs

    rng = random.Random(3)
    names = ["".join(rng.choice("abcdef") for _ in range(rng.randint(5, 9))) for _ in range(count)]
    rows = [(i, key, None) for i, key in enumerate(names, start=1)]
    brute = {(a, b) for (a, ka, _), (b, kb, _) in combinations(rows, 2) if dedupe.near_duplicate(ka, kb)}
    assert brute and {(a, b) for a, b, _ in near_pairs(rows)} == brute
