"""The docs in a real headless browser: Swagger UI renders every operation, offline.

Debian's ``chromium`` is driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: JSON messages separated by NUL bytes on file descriptors 3
and 4), so the test needs no driver package, no websocket client and no debugging port.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from app.main import create_app
from tests.contract.server import free_port, running, uvicorn_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _chromium_or_skip() -> None:
    """Chromium, or a skip that says why; in CI (CI set) a failure instead."""
    if os.access(CHROMIUM, os.X_OK):
        return
    reason = f"{CHROMIUM} is missing: `make browser` (root, apt-get) installs Debian's chromium"
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must open the docs in a browser)")
    pytest.skip(reason)


def _above(fd: int, lowest: int) -> int:
    """``fd`` moved to a number of at least ``lowest``."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, lowest)
    os.close(fd)
    return moved


class DevTools:
    """A headless Chromium and one page of it, spoken to over the DevTools pipe."""

    def __init__(self, profile: Path) -> None:
        to_browser, self._commands = os.pipe()
        self._events_fd, from_browser = os.pipe()
        # Numbers clear of 3 and 4, so the shell's redirections cannot overwrite one another.
        to_browser, from_browser = _above(to_browser, 10), _above(from_browser, 10)
        arguments = [
            *("--headless", "--no-sandbox", "--disable-background-networking"),
            *("--remote-debugging-pipe", "--no-first-run", "--disable-gpu"),
            f"--user-data-dir={profile}",
            "about:blank",
        ]
        # bash gives the browser our pipe ends as fds 3 (commands) and 4 (replies); dash
        # would not, as it takes one-digit fds only.
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            ["/bin/bash", "-c", f'exec "$0" "$@" 3<&{to_browser} 4>&{from_browser}', CHROMIUM]
            + arguments,
            pass_fds=(to_browser, from_browser),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (OSError, TimeoutError, RuntimeError):
            pass
        os.close(self._commands)
        os.close(self._events_fd)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def call(self, method: str, timeout: float = 15, **params: Any) -> dict[str, Any]:
        """Send one command (to the page once attached) and return its result."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if self.session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self.events.append(reply)

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._events_fd], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._events_fd, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        reply: dict[str, Any] = json.loads(message)
        return reply

    def open_page(self) -> None:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Network.enable")
        self.call("Page.enable")

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20) -> Any:
        """Poll ``expression`` in the page until it is truthy; its last value either way."""
        deadline = time.monotonic() + timeout
        value = self.evaluate(expression)
        while not value and time.monotonic() < deadline:
            time.sleep(0.1)
            value = self.evaluate(expression)
        return value

    def requests(self) -> dict[str, str]:
        """Every network request the page asked for: URL to its fate ("sent", or why not)."""
        urls = {
            event["params"]["requestId"]: event["params"]["request"]["url"]
            for event in self.events
            if event["method"] == "Network.requestWillBeSent"
            and urlsplit(event["params"]["request"]["url"]).scheme in _NETWORK
        }
        fate = dict.fromkeys(urls.values(), "sent")
        for event in self.events:
            if event["method"] == "Network.loadingFailed":
                blocked = event["params"].get("blockedReason")
                if blocked and event["params"]["requestId"] in urls:
                    fate[urls[event["params"]["requestId"]]] = f"blocked: {blocked}"
        return fate


#: Schemes that reach a network; data: and blob: URLs stay in the page.
_NETWORK = frozenset({"http", "https", "ws", "wss"})


def _outside(requests: dict[str, str]) -> dict[str, str]:
    return {url: fate for url, fate in requests.items() if urlsplit(url).hostname != "127.0.0.1"}


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[DevTools]:
    _chromium_or_skip()
    devtools = DevTools(tmp_path / "profile")
    try:
        devtools.open_page()
        yield devtools
    finally:
        devtools.close()


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    with running(uvicorn_command("app.main:create_app", port), port, tmp_path) as (_, url):
        yield url


def test_swagger_ui_renders_every_operation_with_nothing_from_outside(
    browser: DevTools, base_url: str
) -> None:
    document = create_app().openapi()
    operations = sum(
        method in {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
        for item in document["paths"].values()
        for method in item
    )

    browser.call("Page.navigate", url=f"{base_url}/docs")
    rendered = browser.wait_for(
        f"document.querySelectorAll('.opblock').length >= {operations}"
        " && document.querySelectorAll('.opblock').length"
    )
    # Swagger UI has settled: every request it makes at start-up has been made by now.
    time.sleep(0.5)
    browser.evaluate("0")

    assert rendered == operations, f"Swagger UI shows {rendered} operations of {operations}"
    title = browser.evaluate("document.querySelector('.info .title')?.textContent")
    assert title.startswith(document["info"]["title"])
    if document.get("components", {}).get("securitySchemes"):
        assert browser.evaluate("!!document.querySelector('.auth-wrapper .authorize')"), (
            "the document has security schemes but Swagger UI shows no Authorize button"
        )
    requests = browser.requests()
    assert requests[f"{base_url}/docs"] == "sent"
    assert requests[f"{base_url}/openapi.json"] == "sent"
    assert not _outside(requests), f"the docs page asked beyond the server: {_outside(requests)}"


def test_redoc_renders_with_nothing_from_outside(browser: DevTools, base_url: str) -> None:
    browser.call("Page.navigate", url=f"{base_url}/redoc")
    rendered = browser.wait_for("document.querySelectorAll('.api-content h2').length")
    time.sleep(0.5)
    browser.evaluate("0")

    assert rendered, "ReDoc rendered no operation"
    requests = browser.requests()
    assert requests[f"{base_url}/openapi.json"] == "sent"
    # ReDoc's bundle asks for its maker's logo from a CDN; the page's CSP must stop it.
    sent = {url: fate for url, fate in _outside(requests).items() if fate == "sent"}
    assert not sent, f"the ReDoc page reached beyond the server: {sent}"
