"""A seeded generator of realistic stores, for the demo, tests and benchmarks (bulk SQL, so it
lives in the store layer).

`generate()` writes reps, customers (Chinese and English companies), contacts, a follow-up
history over the last ~6 months with its tasks, tags and ownership events, then the pipeline:
deals in every stage with their stage histories, won and lost deals, payment schedules (some
overdue), all with SQLAlchemy Core bulk inserts in chunks: a million follow-ups take a minute
or so, not an hour.

Everything comes from `random.Random(seed)` and the `now` passed in, so the same seed and
the same `now` give the same store, row for row and id for id. Ids are assigned here (after the
highest id already in the store), in time order, so they look like a store that grew over
months; PostgreSQL sequences are moved past them at the end.

The derived columns are filled as the services would: dedupe keys, `last_contact_at` (the
latest follow-up), open tasks (only the latest follow-up of a customer stays open; earlier
tasks were closed by the next follow-up or marked done) and the pool cap (each rep owns at
most `pool.max_owned`; the rest are in the pool). Each rep's agenda gets content: overdue
tasks, tasks due today and later, forgotten customers and birthdays this week.

The pool is alive at `now` (docs/pool.md): every owned customer has a reason to be still
owned when the recycle rules run, or the first command would recycle half the store. It
won a deal lately or has one in negotiation (exempt), its rep locked it (1-2 a rep, ideally
ones that would be due), or it was claimed lately and worked since, so neither countdown
has run out; 1-2 a rep fall due within `pool.warn_days` (the agenda's recycle warnings).
Pool customers carry the release reasons and the recycle rules that put them there.

The rules come from where the product keeps them: the caller reads the store's team rules
into `SeedRules` (services/demo.py), and the history follows the domain functions (when a
customer falls due for recycling, which tasks a follow-up closes, room under the cap), so
a changed rule changes the generated stores too (docs/settings.md).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from salescli.core.stages import DEFAULT_STAGES, Stage
from salescli.domain import dedupe
from salescli.domain.pinyin import keys_of_name_key
from salescli.domain.pool import EXEMPT_WON_DAYS, RecycleRules, recycle_due, recycle_reason, room_under_cap
from salescli.domain.tasks import closes
from salescli.domain.users import normalize_handle, valid_handle
from salescli.store import tables
from salescli.store.engine import Store, storage_error
from salescli.store.seed import wordlists as vocab

Contact = tables.contacts.c
Customer = tables.customers.c
CustomerTag = tables.customer_tags.c
FollowUp = tables.follow_ups.c
OwnershipEvent = tables.ownership_events.c
User = tables.users.c

HISTORY_DAYS = 183  # follow-ups cover about the last six months


@dataclass(frozen=True)
class SeedRules:
    """The team rules the generated history follows, read from the store by the caller."""

    max_owned: int
    forgotten_days: dict[str, int]
    recycle: RecycleRules
    region: str
    stages: tuple[Stage, ...] = DEFAULT_STAGES  # the pipeline's open stages, in order
    sales_cycle_days: int = 42  # an open deal unmoved for longer is stale
    max_locked: int = 5  # customers a rep may lock against recycling
    warn_days: int = 3  # owners see a customer's recycling this many days ahead

# --------------------------------------------------------------------------- helpers


class _Pick:
    """Weighted choice with precomputed cumulative weights (fast for millions of picks)."""

    def __init__(self, rng: random.Random, items: Sequence[tuple[Any, int]]) -> None:
        self._rng = rng
        self._values = [v for v, _ in items]
        total = 0
        self._cum = []
        for _, w in items:
            total += w
            self._cum.append(total)

    def __call__(self) -> Any:
        return self._rng.choices(self._values, cum_weights=self._cum)[0]


@dataclass(slots=True)
class _Cust:
    lang: str  # zh | en
    name: str
    key: str
    grade: str
    city: str
    domain: str
    industry: tuple[str, str, str, str, str]
    owner: int | None = None  # user id
    scenario: str = "pool"  # pool | overdue | today | later | forgotten | normal
    birthday: bool = False  # gets a contact with a birthday this week
    # Why an owned customer is still owned at `now`: won | negotiation (exempt), locked,
    # fresh (claimed lately, countdowns running) or warn (falls due within warn_days).
    hold: str = ""
    locked_at: datetime | None = None
    n_follow_ups: int = 0
    id: int = 0
    created_at: datetime | None = None
    claimed_at: datetime | None = None
    created_by: int | None = None
    archived_at: datetime | None = None
    last_contact: datetime | None = None
    first_contact: datetime | None = None
    address: str | None = None
    contact_first: int = 0
    contact_count: int = 0
    contact_names: list[str] = field(default_factory=list)
    events: list[tuple[datetime, str, int | None, int | None, int | None, str | None]] = field(default_factory=list)
    follow_ups: list[list[Any]] = field(default_factory=list)


# Follow-up row slots (lists, filled in stages; dicts are built only per insert chunk).
F_ID, F_CUST, F_CONTACT, F_AUTHOR, F_HAPPENED, F_KIND, F_SUMMARY, F_LOCATION = range(8)
F_NEXT, F_DUE, F_CLOSED_AT, F_CLOSED_BY, F_CLOSER, F_NOTE, F_CREATED, F_LANG = range(8, 16)


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    buf: list[dict[str, Any]] = []
    for row in rows:
        buf.append(row)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


class _Generator:
    def __init__(
        self, *, now: datetime, seed: int, rules: SeedRules, log: Callable[[str], None]
    ) -> None:
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("seed.generate needs an aware `now` (the models store UTC instants)")
        self.now = now
        self.tz = now.tzinfo
        self.today = now.date()
        self.rng = random.Random(seed)
        self.rules = rules
        self.region = rules.region
        self.forgotten_days = rules.forgotten_days
        self.log = log
        rng = self.rng
        self.zh_city = _Pick(rng, [((c, code, d), w) for c, w, code, d in vocab.ZH_CITIES])
        self.en_city = _Pick(rng, [((c, prefix, n), w) for c, w, prefix, n in vocab.EN_CITIES])
        self.zh_suffix = _Pick(rng, vocab.ZH_SUFFIXES)
        self.en_suffix = _Pick(rng, vocab.EN_SUFFIXES)
        self.size = _Pick(rng, vocab.SIZES)
        self.grade = _Pick(rng, vocab.GRADES)
        self.zh_source = _Pick(rng, vocab.ZH_SOURCES)
        self.en_source = _Pick(rng, vocab.EN_SOURCES)
        self.zh_tag = _Pick(rng, vocab.ZH_TAGS)
        self.en_tag = _Pick(rng, vocab.EN_TAGS)
        self.surname = _Pick(rng, [((s, p), w) for s, p, w in vocab.SURNAMES])
        self.zh_title = _Pick(rng, vocab.ZH_TITLES)
        self.en_title = _Pick(rng, vocab.EN_TITLES)
        self.kind = _Pick(rng, vocab.KINDS)
        self.zh_lost = _Pick(rng, vocab.ZH_LOST_REASONS)
        self.en_lost = _Pick(rng, vocab.EN_LOST_REASONS)
        self.deal_size = _Pick(rng, vocab.DEAL_SIZES)
        keys = [s.key for s in rules.stages]
        self.can_win = bool(keys)  # False too when the caller asks for no deals (see _write)
        self.negotiation = keys.index("negotiation") if "negotiation" in keys else None

    # ------------------------------------------------------------------ time

    def moment(self, day: date) -> datetime:
        """A believable instant on a local day (office hours, some evenings), never after `now`."""
        rng = self.rng
        minute = rng.randint(8 * 60 + 30, 19 * 60) if rng.random() < 0.93 else rng.randint(19 * 60, 22 * 60)
        value = datetime.combine(day, time(minute // 60, minute % 60, rng.randint(0, 59)), tzinfo=self.tz)
        if value >= self.now:
            value = self.now - timedelta(minutes=rng.randint(5, 90), seconds=rng.randint(0, 59))
        return value

    def workday(self, day: date) -> date:
        """Most follow-ups happen on weekdays: a weekend day usually moves back to Friday."""
        weekday = day.weekday()
        if weekday >= 5 and self.rng.random() < 0.85:
            return day - timedelta(days=weekday - 4)
        return day

    # ------------------------------------------------------------------ people

    def zh_person(self) -> tuple[str, str, str]:
        """(name, surname pinyin, given pinyin)."""
        surname, sp = self.surname()
        given, gp = self.rng.choice(vocab.GIVEN)
        return surname + given, sp, gp

    def en_person(self) -> tuple[str, str, str]:
        first = self.rng.choice(vocab.EN_FIRST)
        last, ascii_last = self.rng.choice(vocab.EN_LAST)
        return f"{first} {last}", first.lower(), ascii_last

    def mobile(self) -> str:
        rng = self.rng
        digits = "1" + rng.choice("3456789") + str(rng.randint(0, 9)) + f"{rng.randint(0, 99_999_999):08d}"
        style = rng.random()
        if style < 0.6:
            return digits
        if style < 0.8:
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        if style < 0.92:
            return f"+86 {digits[:3]}-{digits[3:7]}-{digits[7:]}"
        return f"+86{digits}"


# --------------------------------------------------------------------------- public API


def generate(
    store: Store,
    *,
    now: datetime,
    seed: int = 2026,
    reps: Sequence[tuple[str, str]] | int = 6,
    customers: int = 300,
    contacts_per_customer: float = 2.0,
    follow_ups: int = 3000,
    deals: int | None = None,
    changes_per_deal: float | None = None,
    rules: SeedRules,
    owned_per_rep: int | None = None,
    owned_fill: tuple[float, float] = (0.8, 0.95),
    chunk_size: int = 10_000,
    bulk_pragmas: bool = False,
    log: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write a realistic, deterministic data set into `store`; returns what was written.

    `reps` is a list of (handle, display name) or a count (names are then made up); reps that
    already exist (by handle) are reused, and the first rep is an admin when it is new.
    Each rep owns a share (drawn from `owned_fill`) of `owned_per_rep` customers (default and
    at most: the cap, `rules.max_owned`), never more than the cap counting what they owned
    already; the remaining customers are in the pool. `bulk_pragmas` relaxes SQLite
    durability (synchronous=OFF, a big page cache) for the load only: for benchmarks.
    `deals` is the total number of deals (None: a few per owned customer and some closed
    ones on pool customers; 0: none), `changes_per_deal` the average number of stage changes
    to reach (None: as the paths come, about four) by letting some deals go back and forth.
    """
    gen = _Generator(now=now, seed=seed, rules=rules, log=log or (lambda _msg: None))
    per_rep = min(owned_per_rep or rules.max_owned, rules.max_owned)
    engine = store.sqlalchemy_engine()  # bulk inserts: SQLAlchemy Core's executemany
    try:
        with engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            restore: list[str] = []
            if sqlite and bulk_pragmas:
                raw = conn.connection.driver_connection
                for pragma, value in (("synchronous", "OFF"), ("cache_size", "-262144")):
                    old = raw.execute(f"PRAGMA {pragma}").fetchone()[0]
                    raw.execute(f"PRAGMA {pragma} = {value}")
                    restore.append(f"PRAGMA {pragma} = {old}")
            try:
                with conn.begin():
                    if not sqlite and bulk_pragmas:
                        conn.execute(text("SET LOCAL synchronous_commit = off"))
                    summary = _write(
                        conn, gen, reps=reps, customers=customers, contacts_per_customer=contacts_per_customer,
                        follow_ups=follow_ups, owned_per_rep=per_rep, owned_fill=owned_fill,
                        chunk_size=chunk_size, deals=deals, changes_per_deal=changes_per_deal,
                    )
            finally:
                if restore:
                    raw = conn.connection.driver_connection
                    for statement in restore:
                        raw.execute(statement)
    except DBAPIError as exc:
        raise storage_error(exc.orig or exc, store.url) from exc
    finally:
        engine.dispose()
    return summary


# --------------------------------------------------------------------------- the work


def _next_id(conn: Connection, column: Any) -> int:
    return (conn.execute(select(func.max(column))).scalar() or 0) + 1


def _rep_list(reps: Sequence[tuple[str, str]] | int) -> list[tuple[str, str]]:
    if not isinstance(reps, int):
        out: list[tuple[str, str]] = []
        for raw, name in reps:
            handle = normalize_handle(raw)
            if not valid_handle(handle):
                raise ValueError(f"not a valid handle: {raw!r}")
            if handle not in {h for h, _ in out}:
                out.append((handle, name))
        return out
    out = list(vocab.DEFAULT_REPS[:reps])
    rng = random.Random(reps)  # names only; independent of the data seed
    seen = {h for h, _ in out}
    while len(out) < reps:
        if rng.random() < 0.65:
            surname, sp, _w = rng.choice(vocab.SURNAMES)
            given, gp = rng.choice(vocab.GIVEN)
            handle, name = sp + gp, surname + given
        else:
            first = rng.choice(vocab.EN_FIRST)
            last, ascii_last = rng.choice(vocab.EN_LAST)
            handle, name = f"{first.lower()}.{ascii_last}", f"{first} {last}"
        base, n = handle, 2
        while handle in seen:
            handle, n = f"{base}{n}", n + 1
        seen.add(handle)
        out.append((handle, name))
    return out


def _write(
    conn: Connection, gen: _Generator, *, reps: Sequence[tuple[str, str]] | int, customers: int,
    contacts_per_customer: float, follow_ups: int, owned_per_rep: int, owned_fill: tuple[float, float],
    chunk_size: int, deals: int | None = None, changes_per_deal: float | None = None,
) -> dict[str, int]:
    rng = gen.rng
    now = gen.now
    wanted = _rep_list(reps)
    if not wanted:
        raise ValueError("seed.generate needs at least one rep")

    # Users: reuse existing handles, add the others.
    handles = [h for h, _ in wanted]
    existing = dict(conn.execute(select(User.handle, User.id).where(User.handle.in_(handles))).all())
    next_user = _next_id(conn, User.id)
    user_rows = []
    rep_ids: list[int] = []
    for index, (handle, name) in enumerate(wanted):
        if handle in existing:
            rep_ids.append(existing[handle])
            continue
        user_rows.append({
            "id": next_user, "handle": handle, "display_name": name, "role": "admin" if index == 0 else "rep",
            "active": True, "created_at": now - timedelta(days=800 - 7 * index % 210, hours=rng.randint(0, 8)),
        })
        rep_ids.append(next_user)
        next_user += 1
    if user_rows:
        conn.execute(tables.users.insert(), user_rows)
    already_owned = dict(
        conn.execute(
            select(Customer.owner_id, func.count(Customer.id))
            .where(Customer.owner_id.in_(rep_ids), Customer.archived.is_(False))
            .group_by(Customer.owner_id)
        ).all()
    )
    taken_keys = set(conn.execute(select(Customer.name_key)).scalars()) if _next_id(conn, Customer.id) > 1 else set()
    gen.log(f"users: {len(user_rows)} new, {len(rep_ids)} reps")

    # Customers: names, attributes, owners, scenarios and why each owned one is still owned.
    gen.can_win = gen.can_win and deals != 0
    custs = [_make_customer(gen, taken_keys) for _ in range(customers)]
    order = list(range(customers))
    rng.shuffle(order)
    cursor = 0
    for rep_id in rep_ids:
        room = room_under_cap(already_owned.get(rep_id, 0), gen.rules.max_owned)
        low, high = owned_fill
        target = min(room, max(1, round(owned_per_rep * rng.uniform(low, high))))
        mine = [custs[i] for i in order[cursor:cursor + target]]
        cursor += len(mine)
        _assign_scenarios(gen, mine, rep_id)
    owned_total = cursor

    # How many follow-ups each customer gets: owned customers are worked harder.
    weights = []
    for c in custs:
        if c.owner is not None:
            weights.append(3.0 * rng.uniform(0.5, 1.5))
        else:
            weights.append(0.0 if rng.random() < 0.12 else rng.uniform(0.3, 1.7))
    _allocate(gen, custs, weights, follow_ups)

    for c in custs:
        if c.owner is not None:
            _owned_history(gen, c, rep_ids)
        else:
            _pool_history(gen, c, rep_ids)
    gen.log(f"customers: {customers} planned, {owned_total} owned")

    # Ids in creation order, as a store that grew over time would have them.
    custs.sort(key=lambda c: c.created_at)
    next_customer = _next_id(conn, Customer.id)
    for offset, c in enumerate(custs):
        c.id = next_customer + offset
    # The deals before the customer rows: which customers they exempt from recycling decides
    # the last locks (_hold_check).
    planned, payments = _make_deals(gen, custs, deals=deals, changes_per_deal=changes_per_deal)
    _hold_check(gen, custs, planned)
    for chunk in _chunks((_customer_row(gen, c) for c in custs), chunk_size):
        conn.execute(tables.customers.insert(), chunk)
    tag_rows = _tag_rows(gen, custs)
    for chunk in _chunks(iter(tag_rows), chunk_size):
        conn.execute(tables.customer_tags.insert(), chunk)
    gen.log("customers and tags written")

    contact_total = _write_contacts(conn, gen, custs, contacts_per_customer, chunk_size)
    gen.log(f"contacts: {contact_total} written")

    rows = _follow_up_rows(gen, custs)
    next_follow_up = _next_id(conn, FollowUp.id)
    for offset, row in enumerate(rows):
        row[F_ID] = next_follow_up + offset
    gen.log(f"follow-ups: {len(rows)} generated")
    # Newest first: a task closed by a later follow-up references a row already written.
    table = tables.follow_ups
    for chunk in _chunks((_follow_up_dict(r) for r in reversed(rows)), chunk_size):
        conn.execute(table.insert(), chunk)
    open_tasks = sum(1 for r in rows if r[F_DUE] is not None and r[F_CLOSED_AT] is None)
    gen.log("follow-ups written")

    events = sorted(
        ((at, c.id, kind, frm, to, by, reason) for c in custs for at, kind, frm, to, by, reason in c.events),
        key=lambda e: e[0],
    )
    next_event = _next_id(conn, OwnershipEvent.id)
    event_rows = (
        {"id": next_event + i, "customer_id": cid, "kind": kind, "from_user_id": frm, "to_user_id": to,
         "by_user_id": by, "at": at, "reason": reason}
        for i, (at, cid, kind, frm, to, by, reason) in enumerate(events)
    )
    for chunk in _chunks(event_rows, chunk_size):
        conn.execute(tables.ownership_events.insert(), chunk)

    gen.log("ownership events written")
    pipeline = _write_deals(conn, gen, planned, payments, chunk_size=chunk_size)

    if conn.dialect.name == "postgresql":
        for table_name in ("users", "customers", "contacts", "follow_ups", "ownership_events", "deals",
                           "stage_changes", "payments"):
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                f"GREATEST((SELECT MAX(id) FROM {table_name}), 1))"
            ))
    return {
        "users": len(rep_ids), "new_users": len(user_rows), "customers": customers, "owned": owned_total,
        "pool": customers - owned_total, "contacts": contact_total, "follow_ups": len(rows), "open_tasks": open_tasks,
        "ownership_events": len(events), "tags": len(tag_rows), **pipeline,
    }


def _make_customer(gen: _Generator, taken: set[str]) -> _Cust:
    rng = gen.rng
    lang = "zh" if rng.random() < 0.7 else "en"
    for attempt in range(30):
        industry = rng.choice(vocab.INDUSTRIES)
        if lang == "zh":
            city, _code, _districts = gen.zh_city()
            (a, ap), (b, bp) = rng.sample(vocab.BRAND_CHARS, 2)
            prefix = city if rng.random() < 0.6 else ""
            if attempt >= 10:
                prefix += rng.choice(["", "新", "华"]) + rng.choice(vocab.BRAND_CHARS)[0]
            name = f"{prefix}{a}{b}{industry[0]}{gen.zh_suffix()}"
            domain = f"{ap}{bp}{industry[1]}.com" if rng.random() < 0.7 else f"{ap}{bp}.com.cn"
        else:
            city, _prefix, _digits = gen.en_city()
            brand = rng.choice(vocab.EN_BRAND_A) + rng.choice(vocab.EN_BRAND_B)
            middle = industry[3] if rng.random() < 0.8 else f"{rng.choice(vocab.EN_BRAND_A)} {industry[3]}"
            if attempt >= 10:
                middle = f"{rng.choice(['Asia', 'Global', 'International', 'Pacific'])} {middle}"
            name = f"{brand} {middle} {gen.en_suffix()}"
            domain = f"{brand.lower()}{industry[3].split()[0].lower()}.com"
        key = dedupe.name_key(name)
        if key not in taken or attempt == 29:
            taken.add(key)
            break
    return _Cust(lang=lang, name=name, key=key, grade=gen.grade(), city=city, domain=domain, industry=industry)


def _assign_scenarios(gen: _Generator, mine: list[_Cust], rep_id: int) -> None:
    """Give each of a rep's customers a role on the agenda, so every agenda has content."""
    n = len(mine)
    plan = [
        ("overdue", max(1, round(n * 0.18))), ("today", max(1, round(n * 0.18)) if n >= 2 else 0),
        ("later", max(1, round(n * 0.2)) if n >= 3 else 0), ("forgotten", max(1, round(n * 0.18)) if n >= 4 else 0),
    ]
    position = 0
    for scenario, count in plan:
        for c in mine[position:position + count]:
            c.scenario = scenario
        position += count
    for c in mine:
        c.owner = rep_id
        if c.scenario == "pool":
            c.scenario = "normal"
    for c in gen.rng.sample(mine, min(2, n)):
        c.birthday = True
    _assign_holds(gen, mine)


def _assign_holds(gen: _Generator, mine: list[_Cust]) -> None:
    """Why each of a rep's customers is still theirs at `now` while the recycle rules run
    (docs/pool.md). Forgotten customers were not followed up for longer than a countdown
    allows: the rep locked 1-2 of them, the others won a deal lately or were claimed from
    the pool lately and not called yet. 1-2 customers a rep fall due within warn_days."""
    rng = gen.rng
    forgotten = [c for c in mine if c.scenario == "forgotten"]
    locks = min(len(forgotten), gen.rules.max_locked, rng.choice((1, 2)))
    for k, c in enumerate(forgotten):
        c.hold = "locked" if k < locks else "won" if gen.can_win and rng.random() < 0.5 else "fresh"
    if gen.rules.warn_days >= 1:
        for c in [c for c in mine if c.scenario == "normal"][: rng.choice((1, 2))]:
            c.hold = "warn"
    negotiate = gen.can_win and gen.negotiation is not None
    for c in mine:
        if not c.hold:
            roll = rng.random()
            c.hold = "won" if gen.can_win and roll < 0.4 else "negotiation" if negotiate and roll < 0.5 else "fresh"


def _allocate(gen: _Generator, custs: list[_Cust], weights: list[float], total: int) -> None:
    """Split `total` follow-ups by weight; every owned customer gets at least one."""
    rng = gen.rng
    if not custs:
        return
    weight_sum = sum(weights) or 1.0
    counts = [int(total * w / weight_sum) for w in weights]
    left = total - sum(counts)
    if left > 0:
        positive = [i for i, w in enumerate(weights) if w > 0] or list(range(len(custs)))
        for i in rng.choices(positive, k=left):
            counts[i] += 1
    for i, c in enumerate(custs):
        if c.owner is not None and counts[i] == 0:
            counts[i] = 1
            donors = [j for j in rng.sample(range(len(custs)), min(len(custs), 50)) if counts[j] > 1]
            if donors:
                counts[donors[0]] -= 1
        c.n_follow_ups = counts[i]


def _spread(gen: _Generator, n: int, start: date, last: datetime) -> list[datetime]:
    """`n` instants from `start` to `last` (which is the latest of them), in order."""
    rng = gen.rng
    last_day = last.astimezone(gen.tz).date()
    span = (last_day - start).days
    times = []
    for _ in range(n - 1):
        day = gen.workday(start + timedelta(days=rng.randint(0, max(0, span - 1)))) if span > 0 else last_day
        times.append(gen.moment(day))
    times = [t if t <= last else last - timedelta(minutes=rng.randint(1, 300)) for t in times]
    times.sort()
    times.append(last)
    return times


def _last_contact_for(gen: _Generator, c: _Cust, max_age: int | None = None) -> tuple[datetime, date | None]:
    """The latest follow-up of an owned customer, and the due day of its open task;
    `max_age`: at most that many days ago (a countdown must not have run out)."""
    rng = gen.rng
    today = gen.today
    threshold = gen.forgotten_days.get(c.grade, 30)
    due: date | None = None
    if c.scenario == "overdue":
        due = today - timedelta(days=rng.randint(1, 9 if max_age is None else max(1, min(9, max_age - 1))))
        day = gen.workday(due - timedelta(days=rng.randint(1, 10)))
    elif c.scenario == "today":
        due = today
        day = gen.workday(today - timedelta(days=rng.randint(1, 10)))
    elif c.scenario == "later":
        due = today + timedelta(days=rng.randint(1, 14))
        day = gen.workday(today - timedelta(days=rng.randint(0, 8)))
    elif c.scenario == "forgotten":
        day = gen.workday(today - timedelta(days=threshold + rng.randint(2, 45)))
    else:
        day = gen.workday(today - timedelta(days=rng.randint(0, max(1, min(threshold - 3, 20)))))
        if rng.random() < 0.35:
            due = today + timedelta(days=rng.randint(1, 21))
    if max_age is not None and c.scenario != "forgotten":
        day = max(day, today - timedelta(days=max_age))
    if due is not None and due.weekday() >= 5 and due > today:
        due += timedelta(days=7 - due.weekday())  # planned work lands on a Monday, not a Sunday
    return gen.moment(day), due


def _owned_history(gen: _Generator, c: _Cust, rep_ids: list[int]) -> None:
    if c.hold in ("fresh", "warn"):
        _claimed_lately(gen, c, rep_ids)
        return
    rng = gen.rng
    owner = c.owner
    assert owner is not None
    last, due = _last_contact_for(gen, c)
    n = max(1, c.n_follow_ups)
    history_start = gen.today - timedelta(days=rng.randint(60, HISTORY_DAYS))
    last_day = last.astimezone(gen.tz).date()
    if history_start >= last_day:
        history_start = last_day - timedelta(days=rng.randint(1, 30))
    times = _spread(gen, n, history_start, last)
    authors = [owner] * n
    mode = rng.random()
    others = [r for r in rep_ids if r != owner]
    if mode < 0.55 or n == 1 and mode < 0.8:
        # The rep added this customer themselves.
        c.created_at = c.claimed_at = times[0] - timedelta(days=rng.randint(0, 30), minutes=rng.randint(5, 600))
        c.created_by = owner
        c.events.append((c.created_at, "create", None, owner, owner, None))
    elif n >= 2 and others and mode < 0.8:
        # Worked by a colleague first, released to the pool, then claimed.
        split = rng.randint(1, n - 1)
        previous = rng.choice(others)
        authors[:split] = [previous] * split
        c.created_at = times[0] - timedelta(days=rng.randint(0, 40), minutes=rng.randint(5, 600))
        c.created_by = previous
        c.events.append((c.created_at, "create", None, previous, previous, None))
        c.claimed_at = _left_then_claimed(gen, c, previous, owner, times[split - 1], times[split])
    else:
        # Imported into the pool, claimed later.
        c.claimed_at = times[0] - timedelta(days=rng.randint(0, 20), minutes=rng.randint(5, 600))
        c.created_at = c.claimed_at - timedelta(days=rng.randint(1, 300), minutes=rng.randint(5, 600))
        c.events.append((c.created_at, "create", None, None, None, rng.choice(vocab.IMPORT_REASONS)))
        c.events.append((c.claimed_at, "claim", None, owner, owner, None))
    c.follow_ups = _history_rows(gen, c, times, authors, open_due=due)
    if c.hold == "locked":
        c.locked_at = _lock_time(gen, c)


def _left_then_claimed(
    gen: _Generator, c: _Cust, previous: int, owner: int, last_before: datetime, first_after: datetime,
    claimed: datetime | None = None,
) -> datetime:
    """The previous owner's customer went back to the pool after `last_before` (recycled by
    the rule when it fell due first, else released with a reason) and `owner` claimed it
    (at `claimed` when given) before `first_after`; returns the claim."""
    rng = gen.rng
    end = claimed or first_after
    falls_due, rule = recycle_due(gen.rules.recycle, claimed_at=c.created_at, last_follow_up=last_before,
                                  grade=c.grade)
    if falls_due < end:
        # Recycled by the rule, at the first command after it fell due.
        start = max(falls_due, last_before)
        released = start + (end - start) * rng.uniform(0.05, 0.3)
        c.events.append((released, "recycle", previous, None, None, _recycle_reason(gen, rule, c.grade)))
    else:
        released = last_before + (end - last_before) * rng.uniform(0.1, 0.5)
        reason = rng.choice(vocab.ZH_RELEASE if c.lang == "zh" else vocab.EN_RELEASE)
        c.events.append((released, "release", previous, None, previous, reason))
    if claimed is None:
        claimed = released + (first_after - released) * rng.uniform(0.2, 0.9)
    c.events.append((claimed, "claim", None, owner, owner, None))
    return claimed


def _claimed_lately(gen: _Generator, c: _Cust, rep_ids: list[int]) -> None:
    """An owned customer whose countdowns are still running at `now`: claimed (or added)
    lately and, unless it is forgotten (claimed, not called yet), followed up since; a
    `warn` one falls due within warn_days. Earlier follow-ups are a colleague's, before
    the customer went back to the pool."""
    rng, now, today = gen.rng, gen.now, gen.today
    owner = c.owner
    assert owner is not None
    rules = gen.rules.recycle
    nfu, nd, warn = rules.days("no_follow_up", c.grade), rules.days("no_deal", c.grade), gen.rules.warn_days
    # Days a countdown may have run and the customer still be past its warnings.
    follow_up_span = min(nfu, nd) - warn - 1 if min(nfu, nd) - warn - 1 >= 1 else min(nfu, nd) / 2
    claim_span = nd - warn - 1 if nd - warn - 1 >= 1 else nd / 2
    plan = _warn_plan(gen, c, nfu, nd, warn) if c.hold == "warn" else None
    if c.hold == "warn" and plan is None:
        c.hold = "fresh"
    due: date | None = None
    if plan is not None:
        claim, last = plan
        if rng.random() < 0.35:
            due = today + timedelta(days=rng.randint(1, 21))
            if due.weekday() >= 5:
                due += timedelta(days=7 - due.weekday())
    elif c.scenario == "forgotten":
        last, due = _last_contact_for(gen, c)
        claim = now - timedelta(days=follow_up_span * rng.uniform(0.1, 0.9), minutes=rng.randint(5, 600))
        if claim <= last:
            claim = last + (now - last) * rng.uniform(0.3, 0.9)
    else:
        last, due = _last_contact_for(gen, c, max_age=int(follow_up_span))
        earliest = now - timedelta(days=claim_span)
        claim = earliest + (last - earliest) * rng.uniform(0.0, 0.95) if last > earliest else \
            last - timedelta(minutes=rng.randint(5, 60))
    n = max(1, c.n_follow_ups)
    others = [r for r in rep_ids if r != owner]
    if c.scenario == "forgotten":
        before, after = n, 0
    elif rng.random() < 0.4 or n == 1 or not others:
        before, after = 0, n
    else:
        before = rng.randint(1, n - 1)
        after = n - before
    owner_times = _spread_after(gen, after, claim, last) if after else []
    if before:
        previous = rng.choice(others) if others else owner
        last_before = last if not after else claim - timedelta(days=rng.uniform(1, 40))
        start = last_before.astimezone(gen.tz).date() - timedelta(days=rng.randint(5, 150))
        earlier = _spread(gen, before, start, last_before)
        c.created_at = earlier[0] - timedelta(days=rng.randint(0, 40), minutes=rng.randint(5, 600))
        c.created_by = previous
        c.events.append((c.created_at, "create", None, previous, previous, None))
        claim = max(claim, last_before + timedelta(minutes=5))
        c.claimed_at = _left_then_claimed(gen, c, previous, owner, last_before, claim, claimed=claim)
        authors = [previous] * before + [owner] * after
    elif rng.random() < 0.6:
        # The rep added it lately.
        c.created_at = c.claimed_at = claim
        c.created_by = owner
        c.events.append((claim, "create", None, owner, owner, None))
        authors = [owner] * after
    else:
        # Imported into the pool, claimed lately.
        c.claimed_at = claim
        c.created_at = claim - timedelta(days=rng.randint(1, 300), minutes=rng.randint(5, 600))
        c.events.append((c.created_at, "create", None, None, None, rng.choice(vocab.IMPORT_REASONS)))
        c.events.append((claim, "claim", None, owner, owner, None))
        authors = [owner] * after
    times = (earlier if before else []) + owner_times
    c.follow_ups = _history_rows(gen, c, times, authors, open_due=due if after else None)


def _spread_after(gen: _Generator, n: int, after: datetime, last: datetime) -> list[datetime]:
    """`n` instants after `after` up to `last` (the latest of them), in order."""
    rng = gen.rng
    times = _spread(gen, n, after.astimezone(gen.tz).date(), last)
    inside = [t if t > after else after + (last - after) * rng.uniform(0.01, 0.99) for t in times[:-1]]
    return sorted(inside) + [last]


def _warn_plan(gen: _Generator, c: _Cust, nfu: int, nd: int, warn: int) -> tuple[datetime, datetime] | None:
    """(claim, last follow-up) that make `c` fall due within the warning days, under
    either rule; None when the rules leave no room."""
    rng, now, today = gen.rng, gen.now, gen.today
    low, high = now + timedelta(hours=2), now + timedelta(days=warn, hours=-2)
    for _ in range(40):
        if rng.random() < 0.5:  # the no-deal countdown runs out: claimed about nd days ago, worked since
            claim = gen.moment(today - timedelta(days=nd - rng.randint(0, warn)))
            last = gen.moment(today - timedelta(days=rng.randint(0, max(0, nfu - warn - 2))))
        else:  # the no-follow-up countdown: the last follow-up about nfu days ago
            last = gen.moment(today - timedelta(days=nfu - rng.randint(0, warn)))
            earliest = high - timedelta(days=nd, hours=-1)  # the no-deal countdown ends later
            claim = earliest + (last - earliest) * rng.uniform(0.1, 0.9)
        if not claim < last <= now:
            continue
        due, _rule = recycle_due(gen.rules.recycle, claimed_at=claim, last_follow_up=last, grade=c.grade)
        if low <= due <= high:
            return claim, last
    return None


def _lock_time(gen: _Generator, c: _Cust) -> datetime:
    """When the rep locked `c`: some days before it would have fallen due (or lately, when
    it is not due yet), after the claim."""
    rng = gen.rng
    assert c.claimed_at is not None and c.last_contact is not None
    due, _rule = recycle_due(gen.rules.recycle, claimed_at=c.claimed_at, last_follow_up=c.last_contact,
                             grade=c.grade)
    latest = min(due, gen.now) - timedelta(minutes=rng.randint(30, 600))
    earliest = max(c.claimed_at, latest - timedelta(days=20))
    if latest <= earliest:
        return c.claimed_at + (gen.now - c.claimed_at) * rng.uniform(0.2, 0.8)
    return _office(gen, earliest + (latest - earliest) * rng.uniform(0.1, 1.0), earliest, latest)


def _pool_history(gen: _Generator, c: _Cust, rep_ids: list[int]) -> None:
    rng = gen.rng
    n = c.n_follow_ups
    if n == 0:
        c.created_at = gen.now - timedelta(days=rng.randint(1, 500), minutes=rng.randint(0, 1440))
        by = rng.choice(rep_ids) if rng.random() < 0.5 else None
        c.created_by = by
        c.events.append((c.created_at, "create", None, None, by, rng.choice(vocab.IMPORT_REASONS)))
        if rng.random() < 0.03:
            c.archived_at = c.created_at + (gen.now - c.created_at) * rng.uniform(0.2, 0.9)
        return
    previous = rng.choice(rep_ids)
    last_day = gen.workday(gen.today - timedelta(days=rng.randint(3, 170)))
    last = gen.moment(last_day)
    start = last_day - timedelta(days=rng.randint(5, 120))
    times = _spread(gen, n, start, last)
    c.created_at = times[0] - timedelta(days=rng.randint(0, 60), minutes=rng.randint(5, 600))
    c.created_by = previous
    c.events.append((c.created_at, "create", None, previous, previous, None))
    falls_due, rule = recycle_due(gen.rules.recycle, claimed_at=c.created_at, last_follow_up=last, grade=c.grade)
    if falls_due < gen.now - timedelta(hours=1) and rng.random() < 0.6:
        start = max(falls_due, last)
        at = start + (gen.now - start) * rng.uniform(0.0, 0.2)
        c.events.append((min(at, gen.now - timedelta(hours=1)), "recycle", previous, None, None,
                         _recycle_reason(gen, rule, c.grade)))
    else:
        end = min(falls_due, gen.now) if falls_due > last else gen.now  # released before the rule acted
        at = last + (end - last) * rng.uniform(0.05, 0.5)
        reason = rng.choice(vocab.ZH_RELEASE if c.lang == "zh" else vocab.EN_RELEASE)
        c.events.append((at, "release", previous, None, previous, reason))
    c.follow_ups = _history_rows(gen, c, times, [previous] * n, open_due=None)


def _recycle_reason(gen: _Generator, rule: str, grade: str) -> str:
    """What the product keeps on a recycle event: the rule and the days it allowed."""
    return recycle_reason(rule, gen.rules.recycle.days(rule, grade))


def _history_rows(
    gen: _Generator, c: _Cust, times: list[datetime], authors: list[int], *, open_due: date | None
) -> list[list[Any]]:
    """One customer's follow-ups, oldest first; only the last may leave an open task."""
    rng = gen.rng
    zh = c.lang == "zh"
    next_actions = vocab.ZH_NEXT if zh else vocab.EN_NEXT
    done_notes = vocab.ZH_DONE_NOTES if zh else vocab.EN_DONE_NOTES
    rows: list[list[Any]] = []
    n = len(times)
    for i, (at, author) in enumerate(zip(times, authors, strict=True)):
        kind = gen.kind()
        lang = c.lang if rng.random() < 0.9 else ("en" if zh else "zh")
        template = rng.choice(vocab.SUMMARIES[(lang, kind)])
        row: list[Any] = [
            0, c.id, None, author, at, kind, template, None, None, None, None, None, None, None,
            min(at + timedelta(minutes=rng.randint(0, 90)), gen.now), lang,
        ]
        if kind == "visit":
            row[F_LOCATION] = None  # filled with the address once the customer row exists
        last = i == n - 1
        if last and open_due is not None:
            row[F_NEXT] = rng.choice(next_actions)
            row[F_DUE] = max(open_due, at.astimezone(gen.tz).date())
        elif not last and rng.random() < 0.3:
            row[F_NEXT] = rng.choice(next_actions) if rng.random() < 0.85 else None
            row[F_DUE] = at.astimezone(gen.tz).date() + timedelta(days=rng.randint(1, 14))
        rows.append(row)
    for i in range(1, n):  # logged in the order they happened
        if rows[i][F_CREATED] < rows[i - 1][F_CREATED]:
            rows[i][F_CREATED] = rows[i - 1][F_CREATED]
    # Close every task but the last: by the next follow-up, or marked done before it.
    for i in range(n - 1):
        row, nxt = rows[i], rows[i + 1]
        if row[F_DUE] is None:
            continue
        done_at = datetime.combine(row[F_DUE], time(rng.randint(9, 17), rng.randint(0, 59)), tzinfo=gen.tz)
        if done_at < nxt[F_HAPPENED] and done_at > row[F_CREATED] and rng.random() < 0.3:
            row[F_CLOSED_AT], row[F_CLOSED_BY], row[F_NOTE] = done_at, row[F_AUTHOR], rng.choice(done_notes)
        elif closes(row[F_HAPPENED], nxt[F_HAPPENED]):
            row[F_CLOSED_AT], row[F_CLOSED_BY], row[F_CLOSER] = nxt[F_CREATED], nxt[F_AUTHOR], nxt
    # Text is filled last so products and numbers vary per row.
    for row in rows:
        template = row[F_SUMMARY]
        products = vocab.ZH_PRODUCTS if row[F_LANG] == "zh" else vocab.EN_PRODUCTS
        row[F_SUMMARY] = template.format(
            c="{c}", p=rng.choice(products) if "{p}" in template else "", n=rng.randint(2, 12),
            pct=rng.choice((3, 5, 8, 10, 15)),
        ) if "{" in template else template
    c.last_contact = max(times) if times else None
    c.first_contact = times[0] if times else None
    return rows


def _customer_row(gen: _Generator, c: _Cust) -> dict[str, Any]:
    rng = gen.rng
    if c.lang == "zh":
        city, code, districts = next((x, code, d) for x, _w, code, d in vocab.ZH_CITIES if x == c.city)
        road, place = rng.choice(vocab.ZH_ROADS), rng.choice(vocab.ZH_PLACES)
        address = f"{city}市{rng.choice(districts)}{road}{rng.randint(1, 999)}{place}"
        phone = f"{code}-{rng.randint(2, 8)}{rng.randint(0, 9_999_999):07d}"[: len(code) + 9] if rng.random() < 0.6 \
            else None
        source = gen.zh_source()
        industry_label = c.industry[2]
        notes = rng.choice(vocab.ZH_NOTES).format(n=rng.randint(1, 9)) if rng.random() < 0.15 else None
    else:
        prefix, digits = next((p, d) for x, _w, p, d in vocab.EN_CITIES if x == c.city)
        address = f"{rng.randint(1, 300)} {rng.choice(vocab.EN_STREETS)}, {c.city}"
        phone = f"{prefix}{rng.randint(2, 9)}{rng.randint(0, 10 ** (digits - 1) - 1):0{digits - 1}d}" \
            if rng.random() < 0.6 else None
        source = gen.en_source()
        industry_label = c.industry[4]
        notes = rng.choice(vocab.EN_NOTES).format(n=rng.randint(1, 9)) if rng.random() < 0.15 else None
    email = f"{rng.choice(['info', 'sales', 'purchase', 'contact'])}@{c.domain}" if rng.random() < 0.4 else None
    c.address = address
    pinyin, initials = keys_of_name_key(c.key) if c.lang == "zh" else (None, None)
    return {
        "id": c.id, "name": c.name, "name_key": c.key, "name_key_rev": c.key[::-1], "name_pinyin": pinyin,
        "name_initials": initials,
        "industry": industry_label, "size": gen.size(),
        "city": c.city, "address": address, "source": source, "grade": c.grade,
        "phone": phone, "phone_key": dedupe.phone_key(phone, gen.region), "email": email,
        "email_key": dedupe.email_key(email), "notes": notes, "owner_id": c.owner, "claimed_at": c.claimed_at,
        "locked_at": c.locked_at,
        "last_contact_at": c.last_contact, "created_at": c.created_at, "created_by_id": c.created_by,
        "updated_at": c.created_at, "archived": c.archived_at is not None, "archived_at": c.archived_at,
    }


def _tag_rows(gen: _Generator, custs: list[_Cust]) -> list[dict[str, Any]]:
    rng = gen.rng
    rows = []
    for c in custs:
        count = rng.choices((0, 1, 2, 3), weights=(45, 30, 18, 7))[0]
        pick = gen.zh_tag if c.lang == "zh" else gen.en_tag
        tags: list[str] = []
        for _ in range(count):
            tag = pick()
            if tag not in tags:
                tags.append(tag)
        if c.grade == "A" and rng.random() < 0.5 and "VIP" not in tags:
            tags.append("VIP")
        rows.extend({"customer_id": c.id, "tag": t} for t in tags)
    return rows


def _write_contacts(
    conn: Connection, gen: _Generator, custs: list[_Cust], per_customer: float, chunk_size: int
) -> int:
    rng = gen.rng
    total = round(len(custs) * per_customer)
    base = max(1, int(per_customer)) if per_customer >= 1 else 0
    counts = [base] * len(custs)
    left = total - base * len(custs)
    if left > 0:
        for i in rng.choices(range(len(custs)), k=left):
            counts[i] += 1
    # Variety: move contacts between customers, keeping the total.
    for _ in range(len(custs) // 3):
        a, b = rng.randrange(len(custs)), rng.randrange(len(custs))
        if counts[a] > 1:
            counts[a] -= 1
            counts[b] += 1
    for i, c in enumerate(custs):
        if c.owner is not None and counts[i] == 0:
            counts[i] = 1
    next_contact = _next_id(conn, Contact.id)
    week = [md for md, _day in _birthday_days(gen.today)]

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal next_contact
        for c, count in zip(custs, counts, strict=True):
            c.contact_first, c.contact_count = next_contact, count
            for k in range(count):
                row = _contact_row(gen, c, next_contact, primary=k == 0)
                if k == 0 and c.birthday:
                    row["birthday_md"] = rng.choice(week)
                    row["birthday_year"] = rng.randint(1968, 1995) if rng.random() < 0.6 else None
                c.contact_names.append(row["name"])
                next_contact += 1
                yield row

    written = 0
    for chunk in _chunks(rows(), chunk_size):
        conn.execute(tables.contacts.insert(), chunk)
        written += len(chunk)
    return written


def _birthday_days(today: date) -> list[tuple[int, date]]:
    from salescli.domain.agenda import birthday_window

    return [(md, day) for md, day in birthday_window(today) if md != 229]


def _contact_row(gen: _Generator, c: _Cust, contact_id: int, *, primary: bool) -> dict[str, Any]:
    rng = gen.rng
    chinese = rng.random() < (0.92 if c.lang == "zh" else 0.3)
    if chinese:
        name, sp, gp = gen.zh_person()
        title = gen.zh_title()
        roll = rng.random()
        if roll < 0.45:
            email: str | None = f"{gp}.{sp}@{c.domain}"
        elif roll < 0.7:
            email = f"{rng.randint(100_000, 2_999_999_999)}@{rng.choice(vocab.FREE_MAIL)}"
        else:
            email = None
        wechat = rng.choice([f"{sp}{gp}{rng.randint(1, 999)}", f"wxid_{rng.getrandbits(40):010x}", None, None]) \
            if rng.random() < 0.8 else None
    else:
        name, first, last = gen.en_person()
        title = gen.en_title()
        email = f"{first}.{last}@{c.domain}" if rng.random() < 0.85 else None
        wechat = f"{first}_{last}{rng.randint(1, 99)}" if rng.random() < 0.35 else None
    phone = gen.mobile() if rng.random() < 0.85 else None
    if wechat is None and phone and chinese and rng.random() < 0.3:
        wechat = phone.replace(" ", "").replace("-", "").removeprefix("+86")
    birthday_md = birthday_year = None
    if rng.random() < 0.3:
        day = date(2000, 1, 1) + timedelta(days=rng.randrange(366))
        birthday_md = day.month * 100 + day.day
        birthday_year = rng.randint(1960, 1998) if rng.random() < 0.5 and birthday_md != 229 else None
    # A contact is on file before the first follow-up could name them.
    latest = c.first_contact or min(c.created_at + timedelta(days=20), gen.now)
    created = c.created_at + (latest - c.created_at) * rng.random()
    return {
        "id": contact_id, "customer_id": c.id, "name": name, "title": title, "phone": phone,
        "phone_key": dedupe.phone_key(phone, gen.region), "email": email, "email_key": dedupe.email_key(email),
        "wechat": wechat, "birthday_md": birthday_md, "birthday_year": birthday_year, "is_primary": primary,
        "created_at": c.created_at if primary else created, "archived": False,
    }


def _follow_up_rows(gen: _Generator, custs: list[_Cust]) -> list[list[Any]]:
    """Every follow-up, oldest first (ties keep customer order: deterministic)."""
    rng = gen.rng
    everyone: list[list[Any]] = []
    for c in custs:
        if not c.follow_ups:
            continue
        address = c.address
        for row in c.follow_ups:
            row[F_CUST] = c.id
            if c.contact_count and rng.random() < 0.85:
                k = rng.randrange(c.contact_count)
                row[F_CONTACT] = c.contact_first + k
                name = c.contact_names[k]
            else:
                name = "客户" if row[F_LANG] == "zh" else "the customer"
            if "{c}" in row[F_SUMMARY]:
                row[F_SUMMARY] = row[F_SUMMARY].replace("{c}", name)
            if row[F_KIND] == "visit":
                row[F_LOCATION] = address if rng.random() < 0.8 else (
                    "展会现场" if c.lang == "zh" else "Trade show booth"
                )
            everyone.append(row)
        c.follow_ups = []
    everyone.sort(key=lambda r: r[F_HAPPENED])
    return everyone


def _follow_up_dict(r: list[Any]) -> dict[str, Any]:
    closer = r[F_CLOSER]
    return {
        "id": r[F_ID], "customer_id": r[F_CUST], "contact_id": r[F_CONTACT], "author_id": r[F_AUTHOR],
        "assignee_id": r[F_AUTHOR] if r[F_DUE] is not None else None, "happened_at": r[F_HAPPENED],
        "kind": r[F_KIND], "summary": r[F_SUMMARY], "location": r[F_LOCATION], "next_action": r[F_NEXT],
        "due_on": r[F_DUE], "closed_at": r[F_CLOSED_AT], "closed_by_id": r[F_CLOSED_BY],
        "closed_by_follow_up_id": closer[F_ID] if closer is not None else None, "closed_note": r[F_NOTE],
        "created_at": r[F_CREATED],
    }


# --------------------------------------------------------------------------- deals (the pipeline)
#
# Deals come after the follow-ups, on the customers as they stand: owned customers get open
# deals in every stage (fewer in the later ones) and some closed ones, all owned by their
# owner; pool customers get only closed deals of the rep who released them (or none). Each
# rep's first deals are given the roles that fill the agenda's pipeline sections (stale,
# closing within 7 days, slipping, payments overdue or due soon, contracts ending), the rest
# draw those rarely, so every agenda has a few of each and never hundreds.

Deal = tables.deals.c
StageChange = tables.stage_changes.c
Payment = tables.payments.c

_OPEN_ROLES = ("stale", "closing", "slipping", "stale", "closing")
_WON_ROLES = ("overdue", "due_soon", "contract", "overdue", "contract")


@dataclass(slots=True)
class _Deal:
    cust: _Cust
    owner: int
    start: datetime  # the earliest it may be created (the owner's tenure)
    end: datetime  # the latest it may move or close
    status: str = "open"  # open | won | lost | closed (won or lost, decided per rep)
    pool: bool = False  # a closed deal of a pool customer's former owner
    # What the customer's hold needs (_assign_holds): won | negotiation (this deal exempts
    # it), lost | not_negotiation (nothing may exempt it), "" (free).
    must: str = ""
    role: str = ""
    stage_i: int = 0
    id: int = 0
    row: dict[str, Any] | None = None
    changes: list[tuple[Any, ...]] = field(default_factory=list)  # (kind, from, to, at, feedback)


def _former_owner(c: _Cust) -> tuple[int, datetime] | None:
    """The rep who released a pool customer (or lost it to recycling), and when."""
    for at, kind, frm, _to, _by, _reason in reversed(c.events):
        if kind in ("release", "recycle") and frm is not None:
            return frm, at
    return None


def _plan_deals(gen: _Generator, custs: list[_Cust], total: int | None) -> list[_Deal]:
    rng = gen.rng
    now = gen.now
    planned: list[_Deal] = []
    for c in custs:
        if c.owner is None or c.archived_at is not None:
            continue
        start = max(c.claimed_at or c.created_at, c.created_at)
        n_open = rng.choices((0, 1, 2, 3), weights=(20, 45, 25, 10))[0]
        n_closed = rng.choices((0, 1, 2, 3), weights=(35, 35, 20, 10))[0]
        if c.hold == "negotiation":
            n_open = max(1, n_open)
        elif c.hold == "won":
            n_closed = max(1, n_closed)
        for i in range(n_open):
            must = "negotiation" if c.hold == "negotiation" and i == 0 else _free_must(c, "not_negotiation")
            planned.append(_Deal(c, c.owner, start, now, must=must))
        for i in range(n_closed):
            must = "won" if c.hold == "won" and i == 0 else _free_must(c, "lost")
            planned.append(_Deal(c, c.owner, start, now, status="closed", must=must))
    worked = [(c, f) for c in custs if c.owner is None and c.archived_at is None and (f := _former_owner(c))]
    counts = [0] * len(worked)
    if total is None:
        counts = [rng.choices((0, 1, 2), weights=(65, 25, 10))[0] for _ in worked]
    else:
        if total < len(planned):  # the deals a hold needs stay
            needed = [i for i, d in enumerate(planned) if d.must in ("won", "negotiation")]
            others = [i for i, d in enumerate(planned) if d.must not in ("won", "negotiation")]
            keep = sorted(needed[:total] + rng.sample(others, max(0, total - len(needed))))
            planned = [planned[i] for i in keep]
        left = total - len(planned)
        if left > 0 and worked:
            for i in rng.choices(range(len(worked)), k=left):
                counts[i] += 1
        elif left > 0 and planned:  # no pool: more history on the owned customers
            owned = list(planned)
            for _ in range(left):
                d = rng.choice(owned)
                planned.append(_Deal(d.cust, d.owner, d.start, now, status="closed", must=_free_must(d.cust, "lost")))
    for (c, (former, released)), count in zip(worked, counts, strict=True):
        # A deal won in the last year exempts its customer from recycling: a recycled one lost them all.
        must = "lost" if any(kind == "recycle" for _at, kind, *_rest in c.events) else ""
        for _ in range(count):
            planned.append(_Deal(c, former, c.created_at, released, status="closed", pool=True, must=must))
    return planned


def _free_must(c: _Cust, guarded: str) -> str:
    """A deal of a customer that must stay unexempt (warned or locked) may not exempt it."""
    return guarded if c.hold in ("warn", "locked") else ""


def _assign_deal_roles(gen: _Generator, deals: list[_Deal], n_stages: int) -> None:
    """Stages for open deals (each rep has every stage, fewer in later ones), won or lost for
    closed ones, and the agenda roles: a few per rep."""
    rng = gen.rng
    cycle = gen.rules.sales_cycle_days
    weights = [n_stages - i + 1 for i in range(n_stages)]
    by_rep: dict[int, list[_Deal]] = {}
    for d in deals:
        if d.pool:
            d.status = "won" if rng.random() < 0.35 and d.must != "lost" else "lost"
        elif d.must == "lost":
            d.status = "lost"
        else:
            by_rep.setdefault(d.owner, []).append(d)
    negotiation = gen.negotiation
    for mine in by_rep.values():
        # Deals free to sit in any stage first: they give the rep a deal in every stage.
        opened = sorted((d for d in mine if d.status == "open"), key=lambda d: d.must != "")
        for k, d in enumerate(opened):
            d.stage_i = k if k < n_stages else rng.choices(range(n_stages), weights=weights)[0]
            if negotiation is not None and d.must == "negotiation":
                d.stage_i = negotiation
            elif d.must == "not_negotiation" and d.stage_i == negotiation and n_stages > 1:
                d.stage_i = rng.choice([i for i in range(n_stages) if i != negotiation])
        pending = list(_OPEN_ROLES)
        for d in rng.sample(opened, len(opened)):
            can_stale = (gen.now - d.start).days > cycle + 5
            role = next((r for r in pending if r != "stale" or can_stale), None)
            if role is not None:
                pending.remove(role)
            else:
                roll = rng.random()
                role = "stale" if roll < 0.06 and can_stale else "closing" if 0.06 <= roll < 0.09 else \
                    "slipping" if 0.09 <= roll < 0.12 else ""
            d.role = role
        closed = [d for d in mine if d.status == "closed"]
        pending = list(_WON_ROLES)
        for d in rng.sample(closed, len(closed)):
            long_enough = (gen.now - d.start).days > 40  # won 35+ days ago: an instalment is past due
            role = next((r for r in pending if r != "overdue" or long_enough), None)
            if role is not None:
                pending.remove(role)
                d.status, d.role = "won", role
            else:
                d.status = "won" if rng.random() < 0.4 else "lost"
            if d.must == "won":
                d.status = "won"


def _stage_path(
    gen: _Generator, keys: list[str], d: _Deal, final: int, lang: str, filler: list[int], target: float | None
) -> list[list[Any]]:
    """The deal's changes, oldest first, without times: [kind, from, to, feedback]."""
    rng = gen.rng
    zh = lang == "zh"
    notes = vocab.ZH_MOVE_NOTES if zh else vocab.EN_MOVE_NOTES

    def note(choices: list[str]) -> str:
        return rng.choice(choices).format(n=rng.randint(2, 90), pct=rng.choice((3, 5, 8, 10)))

    start = 1 if final >= 1 and rng.random() < 0.08 else 0
    rows: list[list[Any]] = [["create", None, keys[start], None]]
    cur, backs = start, 0
    while cur < final:
        roll = rng.random()
        if final - cur >= 2 and roll < 0.07:
            nxt = cur + rng.randint(2, final - cur)
            rows.append(["skip", keys[cur], keys[nxt], note(vocab.ZH_SKIP_NOTES if zh else vocab.EN_SKIP_NOTES)])
        elif cur > start and backs < 2 and roll < 0.13:
            nxt, backs = cur - 1, backs + 1
            rows.append(["back", keys[cur], keys[nxt], note(vocab.ZH_BACK_NOTES if zh else vocab.EN_BACK_NOTES)])
        else:
            nxt = cur + 1
            rows.append(["advance", keys[cur], keys[nxt], note(notes)])
        cur = nxt
    closing = 1 if d.status in ("won", "lost") else 0
    if len(rows) >= 2 and rng.random() < 0.04:  # lost once, then reopened
        at = rng.randint(1, len(rows) - 1)
        here = rows[at - 1][2]
        reason = _lost_reason(gen, lang)
        rows[at:at] = [["lost", here, "lost", reason],
                       ["reopen", "lost", here, note(vocab.ZH_REOPEN_NOTES if zh else vocab.EN_REOPEN_NOTES)]]
    # The benchmark asks for an average number of changes: a deal that went back and forth.
    if target is not None and final >= 1:
        for _ in range(3):
            deficit = target * (filler[0] + 1) - (filler[1] + len(rows) + closing)
            if deficit < 2 or deficit < 6 and rng.random() < 0.4:
                break
            back = note(vocab.ZH_BACK_NOTES if zh else vocab.EN_BACK_NOTES)
            rows.append(["back", keys[final], keys[final - 1], back])
            rows.append(["advance", keys[final - 1], keys[final], note(notes)])
    if d.status == "won":
        rows.append(["won", keys[final], "won", rng.choice(vocab.ZH_WON_NOTES if zh else vocab.EN_WON_NOTES)])
    elif d.status == "lost":
        rows.append(["lost", keys[final], "lost", _lost_reason(gen, lang)])
    filler[0] += 1
    filler[1] += len(rows)
    return rows


def _lost_reason(gen: _Generator, lang: str) -> str:
    return (gen.zh_lost if lang == "zh" else gen.en_lost)()


def _deal_amount(gen: _Generator) -> int:
    """A round-ish amount in cents: a typical size, give or take, to the thousand."""
    rng = gen.rng
    size = gen.deal_size()
    pct = rng.choice((80, 90, 100, 100, 100, 110, 125, 150))
    unit = 1000 if size >= 20_000 else 500
    return max(unit, (size * pct // 100 + unit // 2) // unit * unit) * 100


def _office(gen: _Generator, at: datetime, low: datetime, high: datetime) -> datetime:
    """`at` moved into office hours on its day, when that stays within (low, high]."""
    during = gen.moment(at.astimezone(gen.tz).date())
    return during if low < during <= high else at


def _between(gen: _Generator, start: datetime, end: datetime, k: int) -> list[datetime]:
    """`k` instants between `start` and `end`, in order, in office hours where they fit."""
    rng = gen.rng
    span = (end - start).total_seconds()
    out = []
    for _ in range(k):
        at = start + timedelta(seconds=int(span * rng.random()))
        during = gen.moment(at.astimezone(gen.tz).date())
        out.append(during if start < during < end else at)
    out.sort()
    return out


def _build_deal(
    gen: _Generator, d: _Deal, stages: Sequence[Any], filler: list[int], target: float | None
) -> list[dict[str, Any]]:
    """Fill `d.row` and `d.changes`; returns the deal's payments."""
    rng = gen.rng
    now, today = gen.now, gen.today
    cycle = gen.rules.sales_cycle_days
    keys = [s.key for s in stages]
    n = len(keys)
    c = d.cust
    lang = c.lang if rng.random() < 0.92 else ("en" if c.lang == "zh" else "zh")
    if d.status == "open":
        final = d.stage_i
    elif d.status == "won":  # won mostly from the stages likely to win, lost mostly early
        final = rng.choices(range(n), weights=[max(1, s.probability) ** 2 for s in stages])[0]
    else:
        final = rng.choices(range(n), weights=[max(1, 100 - s.probability) for s in stages])[0]
    path = _stage_path(gen, keys, d, final, lang, filler, target)
    start, end = d.start, min(d.end, now)
    if end <= start:
        start = end - timedelta(minutes=rng.randint(10, 600))
    # The last change: when it entered its stage (open) or closed.
    if d.status == "open":
        room = (now - start).days - cycle - 2  # days a stale deal's last move may lie further back
        if d.role == "stale" and room >= 1:
            last = gen.moment(today - timedelta(days=cycle + 2 + rng.randint(0, min(50, room))))
        else:
            last = gen.moment(today - timedelta(days=rng.randint(0, max(0, cycle - 2))))
    elif d.role == "overdue":
        last = gen.moment(today - timedelta(days=rng.randint(35, max(35, min(80, (now - start).days - 2)))))
    elif d.role == "due_soon":
        last = gen.moment(today - timedelta(days=rng.randint(5, 25)))
    else:
        last = _office(gen, start + (end - start) * rng.uniform(0.15, 1.0), start, end)
    if not start < last <= end:
        last = _office(gen, start + (end - start) * rng.uniform(0.3, 1.0), start, end)
    if len(path) == 1:
        created = last
    else:
        created = max(start, last - timedelta(days=rng.uniform(3, 14) * (len(path) - 1), minutes=rng.randint(0, 600)))
        created = _office(gen, created, start, last)
    times = [created, *_between(gen, created, last, len(path) - 2), last] if len(path) > 1 else [created]
    d.changes = [(kind, frm, to, at, feedback) for (kind, frm, to, feedback), at in zip(path, times, strict=True)]

    reached = max(keys.index(row[2]) for row in path if row[2] in keys)
    gate = {item for s in stages[: reached + 1] for item in s.gate}
    closed_at = last if d.status != "open" else None
    amount: int | None = _deal_amount(gen)
    if d.status == "won" and rng.random() < 0.3:
        amount = max(10_000, amount * 95 // 100 // 10_000 * 10_000)
    elif d.status == "open" and "amount" not in gate and rng.random() < 0.35:
        amount = None
    if d.status != "open":
        close_on: date | None = last.astimezone(gen.tz).date() + timedelta(days=rng.randint(-10, 10))
    elif d.role == "closing":
        close_on = today + timedelta(days=rng.randint(1, 6))
    elif d.role == "slipping":
        close_on = today - timedelta(days=rng.randint(2, 25))
    elif "close_on" in gate or rng.random() < 0.6:
        close_on = today + timedelta(days=rng.randint(10, 120))
    else:
        close_on = None
    zh = lang == "zh"
    product = rng.choice(vocab.ZH_PRODUCTS if zh else vocab.EN_PRODUCTS) \
        if "product" in gate or rng.random() < 0.9 else None
    template = rng.choice(vocab.ZH_DEAL_TITLES if zh else vocab.EN_DEAL_TITLES)
    title = template.format(p=product or ("设备" if zh else "Equipment"), n=rng.randint(2, 20),
                            y=created.astimezone(gen.tz).year)
    contract_end: date | None = None
    if d.status == "won":
        if d.role == "contract":
            contract_end = today + timedelta(days=rng.randint(2, 28))
        elif rng.random() < 0.5:
            contract_end = last.astimezone(gen.tz).date() + timedelta(days=365)
            if d.pool and contract_end >= today:
                contract_end = None
    d.row = {
        "customer_id": c.id, "title": title[:200], "amount_cents": amount, "stage": keys[final],
        "status": d.status, "close_on": close_on, "owner_id": d.owner, "product": product,
        "lost_reason": d.changes[-1][4] if d.status == "lost" else None, "contract_end": contract_end,
        "created_at": created, "created_by_id": d.owner, "stage_changed_at": last, "closed_at": closed_at,
        "updated_at": last,
    }
    with_schedule = 1.0 if d.role in ("overdue", "due_soon") else 0.5 if d.pool else 0.6
    if d.status != "won" or amount is None or rng.random() >= with_schedule:
        return []
    return _payment_rows(gen, d, amount, last, zh)


def _payment_rows(gen: _Generator, d: _Deal, amount: int, won_at: datetime, zh: bool) -> list[dict[str, Any]]:
    """2-4 instalments summing to at most the amount; past ones mostly paid."""
    rng = gen.rng
    now, today = gen.now, gen.today
    k = rng.choices((2, 3, 4), weights=(45, 35, 20))[0]
    scheduled = amount if rng.random() < 0.8 else amount * 9 // 10
    unit = 10_000  # whole hundreds of the currency
    parts = [max(unit, scheduled * share // 100 // unit * unit) for share in
             {2: (30, 70), 3: (30, 40, 30), 4: (30, 30, 30, 10)}[k]]
    parts[-1] = scheduled - sum(parts[:-1])
    if parts[-1] <= 0:
        parts = [scheduled]
    won_day = won_at.astimezone(gen.tz).date()
    if d.role == "due_soon":
        first = today + timedelta(days=rng.randint(0, 6))
    else:
        first = won_day + timedelta(days=rng.randint(3, 15))
    spacing = rng.choice((30, 30, 60, 90))
    dues = [first + timedelta(days=spacing * i) for i in range(len(parts))]
    if d.role == "due_soon" and len(dues) > 1:
        dues[0] = max(won_day, today - timedelta(days=rng.randint(10, 30)))  # the deposit, paid
        dues[1:] = [first + timedelta(days=spacing * i) for i in range(len(dues) - 1)]
    notes = vocab.ZH_PAYMENT_NOTES if zh else vocab.EN_PAYMENT_NOTES
    unpaid_past = max((i for i, due in enumerate(dues) if due < today), default=None) \
        if d.role == "overdue" else None
    created = min(won_at + timedelta(minutes=rng.randint(10, 2 * 24 * 60)), now)
    rows = []
    for i, (part, due) in enumerate(zip(parts, dues, strict=True)):
        if d.pool and due >= today - timedelta(days=3):
            break  # a released customer's deal was collected in full before it left
        paid_on: date | None = None
        if due < today and i != unpaid_past and (d.pool or d.role == "due_soon" or rng.random() < 0.96):
            paid_on = min(today, max(won_day, due + timedelta(days=rng.randint(-5, 15))))
        paid_at = None
        if paid_on is not None:
            paid_at = min(max(gen.moment(paid_on), created + timedelta(minutes=1)), now)
        rows.append({
            "deal_id": d, "amount_cents": part, "due_on": due, "paid_on": paid_on,
            "note": notes[min(i, len(notes) - 1)] if rng.random() < 0.7 else None, "created_at": created,
            "created_by_id": d.owner, "paid_at": paid_at, "paid_by_id": d.owner if paid_on else None,
        })
    return rows


def _make_deals(
    gen: _Generator, custs: list[_Cust], *, deals: int | None, changes_per_deal: float | None
) -> tuple[list[_Deal], list[dict[str, Any]]]:
    """Every deal with its stage changes, and their payments, in memory."""
    stages = list(gen.rules.stages)
    if not stages or deals == 0:
        return [], []
    planned = _plan_deals(gen, custs, deals)
    _assign_deal_roles(gen, planned, len(stages))
    filler = [0, 0]
    payments: list[dict[str, Any]] = []
    for d in planned:
        payments.extend(_build_deal(gen, d, stages, filler, changes_per_deal))
    gen.log(f"deals: {len(planned)} generated, {filler[1]} stage changes, {len(payments)} payments")
    return planned, payments


def _hold_check(gen: _Generator, custs: list[_Cust], planned: list[_Deal]) -> None:
    """No owned customer may be due for recycling at `now` unless locked or exempt
    (docs/pool.md): the first command would recycle it. Any the plan missed (odd team
    rules) is locked while its rep has locks left."""
    now = gen.now
    recent = now - timedelta(days=EXEMPT_WON_DAYS)
    won: dict[int, datetime] = {}
    negotiating: set[int] = set()
    for d in planned:
        if d.pool or d.row is None:
            continue
        if d.row["status"] == "won":
            won[d.cust.id] = max(won.get(d.cust.id, d.row["closed_at"]), d.row["closed_at"])
        elif d.row["status"] == "open" and gen.negotiation is not None and d.stage_i == gen.negotiation:
            negotiating.add(d.cust.id)
    locks: dict[int | None, int] = {}
    owned = [c for c in custs if c.owner is not None and c.archived_at is None]
    for c in owned:
        if c.locked_at is not None:
            locks[c.owner] = locks.get(c.owner, 0) + 1
    unprotected = 0
    for c in owned:
        won_at = won.get(c.id)
        if c.locked_at is not None or c.id in negotiating or won_at is not None and won_at >= recent:
            continue
        assert c.claimed_at is not None
        due, _rule = recycle_due(gen.rules.recycle, claimed_at=c.claimed_at, last_follow_up=c.last_contact,
                                 has_won_deal=won_at is not None and won_at >= c.claimed_at, grade=c.grade)
        if due > now:
            continue
        if locks.get(c.owner, 0) < gen.rules.max_locked:
            c.locked_at = _lock_time(gen, c)
            locks[c.owner] = locks.get(c.owner, 0) + 1
        else:
            unprotected += 1
    if unprotected:
        gen.log(f"pool: {unprotected} owned customers are due for recycling at `now` (team rules leave no room)")


def _write_deals(
    conn: Connection, gen: _Generator, planned: list[_Deal], payments: list[dict[str, Any]], *, chunk_size: int
) -> dict[str, int]:
    if not planned:
        return {"deals": 0, "stage_changes": 0, "payments": 0}
    planned.sort(key=lambda d: d.row["created_at"])  # type: ignore[index]
    next_deal = _next_id(conn, Deal.id)
    for offset, d in enumerate(planned):
        d.id = next_deal + offset
    for chunk in _chunks(({"id": d.id, **d.row} for d in planned), chunk_size):  # type: ignore[dict-item]
        conn.execute(tables.deals.insert(), chunk)
    gen.log("deals written")

    # Each change with how long the deal had stayed where it left (since its change before).
    changes = [(at, d, kind, frm, to, feedback, None if j == 0 else int((at - d.changes[j - 1][3]).total_seconds()))
               for d in planned for j, (kind, frm, to, at, feedback) in enumerate(d.changes)]
    changes.sort(key=lambda r: r[0])
    next_change = _next_id(conn, StageChange.id)
    change_rows = (
        {"id": next_change + i, "deal_id": d.id, "kind": kind, "from_stage": frm, "to_stage": to, "at": at,
         "by_user_id": d.owner, "feedback": feedback, "stay_seconds": stay}
        for i, (at, d, kind, frm, to, feedback, stay) in enumerate(changes)
    )
    for chunk in _chunks(change_rows, chunk_size):
        conn.execute(tables.stage_changes.insert(), chunk)
    gen.log("stage changes written")

    payments.sort(key=lambda p: (p["created_at"], p["deal_id"].id, p["due_on"]))
    next_payment = _next_id(conn, Payment.id)
    payment_rows = ({**p, "id": next_payment + i, "deal_id": p["deal_id"].id} for i, p in enumerate(payments))
    for chunk in _chunks(payment_rows, chunk_size):
        conn.execute(tables.payments.insert(), chunk)
    gen.log("payments written")
    for d in planned:
        d.row, d.changes = None, []
    return {"deals": len(planned), "stage_changes": len(changes), "payments": len(payments)}
