"""Small builders that keep tests readable: a_case(...), a_party(...), a_letter(...)."""

from __future__ import annotations

from typing import Any

JANE = {
    "names": ["Jane Elizabeth Doe"],
    "addresses": ["Flat 3, 12 Elm Road, Leeds LS6 2AB"],
    "emails": ["jane.doe@example.org"],
    "phones": ["07700 900123"],
    "dates_of_birth": ["1990-04-01"],
    "other_identifiers": [{"kind": "school", "value": "Hillside Primary School"}],
}
MARK = {
    "names": ["Mark Doe"],
    "addresses": ["45 Victoria Street, Bristol BS1 6AA"],
    "emails": ["mark.doe@example.net"],
    "phones": ["07700 900999"],
}
SOLICITOR = {"name": "Priya Shah", "email": "p.shah@solicitors.example.org"}


def a_party(role: str, label: str = "", **values: Any) -> dict[str, Any]:
    return {"role": role, "label": label, **values}


def a_case(reference: str = "DA-2026-00017", protected: dict | None = None, restricted: dict | None = None,
           trusted: list[dict] | None = None, notes: str = "") -> dict[str, Any]:
    parties = [a_party("protected", "victim", **(JANE if protected is None else protected))]
    parties.append(a_party("restricted", "alleged abuser", **(MARK if restricted is None else restricted)))
    return {"reference": reference, "notes": notes, "parties": parties,
            "trusted_recipients": [SOLICITOR] if trusted is None else trusted}


def a_recipient(name: str | None = None, email: str | None = None, address: str | None = None,
                type: str = "to") -> dict[str, Any]:
    return {k: v for k, v in {"type": type, "name": name, "email": email, "address": address}.items() if v is not None}


def a_letter(to: list[dict] | dict, mentioning: str = "", subject: str | None = None,
             channel: str = "letter", **extra: Any) -> dict[str, Any]:
    recipients = to if isinstance(to, list) else [to]
    body = "Dear Sir or Madam,\n\nThank you for your recent enquiry about the case.\n" + mentioning + \
        "\n\nYours faithfully,\nCaseworker Team"
    letter: dict[str, Any] = {"channel": channel, "recipients": recipients, "body": body, **extra}
    if subject:
        letter["subject"] = subject
    return letter


def register_values(case: dict[str, Any]) -> list[str]:
    """Every register value of a case, for no-disclosure assertions."""
    values: list[str] = []
    for party in case["parties"]:
        for key in ("names", "addresses", "emails", "phones", "dates_of_birth"):
            values.extend(party.get(key, []))
        values.extend(i["value"] for i in party.get("other_identifiers", []))
    for trusted in case.get("trusted_recipients", []):
        values.extend(v for v in trusted.values() if v)
    if case.get("notes"):
        values.append(case["notes"])
    return values


def a_household_case(reference: str = "DA-2026-00031") -> dict[str, Any]:
    """A mother and two children at one safe address, the children at school; their father,
    the restricted party, shares their surname."""
    home = "Flat 15, 10 Westfield Avenue, Sheffield S10 2TN"
    mother = a_party("protected", "victim", names=["Anna Lukas"], addresses=[home], phones=["07700 900456"])
    children = [
        a_party("protected", "child", names=[name], addresses=[home], dates_of_birth=[born],
                other_identifiers=[{"kind": "school", "value": "Crookes Valley Primary School"}])
        for name, born in (("Mia Lukas", "2016-05-12"), ("Oskar Lukas", "2018-09-03"))
    ]
    father = a_party("restricted", "alleged abuser", names=["Damian Lukas"],
                     addresses=["27 Holme Lane, Rotherham S60 1QD"])
    return {"reference": reference, "notes": "", "parties": [mother, *children, father], "trusted_recipients": []}
