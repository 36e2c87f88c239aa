"""The NER reads only around words that could be part of a name (extraction/model_windows.py),
and what the extraction keeps is what it keeps when the model reads every word."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_guard.extraction import Extractor
from disclosure_guard.extraction.model_windows import ModelWindows
from disclosure_guard.types import SpanKind

# Name-free sentences of a court bundle: most open with a function word or a capitalised word
# that is no name.
PLAIN = (
    "The hearing listed next month will consider the contact schedule and the reports.",
    "We write further to our meeting regarding the arrangements for the children.",
    "Please find enclosed the minutes of the review and the updated care plan.",
    "The local authority has asked for the assessment to be completed before the end of term.",
    "Any questions about this letter may be sent to the duty team in the usual way.",
)
NAMED = (
    "Jane Okafor has since moved to 12 Elm Road, Leeds LS6 2AB with the children.",
    "The social worker, Mr Daniel Price, visited on 3 May and spoke to Amara.",
    "Will rang the office twice last week about the school run.",
    "contact with mr smith was arranged by the team at the family centre.",
    "SMITH, John attended with his solicitor, Ms R. Gallagher.",
)


def windowed_and_whole(extractor: Extractor, text: str) -> tuple[list, list]:
    windows = extractor.model_windows
    try:
        windowed = extractor.extract(text)
        extractor.model_windows = None
        whole = extractor.extract(text)
    finally:
        extractor.model_windows = windows
    return windowed, whole


def test_the_pipeline_reads_in_windows(extractor: Extractor) -> None:
    assert extractor.model_windows is not None
    assert extractor.describe()["model_windows"]["context_tokens"] == extractor.model_windows.context_tokens


@pytest.mark.parametrize(("word", "sentence_start", "opens"), [
    ("Khan", False, True),
    ("Khan,", False, True),
    ("(Khan)", False, True),
    ("'Khan'", False, True),
    ("attn:Jane", False, True),   # the tokenizer reads "attn", ":", "Jane"
    ("email/Jane", False, True),
    ("x-Jane", False, True),
    ("(The", True, False),
    ("attn:the", False, False),
    ("Ms", False, True),          # a title may be in a kept person ("Ms R. Gallagher")
    ("May", False, True),         # a month, and a forename
    ("Will", True, True),         # a function word, and a forename
    ("The", True, False),
    ("We", True, False),
    ("Council", False, False),    # a kept person holds no organisation word
    ("Please", False, False),     # trimmed off a person's front
    ("hearing", False, False),
    ("LS6", False, False),
    ("12", False, False),
])
def test_words_that_open_a_window(extractor: Extractor, word: str, sentence_start: bool, opens: bool) -> None:
    assert extractor.model_windows.opens_window(word, sentence_start) is opens


def test_plain_prose_opens_no_window(extractor: Extractor) -> None:
    assert extractor.model_windows.windows(" ".join(PLAIN)) == []


def test_a_name_deep_in_a_long_text_is_read_with_its_context(extractor: Extractor) -> None:
    text = "\n\n".join([" ".join(PLAIN)] * 20 + [NAMED[0]] + [" ".join(PLAIN)] * 20)
    windows = extractor.model_windows.windows(text)
    name_at = text.index("Jane Okafor")
    assert len(windows) == 1
    (start, end), = windows
    assert start < name_at and text.index("Leeds") < end
    assert end - start < len(text) / 10
    windowed, whole = windowed_and_whole(extractor, text)
    assert windowed == whole
    assert "Jane Okafor" in {s.text for s in windowed if s.kind is SpanKind.PERSON}


@pytest.mark.parametrize("glued", ["Please forward to attn:Jane tomorrow.", "The file (ref:Mariam) was sent.",
                                   "Sent by email/Jane today."])
def test_a_name_glued_to_a_lower_case_word_is_read(extractor: Extractor, glued: str) -> None:
    text = "\n\n".join([" ".join(PLAIN)] * 10 + [glued] + [" ".join(PLAIN)] * 10)
    windowed, whole = windowed_and_whole(extractor, text)
    assert windowed == whole
    assert any(s.kind is SpanKind.PERSON for s in windowed)


def test_a_text_mostly_in_windows_is_read_whole(extractor: Extractor) -> None:
    text = " ".join(NAMED)
    windows = extractor.model_windows
    assert sum(b - a for a, b in windows.windows(text)) > (1 - windows.min_saving) * len(text)


def test_switched_off_the_model_reads_every_word(extractor: Extractor) -> None:
    assert ModelWindows.configured({"enabled": False}, [], [], []) is None
    assert ModelWindows.configured(None, [], [], []) is None
    narrow = ModelWindows.configured({"context_tokens": 2}, ["council"], ["the", "will"], ["Will"])
    assert dataclasses.astuple(narrow)[2:4] == (2, ModelWindows.merge_gap_tokens)
    assert narrow.opens_window("Will", True) and not narrow.opens_window("The", True)


@settings(max_examples=25, deadline=None)
# Mostly plain prose, so that the windows leave most of the text unread.
@given(st.lists(st.sampled_from(PLAIN * 6 + NAMED), min_size=5, max_size=60),
       st.lists(st.sampled_from([" ", "\n", "\n\n"]), min_size=60, max_size=60))
def test_what_is_kept_is_what_the_whole_reading_keeps(extractor: Extractor, sentences: list[str],
                                                      breaks: list[str]) -> None:
    text = "".join(s + b for s, b in zip(sentences, breaks))
    windowed, whole = windowed_and_whole(extractor, text)
    assert windowed == whole


def test_without_a_person_recognizer_the_model_reads_every_word(extractor: Extractor, tmp_path) -> None:
    # The windows rest on what the person recognizer keeps; a pipeline without one has no bound.
    models = tmp_path / "models"
    shutil.copytree(extractor.models_dir, models)
    config = json.loads((models / "pipeline.json").read_text(encoding="utf-8"))
    config["recognizers"] = [step for step in config["recognizers"] if step["name"] != "person"]
    (models / "pipeline.json").write_text(json.dumps(config), encoding="utf-8")
    assert Extractor(models_dir=models).model_windows is None
