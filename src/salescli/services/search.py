"""Finding a customer as the rep types (the dashboard's `/`): docs/search.md "As you type".

One call per keystroke, so it reads only what a result line shows, at most `limit` rows,
best first. What matches is what `customer list --search` matches (name, its dedupe key,
the pinyin keys, city, notes, a contact's name); when that leaves room and the text looks
like a whole name typed a little wrong, near names fill it (one or two characters off, or
the same sound: the rule `customer add` warns with), marked as such.
"""

from __future__ import annotations

from datetime import datetime

from salescli.domain import dedupe, pinyin
from salescli.services.context import Context
from salescli.services.duplicates import near_customers
from salescli.services.input import clean_text
from salescli.services.records import Record, record
from salescli.store.queries import customers as queries

SEARCH_LIMIT = 50
# Ranks of a hit (store/queries/customers.py `search`), and the near names after them.
RANKS = ("exact", "starts", "pinyin", "name", "other", "near")


@record
class SearchHit(Record):
    id: int
    name: str
    grade: str
    city: str | None
    industry: str | None
    last_contact_at: datetime | None
    owner: str | None  # None: in the pool
    match: str  # one of RANKS


def search_customers(ctx: Context, text: str, *, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
    """Live customers matching `text`, best first; nothing for blank text."""
    search = clean_text(text, "search")
    if not search:
        return []
    key = dedupe.name_key(search) or search
    spoken = pinyin.query_key(search)
    with ctx.session() as session:
        hits = [
            SearchHit(*row[:len(queries.SEARCH_FIELDS) + 1], RANKS[row[-1]])
            for row in queries.search(session, search=search, search_key=key, pinyin_key=spoken, me=ctx.user_id,
                                      limit=limit)
        ]
        if len(hits) < limit and len(key) >= 3:
            found = {h.id for h in hits}
            near = near_customers(session, key, pinyin.keys_of_name_key(key)[0], found, limit=limit - len(hits))
            rows = {row[0]: row for row in queries.summaries(session, [n.id for n in near])}
            hits += [SearchHit(*rows[n.id], "near") for n in near if n.id in rows]
    return hits
