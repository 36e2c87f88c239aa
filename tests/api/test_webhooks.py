"""Webhooks over real HTTP on SQLite and PostgreSQL, to a receiver the test starts (a real HTTP
server in a thread): check.held and then hold.released arrive signed as the Standard Webhooks
specification says (verified here with its algorithm written out independently), a receiver
answering 500 is tried again, deliveries pending when a process stops are delivered by the next,
two deliverers on one database send each event once, and only an admin may register a URL, which
must be https to public addresses unless DG_WEBHOOKS_ALLOW_INSECURE (the tests' servers set it)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select

from disclosure_guard.api.app import create_app
from disclosure_guard.db.tables import AuditEventRow, WebhookDeliveryRow
from disclosure_guard.runtime import Runtime
from disclosure_guard.webhooks.delivery import WebhookDeliverer
from disclosure_guard.webhooks.urls import UrlRefused, vet_url
from tests.builders import JANE, a_letter, a_recipient
from tests.conftest import bearer, serving, stopped

JANE_ADDRESS = JANE["addresses"][0]
ALL_EVENTS = ["check.held", "check.blocked", "hold.released", "hold.rejected"]


class Receiver:
    """Records every POST; answers each with the next of `statuses`, then 200."""

    def __init__(self, statuses: tuple[int, ...] = ()) -> None:
        self.statuses = list(statuses)
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/guard"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, within_seconds: float = 30) -> list[tuple[dict[str, str], bytes]]:
        deadline = time.monotonic() + within_seconds
        while len(self.received) < count:
            if time.monotonic() > deadline:
                pytest.fail(f"the receiver got {len(self.received)} deliveries, not {count}, in {within_seconds} s")
            time.sleep(0.1)
        return self.received

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def delivering(runtime: Runtime) -> Runtime:
    """The serving API's deliverer running, as its lifespan started it (another app served on the
    same runtime, as a limits test does, stops it when that app stops)."""
    runtime.webhooks.start()
    return runtime


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    yield made
    made.close()


@pytest.fixture
def paused_webhooks(runtime: Runtime) -> Iterator[Runtime]:
    """The serving API's deliverer stopped: deliveries stay in the outbox until another takes them."""
    with stopped(runtime.webhooks):
        yield runtime


def verified(secret: str, headers: dict[str, str], body: bytes) -> dict:
    """The Standard Webhooks check, written out from the specification: HMAC-SHA256 keyed by the
    base64 after "whsec_", over "{webhook-id}.{webhook-timestamp}.{body}", base64, as "v1,<sig>"
    among the space-separated signatures; and a timestamp within five minutes."""
    key = base64.b64decode(secret.split("_", 1)[1])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    offered = [s.split(",", 1)[1] for s in headers["webhook-signature"].split(" ") if s.startswith("v1,")]
    assert any(hmac.compare_digest(expected, s) for s in offered), "the signature does not verify"
    assert abs(time.time() - int(headers["webhook-timestamp"])) < 300
    return json.loads(body)


def register(http: httpx.Client, keys: dict[str, str], url: str, events: list[str] = ALL_EVENTS) -> dict:
    answer = http.post("/v1/webhooks", json={"url": url, "events": events}, headers=bearer(keys["admin"]))
    assert answer.status_code == 201, answer.text
    return answer.json()


def settled(http: httpx.Client, keys: dict[str, str], webhook_id: str, within_seconds: float = 30) -> list[dict]:
    """The webhook's deliveries once none is pending (the receiver may hear one before its
    deliverer has recorded the answer)."""
    deadline = time.monotonic() + within_seconds
    while True:
        items = http.get(f"/v1/webhooks/{webhook_id}/deliveries", headers=bearer(keys["admin"])).json()["items"]
        if all(d["status"] != "pending" for d in items) or time.monotonic() > deadline:
            return items
        time.sleep(0.1)


def hold_one(http: httpx.Client, keys: dict[str, str], ref: str = "LETTER-1") -> dict:
    letter = a_letter(to=a_recipient("Sam Brown"), mentioning=f"The address is {JANE_ADDRESS}.", external_ref=ref)
    answer = http.post("/v1/checks", json=letter, headers=bearer(keys["submitter"]))
    assert answer.status_code == 200 and answer.json()["decision"] == "hold", answer.text
    return answer.json()


def test_a_receiver_gets_check_held_then_hold_released_signed(register_case, http, keys, receiver):
    register_case()
    webhook = register(http, keys, receiver.url)
    assert webhook["id"].startswith("wh_") and webhook["secret"].startswith("whsec_")
    assert len(base64.b64decode(webhook["secret"].removeprefix("whsec_"))) >= 24
    held = hold_one(http, keys)
    headers, body = receiver.wait_for(1)[0]
    event = verified(webhook["secret"], headers, body)
    assert headers["content-type"] == "application/json" and headers["webhook-id"].startswith("msg_")
    assert event["type"] == "check.held"
    assert event["data"] == {"check_id": held["check_id"], "external_ref": "LETTER-1", "decision": "hold",
                             "review": {"status": "pending", "decided_at": None},
                             "reason_codes": sorted({r["code"] for r in held["reasons"]}),
                             "case_references": ["DA-2026-00017"]}
    # Never the item's content, nor a register value.
    assert JANE_ADDRESS not in body.decode() and "Sam Brown" not in body.decode() and "Jane" not in body.decode()

    released = http.post(f"/v1/holds/{held['check_id']}/release", json={"comment": "Consent on file."},
                         headers=bearer(keys["reviewer"]))
    assert released.status_code == 200
    headers, body = receiver.wait_for(2)[1]
    event = verified(webhook["secret"], headers, body)
    assert event["type"] == "hold.released" and event["data"]["check_id"] == held["check_id"]
    assert event["data"]["review"]["status"] == "released" and event["data"]["review"]["decided_at"]
    assert "Consent" not in body.decode()

    deliveries = settled(http, keys, webhook["id"])
    assert [d["event"] for d in deliveries] == ["hold.released", "check.held"]
    assert all(d["status"] == "delivered" and [a["status_code"] for a in d["attempts"]] == [200] for d in deliveries)


def test_only_the_events_asked_for_are_sent(register_case, http, keys, receiver):
    register_case()
    register(http, keys, receiver.url, ["check.blocked"])
    hold_one(http, keys)
    blocked = http.post("/v1/checks", json=a_letter(to=a_recipient("Mark Doe"), mentioning=f"She moved to {JANE_ADDRESS}."),
                        headers=bearer(keys["submitter"])).json()
    assert blocked["decision"] == "block"
    headers, body = receiver.wait_for(1)[0]
    time.sleep(1.5)
    assert len(receiver.received) == 1
    event = json.loads(body)
    assert event["type"] == "check.blocked" and event["data"]["check_id"] == blocked["check_id"]
    assert event["data"]["review"] is None


def test_a_receiver_answering_500_gets_the_retry(register_case, http, keys, runtime):
    register_case()
    failing = Receiver(statuses=(500,))
    try:
        webhook = register(http, keys, failing.url, ["check.held"])
        hold_one(http, keys)
        first, second = failing.wait_for(2, within_seconds=60)
    finally:
        failing.close()
    assert first[0]["webhook-id"] == second[0]["webhook-id"] and first[1] == second[1]
    verified(webhook["secret"], *second)
    delivery = settled(http, keys, webhook["id"])[0]
    assert delivery["status"] == "delivered"
    assert [(a["status_code"], a["error"]) for a in delivery["attempts"]] == [(500, "http_status"), (200, None)]


def test_deliveries_pending_at_a_stop_are_delivered_after_the_restart(register_case, http, keys, receiver,
                                                                       paused_webhooks):
    register_case()
    webhook = register(http, keys, receiver.url, ["check.held"])
    hold_one(http, keys)
    time.sleep(1.5)  # more than a deliverer's poll: no one is delivering
    assert receiver.received == []
    # A new Runtime on the same database, served by a new app whose lifespan starts its deliverer.
    restarted = dataclasses.replace(paused_webhooks)
    with serving(create_app(runtime=restarted)):
        headers, body = receiver.wait_for(1)[0]
    verified(webhook["secret"], headers, body)
    assert not restarted.webhooks.running


def test_two_deliverers_on_one_database_send_each_event_once(register_case, http, keys, receiver, paused_webhooks):
    register_case()
    register(http, keys, receiver.url, ["check.held"])
    for n in range(4):
        hold_one(http, keys, ref=f"L-{n}")
    replicas = [WebhookDeliverer(paused_webhooks.session_factory, paused_webhooks.vault, paused_webhooks.settings)
                for _ in range(2)]
    for replica in replicas:
        replica.start()
    try:
        receiver.wait_for(4)
        time.sleep(1.5)
    finally:
        for replica in replicas:
            replica.stop()
    ids = [headers["webhook-id"] for headers, _ in receiver.received]
    assert len(ids) == 4 and len(set(ids)) == 4


def test_the_url_is_checked_again_at_delivery(register_case, http, keys, receiver, paused_webhooks):
    register_case()
    webhook = register(http, keys, receiver.url, ["check.held"])
    hold_one(http, keys)
    strict = paused_webhooks.settings.model_copy(update={"webhooks_allow_insecure": False})
    deliverer = WebhookDeliverer(paused_webhooks.session_factory, paused_webhooks.vault, strict)
    assert deliverer.run_once()
    assert receiver.received == []
    delivery = http.get(f"/v1/webhooks/{webhook['id']}/deliveries", headers=bearer(keys["admin"])).json()["items"][0]
    assert delivery["status"] == "pending" and delivery["attempts"][0]["error"] == "webhook_url_insecure"


def test_only_an_admin_manages_webhooks(http, keys, receiver):
    for role in ("submitter", "reviewer", "register_admin", "auditor"):
        answer = http.post("/v1/webhooks", json={"url": receiver.url, "events": ["check.held"]},
                           headers=bearer(keys[role]))
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "forbidden_role"
        assert http.get("/v1/webhooks", headers=bearer(keys[role])).status_code == 403
    assert http.get("/v1/webhooks").status_code == 401


def test_a_webhook_is_listed_without_its_secret_and_deleted_with_an_audit(http, runtime, keys, receiver):
    webhook = register(http, keys, receiver.url, ["check.held", "hold.rejected"])
    listed = http.get("/v1/webhooks", headers=bearer(keys["admin"]))
    assert [w["id"] for w in listed.json()["items"]] == [webhook["id"]]
    assert webhook["secret"] not in listed.text and "secret" not in listed.json()["items"][0]
    deleted = http.delete(f"/v1/webhooks/{webhook['id']}", headers=bearer(keys["admin"]))
    assert deleted.status_code == 200 and deleted.json()["id"] == webhook["id"] and "secret" not in deleted.json()
    assert http.get("/v1/webhooks", headers=bearer(keys["admin"])).json()["items"] == []
    again = http.delete(f"/v1/webhooks/{webhook['id']}", headers=bearer(keys["admin"]))
    assert again.status_code == 404 and again.json()["error"]["code"] == "webhook_not_found"
    with runtime.session_factory() as session:
        actions = session.scalars(select(AuditEventRow.action).order_by(AuditEventRow.id)).all()
        secret_stored = session.scalars(select(WebhookDeliveryRow)).all()
    assert [a for a in actions if a.startswith("webhook.")] == ["webhook.created", "webhook.deleted"]
    assert secret_stored == []


@pytest.mark.parametrize(("body", "code"), [
    ({"url": "ftp://example.org/x", "events": ["check.held"]}, "webhook_url_insecure"),
    ({"url": "https://user:pw@127.0.0.1/x", "events": ["check.held"]}, "webhook_url_invalid"),
    ({"url": "https://127.0.0.1:99999/x", "events": ["check.held"]}, "webhook_url_invalid"),
    ({"url": "http://127.0.0.1/x", "events": ["check.sent"]}, "validation_error"),
    ({"url": "http://127.0.0.1/x", "events": []}, "validation_error"),
    ({"url": "http://127.0.0.1/x", "events": ["check.held", "check.held"]}, "validation_error"),
])
def test_a_bad_registration_is_422(http, keys, body, code):
    answer = http.post("/v1/webhooks", json=body, headers=bearer(keys["admin"]))
    assert answer.status_code == 422 and answer.json()["error"]["code"] == code


def test_without_allow_insecure_only_https_to_public_addresses(runtime, keys):
    strict = dataclasses.replace(runtime, settings=runtime.settings.model_copy(update={"webhooks_allow_insecure": False}))
    with serving(create_app(runtime=strict)) as url, httpx.Client(base_url=url, timeout=60) as http:
        for target, code in (("http://127.0.0.1:8080/hook", "webhook_url_insecure"),
                             ("https://127.0.0.1/hook", "webhook_url_not_public"),
                             ("https://localhost/hook", "webhook_url_not_public"),
                             ("https://10.1.2.3/hook", "webhook_url_not_public"),
                             ("https://[::1]/hook", "webhook_url_not_public"),
                             ("https://169.254.169.254/latest/meta-data", "webhook_url_not_public")):
            answer = http.post("/v1/webhooks", json={"url": target, "events": ["check.held"]},
                               headers=bearer(keys["admin"]))
            assert answer.status_code == 422 and answer.json()["error"]["code"] == code, target


def test_a_public_address_is_connected_to_as_checked():
    target = vet_url("https://93.184.215.14:8443/hooks?x=1", allow_insecure=False)
    assert target.connect_url == "https://93.184.215.14:8443/hooks?x=1"
    assert target.host_header == "93.184.215.14:8443" and target.tls_name == "93.184.215.14"
    local = vet_url("http://localhost:8080/h", allow_insecure=True)
    assert local.host_header == "localhost:8080" and local.tls_name is None
    assert local.connect_url.endswith(":8080/h") and "localhost" not in local.connect_url
    with pytest.raises(UrlRefused):
        vet_url("https://[::ffff:127.0.0.1]/h", allow_insecure=False)
