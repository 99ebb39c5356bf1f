"""targets and plans: targets per rep and period, committed week plans, activity indexes

Two tables: `targets` (a goal for a rep or the team over a period, split from a longer one
or set directly, replaced but never deleted) and `plan_items` (the items of a committed
week plan, which `plan review` compares with the follow-ups logged). Indexes let the
activity report and target actuals count a period's rows by range instead of scanning:
follow-ups by when they happened (and by author, then when), customers and contacts by creation, won deals by when
they closed, stage changes by when they happened (docs/targets.md, docs/plan.md,
docs/reports.md).

Revision ID: 0009_targets_and_plans
Revises: 0008_leads
Create Date: 2026-11-27 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0009_targets_and_plans'
down_revision = '0008_leads'
branch_labels = None
depends_on = None


def _user(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Integer(), sa.ForeignKey('users.id'), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        'targets',
        sa.Column('id', sa.Integer(), primary_key=True),
        _user('user_id'),
        sa.Column('period', sa.String(length=32), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=False),
        sa.Column('metric', sa.String(length=16), nullable=False),
        sa.Column('value', sa.BigInteger(), nullable=False),
        sa.Column('split', sa.String(length=200), nullable=True),
        sa.Column('parent_id', sa.Integer(), sa.ForeignKey('targets.id'), nullable=True),
        _user('set_by_id'),
        sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('replaced_at', sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index('ix_targets_user_metric', 'targets', ['user_id', 'metric', 'starts_on'])
    op.create_table(
        'plan_items',
        sa.Column('id', sa.Integer(), primary_key=True),
        _user('user_id', nullable=False),
        sa.Column('week', sa.String(length=8), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), sa.ForeignKey('customers.id'), nullable=False),
        sa.Column('deal_id', sa.Integer(), sa.ForeignKey('deals.id'), nullable=True),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('purpose', sa.String(length=24), nullable=False),
        sa.Column('score', sa.Integer(), nullable=False),
        sa.Column('parts', sa.Text(), nullable=False),
        sa.Column('task_id', sa.Integer(), sa.ForeignKey('follow_ups.id'), nullable=True),
        sa.Column('committed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('replaced_at', sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index('ix_plan_items_user_week', 'plan_items', ['user_id', 'week'])
    op.create_index('ix_follow_ups_happened_author', 'follow_ups', ['happened_at', 'author_id', 'kind', 'customer_id'])
    op.create_index('ix_follow_ups_author_happened', 'follow_ups', ['author_id', 'happened_at', 'kind', 'customer_id'])
    op.create_index('ix_customers_created_at', 'customers', ['created_at', 'created_by_id'])
    op.create_index('ix_contacts_created_at', 'contacts', ['created_at'])
    op.create_index('ix_deals_status_closed', 'deals', ['status', 'closed_at', 'owner_id', 'amount_cents'])
    op.create_index('ix_stage_changes_at', 'stage_changes', ['at', 'kind', 'by_user_id'])


def downgrade() -> None:
    for name, table in (('ix_stage_changes_at', 'stage_changes'), ('ix_deals_status_closed', 'deals'),
                        ('ix_contacts_created_at', 'contacts'), ('ix_customers_created_at', 'customers'),
                        ('ix_follow_ups_author_happened', 'follow_ups'), ('ix_follow_ups_happened_author', 'follow_ups')):
        op.drop_index(name, table_name=table)
    op.drop_table('plan_items')
    op.drop_table('targets')
