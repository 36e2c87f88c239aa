"""A forename the nickname data lacks, beside another of her details: the module docstring's examples."""

import pytest

from disclosure_guard.matching import match_spans
from disclosure_guard.matching.diminutives import plausible_diminutive
from disclosure_guard.types import FindingKind, MatchStrength, MatchThresholds, SpanKind

from .conftest import a_case, a_letter, a_party, a_span, an_index

CASE = a_case(
    "DG-0009",
    protected=[
        a_party(names=["Rebecca Holloway"], addresses=["14 Garnet Street, Leeds LS11 5HP"]),
        a_party(names=["Natasha Morgan"], phones=["07700 900321"]),
        a_party(names=["Isabel Clarke"], identifiers=["Hillside Primary School"]),
        a_party(names=["Margaret O'Neill"], dates_of_birth=["1961-03-14"]),
    ],
    restricted=a_party(names=["Gary Holloway"]),
)


def names_found(text: str, name: str, detail: str, kind: SpanKind) -> list[tuple[int, MatchStrength]]:
    part = a_letter(text)
    spans = [a_span(part, SpanKind.PERSON, name), a_span(part, kind, detail)]
    if kind is SpanKind.DATE:
        spans[1] = a_span(part, kind, detail, pattern="date:1961-03-14")
    findings = match_spans(part, spans, an_index(CASE), MatchThresholds())
    return [(f.party.party_index, f.strength) for f in findings if f.kind is FindingKind.NAME]


@pytest.mark.parametrize(
    ("text", "name", "detail", "kind", "party"),
    [
        ("Bex Holloway now lives at 14 Garnet Street, Leeds LS11 5HP.", "Bex Holloway",
         "14 Garnet Street, Leeds LS11 5HP", SpanKind.ADDRESS, 0),
        ("Tash Morgan can be reached on 07700 900321.", "Tash Morgan", "07700 900321", SpanKind.PHONE, 1),
        ("Izzy Clarke is settling in well at Hillside Primary School.", "Izzy Clarke",
         "Hillside Primary School", SpanKind.IDENTIFIER, 2),
        ("Mags O'Neill (born 14/03/1961) attended.", "Mags O'Neill", "14/03/1961", SpanKind.DATE, 3),
    ],
)
def test_a_diminutive_with_her_surname_beside_another_of_her_details_is_weak(text, name, detail, kind, party):
    assert names_found(text, name, detail, kind) == [(party, MatchStrength.WEAK)]


def test_nothing_else_of_hers_another_forename_or_another_surname_is_nothing():
    part = a_letter("Bex Holloway called.")
    assert match_spans(part, [a_span(part, SpanKind.PERSON, "Bex Holloway")], an_index(CASE), MatchThresholds()) == []
    address = "14 Garnet Street, Leeds LS11 5HP"
    assert names_found(f"Paul Holloway now lives at {address}.", "Paul Holloway", address, SpanKind.ADDRESS) == []
    assert names_found(f"Bex Hollins now lives at {address}.", "Bex Hollins", address, SpanKind.ADDRESS) == []


def test_plausible_diminutives():
    for short, full in (("bex", "rebecca"), ("tash", "natasha"), ("izzy", "isabel"), ("mags", "margaret"),
                        ("shaz", "sharon"), ("liv", "olivia"), ("frankie", "francesca"), ("jessie", "jessica"),
                        ("katie", "katherine"), ("jill", "gillian"), ("gill", "gillian"), ("gina", "georgina"),
                        ("nell", "eleanor"), ("nell", "ellen"), ("nell", "helen"), ("ned", "edward"), ("nan", "annabel")):
        assert plausible_diminutive(short, full), (short, full)
    for short, full in (("paul", "rebecca"), ("mary", "rebecca"), ("bob", "robert"), ("rebecca", "bex"),
                        ("sarah", "sandra"), ("maureen", "margaret"), ("natalie", "natasha"), ("jill", "gemma"),
                        ("gary", "jasmine"), ("nina", "angelina"), ("nick", "ian"),
                        ("noel", "oliver")):
        assert not plausible_diminutive(short, full), (short, full)


def test_a_diminutive_in_an_item_whose_recipients_touch_her_case_is_weak():
    """"Bex Holloway" in a letter to Gary Holloway, her restricted party: her case is in context."""
    part = a_letter("Bex Holloway has asked for the hearing to be moved.")
    spans = [a_span(part, SpanKind.PERSON, "Bex Holloway")]
    findings = match_spans(part, spans, an_index(CASE), MatchThresholds(), frozenset({"DG-0009"}))
    assert [(f.party.party_index, f.strength, f.matcher) for f in findings] == [
        (0, MatchStrength.WEAK, "name.diminutive")]


def test_a_diminutive_in_a_letter_to_her_abuser_that_also_gives_his_own_address_is_weak():
    """His address in the letter is a detail of his case, not of hers: her case is still in context."""
    case = a_case("DG-0010", protected=a_party(names=["Francesca Farrell"]),
                  restricted=a_party(names=["Gareth Hill"], addresses=["140 Taylor Road, Hull HU5 2AB"]))
    part = a_letter("140 Taylor Road, Hull HU5 2AB. We have a statement from Fran Farrell.")
    spans = [a_span(part, SpanKind.ADDRESS, "140 Taylor Road, Hull HU5 2AB"), a_span(part, SpanKind.PERSON, "Fran Farrell")]
    findings = match_spans(part, spans, an_index(case), MatchThresholds(), frozenset({"DG-0010"}))
    assert [(f.text, f.party.party_index) for f in findings if f.kind is FindingKind.NAME] == [("Fran Farrell", 0)]


def test_a_diminutive_with_her_double_barrelled_surname_is_weak():
    case = a_case("DG-0011", protected=a_party(names=["Isabel Fairweather-Lowe"]),
                  restricted=a_party(names=["Marcus Lowe"]))
    part = a_letter("Izzy Fairweather-Lowe has cancelled the joint insurance.")
    spans = [a_span(part, SpanKind.PERSON, "Izzy Fairweather-Lowe")]
    findings = match_spans(part, spans, an_index(case), MatchThresholds(), frozenset({"DG-0011"}))
    assert [(f.party.party_index, f.strength) for f in findings] == [(0, MatchStrength.WEAK)]
