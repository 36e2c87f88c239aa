from __future__ import annotations

import dataclasses
import json
from email.message import EmailMessage

import httpx
import pytest
from sqlalchemy import select

from disclosure_guard.api.app import create_app
from disclosure_guard.db.tables import CheckRow
from tests.api.test_register import database_dump
from tests.builders import JANE, a_case, a_letter, a_recipient, register_values
from tests.conftest import bearer, serving

JANE_ADDRESS = JANE["addresses"][0]


def test_a_check_can_be_read_again(register_case, submit, http, keys):
    register_case()
    result = submit(a_letter(to=a_recipient("Mark Doe"), mentioning=f"She moved to {JANE_ADDRESS}.",
                             external_ref="DOC-77"))
    again = http.get(f"/v1/checks/{result['check_id']}", headers=bearer(keys["submitter"]))
    assert again.status_code == 200
    assert again.json() == result
    assert result["external_ref"] == "DOC-77"
    missing = http.get("/v1/checks/chk_missing", headers=bearer(keys["submitter"]))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "check_not_found"


def a_message(to: str, cc: str | None = None, bcc: str | None = None, body: str = "", html: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "caseworker@council.example.gov.uk"
    message["To"] = to
    if cc:
        message["Cc"] = cc
    if bcc:
        message["Bcc"] = bcc
    message["Subject"] = "Your case"
    message.set_content(body)
    if html:
        message.add_alternative(html, subtype="html")
    return bytes(message)


def post_email(http, keys, raw: bytes, content_type: str = "message/rfc822") -> httpx.Response:
    return http.post("/v1/checks/email", content=raw,
                     headers={**bearer(keys["submitter"]), "Content-Type": content_type})


def test_raw_email_recipients_and_parts_are_read(register_case, http, keys):
    register_case()
    raw = a_message("Mark Doe <mark.doe@example.net>", html=f"<p>She lives at {JANE_ADDRESS}</p>",
                    body="Please see the HTML version.")
    answer = post_email(http, keys, raw)
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["decision"] == "block"
    assert any(f["part"] == "recipient[0]" for f in result["findings"])


def test_raw_email_cc_and_bcc(register_case, http, keys):
    register_case()
    visible = post_email(http, keys, a_message("Mark Doe <mark.doe@example.net>",
                                               cc="Jane Doe <jane.doe@example.org>", body="Hearing on Monday."))
    assert visible.json()["decision"] == "block"
    hidden = post_email(http, keys, a_message("Mark Doe <mark.doe@example.net>",
                                              bcc="Jane Doe <jane.doe@example.org>", body="Hearing on Monday."))
    assert hidden.json()["decision"] == "allow"


def test_raw_email_with_an_unreadable_attachment_is_held(register_case, http, keys):
    register_case()
    message = EmailMessage()
    message["To"] = "sam@example.com"
    message["Subject"] = "Report"
    message.set_content("See attached.")
    message.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf", filename="report.pdf")
    result = post_email(http, keys, bytes(message)).json()
    assert result["decision"] == "hold"
    assert [r["code"] for r in result["reasons"]] == ["unreadable_content"]


def test_raw_email_errors(http, keys):
    wrong_type = post_email(http, keys, b"To: a@example.com\n\nhi", content_type="application/json")
    assert wrong_type.status_code == 415 and wrong_type.json()["error"]["code"] == "unsupported_media_type"
    no_recipients = post_email(http, keys, b"Subject: hi\n\nhello")
    assert no_recipients.status_code == 422 and no_recipients.json()["error"]["code"] == "no_recipients"


def test_bad_check_requests_are_422_with_codes(http, keys):
    headers = bearer(keys["submitter"])
    no_recipients = http.post("/v1/checks", json={"recipients": [], "body": "x"}, headers=headers)
    assert no_recipients.status_code == 422 and no_recipients.json()["error"]["code"] == "validation_error"
    no_content = http.post("/v1/checks", json={"recipients": [{"name": "A"}]}, headers=headers)
    assert no_content.status_code == 422
    bad_base64 = http.post("/v1/checks", json={"recipients": [{"name": "A"}], "attachments": [
        {"filename": "a.txt", "content_base64": "***"}]}, headers=headers)
    assert bad_base64.status_code == 422 and bad_base64.json()["error"]["code"] == "invalid_attachment"
    bad_channel = http.post("/v1/checks", json={"channel": "fax", "recipients": [{"name": "A"}], "body": "x"},
                            headers=headers)
    assert bad_channel.status_code == 422
    not_json = http.post("/v1/checks", content=b"{", headers={**headers, "Content-Type": "application/json"})
    assert not_json.status_code == 422


NO_DISCLOSURE_ITEMS = [
    a_letter(to=a_recipient("Mark Doe"), mentioning=f"She moved to {JANE_ADDRESS}."),
    a_letter(to=a_recipient("Mr Doe"), mentioning="She moved to Flat 3, 12 Elm Rd."),
    a_letter(to=a_recipient("The Occupier", address=JANE_ADDRESS), mentioning="Hello."),
    a_letter(to=a_recipient(email="mark.doe@example.net"), mentioning="Call Jane on 07700 900123."),
    a_letter(to=a_recipient("Mark Doe"), mentioning="Jane was born on 1 April 1990 and goes to Hillside Primary."),
    a_letter(to=a_recipient("Jane Doe", address="45 Victoria Street, Bristol BS1 6AA"), mentioning="LS6 2AB"),
]


@pytest.mark.parametrize("item", NO_DISCLOSURE_ITEMS)
def test_no_response_contains_a_register_value_absent_from_the_request(register_case, submit, http, keys, item):
    case = register_case(a_case())
    result = submit(item)
    request_text = json.dumps(item).lower()
    responses = [json.dumps(result), http.get(f"/v1/checks/{result['check_id']}", headers=bearer(keys["submitter"])).text]
    if result["decision"] == "hold":
        responses.append(http.get(f"/v1/holds/{result['check_id']}", headers=bearer(keys["reviewer"])).text)
    responses.append(http.get("/v1/audit", headers=bearer(keys["auditor"])).text)
    for value in register_values(case):
        for token in {value.lower(), *(_long_words(value))}:
            if token not in request_text:
                for response in responses:
                    assert token not in response.lower(), f"{token!r} leaked"


# Component names in a finding's explanation, not register values.
_EXPLANATION_WORDS = {"street", "town", "number", "postcode", "locality"}


def _long_words(value: str) -> set[str]:
    words = {w.strip(",.").lower() for w in value.split() if len(w.strip(",.")) >= 4}
    return words - _EXPLANATION_WORDS


def test_content_is_kept_only_for_held_and_blocked_items_and_sealed(register_case, submit, runtime):
    register_case()
    allowed = submit(a_letter(to=a_recipient("Sam Brown"), mentioning="The bins move to Tuesday, Sam."))
    blocked = submit(a_letter(to=a_recipient("Mark Doe"), mentioning=f"She moved to {JANE_ADDRESS}."))
    assert allowed["decision"] == "allow" and blocked["decision"] == "block"
    with runtime.session_factory() as session:
        rows = {row.id: row for row in session.scalars(select(CheckRow))}
    assert rows[allowed["check_id"]].sealed_content is None
    assert rows[blocked["check_id"]].sealed_content is not None
    dump = database_dump(runtime)
    for clear in (b"Mark Doe", b"12 Elm Road", b"LS6 2AB", b"Sam Brown", b"Tuesday"):
        assert clear not in dump


def test_a_check_that_overruns_its_deadline_is_held_as_guard_error(runtime, keys, register_case):
    register_case()
    slow = dataclasses.replace(runtime, settings=runtime.settings.model_copy(update={"check_timeout_seconds": 1e-6}))
    with serving(create_app(runtime=slow)) as url:
        answer = httpx.post(f"{url}/v1/checks", headers=bearer(keys["submitter"]), timeout=30,
                            json=a_letter(to=a_recipient("Sam Brown"), mentioning="Nothing sensitive."))
    assert answer.status_code == 200
    assert answer.json()["decision"] == "hold"
    assert [r["code"] for r in answer.json()["reasons"]] == ["guard_error"]


def test_an_oversized_item_is_413_and_nothing_is_stored(http, keys, runtime):
    limit = runtime.settings.max_item_bytes * 4 // 3 + 1024 * 1024
    answer = http.post("/v1/checks", content=b"x" * (limit + 1),
                       headers={**bearer(keys["submitter"]), "Content-Type": "application/json"})
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "item_too_large"
    with runtime.session_factory() as session:
        assert session.scalars(select(CheckRow)).first() is None


def test_a_document_upload_is_checked(register_case, http, keys):
    register_case()
    recipients = json.dumps([{"type": "to", "name": "Mark Doe", "address": "45 Victoria Street, Bristol BS1 6AA"}])
    answer = http.post("/v1/checks/document", headers=bearer(keys["submitter"]),
                       data={"recipients": recipients, "external_ref": "BUNDLE-1"},
                       files={"file": ("report.txt", f"Social worker's report\n\nMother's address: {JANE_ADDRESS}\n".encode(),
                                       "text/plain")})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["decision"] == "block" and result["external_ref"] == "BUNDLE-1"
    assert any(f["part"].startswith("attachment[0]") for f in result["findings"])


def test_a_document_upload_needs_valid_recipients(http, keys):
    for recipients in ("not json", "[]", '[{"type": "fax", "name": "A"}]'):
        answer = http.post("/v1/checks/document", headers=bearer(keys["submitter"]), data={"recipients": recipients},
                           files={"file": ("a.txt", b"hello", "text/plain")})
        assert answer.status_code == 422, recipients
        assert answer.json()["error"]["code"] == "validation_error"
    missing_file = http.post("/v1/checks/document", headers=bearer(keys["submitter"]), data={"recipients": "[]"})
    assert missing_file.status_code == 422


def test_every_finding_says_how_it_was_found_and_which_components_agreed(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient("Mark Doe", address="45 Victoria Street, Bristol BS1 6AA"),
                             mentioning="Ms Doe has moved to Flat 3, 12 Elm Road, Leeds LS6 2AB."))
    in_body = next(f for f in result["findings"] if f["part"] == "body" and f["kind"] == "address")
    assert in_body["found_by"]["recognizer"] == "address" and in_body["found_by"]["pattern"]
    envelope = next(f for f in result["findings"] if f["part"] == "recipient[0]" and f["kind"] == "name")
    assert envelope["found_by"] == {"recognizer": "envelope", "pattern": "name"}
    assert envelope["components"] == {"surname": 1.0, "forename": 1.0}
