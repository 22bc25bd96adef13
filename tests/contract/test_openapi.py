"""The contract is a file: openapi/openapi.json must be what the app serves."""

from __future__ import annotations

import json
from pathlib import Path

from app.main import create_app

CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


def test_the_committed_contract_matches_the_app() -> None:
    committed = json.loads(CONTRACT.read_text())
    served = json.loads(json.dumps(create_app().openapi(), sort_keys=True))

    assert served == committed, "the API's schema drifted: run `make openapi` and review the diff"


def test_operation_ids_are_stable_names() -> None:
    document = create_app().openapi()

    ids = {op["operationId"] for path in document["paths"].values() for op in path.values()}

    assert {"create_plan", "list_policies", "healthz"} <= ids


def test_the_plan_body_is_documented() -> None:
    operation = create_app().openapi()["paths"]["/v1/plans"]["post"]

    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/PlanRequest"}
    assert {"200", "400", "413", "415", "422"} <= operation["responses"].keys()


def test_the_documented_example_is_the_example_file() -> None:
    from app.api.examples import PLAN_EXAMPLE

    example_file = CONTRACT.parent.parent / "examples" / "interview.json"
    operation = create_app().openapi()["paths"]["/v1/plans"]["post"]

    documented = operation["requestBody"]["content"]["application/json"]["example"]
    # The OpenAPI document leaves out null members: null and absent mean the same here.
    assert documented == {key: value for key, value in PLAN_EXAMPLE.items() if value is not None}
    assert json.loads(example_file.read_text()) == PLAN_EXAMPLE
