"""The fast path for the light commands (`--version`, `crisis`, `list`, `show`, `find`, `plan`):
their usual, well-formed command lines run without loading Typer, whose option parsing loads
pydantic on every command.

Only what is read here for certain is run here; anything else (help, an unknown or misspelt
option, a missing argument, `--`) returns False and goes to the Typer app, which says what is
wrong in its own words. Both paths run the same bodies (`coach.cli.light`) inside the same error
boundary, so they print the same lines and exit the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GLOBAL_VALUES = {"--data-dir", "--packs", "--passphrase-file"}
VALUE_OPTIONS = {"--region", "--skill"}
"""The commands' options that take a value (a command's block may add its own)."""
SKILLS = ("grounding", "boundaries", "regulation", "other")
"""The values `coach list --skill` takes (coach.cli.packs.Skill)."""


OWN_GLOBALS = {
    "run": {"--plain"},
    "now": {"--plain"},
    "encrypt": {"--passphrase-file"},
    "decrypt": {"--passphrase-file"},
    "passphrase": {"--passphrase-file"},
}
"""Commands with an option of a global option's name: after them, it is the command's own."""


def hoisted(args: list[str]) -> list[str]:
    """The command line with the global options typed after the command moved before it, so
    `coach list --packs X` means `coach --packs X list` (nothing after `--` is moved)."""
    at = 0
    while at < len(args) and args[at].startswith("-") and args[at] != "--":
        at += 2 if args[at] in GLOBAL_VALUES else 1
    if at >= len(args) or args[at] == "--":
        return list(args)
    own = OWN_GLOBALS.get(args[at], set())
    before, after = list(args[:at]), [args[at]]
    rest = args[at + 1 :]
    while rest:
        token = rest.pop(0)
        if token == "--":
            after += [token, *rest]
            break
        name = token.partition("=")[0]
        if name in own or not (token == "--plain" or name in GLOBAL_VALUES):
            after.append(token)
        elif token == "--plain" or "=" in token:
            before.append(token)
        elif rest:
            before += [token, rest.pop(0)]
        else:
            after.append(token)  # a value is missing: Typer says so in its own words
    return before + after


@dataclass
class Line:
    """A command line read for the fast path: global options, the command, its words and flags."""

    data_dir: str | None = None
    packs: list[str] = field(default_factory=list)
    passphrase_file: str | None = None
    plain: bool = False
    command: str = ""
    words: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    values: dict[str, str] = field(default_factory=dict)


def read(args: list[str], flags: set[str], options: set[str]) -> Line | None:
    """The command line, when every part of it is known; None for anything else."""
    line = Line()
    rest = list(args)
    while rest and rest[0].startswith("-"):  # global options, before the command
        name, value = _split(rest)
        if name == "--plain" and value is None:
            line.plain = True
        elif name in GLOBAL_VALUES and value is not None:
            if name == "--data-dir":
                line.data_dir = value
            elif name == "--packs":
                line.packs.append(value)
            else:
                line.passphrase_file = value
        else:
            return None
    if not rest:
        return None
    line.command = rest.pop(0)
    while rest:
        if not rest[0].startswith("-") or rest[0] == "-":
            line.words.append(rest.pop(0))
            continue
        name, value = _split(rest)
        if name in flags and value is None:
            line.flags.add(name)
        elif name in options and value is not None and name not in line.values:
            line.values[name] = value
        else:
            return None
    return line


def _split(rest: list[str]) -> tuple[str, str | None]:
    """Take one option (and its value, as `--name value` or `--name=value`) off the front."""
    token = rest.pop(0)
    if "=" in token:
        name, _, value = token.partition("=")
        return name, value
    if token in GLOBAL_VALUES or token in VALUE_OPTIONS:
        return token, rest.pop(0) if rest else None
    return token, None


COMMANDS: dict[str, tuple[set[str], set[str], Callable[[Line], bool]]] = {}


def command(
    name: str, flags: set[str], options: set[str]
) -> Callable[[Callable[[Line], bool]], Callable[[Line], bool]]:
    """Register a light command's fast path: its flags, its options that take a value."""

    def register(body: Callable[[Line], bool]) -> Callable[[Line], bool]:
        COMMANDS[name] = (flags, options, body)
        return body

    return register


def run(args: list[str]) -> bool:
    """Run a light command here and return True; False when the Typer app should run it."""
    if args == ["--version"]:
        from coach import __version__
        from coach.cli.light import echo

        echo(f"coach {__version__}")
        return True
    name = next((a for a in args if not a.startswith("-")), "")
    if name not in COMMANDS:
        return False
    flags, options, body = COMMANDS[name]
    line = read(args, flags, options)
    return line is not None and line.command == name and body(line)


def _guarded(line: Line, call: Callable[..., None], *args: object) -> bool:
    """Resolve the settings and run one body inside the error boundary, as the Typer app does."""
    from coach.cli.boundary import guarded
    from coach.cli.settings import resolve

    settings = None
    try:
        with guarded():
            passphrase = Path(line.passphrase_file) if line.passphrase_file is not None else None
            settings = resolve(line.data_dir, [Path(p) for p in line.packs], passphrase, line.plain)
            call(settings, *args)
    finally:
        if settings is not None:
            settings.announce()
    return True


def _cleaned(value: str) -> str:
    from coach.cli.light import cleaned

    return str(cleaned(value))


@command("crisis", {"--all"}, {"--region"})
def _crisis(line: Line) -> bool:
    from coach.cli import light

    if line.words:
        return False
    region = line.values.get("--region")
    region = _cleaned(region) if region is not None else None
    return _guarded(line, light.crisis, region, "--all" in line.flags)


@command("list", {"--json"}, {"--skill"})
def _list(line: Line) -> bool:
    from coach.cli import light

    skill = line.values.get("--skill")
    if line.words or (skill is not None and skill not in SKILLS):
        return False
    return _guarded(line, light.list_exercises, skill, "--json" in line.flags)


@command("show", {"--json"}, set())
def _show(line: Line) -> bool:
    from coach.cli import light

    if len(line.words) != 1:
        return False
    return _guarded(line, light.show, _cleaned(line.words[0]), "--json" in line.flags)


@command("find", {"--json"}, set())
def _find(line: Line) -> bool:
    from coach.cli import light

    if not line.words:
        return False
    words = [_cleaned(w) for w in line.words]
    return _guarded(line, light.find, words, "--json" in line.flags)


@command("plan", {"--json"}, set())
def _plan(line: Line) -> bool:
    from coach.cli import light

    if line.words:
        return False
    return _guarded(line, light.plan, "--json" in line.flags)


# ---- history: its first page without Typer (coach.cli.history_page) ---------------------------

VALUE_OPTIONS.update({"--limit", "--since", "--exercise"})


@command("history", {"--all"}, {"--limit", "--since", "--exercise"})
def _history(line: Line) -> bool:
    import datetime as dt

    from coach.cli import history_page

    limit, since = line.values.get("--limit"), line.values.get("--since")
    exercise = line.values.get("--exercise")
    if line.words or (limit is not None and (not limit.isascii() or not limit.isdigit())):
        return False
    count = int(limit) if limit is not None else None
    if (count is not None and (count < 1 or "--all" in line.flags)) or (
        since is not None and not _plain_date(since)
    ):
        return False
    start = dt.date.fromisoformat(since) if since is not None else None
    exercise = _cleaned(exercise) if exercise is not None else None
    return _guarded(line, history_page.show, since, start, exercise, count, "--all" in line.flags)


def _plain_date(value: str) -> bool:
    """A YYYY-MM-DD date in the years a record can have (others go through Typer's checks)."""
    import datetime as dt

    try:
        return 1970 <= dt.date.fromisoformat(value).year <= 2200
    except ValueError:
        return False
