"""Plan faults found in review that the wire must refuse or carry."""

from __future__ import annotations

from fastapi.testclient import TestClient


class TestAnOffsetThatDisagreesWithTheZone:
    def test_is_a_422_naming_both_fields(self, client: TestClient, body: dict) -> None:
        """10:00-08:00 is 13:00 in New York, which is at -05:00 then: every message would show
        the wrong time, and near midnight the wrong day."""
        body["interview"]["starts_at"] = "2026-11-24T10:00:00-08:00"
        body["interview"]["timezone"] = "America/New_York"

        response = client.post("/v1/plans", json=body)

        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert fields == {"interview.starts_at", "interview.timezone"}
        assert "-05:00" in response.json()["errors"][0]["message"]

    def test_the_zones_own_offset_at_that_instant_is_fine(
        self, client: TestClient, body: dict
    ) -> None:
        """Daylight saving: in July New York is at -04:00."""
        body["interview"]["starts_at"] = "2026-07-14T10:00:00-04:00"
        body["interview"]["timezone"] = "America/New_York"
        body["as_of"] = "2026-07-14T15:00:00-04:00"

        assert client.post("/v1/plans", json=body).status_code == 200


class TestACandidateElsewhere:
    def test_sees_each_steps_moment_in_their_own_zone(self, client: TestClient, body: dict) -> None:
        body["candidate"]["timezone"] = "Europe/Lisbon"

        plan = client.post("/v1/plans", json=body).json()

        for step in plan["steps"]:
            assert step["send_at_for_candidate"].endswith("Z") or step[
                "send_at_for_candidate"
            ].endswith("+00:00")
        thank_you = plan["steps"][0]
        assert thank_you["send_at"].endswith("-05:00")

    def test_an_unknown_zone_is_a_422(self, client: TestClient, body: dict) -> None:
        body["candidate"]["timezone"] = "Mars/Olympus"

        response = client.post("/v1/plans", json=body)

        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "candidate.timezone"
