"""Cases in the database, sealed. The reference is the only register field kept in clear:
it is the case's key, chosen by the organisation, and carries no personal data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from disclosure_guard.crypto import Vault
from disclosure_guard.db.tables import CaseRow, RegisterStateRow
from disclosure_guard.errors import NotFound
from disclosure_guard.register.schema import CaseIn
from disclosure_guard.types import RegisterCase

_CASE_PURPOSE = "register.case"
_STATE_ROW_ID = 1
_VERSION = select(RegisterStateRow.version).where(RegisterStateRow.id == _STATE_ROW_ID)


@dataclass(frozen=True)
class ImportCounts:
    created: int
    updated: int
    register_version: int


class RegisterRepository:
    def __init__(self, session: Session, vault: Vault) -> None:
        self._session = session
        self._vault = vault

    # ------------------------------------------------------------ version

    def version(self) -> int:
        # The column alone, as a plain SELECT: every check asks (issue 13), and loading the row
        # as an ORM object took four times the CPU.
        return self._session.connection().execute(_VERSION).scalar() or 0

    def _advance_version(self) -> int:
        # Locks the state row on PostgreSQL so concurrent imports get distinct versions.
        row = self._session.get(RegisterStateRow, _STATE_ROW_ID, with_for_update=True)
        now = datetime.now(UTC)
        if row is None:
            row = RegisterStateRow(id=_STATE_ROW_ID, version=0, updated_at=now)
            self._session.add(row)
        row.version += 1
        row.updated_at = now
        self._session.flush()
        return row.version

    # ------------------------------------------------------------ writes

    def upsert(self, cases: Iterable[CaseIn]) -> ImportCounts:
        """Create or replace each case by reference. The caller's transaction makes an import
        all-or-nothing."""
        cases = list(cases)
        existing = {
            row.reference: row
            for row in self._session.scalars(
                select(CaseRow).where(CaseRow.reference.in_([c.reference for c in cases]))
            )
        } if cases else {}
        now = datetime.now(UTC)
        created = updated = 0
        for case in cases:
            sealed = self._seal(case)
            row = existing.get(case.reference)
            if row is None:
                self._session.add(
                    CaseRow(reference=case.reference, sealed_case=sealed, party_count=len(case.parties),
                            created_at=now, updated_at=now)
                )
                created += 1
            else:
                row.sealed_case = sealed
                row.party_count = len(case.parties)
                row.updated_at = now
                updated += 1
        self._session.flush()
        return ImportCounts(created, updated, self._advance_version())

    def delete(self, reference: str) -> int:
        row = self._row(reference)
        self._session.delete(row)
        self._session.flush()
        return self._advance_version()

    # ------------------------------------------------------------ reads

    def get(self, reference: str) -> tuple[CaseIn, CaseRow]:
        row = self._row(reference)
        return self._open(row), row

    def page(self, offset: int, limit: int) -> tuple[list[CaseRow], int]:
        total = self._session.scalar(select(func.count()).select_from(CaseRow)) or 0
        rows = self._session.scalars(
            select(CaseRow).order_by(CaseRow.reference).offset(offset).limit(limit)
        ).all()
        return list(rows), total

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(CaseRow)) or 0

    def all_cases(self) -> Iterator[RegisterCase]:
        for row in self._session.scalars(select(CaseRow).execution_options(yield_per=1000)):
            yield self._open(row).to_core()

    # ------------------------------------------------------------ sealing

    def _row(self, reference: str) -> CaseRow:
        row = self._session.scalar(select(CaseRow).where(CaseRow.reference == reference))
        if row is None:
            raise NotFound("no case with that reference", "case_not_found")
        return row

    def _seal(self, case: CaseIn) -> bytes:
        # The reference is bound as associated data, so a sealed case copied onto another
        # reference's row fails to open.
        return self._vault.seal_json(case.model_dump(mode="json"), f"{_CASE_PURPOSE}:{case.reference}")

    def _open(self, row: CaseRow) -> CaseIn:
        return CaseIn.model_validate(self._vault.open_json(row.sealed_case, f"{_CASE_PURPOSE}:{row.reference}"))
