"""The client as an integrator installs it: into a fresh virtual environment, with its dependencies
from the pinned wheels scripts/bootstrap put in .venv/client-wheels and no index, without the server's
dependencies (no spaCy, no FastAPI, no disclosure_guard), then used against the live guard."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import JANE, MARK

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "python"
WHEELHOUSE = ROOT / ".venv" / "client-wheels"

# Run inside the fresh environment: what a document system's send path does, and what it lacks.
SCRIPT = r'''
import importlib.metadata, importlib.util, json, sys
from disclosure_guard_client import GuardClient, GuardError, AuthError

base_url, key, body = sys.argv[1:4]
with GuardClient(base_url, key, timeout=60) as guard:
    result = guard.check(recipients=[{"name": "Mark Doe", "address": sys.argv[4]}], body=body, channel="letter")
    again = guard.get_check(result.check_id)
    try:
        GuardClient(base_url, "wrong").check(recipients=[{"name": "A"}], body="x")
        refused = None
    except AuthError as error:
        refused = str(error)
print(json.dumps({
    "decision": result.decision, "may_send": result.may_send, "same_again": again == result, "refused": refused,
    "absent": [m for m in ("spacy", "fastapi", "sqlalchemy", "disclosure_guard") if importlib.util.find_spec(m) is None],
    "requires": sorted(importlib.metadata.requires("disclosure-guard-client")),
}))
'''


def _clean_env() -> dict[str, str]:
    # No index, no site configuration (its find-links and constraints), nothing of the test's sys.path.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


@pytest.fixture(scope="session")
def client_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the client installed, made once for the session."""
    if not any(WHEELHOUSE.glob("httpx-*.whl")):
        pytest.fail(f"no client wheels in {WHEELHOUSE}: run scripts/bootstrap")
    place = tmp_path_factory.mktemp("client-venv")
    # Built from a copy, so that building leaves nothing in the work tree; with this environment's
    # setuptools, and installed by this environment's pip into one without pip: seconds, not a minute.
    source = shutil.copytree(CLIENT, place / "source", ignore=shutil.ignore_patterns("build", "*.egg-info"))
    pip = [sys.executable, "-m", "pip", "--quiet", "--no-input"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(place / "dist"),
                            str(source)], capture_output=True, text=True, env=_clean_env(), timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    venv = place / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, env=_clean_env())
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [*pip, "--python", str(python), "install", "--no-index", "--find-links", str(WHEELHOUSE),
         *map(str, (place / "dist").glob("*.whl"))],
        capture_output=True, text=True, env=_clean_env(), timeout=300)
    assert installed.returncode == 0, installed.stderr[-3000:]
    return python


def test_the_client_installs_alone_and_checks_against_the_live_guard(client_python, register_case, server_url, keys):
    register_case()
    ran = subprocess.run(
        [str(client_python), "-c", SCRIPT, server_url, keys["submitter"],
         f"Ms Doe has moved to {JANE['addresses'][0]}.", MARK["addresses"][0]],
        capture_output=True, text=True, env=_clean_env(), timeout=120, cwd=client_python.parent)
    assert ran.returncode == 0, ran.stderr[-3000:]
    seen = json.loads(ran.stdout)
    assert seen["decision"] == "block" and seen["may_send"] is False and seen["same_again"] is True
    assert "do not send" in seen["refused"]
    assert seen["absent"] == ["spacy", "fastapi", "sqlalchemy", "disclosure_guard"]
    assert seen["requires"] == ["httpx==0.28.1", "pydantic==2.14.3"]


def test_spacy_cannot_be_imported_there(client_python):
    tried = subprocess.run([str(client_python), "-c", "import spacy"], capture_output=True, text=True,
                           env=_clean_env(), timeout=60)
    assert tried.returncode != 0 and "No module named 'spacy'" in tried.stderr
