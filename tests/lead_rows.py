"""Leads written straight into a test's store, as the importer writes them (its bulk
insert, store/queries/leads.py `insert_many`), so the lead work is tested without `lead import`."""

from __future__ import annotations

from datetime import UTC, datetime

CREATED = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # Friday before the tests' Monday, 10:00 in Shanghai


def lead(company: str | None, contact: str | None, *, phone: str | None = None, email: str | None = None,
         **fields: object) -> dict[str, object]:
    """A lead row with its dedupe keys, as the importer writes it."""
    from salescli.domain import dedupe

    return {"company": company, "company_key": dedupe.name_key(company) if company else None, "contact": contact,
            "contact_key": dedupe.person_key(contact), "phone": phone, "phone_key": dedupe.phone_key(phone),
            "email": email, "email_key": dedupe.email_key(email), "created_at": CREATED, **fields}


def add_leads(*rows: dict[str, object], batch: str | None = None) -> list[int]:
    """Insert leads (optionally as one import batch of file `batch`) in one transaction."""
    from salescli.services.context import open_context
    from salescli.store.queries import leads as queries

    ctx = open_context()
    try:
        with ctx.session(write=True) as session:
            batch_id = None
            if batch is not None:
                batch_id = session.execute(
                    "INSERT INTO import_batches (kind, file_name, started_at, read_rows, imported, duplicates,"
                    " rejected, flagged, updated, linked) VALUES ('lead', :file, :at, 0, 0, 0, 0, 0, 0, 0)"
                    " RETURNING id", {"file": batch, "at": CREATED},
                ).scalar()
            return queries.insert_many(session, [row | ({"batch_id": batch_id} if batch_id else {}) for row in rows])
    finally:
        ctx.close()
