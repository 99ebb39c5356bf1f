"""Dedupe keys and fuzzy matching (docs/identity-and-dedupe.md), as plain functions."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.domain.dedupe import email_key, looks_like_email, looks_like_phone, name_key, phone_key, similar_names

# The legal suffixes the product promises to strip; the implementation may strip more, never fewer.
CJK_SUFFIXES = ["有限公司", "有限责任公司", "股份有限公司", "公司", "集团"]
LATIN_SUFFIXES = ["Co., Ltd.", "Co.,Ltd.", "CO., LTD.", "Co. Ltd", "Inc.", "Inc", "LLC", "GmbH", "Company Limited"]
# Words a generated base name must not start with: a name made of suffixes alone keeps them.
SUFFIX_WORDS = {
    "co", "ltd", "limited", "company", "inc", "incorporated", "llc", "gmbh", "corp", "corporation", "plc", "ag",
    "sa", "srl", "bv", "pte", "pty", "group", "holdings",
}
# CJK characters that occur in suffixes: a base built without them cannot fuse with a suffix ("分" + "公司").
SUFFIX_CHARS = set("".join(["有限责任公司", "股份有限公司", "分公司", "总公司", "集团", "工作室", "商行", "厂"]))

settings.register_profile("salescli", max_examples=200, deadline=None)
settings.load_profile("salescli")

latin_word = st.text(alphabet=string.ascii_letters, min_size=3, max_size=10).filter(
    lambda w: w.lower() not in SUFFIX_WORDS
)
cjk_word = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(lambda c: c not in SUFFIX_CHARS),
    min_size=2, max_size=8,
)
latin_name = st.lists(latin_word, min_size=1, max_size=4).map(" ".join)
separators = st.sampled_from([" ", "  ", "\t", "\u3000", ", ", " - ", "-", "/", "·", ". ", " & ", "_", "'"])


def fullwidth(text: str) -> str:
    """The full-width forms a Chinese input method produces: ＡＣＭＥ　Ｔｏｏｌｓ."""
    return "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# --- name_key --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("华为技术有限公司", "华为技术"),
        ("华为技术股份有限公司", "华为技术"),
        ("华为技术有限责任公司", "华为技术"),
        ("华为集团", "华为"),
        ("华为技术公司", "华为技术"),
        ("Huawei Technologies Co., Ltd.", "huawei technologies"),
        ("HUAWEI   Technologies,Inc.", "Huawei Technologies"),
        ("Acme LLC", "acme"),
        ("Acme GmbH", "ACME"),
        ("Ａｃｍｅ　Ｔｏｏｌｓ", "Acme Tools"),
        ("Acme-Tools", "acme tools"),
        ("华为 Co., Ltd.", "华为有限公司"),
    ],
)
def test_name_key_equal_for_the_same_company(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("华为技术", "华为软件"), ("Acme Tools", "Acme Foods"), ("Acme", "Acne"), ("北京东方", "上海东方")],
)
def test_name_key_differs_for_different_companies(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize("name", [*CJK_SUFFIXES, *LATIN_SUFFIXES, "Inc. LLC", "集团有限公司"])
def test_a_name_that_is_only_a_suffix_keeps_a_key(name: str) -> None:
    key = name_key(name)
    assert key, name
    # It is not cut down to a shorter word either ("有限公司" must not become "有限").
    assert key == "".join(ch for ch in name.casefold() if ch.isalnum())


def test_name_key_of_nothing_is_empty() -> None:
    assert name_key("") == ""
    assert name_key("  ,. ") == ""


@given(st.text())
def test_name_key_is_a_fixed_point_without_spaces_or_punctuation(name: str) -> None:
    key = name_key(name)
    assert name_key(key) == key
    assert all(ch.isalnum() for ch in key)


@given(latin_name)
def test_name_key_ignores_case_and_width(name: str) -> None:
    assert name_key(name.upper()) == name_key(name.lower()) == name_key(name.swapcase())
    assert name_key(fullwidth(name)) == name_key(name)


@given(st.lists(st.one_of(latin_word, cjk_word), min_size=1, max_size=4), st.data())
def test_name_key_ignores_whitespace_and_punctuation_between_words(words: list[str], data: st.DataObject) -> None:
    plain = " ".join(words)
    seps = [data.draw(separators) for _ in range(len(words) + 1)]
    decorated = seps[0] + "".join(w + s for w, s in zip(words, seps[1:], strict=True))
    assert name_key(decorated) == name_key(plain)


@given(st.one_of(latin_name, cjk_word), st.sampled_from(CJK_SUFFIXES))
def test_name_key_strips_chinese_legal_suffixes(base: str, suffix: str) -> None:
    assert name_key(base + suffix) == name_key(base)


@given(st.one_of(latin_name, cjk_word), st.sampled_from(LATIN_SUFFIXES))
def test_name_key_strips_latin_legal_suffixes(base: str, suffix: str) -> None:
    assert name_key(f"{base} {suffix}") == name_key(base)
    assert name_key(f"{base}, {suffix}") == name_key(base)


# --- phone_key -------------------------------------------------------------------------------

mobile = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@given(mobile)
def test_phone_key_drops_the_chinese_country_prefix(number: str) -> None:
    spaced = f"{number[:3]} {number[3:7]} {number[7:]}"
    dashed = f"{number[:3]}-{number[3:7]}-{number[7:]}"
    variants = [
        number, spaced, dashed, f"+86{number}", f"+86 {spaced}", f"+86-{dashed}", f"0086{number}",
        f"0086 {spaced}", f"(+86) {spaced}", f"86{number}", fullwidth(number), f" {number} ",
    ]
    assert {phone_key(v) for v in variants} == {number}


@given(st.lists(st.text(alphabet=string.digits, min_size=1, max_size=4), min_size=1, max_size=5), st.data())
def test_phone_key_ignores_spaces_dashes_and_dots(groups: list[str], data: st.DataObject) -> None:
    joined = "".join(data.draw(st.sampled_from([" ", "-", " - ", ".", "  "])) + g for g in groups)
    assert phone_key(joined) == phone_key("".join(groups))


@given(st.text(alphabet=string.digits + string.ascii_letters + " +-().#/\u3000０１２３４５６７８９"))
def test_phone_key_is_digits_only(text: str) -> None:
    key = phone_key(text)
    assert key is None or (key and set(key) <= set(string.digits))


@pytest.mark.parametrize("text", [None, "", "   ", "abc", "+86", "0086", "--"])
def test_phone_key_of_no_digits_is_none(text: str | None) -> None:
    assert phone_key(text) is None


def test_phone_key_keeps_foreign_numbers_whole_for_the_default_region() -> None:
    assert phone_key("+1 415 555 0100") == "14155550100"
    assert phone_key("+44 20 7946 0958") == "442079460958"
    assert phone_key("010-8888 8888") == phone_key("(010) 88888888") == "01088888888"


def test_phone_key_drops_the_prefix_of_the_region_given() -> None:
    assert phone_key("+1 415 555 0100", "US") == "4155550100"
    assert phone_key("+1 415 555 0100", "us") == "4155550100"
    assert phone_key("+86 138 1234 5678", "US") == "8613812345678"


@pytest.mark.parametrize(
    "text",
    ["13812345678", "+86 138 1234 5678", "0086-138-1234-5678", "(010) 8888-8888", "010-88888888转123",
     "+1 (415) 555-0100 ext. 12", "10086", "１３８１２３４５６７８"],
)
def test_looks_like_phone_accepts_what_reps_type(text: str) -> None:
    assert looks_like_phone(text)


@pytest.mark.parametrize("text", ["abc", "12", "138abc", "+86", "call me", "1" * 25, "13812345678@x"])
def test_looks_like_phone_refuses_what_is_not_a_number(text: str) -> None:
    assert not looks_like_phone(text)


# --- email_key -------------------------------------------------------------------------------

email = st.builds(
    lambda user, host, tld: f"{user}@{host}.{tld}",
    st.text(alphabet=string.ascii_letters + string.digits + "._+-", min_size=1, max_size=12),
    st.text(alphabet=string.ascii_letters + string.digits + "-", min_size=1, max_size=12),
    st.sampled_from(["com", "cn", "com.cn", "de", "io"]),
)


@given(email, st.sampled_from(["", " ", "  ", "\t", "\u3000"]))
def test_email_key_is_lower_cased_and_trimmed(address: str, pad: str) -> None:
    assert email_key(pad + address.upper() + pad) == address.lower()
    assert email_key(fullwidth(address)) == address.lower()
    assert looks_like_email(address)


@pytest.mark.parametrize("text", [None, "", "   "])
def test_email_key_of_nothing_is_none(text: str | None) -> None:
    assert email_key(text) is None


@pytest.mark.parametrize("text", ["bad", "a@b", "@b.com", "a b@c.com", "a@@b.com", "a@b.com c"])
def test_looks_like_email_refuses_non_addresses(text: str) -> None:
    assert not looks_like_email(text)


# --- similar_names ---------------------------------------------------------------------------


def test_similar_names_reports_near_and_exact_keys_best_first() -> None:
    candidates = [(1, name_key("Acme Toolz")), (2, name_key("Globex")), (3, name_key("Acme Tools GmbH"))]
    found = similar_names(name_key("Acme Tools"), candidates)
    assert [i for i, _ in found] == [3, 1]
    assert found[0][1] == 100
    assert 85 <= found[1][1] < 100


def test_similar_names_ignores_unrelated_names_and_empty_input() -> None:
    assert similar_names(name_key("华为技术"), [(1, name_key("阿里巴巴")), (2, name_key("Globex"))]) == []
    assert similar_names("", [(1, "acme")]) == []
    assert similar_names("acme", []) == []


keys = st.text(alphabet="abcdefgh华为技术", min_size=1, max_size=8)


@given(keys, st.lists(keys, max_size=12), st.integers(min_value=1, max_value=6))
def test_similar_names_results_are_candidates_above_the_threshold(
    key: str, names: list[str], limit: int
) -> None:
    candidates = list(enumerate(names, start=100))
    found = similar_names(key, candidates, limit=limit)
    assert len(found) <= limit
    assert {i for i, _ in found} <= {i for i, _ in candidates}
    assert len({i for i, _ in found}) == len(found)
    scores = [score for _, score in found]
    assert scores == sorted(scores, reverse=True)
    assert all(85 <= score <= 100 for score in scores)
    if key in names and limit >= 1:
        assert found and found[0][1] == 100
