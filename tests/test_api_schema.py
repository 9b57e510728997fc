"""schemathesis against the API's own OpenAPI schema: no generated request may cause a 500.

Every operation of ``/openapi.json`` gets generated requests (hypothesis strategies
from schemathesis); writes are fuzzed too (the token is sent), on a private copy of
the seed record, and analysis does not re-link, to keep the run short.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from onrecord.web import Settings, create_app

TOKEN = "schema-token-123"
pytestmark = pytest.mark.web


def test_no_generated_request_causes_a_server_error(record_copy):
    app = create_app(Settings(db=str(record_copy), token=TOKEN, relink=False))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case):  # type: ignore[no-untyped-def]
            case.call_and_validate(headers={"x-onrecord-token": TOKEN}, checks=[not_a_server_error])

        call()
