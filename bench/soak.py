"""Soak: a minute of mixed reads and writes against one running server.

The script starts ``followup serve`` itself on a free port of 127.0.0.1, with a fresh
PostgreSQL database (dropped at the end; ``--sqlite`` for a temporary SQLite file instead) and
the rate limit off, and stops it at the end. Several clients (asyncio tasks sharing one httpx
client, one connection each) then run for ``--seconds`` (60), each picking at random:

- ``create``: ``POST /v1/interviews`` with a generated interview, no Idempotency-Key;
- ``create_idem``: the same with a fresh Idempotency-Key; half of those are retried with the
  same key and body, one after the other or both at once (a 409 while the first is in flight
  is expected: retried until it answers), and now and then the key is sent again with another
  body (422);
- ``get``, ``patch`` (a JSON merge patch with ``If-Match``: 200, or 412 when another client
  changed it first), ``event`` (``POST .../events`` with a note of its own), ``list`` and
  ``agenda``. Half the reads and writes go to the ten newest interviews, so writes race.

It reports requests per second and p50/p95/p99 per operation, and then checks, failing (exit
status 1) on any violation:

- no 5xx, no unexpected status, no transport error;
- no lost write: every 201 create reads back; every read shows at least the version the
  client already saw; every logged event appears in its interview, exactly once, with the
  sequence numbers 1..n; each interview's version is 1 + its successful changes;
- no duplicated write: the account holds exactly the distinct ids created (counted in the
  database, and by walking the list's cursor, which must not repeat an id); every
  Idempotency-Key gave one id and exactly one non-replayed 201.

``make bench`` runs it from ``bench/run.py``; alone: ``.venv/bin/python bench/soak.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import orjson
import sqlalchemy as sa
from _common import (
    HOST,
    BenchError,
    Figure,
    api_key,
    auth,
    free_port,
    interview_body,
    memory_line,
    met,
    percentile,
    postgres_database,
    print_table,
    resident_memory,
    section,
    server,
    spread,
    sqlite_url,
    wait_for_health,
)

from app.db import repositories as repo
from app.db.models import Interview
from app.db.session import Database

#: Operations and how often each is picked.
WEIGHTS = {
    "create": 10,
    "create_idem": 10,
    "get": 22,
    "patch": 12,
    "event": 18,
    "list": 14,
    "agenda": 14,
}
_HOT = 10
_EVENTS = ("thank_you_sent", "follow_up_sent", "call_made", "reply_received", "withdrawn")
_EVENT_WEIGHTS = (3, 3, 2, 1, 0.3)


def _version(response: httpx.Response) -> int:
    return int(response.headers["ETag"].strip('"'))


@dataclass
class Tracked:
    """What the clients know about one interview they created."""

    version: int = 1
    changes: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class KeyUse:
    ids: set[str] = field(default_factory=set)
    fresh: int = 0


class Soak:
    def __init__(self, client: httpx.AsyncClient, seed: int) -> None:
        self.client = client
        self.seed = seed
        self.interviews: dict[str, Tracked] = {}
        self.order: list[str] = []
        self.keys: dict[str, KeyUse] = defaultdict(KeyUse)
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: Counter[tuple[str, int]] = Counter()
        self.violations: list[str] = []
        self.serial = 0
        #: Seconds the clients ran, for the rates.
        self.elapsed = 0.0

    # -- one request ----------------------------------------------------------------------

    async def call(
        self, op: str, method: str, path: str, expected: set[int], **kwargs: Any
    ) -> httpx.Response | None:
        start = time.perf_counter()
        try:
            response = await self.client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            self.violations.append(f"{op}: {method} {path}: {exc!r}")
            return None
        self.latencies[op].append((time.perf_counter() - start) * 1000)
        status = response.status_code
        self.statuses[op, status] += 1
        if status not in expected:
            kind = "5xx" if status >= 500 else "unexpected status"
            self.violations.append(
                f"{kind}: {op} {method} {path} -> {status}: {response.text[:300]}"
            )
            return None
        return response

    # -- what the clients do --------------------------------------------------------------

    def _body(self, rng: random.Random) -> bytes:
        self.serial += 1
        today = datetime.now(UTC).date()
        body = interview_body(
            rng, first_day=today - timedelta(days=20), days=19, name_suffix=f"soak {self.serial}"
        )
        del body["as_of"]
        return orjson.dumps(body)

    def _created(self, response: httpx.Response) -> str:
        ident: str = response.json()["id"]
        if ident in self.interviews:
            self.violations.append(f"duplicated write: a fresh create answered with {ident} again")
        else:
            self.interviews[ident] = Tracked(version=_version(response))
            self.order.append(ident)
        return ident

    def _pick(self, rng: random.Random) -> str | None:
        if not self.order:
            return None
        if rng.random() < 0.5:
            return rng.choice(self.order[-_HOT:])
        return rng.choice(self.order)

    async def create(self, rng: random.Random) -> None:
        response = await self.call(
            "create", "POST", "/v1/interviews", {201}, content=self._body(rng)
        )
        if response is not None:
            self._created(response)

    async def _keyed(self, key: str, body: bytes) -> None:
        """One create with ``key``, retried while the first one with it is in flight."""
        for _ in range(100):
            response = await self.call(
                "create_idem",
                "POST",
                "/v1/interviews",
                {201, 409},
                content=body,
                headers={"Idempotency-Key": key},
            )
            if response is None:
                return
            if response.status_code == 201:
                use = self.keys[key]
                if response.headers.get("Idempotent-Replayed") == "true":
                    use.ids.add(response.json()["id"])
                else:
                    use.fresh += 1
                    use.ids.add(self._created(response))
                return
            await asyncio.sleep(0.02)
        self.violations.append(f"Idempotency-Key {key}: still 409 after 100 tries")

    async def create_idem(self, rng: random.Random) -> None:
        key = f"soak-{uuid.uuid4()}"
        body = self._body(rng)
        retry = rng.random()
        if retry < 0.25:  # two at once: one stores, the other waits (409) and replays
            await asyncio.gather(self._keyed(key, body), self._keyed(key, body))
        else:
            await self._keyed(key, body)
            if retry < 0.5:
                await self._keyed(key, body)
        if rng.random() < 0.1:  # the key again, with another body
            await self.call(
                "create_idem",
                "POST",
                "/v1/interviews",
                {422},
                content=self._body(rng),
                headers={"Idempotency-Key": key},
            )

    async def get(self, rng: random.Random) -> None:
        ident = self._pick(rng)
        if ident is None:
            return await self.create(rng)
        seen = self.interviews[ident].version
        response = await self.call("get", "GET", f"/v1/interviews/{ident}", {200})
        if response is not None:
            version = _version(response)
            if version < seen:
                self.violations.append(f"lost write: {ident} read at v{version} after v{seen}")
            self._saw(ident, version)

    def _saw(self, ident: str, version: int) -> None:
        tracked = self.interviews[ident]
        tracked.version = max(tracked.version, version)

    async def patch(self, rng: random.Random) -> None:
        ident = self._pick(rng)
        if ident is None:
            return await self.create(rng)
        tracked = self.interviews[ident]
        version = tracked.version
        change = rng.choice(
            (
                {"strengths": [f"soak strength {rng.randrange(10**6)}"]},
                {"discussion_points": [f"soak point {rng.randrange(10**6)}"]},
                {"job_title": rng.choice(("Data Engineer", "Staff Data Engineer"))},
            )
        )
        response = await self.call(
            "patch",
            "PATCH",
            f"/v1/interviews/{ident}",
            {200, 412},
            content=orjson.dumps(change),
            headers={"If-Match": f'"{version}"', "Content-Type": "application/merge-patch+json"},
        )
        if response is None:
            return
        if response.status_code == 200:
            tracked.changes += 1
            if _version(response) != version + 1:
                self.violations.append(
                    f"{ident}: a PATCH of v{version} answered v{_version(response)}"
                )
        self._saw(ident, _version(response))

    async def event(self, rng: random.Random) -> None:
        ident = self._pick(rng)
        if ident is None:
            return await self.create(rng)
        kind = rng.choices(_EVENTS, _EVENT_WEIGHTS)[0]
        note = f"soak-{uuid.uuid4()}"
        at = datetime.now(UTC) - timedelta(minutes=rng.uniform(0, 600))
        event: dict[str, Any] = {"type": kind, "at": at.isoformat(timespec="seconds"), "note": note}
        if kind == "reply_received":
            event["outcome"] = "update"
            event["new_deadline"] = (at.date() + timedelta(days=rng.randrange(5, 20))).isoformat()
        response = await self.call(
            "event", "POST", f"/v1/interviews/{ident}/events", {201}, content=orjson.dumps(event)
        )
        if response is None:
            return
        tracked = self.interviews[ident]
        tracked.changes += 1
        tracked.notes.append(note)
        if note not in {e["note"] for e in response.json()["events"]}:
            self.violations.append(f"{ident}: event {note} missing from its own 201 answer")
        self._saw(ident, _version(response))

    async def list(self, rng: random.Random) -> None:
        query: dict[str, Any] = {"limit": 50}
        if rng.random() < 0.5:
            query["status"] = "active"
        await self.call("list", "GET", "/v1/interviews", {200}, params=query)

    async def agenda(self, rng: random.Random) -> None:
        await self.call("agenda", "GET", "/v1/agenda", {200})

    async def client_loop(self, index: int, deadline: float) -> None:
        rng = random.Random(self.seed * 7919 + index)
        names, weights = list(WEIGHTS), list(WEIGHTS.values())
        while time.perf_counter() < deadline:
            await getattr(self, rng.choices(names, weights)[0])(rng)

    # -- the checks at the end ------------------------------------------------------------

    async def _check_one(self, ident: str, gate: asyncio.Semaphore) -> None:
        async with gate:
            response = await self.call("verify", "GET", f"/v1/interviews/{ident}", {200})
        if response is None:
            self.violations.append(f"lost write: created {ident} does not read back")
            return
        tracked = self.interviews[ident]
        events = response.json()["events"]
        seqs = [e["seq"] for e in events]
        if seqs != list(range(1, len(events) + 1)):
            self.violations.append(f"{ident}: event seq {seqs}, not 1..{len(events)}")
        notes = Counter(e["note"] for e in events)
        if notes != Counter(tracked.notes):
            lost = Counter(tracked.notes) - notes
            extra = notes - Counter(tracked.notes)
            self.violations.append(f"{ident}: events lost {dict(lost)}, extra {dict(extra)}")
        if _version(response) != 1 + tracked.changes:
            self.violations.append(
                f"{ident}: version {_version(response)} after {tracked.changes} changes"
            )

    async def verify(self, count_in_database: int) -> None:
        gate = asyncio.Semaphore(8)
        await asyncio.gather(*(self._check_one(ident, gate) for ident in self.order))
        listed: list[str] = []
        cursor: str | None = None
        while True:
            query: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            response = await self.call("verify", "GET", "/v1/interviews", {200}, params=query)
            if response is None:
                return
            page = response.json()
            listed += [item["id"] for item in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        repeated = [ident for ident, n in Counter(listed).items() if n > 1]
        if repeated:
            self.violations.append(f"the list's cursor repeats {len(repeated)} ids")
        created = set(self.interviews)
        if set(listed) != created:
            self.violations.append(
                f"the list holds {len(set(listed) - created)} ids never created (duplicated"
                f" writes) and misses {len(created - set(listed))} created (lost writes)"
            )
        if count_in_database != len(created):
            self.violations.append(
                f"duplicated or lost writes: {count_in_database} rows in the account,"
                f" {len(created)} distinct ids created"
            )
        for key, use in self.keys.items():
            if len(use.ids) != 1 or use.fresh != 1:
                self.violations.append(
                    f"Idempotency-Key {key}: ids {sorted(use.ids)}, {use.fresh} fresh 201s"
                )


def _count(url: str, account: str) -> int:

    db = Database(url, pool_size=1)
    try:
        with db.read() as session:
            owner = repo.account_named(session=session, name=account)
            assert owner is not None
            query = sa.select(sa.func.count()).where(Interview.account_id == owner.id)
            return int(session.execute(query).scalar_one())
    finally:
        db.dispose()


async def _drive(port: int, key: str, url: str, seconds: float, clients: int, seed: int) -> Soak:
    limits = httpx.Limits(max_connections=clients * 2, max_keepalive_connections=clients * 2)
    headers = {**auth(key), "Content-Type": "application/json"}
    async with httpx.AsyncClient(
        base_url=f"http://{HOST}:{port}", headers=headers, limits=limits, timeout=30
    ) as client:
        soak = Soak(client, seed)
        began = time.perf_counter()
        deadline = began + seconds
        await asyncio.gather(*(soak.client_loop(i, deadline) for i in range(clients)))
        soak.elapsed = time.perf_counter() - began
        await soak.verify(_count(url, "soak"))
    return soak


def _report(figures: list[Figure], soak: Soak, backend: str, clients: int) -> None:
    elapsed = soak.elapsed
    total = sum(len(v) for op, v in soak.latencies.items() if op != "verify")
    print(
        f"  {total} requests in {elapsed:.1f} s by {clients} clients: {total / elapsed:.0f} req/s;"
        f" {len(soak.interviews)} interviews created, {len(soak.keys)} Idempotency-Keys"
    )
    for op in [*WEIGHTS, "verify"]:
        samples = soak.latencies.get(op)
        if not samples:
            continue
        codes = ", ".join(
            f"{status}: {n}" for (name, status), n in sorted(soak.statuses.items()) if name == op
        )
        print(
            f"    {op:<12} {len(samples):>6} ({len(samples) / elapsed:>5.0f}/s)"
            f"   p50 {percentile(samples, 0.5):7.1f} ms   p95 {percentile(samples, 0.95):7.1f} ms"
            f"   p99 {percentile(samples, 0.99):7.1f} ms   [{codes}]"
        )
        if op != "verify":
            figures.append(Figure(f"soak {op} p50/p95/p99, {backend}", spread(samples)))
    server_errors = sum(n for (_, status), n in soak.statuses.items() if status >= 500)
    conflicts = soak.statuses["patch", 412]
    figures.append(
        Figure(f"soak throughput, {backend}, {clients} clients", f"{total / elapsed:.0f} req/s")
    )
    figures.append(Figure(f"soak requests (PATCH 412s), {backend}", f"{total} ({conflicts})"))
    figures.append(Figure(f"soak 5xx, {backend}", str(server_errors), "0", met(not server_errors)))
    figures.append(
        Figure(
            f"soak violations (lost/duplicated writes), {backend}",
            str(len(soak.violations)),
            "0",
            met(not soak.violations),
        )
    )
    for violation in soak.violations[:20]:
        print(f"  VIOLATION {violation}")
    if len(soak.violations) > 20:
        print(f"  ... and {len(soak.violations) - 20} more")


def soak(
    figures: list[Figure],
    workdir: Path,
    *,
    seconds: float = 60,
    backend: str = "postgresql",
    clients: int = 8,
    seed: int = 20261124,
) -> list[str]:
    """Runs the soak on its own server and database; returns the violations (none: passed)."""
    label = "PostgreSQL" if backend == "postgresql" else "SQLite"
    section(f"Soak: {seconds:.0f} s of mixed reads and writes, {clients} clients, {label}")
    with (
        postgres_database("followup_soak")
        if backend == "postgresql"
        else nullcontext(sqlite_url(workdir, "soak.db")) as url,
    ):
        key = api_key(url, "soak")
        port = free_port()
        with (
            (workdir / "server-soak.log").open("w+", encoding="utf-8") as log,
            server(port, log, url) as (process, started),
        ):
            wait_for_health(process, started, port, log, timeout_s=30)
            time.sleep(6)  # the warm-up's second half starts 3 s after the first answer
            warm = resident_memory(process)
            print(f"  resident memory after warm-up: {memory_line(warm)}")
            result = asyncio.run(_drive(port, key, url, seconds, clients, seed))
            soaked = resident_memory(process)
            print(f"  resident memory after the soak: {memory_line(soaked)}")
            if process.poll() is not None:
                result.violations.append(f"the server died ({process.returncode})")
    _report(figures, result, label, clients)
    figures.append(Figure(f"server RSS after warm-up, {label}", memory_line(warm)))
    figures.append(Figure(f"server RSS after the soak, {label}", memory_line(soaked)))
    return result.violations


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=60, help="how long (60)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file, not PostgreSQL")
    parser.add_argument("--seed", type=int, default=20261124, help="seed of the choices")
    args = parser.parse_args(argv)
    if not (1 <= args.seconds <= 3600 and 1 <= args.clients <= 256):
        parser.error("--seconds must be 1-3600 and --clients 1-256")
    figures: list[Figure] = []
    try:
        with tempfile.TemporaryDirectory(prefix="followup-soak-") as scratch:
            violations = soak(
                figures,
                Path(scratch),
                seconds=args.seconds,
                backend="sqlite" if args.sqlite else "postgresql",
                clients=args.clients,
                seed=args.seed,
            )
    except BenchError as exc:
        print(f"\nsoak: FAILED: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nsoak: interrupted (the server, if started, was stopped)", file=sys.stderr)
        return 130
    print_table(figures)
    if violations:
        print(f"\nsoak: FAILED: {len(violations)} violations", file=sys.stderr)
        return 1
    print("\nsoak: no 5xx, no lost and no duplicated write")
    return 0


if __name__ == "__main__":
    sys.exit(main())
