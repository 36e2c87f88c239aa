"""disclosure-guard user, run as a real process against the test databases: the password comes
from standard input only, and never appears in what the command prints."""

from __future__ import annotations

from sqlalchemy import delete, select

from disclosure_guard.access.users import LockoutPolicy, sign_in
from disclosure_guard.db.tables import UserRow, WebSessionRow
from tests.test_cli import CLI, run_cli

PASSWORD = "a long passphrase for rita"


def _fresh(runtime) -> None:  # noqa: ANN001
    with runtime.session_factory() as session, session.begin():
        session.execute(delete(WebSessionRow))
        session.execute(delete(UserRow))


def _run_with_stdin(settings, stdin: str, *args: str):  # noqa: ANN001, ANN202
    import os
    import subprocess

    env = {**os.environ, "DG_DATABASE_URL": settings.database_url, "DG_ENCRYPTION_KEY": settings.encryption_key}
    return subprocess.run([*CLI, *args], env=env, input=stdin, capture_output=True, text=True, timeout=300)


def _signs_in(runtime, name: str, password: str) -> bool:  # noqa: ANN001
    with runtime.session_factory() as session, session.begin():
        return sign_in(session, name, password, LockoutPolicy()).user is not None


def test_user_create_disable_and_reset_password(settings, runtime):
    _fresh(runtime)
    made = _run_with_stdin(settings, PASSWORD + "\n", "user", "create", "rita", "--role", "reviewer",
                           "--password-stdin")
    assert made.returncode == 0, made.stderr
    assert "created reviewer user 'rita'" in made.stdout and PASSWORD not in made.stdout + made.stderr
    assert _signs_in(runtime, "rita", PASSWORD)

    reset = _run_with_stdin(settings, "another long passphrase\n", "user", "reset-password", "rita",
                            "--password-stdin")
    assert reset.returncode == 0, reset.stderr
    assert not _signs_in(runtime, "rita", PASSWORD) and _signs_in(runtime, "rita", "another long passphrase")

    disabled = run_cli(settings, "user", "disable", "rita")
    assert disabled.returncode == 0 and "disabled user 'rita'" in disabled.stdout
    assert not _signs_in(runtime, "rita", "another long passphrase")
    with runtime.session_factory() as session:
        assert session.scalar(select(UserRow.disabled_at).where(UserRow.name == "rita")) is not None


def test_user_commands_refuse_bad_input_with_a_code(settings, runtime):
    _fresh(runtime)
    no_stdin = run_cli(settings, "user", "create", "rita", "--role", "reviewer")
    assert no_stdin.returncode == 2 and "password_stdin_required" in no_stdin.stderr
    short = _run_with_stdin(settings, "short\n", "user", "create", "rita", "--role", "reviewer", "--password-stdin")
    assert short.returncode == 2 and "invalid_password" in short.stderr
    role = _run_with_stdin(settings, PASSWORD, "user", "create", "rita", "--role", "submitter", "--password-stdin")
    assert role.returncode == 2 and "invalid_role" in role.stderr
    missing = run_cli(settings, "user", "disable", "nobody")
    assert missing.returncode == 2 and "user_not_found" in missing.stderr
