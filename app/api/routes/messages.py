"""Message checks: a draft in, a score and findings with their sources out. Nothing is stored."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from app.api.body import json_body, parse_body
from app.api.errors import PROBLEM_JSON
from app.api.schemas import Problem
from app.api.schemas_messages import MessageCheckOut, MessageCheckRequest
from app.domain.model import Channel
from app.messages import checks
from app.messages.checks import CheckResult, Draft, DraftContext

router = APIRouter(prefix="/v1", tags=["messages"])

CHECK_EXAMPLE: dict[str, Any] = {
    "kind": "follow_up",
    "subject": "Follow-up regarding Data Engineer interview",
    "body": (
        "Hey Carol,\n\nI still haven't heard back about the Data Engineer role I interviewed "
        "for on Tuesday, November 24. What is the salary range? I need an answer ASAP!!\n\n"
        "Best regards,\nAnn"
    ),
    "context": {
        "interviewer_name": "Carol Diaz",
        "job_title": "Data Engineer",
        "company": "Acme Corp",
        "interview_date": "2026-11-24",
        "candidate_name": "Ann Lee",
    },
}


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": Problem, "content": {PROBLEM_JSON: {}}} for status in statuses}


def draft_from(body: MessageCheckRequest) -> Draft:
    """The wire request as the checks' own draft."""
    context = body.context
    return Draft(
        kind=body.kind,
        body=body.body,
        subject=body.subject,
        channel=Channel(body.channel),
        context=DraftContext(
            interviewer_name=context.interviewer_name,
            job_title=context.job_title,
            company=context.company,
            interview_date=context.interview_date,
            candidate_name=context.candidate_name,
            known_words=tuple(context.known_words),
        ),
    )


def check_wire(draft: Draft, result: CheckResult) -> dict[str, Any]:
    """The result in the shape of :class:`MessageCheckOut`, each span with its text."""
    texts = {"subject": draft.subject or "", "body": draft.body}
    return {
        "score": result.score,
        "findings": [
            {
                "rule": finding.check,
                "severity": finding.severity,
                "message": finding.message,
                "span": None
                if (span := finding.span) is None
                else {
                    "part": span.part,
                    "start": span.start,
                    "end": span.end,
                    "text": texts[span.part][span.start : span.end],
                },
                "rules": list(finding.rules),
                "sources": list(finding.sources),
            }
            for finding in result.findings
        ],
        "word_count": result.word_count,
        "word_budget": result.word_budget,
    }


@router.post(
    "/messages/check",
    response_model=MessageCheckOut,
    summary="Check a draft message against the follow-up guidance.",
    responses=_problems(400, 413, 415, 422),
    openapi_extra=json_body(
        MessageCheckRequest,
        description="A draft message, its kind, and what is known about the interview.",
        example=CHECK_EXAMPLE,
    ),
)
async def check_message(request: Request) -> Response:
    """A draft in; a score and findings (what, where, why, and the sources) out. Stateless."""
    body = parse_body(MessageCheckRequest, await request.body())
    draft = draft_from(body)
    return Response(
        orjson.dumps(check_wire(draft, checks.check_message(draft))), media_type="application/json"
    )
