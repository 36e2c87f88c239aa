"""The audit trail as a hash chain: an event edited, deleted or inserted after the fact shows.

Each event stores `hash`, the SHA-256 (hex) of its canonical content: a JSON object with sorted
keys and no spaces, ASCII only, holding every stored field and the hash of the event before it:

    {"action":"case.deleted","actor_name":"ops","actor_role":"register_admin",
     "at":"2026-11-30T19:20:01.123456Z","case_reference":"DA-2026-00017","check_id":null,
     "detail":"{\\"register_version\\": 7}","id":42,"prev_hash":"<hash of event 41>"}

`at` is in UTC with microseconds, `detail` is the stored JSON text exactly as stored, and the
first event's `prev_hash` is GENESIS_HASH. The id is the event's place in the chain: an append
locks the one `audit_chain_head` row, takes the next id and the latest hash from it, and moves
it on, all in the appending transaction; so appends queue rather than fork the chain, and ids
rise in chain order (events from before the chain keep their ids, gaps included).

The hashes are not keyed: whoever can write the database can compute them, so the chain shows
tampering to a verifier who holds a hash from before it. That is why the latest hash is printed
for anchoring outside the database (`disclosure-guard audit head`), and verify takes anchors.

This format is a contract with every stored event: changing it breaks every existing chain.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy import bindparam, insert, select, true, update
from sqlalchemy.orm import Session

from disclosure_guard.db.tables import AuditChainHeadRow, AuditEventRow

GENESIS_HASH = "0" * 64
HEAD_ROW_ID = 1

_ANCHOR = re.compile(r"(?P<event_id>[0-9]{1,18}):(?P<hash>[0-9a-fA-F]{64})")

# How far back verify looks for the event a broken link points to, to tell events inserted
# after it from events deleted before it.
_LOOKBACK = 1000


class ChainedEvent(Protocol):
    """What is hashed: an ORM row, or a plain row read by the migration or verify."""

    id: int
    at: datetime
    actor_name: str
    actor_role: str
    action: str
    case_reference: str | None
    check_id: str | None
    detail: str


def canonical_instant(at: datetime) -> str:
    # SQLite hands back naive datetimes; every event is written in UTC.
    aware = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    return aware.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_content(event: ChainedEvent, prev_hash: str) -> bytes:
    document = {
        "id": event.id,
        "at": canonical_instant(event.at),
        "actor_name": event.actor_name,
        "actor_role": event.actor_role,
        "action": event.action,
        "case_reference": event.case_reference,
        "check_id": event.check_id,
        "detail": event.detail,
        "prev_hash": prev_hash,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def event_hash(event: ChainedEvent, prev_hash: str) -> str:
    return hashlib.sha256(canonical_content(event, prev_hash)).hexdigest()


class AuditChainMissing(RuntimeError):
    """The chain head row is gone: nothing can be appended until the trail is looked at."""


# An append's three statements, built once and run as plain table statements: through the ORM
# (a bulk UPDATE each, a unit-of-work flush for the INSERT) an append took about 1.5 ms more CPU,
# a tenth of what the API process spent on a whole check (issue 13). The event row is written,
# not kept in the session: nothing reads it back there.
_HEAD = AuditChainHeadRow.__table__
_EVENTS = AuditEventRow.__table__
_ADVANCE_HEAD = (
    update(_HEAD)
    .where(_HEAD.c.id == HEAD_ROW_ID)
    .values(last_event_id=_HEAD.c.last_event_id + 1)
    .returning(_HEAD.c.last_event_id, _HEAD.c.last_hash)
)
_MOVE_HEAD = update(_HEAD).where(_HEAD.c.id == HEAD_ROW_ID).values(last_hash=bindparam("last_hash"))
_INSERT_EVENT = insert(_EVENTS)


def append(session: Session, event: AuditEventRow) -> None:
    """Give `event` its id, time and hashes and write it, in the caller's transaction.

    The UPDATE of the head row comes first: on PostgreSQL it locks that row until the caller
    commits (a second appender waits, then reads the first one's committed head); on SQLite any
    write takes the database write lock, so the head read after it is the latest one. Every
    service records last in its transaction: the head stays locked until the commit, and a lock
    taken after it could deadlock with a transaction waiting for the head. So the caller's
    pending writes are flushed before the head is locked."""
    session.flush()
    connection = session.connection()
    head = connection.execute(_ADVANCE_HEAD).one_or_none()
    if head is None:
        raise AuditChainMissing("the audit chain head row is missing: run `disclosure-guard audit verify`")
    event.id = head.last_event_id
    event.at = datetime.now(UTC)
    event.prev_hash = head.last_hash
    event.hash = event_hash(event, head.last_hash)
    connection.execute(_INSERT_EVENT, {column.key: getattr(event, column.key) for column in _EVENTS.columns})
    connection.execute(_MOVE_HEAD, {"last_hash": event.hash})


def parse_anchor(text: str) -> tuple[int, str]:
    """"42:9f86d0…" (as `audit head` prints it) -> (42, "9f86d0…"); ValueError otherwise."""
    anchor = _ANCHOR.fullmatch(text.strip())
    if anchor is None:
        raise ValueError("an anchor is EVENT_ID:HASH, as `disclosure-guard audit head` prints it")
    return int(anchor["event_id"]), anchor["hash"].lower()


class BreakKind(StrEnum):
    EDITED = "edited"  # an event's content (or hash) changed after it was written
    DELETED = "deleted"  # an event is missing from the chain
    INSERTED = "inserted"  # an event is in the table that the chain does not lead through
    REWRITTEN = "rewritten"  # the chain holds together but no longer has a hash anchored outside


@dataclass(frozen=True)
class ChainBreak:
    """The first event that does not verify, and how."""

    event_id: int
    kind: BreakKind
    message: str


@dataclass(frozen=True)
class ChainReport:
    """`latest_event_id` and `latest_hash` are those of the last event that verified (0 and
    GENESIS_HASH for an empty trail): the values to anchor when the trail is intact."""

    events: int
    latest_event_id: int
    latest_hash: str
    first_break: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.first_break is None


def chain_head(session: Session) -> tuple[int, str]:
    """The latest event's id and hash, as the trail holds them now (0 and GENESIS_HASH if empty)."""
    latest = session.execute(
        select(AuditEventRow.id, AuditEventRow.hash).order_by(AuditEventRow.id.desc()).limit(1)
    ).one_or_none()
    return (latest.id, latest.hash) if latest else (0, GENESIS_HASH)


def verify_chain(session: Session, anchors: Mapping[int, str] | None = None) -> ChainReport:
    """Walk the trail in id order, recomputing every hash and link; stop at the first event
    that does not verify. `anchors` are event hashes kept outside the database ({id: hash}).

    The head row and the events are read by one statement, so that one snapshot is checked
    even while checks keep appending."""
    anchors = dict(anchors or {})
    event_columns = [column for column in AuditEventRow.__table__.c]
    rows = session.execute(
        select(AuditChainHeadRow.last_event_id.label("head_event_id"),
               AuditChainHeadRow.last_hash.label("head_hash"), *event_columns)
        .select_from(AuditChainHeadRow)
        .outerjoin(AuditEventRow.__table__, true())
        .where(AuditChainHeadRow.id == HEAD_ROW_ID)
        .order_by(AuditEventRow.id)
        .execution_options(yield_per=1000)
    )
    walk = _Walk(anchors)
    head: tuple[int, str] | None = None
    for row in rows:
        head = (row.head_event_id, row.head_hash)
        if row.id is None:  # an empty trail: the outer join's one row
            break
        if (found := walk.step(row, head[0])) is not None:
            return walk.report(found)
    if head is None:
        return walk.report(ChainBreak(0, BreakKind.DELETED, "the chain head row (audit_chain_head) is missing"))
    return walk.report(walk.finish(*head))


class _Walk:
    def __init__(self, anchors: dict[int, str]) -> None:
        self.anchors = anchors
        self.events = 0
        self.last_id = 0
        self.last_hash = GENESIS_HASH
        self.recent: deque[tuple[int, str]] = deque([(0, GENESIS_HASH)], maxlen=_LOOKBACK)

    def step(self, event: ChainedEvent, head_event_id: int) -> ChainBreak | None:
        self.events += 1
        if event.id > head_event_id:
            return ChainBreak(event.id, BreakKind.INSERTED,
                              f"event {event.id} comes after the latest event the chain recorded "
                              f"({head_event_id}): it was not appended through the trail")
        if event.prev_hash != self.last_hash:
            return self._broken_link(event)
        if event_hash(event, event.prev_hash) != event.hash:
            return ChainBreak(event.id, BreakKind.EDITED,
                              f"event {event.id} was changed after it was written: its content does not match its hash")
        anchored = self.anchors.pop(event.id, None)
        if anchored is not None and anchored != event.hash:
            return ChainBreak(event.id, BreakKind.REWRITTEN,
                              f"event {event.id} no longer has the hash anchored outside the database: "
                              f"the trail was rewritten from this event or before it")
        missed = [anchored_id for anchored_id in self.anchors if anchored_id < event.id]
        if missed:
            return _missing(min(missed), "it was anchored outside the database and is not in the trail")
        self.last_id, self.last_hash = event.id, event.hash
        self.recent.append((event.id, event.hash))
        return None

    def _broken_link(self, event: ChainedEvent) -> ChainBreak:
        earlier = list(self.recent)
        for position in range(len(earlier) - 2, -1, -1):
            if earlier[position][1] == event.prev_hash:
                inserted = earlier[position + 1][0]
                return ChainBreak(inserted, BreakKind.INSERTED,
                                  f"event {inserted} was inserted: event {event.id} links past it "
                                  f"to event {earlier[position][0]}")
        if event.id > self.last_id + 1:
            return _missing(self.last_id + 1, f"event {event.id} links to an event that is not in the trail")
        if self.last_id == 0:
            return ChainBreak(event.id, BreakKind.EDITED,
                              f"event {event.id}, the first, does not link to the genesis hash: it was changed")
        return ChainBreak(self.last_id, BreakKind.EDITED,
                          f"event {self.last_id} was changed and its hash recomputed: event {event.id} "
                          f"still links to its old hash")

    def finish(self, head_event_id: int, head_hash: str) -> ChainBreak | None:
        if self.anchors:
            return _missing(min(self.anchors), "it was anchored outside the database and is not in the trail")
        if head_event_id > self.last_id:
            return _missing(self.last_id + 1, f"the chain recorded events up to {head_event_id} and the trail ends"
                                              f" at {self.last_id}")
        if head_hash != self.last_hash:
            return ChainBreak(self.last_id, BreakKind.EDITED,
                              f"event {self.last_id}, the latest, does not have the hash the chain recorded for it")
        return None

    def report(self, found: ChainBreak | None) -> ChainReport:
        return ChainReport(self.events, self.last_id, self.last_hash, found)


def _missing(event_id: int, why: str) -> ChainBreak:
    return ChainBreak(event_id, BreakKind.DELETED, f"event {event_id} was deleted: {why}")
