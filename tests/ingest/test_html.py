from disclosure_guard.ingest.html import html_to_text


def test_offsets_are_offsets_into_the_html():
    for markup in [
        "<p>Flat 3<br>12 Elm Road</p>",
        '<img alt="Jane Doe at 12 Elm Road">',
        '<a href="mailto:jane@example.org">write</a>',
        "Smith &amp; Sons&nbsp;Ltd",
    ]:
        assert len(html_to_text(markup)) == len(markup)


def test_block_tags_become_lines():
    text = html_to_text("<p>Flat 3<br>12 Elm Road</p>")
    assert [line.strip() for line in text.splitlines() if line.strip()] == ["Flat 3", "12 Elm Road"]


def test_alt_text_and_mailto_targets_are_read():
    assert "Jane Doe at 12 Elm Road" in html_to_text('<img alt="Jane Doe at 12 Elm Road">')
    text = html_to_text('<a href="mailto:jane@example.org">write</a>')
    assert "jane@example.org" in text and "mailto" not in text


def test_entities_are_decoded_in_place():
    assert html_to_text("Smith &amp; Sons&nbsp;Ltd") == "Smith &     Sons      Ltd"


def test_text_hidden_by_css_is_still_read_but_scripts_are_not():
    text = html_to_text('<div style="display:none">LS6 2AB</div><script>var a="x";</script><style>p{}</style>')
    assert "LS6 2AB" in text and "var" not in text


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


def test_outlook_conditional_content_is_read_but_comments_are_not():
    markup = "<!--[if mso]><p>12 Elm Road</p><![endif]--><!-- draft: LS6 2AB -->"
    text = html_to_text(markup)
    assert len(text) == len(markup) and "12 Elm Road" in text and "LS6 2AB" not in text and "endif" not in text


def test_hostile_markup_costs_no_more_than_its_size():
    import time

    for hostile in ["<!--" * 250_000, "<script>" * 125_000, "<a" * 500_000, "< " * 500_000 + ">",
                    '<a alt="' * 200_000, "<!--[if" * 150_000]:
        started = time.monotonic()
        assert len(html_to_text(hostile)) == len(hostile)
        assert time.monotonic() - started < 2.0, hostile[:10]


def test_a_comment_opened_inside_a_script_does_not_hide_what_follows():
    assert "12 Elm Road" in html_to_text('<script>var a = "<!--";</script><p>12 Elm Road</p><!-- x -->')
