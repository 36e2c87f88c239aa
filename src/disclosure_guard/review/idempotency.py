"""Idempotent submission: a POST of a check retried with the same Idempotency-Key (after a
network error, say) answers with the first check instead of making a second held item.

As Stripe and draft-ietf-httpapi-idempotency-key-header do it:
- a key is the sender's (the API key's `system`) and lasts DG_IDEMPOTENCY_WINDOW_SECONDS;
- the same key with the same request answers the first check: same check_id, nothing stored,
  no second decision in the audit trail;
- the same key with another request is 409 idempotency_key_reused;
- the same key while the first request is still being answered is 409 idempotency_key_in_flight;
- a key is 1 to 255 visible ASCII characters ("8e03978e-40d5-43e8-bc93-6894a57f9324"), bare or
  as a structured-field string in double quotes; anything else is 422 invalid_idempotency_key.

Only a SHA-256 digest of the request is kept, never the request. The key is reserved in a
transaction of its own, so that a second request sees it at once; it names its check in the
transaction that stores the check, so that a key never names a check that was not stored. A
request that fails, at its commit too, gives its key up; one whose process died holds it until
`locked_until`.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from disclosure_guard.access.keys import Principal
from disclosure_guard.crypto import Vault
from disclosure_guard.db.tables import IdempotencyKeyRow
from disclosure_guard.errors import Conflict, InvalidInput
from disclosure_guard.review.outcome import CheckOutcome
from disclosure_guard.review.pending import PendingCheck, load_check

Found = CheckOutcome | PendingCheck

log = logging.getLogger(__name__)

_KEY = re.compile(r"[\x21-\x7e]{1,255}")


def parse_key(raw: str) -> str:
    """The key as sent, without the double quotes of a structured-field string."""
    key = raw.strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]
    if not _KEY.fullmatch(key) or '"' in key or "\\" in key:
        raise InvalidInput("Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID",
                           "invalid_idempotency_key")
    return key


def request_digest(route: str, pieces: Iterable[bytes]) -> str:
    """Which request a key came with: the route and its pieces, each length-prefixed so that no
    two different requests run together into the same bytes."""
    digest = hashlib.sha256(route.encode())
    for piece in pieces:
        digest.update(len(piece).to_bytes(8, "big"))
        digest.update(piece)
    return digest.hexdigest()


def reserve(session_factory: sessionmaker[Session], system: str, key: str, digest: str,
            window_seconds: float, lease_seconds: float) -> str | None:
    """None when the key is now this request's to answer; the id of the first check when the
    key already answered the same request. Raises Conflict otherwise."""
    now = datetime.now(UTC)
    mine = (IdempotencyKeyRow.system == system) & (IdempotencyKeyRow.key == key)
    with session_factory() as session, session.begin():
        # A key past its window is forgotten; one whose request died in flight is free again.
        session.execute(delete(IdempotencyKeyRow).where(
            mine, (IdempotencyKeyRow.created_at < now - timedelta(seconds=window_seconds))
            | (IdempotencyKeyRow.check_id.is_(None) & (IdempotencyKeyRow.locked_until < now))))
    try:
        with session_factory() as session, session.begin():
            session.add(IdempotencyKeyRow(system=system, key=key, request_digest=digest, check_id=None,
                                          created_at=now, locked_until=now + timedelta(seconds=lease_seconds)))
        return None
    except IntegrityError:
        pass
    with session_factory() as session:
        row = session.get(IdempotencyKeyRow, (system, key))
        if row is None:  # its first request failed meanwhile: this one may try again
            raise Conflict("the first request with this Idempotency-Key is still being answered; retry shortly",
                           "idempotency_key_in_flight")
        if row.request_digest != digest:
            raise Conflict("this Idempotency-Key was already used with another request; use a new key",
                           "idempotency_key_reused")
        if row.check_id is None:
            raise Conflict("the first request with this Idempotency-Key is still being answered; retry shortly",
                           "idempotency_key_in_flight")
        return row.check_id


def complete(session: Session, system: str, key: str, check_id: str) -> None:
    """In the transaction that stores the check."""
    session.execute(
        update(IdempotencyKeyRow).where(IdempotencyKeyRow.system == system, IdempotencyKeyRow.key == key)
        .values(check_id=check_id, locked_until=None).execution_options(synchronize_session=False))


def give_up(session_factory: sessionmaker[Session], system: str, key: str) -> None:
    """The request failed before storing a check (busy, invalid, an error): a retry may use the key."""
    with session_factory() as session, session.begin():
        session.execute(delete(IdempotencyKeyRow).where(
            IdempotencyKeyRow.system == system, IdempotencyKeyRow.key == key, IdempotencyKeyRow.check_id.is_(None)))


@dataclass(frozen=True)
class Idempotency:
    session_factory: sessionmaker[Session]
    vault: Vault
    window_seconds: float
    lease_seconds: float

    def submit(self, actor: Principal, key: str | None, digest: Callable[[], str],
               submit: Callable[[Session], Found]) -> tuple[Found, bool]:
        """What `submit` stores, in a transaction of its own committed before this returns, or
        the check the key already made (True: a replay). A request that fails gives its key up,
        at its commit too (the database gone, a lock timeout): no check of it was stored, and its
        retry must not be told the key is in flight until the lease ends."""
        if key is None:
            with self.session_factory() as session, session.begin():
                return submit(session), False
        first = reserve(self.session_factory, actor.system, key, digest(), self.window_seconds, self.lease_seconds)
        if first is not None:
            with self.session_factory() as session, session.begin():
                return load_check(session, self.vault, first, system=actor.system), True
        try:
            with self.session_factory() as session, session.begin():
                found = submit(session)
                complete(session, actor.system, key, found.check_id)
        except BaseException:
            _give_up_quietly(self.session_factory, actor.system, key)
            raise
        return found, False


def _give_up_quietly(session_factory: sessionmaker[Session], system: str, key: str) -> None:
    # The request's own failure is what its caller must hear; a database that cannot take the
    # key back either leaves it to its lease.
    try:
        give_up(session_factory, system, key)
    except Exception as exc:  # noqa: BLE001
        log.error("an idempotency key could not be given up (%s): it is free again when its lease ends",
                  type(exc).__name__)
