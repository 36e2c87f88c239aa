"""Every row of the default decision table, over real HTTP, on both databases."""

from __future__ import annotations

import base64

from tests.builders import a_case, a_household_case, a_letter, a_recipient

JANE_ADDRESS = "Flat 3, 12 Elm Road, Leeds LS6 2AB"
MARK_ADDRESS = "45 Victoria Street, Bristol BS1 6AA"


def codes(result: dict) -> list[str]:
    return [r["code"] for r in result["reasons"]]


# ---- 1. block: protected contact to a restricted recipient


def test_protected_address_to_restricted_recipient_is_blocked(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient("Mark Doe", address=MARK_ADDRESS),
                             mentioning=f"Ms Doe has moved to {JANE_ADDRESS}."))
    assert result["decision"] == "block"
    assert codes(result)[0] == "protected_contact_to_restricted"
    reason = result["reasons"][0]
    assert reason["case_reference"] == "DA-2026-00017"
    cited = [result["findings"][i] for i in reason["finding_ids"]]
    assert any(f["kind"] == "address" and f["party_role"] == "protected" for f in cited)


def test_restricted_address_makes_any_name_on_the_envelope_restricted(register_case, submit):
    """The victim's letter posted to the old shared home, where the abuser still lives."""
    register_case()
    result = submit(a_letter(to=a_recipient("Jane Doe", address=MARK_ADDRESS),
                             mentioning=f"We confirm your new tenancy at {JANE_ADDRESS}."))
    assert result["decision"] == "block"
    assert codes(result)[0] == "protected_contact_to_restricted"


def test_protected_phone_emailed_to_restricted_email_is_blocked(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient(email="mark.doe@example.net"), channel="email",
                             mentioning="You can reach her on 07700 900123."))
    assert result["decision"] == "block"


def test_protected_identifier_to_restricted_is_blocked(register_case, submit):
    """The adoption bundle naming the children's school, sent to the birth father."""
    register_case()
    result = submit(a_letter(to=a_recipient("Mark Doe"), mentioning="The children attend Hillside Primary School."))
    assert result["decision"] == "block"
    assert any(f["kind"] == "identifier" for f in result["findings"])


def test_visible_cc_shows_the_protected_email_to_the_restricted_recipient(register_case, submit):
    register_case()
    item = a_letter(to=[a_recipient("Mark Doe", email="mark.doe@example.net"),
                        a_recipient("Jane Doe", email="jane.doe@example.org", type="cc")],
                    channel="email", mentioning="The hearing is on Monday.")
    result = submit(item)
    assert result["decision"] == "block"
    cited = [result["findings"][i] for i in result["reasons"][0]["finding_ids"]]
    assert any(f["part"] == "recipient[1]" and f["kind"] == "email" for f in cited)


def test_bcc_does_not_show_the_protected_email_to_other_recipients(register_case, submit):
    register_case()
    item = a_letter(to=[a_recipient("Mark Doe", email="mark.doe@example.net"),
                        a_recipient("Jane Doe", email="jane.doe@example.org", type="bcc")],
                    channel="email", mentioning="The hearing is on Monday.")
    assert submit(item)["decision"] == "allow"


# ---- 2. hold: uncertain restricted recipient


def test_weakly_matching_restricted_recipient_is_held_not_blocked(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient("Mr Doe"), mentioning=f"She now lives at {JANE_ADDRESS}."))
    assert result["decision"] == "hold"
    assert "uncertain_restricted_recipient" in codes(result)


# ---- 3. hold: protected person named to a restricted recipient


def test_protected_name_to_restricted_recipient_is_held(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient("Mark Doe", address=MARK_ADDRESS),
                             mentioning="We have spoken to Jane Doe about the hearing."))
    assert result["decision"] == "hold"
    assert codes(result)[0] == "protected_person_to_restricted"


def test_a_vague_name_shared_by_many_register_parties_is_still_held_when_sent_to_her_abuser(register_case, submit):
    """Victims often share the abuser's surname: "Mrs J. Doe" to Mark Doe, on a register with
    thirty other J. Does, is read in the context of his case."""
    namesakes = [a_case(f"DA-2026-9{i:03}", protected={"names": [f"Jo{'a' * i}n Doe"]},
                        restricted={"names": [f"Other{'x' * i} Person"]}, trusted=[]) for i in range(30)]
    register_case(a_case(), *namesakes)
    result = submit(a_letter(to=a_recipient("Mark Doe", address=MARK_ADDRESS),
                             mentioning="We have spoken to Mrs J. Doe about the hearing."))
    assert result["decision"] == "hold"
    assert codes(result)[0] == "protected_person_to_restricted"
    assert {r["case_reference"] for r in result["reasons"]} == {"DA-2026-00017"}


def test_protected_date_of_birth_to_restricted_recipient_is_held(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient("Mark Doe"), mentioning="The applicant was born on 01/04/1990."))
    assert result["decision"] == "hold"
    assert codes(result)[0] == "protected_person_to_restricted"


# ---- 4. hold: protected contact disclosed to a third party


def test_protected_address_to_a_third_party_is_held(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient("Sam Brown", address="7 Oak Avenue, York YO1 7HH"),
                             mentioning=f"The tenant's address is {JANE_ADDRESS}."))
    assert result["decision"] == "hold"
    assert codes(result)[0] == "protected_contact_disclosed"


def test_protected_address_to_a_trusted_recipient_is_allowed(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient("Priya Shah", email="p.shah@solicitors.example.org"), channel="email",
                             mentioning=f"Your client's address is {JANE_ADDRESS}."))
    assert result["decision"] == "allow", result


def test_protected_party_written_to_at_her_own_address_is_allowed(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient("Jane Doe", address=JANE_ADDRESS),
                             mentioning=f"We have updated your address to {JANE_ADDRESS}."))
    assert result["decision"] == "allow", result


# ---- 5. hold: recipient at a protected address


def test_someone_else_at_the_protected_address_is_held(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient("The Occupier", address=JANE_ADDRESS), mentioning="Council tax reminder."))
    assert result["decision"] == "hold"
    assert "recipient_at_protected_address" in codes(result)


# ---- 6. hold: unreadable content


def test_an_attachment_the_guard_cannot_read_is_held(register_case, submit):
    register_case()
    item = a_letter(to=a_recipient("Sam Brown"), mentioning="Please see the attached report.")
    item["attachments"] = [{"filename": "report.pdf", "content_type": "application/pdf",
                            "content_base64": base64.b64encode(b"%PDF-1.7 binary").decode()}]
    result = submit(item)
    assert result["decision"] == "hold"
    assert codes(result) == ["unreadable_content"]
    assert "attachment[0]" in result["reasons"][0]["message"]


def test_a_text_attachment_is_read(register_case, submit):
    register_case()
    item = a_letter(to=a_recipient("Mark Doe"), mentioning="See attached.")
    item["attachments"] = [{"filename": "notes.txt", "content_type": "text/plain",
                            "content_base64": base64.b64encode(f"Address: {JANE_ADDRESS}".encode()).decode()}]
    result = submit(item)
    assert result["decision"] == "block"
    assert any(f["part"] == "attachment[0]" for f in result["findings"])


# ---- 7. allow


def test_restricted_party_written_to_about_his_own_affairs_is_allowed(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient("Mark Doe", address=MARK_ADDRESS),
                             mentioning=f"Your repair at {MARK_ADDRESS} is booked."))
    assert result["decision"] == "allow", result


def test_an_unrelated_letter_is_allowed(register_case, submit):
    register_case()
    result = submit(a_letter(to=a_recipient("Sam Brown", address="7 Oak Avenue, York YO1 7HH"),
                             mentioning="Your bin collection moves to Tuesday."))
    assert result == {**result, "decision": "allow", "reasons": [], "findings": []}


def test_html_body_is_read(register_case, submit):
    register_case()
    item = {"channel": "email", "recipients": [a_recipient("Mark Doe")],
            "body_html": f"<p>Hello,</p><p>She moved to <b>{JANE_ADDRESS}</b></p>"}
    result = submit(item)
    assert result["decision"] == "block"
    finding = next(f for f in result["findings"] if f["part"] == "body_html")
    assert item["body_html"][finding["start"]:finding["end"]].replace("<b>", "   ").startswith(finding["text"][:5])


def test_findings_point_at_the_submitted_text(register_case, submit):
    register_case()
    item = a_letter(to=a_recipient("Mark Doe"), mentioning=f"She moved to {JANE_ADDRESS}.")
    result = submit(item)
    for finding in result["findings"]:
        if finding["part"] == "body":
            assert item["body"][finding["start"]:finding["end"]] == finding["text"]


# ---- households, quasi-identifiers, the envelope (issue 10)

HOUSEHOLD_ADDRESS = "Flat 15, 10 Westfield Avenue, Sheffield S10 2TN"
FATHER_ADDRESS = "27 Holme Lane, Rotherham S60 1QD"


def test_the_mother_written_to_at_the_home_she_shares_with_her_children_is_allowed(register_case, submit):
    register_case(a_household_case())
    result = submit(a_letter(to=a_recipient("Anna Lukas", address=HOUSEHOLD_ADDRESS),
                             mentioning=f"Your tenancy at {HOUSEHOLD_ADDRESS} for you, Mia and Oskar Lukas is renewed."))
    assert result["decision"] == "allow", result


def test_the_household_address_to_the_father_is_blocked_with_one_finding_for_all_three(register_case, submit):
    register_case(a_household_case())
    result = submit(a_letter(to=a_recipient("Damian Lukas", address=FATHER_ADDRESS),
                             mentioning=f"The family now live at {HOUSEHOLD_ADDRESS}."))
    assert result["decision"] == "block"
    in_body = [f for f in result["findings"] if f["kind"] == "address" and f["part"] == "body"]
    assert len(in_body) == 1
    assert [p["index"] for p in in_body[0]["parties"]] == [0, 1, 2]


def test_the_school_written_to_about_itself_is_allowed(register_case, submit):
    register_case(a_household_case())
    result = submit(a_letter(to=a_recipient("Crookes Valley Primary School", email="office@crookesvalley.example.sch.uk"),
                             mentioning="Crookes Valley Primary School: your inspection visit is confirmed for 3 March."))
    assert result["decision"] == "allow", result


def test_the_school_mentioned_with_nothing_tying_it_to_the_child_is_allowed(register_case, submit):
    register_case(a_household_case())
    result = submit(a_letter(to=a_recipient("Peter Hale", address="4 Mill Road, Leeds LS2 7QT"),
                             mentioning="The charity run will finish at Crookes Valley Primary School."))
    assert result["decision"] == "allow", result


def test_the_school_tied_to_the_child_for_a_third_party_is_held(register_case, submit):
    register_case(a_household_case())
    result = submit(a_letter(to=a_recipient("Peter Hale", address="4 Mill Road, Leeds LS2 7QT"),
                             mentioning="Mia Lukas now attends Crookes Valley Primary School."))
    assert result["decision"] == "hold"
    assert "protected_contact_disclosed" in codes(result)


def test_the_victim_addressed_at_the_abusers_address_is_held(register_case, submit):
    """A letter goes to an address, not a person: whoever opens it at the old shared home reads
    her name, even when it carries nothing else of hers."""
    register_case(a_household_case())
    result = submit(a_letter(to=a_recipient("Mrs Anna Lukas", address=FATHER_ADDRESS),
                             mentioning="Your appointment is on Tuesday at 10am."))
    assert result["decision"] == "hold", result
    assert "protected_party_at_restricted_address" in codes(result)


def test_the_school_written_to_about_the_child_is_allowed(register_case, submit):
    register_case(a_household_case())
    result = submit(a_letter(to=a_recipient("Crookes Valley Primary School", email="office@crookesvalley.example.sch.uk"),
                             mentioning="Mia Lukas will be absent from Crookes Valley Primary School on Friday."))
    assert result["decision"] == "allow", result


def test_the_school_on_a_visible_cc_line_to_the_father_is_blocked(register_case, submit):
    register_case(a_household_case())
    result = submit(a_letter(to=[a_recipient("Damian Lukas", address=FATHER_ADDRESS),
                                 a_recipient("Crookes Valley Primary School", type="cc")],
                             mentioning="The contact arrangements are attached."))
    assert result["decision"] == "block", result
    assert any(f["kind"] == "identifier" and f["part"] == "recipient[1]" for f in result["findings"])


def test_the_father_greeted_by_the_surname_his_family_shares_is_allowed(register_case, submit):
    register_case(a_household_case())
    letter = a_letter(to=a_recipient("Damian Lukas", address=FATHER_ADDRESS), mentioning="")
    letter["body"] = (f"Mr D Lukas\n{FATHER_ADDRESS}\n\nDear Mr Lukas,\n\nYour appointment at the "
                      "housing office is on 4 December at 10am.\n\nYours sincerely,\nLettings Team")
    assert submit(letter)["decision"] == "allow"


def test_the_father_told_his_childs_name_is_still_held(register_case, submit):
    register_case(a_household_case())
    result = submit(a_letter(to=a_recipient("Damian Lukas", address=FATHER_ADDRESS),
                             mentioning="Dear Mr Lukas, Mia Lukas has asked not to attend contact."))
    assert result["decision"] == "hold"
    assert codes(result)[0] == "protected_person_to_restricted"


def test_a_party_the_register_says_lives_apart_is_not_told_the_households_address(register_case, submit):
    case = a_household_case()
    case["parties"].append({"role": "protected", "label": "adult son", "names": ["Tomasz Lukas"],
                            "addresses": ["3 Park Row, Leeds LS1 5HD"], "shares_household": False})
    register_case(case)
    result = submit(a_letter(to=a_recipient("Tomasz Lukas", address="3 Park Row, Leeds LS1 5HD"),
                             mentioning=f"Your mother's new address is {HOUSEHOLD_ADDRESS}."))
    assert result["decision"] == "hold"
    assert "protected_contact_disclosed" in codes(result)
