"""Alembic, driven from the service: the only way the schema changes."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

_HERE = Path(__file__).resolve()


def _script_location() -> Path:
    """``alembic/`` beside the project (a checkout or an editable install), else in the cwd."""
    for root in (_HERE.parents[2], Path.cwd()):
        if (root / "alembic" / "env.py").is_file():
            return root / "alembic"
    raise FileNotFoundError("no alembic/ directory beside the project or in the working directory")


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_script_location()))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` in one transaction per run."""
    cfg = config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    cfg = config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)


@lru_cache(maxsize=1)
def head() -> str:
    revision = ScriptDirectory.from_config(config()).get_current_head()
    if revision is None:  # pragma: no cover - there is always a first migration
        raise RuntimeError("no migrations")
    return revision


def current(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_current(engine: Engine) -> bool:
    """Whether the database is at the latest migration (``/readyz``)."""
    return current(engine) == head()
