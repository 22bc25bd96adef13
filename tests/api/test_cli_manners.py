"""The command line behaves like one: one line and exit 2 for a bad file, quiet on a closed
pipe, help on every option, and ``--help`` without importing the service."""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import _parser, main
from tests.contract.server import ROOT


class TestFiles:
    def test_a_missing_file_is_one_line_and_exit_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        missing = tmp_path / "nowhere.json"

        assert main(["plan", str(missing)]) == 2

        err = capsys.readouterr().err
        assert err == f"followup plan: {missing}: No such file or directory\n"

    def test_a_folder_is_not_a_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["plan", str(tmp_path)]) == 2

        assert capsys.readouterr().err.count("\n") == 1

    def test_an_output_in_a_missing_folder_is_one_line_and_exit_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        target = tmp_path / "no" / "openapi.json"

        assert main(["openapi", str(target)]) == 2

        assert capsys.readouterr().err == (
            f"followup openapi: {target}: No such file or directory\n"
        )


class _ClosedPipe(io.TextIOBase):
    """Standard output whose reader went away: every write fails as a closed pipe does."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return self._fd


def test_a_closed_pipe_is_quiet(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``followup openapi - | head -1``: no traceback, and stdout is pointed at nothing so
    the interpreter's last flush stays quiet too."""
    reader, writer = os.pipe()
    try:
        monkeypatch.setattr(sys, "stdout", _ClosedPipe(writer))

        assert main(["openapi", "-"]) == 1

        assert capsys.readouterr().err == ""
        assert os.stat(writer).st_rdev == os.stat(os.devnull).st_rdev
    finally:
        os.close(reader)
        os.close(writer)


def test_help_imports_nothing_of_the_service() -> None:
    """``followup --help`` stays fast: the web framework, the database layer and the planner
    are imported by the command that needs them, not by the command line itself."""
    heavy = {"fastapi", "starlette", "pydantic", "sqlalchemy", "app.api", "app.services"}
    code = "import sys, app.cli; print(*sys.modules)"
    shown = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )

    imported = set(shown.stdout.split())
    assert {h for h in heavy for m in imported if m == h or m.startswith(f"{h}.")} == set()


def _options(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.Action]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += [(f"{name} {o}", a) for o, a in _options(sub)]
        elif not isinstance(action, argparse._HelpAction):
            found.append(("/".join(action.option_strings) or action.dest, action))
    return found


def test_every_option_and_argument_is_described() -> None:
    options = _options(_parser())

    assert len(options) >= 9
    assert [name for name, action in options if not action.help] == []
