"""One recognizer per file; each finds one kind of span and says how it found it.

Every module here is imported, so every recognizer is registered under its name
(`Recognizer.registry`) for `models/pipeline.json` to name.
"""

import importlib
import pkgutil

from disclosure_guard.extraction.recognizers.address import AddressRecognizer
from disclosure_guard.extraction.recognizers.base import PipelineStep, Recognizer
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
    "PipelineStep",
    "PostcodeRecognizer",
    "Recognizer",
]

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
