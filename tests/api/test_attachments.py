"""What travels with the message, end to end: real files through the check API on both
databases, hostile ones included. Each ends in the right decision, never a 500."""

from __future__ import annotations

import json
import time
from email.message import EmailMessage

import pytest

from tests.builders import JANE, a_letter, a_recipient
from tests.conftest import b64, bearer
from tests.ingest import documents

JANE_ADDRESS = JANE["addresses"][0]
MARK = a_recipient("Mark Doe", address="45 Victoria Street, Bristol BS1 6AA")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def with_attachment(filename: str, content_type: str, data: bytes) -> dict:
    item = a_letter(to=MARK, mentioning="Please find the bundle attached.")
    item["attachments"] = [{"filename": filename, "content_type": content_type, "content_base64": b64(data)}]
    return item


def parts_of(result: dict) -> set[str]:
    return {f["part"] for f in result["findings"]}


def test_an_address_pages_deep_in_a_pdf_bundle_is_blocked(register_case, submit):
    register_case()
    pdf = documents.a_pdf("Court bundle index", "Chronology", f"Social worker's report. Mother's address: {JANE_ADDRESS}")
    result = submit(with_attachment("bundle.pdf", "application/pdf", pdf))
    assert result["decision"] == "block"
    assert "attachment[0] page 3" in parts_of(result)


def test_a_tracked_deletion_in_a_docx_still_counts(register_case, submit):
    """A case bundle printed by a system that dropped its redactions."""
    register_case()
    docx = documents.with_member(
        documents.a_docx("Assessment of the family."), "word/document.xml",
        lambda xml: documents.before_section_properties(
            xml, f'<w:p><w:del w:id="1" w:author="x" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>'
                 f'Lives at {JANE_ADDRESS}</w:delText></w:r></w:del></w:p>'))
    result = submit(with_attachment("assessment.docx", DOCX, docx))
    assert result["decision"] == "block"


def test_a_docx_header_with_the_address_is_blocked(register_case, submit):
    register_case()
    docx = documents.a_docx("Dear Mr Doe,", "Please find enclosed.", header=f"Ms J Doe, {JANE_ADDRESS}")
    result = submit(with_attachment("letter.docx", DOCX, docx))
    assert result["decision"] == "block"
    assert any("header" in part for part in parts_of(result))


def test_a_spreadsheet_row_with_the_phone_is_blocked(register_case, submit):
    register_case()
    xlsx = documents.an_xlsx({"Contacts": [["Name", "Phone"], ["Client", "07700 900123"]]})
    result = submit(with_attachment("contacts.xlsx", XLSX, xlsx))
    assert result["decision"] == "block"
    assert any("sheet Contacts" in part for part in parts_of(result))


def test_a_zip_of_documents_is_read_recursively(register_case, submit):
    register_case()
    inner = documents.a_pdf(f"Address: {JANE_ADDRESS}")
    archive = documents.a_zip({"bundle/report.pdf": inner, "bundle/readme.txt": b"see report"})
    result = submit(with_attachment("bundle.zip", "application/zip", archive))
    assert result["decision"] == "block"
    assert any(part.startswith("attachment[0]/bundle/report.pdf") for part in parts_of(result))


HOSTILE = [
    ("zip bomb", "bomb.zip", "application/zip", documents.a_zip_bomb, "decompresses"),
    ("truncated PDF", "cut.pdf", "application/pdf", lambda: documents.a_pdf("Hello")[:-200], "truncated"),
    ("encrypted PDF", "locked.pdf", "application/pdf",
     lambda: documents.encrypted(documents.a_pdf(f"Address: {JANE_ADDRESS}"), "secret"), "encrypted"),
    ("scanned PDF", "scan.pdf", "application/pdf", lambda: documents.a_pdf("", pictures_on=(0,)), "no text layer"),
    ("deep archives", "deep.zip", "application/zip",
     lambda: documents.nested_zips(5, {"a.txt": b"hello"}), "nested deeper"),
    ("unknown format", "data.bin", "application/octet-stream", lambda: bytes(range(256)) * 10, "format"),
]


@pytest.mark.parametrize(("label", "filename", "content_type", "make", "why"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_attachments_are_held_as_unreadable(register_case, submit, runtime, label, filename, content_type,
                                                    make, why):
    register_case()
    item = with_attachment(filename, content_type, make())
    item["recipients"] = [a_recipient("Sam Brown")]
    started = time.monotonic()
    result = submit(item)
    assert time.monotonic() - started < runtime.settings.max_read_seconds + runtime.settings.check_timeout_seconds
    assert result["decision"] == "hold"
    reasons = [r for r in result["reasons"] if r["code"] == "unreadable_content"]
    assert reasons and why in " ".join(r["message"] for r in reasons)


def test_fifty_levels_of_nested_mime_are_held(register_case, http, keys):
    register_case()
    message = EmailMessage()
    message["To"] = "sam@example.com"
    message.set_content("innermost")
    for _ in range(50):
        outer = EmailMessage()
        outer["To"] = "sam@example.com"
        outer.set_content("forwarding")
        outer.add_attachment(message)
        message = outer
    answer = http.post("/v1/checks/email", content=bytes(message),
                       headers={**bearer(keys["submitter"]), "Content-Type": "message/rfc822"})
    assert answer.status_code == 200
    result = answer.json()
    assert result["decision"] == "hold"
    assert "nested deeper" in json.dumps(result["reasons"])


def test_a_20_mb_attachment_is_read_within_the_limits(register_case, http, keys):
    register_case()
    pdf = documents.a_large_pdf(f"Address: {JANE_ADDRESS}", 20 * 1024 * 1024)
    answer = http.post("/v1/checks/document", headers=bearer(keys["submitter"]),
                       data={"recipients": json.dumps([MARK])},
                       files={"file": ("large.pdf", pdf, "application/pdf")})
    assert answer.status_code == 200, answer.text
    assert answer.json()["decision"] == "block"
