"""/metrics with two worker processes: every scrape counts every worker's requests."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.contract.server import free_port, running, wait_for_workers

SERVE = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port"]


def _healthz_count(text: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = sample.labels
            if (
                sample.name == "http_requests_total"
                and labels["route"] == "/healthz"
                and labels["status"] == "200"
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
        # The start-up check of running() asked /healthz until it answered: that counts too.
        before = _healthz_count(httpx.get(f"{base_url}/metrics").text)

        def one(_: int) -> int:
            # A new connection each time, from several threads: both workers take some.
            return httpx.get(f"{base_url}/healthz").status_code

        with ThreadPoolExecutor(6) as pool:
            statuses = list(pool.map(one, range(60)))
        scrapes = [_healthz_count(httpx.get(f"{base_url}/metrics").text) for _ in range(8)]
        writers = {path.name.rsplit("_", 1)[-1] for path in folder.glob("counter_*.db")}

    assert statuses == [200] * 60
    assert scrapes == [before + 60] * 8
    assert len(writers) == 2, "both workers should have answered some requests"
