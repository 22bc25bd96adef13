"""Query strings: a parameter the operation does not take is an error, not silently ignored.

A misspelt filter (``?stauts=closed``) would otherwise list everything, which looks like an
answer and is not one.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

_KNOWN: dict[int, frozenset[str]] = {}


def _names(dependant: Any) -> set[str]:
    """The query parameters of an operation and of everything it depends on."""
    names = {param.alias for param in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _names(dependency)
    return names


def _known(route: object) -> frozenset[str]:
    found = _KNOWN.get(id(route))
    if found is None:
        dependant = getattr(route, "dependant", None)
        names = _names(dependant) if dependant is not None else set()
        found = _KNOWN[id(route)] = frozenset(names)
    return found


async def known_query_only(request: Request) -> None:
    if not request.scope.get("query_string"):
        return
    known = _known(request.scope.get("route"))
    unknown = sorted({name for name in request.query_params if name not in known})
    if unknown:
        raise RequestValidationError(
            [
                {
                    "loc": ("query", name),
                    "msg": "is not a parameter of this operation",
                    "type": "extra_forbidden",
                }
                for name in unknown
            ]
        )
