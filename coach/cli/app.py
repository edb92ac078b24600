"""The Typer app: global options, the callback (the home screen when no command is given),
every command registered in the order `coach --help` lists them, and the one error boundary.

Command bodies live by topic (packs, practice, history, therapist, safety) and import packs,
the store and the full-screen app only when they run: `coach list` never pays for Textual.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from coach import __version__
from coach.cli import history, packs, practice, safety, safety_plan, therapist
from coach.cli.assemble import home
from coach.cli.boundary import guarded
from coach.cli.settings import Settings, resolve

_USAGE = (typer.Exit, typer.Abort, typer.TyperException)  # usage errors and exits, as Typer says


class _ErrorBoundary(TyperGroup):
    """Every command runs inside the one error boundary (`coach.cli.boundary.guarded`)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:  # global options are taken after the command too
            from coach.cli.fast import hoisted

            args = hoisted(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            with guarded(passthrough=_USAGE):
                return super().invoke(ctx)
        except typer.BadParameter as err:  # pydantic's words never reach a person
            from coach.cli.usage import plainer

            plainer(err)
            raise
        finally:  # anything the store repaired while the command ran is said, whatever happened
            if isinstance(ctx.obj, Settings):
                ctx.obj.announce()


app = typer.Typer(
    cls=_ErrorBoundary,
    help="A calm, private coach for practicing therapy skills between sessions.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coach {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    data_dir: Annotated[
        str | None,
        typer.Option(
            "--data-dir",
            envvar="COACH_DATA_DIR",
            metavar="DIR",
            help="Folder for your practice history and installed packs.",
            show_default=False,
        ),
    ] = None,
    pack_paths: Annotated[
        list[Path] | None,
        typer.Option(
            "--packs",
            metavar="PATH",
            help="An extra pack file or folder (repeatable). COACH_PACKS adds more, "
            "separated by ':'.",
            show_default=False,
        ),
    ] = None,
    passphrase_file: Annotated[
        Path | None,
        typer.Option(
            "--passphrase-file",
            metavar="FILE",
            help="For encrypted data: read the passphrase from this file's first line "
            "(COACH_PASSPHRASE works too). Without either, coach asks.",
            show_default=False,
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Plain lines instead of the full-screen app: for screen readers and pipes "
            "(used by itself when input or output is not a terminal).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = resolve(data_dir, pack_paths or [], passphrase_file, plain)
    if ctx.invoked_subcommand is None:
        home(ctx.obj)


pack_app = typer.Typer(
    cls=_ErrorBoundary,
    help="Install, list, remove and start packs of exercises.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

app.command("list")(packs.list_exercises)
app.command("show")(packs.show)
app.command("find")(packs.find)
app.command("validate")(packs.validate)
pack_app.command("install")(packs.pack_install)
pack_app.command("list")(packs.pack_list)
pack_app.command("remove")(packs.pack_remove)
pack_app.command("new")(packs.pack_new)
app.command("plan")(therapist.plan)
app.command("report")(therapist.report)
app.command("prep")(therapist.prep)
app.command("schema")(packs.schema)
app.command("run")(practice.run_exercise)
app.command("now")(practice.now)
app.command("history")(history.history)
app.command("stats")(history.stats)
app.command("export")(history.export_history)
app.command("import")(history.import_history)
app.command("backup")(safety.backup)
app.command("doctor")(safety.doctor)
app.command("crisis")(safety.crisis)
app.command("safety-plan")(safety_plan.safety_plan)
app.command("encrypt")(safety.encrypt)
app.command("decrypt")(safety.decrypt)
app.command("passphrase")(safety.change_passphrase)
app.add_typer(pack_app, name="pack")
