"""key lifecycle: a key's system, expiry and rotation; the submitting system of each check

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 19:30:00

Existing keys get system = their name, and existing checks the system of the key that
submitted them (its name, as `submitted_by` recorded), so that every submitter keeps reading
the checks it made. Key names become unique, as `apikey revoke NAME` needs them to be: a name
held by several keys keeps it on the oldest; the others get "-<id>" appended, their system
still the shared name.
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('system', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('rotated_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('previous_key_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('previous_key_expires_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('checks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitter_system', sa.String(length=200), nullable=True))

    op.execute("UPDATE api_keys SET system = name")
    op.execute(
        "UPDATE api_keys SET name = substr(name, 1, 180) || '-' || CAST(id AS VARCHAR(20)) "
        "WHERE EXISTS (SELECT 1 FROM api_keys AS older WHERE older.name = api_keys.name AND older.id < api_keys.id)"
    )
    op.execute("UPDATE checks SET submitter_system = submitted_by")

    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.alter_column('system', existing_type=sa.String(length=200), nullable=False)
        batch_op.create_index(batch_op.f('ix_api_keys_name'), ['name'], unique=True)
        batch_op.create_index(batch_op.f('ix_api_keys_previous_key_hash'), ['previous_key_hash'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('checks', schema=None) as batch_op:
        batch_op.drop_column('submitter_system')
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_keys_previous_key_hash'))
        batch_op.drop_index(batch_op.f('ix_api_keys_name'))
        batch_op.drop_column('previous_key_expires_at')
        batch_op.drop_column('previous_key_hash')
        batch_op.drop_column('rotated_at')
        batch_op.drop_column('expires_at')
        batch_op.drop_column('system')
