"""The extraction engine: runs the spaCy pipeline once per chunk and every recognizer over it.

It reads the text's reading view (`disclosure_guard.reading`): "Br\u0430m\u200bley Way" is read
as "Bramley Way", and the span found there points at the submitted "Br\u0430m\u200bley Way".

`Extractor.extract(text, gazetteer)` is a pure function of its inputs: no database, no web. It
only orchestrates; what counts as a name or an address lives in the recognizers.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from disclosure_guard.extraction.model_windows import ModelWindows
from disclosure_guard.extraction.recognizers import GazetteerRecognizer, PersonRecognizer, PipelineStep, Recognizer
from disclosure_guard.reading import ReadingView, lookalike_count, reading_view
from disclosure_guard.types import Gazetteer, Span, SpanKind

DEFAULT_MODELS_DIR = Path(__file__).resolve().parents[3] / "models"
PIPELINE_FILE = "pipeline.json"
PATTERNS_DIR = "patterns"
# One gazetteer per register snapshot is reused across many checks; keep a few compiled.
GAZETTEER_CACHE_SIZE = 4
# Where a chunk may end, best first: a paragraph, a line, a sentence, a word.
CHUNK_BREAKS = ("\n\n", "\n", ". ", " ")
# Person spans that only the model or a loose rule vouches for are dropped inside an address:
# "LEEDS, West Yorkshire" is not a person, nor is "Victoria" in "12 Victoria Street".
WEAK_PERSON_PATTERNS = frozenset({"ner", "surname_forename", "diacritics", "hyphenated", "title"})
# Addresses read only from places after "at" ("wrote to you at Rosedene, Leeds") are too loose
# to overrule the model: "sent to Anna Kowalczyk, Senior Caseworker" keeps its person.
LOOSE_ADDRESS_PATTERNS = frozenset({"places_after_cue"})


def build_recognizers(steps: list[dict[str, Any]], patterns_dir: Path) -> tuple[Recognizer, ...]:
    """The pipeline's recognizers, in its order, each by its registered name. A name no
    recognizer has stops the service at start, not at the first letter."""
    built: dict[str, Recognizer] = {}
    for entry in steps:
        name = entry["name"]
        kind = Recognizer.registry.get(name)
        if kind is None:
            raise ValueError(f"the pipeline names a recognizer {name!r} that does not exist; known: {sorted(Recognizer.registry)}")
        options = {k: v for k, v in entry.items() if k != "name"}
        built[name] = kind.from_step(PipelineStep(name, patterns_dir, options, dict(built)))
    return tuple(built.values())


class Extractor:
    def __init__(self, spacy_model: str | None = None,
                 models_dir: Path | None = None) -> None:
        """`spacy_model`: an installed spaCy package to load instead of the pipeline's own."""
        self.models_dir = models_dir or DEFAULT_MODELS_DIR
        config = json.loads((self.models_dir / PIPELINE_FILE).read_text(encoding="utf-8"))
        self.pipeline_name: str = config["name"]
        self.pipeline_version: str = config["version"]
        self._chunk_chars: int = int(config.get("chunk_chars", 5_000))
        self._chunk_overlap: int = int(config.get("chunk_overlap_chars", 500))
        patterns_dir = self.models_dir / PATTERNS_DIR
        missing = [f for f in config.get("pattern_files", []) if not (self.models_dir / f).is_file()]
        if missing:
            raise FileNotFoundError(f"pattern files missing from {self.models_dir}: {missing}")

        self.nlp = self._load_spacy(spacy_model or config["spacy_model"], config.get("disabled_components", []))
        self.recognizers: tuple[Recognizer, ...] = build_recognizers(config["recognizers"], patterns_dir)
        self.model_windows = self._model_windows(config.get("model_windows"))
        self._gazetteers: list[GazetteerRecognizer] = []
        self.lookalikes = lookalike_count()

    @staticmethod
    def _load_spacy(model: str, disabled: list[str]) -> Language:
        nlp = spacy.load(model, exclude=[c for c in disabled if c != "tok2vec"])
        if "tok2vec" in disabled and "tok2vec" in nlp.pipe_names:
            # Larger models' NER listens to the shared tok2vec; only the small one embeds its own.
            if not nlp.get_pipe("tok2vec").listening_components:
                nlp.remove_pipe("tok2vec")
        return nlp

    def _model_windows(self, options: dict[str, Any] | None) -> ModelWindows | None:
        # Which of the model's persons are kept is the person recognizer's to say; without one,
        # nothing bounds where a kept span can be, and the model reads every word.
        person = next((r for r in self.recognizers if isinstance(r, PersonRecognizer)), None)
        if person is None:
            return None
        return ModelWindows.configured(options, person.words_never_in_a_kept_person(),
                                       self.nlp.Defaults.stop_words, person.known_forenames)

    def read_with_model(self, texts: Iterable[str]) -> Iterator[Doc]:
        """The model's reading of each text: only around words that could be part of a name
        when the pipeline says so (`model_windows`), else all of it."""
        if self.model_windows is None:
            return self.nlp.pipe(texts)
        return self.model_windows.read(self.nlp, texts)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.pipeline_name,
            "version": self.pipeline_version,
            "spacy_model": f"{self.nlp.meta.get('lang', '')}_{self.nlp.meta.get('name', '')}",
            "spacy_model_version": self.nlp.meta.get("version", ""),
            "spacy_version": spacy.__version__,
            "components": list(self.nlp.pipe_names),
            "recognizers": [r.name for r in self.recognizers] + [GazetteerRecognizer.name],
            "reading_view_lookalikes": self.lookalikes,
            "model_windows": None if self.model_windows is None else {
                "context_tokens": self.model_windows.context_tokens,
                "merge_gap_tokens": self.model_windows.merge_gap_tokens,
                "min_saving": self.model_windows.min_saving},
        }

    # ------------------------------------------------------------------ extraction

    def extract(self, text: str, gazetteer: Gazetteer | None = None) -> list[Span]:
        """Spans of `text`, found in its reading view (what a person reads: no invisible
        characters, no look-alike letters) and pointing back into `text` itself."""
        view = reading_view(text)
        return self._in_text(text, view, self._finish(self._chunk_spans(view.text, self._chunk_bounds(view.text),
                                                                        gazetteer)))

    def extract_share(self, text: str, share: int, shares: int, gazetteer: Gazetteer | None = None) -> list[Span]:
        """Share `share` (from 0) of `shares` of the work of `extract(text)`: the spans found in
        that run of the text's chunks, as found, with offsets into its reading view. Each chunk
        is read on its own (with its overlap) and keeps the spans starting in it, so the shares,
        read in any processes and put together in order by `finish_shares`, are exactly what
        `extract` finds: one long text (a 1 MB body, a bundle in one DOCX) on several cores."""
        view = reading_view(text)
        bounds = self._chunk_bounds(view.text)
        return self._chunk_spans(view.text, bounds[len(bounds) * share // shares:len(bounds) * (share + 1) // shares],
                                 gazetteer)

    def finish_shares(self, text: str, shares: Sequence[Sequence[Span]]) -> list[Span]:
        """What `extract(text)` gives, from the spans of all of its shares (`extract_share`):
        overlaps settled over the whole text (a person inside an address that crosses a cut
        between shares is dropped only here), offsets into `text`."""
        return self._in_text(text, reading_view(text), self._finish([span for spans in shares for span in spans]))

    def _in_text(self, text: str, view: ReadingView, spans: list[Span]) -> list[Span]:
        if view.text is text:
            return spans
        return [self._in_source(span, view, text) for span in spans]

    @staticmethod
    def _in_source(span: Span, view: ReadingView, text: str) -> Span:
        start, end = view.source_span(span.start, span.end)
        return replace(span, start=start, end=end, text=text[start:end], reading=span.as_read)

    def _chunk_spans(self, text: str, bounds: list[tuple[int, int]], gazetteer: Gazetteer | None) -> list[Span]:
        """The spans starting in each chunk of `bounds`, each chunk read with its overlap: not yet
        settled against one another (`_finish`)."""
        recognizers = list(self.recognizers)
        if gazetteer:
            recognizers.append(self._gazetteer_recognizer(gazetteer))
        windows = self.chunk_windows(text, bounds)
        docs = self.read_with_model(text[s:e] for s, e in windows)
        spans: list[Span] = []
        for (start, end), (offset, window_end), doc in zip(bounds, windows, docs):
            window = text[offset:window_end]
            for recognizer in recognizers:
                for span in recognizer.analyze(window, doc):
                    if start <= span.start + offset < end:
                        spans.append(span if offset == 0 else replace(
                            span, start=span.start + offset, end=span.end + offset))
        return spans

    def chunk_windows(self, text: str,
                      bounds: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
        """The stretches of `text` the model reads. Each chunk is read with some text either
        side and keeps only the spans that start in it, so an address block cut by a chunk
        boundary is still seen whole by one chunk."""
        return [(max(0, s - self._chunk_overlap), min(len(text), e + self._chunk_overlap))
                for s, e in (bounds if bounds is not None else self._chunk_bounds(text))]

    def prepare_gazetteer(self, gazetteer: Gazetteer) -> None:
        """Compile the recognizer of a register's gazetteer now rather than at the first text
        extracted with it."""
        if gazetteer:
            self._gazetteer_recognizer(gazetteer)

    def has_prepared(self, gazetteer: Gazetteer) -> bool:
        """Whether `prepare_gazetteer` (or a text read with it) has compiled this gazetteer."""
        return any(cached.gazetteer is gazetteer for cached in self._gazetteers)

    def _gazetteer_recognizer(self, gazetteer: Gazetteer) -> GazetteerRecognizer:
        for cached in self._gazetteers:
            if cached.gazetteer is gazetteer:
                return cached
        compiled = GazetteerRecognizer(gazetteer)
        self._gazetteers = [compiled, *self._gazetteers[:GAZETTEER_CACHE_SIZE - 1]]
        return compiled

    def _chunk_bounds(self, text: str) -> list[tuple[int, int]]:
        """Cut long texts where a span is least likely to straddle the cut. The model's
        max_length is 1,000,000 characters, and NER runs faster on pieces of a few thousand."""
        bounds = []
        start = 0
        while len(text) - start > self._chunk_chars:
            limit = start + self._chunk_chars
            cut = -1
            for brk in CHUNK_BREAKS:
                found = text.rfind(brk, start + self._chunk_chars // 2, limit)
                if found != -1:
                    cut = found + len(brk)
                    break
            if cut == -1:
                cut = limit
            bounds.append((start, cut))
            start = cut
        bounds.append((start, len(text)))
        return bounds

    @staticmethod
    def _finish(spans: list[Span]) -> list[Span]:
        # Address spans never overlap one another (the recognizer merges them), so the one
        # starting last at or before a person span is the only one that can contain it.
        addresses = sorted((s.start, s.end) for s in spans if s.kind is SpanKind.ADDRESS
                           and s.pattern not in LOOSE_ADDRESS_PATTERNS)
        address_starts = [a for a, _ in addresses]
        # "anna.kowalczyk@example.org" is an e-mail; the name inside it is not a second finding.
        emails = [(s.start, s.end) for s in spans if s.kind is SpanKind.EMAIL]
        best: dict[tuple[SpanKind, int, int], Span] = {}
        for span in spans:
            if span.kind is SpanKind.PERSON and span.pattern in WEAK_PERSON_PATTERNS:
                i = bisect_right(address_starts, span.start) - 1
                if i >= 0 and span.end <= addresses[i][1]:
                    continue
            if span.kind is SpanKind.PERSON and any(a <= span.start and span.end <= b
                                                    for a, b in emails):
                continue
            key = (span.kind, span.start, span.end)
            if key not in best or span.score > best[key].score:
                best[key] = span
        return sorted(best.values(), key=lambda s: (s.start, s.end, s.kind.value))
