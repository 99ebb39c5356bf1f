"""pool: locks against recycling, per-customer recycle countdowns, claims by day

`customers.locked_at` marks a customer its owner locked against recycling (counted against
`pool.max_locked`); `customers.recycle_from` is the earliest moment the recycle countdowns
of one customer may count from (set when it is unlocked). The settings row
`pool.counting_since` is the same floor for every customer: when the rules came into force
or a threshold was lowered, so they never act retroactively (docs/pool.md). An upgraded
store whose pool rules are already in force starts every countdown at the upgrade.
`ownership_events` gains an index on (to_user_id, kind, at): the daily claim limit counts
a rep's claims of the day with it. `ix_customers_owner_name` reads the pool (owner NULL)
in name order without sorting a hundred thousand rows; `ix_customers_recycling` holds
every column the recycle rules read, so the check each command makes ("is anything
due?") reads the index alone.

Revision ID: 0007_pool
Revises: 0006_pipeline
Create Date: 2026-11-27 15:00:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = '0007_pool'
down_revision = '0006_pipeline'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('customers', sa.Column('locked_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('customers', sa.Column('recycle_from', sa.DateTime(timezone=True), nullable=True))
    op.create_index('ix_customers_recycling', 'customers', ['owner_id', 'locked_at', 'archived', 'grade', 'claimed_at',
                                                         'created_at', 'recycle_from', 'last_contact_at'])
    op.create_index('ix_customers_owner_name', 'customers', ['owner_id', 'archived', 'name', 'id'])
    op.create_index('ix_ownership_events_to_kind_at', 'ownership_events', ['to_user_id', 'kind', 'at'])
    _start_countdowns()


def _start_countdowns() -> None:
    """Before this version nothing was recycled: where the rules are in force already, the
    countdowns start at the upgrade, not at each customer's last follow-up."""
    from salescli.core.clock import now
    from salescli.store.tables import Instant

    bind = op.get_bind()
    active = bind.execute(sa.text("SELECT count(*) FROM users WHERE active = :yes"), {"yes": True}).scalar()
    enabled = bind.execute(sa.text("SELECT value FROM settings WHERE key = 'pool.enabled'")).scalar()
    in_force = json.loads(enabled) if enabled is not None else active >= 2
    if in_force:
        at = now()
        bind.execute(
            sa.text("INSERT INTO settings (key, value, updated_at) VALUES ('pool.counting_since', :value, :at)")
            .bindparams(sa.bindparam("at", type_=Instant())),
            {"value": json.dumps(at.isoformat()), "at": at},
        )


def downgrade() -> None:
    op.drop_index('ix_ownership_events_to_kind_at', table_name='ownership_events')
    op.drop_index('ix_customers_owner_name', table_name='customers')
    op.drop_index('ix_customers_recycling', table_name='customers')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_column('recycle_from')
        batch_op.drop_column('locked_at')
