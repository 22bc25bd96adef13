"""JSON request bodies validated straight from bytes.

FastAPI's own body handling parses JSON into Python objects and then validates them; pydantic
validates the raw bytes in one pass (``model_validate_json``), about five times faster for a
plan request. Routes read their body with :func:`parse_body`, declare it with
:func:`json_body`, and :func:`add_body_schemas` puts those models in the OpenAPI document.
"""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)

_BODY_MODELS: dict[str, type[BaseModel]] = {}
_REF = "#/components/schemas/{model}"


def json_body(
    model: type[BaseModel], *, description: str = "", example: dict[str, Any] | None = None
) -> dict[str, Any]:
    """``openapi_extra`` for a route whose JSON body is ``model``, with an example to try."""
    _BODY_MODELS[model.__name__] = model
    media: dict[str, Any] = {"schema": {"$ref": _REF.format(model=model.__name__)}}
    if example is not None:
        media["example"] = example
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": media},
        }
    }


def schema_ref(model: type[BaseModel]) -> dict[str, str]:
    """A reference to ``model``'s schema, which :func:`add_body_schemas` adds to the document."""
    _BODY_MODELS[model.__name__] = model
    return {"$ref": _REF.format(model=model.__name__)}


def parse_body(model: type[Model], raw: bytes) -> Model:
    """The body as ``model``; invalid input raises FastAPI's own validation error."""
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        errors = [{**error, "loc": ("body", *error["loc"])} for error in exc.errors()]
        raise RequestValidationError(errors) from None


def add_body_schemas(app: FastAPI) -> None:
    """Generate the OpenAPI document once, with the body models' schemas in its components."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            for name, model in sorted(_BODY_MODELS.items()):
                schema = model.model_json_schema(ref_template=_REF, mode="validation")
                schemas.update(schema.pop("$defs", {}))
                schemas[name] = schema
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
