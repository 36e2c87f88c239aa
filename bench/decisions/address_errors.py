"""A dwelling written as people really write and mistype it: a taxonomy of data-entry errors,
one or two per address, each variant one a person would still read as that dwelling.

    street_typo          "12, Albert Squaare, Liverpool"     (a letter dropped, doubled or swapped)
    town_typo            "12 Albert Square, Liverpol L1 2AB"
    run_together         "The Coach House, 73, Schoolroad, Hull"
    split_word           "4 High field Crescent"
    type_abbreviated     "167 Birch Tce"
    type_misspelt        "139 Cedar Avenu"
    type_dropped         "The Stables, Highfield, Bristol BS29 2EF"
    building_shortened   "Flat 5, Kingfisher, 12 Elm Road"   ("Coach House" for "The Coach House")
    building_dropped     "Flat 5, 12 Elm Road"               (the number and street remain)
    flat_added           "First Floor Flat, 139, Cedar Ave, Wigan WN6 9YZ"  (she is at 139 Cedar Avenue)
    flat_dropped         "12 Elm Road, Leeds LS6 2AB"        (she is at Flat 3 there)
    street_omitted       "Flat 53, The Sidings SO20 2UH"     (a named block or house with its postcode)
    postcode_dropped     "108 Rowan Place, Didsbury, Liverpool"
    postcode_one_char    "LS6 2AD" for "LS6 2AB"
    postcode_ocr         "L12 5A8", "B529 2EF"               (O/0, I/1, S/5, B/8)
    locality_for_town    "12 Elm Road, Didsbury LS6 2AB"     (the locality where the town was)
    reordered            "12 Elm Road, Flat 3, Leeds", "Liverpool, Didsbury"
    comma_after_number   "12, Albert Square"
    space_dropped        "12Elm Road", "Flat 3,12 Elm Road" (the space after the number or the flat's comma)
    no_commas            "12 Elm Road Leeds LS6 2AB"
    line_breaks          one component a line, as on an envelope
    postcode_wrapped     "108, Rowan Plaace, Didsbury, Liverpool L12\\n5AH" (a PDF wrapped mid-postcode)
    number_after_street  "Cedar Avenue 139, Wigan"            (the number after the street, as much of Europe writes it)
    number_in_words      "Flat 3, Twelve Elm Road"            (a small house number spelt out)
    sentence_wrapped     "139 Cedar\nAvenue, Wigan", "is 139\n> Cedar Avenue" (a PDF's or a hard-wrapped
                         email's line full inside the street; a reply's quote mark after the break)
    number_ocr           "1O Westfield Avenue", "l39 Cedar Avenue"  (a scan's text layer: O for 0, l or I for 1)

Every variant keeps a house (number, house name or building with flat) and a place (street or
postcode): the postcode is never dropped together with the number, nor the street together
with the postcode. A variant has one or two errors of content, and sometimes one or two of layout besides
("108, Rowan Plaace, Didsbury, Liverpool L12\\n5AH" is one of each, and a wrap); it comes back
with the names of its errors.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from decisions.places import COMPOUND_STEMS, INWARD_LETTERS, OCR_CONFUSIONS, STREET_TYPES, Dwelling
from decisions.typos import typo

ERRORS = (
    "street_typo", "town_typo", "run_together", "split_word", "type_abbreviated", "type_misspelt",
    "type_dropped", "building_shortened", "building_dropped", "flat_added", "flat_dropped",
    "street_omitted", "postcode_dropped", "postcode_one_char", "postcode_ocr", "locality_for_town",
    "reordered", "comma_after_number", "no_commas", "line_breaks", "postcode_wrapped", "space_dropped",
    "number_after_street", "number_in_words", "sentence_wrapped", "number_ocr",
)  # fmt: skip
LAYOUT_ERRORS = ("comma_after_number", "no_commas", "line_breaks", "postcode_wrapped", "space_dropped",
                 "number_after_street", "number_in_words", "sentence_wrapped", "number_ocr")
# Slips the address recognizer reads through before any matcher sees the span (its reading is
# "139 Cedar Avenue", "10 Westfield Avenue"): bench_decisions judges them, bench_matching not.
READ_THROUGH = ("sentence_wrapped", "number_ocr")
CONTENT_ERRORS = tuple(e for e in ERRORS if e not in LAYOUT_ERRORS)
# Pairs a person could no longer read as one dwelling, or that undo each other.
CLASHES = {
    frozenset(p)
    for p in (
        ("street_omitted", "postcode_dropped"), ("street_omitted", "postcode_one_char"),
        ("street_omitted", "postcode_ocr"), ("street_omitted", "building_dropped"),
        ("street_omitted", "building_shortened"), ("postcode_dropped", "postcode_one_char"),
        ("postcode_dropped", "postcode_ocr"), ("postcode_one_char", "postcode_ocr"),
        ("postcode_dropped", "postcode_wrapped"), ("street_omitted", "street_typo"),
        ("street_omitted", "type_abbreviated"), ("street_omitted", "type_misspelt"),
        ("street_omitted", "type_dropped"), ("street_omitted", "run_together"),
        ("street_omitted", "split_word"), ("type_abbreviated", "type_misspelt"),
        ("type_abbreviated", "type_dropped"), ("type_misspelt", "type_dropped"),
        ("run_together", "split_word"), ("run_together", "type_dropped"),
        ("no_commas", "line_breaks"), ("no_commas", "comma_after_number"), ("type_dropped", "reordered"),
        ("run_together", "type_abbreviated"), ("building_shortened", "building_dropped"),
        ("flat_added", "flat_dropped"), ("postcode_dropped", "building_dropped"),
        ("postcode_dropped", "flat_dropped"), ("postcode_dropped", "type_dropped"),
        ("postcode_dropped", "locality_for_town"), ("street_typo", "run_together"),
        ("street_typo", "split_word"), ("postcode_one_char", "town_typo"),
        ("postcode_wrapped", "line_breaks"), ("sentence_wrapped", "line_breaks"), ("number_ocr", "space_dropped"), ("town_typo", "locality_for_town"),
        ("postcode_one_char", "street_typo"), ("postcode_ocr", "street_typo"),
        ("type_dropped", "postcode_one_char"), ("type_dropped", "postcode_ocr"),
        ("space_dropped", "comma_after_number"), ("space_dropped", "run_together"),
        ("number_after_street", "comma_after_number"), ("number_after_street", "space_dropped"),
        ("number_after_street", "type_dropped"), ("number_in_words", "space_dropped"),
        ("number_in_words", "number_after_street"), ("number_in_words", "type_dropped"),
    )
}  # fmt: skip
NUMBER_WORDS = ("", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
                "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
                "Twenty")
FLOORS = ("First Floor Flat", "Ground Floor Flat", "Top Floor Flat", "Basement Flat", "Flat A")


@dataclass
class Written:
    """An address being written: the components, then how they are joined."""

    flat: str | None
    building: str | None
    house_name: str | None
    number: str | None
    stem: str | None
    street_type: str | None
    locality: str | None
    town: str | None
    postcode: str | None
    flat_after_street: bool = False
    town_first: bool = False
    comma_after_number: bool = False
    joiner: str = ", "
    wrap_postcode: bool = False
    run_together: bool = False
    # "number": "12Elm Road"; "flat": "Flat 3,12 Elm Road" (where a comma joins them).
    space_dropped: str | None = None
    number_after_street: bool = False
    # The line break inside the street ("\n", or "\n> " in a reply) and where: after the number
    # or before the type.
    street_wrap: tuple[str, str] | None = None
    errors: list[str] = field(default_factory=list)

    def render(self) -> str:
        # The flat's comma glued to the number only where a comma is what joins them; else the
        # space after the number is the one dropped.
        glue_flat = (self.space_dropped == "flat" and self.joiner == ", " and bool(self.flat)
                     and not (self.building or self.house_name or self.flat_after_street))
        street = None
        wrap, wrapped_at = self.street_wrap or (" ", "")
        if self.stem:
            before_type = wrap if wrapped_at == "type" else " "
            words = f"{self.stem}{(before_type if not self.run_together else '')}{self.street_type}" if self.street_type else self.stem
            if self.number and self.number_after_street:
                street = f"{words} {self.number}"
            elif self.number:
                after_number = "" if self.space_dropped and not glue_flat else (wrap if wrapped_at == "number" else " ")
                street = f"{self.number},{' '}{words}" if self.comma_after_number else f"{self.number}{after_number}{words}"
            else:
                street = words
        elif self.number and not (self.building or self.house_name):
            street = self.number
        house = [p for p in (self.flat, self.building, self.house_name) if p]
        if self.number and not self.stem and (self.building or self.house_name):
            house.append(self.number)
        lines = ([street] + house) if self.flat_after_street and street else (house + ([street] if street else []))
        places = [p for p in (self.locality, self.town) if p]
        if self.town_first:
            places.reverse()
        lines += places
        postcode = self.postcode
        if postcode and self.wrap_postcode:
            outward, inward = postcode.split(" ", 1)
            postcode = f"{outward}\n{inward}"
        if self.joiner == "\n":
            return "\n".join(lines + ([postcode] if postcode else []))
        if glue_flat and street and len(lines) > 1:
            lines = [f"{lines[0]},{lines[1]}", *lines[2:]]
        text = self.joiner.join(lines)
        return f"{text} {postcode}" if postcode else text


def written(dwelling: Dwelling, locality: bool) -> Written:
    s = dwelling.street
    return Written(
        flat=f"Flat {dwelling.flat}" if dwelling.flat else None,
        building=dwelling.building,
        house_name=dwelling.house_name,
        number=str(dwelling.number) if dwelling.number is not None else None,
        stem=s.stem,
        street_type=STREET_TYPES[s.street_type][0],
        locality=s.locality if locality else None,
        town=s.town,
        postcode=dwelling.postcode,
    )


def applicable(error: str, w: Written, dwelling: Dwelling) -> bool:
    named = bool(w.building or w.house_name)
    type_entry = STREET_TYPES[dwelling.street.street_type]
    return {
        "street_typo": len(w.stem or "") >= 4 or len(w.street_type or "") >= 4,
        "town_typo": bool(w.town),
        "run_together": len(w.stem or "") <= 8,
        "split_word": w.stem in COMPOUND_STEMS,
        "type_abbreviated": bool(type_entry[1]),
        "type_misspelt": bool(type_entry[2]),
        "type_dropped": bool(w.number or named),
        "building_shortened": named,
        "building_dropped": named and bool(w.number),
        "flat_added": not w.flat and not named,
        "flat_dropped": bool(w.flat) and bool(w.number),
        "street_omitted": named,
        "postcode_dropped": bool(w.number or named) and bool(w.town),
        "postcode_ocr": any(ch in OCR_CONFUSIONS for ch in (w.postcode or "")),
        "locality_for_town": bool(dwelling.street.locality) and bool(w.town),
        "reordered": bool(w.flat or named or w.locality),
        "comma_after_number": bool(w.number),
        "space_dropped": bool(w.number and w.stem),
        "number_after_street": bool(w.number and w.stem and w.street_type),
        "number_in_words": (w.number or "").isdigit() and 0 < int(w.number) < len(NUMBER_WORDS) and bool(w.stem),
        "sentence_wrapped": bool(w.stem and w.street_type) and w.joiner != "\n",
        "number_ocr": any(ch in "01" for ch in (w.number or "")) and (w.number or "").isdigit() and bool(w.stem),
    }.get(error, True)


def apply(error: str, w: Written, dwelling: Dwelling, rng: random.Random) -> None:
    type_entry = STREET_TYPES[dwelling.street.street_type]
    if error == "street_typo":
        if len(w.stem) >= 4 and (rng.random() < 0.7 or len(w.street_type or "") < 4):
            w.stem = typo(w.stem, rng)
        else:
            w.street_type = typo(w.street_type, rng)
    elif error == "town_typo":
        words = w.town.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        words[longest] = typo(words[longest], rng)
        w.town = " ".join(words)
    elif error == "run_together":
        w.run_together = True
        w.street_type = w.street_type.lower()
    elif error == "split_word":
        for cut in range(3, len(w.stem) - 3):
            head, tail = w.stem[:cut], w.stem[cut:]
            if tail.lower() in ("field", "land", "side", "wood", "grove", "view", "crest", "bank", "gate", "way", "thorne"):
                w.stem = f"{head} {tail.lower()}"
                break
    elif error == "type_abbreviated":
        w.street_type = rng.choice(type_entry[1])
    elif error == "type_misspelt":
        w.street_type = rng.choice(type_entry[2])
    elif error == "type_dropped":
        w.street_type = None
    elif error == "building_shortened":
        name = w.building or w.house_name
        words = name.split()
        short = " ".join(words[1:]) if words[0] == "The" else " ".join(words[:-1]) or name
        if w.building:
            w.building = short
        else:
            w.house_name = short
    elif error == "building_dropped":
        w.building = w.house_name = None
    elif error == "flat_added":
        w.flat = rng.choice(FLOORS)
    elif error == "flat_dropped":
        w.flat = None
    elif error == "street_omitted":
        # The number goes with the street it is a number on.
        w.stem = w.street_type = w.number = None
        w.locality = None
        if rng.random() < 0.5:
            w.town = None
    elif error == "postcode_dropped":
        w.postcode = None
    elif error == "postcode_one_char":
        outward, inward = w.postcode.split()
        letters = INWARD_LETTERS.replace(inward[2], "")
        w.postcode = f"{outward} {inward[:2]}{rng.choice(letters)}"
    elif error == "postcode_ocr":
        chars = list(w.postcode)
        places = [i for i, ch in enumerate(chars) if ch in OCR_CONFUSIONS]
        i = rng.choice(places)
        chars[i] = OCR_CONFUSIONS[chars[i]]
        w.postcode = "".join(chars)
    elif error == "locality_for_town":
        w.town = dwelling.street.locality
        w.locality = None
    elif error == "reordered":
        if w.flat or w.building or w.house_name:
            w.flat_after_street = True
        else:
            w.locality = w.locality or dwelling.street.locality
            w.town_first = True
    elif error == "comma_after_number":
        w.comma_after_number = True
    elif error == "no_commas":
        w.joiner = " "
    elif error == "line_breaks":
        w.joiner = "\n"
    elif error == "postcode_wrapped":
        w.wrap_postcode = True
    elif error == "number_after_street":
        w.number_after_street = True
    elif error == "number_in_words":
        w.number = NUMBER_WORDS[int(w.number)]
    elif error == "sentence_wrapped":
        places = [at for at, fits in (("number", w.number and not w.number_after_street and not w.space_dropped
                                       and not w.comma_after_number), ("type", not w.run_together)) if fits]
        if not places:
            return
        w.street_wrap = (rng.choice(("\n", "\n", "\n> ")), rng.choice(places))
    elif error == "number_ocr":
        at = rng.choice([i for i, ch in enumerate(w.number) if ch in "01"])
        misread = "O" if w.number[at] == "0" else rng.choice("lI")
        w.number = w.number[:at] + misread + w.number[at + 1:]
    elif error == "space_dropped":
        w.space_dropped = "flat" if w.flat and not w.building and rng.random() < 0.5 else "number"
    w.errors.append(error)


def mistyped(dwelling: Dwelling, rng: random.Random, errors: int | None = None,
             read_through: bool = True) -> tuple[str, tuple[str, ...]]:
    """`dwelling` written with one or two errors of content, and their names; in two cases of
    five also one or two of layout (commas and line breaks), which change no word of it. Not
    `read_through`: none of the slips the recognizer reads through (`READ_THROUGH`), for a
    matcher handed the span as read, or a recipient's address field, typed and never wrapped."""
    w = written(dwelling, locality=rng.random() < 0.5)
    _add_errors(w, dwelling, rng, CONTENT_ERRORS, errors or rng.choice((1, 1, 2, 2, 2)))
    layouts = LAYOUT_ERRORS if read_through else tuple(e for e in LAYOUT_ERRORS if e not in READ_THROUGH)
    _add_errors(w, dwelling, rng, layouts, rng.choice((0, 0, 0, 1, 2)))
    return w.render(), tuple(w.errors)


def _add_errors(w: Written, dwelling: Dwelling, rng: random.Random, kinds: tuple[str, ...], count: int) -> None:
    for _ in range(count):
        candidates = [
            e for e in kinds
            if e not in w.errors and applicable(e, w, dwelling)
            and not any(frozenset((e, done)) in CLASHES for done in w.errors)
        ]  # fmt: skip
        if not candidates:
            return
        apply(rng.choice(candidates), w, dwelling, rng)


# A form's labels for each part, as referral forms, assessments and exports word them.
FORM_STYLES = (
    {"flat": "Flat", "house": "House number", "street": "Street", "town": "Town", "postcode": "Postcode"},
    {"flat": "Flat no", "house": "House name/number", "street": "Road", "town": "Post town", "postcode": "Post code"},
    {"lines": ("Address line 1", "Address line 2", "Address line 3"), "town": "Town/City", "postcode": "Postcode"},
)


def as_fields(dwelling: Dwelling, rng: random.Random) -> list[tuple[str, str]]:
    """`dwelling` entered in a form, one part a labelled field (the postcode sometimes left
    blank): [("House number", "10"), ("Street", "Westfield Avenue"), ("Town", "Cardiff"), ...]."""
    w = written(dwelling, locality=False)
    style = rng.choice(FORM_STYLES)
    street = f"{w.stem} {w.street_type}" if w.stem else None
    postcode = w.postcode if rng.random() < 0.6 else None
    if "lines" in style:
        house = ", ".join(p for p in (w.flat, w.building, w.house_name) if p)
        numbered = " ".join(p for p in (w.number, street) if p)
        values = [v for v in (house, numbered) if v]
        fields = list(zip(style["lines"], values))
    else:
        fields = [(style["flat"], dwelling.flat)] if dwelling.flat else []
        house = w.number or w.house_name or w.building
        if house:
            fields.append((style["house"] if w.number or "name" in style["house"] else "House name", house))
        if street:
            fields.append((style["street"], street))
    fields += [(style["town"], w.town)] if w.town else []
    fields += [(style["postcode"], postcode)] if postcode else []
    return fields


def as_written(dwelling: Dwelling, rng: random.Random) -> str:
    """Correctly written, as on an envelope: with or without the locality, commas or lines."""
    w = written(dwelling, locality=rng.random() < 0.6)
    if rng.random() < 0.3:
        w.joiner = "\n"
    return w.render()
