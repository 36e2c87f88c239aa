"""check(item) -> Verdict: the whole pipeline as one pure function of the item, the register
index and the extraction pipeline; in two stages, extract (`extract_parts`) then match and
decide (`match_and_decide`), so that a long item's parts can be extracted in several processes
and decided once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from disclosure_guard.extraction import Extractor
from disclosure_guard.matching import (
    NameScorers,
    RegisterIndex,
    match_recipients,
    match_spans,
    one_per_span_and_case,
)
from disclosure_guard.matching.normalise.name import normalise_name
from disclosure_guard.policy.decide import decide
from disclosure_guard.reading import read_text
from disclosure_guard.types import (
    Finding,
    FindingKind,
    Gazetteer,
    Item,
    MatchThresholds,
    Recipient,
    RecipientMatch,
    Span,
    TextPart,
    Verdict,
)

_RECIPIENT_FIELDS: tuple[tuple[str, FindingKind], ...] = (
    ("name", FindingKind.NAME),
    ("email", FindingKind.EMAIL),
    ("address", FindingKind.ADDRESS),
)


def render_recipient(recipient: Recipient) -> tuple[str, dict[FindingKind, tuple[int, int]]]:
    """A recipient as the text part `recipient[i]`: its name, email and address on separate
    lines, absent ones left out. Findings on a recipient point into this text."""
    lines: list[str] = []
    offsets: dict[FindingKind, tuple[int, int]] = {}
    position = 0
    for attribute, kind in _RECIPIENT_FIELDS:
        value = getattr(recipient, attribute)
        if not value:
            continue
        offsets[kind] = (position, position + len(value))
        if kind is FindingKind.NAME:
            # An institution matches by its name: the school on a Cc line is seen by the rest.
            offsets[FindingKind.IDENTIFIER] = offsets[kind]
        lines.append(value)
        position += len(value) + 1
    return "\n".join(lines), offsets


def recipient_findings(
    recipients: Sequence[Recipient], matches: Sequence[RecipientMatch]
) -> list[Finding]:
    """A recipient's own details that matched a party are findings in `recipient[i]`: a Cc
    line shows them to everyone else on the item."""
    rendered = [render_recipient(r) for r in recipients]
    findings: list[Finding] = []
    for match in matches:
        if match.trusted or match.party is None:
            continue
        text, offsets = rendered[match.recipient_index]
        span = offsets.get(match.via)
        if span is None:
            continue
        findings.append(
            Finding(
                kind=match.via,
                part=f"recipient[{match.recipient_index}]",
                start=span[0],
                end=span[1],
                text=text[span[0] : span[1]],
                party=match.party,
                score=match.score,
                strength=match.strength,
                matcher=f"recipient.{match.via.value}",
                components=dict(match.components),
                recognizer="envelope",
                pattern=match.via.value,
            )
        )
    return findings


@dataclass(frozen=True)
class PartShare:
    """Share `share` (from 0) of `shares` of the extraction of one part too long for one worker
    (`Extractor.extract_share`): a run of the part's chunks."""

    name: str
    text: str
    share: int
    shares: int


def extract_parts(
    parts: Sequence[TextPart | PartShare], extractor: Extractor, gazetteer: Gazetteer | None
) -> list[list[Span]]:
    """The extract stage: each part's spans, offsets into that part. A part is extracted on its
    own, so the parts of one item may be extracted in several processes and the spans put back
    together in part order are exactly those of one run (review/checks.py splits long items so).
    A share of a part gives its spans as found, until `join_shares` settles the part's whole."""
    return [extractor.extract_share(part.text, part.share, part.shares, gazetteer) if isinstance(part, PartShare)
            else extractor.extract(part.text, gazetteer) for part in parts]


def join_shares(parts: Sequence[TextPart], spans: Sequence[Sequence[Span]], shares: Sequence[int],
                extractor: Extractor) -> list[list[Span]]:
    """Each part's spans from those of its units of work: `shares[i]` units for `parts[i]`, one
    for a part extracted whole, several for one cut in shares (`PartShare`), put together as
    `extract` would have found them in one run."""
    if len(shares) != len(parts) or sum(shares) != len(spans):
        # Fail closed: spans that do not line up with the parts would be matched against the
        # wrong text, or parts would go unread.
        raise ValueError(f"spans for {len(spans)} units, the item's {len(parts)} parts have {sum(shares)}")
    joined: list[list[Span]] = []
    first = 0
    for part, count in zip(parts, shares):
        units = spans[first:first + count]
        joined.append(list(units[0]) if count == 1 else extractor.finish_shares(part.text, units))
        first += count
    return joined


def match_and_decide(
    item: Item, spans: Sequence[Sequence[Span]], index: RegisterIndex, thresholds: MatchThresholds
) -> Verdict:
    """The match and decide stage: `spans[i]` are the spans of `item.parts[i]`."""
    if len(spans) != len(item.parts):
        # Fail closed: spans that do not line up with the parts would be matched against the
        # wrong text, or parts would go unread.
        raise ValueError(f"spans for {len(spans)} parts, the item has {len(item.parts)}")
    scorers = NameScorers()
    matches = match_recipients(item.recipients, index, thresholds, scorers)
    # The recipients' cases are the context in which a vague name ("Mr J Smith") is read.
    context = frozenset(m.case_reference for m in matches)
    on_envelope = tuple(normalise_name(read_text(r.name)) for r in item.recipients if r.name)
    findings: list[Finding] = []
    for part, part_spans in zip(item.parts, spans):
        findings.extend(match_spans(part, list(part_spans), index, thresholds, context, scorers, on_envelope))
    findings.extend(recipient_findings(item.recipients, matches))
    found = tuple(one_per_span_and_case(findings))
    decision, reasons = decide(item, found, tuple(matches))
    return Verdict(decision, reasons, found, tuple(matches))


def check(
    item: Item, index: RegisterIndex, extractor: Extractor, thresholds: MatchThresholds
) -> Verdict:
    return match_and_decide(item, extract_parts(item.parts, extractor, index.gazetteer()), index, thresholds)
