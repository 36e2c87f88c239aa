"""What a migration test finds already stored: a check written at an older revision, with
plain SQL (the ORM knows only head's columns), and its `check.decided` audit event; and the
checks that what was stored survived: the chain still verifies, its triggers still refuse an
UPDATE."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.chain import verify_chain
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.db.engine import make_engine, make_session_factory, upgrade_schema


def a_stored_check(database_url: str, revision: str, **columns: Any) -> None:
    """The database at `revision` with one held check, "chk_old" unless `columns` say otherwise
    (any column of that revision may be given), and the audit event naming it."""
    values: dict[str, Any] = {
        "id": "chk_old", "created_at": datetime.now(UTC), "channel": "letter", "decision": "hold",
        "reason_codes": ",guard_error,", "case_references": ",,", "register_version": 1,
        "submitted_by": "case-system", "submitter_system": "case-system", "sealed_result": b"x",
        **columns,
    }
    upgrade_schema(database_url, revision)
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text(f"INSERT INTO checks ({', '.join(values)}) VALUES ({', '.join(':' + name for name in values)})"),
            values,
        )
    engine.dispose()
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session, session.begin():
        record(session, Principal(values["submitted_by"], Role.SUBMITTER), AuditAction.CHECK_DECIDED,
               check_id=values["id"])
    engine.dispose()


def assert_audit_trail_untouched(engine: Engine) -> None:
    with make_session_factory(engine)() as session, session.begin():
        assert verify_chain(session).intact
    with engine.begin() as connection, pytest.raises(DBAPIError, match="append-only"):
        connection.execute(text("UPDATE audit_events SET actor_name = 'x'"))
