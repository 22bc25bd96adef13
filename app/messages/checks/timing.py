"""When a draft would go out, read against the plan of its stored interview.

Too soon (before the window of the step it belongs to), before the step it waits on, or one
too many (no step of its kind is left to send). The plan decides: this module only reads it.
"""

from __future__ import annotations

from datetime import datetime

from app.domain.model import Explained, Plan, PlanStatus, Step, StepKind, StepStatus, said
from app.domain.rules import sources_of
from app.domain.timeline import format_day
from app.messages.checks.content import kind_label
from app.messages.checks.model import Check, Finding, Severity

TOO_SOON = "C-TOO-SOON"
ONE_TOO_MANY = Check("C-ONE-TOO-MANY", Severity.ERROR, ("R9", "R11", "R13"))
PLAN_CLOSED = Check("C-PLAN-CLOSED", Severity.WARNING, ("R11",))
OUT_OF_ORDER = "C-OUT-OF-ORDER"
LATE_THANK_YOU = Check("C-LATE", Severity.INFO, ("R1",))

_PENDING = frozenset({StepStatus.DUE, StepStatus.OVERDUE, StepStatus.UPCOMING, StepStatus.WAITING})


def _step_finding(check: str, severity: Severity, step: Step, message: str) -> Finding:
    """A finding that cites the step's own rules, and R13 (not too soon, not too often)."""
    rules = tuple(dict.fromkeys((*step.rules, "R13")))
    return Finding(check, severity, message, None, rules, sources_of(rules))


def _moment(at: datetime) -> Explained:
    return said(
        f"{format_day(at.date())} at {at:%H:%M} (UTC{at:%z})",
        "moment",
        day=at.date(),
        time=f"{at:%H:%M}",
        offset=f"UTC{at:%z}",
    )


def _rationale(step: Step) -> Explained:
    """A step's rationale, as a part of a finding (said as the plan says it)."""
    rationale = step.rationale
    return rationale if isinstance(rationale, Explained) else Explained(rationale)


def _none_left(plan: Plan, kind: StepKind, steps: list[Step]) -> Finding:
    label = kind_label(kind)
    done = [s.done_at for s in steps if s.done_at is not None]
    if done:
        sent = max(done).date()
        why = said(
            f"the {label} already went on {format_day(sent)}",
            "none_left.sent",
            label=label,
            day=sent,
        )
    elif not steps and kind is StepKind.ESCALATION:
        why = said(
            "the plan offers no message to the hiring manager (it needs a recruiter as the "
            "primary contact, two unanswered messages and a hiring manager's address, R10)",
            "none_left.no_escalation",
        )
    elif not steps:
        why = said(
            f"the plan (policy {plan.policy.name}) has no {label}",
            "none_left.not_in_policy",
            label=label,
            policy=plan.policy.name,
        )
    elif plan.status is PlanStatus.MOVED_ON:
        why = said("every message went unanswered and the plan has moved on", "none_left.moved_on")
    else:
        why = said(
            f"the {label} was skipped: its window passed or a later reply replaced it",
            "none_left.skipped",
            label=label,
        )
    return ONE_TOO_MANY.finding(
        said(
            f"This would be one message too many: {why}; stop here and put the energy into "
            "other applications (R9, R11, R13).",
            "check.C-ONE-TOO-MANY",
            why=why,
        ),
        None,
    )


def timing_findings(plan: Plan, kind: StepKind, as_of: datetime) -> list[Finding]:
    """What is wrong with sending a message of ``kind`` at ``as_of``, given the plan.

    Args:
        plan: the current plan of the stored interview the draft is about.
        kind: the kind of message the draft is.
        as_of: when it would go out (timezone-aware); usually the plan's own ``as_of``.

    Returns:
        ``C-OUT-OF-ORDER`` (warning) while the step waits on an earlier one (its window is
        not settled until that one is sent), with ``C-TOO-SOON`` (error) too if the draft
        would go out before that window opens; otherwise at most one finding:
        ``C-ONE-TOO-MANY`` (error) when no step of that kind is left to send,
        ``C-PLAN-CLOSED`` (warning) when a reply or a withdrawal closed the plan,
        ``C-LATE`` (info) for a thank-you after its window; none when the timing is right.
        A ``move_on`` draft gets none here: its text check already says not to send it.
    """
    if kind is StepKind.MOVE_ON:
        return []
    label = kind_label(kind)
    if plan.status is PlanStatus.CLOSED:
        reason = plan.status_reason
        return [
            PLAN_CLOSED.finding(
                said(
                    f"The plan is closed: {reason} Answer their message rather than "
                    f"sending a {label} (R11).",
                    "check.C-PLAN-CLOSED",
                    reason=reason if isinstance(reason, Explained) else Explained(reason),
                    label=label,
                ),
                None,
            )
        ]
    steps = [s for s in plan.steps if s.kind is kind]
    pending = [s for s in steps if s.status in _PENDING]
    if not pending:
        return [_none_left(plan, kind, steps)]
    step = min(pending, key=lambda s: s.window.earliest)
    to = ", ".join(c.name for c in step.to)
    found: list[Finding] = []
    if step.status is StepStatus.WAITING:
        index = plan.steps.index(step)
        unsent = (s for s in plan.steps[:index] if s.done_at is None and not s.optional and s.to)
        first = next(
            (kind_label(s.kind) for s in unsent), said("step before it", "label.step_before")
        )
        found.append(
            _step_finding(
                OUT_OF_ORDER,
                Severity.WARNING,
                step,
                said(
                    f"Send the {first} first and log it: the {label} waits on it. {step.rationale}",
                    "check.C-OUT-OF-ORDER",
                    first=first,
                    label=label,
                    rationale=_rationale(step),
                ),
            )
        )
    # A waiting step's window is provisional, but it only moves later: before it is too soon.
    if as_of < step.window.earliest:
        found.append(
            _step_finding(
                TOO_SOON,
                Severity.ERROR,
                step,
                said(
                    f"Too soon: the {label} to {to} is due from "
                    f"{_moment(step.window.earliest)}. {step.rationale}",
                    "check.C-TOO-SOON",
                    label=label,
                    to=to,
                    moment=_moment(step.window.earliest),
                    rationale=_rationale(step),
                ),
            )
        )
    if found:
        return found
    if kind is StepKind.THANK_YOU and as_of > step.window.latest:
        return [
            LATE_THANK_YOU.finding(
                said(
                    f"The thank-you was due by {_moment(step.window.latest)}; send it now all "
                    "the same, it still helps (R1).",
                    "check.C-LATE",
                    moment=_moment(step.window.latest),
                ),
                None,
            )
        ]
    return []
