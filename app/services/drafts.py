"""Checking a draft message: on its own, or against a stored interview's plan.

Nothing is stored. Against an interview, what the client left out of the draft's context is
taken from the interview (the recipient of the next step of this kind, every name and point
it knows), and the draft is also checked for going out too soon or one too many (R13).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from app.domain.model import Plan, StepKind, StepStatus
from app.messages import checks
from app.messages.checks import CheckResult, Draft, DraftContext
from app.services.interviews import InterviewStore, StoredInterview


@dataclass(frozen=True, slots=True)
class CheckedDraft:
    """The draft as it was checked (its context filled in) and what the checks found."""

    draft: Draft
    result: CheckResult


def check_draft(draft: Draft) -> CheckedDraft:
    """The draft's own checks: wording, names, spelling, length."""
    return CheckedDraft(draft, checks.check_message(draft))


def check_draft_for_interview(
    *,
    store: InterviewStore,
    account_id: uuid.UUID,
    interview_id: uuid.UUID,
    draft: Draft,
    as_of: datetime,
) -> CheckedDraft:
    """The draft's checks with the stored interview's facts, and its timing against the plan.

    Raises:
        NotFound: no such interview of this account.
    """
    stored, planned = store.planned(account_id=account_id, interview_id=interview_id, as_of=as_of)
    draft = replace(
        draft,
        context=_filled(draft.context, stored, planned.plan, draft.kind),
        language=draft.language or stored.facts.language,
    )
    result = checks.with_findings(
        checks.check_message(draft), checks.timing_findings(planned.plan, draft.kind, as_of)
    )
    return CheckedDraft(draft, result)


def _filled(
    context: DraftContext, stored: StoredInterview, plan: Plan, kind: StepKind
) -> DraftContext:
    """The draft's context, with what the client left out taken from the stored interview:
    the recipient of the next step of this kind, and every name and point it knows."""
    facts = stored.facts
    contact = next(
        (
            s.to[0]
            for s in plan.steps
            if s.kind is kind and s.to and s.status is not StepStatus.SKIPPED
        ),
        None,
    )
    recipient = contact.name if contact else None
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
        interviewer_preferred_name=(
            context.interviewer_preferred_name
            or (contact.preferred_name if contact and not context.interviewer_name else None)
        ),
        job_title=context.job_title or facts.job_title,
        company=context.company or facts.company,
        interview_date=context.interview_date or facts.local_start.date(),
        candidate_name=context.candidate_name or facts.candidate.name,
        known_words=(*context.known_words, *" ".join(names + points).split()),
    )
