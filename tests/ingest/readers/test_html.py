from disclosure_guard.ingest.sniff import Format
from disclosure_guard.types import TextPart
from tests.ingest.reading import read_as


def test_an_html_attachment_reads_what_the_browser_can_show():
    data = (b'<html><head><meta name="author" content="Jane Doe"></head><body>'
            b'<div style="display:none">LS6 2AB</div><a href="mailto:jane@example.org">write</a>'
            b'<input value="12 Elm Road"></body></html>')
    [part, links, hidden] = read_as(Format.HTML, "attachment[0]", data)
    assert isinstance(part, TextPart) and isinstance(links, TextPart) and isinstance(hidden, TextPart)
    for shown in ("Jane Doe", "write", "12 Elm Road"):
        assert shown in part.text
    # A link's target is read apart: in place it would split the words around the link; so is
    # what a style hides, which in place would fuse them.
    assert (links.name, links.text) == ("attachment[0] links", "jane@example.org")
    assert (hidden.name, hidden.text) == ("attachment[0] hidden", "LS6 2AB")
