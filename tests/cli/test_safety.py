"""Crisis lines on the command line, and no network anywhere: by reading the code, and by
running coach with every network socket refused."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli.app import app as coach_app
from coach.store.store import ProgressStore
from tests.conftest import FIXTURES, ROOT
from tests.records import fixed_clock, session

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(coach_app, list(args), env=env)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


# ---- coach crisis ----------------------------------------------------------------------------


def test_crisis_without_a_region_shows_every_region_plainly() -> None:
    code, out, _ = run("crisis")
    assert code == 0
    assert "not a crisis service" in out and "never calls, texts or contacts anyone" in out
    for line in (
        "Call or text 988",
        "Text HOME to 741741",
        "Samaritans: Call 116 123",
        "9-8-8 Suicide Crisis Helpline",
        "Lifeline: Call 13 11 14",
        "findahelpline.com",
    ):
        assert line in out
    assert "These were last checked on 2026-11-27." in out
    assert "\x1b" not in out and "╭" not in out  # plain lines, nothing a screen reader trips on


def test_crisis_uses_the_setting_then_coach_region(data_dir: Path) -> None:
    code, out, _ = run("crisis", env={"COACH_REGION": "uk"})
    assert "United Kingdom" in out and "988" not in out
    ProgressStore(data_dir, clock=fixed_clock()).set_setting("crisis_region", "AU")
    code, out, _ = run("crisis", env={"COACH_REGION": "US"})
    assert code == 0 and "Lifeline" in out and "988" not in out  # the setting comes first
    code, out, _ = run("crisis", "--region", "ca")
    assert "9-8-8" in out and "Lifeline" not in out
    code, out, _ = run("crisis", "--all")
    assert "988" in out and "Lifeline" in out


def test_an_unknown_coach_region_is_named_and_every_line_shown() -> None:
    code, out, _ = run("crisis", env={"COACH_REGION": "xx"})
    assert code == 0 and "COACH_REGION is xx" in out
    assert "988" in out and "116 123" in out


def test_crisis_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`coach crisis | head -1`: the reader stops early; coach says nothing alarming."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # a reader that has already gone
    done = subprocess.run(
        [sys.executable, "-m", "coach", "crisis", "--all"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COACH_DATA_DIR": str(tmp_path / "d")},
        timeout=60,
    )
    os.close(write_end)
    assert done.returncode == 0 and done.stderr == ""


def test_an_unknown_region_still_shows_every_line() -> None:
    code, out, _ = run("crisis", "--region", "zz")
    assert code == 0 and "does not have lines for ZZ" in out and "988" in out


def test_crisis_never_asks_for_a_passphrase_and_survives_damaged_data(
    data_dir: Path, tmp_path: Path
) -> None:
    from coach.store.vault import encrypt_folder

    ProgressStore(data_dir, clock=fixed_clock()).set_setting("crisis_region", "IE")
    encrypt_folder(data_dir, "a long passphrase")
    code, out, err = run("crisis")
    assert code == 0 and "Samaritans" in out and "988" in out and err == ""
    code, out, _ = run("crisis", env={"COACH_PASSPHRASE": "a long passphrase"})
    assert code == 0 and "Ireland" in out and "988" not in out
    (data_dir / "settings.json").write_bytes(b"damaged")
    code, out, _ = run("crisis", env={"COACH_PASSPHRASE": "a long passphrase"})
    assert code == 0 and "988" in out


def test_crisis_works_where_the_full_screen_app_cannot_load(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "sys.modules['textual'] = None  # as if the app could not start at all\n"
        "from coach.cli import main\n"
        "try:\n    main(['crisis', '--region', 'US'])\nexcept SystemExit as e:\n"
        "    assert not e.code, e.code\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert "Call or text 988" in done.stdout


# ---- no network --------------------------------------------------------------------------------

NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib",
    "urllib3",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "nntplib",
    "telnetlib",
    "xmlrpc",
    "socketserver",
    "webbrowser",
    "requests",
    "httpx",
    "aiohttp",
    "websocket",
    "websockets",
    "grpc",
}


def test_nothing_in_coach_imports_a_network_client() -> None:
    """Each import, and each __import__ of a constant, in every module of coach. A module whose
    text names no network module anywhere cannot import one, and is not parsed."""
    found = []
    for path in sorted((ROOT / "coach").rglob("*.py")):
        text = path.read_text("utf-8")
        if not any(name in text for name in NETWORK_MODULES):
            continue
        tree = ast.parse(text, str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
                names = [getattr(a, "value", "") for a in node.args[:1]]
            for name in names:
                if name.split(".")[0] in NETWORK_MODULES:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert found == []


def guarded(log: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tests.no_network", str(log), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        input=stdin,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def test_the_network_guard_itself_refuses_sockets(tmp_path: Path) -> None:
    log = tmp_path / "attempts.log"
    assert "guard ok" in guarded(log, "selfcheck")
    assert len(log.read_text().splitlines()) == 3  # each attempt was seen and refused


@pytest.mark.slow
def test_every_command_works_with_no_network(data_dir: Path, tmp_path: Path) -> None:
    store = ProgressStore(data_dir, clock=fixed_clock())
    store.record_session(session(note="kept here"))
    store.close()
    log = tmp_path / "attempts.log"
    pass_file = tmp_path / "pass"
    pass_file.write_text("a long passphrase\n")
    export = tmp_path / "export.json"
    pack = FIXTURES / "packs" / "every-step.yaml"
    commands = [
        ["list"],
        ["show", "core/box-breathing"],
        ["find", "panic"],
        ["validate", str(pack)],
        ["history"],
        ["stats"],
        ["plan"],
        ["prep"],
        ["crisis"],
        ["export", "--out", str(export)],
        ["import", str(export)],
        ["backup"],
        ["doctor"],
        ["pack", "install", str(pack)],
        ["encrypt", "--passphrase-file", str(pass_file)],
        ["--passphrase-file", str(pass_file), "history"],
        ["decrypt", "--passphrase-file", str(pass_file)],
    ]
    guarded(log, "cli-each", json.dumps(commands))  # one process, every command in turn
    assert json.loads(export.read_text())["sessions"][0]["note"] == "kept here"
    assert not log.exists(), log.read_text()  # not one attempt at the network


@pytest.mark.slow
def test_the_app_works_with_no_network(data_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "attempts.log"
    assert "app ok" in guarded(log, "app")
    assert not log.exists(), log.read_text()
    assert ProgressStore(data_dir).drafts()  # the place kept on the way out was saved


CLIENTS = [
    "http.client",
    "urllib.request",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "xmlrpc.client",
    "webbrowser",
    "requests",
    "httpx",
    "aiohttp",
    "urllib3",
    "websocket",
    "websockets",
    "grpc",
]


LOADED = ["coach.cli", "coach.cli.app", "coach.tui.app"]
COLOUR_COMMANDS = [
    ["history"],
    ["doctor"],
    ["validate", str(FIXTURES / "packs" / "every-step.yaml")],
]
ROUND = "=== NO_COLOR {} ==="


@pytest.fixture(scope="module")
def one_coach_process(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """One fresh Python, as `coach` from the shell, checks what two tests are about (each test
    asserts its own part): it loads coach.cli and coach.cli.app and names the network clients
    loaded after each; runs history, doctor and validate with NO_COLOR=1 and then without it,
    in a terminal that shows colour (FORCE_COLOR), a marker line between the rounds on stdout
    and stderr (coach makes its Rich consoles anew for each command, so each round reads the
    environment as a process of its own would); then names the clients loaded by the commands,
    and after loading coach.tui.app."""
    data = tmp_path_factory.mktemp("one-process") / "coach-data"
    store = ProgressStore(data, clock=fixed_clock())
    store.record_session(session())
    store.close()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR" and not k.startswith("COACH_")}
    env.update(FORCE_COLOR="1", COACH_DATA_DIR=str(data), TZ="UTC")
    script = (
        "import importlib, json, os, sys\n"
        f"clients = {CLIENTS!r}\n"
        "def loaded(what):\n"
        "    print('LOADED', what, sorted(m for m in sys.modules if m in clients), flush=True)\n"
        f"for module in {LOADED[:2]!r}:\n"
        "    importlib.import_module(module)\n"
        "    loaded(module)\n"
        "from coach.cli import main\n"
        "for no_color in ('1', None):\n"
        "    if no_color:\n        os.environ['NO_COLOR'] = no_color\n"
        "    else:\n        os.environ.pop('NO_COLOR', None)\n"
        f"    marker = {ROUND!r}.format(no_color)\n"
        "    print(marker, flush=True)\n"
        "    print(marker, file=sys.stderr, flush=True)\n"
        "    for args in json.loads(sys.argv[1]):\n"
        "        try:\n            main(args)\n        except SystemExit:\n            pass\n"
        "        sys.stdout.flush()\n        sys.stderr.flush()\n"
        "print(" + repr(ROUND.format("end")) + ", flush=True)\n"
        "loaded('the commands')\n"
        f"importlib.import_module({LOADED[2]!r})\n"
        f"loaded({LOADED[2]!r})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(COLOUR_COMMANDS)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout, done.stderr


def test_loading_coach_loads_no_network_client(one_coach_process: tuple[str, str]) -> None:
    """Libraries may load ssl or urllib.parse (asyncio and pathlib do); no client is loaded.
    One process loads each in turn and names the clients loaded after each: a module, once
    loaded, stays loaded, so the first that pulled a client in is the one named (the commands
    run between coach.cli.app and coach.tui.app are named too)."""
    out, _ = one_coach_process
    found = [line for line in out.splitlines() if line.startswith("LOADED ")]
    named = [*LOADED[:2], "the commands", LOADED[2]]
    assert found == [f"LOADED {what} []" for what in named]


def _round(text: str, no_color: str | None) -> str:
    """The part of one stream printed in one round of the colour commands."""
    after = text.split(ROUND.format(no_color) + "\n", 1)[1]
    for end in (ROUND.format(None), ROUND.format("end")):
        after = after.split(end, 1)[0]
    return after


@pytest.mark.parametrize(("no_color", "coloured"), [("1", False), (None, True)])
def test_no_color_is_respected(
    one_coach_process: tuple[str, str], no_color: str | None, coloured: bool
) -> None:
    """history, doctor and validate, in a terminal that shows colour: none with NO_COLOR."""
    out, err = one_coach_process
    shown = _round(out, no_color) + _round(err, no_color)
    for said in ("5-4-3-2-1", "Everything looks fine.", "valid (pack test"):  # each command ran
        assert said in shown, shown
    colour = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7]|38;)")
    assert bool(colour.search(shown)) is coloured, shown


# ---- plain mode from the command line -----------------------------------------------------------

EVERY_STEP_PACK = FIXTURES / "packs" / "every-step.yaml"


def test_run_plain_reads_answers_from_stdin(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coach.plain.time.sleep", lambda seconds: None)
    from tests.unit.test_plain import EVERY_STEP, EXPECTED

    result = runner.invoke(
        coach_app,
        ["--packs", str(EVERY_STEP_PACK), "run", "test/all", "--plain"],
        input="\n".join(EVERY_STEP) + "\n",
    )
    assert result.exit_code == 0, result.stderr
    assert "Breathe in, 1" in result.stdout and "Saved. You practiced Every step." in result.stdout
    assert ProgressStore(data_dir).sessions()[0].answers == EXPECTED


def test_plain_menu_and_now_from_the_command_line(data_dir: Path) -> None:
    result = runner.invoke(coach_app, ["--plain"], input="2\nquit\n")
    assert result.exit_code == 0 and "not a crisis service" in result.stdout
    assert "Take care." in result.stdout
    result = runner.invoke(coach_app, ["now", "--plain"], input="")
    assert result.exit_code == 0
    assert "Feet on the floor" in result.stdout  # the quickest grounding exercise, then EOF


def test_a_pipe_gets_plain_mode_without_asking(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coach", "--packs", str(EVERY_STEP_PACK), "run", "test/short"],
        input="5\ncalm\n\nno\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "Saved. You practiced A short one." in done.stdout
    assert "\x1b" not in done.stdout + done.stderr
    assert ProgressStore(data_dir).sessions()[0].answers == {"before": 5, "word": "calm"}
