"""The OpenAPI page is the contract integrators read: every reason code and status is listed
there, every answer has a schema, and every error is the one declared shape."""

from __future__ import annotations

import pytest

from disclosure_guard.audit.trail import AuditAction
from disclosure_guard.review.outcome import ReviewStatus
from disclosure_guard.api.schemas import ReadinessStatus
from disclosure_guard.review.relay import RelayError, RelayStatus
from disclosure_guard.types import Channel, Decision, MatchStrength, ReasonCode, Severity


@pytest.fixture(scope="module")
def openapi(server_url):
    import httpx

    answer = httpx.get(f"{server_url}/openapi.json", timeout=60)
    assert answer.status_code == 200
    return answer.json()


def operations(openapi):
    for path, methods in openapi["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


@pytest.mark.parametrize("enum", [ReasonCode, ReviewStatus, RelayStatus, RelayError, ReadinessStatus, Severity,
                                  MatchStrength, Channel, Decision, AuditAction])
def test_every_code_and_status_is_enumerated(openapi, enum):
    assert openapi["components"]["schemas"][enum.__name__]["enum"] == [member.value for member in enum]


def test_the_answers_name_their_enums(openapi):
    schemas = openapi["components"]["schemas"]
    assert schemas["ReasonOut"]["properties"]["code"]["$ref"] == "#/components/schemas/ReasonCode"
    assert schemas["HoldSummary"]["properties"]["status"]["$ref"] == "#/components/schemas/ReviewStatus"
    relay = schemas["HoldSummary"]["properties"]["relay_status"]["anyOf"]
    assert {"$ref": "#/components/schemas/RelayStatus"} in relay
    assert {"$ref": "#/components/schemas/RelayError"} in schemas["HoldSummary"]["properties"]["relay_error"]["anyOf"]
    assert schemas["Readiness"]["properties"]["status"]["$ref"] == "#/components/schemas/ReadinessStatus"


def test_every_success_has_a_schema(openapi):
    for name, operation in operations(openapi):
        # 201 for what a POST creates (a webhook), 200 for everything else.
        success = operation["responses"].get("200") or operation["responses"]["201"]
        schema = success["content"]["application/json"]["schema"]
        assert schema.get("$ref", "").startswith("#/components/schemas/"), name


def test_every_error_is_the_declared_shape(openapi):
    """Each route declares the errors it can give, all as ErrorResponse: no FastAPI default."""
    assert "HTTPValidationError" not in openapi["components"]["schemas"]
    error = {"$ref": "#/components/schemas/ErrorResponse"}
    for name, operation in operations(openapi):
        statuses = {status for status in operation["responses"] if status[0] in "45"}
        for status in statuses - {"503"}:
            assert operation["responses"][status]["content"]["application/json"]["schema"] == error, (name, status)
        if name.split()[1].startswith("/v1/"):
            assert {"401", "403", "422"} <= statuses, name
    responses = {name: set(operation["responses"]) for name, operation in operations(openapi)}
    assert {"404", "409"} <= responses["POST /v1/holds/{check_id}/release"]
    assert {"413", "415"} <= responses["POST /v1/checks/email"]
    assert "404" in responses["GET /v1/checks/{check_id}"]


def test_the_asynchronous_lane_declares_its_202(openapi):
    """A check taken for the asynchronous lane, and its GET until decided, is 202 with a
    Location: a client reading the OpenAPI page knows to poll, and not to send meanwhile."""
    pending = {"$ref": "#/components/schemas/PendingCheckResponse"}
    for name in ("POST /v1/checks", "POST /v1/checks/email", "POST /v1/checks/document", "GET /v1/checks/{check_id}"):
        accepted = dict(operations(openapi))[name]["responses"]["202"]
        assert accepted["content"]["application/json"]["schema"] == pending, name
        assert "Location" in accepted["headers"], name


def test_an_error_answers_in_the_declared_shape(http):
    from disclosure_guard.api.schemas import ErrorResponse

    missing = http.get("/v1/holds")
    assert missing.status_code == 401
    assert ErrorResponse.model_validate(missing.json()).error.code == "missing_api_key"
