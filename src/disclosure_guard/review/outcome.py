"""What a check came to, as one typed value: `CheckEngine.submit` returns it, `load_result`
reads it back, and the API, the SMTP filter and the CLI all read it rather than a dict."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from disclosure_guard.types import Decision, ReasonCode, Verdict


class ReviewStatus(StrEnum):
    """Where a held item stands with the reviewers. Allowed and blocked items have none."""

    PENDING = "pending"
    RELEASED = "released"
    REJECTED = "rejected"


@dataclass(frozen=True)
class CheckOutcome:
    check_id: str
    external_ref: str | None
    created_at: datetime
    verdict: Verdict
    register_version: int
    elapsed_ms: float
    # None when the item is not in the hold queue: allowed, blocked, or a failed check whose
    # submitter will offer the item again (an MTA told 451).
    review_status: ReviewStatus | None = None
    # When a reviewer released or rejected it; None while pending.
    reviewed_at: datetime | None = None
    # Four-eyes (DG_FOUR_EYES): pending, released once, and a different reviewer's release still
    # to come; a first release is not a release, so the submitter must not send it yet.
    awaiting_second_reviewer: bool = False

    @property
    def decision(self) -> Decision:
        return self.verdict.decision

    @property
    def guard_failed(self) -> bool:
        return guard_failed(self.verdict)


def guard_failed(verdict: Verdict) -> bool:
    """The guard erred or ran out of time: the hold says nothing about the item itself."""
    return any(reason.code is ReasonCode.GUARD_ERROR for reason in verdict.reasons)
