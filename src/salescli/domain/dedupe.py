"""Dedupe keys and fuzzy matching (docs/identity-and-dedupe.md).

Keys are computed once when a record is written and stored in indexed columns, so an
exact-duplicate check is a look-up; fuzzy matching runs only on `add`, over name keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

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
_SPACES = re.compile(r"\s+")
_LATIN_SUFFIX = re.compile(r"(?:(?:^|\s+)(?:" + "|".join(re.escape(s) for s in _LATIN_SUFFIXES) + r"))+$")
# Widths of the key columns (store/tables.py). NFKC can make a key longer than the text it
# came from ("ﷺ" is 18 characters), so keys are cut to fit rather than refused by the store.
NAME_KEY_WIDTH = 200
EMAIL_KEY_WIDTH = 200
# Region -> international dialling prefix dropped from phone numbers of that region.
_COUNTRY_CODES = {"CN": "86", "US": "1", "GB": "44", "DE": "49", "JP": "81", "SG": "65", "HK": "852"}


def name_key(name: str) -> str:
    """Normalized company name: NFKC, case-folded, legal suffixes, spaces, punctuation gone.

    "Huawei Technologies Co., Ltd." and "huawei technologies" give the same key; so do
    "华为技术有限公司" and "华为技术". A name that is nothing but suffixes keeps them all
    ("有限公司" stays "有限公司", not "有限").
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    # Parenthesised regions like "(上海)" or "（北京）" often differ between registrations.
    words = _SPACES.sub(" ", re.sub(r"[^\w\s]+|_+", " ", text)).strip()  # "_" is punctuation too
    key = _PUNCT_OR_SPACE.sub("", _LATIN_SUFFIX.sub("", words))
    changed = True
    while changed and key:
        changed = False
        for suffix in _CJK_SUFFIXES:
            if key.endswith(suffix):
                key = key[: -len(suffix)]
                changed = True
                break
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
    """Digits only, with the region's country prefix (+86, 0086) dropped."""
    if not phone:
        return None
    text = unicodedata.normalize("NFKC", phone).strip()
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
    return digits or None


# Digits with the usual separators, an optional leading +, and an optional extension
# ("ext 12", "x12", "转12", "分机12"); 5 to 20 digits in all (10086 .. a long extension).
_PHONE = re.compile(r"\+?[\d\s().\-/]+(?:\s*(?:ext\.?|x|#|转|分机)\s*\d+)?", re.IGNORECASE)


def looks_like_phone(phone: str) -> bool:
    """Whether text a rep typed is plausibly a phone number (not "abc", "12" or "138abc")."""
    text = unicodedata.normalize("NFKC", phone).strip()
    return bool(_PHONE.fullmatch(text)) and 5 <= sum(c.isdigit() for c in text) <= 20 and phone_key(text) is not None


def email_key(email: str | None) -> str | None:
    if not email:
        return None
    key = unicodedata.normalize("NFKC", email).strip().lower()[:EMAIL_KEY_WIDTH]
    return key or None


def looks_like_email(email: str) -> bool:
    return bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email.strip()))


def similar_names(
    key: str, candidates: Iterable[tuple[int, str]], *, threshold: float = 85.0, limit: int = 5
) -> list[tuple[int, float]]:
    """Ids of candidates whose name key is close to `key`, best first, with the score."""
    from rapidfuzz import fuzz, process

    pairs = list(candidates)
    if not key or not pairs:
        return []
    keys: Sequence[str] = [k for _, k in pairs]
    found = process.extract(
        key, keys, scorer=fuzz.WRatio, score_cutoff=threshold, limit=limit
    )
    return [(pairs[index][0], float(score)) for _, score, index in found]
