"""The decision table on hand-made findings: the policy alone, without extraction or matching."""

from disclosure_guard.policy.decide import decide
from disclosure_guard.policy.facts import visible_to
from disclosure_guard.types import (
    Channel,
    Decision,
    Finding,
    FindingKind,
    Item,
    MatchStrength,
    PartyRef,
    PartyRole,
    Recipient,
    RecipientMatch,
    RecipientType,
    TextPart,
    UnreadablePart,
)

CASE = "DA-1"
VICTIM = PartyRef(CASE, 0, PartyRole.PROTECTED)
ABUSER = PartyRef(CASE, 1, PartyRole.RESTRICTED)
STRONG, WEAK = MatchStrength.STRONG, MatchStrength.WEAK


def an_item(*types: RecipientType, unreadable: tuple[UnreadablePart, ...] = ()) -> Item:
    recipients = tuple(Recipient(t, name=f"R{i}") for i, t in enumerate(types or (RecipientType.TO,)))
    return Item(Channel.EMAIL, recipients, (TextPart("body", "…"),), unreadable)


def a_finding(kind: FindingKind, party: PartyRef = VICTIM, part: str = "body", strength=STRONG) -> Finding:
    return Finding(kind, part, 0, 1, "x", party, 1.0 if strength is STRONG else 0.8, strength, "test")


def a_match(recipient: int, party: PartyRef | None = ABUSER, via=FindingKind.NAME, strength=STRONG,
            trusted: bool = False) -> RecipientMatch:
    return RecipientMatch(recipient, CASE, party, trusted, via, 1.0, strength)


def codes(decision_and_reasons) -> tuple[Decision, list[str]]:
    decision, reasons = decision_and_reasons
    return decision, [r.code.value for r in reasons]


def test_contact_to_strong_restricted_blocks():
    result = decide(an_item(), (a_finding(FindingKind.ADDRESS),), (a_match(0),))
    assert codes(result) == (Decision.BLOCK, ["protected_contact_to_restricted"])
    assert result[1][0].finding_ids == (0,)


def test_contact_to_weak_restricted_holds():
    result = decide(an_item(), (a_finding(FindingKind.PHONE),), (a_match(0, strength=WEAK),))
    assert codes(result) == (Decision.HOLD, ["uncertain_restricted_recipient"])


def test_name_or_birth_date_to_restricted_holds():
    for kind in (FindingKind.NAME, FindingKind.DATE_OF_BIRTH):
        assert codes(decide(an_item(), (a_finding(kind),), (a_match(0),))) == (
            Decision.HOLD, ["protected_person_to_restricted"])


def test_contact_to_third_party_holds_but_not_to_the_party_or_trusted():
    finding = (a_finding(FindingKind.EMAIL),)
    assert codes(decide(an_item(), finding, ())) == (Decision.HOLD, ["protected_contact_disclosed"])
    herself = (a_match(0, party=VICTIM, via=FindingKind.NAME),)
    assert codes(decide(an_item(), finding, herself)) == (Decision.ALLOW, [])
    trusted = (a_match(0, party=None, via=FindingKind.EMAIL, trusted=True),)
    assert codes(decide(an_item(), finding, trusted)) == (Decision.ALLOW, [])


def test_address_alone_does_not_make_the_recipient_the_protected_party():
    at_address = (a_match(0, party=VICTIM, via=FindingKind.ADDRESS),)
    envelope = (a_finding(FindingKind.ADDRESS, part="recipient[0]"),)
    assert codes(decide(an_item(), envelope, at_address)) == (Decision.HOLD, ["recipient_at_protected_address"])


def test_cc_line_is_seen_by_others_and_bcc_line_by_nobody():
    to, cc, bcc = RecipientType.TO, RecipientType.CC, RecipientType.BCC
    recipients = an_item(to, cc, bcc).recipients
    assert visible_to("body", recipients) == {0, 1, 2}
    assert visible_to("recipient[1]", recipients) == {0, 2}
    assert visible_to("recipient[2]", recipients) == set()
    victim_in_cc = (a_finding(FindingKind.EMAIL, part="recipient[1]"),)
    matches = (a_match(0), a_match(1, party=VICTIM, via=FindingKind.EMAIL))
    assert decide(an_item(to, cc), victim_in_cc, matches)[0] is Decision.BLOCK
    victim_in_bcc = (a_finding(FindingKind.EMAIL, part="recipient[1]"),)
    assert decide(an_item(to, bcc), victim_in_bcc, matches)[0] is Decision.ALLOW


def test_unreadable_content_holds_and_block_still_wins():
    unreadable = (UnreadablePart("attachment[0]", "encrypted PDF"),)
    assert codes(decide(an_item(unreadable=unreadable), (), ())) == (Decision.HOLD, ["unreadable_content"])
    result = decide(an_item(unreadable=unreadable), (a_finding(FindingKind.ADDRESS),), (a_match(0),))
    assert codes(result) == (Decision.BLOCK, ["protected_contact_to_restricted", "unreadable_content"])


def test_restricted_party_details_alone_are_allowed():
    own_affairs = (a_finding(FindingKind.ADDRESS, party=ABUSER),)
    assert codes(decide(an_item(), own_affairs, (a_match(0),))) == (Decision.ALLOW, [])


def test_messages_name_no_register_value():
    _, reasons = decide(an_item(), (a_finding(FindingKind.ADDRESS),), (a_match(0),))
    assert "R0" not in reasons[0].message and "x" not in reasons[0].message.split()


CHILD = PartyRef(CASE, 2, PartyRole.PROTECTED)


def a_household_finding(kind: FindingKind, part: str = "body") -> Finding:
    """The address mother and child share matches both: one finding carrying both parties."""
    return Finding(kind, part, 0, 1, "x", VICTIM, 1.0, STRONG, "test", parties=(VICTIM, CHILD))


def test_the_household_is_no_third_party_for_each_others_details():
    to_mother = (a_match(0, party=VICTIM, via=FindingKind.NAME),)
    shared = (a_household_finding(FindingKind.ADDRESS),)
    assert codes(decide(an_item(), shared, to_mother)) == (Decision.ALLOW, [])
    childs_phone = (a_finding(FindingKind.PHONE, party=CHILD),)
    assert codes(decide(an_item(), childs_phone, to_mother)) == (Decision.ALLOW, [])
    assert codes(decide(an_item(), shared, (a_match(0),))) == (Decision.BLOCK, ["protected_contact_to_restricted"])
    assert codes(decide(an_item(), shared, ())) == (Decision.HOLD, ["protected_contact_disclosed"])


def test_a_quasi_identifier_counts_only_when_the_item_ties_it_to_her_or_goes_to_her_restricted_party():
    school = a_finding(FindingKind.IDENTIFIER, party=CHILD)
    assert codes(decide(an_item(), (school,), ())) == (Decision.ALLOW, [])
    with_her_name = (school, a_finding(FindingKind.NAME, party=CHILD))
    assert codes(decide(an_item(), with_her_name, ())) == (Decision.HOLD, ["protected_contact_disclosed"])
    with_her_birthday = (school, a_finding(FindingKind.DATE_OF_BIRTH, party=CHILD))
    assert decide(an_item(), with_her_birthday, ())[0] is Decision.HOLD
    with_someone_elses_name = (school, a_finding(FindingKind.NAME, party=VICTIM))
    assert codes(decide(an_item(), with_someone_elses_name, ())) == (Decision.ALLOW, [])
    assert codes(decide(an_item(), (school,), (a_match(0),))) == (Decision.BLOCK, ["protected_contact_to_restricted"])


def test_the_institution_itself_learns_nothing_from_its_own_name():
    the_school = (a_match(0, party=CHILD, via=FindingKind.IDENTIFIER),)
    with_her_name = (a_finding(FindingKind.IDENTIFIER, party=CHILD), a_finding(FindingKind.NAME, party=CHILD))
    assert codes(decide(an_item(), with_her_name, the_school)) == (Decision.ALLOW, [])
    # The school is neither restricted nor the child herself: her address still holds.
    address = (a_finding(FindingKind.ADDRESS, party=CHILD),)
    assert codes(decide(an_item(), address, the_school)) == (Decision.HOLD, ["protected_contact_disclosed"])


def test_a_protected_party_addressed_at_her_abusers_address_is_held_and_blocked_with_her_details():
    envelope = (a_match(0, party=VICTIM, via=FindingKind.NAME), a_match(0, party=ABUSER, via=FindingKind.ADDRESS))
    own_line = (a_finding(FindingKind.ADDRESS, party=ABUSER, part="recipient[0]"),)
    assert codes(decide(an_item(), own_line, envelope)) == (Decision.HOLD, ["protected_party_at_restricted_address"])
    with_her_phone = own_line + (a_finding(FindingKind.PHONE),)
    assert decide(an_item(), with_her_phone, envelope)[0] is Decision.BLOCK
    at_her_own_address = (a_match(0, party=VICTIM, via=FindingKind.NAME), a_match(0, party=VICTIM, via=FindingKind.ADDRESS))
    assert codes(decide(an_item(), (), at_her_own_address)) == (Decision.ALLOW, [])


def test_a_party_who_lives_apart_is_no_household_for_the_others():
    """An adult son living elsewhere: the register says so, and he is told no one's address."""
    son = PartyRef(CASE, 3, PartyRole.PROTECTED, shares_household=False)
    to_son = (a_match(0, party=son, via=FindingKind.NAME),)
    mothers_address = (a_household_finding(FindingKind.ADDRESS),)
    assert codes(decide(an_item(), mothers_address, to_son)) == (Decision.HOLD, ["protected_contact_disclosed"])
    his_own = (a_finding(FindingKind.PHONE, party=son),)
    assert codes(decide(an_item(), his_own, to_son)) == (Decision.ALLOW, [])
    to_mother = (a_match(0, party=VICTIM, via=FindingKind.NAME),)
    assert codes(decide(an_item(), his_own, to_mother)) == (Decision.HOLD, ["protected_contact_disclosed"])


def test_a_name_on_the_envelope_that_fits_him_better_than_his_daughter_is_his_and_a_tie_holds():
    """"Jason Martin" at his own address is the father, not his daughter Jessica; "J. Martin"
    fits both alike, and she may be the one written to at his door."""
    daughter = PartyRef(CASE, 2, PartyRole.PROTECTED)
    his_better = (RecipientMatch(0, CASE, daughter, False, FindingKind.NAME, 0.925, STRONG),
                  RecipientMatch(0, CASE, ABUSER, False, FindingKind.NAME, 1.0, STRONG),
                  a_match(0, via=FindingKind.ADDRESS))
    assert codes(decide(an_item(), (), his_better)) == (Decision.ALLOW, [])
    tie = (a_match(0, party=daughter, via=FindingKind.NAME), a_match(0, via=FindingKind.NAME),
           a_match(0, via=FindingKind.ADDRESS))
    assert codes(decide(an_item(), (), tie)) == (Decision.HOLD, ["protected_party_at_restricted_address"])
    hers_better = (RecipientMatch(0, CASE, daughter, False, FindingKind.NAME, 1.0, STRONG),
                   RecipientMatch(0, CASE, ABUSER, False, FindingKind.NAME, 0.925, STRONG),
                   a_match(0, via=FindingKind.ADDRESS))
    assert codes(decide(an_item(), (), hers_better)) == (Decision.HOLD, ["protected_party_at_restricted_address"])
