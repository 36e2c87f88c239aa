"""ORM tables. Columns named `sealed_*` hold AES-GCM ciphertext (see crypto.Vault): every
register value and every stored copy of submitted text lives only there."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from disclosure_guard.db.base import Base


class RegisterStateRow(Base):
    """A single row whose version moves on with every register change, so that every worker
    can tell cheaply that its in-memory index is stale."""

    __tablename__ = "register_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)
    sealed_case: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    party_count: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class ApiKeyRow(Base):
    """A key by name. `system` is who the key speaks for: a submitter reads the checks of its
    own system only. A rotated key's old secret stays valid until `previous_key_expires_at`."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True, index=True)
    role: Mapped[str] = mapped_column(String(40), nullable=False)
    system: Mapped[str] = mapped_column(String(200), nullable=False)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    rotated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    previous_key_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True, index=True)
    previous_key_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CheckRow(Base):
    """One check. The filterable facts are in clear (decision, reason codes, case references,
    which are register keys, not values); everything quoting the item is sealed."""

    __tablename__ = "checks"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    channel: Mapped[str] = mapped_column(String(20), nullable=False)
    decision: Mapped[str] = mapped_column(String(10), nullable=False)
    # Delimited as ",a,b," so that a filter on one value is a LIKE '%,a,%'.
    reason_codes: Mapped[str] = mapped_column(Text, nullable=False)
    case_references: Mapped[str] = mapped_column(Text, nullable=False)
    register_version: Mapped[int] = mapped_column(Integer, nullable=False)
    submitted_by: Mapped[str] = mapped_column(String(200), nullable=False)
    # The submitting key's system: a submitter key reads only its own system's checks (0003
    # filled it in from submitted_by for older checks). None matches no system.
    submitter_system: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sealed_result: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    sealed_content: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    review_status: Mapped[str | None] = mapped_column(String(20), nullable=True, index=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    sealed_review_comment: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # Four-eyes (DG_FOUR_EYES, 0010): the first reviewer's release, kept while the item stays
    # pending for a second, different reviewer, whose release fills in reviewed_by above.
    approved_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    sealed_approval_comment: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # Messages held by the SMTP filter: the envelope to relay on release, and how far that got.
    sealed_envelope: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    relay_status: Mapped[str | None] = mapped_column(String(20), nullable=True, index=True)
    # Tries at the next hop, the last failure's class (review.relay.RelayError, never an
    # address) and when the last try began (0007).
    relay_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    relay_error: Mapped[str | None] = mapped_column(String(40), nullable=True)
    relay_attempted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # A keyed digest of the message a gateway handed over (envelope and bytes, never the
    # content): a message the MTA offers again reuses its first decision (review/relay.py).
    message_digest: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    # The asynchronous lane (review/pending.py): "pending" until a worker has decided it, with
    # decision "hold" (not to be sent), no result (sealed_result empty) and the content sealed;
    # a claim names its claimer and ends at claim_expires_at, after which another may take it.
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="decided",
                                        server_default="decided", index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    claim_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Claims so far: one claimed this often without a decision is held (review/pending.py, 0009).
    claims: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")


class AuditEventRow(Base):
    """Append-only, and tamper-evident: `hash` is the SHA-256 of the event's canonical content
    and `prev_hash` (see audit/chain.py). The id is the event's place in the chain, given under
    the chain lock; triggers refuse UPDATE and DELETE (migration 0004)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    actor_name: Mapped[str] = mapped_column(String(200), nullable=False)
    actor_role: Mapped[str] = mapped_column(String(40), nullable=False)
    action: Mapped[str] = mapped_column(String(60), nullable=False, index=True)
    case_reference: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    check_id: Mapped[str | None] = mapped_column(
        String(40), ForeignKey("checks.id", ondelete="SET NULL"), nullable=True
    )
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)


class AuditChainHeadRow(Base):
    """One row: the id and hash of the latest audit event. Every append locks it, so that two
    appends queue instead of both chaining to the same event; `audit verify` compares it with
    the last event, so that a deleted or added last event shows."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_event_id: Mapped[int] = mapped_column(Integer, nullable=False)
    last_hash: Mapped[str] = mapped_column(String(64), nullable=False)


class UserRow(Base):
    """A person who signs in to the reviewer pages (access/users.py). Only the Argon2id hash of
    the password is kept. `failed_sign_ins` counts failures since the last success; reaching the
    lock-out limit sets `locked_until`."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True, index=True)
    role: Mapped[str] = mapped_column(String(40), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class WebSessionRow(Base):
    """A signed-in browser (access/web_sessions.py). The cookie carries a random token; only its
    SHA-256 is kept, so a copy of the database signs no one in. `csrf_token` is the session's
    form token. A session ends at sign-out, after `last_seen_at` plus the idle timeout, or at
    `expires_at`, whichever is first."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
                                         index=True)
    csrf_token: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class IdempotencyKeyRow(Base):
    """An Idempotency-Key a system sent with a check: the digest of the request it came with
    (never the request), and the check it made; no check yet while the first request is in
    flight, until `locked_until` (after which the request is taken to have died)."""

    __tablename__ = "idempotency_keys"

    system: Mapped[str] = mapped_column(String(200), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_digest: Mapped[str] = mapped_column(String(64), nullable=False)
    check_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class WebhookEndpointRow(Base):
    """A receiver of webhook events. Its signing secret is sealed; a deleted endpoint keeps its
    row (`deleted_at`) so that its deliveries can still be listed."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    url: Mapped[str] = mapped_column(Text, nullable=False)
    # Delimited as ",a,b," as the checks' reason codes are.
    events: Mapped[str] = mapped_column(Text, nullable=False)
    # Only this system's checks, or every system's when None.
    system: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sealed_secret: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class WebhookDeliveryRow(Base):
    """The outbox: one event for one endpoint, written in the transaction that decided the
    check or the hold. It names the check and the event, and holds no content: the body is
    built from the check at each try. `id` is the webhook-id the receiver sees on every try.
    A claim (claimed_by, until claim_expires_at) lets one process of several deliver it."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    endpoint_id: Mapped[str] = mapped_column(String(40), ForeignKey("webhook_endpoints.id"), nullable=False, index=True)
    event: Mapped[str] = mapped_column(String(40), nullable=False)
    check_id: Mapped[str] = mapped_column(String(40), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    claim_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class WebhookAttemptRow(Base):
    """One try of a delivery: the receiver's status code, or the class of error (timeout,
    connect_error, url_refused...), never a response body."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    delivery_id: Mapped[str] = mapped_column(String(40), ForeignKey("webhook_deliveries.id"), nullable=False, index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(String(40), nullable=True)
    elapsed_ms: Mapped[float] = mapped_column(Float, nullable=False)
