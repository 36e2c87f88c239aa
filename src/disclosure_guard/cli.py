"""disclosure-guard command line: serve, check, register, apikey, db."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from disclosure_guard.cli_audit import audit_app
from disclosure_guard.cli_keys import apikey_app
from disclosure_guard.cli_users import user_app
from disclosure_guard.settings import get_settings
from disclosure_guard.types import Decision

app = typer.Typer(help="disclosure-guard: the pre-send guard for protected parties' details.", no_args_is_help=True)
register_app = typer.Typer(help="The protected-party register.", no_args_is_help=True)
db_app = typer.Typer(help="The database schema.", no_args_is_help=True)
app.add_typer(register_app, name="register")
app.add_typer(apikey_app, name="apikey")
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit")
app.add_typer(user_app, name="user")
logs_app = typer.Typer(help="The service's logs.", no_args_is_help=True)
app.add_typer(logs_app, name="logs")


# The exit code a script can branch on: anything but 0 means do not send.
_EXIT_CODES = {Decision.ALLOW: 0, Decision.HOLD: 1, Decision.BLOCK: 3}


def _logging() -> None:
    from disclosure_guard.logs import configure_logging

    configure_logging()


def _fail(message: str, code: str) -> None:
    typer.echo(f"error [{code}]: {message}", err=True)
    raise typer.Exit(2)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes; each loads the pipeline and the index.")] = 1,
) -> None:
    """Run the HTTP service."""
    import uvicorn

    from disclosure_guard.api.limits import server_limits
    from disclosure_guard.logs import logging_config

    _logging()
    # The app writes the access lines (api/request_log.py): uvicorn's would quote the path.
    uvicorn.run("disclosure_guard.api.main:app", host=host, port=port, workers=workers, log_level="info",
                log_config=logging_config(), access_log=False, **server_limits(get_settings()))


@app.command("smtp-filter")
def smtp_filter(
    listen: Annotated[str, typer.Option(help="HOST:PORT to accept mail on (Postfix's content_filter target).")] = "127.0.0.1:10025",
    next_hop: Annotated[str, typer.Option(help="HOST:PORT to relay checked mail to (Postfix's re-injection port).")] = "127.0.0.1:10026",
) -> None:
    """Run the SMTP content filter for an email gateway."""
    import signal
    import threading

    from disclosure_guard.runtime import start_runtime
    from disclosure_guard.smtp.next_hop import NextHop
    from disclosure_guard.smtp.server import SmtpFilterServer

    _logging()
    try:
        listen_at, relay_to = NextHop.parse(listen), NextHop.parse(next_hop)
    except ValueError as exc:
        _fail(str(exc), "invalid_address")
    runtime = start_runtime(get_settings())
    server = SmtpFilterServer(runtime, listen_at.host, listen_at.port, relay_to)
    server.start()
    typer.echo(f"smtp-filter listening on {listen}, relaying to {next_hop}", err=True)
    stopped = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopped.set())
    stopped.wait()
    server.stop()
    runtime.close()


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply the schema migrations (Alembic) to DG_DATABASE_URL."""
    from disclosure_guard.db.engine import upgrade_schema

    upgrade_schema(get_settings().database_url, revision)
    typer.echo(f"schema at {revision}")


@logs_app.command("address-token")
def logs_address_token(
    address: Annotated[str, typer.Argument(help="An address you suspect a log line is about.")],
) -> None:
    """The token that stands for ADDRESS in this service's logs (needs the encryption key)."""
    from disclosure_guard.crypto import load_vault
    from disclosure_guard.logs import address_token, log_token_key

    settings = get_settings()
    typer.echo(address_token(address, log_token_key(load_vault(settings.encryption_key, settings.encryption_key_file))))


@register_app.command("import")
def register_import(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]) -> None:
    """Import cases from a JSON file {"cases": [...]} (upsert by reference, all or nothing)."""
    from disclosure_guard.access.keys import Principal
    from disclosure_guard.access.roles import Role
    from disclosure_guard.register.schema import RegisterImport
    from disclosure_guard.register.service import import_cases
    from disclosure_guard.runtime import open_database

    try:
        register = RegisterImport.model_validate(json.loads(file.read_text()))
    except json.JSONDecodeError as exc:
        _fail(f"{file} is not JSON (line {exc.lineno})", "invalid_json")
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:10])
        _fail(problems, "validation_error")
    _, session_factory, vault = open_database(get_settings())
    with session_factory() as session, session.begin():
        counts = import_cases(session, vault, Principal("cli", Role.REGISTER_ADMIN), register.cases)
    typer.echo(json.dumps({"created": counts.created, "updated": counts.updated,
                           "register_version": counts.register_version}))


@app.command()
def check(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A text file to check.")],
    to: Annotated[list[str], typer.Option("--to", help="Recipient name (repeatable).")],
    to_address: Annotated[str | None, typer.Option("--to-address", help="Postal address of the recipient.")] = None,
    to_email: Annotated[str | None, typer.Option("--to-email", help="Email of the recipient.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole result as JSON.")] = False,
) -> None:
    """Check a text file from the terminal; exit code 0 allow, 1 hold, 3 block."""
    from disclosure_guard.access.keys import Principal
    from disclosure_guard.access.roles import Role
    from disclosure_guard.api.schemas import CheckResponse
    from disclosure_guard.ingest.fields import item_from_fields
    from disclosure_guard.review.checks import Submission
    from disclosure_guard.runtime import start_runtime
    from disclosure_guard.types import Channel, Recipient, RecipientType

    _logging()
    # One item: one worker process is all it can use.
    runtime = start_runtime(get_settings().model_copy(update={"check_workers": 1}))
    recipients = [Recipient(RecipientType.TO, name=name, address=to_address if i == 0 else None,
                            email=to_email if i == 0 else None) for i, name in enumerate(to)]
    item = item_from_fields(Channel.LETTER, recipients, body=file.read_text(), limits=runtime.ingest_limits)
    with runtime.session_factory() as session, session.begin():
        outcome = runtime.check_engine.submit(session, Principal("cli", Role.SUBMITTER), item,
                                              Submission(external_ref=file.name))
    runtime.close()
    if as_json:
        typer.echo(CheckResponse.from_outcome(outcome).model_dump_json(indent=2))
    else:
        typer.echo(f"decision: {outcome.decision}  (check {outcome.check_id})")
        for reason in outcome.verdict.reasons:
            typer.echo(f"  [{reason.code}] {reason.message}")
    raise typer.Exit(_EXIT_CODES[outcome.decision])

if __name__ == "__main__":
    app()
