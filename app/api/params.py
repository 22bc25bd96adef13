"""Query strings: a parameter the operation does not take, or one value given twice, is an
error, not silently ignored.

A misspelt filter (``?stauts=closed``) would otherwise list everything, which looks like an
answer and is not one.

A pure ASGI middleware rather than a dependency of every route: a request without a query
string (most of them) costs one dictionary look-up, where a dependency costs FastAPI's
dependency solving on every request. The operations' parameters are read once, from the
routes' own dependants, the first time a query string arrives.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Collection, Sequence
from typing import Any
from urllib.parse import parse_qsl

from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.errors import VALIDATION_TYPE, field_error, problem

#: A route's path, its methods, and the query parameters it takes (None: anything), each
#: with whether it may be given more than once (a list).
_Operation = tuple[re.Pattern[str], Collection[str], dict[str, bool] | None]


def _names(dependant: Any) -> dict[str, bool]:
    """The query parameters of an operation and of everything it depends on, each with
    whether it takes several values."""
    names = {
        param.alias: typing.get_origin(param.field_info.annotation) in (list, tuple, set)
        for param in dependant.query_params
    }
    for dependency in dependant.dependencies:
        names |= _names(dependency)
    return names


class KnownQueryOnly:
    """Answers 422, naming each one, when a query parameter is not one the operation takes.

    The operation is found as the router will find it: the first route whose path and method
    match. A path no route takes (404) or a method no route allows (405) is left to the router.
    """

    def __init__(self, app: ASGIApp, *, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self._routes = routes
        self._table: list[_Operation] | None = None

    def _build(self) -> list[_Operation]:
        table: list[_Operation] = []
        for context in iter_route_contexts(self._routes):
            if context.path_regex is None:
                continue
            # A route that is not an operation (the docs pages) takes anything.
            dependant = getattr(context.original_route, "dependant", None)
            known = _names(dependant) if dependant is not None else None
            table.append((context.path_regex, context.methods or (), known))
        self._table = table
        return table

    def _known(self, scope: Scope) -> dict[str, bool] | None:
        table = self._table if self._table is not None else self._build()
        path, method = scope["path"], scope["method"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :] or "/"
        for regex, methods, known in table:
            if (method in methods or (method == "HEAD" and "GET" in methods)) and regex.match(path):
                return known
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            known = self._known(scope)
            if known is not None:
                query = scope["query_string"].decode("latin-1")
                given = [name for name, _ in parse_qsl(query, keep_blank_values=True)]
                unknown = sorted(set(given) - known.keys())
                repeated = sorted(
                    {name for name in given if known.get(name) is False and given.count(name) > 1}
                )
                if unknown or repeated:
                    errors = [
                        field_error(["query", name], "is not a parameter of this operation")
                        for name in unknown
                    ] + [
                        field_error(["query", name], "takes one value; it was given more than once")
                        for name in repeated
                    ]
                    fields = ", ".join(error["field"] for error in errors)
                    detail = f"{len(errors)} field(s) are invalid: {fields}."
                    response = problem(422, detail, type_=VALIDATION_TYPE, errors=errors)
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)
