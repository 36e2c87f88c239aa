from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_guard.extraction import Extractor
from disclosure_guard.extraction.recognizers.address_form import AddressFormRecognizer
from disclosure_guard.types import SpanKind
from tests.extraction.offsets import span_texts


@pytest.fixture(scope="module")
def forms(patterns_dir: Path) -> AddressFormRecognizer:
    return AddressFormRecognizer(patterns_dir)


@pytest.mark.parametrize(("text", "written", "read"), [
    ("Address line 1\tFlat 15\nAddress line 2\t10 Westfield Avenue\nTown\tCardiff",
     "Flat 15\nAddress line 2\t10 Westfield Avenue\nTown\tCardiff", "Flat 15, 10 Westfield Avenue, Cardiff"),
    ("House number: 10\nStreet: Westfield Avenue\nTown: Cardiff\nPostcode: CF14 2QE",
     "10\nStreet: Westfield Avenue\nTown: Cardiff\nPostcode: CF14 2QE", "10 Westfield Avenue, Cardiff, CF14 2QE"),
    ("Street | Westfield Avenue |\nNo | 10 |\nCity | Cardiff |",
     "Westfield Avenue |\nNo | 10 |\nCity | Cardiff", "10 Westfield Avenue, Cardiff"),
    ("Name\tDOB\tFlat\tNo\tStreet\tTown\nS Rees\t19/07/86\t15\t10\tWestfield Avenue\tCardiff",
     "15\t10\tWestfield Avenue\tCardiff", "Flat 15, 10 Westfield Avenue, Cardiff"),
    # As the DOCX reader lays out a two-column table: a tab after each cell.
    ("Case summary\nHouse name/number\tRose Cottage\t\nRoad\tMill Lane\t\n\nPost town\tAshby\t\n",
     "Rose Cottage\t\nRoad\tMill Lane\t\n\nPost town\tAshby", "Rose Cottage, Mill Lane, Ashby"),
    ("| Flat | No | Street | Postcode |\n|---|---|---|---|\n| 15 | 10 | Westfield Avenue | CF14 2QE |",
     "15 | 10 | Westfield Avenue | CF14 2QE", "Flat 15, 10 Westfield Avenue, CF14 2QE"),
    # As the XLSX reader lays out a sheet: a row's empty last cells are left out.
    ("Name\tFlat\tNo\tStreet\tTown\tNotes\nS Rees\t\t10\tWestfield Avenue\tCardiff",
     "10\tWestfield Avenue\tCardiff", "10 Westfield Avenue, Cardiff"),
])
def test_an_address_in_a_forms_fields_reads_as_one(forms: AddressFormRecognizer, text: str, written: str,
                                                   read: str) -> None:
    spans = forms.analyze(text)
    assert span_texts(spans, text) == [written]
    assert [(s.kind, s.as_read) for s in spans] == [(SpanKind.ADDRESS, read)]


@pytest.mark.parametrize("text", [
    "Name\tSandra Rees\nDate of birth\t19/07/1986",
    "Town: Cardiff\nCounty: South Glamorgan",
    "Street: Westfield Avenue",
    "Flat\t\nStreet\t\nTown\tCardiff",
    "No problem at all.\nThe road was closed.",
])
def test_fields_that_locate_no_one_are_no_address(forms: AddressFormRecognizer, text: str) -> None:
    assert forms.analyze(text) == []


def test_the_pipeline_reads_a_form_as_its_address(extractor: Extractor) -> None:
    # A number alone on its line is a field's value here, not a sentence wrapped before its street.
    text = "Referral\nHouse number\t10\t\nStreet\tWestfield Avenue\t\nTown\tCardiff\t\n"
    addresses = [(s.recognizer, s.as_read) for s in extractor.extract(text) if s.kind is SpanKind.ADDRESS]
    assert ("address_form", "10 Westfield Avenue, Cardiff") in addresses
    assert not any(read.startswith("10 Street") for _, read in addresses)
