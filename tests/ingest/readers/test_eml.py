from email.message import EmailMessage

from disclosure_guard.ingest.sniff import Format
from disclosure_guard.types import TextPart, UnreadablePart
from tests.ingest.documents import ADDRESS, a_docx
from tests.ingest.reading import read_as


def test_an_eml_attachment_is_headers_body_and_attachments_under_its_name():
    message = EmailMessage()
    message["From"] = "Jane Doe <jane.doe@example.org>"
    message["To"] = "caseworker@council.example.gov.uk"
    message["Subject"] = "My new address"
    message.set_content(f"I now live at {ADDRESS}.")
    message.add_alternative(f"<p>I now live at <b>{ADDRESS}</b>.</p>", subtype="html")
    message.add_attachment(a_docx(ADDRESS), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="tenancy.docx")
    parts = read_as(Format.EML, "attachment[0]", bytes(message))
    found = {p.name: p.text for p in parts if isinstance(p, TextPart)}
    assert "jane.doe@example.org" in found["attachment[0] headers"]
    assert "My new address" in found["attachment[0] headers"]
    assert ADDRESS in found["attachment[0] body"]
    assert ADDRESS in found["attachment[0] body[1]"]
    assert ADDRESS in found["attachment[0]/attachment[0]"]
    assert not [p for p in parts if isinstance(p, UnreadablePart)]
