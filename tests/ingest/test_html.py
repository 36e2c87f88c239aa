import pytest

from disclosure_guard.ingest.html import html_to_text, read_html
from disclosure_guard.reading import INVISIBLE_FILLER, read_text, reading_view


def shown(markup: str) -> str:
    """What a recipient reads: the laid-out text through the reading view."""
    return read_text(html_to_text(markup))


def test_offsets_are_offsets_into_the_html():
    for markup in [
        "<p>Flat 3<br>12 Elm Road</p>",
        '<img alt="Jane Doe at 12 Elm Road">',
        '<a href="mailto:jane@example.org">write</a>',
        "Smith &amp; Sons&nbsp;Ltd",
    ]:
        assert len(html_to_text(markup)) == len(markup)


def test_block_tags_become_lines():
    text = shown("<p>Flat 3<br>12 Elm Road</p>")
    assert [line.strip() for line in text.splitlines() if line.strip()] == ["Flat 3", "12 Elm Road"]


@pytest.mark.parametrize(("markup", "read"), [
    ("Bra<span>mley</span> Way", "Bramley Way"),
    ('<span lang=EN-GB style="font-size:11pt">Bra</span><span lang=EN-GB>mley</span>', "Bramley"),
    ("Bra<wbr>m<b>l</b>e<font color=red>y</font>", "Bramley"),
    ("&#66;ramley &#x57;ay Le&shy;eds", "Bramley Way Leeds"),
    ("12 Elm\n      Road", "12 Elm Road"),
    ("Smith &amp; Sons&nbsp;Ltd", "Smith & Sons Ltd"),
])
def test_inline_markup_and_entities_leave_words_whole(markup, read):
    assert len(html_to_text(markup)) == len(markup)
    assert shown(markup) == read


def test_a_word_split_by_inline_tags_maps_back_to_the_whole_stretch_of_html():
    markup = "<p>She lives at 12 Bra<span lang=EN-GB>mley</span> Way.</p>"
    view = reading_view(html_to_text(markup))
    start = view.text.index("12 Bramley Way")
    begin, end = view.source_span(start, start + len("12 Bramley Way"))
    assert markup[begin:end] == "12 Bra<span lang=EN-GB>mley</span> Way"


def test_preformatted_text_keeps_its_lines():
    assert shown("<pre>Flat 3\n12 Elm Road</pre>").strip() == "Flat 3\n12 Elm Road"


def test_an_unknown_entity_is_text_and_a_legacy_one_needs_no_semicolon():
    assert shown("a &foo; b &nbspLtd") == "a &foo; b  Ltd"


def test_alt_text_is_read_apart_from_the_words_around_it():
    assert shown('Dear<img alt="Jane Doe">Smith') == "Dear Jane Doe Smith"


def test_alt_text_and_mailto_targets_are_read():
    assert "Jane Doe at 12 Elm Road" in html_to_text('<img alt="Jane Doe at 12 Elm Road">')
    read = read_html('<a href="mailto:jane@example.org">write</a>')
    assert read.in_tags == "jane@example.org" and "jane" not in read.shown


@pytest.mark.parametrize(("markup", "read", "in_tags"), [
    ('167 <a href="#">Birch</a> Terrace, Cardiff <a>CF24</a> 3JU', "167 Birch Terrace, Cardiff CF24 3JU", "#"),
    ('167 Bi<span title="note">rch</span> Terrace', "167 Birch Terrace", "note"),
    ("167 <abbr title='Birch Terrace'>Birch Tce</abbr>, CF2<span title=x>4</span> 3JU",
     "167 Birch Tce, CF24 3JU", "Birch Terrace\nx"),
    ('12 <a href="https://maps.example.org/?q=12+Elm+Road">Elm Road</a>, Leeds',
     "12 Elm Road, Leeds", "https://maps.example.org/?q=12+Elm+Road"),
])
def test_what_a_tag_inside_the_text_holds_is_read_apart_and_leaves_the_words_whole(markup, read, in_tags):
    """Issue 10's evasion check: a link or a title on an inline tag inside an address split it
    ("167 # Birch Terrace"); the tag's values are read, apart from the text."""
    got = read_html(markup)
    assert len(got.shown) == len(markup)
    assert read_text(got.shown) == read
    assert got.in_tags == in_tags


def test_entities_are_decoded_in_place():
    text = html_to_text("Smith &amp; Sons&nbsp;Ltd")
    assert text.index("&") == len("Smith ") and text.index("Ltd") == len("Smith &amp; Sons&nbsp;")


def test_text_hidden_by_css_is_still_read_but_scripts_are_not():
    read = read_html('<div style="display:none">LS6 2AB</div><script>var a="x";</script><style>p{}</style>')
    assert read.hidden == "LS6 2AB" and "var" not in read.shown + read.hidden


def test_what_a_style_hides_is_read_apart_so_it_fuses_no_words():
    read = read_html('<p>167 Bi<span style="display:none">zzz</span>rch Terrace</p>')
    assert _visible(read.shown).strip() == "167 Birch Terrace" and read.hidden == "zzz"
    assert read_html('<div hidden>LS6 2AB</div>ok').hidden == "LS6 2AB"


@pytest.mark.parametrize("style", ["display:none", "DISPLAY: NONE !important", "visibility:hidden", "font-size:0",
                                   "font-size: 0px", "opacity:0", "opacity: 0.0", "mso-hide:all", "color:red;display:none"])
def test_each_hiding_style(style: str):
    read = read_html(f'a<span style="{style}">12 Elm <b>Road</b> &amp; co</span>b')
    assert (_visible(read.shown), read.hidden) == ("ab", "12 Elm Road & co")


@pytest.mark.parametrize("markup", ['<span style="font-size:10px">x</span>', '<span style="opacity:0.5">x</span>',
                                    '<span title="hidden">x</span>', '<br style="display:none">x',
                                    '<img style="display:none" alt="y">x'])
def test_styles_that_hide_nothing(markup: str):
    read = read_html(markup)
    assert "x" in read.shown and read.hidden == ""


def test_a_hidden_element_ends_at_its_own_closing_tag_or_the_end():
    read = read_html('<div style="display:none">a<div>b</div>c</div>d<span hidden>never closed')
    assert _visible(read.shown).strip() == "d" and read.hidden == "a b c\nnever closed"
    assert len(read.shown) == len('<div style="display:none">a<div>b</div>c</div>d<span hidden>never closed')


def test_each_value_in_the_tags_once():
    assert read_html("<a href=x>" * 100_000).in_tags == "x"
    assert read_html('<a href="b">1</a><a href="a">2</a><a href="b">3</a>').in_tags == "b\na"


def _visible(shown: str) -> str:
    return shown.replace(INVISIBLE_FILLER, "")


def test_unquoted_attribute_values_are_read_too():
    """`<a href=mailto:jane@example.org>` is as good HTML to a browser as with quotes."""
    assert read_html("<a href=mailto:jane@example.org>write</a>").in_tags == "jane@example.org"
    markup = "Dear<img alt=Jane>Smith"
    assert len(html_to_text(markup)) == len(markup) and shown(markup) == "Dear Jane Smith"


def test_form_values_meta_content_and_labels_are_read():
    markup = '<meta name="author" content="Jane Doe"><input value="LS6 2AB"><option label="12 Elm Road">'
    text = html_to_text(markup)
    assert len(text) == len(markup)
    for shown in ("Jane Doe", "LS6 2AB", "12 Elm Road"):
        assert shown in text


def test_strings_css_puts_on_screen_are_read_and_the_rest_of_the_style_is_not():
    markup = '<style>p { color: red } .a::after { content: "12 Elm Road" }</style><p class="a"></p>'
    text = html_to_text(markup)
    assert len(text) == len(markup) and "12 Elm Road" in text and "color" not in text


def test_outlook_conditional_content_is_read_in_place_and_comments_apart():
    markup = "<!--[if mso]><p>12 Elm Road</p><![endif]--><!-- draft: LS6 2AB -->"
    read = read_html(markup)
    assert len(read.shown) == len(markup) and "12 Elm Road" in read.shown and "endif" not in read.shown
    assert "LS6 2AB" not in read.shown and read.hidden == "draft: LS6 2AB"


@pytest.mark.parametrize(("markup", "hidden"), [
    ("a<!-- <p>Flat 15,</p><p>10 Westfield Avenue</p> -->b", "Flat 15, 10 Westfield Avenue"),
    ("a<!-- new address &amp; phone: LS6 2AB", "new address & phone: LS6 2AB"),  # never closed: to the end
    ("a<!---->b<!-->c<!-- -->d", ""),
    ("<!-- x <a <b> y -->", "x y"),
])
def test_a_comment_is_not_on_screen_but_its_text_is_read_as_hidden(markup, hidden):
    read = read_html(markup)
    assert read.hidden == hidden and len(read.shown) == len(markup)
    assert not {"Flat", "LS6", "x"} & set(_visible(read.shown).split())


def test_hostile_markup_costs_no_more_than_its_size():
    import time

    for hostile in ["<!--" * 250_000, "<script>" * 125_000, "<a" * 500_000, "< " * 500_000 + ">",
                    '<a alt="' * 200_000, "<!--[if" * 150_000]:
        started = time.monotonic()
        assert len(html_to_text(hostile)) == len(hostile)
        assert time.monotonic() - started < 2.0, hostile[:10]


def test_a_comment_opened_inside_a_script_does_not_hide_what_follows():
    assert "12 Elm Road" in html_to_text('<script>var a = "<!--";</script><p>12 Elm Road</p><!-- x -->')
