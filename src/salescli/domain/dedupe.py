"""Dedupe keys and near-duplicate names (docs/identity-and-dedupe.md).

Keys are computed once when a record is written and stored in indexed columns, so an
exact-duplicate check is a look-up. Near names (`near_duplicate`) are judged only on the
few candidates that index ranges built from `blocks` and `prefix_end` return, never on
every name.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Longest first so "股份有限公司" is stripped whole, not as "公司".
_CJK_SUFFIXES = sorted(
    ["有限责任公司", "股份有限公司", "有限公司", "分公司", "公司", "集团", "总公司", "工作室", "商行", "厂"],
    key=len,
    reverse=True,
)
_LATIN_SUFFIXES = [
    "co ltd", "company limited", "co limited", "limited", "ltd", "inc", "incorporated", "llc",
    "gmbh", "corp", "corporation", "co", "company", "plc", "ag", "sa", "srl", "bv", "pte",
    "pty", "group", "holdings",
]
_PUNCT_OR_SPACE = re.compile(r"[\W_]+", re.UNICODE)
_PUNCT_TO_SPACE = re.compile(r"[^\w\s]+|_+")  # "_" is punctuation too
_CJK_SUFFIX_ENDINGS = frozenset(suffix[-1] for suffix in _CJK_SUFFIXES)
_SPACES = re.compile(r"\s+")
_LATIN_SUFFIX = re.compile(r"(?:(?:^|\s+)(?:" + "|".join(re.escape(s) for s in _LATIN_SUFFIXES) + r"))+$")
# Widths of the key columns (store/tables.py). NFKC can make a key longer than the text it
# came from ("ﷺ" is 18 characters), so keys are cut to fit rather than refused by the store.
NAME_KEY_WIDTH = 200
EMAIL_KEY_WIDTH = 200
# Region -> international dialling prefix dropped by the digits-only fallback key (`_digits_key`).
_COUNTRY_CODES = {"CN": "86", "US": "1", "GB": "44", "DE": "49", "JP": "81", "SG": "65", "HK": "852"}


def name_key(name: str) -> str:
    """Normalized company name: NFKC, case-folded, legal suffixes, spaces, punctuation gone.

    "Huawei Technologies Co., Ltd." and "huawei technologies" give the same key; so do
    "华为技术有限公司" and "华为技术". A name that is nothing but suffixes keeps them all
    ("有限公司" stays "有限公司", not "有限").
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    # Parenthesised regions like "(上海)" or "（北京）" often differ between registrations.
    words = _SPACES.sub(" ", _PUNCT_TO_SPACE.sub(" ", text)).strip()
    key = _PUNCT_OR_SPACE.sub("", _LATIN_SUFFIX.sub("", words))
    # Most keys end in no suffix's last character: they skip the loop (an import keys every row).
    while key and key[-1] in _CJK_SUFFIX_ENDINGS:
        suffix = next((s for s in _CJK_SUFFIXES if key.endswith(s)), None)
        if suffix is None:
            break
        key = key[: -len(suffix)]
    return (key or _PUNCT_OR_SPACE.sub("", text))[:NAME_KEY_WIDTH]


def person_key(name: str | None) -> str:
    """A person's name for matching: NFKC, case-folded, spaces and punctuation gone.

    "Li Hua", "li  hua" and "LI-HUA" meet; "" when there is no name, so a lead without a
    contact still has a (company, person) key.
    """
    if not name:
        return ""
    return _PUNCT_OR_SPACE.sub("", unicodedata.normalize("NFKC", name).casefold())[:NAME_KEY_WIDTH]


def phone_key(phone: str | None, region: str = "CN") -> str | None:
    """The number as phonenumbers reads it, so every way of writing it meets.

    A number of the default region keys as its national significant number (`+86 10 8888
    8888`, `010-8888 8888` and `0086 10 8888 8888` are all `1088888888`); a number of
    another country as `+<country code><national number>`, so it never meets a local one
    that happens to share its digits. An extension is not part of the key. Text that
    phonenumbers cannot read falls back to the digits-only key, so nothing that matched
    before stops matching for no reason. phonenumbers is imported here, not at the top:
    `--help` and Tab completion must not pay for it (docs/architecture.md).
    """
    if not phone:
        return None
    if region == "CN" and (mobile := _CN_MOBILE.fullmatch(phone)) is not None:
        digits = mobile.group(1).translate(_SEPARATORS)
        if not digits.startswith("179"):  # 179xx is a carrier prefix phonenumbers strips
            return digits
    return parsed_phone_key(phone, region)


def parsed_phone_key(phone: str, region: str = "CN") -> str | None:
    """`phone_key` without its short path for plain mainland mobiles: always parsed."""
    text = _EXTENSION.sub("", unicodedata.normalize("NFKC", phone).strip())
    if not any(c.isdigit() for c in text):
        return None
    import phonenumbers

    region = region.upper()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return _digits_key(text, region)
    national = phonenumbers.national_significant_number(number)
    if not national:
        return _digits_key(text, region)
    if number.country_code == phonenumbers.country_code_for_region(region):
        return national[:PHONE_KEY_WIDTH]
    return f"+{number.country_code}{national}"[:PHONE_KEY_WIDTH]


# A mainland mobile as files mostly hold it ("13800138000", "138-0013-8000", "+86 138 0013
# 8000"): its key is its 11 digits, exactly what phonenumbers gives (it keeps the country's own
# numbers national and strips no prefix from 13x..19x but 179), told without parsing it:
# parsing is most of an import's time. tests/test_dedupe.py checks the two agree.
_CN_MOBILE = re.compile(r"(?:\+86)?[ \-]*(1[3-9][0-9](?:[ \-]?[0-9]){8})")
_SEPARATORS = str.maketrans("", "", " -")

# An extension at the end ("ext. 12", "x12", "#12", "转123", "分机 8"): not part of the key.
_EXTENSION = re.compile(r"\s*(?:ext\.?|x|#|转|分机)\s*\d+\s*$", re.IGNORECASE)
PHONE_KEY_WIDTH = 32  # the phone_key columns (store/tables.py)


def _digits_key(text: str, region: str) -> str | None:
    """The key of a text phonenumbers cannot read: digits only, the region's country
    prefix (+86, 0086) dropped, as every key was before phonenumbers."""
    digits = re.sub(r"\D", "", text)
    if not digits:
        return None
    code = _COUNTRY_CODES.get(region.upper())
    if code:
        if text.startswith("+") and digits.startswith(code):
            digits = digits[len(code):]
        elif digits.startswith("00" + code):
            digits = digits[2 + len(code):]
        elif code == "86" and len(digits) == 13 and digits.startswith("86"):
            digits = digits[2:]  # 8613812345678: a mobile number with the prefix but no +
    return digits[:PHONE_KEY_WIDTH] or None


# Digits with the usual separators, an optional leading +, and an optional extension
# ("ext 12", "x12", "转12", "分机12"); 5 to 20 digits in all (10086 .. a long extension).
_PHONE = re.compile(r"\+?[\d\s().\-/]+(?:\s*(?:ext\.?|x|#|转|分机)\s*\d+)?", re.IGNORECASE)


_PLAIN_PHONE = re.compile(r"\+?[0-9 ().\-/]+")
_NOT_DIGITS = str.maketrans("", "", " ().-/+")


def looks_like_phone(phone: str) -> bool:
    """Whether text a rep typed is plausibly a phone number (not "abc", "12" or "138abc")."""
    if _PLAIN_PHONE.fullmatch(phone):  # ASCII digits and separators, as most are: no NFKC, no extension
        return 5 <= len(phone.translate(_NOT_DIGITS)) <= 20
    text = unicodedata.normalize("NFKC", phone).strip()
    # Digits outside an extension: what phone_key needs for a key, told without parsing.
    return (bool(_PHONE.fullmatch(text)) and 5 <= sum(c.isdigit() for c in text) <= 20
            and any(c.isdigit() for c in _EXTENSION.sub("", text)))


def email_key(email: str | None) -> str | None:
    if not email:
        return None
    key = unicodedata.normalize("NFKC", email).strip().lower()[:EMAIL_KEY_WIDTH]
    return key or None


def looks_like_email(email: str) -> bool:
    return bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email.strip()))


# --- near duplicates (docs/identity-and-dedupe.md "Near matches") ---------------------------

# Why two name keys look like one company typed twice; present/merge.py words them.
ONE_CHARACTER = "one_character"  # one character added, dropped or changed
TWO_CHARACTERS = "two_characters"  # two of them, in a long Latin name
SOUNDS_SAME = "sounds_same"  # the same pinyin: a homophone picked from a pinyin input method
NEAR_REASONS: tuple[str, ...] = (SOUNDS_SAME, ONE_CHARACTER, TWO_CHARACTERS)

# Latin keys: how long the shorter one must be for each edit distance. Below 5 letters a
# one-letter change makes a different word far too often ("acme"/"acne", "ibm"/"ibn").
_LATIN_MIN_LENGTH = {1: 5, 2: 10}
_CJK_MIN_LENGTH = 3  # 宏达技 vs 宏达科技; two-character names differ by one all the time


_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def has_cjk(key: str) -> bool:
    """Whether a key holds a CJK ideograph: such names are short and dense, so one
    character is a big part of them and they get their own rule."""
    return _CJK.search(key) is not None


def max_distance(key: str) -> int:
    """The largest edit distance at which another key still counts as near `key` (0: none
    does, the key is too short to tell a typo from another name)."""
    if has_cjk(key):
        return 1 if len(key) >= _CJK_MIN_LENGTH else 0
    return 2 if len(key) >= _LATIN_MIN_LENGTH[2] else 1 if len(key) >= _LATIN_MIN_LENGTH[1] else 0


def near_duplicate(
    a_key: str, b_key: str, a_pinyin: str | None = None, b_pinyin: str | None = None
) -> str | None:
    """Why two different name keys probably name one company, or None.

    Same full pinyin (宏达 / 鸿达) is `sounds_same`; otherwise the Levenshtein distance
    must be within what the shorter key allows (`max_distance`): one character for CJK
    keys of 3 or more characters (and lengths within one of each other), one for Latin
    keys of 5 or more letters, two from 10 letters. Equal keys are an exact duplicate, not
    a near one, and give None.
    """
    if not a_key or not b_key or a_key == b_key:
        return None
    if a_pinyin and a_pinyin == b_pinyin:
        return SOUNDS_SAME
    if abs(len(a_key) - len(b_key)) > 2:
        return None
    allowed = min(max_distance(a_key), max_distance(b_key))
    if allowed == 0 or abs(len(a_key) - len(b_key)) > allowed:
        return None
    distance = _levenshtein().distance(a_key, b_key, score_cutoff=allowed)
    if distance > allowed:
        return None
    return ONE_CHARACTER if distance == 1 else TWO_CHARACTERS


def near_score(a_key: str, b_key: str) -> int:
    """How alike two keys are, 0-100 (the normalized Levenshtein similarity), for sorting
    near matches and for the `score` a rep reads."""
    return round(_levenshtein().normalized_similarity(a_key, b_key) * 100)


def _levenshtein() -> Any:
    """rapidfuzz's Levenshtein, imported on first use (startup: docs/architecture.md) and
    kept, since `customer duplicates` asks about a great many pairs."""
    global _LEVENSHTEIN
    if _LEVENSHTEIN is None:
        from rapidfuzz.distance import Levenshtein

        _LEVENSHTEIN = Levenshtein
    return _LEVENSHTEIN


_LEVENSHTEIN: Any = None


def blocks(key: str) -> tuple[str, str] | None:
    """(prefix, suffix) that every key near `key` starts or ends with, or None when no key
    is near it (too short).

    Pigeonhole: with one edit, it falls in the first half or the second, and the other
    half is left whole at the start or the end; with up to two edits the first and last
    thirds are used (a pair with an edit in each end third is missed: the price of reading
    candidates by two index ranges instead of every name).
    """
    distance = max_distance(key)
    if distance == 0:
        return None
    cut = len(key) // (distance + 1)
    return key[:cut], key[len(key) - cut:] if distance == 2 else key[cut:]


_MAX_CHAR = chr(0x10FFFF)


def prefix_end(prefix: str) -> str | None:
    """The smallest text after every text starting with `prefix` (the upper bound of an
    index range `key >= prefix AND key < end`), or None when there is none (the prefix
    is all U+10FFFF: the range is open above). Compared by code point, as SQLite's BINARY
    collation and PostgreSQL's C collation do."""
    stripped = prefix.rstrip(_MAX_CHAR)
    if not stripped:
        return None
    last = ord(stripped[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:  # surrogates are not characters a key holds: skip them
        last = 0xE000
    return stripped[:-1] + chr(last)
