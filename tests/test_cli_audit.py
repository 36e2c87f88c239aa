"""`disclosure-guard audit verify` and `audit head`, run as real processes against the test
databases: 0 on an intact trail, 1 naming the first event edited, deleted or inserted."""

from __future__ import annotations

import json

from disclosure_guard.runtime import Runtime
from tests.audit.trails import audited, tamper
from tests.test_cli import run_cli


def test_verify_and_head_print_the_hash_to_anchor(settings, runtime: Runtime):
    audited(runtime, 3)
    head = run_cli(settings, "audit", "head")
    assert head.returncode == 0, head.stderr
    anchor = head.stdout.strip()
    assert anchor.startswith("3:") and len(anchor) == 2 + 64
    intact = run_cli(settings, "audit", "verify", "--anchor", anchor)
    assert intact.returncode == 0, intact.stderr
    assert intact.stdout.strip() == f"intact: 3 events, latest {anchor}"
    as_json = json.loads(run_cli(settings, "audit", "verify", "--json").stdout)
    assert as_json == {"intact": True, "events": 3, "latest_event_id": 3, "latest_hash": anchor[2:],
                       "first_break": None}
    wrong = run_cli(settings, "audit", "verify", "--anchor", "3:abc")
    assert wrong.returncode == 2 and "invalid_anchor" in wrong.stderr


def test_verify_names_the_first_event_edited_deleted_or_inserted(settings, runtime: Runtime):
    audited(runtime, 5)
    tamper(runtime, "DELETE FROM audit_events WHERE id = 4")
    deleted = run_cli(settings, "audit", "verify")
    assert deleted.returncode == 1
    assert deleted.stdout.startswith("broken at event 4 (deleted): ")
    tamper(runtime, "UPDATE audit_events SET detail = '{\"register_version\": 0}' WHERE id = 2")
    edited = run_cli(settings, "audit", "verify", "--json")
    assert edited.returncode == 1
    assert json.loads(edited.stdout)["first_break"]["event_id"] == 2
    assert json.loads(edited.stdout)["first_break"]["kind"] == "edited"


def test_verify_names_an_event_inserted_after_the_head(settings, runtime: Runtime):
    audited(runtime, 2)
    tamper(runtime, "INSERT INTO audit_events (id, at, actor_name, actor_role, action, detail, prev_hash, hash) "
                    f"VALUES (3, '2026-11-30 10:00:00', 'ops', 'admin', 'case.created', '{{}}', '{'0' * 64}', '{'1' * 64}')")
    inserted = run_cli(settings, "audit", "verify")
    assert inserted.returncode == 1
    assert inserted.stdout.startswith("broken at event 3 (inserted): ")
