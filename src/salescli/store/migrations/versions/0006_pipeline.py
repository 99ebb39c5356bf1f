"""pipeline: deals, their stage history, and payments (docs/pipeline.md)

`deals` holds each opportunity with its current stage key and status (open, won, lost);
`stage_changes` every move (never changed or deleted), with how long the deal had stayed
where it left (`stay_seconds`, so days-per-stage needs no date arithmetic); `payments` the instalments of won
deals. Amounts are whole hundredths in 64-bit integers, so sums are exact in SQL on both
engines. The stage list itself is a team rule in `settings` (`pipeline.stages`); with no
row the defaults apply.

Revision ID: 0006_pipeline
Revises: 0005_pinyin_keys
Create Date: 2026-11-27 12:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006_pipeline'
down_revision = '0005_pinyin_keys'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'deals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('amount_cents', sa.BigInteger(), nullable=True),
        sa.Column('stage', sa.String(length=64), nullable=False),
        sa.Column('status', sa.String(length=8), nullable=False),
        sa.Column('close_on', sa.Date(), nullable=True),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('product', sa.String(length=100), nullable=True),
        sa.Column('lost_reason', sa.String(length=500), nullable=True),
        sa.Column('contract_end', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('stage_changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id']),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id']),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_deals_owner_status_changed', 'deals', ['owner_id', 'status', 'stage_changed_at'])
    op.create_index('ix_deals_status_stage', 'deals', ['status', 'stage'])
    op.create_index('ix_deals_owner_status_close_on', 'deals', ['owner_id', 'status', 'close_on'])
    op.create_index('ix_deals_owner_status_contract_end', 'deals', ['owner_id', 'status', 'contract_end'])
    op.create_index('ix_deals_customer', 'deals', ['customer_id'])
    op.create_index('ix_deals_created_at', 'deals', ['created_at'])
    op.create_table(
        'stage_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('deal_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('from_stage', sa.String(length=64), nullable=True),
        sa.Column('to_stage', sa.String(length=64), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('by_user_id', sa.Integer(), nullable=True),
        sa.Column('feedback', sa.Text(), nullable=True),
        sa.Column('stay_seconds', sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(['deal_id'], ['deals.id']),
        sa.ForeignKeyConstraint(['by_user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_stage_changes_deal_stages', 'stage_changes',
                    ['deal_id', 'to_stage', 'from_stage', 'stay_seconds'])
    op.create_table(
        'payments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('deal_id', sa.Integer(), nullable=False),
        sa.Column('amount_cents', sa.BigInteger(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('paid_on', sa.Date(), nullable=True),
        sa.Column('note', sa.String(length=500), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('paid_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['deal_id'], ['deals.id']),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id']),
        sa.ForeignKeyConstraint(['paid_by_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_payments_deal', 'payments', ['deal_id'])
    op.create_index('ix_payments_open_due', 'payments', ['paid_on', 'due_on'])


def downgrade() -> None:
    op.drop_table('payments')
    op.drop_table('stage_changes')
    op.drop_table('deals')
