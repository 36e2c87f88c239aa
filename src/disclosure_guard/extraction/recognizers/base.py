"""The recognizer plug-in contract: one recognizer, one `analyze(text, doc) -> list[Span]`.

Every recognizer gets the text and, when the pipeline ran, the spaCy `Doc` of that same text
(with NER entities); rule recognizers read only the text. The text travels separately because
`Doc.text` is rebuilt token by token on every access. Offsets are into `text`, and every span
carries the recognizer's name and the pattern that fired, so a reviewer can see how it was found.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from spacy.tokens import Doc

from disclosure_guard.types import Span


class Recognizer(ABC):
    name: str = "recognizer"

    @abstractmethod
    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        """Spans found in `text`, with offsets into it; `doc`, if given, is spaCy's reading of it."""


def load_word_list(path: Path) -> list[str]:
    """One entry a line; blank lines and `#` comments skipped; order kept, duplicates dropped."""
    entries: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            entries[entry] = None
    return list(entries)
