"""Alembic, driven from the service: the only way the schema changes.

Alembic is imported on first use, not with the service: it cost a tenth of the start-up, and
a serving worker needs it only for ``/readyz`` and ``followup migrate``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Engine

#: The newest migration, known without reading the scripts (a test holds it to what Alembic
#: reads): ``followup serve`` leaves Alembic unimported when the database is already there.
HEAD = "0007"

_HERE = Path(__file__).resolve()


def _script_location() -> Path:
    """``alembic/`` beside the project (a checkout or an editable install), else in the cwd."""
    for root in (_HERE.parents[2], Path.cwd()):
        if (root / "alembic" / "env.py").is_file():
            return root / "alembic"
    raise FileNotFoundError("no alembic/ directory beside the project or in the working directory")


def config() -> Config:
    from alembic.config import Config  # noqa: PLC0415 - on first use (module docstring)

    cfg = Config()
    cfg.set_main_option("script_location", str(_script_location()))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` in one transaction per run."""
    from alembic import command  # noqa: PLC0415

    cfg = config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command  # noqa: PLC0415

    cfg = config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)


@lru_cache(maxsize=1)
def head() -> str:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    revision = ScriptDirectory.from_config(config()).get_current_head()
    if revision is None:  # pragma: no cover - there is always a first migration
        raise RuntimeError("no migrations")
    return revision


def current(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def stamped(engine: Engine) -> str | None:
    """The migration the database is at, read by plain SQL (None: none applied)."""
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        found = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        return None if found is None else str(found)


def is_current(engine: Engine) -> bool:
    """Whether the database is at the latest migration (``/readyz``)."""
    return current(engine) == head()
