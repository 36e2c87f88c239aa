"""Property-based fuzzing of the whole API from its OpenAPI document (Schemathesis), over real
HTTP with a key of each endpoint's role: no input may make it answer 5xx, and every answer must
be a status the operation declares, in the content type and shape declared (issue 12).

Every operation gets the schema's examples, the coverage phase's boundary values (a string one
past its length, one off its pattern, a missing field…) and FUZZ_EXAMPLES generated requests,
valid and invalid. Derandomized, so CI sends the same requests every run. It runs against
PostgreSQL only, to stay within about a minute: PostgreSQL refuses more than SQLite does (a NUL
in a string, a value past its column's length), so a request that breaks SQLite breaks it too."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance,
)

from disclosure_guard.api.app import create_app
from tests.conftest import bearer

FUZZ_EXAMPLES = 10

# The role each endpoint needs; admin may do everything, and is used where no narrower role fits.
ROLE_BY_PREFIX = (
    ("/v1/checks", "submitter"),
    ("/v1/holds", "reviewer"),
    ("/v1/cases", "register_admin"),
    ("/v1/register", "register_admin"),
    ("/v1/audit", "auditor"),
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# The document the app serves at /openapi.json (test_the_fuzzed_document_is_the_served_one);
# built here because Schemathesis makes one test per operation when the module is collected.
DOCUMENT = create_app().openapi()
schema = schemathesis.openapi.from_dict(DOCUMENT)
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=FUZZ_EXAMPLES,
    deterministic=True, database="none",
)
schema.config.phases.update(phases=["examples", "coverage", "fuzzing"])

# A raw message travels as bytes, as any binary body does.
schemathesis.serializer.alias("message/rfc822", "application/octet-stream")


def role_for(path: str) -> str:
    return next((role for prefix, role in ROLE_BY_PREFIX if path.startswith(prefix)), "admin")


@schema.parametrize()
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_no_input_makes_the_api_fail_or_leave_its_schema(case, server_url, keys):
    case.call_and_validate(base_url=server_url, headers=bearer(keys[role_for(case.operation.path)]),
                           checks=CHECKS, timeout=60)


def test_the_fuzzed_document_is_the_served_one(server_url):
    assert httpx.get(f"{server_url}/openapi.json", timeout=60).json() == DOCUMENT
