"""Packs: each pack's description, version, author, plan and exercises; install and remove."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.errors import CoachError, PackError
from coach.text import clean
from coach.tui.text import plain, styled
from coach.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from coach.packs.library import Library, LoadedPack
    from coach.tui.app import CoachApp

ORIGINS = {"built-in": "comes with coach", "installed": "installed", "extra": "added with --packs"}
PATH_LIMIT = 4096


class PacksScreen(Screen[None]):
    """One block per pack with its exercises to open; packs that could not be read at the end."""

    CSS_PATH = ["../styles/screens.tcss", "../styles/packs.tcss"]
    AUTO_FOCUS = None  # the first list takes the focus with the pack's heading still in view

    BINDINGS = [
        Binding("escape", "leave", "Home"),
        Binding("i", "install", "Install a pack"),
        Binding("d", "remove", "Remove this pack"),
    ]

    def __init__(self, library: Library, data_dir: Path | None = None) -> None:
        super().__init__()
        self.library = library
        self.data_dir = data_dir
        self.message: Content | None = None
        self.typed = ""

    def compose(self) -> Any:
        yield Static(styled("Your packs", "bold"), id="packs-title")
        with VerticalScroll(id="packs-body", can_focus=False):
            for n, loaded in enumerate(self.library.packs):
                yield Static(describe(loaded), classes="pack-block")
                options = [
                    Option(exercise_line(loaded, ex), id=f"{loaded.pack.id}/{ex.id}")
                    for ex in loaded.pack.exercises
                ]
                yield OptionList(*options, id=f"pack-{n}", classes="pack-exercises")
            for problem in self.library.problems:
                first = problem.problems[0] if problem.problems else None
                text = Content.assemble(
                    Content("A pack could not be read and was left out: ").stylize("dim"),
                    plain(str(first) if first else problem.file),
                )
                yield Static(text, classes="pack-block")
        yield Input(
            self.typed,
            placeholder="The path of a pack file (.yaml), then enter",
            id="pack-path",
            classes="hidden",
            max_length=PATH_LIMIT,
        )
        yield Static(
            self.message if self.message is not None else Content(""),
            id="packs-message",
            classes="" if self.message else "hidden",
        )
        yield KeysFooter()

    # ---- opening an exercise ----------------------------------------------------------------

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        full_id = event.option.id
        if full_id:
            await self.app.run_action(f"preview({full_id!r})")

    # ---- install ------------------------------------------------------------------------------

    def action_install(self) -> None:
        field = self.query_one("#pack-path", Input)
        field.remove_class("hidden")
        field.focus()

    def action_leave(self) -> None:
        field = self.query_one("#pack-path", Input)
        if field.has_focus:  # escape closes the path field first
            field.value = ""
            field.add_class("hidden")
            self._focus_first()
            return
        self.app.pop_screen()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = clean(event.value, limit=PATH_LIMIT).strip()
        if not typed:
            return
        self.typed = typed  # kept while the pack is refused, to change and try again
        from coach.packs.install import install

        try:
            done = install(self._data_dir(), Path(typed))
        except PackError as err:
            await self._say(refusal(err), error=True)
            return
        except CoachError as err:
            await self._say(plain(f"Nothing was installed. {err}"), error=True)
            return
        self.typed = ""
        await self._changed(plain(done.sentence()))

    # ---- remove -------------------------------------------------------------------------------

    def action_remove(self) -> None:
        loaded = self._focused_pack()
        if loaded is None:
            self.notify("Move to a pack's exercises first, then press d.", markup=False)
            return
        pack = loaded.pack
        if loaded.origin != "installed":
            where = "comes with coach" if loaded.origin == "built-in" else "was added with --packs"
            self.run_worker(
                self._say(plain(f"{pack.title} {where}, so it cannot be removed here."))
            )
            return
        from coach.tui.screens.confirm import ConfirmModal

        question = clean(f"Remove {pack.title} ({pack.id})? Your history of its exercises stays.")

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._remove(pack.id)

        self.app.push_screen(ConfirmModal(question, "Y removes it.", "N keeps it."), answered)

    async def _remove(self, pack_id: str) -> None:
        from coach.packs.install import remove

        try:
            pack = remove(self._data_dir(), pack_id)
        except CoachError as err:
            await self._say(plain(str(err)), error=True)
            return
        await self._changed(
            plain(f"Removed {pack.title} ({pack.id}). Your history of its exercises stays.")
        )

    # ---- after a change -----------------------------------------------------------------------

    async def _changed(self, said: Content) -> None:
        """The packs read again, the home list following, and the screen drawn again."""
        from coach.packs import index
        from coach.packs.library import Library

        app: CoachApp = self.app  # type: ignore[assignment]
        data_dir = self._data_dir()
        index.forget(data_dir)  # the next start validates the packs again and keeps a new one
        fresh = self.library.fresh()
        if fresh.read_from is None or fresh.read_from[0] is None:
            extra = fresh.read_from[1] if fresh.read_from else ()
            fresh = Library.load(data_dir, extra)
        self.library = fresh
        app.library = fresh
        app.refresh_home()
        await self._say(said)

    async def _say(self, text: Content, error: bool = False) -> None:
        self.message = text
        await self.recompose()
        message = self.query_one("#packs-message", Static)
        message.set_class(error, "refused")
        if error and self.typed:
            field = self.query_one("#pack-path", Input)
            field.remove_class("hidden")
            field.focus()
            return
        self._focus_first()

    def _focus_first(self) -> None:
        lists = list(self.query(OptionList))
        if lists:
            lists[0].focus(scroll_visible=False)

    def on_mount(self) -> None:
        self._focus_first()
        self.call_after_refresh(self.query_one("#packs-body").scroll_home, animate=False)

    def _focused_pack(self) -> LoadedPack | None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.id and focused.id.startswith("pack-"):
            n = int(focused.id.removeprefix("pack-"))
            if n < len(self.library.packs):
                return self.library.packs[n]
        return None

    def _data_dir(self) -> Path:
        if self.library.read_from is not None and self.library.read_from[0] is not None:
            return self.library.read_from[0]
        if self.data_dir is not None:
            return self.data_dir
        raise CoachError("coach does not know your data folder here, so packs cannot change.")


def refusal(err: PackError) -> Content:
    """A refused pack, calmly: nothing installed, then each problem with its file, line and field."""
    lines = [Content("Nothing was installed. The pack needs a change first:")]
    for problem in err.problems[:8]:
        lines.append(Content.assemble("  ", plain(str(problem))))
    if len(err.problems) > 8:
        lines.append(Content(f"  and {len(err.problems) - 8} more (coach validate shows them all)"))
    return Content("\n").join(lines)


def unwrapped(markdown: str) -> str:
    """A description's paragraphs as flowing lines (its **emphasis** marks left out)."""
    paragraphs = re.split(r"\n\s*\n", markdown.strip())
    text = "\n".join(" ".join(p.split()) for p in paragraphs)
    return re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"\1", text)


def exercise_line(loaded: LoadedPack, exercise: Any) -> Content:
    minutes = f" · {exercise.minutes:g} min" if exercise.minutes else ""
    return Content.assemble(
        plain(exercise.title), Content(f"{minutes} · {exercise.skill}").stylize("dim")
    )


def describe(loaded: LoadedPack) -> Content:
    """A pack's title, id, version, author, where it came from, description and plan."""
    pack = loaded.pack
    lines = [
        Content.assemble(
            styled(pack.title, "bold"),
            "  ",
            Content(f"{pack.id} · version ").stylize("dim"),
            plain(pack.version),
        ),
    ]
    n = len(pack.exercises)
    facts = f"{n} exercise{'s' if n != 1 else ''}, {ORIGINS.get(loaded.origin, loaded.origin)}"
    lines.append(
        Content.assemble(
            Content("by ").stylize("dim"),
            plain(pack.author or "an unnamed author"),
            Content(f" · {facts}").stylize("dim"),
        )
    )
    if pack.description:
        lines.append(plain(unwrapped(pack.description)))
    if pack.plan:
        lines.append(Content("Suggested practice:"))
        for entry in pack.plan:
            exercise = pack.exercise(entry.exercise)
            title = exercise.title if exercise else entry.exercise
            times = "once a week" if entry.per_week == 1 else f"{entry.per_week} times a week"
            dates = ""
            if entry.from_ or entry.until:
                dates = f" ({entry.from_ or '…'} to {entry.until or '…'})"
            note = Content.assemble(": ", plain(entry.note)) if entry.note else Content("")
            lines.append(Content.assemble("  · ", plain(title), f", {times}{dates}", note))
    return Content("\n").join(lines)
