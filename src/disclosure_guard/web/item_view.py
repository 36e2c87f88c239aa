"""The item page's view model: a held item as the guard read it, each text part cut into pieces
at the findings' offsets so that the template marks every finding where it stands, and beside
it what was found: kind, strength, score, the matched party's role and case, the components that
agreed and the recognizer that found it.

Everything shown comes from the submitted item (its text, recipients and the spans in it) or
from the check's explanation (scores, roles, case references): never a register value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from disclosure_guard.review.holds import HeldItem
from disclosure_guard.review.outcome import ReviewStatus
from disclosure_guard.types import Finding, Verdict
from disclosure_guard.web.views import REASON_LABELS, age_of, minute_of, status_label, utc

MAX_COMMENT_CHARS = 5000


@dataclass(frozen=True)
class Piece:
    """A stretch of a part's text; `findings` numbers the findings that cover it (none: plain text)."""

    text: str
    findings: tuple[int, ...] = ()

    @property
    def marked(self) -> bool:
        return bool(self.findings)

    @property
    def label(self) -> str:
        return "finding " + ", ".join(str(n) for n in self.findings)


@dataclass(frozen=True)
class PartView:
    name: str
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class FindingView:
    number: int
    part: str
    text: str
    kind: str
    strength: str
    score: str
    role: str
    case_reference: str
    components: tuple[tuple[str, str], ...]
    found_by: str


@dataclass(frozen=True)
class ReasonView:
    code: str
    label: str
    severity: str
    message: str
    case_reference: str | None
    findings: tuple[int, ...]


@dataclass(frozen=True)
class RecipientView:
    type: str
    name: str
    email: str
    address: str
    matches: tuple[str, ...]


@dataclass(frozen=True)
class ItemPage:
    check_id: str
    status: str
    status_label: str
    pending: bool
    received: str
    waiting: str
    channel: str
    submitted_by: str
    external_ref: str | None
    cases: tuple[str, ...]
    read: ItemRead
    reviewed_by: str | None
    review_comment: str | None
    max_comment_chars: int = MAX_COMMENT_CHARS
    # Four-eyes: the first reviewer's release, and whether the one reading the page gave it
    # (then only a different reviewer may release it; anyone may still reject it).
    four_eyes: bool = False
    awaiting_second_reviewer: bool = False
    approved_by: str | None = None
    approved_at: str | None = None
    approval_comment: str | None = None
    viewer_approved: bool = False


def pieces_of(text: str, findings: list[tuple[int, Finding]]) -> tuple[Piece, ...]:
    """`text` cut at every finding's start and end, each piece knowing which findings cover it;
    findings may overlap (a name inside an address), and an offset outside the text is ignored
    rather than trusted."""
    spans = [(n, f.start, f.end) for n, f in findings if 0 <= f.start < f.end <= len(text)]
    cuts = sorted({0, len(text), *(s for _, s, _ in spans), *(e for _, _, e in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = tuple(n for n, s, e in spans if s <= start and end <= e)
        pieces.append(Piece(text[start:end], covering))
    return tuple(pieces)


def finding_view(number: int, finding: Finding) -> FindingView:
    components = tuple((name, f"{value:.2f}") for name, value in sorted(finding.components.items()))
    how = finding.recognizer or finding.matcher
    pattern = finding.pattern.split("=", 1)[0]
    return FindingView(
        number=number, part=finding.part, text=finding.text, kind=str(finding.kind), strength=str(finding.strength),
        score=f"{finding.score:.2f}", role=str(finding.party.role), case_reference=finding.party.case_reference,
        components=components, found_by=f"{how} ({pattern})" if pattern else how,
    )


def recipient_views(content: dict[str, Any] | None, verdict: Verdict) -> tuple[RecipientView, ...]:
    recipients = (content or {}).get("recipients") or []
    views = []
    for index, recipient in enumerate(recipients):
        matches = tuple(
            f"{'a trusted recipient' if m.trusted else str(m.party.role) if m.party else 'a party'} of case "
            f"{m.case_reference}, by {m.via} ({m.strength}, {m.score:.2f})"
            for m in verdict.recipient_matches if m.recipient_index == index
        )
        views.append(RecipientView(str(recipient.get("type") or ""), recipient.get("name") or "",
                                   recipient.get("email") or "", recipient.get("address") or "", matches))
    return tuple(views)


def reason_views(verdict: Verdict) -> tuple[ReasonView, ...]:
    """The reasons, each citing its findings by their number on the page (1 for the verdict's first)."""
    return tuple(
        ReasonView(reason.code.value, REASON_LABELS.get(reason.code, reason.code.value), str(reason.severity),
                   reason.message, reason.case_reference, tuple(i + 1 for i in reason.finding_ids))
        for reason in verdict.reasons
    )


@dataclass(frozen=True)
class ItemRead:
    """What the guard read of an item, as _item_read.html shows it for a held or a blocked item."""

    reasons: tuple[ReasonView, ...]
    recipients: tuple[RecipientView, ...]
    parts: tuple[PartView, ...]
    unreadable: tuple[tuple[str, str], ...]
    findings: tuple[FindingView, ...]
    content_kept: bool


def item_read(content: dict[str, Any] | None, verdict: Verdict) -> ItemRead:
    # Findings are numbered from 1 on the page; reasons cite them by their index in the verdict.
    numbered = list(enumerate(verdict.findings, start=1))
    return ItemRead(
        reasons=reason_views(verdict),
        recipients=recipient_views(content, verdict),
        parts=tuple(
            PartView(part["name"], pieces_of(part["text"], [(n, f) for n, f in numbered if f.part == part["name"]]))
            for part in (content or {}).get("parts") or []
        ),
        unreadable=tuple((u.get("name", ""), u.get("why", "")) for u in (content or {}).get("unreadable") or []),
        findings=tuple(finding_view(n, f) for n, f in numbered),
        content_kept=content is not None,
    )


def item_page(held: HeldItem, now: datetime | None = None, *, viewer: str | None = None,
              four_eyes: bool = False) -> ItemPage:
    now = now or datetime.now(UTC)
    hold, content = held.hold, held.content
    received = utc(hold.created_at)
    pending = hold.status is ReviewStatus.PENDING
    return ItemPage(
        check_id=hold.check_id,
        status=hold.status.value,
        status_label=status_label(hold),
        pending=pending,
        received=minute_of(received),
        waiting=age_of(now - received) if pending else "-",
        channel=hold.channel.value,
        submitted_by=hold.submitter_system or hold.submitted_by,
        external_ref=(content or {}).get("external_ref"),
        cases=hold.case_references,
        read=item_read(content, held.result.verdict),
        reviewed_by=hold.reviewed_by,
        review_comment=held.review_comment,
        four_eyes=four_eyes,
        awaiting_second_reviewer=hold.awaiting_second_reviewer,
        approved_by=hold.approved_by,
        approved_at=minute_of(hold.approved_at) if hold.approved_at else None,
        approval_comment=held.approval_comment,
        viewer_approved=hold.awaiting_second_reviewer and viewer is not None and viewer == hold.approved_by,
    )
