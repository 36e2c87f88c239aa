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
    "Dear Mrs Sandra C Rees,"                -> "Mrs Sandra C Rees" (a middle initial)
    "Patient: Margaret Mary O'NEILL  NHS No: 943 476 5919" -> "Margaret Mary O'NEILL" (a form's
                                                 columns: a gap or the next label ends the value)
    "Mr Jan-Willem van der Berg"             -> "Mr Jan-Willem van der Berg" (two particles)
    "Chloe-Mae Harrison-Smith's mum called"  -> "Chloe-Mae Harrison-Smith" (before a possessive)
    "Please send the form to Victoria at 5 Albert Road" -> "Victoria" (a lone forename, low score)
    "Coffee at the Old Mill Café with Bex on Tuesday." -> "Bex" (a word no forename list holds,
                                                 in a person's context: low score)
    "I gave the keys to Kez yesterday."      -> "Kez"
    "Tash said she would ring."              -> "Tash"
and must not fire on:
    "Leeds City Council"; "Dear Sir or Madam"; "Leeds LS1 4AP" (the small model tags
    a town with its postcode as PERSON); "Dear Colleague"; "Victim: Yes";
    "Yours sincerely,\n\nLeeds City Council"; "St Hilda" (a saint names schools, not people);
    "Meet at the Sidings Café", "We met at the Sidings" (places); "Victoria Park Road"; "She lives in Florence now";
    "May I ask"; "Will you ring the office"; "She has moved to Bradford";
    "She has moved to Swindon"; "She went to Parkside"; "She banks with Barclays Bank";
    "We work closely with Shelter."; "A referral has been made to Child and Adolescent Mental Health";
    "Reports are due in May and June."; "The children went with Leeds City Council staff.".
"""

from __future__ import annotations

import re
from pathlib import Path

from nicknames import NickNamer
from spacy.tokens import Doc

from disclosure_guard.extraction.recognizers.base import PipelineStep, Recognizer, load_word_list
from disclosure_guard.extraction.recognizers.letters import LOWER, UPPER
from disclosure_guard.types import Span, SpanKind

TITLES_FILE = "person_titles.txt"
STOPWORDS_FILE = "person_stopwords.txt"
LEAD_WORDS_FILE = "person_lead_words.txt"
LABELS_FILE = "person_labels.txt"
SIGNOFFS_FILE = "signoffs.txt"
NOT_FORENAMES_FILE = "person_not_forenames.txt"
POST_TOWNS_FILE = "post_towns.txt"

# A word ends at a blank or punctuation, or before a possessive: "Harrison-Smith's mum".
WORD_END = r"(?:(?=['’][sS](?![\w'’\-]))|(?![\w'’\-]))"
# Inside a word an apostrophe joins letters ("D'Angelo"), never a possessive "'s".
INNER_JOIN = r"(?:\-|['’](?![sS](?![\w'’\-])))"
# "Anna", "McDonald", "O'Neill", "Lloyd-Webber", "Zoë"; at least two letters.
NAME_WORD = (
    rf"(?:[OD]['’])?{UPPER}(?:{LOWER}|{UPPER}(?={LOWER}))+"
    rf"(?:{INNER_JOIN}{UPPER}?(?:{LOWER}|{UPPER}(?={LOWER}))+)*{WORD_END}"
)
CAPS_WORD = rf"(?:[OD]['’])?{UPPER}{{2,}}(?:['’\-]{UPPER}{{2,}})*{WORD_END}"
INITIAL = rf"{UPPER}(?:\.|(?=[ \t]))"
# Middle initials between two names: "Sandra C Rees", "John A. B. Smith".
MIDDLE_INITIALS = rf"(?:{INITIAL}[ \t]*){{0,2}}"
HYPHENATED_WORD = rf"{UPPER}{LOWER}+-{UPPER}{LOWER}+{WORD_END}"
SALUTATIONS = r"(?:Dear|DEAR|Hi|Hello)"
# Up to two in a row: "van der Berg", "de la Cruz", "dos Santos", "ap Gwilym".
NAME_PARTICLES = "Ó|Ní|Nic|Mac|da|de|del|della|di|du|la|le|dos|das|van|von|der|den|ten|ter|al|el|bin|bint|ibn|ap"
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
# Where a labelled name ends: the line's end, punctuation, a gap between form columns
# ("Patient: Margaret Mary O'NEILL  NHS No: 943 476 5919") or the next field's label.
FIELD_LABELS = (r"(?i:dob|d\.?o\.?b|date[ \t]+of[ \t]+birth|born|nhs[ \t]+(?:no|number)|ni[ \t]+no"
                r"|tel|phone|mob|mobile|e-?mail|address|ref|age|gender|sex)")
LABELLED_VALUE_END = rf"(?=[ \t]*(?:$|[(<,;])|[ \t]{{2,}}|\t|[ \t]+{FIELD_LABELS}\.?[ \t]*:)"
WHOLE_VALUE_RULES = frozenset({"labelled", "signature", "addressee", "parties"})
SCORE_HYPHENATED = 0.7
SCORE_DIACRITICS = 0.6
TRAILING_NOISE = re.compile(r"(?:['’]s|[\s.,;:!?'’\"()\-])+\Z")
# "St Hilda", "St James": the model reads saints' names as people; they name schools and wards.
NER_NOT_PERSON = re.compile(r"(?i)^(?:st|saint)\.?\s")
# Accented words of English that a capitalised run holds without naming anyone ("the Sidings
# Café", "Little Stars Crèche"), and Welsh house words ("Tŷ Gwyn").
ACCENTED_WORDS = frozenset({
    "café", "cafés", "crèche", "crèches", "pâtisserie", "crêperie", "brasserie", "fiancé", "fiancée",
    "décor", "protégé", "résumé", "rosé", "entrée", "soirée", "matinée", "façade", "naïve", "cliché",
    "señor", "señora", "über", "attaché", "communiqué", "élite", "première", "régime", "tŷ",
})
# A lone forename ("send the form to Victoria at ...") is a person span, at a low score: like a
# lone surname it names nobody in particular, so matching reads it as no one by itself. The
# forenames are the `nicknames` dataset's, canonical and pet forms alike.
SCORE_LONE_FORENAME = 0.5
LONE_FORENAME = "lone_forename"
LONE_PATTERNS = frozenset({LONE_FORENAME, "context_word"})
LONE_WORD = re.compile(rf"(?<![\w'’\-]){UPPER}{LOWER}+(?:-{UPPER}{LOWER}+)?{WORD_END}")
# A capitalised word that no forename list holds ("Bex", "Tash", "Kez": people's own short
# forms) is a person where the words around it say so: after "with" or "to" ("coffee with Bex",
# "gave the keys to Kez"), after the context words of the `context` rule ("spoke to Bex"), or
# before a verb of speech or action ("Tash said"). Low scored, like a lone forename. Short forms
# are short: a longer capitalised word there is an organisation or a service ("work closely with
# Shelter", "your entitlement to Employment and Support Allowance"), and so is a word joined to
# another capitalised one by "and" or "of" ("referred to Child and Adolescent Mental Health").
SCORE_CONTEXT_WORD = 0.5
CONTEXT_WORD = "context_word"
CONTEXT_WORD_MAX_LETTERS = 6
JOINED_TO_A_NAME = re.compile(r"[ \t]+(?:and|&|of|for)[ \t]+[A-Z]")
CONTEXT_WORD_BEFORE = re.compile(rf"(?:(?i:(?<![\w'’])(?:with|to))|{CONTEXT_BEFORE})[ \t]+\Z")
CONTEXT_WORD_AFTER = re.compile(rf"[ \t]+(?:{CONTEXT_AFTER})(?![\w])")
# Words that go where a person would after "moved to", "went with": endings of English place
# names ("Smithmouth", "Jacksonton", "Parkside") and of firms and things.
PLACE_ENDINGS = (
    "ton", "town", "mouth", "port", "ford", "field", "ham", "bury", "borough", "burgh", "chester",
    "caster", "cester", "shire", "side", "gate", "way", "park", "wood", "hill", "bridge", "ville",
    "haven", "land", "dale", "wick", "worth", "minster", "pool", "stead", "by", "ley", "view",
    "fort", "berg", "furt", "combe", "stone", "moor", "more", "bank", "brook", "well", "ing",
)  # fmt: skip
# Capitalised words after "with"/"to" that are no one: languages, faiths, firms, kinds of help.
CONTEXT_WORD_NOT_PEOPLE = frozenset({
    "english", "welsh", "scottish", "irish", "british", "polish", "urdu", "punjabi", "bengali",
    "arabic", "romanian", "french", "spanish", "portuguese", "somali", "tigrinya", "kurdish",
    "farsi", "pashto", "lithuanian", "russian", "ukrainian", "chinese", "mandarin", "cantonese",
    "islam", "christianity", "tesco", "asda", "aldi", "lidl", "sainsburys", "morrisons", "boots",
    "barclays", "lloyds", "natwest", "santander", "halifax", "nationwide", "monzo", "google",
    "microsoft", "facebook", "whatsapp", "instagram", "amazon", "paypal", "zoom", "teams",
    "universal", "credit", "pip", "esa", "jsa", "maths", "science", "history", "music", "court",
    "mum", "dad", "nan", "gran", "grandma", "grandad", "auntie", "uncle", "social", "children",
    "police", "cafcass", "marac", "mash", "idva", "ofsted", "hmrc", "dwp", "nhs", "gp",
})  # fmt: skip
# Words before a capitalised word that make it a place or a thing: "in Florence", "the Bill".
PLACE_WORDS_BEFORE = frozenset({"the", "in", "at", "near", "on", "of", "st", "saint", "via", "upon"})
SENTENCE_START = re.compile(r"(?:\A|[.!?\n]|\n[ \t]*[-*•][ \t]*)[ \t\"'“‘(]*\Z")
# What follows a name at the start of a sentence: "Victoria rang", "Victoria's mum".
AFTER_SENTENCE_START = re.compile(
    rf"(?:['’]s\b|[ \t]+(?:{CONTEXT_AFTER})(?![\w]))")
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
        particle_word = rf"(?:(?:{NAME_PARTICLES})[ \t]+){{0,2}}{word}"
        # A whole name as forms and signatures write it: "Mrs A. Kowalczyk", "ANNA KOWALCZYK",
        # "Anna Maria Kowalczyk-Nowak", "Paulo da Silva", "KOWALCZYK, Anna".
        full_name = (
            rf"{particle_word}(?:[ \t]+{word})?,[ \t]*{NAME_WORD}(?:[ \t]+{NAME_WORD})?(?![ \t]*\w)"
            rf"|(?:(?:{title})\.?[ \t]+)?(?:{INITIAL}[ \t]*){{0,3}}{word}"
            rf"(?:[ \t]+{MIDDLE_INITIALS}{particle_word}){{0,3}}"
        )
        self._rules = (
            ("title", SCORE_TITLE, re.compile(
                rf"(?<![\w'’])(?:{title})\.?[ \t]+(?:{INITIAL}[ \t]*){{0,3}}"
                rf"(?:{word}[ \t]+{MIDDLE_INITIALS}){{0,2}}{particle_word}")),
            ("salutation", SCORE_SALUTATION, re.compile(
                rf"(?<![\w'’]){SALUTATIONS}[ \t]+(?P<name>(?:{title}\.?[ \t]+)?"
                rf"(?:{INITIAL}[ \t]*){{0,2}}{word}(?:[ \t]+{MIDDLE_INITIALS}{particle_word}){{0,2}})")),
            ("surname_forename", SCORE_SURNAME_FIRST, re.compile(
                rf"(?<![\w'’\-]){CAPS_WORD}(?:[ \t]+{CAPS_WORD})?,[ \t]*"
                rf"{NAME_WORD}(?:[ \t]+{NAME_WORD})?")),
            ("hyphenated", SCORE_HYPHENATED, re.compile(
                rf"(?<![\w'’\-]){NAME_WORD}[ \t]+{HYPHENATED_WORD}")),
            ("surname_forename", SCORE_SURNAME_FIRST, re.compile(
                rf"(?<![\w'’\-])(?i:re)[ \t]*:[ \t]*(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD})?,"
                rf"[ \t]*{NAME_WORD}(?:[ \t]+{NAME_WORD})?)")),
            ("labelled", SCORE_LABELLED, re.compile(
                rf"(?m)^[ \t]*(?i:{labels})[ \t]*:[ \t]*(?P<name>{full_name}){LABELLED_VALUE_END}")),
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
        not_forenames = {w.lower() for w in load_word_list(patterns_dir / NOT_FORENAMES_FILE)}
        self.known_forenames = _known_forenames()
        self._forenames = self.known_forenames - self._stopwords - not_forenames
        towns = {line.split(None, 1)[1] for line in load_word_list(patterns_dir / POST_TOWNS_FILE)}
        self._not_context_words = (
            not_forenames | self._stopwords | self._titles | self._lead_words | towns
            | CONTEXT_WORD_NOT_PEOPLE | {w.lower() for w in ACCENTED_WORDS})
        self._name_run = re.compile(rf"(?<![\w'’\-]){NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}}")

    def words_never_in_a_kept_person(self) -> frozenset[str]:
        """Lower-case words that no person kept from the model can be made of: an organisation or
        place word rejects it (`_plausible`, which lets titles pass) and a lead word is trimmed
        off its front (`_from_entity`). The model need not read around them (model_windows)."""
        return frozenset((self._stopwords - self._titles) | self._lead_words)

    def analyze(self, text: str, doc: Doc | None = None) -> list[Span]:
        rule_spans = self._rule_spans(text)
        entities = doc.ents if doc is not None else ()
        ner_spans = [
            span for span in (self._from_entity(text, e.start_char, e.end_char)
                              for e in entities if e.label_ == "PERSON")
            if span is not None
            and not any(r.start <= span.start and span.end <= r.end for r in rule_spans
                        if r.pattern not in LONE_PATTERNS)
        ]
        # A lone forename the model read too keeps the model's span.
        read = {(s.start, s.end) for s in ner_spans}
        rule_spans = [s for s in rule_spans if s.pattern not in LONE_PATTERNS or (s.start, s.end) not in read]
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
        # "Mary Ann SMITH DOB": the next field's label read into the name.
        end = self._drop_trailing_stopwords(text, start, end) or start
        span_text = text[start:end]
        if (not self._plausible(span_text) or NER_NOT_PERSON.match(span_text)
                or len(span_text) <= 2):
            return None
        if _word_before(text, start).lower() == "the":
            return None  # "at the Sidings", "the Grange": a place
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
        for m in LONE_WORD.finditer(text):
            if m.group().lower() in self._forenames:
                if stands_alone(text, m.start(), m.end(), self._titles):
                    spans.append(Span(SpanKind.PERSON, m.start(), m.end(), m.group(), self.name,
                                      score=SCORE_LONE_FORENAME, pattern=LONE_FORENAME))
            elif self._is_context_word(text, m):
                spans.append(Span(SpanKind.PERSON, m.start(), m.end(), m.group(), self.name,
                                  score=SCORE_CONTEXT_WORD, pattern=CONTEXT_WORD))
        return spans

    def _is_context_word(self, text: str, m: re.Match[str]) -> bool:
        """"with Bex", "to Kez", "Tash said": a word no forename list holds, alone, in a
        person's context, and shaped like no place."""
        word = m.group().lower()
        if (not 3 <= len(word) <= CONTEXT_WORD_MAX_LETTERS or word in self._not_context_words
                or word.endswith(PLACE_ENDINGS) or "-" in word or not word.isascii()
                or JOINED_TO_A_NAME.match(text, m.end())):
            return False
        if not stands_alone(text, m.start(), m.end(), self._titles):
            return False
        return bool(CONTEXT_WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
                    or CONTEXT_WORD_AFTER.match(text, m.end()))

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
               or w.group().lower() in ACCENTED_WORDS for w in chosen):
            return None
        if _word_before(text, m.start() + chosen[0].start()).lower() == "the":
            return None  # "the Sidings Café": a place
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


def stands_alone(text: str, start: int, end: int, titles: frozenset[str] | set[str] = frozenset()) -> bool:
    """A capitalised word at text[start:end] with no name or number beside it, read as a lone
    forename: not "Victoria Park Road", "St Hilda", "12 Rose Hill", "in Florence", "the Bill".
    At the start of a sentence a capital says nothing ("Will you ...", "May I ..."), so there
    the next words must say it is a person ("Victoria rang")."""
    after = text[end:end + 40]
    following = re.match(r"[ \t]*(\S)", after)
    if following and (following.group(1).isupper() or following.group(1).isdigit()):
        return False
    if re.match(r"['’]s[ \t]+[A-Z0-9]", after):
        return False  # "Victoria's Secret"
    before = _word_before(text, start)
    bare = before.lower().rstrip(".")
    if before and before[-1] not in ",;:" and (before[0].isupper() or before[0].isdigit() or bare in titles):
        return False
    if bare in PLACE_WORDS_BEFORE:
        return False
    if SENTENCE_START.search(text[max(0, start - 40):start]):
        return bool(AFTER_SENTENCE_START.match(after))
    return True


def _word_before(text: str, start: int) -> str:
    """The word just before `start` on its line, with its punctuation; "" if none."""
    found = re.search(r"(\S+)[ \t]+\Z", text[max(0, start - 40):start])
    return found.group(1) if found else ""


def _known_forenames() -> frozenset[str]:
    namer = NickNamer()
    return frozenset(namer.nickname_lookup) | frozenset(namer.canonical_lookup)


def _phrases(entries: list[str]) -> str:
    """Longest first; a space inside an entry matches any blank."""
    return "|".join(r"[ \t]+".join(re.escape(p) for p in e.split())
                    for e in sorted(entries, key=len, reverse=True))
