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
