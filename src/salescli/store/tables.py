"""The schema: every table, defined once, as SQLAlchemy Core tables.

Why Core tables and not ORM classes: a command is a short process, and creating mapped
classes (and importing the ORM and Pydantic for them) cost ~150 ms of every run, more
than the queries themselves (docs/architecture.md, "Speed"). Queries select columns and
get rows back; a row reads like a record (`row.name`), and writes are `insert` and
`update` statements in `store/queries/`.

Migrations (store/migrations/) create these tables; `tests/test_migrations.py` checks
that the migrated schema and this module agree on both engines. A feature that adds a
table defines it here and writes a migration.

Instants are stored in UTC and come back as aware UTC datetimes (`Instant`); a naive
datetime is refused rather than guessed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import DateTime, TypeDecorator

from salescli.domain.dedupe import EMAIL_KEY_WIDTH, NAME_KEY_WIDTH
from salescli.domain.pinyin import INITIALS_WIDTH, PINYIN_WIDTH

metadata = MetaData()


class Instant(TypeDecorator[datetime]):
    """An aware datetime, stored as UTC (SQLite keeps it as text without an offset)."""

    impl = DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("salescli stores aware datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)


def _id() -> Column[Any]:
    return Column("id", Integer, primary_key=True)


def _user_ref(name: str, *, nullable: bool = True) -> Column[Any]:
    return Column(name, Integer, ForeignKey("users.id"), nullable=nullable)


users = Table(
    "users", metadata,
    _id(),
    Column("handle", String(64), nullable=False),
    Column("display_name", String(200), nullable=False, default=""),
    Column("role", String(16), nullable=False, default="rep"),  # rep | manager | admin
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", Instant(), nullable=False),
    UniqueConstraint("handle"),
)
"""A rep, manager or admin; the handle is what people type (`alice`)."""

customers = Table(
    "customers", metadata,
    _id(),
    Column("name", String(200), nullable=False),
    Column("name_key", String(NAME_KEY_WIDTH), nullable=False),
    Column("name_pinyin", String(PINYIN_WIDTH)),  # domain/pinyin.py: "beijinghongdakeji"; None without Chinese
    Column("name_initials", String(INITIALS_WIDTH)),  # "bjhdkj"
    Column("industry", String(100)),
    Column("size", String(16)),  # micro | small | medium | large
    Column("city", String(100)),
    Column("address", String(300)),
    Column("source", String(100)),
    Column("grade", String(1), nullable=False, default="B"),  # A key | B general | C potential
    Column("phone", String(64)),
    Column("phone_key", String(32)),
    Column("email", String(200)),
    Column("email_key", String(EMAIL_KEY_WIDTH)),
    Column("notes", Text),
    _user_ref("owner_id"),  # None: the customer is in the pool
    Column("claimed_at", Instant()),
    Column("last_contact_at", Instant()),  # kept in step with follow-ups: agenda queries never scan history
    Column("created_at", Instant(), nullable=False),
    _user_ref("created_by_id"),
    Column("updated_at", Instant()),
    Column("archived", Boolean, nullable=False, default=False),
    Column("archived_at", Instant()),
    Column("locked_at", Instant()),  # locked by its owner against recycling (pool.max_locked)
    Column("recycle_from", Instant()),  # recycle countdowns count from here at the earliest (docs/pool.md)
    # The name key reversed: a near-duplicate check finds names sharing their second half by
    # a prefix range on it, as it finds those sharing their first half on name_key (docs/leads.md).
    Column("name_key_rev", String(NAME_KEY_WIDTH)),
    Column("merged_into_id", Integer, ForeignKey("customers.id")),  # archived by `customer merge` into it
    Index("ix_customers_owner_last_contact", "owner_id", "archived", "last_contact_at"),
    # Lazy recycling's check reads only this index for every owned customer (docs/pool.md).
    Index("ix_customers_recycling", "owner_id", "locked_at", "archived", "grade", "claimed_at", "created_at",
          "recycle_from", "last_contact_at"),
    Index("ix_customers_owner_name", "owner_id", "archived", "name", "id"),  # the pool (and a book) by name
    Index("ix_customers_name_id", "name", "id"),  # `customer list --all`, in name order
    Index("ix_customers_name_key", "name_key"),
    Index("ix_customers_name_key_rev", "name_key_rev"),
    Index("ix_customers_name_pinyin", "name_pinyin"),
    Index("ix_customers_name_initials", "name_initials"),
    Index("ix_customers_phone_key", "phone_key"),
    Index("ix_customers_email_key", "email_key"),
    Index("ix_customers_created_at", "created_at", "created_by_id"),  # new customers per period (0009)
)
"""A company or person who buys. `name_key`, `phone_key` and `email_key` hold the
normalized dedupe keys (docs/identity-and-dedupe.md), so duplicate checks are look-ups;
`name_pinyin` and `name_initials` the pinyin keys a typed `hongda` or `hd` is matched
with (docs/search.md)."""

customer_tags = Table(
    "customer_tags", metadata,
    Column("customer_id", Integer, ForeignKey("customers.id"), primary_key=True),
    Column("tag", String(64), primary_key=True),
    Index("ix_customer_tags_tag", "tag"),
)
"""One tag on one customer; a table rather than a text column so `--tag` is indexed."""

contacts = Table(
    "contacts", metadata,
    _id(),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("title", String(100)),
    Column("phone", String(64)),
    Column("phone_key", String(32)),
    Column("email", String(200)),
    Column("email_key", String(EMAIL_KEY_WIDTH)),
    Column("wechat", String(100)),
    Column("birthday_md", Integer),  # MMDD: "birthdays this week" is an indexed IN query
    Column("birthday_year", Integer),  # only when known
    Column("is_primary", Boolean, nullable=False, default=False),
    Column("created_at", Instant(), nullable=False),
    Column("archived", Boolean, nullable=False, default=False),
    Index("ix_contacts_customer", "customer_id"),
    Index("ix_contacts_phone_key", "phone_key"),
    Index("ix_contacts_email_key", "email_key"),
    Index("ix_contacts_birthday_md", "birthday_md"),
    Index("ix_contacts_created_at", "created_at"),  # new contacts per period (0009)
)
"""A person at a customer."""

ownership_events = Table(
    "ownership_events", metadata,
    _id(),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
    # create | claim | release | recycle | assign | transfer | handover | merge
    Column("kind", String(16), nullable=False),
    _user_ref("from_user_id"),
    _user_ref("to_user_id"),
    _user_ref("by_user_id"),
    Column("at", Instant(), nullable=False),
    Column("reason", String(500)),
    Index("ix_ownership_events_customer_at", "customer_id", "at"),
    Index("ix_ownership_events_to_kind_at", "to_user_id", "kind", "at"),  # a rep's claims today
)
"""Every change of a customer's owner, never deleted: the trail the pool rules read back."""

OPEN_TASK = "due_on IS NOT NULL AND closed_at IS NULL"

follow_ups = Table(
    "follow_ups", metadata,
    _id(),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
    Column("contact_id", Integer, ForeignKey("contacts.id")),
    _user_ref("author_id", nullable=False),
    _user_ref("assignee_id"),  # starts as the author; moves with the customer on a handover
    Column("happened_at", Instant(), nullable=False),
    Column("kind", String(16), nullable=False),  # call | visit | email | meeting | message | note
    Column("summary", Text, nullable=False),
    Column("location", String(300)),
    Column("next_action", String(500)),
    Column("due_on", Date),  # set and `closed_at` empty: an open task
    Column("due_at", Instant()),  # the time of day, when one was typed (0004_task_times)
    Column("closed_at", Instant()),
    _user_ref("closed_by_id"),
    Column("closed_by_follow_up_id", Integer, ForeignKey("follow_ups.id")),
    Column("closed_note", String(500)),
    Column("created_at", Instant(), nullable=False),
    Index("ix_follow_ups_customer_happened", "customer_id", "happened_at"),
    # Activity reports and target actuals count a week's follow-ups of a rep or the team
    # from this index alone (0009).
    Index("ix_follow_ups_happened_author", "happened_at", "author_id", "kind", "customer_id"),
    # ... and a rep's over a longer range (the customers a rep contacted in a year) from this one.
    Index("ix_follow_ups_author_happened", "author_id", "happened_at", "kind", "customer_id"),
    # Open tasks are a small slice of a large history: these two are partial indexes
    # (their predicate is OPEN_TASK; see `ddl_options`).
    Index("ix_follow_ups_open_by_assignee", "assignee_id", "due_on"),
    Index("ix_follow_ups_open_by_customer", "customer_id"),
)
"""A logged call, visit, email ...; with a next date it is a task until closed."""

deals = Table(
    "deals", metadata,
    _id(),
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("amount_cents", BigInteger),  # whole hundredths of the team's currency; None: not known yet
    Column("stage", String(64), nullable=False),  # a stage key (core/stages.py); a closed deal keeps its last
    Column("status", String(8), nullable=False, default="open"),  # open | won | lost
    Column("close_on", Date),  # the expected close day (kept after closing; `closed_at` says when it closed)
    _user_ref("owner_id"),
    Column("product", String(100)),
    Column("lost_reason", String(500)),
    Column("contract_end", Date),
    Column("created_at", Instant(), nullable=False),
    _user_ref("created_by_id"),
    Column("stage_changed_at", Instant(), nullable=False),  # entering the stage; stale counts from here
    Column("closed_at", Instant()),
    Column("updated_at", Instant()),
    Index("ix_deals_owner_status_changed", "owner_id", "status", "stage_changed_at"),
    Index("ix_deals_status_stage", "status", "stage"),
    Index("ix_deals_owner_status_close_on", "owner_id", "status", "close_on"),  # closing soon
    Index("ix_deals_owner_status_contract_end", "owner_id", "status", "contract_end"),  # contracts ending
    Index("ix_deals_customer", "customer_id"),
    Index("ix_deals_created_at", "created_at"),
    Index("ix_deals_status_closed", "status", "closed_at", "owner_id", "amount_cents"),  # won per period (0009)
)
"""An opportunity (商机): a possible sale to a customer, moved through the team's stages
to won or lost (docs/pipeline.md). Never deleted; a closed deal changes only by reopening."""

stage_changes = Table(
    "stage_changes", metadata,
    _id(),
    Column("deal_id", Integer, ForeignKey("deals.id"), nullable=False),
    Column("kind", String(8), nullable=False),  # create | advance | skip | back | won | lost | reopen
    Column("from_stage", String(64)),  # None when the deal was created
    Column("to_stage", String(64), nullable=False),  # a stage key, or won / lost
    Column("at", Instant(), nullable=False),
    _user_ref("by_user_id"),
    Column("feedback", Text),  # what happened: the gate's note, the lost reason
    # How long the deal had been where this change took it from (seconds since the change
    # before); None for `create`. Kept so days-per-stage is a plain sum, no date parsing.
    Column("stay_seconds", BigInteger),
    # Covers the funnel's per-deal reads (furthest stage, stays) of one rep's deals.
    Index("ix_stage_changes_deal_stages", "deal_id", "to_stage", "from_stage", "stay_seconds"),
    Index("ix_stage_changes_at", "at", "kind", "by_user_id"),  # stage advances per period (0009)
)
"""Every move of a deal, never changed or deleted: its history, and what the funnel's
conversion and days-per-stage are computed from."""

payments = Table(
    "payments", metadata,
    _id(),
    Column("deal_id", Integer, ForeignKey("deals.id"), nullable=False),
    Column("amount_cents", BigInteger, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("paid_on", Date),  # None: still to collect
    Column("note", String(500)),
    Column("created_at", Instant(), nullable=False),
    _user_ref("created_by_id"),
    Column("paid_at", Instant()),  # when it was marked paid
    _user_ref("paid_by_id"),
    Index("ix_payments_deal", "deal_id"),
    Index("ix_payments_open_due", "paid_on", "due_on"),
)
"""One instalment of a won deal: what is due when, and when it was paid (receivables)."""

import_batches = Table(
    "import_batches", metadata,
    _id(),
    Column("kind", String(16), nullable=False, default="lead"),  # lead | customer: what the rows became
    Column("file_name", String(500)),  # as typed; "-" for standard input
    Column("source", String(100)),  # --source, given to rows without one of their own
    Column("encoding", String(32)),
    Column("delimiter", String(8)),
    Column("mapping", Text),  # JSON: the file's column -> the field it filled
    _user_ref("by_user_id"),
    _user_ref("assigned_to_id"),  # --assign USER: every imported lead starts with this owner
    Column("started_at", Instant(), nullable=False),
    Column("finished_at", Instant()),  # None: still running, or the process was killed
    Column("undone_at", Instant()),  # `lead import --undo`
    Column("read_rows", Integer, nullable=False, default=0),
    Column("imported", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
    Column("flagged", Integer, nullable=False, default=0),
    Column("updated", Integer, nullable=False, default=0),
    Column("linked", Integer, nullable=False, default=0),  # leads whose company is already a customer
)
"""One run of an import: what was read, how, by whom, and what became of it. The rows it
wrote carry its id, so a batch is undone or audited as a whole (docs/leads.md)."""

leads = Table(
    "leads", metadata,
    _id(),
    Column("company", String(200)),
    Column("company_key", String(NAME_KEY_WIDTH)),  # dedupe.name_key of the company
    Column("contact", String(200)),
    Column("contact_key", String(200)),  # dedupe.person_key of the contact's name; "" when none
    Column("title", String(100)),
    Column("phone", String(64)),
    Column("phone_key", String(32)),
    Column("email", String(200)),
    Column("email_key", String(EMAIL_KEY_WIDTH)),
    Column("wechat", String(100)),
    Column("city", String(100)),
    Column("address", String(300)),
    Column("industry", String(100)),
    Column("source", String(100)),
    Column("website", String(200)),
    Column("note", Text),
    Column("extra", Text),  # JSON object: the file's columns no field took, kept as they were
    Column("flags", String(64)),  # comma-separated: bad_phone, bad_email (kept, but flagged)
    Column("status", String(16), nullable=False, default="new"),  # new | working | converted | disqualified
    _user_ref("owner_id"),  # None: the lead is in the pool
    Column("claimed_at", Instant()),
    Column("customer_id", Integer, ForeignKey("customers.id")),  # its company's customer, or what it became
    Column("deal_id", Integer, ForeignKey("deals.id")),  # the deal `lead convert --deal` opened
    Column("batch_id", Integer, ForeignKey("import_batches.id")),
    Column("source_line", Integer),  # the line of the file the row started on
    Column("disqualify_reason", String(500)),
    Column("last_contact_at", Instant()),
    Column("converted_at", Instant()),
    Column("created_at", Instant(), nullable=False),
    _user_ref("created_by_id"),
    Column("updated_at", Instant()),
    Column("archived", Boolean, nullable=False, default=False),  # undone import, or merged away
    Column("merged_into_id", Integer, ForeignKey("leads.id")),
    Index("ix_leads_phone_key", "phone_key"),
    Index("ix_leads_email_key", "email_key"),
    Index("ix_leads_company_contact", "company_key", "contact_key"),
    Index("ix_leads_batch", "batch_id"),
    Index("ix_leads_owner_status", "owner_id", "status"),
    Index("ix_leads_source_status", "source", "status"),
    Index("ix_leads_customer", "customer_id"),
)
"""A raw prospect (线索), usually imported: a person at a company, worked until it is
converted into a customer or disqualified (docs/leads.md). Never deleted."""

lead_events = Table(
    "lead_events", metadata,
    _id(),
    Column("lead_id", Integer, ForeignKey("leads.id"), nullable=False),
    # take | assign | release | follow_up | update | convert | disqualify | reopen | merge | undo
    Column("kind", String(16), nullable=False),
    _user_ref("by_user_id"),
    Column("at", Instant(), nullable=False),
    _user_ref("from_user_id"),  # for changes of owner
    _user_ref("to_user_id"),
    Column("follow_up_kind", String(16)),  # call | visit | email | meeting | message | note
    Column("summary", Text),  # what was said, or the reason given
    Column("customer_id", Integer, ForeignKey("customers.id")),
    Column("deal_id", Integer, ForeignKey("deals.id")),
    Column("other_lead_id", Integer, ForeignKey("leads.id")),  # merge: the lead merged in
    Index("ix_lead_events_lead_at", "lead_id", "at"),
    Index("ix_lead_events_to_kind_at", "to_user_id", "kind", "at"),  # a rep's takes today
)
"""Everything that happened to a lead after its import: its follow-ups and every change of
owner or status, never deleted."""

targets = Table(
    "targets", metadata,
    _id(),
    _user_ref("user_id"),  # None: the team's target
    Column("period", String(32), nullable=False),  # canonical: 2027, 2027-Q1, 2027-03, 2027-W05
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),  # the day after the period's last
    Column("metric", String(16), nullable=False),  # won_amount | won_deals | new_customers | follow_ups | visits
    Column("value", BigInteger, nullable=False),  # cents for won_amount, a count otherwise
    Column("split", String(200)),  # how this target was split into its parts: even, or the weights typed
    Column("parent_id", Integer, ForeignKey("targets.id")),  # the target this one was split from
    _user_ref("set_by_id"),
    Column("set_at", Instant(), nullable=False),
    Column("replaced_at", Instant()),  # None: in force; set when a new target replaced it (never deleted)
    Index("ix_targets_user_metric", "user_id", "metric", "starts_on"),
)
"""A goal for a rep (or the team) over a period, set directly or split from a longer one
(docs/targets.md). A target set again replaces the old row, which is kept."""

plan_items = Table(
    "plan_items", metadata,
    _id(),
    _user_ref("user_id", nullable=False),  # whose plan
    Column("week", String(8), nullable=False),  # the ISO week planned: 2026-W48
    Column("day", Date, nullable=False),
    Column("position", Integer, nullable=False),  # route order within the day
    Column("customer_id", Integer, ForeignKey("customers.id"), nullable=False),
    Column("deal_id", Integer, ForeignKey("deals.id")),
    Column("kind", String(8), nullable=False),  # call | visit
    Column("purpose", String(24), nullable=False),  # domain/planner.py PURPOSES
    Column("score", Integer, nullable=False),
    Column("parts", Text, nullable=False),  # JSON: the score's parts, as `plan week --json` shows them
    Column("task_id", Integer, ForeignKey("follow_ups.id")),  # the task it made, or the open task it stands for
    Column("committed_at", Instant(), nullable=False),
    Column("replaced_at", Instant()),  # a later `plan week --commit` of the same week replaced it
    Index("ix_plan_items_user_week", "user_id", "week"),
)
"""One committed item of a rep's week plan (`plan week --commit`), kept so `plan review`
can say what was done, swapped or missed (docs/plan.md)."""

settings = Table(
    "settings", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),  # the JSON of the checked value
    Column("updated_at", Instant(), nullable=False),
    _user_ref("updated_by_id"),
)
"""One team rule as the team set it (docs/settings.md); a key with no row has its default."""

setting_changes = Table(
    "setting_changes", metadata,
    _id(),
    Column("key", String(64), nullable=False),
    Column("old_value", Text),  # JSON; NULL means "the default"
    Column("new_value", Text),
    _user_ref("by_user_id"),
    Column("at", Instant(), nullable=False),
    Column("origin", String(16), nullable=False, default="set"),  # set | file
    Index("ix_setting_changes_key_at", "key", "at"),
)
"""Who changed a team rule, when, from what to what; never deleted."""

# Substring search is served by objects only one engine has (migration 0003): SQLite's
# FTS5 tables (with their shadow tables and triggers), PostgreSQL's trigram indexes.
SEARCH_OBJECTS = ("customer_search", "contact_search", "customer_pinyin_search")
SEARCH_INDEXES = ("ix_customers_name_trgm", "ix_customers_name_key_trgm", "ix_customers_city_trgm",
                  "ix_customers_notes_trgm", "ix_contacts_name_trgm",
                  "ix_customers_name_pinyin_trgm", "ix_customers_name_initials_trgm",  # 0005
                  "ix_customers_name_key_c", "ix_customers_name_key_rev_c")  # 0008: PostgreSQL's "C" ranges


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """For Alembic's schema comparison: leave the engine-specific search objects out."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_OBJECTS)
    if type_ == "index":
        return name not in SEARCH_INDEXES
    return True


PARTIAL_INDEXES = {
    "ix_follow_ups_open_by_assignee": OPEN_TASK,
    "ix_follow_ups_open_by_customer": OPEN_TASK,
}


def ddl_options() -> MetaData:
    """The metadata with what only DDL needs: the partial indexes' predicates.

    Naming them in the definitions above (`sqlite_where=`, `postgresql_where=`) would
    import both engines' dialects on every command (~25 ms each); only migrations and
    the schema check need them, so they call this.
    """
    for table in metadata.tables.values():
        for index in table.indexes:
            where = PARTIAL_INDEXES.get(index.name or "")
            if where is not None and "sqlite_where" not in index.dialect_kwargs:
                index.dialect_kwargs["sqlite_where"] = text(where)
                index.dialect_kwargs["postgresql_where"] = text(where)
    return metadata
