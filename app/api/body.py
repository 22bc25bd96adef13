"""JSON request bodies validated straight from bytes.

FastAPI's own body handling parses JSON into Python objects and then validates them; pydantic
validates the raw bytes in one pass (``model_validate_json``), about five times faster for a
plan request. Routes read their body with :func:`parse_body`, declare it with
:func:`json_body`, and :func:`add_body_schemas` puts those models in the OpenAPI document.

Request schemas say only what a client must send: no ``default`` on any property (code
generators read a default as "always present" and make the field required, see
:class:`RequestSchema`). Where a response carries the same model, it gets its own component,
``<Model>-Output``, in which every field the service always sends is required.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import CoreSchema

Model = TypeVar("Model", bound=BaseModel)

_BODY_MODELS: dict[str, type[BaseModel]] = {}
_REF = "#/components/schemas/{model}"
#: The name of a response's copy of a model that requests use too (FastAPI's own suffix).
OUTPUT_NAME = "{model}-Output"


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


class RequestSchema(GenerateJsonSchema):
    """JSON schemas of request bodies, with optional fields that generators keep optional.

    openapi-typescript (by default) types a property that has a ``default`` as always
    present, so a body that leaves out ``phone`` (default null) or ``role`` (default
    ``other``) would not compile. A request property therefore has no ``default``: one of
    null only says again that the field may be left out; any other is said in the
    description (``Default: `other`.``), where a person reads it, unless it already says so.
    """

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> JsonSchemaValue:
        document = super().generate(schema, mode)
        for model in (document, *document.get("$defs", {}).values()):
            for field in model.get("properties", {}).values():
                _no_default(field)
        return document


def _no_default(field: dict[str, Any]) -> None:
    if "default" not in field:
        return
    default = field.pop("default")
    description = field.get("description", "")
    if default in (None, [], {}) or "default" in description.lower():
        return
    shown = default if isinstance(default, str) else json.dumps(default)
    field["description"] = f"{description} Default: `{shown}`.".strip()


def add_body_schemas(app: FastAPI) -> None:
    """Generate the OpenAPI document once, with the body models' schemas in its components.

    The components FastAPI made are those of responses. A body model (or one it nests) that
    a response also uses keeps its name for requests; the response's schema of it, which
    differs (fields with defaults are required there: the service always sends them), is
    renamed ``<Model>-Output`` and the responses refer to that.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            requests: dict[str, Any] = {}
            for name, model in sorted(_BODY_MODELS.items()):
                schema = model.model_json_schema(
                    ref_template=_REF, mode="validation", schema_generator=RequestSchema
                )
                requests.update(schema.pop("$defs", {}))
                requests[name] = schema
            renamed = {
                name: OUTPUT_NAME.format(model=name)
                for name, schema in requests.items()
                if name in schemas and schemas[name] != schema
            }
            responses = [*schemas.values()] + [
                operation.get("responses", {})
                for path in document.get("paths", {}).values()
                for operation in path.values()
            ]
            for part in responses:
                _rename_refs(part, renamed)
            for name, output in renamed.items():
                # Generators name classes by title: the copy's title is its own name.
                schemas[output] = {**schemas.pop(name), "title": output}
            schemas.update(requests)
            document["components"]["schemas"] = dict(sorted(schemas.items()))
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _rename_refs(value: Any, renamed: dict[str, str]) -> None:
    """Point every ``$ref`` in ``value`` to a renamed component, in place."""
    if not renamed:
        return
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith(_REF.format(model="")):
                name = ref.rsplit("/", 1)[-1]
                if name in renamed:
                    item["$ref"] = _REF.format(model=renamed[name])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
