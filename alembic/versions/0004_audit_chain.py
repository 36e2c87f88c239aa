"""audit chain: every audit event hashed and chained to the one before; UPDATE and DELETE refused

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 19:40:00

Existing events are chained in id order, as they stand when the migration runs (the chain
vouches for them from then on). The head row `audit_chain_head` records the latest event's id
and hash; appends lock it (audit/chain.py).

Triggers refuse UPDATE and DELETE on audit_events (and TRUNCATE on PostgreSQL), so that a
mistake or a casual edit fails loudly; the chain is what shows a deliberate edit by whoever can
drop a trigger. On SQLite, a later batch_alter_table on audit_events recreates the table
without its triggers: such a migration must create them again.
"""
from alembic import op
import sqlalchemy as sa

from disclosure_guard.audit.chain import GENESIS_HASH, HEAD_ROW_ID, event_hash


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_REFUSAL = "audit events are append-only"

_POSTGRESQL_TRIGGERS = (
    f"""CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{_REFUSAL}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$""",
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()",
    "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()",
)
_SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
    f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}: UPDATE refused'); END",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
    f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}: DELETE refused'); END",
)

_events = sa.table(
    'audit_events',
    sa.column('id', sa.Integer()),
    sa.column('at', sa.DateTime(timezone=True)),
    sa.column('actor_name', sa.String()),
    sa.column('actor_role', sa.String()),
    sa.column('action', sa.String()),
    sa.column('case_reference', sa.String()),
    sa.column('check_id', sa.String()),
    sa.column('detail', sa.Text()),
    sa.column('prev_hash', sa.String()),
    sa.column('hash', sa.String()),
)


def upgrade() -> None:
    op.create_table(
        'audit_chain_head',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('last_event_id', sa.Integer(), nullable=False),
        sa.Column('last_hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))

    connection = op.get_bind()
    last_id, last_hash = 0, GENESIS_HASH
    # One event at a time in id order: each hash needs the one before it.
    for event in connection.execute(sa.select(_events).order_by(_events.c.id)).all():
        digest = event_hash(event, last_hash)
        connection.execute(sa.update(_events).where(_events.c.id == event.id)
                           .values(prev_hash=last_hash, hash=digest))
        last_id, last_hash = event.id, digest
    connection.execute(sa.text("INSERT INTO audit_chain_head (id, last_event_id, last_hash) VALUES (:id, :last_id, :hash)"),
                       {"id": HEAD_ROW_ID, "last_id": last_id, "hash": last_hash})

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)

    for statement in _SQLITE_TRIGGERS if connection.dialect.name == 'sqlite' else _POSTGRESQL_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete ON audit_events")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_refuse_change()")
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
    op.drop_table('audit_chain_head')
