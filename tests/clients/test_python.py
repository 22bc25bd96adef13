"""An integrator's Python client, generated from the contract with default options, works.

openapi-python-client (pinned in the dev extras) generates a client package from
openapi/openapi.json into a temporary folder, exactly as the README says; the tests import it
and use it against a real ``followup serve`` on 127.0.0.1, each answer parsed into the
generated models, errors into the generated Problem.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from app.db import migrations
from app.db.session import Database
from app.services.keys import issue_key
from tests.contract.server import ROOT, free_port, running

CONTRACT = ROOT / "openapi" / "openapi.json"
PACKAGE = "followup_planner_client"
SERVE = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port"]
QUIET = {"ACCESS_LOG": "false", "LOG_LEVEL": "warning", "WARM_UP": "false", "RATE_LIMIT": "0"}
AS_OF = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    """The generated package's modules, by the names its README gives them."""
    folder = tmp_path_factory.mktemp("python-client")
    # The console script beside this interpreter, with its ruff on PATH for the post hooks.
    bin_dir = Path(sys.executable).parent
    environment = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(  # noqa: S603 - the pinned generator, on our own contract
        [
            *(str(bin_dir / "openapi-python-client"), "generate", "--path", str(CONTRACT)),
            *("--meta", "none", "--output-path", str(folder / PACKAGE)),
        ],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    # A schema the generator could not read would be missing from the client.
    assert "Unable to" not in output and "Could not find reference" not in output, output
    sys.path.insert(0, str(folder))
    try:

        def module(name: str) -> ModuleType:
            return importlib.import_module(f"{PACKAGE}.{name}")

        yield SimpleNamespace(
            package=importlib.import_module(PACKAGE),
            models=module("models"),
            types=module("types"),
            plans=module("api.plans.create_plan"),
            create=module("api.interviews.create_interview"),
            get=module("api.interviews.get_interview"),
            update=module("api.interviews.update_interview"),
            add_event=module("api.interviews.add_event"),
            listing=module("api.interviews.list_interviews"),
            agenda=module("api.interviews.get_agenda"),
            ics=module("api.interviews.get_interview_plan_ics"),
            check=module("api.messages.check_message"),
        )
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A served planner on loopback and an API key for it."""
    folder = tmp_path_factory.mktemp("python-client-server")
    url = f"sqlite:///{folder / 'server.db'}"
    db = Database(url, pool_size=1)
    try:
        migrations.upgrade(db.engine)
        key = issue_key(db, account="python-client").key
    finally:
        db.dispose()
    port = free_port()
    env = {**QUIET, "DATABASE_URL": url}
    with running([*SERVE, str(port)], port, folder, env) as (_, base_url):
        yield base_url, key


@pytest.fixture
def client(api: SimpleNamespace, server: tuple[str, str]) -> Iterator[Any]:
    base_url, key = server
    with api.package.AuthenticatedClient(base_url=base_url, token=key) as authenticated:
        yield authenticated


def _plan_request(api: SimpleNamespace, company: str = "Acme Corp") -> Any:
    """A plan request with only the required fields (and the candidate's e-mail)."""
    models = api.models
    return models.PlanRequest(
        candidate=models.CandidateIn(name="Ann Lee", email="ann.lee@example.com"),
        company=company,
        job_title="Data Engineer",
        interview=models.InterviewIn(starts_at=dt.datetime.fromisoformat("2026-11-24T10:00-05:00")),
        contacts=[models.ContactIn(name="Carol Diaz", email="carol.diaz@acme.example")],
        as_of=AS_OF,
    )


def _created(api: SimpleNamespace, client: Any, company: str = "Acme Corp") -> tuple[Any, str]:
    response = api.create.sync_detailed(client=client, body=_plan_request(api, company))
    assert response.status_code == 201, response.content
    return response.parsed, response.headers["ETag"]


class TestGeneratedPythonClient:
    def test_a_plan_with_only_the_required_fields(self, api: SimpleNamespace, client: Any) -> None:
        plan = api.plans.sync(client=client, body=_plan_request(api))

        assert isinstance(plan, api.models.PlanOut)
        assert plan.steps and plan.steps[0].kind == api.models.StepKind.THANK_YOU
        assert plan.as_of == AS_OF

    def test_create_with_an_idempotency_key_answers_the_same_interview_twice(
        self, api: SimpleNamespace, client: Any
    ) -> None:
        body = _plan_request(api, company="Idempotent Inc")

        first = api.create.sync_detailed(client=client, body=body, idempotency_key="python-1")
        again = api.create.sync_detailed(client=client, body=body, idempotency_key="python-1")

        assert first.status_code == again.status_code == 201
        assert isinstance(first.parsed, api.models.InterviewOut)
        assert again.parsed.id == first.parsed.id
        # Fields the service always sends are there, not Unset, even when the client left
        # them out.
        assert first.parsed.candidate.phone is None
        assert first.parsed.contacts[0].role == api.models.ContactRole.OTHER
        assert first.parsed.interview.duration_minutes == 60

    def test_patch_with_if_match_then_an_event(self, api: SimpleNamespace, client: Any) -> None:
        interview, etag = _created(api, client)
        models = api.models

        patched = api.update.sync_detailed(
            str(interview.id),
            client=client,
            body=models.InterviewPatch(
                decision_timeline=models.DecisionTimelineIn(text="by the end of next week")
            ),
            if_match=etag,
        )
        stale = api.update.sync_detailed(
            str(interview.id),
            client=client,
            body=models.InterviewPatch(job_family="engineering"),
            if_match=etag,
        )
        event = api.add_event.sync_detailed(
            str(interview.id),
            client=client,
            body=models.EventCreate(
                type_=models.EventType.THANK_YOU_SENT,
                at=dt.datetime.fromisoformat("2026-11-24T18:00-05:00"),
            ),
        )

        assert patched.status_code == 200, patched.content
        assert patched.parsed.decision_timeline.text == "by the end of next week"
        assert stale.status_code == 412 and isinstance(stale.parsed, models.Problem)
        assert event.status_code == 201, event.content
        assert [e.type_ for e in event.parsed.events] == [models.EventType.THANK_YOU_SENT]

    def test_list_pages_and_the_agenda(self, api: SimpleNamespace, client: Any) -> None:
        for company in ("Paged One", "Paged Two", "Paged Three"):
            _created(api, client, company)

        first = api.listing.sync(client=client, limit=2)
        second = api.listing.sync(client=client, limit=2, cursor=first.next_cursor)
        agenda = api.agenda.sync(client=client, as_of=AS_OF)

        assert isinstance(first, api.models.InterviewPage) and len(first.items) == 2
        assert first.next_cursor is not None
        assert {item.id for item in first.items}.isdisjoint(item.id for item in second.items)
        assert isinstance(agenda, api.models.AgendaPage) and agenda.items
        assert agenda.items[0].step.kind == api.models.StepKind.THANK_YOU

    def test_the_plan_as_a_calendar(self, api: SimpleNamespace, client: Any) -> None:
        interview, _ = _created(api, client)

        calendar = api.ics.sync(str(interview.id), client=client, as_of=AS_OF)

        assert isinstance(calendar, str) and calendar.startswith("BEGIN:VCALENDAR")

    def test_a_message_check(self, api: SimpleNamespace, client: Any) -> None:
        models = api.models

        checked = api.check.sync(
            client=client,
            body=models.MessageCheckRequest(
                kind=models.StepKind.FOLLOW_UP,
                body="Hey Carol,\n\nWhat is the salary range? I need an answer ASAP!!\n\nAnn",
            ),
        )

        assert isinstance(checked, models.MessageCheckOut)
        assert checked.findings and checked.score < 100

    def test_a_422_and_a_401_are_problems(
        self, api: SimpleNamespace, client: Any, server: tuple[str, str]
    ) -> None:
        invalid = _plan_request(api)
        invalid.contacts = []
        anonymous = api.package.Client(base_url=server[0])

        unprocessable = api.plans.sync_detailed(client=client, body=invalid)
        with anonymous:
            unauthorized = api.listing.sync_detailed(client=anonymous)

        assert unprocessable.status_code == 422
        assert isinstance(unprocessable.parsed, api.models.Problem)
        assert [error.field for error in unprocessable.parsed.errors] == ["contacts"]
        assert unauthorized.status_code == 401
        assert isinstance(unauthorized.parsed, api.models.Problem)
        assert unauthorized.parsed.status == 401
