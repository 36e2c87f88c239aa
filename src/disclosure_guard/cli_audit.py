"""disclosure-guard audit: verify the audit trail's hash chain, print its head for anchoring.

Exit codes of `verify`: 0 intact, 1 an event does not verify, 2 the trail could not be read."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from sqlalchemy.exc import SQLAlchemyError

from disclosure_guard.settings import get_settings

audit_app = typer.Typer(help="The audit trail: verify its hash chain, print its latest hash.", no_args_is_help=True)


def _session_factory():  # noqa: ANN202
    from disclosure_guard.db.engine import make_engine, make_session_factory

    # No vault and no migration: verifying reads the trail, nothing else.
    return make_session_factory(make_engine(get_settings().database_url))


def _unreadable(exc: SQLAlchemyError) -> None:
    typer.echo(f"error [audit_unreadable]: the audit trail could not be read ({type(exc).__name__})", err=True)
    raise typer.Exit(2)


@audit_app.command("verify")
def audit_verify(
    anchor: Annotated[list[str] | None, typer.Option(
        "--anchor", help="EVENT_ID:HASH kept outside the database, as `audit head` printed it (repeatable).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Recompute every event's hash and link; exit 0 if intact, 1 naming the first event that is not."""
    from disclosure_guard.audit.chain import parse_anchor, verify_chain

    try:
        anchors = dict(parse_anchor(a) for a in anchor or [])
    except ValueError as exc:
        typer.echo(f"error [invalid_anchor]: {exc}", err=True)
        raise typer.Exit(2) from None
    try:
        with _session_factory()() as session, session.begin():
            report = verify_chain(session, anchors)
    except SQLAlchemyError as exc:
        _unreadable(exc)
    if as_json:
        typer.echo(json.dumps({"intact": report.intact, **asdict(report)}))
    elif report.first_break is None:
        typer.echo(f"intact: {report.events} events, latest {report.latest_event_id}:{report.latest_hash}")
    else:
        found = report.first_break
        typer.echo(f"broken at event {found.event_id} ({found.kind}): {found.message}")
    raise typer.Exit(0 if report.intact else 1)


@audit_app.command("head")
def audit_head() -> None:
    """Print the latest event as EVENT_ID:HASH, to keep outside the database (a log, a WORM store)."""
    from disclosure_guard.audit.chain import chain_head

    try:
        with _session_factory()() as session:
            event_id, digest = chain_head(session)
    except SQLAlchemyError as exc:
        _unreadable(exc)
    typer.echo(f"{event_id}:{digest}")
