"""Pinyin search: `hongda` and `hd` find 宏达 in listings, references and Tab completion."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.domain.dedupe import EMAIL_KEY_WIDTH, NAME_KEY_WIDTH, email_key, name_key
from salescli.domain.pinyin import INITIALS_WIDTH, PINYIN_WIDTH, is_han, pinyin_keys, query_key

# --------------------------------------------------------------------------- domain keys


@pytest.mark.parametrize(("name", "full", "initials"), [
    ("宏达", "hongda", "hd"),
    ("北京宏达科技有限公司", "beijinghongdakeji", "bjhdkj"),  # the legal suffix is stripped, 科技 stays
    ("重庆宏达", "chongqinghongda", "cqhd"),  # a phrase's reading, not 重's default (zhong)
    ("招商银行股份有限公司", "zhaoshangyinhang", "zsyh"),
    ("厦门绿地", "xiamenlvdi", "xmld"),  # ü is typed v
    ("ACME 宏达", "acmehongda", "acmehd"),  # ASCII runs are kept whole in both keys
    ("宏达（上海）3号店", "hongdashanghai3haodian", "hdsh3hd"),
    ("Café·宏达!", "cafehongda", "cafehd"),
    ("ＨＤ宏达", "hdhongda", "hdhd"),  # full-width letters are letters
])
def test_keys_of_names(name: str, full: str, initials: str) -> None:
    assert pinyin_keys(name) == (full, initials)


@pytest.mark.parametrize("name", ["Acme Trading Co., Ltd.", "", "!!!", "ﷺ" * 20, "カタカナ"])
def test_a_name_without_chinese_has_no_pinyin_keys(name: str) -> None:
    assert pinyin_keys(name) == (None, None)


def test_keys_follow_pypinyin() -> None:
    """The kept table gives pypinyin's default readings (the data is built from it)."""
    from pypinyin import lazy_pinyin

    rng = random.Random(7)
    chars = [chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(3000)]
    for char in chars:
        expected = lazy_pinyin(char)[0]
        if expected.isascii() and expected.isalpha():
            assert pinyin_keys(char)[0] == expected, char
    for phrase in ["重庆", "银行", "长沙", "厦门", "朝阳", "六安", "蚌埠", "乐清", "单县", "行业"]:
        assert pinyin_keys(phrase)[0] == "".join(lazy_pinyin(phrase)), phrase


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=250))
def test_keys_are_ascii_lowercase_alnum_within_their_columns(name: str) -> None:
    full, initials = pinyin_keys(name)
    assert (full is None) == (initials is None)
    if full is not None:
        assert full.isascii() and full.isalnum() and full == full.lower() and len(full) <= PINYIN_WIDTH
        assert initials.isascii() and initials.isalnum() and initials == initials.lower()
        assert len(initials) <= INITIALS_WIDTH
    assert len(name_key(name)) <= NAME_KEY_WIDTH
    assert len(email_key(name) or "") <= EMAIL_KEY_WIDTH


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(is_han), min_size=1,
               max_size=200))
def test_every_chinese_name_has_keys_and_one_initial_per_character(name: str) -> None:
    full, initials = pinyin_keys(name)
    assert full and initials
    stripped = name_key(name)
    assert len(initials) == min(len(stripped), INITIALS_WIDTH)


@pytest.mark.parametrize(("typed", "key"), [
    ("hongda", "hongda"), ("HD", "hd"), ("hong da", "hongda"), ("xi'an", "xian"), ("a1", "a1"),
    ("宏达", None), ("h", None), ("12", None), ("hd%", None), ("", None), (None, None),
])
def test_query_key(typed: str | None, key: str | None) -> None:
    assert query_key(typed) == key


# --------------------------------------------------------------------------- the CLI, both engines


def _names(cli, *args: str) -> list[str]:  # noqa: ANN001
    out = cli.ok("customer", "list", "--json", *args).stdout
    rows = json.loads(out) if out.lstrip().startswith("[") else [json.loads(line) for line in out.splitlines()]
    return [row["name"] for row in rows]


@pytest.fixture
def companies(cli):  # noqa: ANN001, ANN201
    for name in ["北京宏达科技有限公司", "上海华东电子有限公司", "Acme Trading"]:
        cli.ok("customer", "add", name)
    return cli


@pytest.mark.parametrize("scope", [[], ["--all"]])
def test_list_search_by_pinyin_and_initials(companies, scope: list[str]) -> None:  # noqa: ANN001
    assert _names(companies, "--search", "hongda", *scope) == ["北京宏达科技有限公司"]
    assert _names(companies, "--search", "HongDa", *scope) == ["北京宏达科技有限公司"]
    assert _names(companies, "--search", "bjhd", *scope) == ["北京宏达科技有限公司"]
    assert sorted(_names(companies, "--search", "hd", *scope)) == ["上海华东电子有限公司", "北京宏达科技有限公司"]
    assert _names(companies, "--search", "acme", *scope) == ["Acme Trading"]
    assert _names(companies, "--search", "gongsi", *scope) == []  # the legal suffix is not searched


def test_log_resolves_by_pinyin_or_reports_the_candidates(companies) -> None:  # noqa: ANN001
    run = companies.ok("log", "hongda", "call about the quote")
    assert "北京宏达科技有限公司" in run.stdout
    ambiguous = companies("log", "hd", "call")
    assert ambiguous.exit_code == 2
    assert "北京宏达科技有限公司" in ambiguous.stderr and "上海华东电子有限公司" in ambiguous.stderr
    assert "Traceback" not in ambiguous.stderr
    assert "上海华东电子有限公司" in companies.ok("customer", "show", "shhd").stdout
    missing = companies("log", "zzzz", "call")
    assert missing.exit_code != 0 and "Traceback" not in missing.stderr


def test_an_exact_pinyin_key_wins_over_a_longer_one(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "宏达")
    cli.ok("customer", "add", "北京宏达科技")
    assert "#1" in cli.ok("log", "hongda", "call").stdout


def test_edit_renaming_updates_the_keys(cli) -> None:  # noqa: ANN001
    cli.ok("customer", "add", "Old Name")
    assert _names(cli, "--search", "hongda") == []
    cli.ok("customer", "edit", "Old Name", "--name", "宏达贸易")
    assert _names(cli, "--search", "hdmy") == ["宏达贸易"]
    assert _names(cli, "--all", "--search", "hongdamaoyi") == ["宏达贸易"]  # the trigram path (3+ letters)
    cli.ok("customer", "edit", "宏达贸易", "--name", "Acme")
    assert _names(cli, "--all", "--search", "hongda") == []
    assert _names(cli, "--all", "--search", "hd") == []


def test_a_name_whose_key_expands_is_stored(cli) -> None:  # noqa: ANN001
    # NFKC makes "ﷺ" 18 characters: the key is cut to its column, not refused by PostgreSQL.
    cli.ok("customer", "add", "ﷺ" * 20)
    cli.ok("customer", "add", "Ｘ" * 10 + "ﷺ" * 11)


def test_completion_offers_names_for_pinyin(sqlite_cli) -> None:  # noqa: ANN001
    from salescli.services.completion import customers

    for name in ["北京宏达科技有限公司", "上海华东电子有限公司", "Hdtech"]:
        sqlite_cli.ok("customer", "add", name)
    assert customers("北京") == ["北京宏达科技有限公司"]
    assert customers("hongda") == ["北京宏达科技有限公司"]
    assert customers("Hd") == ["Hdtech", "上海华东电子有限公司", "北京宏达科技有限公司"]  # names first


def test_completion_on_a_store_without_pinyin_keys_offers_names(sqlite_cli) -> None:  # noqa: ANN001
    import sqlite3

    from salescli.store.completion import customer_names

    sqlite_cli.ok("customer", "add", "宏达")
    path = Path(os.environ["SALESCLI_DB"])
    conn = sqlite3.connect(path)
    for trigger in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER customer_pinyin_search_{trigger}")
    conn.execute("DROP INDEX ix_customers_name_pinyin")
    conn.execute("ALTER TABLE customers DROP COLUMN name_pinyin")
    conn.commit()
    conn.close()
    assert customer_names(path, "宏", "root") == ["宏达"]
    assert customer_names(path, "hd", "root") == []
