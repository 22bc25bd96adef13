"""The ``followup`` command line: serve the API, or plan from a file with no server."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import orjson
from pydantic import ValidationError

from app.api.errors import invalid_fields, validation_errors
from app.api.mapping import facts_from, overrides_from, plan_wire
from app.api.schemas import PlanRequest
from app.domain.errors import InvalidFacts
from app.services.planning import plan_interview, resolve_policy
from app.settings import get_settings


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.api.observability import uvicorn_log_config

    settings = get_settings()
    host, port = args.host or settings.host, args.port or settings.port
    print(
        f"Follow-up planner on http://{host}:{port}  (docs: http://{host}:{port}/docs)", flush=True
    )
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=args.workers or settings.workers,
        log_level=settings.log_level,
        # JSON lines; the app writes the access lines itself, with the request id.
        log_config=uvicorn_log_config(settings.log_level),
        access_log=False,
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,
    )
    return 0


def _plan(args: argparse.Namespace) -> int:
    raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    try:
        request = PlanRequest.model_validate_json(raw)
        facts = facts_from(request, default_country=get_settings().default_country)
        planned = plan_interview(
            facts=facts,
            policy=resolve_policy(request.policy, overrides_from(request)),
            as_of=request.as_of or datetime.now(UTC),
        )
    except ValidationError as exc:
        errors = validation_errors(exc.errors())
    except InvalidFacts as exc:
        errors = invalid_fields(exc)
    else:
        sys.stdout.buffer.write(orjson.dumps(plan_wire(planned), option=orjson.OPT_INDENT_2))
        sys.stdout.write("\n")
        return 0
    json.dump({"errors": errors}, sys.stderr, indent=2)
    sys.stderr.write("\n")
    return 2


def _openapi(args: argparse.Namespace) -> int:
    from app.main import create_app

    document = json.dumps(create_app().openapi(), indent=2, sort_keys=True) + "\n"
    if args.output == "-":
        sys.stdout.write(document)
    else:
        Path(args.output).write_text(document, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="followup", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the API")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int)
    serve.set_defaults(run=_serve)
    plan = commands.add_parser("plan", help="print the plan for the interview facts in FILE")
    plan.add_argument(
        "file", metavar="FILE", help="a JSON file shaped as POST /v1/plans; - for stdin"
    )
    plan.set_defaults(run=_plan)
    openapi = commands.add_parser("openapi", help="write the OpenAPI document (the contract)")
    openapi.add_argument(
        "output", nargs="?", default="openapi/openapi.json", help="where to write it; - for stdout"
    )
    openapi.set_defaults(run=_openapi)
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
