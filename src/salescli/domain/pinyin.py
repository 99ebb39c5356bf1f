"""Pinyin keys of customer names, so `hongda` and `hd` find 宏达 (docs/search.md).

A name has two keys, computed once when it is written and stored beside the name:

- the full-pinyin key: every Chinese character's reading, lowercase, without tones or
  spaces (北京宏达科技有限公司 -> "beijinghongdakeji"; ü is written "v", as typed);
- the initials key: the first letter of each reading ("bjhdkj").

Both start from the dedupe name key (domain/dedupe.py): NFKC, case-folded, punctuation
and spaces gone, and the legal suffixes (有限公司, Co., Ltd.) stripped, since every
company has one and `gs` should not find them all; 科技 and the city stay. Runs of
ASCII letters and digits are kept whole in both keys ("ACME 宏达" -> "acmehongda" and
"acmehd"), accented Latin letters lose their accents, everything else is dropped. A name
without any Chinese character has no pinyin keys (None): its name already matches.

Readings are pypinyin's default (most common) ones, phrases included (重庆 is
"chongqing", 银行 "yinhang"). Importing pypinyin costs ~230 ms (its phrase dictionary),
more than a whole `customer add`, so its data is kept here in compact form
(`_pinyin_data.py`: a table of each character's default reading, and the ~3,400 phrases
whose reading differs from their characters' defaults), imported on first use.
`python -m salescli.domain.pinyin` rebuilds that file from the installed pypinyin;
tests compare the keys with pypinyin itself.
"""

from __future__ import annotations

import unicodedata

from salescli.domain.dedupe import name_key

# Column widths (store/tables.py): keys are cut to fit, never refused.
PINYIN_WIDTH = 300
INITIALS_WIDTH = 200
# A typed search text shorter than this never matches by pinyin (`h` would match half the names).
MIN_QUERY = 2

_FIRST, _LAST = 0x3400, 0x9FFF  # CJK extension A and the unified ideographs: a table each


_rare: dict[str, str] | None = None
_phrases: dict[str, str] | None = None
_phrase_lengths: dict[str, int] = {}  # first character -> longest phrase starting with it


def _rare_reading(char: str) -> str | None:
    global _rare
    if _rare is None:
        from salescli.domain import _pinyin_data as data

        _rare = {}
        for line in data.RARE.split("\n"):
            reading, _, members = line.partition(":")
            _rare.update(dict.fromkeys(members, reading))
    return _rare.get(char)


def _phrase_table() -> tuple[dict[str, str], dict[str, int]]:
    global _phrases
    if _phrases is None:
        from salescli.domain import _pinyin_data as data

        _phrases = dict(line.split(":") for line in data.PHRASES.split("\n"))
        for phrase in _phrases:
            _phrase_lengths[phrase[0]] = max(_phrase_lengths.get(phrase[0], 0), len(phrase))
    return _phrases, _phrase_lengths


_table: tuple[str, tuple[str, ...]] | None = None


def _reading(char: str) -> str | None:
    """pypinyin's default reading of a character, toneless; None when it is not Chinese."""
    global _table
    code = ord(char)
    if _FIRST <= code <= _LAST:
        if _table is None:
            from salescli.domain import _pinyin_data as data

            _table = (data.TABLE, data.READINGS)
        index = ord(_table[0][code - _FIRST]) - 0x100
        return _table[1][index] if index >= 0 else None
    return _rare_reading(char) if code > _LAST else None


def is_han(char: str) -> bool:
    return _reading(char) is not None


def _syllables(text: str) -> list[tuple[str, bool]]:
    """Readings of `text`'s Chinese characters (True) and its ASCII runs (False), in order."""
    phrases, lengths = _phrase_table()
    out: list[tuple[str, bool]] = []
    latin: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        reading = _reading(char)
        if reading is not None:
            if latin:
                out.append(("".join(latin), False))
                latin = []
            for size in range(min(lengths.get(char, 0), n - i), 1, -1):
                readings = phrases.get(text[i:i + size])
                if readings is not None:
                    out.extend((r, True) for r in readings.split(" "))
                    i += size
                    break
            else:
                out.append((reading, True))
                i += 1
            continue
        if char.isascii():
            if char.isalnum():
                latin.append(char)
        else:
            # é -> e; letters with no ASCII base (kana, Cyrillic, Arabic) are dropped.
            folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode().lower()
            latin.extend(c for c in folded if c.isalnum())
        i += 1
    if latin:
        out.append(("".join(latin), False))
    return out


def pinyin_keys(name: str) -> tuple[str | None, str | None]:
    """(full-pinyin key, initials key) of a customer name; (None, None) without Chinese."""
    return keys_of_name_key(name_key(name))


def keys_of_name_key(key: str) -> tuple[str | None, str | None]:
    """`pinyin_keys` from the name's dedupe key, for callers that hold it already."""
    if not any(_reading(c) is not None for c in key):
        return None, None
    full: list[str] = []
    initials: list[str] = []
    for part, reading in _syllables(key):
        full.append(part)
        # A Chinese reading gives its first letter; an ASCII run stays whole.
        initials.append(part[0] if reading else part)
    return "".join(full)[:PINYIN_WIDTH] or None, "".join(initials)[:INITIALS_WIDTH] or None


def query_key(text: str | None) -> str | None:
    """What a typed search text or reference matches in the pinyin keys, or None when it
    is not pinyin: only ASCII letters and digits count, spaces, apostrophes and dashes
    are dropped (`hong da`, `xi'an`), at least one letter and `MIN_QUERY` characters."""
    if not text:
        return None
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    if not folded.isascii():
        return None
    key = "".join(c for c in folded if c.isalnum())
    if any(not (c.isalnum() or c in " '-·.") for c in folded):
        return None
    if len(key) < MIN_QUERY or not any(c.isalpha() for c in key):
        return None
    return key[:PINYIN_WIDTH]


def _rebuild(path: str) -> None:  # pragma: no cover - a maintenance tool
    """Write `_pinyin_data.py` from the installed pypinyin."""
    from pypinyin import lazy_pinyin
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    single: dict[str, str] = {}
    for code in sorted(pinyin_dict):
        char = chr(code)
        reading = lazy_pinyin(char)[0]
        if reading.isascii() and reading.isalpha() and reading.islower():
            single[char] = reading
    readings = sorted(set(single.values()))
    number = {r: i for i, r in enumerate(readings)}
    table = "".join(
        chr(0x100 + number[single[chr(c)]]) if chr(c) in single else chr(0xFF) for c in range(_FIRST, _LAST + 1)
    )
    by_reading: dict[str, list[str]] = {}
    for c, r in single.items():
        if ord(c) > _LAST:
            by_reading.setdefault(r, []).append(c)
    rare = "\n".join(f"{r}:{''.join(cs)}" for r, cs in sorted(by_reading.items()))
    phrases: list[str] = []
    for phrase in sorted(phrases_dict):
        if len(phrase) < 2 or not all(c in single for c in phrase):
            continue
        said = lazy_pinyin(phrase)
        if len(said) == len(phrase) and said != [single[c] for c in phrase] \
                and all(r.isascii() and r.isalpha() and r.islower() for r in said):
            phrases.append(f"{phrase}:{' '.join(said)}")
    with open(path, "w", encoding="utf-8") as out:
        out.write('"""Generated by `python -m salescli.domain.pinyin` from pypinyin; do not edit.\n\n'
                  'TABLE: one character per code point from U+3400 to U+9FFF, chr(0x100 + i) for\n'
                  'READINGS[i], chr(0xFF) for none; RARE: the other characters ("reading:characters"\n'
                  'lines); PHRASES: "phrase:readings" lines, the phrases whose reading differs from\n'
                  'their characters\' default readings."""\n\n')
        out.write("# ruff: noqa\n")
        out.write(f"READINGS = {tuple(readings)!r}\n\nTABLE = {table!r}\n\nRARE = {rare!r}\n\n")
        longest = max(len(p.split(":")[0]) for p in phrases)
        out.write(f"PHRASES = {chr(10).join(phrases)!r}\n\nLONGEST_PHRASE = {longest}\n")


if __name__ == "__main__":  # pragma: no cover
    import pathlib

    _rebuild(str(pathlib.Path(__file__).with_name("_pinyin_data.py")))
