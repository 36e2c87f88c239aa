"""Match the spans extraction found in one text part against the register.

One finding per (span, party): the party's best-matching value of that kind. A finding carries
the submitted span text, scores and component names, and a pointer to the party — never the
register value, which the sender may not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from disclosure_guard.matching.diminutives import corroborated_names
from disclosure_guard.matching.index import RegisterIndex
from disclosure_guard.matching.name_index import is_vague
from disclosure_guard.matching.normalise.address import AddressComponents, parse_address
from disclosure_guard.matching.normalise.date import date_from_pattern, normalise_date
from disclosure_guard.matching.normalise.email import normalise_email
from disclosure_guard.matching.normalise.identifier import normalise_identifier
from disclosure_guard.matching.normalise.name import PersonName, normalise_name
from disclosure_guard.matching.normalise.phone import normalise_phone
from disclosure_guard.matching.normalise.postcode import normalise_postcode
from disclosure_guard.matching.scoring.address import score_address
from disclosure_guard.matching.scoring.identifier import IdentifierScore, score_identifier
from disclosure_guard.matching.scoring.name import NameScorer, NameScorers
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
# A name or a date of birth that fits more register parties than this identifies nobody by
# itself ("Ms Smith", "Mr J A Smith", "John Smith" at a large register, a common birthday). Up
# to the cap it is reported against every party it fits; beyond it only against parties of the
# cases the item is already known to touch: its recipients' cases and the cases its other spans
# matched. That is the corroborating evidence exact-data-match DLP asks of a weak element. It
# keeps the findings for one span, and the time for one letter, bounded whatever the size of
# the register, and loses no decision: a name or birth date decides nothing unless a restricted
# recipient of its case is on the item (rule 3), and then that case is in the context.
SHARED_DETAIL_CAP = 20

_Scored = tuple[float, dict[str, float]]


def strength_of(score: float, thresholds: MatchThresholds) -> MatchStrength | None:
    if score >= thresholds.strong:
        return MatchStrength.STRONG
    if score >= thresholds.weak:
        return MatchStrength.WEAK
    return None


def match_spans(
    part: TextPart,
    spans: list[Span],
    index: RegisterIndex,
    thresholds: MatchThresholds,
    context: frozenset[str] = frozenset(),
    scorers: NameScorers | None = None,
    recipient_names: Sequence[PersonName] = (),
) -> list[Finding]:
    """`context`: references of cases the item is known to touch (its recipients' matches).
    `scorers`: the item's own, shared with `match_recipients`, to score each name once.
    `recipient_names`: the names on the envelope; a mention that is a recipient's own name
    ("Dear Mr D Lukas" to Damian Lukas) is that recipient, not a party who shares his surname."""
    scorers = scorers if scorers is not None else NameScorers()
    findings: list[Finding] = []
    # What each address span already settled: the parties it matched or proved neighbours,
    # and, when it gives a house number, everyone at its postcode (see `_match_address`). A
    # postcode inside that span says nothing more about them.
    settled: list[tuple[Span, set[int], str | None]] = []
    personal: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.kind is SpanKind.POSTCODE, s.start)):
        if span.kind in (SpanKind.PERSON, SpanKind.DATE):
            personal.append(span)
        elif span.kind is SpanKind.ADDRESS:
            address = parse_address(span.as_read)
            new, decided = _match_address(part, span, address, index, thresholds)
            findings.extend(new)
            settled.append((span, decided, address.postcode if address.number else None))
        elif span.kind is SpanKind.POSTCODE:
            inside = [(d, pc) for s, d, pc in settled if s.start <= span.start and span.end <= s.end]
            skip = set().union(*(d for d, _ in inside))
            findings.extend(_match_postcode(part, span, index, thresholds, skip, {pc for _, pc in inside if pc}))
        else:
            findings.extend(_match_other(part, span, index, thresholds))
    # Names and birth dates last, with what the rest of the item says as their evidence; full
    # names before vague ones, so that "Jane Smith" is evidence for "J. Smith" beside her.
    evidence = set(context).union(f.party.case_reference for f in findings)
    # Spans paired with their names by position: a span's hash is its every field, each time.
    people = iter(_mentions([s for s in personal if s.kind is SpanKind.PERSON]))
    read = [(s, next(people) if s.kind is SpanKind.PERSON else None) for s in personal]
    read = [(s, name) for s, name in read if s.kind is not SpanKind.PERSON or name is not None]
    strangers: list[tuple[Span, PersonName]] = []  # named people who are not a recipient
    for span, name in sorted(read, key=lambda r: r[1] is not None and is_vague(r[1])):
        if name is not None:
            scorer = scorers(name)
            own = scorer.best(recipient_names).score if recipient_names else 0.0
            if own < thresholds.strong:
                strangers.append((span, name))
            new = _match_name(part, span, scorer, index, thresholds, evidence, own)
        else:
            new = _match_date_of_birth(part, span, index, thresholds, evidence)
        findings.extend(new)
        evidence.update(f.party.case_reference for f in new)
    findings.extend(corroborated_names(part, strangers, findings, index, thresholds, context))
    return findings


def mentions(personal: Iterable[Span]) -> dict[Span, PersonName | None]:
    """The person spans that name someone in particular, by span; None for the others.

    A name span inside a longer one is the same mention ("KEENAHAN" in "KEENAHAN, Leslie"),
    read as the longer one, unless the longer one runs two things together across a dash,
    colon or line ("Gaz - Sandie Rees"): then the names inside it are the mentions. A lone word
    ("Mr Lukas", "Lukas", "Zoe", "send the form to Victoria at ...") names no particular person
    by itself: a family shares a surname, the abuser is greeted by his, and a forename is
    shared by thousands; what else of hers the item holds is matched on its own."""
    people = [s for s in personal if s.kind is SpanKind.PERSON]
    return dict(zip(people, _mentions(people)))


def _mentions(people: list[Span]) -> list[PersonName | None]:
    """`mentions` of these person spans, in their order."""
    found: list[PersonName | None] = [None] * len(people)

    def holds_another(span: Span) -> bool:
        return any(o is not span and span.start <= o.start and o.end <= span.end for o in people)

    # A run-on span is rare; the containment test below is one pass over the spans in order,
    # since a 500-page bundle holds thousands of names.
    kept = [i for i, s in enumerate(people) if not (_RUN_ON.search(s.as_read) and holds_another(s))]
    widest: Span | None = None  # of the spans so far, the one reaching furthest, earliest first
    for i in sorted(kept, key=lambda i: (people[i].start, -people[i].end)):
        span = people[i]
        inside = widest is not None and widest.end >= span.end and widest.end - widest.start > span.end - span.start
        if widest is None or span.end > widest.end:
            widest = span
        name = normalise_name(span.as_read)
        found[i] = None if inside or len(name.tokens) < 2 else name
    return found


# Inside one name there is no spaced dash, colon, semicolon, slash or line break.
_RUN_ON = re.compile(r"\s[-–—]\s|[:;/\n]")


def _match_name(
    part: TextPart,
    span: Span,
    scorer: NameScorer,
    index: RegisterIndex,
    thresholds: MatchThresholds,
    evidence: set[str],
    own: float = 0.0,
) -> list[Finding]:
    """`own`: how well the span fits a recipient's own name. A party it fits no better than
    that, when the fit is strong, is not the one meant."""
    candidates = index.parties_for_name(scorer.found, SHARED_DETAIL_CAP, evidence)
    findings = []
    for number in sorted(candidates):
        best = scorer.best(index.party(number).names)
        if own >= thresholds.strong and best.score <= own:
            continue
        scored = (best.score, best.components)
        if finding := _finding(part, span, index, number, scored, FindingKind.NAME, NAME_MATCHER, thresholds):
            findings.append(finding)
    return findings


def _match_date_of_birth(
    part: TextPart, span: Span, index: RegisterIndex, thresholds: MatchThresholds, evidence: set[str]
) -> list[Finding]:
    born = date_from_pattern(span.pattern) or normalise_date(span.as_read)
    if not born:
        return []
    candidates = index.parties_for_date_of_birth(born)
    if len(candidates) > SHARED_DETAIL_CAP:
        candidates &= index.parties_of_cases(evidence)
    scored = (1.0, {"date_of_birth": 1.0})
    kind, matcher = FindingKind.DATE_OF_BIRTH, DATE_OF_BIRTH_MATCHER
    return [
        finding
        for number in sorted(candidates)
        if (finding := _finding(part, span, index, number, scored, kind, matcher, thresholds))
    ]


def _match_address(
    part: TextPart, span: Span, address: AddressComponents, index: RegisterIndex, thresholds: MatchThresholds
) -> tuple[list[Finding], set[int]]:
    """Findings, and the parties proved to live elsewhere. A numbered address does not fetch
    the other houses at its postcode (index.address_lookup_keys): every one is a neighbour."""
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
    part: TextPart,
    span: Span,
    index: RegisterIndex,
    thresholds: MatchThresholds,
    skip: set[int],
    settled: set[str],
) -> list[Finding]:
    """`skip`: parties an enclosing address span decided; `settled`: postcodes it decided whole."""
    postcode = normalise_postcode(span.as_read)
    if postcode is None or postcode in settled:
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
    if span.kind is SpanKind.IDENTIFIER:
        kind, matcher = FindingKind.IDENTIFIER, IDENTIFIER_MATCHER
        scored = _identifier_scores(span.as_read, index)
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


def _identifier_scores(text: str, index: RegisterIndex) -> Iterator[tuple[int, _Scored]]:
    identifier = normalise_identifier(text)
    for number in index.parties_for_identifier(identifier):
        results = (score_identifier(identifier, registered) for registered in index.party(number).identifiers)
        yield number, _best(results)


def _best(results: Iterable[IdentifierScore]) -> _Scored:
    best = max(results, key=lambda r: r.score, default=None)
    return (best.score, best.components) if best else (0.0, {})


def _exact_lookup(span: Span, index: RegisterIndex) -> tuple[FindingKind, str, set[int], str] | None:
    """Kinds compared exactly after normalisation: any candidate is a full match."""
    if span.kind is SpanKind.EMAIL and (email := normalise_email(span.as_read)):
        return FindingKind.EMAIL, EMAIL_MATCHER, index.parties_for_email(email), "email"
    if span.kind is SpanKind.PHONE and (phone := normalise_phone(span.as_read)):
        return FindingKind.PHONE, PHONE_MATCHER, index.parties_for_phone(phone), "phone"
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
        recognizer=span.recognizer,
        pattern=span.pattern_name,
    )
