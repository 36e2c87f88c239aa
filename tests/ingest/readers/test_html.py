from disclosure_guard.ingest.sniff import Format
from disclosure_guard.types import TextPart
from tests.ingest.reading import read_as


def test_an_html_attachment_reads_what_the_browser_can_show():
    data = (b'<html><head><meta name="author" content="Jane Doe"></head><body>'
            b'<div style="display:none">LS6 2AB</div><a href="mailto:jane@example.org">write</a>'
            b'<input value="12 Elm Road"></body></html>')
    [part] = read_as(Format.HTML, "attachment[0]", data)
    assert isinstance(part, TextPart)
    for shown in ("Jane Doe", "LS6 2AB", "jane@example.org", "12 Elm Road"):
        assert shown in part.text
