"""four-eyes approval: the first of two reviewers' releases of a held item, kept until a second, different reviewer completes it

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 01:00:00

With DG_FOUR_EYES on, a release needs two different reviewers: the first release is kept here
(who, when, and their comment sealed like the review comment) and the item stays pending until
someone else releases it. Existing checks have no approval. Added with plain ALTER TABLE ... ADD
COLUMN, never a batch table copy (see 0005: a copy of `checks` on SQLite would touch
audit_events through the foreign key, which 0004's triggers refuse).
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('checks', sa.Column('approved_by', sa.String(length=200), nullable=True))
    op.add_column('checks', sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('checks', sa.Column('sealed_approval_comment', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    # SQLite drops a column in place since 3.35 (no table copy, see above).
    op.drop_column('checks', 'sealed_approval_comment')
    op.drop_column('checks', 'approved_at')
    op.drop_column('checks', 'approved_by')
