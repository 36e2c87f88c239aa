"""disclosure-guard apikey: create, list, revoke and rotate API keys.

Secrets are printed once, as the last line, and never listed. Every action is in the audit
trail, as the admin API's are (both call access/lifecycle.py). Exit 2 with `error [code]` on
bad input: an unknown role or key, a name taken, a duration that is not 90d, 12h or 30m."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Annotated, TypeVar

import typer
from sqlalchemy.orm import Session

from disclosure_guard.errors import GuardError
from disclosure_guard.settings import get_settings

apikey_app = typer.Typer(help="API keys: create, list, revoke, rotate.", no_args_is_help=True)

T = TypeVar("T")


@contextmanager
def _transaction() -> Iterator[Session]:
    from disclosure_guard.runtime import open_database

    _, session_factory, _ = open_database(get_settings())
    with session_factory() as session, session.begin():
        yield session


def _run(action: Callable[[Session], T]) -> T:
    try:
        with _transaction() as session:
            return action(session)
    except GuardError as exc:
        typer.echo(f"error [{exc.code}]: {exc.message}", err=True)
        raise typer.Exit(2) from None


def _cli_admin():  # noqa: ANN202
    from disclosure_guard.access.keys import Principal
    from disclosure_guard.access.roles import Role

    return Principal("cli", Role.ADMIN)


def _when(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else "-"


@apikey_app.command("create")
def apikey_create(
    role: Annotated[str, typer.Option(help="submitter, reviewer, register_admin, auditor or admin.")],
    name: Annotated[str | None, typer.Option(help="A unique name, for the audit trail and for revoke/rotate.")] = None,
    system: Annotated[str | None, typer.Option(
        help="The system the key speaks for; a submitter reads its own system's checks only. Default: the name.")] = None,
    expires_in: Annotated[str | None, typer.Option(
        "--expires-in", help="90d, 12h or 30m; the key fails with api_key_expired after that. Default: never.")] = None,
) -> None:
    """Create an API key; the key is the last line printed, and is shown only once."""
    from disclosure_guard.access.lifecycle import issue_key

    info, secret = _run(lambda s: issue_key(s, _cli_admin(), role, name, system=system, expires_in=expires_in))
    typer.echo(f"created {info.role.value} key named {info.name!r} (system {info.system!r}, "
               f"expires {_when(info.expires_at) if info.expires_at else 'never'})")
    typer.echo(secret)


@apikey_app.command("list")
def apikey_list(as_json: Annotated[bool, typer.Option("--json", help="One JSON object per key.")] = False) -> None:
    """Every key: name, role, system, status, created, expires, revoked. Never a secret."""
    from disclosure_guard.access.lifecycle import list_keys

    infos, _ = _run(lambda s: list_keys(s))
    if as_json:
        for info in infos:
            typer.echo(json.dumps(asdict(info), default=str))
        return
    columns = ("name", "role", "system", "status", "created", "expires", "revoked")
    rows = [(i.name, i.role.value, i.system, i.status.value, _when(i.created_at), _when(i.expires_at),
             _when(i.revoked_at)) for i in infos]
    widths = [max(len(c), *(len(r[n]) for r in rows)) if rows else len(c) for n, c in enumerate(columns)]
    for row in (columns, *rows):
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


@apikey_app.command("revoke")
def apikey_revoke(name: Annotated[str, typer.Argument(help="The key's name, as `apikey list` shows it.")]) -> None:
    """Revoke a key: it fails with api_key_revoked from the next request on."""
    from disclosure_guard.access.lifecycle import revoke_key

    info = _run(lambda s: revoke_key(s, _cli_admin(), name))
    typer.echo(f"revoked key {info.name!r} at {_when(info.revoked_at)}")


@apikey_app.command("rotate")
def apikey_rotate(name: Annotated[str, typer.Argument(help="The key's name, as `apikey list` shows it.")]) -> None:
    """A new secret for a key, printed last and only once; the old one works for
    DG_KEY_ROTATION_GRACE_SECONDS more (default 24 h)."""
    from disclosure_guard.access.lifecycle import rotate_key

    grace = timedelta(seconds=get_settings().key_rotation_grace_seconds)
    info, secret = _run(lambda s: rotate_key(s, _cli_admin(), name, grace))
    until = _when(info.previous_secret_valid_until) if info.previous_secret_valid_until else "now (no grace period)"
    typer.echo(f"rotated key {info.name!r}; its old secret works until {until}")
    typer.echo(secret)
