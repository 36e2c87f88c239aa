"""One finding per span and case.

A household's shared address matches the mother and each child; a surname shared by a family
matches several of them. The reviewer should read one finding for that span and case, listing
every party it matched, not three identical lines; the policy reads the same finding and asks
which of its parties are protected or restricted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from disclosure_guard.types import Finding, FindingKind, PartyRole

_SpanAndCase = tuple[str, int, int, FindingKind, str]


def one_per_span_and_case(findings: Iterable[Finding]) -> list[Finding]:
    """Groups in the order they first appear. The best-scoring party (a protected one on a tie,
    as that is what the guard protects) gives the finding its score and explanation."""
    groups: dict[_SpanAndCase, list[Finding]] = {}
    for finding in findings:
        key = (finding.part, finding.start, finding.end, finding.kind, finding.party.case_reference)
        groups.setdefault(key, []).append(finding)
    merged = []
    for group in groups.values():
        best = min(group, key=lambda f: (-f.score, f.party.role is not PartyRole.PROTECTED, f.party.party_index))
        parties = tuple(sorted({p for f in group for p in f.matched_parties}, key=lambda p: p.party_index))
        merged.append(replace(best, parties=parties))
    return merged
