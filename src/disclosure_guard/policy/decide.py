"""findings + recipients -> decision with reasons, by the decision table."""

from __future__ import annotations

from disclosure_guard.policy.facts import gather_facts, visible_to
from disclosure_guard.policy.table import DECISION_TABLE, RuleContext
from disclosure_guard.types import (
    Decision,
    Finding,
    Item,
    Reason,
    ReasonCode,
    RecipientMatch,
    Severity,
)

_RANK = {Decision.ALLOW: 0, Decision.HOLD: 1, Decision.BLOCK: 2}
_ENVELOPE_RULES = frozenset({ReasonCode.PROTECTED_PARTY_AT_RESTRICTED_ADDRESS, ReasonCode.RECIPIENT_AT_PROTECTED_ADDRESS})


def describe_recipients(indices: tuple[int, ...], item: Item) -> str:
    """By position and type only: a reason never repeats a name, even the sender's own."""
    return ", ".join(f"recipient {i} ({item.recipients[i].type.value})" for i in indices)


def decide(
    item: Item, findings: tuple[Finding, ...], matches: tuple[RecipientMatch, ...]
) -> tuple[Decision, tuple[Reason, ...]]:
    """The first rule that fires decides (in table order, over all cases); every rule that
    fires is reported, so a reviewer sees the whole picture."""
    visibility = tuple(visible_to(f.part, item.recipients) for f in findings)
    fired: list[tuple[int, Reason]] = []
    for reference, facts in sorted(gather_facts(findings, matches).items()):
        ctx = RuleContext(facts, findings, item.recipients, visibility)
        for position, rule in enumerate(DECISION_TABLE):
            firing = rule.test(ctx)
            if firing is None:
                continue
            message = rule.message.format(
                recipients=describe_recipients(firing.recipients, item), case=reference
            )
            fired.append(
                (position, Reason(rule.code, rule.severity, message, reference, firing.finding_ids))
            )
            # Later rules only restate the same disclosure more mildly for this case; the
            # exceptions are the rules about the envelope, not the content.
            if rule.code not in _ENVELOPE_RULES:
                break

    for part in item.unreadable:
        fired.append(
            (
                len(DECISION_TABLE),
                Reason(
                    ReasonCode.UNREADABLE_CONTENT,
                    Severity.HIGH,
                    f"The guard could not read {part.name}: {part.why}. An item the guard cannot read is held.",
                ),
            )
        )

    fired.sort(key=lambda pair: pair[0])
    reasons = tuple(reason for _, reason in fired)
    decision = Decision.ALLOW
    for code in (r.code for r in reasons):
        decision = max(decision, _decision_of(code), key=_RANK.__getitem__)
    return decision, reasons


def _decision_of(code: ReasonCode) -> Decision:
    for rule in DECISION_TABLE:
        if rule.code is code:
            return rule.decision
    return Decision.HOLD


def guard_error_reason(message: str) -> Reason:
    return Reason(ReasonCode.GUARD_ERROR, Severity.HIGH, message)
