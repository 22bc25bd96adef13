"""Schemathesis against the app in process: any input the schema allows, or breaks, gets an
answer that keeps the contract (no 5xx, documented statuses and media types, responses that
match their schemas, input that breaks the schema refused). Bounded: a fixed number of
examples per operation, no network.

One check is left out: that every schema-valid request is accepted. Some rules cannot be
written in JSON Schema (an IANA zone that exists, a country the holidays package knows, a
reply that needs an outcome), so the API rightly refuses some requests the schema allows.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from app.main import create_app

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


@schema.parametrize()
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_contract(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=[checks.positive_data_acceptance])
