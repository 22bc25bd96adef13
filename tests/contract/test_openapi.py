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


def _reachable(schemas: dict[str, Any], start: Any) -> set[str]:
    """The components ``start`` refers to, and those they refer to, and so on."""
    found: set[str] = set()
    stack = [start]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str):
                name = ref.rsplit("/", 1)[-1]
                if name not in found:
                    found.add(name)
                    stack.append(schemas[name])
            stack.extend(value for key, value in item.items() if key != "$ref")
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _request_schemas(document: dict[str, Any]) -> set[str]:
    bodies = [operation.get("requestBody", {}) for _, _, operation in _operations(document)]
    return _reachable(document["components"]["schemas"], bodies)


def _response_schemas(document: dict[str, Any]) -> set[str]:
    answers = [operation["responses"] for _, _, operation in _operations(document)]
    return _reachable(document["components"]["schemas"], answers)


def test_request_bodies_have_no_defaults_that_generators_read_as_required() -> None:
    # openapi-typescript (default options) types a property with a default as always present.
    document = _committed()
    schemas = document["components"]["schemas"]

    with_default = [
        f"{name}.{prop} (default {spec['default']!r})"
        for name in sorted(_request_schemas(document))
        for prop, spec in schemas[name].get("properties", {}).items()
        if "default" in spec
    ]

    assert not with_default, f"request properties with a default: {with_default}"


def test_a_request_default_other_than_null_is_said_in_the_description() -> None:
    schemas = _committed()["components"]["schemas"]

    assert schemas["ContactIn"]["properties"]["role"]["description"].endswith("Default: `other`.")
    assert schemas["InterviewIn"]["properties"]["duration_minutes"]["description"].endswith(
        "Default: `60`."
    )
    assert "events" not in schemas["PlanRequest"]["required"]


#: Response properties the service may leave out: a policy override is sent only when the
#: client set it; a problem lists fields only when fields are at fault.
_SOMETIMES_SENT = {
    "PolicyOverrides": {
        "thank_you_within_hours",
        "follow_up_after_deadline",
        "follow_up_without_timeline",
        "final_follow_up_after",
        "escalation",
        "escalation_after",
        "move_on_after",
        "business_hours_start",
        "business_hours_end",
    },
    "Problem": {"errors"},
}


def test_responses_require_every_field_the_service_always_sends() -> None:
    document = _committed()
    schemas = document["components"]["schemas"]

    optional = {
        name: set(schemas[name].get("properties", {})) - set(schemas[name].get("required", []))
        for name in _response_schemas(document)
    }

    assert {name: props for name, props in optional.items() if props} == _SOMETIMES_SENT
    assert {"candidate", "contacts", "id", "plan", "policy_overrides"} <= set(
        schemas["InterviewOut"]["required"]
    )


def test_a_model_in_requests_and_responses_has_a_response_copy_with_its_fields_required() -> None:
    document = _committed()
    schemas = document["components"]["schemas"]
    interview = schemas["InterviewOut"]["properties"]

    assert interview["candidate"]["$ref"] == "#/components/schemas/CandidateIn-Output"
    output = schemas["CandidateIn-Output"]
    assert set(output["required"]) == set(output["properties"]) >= {"name", "email", "phone"}
    assert schemas["CandidateIn"]["required"] == ["name"]
    assert "CandidateIn-Output" in _response_schemas(document)
    assert "CandidateIn-Output" not in _request_schemas(document)
    assert "CandidateIn" not in _response_schemas(document)
