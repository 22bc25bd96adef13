"""/readyz and a database that is down or behind: 503 problem documents with Retry-After."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.cli import main
from app.db import migrations
from app.db.session import Database
from app.main import create_app
from app.settings import Settings, get_settings


def _client(database_url: str) -> TestClient:
    settings = Settings(_env_file=None, database_url=database_url)  # type: ignore[call-arg]
    return TestClient(create_app(settings), raise_server_exceptions=False)


def test_ready_when_the_database_is_at_the_latest_migration(database_url: str) -> None:
    with _client(database_url) as client:
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_not_ready_before_the_migrations(tmp_path: Path) -> None:
    with _client(f"sqlite:///{tmp_path / 'new.db'}") as client:
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"
    assert "followup migrate" in response.json()["detail"]


@pytest.fixture
def unreachable() -> str:
    # Nothing listens on port 1 of the loopback: the connection is refused at once.
    return "postgresql://postgres@127.0.0.1:1/none"


def test_not_ready_when_the_database_is_unreachable(unreachable: str) -> None:
    with _client(unreachable) as client:
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert "unreachable" in response.json()["detail"]


def test_a_request_that_needs_the_database_gets_503_not_500(unreachable: str) -> None:
    with _client(unreachable) as client:
        response = client.get(
            "/v1/interviews", headers={"Authorization": "Bearer fup_abcdefghijkl_" + "x" * 43}
        )

    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"
    assert "Traceback" not in response.text


@pytest.fixture
def own_file(tmp_path: Path) -> Iterator[Path]:
    """A migrated SQLite file of this test's own, made writable again afterwards."""
    path = tmp_path / "own.db"
    db = Database(f"sqlite:///{path}")
    migrations.upgrade(db.engine)
    db.dispose()
    yield path
    if path.exists():
        path.chmod(0o644)


class TestSqliteFile:
    def test_a_file_gone_while_serving_is_not_ready(self, own_file: Path) -> None:
        with _client(f"sqlite:///{own_file}") as client:
            assert client.get("/readyz").status_code == 200
            for leftover in own_file.parent.glob("own.db*"):
                leftover.unlink()
            response = client.get("/readyz")

        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["retry-after"] == "5"
        assert "gone" in response.json()["detail"]

    def test_a_read_only_file_is_not_ready(self, own_file: Path) -> None:
        with _client(f"sqlite:///{own_file}") as client:
            assert client.get("/readyz").status_code == 200
            own_file.chmod(0o444)
            response = client.get("/readyz")
            own_file.chmod(0o644)
            again = client.get("/readyz")

        assert response.status_code == 503
        assert "read-only" in response.json()["detail"]
        assert again.status_code == 200


class TestMissingDatabaseFolder:
    @pytest.mark.parametrize("command", ["migrate", "serve"])
    def test_start_up_stops_with_one_line_and_exit_2(
        self,
        command: str,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        missing = tmp_path / "no" / "such" / "folder"
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing / 'followup.db'}")
        get_settings.cache_clear()
        try:
            code = main([command])
        finally:
            get_settings.cache_clear()

        assert code == 2
        assert not missing.exists()
        captured = capsys.readouterr()
        assert captured.out == ""
        lines = captured.err.splitlines()
        assert len(lines) == 1
        assert str(missing) in lines[0] and "does not exist" in lines[0]
