"""UK personal identifiers: NHS numbers and National Insurance numbers, with their check rules.

Examples it must handle (and the tests use exactly these); `pattern` carries the compact value:
    "NHS number: 943 476 5919"      -> "943 476 5919"   nhs=9434765919
    "NHS No 9434765919"             -> "9434765919"     nhs=9434765919
    "943-476-5919"                  -> "943-476-5919"   nhs=9434765919
    "NI number: AB 12 34 56 C"      -> "AB 12 34 56 C"  nino=AB123456C
    "National Insurance no. ab123456c" -> "ab123456c"  nino=AB123456C
    "NINO: JG103759A"               -> "JG103759A"      nino=JG103759A
and must not fire on:
    "943 476 5918" (check digit wrong); "0113 496 0000" and "+44 118 496 0518" (phones);
    "ref 1234567890";
    "QQ 12 34 56 C" (HMRC's specimen prefix); "BG 12 34 56 C" (a prefix never issued);
    "AB 12 34 56 E" (the suffix is A-D).

NHS numbers are checked by python-stdnum (modulus 11). python-stdnum has no NINO module, so
its rules are here: no D, F, I, Q, U or V in either prefix letter, no O second, none of the
prefixes BG, GB, KN, NK, NT, TN or ZZ, six digits and a suffix A-D. A NINO written without its
suffix counts only after its label ("NI number: AB 12 34 56").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from stdnum.gb import nhs

from disclosure_guard.extraction.recognizers.base import Recognizer
from disclosure_guard.types import Span, SpanKind

NHS_NUMBER = re.compile(
    r"(?<![\w+/.-])(?P<a>\d{3})(?P<sep>[ \t\-]?)(?P<b>\d{3})(?P=sep)(?P<c>\d{4})(?![\w/-]|\.\d)"
)
NINO = re.compile(
    r"(?<![\w/-])(?P<prefix>[A-Za-z]{2})[ \t]?(?P<d1>\d\d)[ \t]?(?P<d2>\d\d)[ \t]?(?P<d3>\d\d)"
    r"(?:[ \t]?(?P<suffix>[A-Da-d]))?(?![\w/-])"
)
NINO_NOT_FIRST = set("DFIQUV")
NINO_NOT_SECOND = set("DFIOQUV")
NINO_NOT_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
NINO_LABEL = re.compile(r"(?i)(?:\bN\.?I\.?(?:[ \t]*(?:no|number))?|\bNINO|national[ \t]+insurance"
                        r"(?:[ \t]+(?:no|number))?)\.?[ \t]*[:\-]?[ \t]*\Z")
NHS_LABEL = re.compile(r"(?i)\bNHS(?:[ \t]*(?:no|number|num))?\.?[ \t]*[:\-]?[ \t]*\Z")
# Ten digits after a country code or a bracketed trunk zero are a phone ("+44 118 496 0518"),
# however they check; so are ten digits starting with the trunk zero ("0113 496 0000").
PHONE_PREFIX = re.compile(r"(?:\+\d{1,3}|\(0\)|\b00\d{1,3})[ \t]*\Z")
SCORE_LABELLED = 1.0
SCORE_BARE = 0.8
LABEL_WINDOW = 40


def valid_nino_prefix(prefix: str) -> bool:
    prefix = prefix.upper()
    return (prefix[0] not in NINO_NOT_FIRST and prefix[1] not in NINO_NOT_SECOND
            and prefix not in NINO_NOT_PREFIXES)


class IdentifierRecognizer(Recognizer):
    name = "identifier"

    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        return self._nhs_numbers(text) + self._ninos(text)

    def _nhs_numbers(self, text: str) -> list[Span]:
        spans = []
        for m in NHS_NUMBER.finditer(text):
            digits = m.group("a") + m.group("b") + m.group("c")
            if (digits[0] == "0" or not nhs.is_valid(digits)
                    or PHONE_PREFIX.search(text, max(0, m.start() - 8), m.start())):
                continue
            labelled = bool(NHS_LABEL.search(text, max(0, m.start() - LABEL_WINDOW), m.start()))
            spans.append(Span(SpanKind.IDENTIFIER, m.start(), m.end(), m.group(), self.name,
                              score=SCORE_LABELLED if labelled else SCORE_BARE,
                              pattern=f"nhs={digits}"))
        return spans

    def _ninos(self, text: str) -> list[Span]:
        spans = []
        for m in NINO.finditer(text):
            prefix, suffix = m.group("prefix"), m.group("suffix")
            if not valid_nino_prefix(prefix) or prefix.islower() != (suffix or prefix).islower():
                continue
            labelled = bool(NINO_LABEL.search(text, max(0, m.start() - LABEL_WINDOW), m.start()))
            if suffix is None and not labelled:
                continue
            value = (prefix + m.group("d1") + m.group("d2") + m.group("d3") + (suffix or "")).upper()
            spans.append(Span(SpanKind.IDENTIFIER, m.start(), m.end(), m.group(), self.name,
                              score=SCORE_LABELLED if labelled else SCORE_BARE,
                              pattern=f"nino={value}"))
        return spans
