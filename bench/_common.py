"""What the benchmarks share: the table, percentiles, request bodies, the server, wrk, databases.

``bench/run.py`` (``make bench``), ``bench/stored.py`` and ``bench/soak.py`` import this module
by its file name (the scripts run from ``bench/``, not as a package). Every server they start is
``followup serve`` on 127.0.0.1 with a database of its own (a temporary SQLite file, or a fresh
PostgreSQL database that is dropped at the end) and the rate limit off.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

import psycopg
from sqlalchemy.engine import make_url

from app.db import migrations
from app.db.session import Database
from app.services.keys import issue_key

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "interview.json"
HOST = "127.0.0.1"
JSON_HEADERS = {"Content-Type": "application/json"}
DEFAULT_COUNTRY = "US"
#: Stands for the per-request serial in a generated candidate name.
SERIAL = "SERIALNO"
#: The PostgreSQL server the stored-interview benchmarks create their databases on.
POSTGRES_ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


class BenchError(Exception):
    """The run cannot go on: a server that does not answer, a non-2xx answer, a bad wrk run."""


# -- the table ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    """One line of the final table; figures with no target leave ``target`` and ``met`` empty."""

    name: str
    value: str
    target: str = ""
    met: str = ""


def met(ok: bool) -> str:
    return "yes" if ok else "NO"


def print_table(figures: Sequence[Figure]) -> None:
    header = Figure("figure", "measured", "target", "met")
    rows = [header, *figures]
    columns = [field.name for field in fields(Figure)]
    widths = [max(len(getattr(row, col)) for row in rows) for col in columns]
    rule = "  ".join("-" * width for width in widths)
    print()
    print(rule)
    for index, row in enumerate(rows):
        cells = (getattr(row, col).ljust(width) for col, width in zip(columns, widths, strict=True))
        print("  ".join(cells).rstrip())
        if index == 0:
            print(rule)
    print(rule)


def section(title: str) -> None:
    print(f"\n== {title}", flush=True)


# -- statistics -----------------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of ``values`` (not empty)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def us(nanoseconds: float) -> str:
    return f"{nanoseconds / 1000:.0f} µs"


def ms(milliseconds: float) -> str:
    return f"{milliseconds:.2f} ms"


def spread(samples_ms: Sequence[float]) -> str:
    """``p50 / p95 / p99`` of milliseconds, for one cell of the table."""
    p50, p95, p99 = (percentile(samples_ms, p) for p in (0.5, 0.95, 0.99))
    return f"{p50:.1f} / {p95:.1f} / {p99:.1f} ms"


def time_calls(
    call: Callable[[int], object], *, warmup: int, max_calls: int, budget_s: float
) -> list[int]:
    """Nanoseconds per call of ``call(i)``, after ``warmup`` untimed calls.

    Stops after ``max_calls`` timed calls or ``budget_s`` seconds, whichever comes first.
    """
    for index in range(warmup):
        call(index)
    samples: list[int] = []
    deadline = time.perf_counter_ns() + int(budget_s * 1e9)
    clock = time.perf_counter_ns
    for index in range(warmup, warmup + max_calls):
        start = clock()
        call(index)
        end = clock()
        samples.append(end - start)
        if end > deadline:
            break
    return samples


# -- request bodies -------------------------------------------------------------------------

FIRST_NAMES = ("Ann", "Ravi", "Mei", "Jonas", "Sofia", "Omar", "Lena", "Kwame", "Yael", "Diego")
LAST_NAMES = (
    "Lee",
    "Patel",
    "Chen",
    "Becker",
    "Rossi",
    "Haddad",
    "Novak",
    "Mensah",
    "Levi",
    "Ortiz",
)
COMPANIES = (
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella Analytics",
    "Stark Logistics",
    "Wayne Health",
    "Tyrell Robotics",
    "Hooli",
)
_JOBS = (
    ("Data Engineer", "engineering"),
    ("Research Scientist", "research"),
    ("Project Manager", "project_management"),
    ("Support Lead", "customer_service"),
    ("Office Administrator", "administrative"),
    ("Product Designer", None),
)
_CALENDARS = (
    ("US", "NY", "America/New_York"),
    ("DE", "BY", "Europe/Berlin"),
    ("GB", None, "Europe/London"),
    ("IL", None, "Asia/Jerusalem"),
)
#: Phrases the timeline reader knows, plus one it cannot read (a warning, not an error).
_PHRASES = (
    "We will make a decision by the end of next week",
    "We'll get back to you by Friday",
    "You will hear from us next Tuesday",
    "We expect to decide within 10 business days",
    "Give us a couple of weeks",
    "It should take a week or two",
    "We need 2-3 weeks",
    "We will decide by the end of the month",
    "We'll know early next month",
    "Expect news mid next month",
    "We'll call you tomorrow",
    "Sometime next week",
    "In a few days",
    "In 3 weeks",
    "When the stars align",
)
_POINTS = (
    "moving their batch jobs to streaming",
    "the migration to a new billing system",
    "how the team runs design reviews",
    "their plans for the Berlin office",
    "the customer onboarding backlog",
)
_STRENGTHS = (
    "five years of Kafka in production",
    "a track record of shipping on time",
    "fluency in German and Hebrew",
    "experience leading a team of six",
)


def interview_body(
    rng: random.Random,
    *,
    first_day: date = date(2026, 9, 1),
    days: int = 120,
    companies: Sequence[str] = COMPANIES,
    name_suffix: str = SERIAL,
) -> dict[str, Any]:
    """A valid plan request, its interview on one of ``days`` days from ``first_day``.

    The candidate's name ends with ``name_suffix``; ``as_of`` is 2 hours to 30 days after
    the interview.
    """
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    country, subdivision, zone = rng.choice(_CALENDARS)
    job_title, job_family = rng.choice(_JOBS)
    company = rng.choice(companies)
    domain = company.split()[0].lower() + ".example"
    starts = datetime.combine(
        first_day + timedelta(days=rng.randrange(days)),
        datetime.min.time().replace(hour=rng.randrange(9, 17), minute=rng.choice((0, 30))),
    )
    as_of = starts.replace(tzinfo=ZoneInfo(zone)) + timedelta(hours=rng.randrange(2, 24 * 30))
    timeline: dict[str, str] | None
    choice = rng.random()
    if choice < 0.1:
        timeline = None
    elif choice < 0.25:
        timeline = {"by": (starts.date() + timedelta(days=rng.randrange(5, 30))).isoformat()}
    else:
        timeline = {"text": rng.choice(_PHRASES)}
    manager, recruiter = rng.sample(FIRST_NAMES, 2)
    contacts: list[dict[str, Any]] = [
        {
            "name": f"{manager} {rng.choice(LAST_NAMES)}",
            "email": f"{manager.lower()}@{domain}",
            "role": "hiring_manager",
            "interviewed": True,
            "discussion_point": rng.choice(_POINTS),
        },
        {
            "name": f"{recruiter} {rng.choice(LAST_NAMES)}",
            "email": f"{recruiter.lower()}@{domain}",
            "role": "recruiter",
            "scheduled_interview": True,
        },
    ]
    if rng.random() < 0.3:
        contacts.append(
            {
                "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "email": f"panel{rng.randrange(100)}@{domain}",
                "role": "interviewer",
                "interviewed": True,
            }
        )
    return {
        "candidate": {
            "name": f"{first} {last} {name_suffix}",
            "email": f"{first.lower()}.{last.lower()}@example.com",
            "phone": "+1 555 010 2030",
        },
        "company": company,
        "job_title": job_title,
        "job_family": job_family,
        "interview": {
            "starts_at": starts.isoformat(),
            "timezone": zone,
            "duration_minutes": rng.choice((30, 45, 60, 90)),
            "format": rng.choice(("video", "phone", "in_person")),
        },
        "contacts": contacts,
        "decision_timeline": timeline,
        "preferred_channel": "email",
        "discussion_points": rng.sample(_POINTS, rng.randrange(0, 3)),
        "strengths": rng.sample(_STRENGTHS, rng.randrange(0, 3)),
        "calendar": {"country": country, "subdivision": subdivision},
        "policy": rng.choice(("standard", "standard", "minimal", "patient")),
        "as_of": as_of.isoformat(),
    }


# -- databases and keys ---------------------------------------------------------------------


def migrated(url: str) -> str:
    """Apply the migrations to the database at ``url``; returns ``url``."""

    db = Database(url, pool_size=1)
    try:
        migrations.upgrade(db.engine)
    finally:
        db.dispose()
    return url


def api_key(url: str, account: str) -> str:
    """A new key for ``account`` (created if needed) in the database at ``url``."""

    db = Database(url, pool_size=1)
    try:
        return issue_key(db, account=account).key
    finally:
        db.dispose()


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def sqlite_url(workdir: Path, name: str = "bench.db") -> str:
    """A migrated SQLite file in ``workdir`` (a temporary directory)."""
    return migrated(f"sqlite:///{workdir / name}")


def _admin() -> psycopg.Connection[Any]:

    try:
        return psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        raise BenchError(
            f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} (set BENCH_POSTGRES_URL): {exc}"
        ) from exc


def postgres_unreachable() -> str | None:
    """Why PostgreSQL cannot be used for the benchmarks, or None when it can."""
    try:
        with _admin():
            return None
    except BenchError as exc:
        return str(exc)


@contextmanager
def postgres_database(prefix: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database named ``<prefix>_<random>``; dropped on the way
    out (errors and Ctrl-C included). Yields its URL."""

    name = f"{prefix}_{secrets.token_hex(4)}"
    with _admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield migrated(url)
    finally:
        with _admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _followup() -> str:
    beside = Path(sys.executable).parent / "followup"
    found = str(beside) if beside.exists() else shutil.which("followup")
    if found is None:
        raise BenchError("no `followup` command: run `make install` first")
    return found


def tail(log: TextIO, lines: int = 20) -> str:
    log.flush()
    text = Path(log.name).read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:]) or "(no output)"


@contextmanager
def server(
    port: int, log: TextIO, database_url: str, env: Mapping[str, str] | None = None
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """``followup serve`` on 127.0.0.1:``port`` with ``database_url`` and no rate limit; yields
    the process and its start time (ns).

    Always stopped on the way out, errors and Ctrl-C included: terminate, then kill.
    """
    env = {
        **os.environ,
        "PORT": str(port),
        "ACCESS_LOG": "false",
        "LOG_LEVEL": "warning",
        "DATABASE_URL": database_url,
        "RATE_LIMIT": "0",
        **(env or {}),
    }
    command = [_followup(), "serve", "--host", HOST, "--port", str(port)]
    started = time.perf_counter_ns()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield process, started
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def resident_memory(process: subprocess.Popen[bytes]) -> dict[int, int]:
    """Resident memory (bytes) of the server and each process under it, by pid: one uvicorn
    worker serves in the process itself, several in its children (Linux /proc)."""

    def rss(pid: int) -> int | None:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            return None
        return None

    def children(pid: int) -> list[int]:
        found = []
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                found += [int(child) for child in task.read_text().split()]
            except OSError:
                continue
        return found

    sizes: dict[int, int] = {}
    pending = [process.pid]
    while pending:
        pid = pending.pop()
        size = rss(pid)
        if size is not None:
            sizes[pid] = size
            pending += children(pid)
    return sizes


def memory_line(sizes: dict[int, int]) -> str:
    return ", ".join(f"pid {pid}: {size / 2**20:.0f} MiB" for pid, size in sorted(sizes.items()))


def followup_command() -> str:
    """The ``followup`` console script of this venv."""
    return _followup()


@contextmanager
def bare_server(port: int, log: TextIO) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """The bare hello app (bench/bare.py) under uvicorn, one worker, on 127.0.0.1:``port``."""
    command = [
        *(sys.executable, "-m", "uvicorn", "bare:app", "--app-dir", str(ROOT / "bench")),
        *("--host", HOST, "--port", str(port), "--no-access-log", "--log-level", "warning"),
    ]
    started = time.perf_counter_ns()
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield process, started
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def alive(process: subprocess.Popen[bytes], log: TextIO) -> None:
    if process.poll() is not None:
        raise BenchError(f"the server exited with {process.returncode}:\n{tail(log)}")


def wait_for_health(
    process: subprocess.Popen[bytes], started: int, port: int, log: TextIO, timeout_s: float = 15
) -> float:
    """Seconds from process start to the first ``200`` from ``GET /healthz``."""
    deadline = started + int(timeout_s * 1e9)
    while time.perf_counter_ns() < deadline:
        alive(process, log)
        connection = http.client.HTTPConnection(HOST, port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            body = response.read()
            if response.status == 200:
                answered = time.perf_counter_ns()
                if body.replace(b" ", b"") != b'{"status":"ok"}':
                    raise BenchError(f"unexpected /healthz body: {body[:200]!r}")
                return (answered - started) / 1e9
        except (ConnectionError, OSError, http.client.HTTPException):
            pass
        finally:
            connection.close()
        time.sleep(0.005)
    raise BenchError(f"no answer from /healthz within {timeout_s:.0f} s:\n{tail(log)}")


def request(
    connection: http.client.HTTPConnection,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
) -> tuple[float, bytes]:
    """Milliseconds for one request on an open connection, and the answer; non-2xx raises."""
    sent = {**(JSON_HEADERS if body is not None else {}), **(headers or {})}
    start = time.perf_counter_ns()
    connection.request(method, path, body=body, headers=sent)
    response = connection.getresponse()
    answer = response.read()
    spent = (time.perf_counter_ns() - start) / 1e6
    if not 200 <= response.status < 300:
        raise BenchError(f"{method} {path} answered {response.status}: {answer[:300]!r}")
    return spent, answer


# -- load with wrk --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Load:
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int


@dataclass(frozen=True, slots=True)
class LoadSettings:
    threads: int
    connections: int
    duration_s: int
    warmup_s: int


_UNIT_MS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}
_LATENCY = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
_REQUESTS = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def parse_wrk(output: str) -> Load:
    latencies = {
        point: float(value) * _UNIT_MS[unit] for point, value, unit in _LATENCY.findall(output)
    }
    requests, rps = _REQUESTS.search(output), _RPS.search(output)
    if requests is None or rps is None or set(latencies) != {"50", "99"}:
        raise BenchError(f"could not read wrk's output:\n{output}")
    non_2xx = _NON_2XX.search(output)
    errors = _SOCKET_ERRORS.search(output)
    return Load(
        requests=int(requests.group(1)),
        rps=float(rps.group(1)),
        p50_ms=latencies["50"],
        p99_ms=latencies["99"],
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def lua_string(text: str) -> str:
    """A Lua string literal for ``text``: printable ASCII as is, every other byte escaped."""
    escaped = "".join(
        chr(byte) if 32 <= byte < 127 and byte not in b'"\\' else f"\\{byte:03d}"
        for byte in text.encode()
    )
    return f'"{escaped}"'


def post_script(path: str, body: bytes, key: str) -> str:
    """A wrk script: POST ``body`` to the URL's path every time, with the key."""
    return (
        f"-- POST {path} with the same body every time (generated by bench/)\n"
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["Authorization"] = {lua_string("Bearer " + key)}\n'
        f"wrk.body = {lua_string(body.decode())}\n"
    )


def _wrk(
    wrk: str,
    settings: LoadSettings,
    url: str,
    *,
    duration_s: int,
    script: Path | None = None,
    serial_base: int = 0,
) -> Load:
    command = [
        wrk,
        f"-t{settings.threads}",
        f"-c{settings.connections}",
        f"-d{duration_s}s",
        "--latency",
        "--timeout",
        "5s",
    ]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    if script is not None:
        command += ["--", str(serial_base)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=duration_s + 30, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"wrk did not finish within {duration_s + 30} s") from exc
    if done.returncode != 0:
        raise BenchError(f"wrk failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    load = parse_wrk(done.stdout)
    if load.non_2xx or load.socket_errors:
        raise BenchError(
            f"{url}: {load.non_2xx} non-2xx answers and {load.socket_errors} socket errors"
            f" under load:\n{done.stdout}"
        )
    return load


def measure(
    wrk: str,
    settings: LoadSettings,
    label: str,
    url: str,
    process: subprocess.Popen[bytes],
    log: TextIO,
    script: Path | None = None,
) -> Load:
    """A warm-up run, then the measured one; the server must still be up after each."""
    if settings.warmup_s > 0:
        _wrk(wrk, settings, url, duration_s=settings.warmup_s, script=script, serial_base=10**6)
        alive(process, log)
    load = _wrk(
        wrk, settings, url, duration_s=settings.duration_s, script=script, serial_base=10**9
    )
    alive(process, log)
    print(
        f"  {label:<38} {load.rps:>7.0f} req/s   p50 {ms(load.p50_ms):>9}"
        f"   p99 {ms(load.p99_ms):>9}   ({load.requests} requests, 0 non-2xx)",
        flush=True,
    )
    return load


def find_wrk() -> str | None:
    """wrk's path; installs it with apt-get when missing and running as root."""
    found = shutil.which("wrk")
    if found is not None:
        return found
    print("wrk is not installed: the load section needs it. Install it with: apt-get install wrk")
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        return None
    print("Running as root with apt-get: installing wrk ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [apt, "install", "-y", "-q", "wrk"]
    for attempt in ([install], [[apt, "update", "-q"], install]):
        try:
            if all(
                subprocess.run(step, env=env, timeout=300, check=False).returncode == 0
                for step in attempt
            ):
                break
        except subprocess.TimeoutExpired:
            continue
    return shutil.which("wrk")
