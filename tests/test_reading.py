"""The reading view: the docstring's examples of `disclosure_guard.reading`, and its map back."""

from __future__ import annotations

import pytest

from disclosure_guard.reading import ReadingView, join_broken_words, read_text, reading_view, replaced

READ_THROUGH = [
    ("Bram\u200bley Way", "Bramley Way"),
    ("Bram\u00adley", "Bramley"),
    ("LS6\u2060 2AB\ufeff", "LS6 2AB"),
    ("\u200f12\u200e Elm Road", "12 Elm Road"),
    ("12\u2003Elm\u2009Road\u3000Leeds", "12 Elm Road Leeds"),
    ("\uff11\uff12 Elm Road \uff2c\uff33\uff16", "12 Elm Road LS6"),
    ("Bra\u0301mley\u0308 Way", "Bramley Way"),
    ("Br\u0430mley W\u0430y", "Bramley Way"),
    ("\u0412S1 6\u0410\u0410", "BS1 6AA"),
    ("Bramley \u051c\u0430\u0443", "Bramley Way"),
    ("jane@hotma\u0456l.\u0441\u043e.uk", "jane@hotmail.co.uk"),
    ("Queen'\u0455 Ro\u0430d", "Queen's Road"),
    ("\u0406G6 2L\u0410", "IG6 2LA"),
]
LEFT_ALONE = ["Zoë Łukasz Ştefan Şahin Ağaoğlu", "Анна Петрова", "12 Elm Road, Leeds"]


@pytest.mark.parametrize(("submitted", "read"), READ_THROUGH)
def test_what_a_person_reads(submitted, read):
    assert read_text(submitted) == read


@pytest.mark.parametrize("submitted", LEFT_ALONE)
def test_genuine_letters_are_read_as_written_without_a_map(submitted):
    view = reading_view(submitted)
    assert view.text == submitted and view.source_offsets is None


@pytest.mark.parametrize(("submitted", "read"), READ_THROUGH)
def test_every_word_maps_back_to_the_submitted_text(submitted, read):
    view = reading_view(submitted)
    for word_start in (i for i, ch in enumerate(read) if ch != " " and (i == 0 or read[i - 1] == " ")):
        word_end = read.find(" ", word_start) if " " in read[word_start:] else len(read)
        start, end = view.source_span(word_start, word_end)
        assert read_text(submitted[start:end]) == read[word_start:word_end]


def test_a_span_maps_back_over_the_invisible_characters_inside_it():
    submitted = "to Br\u0430m\u200bley Way\u200b, Leeds"
    view = reading_view(submitted)
    start = view.text.index("Bramley Way")
    assert view.source_span(start, start + len("Bramley Way")) == (3, 15)
    assert submitted[3:15] == "Br\u0430m\u200bley Way"


def test_a_ligature_reads_as_its_letters_and_both_map_to_it():
    view = reading_view("of\ufb01ce")
    assert view.text == "office"
    assert view.source_span(2, 4) == (2, 3)


# join_broken_words: the words a test vocabulary knows are joined, other hyphens kept.
KNOWN = {"road", "street", "crescent", "flat"}.__contains__
BROKEN = [
    ("12 Elm Ro-ad", "12 Elm Road"),                  # a soft hyphen as a PDF prints it
    ("12 ELM RO-AD", "12 ELM ROAD"),
    ("12 Elm Ro-\nad, Leeds", "12 Elm Road, Leeds"),  # hyphenated at a line end
    ("Fl-at 3, 9 Ash Cres-c-\r\nent", "Flat 3, 9 Ash Crescent"),
    ("12 E-\nlm Road", "12 E-lm Road"),                # a line-end hyphen in a word it does not know
    ("Stoke-\non-Trent", "Stoke-on-Trent"),
    ("ref SW1A-\n1AA", "ref SW1A-1AA"),              # letters and digits: one word too
]
KEPT = ["Stoke-on-Trent", "a follow-up on 2026-01-04", "Road- and rail", "12-14 High Street", "Ro -ad", "-road"]


@pytest.mark.parametrize(("submitted", "read"), BROKEN)
def test_a_word_broken_by_a_hyphen_reads_whole_and_maps_back(submitted, read):
    view = join_broken_words(submitted, KNOWN)
    assert view.text == read
    start = read.index(read.split()[-1])
    source_start, source_end = view.source_span(start, len(read))
    assert source_end == len(submitted) and submitted[source_start] == read[start]
    assert view.reading_span(source_start, source_end) == (start, len(read))


@pytest.mark.parametrize("submitted", KEPT)
def test_genuine_hyphens_are_kept_without_a_map(submitted):
    view = join_broken_words(submitted, KNOWN)
    assert view.text == submitted and view.source_offsets is None


def test_stretches_replaced_read_as_given_and_map_back_to_where_they_began():
    submitted = "139 Cedar\n> Avenue, Wigan"
    view = replaced(submitted, [(9, 12, " ")])
    assert view.text == "139 Cedar Avenue, Wigan"
    assert view.source_span(0, len(view.text)) == (0, len(submitted))
    assert view.source_span(9, 10) == (9, 10)  # the blank read stands for the break and its quote mark
    assert replaced(submitted, []) == ReadingView(submitted)


def test_a_reading_of_a_reading_maps_back_to_the_submitted_text():
    submitted = "Fl-\nat 15, 10 Westfield\nAvenue"
    first = join_broken_words(submitted, KNOWN)
    assert first.text == "Flat 15, 10 Westfield\nAvenue"
    both = first.then(replaced(first.text, [(21, 22, " ")]))
    assert both.text == "Flat 15, 10 Westfield Avenue"
    assert both.source_span(0, len(both.text)) == (0, len(submitted))
    assert submitted[slice(*both.source_span(22, 28))] == "Avenue"
    # A later reading that changed nothing keeps the first one's map; a first that changed nothing, the later's.
    assert first.then(ReadingView(first.text)) is first
    assert ReadingView(submitted).then(first) is first


@pytest.mark.parametrize(("submitted", "read"), [
    ("https://www.google.com/maps/place/10+Westfield+Ave,+Cardiff+CF14+2QE/",
     "https://www.google.com/maps/place/10 Westfield Ave, Cardiff CF14 2QE/"),
    ("maps.google.co.uk/?q=10%20Westfield%20Avenue%2C%20Cardiff", "maps.google.co.uk/?q=10 Westfield Avenue, Cardiff"),
    ("www.rightmove.co.uk/10-westfield-avenue-cardiff?ref=a-b", "www.rightmove.co.uk/10 westfield avenue cardiff?ref=a-b"),
    ("https://forms.example/?email=jane.doe%40example.org", "https://forms.example/?email=jane.doe@example.org"),
])
def test_a_link_reads_as_its_words_and_maps_back(submitted, read):
    view = reading_view(f"See {submitted} today.")
    assert view.text == f"See {read} today."
    assert view.source_span(4, 4 + len(read)) == (4, 4 + len(submitted))


@pytest.mark.parametrize("submitted", ["born 12/05/2026, and/or 3/4 of it", "12-14 High Street", "jane-doe@example.org/x"])
def test_what_is_no_link_is_not_read_as_one(submitted):
    assert reading_view(submitted) == ReadingView(submitted)
