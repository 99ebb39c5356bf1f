"""listing and search indexes: customers in name order, and substring search that fits each engine

`customer list --all` reads customers in name order: an index on (name, id) hands them
over sorted (and, having no equality column, never tempts the planner away from the owner
index for one rep's listing). `customer list --all --search TEXT` looks for TEXT inside names,
cities, notes and contact names, which no B-tree can serve:

- PostgreSQL: trigram GIN indexes (pg_trgm) under the same ILIKE the query already
  runs. Creating the extension needs the right to; without it the search still works,
  by scanning, and the migration says so in a notice instead of failing.
- SQLite: FTS5 tables with the trigram tokenizer over the same columns, kept in step by
  triggers; the query matches in them when the text is 3 characters or more.

A later SQLite migration that rebuilds `customers` or `contacts` (a batch "move and copy")
drops their triggers with the old table: it must create them again (and `rebuild` the FTS
tables). These objects are engine-specific, so they live here rather than in store/tables.py;
`tables.SEARCH_OBJECTS` names them for the schema check (docs/architecture.md, "Search").

Revision ID: 0003_listing_and_search
Revises: 0002_team_settings
Create Date: 2026-11-24 16:00:00
"""

from alembic import op

revision = '0003_listing_and_search'
down_revision = '0002_team_settings'
branch_labels = None
depends_on = None

_SQLITE = [
    # Customers: name, dedupe key, city, notes; contacts: name. External content: the
    # text stays in the real tables, the FTS tables hold only the trigram index.
    "CREATE VIRTUAL TABLE customer_search USING fts5(name, name_key, city, notes,"
    " content='customers', content_rowid='id', tokenize='trigram')",
    "CREATE VIRTUAL TABLE contact_search USING fts5(name, content='contacts', content_rowid='id',"
    " tokenize='trigram')",
    "INSERT INTO customer_search(customer_search) VALUES ('rebuild')",
    "INSERT INTO contact_search(contact_search) VALUES ('rebuild')",
    "CREATE TRIGGER customer_search_insert AFTER INSERT ON customers BEGIN"
    " INSERT INTO customer_search(rowid, name, name_key, city, notes)"
    " VALUES (new.id, new.name, new.name_key, new.city, new.notes); END",
    "CREATE TRIGGER customer_search_delete AFTER DELETE ON customers BEGIN"
    " INSERT INTO customer_search(customer_search, rowid, name, name_key, city, notes)"
    " VALUES ('delete', old.id, old.name, old.name_key, old.city, old.notes); END",
    "CREATE TRIGGER customer_search_update AFTER UPDATE OF name, name_key, city, notes ON customers BEGIN"
    " INSERT INTO customer_search(customer_search, rowid, name, name_key, city, notes)"
    " VALUES ('delete', old.id, old.name, old.name_key, old.city, old.notes);"
    " INSERT INTO customer_search(rowid, name, name_key, city, notes)"
    " VALUES (new.id, new.name, new.name_key, new.city, new.notes); END",
    "CREATE TRIGGER contact_search_insert AFTER INSERT ON contacts BEGIN"
    " INSERT INTO contact_search(rowid, name) VALUES (new.id, new.name); END",
    "CREATE TRIGGER contact_search_delete AFTER DELETE ON contacts BEGIN"
    " INSERT INTO contact_search(contact_search, rowid, name) VALUES ('delete', old.id, old.name); END",
    "CREATE TRIGGER contact_search_update AFTER UPDATE OF name ON contacts BEGIN"
    " INSERT INTO contact_search(contact_search, rowid, name) VALUES ('delete', old.id, old.name);"
    " INSERT INTO contact_search(rowid, name) VALUES (new.id, new.name); END",
]

# {ops}: the operator class, named with the schema pg_trgm lives in (one per database,
# wherever it was first created, not necessarily on this store's search path).
_POSTGRESQL = [
    "CREATE INDEX ix_customers_name_trgm ON customers USING gin (name {ops})",
    "CREATE INDEX ix_customers_name_key_trgm ON customers USING gin (name_key {ops})",
    "CREATE INDEX ix_customers_city_trgm ON customers USING gin (city {ops})",
    "CREATE INDEX ix_customers_notes_trgm ON customers USING gin (notes {ops})",
    "CREATE INDEX ix_contacts_name_trgm ON contacts USING gin (name {ops})",
]


def upgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.create_index('ix_customers_name_id', ['name', 'id'], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        has_fts5 = bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar()
        import sqlite3

        if has_fts5 and sqlite3.sqlite_version_info >= (3, 34):  # the trigram tokenizer
            for statement in _SQLITE:
                op.execute(statement)
        return
    schema = _trgm_schema(bind)
    if schema is None:
        savepoint = bind.begin_nested()
        try:
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
        except Exception:  # noqa: BLE001 - no right to create it: search works, unindexed
            savepoint.rollback()
            return
        savepoint.commit()
        schema = _trgm_schema(bind)
    ops = '"' + schema.replace('"', '""') + '".gin_trgm_ops'
    for statement in _POSTGRESQL:
        op.execute(statement.format(ops=ops))


def _trgm_schema(bind) -> str | None:  # noqa: ANN001 - the migration's connection
    return bind.exec_driver_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
        " WHERE e.extname = 'pg_trgm'"
    ).scalar()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("customer_search_insert", "customer_search_delete", "customer_search_update",
                     "contact_search_insert", "contact_search_delete", "contact_search_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS customer_search")
        op.execute("DROP TABLE IF EXISTS contact_search")
    else:
        for name in ("ix_customers_name_trgm", "ix_customers_name_key_trgm", "ix_customers_city_trgm",
                     "ix_customers_notes_trgm", "ix_contacts_name_trgm"):
            op.execute(f"DROP INDEX IF EXISTS {name}")
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index('ix_customers_name_id')
