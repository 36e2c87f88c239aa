"""Matching: spans and recipients of an outgoing item x the register index -> findings.

    index = RegisterIndex.build(cases, version=7)
    findings = match_spans(part, spans, index, MatchThresholds())
    recipient_matches = match_recipients(item.recipients, index, MatchThresholds())

Imports nothing from the web or database layers.
"""

from disclosure_guard.matching.index import RegisterIndex
from disclosure_guard.matching.normalise.address import AddressComponents, parse_address
from disclosure_guard.matching.recipients import match_recipients
from disclosure_guard.matching.spans import match_spans

__all__ = ["AddressComponents", "RegisterIndex", "match_recipients", "match_spans", "parse_address"]
