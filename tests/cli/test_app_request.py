"""`journal-app ui` and no command at all: the command line asks the program for the app.

The command line never starts the UI itself (see tests/test_layers.py); it reads the
options and hands them to the opener the program gives it.
"""

from __future__ import annotations

import pytest

from journal_app.cli.app_request import NO_OPENER, AppRequest
from journal_app.cli.main import EXIT_INVALID, run


def test_ui_hands_its_options_to_the_programs_opener(tmp_path) -> None:
    asked: list[AppRequest] = []
    code = run(
        ["--data-dir", str(tmp_path), "ui", "--web", "--port", "8123"],
        open_app=lambda request: asked.append(request) or 7,
    )
    assert code == 7  # the opener's own exit code
    assert asked == [AppRequest(data_dir=str(tmp_path), web=True, host="127.0.0.1", port=8123)]


def test_no_command_asks_for_the_app_too(tmp_path) -> None:
    asked: list[AppRequest] = []
    assert run(["--data-dir", str(tmp_path)], open_app=lambda r: asked.append(r) or 0) == 0
    assert asked == [AppRequest(data_dir=str(tmp_path), web=False, host="127.0.0.1", port=0)]


def test_without_an_opener_the_app_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["ui"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert NO_OPENER in err and "Traceback" not in err
