"""pinyin keys: customers are found by the pinyin of their name (`hongda`, `hd`)

Two columns, `name_pinyin` ("beijinghongdakeji") and `name_initials` ("bjhdkj"),
computed by domain/pinyin.py when a name is written, each with a B-tree index: a typed
key that equals one is an index look-up, and a substring search reads the narrow index
instead of the table (docs/search.md). Existing customers are filled in here, in chunks:
the keys are computed in Python and written with one executemany UPDATE per chunk.

Keys of three characters or more are also served like the other searchable columns of
0003: on SQLite by an FTS5 trigram table over the two keys (`customer_pinyin_search`,
external content, kept in step by triggers), on PostgreSQL by trigram GIN indexes when
pg_trgm is there. Shorter keys (`hd`) scan the B-tree indexes.

The SQLite columns are added in place (ALTER TABLE ADD COLUMN), so the customers table
is not rebuilt and the search triggers of 0003 stay.

Revision ID: 0005_pinyin_keys
Revises: 0004_task_times
Create Date: 2026-11-27 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0005_pinyin_keys'
down_revision = '0004_task_times'
branch_labels = None
depends_on = None

CHUNK = 5000

_SQLITE = [
    "CREATE VIRTUAL TABLE customer_pinyin_search USING fts5(name_pinyin, name_initials,"
    " content='customers', content_rowid='id', tokenize='trigram')",
    "INSERT INTO customer_pinyin_search(customer_pinyin_search) VALUES ('rebuild')",
    "CREATE TRIGGER customer_pinyin_search_insert AFTER INSERT ON customers BEGIN"
    " INSERT INTO customer_pinyin_search(rowid, name_pinyin, name_initials)"
    " VALUES (new.id, new.name_pinyin, new.name_initials); END",
    "CREATE TRIGGER customer_pinyin_search_delete AFTER DELETE ON customers BEGIN"
    " INSERT INTO customer_pinyin_search(customer_pinyin_search, rowid, name_pinyin, name_initials)"
    " VALUES ('delete', old.id, old.name_pinyin, old.name_initials); END",
    "CREATE TRIGGER customer_pinyin_search_update AFTER UPDATE OF name_pinyin, name_initials ON customers BEGIN"
    " INSERT INTO customer_pinyin_search(customer_pinyin_search, rowid, name_pinyin, name_initials)"
    " VALUES ('delete', old.id, old.name_pinyin, old.name_initials);"
    " INSERT INTO customer_pinyin_search(rowid, name_pinyin, name_initials)"
    " VALUES (new.id, new.name_pinyin, new.name_initials); END",
]
_POSTGRESQL = [
    "CREATE INDEX ix_customers_name_pinyin_trgm ON customers USING gin (name_pinyin {ops})",
    "CREATE INDEX ix_customers_name_initials_trgm ON customers USING gin (name_initials {ops})",
]


def upgrade() -> None:
    op.add_column('customers', sa.Column('name_pinyin', sa.String(length=300), nullable=True))
    op.add_column('customers', sa.Column('name_initials', sa.String(length=200), nullable=True))
    bind = op.get_bind()
    # NFKC can make a dedupe key longer than its column ("ﷺ" is 18 characters); keys are
    # now cut to 200 (domain/dedupe.py). SQLite kept longer ones: cut them the same way.
    for table, column in (("customers", "name_key"), ("customers", "email_key"), ("contacts", "email_key")):
        op.execute(f"UPDATE {table} SET {column} = substr({column}, 1, 200) WHERE length({column}) > 200")
    _backfill(bind)
    op.create_index('ix_customers_name_pinyin', 'customers', ['name_pinyin'], unique=False)
    op.create_index('ix_customers_name_initials', 'customers', ['name_initials'], unique=False)
    if bind.dialect.name == "sqlite":
        # Only where 0003 made its trigram tables (FTS5 and SQLite 3.34): the queries use
        # both or neither (store/engine.py: `trigram_tables`).
        if bind.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'customer_search'"
        ).scalar():
            for statement in _SQLITE:
                op.execute(statement)
        return
    schema = bind.exec_driver_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
        " WHERE e.extname = 'pg_trgm'"
    ).scalar()
    if schema is not None:  # 0003 created it if it could; without it the keys are scanned
        ops = '"' + schema.replace('"', '""') + '".gin_trgm_ops'
        for statement in _POSTGRESQL:
            op.execute(statement.format(ops=ops))


def _backfill(bind) -> None:  # noqa: ANN001 - the migration's connection
    from salescli.domain.pinyin import pinyin_keys

    update = sa.text("UPDATE customers SET name_pinyin = :pinyin, name_initials = :initials WHERE id = :row_id")
    last = 0
    while True:
        rows = bind.execute(
            sa.text("SELECT id, name FROM customers WHERE id > :last ORDER BY id LIMIT :chunk"),
            {"last": last, "chunk": CHUNK},
        ).all()
        if not rows:
            return
        last = rows[-1][0]
        changes = []
        for row_id, name in rows:
            pinyin, initials = pinyin_keys(name)
            if pinyin is not None:
                changes.append({"row_id": row_id, "pinyin": pinyin, "initials": initials})
        if changes:
            bind.execute(update, changes)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("customer_pinyin_search_insert", "customer_pinyin_search_delete",
                     "customer_pinyin_search_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS customer_pinyin_search")
    else:
        for name in ("ix_customers_name_pinyin_trgm", "ix_customers_name_initials_trgm"):
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index('ix_customers_name_initials', table_name='customers')
    op.drop_index('ix_customers_name_pinyin', table_name='customers')
    # In place on SQLite too (3.35+): a batch "move and copy" would drop 0003's triggers.
    op.execute("ALTER TABLE customers DROP COLUMN name_initials")
    op.execute("ALTER TABLE customers DROP COLUMN name_pinyin")
