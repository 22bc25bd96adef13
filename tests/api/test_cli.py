"""The followup command line: plan from a file with no server, and the contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import EXAMPLE


class TestPlanCommand:
    def test_prints_the_plan_for_a_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["plan", str(EXAMPLE)]) == 0

        plan = json.loads(capsys.readouterr().out)
        assert plan["timeline"]["deadline"] == "2026-12-04"
        assert plan["steps"][0]["kind"] == "thank_you"

    def test_invalid_facts_exit_2_naming_the_fields(
        self, tmp_path: Path, body: dict, capsys: pytest.CaptureFixture[str]
    ) -> None:
        body["interview"]["timezone"] = "Mars/Olympus"
        body["calendar"]["country"] = "ZZ"
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(body))

        assert main(["plan", str(path)]) == 2

        errors = json.loads(capsys.readouterr().err)["errors"]
        assert {e["field"] for e in errors} == {"interview.timezone", "calendar.country"}

    def test_domain_problems_exit_2_too(
        self, tmp_path: Path, body: dict, capsys: pytest.CaptureFixture[str]
    ) -> None:
        body["interview"] = {"starts_at": "2026-11-24T10:00:00"}
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(body))

        assert main(["plan", str(path)]) == 2

        errors = json.loads(capsys.readouterr().err)["errors"]
        assert [e["field"] for e in errors] == ["interview.starts_at"]


class TestOpenapiCommand:
    def test_writes_the_contract(self, tmp_path: Path) -> None:
        target = tmp_path / "openapi.json"

        assert main(["openapi", str(target)]) == 0

        assert json.loads(target.read_text())["info"]["title"] == "Follow-up planner"


class TestServeCommand:
    def test_serves_the_app_factory_with_the_settings(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        calls: list[tuple[str, dict]] = []
        monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append((app, kw)))

        assert main(["serve", "--port", "8123"]) == 0

        app, options = calls[0]
        assert app == "app.main:create_app"
        assert options["factory"] is True
        assert options["host"] == "127.0.0.1"
        assert options["port"] == 8123
        assert "http://127.0.0.1:8123/docs" in capsys.readouterr().out
