"""Python client for disclosure-guard: check an outgoing item before it is sent, learn what a
reviewer made of a held one, and verify the guard's webhooks. See README.md beside pyproject.toml."""

from disclosure_guard_client.client import AsyncGuardClient, GuardClient, __version__
from disclosure_guard_client.errors import (
    AuthError, CheckNotFound, GuardBusy, GuardError, GuardFailed, GuardUnreachable, InvalidRequest, RequestConflict,
    ReviewTimeout, UnexpectedAnswer, WebhookVerificationError,
)
from disclosure_guard_client.exchange import Attachment
from disclosure_guard_client.models import (
    Channel, CheckResult, CheckStatus, Decision, Finding, FindingKind, MatchStrength, PartyRole, Reason, ReasonCode,
    Recipient, RecipientType, Review, ReviewStatus, Severity,
)
from disclosure_guard_client.webhooks import (
    WebhookData, WebhookEvent, WebhookEventType, sign_webhook, verify_webhook,
)

__all__ = [
    "AsyncGuardClient", "Attachment", "AuthError", "Channel", "CheckNotFound", "CheckResult", "CheckStatus",
    "Decision", "Finding", "FindingKind", "GuardBusy", "GuardClient", "GuardError", "GuardFailed",
    "GuardUnreachable", "InvalidRequest", "MatchStrength", "PartyRole", "Reason", "ReasonCode", "Recipient",
    "RecipientType", "RequestConflict", "Review", "ReviewStatus", "ReviewTimeout", "Severity", "UnexpectedAnswer",
    "WebhookData", "WebhookEvent", "WebhookEventType", "WebhookVerificationError", "__version__", "sign_webhook",
    "verify_webhook",
]
