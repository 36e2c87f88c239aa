"""The client's models against the live server's OpenAPI page: every field of a server schema the
client mirrors is in the client's model and no other, and every enum lists the same values in the
same order. A change to the wire format on one side only fails here, not at an integrator's."""

from __future__ import annotations

import types
import typing
from enum import StrEnum

import httpx
import pytest
from pydantic import BaseModel

from disclosure_guard_client import models, webhooks

# Each client model and the server schemas it mirrors (CheckResult reads both the decided answer
# and the asynchronous lane's 202).
MIRRORS: dict[type[BaseModel], tuple[str, ...]] = {
    models.Recipient: ("RecipientIn",),
    models.AttachmentIn: ("AttachmentIn",),
    models.CheckRequest: ("CheckRequest",),
    models.Reason: ("ReasonOut",),
    models.FindingParty: ("FindingPartyOut",),
    models.FoundBy: ("FoundByOut",),
    models.Finding: ("FindingOut",),
    models.CheckResult: ("CheckResponse", "PendingCheckResponse"),
    models.FieldError: ("FieldError",),
    models.ApiError: ("ApiError",),
    models.ErrorResponse: ("ErrorResponse",),
}
# What the client reads before the server states it: `review` came with issue 15 and a client
# must work with a guard from before it (the field is then absent and reads as None).
AHEAD_OF_SERVER = {models.CheckResult: {"review"}}


@pytest.fixture(scope="module")
def schemas(server_url: str) -> dict[str, dict]:
    answer = httpx.get(f"{server_url}/openapi.json", timeout=60)
    assert answer.status_code == 200
    return answer.json()["components"]["schemas"]


def _refs(schema: dict) -> list[str]:
    """The component names a property refers to, through anyOf, items and additionalProperties."""
    found = []
    if "$ref" in schema:
        found.append(schema["$ref"].rsplit("/", 1)[-1])
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, ()):
            found += _refs(option)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            found += _refs(schema[key])
    return found


def _classes(annotation: object) -> list[type]:
    """The classes inside a field's annotation: `Annotated[ReasonCode | str, …]` -> ReasonCode, str."""
    if isinstance(annotation, type):
        return [annotation]
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _classes(args[0])
    if origin in (typing.Union, types.UnionType) or origin in (list, dict):
        return [found for arg in args for found in _classes(arg)]
    return []


def _enum_of(schemas: dict[str, dict], prop: dict) -> list[str] | None:
    if "enum" in prop:
        return prop["enum"]
    if "const" in prop:
        return [prop["const"]]
    return next((schemas[name]["enum"] for name in _refs(prop) if "enum" in schemas[name]), None)


@pytest.mark.parametrize("model", list(MIRRORS), ids=lambda m: m.__name__)
def test_the_client_has_every_field_of_the_schemas_it_mirrors_and_no_other(schemas, model):
    server = {name for schema in MIRRORS[model] for name in schemas[schema]["properties"]}
    ahead = AHEAD_OF_SERVER.get(model, set()) - server
    assert set(model.model_fields) == server | ahead, MIRRORS[model]


@pytest.mark.parametrize("model", list(MIRRORS), ids=lambda m: m.__name__)
def test_every_enum_and_nested_model_agrees(schemas, model):
    for name, field in model.model_fields.items():
        props = [schemas[s]["properties"][name] for s in MIRRORS[model] if name in schemas[s]["properties"]]
        for cls in _classes(field.annotation):
            for prop in props:
                if isinstance(cls, type) and issubclass(cls, StrEnum):
                    server_values = _enum_of(schemas, prop)
                    if server_values is None:  # a PendingCheckResponse's decision is null only
                        assert prop.get("type") == "null", (model.__name__, name)
                        continue
                    assert [member.value for member in cls] == server_values, (model.__name__, name)
                elif isinstance(cls, type) and issubclass(cls, BaseModel) and cls in MIRRORS:
                    assert set(MIRRORS[cls]) & set(_refs(prop)), (model.__name__, name, cls.__name__)


def test_the_review_agrees(schemas):
    review = schemas["CheckResponse"]["properties"]["review"]
    (name,) = [ref for ref in _refs(review) if "properties" in schemas[ref]]
    assert set(models.Review.model_fields) == set(schemas[name]["properties"])
    assert [s.value for s in models.ReviewStatus] == _enum_of(schemas, schemas[name]["properties"]["status"])


def test_the_server_has_the_enums_the_client_keeps_for_it(schemas):
    for enum in (models.Decision, models.Channel, models.RecipientType, models.ReasonCode, models.Severity,
                 models.FindingKind, models.PartyRole, models.MatchStrength, models.ReviewStatus, models.CheckStatus):
        assert [member.value for member in enum] == schemas[enum.__name__]["enum"], enum.__name__


def test_the_webhook_payload_agrees(schemas):
    message = schemas["WebhookMessage"]
    assert set(message["properties"]) == {"type", "timestamp", "data"}
    assert [event.value for event in webhooks.WebhookEventType] == schemas["WebhookEvent"]["enum"]
    data = next(ref for ref in _refs(message["properties"]["data"]))
    assert set(webhooks.WebhookData.model_fields) == set(schemas[data]["properties"])
