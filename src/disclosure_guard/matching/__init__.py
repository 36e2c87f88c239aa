"""Matching: spans and recipients of an outgoing item x the register index -> findings.

    index = RegisterIndex.build(cases, version=7)
    scorers = NameScorers()  # one per item: a name is scored once, on the envelope and in the text
    recipient_matches = match_recipients(item.recipients, index, MatchThresholds(), scorers)
    context = frozenset(m.case_reference for m in recipient_matches)
    findings = match_spans(part, spans, index, MatchThresholds(), context, scorers)

Imports nothing from the web or database layers.
"""

from disclosure_guard.matching.findings import one_per_span_and_case
from disclosure_guard.matching.index import RegisterIndex
from disclosure_guard.matching.normalise.address import AddressComponents, parse_address
from disclosure_guard.matching.recipients import match_recipients
from disclosure_guard.matching.scoring.name import NameScorers
from disclosure_guard.matching.spans import match_spans

__all__ = ["AddressComponents", "NameScorers", "RegisterIndex", "match_recipients", "match_spans",
           "one_per_span_and_case", "parse_address"]
