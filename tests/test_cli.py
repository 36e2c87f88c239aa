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
