"""The contract is a file: openapi/openapi.json must be what the app serves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openapi_spec_validator import validate

from app.api.errors import PROBLEM_JSON
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


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def _committed() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(CONTRACT.read_text())
    return document


def test_the_contract_is_valid_openapi() -> None:
    validate(_committed())


def test_every_error_response_is_a_problem_document() -> None:
    wrong = [
        f"{method.upper()} {path} {status}: {sorted(response.get('content', {}))}"
        for path, method, operation in _operations(_committed())
        for status, response in operation["responses"].items()
        if status[:1] in ("4", "5") and set(response.get("content", {})) != {PROBLEM_JSON}
    ]

    assert not wrong, "error responses documented as something else than problem+json"


def test_every_operation_documents_a_success_and_its_errors_name_the_problem_schema() -> None:
    for path, method, operation in _operations(_committed()):
        statuses = operation["responses"].keys()
        assert any(status.startswith(("2", "3")) for status in statuses), (method, path)
        for status in statuses:
            if status[:1] in ("4", "5"):
                media = operation["responses"][status]["content"][PROBLEM_JSON]
                assert media["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_every_schema_property_is_described() -> None:
    schemas = _committed()["components"]["schemas"]

    undescribed = [
        f"{name}.{prop}"
        for name, schema in schemas.items()
        for prop, spec in schema.get("properties", {}).items()
        if not spec.get("description")
    ]

    assert not undescribed, f"add Field(description=...) to: {', '.join(undescribed)}"


def test_every_request_body_has_an_example() -> None:
    schemas = _committed()["components"]["schemas"]

    def has_example(media: dict[str, Any]) -> bool:
        if "example" in media or media.get("examples"):
            return True
        schema = media.get("schema", {})
        ref = schema.get("$ref", "")
        target = schemas.get(ref.rsplit("/", 1)[-1], {}) if ref else schema
        return bool(target.get("examples") or "example" in target)

    missing = [
        f"{method.upper()} {path} ({media_type})"
        for path, method, operation in _operations(_committed())
        for media_type, media in operation.get("requestBody", {}).get("content", {}).items()
        if not has_example(media)
    ]

    assert not missing, f"request bodies without an example: {missing}"


def test_the_automatic_validation_schemas_are_gone() -> None:
    schemas = _committed()["components"]["schemas"]

    assert "HTTPValidationError" not in schemas
    assert "Problem" in schemas


def test_document_problems_rewrites_fastapis_own_error_responses() -> None:
    from fastapi import Depends, FastAPI
    from fastapi.security import HTTPBearer

    from app.api.errors import document_problems

    app = FastAPI()

    @app.get("/things/{thing_id}", dependencies=[Depends(HTTPBearer())])
    async def thing(thing_id: int) -> dict[str, int]:
        return {"id": thing_id}

    document_problems(app)
    document = app.openapi()
    document = app.openapi()  # twice: the rewrite is idempotent

    responses = document["paths"]["/things/{thing_id}"]["get"]["responses"]
    problem_ref = {"$ref": "#/components/schemas/Problem"}
    assert responses["422"]["content"] == {PROBLEM_JSON: {"schema": problem_ref}}
    assert responses["429"]["headers"]["Retry-After"]["schema"]["type"] == "integer"
    assert "Problem" in document["components"]["schemas"]
    assert "HTTPValidationError" not in document["components"]["schemas"]
    validate(document)
