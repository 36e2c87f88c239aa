"""The address recognizer's grammar, as data: its word lists, its vocabularies and its rules.

A new street type, building word, flat word or label is a line of a word list in
`models/patterns/` (`WORD_LISTS` names them). A new piece of the grammar is one line of `RULES`:
a name and a regular expression in which `{name}` stands for an earlier rule or for one of the
word lists' alternations (`vocabulary`), so "a building" or "a flat" is written once and read
everywhere by name. Quantifiers keep their digits (`{0,3}`), so only `{lower_case_name}` is
substituted. `AddressGrammar` expands the rules and compiles the ones the recognizer reads.

The rules, by what they anchor (examples in `address.py`'s docstring):
    street          "12 Elm Road", "Mill Lane", "4 Kingsway", "12 meadow way" (lower case)
    loose_street    "12, Albert Squaare", "73, Schoolroad": a misspelt or run-together type
    sub_then_building "Flat 53, The Sidings", "Flat C, Ivy House"
    back, back_lower what a street grows back over: a flat, a building, a house name
    locality        the places after a street ("Headingley", "Newcastle upon Tyne")
    cue_chain       places after "lives at", "moved to", a bare "at"/"to"/"from"
    label           "Address: ...", "Property: ..."
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from disclosure_guard.extraction.recognizers.base import load_word_list
from disclosure_guard.extraction.recognizers.letters import LETTER, UPPER
from disclosure_guard.extraction.recognizers.word_windows import Reach

# The word lists beside the pipeline, by the name the grammar knows them by.
WORD_LISTS = {
    "street_types": "street_types.txt",
    "ambiguous_street_types": "street_types_ambiguous.txt",
    "leading_street_types": "street_types_leading.txt",
    "building_words": "building_words.txt",
    "subbuilding_words": "subbuilding_words.txt",
    "labels": "address_labels.txt",
    "street_name_stopwords": "street_name_stopwords.txt",
    "locality_stopwords": "locality_stopwords.txt",
}

# Street types a misspelling ("Squaare", "Roda", "Plaace") or a run-together name
# ("Schoolroad") is read towards; shorter or rarer types ("hill", "vale") are one letter from
# ordinary words. A misspelling keeps the type's first letter ("Jane" is not "Lane").
CORRECTABLE_STREET_TYPES = (
    "road", "street", "avenue", "crescent", "gardens", "close", "drive", "terrace", "square",
    "grove", "parade", "lane", "place", "court",
)  # fmt: skip
# Shorter types, read only through letters swapped or added ("Wakl", "Rsie", "Mewes"): one
# letter changed would read "Mill" as "Hill".
SLIPPED_STREET_TYPES = ("way", "walk", "mews", "park", "rise", "view", "row", "green", "hill")
# Shorter types run into a name ("Moorsiderise", "Willowrow"); "way", "gate" and "side" are
# the street anchor's compound streets ("Kingsway").
RUN_TOGETHER_SHORT_TYPES = ("rise", "walk", "mews", "view", "green", "row", "park", "hill")
# Single-word streets with a house number: "4 Kingsway", "12 Moorgate", "3 Hillside".
COMPOUND_STREET_SUFFIXES = ("way", "gate", "side")
# Words for a home, as against a unit of a course or a room of an office: a flat and a name
# with nothing after them count only for these.
DWELLING_SUB_WORDS = frozenset({"flat", "apartment", "apt", "maisonette", "bedsit", "penthouse", "caravan", "chalet"})
LABEL_VALUE_NEGATIVES = frozenset(
    {"withheld", "confidential", "not known", "unknown", "n/a", "none", "redacted",
     "see above", "see below", "tbc", "no fixed abode", "nfa"}
)

# One rule a line: (name, regular expression). `{name}` is an earlier rule or a vocabulary entry.
RULES: tuple[tuple[str, str], ...] = (
    # -------------------------------------------------------------- words
    ("capword", r"(?:(?:St|Ste|Gt|Upr|Lwr|Nth|Sth|Mt)\.|{upper}{letter}*(?:['’\-]{letter}+)*)(?![\w'’])"),
    # House numbers never start with 0; "12", "12A", "12-14", "3/12", "No. 7", and a Glasgow
    # flat in a range of numbers, "4/27-29". Never right after another number ("4 11 92",
    # "0161 496 0000"), unless that number is a flat's: "flat 3 22 kingsway".
    # Nor right after a comma ("1,250"), unless a flat's number comes before it: "Flat 3,12 Elm
    # Road", the space after the comma dropped (the comma tested first: the flat look-behinds
    # are many, and a digit follows a word character at every position inside a number).
    ("number", r"(?:(?<![\w£$€./:,\-])(?:(?<!\d[ \t])|{after_flat_value})|(?<=,){after_flat_value_and_comma})"
               r"(?:(?i:no)\.?[ \t]?)?"
               r"(?:[1-9]\d?/(?=[1-9]\d{0,3}[-–][1-9]))?"
               r"[1-9]\d{0,3}[A-Za-z]?(?:[ \t]?[-–/][ \t]?[1-9]\d{0,3}[A-Za-z]?)?(?![\w/])"),
    # "10westfield ave", "12Elm Road": a house number run into the street's name (four letters
    # or more in lower case, so never "2nd" or "10am"; a capital and two more, so never "3D").
    ("glued_number", r"(?<![\w£$€./:,\-])[1-9]\d{0,3}(?=[a-z]{4}|[A-Z][a-z]{2})"),
    ("floor", r"(?i:ground|first|second|third|fourth|top|basement|lower|upper|garden|1st|2nd|3rd|4th)"),
    ("direction", r"(?:North|South|East|West|Upper|Lower|NORTH|SOUTH|EAST|WEST)"),
    ("locality_connector", r"(?:upon|on|in|under|le|la|by|the|de|en|sur|cum|next|super|juxta|and|AND)"),
    # Lower-case words inside a street name: "Prince of Wales Road", "Ashby de la Zouch Road".
    ("street_name_connector", r"(?:of|the|de|la|le|upon|on|in|and)"),
    ("country_name", r"(?:UK|U\.K\.|United Kingdom|UNITED KINGDOM|England|Scotland|Wales|Northern Ireland|GB)"),
    ("compound_street_suffix", "(?:" + "|".join(COMPOUND_STREET_SUFFIXES) + ")"),
    ("year", r"(?:19|20)\d\d"),
    # Words that say where someone lives: what follows is an address even without a number or a
    # street type ("staying at Willowbank, Heaton, Newcastle upon Tyne").
    ("residence_cue", r"(?i:(?<![\w'’])(?:lives|live|living|lived|resides|residing|resided|stays|staying|stayed"
                      r"|moved|moving|relocated|relocating|fled|is[ \t]+now|now)"
                      r"(?:[ \t]+(?:together|now|currently|temporarily|back))?[ \t]+(?:at|to)[ \t]+"
                      r"|(?<![\w'’])(?:fled|left)[ \t]+(?=[A-Z])"
                      r"|(?<![\w'’])address(?:[ \t]+is)?(?:[ \t]*[,:])?[ \t]+)"),
    # The same words right before a numbered address: "fled 24 Holden Creek", "address, 12 ...".
    ("residence_before", r"(?i:(?<![\w'’])(?:lives|live|living|lived|resides|residing|resided|stays|staying"
                         r"|stayed|moved|moving|relocated|relocating|fled|left|address(?:[ \t]+is)?[ \t]*[,:]?)"
                         r"[ \t]+(?:(?:at|to|in)[ \t]+)?)\Z"),
    ("title_before", r"(?<![\w])(?:Mr|Mrs|Ms|Miss|Mx|Dr|MR|MRS|MS|MISS|DR)\.?[ \t]+\Z"),
    ("separator_parts", r"[ \t]*(?P<comma>,)?[ \t]*(?P<newline>\r?\n)?[ \t]*"),
    # "lives on Mill Lane", "moved to Mill Lane": the words that make a bare street name a location.
    ("street_cue", r"(?i:\b(?:on|in|at|to|off|near|along|from|into|onto|of|via|opposite|behind|is|address)"
                   r"[ \t]+(?:the[ \t]+)?)\Z"),
    # "number 14 on Holloway Gate", "no 9 on Park Street": a house number said before its street.
    ("spoken_number_before", r"(?i:(?<![\w'’])(?:number|no\.?)[ \t]*[1-9]\d{0,3}[a-z]?[ \t]+(?:on|in|at)[ \t]+(?:the[ \t]+)?)\Z"),
    # "... Holloway Gate in Wolverhampton": the town after "in".
    ("in_town", r"[ \t]+in[ \t]+(?=[A-Z])"),
    # A Glasgow tenement flat (floor 2, door 1) before a numbered street: "2/1, 14 Kelvin Street".
    ("tenement_flat", r"(?<![\w/])[0-9]{1,2}/[0-9]{1,2}"),
    # -------------------------------------------------------------- streets
    ("street_type", r"(?:{street_type_words}|{capitalised_street_type_words})\.?(?![\w'’\-])"),
    # "gladstone cl", "meadow way": an everyday word as a street type counts in lower case
    # only where a postcode follows (checked in the recognizer's `_from_street`).
    ("lower_ambiguous_type", r"(?:{ambiguous_street_type_words})\.?(?![\w'’\-])"),
    ("lowword", r"(?!(?:{street_name_stopword_words})(?![\w'’\-]))[a-z]{letter}*(?:['’\-]{letter}+)*(?![\w'’])"),
    # "27 st. margarets rd": an abbreviation with its full stop inside a lower-case street name.
    ("low_abbreviation", r"(?:st|ste|gt|mt|nth|sth|upr|lwr)\.(?![\w'’])"),
    ("nameword", r"(?:{capword}|{low_abbreviation}|{lowword})"),
    # -------------------------------------------------------------- buildings and flats
    ("building", r"(?:{number}[ \t]+)?(?:(?:The|THE)[ \t]+)?(?:{capword}[ \t]+){0,3}{capitalised_building_words}(?![\w'’\-])"),
    ("sub_value", r"(?:\d{1,2}/\d{1,2}|\d{1,4}[A-Za-z]?|[A-Za-z])(?![\w/])"),
    # -------------------------------------------------------------- a sentence wrapped in an address
    # A line break that a PDF or a hard-wrapped email put into a sentence reads as a blank where it
    # falls inside a street (the recognizer's `analyze`): before the street type that begins the
    # next line and ends the street ("139 Cedar\nAvenue, Wigan"; "Avenue Court" and "Avenue
    # House" begin a line of an address block), and after a house number that ends a line whose
    # street follows ("is 139\nCedar Avenue"). A reply's quote marks are part of the break.
    ("wrap_before_type", r"(?<=[A-Za-z])[ \t]*\r?\n[ \t>]*(?={street_type_words}\.?(?![\w'’\-])"
                         r"(?![ \t]+(?:{street_type}|{building_words_any_case}(?![\w'’\-])))"
                         # An everyday word as a type only where the street's line or clause ends:
                         # "12 Albert\nSquare, Liverpool".
                         r"|{capitalised_street_type_words}(?=[ \t]*(?:[,;)]|\r?\n|\Z)))"),
    # Prose wraps between words, with blanks: a tab before the number or among the street's words
    # is a form's or a table's ("House number\t10\nStreet\tWestfield Avenue", address_form.py).
    ("wrap_after_number", r"(?<![\w'’\-/.,£$€:\t])[1-9]\d{0,3}[A-Za-z]?(?P<wrap>[ ]*\r?\n[ \t>]*)"
                          r"(?=(?:(?:The|THE)[ ]+)?(?:{capword}[ ]+){1,3}{street_type})"),
    # The same break before a word that may be a misspelt street type ("7, Payne\n> Cout, Lake
    # Francescabury"): only after a house number and one to three names on the line before, and
    # where the word ends its clause; the recognizer keeps those whose word is one slip from a type.
    ("wrap_before_slipped_type", r"(?<![\w'’\-/.,£$€:\t])[1-9]\d{0,3}[A-Za-z]?,?[ ]+(?:{capword}[ ]+){0,2}{capword}"
                                 r"(?P<wrap>[ ]*\r?\n[ \t>]*)(?P<type>[A-Za-z]{3,12})(?=\.?[ \t]*(?:[,;)]|\r?\n|\Z))"),
    # A house number as OCR misreads it, a letter for a digit ("1O Westfield Avenue", "l2 Elm
    # Road"): read as its digits before a street (one digit at least, so no word is taken).
    # Before any capitalised word, not only a street with its type: the street may be run
    # together or misspelt too ("l38 Orchardterrace", "I11 School Terace", "4O Meadowbank"); and
    # after a street, as Europe writes the number (the recognizer checks the street type before).
    ("ocr_house_number", r"(?<![\w'’\-/.,£$€])(?=[\dlIO]*\d)(?=[\dlIO]{1,4}(?![\w'’\-]))[\dlIO]*[lIO][\dlIO]*(?![\w'’\-])"
                         r"(?:(?=,?[ ]+(?:(?:The|THE)[ ]+)?{capword})|(?P<after_street>(?=[ \t]*(?:[,;.\n]|\Z))))"),
    ("sub_word", r"{subbuilding_words_any_case}"),
    ("sub_building", r"(?:{floor}[ \t]+(?:(?i:floor)[ \t]+)?{sub_word}"
                     r"(?:[ \t]+(?:(?i:no)\.?[ \t]*)?{sub_value})?"
                     r"|{sub_word}\.?[ \t]*(?:(?i:no)\.?[ \t]*)?{sub_value})"),
    # "Flat 34 83 Holly Terrace": a flat and the house number with no comma between.
    ("flat_then_number_before", r"(?<![\w'’\-])(?:{sub_building}|{tenement_flat})[ \t]+[1-9]\d{0,3}[A-Za-z]?[ \t]+\Z"),
    # The word of a flat right before a number: that number is the flat's ("Unit 5, ...").
    ("sub_word_before", r"(?<![\w'’\-])(?P<word>{sub_word})\.?[ \t]*(?:(?i:no)\.?[ \t]*)?\Z"),
    ("house_name", r"(?:{capword}[ \t]+){0,2}{capword}"),
    ("separator", r"[ \t]*,?[ \t]*(?:\r?\n[ \t]*)?"),
    ("low", r"[a-z][a-z'’\-]*(?![\w'’\-])"),
    ("lower_building", r"(?:{low}[ \t]+){0,3}{building_words_any_case}(?![\w'’\-])"),
    # -------------------------------------------------------------- anchors
    ("street", r"(?<![\w'’\-])(?:(?P<number>{number})(?P<comma>,)?[ \t]+|(?P<glued>{glued_number}))?"
               r"(?P<name>(?:{nameword}[ \t]+(?:{street_name_connector}[ \t]+(?={upper}))?){0,3}{nameword})"
               r"[ \t]+(?:(?P<type>{street_type})|(?P<ltype>{lower_ambiguous_type}))"
               r"(?:[ \t]+{direction}(?![\w]))?"
               r"|(?P<cnumber>{number}),?[ \t]+(?:(?:The|THE)[ \t]+)?"
               r"(?P<compound>{upper}[a-z]+{compound_street_suffix}|{upper}[A-Z]+(?i:{compound_street_suffix})"
               r"|[a-z]+{compound_street_suffix})(?![\w'’\-])"),
    # "2 Ty Gwyn Cottages, Heol y Bont": a Welsh street, its type first and "y"/"yr" after it.
    ("leading_type_street", r"(?<![\w'’\-])(?:(?P<number>{number}),?[ \t]+)?(?P<type>{leading_street_type_words})"
                            r"(?:'r|[ \t]+(?:y|yr|Y|YR)(?![\w'’]))?[ \t]+{capword}(?:[ \t]+{capword}){0,2}"),
    ("back", r"(?<![\w'’\-])(?:(?P<sub>{sub_building}|{tenement_flat})|(?P<building>{building})"
             r"|(?P<house>{house_name}))(?P<sep>{separator})\Z"),
    # The same, written in lower case ("flat 87, jubilee court, queen's road").
    ("back_lower", r"(?<![\w'’\-])(?:(?P<sub>{sub_building})|(?P<building>{lower_building})"
                   r"|(?P<house>{low}(?:[ \t]+{low})?))(?P<sep>[ \t]*,[ \t]*)\Z"),
    # "flat 3 22 kingsway": a lower-case flat right before the house number, with no comma.
    ("back_lower_flat", r"(?<![\w'’\-])(?P<sub>{sub_building})(?P<sep>[ \t]+)\Z"),
    # "22 kingsway manchester m19 2lw": lower-case places up to a postcode, with no commas.
    ("lower_places", r"(?:[ \t]+{low}){1,3}[ \t]+"),
    # "139 ceder avenue wigan", "10westfield ave llandaff nth": lower-case places ending the
    # phrase after a street.
    ("lower_town", r"[ \t]+(?P<places>{low}(?:[ \t]+{low})?)(?=[ \t]*(?:[.,;:!?)]|\r?\n|\Z)"
                   r"|[ \t]+(?:with|for|from|since|until|near|where|which|following|after|before)(?![\w'’]))"),
    # "going to flat 53 the sidings stockbridge now": a lower-case flat in a block named with "the".
    ("lower_flat_in_building", r"(?<![\w'’\-])(?P<sub>{sub_building})[ \t]*,?[ \t]*(?P<building>the(?:[ \t]+{low}){1,3})"),
    ("sub_line_prefix", r"[ \t]*(?:{sub_building})[ \t]*,?[ \t]*"),
    ("chain_segment", r"{low}(?:[ \t]+{low}){0,3}|{capword}(?:[ \t]+(?:{capword}|{locality_connector})){0,3}"),
    # In lower case a place may carry a number: "she's now at 39 woodland, lorraineberg", "apartment 40, 18 oakwood".
    ("segment", r"(?:{capword}(?:[ \t]+(?:{capword}|{locality_connector}(?=[ \t]+{upper}))){0,3}"
                r"|(?:{number}[ \t]+)?{low}(?:[ \t]+(?:{low}|[1-9]\d{0,3}[a-z]?(?![\w/'’]))){0,3})"),
    ("cue_chain", r"(?:(?P<residence>{residence_cue})|(?i:(?<![\w'’])(?:at|to|from)[ \t]+))"
                  r"(?P<chain>{segment}(?:[ \t]*,[ \t]*{segment}){0,5})"),
    ("any_building", r"(?:{building}|{lower_building})\Z"),
    ("sub_then_building", r"(?<![\w'’\-])(?P<sub>{sub_building}){separator}(?:(?P<building>{building})|(?P<house>{house_name}))"),
    # A numbered street whose last word may be a misspelt or run-together street type.
    ("loose_street", r"(?<![\w'’\-])(?:(?P<number>{number})(?P<comma>,)?[ \t]+|(?P<glued>{glued_number}))"
                     r"(?P<name>{capword}(?:[ \t]+{capword}){0,3})"),
    # "at The Old Forge New Nicole, and", "fled Yates Farmhouse New Nicola on ...": a building
    # and its places with no commas, up to what cannot be a place.
    ("building_then_places", r"(?P<building>{building})(?P<places>(?:[ \t]+(?:{capword}|{locality_connector}(?=[ \t]+{upper}))){1,5})"
                             r"(?=[ \t]*(?:[.,;:)!?]|\r?\n|\Z)|[ \t]+[a-z0-9])"),
    # "31 Mayfield Road (Flat B), Moseley": a flat in brackets after its street.
    ("bracketed_sub", r"[ \t]*\((?:{sub_building})\)"),
    # What may follow a town written after its street with no comma: "22 Clive St Grangetown
    # with his partner", "Flat 4 27 Gidlow Ln Wigan." (and not "12 Elm Road Jane said").
    ("after_town", r"[ \t]*(?:[.,;:!?)]|\r?\n|\Z)|[ \t]+(?:with|for|from|since|until|near|where|which)(?![\w'’])"),
    # Where a building after a cue may start: the words of `street_cue` and `residence_before`.
    ("place_cue", r"(?i:(?<![\w'’])(?:on|in|at|to|off|near|along|from|into|onto|of|via|opposite|behind|is"
                  r"|address|fled|left)[ \t]+(?:(?-i:the)[ \t]+)?)"),
    ("the_house", r"(?:The|THE)[ \t]+(?:{capword}[ \t]+){0,2}{capword}(?=[ \t]*,)"),
    ("numbered_segment", r"(?<![\w'’\-])(?:{number}),?[ \t]+(?:{capword}[ \t]+){0,3}{capword}(?P<sep>{separator})\Z"),
    ("locality_back", r"(?<![\w'’\-])(?:{capword}[ \t]+(?:{locality_connector}[ \t]+)?){0,3}{capword}"
                      r"(?P<sep>{separator})\Z"),
    ("locality", r"{capword}(?:[ \t]+(?:{capword}|{locality_connector}(?=[ \t]+{upper}))){0,3}"),
    ("country", r"[ \t]*,?[ \t]*(?:\r?\n[ \t]*)?{country_name}(?![\w])"),
    # -------------------------------------------------------------- labels and sentences
    ("label", r"(?im)^[ \t]*(?:{label_words})[ \t]*(?::|[-–](?=[ \t]))[ \t]*(?P<value>[^\n]*)"),
    ("label_prefix", r"(?i)^[ \t]*(?:(?:{label_words})[ \t]*[:\-–][ \t]*)?\Z"),
    ("label_line", r"[ \t]*[A-Za-z][A-Za-z /()'’\-]{0,30}:"),
    ("sentence_end", r"(?<=[a-z0-9)])[.;!?](?=[ \t]+[A-Z])|;"),
)  # fmt: skip

# The rules the recognizer runs over a whole text, and how many blank-separated words either
# side of the word every match holds (its anchor) a match can reach: the recognizer tries them
# only on those runs of words (`word_windows.py`). Counted from the rules above, with room to
# spare; a rule that grows must grow its reach, and `tests/extraction/test_word_windows.py`
# compares against a scan of the whole text.
REACH = {
    # Anchor: the street type, or a "-way"/"-gate"/"-side" compound. Before it a number (at
    # most 4 words, "No. 12 - 14,") and a name (4 words and 3 connectors, "Prince of Wales");
    # after it a direction ("Road North").
    "street": Reach(before=16, after=2),
    # Anchor: a word holding a digit. "No." before it, or "No. 12 -" before the "14" of a
    # range; after it the rest of the number and a name of 4 words.
    "loose_street": Reach(before=5, after=10),
    # Anchor: the leading type ("Heol"). A number before it; "y"/"yr" and 3 words after it.
    "leading_type_street": Reach(before=6, after=6),
    # Anchor: the flat's word. A floor and "floor" before it ("First Floor Flat"); after it
    # "No." and the flat's value, a comma, then a building (a number of 4 words, "The", 3 words,
    # a building word of 2) or a house name of 3 words.
    "sub_then_building": Reach(before=3, after=18),
}

_REFERENCE = re.compile(r"\{([a-z_]+)\}")


def alternation(words: Iterable[str], *, capitalised_only: bool) -> str:
    """Longest first, so "Gardens" is tried before "Gdn"; spaces inside an entry match any blank."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        body = r"[ \t]+".join(re.escape(piece) for piece in word.split())
        if capitalised_only:
            title = r"[ \t]+".join(re.escape(p.capitalize()) for p in word.split())
            upper = r"[ \t]+".join(re.escape(p.upper()) for p in word.split())
            parts.append(f"{title}|{upper}")
        else:
            parts.append(f"(?i:{body})")
    return "(?:" + "|".join(parts) + ")"


# The shapes of a flat's number that a house number may follow with only a blank between:
# "flat 3", "unit 12", "apt 4b", "room 105".
FLAT_VALUE_SHAPES = (r"\d", r"\d\d", r"\d\d\d", r"\d[A-Za-z]", r"\d\d[A-Za-z]")


def after_flat_value(sub_words: Iterable[str], then: str = r"[ \t]",
                     shapes: tuple[str, ...] = FLAT_VALUE_SHAPES) -> str:
    """A look-behind per flat word and value shape ("flat 3 ", "apt 4b ", or with `then` after
    the value, "flat 3,"): Python's look-behinds are fixed width, so the flat words cannot be
    one alternation inside a single one."""
    lookbehinds = [
        rf"(?<=\b(?i:{r'[ ]'.join(re.escape(p) for p in word.split())})[ \t]{shape}{then})"
        for word in sorted(set(sub_words)) for shape in shapes
    ]
    return "(?:" + "|".join(lookbehinds) + ")"


def _plain(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class AddressWords:
    """The word lists, lower-cased, in file order."""

    street_types: list[str]
    ambiguous_street_types: frozenset[str]
    leading_street_types: list[str]
    building_words: list[str]
    subbuilding_words: list[str]
    labels: list[str]
    street_name_stopwords: frozenset[str]
    locality_stopwords: frozenset[str]

    @classmethod
    def load(cls, patterns_dir: Path) -> AddressWords:
        lists = {name: [w.lower() for w in load_word_list(patterns_dir / file)]
                 for name, file in WORD_LISTS.items()}
        return cls(
            street_types=lists["street_types"],
            ambiguous_street_types=frozenset(lists["ambiguous_street_types"]),
            leading_street_types=lists["leading_street_types"],
            building_words=lists["building_words"],
            subbuilding_words=lists["subbuilding_words"],
            labels=lists["labels"],
            street_name_stopwords=frozenset(lists["street_name_stopwords"]),
            locality_stopwords=frozenset(lists["locality_stopwords"]),
        )

    def vocabulary(self) -> dict[str, str]:
        """The word lists as the alternations the rules name."""
        ambiguous = self.ambiguous_street_types
        return {
            "upper": UPPER,
            "letter": LETTER,
            # Everyday words as street types ("Walk", "Drive") need a capital letter.
            "street_type_words": alternation([w for w in self.street_types if w not in ambiguous],
                                             capitalised_only=False),
            "capitalised_street_type_words": alternation([w for w in self.street_types if w in ambiguous],
                                                         capitalised_only=True),
            "ambiguous_street_type_words": _plain(ambiguous),
            "after_flat_value": after_flat_value(self.subbuilding_words),
            # "Flat B,31 Mayfield Road": a flat's letter too, before a comma and the house number.
            "after_flat_value_and_comma": after_flat_value(self.subbuilding_words, then=",",
                                                           shapes=(*FLAT_VALUE_SHAPES, "[A-Za-z]")),
            "leading_street_type_words": alternation(self.leading_street_types, capitalised_only=True),
            "street_name_stopword_words": _plain(self.street_name_stopwords),
            "capitalised_building_words": alternation(self.building_words, capitalised_only=True),
            "building_words_any_case": alternation(self.building_words, capitalised_only=False),
            "subbuilding_words_any_case": alternation(self.subbuilding_words, capitalised_only=False),
            "label_words": "|".join(r"[ \t]+".join(re.escape(p) for p in w.split())
                                    for w in sorted(self.labels, key=len, reverse=True)),
        }


def expand(rules: Iterable[tuple[str, str]], vocabulary: Mapping[str, str]) -> dict[str, str]:
    """Each rule's regular expression with its `{name}` references written out, in order."""
    expanded: dict[str, str] = dict(vocabulary)

    def reference(m: re.Match[str]) -> str:
        if m.group(1) not in expanded:
            raise ValueError(f"address rule refers to {m.group(1)!r} before it is defined")
        return expanded[m.group(1)]

    for name, template in rules:
        if name in expanded:
            raise ValueError(f"address rule {name!r} defined twice")
        expanded[name] = _REFERENCE.sub(reference, template)
    return expanded


class AddressGrammar:
    """The rules expanded over one set of word lists; `pattern(name)` is a compiled rule."""

    def __init__(self, words: AddressWords) -> None:
        self.words = words
        self._expanded = expand(RULES, words.vocabulary())
        self._compiled: dict[str, re.Pattern[str]] = {}

    def pattern(self, name: str) -> re.Pattern[str]:
        if name not in self._compiled:
            self._compiled[name] = re.compile(self._expanded[name])
        return self._compiled[name]

    def source(self, name: str) -> str:
        return self._expanded[name]


# The rules that need no word list, compiled once for every recognizer.
_FIXED = expand((rule for rule in RULES if rule[0] in {
    "capword", "floor", "locality_connector", "year", "title_before", "separator_parts",
    "street_cue", "spoken_number_before", "in_town"}), {"upper": UPPER, "letter": LETTER})
FLOOR = _FIXED["floor"]
YEAR = re.compile(_FIXED["year"])
CONNECTOR_WORD = re.compile(_FIXED["locality_connector"])
TITLE_BEFORE = re.compile(_FIXED["title_before"])
SEPARATOR = re.compile(_FIXED["separator_parts"])
STREET_CUE = re.compile(_FIXED["street_cue"])
SPOKEN_NUMBER_BEFORE = re.compile(_FIXED["spoken_number_before"])
IN_TOWN = re.compile(_FIXED["in_town"])
