"""A plan moved within the span it holds for is the plan made afresh at that moment.

``stable_span`` and ``shifted`` (app/domain/validity.py) let lists and the agenda reuse a plan;
here, for interviews in several states and zones, at moments over six weeks, the span's first
and last second and moments inside it are planned afresh and compared, field by field on the
wire.
"""

from __future__ import annotations

import copy
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest

from app.api.mapping import plan_wire
from app.api.schemas import PlanRequest
from app.domain.validity import seconds, shifted, stable_span
from app.services.document.codec import DocumentCodec, event_from
from app.services.planning import PlannedInterview, plan_interview

_CODEC = DocumentCodec(default_country="US")
_CAROL = "carol.diaz@acme.example"


def _variants(example: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    def made(**changes: Any) -> dict[str, Any]:
        body = copy.deepcopy(example)
        body.pop("as_of", None)
        body.update(changes)
        return body

    berlin = copy.deepcopy(example["contacts"])
    berlin[1]["timezone"] = "Europe/Berlin"
    candidate = {**example["candidate"], "timezone": "Asia/Tokyo"}
    return [
        ("the example", made()),
        ("no timeline", made(decision_timeline=None)),
        ("recruiter abroad, candidate in Tokyo", made(contacts=berlin, candidate=candidate)),
        ("two follow-ups, escalation open", made(decision_timeline={"by": "2026-11-27"}, events=[
            {"type": "thank_you_sent", "at": "2026-11-24T15:00:00-05:00"},
            {"type": "follow_up_sent", "at": "2026-12-01T09:30:00-05:00", "contact_email": _CAROL},
            {"type": "follow_up_sent", "at": "2026-12-09T11:00:00-05:00", "contact_email": _CAROL},
        ])),
        ("a new date in a reply", made(events=[
            {"type": "reply_received", "at": "2026-12-02T10:00:00-05:00", "outcome": "update",
             "new_deadline": "2026-12-11", "contact_email": _CAROL},
        ])),
        ("the patient policy, Israel", made(policy="patient", calendar={"country": "IL"})),
    ]  # fmt: skip


def _wire(planned: PlannedInterview) -> bytes:
    return orjson.dumps(plan_wire(planned))


@pytest.mark.parametrize("index", range(6))
def test_a_plan_moved_within_its_span_is_the_plan_made_afresh(
    body: dict[str, Any], index: int
) -> None:
    label, made = _variants(body)[index]
    request = PlanRequest.model_validate_json(orjson.dumps(made))
    decoded = _CODEC.read(request)
    facts = replace(decoded.facts, events=tuple(event_from(e) for e in request.events))
    rng = random.Random(index)  # noqa: S311 - a fixed sample, not a secret
    start = datetime(2026, 11, 23, tzinfo=UTC)
    compared = 0
    for _ in range(40):
        first = start + timedelta(seconds=rng.randrange(42 * 86400))
        made_then = plan_interview(facts=facts, policy=decoded.policy, as_of=first)
        span = stable_span(made_then.plan, facts)
        assert span.start <= made_then.plan.as_of < span.end, label
        inside = [span.start + (span.end - span.start) * rng.random() for _ in range(2)]
        for moment in (span.start, span.end - timedelta(seconds=1), *inside):
            if seconds(moment) not in span:
                continue
            afresh = plan_interview(facts=facts, policy=decoded.policy, as_of=moment)
            moved = PlannedInterview(shifted(made_then.plan, span, moment), made_then.messages)
            assert _wire(moved) == _wire(afresh), f"{label}: planned {first}, asked {moment}"
            compared += 1
        assert seconds(span.end) not in span  # past it, the store plans again
    assert compared > 100


def test_a_moment_outside_the_span_is_refused(body: dict[str, Any]) -> None:
    made = copy.deepcopy(body)
    request = PlanRequest.model_validate_json(orjson.dumps(made))
    decoded = _CODEC.read(request)
    planned = plan_interview(
        facts=decoded.facts, policy=decoded.policy, as_of=datetime(2026, 12, 1, 15, tzinfo=UTC)
    )
    span = stable_span(planned.plan, decoded.facts)
    with pytest.raises(ValueError, match="outside"):
        shifted(planned.plan, span, span.end)
