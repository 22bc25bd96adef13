"""The rules R1-R15 and the articles behind them, so a client can resolve what plans cite."""

from __future__ import annotations

import orjson
from fastapi import APIRouter
from starlette.responses import Response

from app.api.schemas.rules import RuleOut, RulesOut, SourceOut
from app.domain.rules import RULES, SOURCES

router = APIRouter(prefix="/v1", tags=["rules"])

_RULES = orjson.dumps(
    RulesOut(
        rules=[
            RuleOut(id=rule.id, text=rule.summary, sources=list(rule.sources))
            for rule in RULES.values()
        ],
        sources=[SourceOut(id=ident, title=title) for ident, title in SOURCES.items()],
    ).model_dump(mode="json")
)


@router.get("/rules", response_model=RulesOut, summary="The rules and the articles they cite.")
async def list_rules() -> Response:
    """Every rule with its text and sources, and every source with its title: what a plan's
    `rules` and `sources` refer to."""
    return Response(_RULES, media_type="application/json")
