"""UK postal addresses: letter-head blocks, inline mentions and labelled values.

Examples it must handle (and the tests use exactly these); the span is the part after "->":
    "Ms Jane Doe\\nFlat 3\\n12 Elm Road\\nHeadingley\\nLeeds\\nLS6 2AB"
                                        -> "Flat 3\\n12 Elm Road\\nHeadingley\\nLeeds\\nLS6 2AB"
    "she has moved to 12 Elm Rd, Headingley"         -> "12 Elm Rd, Headingley"
    "at 45 Victoria Street, Bristol BS1 6AA."         -> "45 Victoria Street, Bristol BS1 6AA"
    "Address: Willowbank, Ashby"                      -> "Willowbank, Ashby"
    "Property: 7 Mill Court, York"                    -> "7 Mill Court, York"
    "Flat 3, 12 Elm Road"                             -> "Flat 3, 12 Elm Road"
    "she lives in Flat C, Ivy House, Leeds"           -> "Flat C, Ivy House, Leeds"
    "3/12 Elm Road"                                   -> "3/12 Elm Road"
    "Apartment 27, Beech Court, 4 Park Lane"          -> "Apartment 27, Beech Court, 4 Park Lane"
    "Rose Cottage, Mill Lane, Ashby"                  -> "Rose Cottage, Mill Lane, Ashby"
    "12-14 High Street"                               -> "12-14 High Street"
    "12A Elm Road"                                    -> "12A Elm Road"
    "12 ELM ROAD LEEDS LS6 2AB"                       -> "12 ELM ROAD LEEDS LS6 2AB"
    "12 Elm Road Leeds LS6 2AB"                       -> "12 Elm Road Leeds LS6 2AB"
    "12 elm road, leeds"                              -> "12 elm road"
    "Mrs A Khan\\nWillowbank\\nMill Lane\\nAshby\\nLE65 1AB"
                                        -> "Willowbank\\nMill Lane\\nAshby\\nLE65 1AB"
    "12 Highfield, Leeds LS6 2AB"                     -> "12 Highfield, Leeds LS6 2AB"
    "12, Elm Road, Leeds, LS6 2AB"                    -> "12, Elm Road, Leeds, LS6 2AB"
    "Ground Floor Flat, 9 St Mary's Road, Cardiff"     -> "Ground Floor Flat, 9 St Mary's Road, Cardiff"
    "she moved to Mill Lane last year"                -> "Mill Lane"
    "she's now at 24 moorgate, erdington, birmingham, b10 8ra with the kids"
                                        -> "24 moorgate, erdington, birmingham, b10 8ra"
    "at the granary, highfields, leicester, le5 2lq." -> "the granary, highfields, leicester, le5 2lq"
    "Ms A Khan\nTy Gwyn\nSwansea SA5 2ZU"             -> "Ty Gwyn\nSwansea SA5 2ZU"
    "RUI FERREIRA\nWILLOWBANK\nKINGSWAY\nGORGIE\nEDINBURGH\nEH11 2AF"
                                        -> "WILLOWBANK\nKINGSWAY\nGORGIE\nEDINBURGH\nEH11 2AF"
    "MS A KHAN\n22, LOWER MILL ROW\nLUTON\nTYNE AND WEAR LU4 5SA"
                                        -> "22, LOWER MILL ROW\nLUTON\nTYNE AND WEAR LU4 5SA"
    "Apartment 6, Ivy House, 31 Prince of Wales View, Belfast, BT7 8AB" -> all of it
    "Home address: Apartment G, Victoria Mansions\n32 Shakespeare Street\nMiddlesbrough\nTS5 3WD"
                                        -> all after the label
    "he lives at Willowbank, Heaton, Newcastle upon Tyne." -> "Willowbank, Heaton, Newcastle upon Tyne"
    "We wrote to you at Church Barn, Hillside, St Pauls, Bristol but it was returned."
                                        -> "Church Barn, Hillside, St Pauls, Bristol"
    "The keys for Ty Gwyn, Liverpool, L4 3DT are ready." -> "Ty Gwyn, Liverpool, L4 3DT"
    "Summary: she fled The Granary, Partick, Glasgow on 20/12/25." -> "The Granary, Partick, Glasgow"
    "the locks at flat 1b, 35 clarendon close, milton keynes have been changed"
                                        -> "flat 1b, 35 clarendon close"
    "I write about 12, Albert Squaare, Liverpool and the repairs." -> "12, Albert Squaare, Liverpool"
    "90 Cook Wakl, North Raymondton"                  -> all of it (letters of "Walk" swapped)
    "She now lives at 24 Cunningham Dirve East Jordanside." -> "24 Cunningham Dirve"
    "We confirm she lives at 56 Ashgrove Crescent\nSharonburgh\nJaynetown. Please update your records."
                                        -> "56 Ashgrove Crescent\nSharonburgh\nJaynetown"
    "The keys for Flat 7\n80 Janice Drive\nGrahamville\nCO13 4WF are ready."
                                        -> "Flat 7\n80 Janice Drive\nGrahamville\nCO13 4WF"
    "She now lives at Flat C\n83 Ashgrove View\nGrahamside\nEX8 7AB. Please update your records."
                                        -> "Flat C\n83 Ashgrove View\nGrahamside\nEX8 7AB"
    "The property at Flat 34 83 Holly Terrace Port Leonardburgh NE13 7WU has been inspected."
                                        -> "Flat 34 83 Holly Terrace Port Leonardburgh NE13 7WU"
    "The property at The Beeches, 37 Booth Place, West Tonymouth SE14 6PX has been inspected."
                                        -> "The Beeches, 37 Booth Place, West Tonymouth SE14 6PX"
    "22 Parkside Park, The Old Forge, East Jane, North Gavinshire" -> all of it
    "She now lives at Flat 54, 138 Humphreys Cl, Smithmouth MLS 7PE. Please update"
                                        -> "Flat 54, 138 Humphreys Cl, Smithmouth MLS 7PE" (OCR: 5 read as S)
    "The Coach House, 73, Schoolroad, Hull"           -> all of it
    "Flat 53, The Sidings SO20 2UH"                   -> all of it
    "First Floor Flat, 139, Cedar Ave, Wigan WN6 9YZ" -> all of it
    "Flat 4, Kingsley Ct, 20 Mill Lane"               -> all of it
    "Flat 4, Kingsley, 20 Mill Lane, Leeds"           -> all of it
    "The Stables, Highfield, Bristol BS29 2EF"        -> all of it
    "Court bundle\n108, Rowan Plaace, Didsbury, Liverpool L12\n5AH\nfor the hearing"
                                        -> "108, Rowan Plaace, Didsbury, Liverpool L12\n5AH"
    "She rents flat 2/1, 14 Kelvin Street, Glasgow"   -> "flat 2/1, 14 Kelvin Street, Glasgow"
    "She rents 2/1, 14 Kelvin Street, Glasgow"        -> "2/1, 14 Kelvin Street, Glasgow"
    "Ioana is at 2/1 14 Garnett Street G3."           -> "2/1 14 Garnett Street"
    "Unit 5, Riverside Park, Hull HU1 2AB"            -> all of it
    "She lives at number 14 on Holloway Gate in Wolverhampton."
                                        -> "number 14 on Holloway Gate in Wolverhampton"
    "Mrs Bishakha Rana\nWoodside\n36 Moore Square\nCoatesshire\nAB5 9FA" -> all after the name
    "Home address: Tanglewood\n18 Leigh Walk\nLeeds\nLS6 2AB" -> all after the label
    "Your new address, Westwinds, 196 Fry Rd., Hannahside, M12 6LR, will be held"
                                        -> "Westwinds, 196 Fry Rd., Hannahside, M12 6LR"
    "she is at woodside, 225 kennedy cresc, brownchester, ls1 8nh and"
                                        -> "woodside, 225 kennedy cresc, brownchester, ls1 8nh"
    "Jane Doe\n18 Leigh Walk\nLeeds LS6 2AB"    -> "18 Leigh Walk\nLeeds LS6 2AB" (the addressee's name)
    "Dear Sarah, 12 Elm Road is ready."          -> "12 Elm Road"
    "the locks at 14 Brian Club, New Justinhaven have been changed" -> "14 Brian Club, New Justinhaven"
    "She asked that it is not shared; he lives at 200 Elliot."  -> "200 Elliot"
    "Unit 28, Dean Mansions, 39 Norman, North Christopherside" -> all of it (street type dropped)
    "Mr G Thornton\n4/27-29 Marie Crescent\nTomhaven\nNE19 3PB" -> all after the name
    "Ms Kolade fled Yates Farmhouse New Nicola on 9 February." -> "Yates Farmhouse New Nicola"
    "Condition 2: not to enter Westfield Avenue, Llandaff North, Cardiff."
                                        -> "Westfield Avenue, Llandaff North, Cardiff"
    "Her mum lives on Wellington St, Burnley, about number 30." -> "Wellington St, Burnley"
    "Lives at 22 Clive St Grangetown with his partner." -> "22 Clive St Grangetown"
    "31 Mayfield Road (Flat B), Moseley, B13 9HS"  -> all of it
    "Caravan 14, Sandy Bay Holiday Park, Exmouth EX8 5BU" -> all of it
    "officers attended 27 st. margarets rd twickenham following a 999 call"
                                        -> "27 st. margarets rd twickenham"
    "the old house at 139 ceder avenue wigan"   -> "139 ceder avenue wigan"
    "flat15 10westfield ave llandaff nth"       -> all of it (spaces dropped)
    "flat 3 22 kingsway manchester m19 2lw"     -> all of it (a house number right after a flat's)
    "the keys for apt 4b 18 moorgate are at the office" -> "apt 4b 18 moorgate"
    "Unit 12 5 Kingsway, Hull HU1 2AB"          -> all of it
    "the letters are going to flat 53 the sidings stockbridge now" -> "flat 53 the sidings stockbridge"
    "12 elm road yesterday."                    -> "12 elm road"
    "she's now at 39 woodland, lorraineberg, jacksonton with the kids" -> "39 woodland, lorraineberg, jacksonton"
    "she's now at the old forge, hill terrace, west jacobmouth with" -> "the old forge, hill terrace, west jacobmouth"
    "Prop address - 2 Ty Gwyn Cottages, Heol y Bont, Llandeilo SA19 6AA" -> all after the label
    "Mae hi'n byw yn 14 Heol y Bont, Llandeilo." -> "14 Heol y Bont, Llandeilo"
    "Her address is Westfield Avenue 10, Cardiff"  -> "Westfield Avenue 10, Cardiff" (the number after the street)
    "Westfield Avenue 10/15, Cardiff"             -> all of it
    "Her new address is 139 Cedar\nAvenue, Wigan and"  -> "139 Cedar\nAvenue, Wigan", read "139 Cedar Avenue, Wigan"
    "Her new address is 139\nCedar Avenue, Wigan and"  -> "139\nCedar Avenue, Wigan" (a PDF's line full)
    "> Her new address is 12 Albert\n> Square, Liverpool now." -> "12 Albert\n> Square, Liverpool" (a reply)
    "Flat 15\nWestfield Avenue\nCardiff"          -> all of it, three lines (a flat's number ends its line)
    "She now lives at 1O Westfield Avenue, Cardiff." -> "1O Westfield Avenue, Cardiff", read "10 ..." (OCR)
    "she is now at The Old School House, Station Terrance, Duffymouth." -> all after "at" (a house's
                                        name may hold "School", "Coach", "Court" before its building word)
and must not fire on:
    "we met on 12 May"; "a 5 minute walk"; "walked 2 miles down the road";
    "Leeds City Council"; "Leeds LS6 2AB" (a postcode with its town is only a POSTCODE);
    "In 2020, Elm Road was closed";
    "the hearing at Leeds Crown Court"; "a 3 bedroom terrace"; "Mrs Megan Green\nHealth Visitor";
    "there are 2 ways to pay"; "Designated Safeguarding Lead\nPark View Community School";
    "see paragraph 12, Jane." (a name one letter from "Lane" is no street without a place after it);
    "Unit 3, Fractions" (a school unit: a flat and a name with nothing after them);
    "The meeting is on 12 May, Leeds Crown Court."; "Discharged to the care of Ms Brenda Holt.";
    "The Designated Safeguarding Lead and the School Nursing Service have been informed.";
    "it was a 10am road closure"; "the damp in flat 3 is worse";
    "flat 3 is 22 metres from the road"; "born 4 11 92 in Hull".

How it works: street cores ("12 Elm Road", "Mill Lane") and postcodes are anchors; from an
anchor the span grows backwards over a building and sub-building ("Apartment 27, Beech Court,")
and forwards over localities, town and postcode, across commas and line breaks. A line break is
crossed only by a whole line, so the name line of an address block is never taken in; but a
line break inside a street, with a reply's quote marks after it, is a sentence wrapped where its
line was full, and reads as a blank (grammar rules `wrap_before_type`, `wrap_after_number`).
A numbered street whose type is misspelt ("Squaare") or run into its name ("Schoolroad") is
an address only with a town after a comma, a postcode, a building before it or "at/to" before
it. A number right after "Flat"/"Unit" is the flat's, not the house's ("Unit 5, Riverside
Park"); a name between a flat and a numbered street is the building ("Flat 4, Kingsley, 20
Mill Lane"); a flat and a name before a postcode are a flat in a building ("Flat 53, The
Sidings SO20 2UH"). "number 14 on Holloway Gate in Wolverhampton" is said, not written.
A numbered street with a type word no list holds ("14 Brian Club") or none ("39 Norman") needs
more than a town after it: a postcode, a flat or building before it, "at"/"to"/"fled" before it,
or two places; after "lives at" or "fled" nothing more ("he lives at 200 Elliot"). A house name without a house word before a numbered street ("Tanglewood\n18 Leigh
Walk") is the house under another line of the block, after a label, or vouched for inline by a
postcode or "at"; never after a title or a greeting, nor a name the model reads as a person.
A street without a house number is an address only with other evidence (a building before it,
a postcode after it, a locality line under it, or "on/in/to/at" before it): a missed address
is a leak, but "Victoria Street Surgery" is not an address. Without any street, places count
as an address in a block of lines over a postcode, in a comma-separated run ending in a
postcode, or in a run of two or more places after "lives at", "moved to", "fled", "address,"
(and, more loosely, after a bare "at"/"to"/"from").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from disclosure_guard.extraction.recognizers.address_grammar import (
    COMPOUND_STREET_SUFFIXES,
    CONNECTOR_WORD,
    CORRECTABLE_STREET_TYPES,
    DWELLING_SUB_WORDS,
    FLOOR,
    IN_TOWN,
    LABEL_VALUE_NEGATIVES,
    REACH,
    RUN_TOGETHER_SHORT_TYPES,
    SEPARATOR,
    SLIPPED_STREET_TYPES,
    SPOKEN_NUMBER_BEFORE,
    STREET_CUE,
    TITLE_BEFORE,
    YEAR,
    AddressGrammar,
    AddressWords,
)
from disclosure_guard.extraction.recognizers.base import PipelineStep, Recognizer, spans_in_text
from disclosure_guard.extraction.recognizers.postcode import PostcodeMatch, PostcodeRecognizer
from disclosure_guard.extraction.recognizers.word_windows import Words, finditer_in_runs
from disclosure_guard.reading import ReadingView, join_broken_words, replaced
from disclosure_guard.types import Span, SpanKind

RUN_TOGETHER_MIN_NAME = 3
OCR_DIGITS = str.maketrans("lIO", "110")
# A house number after a street of an unambiguous type, and a flat after a slash or "flat",
# where the street's line or clause ends: "Westfield Avenue 10, Cardiff", "Westfield Avenue
# 10/15", "Westfield Avenue 10 flat 15".
NUMBER_AFTER_STREET = re.compile(
    r"[ \t]+\d{1,4}[A-Za-z]?(?:/\d{1,4}[A-Za-z]?|[ \t]+(?i:flat|apartment|apt)[ \t]+\w{1,4})?"
    r"(?=[ \t]*(?:[,;)]|\r?\n|\Z|\.(?:\s|\Z)))")
SCORE_NUMBERED = 0.9
SCORE_WITH_POSTCODE = 0.95
SCORE_BARE_STREET = 0.6
SCORE_LABEL = 0.7
SCORE_BLOCK = 0.85
SCORE_PLACES = 0.5
MAX_BLOCK_LINES = 7
# Enough for the longest segment read backwards ("Ground Floor Flat, ", "The Old Coach House, ").
BACK_WINDOW = 80
MAX_LABEL_LINES = 6
# Every house number holds one (none starts with 0): the loose street rule's anchor.
HOUSE_NUMBER_DIGIT = re.compile(r"[1-9]")
# The shapes of a postcode's outward code, inward code, or both run together, lower-cased: a
# word of these broken by a hyphen is read joined (the postcode recognizer judges it then).
POSTCODE_PIECE = re.compile(r"(?:[a-z]{1,2}\d[a-z\d]?)?(?:\d[a-z]{2})?")
MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec"})
# Words that end a lower-case address written into a sentence: "... the sidings stockbridge now".
PROSE_WORDS = frozenset({"now", "then", "too", "again", "soon", "still", "already", "instead", "anyway"})
# Everything up to the last word in lower case and the connectors after it: "Her mum lives on ".
_CONNECTOR = r"(?:of|the|de|la|le|upon|on|in|and)"
PROSE_BEFORE_STREET = re.compile(
    rf"(?:\S+[ \t]+)*?(?!{_CONNECTOR}[ \t])[a-z][\w'’\-]*[ \t]+(?:{_CONNECTOR}[ \t]+)*"
    rf"(?=[A-Z]\S*(?:[ \t]+(?:[A-Z]\S*|{_CONNECTOR}))*\Z)")
TITLE_WORD = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|MR|MRS|MS|MISS|DR)\b")
# A name after a greeting is the reader's: "Dear Sarah, 12 Elm Road is ready".
GREETING_BEFORE = re.compile(r"(?i:\b(?:dear|hi|hello|hiya|morning|afternoon|thanks|thank[ \t]+you)[ \t,]*)\Z")


def _before_postcode(start: int, end: int, postcodes: dict[int, PostcodeMatch]) -> int:
    """Where a run of capitalised words ends at the latest: before a postcode inside it, which
    OCR may have made all letters ("Smithmouth MLS 7PE")."""
    inside = [p for p in postcodes if start < p < end]
    return min(inside) if inside else end


_LAST_WORD = re.compile(r"[ \t]+(\S+)\Z")


def _last_word(text: str, end: int) -> str:
    """The word that ends at or before `end` on its line, without the blanks after it."""
    line = text[text.rfind("\n", 0, end) + 1:end].rstrip(" \t,")
    return line[max(line.rfind(" "), line.rfind("\t")) + 1:]


def _one_edit_apart(word: str, target: str) -> bool:
    """One letter dropped, doubled, swapped or changed ("Squaare", "Roda", "Stret", "Lame")."""
    if word == target:
        return False
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and word[diff[0]] == target[diff[1]] and word[diff[1]] == target[diff[0]])
    shorter, longer = sorted((word, target), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


@dataclass
class _Candidate:
    start: int
    end: int
    score: float
    patterns: set[str]


class AddressRecognizer(Recognizer):
    name = "address"

    @classmethod
    def from_step(cls, step: PipelineStep) -> AddressRecognizer:
        postcodes = step.uses("postcode")
        assert isinstance(postcodes, PostcodeRecognizer)
        return cls(step.patterns_dir, postcodes)

    def __init__(self, patterns_dir: Path, postcodes: PostcodeRecognizer) -> None:
        self._postcodes = postcodes
        words = AddressWords.load(patterns_dir)
        self._ambiguous_types = words.ambiguous_street_types
        self._name_stop = words.street_name_stopwords
        self._locality_stop = words.locality_stopwords
        grammar = AddressGrammar(words)
        self._whole_text_rules = {rule: grammar.pattern(rule) for rule in REACH}
        self._flat_then_number_before = grammar.pattern("flat_then_number_before")
        self._sub_word_before = grammar.pattern("sub_word_before")
        self._back = grammar.pattern("back")
        self._back_lower = grammar.pattern("back_lower")
        self._sub_line_prefix = grammar.pattern("sub_line_prefix")
        self._chain_segment = grammar.pattern("chain_segment")
        self._cue_chain = grammar.pattern("cue_chain")
        self._any_building = grammar.pattern("any_building")
        self._building = grammar.pattern("building")
        self._the_house = grammar.pattern("the_house")
        self._numbered_segment = grammar.pattern("numbered_segment")
        self._locality_back = grammar.pattern("locality_back")
        self._locality = grammar.pattern("locality")
        self._country = grammar.pattern("country")
        self._label = grammar.pattern("label")
        self._label_prefix = grammar.pattern("label_prefix")
        self._label_line = grammar.pattern("label_line")
        self._sentence_end = grammar.pattern("sentence_end")
        self._residence_before = grammar.pattern("residence_before")
        self._street_type_word = grammar.pattern("street_type")
        self._wrap_before_type = grammar.pattern("wrap_before_type")
        self._wrap_after_number = grammar.pattern("wrap_after_number")
        self._wrap_before_slipped_type = grammar.pattern("wrap_before_slipped_type")
        self._ocr_house_number = grammar.pattern("ocr_house_number")
        # Words whose number is a flat's or a box's, not a house's: "Flat 15", "PO Box 12".
        self._flat_words = frozenset(words.subbuilding_words) | {"box"}
        self._building_then_places = grammar.pattern("building_then_places")
        self._place_cue = grammar.pattern("place_cue")
        self._bracketed_sub = grammar.pattern("bracketed_sub")
        self._after_town = grammar.pattern("after_town")
        self._back_lower_flat = grammar.pattern("back_lower_flat")
        self._lower_places = grammar.pattern("lower_places")
        self._lower_town = grammar.pattern("lower_town")
        self._lower_flat_in_building = grammar.pattern("lower_flat_in_building")
        # The words each whole-text rule's matches hold (see `REACH`): street types and the
        # "-way"/"-gate"/"-side" compounds; a digit of a house number; Welsh leading types; flat
        # words, whose value may follow with no blank ("Flat2", "FlatB", and so "Unity").
        street_types = frozenset(words.street_types) | words.ambiguous_street_types
        leading_types = frozenset(words.leading_street_types)
        sub_words = tuple(words.subbuilding_words)
        # A word broken by a hyphen that joined is one of these is read joined (see `analyze`).
        self._whole_words = street_types | leading_types | frozenset(sub_words) | frozenset(words.building_words)
        self._anchors: dict[str, Callable[[str, Words], list[int]]] = {
            "street": lambda text, w: w.anchored(lambda key: key in street_types
                                                 or key.endswith(COMPOUND_STREET_SUFFIXES)),
            "loose_street": lambda text, w: w.holding(m.start() for m in HOUSE_NUMBER_DIGIT.finditer(text)),
            "leading_type_street": lambda text, w: w.anchored(leading_types.__contains__),
            "sub_then_building": lambda text, w: w.anchored(lambda key: key.startswith(sub_words)),
        }

    # ------------------------------------------------------------------ entry point

    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        persons = [(e.start_char, e.end_char) for e in doc.ents
                   if e.label_ == "PERSON"] if doc is not None else []
        # Addresses are read with their hyphen-broken words whole ("12 Elm Ro-ad", a soft hyphen
        # as a PDF prints it): the span points into `text` and reads as the joined words.
        view = join_broken_words(text, self._is_whole_word)
        view = view.then(self._wraps_read_as_blanks(view.text))
        view = view.then(self._misread_numbers_read(view.text))
        if view.source_offsets is not None:
            persons = [view.reading_span(*person) for person in persons]
        return spans_in_text(text, view, self._analyze(view.text, persons))

    def _wraps_read_as_blanks(self, text: str) -> ReadingView:
        """`text` with the line breaks that wrap a sentence inside a street read as blanks
        ("139 Cedar\nAvenue", "is 139\n> Cedar Avenue", "7, Payne\n> Cout"); not after a flat's number, whose
        street begins the next line of an address block ("Flat 15\nWestfield Avenue")."""
        if "\n" not in text:
            return ReadingView(text)
        wraps = [(*m.span(), " ") for m in self._wrap_before_type.finditer(text)]
        wraps += [(*m.span("wrap"), " ") for m in self._wrap_after_number.finditer(text)
                  if _last_word(text, m.start()).lower() not in self._flat_words]
        wraps += [(*m.span("wrap"), " ") for m in self._wrap_before_slipped_type.finditer(text)
                  if self._loose_street_kind(m.group("type")) == "misspelt_street_type"
                  and not self._wrap_before_type.match(text, m.start("wrap"))]
        return replaced(text, sorted(wraps))

    def _misread_numbers_read(self, text: str) -> ReadingView:
        """`text` with a house number OCR misread read as its digits ("1O Westfield Avenue"),
        after the wraps are read, so that "5O Mill\nGrove" is a number before its street."""
        return replaced(text, [(*m.span(), m.group().translate(OCR_DIGITS))
                               for m in self._ocr_house_number.finditer(text)
                               if m.group("after_street") is None or self._ends_a_street(text, m.start())])

    def _ends_a_street(self, text: str, end: int) -> bool:
        """The word before `end` is a street type, as written or slipped ("Meadowbank Terrace 16O")."""
        word = _last_word(text, end)
        return bool(self._street_type_word.fullmatch(word)) or self._loose_street_kind(word) == "misspelt_street_type"

    def _is_whole_word(self, word: str) -> bool:
        """An address word, or a postcode or half of one ("LS-6 2-AB", "LS6-2AB")."""
        return word in self._whole_words or POSTCODE_PIECE.fullmatch(word) is not None

    def _analyze(self, text: str, persons: list[tuple[int, int]]) -> list[Span]:
        postcodes = {m.start: m for m in self._postcodes.find(text)}
        candidates: list[_Candidate] = []
        words = Words(text)
        for m in self.rule_matches("street", text, words):
            candidate = self._from_street(text, m, postcodes, persons)
            if candidate is not None:
                candidates.append(candidate)
        for m in self.rule_matches("sub_then_building", text, words):
            end, has_postcode, _lines = self._grow_forward(text, m.end(), False, postcodes)
            if m.group("house") is not None and not has_postcode and not (
                    end > m.end() and self._is_dwelling_sub(m.group("sub"))):
                # "Flat 53, The Sidings" is a home with a postcode or a town after it;
                # "Unit 3, Fractions" alone is a lesson.
                continue
            candidates.append(_Candidate(
                m.start(), end, SCORE_WITH_POSTCODE if has_postcode else SCORE_NUMBERED,
                {"sub_building"}))
        for m in self.rule_matches("leading_type_street", text, words):
            candidate = self._from_leading_type_street(text, m, postcodes, persons)
            if candidate is not None:
                candidates.append(candidate)
        for m in self.rule_matches("loose_street", text, words):
            candidate = self._from_loose_street(text, m, postcodes, persons)
            if candidate is not None:
                candidates.append(candidate)
        covered = set()
        starts = sorted(postcodes)
        for c in candidates:
            covered.update(starts[bisect_left(starts, c.start):bisect_left(starts, c.end)])
        for postcode in postcodes.values():
            if postcode.start in covered:
                continue
            candidate = self._from_postcode(text, postcode, persons)
            if candidate is not None:
                candidates.append(candidate)
        candidates.extend(self._from_buildings_after_cues(text))
        candidates.extend(self._from_lower_flats(text))
        candidates.extend(self._from_labels(text))
        candidates.extend(self._from_residence_cues(text, postcodes))
        return [
            Span(SpanKind.ADDRESS, c.start, c.end, text[c.start:c.end], self.name,
                 score=c.score, pattern="+".join(sorted(c.patterns)))
            for c in self._merge(text, candidates)
        ]

    def rule_matches(self, rule: str, text: str, words: Words) -> Iterator[re.Match[str]]:
        """The matches of a whole-text rule (a key of `REACH`), the same as its `finditer` over
        the whole text but tried only within its reach of its anchor words."""
        runs = words.runs(self._anchors[rule](text, words), REACH[rule])
        return finditer_in_runs(self._whole_text_rules[rule], text, runs)

    # ------------------------------------------------------------------ anchors

    def _from_street(self, text: str, m: re.Match[str], postcodes: dict[int, PostcodeMatch],
                     persons: list[tuple[int, int]]) -> _Candidate | None:
        numbered = bool(m.group("number") or m.group("cnumber") or m.group("glued"))
        if m.group("comma") and YEAR.fullmatch(m.group("number")):
            # "In 2020, Elm Road was closed": a year, not a house number.
            return None
        street = m.group("name") or m.group("compound")
        lower = not any(word[0].isupper() for word in street.split())
        allcaps = m.group().isupper()
        anchor = m.start()
        if not numbered and not lower and (prose := PROSE_BEFORE_STREET.match(street)):
            # "not to enter Westfield Avenue", "Her mum lives on Wellington St": the street starts
            # at the capital after the last word in lower case; the prose is no part of its name.
            anchor = m.start("name") + prose.end()
            street = street[prose.end():]
            if TITLE_WORD.match(street):
                return None  # "the care of Ms Brenda Holt": a person
        flat_before = numbered and self._sub_word_before.search(text, max(0, anchor - 20), anchor)
        spoken = None if numbered else (
            SPOKEN_NUMBER_BEFORE.search(text, max(0, anchor - 30), anchor)
            or self._flat_then_number_before.search(text, max(0, anchor - 40), anchor))
        if flat_before:
            # "Unit 5, Riverside Park": the number is the unit's; the street has none.
            numbered, anchor = False, flat_before.start()
        elif spoken:
            numbered, anchor = True, spoken.start()
        street_end = m.end()
        if (not numbered and m.group("type") and m.group("type").rstrip(".").lower() not in self._ambiguous_types
                and (after := NUMBER_AFTER_STREET.match(text, street_end))):
            # "Cedar Avenue 139, Wigan": the house number after its street, as much of Europe
            # writes it.
            numbered, street_end = True, after.end()
        if in_town := IN_TOWN.match(text, street_end):
            town = self._locality.match(text, in_town.end())
            town_end = self._trim_locality(text, in_town.end(), town.end()) if town else None
            if town_end is not None:
                street_end = town_end
        end, has_postcode, locality_lines = self._grow_forward(
            text, street_end, allcaps, postcodes, typed=bool(m.group("type") or m.group("ltype")) and (
                numbered or not lower), lower=lower)
        if not numbered and TITLE_BEFORE.search(text, max(0, anchor - 8), anchor):
            return None
        # "not to enter Westfield Avenue, Llandaff North, Cardiff": a street and two places
        # after it, comma by comma, are an address as a postcode makes one.
        places_after = 0 if "\n" in text[street_end:end] else text.count(",", street_end, end)
        two_places = not numbered and bool(m.group("type")) and places_after >= 2
        start, back_evidence = self._grow_back(text, anchor, numbered, persons,
                                               has_postcode=has_postcode or two_places, lower=lower)
        back_evidence = back_evidence or bool(flat_before)
        if (m.group("compound") and lower or m.group("ltype")) and not has_postcode and not (
                numbered and (back_evidence or STREET_CUE.search(text, max(0, start - 40), start))):
            # "12 meadow way" counts after "at"/"to", a flat or before a postcode; "2 ways" never.
            return None
        if (not numbered and not has_postcode and not back_evidence
                and any(not word[0].isupper() for word in street.split())):
            # A street in lower case with no number ("lime close") is prose unless a postcode
            # follows or a building comes before it ("the coach house, brook road").
            return None
        patterns = {"street"}
        if spoken:
            patterns.add("spoken_number")
        if numbered:
            score = SCORE_NUMBERED
        elif back_evidence or has_postcode or (locality_lines and self._starts_line(text, start)):
            score = SCORE_NUMBERED
            patterns = {"bare_street"}
        elif two_places:
            score = SCORE_BARE_STREET
            patterns = {"bare_street_before_places"}
        elif (m.group("type") and STREET_CUE.search(text, max(0, anchor - 40), anchor)
              and (m.group("type").rstrip(".").lower() not in self._ambiguous_types or places_after)):
            # "on Wellington St, Burnley": a type that is also a word ("St" for Saint, "Drive")
            # ends the street when a town follows it after a comma.
            score = SCORE_BARE_STREET
            patterns = {"bare_street_after_cue"}
        else:
            return None
        if back_evidence:
            patterns.add("building")
        if has_postcode:
            patterns.add("postcode")
            score = SCORE_WITH_POSTCODE
        return _Candidate(start, end, score, patterns)

    def _from_loose_street(self, text: str, m: re.Match[str], postcodes: dict[int, PostcodeMatch],
                           persons: list[tuple[int, int]]) -> _Candidate | None:
        """"12, Albert Squaare, Liverpool", "73, Schoolroad, Hull": a numbered street whose type
        is misspelt or run into its name, vouched for by what is around it."""
        if m.group("comma") and YEAR.fullmatch(m.group("number")):
            return None
        # The street ends at its misspelt or run-together type: "24 Cunningham Dirve East
        # Jordanside" is Cunningham Dirve in East Jordanside. A first word is a street only
        # run together ("73 Schoolroad"); misspelt it is a name ("12 Roda Smith").
        kind, street_end = None, m.end()
        for i, word in enumerate(re.finditer(r"\S+", m.group("name"))):
            kind = self._loose_street_kind(word.group())
            if kind is not None and (i or kind == "run_together_street"):
                street_end = m.start("name") + word.end()
                break
            kind = None
        if kind is None:
            words = m.group("name").split()
            if words[0].lower().rstrip(".") in MONTHS or words[0].lower() in self._locality_stop:
                return None  # "on 12 May, Leeds", "at 10 Monday"
            if self._street_type_word.fullmatch(words[-1]):
                return None  # "18 Leigh Walk": the street anchor's
            # "14 Brian Club, New Justinhaven", "39 Norman, North Christopherside": a street
            # with a type word no list holds, or none, is vouched for below by more than a town.
            kind = "street_without_known_type"
        if self._sub_word_before.search(text, max(0, m.start() - 20), m.start()):
            return None  # "Flat 4, Kingsley Crt": the flat's number, read by the other anchors
        end, has_postcode, _lines = self._grow_forward(text, street_end, m.group().isupper(), postcodes)
        start, back_evidence = self._grow_back(text, m.start(), True, persons, has_postcode=has_postcode)
        residence = self._residence_before.search(text, max(0, start - 40), start)
        cue = STREET_CUE.search(text, max(0, start - 40), start) or residence
        if not (has_postcode or end > street_end or back_evidence or cue):
            return None
        if kind == "street_without_known_type" and not (
                has_postcode or back_evidence or residence
                or (end > street_end and text[street_end] == "," and (
                    cue or text.count(",", street_end, end) >= 2
                    or self._label_prefix.match(text[text.rfind("\n", 0, start) + 1:start])))):
            return None
        patterns = {kind}
        if back_evidence:
            patterns.add("building")
        if has_postcode:
            patterns.add("postcode")
        return _Candidate(start, end, SCORE_WITH_POSTCODE if has_postcode else SCORE_NUMBERED, patterns)

    def _from_leading_type_street(self, text: str, m: re.Match[str], postcodes: dict[int, PostcodeMatch],
                                  persons: list[tuple[int, int]]) -> _Candidate | None:
        """"2 Ty Gwyn Cottages, Heol y Bont, Llandeilo SA19 6AA": a street whose type comes
        first, numbered or with a postcode, a building or a town after a comma around it."""
        numbered = m.group("number") is not None
        end, has_postcode, _lines = self._grow_forward(text, m.end(), m.group().isupper(), postcodes)
        start, back_evidence = self._grow_back(text, m.start(), numbered, persons, has_postcode=has_postcode)
        if not (numbered or has_postcode or back_evidence or text[m.end():m.end() + 1] == "," and end > m.end()):
            return None
        patterns = {"leading_type_street"} | ({"building"} if back_evidence else set())
        if has_postcode:
            patterns.add("postcode")
        return _Candidate(start, end, SCORE_WITH_POSTCODE if has_postcode else SCORE_NUMBERED, patterns)

    @staticmethod
    def _loose_street_kind(word: str) -> str | None:
        lower = word.lower()
        if not lower.isalpha() or len(lower) < 3:
            return None
        for street_type in SLIPPED_STREET_TYPES:
            if lower != street_type and (
                    (len(lower) == len(street_type) and sorted(lower) == sorted(street_type)
                     and _one_edit_apart(lower, street_type))
                    or (len(lower) == len(street_type) + 1 and _one_edit_apart(lower, street_type))):
                return "misspelt_street_type"
        if len(lower) < 4:
            return None
        for street_type in CORRECTABLE_STREET_TYPES:
            if lower == street_type:
                return None  # a street type as written: the street anchor's
            if (lower[0] == street_type[0] and abs(len(lower) - len(street_type)) <= 1
                    and _one_edit_apart(lower, street_type)):
                return "misspelt_street_type"
            if lower.endswith(street_type) and len(lower) - len(street_type) >= RUN_TOGETHER_MIN_NAME:
                return "run_together_street"
        if any(lower.endswith(t) and len(lower) - len(t) >= RUN_TOGETHER_MIN_NAME for t in RUN_TOGETHER_SHORT_TYPES):
            return "run_together_street"
        return None

    def _is_dwelling_sub(self, sub: str) -> bool:
        return sub.split()[0].lower().rstrip(".") in DWELLING_SUB_WORDS or bool(re.match(FLOOR, sub))

    def _from_postcode(self, text: str, postcode: PostcodeMatch,
                       persons: list[tuple[int, int]]) -> _Candidate | None:
        """Walk back from a postcode over localities to a numbered street without a street type
        ("12 Highfield, Leeds LS6 2AB") or a building; in a block of lines, the lines above the
        postcode up to the addressee ("Ty Gwyn\nSwansea SA5 2ZU"). Otherwise it stays a
        postcode only ("Leeds LS6 2AB")."""
        pos = postcode.start
        end = postcode.end
        country = self._country.match(text, end)
        if country:
            end = country.end()
        top, segments, lines = -1, 0, 0
        for _ in range(MAX_BLOCK_LINES):
            window_start = max(0, pos - BACK_WINDOW)
            window = text[window_start:pos]
            numbered = self._numbered_segment.search(window)
            if numbered and self._crosses_line_cleanly(text, window_start + numbered.start(),
                                                       numbered.group("sep")):
                start, _evidence = self._grow_back(text, window_start + numbered.start(), True, [])
                return _Candidate(start, end, SCORE_WITH_POSTCODE, {"numbered_before_postcode"})
            locality = self._locality_back.search(window)
            if not locality:
                break
            loc_start = window_start + locality.start()
            words = text[loc_start:window_start + locality.start("sep")].split()
            if not self._crosses_line_cleanly(text, loc_start, locality.group("sep")):
                break
            if self._building.fullmatch(" ".join(words)) or self._leads_with_named_building(text, loc_start):
                # "Rose Cottage, Ashby LE65 1AB", "The Stables, Highfield, Bristol BS29 2EF": a
                # named building is as good as a number, also with its places after it and no
                # comma ("The Coach House Hull HU5 4NE").
                start, _evidence = self._grow_back(text, loc_start, True, [])
                return _Candidate(start, end, SCORE_WITH_POSTCODE, {"building_before_postcode"})
            if words[0].lower().strip(",") in self._locality_stop or any(
                    w.lower().strip(",") in self._locality_stop for w in words[1:]
                    if w[0].isupper()):
                break
            if "\n" in locality.group("sep"):
                lines += 1
            if self._is_addressee_line(text, loc_start, words, segments, persons):
                break
            top, segments, pos = loc_start, segments + 1, loc_start
        if lines and segments >= 2:
            # "Meadowcroft\nKingston upon Hull\nHU5 6NF": a house name and a town over a
            # postcode, each on its own line, is an address block however plain its words.
            return _Candidate(top, end, SCORE_BLOCK, {"block_before_postcode"})
        if top >= 0 and (segments >= 2 or len(text[top:postcode.start].split()) >= 2) and (
                STREET_CUE.search(text, max(0, top - 40), top) or "," in text[top:postcode.start]
                or self._label_prefix.match(text[text.rfind("\n", 0, top) + 1:top])
                or self._leads_with_named_building(text, top)):
            # "lives at Brambles, Wakefield, WF2 0PE": "at" and a postcode vouch for the rest;
            # so does a named building leading it ("Rose Cottage West Norman HP18 6TL").
            return _Candidate(top, end, SCORE_BLOCK, {"places_before_postcode"})
        return None

    def _leads_with_named_building(self, text: str, start: int) -> bool:
        """A building with a name before its house word opens `text` at `start` ("Rose Cottage
        West Norman"). A house word alone ("Cottage Westfield East Henry") is where the search
        back stopped inside a longer name, not where the name starts."""
        building = self._building.match(text, start)
        return building is not None and len(building.group().split()) >= 2

    def _is_addressee_line(self, text: str, start: int, words: list[str], segments: int,
                           persons: list[tuple[int, int]]) -> bool:
        """The first line of a block is the addressee's name when the model says so, or when it
        is a few plain words over an address already two lines long ("RUI FERREIRA")."""
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip():
            return False
        if not self._paragraph_start(text, start):
            return False
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        if words[0] in ("The", "THE"):
            return False  # "The Stables": a house, never the addressee
        if any(s < line_end and start < e for s, e in persons):
            return True
        return len(words) >= 2 and segments >= 2 and not self._building.fullmatch(" ".join(words))

    def _from_residence_cues(self, text: str,
                             postcodes: dict[int, PostcodeMatch]) -> list[_Candidate]:
        """"lives at Willowbank, Heaton, Newcastle upon Tyne", "staying at Yew Tree Farm":
        two or more places, or one building, after words that say someone lives there; after
        a bare "at" or "to", places ending in a postcode ("at the granary, highfields,
        leicester, le5 2lq") or led by a building ("at Church Barn, Hillside, Bristol")."""
        found = []
        pos = 0
        while (m := self._cue_chain.search(text, pos)) is not None:
            # Searched again from the chain's start: in "wrote to you at Church Barn" the
            # first cue ("to") must not hide the second.
            pos = m.start("chain")
            segments = [seg.strip() for seg in m.group("chain").split(",")]
            kept = []
            first_letter = next((c for c in segments[0] if c.isalpha()), "a")
            for i, seg in enumerate(segments):
                if i and seg.islower() and not self._any_building.match(seg):
                    # "..., jacksonton with the kids": the place ends where the prose starts.
                    cut = next((w.start() for w in re.finditer(r"\S+", seg)
                                if w.group() in self._name_stop or w.group() in self._locality_stop), None)
                    if cut:
                        seg = seg[:cut].rstrip()
                        segments = segments[:i + 1]
                words = [w for w in seg.split() if not CONNECTOR_WORD.fullmatch(w)]
                letter = next((c for c in seg if c.isalpha()), "a")
                # A house's name may hold a word that ends a place elsewhere: "The Old School
                # House", "The Coach House", "Court Farm"; not as its building word ("Leeds
                # Crown Court").
                named_house = (self._building.fullmatch(seg) is not None
                               and words[-1].lower() not in self._locality_stop)
                # One case throughout: "Hillcrest, Coventry, will be held" stops at "will". A
                # lower-case house ("the old forge") may hold words that are prose elsewhere.
                if not words or letter.isupper() != first_letter.isupper() or (
                        seg.islower() and not self._any_building.match(seg)
                        and any(w in self._name_stop for w in words)) or not named_house and (
                        any(w.lower() in self._locality_stop for w in words[1:])
                        or words[0].lower() in self._locality_stop and words[0].lower() != "the"):
                    break
                kept.append(seg)
            if not kept:
                continue
            end = text.index(kept[-1], m.start("chain")) + len(kept[-1])
            after = SEPARATOR.match(text, end).end()
            led_by_building = bool(self._any_building.match(kept[0]))
            if after in postcodes and len(kept) == len(segments):
                found.append(_Candidate(m.start("chain"), postcodes[after].end,
                                        SCORE_WITH_POSTCODE, {"places_before_postcode"}))
            elif m.group("residence") and (len(kept) >= 2 or led_by_building):
                found.append(_Candidate(m.start("chain"), end, SCORE_BARE_STREET,
                                        {"after_residence_cue"}))
            elif len(kept) >= 2 and kept[0][0].isupper():
                # "wrote to you at Rosedene, North Ormesby, Middlesbrough": places after "at".
                found.append(_Candidate(m.start("chain"), end, SCORE_PLACES,
                                        {"building_after_cue" if led_by_building
                                         else "places_after_cue"}))
        return found

    def _from_buildings_after_cues(self, text: str) -> list[_Candidate]:
        """"Our office at Berry House Ward Hollow West Stewartport is open", "she fled Yates
        Farmhouse New Nicola on 9 February": a named building and the places after it, written
        without commas, after words that say where."""
        found = []
        # Tried only where a cue ends: most of a letter is no place, and the building rule is dear.
        for cue in self._place_cue.finditer(text):
            m = self._building_then_places.match(text, cue.end())
            if m is None:
                continue
            start = m.start()
            if not (STREET_CUE.search(text, max(0, start - 40), start)
                    or self._residence_before.search(text, max(0, start - 40), start)):
                continue
            building = [w for w in m.group("building").split() if w not in ("The", "THE")]
            if len(building) < 2 or any(w.lower() in self._locality_stop for w in building[1:]):
                continue  # "the School Nursing Service": a building needs a name
            end = self._trim_locality(text, m.start("places"), m.end("places"))
            if end is None or not text[m.start("places"):end].strip():
                continue
            found.append(_Candidate(start, end, SCORE_BLOCK, {"building_then_places"}))
        return found

    def _from_lower_flats(self, text: str) -> list[_Candidate]:
        """"the letters are going to flat 53 the sidings stockbridge now": a flat in a block named
        with "the", in lower case with no street or postcode, after words that say where."""
        found = []
        for m in self._lower_flat_in_building.finditer(text):
            start = m.start()
            if not (m.group("sub").islower() and self._is_dwelling_sub(m.group("sub"))) or not (
                    STREET_CUE.search(text, max(0, start - 40), start)
                    or self._residence_before.search(text, max(0, start - 40), start)):
                continue
            words = list(re.finditer(r"\S+", m.group("building")))[1:]
            kept = []
            for word in words:
                if word.group() in self._name_stop or word.group() in self._locality_stop or word.group() in PROSE_WORDS:
                    break
                kept.append(word)
            if kept:
                found.append(_Candidate(start, m.start("building") + kept[-1].end(), SCORE_BLOCK, {"lower_flat_in_building"}))
        return found

    def _from_labels(self, text: str) -> list[_Candidate]:
        found = []
        for m in self._label.finditer(text):
            start, end = m.start("value"), m.end("value")
            if not text[start:end].strip():
                # "Address:" alone on its line: the value is the block under it.
                start = end + 1 if end < len(text) else end
                end = start
                for _ in range(MAX_LABEL_LINES):
                    line_end = text.find("\n", end)
                    line_end = len(text) if line_end == -1 else line_end
                    if not text[end:line_end].strip() or (
                            end > start and self._label_line.match(text, end)):
                        break
                    end = line_end + 1
                end = min(end, len(text))
            else:
                cut = self._sentence_end.search(text, start, end)
                if cut:
                    end = cut.start()
            value = text[start:end].strip(" \t\r\n,.;:")
            if (not value or value.lower() in LABEL_VALUE_NEGATIVES
                    or not re.search(r"\d|[A-Z]", value)):
                continue
            found.append(_Candidate(start, end, SCORE_LABEL, {"label"}))
        return found

    # ------------------------------------------------------------------ growth

    def _grow_back(self, text: str, start: int, numbered: bool,
                   persons: list[tuple[int, int]], *, has_postcode: bool = False,
                   lower: bool = False) -> tuple[int, bool]:
        evidence = False
        back = self._back_lower if lower else self._back
        for _ in range(4):
            window_start = max(0, start - BACK_WINDOW)
            m = back.search(text, window_start, start)
            if not m and lower and numbered and not evidence:
                m = self._back_lower_flat.search(text, window_start, start)
            if not m:
                break
            seg_start = m.start()
            if not self._crosses_line_cleanly(text, seg_start, m.group("sep")):
                break
            if m.groupdict().get("house") is not None:
                flat = back.search(text, max(0, seg_start - BACK_WINDOW), seg_start)
                if (flat and flat.group("sub") is not None
                        and self._crosses_line_cleanly(text, flat.start(), flat.group("sep"))):
                    # "Flat 4, Kingsley, 20 Mill Lane": a name between a flat and its street is
                    # the flat's building.
                    start, evidence = flat.start(), True
                    continue
                # A house name with no building word ("Willowbank") only before a street with no
                # number, and only as its own line, or inline where a postcode or "at"/"to"
                # vouches for it; otherwise it is as likely the addressee's name.
                name = m.group("house")
                own_line = "\n" in m.group("sep")
                vouched = has_postcode or bool(
                    STREET_CUE.search(text, max(0, seg_start - 40), seg_start)
                    or self._label_prefix.match(text[text.rfind("\n", 0, seg_start) + 1:seg_start]))
                # "The Beeches, 37 Booth Place": a name with "The" is a house, never a person.
                the_house = name.startswith(("The ", "THE ")) and (own_line or vouched or "," in m.group("sep"))
                if numbered and not the_house and (
                        house_start := self._names_a_house(text, m, persons, has_postcode=has_postcode)) is not None:
                    return house_start, True
                if ((numbered and not the_house) or evidence or not (own_line or vouched or numbered)
                        or any(w.lower().rstrip(".,") in self._locality_stop
                               for w in name.split()[name.startswith(("The ", "THE ")):])
                        or (own_line and self._paragraph_start(text, seg_start)
                            and any(s < m.end("house") and seg_start < e for s, e in persons))):
                    break
                return seg_start, True
            start, evidence = seg_start, True
        return start, evidence

    def _names_a_house(self, text: str, m: re.Match[str], persons: list[tuple[int, int]], *,
                       has_postcode: bool) -> int | None:
        """Where a name before a numbered street starts if it is the house's ("Tanglewood\n18 Leigh Walk",
        "Westwinds, 196 Fry Rd., Hannahside, M12 6LR") rather than the addressee's ("Jane Doe\n18
        Leigh Walk", "Dear Sarah, 12 Elm Road is ready"). On its own line: under another line of
        the block, or one word opening it. Inline: vouched for by a postcode or by "at"/"to"
        before it, and with a comma unless both vouch."""
        seg_start, name, sep = m.start(), m.group("house"), m.group("sep")
        words = name.split()
        if name.islower() and len(words) > 1 and words[0] in self._locality_stop:
            # "at woodside, 225 kennedy cresc": the lower-case house is the word after "at".
            seg_start += len(name) - len(name.split(None, 1)[1])
            name, words = name.split(None, 1)[1], words[1:]
        line_start = text.rfind("\n", 0, seg_start) + 1
        before = text[line_start:seg_start]
        # The model takes "Meadow View" for a person; a name ending like a street is a house. A
        # person begun on the line above ("Mrs Bishakha Rana\nWoodside") is the addressee's.
        street_like = bool(self._street_type_word.fullmatch(words[-1]))
        if ((not street_like and any(line_start <= s < m.end("house") and seg_start < e for s, e in persons))
                or TITLE_WORD.match(name) or TITLE_BEFORE.search(text, max(0, seg_start - 8), seg_start)
                or GREETING_BEFORE.search(before)
                or any(w.lower().rstrip(".,") in self._locality_stop for w in words)):
            return None
        labelled = bool(before.strip() and self._label_prefix.match(before))
        if "\n" in sep:
            # "Home address: Tanglewood\n18 Leigh Walk": a label vouches as a line above does.
            named = labelled or not before.strip() and (
                len(words) == 1 or not self._paragraph_start(text, seg_start))
        else:
            cue = bool(STREET_CUE.search(text, max(0, seg_start - 40), seg_start) or labelled
                       or self._residence_before.search(text, max(0, seg_start - 40), seg_start))
            named = (has_postcode or cue or not before.strip()) if "," in sep else (
                has_postcode and (cue or not before.strip()))
        return seg_start if named else None

    def _grow_forward(self, text: str, end: int, allcaps: bool,
                      postcodes: dict[int, PostcodeMatch], *, typed: bool = False,
                      lower: bool = False) -> tuple[int, bool, int]:
        locality_lines = 0
        if bracketed := self._bracketed_sub.match(text, end):
            end = bracketed.end()
        chained = self._chain_to_postcode(text, end, postcodes)
        if chained is not None:
            return chained, True, 0
        street_end = end
        if lower:
            places = self._lower_places.match(text, end)
            if places and places.end() in postcodes:
                return postcodes[places.end()].end, True, 0
            if typed and (town := self._lower_town.match(text, end)) and not any(
                    w in self._locality_stop or w in self._name_stop for w in town.group("places").split()):
                return town.end("places"), False, 0
        for _ in range(6):
            sep = SEPARATOR.match(text, end)
            pos = sep.end()
            if pos == end and end < len(text):
                break
            if pos in postcodes:
                end = postcodes[pos].end
                country = self._country.match(text, end)
                if country:
                    end = country.end()
                return end, True, locality_lines
            building = self._building.match(text, pos) or self._the_house.match(text, pos)
            if (building and sep.group("comma") and not sep.group("newline")
                    and not any(w.lower() in self._locality_stop for w in building.group().split()[1:])):
                # "22 Parkside Park, The Old Forge, East Jane": the house after its street.
                end = building.end()
                continue
            loc = self._locality.match(text, pos)
            if not loc:
                break
            loc_end = self._trim_locality(text, pos, _before_postcode(pos, loc.end(), postcodes))
            if loc_end is None:
                break
            after = re.compile(r"[ \t]*,?[ \t]*").match(text, loc_end).end()
            followed_by_postcode = after in postcodes
            if sep.group("newline"):
                line_end = text.find("\n", after)
                rest_of_line_empty = after == (len(text) if line_end == -1 else line_end)
                # "...\nJaynetown. Please update your records": the town ends the sentence.
                ends_sentence = re.match(r"[.;][ \t]", text[after:after + 2]) is not None
                if not (rest_of_line_empty or followed_by_postcode or ends_sentence):
                    break
                locality_lines += 1
            elif not sep.group("comma"):
                # A town right after a street type, with no comma, where the phrase ends: "22
                # Clive St Grangetown with his partner".
                town_ends_phrase = typed and end == street_end and self._after_town.match(text, loc_end)
                if not (followed_by_postcode or (allcaps and text[pos:loc_end].isupper()) or town_ends_phrase):
                    break
            end = loc_end
        return end, False, locality_lines

    def _chain_to_postcode(self, text: str, end: int,
                           postcodes: dict[int, PostcodeMatch]) -> int | None:
        """Short comma-separated places between a street and a postcode, in any case
        ("victoria wynd, liverpool, l7 4hg"): all of it is the address."""
        pos = end
        for i in range(5):
            sep = SEPARATOR.match(text, pos)
            if sep.group("newline"):
                return None
            if sep.end() in postcodes and (i or sep.group("comma") or sep.end() > pos):
                postcode_end = postcodes[sep.end()].end
                country = self._country.match(text, postcode_end)
                return country.end() if country else postcode_end
            if not sep.group("comma"):
                return None
            segment = self._chain_segment.match(text, sep.end())
            if not segment or any(w.lower() in self._locality_stop
                                  for w in segment.group().split()):
                return None
            pos = _before_postcode(sep.end(), segment.end(), postcodes)
            while pos > sep.end() and text[pos - 1] in " \t":
                pos -= 1
        return None

    def _trim_locality(self, text: str, start: int, end: int) -> int | None:
        """Cut a locality before the first word that starts a new thought ("Leeds Tel", "Dear")."""
        cut = end
        for word in re.finditer(r"\S+", text[start:end]):
            if word.start() and CONNECTOR_WORD.fullmatch(word.group()):
                continue  # "Tyne and Wear", "Newcastle upon Tyne"
            if word.group().lower().rstrip(".,") in self._locality_stop:
                cut = start + word.start()
                break
        cut_text = text[start:cut].rstrip()
        # "Cardiff on Saturday": a connector before the cut word joins the town to nothing.
        while (last := _LAST_WORD.search(cut_text)) and CONNECTOR_WORD.fullmatch(last.group(1)):
            cut_text = cut_text[:last.start()]
        return start + len(cut_text) if cut_text else None

    def _crosses_line_cleanly(self, text: str, seg_start: int, sep: str) -> bool:
        """A segment joined across a line break must be the whole line (or follow a label)."""
        if "\n" not in sep:
            return True
        line_start = text.rfind("\n", 0, seg_start) + 1
        prefix = text[line_start:seg_start]
        line_end = text.find("\n", seg_start)
        if self._label_prefix.match(prefix) or STREET_CUE.search(prefix) or (
                self._sub_line_prefix.fullmatch(text, seg_start, line_end)):
            # "now lives at Flat C\n83 Ashgrove View": the address starts after "at"; "The
            # keys for Flat 7\n80 Janice Drive": a flat ending a line is the next line's.
            return True
        # "Flat 107, Crown Point\n4 Rowan Road": the flat and its building share a line,
        # maybe after a label ("Home address: Apartment G, Victoria Mansions\n32 ...").
        label = self._label.match(prefix)
        return bool(self._sub_line_prefix.fullmatch(prefix[label.start("value"):] if label else prefix))

    @staticmethod
    def _paragraph_start(text: str, start: int) -> bool:
        """Whether `start` opens the first line of a paragraph (after a blank line or a label)."""
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip():
            return False
        if line_start == 0:
            return True
        previous = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
        return not previous.strip() or previous.rstrip().endswith(":")

    @staticmethod
    def _starts_line(text: str, start: int) -> bool:
        line_start = text.rfind("\n", 0, start) + 1
        return not text[line_start:start].strip()

    # ------------------------------------------------------------------ result

    def _merge(self, text: str, candidates: list[_Candidate]) -> list[_Candidate]:
        trimmed = []
        for c in candidates:
            start, end = c.start, c.end
            while start < end and text[start] in " \t\r\n,":
                start += 1
            while end > start and text[end - 1] in " \t\r\n,;:.":
                end -= 1
            if end > start:
                trimmed.append(_Candidate(start, end, c.score, set(c.patterns)))
        trimmed.sort(key=lambda c: (c.start, -c.end))
        merged: list[_Candidate] = []
        for c in trimmed:
            if merged and c.start < merged[-1].end:
                last = merged[-1]
                last.end = max(last.end, c.end)
                last.score = max(last.score, c.score)
                last.patterns |= c.patterns
            else:
                merged.append(c)
        return merged
