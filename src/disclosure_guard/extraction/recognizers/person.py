"""People's names: spaCy NER, cleaned, plus rules for the forms the small model misses.

Examples it must handle (and the tests use exactly these); the span is the part after "->":
    "Please call John Smith tomorrow."       -> "John Smith"       (NER, "call" trimmed)
    "Mrs J. Kowalczyk"                       -> "Mrs J. Kowalczyk" (title with initial)
    "Mr A B Khan"                            -> "Mr A B Khan"
    "Dr. Priya Patel"                        -> "Dr. Priya Patel"
    "KOWALCZYK, Anna"                        -> "KOWALCZYK, Anna"  (surname first)
    "Re: Kowalczyk, Anna"                    -> "Kowalczyk, Anna"  (surname first, title case)
    "Tenant name: ANNA KOWALCZYK"            -> "ANNA KOWALCZYK"   (after a form label)
    "Next of kin: Farzana Singh (sister)"    -> "Farzana Singh"
    "Parent/carer: Stoica, Răzvan"           -> "Stoica, Răzvan"
    "To: Shabana Uddin <s.uddin@example.org>" -> "Shabana Uddin"
    "Yours sincerely,\n\nAnna Kowalczyk\nSenior Caseworker" -> "Anna Kowalczyk" (signature)
    "MRS ANNA KOWALCZYK\n12 ELM ROAD"        -> "MRS ANNA KOWALCZYK" (addressee line)
    "Re: CRAIG WILSON v Anna Kowalczyk"      -> "CRAIG WILSON", "Anna Kowalczyk" (parties)
    "Dear Ms Osei,"                          -> "Ms Osei"          (salutation)
    "Dear Anna,"                             -> "Anna"
    "Sarah Lloyd-Webber"                     -> "Sarah Lloyd-Webber"
    "Mr Ahmed-Khan"                          -> "Mr Ahmed-Khan"
    "Zoë Brontë"                             -> "Zoë Brontë"
    "Łukasz Wiśniewski"                      -> "Łukasz Wiśniewski"
    "Ştefan Popescu"                         -> "Ştefan Popescu"
    "Mr O'Neill"                             -> "Mr O'Neill"
and must not fire on:
    "Leeds City Council"; "Dear Sir or Madam"; "Leeds LS1 4AP" (the small model tags
    a town with its postcode as PERSON); "Dear Colleague"; "Victim: Yes";
    "Yours sincerely,\n\nLeeds City Council"; "St Hilda" (a saint names schools, not people).
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.tokens import Doc

from disclosure_guard.extraction.recognizers.base import PipelineStep, Recognizer, load_word_list
from disclosure_guard.extraction.recognizers.letters import LOWER, UPPER
from disclosure_guard.types import Span, SpanKind

TITLES_FILE = "person_titles.txt"
STOPWORDS_FILE = "person_stopwords.txt"
LEAD_WORDS_FILE = "person_lead_words.txt"
LABELS_FILE = "person_labels.txt"
SIGNOFFS_FILE = "signoffs.txt"

# "Anna", "McDonald", "O'Neill", "Lloyd-Webber", "Zoë"; at least two letters.
NAME_WORD = (
    rf"(?:[OD]['’])?{UPPER}(?:{LOWER}|{UPPER}(?={LOWER}))+"
    rf"(?:['’\-]{UPPER}?(?:{LOWER}|{UPPER}(?={LOWER}))+)*(?![\w'’\-])"
)
CAPS_WORD = rf"(?:[OD]['’])?{UPPER}{{2,}}(?:['’\-]{UPPER}{{2,}})*(?![\w'’\-])"
INITIAL = rf"{UPPER}(?:\.|(?=[ \t]))"
HYPHENATED_WORD = rf"{UPPER}{LOWER}+-{UPPER}{LOWER}+(?![\w'’\-])"
SALUTATIONS = r"(?:Dear|DEAR|Hi|Hello)"
NAME_PARTICLES = "Ó|Ní|Nic|Mac|da|de|dos|das|van|von|der|den|al|el|bin|ibn|ap"
SCORE_NER = 0.85
SCORE_TITLE = 0.9
SCORE_SALUTATION = 0.85
SCORE_SURNAME_FIRST = 0.8
SCORE_LABELLED = 0.85
SCORE_SIGNATURE = 0.85
SCORE_ADDRESSEE = 0.85
SCORE_PARTIES = 0.8
SCORE_CONTEXT = 0.7
# The first line of a paragraph (an addressee heads her address block).
PARAGRAPH_START = r"(?:\A|(?<=\n\n)|(?<=\n\r\n)|(?<=\n[ \t]\n))"
# Lines down to one ending in a postcode-shaped code: "Ty Gwyn\nSwansea SA5 2ZU".
BLOCK_TO_POSTCODE = (r"(?:[^\n:]{1,60}\r?\n){0,5}[^\n:]{0,60}"
                     r"(?<![A-Za-z0-9])[A-Za-z]{1,2}[0-9][A-Za-z0-9]?[ \t]*[0-9][A-Za-z]{2}[ \t]*,?\r?(?:\n|\Z)")
# Words around a name in running text that say it is a person: "instructed by Sadia Gill",
# "Femi Okonkwo rang", "Chinwe Afolabi reports that".
CONTEXT_BEFORE = (
    r"(?<![\w'’])(?:instructed[ \t]+by|act[ \t]+for|acting[ \t]+for|on[ \t]+behalf[ \t]+of"
    r"|ex-partner|partner|husband|wife|son|daughter|sister|brother|mother|father|child"
    r"|records[ \t]+for|message[ \t]+from|call[ \t]+from|spoke[ \t]+(?:to|with)|met[ \t]+with"
    r"|referred[ \t]+by|care[ \t]+of|c/o|together[ \t]+with|lived[ \t]+with|living[ \t]+with"
    r"|known|named|called|client|patient|tenant|victim|respondent|applicant),?"
)
CONTEXT_AFTER = (
    r"rang|phoned|called|reports|reported|disclosed|said|says|told|fled|stated|confirmed"
    r"|explained|asked|attended|attends|lives|lived|has[ \t]+moved|moved|was[ \t]+born|who"
    r"|has[ \t]+been[ \t]+seen|continues|is[ \t]+not[ \t]+permitted|agreed|denies|denied"
    r"|\((?:born|DOB|d\.o\.b\.|aged|sister|brother|mother|father|partner)"
)
WHOLE_VALUE_RULES = frozenset({"labelled", "signature", "addressee", "parties"})
SCORE_HYPHENATED = 0.7
SCORE_DIACRITICS = 0.6
TRAILING_NOISE = re.compile(r"(?:['’]s|[\s.,;:!?'’\"()\-])+\Z")
# "St Hilda", "St James": the model reads saints' names as people; they name schools and wards.
NER_NOT_PERSON = re.compile(r"(?i)^(?:st|saint)\.?\s")
# What may open the line under an addressee: a house number, a flat, a PO box.
ADDRESS_LINE_START = r"(?:\d|(?i:flat|apartment|apt|unit|room|suite|studio|maisonette|p\.?o\.?[ \t]+box)\b)"


class PersonRecognizer(Recognizer):
    name = "person"

    @classmethod
    def from_step(cls, step: PipelineStep) -> PersonRecognizer:
        return cls(step.patterns_dir)

    def __init__(self, patterns_dir: Path) -> None:
        titles = load_word_list(patterns_dir / TITLES_FILE)
        self._titles = {t.lower() for t in titles}
        self._stopwords = {w.lower() for w in load_word_list(patterns_dir / STOPWORDS_FILE)}
        self._lead_words = {w.lower() for w in load_word_list(patterns_dir / LEAD_WORDS_FILE)}
        labels = _phrases(load_word_list(patterns_dir / LABELS_FILE))
        signoffs = _phrases(load_word_list(patterns_dir / SIGNOFFS_FILE))
        title = "(?:" + "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)) + ")"
        word = f"(?:{NAME_WORD}|{CAPS_WORD})"
        # Particles inside a surname: "Ó Briain", "Ní Mhurchú", "da Silva", "van der Berg".
        particle_word = rf"(?:(?:{NAME_PARTICLES})[ \t]+)?{word}"
        # A whole name as forms and signatures write it: "Mrs A. Kowalczyk", "ANNA KOWALCZYK",
        # "Anna Maria Kowalczyk-Nowak", "Paulo da Silva", "KOWALCZYK, Anna".
        full_name = (
            rf"{particle_word}(?:[ \t]+{word})?,[ \t]*{NAME_WORD}(?:[ \t]+{NAME_WORD})?(?![ \t]*\w)"
            rf"|(?:(?:{title})\.?[ \t]+)?(?:{INITIAL}[ \t]*){{0,3}}{word}"
            rf"(?:[ \t]+{particle_word}){{0,3}}"
        )
        self._rules = (
            ("title", SCORE_TITLE, re.compile(
                rf"(?<![\w'’])(?:{title})\.?[ \t]+(?:{INITIAL}[ \t]*){{0,3}}"
                rf"(?:{word}[ \t]+){{0,2}}{word}")),
            ("salutation", SCORE_SALUTATION, re.compile(
                rf"(?<![\w'’]){SALUTATIONS}[ \t]+(?P<name>(?:{title}\.?[ \t]+)?"
                rf"(?:{INITIAL}[ \t]*){{0,2}}{word}(?:[ \t]+{word}){{0,2}})")),
            ("surname_forename", SCORE_SURNAME_FIRST, re.compile(
                rf"(?<![\w'’\-]){CAPS_WORD}(?:[ \t]+{CAPS_WORD})?,[ \t]*"
                rf"{NAME_WORD}(?:[ \t]+{NAME_WORD})?")),
            ("hyphenated", SCORE_HYPHENATED, re.compile(
                rf"(?<![\w'’\-]){NAME_WORD}[ \t]+{HYPHENATED_WORD}")),
            ("surname_forename", SCORE_SURNAME_FIRST, re.compile(
                rf"(?<![\w'’\-])(?i:re)[ \t]*:[ \t]*(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD})?,"
                rf"[ \t]*{NAME_WORD}(?:[ \t]+{NAME_WORD})?)")),
            ("labelled", SCORE_LABELLED, re.compile(
                rf"(?m)^[ \t]*(?i:{labels})[ \t]*:[ \t]*(?P<name>{full_name})(?=[ \t]*(?:$|[(<,;]))")),
            ("signature", SCORE_SIGNATURE, re.compile(
                rf"(?m)^[ \t]*(?i:{signoffs})[ \t]*[,.!]?[ \t]*\r?\n(?:[ \t]*\r?\n){{0,3}}"
                rf"[ \t]*(?P<name>{full_name})[ \t]*,?[ \t]*$")),
            ("addressee", SCORE_ADDRESSEE, re.compile(
                rf"{PARAGRAPH_START}[ \t]*(?P<name>{full_name})[ \t]*,?[ \t]*(?=\r?\n[ \t]*"
                rf"(?:{ADDRESS_LINE_START}|{BLOCK_TO_POSTCODE}))")),
            ("context", SCORE_CONTEXT, re.compile(
                rf"(?:{CONTEXT_BEFORE})[ \t]+(?P<name>{word}(?:[ \t]+{particle_word}){{1,3}})"
                rf"|(?<![\w'’\-])(?P<other>{word}(?:[ \t]+{particle_word}){{1,3}})(?=(?:['’]s)?[ \t]+(?:{CONTEXT_AFTER}))")),
            ("parties", SCORE_PARTIES, re.compile(
                rf"(?m)(?<![\w'’\-])(?P<name>{full_name})[ \t]+(?:v|vs|V|VS)\.?[ \t]+(?P<other>{full_name})"
                rf"[ \t]*$")),
        )
        self._name_run = re.compile(rf"(?<![\w'’\-]){NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}}")

    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        rule_spans = self._rule_spans(text)
        entities = doc.ents if doc is not None else ()
        ner_spans = [
            span for span in (self._from_entity(text, e.start_char, e.end_char)
                              for e in entities if e.label_ == "PERSON")
            if span is not None
            and not any(r.start <= span.start and span.end <= r.end for r in rule_spans)
        ]
        return rule_spans + ner_spans

    # ------------------------------------------------------------------ NER

    def _from_entity(self, text: str, start: int, end: int) -> Span | None:
        """The small model glues verbs and greetings on ("Call John Smith") and reads
        "Leeds LS1 4AP" as a person; trim the one and drop the other."""
        words = list(re.finditer(r"\S+", text[start:end]))
        while words and (
            words[0].group().lower().strip(".,:;!?\"'()") in self._lead_words
            or not words[0].group()[0].isupper()
        ):
            words.pop(0)
        if not words:
            return None
        start = start + words[0].start()
        newline = text.find("\n", start, end)
        if newline != -1:
            # "Jane Doe\nSupport Worker" under a signature: the name is the first line.
            end = newline
        body = text[start:end]
        trailing = TRAILING_NOISE.search(body)
        if trailing:
            end -= len(body) - trailing.start()
        span_text = text[start:end]
        if (not self._plausible(span_text) or NER_NOT_PERSON.match(span_text)
                or len(span_text) <= 2):
            return None
        return Span(SpanKind.PERSON, start, end, span_text, self.name, score=SCORE_NER,
                    pattern="ner")

    # ------------------------------------------------------------------ rules

    def _rule_spans(self, text: str) -> list[Span]:
        spans = []
        for pattern_name, score, pattern in self._rules:
            groups = [g for g in ("name", "other") if g in pattern.groupindex] or [0]
            for m in pattern.finditer(text):
                for group in groups:
                    start, end = m.start(group), m.end(group)
                    trimmed = self._drop_trailing_stopwords(text, start, end)
                    # A labelled value or a signature line is a name as a whole or not at all:
                    # "Leeds City Council" under "Yours sincerely" is not "Leeds".
                    if (trimmed is None or (trimmed != end and pattern_name in WHOLE_VALUE_RULES)
                            or not self._plausible(text[start:trimmed])):
                        continue
                    end = trimmed
                    spans.append(Span(SpanKind.PERSON, start, end, text[start:end], self.name,
                                      score=score, pattern=pattern_name))
        for m in self._name_run.finditer(text):
            span = self._diacritic_name(text, m)
            if span is not None:
                spans.append(span)
        return spans

    def _diacritic_name(self, text: str, m: re.Match[str]) -> Span | None:
        """A capitalised run holding a non-English letter ("Łukasz Wiśniewski") is a name the
        model often misses; the span runs over the non-ASCII words and, if only one, a neighbour."""
        words = list(re.finditer(r"\S+", m.group()))
        marked = [i for i, w in enumerate(words) if not w.group().isascii()]
        if not marked:
            return None
        first, last = marked[0], marked[-1]
        if first == last:
            if last + 1 < len(words):
                last += 1
            elif first > 0:
                first -= 1
            else:
                return None
        chosen = words[first:last + 1]
        if any(w.group().lower() in self._stopwords or w.group().lower() in self._lead_words
               for w in chosen):
            return None
        start, end = m.start() + chosen[0].start(), m.start() + chosen[-1].end()
        return Span(SpanKind.PERSON, start, end, text[start:end], self.name,
                    score=SCORE_DIACRITICS, pattern="diacritics")

    def _drop_trailing_stopwords(self, text: str, start: int, end: int) -> int | None:
        words = list(re.finditer(r"[^\s,]+", text[start:end]))
        while words and words[-1].group().lower().rstrip(".") in self._stopwords:
            words.pop()
        return start + words[-1].end() if words else None

    def _plausible(self, span_text: str) -> bool:
        if not span_text:
            return False
        if any(ch.isdigit() for ch in span_text) or "\n" in span_text:
            return False
        words = [w.strip(".,").lower() for w in span_text.replace(",", " ").split()]
        # Single letters are initials ("Mr A B Khan"), not the article "a".
        if any(len(w) > 1 and w in self._stopwords and w not in self._titles for w in words):
            return False
        # A title and initials alone ("Mr A") name nobody.
        return any(len(w) > 1 and w not in self._titles for w in words)


def _phrases(entries: list[str]) -> str:
    """Longest first; a space inside an entry matches any blank."""
    return "|".join(r"[ \t]+".join(re.escape(p) for p in e.split())
                    for e in sorted(entries, key=len, reverse=True))
