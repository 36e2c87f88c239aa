"""One finding per span and case, carrying every party it matched."""

from disclosure_guard.matching.findings import one_per_span_and_case
from disclosure_guard.types import Finding, FindingKind, MatchStrength, PartyRef, PartyRole

MOTHER = PartyRef("DA-1", 0, PartyRole.PROTECTED)
CHILD = PartyRef("DA-1", 1, PartyRole.PROTECTED)
FATHER = PartyRef("DA-1", 2, PartyRole.RESTRICTED)
ELSEWHERE = PartyRef("DA-2", 0, PartyRole.PROTECTED)


def a_finding(party: PartyRef, score: float = 1.0, start: int = 0) -> Finding:
    return Finding(FindingKind.ADDRESS, "body", start, 9, "12 Elm Rd", party, score, MatchStrength.STRONG, "t")


def test_a_shared_address_is_one_finding_naming_each_party():
    merged = one_per_span_and_case([a_finding(CHILD, 0.95), a_finding(MOTHER), a_finding(ELSEWHERE)])
    assert [f.party for f in merged] == [MOTHER, ELSEWHERE]
    assert merged[0].parties == (MOTHER, CHILD) and merged[0].score == 1.0
    assert merged[1].matched_parties == (ELSEWHERE,)


def test_on_a_tie_the_protected_party_leads_and_other_spans_stay_apart():
    merged = one_per_span_and_case([a_finding(FATHER), a_finding(CHILD), a_finding(MOTHER, start=1)])
    assert len(merged) == 2
    assert merged[0].party == CHILD and merged[0].parties == (CHILD, FATHER)
