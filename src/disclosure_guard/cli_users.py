"""disclosure-guard user: the people who sign in to the reviewer pages (/review).

Passwords are read from standard input (`--password-stdin`, the first line), never from the
command line, where other users of the machine could read them in the process list. Every
change is in the audit trail. Exit 2 with `error [code]` on bad input."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from disclosure_guard.cli_keys import _cli_admin, _run, _when

user_app = typer.Typer(help="People who sign in to the reviewer pages: create, disable, reset-password.",
                       no_args_is_help=True)

_PASSWORD_STDIN = typer.Option("--password-stdin", help="Read the password from the first line of standard input.")


def _password(from_stdin: bool) -> str:
    if not from_stdin:
        typer.echo("error [password_stdin_required]: give the password on standard input with --password-stdin",
                   err=True)
        raise typer.Exit(2)
    return sys.stdin.readline().removesuffix("\n").removesuffix("\r")


@user_app.command("create")
def user_create(
    name: Annotated[str, typer.Argument(help="The name the person signs in with.")],
    role: Annotated[str, typer.Option(help="reviewer, auditor or admin.")],
    password_stdin: Annotated[bool, _PASSWORD_STDIN] = False,
) -> None:
    """Create a user who signs in to /review with NAME and the password given on standard input."""
    from disclosure_guard.access.users import create_user

    password = _password(password_stdin)
    user = _run(lambda s: create_user(s, _cli_admin(), name, role, password))
    typer.echo(f"created {user.role.value} user {user.name!r}")


@user_app.command("disable")
def user_disable(name: Annotated[str, typer.Argument(help="The user's name.")]) -> None:
    """The user can no longer sign in; their open sessions end now."""
    from disclosure_guard.access.users import disable_user

    user = _run(lambda s: disable_user(s, _cli_admin(), name))
    typer.echo(f"disabled user {user.name!r} at {_when(user.disabled_at)}")


@user_app.command("reset-password")
def user_reset_password(
    name: Annotated[str, typer.Argument(help="The user's name.")],
    password_stdin: Annotated[bool, _PASSWORD_STDIN] = False,
) -> None:
    """A new password from standard input; lifts a lock-out and ends the user's open sessions."""
    from disclosure_guard.access.users import reset_password

    password = _password(password_stdin)
    user = _run(lambda s: reset_password(s, _cli_admin(), name, password))
    typer.echo(f"new password set for user {user.name!r}")
