"""The recognizer plug-in contract: one recognizer, one `analyze(text, doc) -> list[Span]`.

Recognizers are named by the pipeline (`models/pipeline.json`, key `recognizers`): every
subclass with a `name` is registered under it when its module is imported (the package imports
all of its modules), and the extractor builds each step with `from_step`. A new recognizer is
one file here and one line of the pipeline.

Every recognizer gets the text and, when the pipeline ran, the spaCy `Doc` of that same text
(with NER entities); rule recognizers read only the text. The text travels separately because
`Doc.text` is rebuilt token by token on every access. Offsets are into `text`, and every span
carries the recognizer's name and the pattern that fired, so a reviewer can see how it was found.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

from spacy.tokens import Doc

from disclosure_guard.reading import ReadingView
from disclosure_guard.types import Span


@dataclass(frozen=True)
class PipelineStep:
    """One entry of the pipeline's `recognizers` list, as a recognizer is built from it:
    its options, the pattern files' folder, and the recognizers built before it by name."""

    name: str
    patterns_dir: Path
    options: Mapping[str, Any] = field(default_factory=dict)
    built: Mapping[str, Recognizer] = field(default_factory=dict)

    def uses(self, name: str) -> Recognizer:
        if name not in self.built:
            raise ValueError(f"pipeline step {self.name!r} needs the {name!r} recognizer listed before it")
        return self.built[name]


class Recognizer(ABC):
    name: str = "recognizer"
    registry: ClassVar[dict[str, type[Recognizer]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name in Recognizer.registry and Recognizer.registry[cls.name] is not cls:
            raise TypeError(f"two recognizers are named {cls.name!r}")
        Recognizer.registry[cls.name] = cls

    @classmethod
    def from_step(cls, step: PipelineStep) -> Recognizer:
        """Build this recognizer for a pipeline step; override to take patterns or options."""
        return cls()

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


def spans_in_text(text: str, view: ReadingView, spans: list[Span]) -> list[Span]:
    """Spans found in `view` (a reading of `text`, as `join_broken_words` makes one), pointing
    back into `text` and reading as found: "12 Elm Ro-\\nad" that reads "12 Elm Road"."""
    if view.source_offsets is None:
        return spans
    mapped = []
    for span in spans:
        start, end = view.source_span(span.start, span.end)
        written = text[start:end]
        mapped.append(span if written == span.text and (start, end) == (span.start, span.end) else
                      replace(span, start=start, end=end, text=written,
                              reading=span.text if written != span.text else span.reading))
    return mapped
