"""Migration 0003 on a database that already holds keys and checks: every key keeps working
with system = its name, every check keeps its submitter's system, and names become unique."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine, text

from disclosure_guard.db.engine import upgrade_schema


def test_existing_keys_and_checks_survive_with_their_system(empty_database: str):
    upgrade_schema(empty_database, "0002")
    engine = create_engine(empty_database)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for key_id, name in ((1, "case-system"), (2, "mailer"), (3, "mailer")):
            connection.execute(
                text("INSERT INTO api_keys (id, name, role, key_hash, created_at) VALUES (:id, :name, 'submitter', :hash, :at)"),
                {"id": key_id, "name": name, "hash": f"{key_id:064d}", "at": now},
            )
        connection.execute(
            text("INSERT INTO checks (id, created_at, channel, decision, reason_codes, case_references, "
                 "register_version, submitted_by, sealed_result) VALUES ('chk_old', :at, 'letter', 'allow', ',,', ',,', 1, "
                 "'case-system', :sealed)"),
            {"at": now, "sealed": b"x"},
        )
    upgrade_schema(empty_database, "0003")
    with engine.connect() as connection:
        keys = connection.execute(text("SELECT id, name, system, key_hash FROM api_keys ORDER BY id")).all()
        system = connection.execute(text("SELECT submitter_system FROM checks WHERE id = 'chk_old'")).scalar_one()
    engine.dispose()
    assert [(k.name, k.system) for k in keys] == [("case-system", "case-system"), ("mailer", "mailer"),
                                                  ("mailer-3", "mailer")]
    assert [k.key_hash for k in keys] == [f"{i:064d}" for i in (1, 2, 3)]
    assert system == "case-system"
