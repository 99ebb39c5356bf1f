"""Possible duplicates: the near-name check of `customer add` and `customer edit`, and
`customer duplicates` (docs/identity-and-dedupe.md, docs/merge.md).

Neither compares every name with every other. The check on add reads the few candidates
three index probes return (`store/queries/near_names.py`) and asks
`domain/dedupe.near_duplicate` about each. The listing reads (id, key, pinyin) once and
finds near pairs in memory by blocking (`near_pairs`: keys grouped by their one-character
deletions, long keys by their first and last thirds). Pairs sharing a key exactly (got in
with --force, or before keys were what they are) come from SQL.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from typing import Any

from salescli.core.errors import BadInputError
from salescli.domain import dedupe
from salescli.domain.users import may
from salescli.services.access import actor
from salescli.services.context import Context
from salescli.services.records import Record, record
from salescli.store.engine import Session
from salescli.store.queries import merge as merge_queries
from salescli.store.queries import near_names as queries

SIMILAR_LIMIT = 5  # near matches shown on add: the best five
# The order reasons are listed in: exact keys first, then near names.
REASONS: tuple[str, ...] = (*merge_queries.EXACT_KEYS, *dedupe.NEAR_REASONS)


@record
class NearCustomer(Record):
    id: int
    name: str
    score: int
    reason: str


def near_customers(session: Session, key: str, name_pinyin: str | None, exclude: set[int],
                   limit: int = SIMILAR_LIMIT) -> list[NearCustomer]:
    """Live customers whose name is near `key` (not equal to it), best first: same pinyin,
    then fewest edits. Reads at most three bounded index probes."""
    found = []
    for row in _candidates(session, key, name_pinyin):
        if row.id in exclude:
            continue
        reason = dedupe.near_duplicate(key, row.name_key, name_pinyin, row.name_pinyin)
        if reason is not None:
            found.append(NearCustomer(row.id, row.name, dedupe.near_score(key, row.name_key), reason))
    found.sort(key=lambda c: (dedupe.NEAR_REASONS.index(c.reason), -c.score, c.id))
    return found[:limit]


def _candidates(session: Session, key: str, name_pinyin: str | None) -> list[Any]:
    halves = dedupe.blocks(key) if key else None
    if halves is None and not name_pinyin:
        return []
    distance = dedupe.max_distance(key)
    prefix, suffix = halves if halves else (None, None)
    suffix_rev = suffix[::-1] if suffix else None
    return queries.candidates(
        session, prefix=prefix, prefix_end=dedupe.prefix_end(prefix) if prefix else None,
        suffix_rev=suffix_rev, suffix_rev_end=dedupe.prefix_end(suffix_rev) if suffix_rev else None,
        pinyin=name_pinyin, min_length=max(1, len(key) - distance), max_length=len(key) + distance,
    )


# --------------------------------------------------------------------------- customer duplicates


@record
class DuplicatePair(Record):
    """Two live customers that are probably one: `id` the older (the one to keep, as in
    `customer merge ID OTHER_ID`), with every reason found."""

    id: int
    name: str
    owner: str | None
    other_id: int
    other_name: str
    other_owner: str | None
    reasons: list[str]


def list_duplicates(ctx: Context, *, limit: int | None = None) -> list[DuplicatePair]:
    """Likely duplicate pairs among live customers: a manager sees every pair, a rep the
    pairs among their own customers and the pool's."""
    if limit is not None and limit < 1:
        raise BadInputError("listing.bad_limit", value=limit)
    cap = limit or 1_000_000
    with ctx.session() as session:
        who = actor(session, ctx)
        owner = None if may(who.role, "act_for_others", active_users=who.active_users) else who.id
        reasons: dict[tuple[int, int], list[str]] = defaultdict(list)
        for reason, column in merge_queries.EXACT_KEYS.items():
            for pair in merge_queries.exact_pairs(session, column, owner, cap):
                if not (reason == "same_pinyin" and "same_name" in reasons[pair]):  # one key, one sound
                    reasons[pair].append(reason)
        for first, other, reason in near_pairs(list(queries.live_keys(session, owner))):
            if reason not in reasons[(first, other)] and not (
                reason == dedupe.SOUNDS_SAME and "same_pinyin" in reasons[(first, other)]
            ):
                reasons[(first, other)].append(reason)
        ordered = sorted((p for p in reasons.items() if p[1]),
                         key=lambda item: (min(REASONS.index(r) for r in item[1]), item[0]))[:cap]
        people = merge_queries.customers_by_id(session, [i for pair, _ in ordered for i in pair])
    return [
        DuplicatePair(a, people[a].name, people[a].owner, b, people[b].name, people[b].owner,
                      sorted(found, key=REASONS.index))
        for (a, b), found in ordered
    ]


def near_pairs(rows: list[tuple[int, str, str | None]]) -> list[tuple[int, int, str]]:
    """(lower id, higher id, reason) of every near pair among (id, name_key, name_pinyin)
    rows, never comparing all pairs.

    One edit apart (every rule but two typos in a long Latin name): two keys of one length
    with a character changed share the key with that position deleted, and a key with one
    character more or less equals one of the other's deletions; so keys are grouped by
    their deletions, one length at a time (memory stays at two lengths' worth). Two edits
    apart (Latin keys of 10 letters or more): the first or last third is shared, found by
    bisection in sorted lists per length, as the check on add reads it from the index.
    """
    keys: dict[int, tuple[str, str | None]] = {}
    by_length: dict[int, list[int]] = defaultdict(list)
    for cid, key, spoken in rows:
        if key and dedupe.max_distance(key):
            keys[cid] = (key, spoken)
            by_length[len(key)].append(cid)
    found: dict[tuple[int, int], str] = {}

    def one_apart(a: int, b: int) -> None:
        """A pair known to be exactly one edit apart, both keys long enough for one: near,
        and `near_duplicate` would only add which reason (without measuring again)."""
        pair = (a, b) if a < b else (b, a)
        (key_a, spoken_a), (key_b, spoken_b) = keys[a], keys[b]
        if key_a != key_b and pair not in found:
            found[pair] = dedupe.SOUNDS_SAME if spoken_a and spoken_a == spoken_b else dedupe.ONE_CHARACTER

    def consider(a: int, b: int) -> None:
        pair = (a, b) if a < b else (b, a)
        if a != b and pair not in found:
            reason = dedupe.near_duplicate(keys[a][0], keys[b][0], keys[a][1], keys[b][1])
            if reason is not None:
                found[pair] = reason

    for length in sorted(by_length):
        shorter: dict[str, list[int]] = defaultdict(list)
        for cid in by_length.get(length - 1, ()):
            shorter[keys[cid][0]].append(cid)
        changed: dict[tuple[int, str], list[int]] = defaultdict(list)
        for cid in by_length[length]:
            key = keys[cid][0]
            for i in range(length):
                deleted = key[:i] + key[i + 1:]
                changed[(i, deleted)].append(cid)
                for other in shorter.get(deleted, ()):
                    one_apart(cid, other)
        for group in changed.values():  # the same position deleted: they differ there only
            for n, a in enumerate(group):
                for b in group[n + 1:]:
                    one_apart(a, b)
    _two_edits(keys, consider)
    return [(a, b, reason) for (a, b), reason in found.items()]


def _two_edits(keys: dict[int, tuple[str, str | None]], consider: Any) -> None:
    """Pairs of long keys (two edits allowed) sharing their first or last third: the keys
    in each range are filtered by rapidfuzz in C, and only those within two edits are
    asked about."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    tables: list[dict[int, tuple[list[str], list[int]]]] = [{}, {}]
    long = [(cid, key) for cid, (key, _spoken) in keys.items() if dedupe.max_distance(key) == 2]
    for table, turn in zip(tables, (lambda k: k, lambda k: k[::-1]), strict=True):
        grouped: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for cid, key in long:
            grouped[len(key)].append((turn(key), cid))
        for length, entries in grouped.items():
            entries.sort()
            table[length] = ([text for text, _ in entries], [cid for _, cid in entries])
    for cid, key in long:
        prefix, suffix = dedupe.blocks(key)  # type: ignore[misc]
        for table, start, text in ((tables[0], prefix, key), (tables[1], suffix[::-1], key[::-1])):
            for length in range(len(key) - 2, len(key) + 3):
                texts, ids = table.get(length, ((), ()))
                lo, hi = _range_of(texts, start)
                if hi - lo < 2 and (hi == lo or ids[lo] == cid):
                    continue
                for _match, _distance, index in process.extract(
                    text, texts[lo:hi], scorer=Levenshtein.distance, score_cutoff=2, limit=None,
                ):
                    consider(cid, ids[lo + index])


def _range_of(texts: Any, prefix: str) -> tuple[int, int]:
    """The slice of sorted `texts` that start with `prefix`."""
    start = bisect_left(texts, prefix)
    end_text = dedupe.prefix_end(prefix)
    return start, bisect_left(texts, end_text, lo=start) if end_text is not None else len(texts)
