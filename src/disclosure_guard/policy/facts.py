"""What the policy needs to know about one case in one item, derived from findings and
recipient matches: who is restricted, who is one of the protected household, who is trusted,
who is an institution named among a party's identifiers, and which recipients can see each
finding."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from disclosure_guard.types import (
    Finding,
    FindingKind,
    MatchStrength,
    PartyRole,
    Recipient,
    RecipientMatch,
    RecipientType,
)

CONTACT_KINDS = frozenset({FindingKind.ADDRESS, FindingKind.PHONE, FindingKind.EMAIL, FindingKind.IDENTIFIER})
# A school, workplace or GP surgery says where someone is only when the item ties it to her, or
# goes to her restricted party: a quasi-identifier, not a contact detail by itself.
QUASI_IDENTIFIER_KINDS = frozenset({FindingKind.IDENTIFIER})
PERSON_KINDS = frozenset({FindingKind.NAME, FindingKind.DATE_OF_BIRTH})
# A recipient is the protected party herself only when a personal detail says so: an address
# alone says where a letter goes, not who opens it.
_IDENTITY_KINDS = frozenset({FindingKind.NAME, FindingKind.EMAIL, FindingKind.PHONE})

_RECIPIENT_PART = re.compile(r"^recipient\[(\d+)\]$")


def recipient_part_index(part: str) -> int | None:
    found = _RECIPIENT_PART.match(part)
    return int(found.group(1)) if found else None


def protected_owners(finding: Finding) -> set[int]:
    """The protected parties (by index in their case) whose detail a finding is."""
    return {p.party_index for p in finding.matched_parties if p.role is PartyRole.PROTECTED}


def visible_to(part: str, recipients: tuple[Recipient, ...]) -> frozenset[int]:
    """Who can read a part. Content reaches everyone. A To or Cc line is printed on every copy
    (the hospital copy list), so every other recipient sees it; a Bcc line reaches nobody else.
    A recipient's own envelope is not a disclosure to that recipient."""
    everyone = frozenset(range(len(recipients)))
    own = recipient_part_index(part)
    if own is None:
        return everyone
    if own >= len(recipients) or recipients[own].type is RecipientType.BCC:
        return frozenset()
    return everyone - {own}


@dataclass
class CaseFacts:
    reference: str
    restricted_strong: dict[int, list[RecipientMatch]] = field(default_factory=lambda: defaultdict(list))
    restricted_weak: dict[int, list[RecipientMatch]] = field(default_factory=lambda: defaultdict(list))
    protected_identity: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    lives_apart: set[int] = field(default_factory=set)  # protected parties outside the household
    at_protected_address: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    # Recipients whose postal address is a restricted party's (the old shared home).
    at_restricted_address: set[int] = field(default_factory=set)
    # Recipients that are an institution among a party's identifiers (the school itself).
    institution: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    trusted: set[int] = field(default_factory=set)
    contact_findings: list[int] = field(default_factory=list)
    person_findings: list[int] = field(default_factory=list)
    restriction_findings: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    # Protected parties the item identifies by a detail other than a quasi-identifier.
    identified: set[int] = field(default_factory=set)

    def household(self, recipient: int, owners: set[int] | None = None) -> bool:
        """The protected parties of one case are one household: a recipient who is any of them
        is no third party for the details of another (the mother and the address she shares
        with her children), unless the register says one of them lives apart. `owners`: the
        parties whose details are shown; None asks whether the recipient is of the case's
        protected parties at all."""
        who = self.protected_identity.get(recipient, set())
        if owners is None or who & owners:
            return bool(who)
        return bool(who - self.lives_apart) and bool(owners - self.lives_apart)

    def restricted(self) -> dict[int, MatchStrength]:
        strengths = {i: MatchStrength.WEAK for i in self.restricted_weak}
        strengths.update({i: MatchStrength.STRONG for i in self.restricted_strong})
        return strengths


def gather_facts(findings: tuple[Finding, ...], matches: tuple[RecipientMatch, ...]) -> dict[str, CaseFacts]:
    facts: dict[str, CaseFacts] = {}

    def of(reference: str) -> CaseFacts:
        return facts.setdefault(reference, CaseFacts(reference))

    # "Jason Martin" fits the father Jason better than his daughter Jessica: a better fit to
    # a restricted party's name means the envelope names him, not her. A tie ("J. Martin" for
    # either) is doubt, and doubt holds: she may be the one written to at his door.
    his_name: dict[tuple[str, int], float] = {}
    for match in matches:
        if match.party is not None and match.party.role is PartyRole.RESTRICTED and match.via is FindingKind.NAME:
            key = (match.case_reference, match.recipient_index)
            his_name[key] = max(his_name.get(key, 0.0), match.score)

    for match in matches:
        case = of(match.case_reference)
        if match.trusted:
            if match.strength is MatchStrength.STRONG:
                case.trusted.add(match.recipient_index)
            continue
        assert match.party is not None
        if match.via in QUASI_IDENTIFIER_KINDS:
            # The recipient is the school or workplace itself, not the person it belongs to.
            if match.strength is MatchStrength.STRONG:
                case.institution[match.recipient_index].add(match.party.party_index)
            continue
        if match.party.role is PartyRole.RESTRICTED:
            bucket = case.restricted_strong if match.strength is MatchStrength.STRONG else case.restricted_weak
            bucket[match.recipient_index].append(match)
            if match.via is FindingKind.ADDRESS and match.strength is MatchStrength.STRONG:
                case.at_restricted_address.add(match.recipient_index)
        elif match.strength is MatchStrength.STRONG and match.via in _IDENTITY_KINDS:
            if match.via is FindingKind.NAME and match.score < his_name.get((match.case_reference, match.recipient_index), 0.0):
                continue
            case.protected_identity[match.recipient_index].add(match.party.party_index)
            if not match.party.shares_household:
                case.lives_apart.add(match.party.party_index)

    for finding_id, finding in enumerate(findings):
        case = of(finding.party.case_reference)
        own = recipient_part_index(finding.part)
        roles = {party.role for party in finding.matched_parties}
        if PartyRole.RESTRICTED in roles and own is not None:
            case.restriction_findings[own].append(finding_id)
        if PartyRole.PROTECTED not in roles:
            continue
        protected = protected_owners(finding)
        case.lives_apart |= {p.party_index for p in finding.matched_parties if not p.shares_household}
        if finding.kind not in QUASI_IDENTIFIER_KINDS:
            case.identified |= protected
        if finding.kind in CONTACT_KINDS:
            case.contact_findings.append(finding_id)
            if own is not None and finding.kind is FindingKind.ADDRESS and finding.strength is MatchStrength.STRONG:
                case.at_protected_address[own].append(finding_id)
        elif finding.kind in PERSON_KINDS:
            case.person_findings.append(finding_id)

    for case in facts.values():
        # Strong beats weak: a recipient strongly restricted is not also "uncertain".
        for index in list(case.restricted_weak):
            if index in case.restricted_strong:
                del case.restricted_weak[index]
    return facts
