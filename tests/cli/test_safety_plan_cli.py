"""`coach safety-plan` as a person types it, `--print` as a card, `--json`, and an encrypted folder."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.store.store import ProgressStore

runner = CliRunner()

WALK = "\n".join(
    [
        "cannot sleep",
        "[bold]shouting[/bold] \x1b[31mred",
        "",  # part 1 done
        "",  # part 2 skipped
        "",  # part 3 skipped
        "Sam 555 0100",
        "",
        "",  # part 5: keep the region's lines
        "ask Jo to hold my pills",
        "",
    ]
)


def test_the_walk_saves_every_part_and_the_card_fits_forty_columns(data_dir: Path) -> None:
    result = runner.invoke(coach_app, ["safety-plan"], input=WALK + "\n")
    assert result.exit_code == 0, result.output
    assert "Part 1 of 6: My warning signs" in result.stdout
    assert "Part 6 of 6: Making where I am safer" in result.stdout
    assert "Your safety plan is saved." in result.stdout
    stored = ProgressStore(data_dir).safety_plan()
    assert stored is not None
    assert stored.warning_signs == ["cannot sleep", "[bold]shouting[/bold] red"]
    assert stored.people == ["Sam 555 0100"]
    assert stored.safer_place == ["ask Jo to hold my pills"]
    assert stored.professionals  # the fallback lines, as no region was chosen

    card = runner.invoke(coach_app, ["safety-plan", "--print"])
    assert card.exit_code == 0
    assert "[bold]shouting[/bold] red" in card.stdout  # shown literally
    assert "\x1b" not in card.stdout
    assert max(len(line) for line in card.stdout.splitlines()) <= 40
    assert "Sam 555 0100" in card.stdout

    shown = runner.invoke(coach_app, ["safety-plan", "--json"])
    assert '"people": [\n      "Sam 555 0100"\n    ]' in shown.stdout


def test_keep_add_and_replace_and_stopping_keeps_what_was_saved(data_dir: Path) -> None:
    runner.invoke(coach_app, ["safety-plan"], input=WALK + "\n")
    # part 1: add a line; part 2: one line; then input ends in part 3
    result = runner.invoke(coach_app, ["safety-plan"], input="a\nnot eating\n\nwalk\n\n")
    assert result.exit_code == 0
    assert "Stopped. What you saved is kept." in result.stdout
    assert "Traceback" not in result.output
    stored = ProgressStore(data_dir).safety_plan()
    assert stored is not None
    assert stored.warning_signs == ["cannot sleep", "[bold]shouting[/bold] red", "not eating"]
    assert stored.on_my_own == ["walk"]
    assert stored.people == ["Sam 555 0100"]
    runner.invoke(coach_app, ["safety-plan"], input="r\nonly this\n\n")
    assert ProgressStore(data_dir).safety_plan().warning_signs == ["only this"]  # type: ignore[union-attr]


def test_print_with_no_plan_says_how_to_make_one(data_dir: Path) -> None:
    result = runner.invoke(coach_app, ["safety-plan", "--print"])
    assert result.exit_code == 0
    assert "no safety plan yet" in result.stdout


def test_an_encrypted_folder_asks_for_the_passphrase_and_seals_the_plan(
    data_dir: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text("my quiet passphrase\n")
    ProgressStore(data_dir).close()
    assert runner.invoke(coach_app, ["encrypt", "--passphrase-file", str(secret)]).exit_code == 0
    without = runner.invoke(coach_app, ["safety-plan", "--print"])
    assert without.exit_code == 1 and "Sam" not in without.stdout
    args = ["--passphrase-file", str(secret), "safety-plan"]
    assert runner.invoke(coach_app, args, input=WALK + "\n").exit_code == 0
    raw = (data_dir / "safety-plan.json").read_bytes()
    assert raw.startswith(b"COACHENC") and b"Sam 555" not in raw
    card = runner.invoke(coach_app, [*args, "--print"])
    assert "Sam 555 0100" in card.stdout
