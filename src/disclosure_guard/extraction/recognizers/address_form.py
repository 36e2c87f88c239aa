"""Addresses entered in a form: each part in its own labelled field, as referral forms,
assessments, tenancy records and case-management exports lay them out. No part alone reads as
an address (a "15", a "Westfield Avenue" with no number, a "Cardiff"); the fields together do.

Examples it must handle (the tests use these):
    "Address line 1\tFlat 15\nAddress line 2\t10 Westfield Avenue\nTown\tCardiff"
        -> ADDRESS from "Flat 15" to "Cardiff", reading "Flat 15, 10 Westfield Avenue, Cardiff"
    "House number: 10\nStreet: Westfield Avenue\nTown: Cardiff\nPostcode: CF14 2QE"
        -> reading "10 Westfield Avenue, Cardiff, CF14 2QE"
    "Street | Westfield Avenue |\nNo | 10 |\nCity | Cardiff |"        -> reading "10 Westfield Avenue, Cardiff"
    "Name\tDOB\tFlat\tNo\tStreet\tTown\nS Rees\t19/07/86\t15\t10\tWestfield Avenue\tCardiff"
        -> ADDRESS from "15" to "Cardiff", reading "Flat 15, 10 Westfield Avenue, Cardiff"
and must not fire on:
    "Name\tSandra Rees\nDate of birth\t19/07/1986" (no address field);
    "Town: Cardiff\nCounty: South Glamorgan" (places only: no house, street or postcode);
    "Street: Westfield Avenue" (one field: the address recognizer reads what one field holds).

The span runs from the first value to the last, labels between included; its reading is the
values in an address's order (flat, house, number and street, lines, places, postcode), which
is what the matchers compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from disclosure_guard.extraction.recognizers.address_grammar import alternation
from disclosure_guard.extraction.recognizers.base import PipelineStep, Recognizer, load_word_list
from disclosure_guard.types import Span, SpanKind

FIELDS_FILE = "address_fields.txt"
# Above the address recognizer's: where both read the same stretch, the fields say what each part is.
SCORE = 0.95
# The order an address is written in, whatever order the form asks in.
ORDER = ("flat", "name", "street", "line", "place", "postcode")
# Fields that find a house or a street: places and a flat alone find no one.
LOCATING = frozenset({"name", "number", "house", "street", "line", "postcode"})
# A flat's value with no word of its own ("15", "2B"): written "Flat 15".
BARE_FLAT = re.compile(r"\w{1,4}")
HOUSE_NUMBER = re.compile(r"\d{1,4}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?")
# The blanks and bars around a cell's value.
CELL_EDGES = " \t|"
TABLE_SEPARATORS = "\t|;"
RULE_CELL = re.compile(r"[-=:+ ]*")


@dataclass(frozen=True)
class _Field:
    role: str
    start: int
    end: int
    value: str


class AddressFormRecognizer(Recognizer):
    name = "address_form"

    @classmethod
    def from_step(cls, step: PipelineStep) -> AddressFormRecognizer:
        return cls(step.patterns_dir)

    def __init__(self, patterns_dir: Path) -> None:
        self._roles: dict[str, str] = {}
        for entry in load_word_list(patterns_dir / FIELDS_FILE):
            role, _, label = entry.partition(":")
            self._roles[_label_key(label)] = role.strip()
        labels = alternation(self._roles, capitalised_only=False)
        # A label at the start of a line, its separator (a colon, a tab, a bar or a wide gap),
        # and its value up to the line's end or the next cell.
        self._field = re.compile(
            rf"(?im)^[ \t|]*(?P<label>{labels})[ \t]*(?::|\t|\||[ \t](?=[ \t]))[ \t|]*(?P<value>[^\t\n|]*)")
        # A label alone in a cell of a table's header row.
        self._header_cell = re.compile(rf"(?im)(?:^|(?<=[\t|;]))[ \t]*(?:{labels})[ \t]*(?=[\t|;]|\r?$)")

    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        spans = [self._span(text, run, "form_fields") for run in self._field_runs(text)]
        spans += [self._span(text, row, "form_table") for row in self._table_rows(text)]
        return [span for span in spans if span is not None]

    # ------------------------------------------------------------------ fields down the page

    def _field_runs(self, text: str) -> list[list[_Field]]:
        """Fields on consecutive lines (blank lines between allowed)."""
        runs: list[list[_Field]] = []
        last_line_end = -1
        for m in self._field.finditer(text):
            value = m.group("value").rstrip(CELL_EDGES)
            field = _Field(self._roles[_label_key(m.group("label"))], m.start("value"),
                           m.start("value") + len(value), value)
            line_start = text.rfind("\n", 0, m.start()) + 1
            if runs and not text[last_line_end:line_start].strip():
                runs[-1].append(field)
            else:
                runs.append([field])
            line_end = text.find("\n", m.end())
            last_line_end = len(text) if line_end == -1 else line_end
        return runs

    # ------------------------------------------------------------------ fields across a row

    def _table_rows(self, text: str) -> list[list[_Field]]:
        """The rows under a header row that labels two or more address columns."""
        rows: list[list[_Field]] = []
        header_lines: dict[int, int] = {}
        for m in self._header_cell.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            header_lines[line_start] = header_lines.get(line_start, 0) + 1
        for line_start, labelled in header_lines.items():
            if labelled < 2:
                continue
            header_end = _line_end(text, line_start)
            separator = _separator(text[line_start:header_end])
            if separator is None:
                continue
            columns = [(self._roles.get(_label_key(cell.strip(CELL_EDGES))), start, end)
                       for cell, start, end in _cells(text, line_start, header_end, separator)]
            position = header_end + 1
            while position < len(text):
                row_end = _line_end(text, position)
                if separator not in text[position:row_end]:
                    break  # no cell boundary: the table has ended
                # A spreadsheet's row leaves its empty last cells out: "S Rees\t\t10\tElm Road".
                cells = _cells(text, position, row_end, separator)
                if all(RULE_CELL.fullmatch(value) for value, _, _ in cells):
                    position = row_end + 1  # "|---|---|": the rule under a drawn table's header
                    continue
                rows.append([_Field(role, start, end, value) for (role, _, _), (value, start, end)
                             in zip(columns, cells) if role and value])
                position = row_end + 1
        return rows

    # ------------------------------------------------------------------ one address

    def _span(self, text: str, fields: list[_Field], pattern: str) -> Span | None:
        filled = [f for f in fields if f.value]
        if len(filled) < 2 or not any(f.role in LOCATING for f in filled):
            return None
        reading = _written(filled)
        start, end = filled[0].start, max(f.end for f in filled)
        return Span(SpanKind.ADDRESS, start, end, text[start:end], self.name, score=SCORE,
                    pattern=pattern, reading=reading)


def _written(fields: list[_Field]) -> str:
    """The fields' values as an address is written: "Flat 15, 10 Westfield Avenue, Cardiff"."""
    parts: dict[str, list[str]] = {role: [] for role in ORDER}
    number = None
    for field in fields:
        role, value = field.role, field.value
        if role == "flat" and BARE_FLAT.fullmatch(value):
            value = f"Flat {value}"
        if role == "house":
            role = "number" if HOUSE_NUMBER.fullmatch(value) else "name"
        if role == "number":
            number = value
            continue
        parts[role].append(value)
    if number is not None:
        # "No: 10" with "Street: Westfield Avenue" is "10 Westfield Avenue", in either order.
        if parts["street"]:
            parts["street"][0] = f"{number} {parts['street'][0]}"
        elif parts["line"]:
            parts["line"][0] = f"{number} {parts['line'][0]}"
        else:
            parts["name"].append(number)
    return ", ".join(value for role in ORDER for value in parts[role])


def _label_key(label: str) -> str:
    return " ".join(label.lower().split())


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end == -1 else end


def _separator(line: str) -> str | None:
    counts = {separator: line.count(separator) for separator in TABLE_SEPARATORS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else None


def _cells(text: str, start: int, end: int, separator: str) -> list[tuple[str, int, int]]:
    """(value, start, end) of each cell of the line, its blanks and bars trimmed."""
    cells = []
    position = start
    line = text[start:end]
    if separator == "|":
        # A table drawn with bars has one before its first cell: "| No | Street |".
        stripped = line.lstrip(" \t")
        if stripped.startswith("|"):
            position = start + len(line) - len(stripped) + 1
    while position <= end:
        cell_end = text.find(separator, position, end)
        cell_end = end if cell_end == -1 else cell_end
        raw = text[position:cell_end]
        value = raw.strip(CELL_EDGES)
        value_start = position + (len(raw) - len(raw.lstrip(CELL_EDGES)))
        cells.append((value, value_start, value_start + len(value)))
        if cell_end == end:
            break
        position = cell_end + 1
    if separator == "|" and cells and not cells[-1][0] and line.rstrip().endswith("|"):
        cells.pop()
    return cells
