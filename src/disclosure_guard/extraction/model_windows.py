"""Where the model reads: the stretches of a text around words that could be part of a name.

The NER is most of an extraction's cost, and the guard keeps only one thing it finds: people.
A person the model finds is kept only if, once the words the model glues on are trimmed, it
starts with a capital and holds a word of more than one letter that is no organisation or place
word (`PersonRecognizer._from_entity` and `_plausible`). So a stretch of text with no capitalised
word that could be a name yields no person that counts, and the model need not read it:

    "The hearing listed next month will consider the contact schedule."   no window
    "Contact took place at the family centre on 3 May and lasted two hours."   "May" opens one
    "Dear Ms Khan, ..."                                                   "Ms" and "Khan" do

A window is the words either side of each such word (the model reads a few words of context
either side of a token; `context_tokens` covers them), joined with the next when the gap is
short. The first word of a sentence is capitalised whatever it is, so there it counts only when
it is not an English function word ("The", "We", "Any") — unless it is also a forename ("Will",
"May"). Where the windows would cover most of a text anyway (a letter full of names), the model
reads the whole of it, as before.

The windows are cut between words; the entities the model finds in them are set back on the
whole text's `Doc` (tokenized only, which is cheap) at their offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

# A word, as the windows count them: what lies between blanks ("Khan,", "(Leeds)", "3").
WORD = re.compile(r"\S+")
# A word ending so makes the next one open a sentence, as a line break does.
SENTENCE_ENDS = frozenset(".!?:;")
# What splits a written word into the words the model may read apart: anything but letters,
# digits and apostrophes ("attn:Jane", "(Khan),", "email/Jane", "x-Jane").
WORD_PARTS = re.compile(r"[^\w'’]+")


@dataclass(frozen=True)
class ModelWindows:
    """The words that open a window and how much the model reads around them."""

    never_a_name: frozenset[str]
    """Lower-case words a kept person cannot hold (organisation and place words) or that are
    trimmed off its front (lead words): capitalised, they open no window."""
    sentence_start_words: frozenset[str]
    """Lower-case words that open no window when they open a sentence."""
    context_tokens: int = 6
    """Words read either side of a word that opens a window."""
    merge_gap_tokens: int = 12
    """Two windows this few words apart are read as one."""
    min_saving: float = 0.25
    """Below this share of the text's characters left unread, the model reads the whole text."""

    @classmethod
    def configured(cls, options: Mapping[str, Any] | None, never_a_name: Iterable[str],
                   function_words: Iterable[str], forenames: Iterable[str]) -> ModelWindows | None:
        """From the pipeline's `model_windows` entry; None (the model reads everything) when the
        entry is absent or says `"enabled": false`."""
        if options is None or not options.get("enabled", True):
            return None
        forename_set = {f.lower() for f in forenames}
        return cls(
            never_a_name=frozenset(w.lower() for w in never_a_name),
            sentence_start_words=frozenset(w.lower() for w in function_words if w.lower() not in forename_set),
            context_tokens=int(options.get("context_tokens", cls.context_tokens)),
            merge_gap_tokens=int(options.get("merge_gap_tokens", cls.merge_gap_tokens)),
            min_saving=float(options.get("min_saving", cls.min_saving)),
        )

    def opens_window(self, word: str, sentence_start: bool) -> bool:
        """Whether a word, as written between blanks, holds a capitalised word that could be
        part of a kept person: "Khan,", "(Khan)", and "attn:Jane", "email/Jane" or "x-Jane",
        which the tokenizer splits at the punctuation."""
        if word.islower() or not any(ch.isupper() for ch in word):
            return False  # most words: nothing capitalised in them
        first = True
        for part in WORD_PARTS.split(word):
            part = part.strip("'’")
            if not part:
                continue
            opens_sentence, first = sentence_start and first, False
            if not part[0].isupper():
                continue
            if any(ch.isdigit() for ch in part) and not any(ch.islower() for ch in part):
                continue  # "LS1", "M60": a person's words hold no digits
            key = part.lower()
            if key in self.never_a_name:
                continue
            if opens_sentence and key in self.sentence_start_words:
                continue
            return True
        return False

    def windows(self, text: str) -> list[tuple[int, int]]:
        """Character ranges of `text` the model should read, in order, not overlapping, each
        from the start of a word to the end of one."""
        words = list(WORD.finditer(text))
        ranges: list[list[int]] = []
        sentence_start = True
        previous_end = 0
        for i, word in enumerate(words):
            if "\n" in text[previous_end:word.start()]:
                sentence_start = True
            previous_end = word.end()
            if self.opens_window(word.group(), sentence_start):
                first = max(0, i - self.context_tokens)
                last = min(len(words) - 1, i + self.context_tokens)
                if ranges and first <= ranges[-1][1] + self.merge_gap_tokens:
                    ranges[-1][1] = last
                else:
                    ranges.append([first, last])
            sentence_start = word.group()[-1] in SENTENCE_ENDS
        return [(words[a].start(), words[b].end()) for a, b in ranges]

    def read(self, nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
        """What `nlp.pipe(texts)` gives, for the entities a kept person can come from."""
        for text in texts:
            ranges = self.windows(text)
            if sum(b - a for a, b in ranges) > (1 - self.min_saving) * len(text):
                yield nlp(text)
                continue
            doc = nlp.make_doc(text)
            entities = []
            for (start, _end), piece in zip(ranges, nlp.pipe(text[a:b] for a, b in ranges)):
                for e in piece.ents:
                    # The pieces are cut between words, where the tokenizer cuts the whole
                    # text too; "expand" only guards against a token it joins across a cut.
                    span = doc.char_span(start + e.start_char, start + e.end_char, label=e.label,
                                         alignment_mode="expand")
                    if span is not None and not any(span.start < t.end and t.start < span.end for t in entities):
                        entities.append(span)
            doc.set_ents(entities, default="outside")
            yield doc
