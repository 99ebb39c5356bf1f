"""task times: a task may keep the time of day it was set for

`due_on` stays the calendar day in the rep's zone (the agenda and the open-task indexes
work on days); `due_at` is the instant when a time of day was typed (`--next 'fri 14:30'`),
and empty when only a day was. Within a day, tasks order by `due_at`, untimed ones last.

Revision ID: 0004_task_times
Revises: 0003_listing_and_search
Create Date: 2026-11-24 23:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004_task_times'
down_revision = '0003_listing_and_search'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('follow_ups', sa.Column('due_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_column('due_at')
