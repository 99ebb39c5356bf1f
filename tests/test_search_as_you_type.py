"""The dashboard's search, one call per keystroke (services/search.py, docs/search.md "As
you type"): what matches, in which order, and the near names that fill the list. On
SQLite and PostgreSQL."""

from __future__ import annotations


def search(text: str, **kwargs):  # noqa: ANN003, ANN201
    from salescli.services.context import open_context
    from salescli.services.search import search_customers

    ctx = open_context()
    try:
        return search_customers(ctx, text, **kwargs)
    finally:
        ctx.close()


def names(text: str, **kwargs) -> list[str]:  # noqa: ANN003
    return [h.name for h in search(text, **kwargs)]


def test_best_first_exact_then_start_then_pinyin_then_inside_then_elsewhere(cli) -> None:
    cli.ok("customer", "add", "北京宏达科技有限公司", "--city", "北京")
    cli.ok("customer", "add", "宏达贸易")  # starts with 宏达
    cli.ok("customer", "add", "宏达有限公司")  # its name key is exactly 宏达
    cli.ok("customer", "add", "Acme", "--note", "宏达贸 referred us")  # only in the notes
    cli.ok("customer", "add", "宏大物流")  # sounds the same: pinyin hongda
    assert [(h.name, h.match) for h in search("宏达")] == [
        ("宏达有限公司", "exact"), ("宏达贸易", "starts"), ("北京宏达科技有限公司", "name")]
    assert [(h.name, h.match) for h in search("宏达贸")] == [("宏达贸易", "starts"), ("Acme", "other")]
    assert names("hongda") == ["宏大物流", "宏达有限公司", "宏达贸易", "北京宏达科技有限公司"]


def test_one_or_two_characters_match_names_and_pinyin_only(cli) -> None:
    cli.ok("customer", "add", "Hongxing Foods", "--city", "Harbin")
    cli.ok("customer", "add", "Acme", "--city", "Hangzhou")
    cli.ok("contact", "add", "Acme", "Hu Lin")
    assert names("h") == ["Hongxing Foods"]  # not Acme for its city or its contact
    assert names("ha") == []
    assert names("Hangzhou") == ["Acme"]  # from three characters on, the city counts
    assert names("Hu Lin") == ["Acme"]


def test_own_customers_first_then_others_and_the_pool(cli) -> None:
    cli.ok("user", "add", "bob")
    cli.ok("customer", "add", "Acme Beta", env={"SALESCLI_USER": "bob"})
    cli.ok("customer", "add", "Acme Gamma")
    cli.ok("customer", "add", "Acme Alpha", env={"SALESCLI_USER": "bob"})
    cli.ok("pool", "release", "Acme Alpha", "--reason", "No budget", env={"SALESCLI_USER": "bob"})
    hits = search("acme")
    assert [(h.name, h.owner) for h in hits] == [("Acme Gamma", "alice"), ("Acme Alpha", None),
                                                 ("Acme Beta", "bob")]


def test_near_names_fill_the_list_and_archived_customers_are_left_out(cli) -> None:
    cli.ok("customer", "add", "北京宏达科技有限公司")
    cli.ok("customer", "add", "Globex Trading")
    cli.ok("customer", "add", "Globex Trade Old")
    cli.ok("customer", "archive", "Globex Trade Old")
    hits = search("北京宏大科技")  # one character off, and the same sound
    assert [(h.name, h.match) for h in hits] == [("北京宏达科技有限公司", "near")]
    assert names("Globex") == ["Globex Trading"]
    assert names("Globexx Trading") == ["Globex Trading"]  # a typo: near
    assert search("   ") == []


def test_the_limit_holds(cli) -> None:
    for n in range(6):
        cli.ok("customer", "add", f"Acme {n}")
    assert names("acme", limit=4) == ["Acme 0", "Acme 1", "Acme 2", "Acme 3"]
