"""What a person kept stays kept: a script kept as a card survives letting the place go, and
a read-only data folder still shows history, exports and crisis lines."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.core.practice import Practice, kept_run, start_fresh
from coach.core.run import Run
from coach.store.store import ProgressStore
from tests.records import fixed_clock
from tests.unit.test_run import ALL_ANSWERS, ref
from tests.unit.test_store_os_errors import _filled, _refusing


def test_a_script_kept_as_a_card_survives_starting_fresh(data_dir: Path) -> None:
    store = ProgressStore(data_dir, clock=fixed_clock())
    practice = Practice(Run(ref(), fixed_clock()), store)
    for answer in ALL_ANSWERS[:10]:  # up to and including the script, kept as it is answered
        assert practice.submit(answer).ok
    assert practice.keep_place().ok
    assert [c.text for c in store.cards()] == [ALL_ANSWERS[9]]

    assert kept_run(ref(), store, fixed_clock()) is not None
    start_fresh(ref(), store, fixed_clock())

    assert store.draft(ref().full_id) is None
    assert [c.text for c in store.cards()] == [ALL_ANSWERS[9]]


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_reading_commands_work_on_a_read_only_data_folder(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    _filled(data_dir)
    (data_dir / ".lock").unlink()
    _refusing(code, monkeypatch)
    runner = CliRunner()
    for args in (["history"], ["history", "--json"], ["export"], ["stats"], ["crisis"]):
        result = runner.invoke(coach_app, args)
        assert result.exit_code == 0, (args, result.output)
        assert "Traceback" not in result.output
