"""Settings from the environment (and an optional ``.env``), in one object."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    workers: int = Field(1, ge=1, le=64)
    log_level: Literal["critical", "error", "warning", "info", "debug"] = "info"
    access_log: bool = Field(True, description="Log one line per request.")
    warm_up: bool = Field(
        True,
        description="Before the first request, build calendars, compile templates and call "
        "each main route once in process, so no user pays for it; the test suite turns it off.",
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed by CORS; none by default."
    )
    default_country: str = Field(
        "US", min_length=2, max_length=3, description="Calendar country when a request names none."
    )
    default_language: Literal["en", "de", "fr", "es"] = Field(
        "en",
        description="Language of the messages when a request names none (the explanation "
        "follows each request's Accept-Language).",
    )
    max_body_bytes: int = Field(
        64 * 1024, ge=1024, description="Larger request bodies are refused with 413."
    )
    max_header_bytes: int = Field(
        16 * 1024,
        ge=1024,
        description="followup serve: a request line and headers larger than this are refused "
        "with 431.",
    )
    header_timeout_seconds: float = Field(
        10.0,
        gt=0,
        le=300,
        description="followup serve: a request's line and headers must arrive within this "
        "time of the connection opening (or the request's first byte); else 408 and closed.",
    )

    # -- persistence and keys --
    database_url: str = Field(
        "sqlite:///followup.db",
        description="SQLAlchemy URL: a SQLite file (default, in the working directory) or "
        "postgresql://user@host/db (psycopg 3).",
    )
    database_pool_size: int = Field(
        10,
        ge=1,
        le=100,
        description="Requests of one worker that use the database at once, and the "
        "connections it keeps for them (two more kept spare).",
    )
    key_cache_seconds: float = Field(
        10.0,
        ge=0,
        le=300,
        description="How long a verified API key is trusted without asking the database again; "
        "a revoked key stops working within this time.",
    )

    # Operations: rate limit, shared counters, shutdown.
    rate_limit: int = Field(
        600, ge=0, description="Requests per minute per API key; 0 turns every limit off."
    )
    rate_limit_anonymous: int = Field(
        60,
        ge=0,
        description="Requests per minute per client address that bring no key, or one not "
        "yet verified, counted before the key is looked up; 0 turns this limit off.",
    )
    redis_url: str | None = Field(
        None,
        description="Redis for rate-limit counters shared by several hosts; none: the "
        "counters are kept by this host (see rate_limit_file).",
    )
    rate_limit_file: str | None = Field(
        None,
        description="A SQLite file where the workers of one host share rate-limit counters; "
        "followup serve makes a temporary one when --workers is over 1 and REDIS_URL is unset.",
    )
    shutdown_grace_seconds: int = Field(
        30, ge=0, le=3600, description="On SIGTERM, how long requests in flight may finish."
    )

    # Push: webhooks and calendar feeds.
    dispatcher: bool = Field(
        True,
        description="Run the webhook dispatcher inside the served app; DISPATCHER=off on API "
        "replicas when `followup worker` processes deliver instead (and in the test suite).",
    )
    dispatch_interval_seconds: float = Field(
        1.0,
        gt=0,
        le=15,
        description="How often the dispatcher looks for steps falling due and messages to send "
        "when it has nothing in hand; a step that opens is announced within this (and a "
        "delivery's time).",
    )
    dispatch_concurrency: int = Field(
        8, ge=1, le=64, description="Deliveries one dispatcher makes at once."
    )
    webhook_retry_schedule: list[float] = Field(
        default_factory=lambda: [0.0, 5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0],
        min_length=1,
        description="Seconds before each attempt of a message (the Standard Webhooks "
        "schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); after the last, it fails.",
    )
    webhook_connect_timeout_seconds: float = Field(5.0, gt=0, le=60)
    webhook_timeout_seconds: float = Field(
        15.0, gt=0, le=120, description="The whole of one attempt, connect to last byte read."
    )
    webhook_disable_after_hours: float = Field(
        120.0, gt=0, description="An endpoint failing for this long is turned off (and says why)."
    )
    webhook_allow_private: bool = Field(
        False,
        description="Allow http and private, loopback or link-local targets: for local "
        "development and tests only, never in production (server-side request forgery).",
    )
    public_base_url: str | None = Field(
        None,
        description="The service's public address for calendar feed URLs; none: the host and "
        "port the request came to.",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
