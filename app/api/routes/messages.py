"""Message checks: a draft in, a score and findings with their sources out. Nothing is stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from app.api.auth import Caller
from app.api.body import json_body, parse_body
from app.api.errors import PROBLEM_JSON
from app.api.routes.interviews import stored_plan
from app.api.schemas import Problem
from app.api.schemas_messages import MessageCheckOut, MessageCheckRequest
from app.domain.model import Channel, Plan, StepKind, StepStatus
from app.messages import checks
from app.messages.checks import CheckResult, Draft, DraftContext
from app.services.interviews import StoredInterview

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
    responses=_problems(400, 404, 413, 415, 422),
    openapi_extra=json_body(
        MessageCheckRequest,
        description="A draft message, its kind, and what is known about the interview.",
        example=CHECK_EXAMPLE,
    ),
)
async def check_message(request: Request, caller: Caller) -> Response:
    """A draft in; a score and findings (what, where, why, and the sources) out. With
    `context.interview_id`, also whether the draft would go out too soon or one too many
    against that interview's plan. Nothing is stored."""
    body = parse_body(MessageCheckRequest, await request.body())
    draft = draft_from(body)
    if body.context.interview_id is None:
        return _json(check_wire(draft, checks.check_message(draft)))
    as_of = body.context.as_of or datetime.now(UTC)
    stored, planned = await stored_plan(request, caller, body.context.interview_id, as_of)
    draft = replace(draft, context=_filled(draft.context, stored, planned.plan, draft.kind))
    result = checks.with_findings(
        checks.check_message(draft), checks.timing_findings(planned.plan, draft.kind, as_of)
    )
    return _json(check_wire(draft, result))


def _json(data: Any) -> Response:
    return Response(orjson.dumps(data), media_type="application/json")


def _filled(
    context: DraftContext, stored: StoredInterview, plan: Plan, kind: StepKind
) -> DraftContext:
    """The draft's context, with what the client left out taken from the stored interview:
    the recipient of the next step of this kind, and every name and point it knows."""
    facts = stored.facts
    recipient = next(
        (
            s.to[0].name
            for s in plan.steps
            if s.kind is kind and s.to and s.status is not StepStatus.SKIPPED
        ),
        None,
    )
    names = [c.name for c in facts.contacts] + [
        facts.candidate.name,
        facts.company,
        facts.job_title,
    ]
    points = [*facts.discussion_points, *facts.strengths]
    points += [c.discussion_point for c in facts.contacts if c.discussion_point]
    return replace(
        context,
        interviewer_name=context.interviewer_name or recipient,
        job_title=context.job_title or facts.job_title,
        company=context.company or facts.company,
        interview_date=context.interview_date or facts.local_start.date(),
        candidate_name=context.candidate_name or facts.candidate.name,
        known_words=(*context.known_words, *" ".join(names + points).split()),
    )
