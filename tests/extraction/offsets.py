"""The one check every extraction test makes: a span's offsets point at exactly its text."""

from __future__ import annotations

from disclosure_guard.types import Span, SpanKind


def span_texts(spans: list[Span], text: str, kind: SpanKind | None = None) -> list[str]:
    for span in spans:
        assert text[span.start:span.end] == span.text, span
    return [s.text for s in spans if kind is None or s.kind is kind]
