"""The example interview: the documented request body.

``examples/interview.json`` holds the same facts for curl and ``followup plan``; a test keeps
the two equal.
"""

from __future__ import annotations

from typing import Any

PLAN_EXAMPLE: dict[str, Any] = {
    "candidate": {"name": "Ann Lee", "email": "ann.lee@example.com", "phone": "+1 555 010 2030"},
    "company": "Acme Corp",
    "job_title": "Data Engineer",
    "job_family": "engineering",
    "interview": {
        "starts_at": "2026-11-24T10:00:00-05:00",
        "timezone": "America/New_York",
        "duration_minutes": 60,
        "format": "video",
    },
    "contacts": [
        {
            "name": "Bob Smith",
            "email": "bob.smith@acme.example",
            "role": "hiring_manager",
            "interviewed": True,
            "discussion_point": "moving their batch jobs to streaming",
        },
        {
            "name": "Carol Diaz",
            "email": "carol.diaz@acme.example",
            "role": "recruiter",
            "scheduled_interview": True,
        },
    ],
    "decision_timeline": {"text": "We will make a decision by the end of next week"},
    "preferred_channel": "email",
    "discussion_points": ["the team's on-call rotation"],
    "strengths": ["five years of Kafka in production"],
    "concerns_to_address": [],
    "additional_info": [],
    "calendar": {"country": "US", "subdivision": "NY"},
    "policy": "standard",
    "thank_you_sent_at": None,
    "as_of": "2026-11-24T15:00:00-05:00",
}
