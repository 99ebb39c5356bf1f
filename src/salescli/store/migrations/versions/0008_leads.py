"""leads: lead lists imported from files, worked, merged and converted into customers

Three tables: `import_batches` (one run of `lead import`: what was read, how, by whom and
what became of each row), `leads` (a prospect, with its dedupe keys, the batch and line it
came from, and its unmapped columns kept as JSON) and `lead_events` (follow-ups on a lead and
every change of its owner or status). `customers` gains `name_key_rev` (the name key
reversed, so a near-duplicate check is two index range reads instead of a scan of every
name; on PostgreSQL both keys also get an index in the "C" collation, which those ranges
compare in) and `merged_into_id` (set on the customer `customer merge` archived). Phone keys of
customers and contacts are recomputed with the phonenumbers library, so `010-8888 8888`
and `+86 10 8888 8888` meet (docs/leads.md, docs/identity-and-dedupe.md).

Revision ID: 0008_leads
Revises: 0007_pool
Create Date: 2026-11-27 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0008_leads'
down_revision = '0007_pool'
branch_labels = None
depends_on = None

CHUNK = 5000


def _user(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), sa.ForeignKey('users.id'), nullable=True)


def upgrade() -> None:
    op.create_table(
        'import_batches',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('file_name', sa.String(length=500), nullable=True),
        sa.Column('source', sa.String(length=100), nullable=True),
        sa.Column('encoding', sa.String(length=32), nullable=True),
        sa.Column('delimiter', sa.String(length=8), nullable=True),
        sa.Column('mapping', sa.Text(), nullable=True),
        _user('by_user_id'),
        _user('assigned_to_id'),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
        *(sa.Column(name, sa.Integer(), nullable=False)
          for name in ('read_rows', 'imported', 'duplicates', 'rejected', 'flagged', 'updated', 'linked')),
    )
    op.create_table(
        'leads',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('company', sa.String(length=200), nullable=True),
        sa.Column('company_key', sa.String(length=200), nullable=True),
        sa.Column('contact', sa.String(length=200), nullable=True),
        sa.Column('contact_key', sa.String(length=200), nullable=True),
        sa.Column('title', sa.String(length=100), nullable=True),
        sa.Column('phone', sa.String(length=64), nullable=True),
        sa.Column('phone_key', sa.String(length=32), nullable=True),
        sa.Column('email', sa.String(length=200), nullable=True),
        sa.Column('email_key', sa.String(length=200), nullable=True),
        sa.Column('wechat', sa.String(length=100), nullable=True),
        sa.Column('city', sa.String(length=100), nullable=True),
        sa.Column('address', sa.String(length=300), nullable=True),
        sa.Column('industry', sa.String(length=100), nullable=True),
        sa.Column('source', sa.String(length=100), nullable=True),
        sa.Column('website', sa.String(length=200), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('extra', sa.Text(), nullable=True),
        sa.Column('flags', sa.String(length=64), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        _user('owner_id'),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('customer_id', sa.Integer(), sa.ForeignKey('customers.id'), nullable=True),
        sa.Column('deal_id', sa.Integer(), sa.ForeignKey('deals.id'), nullable=True),
        sa.Column('batch_id', sa.Integer(), sa.ForeignKey('import_batches.id'), nullable=True),
        sa.Column('source_line', sa.Integer(), nullable=True),
        sa.Column('disqualify_reason', sa.String(length=500), nullable=True),
        sa.Column('last_contact_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('converted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        _user('created_by_id'),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('archived', sa.Boolean(), nullable=False),
        sa.Column('merged_into_id', sa.Integer(), sa.ForeignKey('leads.id'), nullable=True),
    )
    for name, columns in (('ix_leads_phone_key', ['phone_key']), ('ix_leads_email_key', ['email_key']),
                          ('ix_leads_company_contact', ['company_key', 'contact_key']),
                          ('ix_leads_batch', ['batch_id']), ('ix_leads_owner_status', ['owner_id', 'status']),
                          ('ix_leads_source_status', ['source', 'status']), ('ix_leads_customer', ['customer_id'])):
        op.create_index(name, 'leads', columns)
    op.create_table(
        'lead_events',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('lead_id', sa.Integer(), sa.ForeignKey('leads.id'), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        _user('by_user_id'),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        _user('from_user_id'),
        _user('to_user_id'),
        sa.Column('follow_up_kind', sa.String(length=16), nullable=True),
        sa.Column('summary', sa.Text(), nullable=True),
        sa.Column('customer_id', sa.Integer(), sa.ForeignKey('customers.id'), nullable=True),
        sa.Column('deal_id', sa.Integer(), sa.ForeignKey('deals.id'), nullable=True),
        sa.Column('other_lead_id', sa.Integer(), sa.ForeignKey('leads.id'), nullable=True),
    )
    op.create_index('ix_lead_events_lead_at', 'lead_events', ['lead_id', 'at'])
    op.create_index('ix_lead_events_to_kind_at', 'lead_events', ['to_user_id', 'kind', 'at'])
    # In place on SQLite (ADD COLUMN ... REFERENCES is allowed with a NULL default), so the
    # customers table is not rebuilt and the search triggers of 0003 and 0005 stay.
    op.add_column('customers', sa.Column('name_key_rev', sa.String(length=200), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":  # Alembic would ask for a batch rebuild to add the reference
        op.execute("ALTER TABLE customers ADD COLUMN merged_into_id INTEGER REFERENCES customers (id)")
    else:
        op.add_column('customers', sa.Column('merged_into_id', sa.Integer(), sa.ForeignKey('customers.id'),
                                             nullable=True))
    _backfill(bind)
    op.create_index('ix_customers_name_key_rev', 'customers', ['name_key_rev'])
    if bind.dialect.name == "postgresql":
        # The near-name probes read key ranges by code point; a database whose default
        # collation is linguistic (en_US, zh_CN) orders them otherwise, so the probes
        # compare and are indexed in the "C" collation (store/queries/near_names.py).
        for name, column in (("ix_customers_name_key_c", "name_key"), ("ix_customers_name_key_rev_c", "name_key_rev")):
            op.execute(f'CREATE INDEX {name} ON customers ({column} COLLATE "C")')


def _region(bind) -> str:  # noqa: ANN001 - the migration's connection
    import json

    value = bind.execute(sa.text("SELECT value FROM settings WHERE key = 'import.default_region'")).scalar()
    return json.loads(value) if value is not None else "CN"


def _backfill(bind) -> None:  # noqa: ANN001 - the migration's connection
    """Reversed name keys for every customer; phone keys recomputed by the new rules."""
    from salescli.domain.dedupe import phone_key

    region = _region(bind)
    for table, with_name in (("customers", True), ("contacts", False)):
        columns = "id, phone, name_key" if with_name else "id, phone, NULL"
        sets = "phone_key = :phone_key" + (", name_key_rev = :rev" if with_name else "")
        update = sa.text(f"UPDATE {table} SET {sets} WHERE id = :row_id")
        last = 0
        while True:
            rows = bind.execute(
                sa.text(f"SELECT {columns} FROM {table} WHERE id > :last ORDER BY id LIMIT :chunk"),
                {"last": last, "chunk": CHUNK},
            ).all()
            if not rows:
                break
            last = rows[-1][0]
            changes = [{"row_id": row_id, "phone_key": phone_key(phone, region),
                        "rev": key[::-1] if key else None} for row_id, phone, key in rows]
            bind.execute(update, changes)


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_customers_name_key_c")
    op.execute("DROP INDEX IF EXISTS ix_customers_name_key_rev_c")
    op.drop_index('ix_customers_name_key_rev', table_name='customers')
    op.execute("ALTER TABLE customers DROP COLUMN merged_into_id")
    op.execute("ALTER TABLE customers DROP COLUMN name_key_rev")
    op.drop_index('ix_lead_events_to_kind_at', table_name='lead_events')
    op.drop_index('ix_lead_events_lead_at', table_name='lead_events')
    op.drop_table('lead_events')
    for name in ('ix_leads_customer', 'ix_leads_source_status', 'ix_leads_owner_status', 'ix_leads_batch',
                 'ix_leads_company_contact', 'ix_leads_email_key', 'ix_leads_phone_key'):
        op.drop_index(name, table_name='leads')
    op.drop_table('leads')
    op.drop_table('import_batches')
