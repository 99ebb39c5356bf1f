"""Dedupe keys and fuzzy matching (docs/identity-and-dedupe.md), as plain functions."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.domain.dedupe import (
    blocks,
    email_key,
    looks_like_email,
    looks_like_phone,
    max_distance,
    name_key,
    near_duplicate,
    parsed_phone_key,
    phone_key,
    prefix_end,
)

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
def test_phone_key_is_digits_with_a_plus_only_for_another_country(text: str) -> None:
    key = phone_key(text)
    assert key is None or (key.lstrip("+") and set(key.lstrip("+")) <= set(string.digits) and key.count("+") <= 1)
    assert key is None or not key.startswith("+86")  # a number of the default region has no country code


@pytest.mark.parametrize("text", [None, "", "   ", "abc", "+86", "0086", "--"])
def test_phone_key_of_no_digits_is_none(text: str | None) -> None:
    assert phone_key(text) is None


def test_phone_key_keeps_foreign_numbers_apart_from_local_ones() -> None:
    # Another country's number keys with its country code, so it never meets a local number
    # that happens to share its digits.
    assert phone_key("+1 415 555 0100") == phone_key("001 415 555 0100") == "+14155550100"
    assert phone_key("+44 20 7946 0958") == "+442079460958"
    assert phone_key("+1 415 555 0100") != phone_key("415 555 0100")


@pytest.mark.parametrize(
    "text", ["+86 10 8888 8888", "010-8888 8888", "(010) 88888888", "0086 10 8888 8888", "010 8888-8888",
             "+86 (10) 8888 8888", "86 10 8888 8888", "010-88888888 转 123", "010-88888888 ext. 9"],
)
def test_phone_key_of_a_landline_drops_the_trunk_prefix_and_the_extension(text: str) -> None:
    assert phone_key(text) == "1088888888"


@pytest.mark.parametrize("text", ["+86 138 1234 5678", "138-1234-5678", "8613812345678", "0086 138 1234 5678",
                                  "138 1234 5678 x12", "１３８-１２３４-５６７８"])
def test_phone_key_of_a_mobile_is_its_eleven_digits(text: str) -> None:
    assert phone_key(text) == "13812345678"


def test_phone_key_drops_the_prefix_of_the_region_given() -> None:
    assert phone_key("+1 415 555 0100", "US") == "4155550100"
    assert phone_key("+1 415 555 0100", "us") == "4155550100"
    assert phone_key("(415) 555-0100 ext. 12", "US") == "4155550100"
    assert phone_key("+86 138 1234 5678", "US") == "+8613812345678"
    assert phone_key("+1 415 555 0100", "GB") == "+14155550100"


@pytest.mark.parametrize(("text", "key"), [("+0 12345", "012345"), ("+999 1234 5678", "99912345678")])
def test_phone_key_falls_back_to_digits_when_phonenumbers_cannot_read_it(text: str, key: str) -> None:
    """Short service numbers and odd text still key as their digits: nothing that matched
    before stops matching."""
    assert phone_key(text) == key


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


# --- near_duplicate, blocks, prefix_end ----------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("宏达科技", "宏大科技", "one_character"),  # one character changed
        ("宏达科技", "宏达技", "one_character"),  # one dropped
        ("北京宏达科技", "北京宏达科技园", "one_character"),  # one added
        ("acmetools", "acmetoolz", "one_character"),
        ("globexcorporation", "globxecorporatoin", None),  # 4 edits: too many
        ("internationalbusiness", "internationlbusines", "two_characters"),  # two dropped, long name
        ("ample", "apple", "one_character"),  # five letters: a one-letter typo is still worth a glance
    ],
)
def test_near_duplicate_catches_typos(a: str, b: str, reason: str | None) -> None:
    assert near_duplicate(name_key(a), name_key(b)) == reason
    assert near_duplicate(name_key(b), name_key(a)) == reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme", "Acne"), ("IBM", "IBN"), ("Sony", "Sonu"), ("Bolt", "Boat"),  # short Latin names: no alarm
        ("华为", "华力"), ("宏达", "宏大"),  # two Chinese characters: one apart is another name
        ("Acme Tools", "Acme Tools Inc."),  # the same key: an exact duplicate, not a near one
        ("宏达科技", "宏达科技发展"),  # two characters longer
        ("acmetool", "acmexyzl"),  # three edits
        ("alphasolutions", "betasolutions"),  # long, but 4 apart
    ],
)
def test_near_duplicate_does_not_flood_short_or_different_names(a: str, b: str) -> None:
    assert near_duplicate(name_key(a), name_key(b)) is None


def test_the_same_pinyin_is_its_own_reason() -> None:
    from salescli.domain.pinyin import pinyin_keys

    a, b = "北京宏达科技", "北京鸿达科技"  # a homophone a pinyin input method offers first
    assert near_duplicate(name_key(a), name_key(b), pinyin_keys(a)[0], pinyin_keys(b)[0]) == "sounds_same"
    # Even two-character names: they sound the same, whatever their length.
    assert near_duplicate("宏达", "鸿达", "hongda", "hongda") == "sounds_same"
    assert near_duplicate("宏达", "宏达", "hongda", "hongda") is None


near_keys = st.text(alphabet="abcde宏达科技", min_size=0, max_size=14)


@given(near_keys, near_keys)
def test_near_duplicate_is_symmetric_and_within_the_allowed_distance(a: str, b: str) -> None:
    from rapidfuzz.distance import Levenshtein

    reason = near_duplicate(a, b)
    assert reason == near_duplicate(b, a)
    if reason is not None:
        assert a != b
        assert 1 <= Levenshtein.distance(a, b) <= min(max_distance(a), max_distance(b))


@given(near_keys, st.data())
def test_every_near_key_shares_a_block_with_it(key: str, data: st.DataObject) -> None:
    """The pigeonhole rule the index probes rely on: a key one edit away from K starts with
    K's first half or ends with its second half."""
    if not key:
        return
    position = data.draw(st.integers(0, len(key)))
    char = data.draw(st.sampled_from("abcde宏达科技x"))
    edit = data.draw(st.sampled_from(["insert", "delete", "replace"]))
    if edit == "insert":
        other = key[:position] + char + key[position:]
    elif position == len(key):
        return
    elif edit == "delete":
        other = key[:position] + key[position + 1:]
    else:
        other = key[:position] + char + key[position + 1:]
    if near_duplicate(key, other) is None:
        return
    prefix, suffix = blocks(key)  # type: ignore[misc]
    assert other.startswith(prefix) or other.endswith(suffix)


def test_blocks_are_halves_for_one_edit_and_thirds_for_two() -> None:
    assert blocks("宏达科技") == ("宏达", "科技")
    assert blocks("宏达技") == ("宏", "达技")
    assert blocks("acmetools") == ("acme", "tools")
    assert blocks("internationalbusiness") == ("interna", "usiness")
    assert blocks("acme") is None and blocks("华为") is None and blocks("") is None


def test_prefix_end_is_the_first_text_after_every_text_with_the_prefix() -> None:
    assert prefix_end("acme") == "acmf"
    assert prefix_end("宏达") == "宏" + chr(ord("达") + 1)
    assert prefix_end("a\U0010ffff") == "b"  # the highest character carries over
    assert prefix_end("\U0010ffff\U0010ffff") is None  # nothing is above: the range is open
    assert prefix_end("a\ud7ff") == "a\ue000"  # surrogates are skipped


@given(st.text(min_size=1, max_size=6), st.text(max_size=6))
def test_prefix_end_bounds_every_extension_of_the_prefix(prefix: str, tail: str) -> None:
    end = prefix_end(prefix)
    assert end is None or prefix + tail < end
    assert end is None or not end.startswith(prefix)


def test_the_short_path_for_mainland_mobiles_gives_what_phonenumbers_gives() -> None:
    """Plain mainland mobiles are keyed without parsing them (an import's hot path); every
    key must be the parsed one, or imports and `customer add` would stop meeting."""
    import random

    rng = random.Random(12)
    for _ in range(800):
        digits = "1" + str(rng.randint(1, 9)) + "".join(str(rng.randrange(10)) for _ in range(9))
        for text in (digits, f"{digits[:3]}-{digits[3:7]}-{digits[7:]}", f"+86 {digits[:3]} {digits[3:7]} {digits[7:]}",
                     f"+86{digits}", f"{digits[:3]} {digits[3:]}"):
            for region in ("CN", "US"):
                assert phone_key(text, region) == parsed_phone_key(text, region), (text, region)
