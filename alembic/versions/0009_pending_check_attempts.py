"""pending check attempts: how many times a pending check has been claimed, so that one that never gets decided is held

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 22:20:00

A pending check whose claimer dies with it (the process killed, a crash in storing its result)
is claimed again after its lease; `claims` counts those claims, and a check claimed
DG_ASYNC_MAX_ATTEMPTS times without a decision is held (guard_error) rather than tried for
ever. Existing checks start at 0. Added with plain ALTER TABLE ... ADD COLUMN, never a batch
table copy (see 0005: a copy of `checks` on SQLite would touch audit_events through the foreign
key, which 0004's triggers refuse).
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('checks', sa.Column('claims', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    # SQLite drops a column in place since 3.35 (no table copy, see above).
    op.drop_column('checks', 'claims')
