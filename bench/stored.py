"""Stored interviews: reads at scale on PostgreSQL, and creates per second.

1. Scale. 100,000 interviews in one account, in a fresh PostgreSQL database: realistic,
   varied documents (about 200 companies, interviews over the last 120 days and the next 30,
   four calendars, events that send, reply, close and withdraw), loaded with COPY. Each row's
   stored columns (``next_action_at``, ``moves_on_at``, ``closed_at``) are computed in Python
   exactly as the service computes them on a create (the request schema, ``document_of``, the
   document codec, ``plan_only`` and :func:`app.db.mapping.columns`), in one
   process per core; a few more interviews go through ``InterviewStore.create`` itself and
   must get the same columns. Then ``VACUUM ANALYZE``, as autovacuum would do in time. Then,
   against one uvicorn worker, sequential requests on one keep-alive connection, p50/p95/p99
   (target p95 under 50 ms): the agenda as of now, the agenda for a week
   (``from``/``to``), a list page filtered on status and company, one on
   ``next_action_before``. Each query's plan is printed with ``--explain`` or when it misses
   the target.
2. Creates per second. ``POST /v1/interviews`` with the example body (no Idempotency-Key) under
   wrk, 32 connections, as a ratio of ``GET /healthz`` on the same server in the same run,
   on SQLite and on PostgreSQL.

Runs as part of ``bench/run.py``; alone: ``.venv/bin/python bench/stored.py --help``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import orjson
import psycopg
import sqlalchemy as sa
from _common import (
    EXAMPLE,
    HOST,
    BenchError,
    Figure,
    Load,
    LoadSettings,
    api_key,
    auth,
    find_wrk,
    followup_command,
    free_port,
    lua_string,
    measure,
    met,
    ms,
    percentile,
    post_script,
    postgres_database,
    print_table,
    section,
    server,
    spread,
    sqlite_url,
    wait_for_health,
)
from _common import interview_body as _interview_body
from _common import request as _request
from sqlalchemy import event as sa_event
from sqlalchemy.engine import make_url
from sqlmodel import col

from app.api.schemas import PlanRequest
from app.db import repositories as repo
from app.db.mapping import event_row
from app.db.models import Interview
from app.db.session import Database
from app.services.document.codec import DocumentCodec, document_of, event_from
from app.services.interviews import Changed, InterviewStore, ListFilter, index_columns
from app.services.planning import plan_only

#: Targets: the agenda and a filtered list page at the 95th percentile.
READ_P95_MS = 50.0
#: Rows computed per task of the process pool, and COPYed per batch.
_CHUNK = 2500
#: Interviews that go through ``InterviewStore.create`` as a check on the bulk loader.
_THROUGH_THE_STORE = 20

_PREFIXES = (
    "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Hooli", "Cyberdyne",
    "Soylent", "Wonka", "Gringotts", "Oscorp", "Vandelay", "Massive", "Pied Piper", "Aperture",
    "Monarch", "Nakatomi", "Blue Sun",
)  # fmt: skip
_SUFFIXES = (
    "Corp", "Labs", "Analytics", "Health", "Logistics", "Robotics", "Systems", "Energy",
    "Media", "Bank",
)  # fmt: skip
#: About 200 companies, as the issue asks.
COMPANIES = tuple(f"{prefix} {suffix}" for prefix in _PREFIXES for suffix in _SUFFIXES)
_OUTCOMES = ("offer", "rejection", "next_round", "update")


# -- documents and their stored columns -----------------------------------------------------


def _rng(seed: int, serial: int) -> random.Random:
    """The generator of document ``serial``, the same in every process."""
    return random.Random(seed * 1_000_003 + serial)


def stored_body(rng: random.Random, serial: int, now: datetime) -> dict[str, Any]:
    """A create request as a tracker would send it, with the events that already happened.

    Interviews fall over the last 120 days and the next 30; of those past, most have a
    thank-you, many a follow-up, some a reply (an offer or rejection closes the plan, an
    update may give a new date) and a few a withdrawal. No event is later than ``now``.
    """
    today = now.date()
    body = _interview_body(
        rng,
        first_day=today - timedelta(days=120),
        days=150,
        companies=COMPANIES,
        name_suffix=f"#{serial}",
    )
    del body["as_of"]
    interview = body["interview"]
    starts = datetime.fromisoformat(interview["starts_at"]).replace(
        tzinfo=ZoneInfo(interview["timezone"])
    )
    recruiter = body["contacts"][1]["email"]
    events: list[dict[str, Any]] = []
    if rng.random() < 0.75:
        events.append(
            {"type": "thank_you_sent", "at": starts + timedelta(hours=rng.uniform(1, 20))}
        )
    if rng.random() < 0.45:
        events.append(
            {
                "type": "follow_up_sent",
                "at": starts + timedelta(days=rng.uniform(6, 14)),
                "contact_email": recruiter,
            }
        )
    if rng.random() < 0.2:
        at = starts + timedelta(days=rng.uniform(3, 25))
        reply: dict[str, Any] = {
            "type": "reply_received",
            "at": at,
            "outcome": rng.choice(_OUTCOMES),
        }
        if reply["outcome"] in ("update", "next_round") and rng.random() < 0.5:
            reply["new_deadline"] = (at.date() + timedelta(days=rng.randrange(7, 21))).isoformat()
        events.append(reply)
    if rng.random() < 0.04:
        events.append({"type": "withdrawn", "at": starts + timedelta(days=rng.uniform(2, 30))})
    past = sorted((e for e in events if e["at"] <= now), key=lambda e: e["at"])
    body["events"] = [{**e, "at": e["at"].isoformat(timespec="seconds")} for e in past]
    return body


@dataclass(frozen=True, slots=True)
class Computed:
    """What the service would store for one create request."""

    document: dict[str, Any]
    events: list[Any]  # app.domain.model.Event
    company: str
    columns: dict[str, Any]
    status: str


#: Reads a stored document back, as the service does (its default country is US).
_decode = DocumentCodec(default_country="US").decode


def compute(body: dict[str, Any], now: datetime) -> Computed:
    """The stored document, events and columns, by the service's own code path."""

    request = PlanRequest.model_validate_json(orjson.dumps(body))
    document = document_of(request)
    events = [event_from(e) for e in request.events]
    decoded = _decode(document)
    facts = replace(decoded.facts, events=tuple(events))
    plan = plan_only(facts=facts, policy=decoded.policy, as_of=now)
    return Computed(
        document,
        events,
        decoded.facts.company,
        index_columns(facts, decoded.policy, plan),
        plan.status.value,
    )


@dataclass(frozen=True, slots=True)
class Chunk:
    seed: int
    start: int
    stop: int
    account_id: uuid.UUID
    now: datetime


def _rows(chunk: Chunk) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], Counter[str]]:
    """COPY rows for interviews ``start``..``stop``: the interviews, their events, statuses."""

    interviews: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    statuses: Counter[str] = Counter()
    now = chunk.now
    for serial in range(chunk.start, chunk.stop):
        rng = _rng(chunk.seed, serial)
        body = stored_body(rng, serial, now)
        computed = compute(body, now)
        statuses[computed.status] += 1
        interview_id = uuid.uuid4()
        starts = datetime.fromisoformat(body["interview"]["starts_at"]).replace(
            tzinfo=ZoneInfo(body["interview"]["timezone"])
        )
        created = min(now - timedelta(minutes=1), starts - timedelta(days=rng.uniform(0, 7)))
        updated = max([created, *(e.at for e in computed.events)])
        cols = computed.columns
        interviews.append(
            (
                interview_id,
                chunk.account_id,
                1 + len(computed.events),
                orjson.dumps(computed.document).decode(),
                computed.company,
                computed.company.casefold(),
                cols["next_action_at"],
                cols["moves_on_at"],
                cols["closed_at"],
                cols["moved_on_by"],
                cols["index_from"],
                cols["index_until"],
                cols["planner_version"],
                orjson.dumps(cols["listing"]).decode(),
                cols["listing_until"],
                created,
                updated,
            )
        )
        for seq, event in enumerate(computed.events, start=1):
            row = event_row(interview_id, seq, event)
            events.append(
                (
                    row.id,
                    interview_id,
                    seq,
                    row.type,
                    row.at,
                    row.at_offset_minutes,
                    row.contact_email,
                    row.outcome,
                    row.new_deadline,
                    row.timeline_text,
                    row.note,
                    row.at,
                )
            )
    return interviews, events, statuses


_COPY_INTERVIEWS = (
    "COPY interview (id, account_id, version, facts, company, company_key, next_action_at,"
    " moves_on_at, closed_at, moved_on_by, index_from, index_until, planner_version, listing,"
    " listing_until, created_at, updated_at) FROM STDIN"
)
_COPY_EVENTS = (
    "COPY interview_event (id, interview_id, seq, type, at, at_offset_minutes, contact_email,"
    " outcome, new_deadline, timeline_text, note, created_at) FROM STDIN"
)


def _libpq(url: str) -> str:

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@dataclass(frozen=True, slots=True)
class Loaded:
    interviews: int
    events: int
    seconds: float
    statuses: Counter[str]
    checked: int
    mismatches: list[str]


def _account_id(url: str, account: str) -> uuid.UUID:

    db = Database(url, pool_size=1)
    try:
        with db.read() as session:
            found = repo.account_named(session=session, name=account)
            assert found is not None
            return found.id
    finally:
        db.dispose()


def _through_the_store(
    url: str, account_id: uuid.UUID, seed: int, serials: range, now: datetime
) -> list[str]:
    """Creates these interviews with ``InterviewStore.create``; the differences between the
    columns it stored and those the bulk loader computes, if any."""

    db = Database(url, pool_size=1)
    store = InterviewStore(db, default_country="US")
    names = ("next_action_at", "moves_on_at", "closed_at")
    mismatches = []
    try:
        for serial in serials:
            body = stored_body(_rng(seed, serial), serial, now)
            computed = compute(body, now)
            created = store.create(
                account_id=account_id,
                fields=PlanRequest.model_validate_json(orjson.dumps(body)),
                events=computed.events,
                as_of=None,
            )
            assert isinstance(created, Changed)  # noqa: S101 - no Idempotency-Key, no replay
            with db.read() as session:
                query = sa.select(*(getattr(Interview, n) for n in names)).where(
                    Interview.id == created.interview.id
                )
                row = session.execute(query).one()
            stored = dict(zip(names, row, strict=True))
            if stored != {n: computed.columns[n] for n in names}:
                mismatches.append(f"#{serial}: the store wrote {stored}, the loader {computed}")
    finally:
        db.dispose()
    return mismatches


def load(
    url: str, account_id: uuid.UUID, count: int, seed: int, now: datetime, *, first: int = 0
) -> Loaded:
    """``count`` interviews into the account (serials ``first`` on): all but a few by COPY,
    those by the store. A bulk load goes past the store, so it bumps the account's data
    version itself, as every change does, and no worker answers a page kept from before."""

    began = time.perf_counter()
    bulk = first + count - min(_THROUGH_THE_STORE, count // 10)
    chunks = [
        Chunk(seed, start, min(start + _CHUNK, bulk), account_id, now)
        for start in range(first, bulk, _CHUNK)
    ]
    statuses: Counter[str] = Counter()
    events = 0
    workers = max(1, os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Fork every worker now, before the connection exists, so none inherits its socket.
        pool.submit(int).result()
        with psycopg.connect(_libpq(url)) as connection:
            for interview_rows, event_rows, tally in pool.map(_rows, chunks):
                with connection.cursor() as cursor:
                    with cursor.copy(_COPY_INTERVIEWS) as copy:
                        for row in interview_rows:
                            copy.write_row(row)
                    with cursor.copy(_COPY_EVENTS) as copy:
                        for row in event_rows:
                            copy.write_row(row)
                connection.commit()
                statuses += tally
                events += len(event_rows)
    mismatches = _through_the_store(url, account_id, seed, range(bulk, first + count), now)
    with psycopg.connect(_libpq(url), autocommit=True) as connection:
        connection.execute(
            "UPDATE account SET data_version = data_version + 1 WHERE id = %s", (account_id,)
        )
        connection.execute("VACUUM ANALYZE interview")
        connection.execute("VACUUM ANALYZE interview_event")
    return Loaded(
        count, events, time.perf_counter() - began, statuses, first + count - bulk, mismatches
    )


# -- reads at scale -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scenario:
    label: str
    path: Callable[[int], str]
    #: The store's own call for the same question, whose first SQL statement is EXPLAINed.
    call: Callable[[Any, uuid.UUID], object]


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _scenarios(now: datetime) -> list[Scenario]:

    today = now.date()
    week = {"from": today.isoformat(), "to": (today + timedelta(days=6)).isoformat()}

    def agenda(minutes: int, **extra: str) -> str:
        return "/v1/agenda?" + urlencode({"as_of": _iso(now + timedelta(minutes=minutes)), **extra})

    def listing(query: dict[str, Any]) -> str:
        return "/v1/interviews?" + urlencode(query)

    def before(index: int) -> datetime:
        return now + timedelta(hours=index % 336 - 168)

    return [
        Scenario(
            "GET /v1/agenda?as_of",
            lambda i: agenda(i),
            lambda store, account: store.agenda(
                account_id=account, as_of=now, start=None, end=None, after=None, limit=50
            ),
        ),
        Scenario(
            "GET /v1/agenda?as_of&from&to (a week)",
            lambda i: agenda(i, **week),
            lambda store, account: store.agenda(
                account_id=account,
                as_of=now,
                start=today,
                end=today + timedelta(days=6),
                after=None,
                limit=50,
            ),
        ),
        Scenario(
            "GET /v1/interviews?status=active&company=",
            lambda i: listing(
                {"status": "active", "company": COMPANIES[i % len(COMPANIES)], "limit": 50}
            ),
            lambda store, account: store.list(
                account_id=account,
                filters=ListFilter("active", COMPANIES[0]),
                as_of=now,
                after=None,
                limit=50,
            ),
        ),
        Scenario(
            "GET /v1/interviews?next_action_before=",
            lambda i: listing({"next_action_before": _iso(before(i)), "limit": 50}),
            lambda store, account: store.list(
                account_id=account,
                filters=ListFilter(next_action_before=now),
                as_of=now,
                after=None,
                limit=50,
            ),
        ),
    ]


def _explain(url: str, account_id: uuid.UUID, call: Callable[[Any, uuid.UUID], object]) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the first statement the store runs for ``call``."""

    db = Database(url, pool_size=1)
    captured: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        captured.append((statement, parameters))

    sa_event.listen(db.engine, "before_cursor_execute", grab)
    try:
        call(InterviewStore(db, default_country="US"), account_id)
        sa_event.remove(db.engine, "before_cursor_execute", grab)
        statement, parameters = next(c for c in captured if "FROM interview" in c[0])
        with db.engine.connect() as connection:
            plan = connection.exec_driver_sql(
                "EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters
            ).all()
    finally:
        db.dispose()
    return statement + "\n" + "\n".join(line for (line,) in plan)


def _due_count(url: str, account_id: uuid.UUID, as_of: datetime) -> int:
    """Open interviews with a step open by ``as_of``: what the agenda could have to plan."""

    db = Database(url, pool_size=1)
    try:
        with db.read() as session:
            query = sa.select(sa.func.count()).where(
                col(Interview.account_id) == account_id,
                col(Interview.closed_at).is_(None),
                col(Interview.next_action_at) <= as_of,
            )
            return int(session.execute(query).scalar_one())
    finally:
        db.dispose()


def reads(
    figures: list[Figure],
    port: int,
    key: str,
    url: str,
    account_id: uuid.UUID,
    stored: int,
    now: datetime,
    *,
    budget_s: float,
    explain: bool,
) -> dict[str, float]:
    """p50/p95/p99 of the agenda and list pages, sequential, one keep-alive connection (every
    request asks about another moment, so no kept page answers it); the p95 of each."""
    headers = auth(key)
    p95s: dict[str, float] = {}
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.connect()
        for index, scenario in enumerate(_scenarios(now)):
            _, first = _request(connection, "GET", scenario.path(0), headers=headers)
            answer = orjson.loads(first)
            for warm in range(1, 6):
                _request(connection, "GET", scenario.path(warm), headers=headers)
            samples: list[float] = []
            deadline = time.perf_counter() + budget_s
            serial = 6
            while len(samples) < 1000 and (len(samples) < 50 or time.perf_counter() < deadline):
                spent, _ = _request(connection, "GET", scenario.path(serial), headers=headers)
                samples.append(spent)
                serial += 1
            p95 = percentile(samples, 0.95)
            p95s[scenario.label] = p95
            print(
                f"  {scenario.label:<42} p50 {ms(percentile(samples, 0.5)):>9}"
                f"   p95 {ms(p95):>9}   p99 {ms(percentile(samples, 0.99)):>9}"
                f"   ({len(samples)} requests)",
                flush=True,
            )
            if index == 0:
                planned = {item["interview_id"] for item in answer["items"]}
                due = _due_count(url, account_id, now)
                print(
                    f"    first page: {len(answer['items'])} steps of {len(planned)} interviews"
                    f" planned, of {stored:,} stored ({due:,} with a step open by as_of);"
                    f" more pages: {answer['next_cursor'] is not None}"
                )
                figures.append(
                    Figure(
                        "agenda page: interviews planned / stored",
                        f"{len(planned)} / {stored:,} ({due:,} open)",
                    )
                )
            else:
                print(f"    first answer: {len(answer['items'])} items")
            figures.append(
                Figure(
                    f"{scenario.label} p50/p95/p99",
                    spread(samples),
                    f"p95 < {READ_P95_MS:.0f} ms",
                    met(p95 < READ_P95_MS),
                )
            )
            plan = _explain(url, account_id, scenario.call)
            timing = [line for line in plan.splitlines() if "Execution Time" in line]
            print(f"    its main query, EXPLAIN ANALYZE: {timing[0].strip() if timing else '?'}")
            if explain or p95 >= READ_P95_MS:
                print("    " + plan.replace("\n", "\n    "))
    finally:
        connection.close()
    return p95s


# -- creates per second ---------------------------------------------------------------------


def create_throughput(
    figures: list[Figure],
    wrk: str,
    settings: LoadSettings,
    backend: str,
    port: int,
    process: Any,
    log: TextIO,
    key: str,
    workdir: Path,
    health: Load | None = None,
) -> None:
    """``POST /v1/interviews`` under wrk, as a ratio of ``GET /healthz`` on the same server."""
    base = f"http://{HOST}:{port}"
    if health is None:
        health = measure(wrk, settings, "GET /healthz", f"{base}/healthz", process, log)
        figures.append(Figure(f"GET /healthz req/s, {backend} server", f"{health.rps:.0f}"))
    script = workdir / f"create_{backend.lower()}.lua"
    script.write_text(post_script("/v1/interviews", EXAMPLE.read_bytes(), key), encoding="utf-8")
    creates = measure(
        wrk,
        settings,
        f"POST /v1/interviews, {backend}",
        f"{base}/v1/interviews",
        process,
        log,
        script,
    )
    ratio = creates.rps / health.rps
    print(f"    ratio creates/healthz: {ratio:.2f}")
    figures.append(Figure(f"POST /v1/interviews req/s, {backend}", f"{creates.rps:.0f}"))
    figures.append(Figure(f"ratio creates/healthz, {backend}", f"{ratio:.2f}"))
    figures.append(
        Figure(
            f"POST /v1/interviews p50 / p99, {backend}",
            f"{ms(creates.p50_ms)} / {ms(creates.p99_ms)}",
        )
    )


def page_throughput(
    figures: list[Figure],
    wrk: str,
    settings: LoadSettings,
    port: int,
    process: Any,
    log: TextIO,
    key: str,
    workdir: Path,
    now: datetime,
) -> Load:
    """A list page and an agenda page (50 items, messages) under wrk, as ratios of
    ``GET /healthz`` on the same server; returns the /healthz run for the creates."""
    base = f"http://{HOST}:{port}"
    health = measure(wrk, settings, "GET /healthz", f"{base}/healthz", process, log)
    figures.append(Figure("GET /healthz req/s, PostgreSQL server", f"{health.rps:.0f}"))
    script = workdir / "get_with_key.lua"
    script.write_text(
        f'wrk.method = "GET"\nwrk.headers["Authorization"] = {lua_string("Bearer " + key)}\n',
        encoding="utf-8",
    )
    as_of = _iso(now + timedelta(minutes=5))
    pages = (
        ("GET /v1/interviews (50, status=active)", 0.5, {"status": "active", "limit": 50}),
        ("GET /v1/agenda (50 interviews, messages)", 0.2, {"limit": 50}),
    )
    for label, target, query in pages:
        path = "/v1/agenda" if "agenda" in label else "/v1/interviews"
        url = f"{base}{path}?{urlencode({'as_of': as_of, **query})}"
        load = measure(wrk, settings, label, url, process, log, script)
        ratio = load.rps / health.rps
        print(f"    ratio to /healthz: {ratio:.2f}")
        figures.append(
            Figure(
                f"{label} req/s / healthz",
                f"{load.rps:.0f} ({ratio:.2f}x)",
                f">= {target}x",
                met(ratio >= target),
            )
        )
    return health


# -- scale -----------------------------------------------------------------------------------

#: The pages' p95 with ten times the interviews stored, against the p95 before: cost should
#: grow with the page, not with what is stored.
SCALE_TOLERANCE = 1.2


def scale(
    figures: list[Figure], workdir: Path, *, first: int, total: int, seed: int, budget_s: float
) -> None:
    """The same pages, sequential, with ``first`` interviews stored and then with ``total``
    (grown in the same database, served by the same server): the p95s compared."""
    section(f"Scale: the pages with {first:,} interviews stored, then {total:,}")
    now = datetime.now(UTC).replace(microsecond=0)
    with postgres_database("followup_bench_scale") as url:
        key = api_key(url, "bench-scale")
        account_id = _account_id(url, "bench-scale")
        loaded = load(url, account_id, first, seed, now)
        print(f"  loaded {first:,} interviews in {loaded.seconds:.1f} s", flush=True)
        port = free_port()
        with (
            (workdir / "server-scale.log").open("w+", encoding="utf-8") as log,
            server(port, log, url) as (process, started),
        ):
            wait_for_health(process, started, port, log, timeout_s=30)
            before = reads(
                [], port, key, url, account_id, first, now, budget_s=budget_s, explain=False
            )
            grown = load(url, account_id, total - first, seed, now, first=first)
            print(
                f"  grown by {total - first:,} interviews to {total:,} in {grown.seconds:.1f} s",
                flush=True,
            )
            after = reads(
                [], port, key, url, account_id, total, now, budget_s=budget_s, explain=False
            )
    for label, was in before.items():
        now_p95 = after[label]
        ratio = now_p95 / was
        figures.append(
            Figure(
                f"{label} p95, {total:,} / {first:,} stored",
                f"{ms(now_p95)} / {ms(was)} = {ratio:.2f}",
                f"<= {SCALE_TOLERANCE}",
                met(ratio <= SCALE_TOLERANCE),
            )
        )


# -- the section ----------------------------------------------------------------------------


def stored_interviews(
    figures: list[Figure],
    wrk: str | None,
    settings: LoadSettings,
    workdir: Path,
    *,
    count: int,
    seed: int,
    budget_s: float,
    explain: bool,
) -> None:
    """The PostgreSQL half: load, reads at scale, then creates per second on the same server."""
    section(f"Stored interviews: {count:,} in one account on PostgreSQL")
    now = datetime.now(UTC).replace(microsecond=0)
    with postgres_database("followup_bench") as url:
        key = api_key(url, "bench-scale")
        account_id = _account_id(url, "bench-scale")
        loaded = load(url, account_id, count, seed, now)
        tally = ", ".join(f"{name} {n:,}" for name, n in sorted(loaded.statuses.items()))
        print(
            f"  loaded {loaded.interviews:,} interviews and {loaded.events:,} events in"
            f" {loaded.seconds:.1f} s (COPY, columns computed on {os.cpu_count()} cores,"
            f" then VACUUM ANALYZE); plans: {tally}"
        )
        figures.append(Figure(f"load {count:,} interviews (COPY)", f"{loaded.seconds:.1f} s"))
        agree = loaded.checked - len(loaded.mismatches)
        print(
            f"  {loaded.checked} more through InterviewStore.create: {agree} with the"
            " columns the loader computes"
        )
        for mismatch in loaded.mismatches:
            print(f"    MISMATCH {mismatch}")
        figures.append(
            Figure(
                "loader columns = InterviewStore.create's",
                f"{agree} of {loaded.checked}",
                "all",
                met(not loaded.mismatches),
            )
        )
        # The loader's processes imported the code when the run began; if anyone changed
        # planning since, the server's planner version differs, and `followup migrate`
        # computes the columns again now (else it finds nothing to do).
        settled = subprocess.run(
            [followup_command(), "migrate"],
            env={**os.environ, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"  followup migrate: {settled.stderr.strip() or 'nothing to compute'}")
        port = free_port()
        with (
            (workdir / "server-postgres.log").open("w+", encoding="utf-8") as log,
            server(port, log, url) as (process, started),
        ):
            wait_for_health(process, started, port, log, timeout_s=30)
            print(f"  one uvicorn worker on {HOST}:{port}; sequential requests, one connection:")
            reads(
                figures,
                port,
                key,
                url,
                account_id,
                count,
                now,
                budget_s=budget_s,
                explain=explain,
            )
            if wrk is not None:
                section(
                    f"Load on the PostgreSQL server: wrk -t{settings.threads}"
                    f" -c{settings.connections} -d{settings.duration_s}s"
                )
                health = page_throughput(
                    figures, wrk, settings, port, process, log, key, workdir, now
                )
                create_throughput(
                    figures,
                    wrk,
                    settings,
                    "PostgreSQL",
                    port,
                    process,
                    log,
                    api_key(url, "bench-creates"),
                    workdir,
                    health,
                )


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--interviews", type=int, default=100_000, help="stored (100000)")
    parser.add_argument("--seed", type=int, default=20261124, help="seed of the documents")
    parser.add_argument("--budget", type=float, default=10, help="seconds per read figure (10)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--explain", action="store_true", help="print every query plan")
    parser.add_argument("--no-load", action="store_true", help="skip the wrk runs")
    parser.add_argument(
        "--scale-to",
        type=int,
        default=0,
        help="only the scale run: the pages with --interviews stored, then grown to this many",
    )
    args = parser.parse_args(argv)
    if args.scale_to and not args.interviews < args.scale_to <= 10_000_000:
        parser.error("--scale-to must be more than --interviews and at most 10000000")
    if not 1000 <= args.interviews <= 1_000_000:
        parser.error("--interviews must be 1000-1000000")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """The stored-interview figures alone: SQLite creates, then the PostgreSQL half."""
    args = _arguments(argv)
    settings = LoadSettings(1, 32, args.duration, 2)
    wrk = None if args.no_load or args.scale_to else find_wrk()
    figures: list[Figure] = []
    try:
        with tempfile.TemporaryDirectory(prefix="followup-bench-") as scratch:
            workdir = Path(scratch)
            if args.scale_to:
                scale(
                    figures,
                    workdir,
                    first=args.interviews,
                    total=args.scale_to,
                    seed=args.seed,
                    budget_s=args.budget,
                )
                print_table(figures)
                return 0
            if wrk is not None:
                url = sqlite_url(workdir)
                port = free_port()
                section("Load on a SQLite server")
                with (
                    (workdir / "server.log").open("w+", encoding="utf-8") as log,
                    server(port, log, url) as (process, started),
                ):
                    wait_for_health(process, started, port, log)
                    key = api_key(url, "bench")
                    create_throughput(
                        figures, wrk, settings, "SQLite", port, process, log, key, workdir
                    )
            stored_interviews(
                figures,
                wrk,
                settings,
                workdir,
                count=args.interviews,
                seed=args.seed,
                budget_s=args.budget,
                explain=args.explain,
            )
    except BenchError as exc:
        print_table(figures)
        print(f"\nbench: FAILED: {exc}", file=sys.stderr)
        return 1
    print_table(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
