"""The followup command line: plan from a file with no server, and the contract."""

from __future__ import annotations

import json
from collections.abc import Iterator
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


class TestDatabaseCommands:
    """migrate, create-key, revoke-key and local-key, on a fresh SQLite file."""

    @pytest.fixture
    def database(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
        from app.settings import get_settings

        url = f"sqlite:///{tmp_path / 'cli.db'}"
        monkeypatch.setenv("DATABASE_URL", url)
        get_settings.cache_clear()
        yield url
        get_settings.cache_clear()

    def _key_works(self, url: str, key: str) -> bool:
        from app.db.session import Database
        from app.services.keys import KeyVerifier

        db = Database(url)
        try:
            return KeyVerifier(db, ttl=0).verify(key) is not None
        finally:
            db.dispose()

    def test_migrate_builds_the_schema_once(
        self, database: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["migrate"]) == 0
        assert "migrated from empty" in capsys.readouterr().err
        assert main(["migrate"]) == 0
        assert "migrated" not in capsys.readouterr().err

    def test_create_key_prints_the_key_alone(
        self, database: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        main(["migrate"])
        capsys.readouterr()

        assert main(["create-key", "--account", "acme"]) == 0

        out = capsys.readouterr().out
        assert out.count("\n") == 1
        key = out.strip()
        assert key.startswith("fup_") and " " not in key
        assert self._key_works(database, key)

    def test_several_keys_per_account_and_revocation(
        self, database: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        main(["migrate"])
        main(["create-key", "--account", "acme"])
        main(["create-key", "--account", "acme"])
        old, new = capsys.readouterr().out.split()

        assert main(["revoke-key", old.split("_")[1]]) == 0
        assert main(["revoke-key", old.split("_")[1]]) == 1

        assert not self._key_works(database, old)
        assert self._key_works(database, new)

    def test_local_key_is_kept_and_reused(
        self, database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        main(["migrate"])
        keyfile = tmp_path / "key"
        capsys.readouterr()

        main(["local-key", "--file", str(keyfile)])
        first = capsys.readouterr().out.strip()
        main(["local-key", "--file", str(keyfile)])
        second = capsys.readouterr().out.strip()

        assert first == second == keyfile.read_text().strip()
        assert keyfile.stat().st_mode & 0o777 == 0o600
        main(["revoke-key", first.split("_")[1]])
        capsys.readouterr()
        main(["local-key", "--file", str(keyfile)])
        assert capsys.readouterr().out.strip() != first
