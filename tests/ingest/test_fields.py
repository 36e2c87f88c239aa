import base64

from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.fields import item_from_fields
from disclosure_guard.types import Channel, Recipient, RecipientType


def test_parts_are_named_and_unreadable_attachments_reported():
    item = item_from_fields(
        Channel.LETTER,
        [Recipient(RecipientType.TO, name="A")],
        subject="S",
        body="B",
        body_html="<p>H</p>",
        attachments=[
            Attachment("a.csv", "text/csv", b"name,address\nJane,12 Elm Road"),
            Attachment("b.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
            # 0x81 and 0x8D are undefined even in cp1252, the last charset tried.
            Attachment("c.txt", "text/plain", base64.b64decode("gY0=")),
        ],
    )
    assert [p.name for p in item.parts] == [
        "subject", "body", "body_html", "attachment[0] filename", "attachment[0]", "attachment[1] filename",
        "attachment[2] filename"]
    assert [u.name for u in item.unreadable] == ["attachment[1]", "attachment[2]"]
