"""The embedded default as an operator starts it: `disclosure-guard serve` on a new SQLite
file, with a key file created on first run and the demo register loaded."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx

from tests.conftest import _free_port, bearer


def test_serve_starts_on_the_embedded_default_with_the_demo_register(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DG_")}
    env.update({"DG_DEMO_REGISTER": "true"})
    cli = [sys.executable, "-m", "disclosure_guard.cli"]
    key = subprocess.run([*cli, "apikey", "create", "--role", "admin"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert key.returncode == 0, key.stderr
    assert "DG_ENCRYPTION_KEY is not set" in key.stderr
    admin = key.stdout.strip().splitlines()[-1]
    port = _free_port()
    server = subprocess.Popen([*cli, "serve", "--port", str(port)], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        ready = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
                if ready.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        assert ready is not None and ready.status_code == 200
        assert ready.json() == {"status": "ready"}  # the details: an admin's only
        details = httpx.get(f"http://127.0.0.1:{port}/readyz", headers=bearer(admin), timeout=2)
        assert details.json()["register_cases"] == 1
        assert (tmp_path / "var" / "disclosure-guard.db").exists()
        assert (tmp_path / "var" / "encryption.key").exists()
        check = httpx.post(f"http://127.0.0.1:{port}/v1/checks", headers=bearer(admin), timeout=30, json={
            "recipients": [{"name": "Mark Doe"}], "body": "Jane now lives at Flat 3, 12 Elm Road, Leeds LS6 2AB."})
        assert check.json()["decision"] == "block"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Elm Road" not in output
