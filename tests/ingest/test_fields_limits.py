import time

from disclosure_guard.ingest.attachments import Attachment
from disclosure_guard.ingest.fields import item_from_fields
from disclosure_guard.ingest.limits import IngestLimits
from disclosure_guard.types import Channel, Recipient, RecipientType
from tests.ingest.documents import ADDRESS, a_large_pdf

TO = [Recipient(RecipientType.TO, name="Mark Doe")]


def test_an_item_over_the_size_limit_reads_its_text_but_not_its_attachments():
    item = item_from_fields(Channel.EMAIL, TO, body="see attached",
                            attachments=[Attachment("a.txt", "text/plain", ADDRESS.encode() * 100)],
                            limits=IngestLimits(max_item_bytes=1000))
    assert [p.name for p in item.parts] == ["body"]
    assert [(u.name, u.why) for u in item.unreadable] == [
        ("attachment[0]", "the item is larger than 1000 bytes; attachments not read")
    ]


def test_attachments_beyond_the_limit_are_each_unreadable():
    attachments = [Attachment(f"{n}.txt", "text/plain", b"note") for n in range(102)]
    item = item_from_fields(Channel.EMAIL, TO, attachments=attachments)
    assert len([p for p in item.parts if not p.name.endswith(" filename")]) == 100
    assert [(u.name, u.why) for u in item.unreadable] == [
        ("attachment[100]", "more than 100 attachments (archive members included)"),
        ("attachment[101]", "more than 100 attachments (archive members included)"),
    ]


def test_a_20_mb_attachment_is_read_within_the_time_limit():
    data = a_large_pdf(f"She lives at {ADDRESS}", 20 * 1024 * 1024)
    started = time.monotonic()
    item = item_from_fields(Channel.EMAIL, TO, attachments=[Attachment("bundle.pdf", "application/pdf", data)])
    assert time.monotonic() - started < IngestLimits().max_seconds
    assert ADDRESS in {p.name: p.text for p in item.parts}["attachment[0] page 1"]
    assert item.unreadable == ()
