"""One recognizer per file; each finds one kind of span and says how it found it."""

from disclosure_guard.extraction.recognizers.address import AddressRecognizer
from disclosure_guard.extraction.recognizers.base import Recognizer
from disclosure_guard.extraction.recognizers.date import DateRecognizer
from disclosure_guard.extraction.recognizers.email import EmailRecognizer
from disclosure_guard.extraction.recognizers.gazetteer import GazetteerRecognizer
from disclosure_guard.extraction.recognizers.identifier import IdentifierRecognizer
from disclosure_guard.extraction.recognizers.person import PersonRecognizer
from disclosure_guard.extraction.recognizers.phone import PhoneRecognizer
from disclosure_guard.extraction.recognizers.postcode import PostcodeRecognizer

__all__ = [
    "AddressRecognizer",
    "DateRecognizer",
    "EmailRecognizer",
    "GazetteerRecognizer",
    "IdentifierRecognizer",
    "PersonRecognizer",
    "PhoneRecognizer",
    "PostcodeRecognizer",
    "Recognizer",
]
