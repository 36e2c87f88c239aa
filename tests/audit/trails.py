"""Small builders for audit trail tests: events written as the services write them, the trail
verified, and tampering as someone who can write the database would do it."""

from __future__ import annotations

from sqlalchemy import select, text

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.chain import ChainReport, verify_chain
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.db.tables import AuditEventRow
from disclosure_guard.runtime import Runtime
from tests.conftest import audit_guards_off

OPS = Principal("ops", Role.REGISTER_ADMIN)


def audited(runtime: Runtime, count: int, actor: Principal = OPS) -> None:
    """`count` events, each in its own transaction as the services write them."""
    for number in range(count):
        with runtime.session_factory() as session, session.begin():
            record(session, actor, AuditAction.CASE_DELETED, case_reference=f"DA-{number}",
                   detail={"register_version": number})


def verified(runtime: Runtime, anchors: dict[int, str] | None = None) -> ChainReport:
    with runtime.session_factory() as session, session.begin():
        return verify_chain(session, anchors)


def tamper(runtime: Runtime, *statements: str) -> None:
    with runtime.session_factory() as session, session.begin(), audit_guards_off(session):
        for statement in statements:
            session.execute(text(statement))


def stored_hashes(runtime: Runtime) -> dict[int, str]:
    with runtime.session_factory() as session:
        return dict(session.execute(select(AuditEventRow.id, AuditEventRow.hash)).all())
