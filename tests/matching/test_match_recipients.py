import dataclasses

from disclosure_guard.matching import match_recipients
from disclosure_guard.types import (
    FindingKind,
    MatchStrength,
    MatchThresholds,
    PartyRef,
    PartyRole,
    Recipient,
    RecipientMatch,
    RecipientType,
    TrustedRecipient,
)

from .conftest import JANE, JOHN, a_case, an_index

JANE_REF = PartyRef("DG-0001", 0, PartyRole.PROTECTED)
JOHN_REF = PartyRef("DG-0001", 1, PartyRole.RESTRICTED)
SOLICITOR = TrustedRecipient(name="Priya Shah", email="p.shah@solicitors.example.org")
REFUGE = TrustedRecipient(name="Refuge Manager", address="Suite 2, 5 Mill Lane, Ashby AB1 2CD")


def matched(*recipients: Recipient, cases=None) -> list[RecipientMatch]:
    cases = cases or [a_case("DG-0001", protected=JANE, restricted=JOHN, trusted=[SOLICITOR, REFUGE])]
    return match_recipients(recipients, an_index(*cases), MatchThresholds())


def to(name=None, email=None, address=None) -> Recipient:
    return Recipient(type=RecipientType.TO, name=name, email=email, address=address)


def test_the_restricted_party_is_recognised_by_name_email_and_address() -> None:
    found = matched(to("Mr John Smith", "JOHN.SMITH@example.com", "40 Oak St, Bradford BD1 4AB"))

    assert sorted((m.via, m.party, m.strength) for m in found) == sorted(
        [
            (FindingKind.NAME, JOHN_REF, MatchStrength.STRONG),
            (FindingKind.EMAIL, JOHN_REF, MatchStrength.STRONG),
            (FindingKind.ADDRESS, JOHN_REF, MatchStrength.STRONG),
        ]
    )
    assert all(m.recipient_index == 0 and not m.trusted and m.case_reference == "DG-0001" for m in found)


def test_a_letter_to_her_own_address_matches_the_protected_party() -> None:
    [match] = matched(to(address="Flat 3, 12 Elm Road, Leeds LS6 2AB"))

    assert (match.party, match.via, match.strength) == (JANE_REF, FindingKind.ADDRESS, MatchStrength.STRONG)


def test_recipient_indexes_follow_the_recipients() -> None:
    found = matched(to(email="someone@else.org"), to(email="jane.smith@example.org"))

    assert [(m.recipient_index, m.party) for m in found] == [(1, JANE_REF)]


def test_a_trusted_recipient_matches_by_email() -> None:
    [match] = matched(to("P Shah", "mailto:P.Shah@solicitors.example.org"))

    assert match == RecipientMatch(
        recipient_index=0,
        case_reference="DG-0001",
        party=None,
        trusted=True,
        via=FindingKind.EMAIL,
        score=1.0,
        strength=MatchStrength.STRONG,
    )


def test_a_trusted_recipient_without_email_matches_by_address_and_name() -> None:
    [match] = matched(to("Refuge Manager", address="Suite 2, 5 Mill Ln, Ashby AB1 2CD"))

    assert (match.trusted, match.party, match.via, match.strength) == (
        True,
        None,
        FindingKind.ADDRESS,
        MatchStrength.STRONG,
    )


def test_a_trusted_address_with_another_name_is_not_trusted() -> None:
    assert matched(to("Someone Else", address="Suite 2, 5 Mill Lane, Ashby AB1 2CD")) == []


def test_a_trusted_address_only_partly_matching_is_not_trusted() -> None:
    assert matched(to("Refuge Manager", address="5 Mill Lane, Ashby AB1 2CD")) == []


def test_a_trusted_entry_with_email_does_not_vouch_by_address() -> None:
    solicitor = TrustedRecipient(name="Priya Shah", email="p.shah@solicitors.example.org", address="1 Law Row, Leeds LS1 1AA")
    case = a_case("DG-0001", protected=JANE, restricted=JOHN, trusted=[solicitor])

    assert matched(to("Priya Shah", address="1 Law Row, Leeds LS1 1AA"), cases=[case]) == []


def test_one_match_per_recipient_party_and_detail() -> None:
    # Two addresses of one party both match; one ADDRESS match is reported, the better one.
    jane = dataclasses.replace(JANE, addresses=("12 Elm Road, Leeds LS6 2AB", "Flat 3, 12 Elm Road, Leeds"))
    case = a_case("DG-0001", protected=jane)

    [match] = matched(to(address="12 Elm Road, Leeds LS6 2AB"), cases=[case])

    assert (match.party, match.score) == (JANE_REF, 1.0)


def test_a_namesake_recipient_is_not_matched() -> None:
    assert matched(to("Joan Smith")) == []


def test_the_carer_of_a_party_at_her_own_address_is_of_her_household_and_elsewhere_nobody() -> None:
    at_home = matched(to("Parent/Carer of Jane Smith", address="Flat 3, 12 Elm Road, Leeds LS6 2AB"))
    assert (FindingKind.NAME, JANE_REF) in [(m.via, m.party) for m in at_home]
    elsewhere = matched(to("The Parent or Guardian of: Jane Smith", address="9 Rye Lane, Leeds LS2 7QT"))
    assert [m for m in elsewhere if m.via is FindingKind.NAME] == []


def test_a_recipient_named_as_her_school_is_that_institution() -> None:
    found = matched(to("St Mary's Primary School"))
    assert [(m.via, m.party, m.strength) for m in found] == [
        (FindingKind.IDENTIFIER, JANE_REF, MatchStrength.STRONG)]


def test_a_lone_surname_on_the_envelope_is_at_most_an_uncertain_restricted_party() -> None:
    """"Mr Smith" may be John Smith, her abuser, but names nobody in particular: never Jane herself."""
    found = matched(to("Mr Smith"))
    assert [(m.via, m.party, m.strength) for m in found] == [(FindingKind.NAME, JOHN_REF, MatchStrength.WEAK)]


def test_her_household_name_at_her_own_door_is_her_household() -> None:
    """"Mrs Smith" at Jane Smith's flat is the Smiths who live there, not John Smith elsewhere;
    so is "Jane" alone."""
    for name in ("Mrs Smith", "Jane"):
        found = matched(to(name, address="Flat 3, 12 Elm Road, Leeds LS6 2AB"))
        assert sorted((m.via, m.party, m.strength) for m in found) == sorted([
            (FindingKind.NAME, JANE_REF, MatchStrength.STRONG), (FindingKind.ADDRESS, JANE_REF, MatchStrength.STRONG)])


def test_her_surname_alone_at_her_own_email_address_is_her() -> None:
    found = matched(to("Ms Smith", email="jane.smith@example.org"))
    assert sorted((m.via, m.party, m.strength) for m in found) == sorted([
        (FindingKind.NAME, JANE_REF, MatchStrength.STRONG), (FindingKind.EMAIL, JANE_REF, MatchStrength.STRONG)])


def test_a_name_that_fits_her_as_well_as_him_at_her_door_is_hers() -> None:
    """"J Smith" at Jane's flat fits Jane and John alike: at her door the tie is hers."""
    found = matched(to("Ms J Smith", address="Flat 3, 12 Elm Road, Leeds LS6 2AB"))
    assert JOHN_REF not in [m.party for m in found]
    assert (FindingKind.NAME, JANE_REF) in [(m.via, m.party) for m in found]
    # Elsewhere the tie is doubt, and doubt holds.
    found = matched(to("Ms J Smith", address="7 Ash Grove, York YO1 2AB"))
    assert JOHN_REF in [m.party for m in found]


def test_his_name_at_her_door_is_still_his() -> None:
    found = matched(to("Mr John Smith", address="Flat 3, 12 Elm Road, Leeds LS6 2AB"))
    assert (FindingKind.NAME, JOHN_REF, MatchStrength.STRONG) in [(m.via, m.party, m.strength) for m in found]


def test_a_lone_name_not_hers_or_at_another_door_stays_uncertain() -> None:
    # Another flat in her building: the door is not hers.
    found = matched(to("Mrs Smith", address="Flat 4, 12 Elm Road, Leeds LS6 2AB"))
    assert (FindingKind.NAME, JOHN_REF, MatchStrength.WEAK) in [(m.via, m.party, m.strength) for m in found]
    assert JANE_REF not in [m.party for m in found if m.via is FindingKind.NAME]
    # A word that is not her name at her door is nobody in particular.
    found = matched(to("Mrs Jones", address="Flat 3, 12 Elm Road, Leeds LS6 2AB"))
    assert [m.via for m in found] == [FindingKind.ADDRESS]


def test_a_door_they_share_leaves_a_lone_surname_uncertain() -> None:
    """Where the register puts him at her address too, "Mr Smith" there may be him."""
    shared = dataclasses.replace(JOHN, addresses=JANE.addresses)
    found = matched(to("Mr Smith", address="Flat 3, 12 Elm Road, Leeds LS6 2AB"),
                    cases=[a_case("DG-0001", protected=JANE, restricted=shared)])
    assert (FindingKind.NAME, JOHN_REF, MatchStrength.WEAK) in [(m.via, m.party, m.strength) for m in found]
