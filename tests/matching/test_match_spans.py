import dataclasses

import pytest

from disclosure_guard.matching import NameScorers, match_recipients, match_spans
from disclosure_guard.matching.normalise.name import normalise_name
from disclosure_guard.types import (
    Finding,
    FindingKind,
    MatchStrength,
    MatchThresholds,
    PartyRef,
    PartyRole,
    Recipient,
    RecipientType,
    SpanKind,
)

from .conftest import JANE, a_case, a_letter, a_party, a_span, an_index

JANE_REF = PartyRef("DG-0001", 0, PartyRole.PROTECTED)
JOHN_REF = PartyRef("DG-0001", 1, PartyRole.RESTRICTED)


def findings_for(text: str, kind: SpanKind, span_text: str | None = None, *cases, pattern: str = "") -> list[Finding]:
    part = a_letter(text)
    span = a_span(part, kind, span_text or text, pattern=pattern)
    return match_spans(part, [span], an_index(*cases), MatchThresholds())


def test_her_address_in_a_letter_is_a_strong_address_finding(smith_case) -> None:
    text = "Please note her new address: Flat 3, 12 Elm Rd, Leeds LS6 2AB. Regards"

    [finding] = findings_for(text, SpanKind.ADDRESS, "Flat 3, 12 Elm Rd, Leeds LS6 2AB", smith_case)

    assert finding == Finding(
        kind=FindingKind.ADDRESS,
        part="body",
        start=29,
        end=61,
        text="Flat 3, 12 Elm Rd, Leeds LS6 2AB",
        party=JANE_REF,
        score=1.0,
        strength=MatchStrength.STRONG,
        matcher="address.components",
        components={"postcode": 1.0, "number": 1.0, "street": 1.0, "town": 1.0, "sub_building": 1.0},
        recognizer="test",
    )


def test_an_address_span_with_leading_words_still_matches(smith_case) -> None:
    [finding] = findings_for("She now lives at 3/12 Elm Road, Leeds", SpanKind.ADDRESS, None, smith_case)

    assert (finding.party, finding.strength) == (JANE_REF, MatchStrength.STRONG)


def test_a_neighbours_address_and_its_postcode_produce_nothing(smith_case) -> None:
    part = a_letter("Visit at Flat 3, 14 Elm Road, Leeds LS6 2AB.")
    spans = [
        a_span(part, SpanKind.ADDRESS, "Flat 3, 14 Elm Road, Leeds LS6 2AB"),
        a_span(part, SpanKind.POSTCODE, "LS6 2AB"),
    ]

    assert match_spans(part, spans, an_index(smith_case), MatchThresholds()) == []


def test_another_flat_in_her_building_produces_nothing(smith_case) -> None:
    assert findings_for("Flat 4, 12 Elm Road, Leeds LS6 2AB", SpanKind.ADDRESS, None, smith_case) == []


def test_a_lone_postcode_is_a_weak_address_finding(smith_case) -> None:
    [finding] = findings_for("The family moved to LS6 2AB last month.", SpanKind.POSTCODE, "LS6 2AB", smith_case)

    assert (finding.kind, finding.strength, finding.components) == (
        FindingKind.ADDRESS,
        MatchStrength.WEAK,
        {"postcode": 1.0},
    )
    assert finding.matcher == "address.postcode"


def test_a_postcode_inside_a_matched_address_is_not_reported_twice(smith_case) -> None:
    part = a_letter("Flat 3, 12 Elm Road, Leeds LS6 2AB")
    spans = [a_span(part, SpanKind.POSTCODE, "LS6 2AB"), a_span(part, SpanKind.ADDRESS, part.text)]

    findings = match_spans(part, spans, an_index(smith_case), MatchThresholds())

    assert [(f.text, f.matcher) for f in findings] == [(part.text, "address.components")]


@pytest.mark.parametrize("text", ["Jane Smith", "SMITH, Jane", "Jane Smiht", "Mrs J. Smith", "Zoë Smith"])
def test_her_name_is_a_strong_name_finding(text: str) -> None:
    case = a_case("DG-0001", protected=dataclasses.replace(JANE, names=("Jane Smith", "Zoe Smith")))

    [finding] = findings_for(f"We met {text} today.", SpanKind.PERSON, text, case)

    assert (finding.kind, finding.party, finding.strength, finding.text) == (
        FindingKind.NAME,
        JANE_REF,
        MatchStrength.STRONG,
        text,
    )


def test_an_initial_matches_both_parties_who_share_it(smith_case) -> None:
    findings = findings_for("J. Smith", SpanKind.PERSON, None, smith_case)

    assert {f.party for f in findings} == {JANE_REF, JOHN_REF}


def test_a_namesake_only_matches_the_party_with_that_forename(smith_case) -> None:
    [finding] = findings_for("John Smith", SpanKind.PERSON, None, smith_case)

    assert finding.party == JOHN_REF


def many_smiths(count: int = 30) -> list:
    """More J. Smiths, all born on her birthday, than a name or birth date alone can pick out."""
    return [
        a_case(f"DG-9{i:03}", protected=a_party(names=[f"Julia{'x' * i} Smith"], dates_of_birth=["1985-03-12"]))
        for i in range(count)
    ]


@pytest.mark.parametrize(("kind", "text"), [(SpanKind.PERSON, "Mrs J. Smith"), (SpanKind.DATE, "12/03/1985")])
def test_a_name_or_birth_date_fitting_too_many_parties_is_read_only_in_context(smith_case, kind, text) -> None:
    index = an_index(smith_case, *many_smiths())
    part = a_letter(f"We have spoken to {text} about the hearing.")
    span = a_span(part, kind, text, pattern="iso=1985-03-12" if kind is SpanKind.DATE else "")

    alone = match_spans(part, [span], index, MatchThresholds())
    to_her_abuser = match_spans(part, [span], index, MatchThresholds(), context=frozenset({"DG-0001"}))

    assert alone == []
    assert {f.party for f in to_her_abuser} == {JANE_REF} | ({JOHN_REF} if kind is SpanKind.PERSON else set())


def test_her_address_beside_a_vague_name_is_its_context(smith_case) -> None:
    index = an_index(smith_case, *many_smiths())
    part = a_letter("Mrs J. Smith now lives at Flat 3, 12 Elm Road, Leeds LS6 2AB.")
    spans = [a_span(part, SpanKind.PERSON, "Mrs J. Smith"), a_span(part, SpanKind.ADDRESS, "Flat 3, 12 Elm Road, Leeds LS6 2AB")]

    findings = match_spans(part, spans, index, MatchThresholds())

    assert {(f.kind, f.party) for f in findings} == {
        (FindingKind.ADDRESS, JANE_REF), (FindingKind.NAME, JANE_REF), (FindingKind.NAME, JOHN_REF)
    }


def test_a_span_matches_parties_in_several_cases(smith_case) -> None:
    other = a_case("DG-0002", protected=a_party(names=["Jane Smith"]))

    findings = findings_for("Jane Smith", SpanKind.PERSON, None, smith_case, other)

    assert {f.party.case_reference for f in findings} == {"DG-0001", "DG-0002"}


@pytest.mark.parametrize(
    ("kind", "text", "expected_kind", "matcher"),
    [
        (SpanKind.EMAIL, "mailto:Jane.Smith@Example.org", FindingKind.EMAIL, "email.exact"),
        (SpanKind.PHONE, "+44 7700 900123", FindingKind.PHONE, "phone.e164"),
        (SpanKind.DATE, "12th March 1985", FindingKind.DATE_OF_BIRTH, "date_of_birth.iso"),
        (SpanKind.IDENTIFIER, "ST MARYS PRIMARY SCHOOL", FindingKind.IDENTIFIER, "identifier.words"),
    ],
)
def test_contact_details_match_exactly_after_normalisation(smith_case, kind, text, expected_kind, matcher) -> None:
    [finding] = findings_for(f"Details: {text}", kind, text, smith_case)

    assert (finding.kind, finding.party, finding.score, finding.strength, finding.matcher) == (
        expected_kind,
        JANE_REF,
        1.0,
        MatchStrength.STRONG,
        matcher,
    )


def test_a_date_uses_the_iso_form_extraction_put_in_the_pattern(smith_case) -> None:
    [finding] = findings_for("born on the twelfth", SpanKind.DATE, "the twelfth", smith_case, pattern="iso=1985-03-12")

    assert finding.kind is FindingKind.DATE_OF_BIRTH


def test_another_phone_number_does_not_match(smith_case) -> None:
    assert findings_for("07700 900124", SpanKind.PHONE, None, smith_case) == []


def test_a_finding_never_carries_a_register_value(smith_case) -> None:
    part = a_letter("Jane Smiht lives at Flat 3, 12 Elmm Rd, Leeds. Call 07700900123.")
    spans = [
        a_span(part, SpanKind.PERSON, "Jane Smiht"),
        a_span(part, SpanKind.ADDRESS, "Flat 3, 12 Elmm Rd, Leeds"),
        a_span(part, SpanKind.PHONE, "07700900123"),
    ]

    findings = match_spans(part, spans, an_index(smith_case), MatchThresholds())

    assert len(findings) == 3
    register_values = ["Jane Smith", "Flat 3, 12 Elm Road, Headingley, Leeds LS6 2AB", "07700 900123", "+447700900123"]
    for finding in findings:
        assert finding.text == part.text[finding.start : finding.end]
        carried = repr(dataclasses.replace(finding, text="", part=""))
        assert not any(value.lower() in carried.lower() for value in register_values)


def test_thresholds_decide_strength(smith_case) -> None:
    part = a_letter("J. Smith")
    strict = MatchThresholds(strong=0.95, weak=0.9)

    findings = match_spans(part, [a_span(part, SpanKind.PERSON, "J. Smith")], an_index(smith_case), strict)

    assert {f.strength for f in findings} == {MatchStrength.WEAK}


def test_a_name_scored_for_the_envelope_is_scored_alike_in_the_letter(smith_case) -> None:
    index = an_index(smith_case)
    part = a_letter("Dear Mr John Smith, about Jane Smith and J. Smith.")
    spans = [a_span(part, SpanKind.PERSON, text) for text in ("John Smith", "Jane Smith", "J. Smith")]
    scorers = NameScorers()
    to_him = Recipient(RecipientType.TO, name="Mr John Smith")

    matches = match_recipients((to_him,), index, MatchThresholds(), scorers)
    shared = match_spans(part, spans, index, MatchThresholds(), frozenset({"DG-0001"}), scorers)

    assert [m.party for m in matches] == [JOHN_REF]
    assert shared == match_spans(part, spans, index, MatchThresholds(), frozenset({"DG-0001"}))


def test_a_lone_surname_with_or_without_a_title_names_nobody_in_particular(smith_case) -> None:
    for text in ("Mrs Smith", "Smith", "Mr Smith"):
        assert findings_for(f"Dear {text},", SpanKind.PERSON, text, smith_case) == [], text
    [finding] = findings_for("Dear J. Smith,", SpanKind.PERSON, "J. Smith", smith_case)[:1]
    assert finding.kind is FindingKind.NAME


@pytest.mark.parametrize("name", ["Jane", "Mrs Smith"])
def test_a_lone_forename_names_nobody_in_particular_as_a_lone_surname_does(smith_case, name: str) -> None:
    """Her address beside "Jane" is found as her address; "Jane" adds no name finding, as
    "Mrs Smith" adds none: a lone word is evidence for a reader, not a match by itself."""
    address = "Flat 3, 12 Elm Road, Leeds LS6 2AB"
    part = a_letter(f"Please send the form to {name} at {address}.")
    spans = [a_span(part, SpanKind.PERSON, name), a_span(part, SpanKind.ADDRESS, address)]
    findings = match_spans(part, spans, an_index(smith_case), MatchThresholds())
    assert [f.kind for f in findings] == [FindingKind.ADDRESS]


def test_a_name_inside_a_longer_name_is_one_mention(smith_case) -> None:
    part = a_letter("Attending: SMITH, Jane (mother).")
    spans = [a_span(part, SpanKind.PERSON, "SMITH, Jane"), a_span(part, SpanKind.PERSON, "SMITH")]
    findings = match_spans(part, spans, an_index(smith_case), MatchThresholds())
    assert [(f.text, f.party) for f in findings] == [("SMITH, Jane", JANE_REF)]


def test_the_recipients_own_name_is_the_recipient_not_a_party_who_shares_it(smith_case) -> None:
    """To John Smith: "Mr J Smith" is him, though it fits Jane as well; "Jane Smith" is her."""
    part = a_letter("Mr J Smith, about Jane Smith.")
    spans = [a_span(part, SpanKind.PERSON, "Mr J Smith"), a_span(part, SpanKind.PERSON, "Jane Smith")]
    on_envelope = (normalise_name("John Smith"),)
    findings = match_spans(part, spans, an_index(smith_case), MatchThresholds(), recipient_names=on_envelope)
    assert [(f.text, f.party) for f in findings] == [("Jane Smith", JANE_REF)]
    without_envelope = match_spans(part, spans, an_index(smith_case), MatchThresholds())
    assert ("Mr J Smith", JANE_REF) in [(f.text, f.party) for f in without_envelope]


def test_a_name_run_into_another_across_a_dash_gives_way_to_the_names_inside_it(smith_case) -> None:
    part = a_letter("Gaz - Jane Smith rang.")
    spans = [a_span(part, SpanKind.PERSON, "Gaz - Jane Smith"), a_span(part, SpanKind.PERSON, "Jane Smith")]
    findings = match_spans(part, spans, an_index(smith_case), MatchThresholds())
    assert [(f.text, f.party) for f in findings] == [("Jane Smith", JANE_REF)]
