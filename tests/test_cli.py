"""The command line, run as a real process against the test databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx

from disclosure_guard.api.schemas import CheckResponse
from tests.builders import a_case
from tests.conftest import bearer

CLI = [sys.executable, "-m", "disclosure_guard.cli"]


def run_cli(settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DG_DATABASE_URL": settings.database_url, "DG_ENCRYPTION_KEY": settings.encryption_key}
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=300)


def test_apikey_create_prints_a_working_key_last(settings, runtime, http: httpx.Client):
    done = run_cli(settings, "apikey", "create", "--role", "auditor", "--name", "auditor-cli")
    assert done.returncode == 0, done.stderr
    key = done.stdout.strip().splitlines()[-1]
    assert http.get("/v1/audit", headers=bearer(key)).status_code == 200
    assert http.get("/v1/holds", headers=bearer(key)).status_code == 403
    refused = run_cli(settings, "apikey", "create", "--role", "superuser")
    assert refused.returncode == 2 and "invalid_role" in refused.stderr


def test_apikey_list_rotate_and_revoke(settings, runtime, http: httpx.Client):
    made = run_cli(settings, "apikey", "create", "--role", "auditor", "--name", "auditor-cli", "--system", "audit-office",
                   "--expires-in", "90d")
    assert made.returncode == 0, made.stderr
    old = made.stdout.strip().splitlines()[-1]
    assert "system 'audit-office'" in made.stdout and "expires 20" in made.stdout

    rotated = run_cli(settings, "apikey", "rotate", "auditor-cli")
    assert rotated.returncode == 0, rotated.stderr
    new = rotated.stdout.strip().splitlines()[-1]
    assert new.startswith("dg_") and new != old and "old secret works until 20" in rotated.stdout
    for key in (old, new):  # the old secret, within its grace period, and the new one
        assert http.get("/v1/audit", headers=bearer(key)).status_code == 200

    listed = run_cli(settings, "apikey", "list")
    assert listed.returncode == 0, listed.stderr
    header, row = listed.stdout.splitlines()[0], next(l for l in listed.stdout.splitlines() if "auditor-cli" in l)
    assert header.split() == ["name", "role", "system", "status", "created", "expires", "revoked"]
    assert row.split()[:4] == ["auditor-cli", "auditor", "audit-office", "active"]
    as_json = [json.loads(line) for line in run_cli(settings, "apikey", "list", "--json").stdout.splitlines()]
    assert {"name": "auditor-cli", "status": "active", "system": "audit-office"}.items() <= as_json[0].items()
    assert old not in listed.stdout + str(as_json) and new not in listed.stdout + str(as_json)

    revoked = run_cli(settings, "apikey", "revoke", "auditor-cli")
    assert revoked.returncode == 0, revoked.stderr
    for key in (old, new):  # from the next request on, both secrets
        refused = http.get("/v1/audit", headers=bearer(key))
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "api_key_revoked"
    assert "revoked" in run_cli(settings, "apikey", "list").stdout

    with runtime.session_factory() as session:
        from disclosure_guard.audit.trail import AuditFilter, list_events

        events, _ = list_events(session, AuditFilter(actor_name="cli"), 0, 10)
    assert [e.action.value for e in events] == ["apikey.revoked", "apikey.rotated", "apikey.created"]


def test_apikey_bad_input_exits_2_with_a_code(settings, runtime):
    for args, code in [
        (("create", "--role", "submitter", "--expires-in", "90"), "invalid_duration"),
        (("create", "--role", "submitter", "--expires-in", "ninety days"), "invalid_duration"),
        (("create", "--role", "submitter", "--name", "has space"), "invalid_key_name"),
        (("revoke", "nobody"), "api_key_not_found"),
        (("rotate", "nobody"), "api_key_not_found"),
    ]:
        done = run_cli(settings, "apikey", *args)
        assert done.returncode == 2 and f"[{code}]" in done.stderr, (args, done.stderr)
    assert run_cli(settings, "apikey", "create", "--role", "submitter", "--name", "twice").returncode == 0
    taken = run_cli(settings, "apikey", "create", "--role", "submitter", "--name", "twice")
    assert taken.returncode == 2 and "[api_key_name_taken]" in taken.stderr


def test_register_import_and_check(settings, runtime, tmp_path: Path):
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps({"cases": [a_case()]}))
    imported = run_cli(settings, "register", "import", str(cases))
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["created"] == 1

    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Mr Doe,\n\nYour former partner now lives at Flat 3, 12 Elm Road, Leeds LS6 2AB.\n")
    blocked = run_cli(settings, "check", str(letter), "--to", "Mark Doe", "--to-address", "45 Victoria Street, Bristol BS1 6AA")
    assert blocked.returncode == 3, blocked.stderr
    assert "decision: block" in blocked.stdout and "protected_contact_to_restricted" in blocked.stdout
    assert "Elm" not in blocked.stderr  # logs never carry register values

    harmless = tmp_path / "harmless.txt"
    harmless.write_text("Dear Mr Brown,\n\nYour bin collection moves to Tuesday.\n")
    allowed = run_cli(settings, "check", str(harmless), "--to", "Sam Brown")
    assert allowed.returncode == 0 and "decision: allow" in allowed.stdout

    # --json prints the answer the API gives for the same check.
    as_json = run_cli(settings, "check", str(letter), "--to", "Mark Doe", "--to-address",
                      "45 Victoria Street, Bristol BS1 6AA", "--json")
    assert as_json.returncode == 3, as_json.stderr
    answer = CheckResponse.model_validate_json(as_json.stdout)
    assert answer.decision == "block" and answer.external_ref == "letter.txt"
    assert "protected_contact_to_restricted" in {r.code for r in answer.reasons}


def test_invalid_import_file_changes_nothing(settings, runtime, tmp_path: Path):
    bad = a_case()
    bad["parties"][0]["emails"] = ["nope"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"cases": [bad]}))
    done = run_cli(settings, "register", "import", str(path))
    assert done.returncode == 2 and "validation_error" in done.stderr and "parties" in done.stderr
    not_json = tmp_path / "x.json"
    not_json.write_text("{")
    assert run_cli(settings, "register", "import", str(not_json)).returncode == 2
    from disclosure_guard.register.repository import RegisterRepository

    with runtime.session_factory() as session:
        assert RegisterRepository(session, runtime.vault).count() == 0
