"""GET /v1/rules: what a plan's ``rules`` and ``sources`` refer to, with the articles' titles."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from app.api.schemas.rules import RulesOut

RULES_PAGE = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


class TestListRules:
    def test_every_rule_with_its_text_and_sources(self, client: TestClient) -> None:
        response = client.get("/v1/rules")

        assert response.status_code == 200
        listed = RulesOut.model_validate(response.json())
        assert [rule.id for rule in listed.rules] == [f"R{n}" for n in range(1, 16)]
        assert all(rule.text and rule.sources for rule in listed.rules)
        r6 = next(rule for rule in listed.rules if rule.id == "R6")
        assert r6.sources == [0, 2, 3]
        assert "full business day" in r6.text

    def test_every_cited_source_has_a_title(self, client: TestClient) -> None:
        listed = RulesOut.model_validate(client.get("/v1/rules").json())

        titles = {source.id: source.title for source in listed.sources}
        assert sorted(titles) == [0, 1, 2, 3, 4]
        assert {s for rule in listed.rules for s in rule.sources} <= set(titles)
        assert titles[0] == "How to Follow Up About a Job Interview"

    def test_a_plan_s_citations_resolve(self, client: TestClient, body: dict) -> None:
        listed = RulesOut.model_validate(client.get("/v1/rules").json())
        plan = client.post("/v1/plans", json=body).json()

        rules = {rule.id for rule in listed.rules}
        sources = {source.id for source in listed.sources}
        for step in plan["steps"]:
            assert set(step["rules"]) <= rules
            assert set(step["sources"]) <= sources

    def test_the_docs_cite_the_same_titles(self, client: TestClient) -> None:
        listed = RulesOut.model_validate(client.get("/v1/rules").json())
        page = RULES_PAGE.read_text()

        for source in listed.sources:
            assert re.search(rf"\| {source.id} \| {re.escape(source.title)} \|", page), source

    def test_needs_a_key(self, anonymous: TestClient) -> None:
        response = anonymous.get("/v1/rules")

        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
