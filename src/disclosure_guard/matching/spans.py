"""Match the spans extraction found in one text part against the register.

One finding per (span, party): the party's best-matching value of that kind. A finding carries
the submitted span text, scores and component names, and a pointer to the party — never the
register value, which the sender may not know.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from disclosure_guard.matching.index import RegisterIndex
from disclosure_guard.matching.normalise.address import parse_address
from disclosure_guard.matching.normalise.date import date_from_pattern, normalise_date
from disclosure_guard.matching.normalise.email import normalise_email
from disclosure_guard.matching.normalise.identifier import normalise_identifier
from disclosure_guard.matching.normalise.name import PersonName, normalise_name
from disclosure_guard.matching.normalise.phone import normalise_phone
from disclosure_guard.matching.normalise.postcode import normalise_postcode
from disclosure_guard.matching.scoring.address import score_address
from disclosure_guard.matching.scoring.identifier import IdentifierScore, score_identifier
from disclosure_guard.matching.scoring.name import NameScore, score_name
from disclosure_guard.types import (
    Finding,
    FindingKind,
    MatchStrength,
    MatchThresholds,
    Span,
    SpanKind,
    TextPart,
)

# Matcher names: the explanation a reviewer reads next to each finding.
NAME_MATCHER = "name.tokens"
ADDRESS_MATCHER = "address.components"
POSTCODE_MATCHER = "address.postcode"
EMAIL_MATCHER = "email.exact"
PHONE_MATCHER = "phone.e164"
DATE_OF_BIRTH_MATCHER = "date_of_birth.iso"
IDENTIFIER_MATCHER = "identifier.words"
# A postcode alone covers about fifteen households: a partial disclosure, never a strong one.
LONE_POSTCODE_SCORE = 0.8
# A name without a forename ("Ms Smith", "Mr J A Smith") fits every party with that surname
# (and those initials). Up to this many parties it is reported against all of them; beyond it
# (a common surname, which alone identifies nobody) only against parties of cases that other
# spans of the same part already matched. This keeps the findings for one span, and the time
# for one letter, bounded whatever the size of the register. The price: "J. Smith" in a letter
# that says nothing else about her case is not reported when the register holds more than this
# many J. Smiths (see bench/README.md).
VAGUE_NAME_CANDIDATE_CAP = 50

_Scored = tuple[float, dict[str, float]]


def strength_of(score: float, thresholds: MatchThresholds) -> MatchStrength | None:
    if score >= thresholds.strong:
        return MatchStrength.STRONG
    if score >= thresholds.weak:
        return MatchStrength.WEAK
    return None


def match_spans(
    part: TextPart, spans: list[Span], index: RegisterIndex, thresholds: MatchThresholds
) -> list[Finding]:
    findings: list[Finding] = []
    # Parties each address span already settled, matched or proved a neighbour: a postcode
    # inside that span says nothing more about them.
    settled: list[tuple[Span, set[int]]] = []
    vague_names: list[tuple[Span, PersonName]] = []
    ordered = sorted(spans, key=lambda s: (s.kind is SpanKind.POSTCODE, s.start))
    for span in ordered:
        if span.kind is SpanKind.PERSON and _is_vague(name := normalise_name(span.text)):
            vague_names.append((span, name))
        elif span.kind is SpanKind.ADDRESS:
            new, decided = _match_address(part, span, index, thresholds)
            findings.extend(new)
            settled.append((span, decided))
        elif span.kind is SpanKind.POSTCODE:
            inside = [d for s, d in settled if s.start <= span.start and span.end <= s.end]
            findings.extend(_match_postcode(part, span, index, thresholds, set().union(*inside)))
        else:
            findings.extend(_match_other(part, span, index, thresholds))
    evidence = {f.party.case_reference for f in findings}
    for span, name in vague_names:
        findings.extend(_match_vague_name(part, span, name, index, thresholds, evidence))
    return findings


def _is_vague(name: PersonName) -> bool:
    """A name that gives no full forename: a lone word, or initials and a surname."""
    return len(name.tokens) == 1 or bool(name.surname) and all(len(f) == 1 for f in name.forenames)


def _match_vague_name(
    part: TextPart,
    span: Span,
    name: PersonName,
    index: RegisterIndex,
    thresholds: MatchThresholds,
    evidence: set[str],
) -> list[Finding]:
    # A lone word's candidates are counted without fetching them: "Smith" would fetch thousands.
    too_many = len(name.tokens) == 1 and index.lone_name_candidate_count(name) > VAGUE_NAME_CANDIDATE_CAP
    candidates: set[int] = set()
    if not too_many:
        # Initials with a surname spelt as registered fetch only those; misspellings are
        # looked for only when nothing is spelt so.
        candidates = index.parties_for_exact_name(name) if len(name.tokens) > 1 else set()
        candidates = candidates or index.parties_for_name(name)
        too_many = len(candidates) > VAGUE_NAME_CANDIDATE_CAP
    if too_many:
        candidates = {number for reference in evidence for number in index.parties_of_case(reference)}
    findings = []
    for number in sorted(candidates):
        scored = _best(score_name(name, registered) for registered in index.party(number).names)
        if finding := _finding(part, span, index, number, scored, FindingKind.NAME, NAME_MATCHER, thresholds):
            findings.append(finding)
    return findings


def _match_address(
    part: TextPart, span: Span, index: RegisterIndex, thresholds: MatchThresholds
) -> tuple[list[Finding], set[int]]:
    address = parse_address(span.text)
    findings, decided = [], set()
    for number in index.parties_for_address(address):
        best: _Scored = (0.0, {})
        for registered in index.party(number).addresses:
            result = score_address(address, registered)
            if result.different_dwelling:
                decided.add(number)
            if result.score > best[0]:
                best = (result.score, result.components)
        finding = _finding(part, span, index, number, best, FindingKind.ADDRESS, ADDRESS_MATCHER, thresholds)
        if finding:
            findings.append(finding)
            decided.add(number)
    return findings, decided


def _match_postcode(
    part: TextPart, span: Span, index: RegisterIndex, thresholds: MatchThresholds, skip: set[int]
) -> list[Finding]:
    postcode = normalise_postcode(span.text)
    if postcode is None:
        return []
    scored = (LONE_POSTCODE_SCORE, {"postcode": 1.0})
    kind, matcher = FindingKind.ADDRESS, POSTCODE_MATCHER
    return [
        finding
        for number in index.parties_for_postcode(postcode) - skip
        if (finding := _finding(part, span, index, number, scored, kind, matcher, thresholds))
    ]


def _match_other(
    part: TextPart, span: Span, index: RegisterIndex, thresholds: MatchThresholds
) -> list[Finding]:
    if span.kind is SpanKind.PERSON:
        kind, matcher, scored = FindingKind.NAME, NAME_MATCHER, _name_scores(span.text, index)
    elif span.kind is SpanKind.IDENTIFIER:
        kind, matcher = FindingKind.IDENTIFIER, IDENTIFIER_MATCHER
        scored = _identifier_scores(span.text, index)
    else:
        exact = _exact_lookup(span, index)
        if exact is None:
            return []
        kind, matcher, candidates, component = exact
        scored = ((number, (1.0, {component: 1.0})) for number in candidates)
    return [
        finding
        for number, result in scored
        if (finding := _finding(part, span, index, number, result, kind, matcher, thresholds))
    ]


def _name_scores(text: str, index: RegisterIndex) -> Iterator[tuple[int, _Scored]]:
    name = normalise_name(text)
    for number in index.parties_for_name(name):
        yield number, _best(score_name(name, registered) for registered in index.party(number).names)


def _identifier_scores(text: str, index: RegisterIndex) -> Iterator[tuple[int, _Scored]]:
    identifier = normalise_identifier(text)
    for number in index.parties_for_identifier(identifier):
        results = (score_identifier(identifier, registered) for registered in index.party(number).identifiers)
        yield number, _best(results)


def _best(results: Iterable[NameScore | IdentifierScore]) -> _Scored:
    best = max(results, key=lambda r: r.score, default=None)
    return (best.score, best.components) if best else (0.0, {})


def _exact_lookup(span: Span, index: RegisterIndex) -> tuple[FindingKind, str, set[int], str] | None:
    """Kinds compared exactly after normalisation: any candidate is a full match."""
    if span.kind is SpanKind.EMAIL and (email := normalise_email(span.text)):
        return FindingKind.EMAIL, EMAIL_MATCHER, index.parties_for_email(email), "email"
    if span.kind is SpanKind.PHONE and (phone := normalise_phone(span.text)):
        return FindingKind.PHONE, PHONE_MATCHER, index.parties_for_phone(phone), "phone"
    born = date_from_pattern(span.pattern) or normalise_date(span.text) if span.kind is SpanKind.DATE else None
    if born:
        candidates = index.parties_for_date_of_birth(born)
        return FindingKind.DATE_OF_BIRTH, DATE_OF_BIRTH_MATCHER, candidates, "date_of_birth"
    return None


def _finding(
    part: TextPart,
    span: Span,
    index: RegisterIndex,
    number: int,
    scored: _Scored,
    kind: FindingKind,
    matcher: str,
    thresholds: MatchThresholds,
) -> Finding | None:
    score, components = scored
    strength = strength_of(score, thresholds)
    if strength is None:
        return None
    return Finding(
        kind=kind,
        part=part.name,
        start=span.start,
        end=span.end,
        text=span.text,
        party=index.party(number).ref,
        score=score,
        strength=strength,
        matcher=matcher,
        components=dict(components),
    )
