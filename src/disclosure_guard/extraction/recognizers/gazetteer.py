"""Register terms (names and other identifiers) found verbatim-ish in the text.

The NER misses names it has not seen and rules miss identifiers that look like nothing in
particular ("St Hilda's Primary", a reference number), but the register knows them. Terms are
compared on their letters and digits only, case- and accent-folded, so spacing and punctuation
may differ; a register name is also found surname first and after a title.

Examples it must handle, with the register names ("Anna Kowalczyk", "Siobhán O'Neill") and
identifiers ("St Hilda's Primary School", "AB123456C") (and the tests use exactly these):
    "anna  kowalczyk"             -> PERSON  "anna  kowalczyk"
    "ANNA KOWALCZYK"              -> PERSON  "ANNA KOWALCZYK"
    "KOWALCZYK, Anna"             -> PERSON  "KOWALCZYK, Anna"      (surname first)
    "Mrs Kowalczyk"               -> PERSON  "Mrs Kowalczyk"        (title and surname)
    "Mrs A. Kowalczyk"            -> PERSON  "Mrs A. Kowalczyk"     (title, initial, surname)
    "Jane Doe" for "Jane Elizabeth Doe" -> PERSON "Jane Doe"        (middle name left out)
    "Siobhan ONeill"              -> PERSON  "Siobhan ONeill"       (accent and apostrophe)
    "st hildas primary school"    -> IDENTIFIER "st hildas primary school"
    "AB 12 34 56 C"               -> IDENTIFIER "AB 12 34 56 C"
and must not fire on:
    "Kowalczyk" alone; "Anna Kowalczykowa".
A capitalised word before a register surname is read as a name too, at a lower score, since
letters misspell forenames and use diminutives no list holds; matching decides whose it is:
    "Joanna Kowalczyk", "Naatsha Kowalczyk", "Bex Kowalczyk" -> PERSON (pattern gazetteer:word_surname)
    "joanna kowalczyk"                                     -> nothing from this rule (not capitalised)
    "Joanna Kowalcyzk", "Anna Kowalcyk"                    -> PERSON (the surname slipped by a letter)
and so are capital initials before one, which the NER reads badly:
    "A. Kowalczyk", "L J Kowalczyk", "T.C. Kowalczyk"       -> PERSON (pattern gazetteer:initials_surname)
and so is a registered forename before a capitalised word a slip away from a surname she is
registered with: a letter of a short one, two of a long one (register names "Jacqueline Shaw",
"Anna Kowalczyk"):
    "Jacqueline Saw", "Anna Kowlacyzk"                     -> PERSON (pattern gazetteer:forename_near_surname)
    "Jacqueline Road", "Joanna Saw", "jacqueline saw"      -> nothing
and her forename and surname with middle names or initials the register leaves out between:
    "Anna Maria Kowalczyk", "Anna M. Kowalczyk"            -> PERSON (pattern gazetteer:middle_names)

A registered identifier of several words is also found with a word slipped ("Heol Wen Primery
School"): `identifier_slips`. The register's phone numbers are found by their digits where the
sender left the prefix off ("7700 900412" for 07700 900412): `register_phones`.

A gazetteer is compiled once into a dictionary keyed by the folded, concatenated term, and the
text is scanned token by token; cost grows with the text, not with the number of terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import OSA
from spacy.tokens import Doc

from disclosure_guard.extraction.recognizers.base import Recognizer, spans_in_text
from disclosure_guard.extraction.recognizers.identifier_slips import SlippedIdentifiers, deletions
from disclosure_guard.extraction.recognizers.register_phones import RegisterPhones
from disclosure_guard.reading import join_broken_words
from disclosure_guard.types import Gazetteer, Span, SpanKind

# A letter and an apostrophe open a surname ("O'Neill", "D’Souza"): one token, not an initial
# and a word.
TOKEN = re.compile(r"(?:[^\W\d_]['’](?=[^\W_]{2}))?[^\W_]+")
# Between two tokens of one term: a space, a hyphen, ", " or ". " — not a paragraph.
MAX_GAP = 3
MIN_KEY_CHARS = 3
TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "rev")
EXTRA_FOLDS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe",
                             "þ": "th", "ð": "d", "'": None, "’": None})


def fold(token: str) -> str:
    if token.isascii():
        # Most words of a letter: casefold is lower, NFKD changes nothing, nothing combines.
        return token.lower().replace("'", "")
    return fold_unicode(token)


def fold_unicode(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(EXTRA_FOLDS)


@dataclass(frozen=True)
class _Entry:
    kind: SpanKind
    score: float
    pattern: str


MIN_SLIP_CHARS = 4


_SURNAME_FIRST = _Entry(SpanKind.PERSON, 0.95, "gazetteer:surname_first")
_WORD_SURNAME = _Entry(SpanKind.PERSON, 0.7, "gazetteer:word_surname")
_INITIALS_SURNAME = _Entry(SpanKind.PERSON, 0.7, "gazetteer:initials_surname")
_MIDDLE_NAMES = _Entry(SpanKind.PERSON, 0.9, "gazetteer:middle_names")
_FORENAME_NEAR_SURNAME = _Entry(SpanKind.PERSON, 0.7, "gazetteer:forename_near_surname")
MAX_INITIALS = 3
MAX_MIDDLE_NAMES = 2
# Her surname with one letter dropped, added, changed or two swapped ("Saw" for Shaw); two in a
# long one ("Kowalcyk" for Kowalczyk has one, "Kowlacyzk" two). A short surname slips too far.
MIN_NEAR_SURNAME = 4
LONG_SURNAME = 8
# Words after a forename that make a place of it, whatever the register holds: "Victoria Road".
PLACE_WORDS = frozenset({
    "road", "rd", "street", "st", "lane", "ln", "avenue", "ave", "close", "way", "drive", "dr",
    "park", "place", "court", "house", "hall", "gardens", "grove", "crescent", "terrace", "square",
    "hill", "row", "walk", "green", "mews", "view", "rise", "centre", "school", "station",
    "hospital", "surgery", "college", "primary", "academy", "nursery", "ward", "unit", "block",
})


class GazetteerRecognizer(Recognizer):
    name = "gazetteer"

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._terms: dict[str, _Entry] = {}
        self._after_title: dict[str, _Entry] = {}
        for name in gazetteer.names:
            self._add_name(name)
        for identifier in gazetteer.identifiers:
            self._add(self._terms, [fold(t) for t in TOKEN.findall(identifier)],
                      _Entry(SpanKind.IDENTIFIER, 1.0, "gazetteer:identifier"))
        self._surnames = {tokens[-1] for name in gazetteer.names
                          if len(tokens := [fold(t) for t in TOKEN.findall(name)]) > 1
                          and len(tokens[-1]) >= MIN_KEY_CHARS}
        # A surname with a letter dropped, doubled or two swapped ("Wirght") shares a one-letter
        # deletion with the register's: enough to read "Nicola Wirght" as a name.
        self._slipped_surnames = {d for s in self._surnames if len(s) >= MIN_SLIP_CHARS for d in deletions(s)}
        # Each registered forename with the surnames it is registered with.
        self._her_surnames: dict[str, set[str]] = defaultdict(set)
        for name in gazetteer.names:
            tokens = [fold(t) for t in TOKEN.findall(name)]
            while len(tokens) > 1 and tokens[0] in TITLES:
                tokens.pop(0)
            if len(tokens) > 1 and len(tokens[-1]) >= MIN_KEY_CHARS:
                for forename in tokens[:-1]:
                    if len(forename) > 1:
                        self._her_surnames[forename].add(tokens[-1])
        # Every word of the register's names and identifiers, folded.
        self._words = {fold(t) for term in (*gazetteer.names, *gazetteer.identifiers) for t in TOKEN.findall(term)}
        self._prefixes = {key[:i] for table in (self._terms, self._after_title)
                          for key in table for i in range(1, len(key) + 1)}
        self._max_key = max((len(k) for t in (self._terms, self._after_title) for k in t),
                            default=0)
        self._phones = RegisterPhones(gazetteer.phones)
        self._slipped_identifiers = SlippedIdentifiers(
            (tuple(fold(t) for t in TOKEN.findall(identifier)), identifier) for identifier in gazetteer.identifiers)

    def _add_name(self, name: str) -> None:
        tokens = [fold(t) for t in TOKEN.findall(name)]
        while len(tokens) > 1 and tokens[0] in TITLES:
            tokens.pop(0)
        if not tokens:
            return
        self._add(self._terms, tokens, _Entry(SpanKind.PERSON, 1.0, "gazetteer:name"))
        if len(tokens) > 1:
            first, last = tokens[:-1], tokens[-1]
            self._add(self._terms, [last, *first], _SURNAME_FIRST)
            self._add(self._after_title, [last],
                      _Entry(SpanKind.PERSON, 0.8, "gazetteer:title_surname"))
            self._add(self._after_title, [first[0][0], last],
                      _Entry(SpanKind.PERSON, 0.85, "gazetteer:title_initial_surname"))
        if len(tokens) > 2:
            # Middle names are mostly left out in letters: "Jane Doe" for "Jane Elizabeth Doe".
            self._add(self._terms, [tokens[0], tokens[-1]],
                      _Entry(SpanKind.PERSON, 0.9, "gazetteer:forename_surname"))

    @staticmethod
    def _add(table: dict[str, _Entry], tokens: list[str], entry: _Entry) -> None:
        key = "".join(tokens)
        if len(key) < MIN_KEY_CHARS:
            return
        # Two register terms folding to one key: the stronger reading wins.
        if key not in table or table[key].score < entry.score:
            table[key] = entry

    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        spans = self._phones.analyze(text)
        if not self._max_key:
            return spans
        # A name hyphenated at a line end, or broken by a soft hyphen a PDF prints ("Eliza-\nbeth",
        # "D-oe"), is read whole when its pieces make a registered word.
        view = join_broken_words(text, lambda word: fold(word) in self._words)
        return spans + spans_in_text(text, view, self._analyze(view.text))

    def _analyze(self, text: str) -> list[Span]:
        tokens = [(m.start(), m.end(), fold(m.group())) for m in TOKEN.finditer(text)]
        spans = []
        for i, (start, _end, token) in enumerate(tokens):
            if token in TITLES and i + 1 < len(tokens):
                found = self._longest(tokens, i + 1, self._after_title)
                if found is not None:
                    j, entry = found
                    spans.append(self._span(text, start, tokens[j][1], entry))
            found = self._longest(tokens, i, self._terms)
            if found is not None and not self._salutation_then_forename(text, start, tokens[found[0]][1], found[1]):
                j, entry = found
                spans.append(self._span(text, start, tokens[j][1], entry))
            elif self._word_before_surname(text, tokens, i):
                spans.append(self._span(text, start, tokens[i + 1][1], _WORD_SURNAME))
            elif self._forename_near_surname(text, tokens, i):
                spans.append(self._span(text, start, tokens[i + 1][1], _FORENAME_NEAR_SURNAME))
            elif (last := self._middle_names_then_surname(text, tokens, i)) is not None:
                spans.append(self._span(text, start, tokens[last][1], _MIDDLE_NAMES))
            elif (last := self._initials_before_surname(text, tokens, i)) is not None and not (
                spans and spans[-1].start <= start < spans[-1].end  # "Mrs A. Kowalczyk", found whole
            ):
                spans.append(self._span(text, start, tokens[last][1], _INITIALS_SURNAME))
        spans.extend(self._slipped_identifiers.analyze(text, tokens))
        return spans

    def _initials_before_surname(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> int | None:
        """"L J Hewitt", "T. Price": capital initials, then a register surname; its index."""
        j = i
        while j < len(tokens) and j - i < MAX_INITIALS and self._is_initial(text, tokens[j]):
            if j + 1 < len(tokens) and tokens[j + 1][0] - tokens[j][1] > 2:
                return None
            j += 1
        if j == i or j >= len(tokens) or tokens[j][2] not in self._surnames:
            return None
        if i > 0 and self._is_initial(text, tokens[i - 1]) and tokens[i][0] - tokens[i - 1][1] <= 2:
            return None  # the span starts at the first initial, found at i - 1
        return j

    def _is_surname(self, text: str, token: tuple[int, int, str]) -> bool:
        start, end, folded = token
        if folded in self._surnames:
            return True
        return (
            len(folded) >= MIN_SLIP_CHARS and text[start].isupper() and folded not in PLACE_WORDS
            and not self._slipped_surnames.isdisjoint(deletions(folded))
        )

    @staticmethod
    def _is_initial(text: str, token: tuple[int, int, str]) -> bool:
        start, end, _ = token
        return end - start == 1 and text[start].isupper()

    @staticmethod
    def _salutation_then_forename(text: str, start: int, end: int, entry: _Entry) -> bool:
        """"Dear Mr Gallagher,\nDenise Cartwright has…" is a greeting, then a sentence: a
        surname and a forename on two lines are not "SURNAME, Forename"."""
        return entry is _SURNAME_FIRST and "\n" in text[start:end]

    def _word_before_surname(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
        if i + 1 >= len(tokens):
            return False
        start, end, token = tokens[i]
        word = text[start:end]
        # The word's own tests first: they are cheap and rule out most tokens of a letter
        # before the surname (and its one-letter deletions) is looked up.
        return (
            len(word) > 1 and word[0].isupper() and word.isalpha() and token not in TITLES
            and text[end:tokens[i + 1][0]] == " " and self._is_surname(text, tokens[i + 1])
        )

    def _forename_near_surname(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
        """"Jacqueline Saw" for Jacqueline Shaw: her registered forename, capitalised, then a
        capitalised word within a slip of a surname she is registered with."""
        if i + 1 >= len(tokens) or tokens[i][2] not in self._her_surnames:
            return False
        (start, end, _), (next_start, next_end, word) = tokens[i], tokens[i + 1]
        if not (text[start].isupper() and text[next_start].isupper() and text[end:next_start] == " "
                and text[next_start:next_end].isalpha() and len(word) >= MIN_NEAR_SURNAME - 1
                and word not in PLACE_WORDS and word not in TITLES):
            return False
        return any(
            OSA.distance(word, surname, score_cutoff=2 if len(surname) >= LONG_SURNAME else 1)
            <= (2 if len(surname) >= LONG_SURNAME else 1)
            for surname in self._her_surnames[tokens[i][2]] if len(surname) >= MIN_NEAR_SURNAME
        )

    def _middle_names_then_surname(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> int | None:
        """"Margaret Mary O'NEILL" for Margaret O'Neill: her registered forename, middle names or
        initials the register leaves out, then her surname; the surname's index."""
        if tokens[i][2] not in self._her_surnames or not text[tokens[i][0]].isupper():
            return None
        surnames = self._her_surnames[tokens[i][2]]
        for j in range(i + 1, min(i + 2 + MAX_MIDDLE_NAMES, len(tokens))):
            start, end, word = tokens[j]
            gap = text[tokens[j - 1][1]:start]
            initial = tokens[j - 1][1] - tokens[j - 1][0] == 1
            if not (gap == " " or (initial and gap in (".", ". "))) or not text[start].isupper():
                return None  # "Anna Lee, Maria Kowalczyk" is two people
            if j > i + 1 and word in surnames:
                return j
            if word in TITLES or word in PLACE_WORDS:
                return None
        return None

    def _longest(self, tokens: list[tuple[int, int, str]], i: int,
                 table: dict[str, _Entry]) -> tuple[int, _Entry] | None:
        key = ""
        best = None
        for j in range(i, len(tokens)):
            if j > i and tokens[j][0] - tokens[j - 1][1] > MAX_GAP:
                break
            key += tokens[j][2]
            if len(key) > self._max_key or key not in self._prefixes:
                break
            if key in table:
                best = (j, table[key])
        return best

    def _span(self, text: str, start: int, end: int, entry: _Entry) -> Span:
        return Span(entry.kind, start, end, text[start:end], self.name, score=entry.score,
                    pattern=entry.pattern)
