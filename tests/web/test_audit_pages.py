"""The audit trail page and its CSV export over plain HTTP, on both databases: auditors and
admins only (as GET /v1/audit), the filters, pages, a CSV of exactly the filtered rows with
cells that a spreadsheet would run as formulas defused, the feedback note opened for them, and
each export audited."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import select

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.audit.trail import AuditAction, record
from disclosure_guard.db.tables import AuditEventRow
from disclosure_guard.web.audit_view import CSV_COLUMNS, PAGE_SIZE, safe_cell
from tests.web.conftest import login_token, sign_in
from tests.web.test_blocked_pages import block_one


def event_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr data-event-id="(\d+)"', page)]


def _record(runtime, actor: str, action: AuditAction, **kwargs) -> None:  # noqa: ANN003
    with runtime.session_factory() as session, session.begin():
        record(session, Principal(actor, Role.ADMIN), action, **kwargs)


def _all_events(runtime) -> list[AuditEventRow]:
    with runtime.session_factory() as session:
        return list(session.scalars(select(AuditEventRow).order_by(AuditEventRow.id.desc())))


def test_the_audit_trail_is_for_auditors_and_admins(web, people):
    people("rita")
    people("audrey", Role.AUDITOR)
    people("ada", Role.ADMIN)
    assert web.get("/review/audit").headers["location"] == "/review/login"
    assert web.get("/review/audit/export").status_code == 303
    assert sign_in(web, "rita").status_code == 303
    for path in ("/review/audit", "/review/audit/export"):
        refused = web.get(path)
        assert refused.status_code == 403 and 'data-code="forbidden_role"' in refused.text
    web.cookies.clear()
    signed_in = sign_in(web, "audrey")
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/review/audit"  # no queue for them
    page = web.get("/review/audit")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "script-src 'none'" in page.headers["content-security-policy"]
    # An auditor's nav offers the audit trail only; the queue is not theirs.
    assert 'href="/review/audit" aria-current="page"' in page.text and 'href="/review/blocked"' not in page.text
    web.cookies.clear()
    assert sign_in(web, "ada").status_code == 303
    assert web.get("/review/audit").status_code == 200


def test_the_audit_trail_filters_and_pages(web, people, runtime):
    people("audrey", Role.AUDITOR)
    _record(runtime, "importer", AuditAction.CASE_CREATED, case_reference="DA-1")
    _record(runtime, "importer", AuditAction.CASE_REPLACED, case_reference="DA-2")
    _record(runtime, "keeper", AuditAction.APIKEY_CREATED, detail={"name": "mailer"})
    assert sign_in(web, "audrey").status_code == 303
    events = _all_events(runtime)  # newest first: the user made, three events, the sign-in
    ids = [e.id for e in events]
    id_of = {e.action: e.id for e in events}

    everything = web.get("/review/audit")
    assert event_ids(everything.text) == ids
    by_action = web.get("/review/audit", params={"action": "case.created"})
    assert event_ids(by_action.text) == [id_of["case.created"]]
    assert event_ids(web.get("/review/audit", params={"actor": "importer"}).text) == [
        id_of["case.replaced"], id_of["case.created"]]
    assert event_ids(web.get("/review/audit", params={"case": "DA-2"}).text) == [id_of["case.replaced"]]
    assert event_ids(web.get("/review/audit", params={"check": "chk_nothing"}).text) == []
    today = everything.text.split('datetime="')[1][:10]
    assert event_ids(web.get("/review/audit", params={"from": today, "to": today}).text) == ids
    assert event_ids(web.get("/review/audit", params={"to": "2000-01-01"}).text) == []
    filtered = web.get("/review/audit", params={"actor": "importer", "from": today})
    assert f'href="/review/audit/export?actor=importer&amp;from={today}"' in filtered.text

    bad = web.get("/review/audit", params={"action": "case.eaten", "from": "soon", "check": "x" * 81})
    assert bad.status_code == 400 and 'data-code="invalid_filter"' in bad.text
    assert "action &#39;case.eaten&#39; is not one of" in bad.text and "from must be a date" in bad.text
    assert "a check id is at most 80 characters" in bad.text
    refused = web.get("/review/audit/export", params={"action": "case.eaten"})
    assert refused.status_code == 400 and 'data-code="invalid_filter"' in refused.text

    for n in range(PAGE_SIZE):
        _record(runtime, "bulk", AuditAction.CASE_DELETED, case_reference=f"DA-B{n}")
    first = web.get("/review/audit")
    assert len(event_ids(first.text)) == PAGE_SIZE and 'rel="next"' in first.text
    second = web.get("/review/audit", params={"page": 2})
    assert event_ids(second.text) == ids and 'rel="prev"' in second.text


def test_the_csv_export_holds_the_filtered_rows_defused_and_is_audited(web, people, runtime):
    people("audrey", Role.AUDITOR)
    hostile_actor = "=cmd|' /C calc'!A0"
    _record(runtime, hostile_actor, AuditAction.CASE_CREATED, case_reference="DA-1")
    _record(runtime, "+plus", AuditAction.CASE_CREATED, case_reference="DA-2", detail={"note": 'say "hi", then go'})
    _record(runtime, "importer", AuditAction.CASE_DELETED, case_reference="DA-3")
    assert sign_in(web, "audrey").status_code == 303

    export = web.get("/review/audit/export", params={"action": "case.created"})
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    assert re.fullmatch(r'attachment; filename="audit-trail-\d{8}T\d{6}Z\.csv"',
                        export.headers["content-disposition"])
    assert export.headers["cache-control"] == "no-store"
    assert export.text.startswith('"event_id","at","actor"')  # every cell quoted
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["actor"] for r in rows] == ["'+plus", "'" + hostile_actor]  # newest first, defused
    assert [r["case_reference"] for r in rows] == ["DA-2", "DA-1"]
    assert rows[0]["detail"] == '{"note": "say \\"hi\\", then go"}'
    expected = [e for e in _all_events(runtime) if e.action == "case.created"]
    assert [int(r["event_id"]) for r in rows] == [e.id for e in expected]
    assert [r["hash"] for r in rows] == [e.hash for e in expected]

    [exported] = [e for e in _all_events(runtime) if e.action == AuditAction.AUDIT_EXPORTED]
    assert exported.actor_name == "audrey" and '"rows": 2' in exported.detail
    assert '"action": "case.created"' in exported.detail


def test_safe_cell_defuses_every_formula_start():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(start + "1+1") == "'" + start + "1+1"
    assert safe_cell("DA-1") == "DA-1" and safe_cell("") == "" and safe_cell("'=x") == "'=x"


def test_feedback_on_a_block_is_listed_for_auditors_with_its_note(web, people, runtime, register_case, submit):
    people("rita")
    people("audrey", Role.AUDITOR)
    register_case()
    blocked = block_one(submit)
    note = "-1 wrong: the register still has her old flat"
    assert sign_in(web, "rita").status_code == 303
    path = f"/review/blocked/{blocked['check_id']}"
    token = login_token(web.get(path).text)
    assert web.post(f"{path}/feedback", data={"csrf_token": token, "comment": note}).status_code == 303
    web.cookies.clear()

    assert sign_in(web, "audrey").status_code == 303
    page = web.get("/review/audit", params={"action": "block.feedback", "case": "DA-2026-00017"})
    assert len(event_ids(page.text)) == 1 and blocked["check_id"] in page.text
    assert f'<p class="comment" data-field="comment">{note}</p>' in page.text
    assert "comment_sealed" not in page.text
    [row] = csv.DictReader(io.StringIO(web.get("/review/audit/export", params={"action": "block.feedback"}).text))
    assert row["comment"] == "'" + note and row["check_id"] == blocked["check_id"] and row["actor"] == "rita"


def test_an_export_past_its_cap_is_refused_and_names_the_way_out(web, people, runtime, monkeypatch):
    from disclosure_guard.web import audit_view

    people("audrey", Role.AUDITOR)
    for n in range(3):
        _record(runtime, "bulk", AuditAction.CASE_DELETED, case_reference=f"DA-B{n}")
    assert sign_in(web, "audrey").status_code == 303
    monkeypatch.setattr(audit_view, "MAX_EXPORT_ROWS", 2)  # the server runs in this process
    refused = web.get("/review/audit/export", params={"actor": "bulk"})
    assert refused.status_code == 400 and 'data-code="export_too_large"' in refused.text
    assert "narrow the filters" in refused.text
    assert AuditAction.AUDIT_EXPORTED not in {e.action for e in _all_events(runtime)}
    assert web.get("/review/audit/export", params={"actor": "bulk", "case": "DA-B1"}).status_code == 200
