"""Serialising the writes that check before they write (docs/concurrency.md).

A duplicate check and the insert it allows, a cap check and the claim, "is this the first
user?" and the admin it creates: each pair must run as one step, or two reps acting at the
same moment both pass the check. On SQLite every write transaction already starts with
`BEGIN IMMEDIATE`, which lets one writer in at a time. On PostgreSQL, under READ
COMMITTED, `hold()` takes transaction-scoped advisory locks named after what is checked
(the normalized name key, the owner, the user list), so only writers touching the same
names wait for each other, and every statement after the lock sees what the previous
holder committed. The locks go when the transaction ends.

Take every lock a transaction needs in one `hold()` call, before reading what it checks:
the locks are taken in a fixed order, so two transactions can never wait on each other.
"""

from __future__ import annotations

from hashlib import blake2b

from salescli.store.engine import Session

LockName = tuple[str, str | int]

# Names in use; each is (kind, value).
USERS: LockName = ("users", "")  # the user list: first admin, adding users, roles


def name_key(key: str) -> LockName:
    return ("customer-name", key)


def phone_key(key: str) -> LockName:
    return ("phone", key)


def email_key(key: str) -> LockName:
    return ("email", key)


def owner(user_id: int) -> LockName:
    return ("owner", user_id)


def setting(key: str) -> LockName:
    return ("setting", key)


def lock_id(name: LockName) -> int:
    """A stable signed 64-bit id for PostgreSQL's advisory lock functions."""
    digest = blake2b(f"{name[0]}\x1f{name[1]}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def hold(session: Session, *names: LockName | None) -> None:
    """Hold the named locks until the current transaction ends (None entries are skipped)."""
    if session.dialect != "postgresql":
        return  # SQLite: the write transaction's BEGIN IMMEDIATE already serialises writers
    for ident in sorted({lock_id(name) for name in names if name is not None}):
        session.execute("SELECT pg_advisory_xact_lock(:id)", {"id": ident})
