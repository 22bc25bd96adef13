"""The schema is made by the migrations alone, and they match the models (both backends)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from app.db import migrations
from app.db import models as _models  # noqa: F401 - registers the tables
from app.db.session import Database
from tests.conftest import fresh_postgres_database

TABLES = {
    "account",
    "api_key",
    "interview",
    "interview_event",
    "idempotency_record",
    "webhook_endpoint",
    "webhook_message",
    "webhook_attempt",
    "step_schedule",
    "calendar_feed",
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A database with nothing in it yet."""
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path_factory.mktemp('migrations') / 'empty.db'}")
        yield db
        db.dispose()
        return
    with fresh_postgres_database("migrations") as url:
        db = Database(url)
        yield db
        db.dispose()


def _tables(db: Database) -> set[str]:
    return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def _drift(db: Database) -> list[object]:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, SQLModel.metadata))


def test_upgrade_downgrade_upgrade(empty: Database) -> None:
    migrations.upgrade(empty.engine)
    assert _tables(empty) == TABLES
    assert migrations.is_current(empty.engine)

    migrations.downgrade(empty.engine, "base")
    assert _tables(empty) == set()
    assert migrations.current(empty.engine) is None
    assert not migrations.is_current(empty.engine)

    migrations.upgrade(empty.engine)
    assert _tables(empty) == TABLES
    assert migrations.current(empty.engine) == migrations.head()


def test_the_head_serving_knows_is_alembics_and_read_as_alembic_reads_it(empty: Database) -> None:
    """``followup serve`` skips Alembic when the database is at ``HEAD``: a new migration
    must move ``HEAD`` too, and the plain read must agree with Alembic's."""
    assert migrations.HEAD == migrations.head()
    assert migrations.stamped(empty.engine) is None
    migrations.upgrade(empty.engine, "0006")
    assert migrations.stamped(empty.engine) == migrations.current(empty.engine) == "0006"
    migrations.upgrade(empty.engine)
    assert migrations.stamped(empty.engine) == migrations.current(empty.engine) == migrations.HEAD


def test_the_models_match_the_migrations(empty: Database) -> None:
    migrations.upgrade(empty.engine)

    assert _drift(empty) == []


def test_a_second_upgrade_changes_nothing(empty: Database) -> None:
    migrations.upgrade(empty.engine)
    migrations.upgrade(empty.engine)

    assert migrations.is_current(empty.engine)


def test_sqlite_connections_are_tuned_for_a_service(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('pragmas') / 'p.db'}")
    with db.engine.connect() as connection:
        pragmas = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        }
    db.dispose()

    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 30_000}


def test_postgres_urls_use_psycopg() -> None:
    from app.db.session import normalize_url

    assert normalize_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalize_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_stepping_down_keeps_the_rows_that_refer_to_a_changed_table(empty: Database) -> None:
    """On SQLite a column is dropped in place, never by rebuilding the table: a rebuild drops
    the old table, and with foreign keys on, that deletes by cascade every row referring to it
    (an account's keys and interviews, an interview's events)."""
    import uuid

    def hexed(value: uuid.UUID) -> object:
        return value.hex if empty.is_sqlite else value

    account, interview = uuid.uuid4(), uuid.uuid4()
    migrations.upgrade(empty.engine)
    with empty.engine.begin() as connection:
        connection.execute(
            sa.text("INSERT INTO account (id, name, created_at) VALUES (:id, 'a', :now)"),
            {"id": hexed(account), "now": "2026-11-30 10:00:00"},
        )
        connection.execute(
            sa.text(
                "INSERT INTO api_key (id, account_id, key_id, key_hash, created_at)"
                " VALUES (:id, :account, 'k1', 'h', :now)"
            ),
            {"id": hexed(uuid.uuid4()), "account": hexed(account), "now": "2026-11-30 10:00:00"},
        )
        connection.execute(
            sa.text(
                "INSERT INTO interview (id, account_id, version, facts, company, company_key,"
                " created_at, updated_at) VALUES (:id, :account, 1, '{}', 'A', 'a', :now, :now)"
            ),
            {"id": hexed(interview), "account": hexed(account), "now": "2026-11-30 10:00:00"},
        )
        connection.execute(
            sa.text(
                "INSERT INTO interview_event (id, interview_id, seq, type, at, at_offset_minutes,"
                " created_at) VALUES (:id, :interview, 1, 'thank_you_sent', :now, 0, :now)"
            ),
            {
                "id": hexed(uuid.uuid4()),
                "interview": hexed(interview),
                "now": "2026-11-30 10:00:00",
            },
        )
    for revision in ("0006", "0005", "0004"):
        migrations.downgrade(empty.engine, revision)
        with empty.engine.connect() as connection:
            for table in ("account", "api_key", "interview", "interview_event"):
                count = connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()  # noqa: S608
                assert count == 1, f"{table} after stepping down to {revision}"
