"""Message checks: a draft in, a score and findings with their sources out. Nothing is stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.api.body import json_body, parse_body
from app.api.deps import (
    AppSettings,
    Caller,
    ExplanationLanguage,
    Store,
    explained_headers,
    json_response,
    problem_responses,
)
from app.api.schemas.messages import MessageCheckOut, MessageCheckRequest
from app.domain.model import Channel
from app.messages.checks import CheckResult, Draft, DraftContext
from app.services.drafts import check_draft, check_draft_for_interview
from app.services.explanation import explain_check

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
        language=body.language,
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
    responses=problem_responses(400, 404, 413, 415, 422),
    openapi_extra=json_body(
        MessageCheckRequest,
        description="A draft message, its kind, and what is known about the interview.",
        example=CHECK_EXAMPLE,
    ),
)
async def check_message(
    request: Request,
    caller: Caller,
    store: Store,
    settings: AppSettings,
    explanation: ExplanationLanguage,
) -> Response:
    """A draft in; a score and findings (what, where, why, and the sources) out. With
    `context.interview_id`, also whether the draft would go out too soon or one too many
    against that interview's plan. Each finding's `message` is in the language of
    `Accept-Language`, whatever the draft's `language`. Nothing is stored."""
    body = parse_body(MessageCheckRequest, await request.body())
    draft = draft_from(body)
    if body.context.interview_id is None:
        checked = check_draft(replace(draft, language=draft.language or settings.default_language))
    else:
        checked = await run_in_threadpool(
            check_draft_for_interview,
            store=store,
            account_id=caller.account_id,
            interview_id=body.context.interview_id,
            draft=draft,
            as_of=body.context.as_of or datetime.now(UTC),
        )
    return json_response(
        explain_check(check_wire(checked.draft, checked.result), explanation),
        headers=explained_headers(explanation),
    )
