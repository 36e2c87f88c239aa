"""The default decision table, as data. Rules are tried in order for every case the item
touches; the first rule that fires decides, and every rule that fires is reported as a reason.

A rule's test looks at one case's facts and returns the finding ids that make it fire (an
empty tuple means it does not fire). Messages quote nothing from the register: only recipient
positions, part names and the case reference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from disclosure_guard.policy.facts import QUASI_IDENTIFIER_KINDS, CaseFacts, protected_owners
from disclosure_guard.types import Decision, Finding, MatchStrength, Recipient, ReasonCode, Severity


@dataclass(frozen=True)
class RuleContext:
    facts: CaseFacts
    findings: tuple[Finding, ...]
    recipients: tuple[Recipient, ...]
    visibility: tuple[frozenset[int], ...]  # by finding id: who can read it


@dataclass(frozen=True)
class Firing:
    finding_ids: tuple[int, ...]
    recipients: tuple[int, ...]


RuleTest = Callable[[RuleContext], Firing | None]


@dataclass(frozen=True)
class Rule:
    code: ReasonCode
    decision: Decision
    severity: Severity
    test: RuleTest
    message: str  # formatted with {recipients} and {case}


def _reaching(ctx: RuleContext, finding_ids: list[int], recipients: set[int]) -> Firing | None:
    hit_findings: set[int] = set()
    hit_recipients: set[int] = set()
    for finding_id in finding_ids:
        seen_by = ctx.visibility[finding_id] & recipients
        if seen_by:
            hit_findings.add(finding_id)
            hit_recipients |= seen_by
    if not hit_findings:
        return None
    for index in hit_recipients:
        hit_findings.update(ctx.facts.restriction_findings.get(index, ()))
    return Firing(tuple(sorted(hit_findings)), tuple(sorted(hit_recipients)))


def _contact_to_restricted(strength: MatchStrength) -> RuleTest:
    def test(ctx: RuleContext) -> Firing | None:
        restricted = {i for i, s in ctx.facts.restricted().items() if s is strength}
        return _reaching(ctx, ctx.facts.contact_findings, restricted)

    return test


def _person_to_restricted(ctx: RuleContext) -> Firing | None:
    return _reaching(ctx, ctx.facts.person_findings, set(ctx.facts.restricted()))


def _contact_to_third_party(ctx: RuleContext) -> Firing | None:
    """Neither trusted nor of the protected household. A quasi-identifier (her school) counts
    only when the item also identifies a party it belongs to, and never for the institution
    itself, which learns nothing from its own name."""
    facts = ctx.facts
    hit_findings: set[int] = set()
    hit_recipients: set[int] = set()
    for finding_id in facts.contact_findings:
        finding = ctx.findings[finding_id]
        owners = protected_owners(finding)
        quasi = finding.kind in QUASI_IDENTIFIER_KINDS
        if quasi and not owners & facts.identified:
            continue
        for index in ctx.visibility[finding_id]:
            if index in facts.trusted or facts.household(index, owners):
                continue
            if quasi and owners & facts.institution.get(index, set()):
                continue
            hit_findings.add(finding_id)
            hit_recipients.add(index)
    return Firing(tuple(sorted(hit_findings)), tuple(sorted(hit_recipients))) if hit_findings else None


def _protected_party_at_restricted_address(ctx: RuleContext) -> Firing | None:
    """A letter goes to an address, not a person: her name on an envelope to her abuser's
    address is read by whoever opens it there."""
    facts = ctx.facts
    recipients = {i for i in facts.at_restricted_address if facts.household(i)}
    if not recipients:
        return None
    hit_findings: set[int] = set()
    for index in recipients:
        hit_findings.update(facts.restriction_findings.get(index, ()))
    return Firing(tuple(sorted(hit_findings)), tuple(sorted(recipients)))


def _recipient_at_protected_address(ctx: RuleContext) -> Firing | None:
    hit_findings: set[int] = set()
    hit_recipients: set[int] = set()
    for index, finding_ids in ctx.facts.at_protected_address.items():
        if index in ctx.facts.trusted or ctx.facts.household(index):
            continue
        hit_findings.update(finding_ids)
        hit_recipients.add(index)
    return Firing(tuple(sorted(hit_findings)), tuple(sorted(hit_recipients))) if hit_findings else None


DECISION_TABLE: tuple[Rule, ...] = (
    Rule(
        ReasonCode.PROTECTED_CONTACT_TO_RESTRICTED, Decision.BLOCK, Severity.CRITICAL,
        _contact_to_restricted(MatchStrength.STRONG),
        "A restricted party of case {case} is among the recipients ({recipients}), and the item "
        "shows them a protected party's contact details from that case.",
    ),
    Rule(
        ReasonCode.UNCERTAIN_RESTRICTED_RECIPIENT, Decision.HOLD, Severity.HIGH,
        _contact_to_restricted(MatchStrength.WEAK),
        "A possible restricted party of case {case} (a weak match) is among the recipients "
        "({recipients}), and the item shows them a protected party's contact details from that case.",
    ),
    Rule(
        ReasonCode.PROTECTED_PARTY_AT_RESTRICTED_ADDRESS, Decision.HOLD, Severity.HIGH,
        _protected_party_at_restricted_address,
        "A protected party of case {case} is addressed at a restricted party's postal address "
        "({recipients}): whoever opens it there reads her name.",
    ),
    Rule(
        ReasonCode.PROTECTED_PERSON_TO_RESTRICTED, Decision.HOLD, Severity.HIGH,
        _person_to_restricted,
        "A restricted party of case {case} is among the recipients ({recipients}), and the item "
        "names a protected party of that case or gives a date of birth.",
    ),
    Rule(
        ReasonCode.PROTECTED_CONTACT_DISCLOSED, Decision.HOLD, Severity.HIGH,
        _contact_to_third_party,
        "The item shows a protected party's contact details from case {case} to recipients who "
        "are neither that party nor trusted for the case ({recipients}).",
    ),
    Rule(
        ReasonCode.RECIPIENT_AT_PROTECTED_ADDRESS, Decision.HOLD, Severity.MEDIUM,
        _recipient_at_protected_address,
        "Addressed to a protected address of case {case} without matching a protected party of "
        "that case ({recipients}).",
    ),
)
