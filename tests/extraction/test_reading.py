"""Extraction reads the reading view: spans found in what a person reads, pointing into what was
submitted (the examples of `disclosure_guard.reading` and `ingest.html`, in letters)."""

from __future__ import annotations

import pytest

from disclosure_guard.extraction import Extractor
from disclosure_guard.ingest.html import html_to_text
from disclosure_guard.types import Gazetteer, SpanKind
from tests.extraction.offsets import span_texts

LETTER = "Dear Mr Doe,\n\nPlease note that Ms Doe now lives at {address}.\n\nYours sincerely,\nAnna Clerk\n"
ADDRESSES = [
    "12 Bram\u200bley Way, Leeds LS6\u2060 2AB",
    "12 Bram\u00adley Way, Leeds LS6 2AB\ufeff",
    "\u200f12\u200e Bramley Way, Leeds LS6 2AB",
    "12\u2003Bramley\u2009Way,\u3000Leeds LS6\u00a02AB",
    "\uff11\uff12 Bramley Way, Leeds \uff2c\uff33\uff16 \uff12\uff21\uff22",
    "12 Bra\u0301mley Way, Le\u0308eds LS6 2AB",
    "12 Br\u0430mley W\u0430y, L\u0435eds LS6 2\u0410\u0412",
    "12 Bramley \u051c\u0430\u0443, Leeds LS6 2AB",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_disguised_address_is_found_where_it_was_written(extractor: Extractor, address: str) -> None:
    text = LETTER.format(address=address)
    spans = extractor.extract(text)
    found = span_texts(spans, text, SpanKind.ADDRESS)
    assert len(found) == 1 and found[0] in address, found
    span = next(s for s in spans if s.kind is SpanKind.ADDRESS)
    assert span.as_read == "12 Bramley Way, Leeds LS6 2AB"


@pytest.mark.parametrize("markup", [
    "<p>Ms Doe now lives at 12 Bra<span>mley</span> Way, Leeds LS6 2AB.</p>",
    "<p>Ms Doe now lives at 12 <span lang=EN-GB style='font-size:11.0pt'>Bra</span>"
    "<span lang=EN-GB style='font-size:11.0pt'>mley Way</span>, Leeds LS6 2AB.</p>",
    "<p>Ms Doe now lives at 12 Bra<wbr>m<b>l</b>e<font color=red>y</font> Way, Leeds LS6 2AB.</p>",
    "<p>Ms Doe now lives at 12 &#66;ramley &#x57;ay, Le&shy;eds LS6 2AB.</p>",
])
def test_an_address_split_by_inline_markup_is_found_in_the_html(extractor: Extractor, markup: str) -> None:
    text = html_to_text(markup)
    spans = [s for s in extractor.extract(text) if s.kind is SpanKind.ADDRESS]
    assert [s.as_read for s in spans] == ["12 Bramley Way, Leeds LS6 2AB"]
    assert markup[spans[0].start:spans[0].end].startswith("12 ")
    assert markup[spans[0].start:spans[0].end].endswith("LS6 2AB")


def test_contact_details_in_disguise_are_found(extractor: Extractor) -> None:
    text = "Call her on \uff10\uff17\uff17\uff10\uff10 900\u00b7123 or write to jane\u200b.doe [at] gmail [dot] com."
    spans = extractor.extract(text)
    assert span_texts(spans, text, SpanKind.PHONE) == ["\uff10\uff17\uff17\uff10\uff10 900\u00b7123"]
    assert [s.as_read for s in spans if s.kind is SpanKind.EMAIL] == ["jane.doe@gmail.com"]


def test_a_school_in_disguise_is_found_by_the_gazetteer(extractor: Extractor) -> None:
    gazetteer = Gazetteer(identifiers=("Greenfield Primary School",))
    text = "She has started at Gr\u0435\u0435nfi\u200beld Prim<span>ary School.".replace("<span>", "\u2060" * 6)
    spans = [s for s in extractor.extract(text, gazetteer) if s.kind is SpanKind.IDENTIFIER]
    assert [text[s.start:s.end] for s in spans] == [text[text.index("Gr"):text.index(" School") + 7]]


def test_ordinary_text_is_read_as_it_is(extractor: Extractor) -> None:
    text = "Zoë Łukasz wrote from 12 Elm Road, Leeds LS6 2AB on 1 May."
    assert all(s.reading == "" for s in extractor.extract(text))


def test_the_look_alike_table_is_loaded_when_the_pipeline_is(extractor: Extractor) -> None:
    assert extractor.describe()["reading_view_lookalikes"] > 1000
