"""Commands that keep a person and their data safe: crisis lines, encryption, backups, doctor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from coach.cli import light
from coach.cli.options import (
    ForceOption,
    JsonOption,
    PassphraseFileOption,
    cleaned,
    print_json,
    refuse_overwrite,
    settings,
)
from coach.cli.options import shown as _shown
from coach.cli.output import literal, say, stdout_console
from coach.cli.settings import Settings
from coach.errors import CoachError


def crisis(
    ctx: typer.Context,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar="CODE",
            help="A region code such as US, GB, IE, CA, AU, NZ, IN, DE, FR, ES, ZA or OTHER. Otherwise your setting, or COACH_REGION.",
            show_default=False,
            callback=cleaned,
        ),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Every region's lines.")] = False,
) -> None:
    """Crisis lines you can reach now. coach never contacts anyone."""
    light.crisis(settings(ctx), region, show_all)


def region_setting(found: Settings) -> object:
    """The region setting, if it can be read without asking for anything; never an error."""
    return light.region_setting(found)


def backup(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="Write a zip of your data here.")
    ] = None,
    force: ForceOption = False,
) -> None:
    """Back up your data now (a zip; without --out it goes in the backups folder)."""
    from coach.store.backup import snapshot_zip, write_private

    refuse_overwrite(out, force)
    store = settings(ctx).store()
    stamp = store.clock().strftime("%Y%m%d-%H%M%S")
    target = out or store.root / "backups" / "manual" / f"coach-backup-{stamp}.zip"
    if out is None:
        from coach.store.storage import private_dir

        private_dir(target.parent)  # backups/ and backups/manual/, 0700 whatever the umask
    with store.writing():  # no other coach files sessions away while the zip is made
        files = store.files()
        data = snapshot_zip(files, store.root)
    write_private(target, data)
    say(f"Backed up {len(files)} file{'s' if len(files) != 1 else ''} to {_shown(target)}.")


def doctor(
    ctx: typer.Context,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", help="Mend what can be mended: permissions, temp files, unreadable files."
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Check your data folder: permissions, every file, backups, leftovers. Exit 1 if something needs attention."""
    from coach.clock import local_now
    from coach.store.doctor import examine

    found = settings(ctx)
    if fix and found.data_dir.exists():
        for line in found.store().repair():
            say(line, soft_wrap=True)
    findings = examine(found.data_dir, local_now().date(), found.codec())
    if as_json:
        print_json({"ok": all(f.ok for f in findings), "findings": [f.__dict__ for f in findings]})
    else:
        out = stdout_console()
        out.print(literal(f"Data folder: {found.data_dir}"))
        for f in findings:
            mark = ("ok      " if f.ok else "look at ", "green" if f.ok else "yellow")
            out.print(Text.assemble(mark, literal(f.message)), soft_wrap=True)
            if f.fix:
                out.print(literal(f"        {f.fix}", style="dim"), soft_wrap=True)
        if all(f.ok for f in findings):
            out.print(Text("Everything looks fine."))
    if not all(f.ok for f in findings):
        raise typer.Exit(1)


def _passphrase(found: Settings, file: Path | None, prompt: str = "Passphrase: ") -> str:
    from coach.cli import passphrase

    given = passphrase.given(file or found.passphrase_file)
    return given if given is not None else passphrase.ask(prompt)


def encrypt(ctx: typer.Context, passphrase_file: PassphraseFileOption = None) -> None:
    """Encrypt your data folder with a passphrase (AES-256-GCM; see SECURITY.md)."""
    from coach.cli import passphrase
    from coach.store.crypto import ENCRYPTED, read_keyring
    from coach.store.vault import encrypt_folder

    found = settings(ctx)
    root = found.data_dir
    carrying_on = found.encrypted()
    if carrying_on and read_keyring(root).state == ENCRYPTED:
        raise CoachError(
            "Your data is already encrypted. `coach passphrase` changes the passphrase."
        )
    if carrying_on:  # an earlier `coach encrypt` stopped part way: same key, same passphrase
        secret = _passphrase(found, passphrase_file)
    else:
        given = passphrase.given(passphrase_file or found.passphrase_file)
        secret = passphrase.check_new(given) if given is not None else passphrase.ask_new()
    changed = encrypt_folder(root, secret)
    say(
        f"Your data is encrypted ({changed.words()} sealed in {root}). coach asks for the "
        "passphrase each time it opens. Keep the passphrase somewhere safe: without it, no "
        "one can open your practice, and that includes you.",
        soft_wrap=True,
    )


def decrypt(ctx: typer.Context, passphrase_file: PassphraseFileOption = None) -> None:
    """Turn encryption off: your data is stored as plain files again, readable by you only."""
    from coach.store.vault import decrypt_folder

    found = settings(ctx)
    if not found.encrypted():
        raise CoachError("Your data is not encrypted; there is nothing to decrypt.")
    changed = decrypt_folder(found.data_dir, _passphrase(found, passphrase_file))
    say(
        f"Your data is no longer encrypted ({changed.words()} opened in {found.data_dir}). "
        "The files are readable by you only, as before.",
        soft_wrap=True,
    )


def change_passphrase(
    ctx: typer.Context,
    passphrase_file: PassphraseFileOption = None,
    new_passphrase_file: Annotated[
        Path | None,
        typer.Option(
            "--new-passphrase-file",
            metavar="FILE",
            help="Read the new passphrase from this file's first line.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Change the passphrase of your encrypted data (one key is re-wrapped; quick)."""
    from coach.cli import passphrase
    from coach.store.vault import change_passphrase as rewrap

    found = settings(ctx)
    if not found.encrypted():
        raise CoachError("Your data is not encrypted. `coach encrypt` turns encryption on.")
    old = _passphrase(found, passphrase_file, "Current passphrase: ")
    new = (
        passphrase.check_new(passphrase.from_file(new_passphrase_file))
        if new_passphrase_file is not None
        else passphrase.ask_new()
    )
    rewrap(found.data_dir, old, new)
    say("Your passphrase is changed. Use the new one from now on.")
