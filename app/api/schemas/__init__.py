"""Wire schemas: what clients send and receive.

The interview's facts are the stored-interview document (:mod:`app.services.document.fields`),
taken as they are; the modules here add what only the wire has: the plan request's events and
``as_of``, every answer, pages, problems and the message check.
"""

from app.api.schemas.plans import (
    Health,
    LanguagesOut,
    ParameterSource,
    PlanOut,
    PlanRequest,
    PoliciesOut,
    Problem,
)
from app.services.document.fields import (
    ContactIn,
    EventIn,
    InterviewFields,
    PolicyName,
    PolicyOverrides,
)

__all__ = [
    "ContactIn",
    "EventIn",
    "Health",
    "ParameterSource",
    "InterviewFields",
    "LanguagesOut",
    "PlanOut",
    "PlanRequest",
    "PoliciesOut",
    "PolicyName",
    "PolicyOverrides",
    "Problem",
]
