"""/metrics with two worker processes: every scrape counts every worker's requests."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.contract.server import free_port, running, wait_for_workers

SERVE = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port"]


# A route the start-up check never asks: that check gives up on a connection after a second
# and asks again, and a connection it gave up on while the workers were loading is still
# answered later, so a /healthz count could grow after the test read its "before".
ROUTE = "/v1/interviews"


def _refused_count(text: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = sample.labels
            if (
                sample.name == "http_requests_total"
                and labels["route"] == ROUTE
                and labels["status"] == "401"
            ):
                return sample.value
    return 0.0


def test_two_workers_one_count(tmp_path: Path) -> None:
    folder = tmp_path / "metrics"
    folder.mkdir()
    port = free_port()
    env = {
        "ACCESS_LOG": "false",
        "LOG_LEVEL": "info",  # each worker's "Application startup complete" is waited for
        "WARM_UP": "false",
        "PROMETHEUS_MULTIPROC_DIR": str(folder),
    }
    # Two workers load the service at once: on a busy machine that takes a while.
    serve = [*SERVE, str(port), "--workers", "2"]
    with running(serve, port, tmp_path, env, start_timeout_s=90) as (_, base_url):
        wait_for_workers(tmp_path / "server.log", 2)
        before = _refused_count(httpx.get(f"{base_url}/metrics").text)

        def one(_: int) -> int:
            # A new connection each time, from several threads: both workers take some.
            # No API key: each is refused, and counted, by whichever worker takes it.
            return httpx.get(f"{base_url}{ROUTE}").status_code

        with ThreadPoolExecutor(6) as pool:
            statuses = list(pool.map(one, range(60)))
        scrapes = [_refused_count(httpx.get(f"{base_url}/metrics").text) for _ in range(8)]
        writers = {path.name.rsplit("_", 1)[-1] for path in folder.glob("counter_*.db")}

    assert statuses == [401] * 60
    assert before == 0
    assert scrapes == [60] * 8
    assert len(writers) == 2, "both workers should have answered some requests"
