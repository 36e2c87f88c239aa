"""pending checks: the asynchronous lane's checks wait in the checks table until a worker decides them

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 21:00:00

Existing checks are all decided: `status` is added with the server default "decided". The
columns are added with plain ALTER TABLE ... ADD COLUMN, never a batch table copy: on SQLite a
copy of `checks` drops the old table, whose implicit delete would set audit_events.check_id to
NULL through the foreign key, which 0004's triggers refuse (and must not happen).
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('checks', sa.Column('status', sa.String(length=10), nullable=False, server_default='decided'))
    op.add_column('checks', sa.Column('claimed_by', sa.String(length=80), nullable=True))
    op.add_column('checks', sa.Column('claim_expires_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f('ix_checks_status'), 'checks', ['status'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_checks_status'), table_name='checks')
    # SQLite drops a column in place since 3.35 (no table copy, see above).
    op.drop_column('checks', 'claim_expires_at')
    op.drop_column('checks', 'claimed_by')
    op.drop_column('checks', 'status')
