"""Register changes with their audit events, each in the caller's one transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal
from disclosure_guard.crypto import Vault
from disclosure_guard.register.repository import ImportCounts, RegisterRepository
from disclosure_guard.register.schema import CaseIn
from disclosure_guard.audit.trail import AuditAction, record


def import_cases(session: Session, vault: Vault, actor: Principal, cases: Sequence[CaseIn]) -> ImportCounts:
    counts = RegisterRepository(session, vault).upsert(cases)
    record(session, actor, AuditAction.REGISTER_IMPORTED,
           detail={"cases": len(cases), "created": counts.created, "updated": counts.updated,
                   "register_version": counts.register_version})
    return counts


def put_case(session: Session, vault: Vault, actor: Principal, case: CaseIn) -> ImportCounts:
    counts = RegisterRepository(session, vault).upsert([case])
    action = AuditAction.CASE_CREATED if counts.created else AuditAction.CASE_REPLACED
    record(session, actor, action, case_reference=case.reference,
           detail={"parties": len(case.parties), "register_version": counts.register_version})
    return counts


def delete_case(session: Session, vault: Vault, actor: Principal, reference: str) -> int:
    version = RegisterRepository(session, vault).delete(reference)
    record(session, actor, AuditAction.CASE_DELETED, case_reference=reference,
           detail={"register_version": version})
    return version
