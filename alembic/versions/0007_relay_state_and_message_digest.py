"""relay state of held messages, and one check per message handed over by the SMTP filter

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 22:20:00

A held message's relay now says how many times the filter tried the next hop, the class of the
last failure (an RelayError code, never an address) and when it last tried; a message that keeps
failing ends `failed`. `awaiting_review` is renamed `waiting`: it also means "waiting for the
next try" now. `message_digest` is a keyed digest of what a gateway handed over (envelope and
bytes), never the content, so that a message Postfix retries reuses its first decision.

Plain ALTER TABLE ... ADD COLUMN and an UPDATE of checks only, never a batch table copy (see
0005: a copy of `checks` on SQLite would null audit_events.check_id, which 0004's triggers refuse).
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('checks', sa.Column('relay_attempts', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('checks', sa.Column('relay_error', sa.String(length=40), nullable=True))
    op.add_column('checks', sa.Column('relay_attempted_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('checks', sa.Column('message_digest', sa.String(length=64), nullable=True))
    op.create_index(op.f('ix_checks_message_digest'), 'checks', ['message_digest'], unique=False)
    op.execute("UPDATE checks SET relay_status = 'waiting' WHERE relay_status = 'awaiting_review'")


def downgrade() -> None:
    # A failed relay was, before this revision, a message left waiting for the next round.
    op.execute("UPDATE checks SET relay_status = 'awaiting_review' WHERE relay_status IN ('waiting', 'failed')")
    op.drop_index(op.f('ix_checks_message_digest'), table_name='checks')
    # SQLite drops a column in place since 3.35 (no table copy, see above).
    op.drop_column('checks', 'message_digest')
    op.drop_column('checks', 'relay_attempted_at')
    op.drop_column('checks', 'relay_error')
    op.drop_column('checks', 'relay_attempts')
