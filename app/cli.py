"""The ``followup`` command line: serve the API, or plan from a file with no server."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.db.session import Database
    from app.settings import Settings

# Each command imports what it needs when it runs: ``followup --help`` loads none of the
# service (the web framework alone takes a second).


def get_settings() -> Settings:
    from app.settings import get_settings as settings

    return settings()


def _serve(args: argparse.Namespace) -> int:
    import signal

    import uvicorn

    from app.api.observability import uvicorn_log_config
    from app.serving import PROTOCOL

    settings = get_settings()
    if not _database_folder_exists(settings.database_url):
        return 2
    _apply_migrations(settings.database_url, settle=False)
    host, port = args.host or settings.host, args.port or settings.port
    workers = args.workers or settings.workers
    print(
        f"Follow-up planner on http://{host}:{port}  (docs: http://{host}:{port}/docs)", flush=True
    )
    # uvicorn drains the requests in flight, then raises the SIGTERM again: a stop on
    # request is a clean end, so the process exits 0 rather than dying of the signal.
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        with _shared_between_workers(workers, settings.redis_url):
            uvicorn.run(
                "app.main:create_app",
                factory=True,
                host=host,
                port=port,
                workers=workers,
                log_level=settings.log_level,
                # JSON lines; the app writes the access lines itself, with the request id.
                log_config=uvicorn_log_config(settings.log_level),
                access_log=False,
                timeout_graceful_shutdown=settings.shutdown_grace_seconds,
                # httptools, with the request head bounded in size and in time (app/serving.py).
                http=PROTOCOL,
                # With --workers, a new worker answers the supervisor's ping only once it has
                # loaded the service; on a busy machine that passes uvicorn's 5 s, and the
                # worker would be killed and started again, for ever.
                timeout_worker_healthcheck=60,
            )
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


@contextmanager
def _shared_between_workers(workers: int, redis_url: str | None) -> Iterator[None]:
    """What several worker processes must share, in a folder made for this run.

    Worker processes inherit the environment: ``PROMETHEUS_MULTIPROC_DIR`` makes each one
    write its metrics to files there, which ``/metrics`` sums whichever worker answers; and
    without Redis, ``RATE_LIMIT_FILE`` is a SQLite file there where they keep one rate-limit
    count. Both are left alone when already set. The folder goes when the server stops.
    """
    if workers <= 1:
        yield
        return
    with tempfile.TemporaryDirectory(prefix="followup-workers-") as folder:
        chosen = {"PROMETHEUS_MULTIPROC_DIR": folder}
        if not redis_url:
            chosen["RATE_LIMIT_FILE"] = str(Path(folder) / "ratelimit.sqlite3")
        added = {name: value for name, value in chosen.items() if not os.environ.get(name)}
        os.environ.update(added)
        try:
            yield
        finally:
            for name in added:
                os.environ.pop(name, None)


def _database_folder_exists(url: str) -> bool:
    """False, with one line on standard error, when a SQLite file's folder does not exist.

    SQLite would make the file but not its folder; without this the start-up ends in a
    traceback from deep inside the migrations.
    """
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    path = parsed.database
    if parsed.get_backend_name() != "sqlite" or not path or path == ":memory:":
        return True
    folder = Path(path).expanduser().absolute().parent
    if folder.is_dir():
        return True
    print(
        f"followup: the database folder {folder} does not exist (DATABASE_URL={url}); "
        "create it or point DATABASE_URL elsewhere.",
        file=sys.stderr,
    )
    return False


def _database(url: str) -> Database:
    from app.db.session import Database

    return Database(url, pool_size=1)


def _apply_migrations(url: str, *, settle: bool = True) -> None:
    """Apply pending migrations; then make plan columns another planner version computed hold
    for no moment, and (with ``settle``; else in the background) compute them again."""
    from app.db import migrations
    from app.services.interviews import InterviewStore

    country = get_settings().default_country
    db = _database(url)
    try:
        before = migrations.stamped(db.engine)
        if before != migrations.HEAD:
            migrations.upgrade(db.engine)
        after = migrations.stamped(db.engine)
        InterviewStore(db, default_country=country).unsettle()
        settled = InterviewStore(db, default_country=country).settle() if settle else 0
    finally:
        db.dispose()
    if before != after:
        print(f"Database migrated from {before or 'empty'} to {after}.", file=sys.stderr)
    if settled:
        print(f"Plan columns computed for {settled} interviews.", file=sys.stderr)
    if not settle:
        # Serving does not wait: until a row's columns are computed, pages plan the row.
        threading.Thread(target=_settle, args=(url, country), name="settle", daemon=True).start()


def _settle(url: str, country: str) -> None:
    from app.services.interviews import InterviewStore

    db = _database(url)
    try:
        # Small batches: each holds SQLite's write lock while it plans.
        InterviewStore(db, default_country=country).settle(batch=50)
    except Exception as exc:  # noqa: BLE001 - the rows stay planned on every read meanwhile
        print(f"Computing plan columns failed: {exc}", file=sys.stderr)
    finally:
        db.dispose()


def _worker(args: argparse.Namespace) -> int:
    """The webhook dispatcher alone, until SIGTERM or Ctrl-C (API replicas: DISPATCHER=off)."""
    import logging
    import signal
    import threading

    from app.api.observability import configure_logging
    from app.db import migrations
    from app.db.session import Database
    from app.services.webhook_dispatch import dispatcher_from

    settings = get_settings()
    configure_logging(settings.log_level)
    db = Database(settings.database_url, pool_size=settings.dispatch_concurrency + 2)
    stopped = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopped.set())
    # The API's `followup migrate` (or serve) owns the schema: two processes migrating at once
    # would race, so a worker waits for the schema to be current instead.
    for waited in range(args.wait_for_schema + 1):
        try:
            if migrations.is_current(db.engine):
                break
        except Exception as exc:  # noqa: BLE001 - a database still starting: wait for it
            logging.getLogger("app.webhooks").info("database not reachable yet: %s", exc)
        if waited == args.wait_for_schema or stopped.wait(1):
            print(
                "followup worker: the database schema is not current; run `followup migrate`.",
                file=sys.stderr,
            )
            db.dispose()
            return 1
    dispatcher = dispatcher_from(db, settings)
    logging.getLogger("app.webhooks").info("webhook dispatcher started")
    dispatcher.start()
    stopped.wait()
    dispatcher.stop()
    db.dispose()
    return 0


def _migrate(args: argparse.Namespace) -> int:
    url = get_settings().database_url
    if not _database_folder_exists(url):
        return 2
    _apply_migrations(url)
    return 0


def _create_key(args: argparse.Namespace) -> int:
    from app.services.keys import issue_key

    db = _database(get_settings().database_url)
    try:
        issued = issue_key(db, account=args.account)
    finally:
        db.dispose()
    print(issued.key)
    print(
        f"Key {issued.key_id} for account {issued.account!r}; it is shown only this once.",
        file=sys.stderr,
    )
    return 0


def _revoke_key(args: argparse.Namespace) -> int:
    from app.services.keys import revoke_key

    db = _database(get_settings().database_url)
    try:
        revoked = revoke_key(db, key_id=args.key_id)
    finally:
        db.dispose()
    if not revoked:
        print(f"No active key with id {args.key_id}.", file=sys.stderr)
        return 1
    print(f"Key {args.key_id} revoked.", file=sys.stderr)
    return 0


def _local_key(args: argparse.Namespace) -> int:
    """The key kept in FILE if the database still knows it, else a new one written there."""
    from app.services.keys import KeyVerifier, issue_key

    path = Path(args.file)
    db = _database(get_settings().database_url)
    try:
        key = path.read_text().strip() if path.is_file() else ""
        if not key or KeyVerifier(db, ttl=0).verify(key) is None:
            key = issue_key(db, account=args.account).key
            path.write_text(key + "\n")
            path.chmod(0o600)
    finally:
        db.dispose()
    print(key)
    return 0


def _plan(args: argparse.Namespace) -> int:
    import orjson
    from pydantic import ValidationError

    from app.api.errors import invalid_fields, validation_errors
    from app.api.mapping import plan_wire
    from app.api.schemas import PlanRequest
    from app.domain.errors import InvalidFacts
    from app.services.document.codec import facts_from, policy_of
    from app.services.planning import plan_interview

    raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    try:
        request = PlanRequest.model_validate_json(raw)
        facts = facts_from(
            request, default_country=get_settings().default_country, events=request.events
        )
        planned = plan_interview(
            facts=facts,
            policy=policy_of(request),
            as_of=request.as_of or datetime.now(UTC),
        )
    except ValidationError as exc:
        errors = validation_errors(exc.errors())
    except InvalidFacts as exc:
        errors = invalid_fields(exc)
    else:
        sys.stdout.buffer.write(orjson.dumps(plan_wire(planned), option=orjson.OPT_INDENT_2))
        sys.stdout.write("\n")
        return 0
    json.dump({"errors": errors}, sys.stderr, indent=2)
    sys.stderr.write("\n")
    return 2


def _openapi(args: argparse.Namespace) -> int:
    from app.main import create_app

    document = json.dumps(create_app().openapi(), indent=2, sort_keys=True) + "\n"
    if args.output == "-":
        sys.stdout.write(document)
    else:
        Path(args.output).write_text(document, encoding="utf-8")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="followup", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="apply pending migrations, then serve the API")
    serve.add_argument("--host", help="address to listen on (default: HOST, else 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: PORT, else 8000)")
    serve.add_argument("--workers", type=int, help="worker processes (default: WORKERS, else 1)")
    serve.set_defaults(run=_serve)
    plan = commands.add_parser("plan", help="print the plan for the interview facts in FILE")
    plan.add_argument(
        "file", metavar="FILE", help="a JSON file shaped as POST /v1/plans; - for stdin"
    )
    plan.set_defaults(run=_plan)
    openapi = commands.add_parser("openapi", help="write the OpenAPI document (the contract)")
    openapi.add_argument(
        "output", nargs="?", default="openapi/openapi.json", help="where to write it; - for stdout"
    )
    openapi.set_defaults(run=_openapi)
    for name in ("worker", "dispatch"):
        worker = commands.add_parser(
            name,
            help="run the webhook dispatcher alone: announce due steps, deliver the outbox"
            + (" (same as worker)" if name == "dispatch" else ""),
        )
        worker.add_argument(
            "--wait-for-schema",
            type=int,
            default=120,
            metavar="SECONDS",
            help="how long to wait for `followup migrate` to make the schema current",
        )
        worker.set_defaults(run=_worker)
    migrate = commands.add_parser("migrate", help="apply pending database migrations")
    migrate.set_defaults(run=_migrate)
    create_key = commands.add_parser(
        "create-key", help="create an API key (and its account if needed); prints the key alone"
    )
    create_key.add_argument(
        "--account", required=True, metavar="NAME", help="the account the key acts for"
    )
    create_key.set_defaults(run=_create_key)
    revoke = commands.add_parser("revoke-key", help="revoke an API key by its id")
    revoke.add_argument("key_id", metavar="KEY_ID", help="the part after fup_, before the next _")
    revoke.set_defaults(run=_revoke_key)
    local_key = commands.add_parser(
        "local-key", help="print the local development key, creating it when needed (make run)"
    )
    local_key.add_argument(
        "--account", default="local", metavar="NAME", help="its account (default: local)"
    )
    local_key.add_argument(
        "--file",
        default=".followup-key",
        metavar="FILE",
        help="where the key is kept between runs (default: .followup-key)",
    )
    local_key.set_defaults(run=_local_key)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``followup openapi - | head -1``): stop quietly, and point
        # stdout at nothing so the interpreter's last flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError) as exc:
        if exc.filename is None:
            raise
        print(f"followup {args.command}: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
