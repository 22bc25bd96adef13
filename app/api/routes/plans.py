"""Plans: interview facts in, a follow-up plan with its messages out. Nothing is stored."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from app.api.body import json_body, parse_body
from app.api.deps import (
    AppSettings,
    ExplanationLanguage,
    explained_headers,
    json_response,
    problem_responses,
)
from app.api.examples import PLAN_EXAMPLE
from app.api.mapping import plan_wire, policy_wire
from app.api.schemas import LanguagesOut, ParameterSource, PlanOut, PlanRequest, PoliciesOut
from app.domain.policies import PARAMETER_SOURCES, POLICIES
from app.domain.rules import sources_of
from app.messages.languages import LANGUAGES
from app.services.document.codec import facts_from, policy_of
from app.services.explanation import explain_plan
from app.services.planning import plan_interview

router = APIRouter(prefix="/v1", tags=["plans"])


@router.post(
    "/plans",
    response_model=PlanOut,
    summary="Plan the follow-up for one interview.",
    responses=problem_responses(400, 413, 415, 422),
    openapi_extra=json_body(
        PlanRequest, description="The facts of one interview.", example=PLAN_EXAMPLE
    ),
)
async def create_plan(
    request: Request, settings: AppSettings, explanation: ExplanationLanguage
) -> Response:
    """Interview facts in; the plan, its reasons and ready-to-send messages out. Stateless."""
    body = parse_body(PlanRequest, await request.body())
    facts = facts_from(
        body,
        default_country=settings.default_country,
        events=body.events,
        default_language=settings.default_language,
    )
    planned = plan_interview(
        facts=facts, policy=policy_of(body), as_of=body.as_of or datetime.now(UTC)
    )
    return json_response(
        explain_plan(plan_wire(planned), explanation), headers=explained_headers(explanation)
    )


def _policies() -> dict[str, Any]:
    sources = {
        key: ParameterSource(rules=list(rules), sources=list(sources_of(rules)), note=note)
        for key, (rules, note) in PARAMETER_SOURCES.items()
    }
    return PoliciesOut(
        default="standard",
        policies=[
            {"name": name, "parameters": policy_wire(policy), "sources": sources}
            for name, policy in POLICIES.items()
        ],
    ).model_dump(mode="json")


_POLICIES = orjson.dumps(_policies())


@router.get("/languages", response_model=LanguagesOut, summary="The languages of the messages.")
async def list_languages(settings: AppSettings) -> Response:
    """Every language a plan's messages are written in (`language`), with its default
    register; the explanation follows `Accept-Language` among the same."""
    return json_response(
        {
            "default": settings.default_language,
            "languages": [
                {"code": lang.code, "name": lang.name, "formality": lang.formality.value}
                for lang in LANGUAGES.values()
            ],
        }
    )


@router.get("/policies", response_model=PoliciesOut, summary="The policies and their sources.")
async def list_policies() -> Response:
    """Every named policy, each parameter's value, and the rules and seeds behind it."""
    return Response(_POLICIES, media_type="application/json")
