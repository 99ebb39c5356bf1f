"""team settings: the team's rules in the store, and the record of who changed them

Revision ID: 0002_team_settings
Revises: 0001_foundation
Create Date: 2026-11-24 12:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0002_team_settings'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('settings',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('setting_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('origin', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.ForeignKeyConstraint(['by_user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('setting_changes', schema=None) as batch_op:
        batch_op.create_index('ix_setting_changes_key_at', ['key', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('setting_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_setting_changes_key_at')
    op.drop_table('setting_changes')
    op.drop_table('settings')
