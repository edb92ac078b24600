"""Installing, upgrading and removing packs, and writing a starter pack for a new one.

A pack is checked in full before anything is copied; an invalid one installs nothing. History is
kept by exercise id, so removing or upgrading a pack never touches a session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from coach import paths
from coach.errors import CoachError
from coach.files import describe_os_error, private_dir, read_bounded, write_private
from coach.packs.loader import load_pack, parse_pack
from coach.packs.model import Pack
from coach.packs.yamltree import MAX_BYTES


@dataclass(frozen=True)
class Installed:
    """What `install` did: a new pack, an upgrade (or another version), or nothing new."""

    pack: Pack
    path: Path
    previous_version: str | None
    unchanged: bool = False

    def sentence(self) -> str:
        name = f"{self.pack.title} ({self.pack.id})"
        if self.unchanged:
            return f"{name} {self.pack.version} is already installed; nothing changed."
        if self.previous_version is None:
            return f"Installed {name}, version {self.pack.version}, with {_count(len(self.pack.exercises), 'exercise')}."
        if version_key(self.pack.version) < version_key(self.previous_version):
            return (
                f"Installed the older version {self.pack.version} of {name} in place of "
                f"{self.previous_version}. Your history is kept."
            )
        if self.pack.version == self.previous_version:
            return f"Replaced {name} {self.pack.version} with this copy. Your history is kept."
        return f"Upgraded {name} from version {self.previous_version} to {self.pack.version}. Your history is kept."


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Versions compared as people mean them: 1.10 after 1.9, numbers before words."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.\-+_]", version)
    )


def install(data_dir: Path, source: Path, force: bool = False) -> Installed:
    """Check `source` and copy it into `<data>/packs/` as `<id>.yaml`; refuse what is not right.

    The file is read once, bounded, and only if it is a regular file; the bytes that were checked
    are the bytes installed, whatever happens to the file meanwhile.
    """
    raw = read_bounded(source.expanduser(), MAX_BYTES)
    pack = parse_pack(raw, str(source))  # raises PackError with every problem: nothing installed
    if pack.id in _built_in_ids():
        raise CoachError(
            f"The pack id {pack.id!r} belongs to a pack that comes with coach. "
            "Give your pack its own id (the `id:` line near the top) and install it again."
        )
    folder = private_dir(paths.installed_packs_dir(data_dir))
    target = folder / f"{pack.id}.yaml"
    previous: Pack | None = None
    if target.exists():
        try:
            installed = read_bounded(target, MAX_BYTES)
            previous = parse_pack(installed, str(target))
        except CoachError:
            previous = None  # an unreadable installed copy is simply replaced
    if previous is not None:
        if installed == raw:
            return Installed(pack, target, previous.version, unchanged=True)
        if version_key(pack.version) < version_key(previous.version) and not force:
            raise CoachError(
                f"This is version {pack.version} of {pack.id}, older than the installed "
                f"{previous.version}. To install it anyway, add --force."
            )
    write_private(target, raw)
    return Installed(pack, target, previous.version if previous else None)


def _not_installed(data_dir: Path, pack_id: str) -> str:
    """No installed pack has that id: the close ones, or where to see them."""
    from coach.packs.search import close_names, said_close

    try:
        ids = sorted(p.stem for p in paths.installed_packs_dir(data_dir).glob("*.yaml"))
    except OSError:
        ids = []
    hint = said_close(close_names(pack_id, [(i, (i,)) for i in ids]))
    if hint:
        return f"No installed pack is called {pack_id!r}, so nothing was removed.{hint}"
    return (
        f"No installed pack is called {pack_id!r}, so nothing was removed. "
        "`coach pack list` shows the installed packs and their ids."
    )


def remove(data_dir: Path, pack_id: str) -> Pack:
    """Remove an installed pack by its id; sessions of its exercises stay in your history.

    Only `<data>/packs/<id>.yaml` holding a pack with that id is removed: a path, a name with a
    folder in it, or an id that is not installed changes nothing.
    """
    not_installed = CoachError(_not_installed(data_dir, pack_id))
    if not _ID.fullmatch(pack_id):
        raise not_installed
    folder = paths.installed_packs_dir(data_dir)
    target = folder / f"{pack_id}.yaml"
    if not target.is_file() or target.is_symlink() or target.parent != folder:
        if pack_id in _built_in_ids():
            raise CoachError(f"{pack_id!r} comes with coach and cannot be removed.")
        raise not_installed
    try:
        pack = parse_pack(read_bounded(target, MAX_BYTES), str(target))
    except CoachError:
        raise CoachError(
            f"{target} could not be read as a pack, so coach did not remove it; "
            "you can delete it yourself if you no longer want it."
        ) from None
    if pack.id != pack_id:
        raise not_installed
    try:
        target.unlink()
    except OSError as err:
        raise CoachError(
            f"{target} could not be removed because {describe_os_error(err)}."
        ) from None
    return pack


_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def _built_in_ids() -> set[str]:
    found = set()
    for path in sorted(paths.builtin_packs_dir().glob("*.y*ml")):
        try:
            found.add(load_pack(path).id)
        except CoachError:
            continue
    return found


STARTER = """\
# yaml-language-server: $schema=pack.schema.json
#
# pack.schema.json beside this file describes the format for editors that read it;
# `coach schema > pack.schema.json` writes it again. Share the .yaml file: nothing in it
# points into your computer.
#
# A starter pack for coach. Change anything: `coach validate {pack_id}.yaml` checks it,
# and `coach pack install {pack_id}.yaml` gives it to coach. Keys that start with x- are
# kept and ignored, for your own notes. The format: coach-pack/1.
format: coach-pack/1
id: {pack_id}
title: My group's practice
version: "0.1.0"
author: Your name or your group
description: |
  What this pack is for, in a sentence or two. *Markdown* works here.

exercises:
  # An exercise: a title, a skill (grounding, boundaries, regulation or other), a one-line
  # summary, and steps. `when` lists situations it helps with: people can search by them.
  - id: slow-breath
    title: Three slow breaths
    skill: grounding
    summary: A short pause with longer breaths out, before a hard moment.
    minutes: 3
    why: |
      A longer breath out tells your body it can slow down.
    when: ["before a hard talk", "feeling rushed"]
    tags: [breath, anywhere]
    steps:
      # distress: before and after mark the ratings coach compares over time
      - {{type: rating, id: before, prompt: "How tense do you feel?", distress: before,
         labels: {{0: calm, 10: very tense}}}}
      - type: read
        text: |
          Sit or stand comfortably. Let your shoulders drop.
      - {{type: breathe, pattern: [{{in: 4}}, {{out: 6}}], cycles: 3}}
      - {{type: text, id: noticed, prompt: "What did you notice?", optional: true}}
      - {{type: rating, id: after, prompt: "And now?", distress: after}}

  - id: my-request
    title: Plan a request
    skill: boundaries
    summary: Put a request into words before you make it.
    minutes: 6
    steps:
      - {{type: text, id: situation, prompt: "What is happening, in plain facts?"}}
      - type: choice
        id: feeling
        prompt: How do you feel about it?
        options: [upset, worried, tired, hurt]
        other: true
      - {{type: text, id: ask, prompt: "What exactly are you asking for?"}}
      - {{type: checklist, id: ready, prompt: "Before you ask:", items: ["I know my ask", "I picked a good time"]}}
      # a script puts earlier answers together: {{step-id}} names an earlier answer. A line whose
      # answers were all skipped is left out, and [[ ... ]] is kept only when its answers are there.
      - type: script
        id: words
        prompt: Read it aloud once. Change anything that doesn't sound like you.
        template: |
          Here is what is happening: {{situation}}.
          I feel {{feeling}}[[, and I need {{ask}}]].
          Could we talk about it?

# The plan: how often you suggest practicing each exercise. coach shows it kindly,
# as "2 of 3 this week", never as a streak.
plan:
  - {{exercise: slow-breath, per_week: 3, note: "Try it before work."}}
  - {{exercise: my-request, per_week: 1}}
"""


def starter(pack_id: str) -> str:
    """A commented starter pack using several step types and a plan; it validates as written."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", pack_id):
        raise CoachError(
            f"{pack_id!r} cannot be a pack id: use lowercase letters, digits and -, starting "
            "with a letter or digit, at most 40 characters (like evening-skills)."
        )
    return STARTER.format(pack_id=pack_id)


def write_starter(folder: Path, pack_id: str) -> Path:
    """Write ID.yaml in `folder`, and pack.schema.json beside it when there is none."""
    text = starter(pack_id)
    target = folder / f"{pack_id}.yaml"
    if target.exists():
        raise CoachError(
            f"{target} is already there; nothing was written. Choose another id or move it."
        )
    target.write_text(text, encoding="utf-8")
    schema = folder / "pack.schema.json"
    if not schema.exists() and not schema.is_symlink():  # one already there is kept as it is
        from coach.packs.model import schema_text

        schema.write_text(schema_text(), encoding="utf-8")
    return target
