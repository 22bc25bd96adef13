"""docker-compose.yml and the Dockerfile, checked by structure: no Docker engine runs here."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url

from app.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return document


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments), continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def _seconds(duration: str) -> int:
    match = re.fullmatch(r"(?:(\d+)m)?(?:(\d+)s)?", duration)
    assert match, duration
    return int(match[1] or 0) * 60 + int(match[2] or 0)


class TestCompose:
    def test_postgres_with_a_readiness_healthcheck(self, compose: dict[str, Any]) -> None:
        postgres = compose["services"]["postgres"]

        assert postgres["image"] == "postgres:17"
        test = postgres["healthcheck"]["test"]
        assert test[0] in ("CMD", "CMD-SHELL")
        assert "pg_isready" in " ".join(test[1:])
        assert postgres["volumes"][0].endswith(":/var/lib/postgresql/data")

    def test_the_api_waits_for_a_healthy_postgres(self, compose: dict[str, Any]) -> None:
        api = compose["services"]["api"]

        assert api["build"] == "."
        assert api["depends_on"] == {"postgres": {"condition": "service_healthy"}}

    def test_the_api_reaches_that_postgres(self, compose: dict[str, Any]) -> None:
        postgres = compose["services"]["postgres"]["environment"]
        url = make_url(compose["services"]["api"]["environment"]["DATABASE_URL"])

        assert url.drivername == "postgresql+psycopg"
        assert url.host == "postgres"
        assert url.port == 5432
        assert (url.username, url.password) == (
            postgres["POSTGRES_USER"],
            postgres["POSTGRES_PASSWORD"],
        )
        assert url.database == postgres["POSTGRES_DB"] == "followup"

    def test_migrations_run_before_the_server_which_gets_the_signals(
        self, compose: dict[str, Any]
    ) -> None:
        command = compose["services"]["api"]["command"]

        assert command[:2] == ["sh", "-c"]
        steps = [shlex.split(step) for step in command[2].split("&&")]
        assert steps[0] == ["followup", "migrate"]
        assert steps[1][:3] == ["exec", "followup", "serve"]
        assert steps[1][3:] == ["--host", "0.0.0.0"]  # noqa: S104 - inside the container

    def test_every_setting_it_sets_is_one_the_service_reads(self, compose: dict[str, Any]) -> None:
        names = {name.upper() for name in Settings.model_fields}

        assert set(compose["services"]["api"]["environment"]) <= names

    def test_requests_in_flight_get_their_grace_period(self, compose: dict[str, Any]) -> None:
        api = compose["services"]["api"]
        grace = int(api["environment"]["SHUTDOWN_GRACE_SECONDS"])

        assert _seconds(api["stop_grace_period"]) > grace

    def test_the_port_is_published_on_loopback_only(self, compose: dict[str, Any]) -> None:
        assert compose["services"]["api"]["ports"] == ["127.0.0.1:8000:8000"]

    def test_named_volumes_are_declared(self, compose: dict[str, Any]) -> None:
        volume = compose["services"]["postgres"]["volumes"][0].split(":")[0]

        assert volume in compose["volumes"]


class TestDockerfile:
    def test_installs_the_package_with_its_migrations(
        self, dockerfile: list[tuple[str, str]]
    ) -> None:
        runs = " ".join(args for instruction, args in dockerfile if instruction == "RUN")
        copies = [args.split() for instruction, args in dockerfile if instruction == "COPY"]

        assert dockerfile[0] == ("FROM", "python:3.11-slim")
        assert "pip install ." in runs
        assert ["alembic", "./alembic"] in copies
        assert ["app", "./app"] in copies

    def test_runs_as_a_user_of_its_own(self, dockerfile: list[tuple[str, str]]) -> None:
        users = [args for instruction, args in dockerfile if instruction == "USER"]

        assert users
        assert users[-1] not in ("root", "0")

    def test_checks_its_health_on_healthz(self, dockerfile: list[tuple[str, str]]) -> None:
        checks = [args for instruction, args in dockerfile if instruction == "HEALTHCHECK"]

        assert len(checks) == 1
        assert "/healthz" in checks[0]
        assert "--interval=" in checks[0]

    def test_serves_with_followup(self, dockerfile: list[tuple[str, str]]) -> None:
        assert dockerfile[-1] == ("CMD", '["followup", "serve"]')
        env = " ".join(args for instruction, args in dockerfile if instruction == "ENV")
        assert "HOST=0.0.0.0" in env
        assert "DATABASE_URL=sqlite:////data/followup.db" in env
