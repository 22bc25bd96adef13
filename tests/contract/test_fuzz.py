"""Schemathesis against the app in process, authenticated, over every operation: any input the
schema allows, or breaks, gets an answer that keeps the contract (no 5xx, documented statuses
and media types and headers, responses that match their schemas, input that breaks the schema
refused, a missing key refused). Then the stateful phase: chains of calls that follow the
contract's links (create an interview, read it, change it, log events, delete it, read it
again). Bounded: a fixed number of examples, no network; the app uses its own SQLite file.

One check is left out: that every schema-valid request is accepted. Some rules cannot be
written in JSON Schema (an IANA zone that exists, a country the holidays package knows, a
reply that needs an outcome, an If-Match that is current), so the API rightly refuses some
requests the schema allows.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis.errors import FlakyStrategyDefinition
from schemathesis import checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.stateful import OpenAPIStateMachine

from app.db import migrations
from app.db.session import Database
from app.main import create_app
from app.services.keys import issue_key
from app.settings import Settings

_URL = f"sqlite:///{Path(tempfile.mkdtemp(prefix='fuzz-')) / 'fuzz.db'}"
_db = Database(_URL)
migrations.upgrade(_db.engine)
KEY = issue_key(_db, account="fuzz").key
_db.dispose()
AUTH = {"Authorization": f"Bearer {KEY}"}

app = create_app(Settings(_env_file=None, database_url=_URL, rate_limit=0))  # type: ignore[call-arg]
#: Input that breaks the schema may also be refused as too large (413): a string within its
#: length limit can still take more bytes than the body limit once JSON escapes it.
CONFIG = SchemathesisConfig.from_str(
    """
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422",
                     "428", "429"]
"""
)
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
EXCLUDED = [checks.positive_data_acceptance]


def _auth_for(case: schemathesis.Case) -> dict[str, str]:
    """The key, unless the case leaves ``Authorization`` out on purpose: a negative case whose
    point is the missing header would be made a valid request by adding it back (and then be
    reported as "schema-violating request accepted"). The API must answer it 401."""
    headers = {name.lower() for name in (case.headers or {})}
    removed = case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER)
    return {} if removed and "authorization" not in headers else AUTH


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_contract(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=_auth_for(case), excluded_checks=EXCLUDED)


class Scenarios(schema.as_state_machine()):  # type: ignore[misc]
    def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
        return {"headers": AUTH}

    def validate_response(
        self, response: Any, case: schemathesis.Case, *args: Any, **kwargs: Any
    ) -> None:
        case.validate_response(response, excluded_checks=EXCLUDED, headers=AUTH)


def test_the_links_chain_operations() -> None:
    assert issubclass(Scenarios, OpenAPIStateMachine)
    assert Scenarios.bundles, "the contract's links give the stateful phase something to chain"


def test_stateful_scenarios_keep_the_contract() -> None:
    scenarios = settings(
        max_examples=40,
        stateful_step_count=6,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    try:
        Scenarios.run(settings=scenarios)
    except FlakyStrategyDefinition:
        # Schemathesis's stateful phase now and then draws a link's value with other
        # constraints when Hypothesis replays a case (a known, rare fault of the library, not
        # of the service: no request was answered wrongly). Run the scenarios once more, with
        # new cases; a broken contract still fails, there and here.
        Scenarios.run(settings=scenarios)
