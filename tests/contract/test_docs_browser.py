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
from collections.abc import Callable, Iterator
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

    def navigate(self, url: str, timeout: float = 20) -> None:
        """Open ``url`` and return once its load event has fired."""
        seen = len(self.events)
        self.call("Page.navigate", url=url)
        self._read_until(
            lambda: any(e["method"] == "Page.loadEventFired" for e in self.events[seen:]),
            timeout,
            "no load event",
        )

    def wait_for(self, expression: str, timeout: float = 20) -> Any:
        """``expression``'s value once it is truthy, checked in the page each time the document
        changes (a MutationObserver, no polling); its last value if that never happens."""
        script = f"""new Promise(resolve => {{
            const observer = new MutationObserver(() => check());
            const check = () => {{
                const value = ({expression});
                if (value) {{ observer.disconnect(); resolve(value); }}
            }};
            setTimeout(() => {{ observer.disconnect(); resolve({expression}); }}, {timeout * 1000});
            observer.observe(document, {{subtree: true, childList: true, attributes: true}});
            check();
        }})"""
        result = self.call(
            "Runtime.evaluate",
            timeout=timeout + 5,
            expression=script,
            awaitPromise=True,
            returnByValue=True,
        )
        return result["result"].get("value")

    def wait_until_quiet(self, timeout: float = 15) -> None:
        """Read the page's events until every request it has made has finished or failed."""
        self._read_until(lambda: not self._open_requests(), timeout, "requests still open")

    def _open_requests(self) -> set[str]:
        started = {
            event["params"]["requestId"]
            for event in self.events
            if event["method"] == "Network.requestWillBeSent"
            and urlsplit(event["params"]["request"]["url"]).scheme in _NETWORK
        }
        ended = {
            event["params"]["requestId"]
            for event in self.events
            if event["method"] in ("Network.loadingFinished", "Network.loadingFailed")
        }
        return started - ended

    def _read_until(self, done: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            try:
                message = self._receive(deadline)
            except TimeoutError:
                raise TimeoutError(f"{what} after {timeout} s") from None
            if "method" in message:
                self.events.append(message)

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


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for both pages: the pages only read."""
    port = free_port()
    folder = tmp_path_factory.mktemp("docs-server")
    with running(uvicorn_command("app.main:create_app", port), port, folder) as (_, url):
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

    browser.navigate(f"{base_url}/docs")
    rendered = browser.wait_for(
        f"document.querySelectorAll('.opblock').length >= {operations}"
        " && document.querySelectorAll('.opblock').length"
    )
    # Every request Swagger UI made to render has an outcome (sent, or blocked by the CSP).
    browser.wait_until_quiet()

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
    browser.navigate(f"{base_url}/redoc")
    rendered = browser.wait_for("document.querySelectorAll('.api-content h2').length")
    browser.wait_until_quiet()

    assert rendered, "ReDoc rendered no operation"
    requests = browser.requests()
    assert requests[f"{base_url}/openapi.json"] == "sent"
    # ReDoc's bundle asks for its maker's logo from a CDN; the page's CSP must stop it.
    sent = {url: fate for url, fate in _outside(requests).items() if fate == "sent"}
    assert not sent, f"the ReDoc page reached beyond the server: {sent}"
